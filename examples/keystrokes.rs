//! Our per-keystroke fuzzy-jump time on a folder of issues, for comparing
//! with `fzf --filter` on the same `nyhetsbrev jump --candidates` list.
//! For each of the given queries (default: `s`, `so`, … `soffiantini`),
//! prints the median (over `--reps` runs) of each design step, each adding
//! to the one before:
//!
//! - `plain_ms`: fuzzy-matcher alone over every candidate, with positions;
//! - `incremental_ms`: only over the survivors of the query one letter
//!   shorter (what the reader's popup does while typing);
//! - `prefilter_ms`: + the letters-in-order prefilter;
//! - `lazy_ms`: + no matched positions (the popup asks for them only for
//!   the rows it shows);
//! - `threads_ms`: + scoring on all cores (the reader's keystroke);
//! - `scratch_best_ms`: all of that but over every candidate (no previous
//!   keystroke: what `fzf --filter` does).
//!
//! ```text
//! cargo run --release --example keystrokes -- --issues DIR [--reps 21] [QUERY…]
//! ```

use std::path::PathBuf;
use std::time::Instant;

use nyhetsbrev::corpus::Corpus;
use nyhetsbrev::jump::{candidates, Ranker};

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
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let plain = Ranker::with(false, 1);
    let pre = Ranker::with(true, 1);
    let best = Ranker::with(true, cores);
    println!("candidates={} cores={cores}", cands.len());
    for q in &queries {
        // The survivors of the query one letter shorter.
        let mut shorter = q.clone();
        shorter.pop();
        let survivors: Option<Vec<usize>> = (!shorter.is_empty()).then(|| {
            plain
                .rank(&cands, &shorter)
                .iter()
                .map(|h| h.index)
                .collect()
        });
        let s = survivors.as_deref();
        let hits = plain.rank(&cands, q).len();
        let bb = std::hint::black_box;
        // Each step adds one design change to the one before.
        let plain_ms = median_ms(reps, || drop(bb(plain.rank(&cands, q))));
        let incr_ms = median_ms(reps, || drop(bb(plain.rank_subset(&cands, q, s))));
        let pre_ms = median_ms(reps, || drop(bb(pre.rank_subset(&cands, q, s))));
        let lazy_ms = median_ms(reps, || drop(bb(pre.rank_lazy(&cands, q, s))));
        let best_ms = median_ms(reps, || drop(bb(best.rank_lazy(&cands, q, s))));
        let scratch_ms = median_ms(reps, || drop(bb(best.rank_lazy(&cands, q, None))));
        println!(
            "query={q} hits={hits} plain_ms={plain_ms:.3} incremental_ms={incr_ms:.3} \
             prefilter_ms={pre_ms:.3} lazy_ms={lazy_ms:.3} threads_ms={best_ms:.3} \
             scratch_best_ms={scratch_ms:.3}"
        );
    }
    Ok(())
}
