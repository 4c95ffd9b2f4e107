//! A mailbox file (mboxo or mboxrd: `mail-parser` unquotes `>From `
//! lines): each message one document, named `FILE#N` and identified as
//! `STEM#N`, N counting from 1 in file order. Read as a stream, one
//! message at a time, never whole.

use std::io::BufRead;

use mail_parser::mailbox::mbox::MessageIterator;

use super::Outcome;
use crate::read::MAX_FILE_BYTES;
use crate::{Warning, WarningKind};

/// Every message of a mailbox.
pub fn read(name: &str, id: &str, input: impl BufRead) -> Outcome {
    let mut out = Outcome::default();
    for (i, message) in MessageIterator::new(input).enumerate() {
        let n = i + 1;
        let source = format!("{name}#{n}");
        let message = match message {
            Ok(m) => m,
            Err(_) => {
                out.warnings.push(Warning::new(
                    &source,
                    WarningKind::Unreadable,
                    "the mailbox could not be read further".to_string(),
                ));
                break;
            }
        };
        if message.contents().len() as u64 > MAX_FILE_BYTES {
            out.warnings.push(Warning::new(
                &source,
                WarningKind::Unreadable,
                format!("message is more than the {MAX_FILE_BYTES} byte limit"),
            ));
            continue;
        }
        match super::eml::message(&source, &format!("{id}#{n}"), message.contents()) {
            Ok(doc) => out.documents.push(doc),
            Err(why) => out
                .warnings
                .push(Warning::new(&source, WarningKind::Unreadable, why)),
        }
    }
    if out.documents.is_empty() && out.warnings.is_empty() {
        out.warnings.push(Warning::new(
            name,
            WarningKind::Unreadable,
            "mailbox holds no message".to_string(),
        ));
    }
    out
}
