//! Our per-keystroke fuzzy-jump time on a folder of issues, for comparing
//! with `fzf --filter` on the same `nyhetsbrev jump --candidates` list.
//! For each of the given queries (default: `s`, `so`, … `soffiantini`),
//! prints the median over `--reps` runs of ranking every candidate from
//! scratch, and of ranking only the survivors of the query one letter
//! shorter (what the reader's popup does while typing), plus the hit count:
//!
//! `query=so scratch_ms=… incremental_ms=… hits=…`
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
    let ranker = Ranker::default();
    println!("candidates={}", cands.len());
    for q in &queries {
        let hits = ranker.rank(&cands, q).len();
        let scratch = median_ms(reps, || {
            std::hint::black_box(ranker.rank(&cands, q));
        });
        // The survivors of the query one letter shorter.
        let shorter: String = {
            let mut s = q.clone();
            s.pop();
            s
        };
        let survivors: Option<Vec<usize>> = (!shorter.is_empty()).then(|| {
            ranker
                .rank(&cands, &shorter)
                .iter()
                .map(|h| h.index)
                .collect()
        });
        let incremental = median_ms(reps, || {
            std::hint::black_box(ranker.rank_subset(&cands, q, survivors.as_deref()));
        });
        println!("query={q} scratch_ms={scratch:.3} incremental_ms={incremental:.3} hits={hits}");
    }
    Ok(())
}
