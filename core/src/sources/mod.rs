//! Sources: one path (or one file's bytes) → zero or more documents.
//!
//! A document is what the parser reads: a name, structured plain text (or a
//! hand-written RON issue), the header facts its container gave (an
//! e-mail's Subject and Date), the encoding it was decoded from and the
//! links its markup carried. Its identity (`IssueId`) is given here, not
//! taken from the file name by the parser, so a mailbox file can hold
//! hundreds of documents.
//!
//! The format is recognised by content (magic bytes, headers, markup); the
//! extension is only a hint. One module per format:
//! [`text`] (plain text), [`ron`] (hand-written issues), [`eml`] (an
//! RFC 5322 message), [`mbox`] (a mailbox file, streamed), [`html`] (a saved
//! page or an HTML e-mail body), [`pdf`]. A Maildir folder is listed by
//! `read::list_dir`, each message read by [`eml`].
//!
//! Every format produces the plain text the text parser already reads:
//! headings as their own paragraph with blank lines around them, a
//! calendar table row as one "date title" line, list items as "- " lines,
//! captions as caption lines. Everything read is cleaned ([`crate::clean`]).

pub mod eml;
pub mod html;
pub mod mbox;
pub mod pdf;
pub mod ron;
pub mod text;

use std::io::Read;

use chrono::NaiveDate;

use crate::model::{Contact, Issue, Link};
use crate::read::{Entry, SourceFile, MAX_FILE_BYTES};
use crate::{parse, Warning, WarningKind};

/// What one document is made of.
#[derive(Debug)]
pub enum Body {
    /// Structured plain text for the parser.
    Text(String),
    /// A hand-written (or exported) issue.
    Issue(Box<Issue>),
}

/// One document read from a source.
#[derive(Debug)]
pub struct Document {
    /// Where it was read from: the file name, `FILE#N` for the N-th
    /// message of a mailbox, the path inside the issues folder for a
    /// Maildir message.
    pub source: String,
    /// Its identity: the file stem, `STEM#N` for a mailbox message.
    pub id: String,
    pub body: Body,
    /// The container's title (an e-mail's Subject), used when the text
    /// gives none.
    pub subject: Option<String>,
    /// The container's date (an e-mail's Date), used when the text gives
    /// none.
    pub date: Option<NaiveDate>,
    /// Encoding (or format) it was decoded from.
    pub encoding: String,
    /// Links of the markup: text and URL (http, https and mailto only).
    pub links: Vec<Link>,
    /// Warnings of reading it.
    pub warnings: Vec<Warning>,
}

impl Document {
    /// A text document with nothing but its text.
    pub fn text(source: &str, id: &str, text: String, encoding: &str) -> Document {
        Document {
            source: source.to_string(),
            id: id.to_string(),
            body: Body::Text(text),
            subject: None,
            date: None,
            encoding: encoding.to_string(),
            links: Vec::new(),
            warnings: Vec::new(),
        }
    }
}

/// What reading one source gave: its documents, and warnings about the
/// source itself (a message that could not be read, a file that is none).
#[derive(Debug, Default)]
pub struct Outcome {
    pub documents: Vec<Document>,
    pub warnings: Vec<Warning>,
}

impl Outcome {
    fn failed(source: &str, why: impl Into<String>) -> Outcome {
        Outcome {
            documents: Vec::new(),
            warnings: vec![Warning::new(source, WarningKind::Unreadable, why.into())],
        }
    }

    fn one(doc: Document) -> Outcome {
        Outcome {
            documents: vec![doc],
            warnings: Vec::new(),
        }
    }
}

/// A format, recognised by content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Text,
    Ron,
    Eml,
    Mbox,
    Html,
    Pdf,
}

