//! `nyhetsbrev search QUERY`: full-text search over article titles and
//! bodies with the core's Swedish-aware matcher ([`crate::corpus::search`]):
//! compounds, inflected forms, quoted phrases and smart accents.
//!
//! Every term of the query must be found in the title or the body.
//! Ranking: the core's score of the title's hits (weighed by
//! [`TITLE_WEIGHT`]) plus that of the body's, so exact forms come before
//! compounds and compounds before other inflections; then newer issues,
//! then article order.
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
use std::ops::Range;

use unicode_normalization::UnicodeNormalization;

use super::{emit, emit_json, fill, issue_date, issue_date_json, no_match, Style};
use crate::commands::Context;
use crate::corpus::search::{self, Query};
use crate::corpus::text::squash;
use crate::corpus::Corpus;
use crate::i18n::{arg_words, lookup_words};
use crate::sanitize::{clean_line, show_name};

/// Characters of context before the first hit in a snippet.
const BEFORE: usize = 60;
/// Characters of context after the first hit.
const AFTER: usize = 110;
/// How much more a hit in the title counts than one in the body.
const TITLE_WEIGHT: u32 = 4;

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

/// Text as one line: control characters out, white space collapsed, NFC.
fn flatten(s: &str) -> String {
    squash(&clean_line(s)).nfc().collect()
}

/// Byte ranges of `text` as char ranges.
fn char_ranges(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) -> Vec<(usize, usize)> {
    let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let at = |byte: usize| starts.partition_point(|&b| b < byte);
    ranges
        .into_iter()
        .map(|r| (at(r.start), at(r.end)))
        .collect()
}

/// Search the corpus with the core's Swedish-aware matcher
/// ([`crate::corpus::search`]). An empty query finds nothing.
pub fn search(corpus: &Corpus, query: &str) -> Vec<Hit> {
    let query = Query::parse(query);
    if query.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (ii, issue) in corpus.issues.iter().enumerate() {
        for (ai, a) in issue.articles.iter().enumerate() {
            let title = flatten(&a.title);
            let th = query.find(&title);
            let body = flatten(&a.body());
            let bh = query.find(&body);
            if !query.all_found(&[&th, &bh]) {
                continue;
            }
            let cut = search::snippet(&body, &bh, BEFORE, AFTER);
            hits.push(Hit {
                issue_index: ii,
                issue: issue.source.clone(),
                issue_date: issue_date_json(issue),
                article: ai,
                number: ai + 1,
                score: TITLE_WEIGHT * query.score(&th) + query.score(&bh),
                title_hits: th.len(),
                body_hits: bh.len(),
                highlights: char_ranges(&cut.text, cut.marks),
                snippet: cut.text,
                title_highlights: char_ranges(&title, search::marks(&th)),
                title,
            });
        }
    }
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.issue_index.cmp(&b.issue_index))
            .then(a.article.cmp(&b.article))
    });
    hits
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn char_ranges_count_letters_not_bytes() {
        let text = "Åsa och Öberg";
        assert_eq!(char_ranges(text, [0..4, 9..15]), vec![(0, 3), (8, 13)]);
    }
}
