//! `nyhetsbrev search QUERY`: full-text search over article titles and
//! bodies, folding case and å/ä/ö (and other accents).
//!
//! Every word of the query must occur (as a substring of the folded text)
//! in the title or the body. Ranking: articles with more title hits first,
//! then more body hits, then newer issues, then article order.
//!
//! The snippet is a window of the body around the first hit (or the body's
//! start when only the title matched). On a terminal the hits are shown in
//! bold yellow; in plain output (piped, or `NO_COLOR`) the snippet is the
//! text unchanged, without markers, so it can be grepped and copied; `--json`
//! gives the hit positions as `highlights`.

use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;

use super::{emit, emit_json, fill, issue_date, issue_date_json, no_match, Style};
use crate::commands::Context;
use crate::corpus::text::{fold, fold_str, squash, Folded};
use crate::corpus::Corpus;
use crate::i18n::lookup_words;
use crate::sanitize::{clean_line, show_name};

/// Characters of context before the first hit in a snippet.
const BEFORE: usize = 60;
/// Characters of context after the first hit.
const AFTER: usize = 110;

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
    pub score: usize,
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

/// Ranges (in chars of the folded text's original) where `word` occurs in
/// `folded`, not overlapping.
fn occurrences(folded: &Folded, word: &str) -> Vec<(usize, usize)> {
    if word.is_empty() {
        return Vec::new();
    }
    let starts: Vec<usize> = folded.text.char_indices().map(|(b, _)| b).collect();
    let char_at = |byte: usize| starts.partition_point(|&b| b < byte);
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(pos) = folded.text[from..].find(word) {
        let b = from + pos;
        let e = b + word.len();
        let (cs, ce) = (char_at(b), char_at(e));
        if let (Some(&s), Some(&last)) = (folded.map.get(cs), folded.map.get(ce.saturating_sub(1)))
        {
            out.push((s, last + 1));
        }
        from = e;
    }
    out
}

/// Text as one line: control characters out, white space collapsed, NFC
/// (so char indices agree with `fold`'s map).
fn flatten(s: &str) -> String {
    squash(&clean_line(s)).nfc().collect()
}

/// Merge overlapping ranges.
fn merge(mut ranges: Vec<(usize, usize)>) -> Vec<(usize, usize)> {
    ranges.sort();
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (s, e) in ranges {
        match out.last_mut() {
            Some(last) if s <= last.1 => last.1 = last.1.max(e),
            _ => out.push((s, e)),
        }
    }
    out
}

/// A window of `body` (chars) around `at`, on word boundaries, with "…"
/// where it is cut, and the `hits` that fall inside it re-based.
fn snippet(body: &[char], at: usize, hits: &[(usize, usize)]) -> (String, Vec<(usize, usize)>) {
    let mut start = at.saturating_sub(BEFORE);
    if start > 0 {
        while start < at && body[start - 1] != ' ' {
            start += 1;
        }
    }
    let mut end = (at + AFTER).min(body.len());
    if end < body.len() {
        let floor = hits
            .iter()
            .find(|h| h.0 >= at)
            .map(|h| h.1)
            .unwrap_or(at)
            .min(end);
        while end > floor && body[end] != ' ' {
            end -= 1;
        }
    }
    let mut text = String::new();
    let lead = usize::from(start > 0);
    if start > 0 {
        text.push('…');
    }
    text.extend(&body[start..end]);
    if end < body.len() {
        text.push('…');
    }
    let inside = hits
        .iter()
        .filter(|(s, e)| *s >= start && *e <= end)
        .map(|(s, e)| (s - start + lead, e - start + lead))
        .collect();
    (text, inside)
}

/// Search the corpus. An empty query finds nothing.
pub fn search(corpus: &Corpus, query: &str) -> Vec<Hit> {
    let words: Vec<String> = fold_str(query)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits = Vec::new();
    for (ii, issue) in corpus.issues.iter().enumerate() {
        for (ai, a) in issue.articles.iter().enumerate() {
            let title = flatten(&a.title);
            let body = flatten(&a.body());
            let (ft, fb) = (fold(&title), fold(&body));
            let mut th = Vec::new();
            let mut bh = Vec::new();
            let mut all_found = true;
            for w in &words {
                let t = occurrences(&ft, w);
                let b = occurrences(&fb, w);
                if t.is_empty() && b.is_empty() {
                    all_found = false;
                    break;
                }
                th.extend(t);
                bh.extend(b);
            }
            if !all_found {
                continue;
            }
            let (title_hits, body_hits) = (th.len(), bh.len());
            let th = merge(th);
            let bh = merge(bh);
            let chars: Vec<char> = body.chars().collect();
            let at = bh.first().map(|h| h.0).unwrap_or(0);
            let (snippet, highlights) = snippet(&chars, at, &bh);
            hits.push(Hit {
                issue_index: ii,
                issue: issue.source.clone(),
                issue_date: issue_date_json(issue),
                article: ai,
                number: ai + 1,
                title,
                score: 100 * title_hits + body_hits,
                title_hits,
                body_hits,
                snippet,
                highlights,
                title_highlights: th,
            });
        }
    }
    hits.sort_by(|a, b| {
        (b.title_hits, b.body_hits)
            .cmp(&(a.title_hits, a.body_hits))
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
        eprintln!("error: {}", w.empty_query);
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
    fn occurrences_map_back_to_original_characters() {
        let f = fold("Vattenförsörjning och VATTENFÖRSÖRJNINGSPLAN");
        assert_eq!(
            occurrences(&f, "vattenforsorjning"),
            vec![(0, 17), (22, 39)]
        );
        assert!(occurrences(&f, "").is_empty());
    }

    #[test]
    fn snippets_cut_on_word_boundaries_and_rebase_hits() {
        let body: Vec<char> = "ord "
            .repeat(40)
            .chars()
            .chain("träff slut".chars())
            .collect();
        let at = 160;
        let (text, hl) = snippet(&body, at, &[(at, at + 5)]);
        assert!(text.starts_with("…ord"));
        let chars: Vec<char> = text.chars().collect();
        let (s, e) = hl[0];
        assert_eq!(chars[s..e].iter().collect::<String>(), "träff");
        assert!(text.ends_with("slut"));
    }
}
