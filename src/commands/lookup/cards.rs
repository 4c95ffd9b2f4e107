//! `nyhetsbrev contacts --format mutt|vcard [QUERY]`: the people of
//! `contacts` handed to other programs.
//!
//! - `mutt`: mutt's (and neomutt's, aerc's) `query_command` format. A first
//!   line says what was searched; then one line per e-mail address:
//!   `address<TAB>name<TAB>role`. People without an address are left out
//!   (there is nothing to write to). When nobody matches, the first line
//!   says so and the status is 1, which mutt shows as the query's error.
//! - `vcard`: vCard 4.0 (RFC 6350), one card per person: FN, N, EMAIL,
//!   TITLE (each role), ORG (each organisation) and a NOTE naming the
//!   articles, with CRLF line ends, text escaped (`\\`, `\,`, `\;`, `\n`)
//!   and lines folded at 75 octets without splitting a character.
//!
//! People are ranked as `contacts` ranks them (every person, by surname,
//! without a query). Every field from a document is cleaned of control
//! characters first.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;

use super::contacts::{Links, Relation};
use super::{emit, fill, no_match};
use crate::cli::ContactFormat;
use crate::commands::Context;
use crate::corpus::contacts::Book;
use crate::corpus::Person;
use crate::i18n::{arg_words, lookup_words, people_count};
use crate::sanitize::{clean_line, is_unsafe};

/// A field on one line, safe for a tab-separated line and a terminal.
fn field(s: &str) -> String {
    clean_line(s)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// The people matching `query` (every person without one), best first.
fn people<'a>(book: &'a Book, query: Option<&str>) -> Vec<&'a Person> {
    match query {
        Some(q) => book
            .search(q)
            .into_iter()
            .map(|r| &book.people[r.person])
            .collect(),
        None => book.people.iter().collect(),
    }
}

/// The role column: the roles, else the organisations.
fn role(p: &Person) -> String {
    let items = if p.roles.is_empty() {
        &p.orgs
    } else {
        &p.roles
    };
    items
        .iter()
        .map(|s| field(s))
        .filter(|s| !s.is_empty())
        .collect::<Vec<_>>()
        .join("; ")
}

/// mutt's query format for `people`.
pub fn mutt(header: &str, people: &[&Person]) -> String {
    let mut out = format!("{}\n", field(header));
    for p in people {
        for email in &p.emails {
            let email = field(email);
            if email.is_empty() {
                continue;
            }
            let _ = writeln!(out, "{email}\t{}\t{}", field(&p.name), role(p));
        }
    }
    out
}

/// Escape a vCard text value (RFC 6350 §3.4).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().filter(|c| !is_unsafe(*c)) {
        match c {
            '\t' => out.push(' '),
            '\\' => out.push_str("\\\\"),
            ',' => out.push_str("\\,"),
            ';' => out.push_str("\\;"),
            '\r' => {}
            '\n' => out.push_str("\\n"),
            c => out.push(c),
        }
    }
    out
}

/// Append one content line, folded at 75 octets (RFC 6350 §3.2): CRLF and
/// a space before each continuation, never inside a UTF-8 character, and
/// never right after a space (parsers that trim lines would lose it; it
/// starts the continuation instead).
fn line(out: &mut String, text: &str) {
    let mut segment = String::new();
    for c in text.chars() {
        if segment.len() + c.len_utf8() > 75 {
            let carried = if segment.len() > 2 && segment.ends_with(' ') {
                segment.pop()
            } else {
                None
            };
            out.push_str(&segment);
            out.push_str("\r\n");
            segment.clear();
            segment.push(' ');
            segment.extend(carried);
        }
        segment.push(c);
    }
    out.push_str(&segment);
    out.push_str("\r\n");
}

/// Family and given names from a full name: the last word is the family
/// name ("Karin Soffiantini-Yildiz" → "Soffiantini-Yildiz", "Karin").
fn split_name(name: &str) -> (String, String) {
    let words: Vec<&str> = name.split_whitespace().collect();
    match words.split_last() {
        Some((last, rest)) => (last.to_string(), rest.join(" ")),
        None => (String::new(), String::new()),
    }
}

