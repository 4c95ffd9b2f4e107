//! `nyhetsbrev read ISSUE [ARTICLE] [--width N]`: an issue's table of
//! contents, or one article as text wrapped at N columns (default: the
//! terminal's width, 80 when standard output is not a terminal), ready for
//! a pager. ISSUE is a file name, an id or a month (`2020-11`); ARTICLE a
//! number from the table of contents or a fragment of the title (case and
//! å/ä/ö folded).

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{emit, emit_json, fill, issue_date, no_match, Style};
use crate::commands::Context;
use crate::corpus::text::{fold_key, fold_str};
use crate::corpus::{Article, ArticleKind, Block, Contact, Corpus, Issue, IssueKind, Link};
use crate::i18n::{lookup_words, LookupWords};
use crate::sanitize::{clean_line, show_name};

/// Width when standard output is not a terminal.
pub const DEFAULT_WIDTH: usize = 80;

#[derive(Serialize, Debug)]
struct IssueOut<'a> {
    source: &'a str,
    id: &'a str,
    #[serde(with = "crate::corpus::opt_date")]
    date: Option<chrono::NaiveDate>,
    kind: IssueKind,
    title: &'a str,
}

#[derive(Serialize, Debug)]
struct TocEntry<'a> {
    number: usize,
    article: usize,
    title: &'a str,
    section: Option<&'a str>,
    topic: &'a [String],
    kind: ArticleKind,
}

#[derive(Serialize, Debug)]
struct Toc<'a> {
    issue: IssueOut<'a>,
    articles: Vec<TocEntry<'a>>,
}

#[derive(Serialize, Debug)]
struct ArticleOut<'a> {
    issue: IssueOut<'a>,
    number: usize,
    article: usize,
    title: &'a str,
    section: Option<&'a str>,
    topic: &'a [String],
    kind: ArticleKind,
    blocks: &'a [Block],
    contacts: &'a [Contact],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    urls: &'a [Link],
}

fn issue_out(issue: &Issue) -> IssueOut<'_> {
    IssueOut {
        source: &issue.source,
        id: &issue.id,
        date: issue.date,
        kind: issue.kind,
        title: &issue.title,
    }
}

/// The wrap width: the flag, else the terminal's, else 80.
fn width(flag: Option<usize>) -> usize {
    flag.unwrap_or_else(|| {
        if std::io::stdout().is_terminal() {
            crossterm::terminal::size()
                .map(|(w, _)| usize::from(w))
                .ok()
                .filter(|w| *w >= 20)
                .unwrap_or(DEFAULT_WIDTH)
        } else {
            DEFAULT_WIDTH
        }
    })
}

/// Wrap `text` (one paragraph) at `width` with the given indents; each
/// line styled by `paint` after wrapping, so escapes never count as width.
fn wrap_into(
    out: &mut String,
    text: &str,
    width: usize,
    first: &str,
    rest: &str,
    paint: impl Fn(&str) -> String,
) {
    let text = clean_line(text);
    let opts = textwrap::Options::new(width)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for line in textwrap::wrap(text.trim(), opts) {
        out.push_str(&paint(line.trim_end()));
        out.push('\n');
    }
}

/// "Section · Area › Sub-topic", or "" when the article has neither.
fn where_filed(a: &Article) -> String {
    let topic = a.topic.join(" › ");
    match a
        .section
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(s) if fold_key(s) != a.topic.last().map(|t| fold_key(t)).unwrap_or_default() => {
            if topic.is_empty() {
                s.to_string()
            } else {
                format!("{s} · {topic}")
            }
        }
        _ => topic,
    }
}

fn kind_word(w: &LookupWords, kind: IssueKind) -> &'static str {
    match kind {
        IssueKind::Newsletter => w.newsletter,
        IssueKind::Document => w.document,
    }
}

fn toc(issue: &Issue, w: &LookupWords, style: Style, width: usize) -> String {
    let mut out = String::new();
    let head = format!("{}  {}", issue_date(issue), issue.title);
    wrap_into(&mut out, &head, width, "", "", |l| style.bold(l));
    let info = format!(
        "{} · {} · {} {} · {} {}",
        show_name(&issue.source),
        kind_word(w, issue.kind),
        issue.articles.len(),
        w.articles,
        issue.meetings.len(),
        w.meetings
    );
    wrap_into(&mut out, &info, width, "", "", |l| style.dim(l));
    out.push('\n');
    let digits = issue.articles.len().max(1).to_string().len();
    let pad = " ".repeat(digits + 2);
    for (i, a) in issue.articles.iter().enumerate() {
        let first = format!("{:>digits$}. ", i + 1);
        let mut line = clean_line(&a.title);
        let filed = where_filed(a);
        if !filed.is_empty() {
            line.push_str(&format!("  ({})", clean_line(&filed)));
        }
        wrap_into(&mut out, &line, width, &first, &pad, |l| l.to_string());
    }
    let _ = style;
    out
}

