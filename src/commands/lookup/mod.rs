//! Quick lookups without the full screen: `contacts`, `meetings`, `search`,
//! `jump`, `read` and `list`.
//!
//! Every subcommand prints plain text when standard output is not a terminal
//! and coloured text when it is (unless `NO_COLOR` is set and not empty).
//! A query that matches nothing prints one line on standard error and exits
//! with status 1; bad arguments exit with status 2 (clap's usage message).
//! Every string taken from a document is passed through
//! [`crate::sanitize`] before it is printed: text with its escape
//! sequences removed whole ([`crate::sanitize::clean_line`]), file names
//! and ids quoted as `ls` does when they hold what a terminal must not see
//! ([`crate::sanitize::show_name`]), JSON with its text values cleaned and
//! its names kept exact but escaped ([`crate::sanitize::clean_json`]).
//!
//! # JSON shapes (`--json`)
//!
//! Dates are `"YYYY-MM-DD"` (or `null`), times `"HH:MM"` (or `null`).
//! `issue` fields hold the issue's source file name (as in `export`);
//! `article` fields are 0-based indices into that issue's `articles` (as in
//! `export`); `number` fields are the 1-based numbers `read` shows and takes.
//! Fields may be added in later versions; none will be renamed.
//!
//! `contacts [QUERY] --json`, best match first (no query: every person, by
//! surname):
//! ```json
//! { "query": "gymnasie" | null,
//!   "people": [ { "name": "Karin Soffiantini-Yildiz",
//!                 "score": 812,              // 0 when there is no query
//!                 "matched": ["role", "topic"], // name|role|org|topic|title
//!                 "roles": ["tf chef för Gymnasieantagningen"],
//!                 "orgs": ["Storsthlm"],
//!                 "emails": ["…@storsthlm.se"],
//!                 "articles": [ { "issue": "004_a1ec89f6c8d5912f.txt",
//!                                 "issue_date": "2020-11-18" | null,
//!                                 "article": 7, "number": 8,
//!                                 "title": "…",
//!                                 "relation": "contact" | "mentioned" } ] } ] }
//! ```
//!
//! `meetings --json`, sorted by date and time, one entry per meeting
//! (`uid` as in the `.ics`, see [`ics`]):
//! ```json
//! { "from": "2025-11-20" | null, "to": "2025-11-30" | null,
//!   "meetings": [ { "date": "2025-11-21", "weekday": 5, // 1 = Monday
//!                   "start": "10:00" | null, "end": "11:30" | null,
//!                   "title": "Politisk styrgrupp gemensam gymnasieregion",
//!                   "from": "calendar" | "article",
//!                   "issue": "000_037f82204c935e9e.txt",
//!                   "issue_date": "2025-11-03" | null,
//!                   "issue_title": "…",
//!                   "article": 12 | null,
//!                   "uid": "politisk-styrgrupp-…@nyhetsbrev.storsthlm" } ] }
//! ```
//!
//! `search QUERY --json`, best first:
//! ```json
//! { "query": "vattenförsörjning",
//!   "results": [ { "issue": "001_499121871e5538ca.txt",
//!                  "issue_date": "2018-12-…" | null,
//!                  "article": 4, "number": 5,
//!                  "title": "En robust vattenförsörjning …",
//!                  "score": 23, "title_hits": 1, "body_hits": 13,
//!                  "snippet": "… en regional vattenförsörjningsplan. …",
//!                  "highlights": [[19, 36]] } ] }  // char ranges [start, end) in snippet
//! ```
//!
//! `jump [QUERY] --json`, best first (no query: every candidate in order):
//! ```json
//! { "query": "soff",
//!   "results": [ { "kind": "article" | "person" | "meeting" | "issue" | "topic",
//!                  "text": "…", "context": "…", "score": 140,
//!                  "positions": [0, 1, 2, 3],  // char indices into text
//!                  "issue": "004_a1ec89f6c8d5912f.txt" | null,
//!                  "target": { "type": "article", "issue": 0, "article": 7 } } ] }
//! ```
//! `target` indices point into `export`'s arrays (`issues`, `people`, an
//! issue's `articles`/`meetings`); `topic` targets carry a `path`.
//! `jump --candidates --json` prints `{ "candidates": [ … ] }` with the same
//! entries less `score` and `positions`.
//!
//! `read ISSUE --json` (table of contents):
//! ```json
//! { "issue": { "source": "…", "id": "…", "date": "…" | null, "kind": "newsletter" | "document", "title": "…" },
//!   "articles": [ { "number": 1, "article": 0, "title": "…", "section": "…" | null,
//!                   "topic": ["Utbildning"], "kind": "article" } ] }
//! ```
//! `read ISSUE ARTICLE --json` (one article):
//! ```json
//! { "issue": { … as above … },
//!   "number": 8, "article": 7, "title": "…", "section": "…" | null, "topic": ["…"],
//!   "kind": "leader" | "article" | "interview" | "board" | "calendar" | "section",
//!   "blocks": [ { "type": "paragraph" | "heading" | "caption" | "link", "text": "…" },
//!               { "type": "list", "text": ["item", "…"] } ],
//!   "contacts": [ { "name": "…" | null, "email": "…" | null, "role": "…" /* omitted when unknown */ } ] }
//! ```
//!
//! `list --json`, newest first:
//! ```json
//! { "issues": [ { "source": "004_a1ec89f6c8d5912f.txt", "id": "004_a1ec89f6c8d5912f",
//!                 "date": "2020-11-18" | null, "date_precision": "day" | "month" | "year",
//!                 "kind": "newsletter" | "document", "title": "…",
//!                 "articles": 12, "meetings": 3 } ] }
//! ```

