//! Loading a folder of generated issues into the full corpus (reading,
//! parsing, people directory and topic tree): 200, 2,000 and 20,000 issues.
//!
//! `cargo bench --bench load` (all sizes; `-- load/2000` for one size;
//! `NYHETSBREV_BENCH_SIZES=200,2000` to skip the 20,000 corpus)

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use nyhetsbrev::corpus::Corpus;
use support::corpora;

fn load(c: &mut Criterion) {
    let mut g = c.benchmark_group("load");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    for n in corpora::sizes() {
        let dir = corpora::dir(n);
        g.throughput(Throughput::Bytes(corpora::bytes_on_disk(&dir)));
        // About ten loads per size; at least a few seconds.
        g.measurement_time(Duration::from_millis((n as u64 * 10).max(3_000)));
        g.bench_with_input(BenchmarkId::from_parameter(n), &dir, |b, dir| {
            b.iter(|| black_box(Corpus::load(dir).expect("the corpus loads")))
        });
    }
    g.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
