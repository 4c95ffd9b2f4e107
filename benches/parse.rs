//! Parse throughput (MB/s) on the bundled corpus's own text.
//!
//! `cargo bench --bench parse`

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use nyhetsbrev::corpus::parse::parse_issue;

fn texts() -> Vec<(String, String)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("issues");
    let mut out: Vec<(String, String)> = std::fs::read_dir(&dir)
        .expect("the bundled issues folder")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            let text = std::fs::read_to_string(e.path()).expect("UTF-8 text");
            (name, text)
        })
        .collect();
    out.sort();
    out
}

fn parse(c: &mut Criterion) {
    let texts = texts();
    let bytes: usize = texts.iter().map(|(_, t)| t.len()).sum();
    let mut g = c.benchmark_group("parse");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("bundled_corpus", |b| {
        b.iter(|| {
            for (name, text) in &texts {
                black_box(parse_issue(name, text));
            }
        })
    });
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
