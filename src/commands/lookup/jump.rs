//! `nyhetsbrev jump [QUERY]`: the reader's fuzzy-jump ranking, printed one
//! candidate a line as `kind<TAB>text<TAB>where`, best first, for scripts
//! and for comparing with other fuzzy finders. The matched characters are
//! highlighted on a terminal.
//!
//! `--candidates` prints every candidate's text, one a line (what another
//! fuzzy finder would be given). `--timings` prints, as the last line on
//! standard error, `load_ms=<float> match_ms=<float>`: load is reading and
//! building the whole corpus; match is building the candidate list and
//! ranking it for the query (the part a fuzzy finder given `--candidates`'
//! output would do).

use std::borrow::Cow;
use std::fmt::Write as _;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Result;
use serde::Serialize;

use super::{emit, emit_json, fill, no_match, Style};
use crate::commands::Context;
use crate::corpus::Corpus;
use crate::i18n::{lookup_words, LookupWords};
use crate::jump::{candidates, Candidate, JumpKind, Ranker, Target};
use crate::sanitize::clean_line;

pub struct Args {
    pub query: Option<String>,
    pub timings: bool,
    pub candidates: bool,
    pub json: bool,
}

#[derive(Serialize, Debug)]
struct Entry<'a> {
    kind: JumpKind,
    text: &'a str,
    context: Cow<'a, str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    score: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    positions: Option<&'a [usize]>,
    issue: Option<&'a str>,
    target: &'a Target,
}

#[derive(Serialize, Debug)]
struct Ranking<'a> {
    query: &'a str,
    results: Vec<Entry<'a>>,
}

#[derive(Serialize, Debug)]
struct Candidates<'a> {
    candidates: Vec<Entry<'a>>,
}

fn kind_word(w: &LookupWords, kind: JumpKind) -> &'static str {
    match kind {
        JumpKind::Article => w.kind_article,
        JumpKind::Person => w.kind_person,
        JumpKind::Meeting => w.kind_meeting,
        JumpKind::Issue => w.kind_issue,
        JumpKind::Topic => w.kind_topic,
    }
}

fn issue_of<'a>(corpus: &'a Corpus, target: &Target) -> Option<&'a str> {
    match target {
        Target::Issue { issue } | Target::Article { issue, .. } | Target::Meeting { issue, .. } => {
            corpus.issues.get(*issue).map(|i| i.source.as_str())
        }
        Target::Person { .. } | Target::Topic { .. } => None,
    }
}

fn entry<'a>(
    corpus: &'a Corpus,
    c: &'a Candidate,
    score: Option<i64>,
    positions: Option<&'a [usize]>,
) -> Entry<'a> {
    Entry {
        kind: c.kind,
        text: &c.text,
        context: c.context(corpus),
        score,
        positions,
        issue: issue_of(corpus, &c.target),
        target: &c.target,
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

pub fn run(
    corpus: &Corpus,
    ctx: &Context,
    style: Style,
    args: Args,
    load: Duration,
) -> Result<ExitCode> {
    let w = lookup_words(ctx.lang);
    let query = args.query.as_deref().unwrap_or("").trim();
    let started = Instant::now();
    let cands = candidates(corpus);
    if args.candidates {
        let took = started.elapsed();
        if args.json {
            emit_json(&Candidates {
                candidates: cands.iter().map(|c| entry(corpus, c, None, None)).collect(),
            })?;
        } else {
            let mut out = String::new();
            for c in &cands {
                let _ = writeln!(out, "{}", clean_line(&c.text));
            }
            emit(&out)?;
        }
        report(args.timings, load, took);
        return Ok(ExitCode::SUCCESS);
    }
    // Matched positions only where they are shown: in colour, or in JSON.
    let hits = if args.json || style.color {
        Ranker::default().rank(&cands, query)
    } else {
        Ranker::default().rank_lazy(&cands, query, None)
    };
    let took = started.elapsed();
    if hits.is_empty() {
        let code = no_match(&fill(w.no_jump_hit, &[("query", query)]));
        report(args.timings, load, took);
        return Ok(code);
    }
    if args.json {
        emit_json(&Ranking {
            query,
            results: hits
                .iter()
                .map(|h| entry(corpus, &cands[h.index], Some(h.score), Some(&h.positions)))
                .collect(),
        })?;
    } else {
        let mut out = String::new();
        for h in &hits {
            let c = &cands[h.index];
            let _ = writeln!(
                out,
                "{}\t{}\t{}",
                style.accent(kind_word(w, c.kind)),
                style.highlight(&c.text, |i| h.positions.binary_search(&i).is_ok()),
                style.dim(&clean_line(&c.context(corpus))),
            );
        }
        emit(&out)?;
    }
    report(args.timings, load, took);
    Ok(ExitCode::SUCCESS)
}

/// The timings line, last on standard error.
fn report(timings: bool, load: Duration, matching: Duration) {
    if timings {
        eprintln!("load_ms={:.3} match_ms={:.3}", ms(load), ms(matching));
    }
}