fn article_text(issue: &Issue, a: &Article, w: &LookupWords, style: Style, width: usize) -> String {
    let mut out = String::new();
    wrap_into(&mut out, &a.title, width, "", "", |l| style.bold(l));
    let filed = where_filed(a);
    if !filed.is_empty() {
        wrap_into(&mut out, &filed, width, "", "", |l| style.accent(l));
    }
    let from = format!("{}  {}", issue_date(issue), issue.title);
    wrap_into(&mut out, &from, width, "", "", |l| style.dim(l));
    for b in &a.blocks {
        out.push('\n');
        match b {
            Block::Paragraph(t) => wrap_into(&mut out, t, width, "", "", |l| l.to_string()),
            Block::Heading(t) => wrap_into(&mut out, t, width, "", "", |l| style.bold(l)),
            Block::List(items) => {
                for item in items {
                    wrap_into(&mut out, item, width, "  • ", "    ", |l| l.to_string());
                }
            }
            Block::Caption(t) => wrap_into(&mut out, t, width, "  ", "  ", |l| style.dim(l)),
            Block::Link(t) => {
                let t = t.trim_start_matches(['→', '>', ' ']);
                wrap_into(&mut out, &format!("→ {t}"), width, "", "  ", |l| {
                    style.accent(l)
                });
            }
        }
    }
    if !a.contacts.is_empty() {
        out.push('\n');
        for c in &a.contacts {
            let parts: Vec<&str> = [c.name.as_deref(), c.role.as_deref(), c.email.as_deref()]
                .into_iter()
                .flatten()
                .filter(|s| !s.trim().is_empty())
                .collect();
            if parts.is_empty() {
                continue;
            }
            let line = format!("{}: {}", w.contact, parts.join(", "));
            wrap_into(&mut out, &line, width, "", "  ", |l| l.to_string());
        }
    }
    if !a.urls.is_empty() {
        // The links of an HTML source, numbered, with their URLs (only
        // http, https and mailto are ever kept; cleaned like all text).
        out.push('\n');
        wrap_into(&mut out, w.links, width, "", "", |l| style.bold(l));
        for (i, link) in a.urls.iter().enumerate() {
            let line = format!("[{}] {} <{}>", i + 1, link.text, link.url);
            wrap_into(&mut out, &line, width, "", "    ", |l| l.to_string());
        }
    }
    out
}

/// Which article `key` names: a 1-based number, or a title fragment.
enum Pick {
    One(usize),
    None,
    Many(Vec<usize>),
}

fn pick(issue: &Issue, key: &str) -> Pick {
    let key = key.trim();
    if let Ok(n) = key.parse::<usize>() {
        return if (1..=issue.articles.len()).contains(&n) {
            Pick::One(n - 1)
        } else {
            Pick::None
        };
    }
    let exact = fold_key(key);
    if let Some(i) = issue
        .articles
        .iter()
        .position(|a| fold_key(&a.title) == exact)
    {
        return Pick::One(i);
    }
    let frag = fold_str(key);
    let found: Vec<usize> = issue
        .articles
        .iter()
        .enumerate()
        .filter(|(_, a)| !frag.is_empty() && fold_str(&a.title).contains(&frag))
        .map(|(i, _)| i)
        .collect();
    match found.len() {
        0 => Pick::None,
        1 => Pick::One(found[0]),
        _ => Pick::Many(found),
    }
}

#[allow(clippy::too_many_arguments)]
pub fn run(
    corpus: &Corpus,
    ctx: &Context,
    style: Style,
    issue_key: &str,
    article_key: Option<&str>,
    width_flag: Option<usize>,
    json: bool,
) -> Result<ExitCode> {
    let w = lookup_words(ctx.lang);
    let Some(ii) = corpus.find_issue(issue_key) else {
        return Ok(no_match(&fill(w.no_issue, &[("key", issue_key.trim())])));
    };
    let issue = &corpus.issues[ii];
    let width = width(width_flag);
    let Some(key) = article_key else {
        if json {
            emit_json(&Toc {
                issue: issue_out(issue),
                articles: issue
                    .articles
                    .iter()
                    .enumerate()
                    .map(|(i, a)| TocEntry {
                        number: i + 1,
                        article: i,
                        title: &a.title,
                        section: a.section.as_deref(),
                        topic: &a.topic,
                        kind: a.kind,
                    })
                    .collect(),
            })?;
        } else {
            emit(&toc(issue, w, style, width))?;
        }
        return Ok(ExitCode::SUCCESS);
    };
    let ai = match pick(issue, key) {
        Pick::One(i) => i,
        Pick::None => {
            let mut msg = fill(w.no_article, &[("issue", &issue.id), ("key", key.trim())]);
            msg.push_str(&format!(
                " ({})",
                fill(
                    w.article_range,
                    &[
                        ("issue", &issue.id),
                        ("n", &issue.articles.len().to_string())
                    ]
                )
            ));
            return Ok(no_match(&msg));
        }
        Pick::Many(list) => {
            let code = no_match(&fill(
                w.ambiguous_article,
                &[("n", &list.len().to_string()), ("key", key.trim())],
            ));
            for i in list {
                eprintln!("  {}. {}", i + 1, clean_line(&issue.articles[i].title));
            }
            return Ok(code);
        }
    };
    let a = &issue.articles[ai];
    if json {
        emit_json(&ArticleOut {
            issue: issue_out(issue),
            number: ai + 1,
            article: ai,
            title: &a.title,
            section: a.section.as_deref(),
            topic: &a.topic,
            kind: a.kind,
            blocks: &a.blocks,
            contacts: &a.contacts,
            urls: &a.urls,
        })?;
    } else {
        emit(&article_text(issue, a, w, style, width))?;
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_respects_width_and_indents() {
        let mut out = String::new();
        let text = "Ett ganska långt stycke text som måste brytas på flera rader för att få plats, med ordet vattenförsörjningsplanerna.";
        wrap_into(&mut out, text, 20, "  • ", "    ", |l| l.to_string());
        for l in out.lines() {
            assert!(l.chars().count() <= 20, "{l:?}");
        }
        assert!(out.starts_with("  • Ett"));
        assert!(out.lines().skip(1).all(|l| l.starts_with("    ")));
    }
}
