//! Our per-keystroke fuzzy-jump time on a folder of issues, for comparing
//! with `fzf --filter` on the same `nyhetsbrev jump --candidates` list.
//! For each of the given queries (default: `s`, `so`, … `soffiantini`),
//! prints the median (over `--reps` runs) of each design step, each adding
//! to the one before unless said otherwise:
//!
//! - `fuzzy_matcher_ms`: the ranking before nucleo-matcher, for reference:
//!   fuzzy-matcher's `fuzzy_indices` (skim) alone over every candidate's
//!   folded text, positions mapped back, sorted, one thread;
//! - `nucleo_ms`: nucleo-matcher alone over every candidate, with the
//!   positions of every hit, one thread (`Ranker::rank`);
//! - `incremental_ms`: only over the survivors of the query one letter
//!   shorter (what the reader's popup does while typing);
//! - `lazy_ms`: + no matched positions (the popup asks for them only for
//!   the rows it shows);
//! - `threads_ms`: + scoring on all cores: the reader's keystroke
//!   (`Ranker::default().rank_lazy` over the survivors);
//! - `prefilter_ms`: `threads_ms` with the letters-in-order prefilter
//!   before the matcher (not used: it does not pay with nucleo);
//! - `scratch_best_ms`: the reader's ranking over every candidate (no
//!   previous keystroke: what `fzf --filter` does);
//! - `rows_ms`: the matched positions of the first 40 hits (what the
//!   popup adds per frame for the rows it shows).
//!
//! ```text
//! cargo run --release --example keystrokes -- --issues DIR [--reps 21] [QUERY…]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use nyhetsbrev::corpus::text::{fold, Folded};
use nyhetsbrev::corpus::Corpus;
use nyhetsbrev::jump::{candidates, positions, Candidate, Ranker};

fn median_ms(reps: usize, mut f: impl FnMut()) -> f64 {
    let mut t: Vec<f64> = (0..reps)
        .map(|_| {
            let s = Instant::now();
            f();
            s.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

/// The ranking before nucleo-matcher: skim's `fuzzy_indices` on the
/// folded text (kept with its char map, as candidates then did), positions
/// mapped back, best first, ties in kind order then list order.
fn fuzzy_matcher_rank(
    cands: &[Candidate],
    folded: &[Folded],
    query: &str,
) -> Vec<(usize, i64, Vec<usize>)> {
    let matcher = SkimMatcherV2::default();
    let q = fold(query.trim()).text;
    let mut hits: Vec<(usize, i64, Vec<usize>)> = folded
        .iter()
        .enumerate()
        .filter_map(|(i, f)| {
            let (score, idx) = matcher.fuzzy_indices(&f.text, &q)?;
            let mut pos: Vec<usize> = idx
                .into_iter()
                .filter_map(|p| f.map.get(p).copied())
                .collect();
            pos.dedup();
            Some((i, score, pos))
        })
        .collect();
    hits.sort_by(|a, b| {
        b.1.cmp(&a.1)
            .then_with(|| cands[a.0].kind.cmp(&cands[b.0].kind))
            .then_with(|| a.0.cmp(&b.0))
    });
    hits
}

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("issues");
    let mut reps = 21usize;
    let mut queries: Vec<String> = Vec::new();
    while let Some(a) = args.next() {
        match a.as_str() {
            "--issues" => dir = PathBuf::from(args.next().unwrap_or_default()),
            "--reps" => reps = args.next().and_then(|v| v.parse().ok()).unwrap_or(21),
            _ => queries.push(a),
        }
    }
    if queries.is_empty() {
        let q = "soffiantini";
        queries = (1..=q.len()).map(|k| q[..k].to_string()).collect();
    }
    let corpus = Corpus::load(&dir)?;
    let cands = candidates(&corpus);
    drop(corpus);
    // The baseline's folded texts with their char maps.
    let folded: Vec<Folded> = cands.iter().map(|c| fold(&c.text)).collect();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let one = Ranker::with(false, 1);
    let best = Ranker::default();
    let pre = Ranker::with(true, cores);
    println!("candidates={} cores={cores}", cands.len());
    for q in &queries {
        // The survivors of the query one letter shorter.
        let mut shorter = q.clone();
        shorter.pop();
        let survivors: Option<Vec<usize>> = (!shorter.is_empty()).then(|| {
            best.rank_lazy(&cands, &shorter, None)
                .iter()
                .map(|h| h.index)
                .collect()
        });
        let s = survivors.as_deref();
        let ranked = best.rank_lazy(&cands, q, s);
        let hits = ranked.len();
        let old_hits = fuzzy_matcher_rank(&cands, &folded, q).len();
        let old_ms = median_ms(reps, || {
            drop(std::hint::black_box(fuzzy_matcher_rank(&cands, &folded, q)))
        });
        let nucleo_ms = median_ms(reps, || drop(std::hint::black_box(one.rank(&cands, q))));
        let incr_ms = median_ms(reps, || {
            drop(std::hint::black_box(one.rank_subset(&cands, q, s)))
        });
        let lazy_ms = median_ms(reps, || {
            drop(std::hint::black_box(one.rank_lazy(&cands, q, s)))
        });
        let best_ms = median_ms(reps, || {
            drop(std::hint::black_box(best.rank_lazy(&cands, q, s)))
        });
        let pre_ms = median_ms(reps, || {
            drop(std::hint::black_box(pre.rank_lazy(&cands, q, s)))
        });
        let scratch_ms = median_ms(reps, || {
            drop(std::hint::black_box(best.rank_lazy(&cands, q, None)))
        });
        let rows_ms = median_ms(reps, || {
            for h in ranked.iter().take(40) {
                std::hint::black_box(positions(&cands[h.index], q));
            }
        });
        println!(
            "query={q} hits={hits} fuzzy_matcher_hits={old_hits} fuzzy_matcher_ms={old_ms:.3} \
             nucleo_ms={nucleo_ms:.3} incremental_ms={incr_ms:.3} lazy_ms={lazy_ms:.3} \
             threads_ms={best_ms:.3} prefilter_ms={pre_ms:.3} scratch_best_ms={scratch_ms:.3} \
             rows_ms={rows_ms:.3}"
        );
    }
    Ok(())
}
