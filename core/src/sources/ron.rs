//! A hand-written (or exported) issue in RON: every string it gives is
//! cleaned like text read from any other file.

use super::{Body, Document, Outcome};
use crate::model::Issue;
use crate::read::decode;

/// A RON issue as one document.
pub fn read(name: &str, id: &str, bytes: &[u8]) -> Outcome {
    let text = match decode(bytes) {
        Ok((t, _, _)) => t,
        Err(why) => return Outcome::failed(name, why.to_string()),
    };
    let options = ::ron::Options::default()
        .with_default_extension(::ron::extensions::Extensions::IMPLICIT_SOME);
    let mut issue: Issue = match options.from_str(&text) {
        Ok(i) => i,
        Err(e) => return Outcome::failed(name, format!("not a valid RON issue: {e}")),
    };
    issue.for_each_string_mut(&mut crate::clean::clean_in_place);
    if issue.source.is_empty() {
        issue.source = name.to_string();
    }
    // A source or id is one line wherever it is shown.
    for s in [&mut issue.source, &mut issue.id] {
        if s.contains(['\n', '\t']) {
            *s = s.replace(['\n', '\t'], " ");
        }
    }
    let mut doc = Document::text(name, id, String::new(), "ron");
    doc.body = Body::Issue(Box::new(issue));
    Outcome::one(doc)
}
