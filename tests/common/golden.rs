//! The golden check (`../shared/golden/check.py`) in Rust, run against
//! `tests/fixtures/expected.json`, so `cargo test` catches a regression in
//! what a correct reading of the bundled corpus contains.

use std::collections::{BTreeSet, HashMap};

use serde_json::Value;
use unicode_normalization::UnicodeNormalization;

/// The checker's title normalisation: NFC, lower case, quotes dropped,
/// dashes unified, white space collapsed, trailing dots and spaces trimmed.
pub fn norm(s: &str) -> String {
    let s: String = s.nfc().collect::<String>().to_lowercase();
    let s: String = s
        .chars()
        .filter(|c| !"\"”“„'’‘«»".contains(*c))
        .map(|c| if "–—‐".contains(c) { '-' } else { c })
        .collect();
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .trim_matches(|c| c == ' ' || c == '.')
        .to_string()
}

pub fn expected() -> Value {
    expected_at("tests/fixtures/expected.json")
}

/// An expected-reading file, by its path in the repository.
pub fn expected_at(path: &str) -> Value {
    let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap();
    serde_json::from_str(&text).unwrap()
}

/// Check an export against the expected extraction. `rename` maps an
/// exported source name to the bundled name (for corpora saved under other
/// names). Returns the failures.
pub fn check(export: &Value, rename: &dyn Fn(&str) -> String) -> Vec<String> {
    check_against(&expected(), export, rename)
}

