//! Full-text search over every article body of the bundled corpus and of
//! 200 generated issues: the core's Swedish-aware matcher
//! (`search::Query::find`: stems, compounds, phrases, smart accents)
//! against the reference it replaced in `nyhetsbrev search`, accent-folded
//! substring search (`text::fold` + `str::find`), in the same run; and
//! the whole ranking of `nyhetsbrev search` with and without its check of
//! each article for the query's needles.
//!
//! `cargo bench --bench search`

mod support;

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use nyhetsbrev::corpus::search::{self, Query};
use nyhetsbrev::corpus::text::fold;
use nyhetsbrev::corpus::Corpus;
use support::corpora;

const QUERIES: &[&str] = &[
    "vattenförsörjningsplan",
    "planerna",
    "\"psykisk hälsa\"",
    "asa",
];

fn bodies(corpus: &Corpus) -> Vec<String> {
    corpus
        .issues
        .iter()
        .flat_map(|i| i.articles.iter().map(|a| a.body().into_owned()))
        .collect()
}

/// The old rule: every folded query word a substring of the folded text.
fn substring_hits(texts: &[String], query: &str) -> usize {
    let words: Vec<String> = fold(query)
        .text
        .split(|c: char| c.is_whitespace() || c == '"')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    texts
        .iter()
        .filter(|t| {
            let f = fold(t).text;
            words.iter().all(|w| f.contains(w.as_str()))
        })
        .count()
}

fn matcher_hits(texts: &[String], query: &Query) -> usize {
    texts
        .iter()
        .filter(|t| {
            let hits = query.find(t);
            query.all_found(&[&hits])
        })
        .count()
}

fn search(c: &mut Criterion) {
    let sets = [
        ("bundled", bodies(&Corpus::embedded())),
        (
            "generated200",
            bodies(&Corpus::load(&corpora::dir(200)).expect("the corpus loads")),
        ),
    ];
    for (name, texts) in &sets {
        let mut g = c.benchmark_group(format!("search/{name}"));
        g.sample_size(10);
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(2));
        for q in QUERIES {
            let query = Query::parse(q);
            g.bench_with_input(BenchmarkId::new("matcher", q), q, |b, _| {
                b.iter(|| black_box(matcher_hits(texts, &query)))
            });
            g.bench_with_input(BenchmarkId::new("substring", q), q, |b, q| {
                b.iter(|| black_box(substring_hits(texts, q)))
            });
        }
        g.finish();
    }
}

/// The whole ranking of `nyhetsbrev search` and the reader
/// (`search::articles`: each article checked for the query's needles
/// before it is ranked) against ranking every article
/// (`search::articles_ranking_every`, what it did before), in the same
/// run, on 200 and 2,000 generated issues.
fn ranking(c: &mut Criterion) {
    for size in [200, 2000] {
        let corpus = Corpus::load(&corpora::dir(size)).expect("the corpus loads");
        let mut g = c.benchmark_group(format!("articles/generated{size}"));
        g.sample_size(10);
        g.warm_up_time(Duration::from_millis(500));
        g.measurement_time(Duration::from_secs(3));
        for q in [
            "vattenförsörjning",
            "soffiantini",
            "nära samverkan",
            "skola",
        ] {
            g.bench_with_input(BenchmarkId::new("sifted", q), q, |b, q| {
                b.iter(|| black_box(search::articles(&corpus, q).len()))
            });
            g.bench_with_input(BenchmarkId::new("every_article", q), q, |b, q| {
                b.iter(|| black_box(search::articles_ranking_every(&corpus, q).len()))
            });
        }
        g.finish();
    }
}

criterion_group!(benches, search, ranking);
criterion_main!(benches);
