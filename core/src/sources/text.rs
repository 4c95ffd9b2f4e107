//! Plain text: decoded (see `read::decode`), cleaned, parsed as it is.

use super::{Document, Outcome};
use crate::read::decode;
use crate::{Warning, WarningKind};

/// A plain-text file as one document.
pub fn read(name: &str, id: &str, bytes: &[u8]) -> Outcome {
    let (text, encoding, lossy) = match decode(bytes) {
        Ok(t) => t,
        Err(why) => return Outcome::failed(name, why.to_string()),
    };
    if text.trim().is_empty() {
        return Outcome::failed(name, "file is empty");
    }
    let mut doc = Document::text(name, id, text, encoding);
    if lossy {
        doc.warnings.push(Warning::new(
            name,
            WarningKind::Encoding,
            "invalid UTF-8 bytes were replaced".to_string(),
        ));
    }
    Outcome::one(doc)
}