/// Recognise a format from the first bytes of a file (its first few kB);
/// the name's extension decides only between formats the content leaves
/// open (a RON issue and plain text).
pub fn sniff(name: &str, head: &[u8]) -> Format {
    let ext = name
        .rsplit_once('.')
        .map(|(_, e)| e.to_ascii_lowercase())
        .unwrap_or_default();
    let head_text = String::from_utf8_lossy(&head[..head.len().min(4096)]);
    let trimmed = head_text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
    if head.windows(5).take(1024).any(|w| w == b"%PDF-") {
        return Format::Pdf;
    }
    if trimmed.starts_with("From ")
        && eml::looks_like_headers(trimmed.split_once('\n').map_or("", |(_, r)| r))
    {
        return Format::Mbox;
    }
    if eml::looks_like_headers(trimmed) {
        return Format::Eml;
    }
    if html::looks_like_html(trimmed, ext == "html" || ext == "htm") {
        return Format::Html;
    }
    if ext == "ron" {
        return Format::Ron;
    }
    Format::Text
}

/// Read a listed entry: opened without following it into a FIFO or device,
/// read up to the size limit (a mailbox is streamed message by message).
pub fn read_entry(entry: &Entry) -> Outcome {
    let mut file = match open_regular(&entry.path) {
        Ok(f) => f,
        Err(why) => return Outcome::failed(&entry.name, why),
    };
    let mut head = Vec::with_capacity(4096);
    if let Err(e) = (&mut file).take(4096).read_to_end(&mut head) {
        return Outcome::failed(&entry.name, e.to_string());
    }
    let format = sniff(&entry.name, &head);
    if format == Format::Mbox {
        let rest = std::io::BufReader::new(std::io::Cursor::new(head).chain(file));
        return mbox::read(&entry.name, &entry.id, rest);
    }
    let mut bytes = head;
    if let Err(e) = (&mut file)
        .take(MAX_FILE_BYTES + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
    {
        return Outcome::failed(&entry.name, e.to_string());
    }
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Outcome::failed(
            &entry.name,
            format!("file is more than the {MAX_FILE_BYTES} byte limit"),
        );
    }
    read_as(format, &entry.name, &entry.id, &bytes)
}

/// Open a file for reading only when it is a regular file. The open does
/// not block on a FIFO (O_NONBLOCK) and the type is that of the opened
/// file (fstat), so a file replaced after listing cannot hang the reader.
pub fn open_regular(path: &std::path::Path) -> Result<std::fs::File, String> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK | libc::O_NOCTTY);
    }
    let file = options.open(path).map_err(|e| e.to_string())?;
    let meta = file.metadata().map_err(|e| e.to_string())?;
    if !meta.is_file() {
        return Err(not_regular(&meta).to_string());
    }
    Ok(file)
}

/// Why an entry that is not a regular file cannot be read.
pub fn not_regular(meta: &std::fs::Metadata) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let t = meta.file_type();
        if t.is_fifo() {
            return "a named pipe (FIFO), not a file";
        }
        if t.is_char_device() || t.is_block_device() {
            return "a device, not a file";
        }
        if t.is_socket() {
            return "a socket, not a file";
        }
    }
    if meta.is_dir() {
        "a folder, not a file"
    } else {
        "not a regular file"
    }
}

/// Read a file already in memory (the bundled corpus, tests).
pub fn read_file(file: &SourceFile) -> Outcome {
    let id = parse::id_from_name(&file.name);
    let format = sniff(&file.name, &file.bytes);
    if format == Format::Mbox {
        return mbox::read(&file.name, &id, std::io::Cursor::new(&file.bytes[..]));
    }
    read_as(format, &file.name, &id, &file.bytes)
}

/// Read bytes of a known format as one source.
fn read_as(format: Format, name: &str, id: &str, bytes: &[u8]) -> Outcome {
    match format {
        Format::Text => text::read(name, id, bytes),
        Format::Ron => ron::read(name, id, bytes),
        Format::Eml => eml::read(name, id, bytes),
        Format::Mbox => mbox::read(name, id, std::io::Cursor::new(bytes)),
        Format::Html => html::read(name, id, bytes),
        Format::Pdf => pdf::read(name, id, bytes),
    }
}

