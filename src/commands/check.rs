//! `nyhetsbrev check`: per file, what the reader could not understand.
//! Exits non-zero only when no file could be read.
//!
//! File names are shown quoted when they hold what a terminal must not see
//! (`show_name`), warning details cleaned to one line (`clean_line`): the
//! details quote document text. Linear in the number of files (one map
//! from file to issue and warnings).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use super::Context;
use crate::corpus::{Corpus, WarningKind};
use crate::i18n::check_words;
use crate::sanitize::{clean_line, show_name};

/// The report as text, and whether any file was read.
pub fn report(corpus: &Corpus, ctx: &Context) -> (String, bool) {
    let w = check_words(ctx.lang);
    type Entry<'a> = (
        Option<&'a crate::corpus::Issue>,
        Vec<&'a crate::corpus::Warning>,
    );
    let mut by_file: BTreeMap<&str, Entry> = BTreeMap::new();
    for issue in &corpus.issues {
        by_file.entry(issue.source.as_str()).or_default().0 = Some(issue);
    }
    for warning in &corpus.warnings {
        by_file
            .entry(warning.source.as_str())
            .or_default()
            .1
            .push(warning);
    }
    let mut out = String::new();
    for (file, (issue, warnings)) in &by_file {
        let file = show_name(file);
        let head = match issue {
            Some(i) => format!(
                "{} ({}, {}, {} {}, {} {})",
                file,
                match i.kind {
                    crate::corpus::IssueKind::Newsletter => w.newsletter,
                    crate::corpus::IssueKind::Document => w.document,
                },
                i.date_text().unwrap_or_else(|| "—".into()),
                i.articles.len(),
                w.articles,
                i.meetings.len(),
                w.meetings
            ),
            None => format!("{file}: {}", w.skipped),
        };
        let _ = writeln!(
            out,
            "{head}{}",
            if warnings.is_empty() {
                format!(": {}", w.ok)
            } else {
                String::new()
            }
        );
        for warning in warnings {
            let what = match warning.kind {
                WarningKind::Unreadable => w.unreadable,
                WarningKind::Encoding => w.encoding,
                WarningKind::Undated => w.undated,
                WarningKind::CalendarLine => w.calendar_line,
                WarningKind::UnknownLabel => w.unknown_label,
                WarningKind::Taxonomy => w.taxonomy,
                WarningKind::Ignored => w.ignored,
                WarningKind::DuplicateId => w.duplicate_id,
            };
            if warning.detail.is_empty() {
                let _ = writeln!(out, "  - {what}");
            } else {
                let _ = writeln!(out, "  - {what}: {}", clean_line(&warning.detail));
            }
        }
    }
    let read_any = corpus.files_read > 0;
    let _ = writeln!(out, "{} {}", corpus.files_read, w.summary);
    if !read_any {
        let _ = writeln!(out, "{}", w.nothing_read);
    }
    (out, read_any)
}

pub fn run(corpus: &Corpus, ctx: &Context) -> Result<ExitCode> {
    let (text, read_any) = report(corpus, ctx);
    // A closed pipe (`check | head`) is not an error.
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|_| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")?
        }
        _ => {}
    }
    Ok(if read_any {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
