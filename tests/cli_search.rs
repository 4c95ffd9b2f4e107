//! `nyhetsbrev search` with the core's Swedish-aware matcher, on
//! hand-written passages (`tests/search_fixtures`) whose words we choose:
//! inflected forms, compounds, phrases, smart accents and ranking.

mod cli_support;

use cli_support::*;
use serde_json::Value;

const PASSAGES: &str = "tests/search_fixtures";

/// Titles of the results, best first.
fn titles(query: &str) -> Vec<String> {
    let v = json_in(PASSAGES, &["search", query]);
    v["results"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["title"].as_str().unwrap().to_string())
        .collect()
}

/// The highlighted words of the first result's snippet.
fn marked(v: &Value) -> Vec<String> {
    let hit = &v["results"][0];
    let chars: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    hit["highlights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| {
            let (s, e) = (h[0].as_u64().unwrap(), h[1].as_u64().unwrap());
            chars[s as usize..e as usize].iter().collect()
        })
        .collect()
}

#[test]
fn every_form_of_plan_finds_the_three_plan_articles_with_exact_forms_first() {
    let all = [
        "Kommunernas planer för sommaren",
        "Planen är antagen",
        "Vatten i länet",
    ];
    for q in ["plan", "planen", "planer", "planerna"] {
        let mut got = titles(q);
        got.sort();
        assert_eq!(got, all, "{q}");
    }
    // The article with the form as written (in its title) comes first.
    assert_eq!(titles("planen")[0], "Planen är antagen");
    assert_eq!(titles("planer")[0], "Kommunernas planer för sommaren");
    let v = json_in(PASSAGES, &["search", "planerna"]);
    assert_eq!(v["results"][0]["title"], "Kommunernas planer för sommaren");
    assert_eq!(marked(&v), ["planer", "Planerna"]);
}

#[test]
fn compounds_and_phrases() {
    let v = json_in(PASSAGES, &["search", "vattenförsörjningsplan"]);
    assert_eq!(v["results"].as_array().unwrap().len(), 1);
    assert_eq!(marked(&v), ["vattenförsörjningsplanen"]);
    // A phrase: only where the words follow each other, in that order.
    assert_eq!(
        titles("\"psykisk hälsa\""),
        ["Hälsa och skola"],
        "not the article with \"psykisk ohälsa\" or \"hälsa psykisk\""
    );
    let mut both = titles("psykisk hälsa");
    both.sort();
    assert_eq!(both, ["Ett möte om ohälsa", "Hälsa och skola"]);
}

#[test]
fn plain_letters_find_accented_ones_but_not_the_reverse() {
    assert_eq!(titles("asa berg"), ["Hälsa och skola"]);
    assert_eq!(titles("halsa").len(), 2);
    // "får" is only "får"; "far" is both.
    let v = json_in(PASSAGES, &["search", "får"]);
    assert_eq!(marked(&v), ["får"]);
    let v = json_in(PASSAGES, &["search", "far"]);
    assert_eq!(marked(&v), ["får", "far"]);
    assert_no_match(PASSAGES, &["search", "fär"]);
}

#[test]
fn the_plain_listing_shows_the_snippet_around_the_hit() {
    let r = run_in(PASSAGES, &["search", "vattenförsörjningsplan"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let lines: Vec<&str> = r.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", r.stdout);
    assert!(lines[0].starts_with("2024-05-02  Vatten i länet  [020_search 3]"));
    assert!(
        lines[1].starts_with("    Den regionala vattenförsörjningsplanen ska ses över."),
        "{}",
        lines[1]
    );
}
