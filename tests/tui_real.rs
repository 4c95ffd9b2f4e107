//! The issue's done-criteria on the bundled `issues/` folder (2025-10-01).

mod common;

use common::Harness;
use crossterm::event::KeyCode;
use nyhetsbrev::tui::app::{Overlay, View};
use nyhetsbrev::tui::ui;

#[test]
fn the_five_issues_are_listed() {
    let h = Harness::new(120, 40);
    assert_eq!(h.app.corpus.issues.len(), 5);
    assert!(h.screen().contains("Nummer (5)"));
}

#[test]
fn the_sidebar_starts_with_kommundirektorsmote_on_3_october() {
    let h = Harness::new(120, 40);
    let p = ui::panes(h.app.screen());
    let rows: Vec<String> = (p.right.y + 1..p.right.bottom())
        .map(|y| h.region(p.right.x, p.right.right(), y))
        .collect();
    let first = rows
        .iter()
        .position(|r| r.contains("okt") && r.chars().any(|c| c.is_ascii_digit()))
        .expect("a meeting row");
    assert!(rows[first].contains("3 okt"), "{}", rows[first]);
    assert!(rows[first + 1].contains("Kommundirektörsmöte"), "{rows:#?}");
}

#[test]
fn jump_soffiantini_enter_shows_an_article_naming_her() {
    let mut h = Harness::new(120, 40);
    h.keys("/soffiantini").key(KeyCode::Enter);
    assert!(
        !matches!(h.app.overlays.last(), Some(Overlay::Jump(_))),
        "Enter jumps"
    );
    let View::Article(i, a) = h.app.view else {
        panic!("an article is shown, not {:?}", h.app.view);
    };
    let art = &h.app.corpus.issues[i].articles[a];
    let names = art.people.iter().map(|p| p.name.as_str());
    let contacts = art.contacts.iter().filter_map(|c| c.name.as_deref());
    assert!(
        names
            .chain(contacts)
            .any(|n| n == "Karin Soffiantini-Yildiz")
            || art.body().contains("Soffiantini-Yildiz"),
        "{art:#?}"
    );
    h.key(KeyCode::Esc);
    let p = ui::panes(h.app.screen());
    let center: String = (p.center.y..p.center.bottom())
        .map(|y| h.region(p.center.x, p.center.right(), y))
        .collect::<Vec<_>>()
        .join(" ");
    let center = center.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        center.contains("Karin Soffiantini-Yildiz"),
        "{}",
        h.screen()
    );
}

/// The people `nyhetsbrev contacts --json QUERY` lists for the bundled
/// issues, in its order.
fn cli_contacts(query: &str) -> Vec<String> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nyhetsbrev"))
        .args(["--issues", &common::issues_dir().to_string_lossy()])
        .args(["--today", "2025-10-01", "contacts", "--json", query])
        .output()
        .expect("the binary runs");
    if !out.status.success() {
        return Vec::new();
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["people"]
        .as_array()
        .expect("a list of people")
        .iter()
        .map(|p| p["name"].as_str().expect("a name").to_string())
        .collect()
}

#[test]
fn the_contacts_overlay_and_the_cli_find_the_same_people_in_the_same_order() {
    for query in [
        "utskrivning",
        "gymnasieantagningen",
        "asa",
        "soffiantini",
        "landshövding",
        "storsthlm",
        "zzzqx",
    ] {
        let mut h = Harness::new(120, 40);
        h.keys("c").keys(query);
        let Some(Overlay::Contacts(st)) = h.app.overlays.last() else {
            panic!("the contacts overlay is open");
        };
        let reader: Vec<String> = st
            .hits
            .iter()
            .map(|&p| h.app.corpus.people[p].name.clone())
            .collect();
        assert_eq!(reader, cli_contacts(query), "{query}");
        if let Some(first) = reader.first() {
            assert!(h.screen().contains(first.as_str()), "{query}: {first}");
        }
    }
    // The question people ask the reader: who do I ask about discharge?
    let mut h = Harness::new(120, 40);
    h.keys("cutskrivning");
    let s = h.screen();
    assert!(s.contains("Åsa Danielsson"), "{s}");
    assert!(!s.contains("Ingen person matchar"), "{s}");
}

/// The articles `nyhetsbrev search --json QUERY` lists for the bundled
/// issues, in its order, as (issue file, article number).
fn cli_search(query: &str) -> Vec<(String, u64)> {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_nyhetsbrev"))
        .args(["--issues", &common::issues_dir().to_string_lossy()])
        .args(["search", "--json", query])
        .output()
        .expect("the binary runs");
    if !out.status.success() {
        return Vec::new();
    }
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    v["results"]
        .as_array()
        .expect("a list of results")
        .iter()
        .map(|r| {
            let issue = r["issue"].as_str().expect("an issue").to_string();
            (issue, r["number"].as_u64().expect("a number"))
        })
        .collect()
}

#[test]
fn the_search_overlay_and_the_cli_find_the_same_articles_in_the_same_order() {
    for query in [
        "psykisk hälsa",
        "\"psykisk hälsa\"",
        "vattenförsörjning",
        "planerna",
        "halsa",
        "gymnasieantagningen",
        "zzzqx",
    ] {
        let mut h = Harness::new(120, 40);
        h.keys("s").keys(query);
        let Some(Overlay::Search(st)) = h.app.overlays.last() else {
            panic!("the search overlay is open");
        };
        let reader: Vec<(String, u64)> = st
            .hits
            .iter()
            .map(|hit| {
                let issue = &h.app.corpus.issues[hit.issue];
                (issue.source.clone(), hit.article as u64 + 1)
            })
            .collect();
        let cli = cli_search(query);
        assert_eq!(reader, cli, "{query}");
        if query != "zzzqx" {
            assert!(!cli.is_empty(), "{query} finds something");
        }
    }
}
