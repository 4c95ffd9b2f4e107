//! `nyhetsbrev check`'s report over a corpus of 1,000 to 50,000 files, each
//! with a warning: linear in the number of files. `reference` is the
//! report's former shape (a linear search of the issues for each file),
//! measured in the same run for comparison.
//!
//! `cargo bench --bench check -- --warm-up-time 1 --measurement-time 3`

use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use nyhetsbrev::commands::{check, Context};
use nyhetsbrev::corpus::{Corpus, Issue, IssueKind, Warning, WarningKind};
use nyhetsbrev::i18n::Lang;

fn corpus(n: usize) -> Corpus {
    let issues = (0..n)
        .map(|i| Issue {
            source: format!("{i:06}_nummer.txt"),
            id: format!("{i:06}_nummer"),
            kind: IssueKind::Newsletter,
            date: NaiveDate::from_ymd_opt(2024, 1, 1),
            date_precision: Default::default(),
            date_basis: Default::default(),
            title: format!("Nummer {i}"),
            articles: Vec::new(),
            meetings: Vec::new(),
            encoding: "utf-8".into(),
        })
        .collect();
    let warnings = (0..n)
        .map(|i| {
            Warning::new(
                &format!("{i:06}_nummer.txt"),
                WarningKind::CalendarLine,
                "en rad utan datum".into(),
            )
        })
        .collect();
    Corpus {
        issues,
        warnings,
        files_read: n,
        ..Default::default()
    }
}

/// The former lookup: for each file, a search of all issues.
fn reference(corpus: &Corpus) -> usize {
    let mut files: Vec<&str> = corpus.issues.iter().map(|i| i.source.as_str()).collect();
    files.sort_unstable();
    files
        .iter()
        .filter_map(|f| corpus.issues.iter().find(|i| i.source == *f))
        .map(|i| i.title.len())
        .sum()
}

fn bench(c: &mut Criterion) {
    let ctx = Context {
        lang: Lang::Sv,
        today: NaiveDate::from_ymd_opt(2025, 1, 1).expect("date"),
    };
    let mut g = c.benchmark_group("check");
    g.sample_size(10);
    for n in [1_000, 10_000, 50_000] {
        let corpus = corpus(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::new("report", n), &corpus, |b, c| {
            b.iter(|| black_box(check::report(c, &ctx)))
        });
        if n <= 10_000 {
            g.bench_with_input(BenchmarkId::new("reference", n), &corpus, |b, c| {
                b.iter(|| black_box(reference(c)))
            });
        }
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
