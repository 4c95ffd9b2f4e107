//! `nyhetsbrev meetings [--today | --week | --from D --to D | --all]
//! [--next N] [--ics FILE|-]`.
//!
//! Meetings of all issues, the same meeting announced in several issues
//! once (`Corpus::all_meetings`), sorted by date and time. Default: on or
//! after today (`nyhetsbrev --today D meetings` sets what "today" is).
//! `--today` is that day, `--week` its Monday to Sunday; `--next N` keeps
//! the first N of the range. With `--ics FILE` only the calendar file is
//! written (stderr says where), an empty one when nothing is in range.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::{Context as _, Result};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;

use super::{emit, emit_json, fill, ics, issue_date, issue_date_json, no_match, Style};
use crate::cli::Command;
use crate::commands::Context;
use crate::corpus::{Corpus, Meeting, MeetingSource};
use crate::i18n::lookup_words;
use crate::sanitize::{clean_line, show_name};

pub struct Args {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
    pub all: bool,
    /// Only the reference day.
    pub today: bool,
    /// Only the reference day's week, Monday to Sunday.
    pub week: bool,
    /// Only the first N of the range.
    pub next: Option<usize>,
    pub ics: Option<String>,
    pub json: bool,
}

impl Args {
    /// The arguments of a `meetings` command line (None: another command).
    pub fn of(command: &Command) -> Option<Args> {
        let Command::Meetings {
            from,
            to,
            all,
            today_only,
            week,
            next,
            ics,
            json,
        } = command
        else {
            return None;
        };
        Some(Args {
            from: *from,
            to: *to,
            all: *all,
            today: *today_only,
            week: *week,
            next: *next,
            ics: ics.clone(),
            json: *json,
        })
    }
}

/// The range the arguments ask for: `(from, to)`, either end open.
pub fn range(args: &Args, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
    if args.all {
        (None, None)
    } else if args.today {
        (Some(today), Some(today))
    } else if args.week {
        let monday = today - chrono::Days::new(u64::from(today.weekday().num_days_from_monday()));
        (Some(monday), Some(monday + chrono::Days::new(6)))
    } else {
        (Some(args.from.unwrap_or(today)), args.to)
    }
}

#[derive(Serialize, Debug)]
struct MeetingOut<'a> {
    #[serde(with = "crate::corpus::opt_date")]
    date: Option<NaiveDate>,
    weekday: u32,
    #[serde(with = "crate::corpus::opt_time")]
    start: Option<chrono::NaiveTime>,
    #[serde(with = "crate::corpus::opt_time")]
    end: Option<chrono::NaiveTime>,
    title: &'a str,
    from: MeetingSource,
    issue: &'a str,
    issue_date: Option<String>,
    issue_title: &'a str,
    article: Option<usize>,
    uid: String,
}

#[derive(Serialize, Debug)]
struct Output<'a> {
    #[serde(with = "crate::corpus::opt_date")]
    from: Option<NaiveDate>,
    #[serde(with = "crate::corpus::opt_date")]
    to: Option<NaiveDate>,
    meetings: Vec<MeetingOut<'a>>,
}

/// The meetings in `[from, to]` (either end open), sorted, de-duplicated.
pub fn select(
    corpus: &Corpus,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Vec<(usize, &Meeting)> {
    corpus
        .all_meetings()
        .into_iter()
        .filter(|(_, m)| from.is_none_or(|f| m.date >= f) && to.is_none_or(|t| m.date <= t))
        .collect()
}

/// "10:00–11:30", "10:00", or "" when the time is unknown.
fn time_span(m: &Meeting) -> String {
    match (m.start, m.end) {
        (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
        (Some(s), None) => s.format("%H:%M").to_string(),
        _ => String::new(),
    }
}

pub fn run(corpus: &Corpus, ctx: &Context, style: Style, args: Args) -> Result<ExitCode> {
    let w = lookup_words(ctx.lang);
    let (from, to) = range(&args, ctx.today);
    if let (Some(f), Some(t)) = (from, to) {
        if f > t {
            let (f, t) = (f.to_string(), t.to_string());
            let msg = if args.from.is_some() {
                fill(w.bad_range, &[("from", &f), ("to", &t)])
            } else {
                fill(w.to_before_today, &[("to", &t), ("today", &f)])
            };
            eprintln!("error: {msg}");
            return Ok(ExitCode::from(2));
        }
    }
    let mut meetings = select(corpus, from, to);
    if let Some(n) = args.next {
        meetings.truncate(n);
    }
    // A calendar is written even when nothing is in range: an empty,
    // valid one, so a scheduled export replaces yesterday's.
    if let Some(target) = &args.ics {
        let text = ics::calendar(corpus, &meetings, ctx.lang)?;
        if target == "-" {
            emit(&text)?;
        } else {
            std::fs::write(target, text.as_bytes()).with_context(|| {
                format!(
                    "cannot write the calendar to {}",
                    crate::sanitize::escape_line(target)
                )
            })?;
            eprintln!(
                "{}",
                fill(
                    w.wrote_ics,
                    &[
                        ("n", &meetings.len().to_string()),
                        ("file", &crate::sanitize::escape_line(target))
                    ]
                )
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    if meetings.is_empty() {
        let msg = match (from, to) {
            (Some(f), Some(t)) => fill(
                w.no_meeting_range,
                &[("from", &f.to_string()), ("to", &t.to_string())],
            ),
            (Some(f), None) => fill(w.no_meeting_from, &[("from", &f.to_string())]),
            _ => w.no_meeting_any.to_string(),
        };
        return Ok(no_match(&msg));
    }
    let uids = ics::uids(corpus, &meetings);
    if args.json {
        let out = Output {
            from,
            to,
            meetings: meetings
                .iter()
                .zip(uids)
                .map(|(&(ii, m), uid)| {
                    let issue = &corpus.issues[ii];
                    MeetingOut {
                        date: Some(m.date),
                        weekday: m.date.weekday().number_from_monday(),
                        start: m.start,
                        end: m.end,
                        title: &m.title,
                        from: m.from,
                        issue: &issue.source,
                        issue_date: issue_date_json(issue),
                        issue_title: &issue.title,
                        article: m.article,
                        uid,
                    }
                })
                .collect(),
        };
        emit_json(&out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for &(ii, m) in &meetings {
        let issue = &corpus.issues[ii];
        let day = w.weekdays[m.date.weekday().num_days_from_monday() as usize];
        let mut title = clean_line(&m.title);
        if m.from == MeetingSource::Article {
            let _ = write!(title, " ({})", w.from_article_text);
        }
        let _ = writeln!(
            out,
            "{} {}  {:<11}  {}  {}",
            style.accent(&m.date.format("%Y-%m-%d").to_string()),
            style.accent(&format!("{day:<3}")),
            time_span(m),
            style.bold(&title),
            style.dim(&format!("[{} {}]", issue_date(issue), show_name(&issue.id))),
        );
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
