//! Loading a folder of generated issues into the full corpus (reading,
//! parsing, people directory and topic tree): 200, 2,000 and 20,000 issues;
//! and, on issues already parsed, assembling the corpus, the contacts
//! directory and the jump candidates (`-- assemble`, 2,000 and up).
//!
//! `cargo bench --bench load` (all sizes; `-- load/2000` for one size;
//! `NYHETSBREV_BENCH_SIZES=200,2000` to skip the 20,000 corpus)

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{
    criterion_group, criterion_main, BatchSize, BenchmarkId, Criterion, SamplingMode, Throughput,
};
use nyhetsbrev::corpus::contacts::Directory;
use nyhetsbrev::corpus::topics::Taxonomy;
use nyhetsbrev::corpus::Corpus;
use nyhetsbrev::jump::candidates;
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

/// The same 2,000 generated issues as `*.txt` files and as one mbox of
/// 2,000 plain-text messages, side by side (MB/s of the texts).
fn mailbox(c: &mut Criterion) {
    let txt = corpora::dir(2_000);
    let mbox_dir = txt.with_file_name("2000-mbox");
    let mbox = mbox_dir.join("inkorg.mbox");
    if !mbox.exists() {
        std::fs::create_dir_all(&mbox_dir).expect("bench folder");
        let mut names: Vec<_> = std::fs::read_dir(&txt)
            .expect("bench corpus")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        names.sort();
        let mut out = String::new();
        for (i, p) in names.iter().enumerate() {
            let text = std::fs::read_to_string(p).expect("bench text");
            out.push_str(&format!(
                "From nyhetsbrev@storsthlm.se Mon Mar  3 09:00:00 2025\nFrom: nyhetsbrev@storsthlm.se\n\
                 Subject: Nyhetsbrev {i}\nDate: Mon, 3 Mar 2025 09:00:00 +0100\n\
                 Content-Type: text/plain; charset=utf-8\n\n{}\n",
                text.replace("\nFrom ", "\n>From ")
            ));
        }
        std::fs::write(&mbox, out).expect("write the mailbox");
    }
    let mut g = c.benchmark_group("mailbox");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    g.throughput(Throughput::Bytes(corpora::bytes_on_disk(&txt)));
    g.bench_with_input(BenchmarkId::new("txt", 2_000), &txt, |b, dir| {
        b.iter(|| black_box(Corpus::load(dir).expect("the corpus loads")))
    });
    g.bench_with_input(BenchmarkId::new("mbox", 2_000), &mbox_dir, |b, dir| {
        b.iter(|| black_box(Corpus::load(dir).expect("the mailbox loads")))
    });
    g.finish();
}

/// What a load does after parsing, on parsed issues: assembling the corpus
/// (filing, the people directory, the topic tree), then the contacts
/// directory and the jump candidates a reader or a lookup builds on it.
/// Beside them, for scale in the same run: parsing the same folder.
fn assemble(c: &mut Criterion) {
    let mut g = c.benchmark_group("assemble");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    for n in corpora::sizes().into_iter().filter(|&n| n >= 2_000) {
        let dir = corpora::dir(n);
        let corpus = Corpus::load(&dir).expect("the corpus loads");
        let taxonomy = Taxonomy::builtin();
        g.measurement_time(Duration::from_millis((n as u64 * 2).max(3_000)));
        g.bench_with_input(BenchmarkId::new("corpus", n), &corpus, |b, corpus| {
            b.iter_batched(
                || corpus.issues.clone(),
                |issues| black_box(Corpus::assemble(issues, &taxonomy, &mut Vec::new(), n)),
                BatchSize::LargeInput,
            )
        });
        g.bench_with_input(BenchmarkId::new("contacts", n), &corpus, |b, corpus| {
            b.iter(|| black_box(Directory::new(corpus)))
        });
        g.bench_with_input(BenchmarkId::new("jump", n), &corpus, |b, corpus| {
            b.iter(|| black_box(candidates(corpus)))
        });
    }
    g.finish();
}

criterion_group!(benches, load, mailbox, assemble);
criterion_main!(benches);
