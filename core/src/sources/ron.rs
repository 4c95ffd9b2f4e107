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
    // Source and id are names, kept exactly like file names (every output
    // quotes them, `sanitize::show_name`); every other field is text,
    // cleaned where it enters.
    let (source, own_id) = (
        std::mem::take(&mut issue.source),
        std::mem::take(&mut issue.id),
    );
    issue.for_each_string_mut(&mut crate::clean::clean_in_place);
    issue.source = if source.is_empty() {
        name.to_string()
    } else {
        source
    };
    issue.id = own_id;
    let mut doc = Document::text(name, id, String::new(), "ron");
    doc.body = Body::Issue(Box::new(issue));
    Outcome::one(doc)
}
