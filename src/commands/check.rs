//! `nyhetsbrev check`: per file, what the reader could not understand.
//! Exits non-zero only when no file could be read.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;

use super::Context;
use crate::corpus::{Corpus, WarningKind};
use crate::i18n::check_words;

/// The report as text, and whether any file was read.
pub fn report(corpus: &Corpus, ctx: &Context) -> (String, bool) {
    let w = check_words(ctx.lang);
    let mut by_file: BTreeMap<&str, Vec<&crate::corpus::Warning>> = BTreeMap::new();
    for issue in &corpus.issues {
        by_file.entry(issue.source.as_str()).or_default();
    }
    for warning in &corpus.warnings {
        by_file
            .entry(warning.source.as_str())
            .or_default()
            .push(warning);
    }
    let mut out = String::new();
    for (file, warnings) in &by_file {
        let issue = corpus.issues.iter().find(|i| i.source == *file);
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
                let _ = writeln!(out, "  - {what}: {}", warning.detail);
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
    print!("{text}");
    Ok(if read_any {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
