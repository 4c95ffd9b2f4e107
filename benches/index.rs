//! The folder's index (`corpus::index`) on generated corpora: a lookup with
//! the index current (open, bring up to date, read what `list` (summaries),
//! `contacts` (the book), `meetings --from … --to …`, `search`, `read` (one
//! issue), `jump` (heads) and the reader (every issue whole) need), `list`
//! and `contacts` after one file changed (the kept book patched, and, for
//! reference, with no kept book, every person merged:
//! `one_changed_contacts_whole`),
//! and building the index from nothing, against parsing the whole folder
//! (the path without an index).
//!
//! `cargo bench --bench index` (`NYHETSBREV_BENCH_SIZES=2000` for one size;
//! the default is 200 and 2,000: building at 20,000 takes minutes a sample).

mod support;

use std::hint::black_box;
use std::time::Duration;

use chrono::NaiveDate;
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, SamplingMode};
use nyhetsbrev::corpus::index::{Index, Want};
use nyhetsbrev::corpus::Corpus;
use support::corpora;

fn sizes() -> Vec<usize> {
    if std::env::var("NYHETSBREV_BENCH_SIZES").is_ok() {
        corpora::sizes()
    } else {
        vec![200, 2_000]
    }
}

/// What one lookup reads from the index, brought up to date first.
#[derive(Clone)]
enum Ask {
    Library(Want),
    Summaries,
    Book,
}

fn lookup(index_dir: &std::path::Path, dir: &std::path::Path, ask: &Ask) -> usize {
    let mut index = Index::open(index_dir, dir).expect("the index opens");
    index.update().expect("the index updates");
    match ask {
        Ask::Library(want) => index.library(want).expect("the index answers").issues.len(),
        Ask::Summaries => index.summaries().expect("the index answers").len(),
        Ask::Book => index
            .book(Some("soffiantini"))
            .expect("the index answers")
            .people
            .len(),
    }
}

fn index(c: &mut Criterion) {
    let mut g = c.benchmark_group("index");
    g.sampling_mode(SamplingMode::Flat);
    g.sample_size(10);
    let range = Want::Meetings(
        NaiveDate::from_ymd_opt(2025, 10, 1),
        NaiveDate::from_ymd_opt(2025, 12, 31),
    );
    for n in sizes() {
        let dir = corpora::dir(n);
        let cache = tempfile::tempdir().expect("temp dir");
        lookup(cache.path(), &dir, &Ask::Book);
        g.measurement_time(Duration::from_secs(5));
        for (name, ask) in [
            ("list", Ask::Summaries),
            ("contacts", Ask::Book),
            ("meetings", Ask::Library(range.clone())),
            (
                "search",
                Ask::Library(Want::Search("vattenförsörjning".into())),
            ),
            ("read", Ask::Library(Want::Issue("2023".into()))),
            ("jump", Ask::Library(Want::Heads)),
            ("reader", Ask::Library(Want::Full)),
        ] {
            g.bench_with_input(BenchmarkId::new(name, n), &dir, |b, dir| {
                b.iter(|| black_box(lookup(cache.path(), dir, &ask)))
            });
        }
        // One file rewritten before every lookup.
        let victim = std::fs::read_dir(&dir)
            .expect("bench corpus")
            .filter_map(|e| e.ok())
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "txt"))
            .expect("a text file");
        let original = std::fs::read(&victim).expect("bench text");
        let mut flip = false;
        let file = nyhetsbrev::corpus::index::file_for(cache.path(), &dir);
        for (name, ask, whole) in [
            ("list", Ask::Summaries, false),
            ("contacts", Ask::Book, false),
            ("contacts_whole", Ask::Book, true),
        ] {
            let id = BenchmarkId::new(format!("one_changed_{name}"), n);
            g.bench_with_input(id, &dir, |b, dir| {
                b.iter(|| {
                    flip = !flip;
                    let mut text = original.clone();
                    if flip {
                        text.extend_from_slice(b"\nEn rad till.\n");
                    }
                    std::fs::write(&victim, &text).expect("rewrite");
                    if whole {
                        // No kept book: every person is merged.
                        rusqlite::Connection::open(&file)
                            .and_then(|c| c.execute("DELETE FROM derived", []))
                            .expect("the kept book removed");
                    }
                    black_box(lookup(cache.path(), dir, &ask))
                })
            });
        }
        std::fs::write(&victim, &original).expect("restore");
        g.measurement_time(Duration::from_millis((n as u64 * 10).max(3_000)));
        g.bench_with_input(BenchmarkId::new("build", n), &dir, |b, dir| {
            b.iter(|| {
                let fresh = tempfile::tempdir().expect("temp dir");
                black_box(lookup(fresh.path(), dir, &Ask::Summaries))
            })
        });
        g.bench_with_input(BenchmarkId::new("parse", n), &dir, |b, dir| {
            b.iter(|| black_box(Corpus::load(dir).expect("the corpus loads").issues.len()))
        });
    }
    g.finish();
}

criterion_group!(benches, index);
criterion_main!(benches);
