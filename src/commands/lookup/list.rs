//! `nyhetsbrev list`: every issue, newest first, with date, kind, and
//! article and meeting counts.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{emit, emit_json, issue_date, no_match, Style};
use crate::commands::Context;
use crate::corpus::{DatePrecision, IssueKind, IssueSummary};
use crate::i18n::lookup_words;
use crate::sanitize::{clean_line, show_name};

#[derive(Serialize, Debug)]
struct IssueRow<'a> {
    source: &'a str,
    id: &'a str,
    #[serde(with = "crate::corpus::opt_date")]
    date: Option<chrono::NaiveDate>,
    date_precision: DatePrecision,
    kind: IssueKind,
    title: &'a str,
    articles: usize,
    meetings: usize,
}

#[derive(Serialize, Debug)]
struct Output<'a> {
    issues: Vec<IssueRow<'a>>,
}

pub fn run(issues: &[IssueSummary], ctx: &Context, style: Style, json: bool) -> Result<ExitCode> {
    let w = lookup_words(ctx.lang);
    if issues.is_empty() {
        return Ok(no_match(w.no_issues));
    }
    if json {
        emit_json(&Output {
            issues: issues
                .iter()
                .map(|i| IssueRow {
                    source: &i.source,
                    id: &i.id,
                    date: i.date,
                    date_precision: i.date_precision,
                    kind: i.kind,
                    title: &i.title,
                    articles: i.articles,
                    meetings: i.meetings,
                })
                .collect(),
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let kind_width = w.newsletter.chars().count().max(w.document.chars().count());
    let mut out = String::new();
    for i in issues {
        let kind = match i.kind {
            IssueKind::Newsletter => w.newsletter,
            IssueKind::Document => w.document,
        };
        let _ = writeln!(
            out,
            "{}  {}  {:>3} {}  {:>3} {}  {}  {}",
            style.accent(&format!("{:<10}", issue_date(i))),
            format_args!("{kind:<kind_width$}"),
            i.articles,
            w.articles,
            i.meetings,
            w.meetings,
            style.dim(&show_name(&i.id)),
            style.bold(&clean_line(&i.title)),
        );
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
