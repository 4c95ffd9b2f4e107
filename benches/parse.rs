//! Parse throughput (MB/s) on the bundled corpus's own text, and parse
//! time against the size of one file (1, 4, 16 and 30 MB made of the
//! bundled texts one after another): linear parsing keeps MB/s the same at
//! every size.
//!
//! `cargo bench --bench parse`

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
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

/// One file of at least `mb` MB: the bundled texts over and over.
fn big_file(texts: &[(String, String)], mb: usize) -> String {
    let mut out = String::with_capacity(mb * 1_000_000 + 20_000);
    while out.len() < mb * 1_000_000 {
        for (_, t) in texts {
            out.push_str(t);
            out.push_str("\n\n");
        }
    }
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

    let mut g = c.benchmark_group("parse_one_file");
    g.sample_size(10);
    for mb in [1, 4, 16, 30] {
        let text = big_file(&texts, mb);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.bench_with_input(
            BenchmarkId::from_parameter(format!("{mb}MB")),
            &text,
            |b, t| b.iter(|| black_box(parse_issue("big.txt", t))),
        );
    }
    g.finish();
}

criterion_group!(benches, parse);
criterion_main!(benches);