/// vCard 4.0 cards for `people`.
pub fn vcard(book: &Book, ctx: &Context, people: &[&Person]) -> String {
    let w = lookup_words(ctx.lang);
    let mut out = String::new();
    let links = Links::new(book);
    for p in people {
        line(&mut out, "BEGIN:VCARD");
        line(&mut out, "VERSION:4.0");
        line(&mut out, &format!("FN:{}", escape(&field(&p.name))));
        let (family, given) = split_name(&field(&p.name));
        line(
            &mut out,
            &format!("N:{};{};;;", escape(&family), escape(&given)),
        );
        for e in &p.emails {
            let e = field(e);
            if !e.is_empty() {
                line(&mut out, &format!("EMAIL;TYPE=work:{}", escape(&e)));
            }
        }
        for r in &p.roles {
            line(&mut out, &format!("TITLE:{}", escape(&field(r))));
        }
        for o in &p.orgs {
            line(&mut out, &format!("ORG:{}", escape(&field(o))));
        }
        let notes: Vec<String> = links
            .of(p)
            .iter()
            .map(|a| {
                let label = match a.relation {
                    Relation::Contact => w.contact_for,
                    Relation::Mentioned => w.mentioned_in,
                };
                let date = a.issue_date.as_deref().unwrap_or("—");
                format!("{label}: {date} {}", field(&a.title))
            })
            .collect();
        if !notes.is_empty() {
            // Escaped as a whole: the newlines become "\n" in the value.
            line(&mut out, &format!("NOTE:{}", escape_note(&notes)));
        }
        line(&mut out, "END:VCARD");
    }
    out
}

/// The NOTE value: one article per line.
fn escape_note(notes: &[String]) -> String {
    notes
        .iter()
        .map(|n| escape(n))
        .collect::<Vec<_>>()
        .join("\\n")
}

pub fn run(
    book: &Book,
    ctx: &Context,
    query: Option<&str>,
    format: ContactFormat,
) -> Result<ExitCode> {
    let w = lookup_words(ctx.lang);
    let a = arg_words(ctx.lang);
    let query = query.map(str::trim).filter(|q| !q.is_empty());
    let found = people(book, query);
    let missing = || match query {
        Some(q) => fill(w.no_person, &[("query", q)]),
        None => w.no_people.to_string(),
    };
    match format {
        ContactFormat::Mutt => {
            let with_email: Vec<&Person> = found
                .iter()
                .copied()
                .filter(|p| p.emails.iter().any(|e| !field(e).is_empty()))
                .collect();
            if with_email.is_empty() {
                // mutt shows the first line as the query's error.
                let why = if found.is_empty() {
                    missing()
                } else {
                    match query {
                        Some(q) => fill(a.no_address, &[("query", q)]),
                        None => a.no_address_at_all.to_string(),
                    }
                };
                emit(&format!("{}\n", field(&why)))?;
                return Ok(ExitCode::from(1));
            }
            let header = people_count(ctx.lang, with_email.len(), query);
            emit(&mutt(&header, &with_email))?;
        }
        ContactFormat::Vcard | ContactFormat::Text => {
            if found.is_empty() {
                return Ok(no_match(&missing()));
            }
            emit(&vcard(book, ctx, &found))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping_and_folding_follow_rfc_6350() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
        let mut out = String::new();
        let long = format!("NOTE:{} {}", "å".repeat(35), "ö ".repeat(40).trim_end());
        line(&mut out, &long);
        let lines: Vec<&str> = out.split("\r\n").collect();
        assert!(lines.len() > 2, "{out:?}");
        for (i, l) in lines.iter().enumerate() {
            assert!(l.len() <= 75, "line {i} is {} octets", l.len());
            if i > 0 && !l.is_empty() {
                assert!(l.starts_with(' '));
            }
            assert!(!l.ends_with(' '), "line {i} ends in a space: {l:?}");
        }
        // Unfolding gives the line back.
        assert_eq!(out.replace("\r\n ", "").trim_end(), long);
    }

    #[test]
    fn the_family_name_is_the_last_word() {
        assert_eq!(
            split_name("Karin  Soffiantini-Yildiz"),
            ("Soffiantini-Yildiz".to_string(), "Karin".to_string())
        );
        assert_eq!(split_name("Cher"), ("Cher".to_string(), String::new()));
    }
}
