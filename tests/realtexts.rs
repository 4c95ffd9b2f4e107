//! Real texts nobody on the project wrote (`tests/fixtures/realtexts/`,
//! see its SOURCES.md): older newsletter issues and web articles, read
//! against their expected reading with the same checks as the golden
//! corpus (`../shared/golden/check.py` in Rust).

mod common;

use nyhetsbrev::corpus::Corpus;

/// Checks the parser does not pass yet. Each is a known gap, not a wanted
/// answer: the test fails when any other check fails (a regression) and
/// when one of these starts to pass (so the list only shrinks).
const KNOWN_GAPS: &[&str] = &[];

fn failures() -> Vec<String> {
    let dir =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/realtexts/corpus");
    let corpus = Corpus::load(&dir).unwrap();
    let export = serde_json::to_value(&corpus).unwrap();
    let exp = common::golden::expected_at("tests/fixtures/realtexts/expected.json");
    common::golden::check_against(&exp, &export, &|s| s.to_string())
}

#[test]
fn real_texts_read_as_expected_apart_from_known_gaps() {
    let fails = failures();
    let new: Vec<&String> = fails
        .iter()
        .filter(|f| !KNOWN_GAPS.contains(&f.as_str()))
        .collect();
    let fixed: Vec<&&str> = KNOWN_GAPS
        .iter()
        .filter(|g| !fails.iter().any(|f| f == *g))
        .collect();
    assert!(
        new.is_empty() && fixed.is_empty(),
        "new failures:\n{}\n\nknown gaps now passing (remove them):\n{}",
        new.iter()
            .map(|s| s.as_str())
            .collect::<Vec<_>>()
            .join("\n"),
        fixed.iter().map(|s| **s).collect::<Vec<_>>().join("\n")
    );
}

/// Our own texts in the forms other federations and web pages use (web
/// date lines, a calendar page with month headings and "14/3" entries,
/// grouped dates, name-role-organisation lists, staff cards, a colophon),
/// read with the same checks: `tests/fixtures/forms/`.
#[test]
fn texts_in_other_forms_read_as_expected() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/forms/corpus");
    let corpus = Corpus::load(&dir).unwrap();
    let export = serde_json::to_value(&corpus).unwrap();
    let exp = common::golden::expected_at("tests/fixtures/forms/expected.json");
    let fails = common::golden::check_against(&exp, &export, &|s| s.to_string());
    assert!(fails.is_empty(), "{}", fails.join("\n"));
}
