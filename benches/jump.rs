//! One fuzzy-jump keystroke over the candidates of 200, 2,000 and 20,000
//! generated issues, typing `s`, `so`, `sof`, … `soffiantini`, as the
//! reader's popup ranks (`Ranker::rank_lazy`, no positions): from scratch
//! over every candidate, and incrementally over the survivors of the
//! previous keystroke; and `rows`, the matched positions of the 40 best
//! hits (what the popup computes for the rows it shows).
//!
//! `cargo bench --bench jump` (`-- jump/2000` for one size)

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nyhetsbrev::corpus::Corpus;
use nyhetsbrev::jump::{candidates, positions, Ranker};
use support::corpora;

fn jump(c: &mut Criterion) {
    let ranker = Ranker::default();
    for n in corpora::sizes() {
        let corpus = Corpus::load(&corpora::dir(n)).expect("the corpus loads");
        let cands = candidates(&corpus);
        drop(corpus);
        let mut g = c.benchmark_group(format!("jump/{n}"));
        g.sample_size(20);
        g.warm_up_time(Duration::from_millis(300));
        g.measurement_time(Duration::from_secs(1));
        let mut survivors: Option<Vec<usize>> = None;
        for q in corpora::prefixes() {
            g.bench_with_input(BenchmarkId::new("scratch", &q), &q, |b, q| {
                b.iter(|| black_box(ranker.rank_lazy(&cands, q, None)))
            });
            g.bench_with_input(BenchmarkId::new("incremental", &q), &q, |b, q| {
                b.iter(|| black_box(ranker.rank_lazy(&cands, q, survivors.as_deref())))
            });
            let hits = ranker.rank_lazy(&cands, &q, None);
            g.bench_with_input(BenchmarkId::new("rows", &q), &q, |b, q| {
                b.iter(|| {
                    for h in hits.iter().take(40) {
                        black_box(positions(&cands[h.index], q));
                    }
                })
            });
            survivors = Some(hits.iter().map(|h| h.index).collect());
        }
        g.finish();
    }
}

criterion_group!(benches, jump);
criterion_main!(benches);
