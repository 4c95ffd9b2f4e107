//! The corpus generator (`examples/gen_corpus.rs`, used by the benches)
//! writes issues that parse like real ones: every issue dated as written,
//! the articles and meetings it wrote, people recurring across issues, and
//! no `check` warnings of a kind the bundled corpus does not have.

#[path = "../benches/support/gen.rs"]
mod gen;

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;
use nyhetsbrev::corpus::{ArticleKind, Corpus, WarningKind};

#[test]
fn generated_issues_parse_like_real_ones() {
    let dir = tempfile::tempdir().expect("temp dir");
    let n = 20;
    gen::write_corpus(dir.path(), gen::SEED, n).expect("write the corpus");
    let corpus = Corpus::load(dir.path()).expect("load the generated corpus");
    assert_eq!(corpus.issues.len(), n);

    for g in gen::corpus(gen::SEED, n) {
        let issue = corpus
            .issues
            .iter()
            .find(|i| i.source == g.name)
            .unwrap_or_else(|| panic!("{} was not loaded", g.name));
        let (y, m, d) = g.date;
        assert_eq!(issue.date, NaiveDate::from_ymd_opt(y, m, d), "{}", g.name);
        assert_eq!(issue.articles.len(), g.articles, "{}: articles", g.name);
        assert_eq!(issue.meetings.len(), g.meetings, "{}: meetings", g.name);
        let kinds: Vec<ArticleKind> = issue.articles.iter().map(|a| a.kind).collect();
        assert!(
            matches!(kinds[0], ArticleKind::Leader | ArticleKind::Interview),
            "{}: {kinds:?}",
            g.name
        );
        assert!(kinds.contains(&ArticleKind::Board), "{}", g.name);
        assert_eq!(kinds.last(), Some(&ArticleKind::Calendar), "{}", g.name);
        assert!(
            issue.articles.iter().any(|a| !a.people.is_empty()),
            "{}: no people",
            g.name
        );
    }

    // People recur across issues.
    assert!(corpus.people.iter().any(|p| p.issues.len() >= 5));
    assert!(corpus.people.len() < 80, "{} people", corpus.people.len());

    // No warning of a kind the bundled corpus does not have.
    let real = Corpus::load(&Path::new(env!("CARGO_MANIFEST_DIR")).join("issues"))
        .expect("the bundled corpus loads");
    let allowed: HashSet<WarningKind> = real.warnings.iter().map(|w| w.kind).collect();
    let extra: Vec<_> = corpus
        .warnings
        .iter()
        .filter(|w| !allowed.contains(&w.kind))
        .collect();
    assert!(extra.is_empty(), "{extra:?}");
}

#[test]
fn the_generator_is_deterministic() {
    let a = gen::issue(gen::SEED, 7);
    let b = gen::issue(gen::SEED, 7);
    assert_eq!(a.text, b.text);
    assert_eq!(a.name, b.name);
    assert_ne!(gen::issue(gen::SEED, 8).text, a.text);
}