mod cards;
mod contacts;
pub mod ics;
mod jump;
mod list;
pub mod meetings;
mod read;
mod search;
mod style;

use std::collections::HashMap;
use std::io::Write;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context as _, Result};
use serde::Serialize;

use super::Context;
use crate::cli::{Command, ContactFormat};
use crate::corpus::contacts::Book;
use crate::corpus::{Corpus, DatePrecision, IssueSummary, Library, Ordered};

pub use style::Style;

/// `contacts` (in any format) from the contacts book (see [`Book`]).
pub fn run_contacts(book: &Book, ctx: &Context, command: Command) -> Result<ExitCode> {
    let style = Style::detect();
    match command {
        Command::Contacts {
            query,
            json,
            format,
            vcard,
        } => match (vcard, format) {
            (true, _) => cards::run(book, ctx, query.as_deref(), ContactFormat::Vcard),
            (false, Some(f @ (ContactFormat::Mutt | ContactFormat::Vcard))) => {
                cards::run(book, ctx, query.as_deref(), f)
            }
            (false, _) => contacts::run(book, ctx, style, query.as_deref(), json),
        },
        other => anyhow::bail!("{other:?} is not `contacts`"),
    }
}

/// `list` from the issues' summaries, in corpus order.
pub fn run_list(issues: &[IssueSummary], ctx: &Context, json: bool) -> Result<ExitCode> {
    list::run(issues, ctx, Style::detect(), json)
}

/// Run one lookup subcommand other than `contacts` and `list` (see
/// [`run_contacts`], [`run_list`]). `load` is how long reading and
/// building the corpus took (printed by `jump --timings`).
pub fn run(library: &Library, ctx: &Context, command: Command, load: Duration) -> Result<ExitCode> {
    let corpus: &Corpus = library;
    let style = Style::detect();
    match command {
        command @ Command::Meetings { .. } => match meetings::Args::of(&command) {
            Some(args) => meetings::run(corpus, ctx, style, args),
            None => anyhow::bail!("{command:?} is not `meetings`"),
        },
        Command::Search { query, json } => search::run(corpus, ctx, style, &query, json),
        Command::Jump {
            query,
            timings,
            candidates,
            json,
        } => jump::run(
            corpus,
            ctx,
            style,
            jump::Args {
                query,
                timings,
                candidates,
                json,
            },
            load,
        ),
        Command::Read {
            issue,
            article,
            width,
            json,
        } => read::run(corpus, ctx, style, &issue, article.as_deref(), width, json),
        other => anyhow::bail!("{other:?} is not a lookup subcommand"),
    }
}

