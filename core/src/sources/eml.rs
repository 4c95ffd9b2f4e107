//! E-mail (RFC 5322, MIME): one message as one document. `mail-parser`
//! decodes the MIME tree (multipart alternative/related/mixed,
//! quoted-printable and base64, the charsets, RFC 2047 subjects).
//!
//! The text part is read unless it is a stub ("Visas inte nyhetsbrevet
//! korrekt? …", only a link) or thinner than the HTML part, whose main
//! content is then read (see `html`). A forwarded newsletter is read from
//! its message/rfc822 part, or from after the forward line of an inline
//! forward (its "Från:/Ämne:" lines are read by the parser's header).

use std::sync::LazyLock;

use chrono::NaiveDate;
use mail_parser::{Message, MessageParser, MimeHeaders, PartType};
use regex::Regex;

use super::{Document, Outcome};
use crate::clean::clean;
use crate::model::Link;

/// Header names that mark the top of an e-mail message.
const MAIL_HEADERS: &[&str] = &[
    "from",
    "to",
    "subject",
    "date",
    "mime-version",
    "content-type",
    "content-transfer-encoding",
    "message-id",
    "received",
    "return-path",
    "delivered-to",
    "reply-to",
    "x-mailer",
    "dkim-signature",
    "cc",
    "sender",
    "list-unsubscribe",
];

/// Whether text starts with an RFC 5322 header block: lines `Name: value`
/// (or folded continuations) up to a blank line, two or more of them
/// well-known mail headers (in English: the plain-text forward's Swedish
/// "Från:" lines are text for the parser).
pub fn looks_like_headers(text: &str) -> bool {
    let mut known = 0;
    let mut lines = 0;
    for line in text.lines().take(200) {
        let line = line.trim_end_matches('\r');
        if line.is_empty() {
            return known >= 2 && lines > 0;
        }
        if line.starts_with([' ', '\t']) && lines > 0 {
            continue;
        }
        let Some((name, _)) = line.split_once(':') else {
            return false;
        };
        if name.is_empty()
            || !name
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        {
            return false;
        }
        lines += 1;
        if MAIL_HEADERS.contains(&name.to_ascii_lowercase().as_str()) {
            known += 1;
        }
    }
    known >= 2
}

/// A message file as one document.
pub fn read(name: &str, id: &str, bytes: &[u8]) -> Outcome {
    match message(name, id, bytes) {
        Ok(doc) => Outcome::one(doc),
        Err(why) => Outcome::failed(name, why),
    }
}

/// One message's document, or why it has none.
pub fn message(source: &str, id: &str, bytes: &[u8]) -> Result<Document, String> {
    let msg = MessageParser::default()
        .parse(bytes)
        .filter(|m| !m.headers().is_empty())
        .ok_or("not a readable e-mail message (broken MIME)")?;
    let body = body_of(&msg, 0)?;
    let mut doc = Document::text(source, id, body.text, &body.encoding);
    doc.subject = body.subject;
    doc.date = body.date;
    doc.links = body.links;
    Ok(doc)
}

/// What a message's body gave.
struct Body {
    text: String,
    encoding: String,
    links: Vec<Link>,
    subject: Option<String>,
    date: Option<NaiveDate>,
}

