//! `nyhetsbrev search QUERY`: full-text search over article titles and
//! bodies with the core's Swedish-aware matcher ([`crate::corpus::search`]):
//! compounds, inflected forms, quoted phrases and smart accents.
//!
//! Every term of the query must be found in the title or the body.
//! Ranking is the core's ([`search::articles`]), shared with the reader:
//! the score of the title's hits (weighed by [`search::TITLE_WEIGHT`])
//! plus that of the body's, so exact forms come before compounds and
//! compounds before other inflections; then newer issues, then article
//! order.
//!
//! The snippet is a window of the body around the best hit (or the body's
//! start when only the title matched). On a terminal the hits are shown in
//! bold yellow; in plain output (piped, or `NO_COLOR`) the snippet is the
//! text unchanged, without markers, so it can be grepped and copied; `--json`
//! gives the hit positions as `highlights`.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{emit, emit_json, fill, issue_date, issue_date_json, no_match, Style};
use crate::commands::Context;
use crate::corpus::search;
use crate::corpus::Corpus;
use crate::i18n::{arg_words, lookup_words};
use crate::sanitize::show_name;

/// One matching article.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub struct Hit {
    #[serde(skip)]
    pub issue_index: usize,
    pub issue: String,
    pub issue_date: Option<String>,
    pub article: usize,
    pub number: usize,
    pub title: String,
    pub score: u32,
    pub title_hits: usize,
    pub body_hits: usize,
    pub snippet: String,
    /// Char ranges `[start, end)` of the hits inside `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// Char ranges of the hits inside `title`.
    #[serde(skip)]
    pub title_highlights: Vec<(usize, usize)>,
}

#[derive(Serialize, Debug)]
struct Output<'a> {
    query: &'a str,
    results: &'a [Hit],
}

/// Search the corpus: the core's ranking ([`search::articles`]), the one
/// the reader's full-text search uses, with what the output names.
pub fn search(corpus: &Corpus, query: &str) -> Vec<Hit> {
    search::articles(corpus, query)
        .into_iter()
        .map(|h| {
            let issue = &corpus.issues[h.issue];
            Hit {
                issue_index: h.issue,
                issue: issue.source.clone(),
                issue_date: issue_date_json(issue),
                article: h.article,
                number: h.article + 1,
                title: h.title,
                score: h.score,
                title_hits: h.title_hits,
                body_hits: h.body_hits,
                snippet: h.snippet,
                highlights: h.highlights,
                title_highlights: h.title_highlights,
            }
        })
        .collect()
}

fn in_ranges(ranges: &[(usize, usize)]) -> impl Fn(usize) -> bool + '_ {
    move |i| ranges.iter().any(|(s, e)| (*s..*e).contains(&i))
}

pub fn run(
    corpus: &Corpus,
    ctx: &Context,
    style: Style,
    query: &str,
    json: bool,
) -> Result<ExitCode> {
    let w = lookup_words(ctx.lang);
    if query.trim().is_empty() {
        eprintln!("{}: {}", arg_words(ctx.lang).error, w.empty_query);
        return Ok(ExitCode::from(2));
    }
    let hits = search(corpus, query);
    if hits.is_empty() {
        return Ok(no_match(&fill(w.no_search_hit, &[("query", query.trim())])));
    }
    if json {
        emit_json(&Output {
            query: query.trim(),
            results: &hits,
        })?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for h in &hits {
        let issue = &corpus.issues[h.issue_index];
        let _ = writeln!(
            out,
            "{}  {}  {}",
            style.accent(&issue_date(issue)),
            if h.title_highlights.is_empty() {
                style.bold(&h.title)
            } else {
                style.highlight(&h.title, in_ranges(&h.title_highlights))
            },
            style.dim(&format!("[{} {}]", show_name(&issue.id), h.number)),
        );
        if !h.snippet.is_empty() {
            let _ = writeln!(
                out,
                "    {}",
                style.highlight(&h.snippet, in_ranges(&h.highlights))
            );
        }
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}