/// Print `text` on standard output. A closed pipe (`| head`) is not an error.
fn emit(text: &str) -> Result<()> {
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}

/// The JSON keys whose string values are file names or ids: kept exact
/// (JSON-escaped) in JSON output, where every other string is cleaned.
pub const NAME_KEYS: &[&str] = &["source", "issue", "id"];

/// Print a value as pretty JSON on standard output.
fn emit_json<T: Serialize>(value: &T) -> Result<()> {
    let json = serde_json::to_string_pretty(value).context("cannot serialise as JSON")?;
    let mut text = crate::sanitize::clean_json(&json, NAME_KEYS).into_owned();
    text.push('\n');
    emit(&text)
}

/// The "nothing found" outcome: one line on standard error, exit status 1.
fn no_match(message: &str) -> ExitCode {
    eprintln!("nyhetsbrev: {}", crate::sanitize::clean_line(message));
    ExitCode::from(1)
}

// `fill`: `{name}` placeholders of a message from `crate::i18n`.
use crate::i18n::fill;

/// The issue's date as precisely as it is known ("2020-11-18", "2020-11",
/// "2020"), or "—".
fn issue_date(issue: &impl Ordered) -> String {
    let issue = issue.order();
    match issue.date {
        None => "—".to_string(),
        Some(d) => date_text(d, issue.precision),
    }
}

/// The issue's date for JSON ("YYYY-MM-DD" or null).
fn issue_date_json(issue: &impl Ordered) -> Option<String> {
    issue.order().date.map(|d| date_text(d, DatePrecision::Day))
}

/// What chrono's `%Y-%m-%d` (`%Y-%m`, `%Y`) prints, without parsing the
/// format for each of thousands of lines: chrono only for the year
/// outside 0–9999 (signed, or more digits).
fn date_text(d: chrono::NaiveDate, precision: DatePrecision) -> String {
    use chrono::Datelike;
    let year = if (0..=9999).contains(&d.year()) {
        format!("{:04}", d.year())
    } else {
        d.format("%Y").to_string()
    };
    match precision {
        DatePrecision::Day => format!("{year}-{:02}-{:02}", d.month(), d.day()),
        DatePrecision::Month => format!("{year}-{:02}", d.month()),
        DatePrecision::Year => year,
    }
}

/// Issue source file name → position in the corpus.
fn issue_index(issues: &[IssueSummary]) -> HashMap<&str, usize> {
    issues
        .iter()
        .enumerate()
        .map(|(i, issue)| (issue.source.as_str(), i))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::IssueKind;

    #[test]
    fn an_issue_date_is_shown_as_chrono_shows_it() {
        for (y, m, d) in [
            (2025, 9, 5),
            (1999, 12, 31),
            (0, 1, 1),
            (999, 3, 4),
            (9999, 12, 31),
        ]
        .into_iter()
        .chain([(10000, 1, 2), (-1, 6, 7), (-12345, 1, 1)])
        {
            let date = chrono::NaiveDate::from_ymd_opt(y, m, d).expect("a date");
            for (precision, form) in [
                (DatePrecision::Day, "%Y-%m-%d"),
                (DatePrecision::Month, "%Y-%m"),
                (DatePrecision::Year, "%Y"),
            ] {
                let issue = IssueSummary {
                    source: "a.txt".into(),
                    id: "a".into(),
                    kind: IssueKind::Newsletter,
                    date: Some(date),
                    date_precision: precision,
                    title: "T".into(),
                    encoding: "utf-8".into(),
                    articles: 0,
                    meetings: 0,
                };
                assert_eq!(issue_date(&issue), date.format(form).to_string(), "{date}");
                assert_eq!(
                    issue_date_json(&issue),
                    Some(date.format("%Y-%m-%d").to_string()),
                    "{date}"
                );
            }
        }
    }
}