/// The readable body of a message (or of the message it forwards).
fn body_of(msg: &Message<'_>, depth: usize) -> Result<Body, String> {
    if let Some(ct) = msg.root_part().content_type() {
        let full = format!(
            "{}/{}",
            ct.ctype().to_ascii_lowercase(),
            ct.subtype().unwrap_or("").to_ascii_lowercase()
        );
        if full == "multipart/encrypted" || full.contains("pkcs7-mime") {
            return Err("encrypted message: no readable text".into());
        }
    }
    let subject = msg.subject().map(|s| strip_forward_prefix(&clean(s)));
    let date = msg
        .date()
        .and_then(|d| NaiveDate::from_ymd_opt(d.year.into(), d.month.into(), d.day.into()));
    let charset = |part: &mail_parser::MessagePart<'_>| {
        part.content_type()
            .and_then(|c| c.attribute("charset"))
            .map(|c| c.to_ascii_lowercase())
            .filter(|c| c != "us-ascii")
            .unwrap_or_else(|| "utf-8".to_string())
    };
    let plain = msg.text_bodies().find_map(|p| match &p.body {
        PartType::Text(t) => Some((clean(t).into_owned(), charset(p))),
        _ => None,
    });
    let html = msg.html_bodies().find_map(|p| match &p.body {
        PartType::Html(h) => Some((super::html::extract(h), charset(p))),
        _ => None,
    });
    let words = |s: &str| s.split_whitespace().count();
    let (mut text, encoding, links) = match (plain, html) {
        (Some((t, enc)), Some((h, henc))) => {
            if is_stub(&t) || words(&t) * 10 < words(&h.text) * 7 {
                (h.text, henc, h.links)
            } else {
                (t, enc, Vec::new())
            }
        }
        (Some((t, enc)), None) => (t, enc, Vec::new()),
        (None, Some((h, enc))) => (h.text, enc, h.links),
        (None, None) => (String::new(), "utf-8".to_string(), Vec::new()),
    };
    // A forward as an attached message: read the message forwarded when
    // the forwarder's own words are few.
    if depth < 4 && words(&text) < 80 {
        let inner = msg.parts.iter().find_map(|p| match &p.body {
            PartType::Message(m) => Some(m),
            _ => None,
        });
        if let Some(inner) = inner {
            if let Ok(mut b) = body_of(inner, depth + 1) {
                b.subject = b.subject.or(subject);
                b.date = b.date.or(date);
                return Ok(b);
            }
        }
    }
    if let Some(rest) = after_inline_forward(&text) {
        text = rest;
    }
    if text.trim().is_empty() {
        return Err("message has no text part".into());
    }
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    Ok(Body {
        text: crate::text::nfc(text),
        encoding,
        links,
        subject,
        date,
    })
}

/// "Fwd: ", "VB: ", "FW: " … before a subject.
fn strip_forward_prefix(s: &str) -> String {
    let mut s = s.trim();
    while let Some((p, rest)) = s.split_once(':') {
        if ["vb", "fw", "fwd", "sv", "re", "tr"].contains(&p.trim().to_lowercase().as_str()) {
            s = rest.trim();
        } else {
            break;
        }
    }
    s.to_string()
}

static STUB: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)visas\s+inte\s+(?:nyhetsbrevet|mejlet|meddelandet|e-?posten)\s+korrekt|(?:öppna|visa|läs)\s+(?:nyhetsbrevet\s+|mejlet\s+)?i\s+(?:din\s+)?webbläsare|view\s+(?:this\s+(?:e-?mail|message)\s+)?in\s+(?:your\s+)?browser|ditt\s+e-?postprogram\s+kan\s+inte\s+visa")
        .expect("valid regex")
});

/// A text part that only points at the HTML: a "see it in your browser"
/// line, or little but a link.
fn is_stub(text: &str) -> bool {
    let words = text.split_whitespace().count();
    let links = text.matches("http").count();
    words < 120 && STUB.is_match(text) || words <= 3 * links + 8
}

static FORWARD_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?im)^[ \t>]*(?:-{2,}\s*(?:forwarded\s+message|vidarebefordrat\s+meddelande|ursprungligt\s+meddelande|original\s+message)\s*-{2,}|(?:början\s+på\s+vidarebefordrat\s+meddelande|begin\s+forwarded\s+message)\s*:|_{10,})[ \t]*$")
        .expect("valid regex")
});

/// The text after an inline forward's line, when the forwarder's own
/// note above it is short.
fn after_inline_forward(text: &str) -> Option<String> {
    let m = FORWARD_LINE.find(text)?;
    let before = &text[..m.start()];
    (before.split_whitespace().count() < 80).then(|| {
        text[m.end()..]
            .lines()
            .map(|l| l.strip_prefix("> ").or(l.strip_prefix('>')).unwrap_or(l))
            .collect::<Vec<_>>()
            .join("\n")
            .trim_start_matches('\n')
            .to_string()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_recognised_and_swedish_forward_lines_are_not() {
        assert!(looks_like_headers(
            "From: a@b.se\nSubject: Hej\nMIME-Version: 1.0\n\nText"
        ));
        assert!(!looks_like_headers(
            "Från: Storsthlm\nÄmne: Nyhetsbrev\n\nText"
        ));
        assert!(!looks_like_headers("Senaste nytt: från Storsthlm\n\nText"));
    }

    #[test]
    fn a_stub_text_part_is_recognised() {
        assert!(is_stub(
            "Visas inte nyhetsbrevet korrekt? Öppna det i din webbläsare: https://x.se/nb"
        ));
        assert!(!is_stub(
            &"Kommunerna samverkar kring vård och omsorg. ".repeat(30)
        ));
    }

    #[test]
    fn forward_prefixes_go() {
        assert_eq!(
            strip_forward_prefix("VB: Fwd: Senaste nytt"),
            "Senaste nytt"
        );
    }
}