/// Check an export against the given expected extraction.
pub fn check_against(exp: &Value, export: &Value, rename: &dyn Fn(&str) -> String) -> Vec<String> {
    let mut fails = Vec::new();
    let mut by_source: HashMap<String, &Value> = HashMap::new();
    for issue in export["issues"].as_array().unwrap() {
        by_source.insert(rename(issue["source"].as_str().unwrap()), issue);
    }
    let mut all_articles: HashMap<String, &Value> = HashMap::new();
    for issue in export["issues"].as_array().unwrap() {
        for a in issue["articles"].as_array().unwrap() {
            all_articles
                .entry(norm(a["title"].as_str().unwrap()))
                .or_insert(a);
        }
    }
    for e in exp["issues"].as_array().unwrap() {
        let name = e["source"].as_str().unwrap();
        let Some(issue) = by_source.get(name) else {
            fails.push(format!("{name}: missing"));
            continue;
        };
        if issue["kind"] != e["kind"] {
            fails.push(format!("{name}: kind {}", issue["kind"]));
        }
        if let Some(range) = e["date_range"].as_array() {
            let d = issue["date"].as_str().unwrap_or("");
            if !(range[0].as_str().unwrap() <= d && d <= range[1].as_str().unwrap()) {
                fails.push(format!("{name}: date {d:?} not in {range:?}"));
            }
        }
        let arts = issue["articles"].as_array().unwrap();
        let titles: Vec<String> = arts
            .iter()
            .map(|a| norm(a["title"].as_str().unwrap()))
            .collect();
        let want: Vec<String> = e["articles"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| norm(t.as_str().unwrap()))
            .collect();
        for t in &want {
            if !titles.contains(t) {
                fails.push(format!("{name}: article missing: {t}"));
            }
        }
        if let Some(extra) = e["allowed_extra_articles"].as_array() {
            let allowed: BTreeSet<String> = want
                .iter()
                .cloned()
                .chain(extra.iter().map(|t| norm(t.as_str().unwrap())))
                .collect();
            for t in &titles {
                if !allowed.contains(t) {
                    fails.push(format!("{name}: unexpected article: {t}"));
                }
            }
        }
        let got: Vec<&Value> = issue["meetings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["from"] != "article")
            .collect();
        let mut used = vec![false; got.len()];
        for m in e["meetings"].as_array().unwrap() {
            let hit = got.iter().enumerate().position(|(i, g)| {
                !used[i]
                    && norm(g["title"].as_str().unwrap()) == norm(m["title"].as_str().unwrap())
                    && g["date"] == m["date"]
            });
            let mut ok = hit.is_some();
            if let Some(i) = hit {
                used[i] = true;
                for k in ["start", "end"] {
                    if let Some(want) = m.get(k) {
                        if got[i][k].as_str().map(|s| &s[..5.min(s.len())]) != want.as_str() {
                            ok = false;
                        }
                    }
                }
            }
            if !ok {
                fails.push(format!("{name}: meeting missing or wrong: {m}"));
            }
        }
        for (i, g) in got.iter().enumerate() {
            if !used[i] {
                fails.push(format!(
                    "{name}: unexpected meeting: {} {}",
                    g["title"], g["date"]
                ));
            }
        }
        if let Some(want) = e.get("article_meetings").and_then(Value::as_array) {
            check_article_meetings(name, want, issue, &mut fails);
        }
        if let Some(want) = e.get("readings").and_then(Value::as_array) {
            check_readings(name, want, arts, &mut fails);
        }
        let mut people: HashMap<String, Vec<String>> = HashMap::new();
        for a in arts {
            for p in a["people"].as_array().unwrap() {
                let n: String = p["name"]
                    .as_str()
                    .unwrap()
                    .nfc()
                    .collect::<String>()
                    .trim()
                    .to_string();
                people
                    .entry(n)
                    .or_default()
                    .push(p["role"].as_str().unwrap_or("").to_lowercase());
            }
        }
        for (pname, role) in e["people"].as_object().unwrap() {
            let ok = match people.get(pname) {
                None => false,
                Some(roles) => role
                    .as_str()
                    .is_none_or(|r| roles.iter().any(|x| x.contains(&r.to_lowercase()))),
            };
            if !ok {
                fails.push(format!(
                    "{name}: person {pname} missing or role lacks {role} (got {:?})",
                    people.get(pname)
                ));
            }
        }
        for c in e["contacts"].as_array().unwrap() {
            let scope = arts.iter().filter(|a| {
                c.get("article")
                    .is_none_or(|t| norm(a["title"].as_str().unwrap()) == norm(t.as_str().unwrap()))
            });
            let ok = scope.into_iter().any(|a| {
                a["contacts"].as_array().unwrap().iter().any(|k| {
                    c.get("name")
                        .is_some_and(|n| k["name"].as_str().map(str::trim) == n.as_str())
                        || c.get("email").is_some_and(|m| {
                            k["email"].as_str().map(|x| x.trim().to_lowercase())
                                == m.as_str().map(String::from)
                        })
                })
            });
            if !ok {
                fails.push(format!("{name}: contact missing: {c}"));
            }
        }
    }
    let bad: BTreeSet<String> = exp["not_people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p.as_str().unwrap().to_lowercase())
        .collect();
    for issue in export["issues"].as_array().unwrap() {
        for a in issue["articles"].as_array().unwrap() {
            for p in a["people"].as_array().unwrap() {
                let n = p["name"].as_str().unwrap().trim().to_lowercase();
                if bad.contains(&n) {
                    fails.push(format!("not a person: {n}"));
                }
            }
        }
    }
    for group in exp["same_topic_groups"].as_array().unwrap() {
        let tops: Vec<Option<&Value>> = group
            .as_array()
            .unwrap()
            .iter()
            .map(|t| {
                all_articles
                    .get(&norm(t.as_str().unwrap()))
                    .and_then(|a| a["topic"].get(0))
            })
            .collect();
        if tops.iter().any(|t| t.is_none()) || tops.windows(2).any(|w| w[0] != w[1]) {
            fails.push(format!("topic group not merged: {group} → {tops:?}"));
        }
    }
    let directory: HashMap<String, &Value> = export["people"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["name"].as_str().unwrap().nfc().collect::<String>(), p))
        .collect();
    for (pname, sources) in exp["cross_issue_people"].as_object().unwrap() {
        let got: Vec<String> = directory
            .get(pname)
            .map(|p| {
                p["issues"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|s| rename(s.as_str().unwrap()))
                    .collect()
            })
            .unwrap_or_default();
        for s in sources.as_array().unwrap() {
            if !got.iter().any(|g| g == s.as_str().unwrap()) {
                fails.push(format!("directory: {pname} should list {s}, got {got:?}"));
            }
        }
    }
    fails
}

/// Our own extension of the expected file: `article_meetings` lists every
/// meeting read from running text (`"from": "article"`), which the shared
/// checker leaves out; none may be missing and none added.
fn check_article_meetings(name: &str, want: &[Value], issue: &Value, fails: &mut Vec<String>) {
    let got: Vec<(String, String)> = issue["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["from"] == "article")
        .map(|m| {
            (
                norm(m["title"].as_str().unwrap()),
                m["date"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = want
        .iter()
        .map(|m| {
            (
                norm(m["title"].as_str().unwrap()),
                m["date"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for w in &want {
        if !got.contains(w) {
            fails.push(format!("{name}: meeting from the text missing: {w:?}"));
        }
    }
    for g in &got {
        if !want.contains(g) {
            fails.push(format!("{name}: unexpected meeting from the text: {g:?}"));
        }
    }
}

/// Our own extension of the expected file: `readings` say how a passage
/// must read. Each names an `article` (by title) and one or more of:
/// `paragraph` (one paragraph holds this text: nothing split it), `caption`
/// (the article has this caption), `not_in_body` (its body lacks this).
fn check_readings(name: &str, want: &[Value], arts: &[Value], fails: &mut Vec<String>) {
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    for r in want {
        let title = r["article"].as_str().unwrap();
        let Some(a) = arts
            .iter()
            .find(|a| norm(a["title"].as_str().unwrap()) == norm(title))
        else {
            fails.push(format!("{name}: reading: no article {title:?}"));
            continue;
        };
        let blocks = a["blocks"].as_array().unwrap();
        let texts_of = |kind: &str| -> Vec<String> {
            blocks
                .iter()
                .filter(|b| b["type"] == kind)
                .filter_map(|b| b["text"].as_str().map(squash))
                .collect()
        };
        if let Some(p) = r.get("paragraph").and_then(Value::as_str) {
            if !texts_of("paragraph").iter().any(|t| t.contains(&squash(p))) {
                fails.push(format!("{name}: {title:?}: no paragraph holds {p:?}"));
            }
        }
        if let Some(c) = r.get("caption").and_then(Value::as_str) {
            if !texts_of("caption").iter().any(|t| t == &squash(c)) {
                fails.push(format!("{name}: {title:?}: caption missing: {c:?}"));
            }
        }
        if let Some(x) = r.get("not_in_body").and_then(Value::as_str) {
            if texts_of("paragraph").iter().any(|t| t.contains(&squash(x))) {
                fails.push(format!("{name}: {title:?}: body should not hold {x:?}"));
            }
        }
    }
}