/// Parse a document into an issue: its text through the parser, then the
/// container's facts where the text gave none (the Date header when the
/// text has no date, the Subject when it has no title of its own) and the
/// links on the articles whose text shows them.
pub fn into_issue(doc: Document) -> (Issue, Vec<Warning>) {
    let Document {
        source,
        id,
        body,
        subject,
        date,
        encoding,
        links,
        mut warnings,
    } = doc;
    let mut issue = match body {
        Body::Issue(issue) => {
            let mut issue = *issue;
            if issue.id.is_empty() {
                issue.id = id;
            }
            issue.encoding = encoding;
            issue.shrink_to_fit();
            return (issue, warnings);
        }
        Body::Text(text) => {
            let (mut issue, mut w) = parse::parse_issue(&source, &text);
            if issue.date.is_none() {
                if let Some(d) = date {
                    // The header dates the issue: parse again with it, so
                    // the calendar's days without a year resolve too.
                    let dated = format!("Datum: {}\n\n{text}", d.format("%Y-%m-%d"));
                    (issue, w) = parse::parse_issue(&source, &dated);
                }
            }
            warnings.append(&mut w);
            issue
        }
    };
    if let Some(subject) = subject.filter(|s| !s.trim().is_empty()) {
        if issue.title == parse::id_from_name(&source) || issue.articles.is_empty() {
            issue.title = subject;
        }
    }
    issue.id = id;
    issue.encoding = encoding;
    attach_links(&mut issue, links);
    issue.shrink_to_fit();
    (issue, warnings)
}

/// Give each link to the article whose text shows it (its title or a
/// block), else to the first article; `mailto:` addresses become contact
/// e-mails of that article.
fn attach_links(issue: &mut Issue, links: Vec<Link>) {
    if issue.articles.is_empty() {
        return;
    }
    for link in links {
        let key = crate::text::fold_key(&link.text);
        let at = if key.is_empty() {
            None
        } else {
            issue.articles.iter().position(|a| {
                crate::text::fold_key(&a.title).contains(&key)
                    || a.blocks.iter().any(|b| block_text(b).contains(&key))
            })
        };
        let article = &mut issue.articles[at.unwrap_or(0)];
        if let Some(address) = link.url.strip_prefix("mailto:") {
            let address = address
                .split('?')
                .next()
                .unwrap_or("")
                .trim()
                .to_lowercase();
            if !address.is_empty()
                && !article.contacts.iter().any(|c| {
                    c.email
                        .as_deref()
                        .is_some_and(|e| e.eq_ignore_ascii_case(&address))
                })
            {
                let name = Some(link.text.trim())
                    .filter(|t| !t.is_empty() && !t.contains('@'))
                    .map(str::to_string);
                // The contact the link names ("Kontakta Erik Lund" is Erik
                // Lund's address), else one of that exact name.
                let text_key = crate::text::fold_key(&link.text);
                let names = |c: &Contact| {
                    c.name.as_ref().is_some_and(|n| {
                        let k = crate::text::fold_key(n);
                        !k.is_empty() && format!(" {text_key} ").contains(&format!(" {k} "))
                    })
                };
                match article
                    .contacts
                    .iter_mut()
                    .find(|c| c.email.is_none() && (names(c) || c.name.is_some() && c.name == name))
                {
                    Some(c) => c.email = Some(address),
                    None => article.contacts.push(Contact {
                        name,
                        email: Some(address),
                        role: None,
                    }),
                }
            }
        }
        if !article
            .urls
            .iter()
            .any(|l| l.url == link.url && l.text == link.text)
        {
            article.urls.push(link);
        }
    }
}

fn block_text(b: &crate::model::Block) -> String {
    use crate::model::Block;
    match b {
        Block::Paragraph(t) | Block::Heading(t) | Block::Caption(t) | Block::Link(t) => {
            crate::text::fold_key(t)
        }
        Block::List(items) => crate::text::fold_key(&items.join(" ")),
    }
}

/// Keep a URL only when it is http, https or mailto (cleaned, trimmed).
pub fn allowed_url(url: &str) -> Option<String> {
    let url = crate::clean::clean(url.trim()).trim().to_string();
    let lower = url.to_ascii_lowercase();
    let ok = (lower.starts_with("https://") || lower.starts_with("http://")) && url.len() > 8
        || lower.starts_with("mailto:") && url.len() > 7;
    (ok && !url.chars().any(char::is_whitespace)).then_some(url)
}
