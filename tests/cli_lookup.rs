//! The lookup subcommands on the bundled corpus (`issues/`), run as the
//! built binary with stdout piped (so: plain text, never colour).

mod cli_support;

use std::collections::HashSet;

use cli_support::*;
use serde_json::Value;

const ISSUE_2018: &str = "001_499121871e5538ca.txt";
const ISSUE_2020: &str = "004_a1ec89f6c8d5912f.txt";
const WATER: &str = "En robust vattenförsörjning ett villkor för fortsatt bostadsbyggande";

fn arr(v: &Value) -> &Vec<Value> {
    v.as_array().expect("a JSON array")
}

#[test]
fn contacts_soffiantini_names_her_roles_and_both_issues() {
    let out = ok(&["contacts", "soffiantini"]);
    let first = out.split("\n\n").next().unwrap();
    assert!(first.starts_with("Karin Soffiantini-Yildiz\n"), "{out}");
    assert!(first.contains("roll: "), "{first}");
    assert!(
        first.to_lowercase().contains("gymnasieantagningen"),
        "{first}"
    );
    assert!(first.contains("2018") && first.contains("2020"), "{first}");

    let v = json(&["contacts", "soffiantini"]);
    assert_eq!(v["query"], "soffiantini");
    let karin = &v["people"][0];
    assert_eq!(karin["name"], "Karin Soffiantini-Yildiz");
    assert!(arr(&karin["roles"]).iter().any(|r| r
        .as_str()
        .unwrap()
        .to_lowercase()
        .contains("chef för gymnasieantagningen")));
    let issues: HashSet<&str> = arr(&karin["articles"])
        .iter()
        .map(|a| a["issue"].as_str().unwrap())
        .collect();
    assert!(
        issues.contains(ISSUE_2018) && issues.contains(ISSUE_2020),
        "{issues:?}"
    );
    for a in arr(&karin["articles"]) {
        for field in [
            "issue",
            "issue_date",
            "article",
            "number",
            "title",
            "relation",
        ] {
            assert!(a.get(field).is_some(), "articles[].{field}");
        }
    }
    for field in [
        "name", "score", "matched", "roles", "orgs", "emails", "articles",
    ] {
        assert!(karin.get(field).is_some(), "people[].{field}");
    }
}

#[test]
fn contacts_gymnasie_finds_karin_through_role_and_articles() {
    let v = json(&["contacts", "gymnasie"]);
    let people = arr(&v["people"]);
    let karin = people
        .iter()
        .position(|p| p["name"] == "Karin Soffiantini-Yildiz")
        .expect("Karin is found");
    assert!(karin < 3, "Karin is near the top, not at {karin}");
    let matched = arr(&people[karin]["matched"]);
    assert!(matched.contains(&Value::from("role")), "{matched:?}");
    // Folding: the same with upper case and without the hyphenated surname.
    let v = json(&["contacts", "GYMNASIEANTAGNINGEN"]);
    assert_eq!(v["people"][0]["name"], "Karin Soffiantini-Yildiz");
    assert!(arr(&json(&["contacts"])["people"]).len() >= people.len());
}

#[test]
fn meetings_all_lists_the_69_calendar_meetings_once() {
    let v = json(&["meetings", "--all"]);
    assert_eq!(v["from"], Value::Null);
    let all = arr(&v["meetings"]);
    let calendar: Vec<&Value> = all.iter().filter(|m| m["from"] == "calendar").collect();
    assert_eq!(calendar.len(), 69, "calendar meetings");
    for m in all {
        assert!(m["from"] == "calendar" || m["from"] == "article");
        for field in [
            "date",
            "weekday",
            "start",
            "end",
            "title",
            "issue",
            "issue_date",
            "issue_title",
            "article",
            "uid",
        ] {
            assert!(m.get(field).is_some(), "meetings[].{field}");
        }
    }
    let mut seen = HashSet::new();
    for m in all {
        let key = (
            m["date"].as_str().unwrap(),
            m["title"].as_str().unwrap().to_lowercase(),
        );
        assert!(seen.insert(key.clone()), "listed twice: {key:?}");
    }
    let keys: Vec<(String, String)> = all
        .iter()
        .map(|m| {
            (
                m["date"].as_str().unwrap().to_string(),
                m["start"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted, "sorted by date and time");
    // The text listing has one line per meeting.
    let text = ok(&["meetings", "--all"]);
    assert_eq!(text.lines().count(), all.len());
    assert_eq!(
        text.lines()
            .filter(|l| !l.contains("(ur artikeltext)"))
            .count(),
        69
    );
}

#[test]
fn meetings_in_a_window_and_from_today() {
    let v = json(&["meetings", "--from", "2025-11-20", "--to", "2025-11-30"]);
    let window = arr(&v["meetings"]);
    assert_eq!(window.len(), 7, "{window:#?}");
    assert!(window
        .iter()
        .all(|m| ("2025-11-20".."2025-12-01").contains(&m["date"].as_str().unwrap())));
    let text = ok(&["meetings", "--from", "2025-11-20", "--to", "2025-11-30"]);
    assert_eq!(text.lines().count(), 7);
    assert!(text.lines().all(|l| l.starts_with("2025-11-")));
    // Default: on or after --today.
    let v = json(&["--today", "2025-11-20", "meetings", "--to", "2025-11-30"]);
    assert_eq!(arr(&v["meetings"]).len(), 7);
    assert_no_match(BUNDLED, &["meetings", "--from", "2099-01-01"]);
}

#[test]
fn ics_export_parses_with_one_event_per_meeting() {
    for args in [
        &["meetings", "--from", "2025-11-20", "--to", "2025-11-30"][..],
        &["meetings", "--all"],
    ] {
        let listed = json(args);
        let mut with_ics = args.to_vec();
        with_ics.extend(["--ics", "-"]);
        let ics = ok(&with_ics);
        check_ics(&ics, arr(&listed["meetings"]));
        assert_eq!(ics, ok(&with_ics), "identical across runs");
    }
}

#[test]
fn search_finds_the_2018_water_supply_article() {
    let out = ok(&["search", "vattenförsörjning"]);
    let first = out.lines().next().unwrap();
    assert!(first.contains(WATER), "{out}");
    assert!(first.starts_with("2018"), "{first}");
    let v = json(&["search", "vattenförsörjning"]);
    let hit = &v["results"][0];
    assert_eq!(hit["title"], WATER);
    assert_eq!(hit["issue"], ISSUE_2018);
    assert!(hit["title_hits"].as_u64().unwrap() >= 1);
    for field in [
        "issue",
        "issue_date",
        "article",
        "number",
        "title",
        "score",
        "title_hits",
        "body_hits",
        "snippet",
        "highlights",
    ] {
        assert!(hit.get(field).is_some(), "results[].{field}");
    }
    let snippet: Vec<char> = hit["snippet"].as_str().unwrap().chars().collect();
    for h in arr(&hit["highlights"]) {
        let (s, e) = (
            h[0].as_u64().unwrap() as usize,
            h[1].as_u64().unwrap() as usize,
        );
        let word: String = snippet[s..e].iter().collect();
        assert_eq!(word.to_lowercase(), "vattenförsörjning");
    }
    // Folded query, same first hit.
    let v = json(&["search", "VATTENFORSORJNING"]);
    assert_eq!(v["results"][0]["title"], WATER);
    assert_no_match(BUNDLED, &["search", "qqxyzzyqq"]);
}

#[test]
fn read_prints_the_toc_and_an_article_wrapped_at_the_width() {
    let hit = json(&["search", "vattenförsörjning"])["results"][0].clone();
    let issue = hit["issue"].as_str().unwrap();
    let number = hit["number"].to_string();

    let toc = json(&["read", issue]);
    assert_eq!(toc["issue"]["source"], issue);
    let entry = &toc["articles"][hit["article"].as_u64().unwrap() as usize];
    assert_eq!(entry["title"], WATER);
    assert_eq!(entry["number"].to_string(), number);
    let toc_text = ok(&["read", issue]);
    assert!(
        toc_text.contains(&format!("{number}. En robust")),
        "{toc_text}"
    );

    for width in ["40", "72"] {
        let text = ok(&["read", issue, &number, "--width", width]);
        let w: usize = width.parse().unwrap();
        for line in text.lines() {
            assert!(line.chars().count() <= w, "longer than {w}: {line:?}");
        }
        // Nothing is lost in the wrapping: the body's words are all there.
        let flat = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
        let printed = flat(&text);
        let article = json(&["read", issue, &number]);
        assert_eq!(article["title"], WATER);
        for block in arr(&article["blocks"]) {
            if block["type"] == "paragraph" {
                let p = flat(block["text"].as_str().unwrap());
                assert!(printed.contains(&p), "paragraph missing: {p}");
            }
        }
    }
    // By title fragment (folded) and by month.
    let by_title = ok(&[
        "read",
        "2018-12",
        "ROBUST VATTENFORSORJNING",
        "--width",
        "60",
    ]);
    assert!(
        by_title.starts_with("En robust vattenförsörjning"),
        "{by_title}"
    );
    assert_no_match(BUNDLED, &["read", "1999-01"]);
    assert_no_match(BUNDLED, &["read", issue, "999"]);
}

#[test]
fn list_shows_every_issue_with_counts() {
    let v = json(&["list"]);
    let issues = arr(&v["issues"]);
    assert_eq!(issues.len(), 5);
    for i in issues {
        for field in [
            "source",
            "id",
            "date",
            "date_precision",
            "kind",
            "title",
            "articles",
            "meetings",
        ] {
            assert!(i.get(field).is_some(), "issues[].{field}");
        }
        assert!(i["articles"].as_u64().unwrap() >= 1);
    }
    let total: u64 = issues.iter().map(|i| i["meetings"].as_u64().unwrap()).sum();
    assert!(total >= 69);
    let text = ok(&["list"]);
    assert_eq!(text.lines().count(), 5);
    assert!(text.contains("004_a1ec89f6c8d5912f"));
}

#[test]
fn jump_prints_the_ranking_candidates_and_timings() {
    let out = ok(&["jump", "soffiantini"]);
    let first: Vec<&str> = out.lines().next().unwrap().split('\t').collect();
    assert_eq!(first.len(), 3, "kind, text, where");
    assert!(first[1].contains("Soffiantini"), "{first:?}");

    let v = json(&["jump", "soffiantini"]);
    let top = &v["results"][0];
    for field in [
        "kind",
        "text",
        "context",
        "score",
        "positions",
        "issue",
        "target",
    ] {
        assert!(top.get(field).is_some(), "results[].{field}");
    }

    let r = run(&["jump", "soffiantini", "--timings"]);
    assert_eq!(r.code, 0);
    let last = r.stderr.lines().last().unwrap();
    let re = regex::Regex::new(r"^load_ms=\d+\.\d+ match_ms=\d+\.\d+$").unwrap();
    assert!(re.is_match(last), "{last:?}");

    let cands = ok(&["jump", "--candidates"]);
    let listed = json(&["jump", "--candidates"]);
    assert_eq!(cands.lines().count(), arr(&listed["candidates"]).len());
    assert!(cands.lines().any(|l| l.contains(WATER)));

    let r = run(&["jump", "qqxyzzyqqj", "--timings"]);
    assert_eq!(r.code, 1);
    assert!(r.stderr.lines().next().unwrap().starts_with("nyhetsbrev: "));
    assert!(re.is_match(r.stderr.lines().last().unwrap()));
}

#[test]
fn no_match_exits_1_with_a_line_on_stderr() {
    assert_no_match(BUNDLED, &["contacts", "qqxyzzyqq"]);
    assert_no_match(BUNDLED, &["search", "qqxyzzyqq"]);
    assert_no_match(BUNDLED, &["jump", "qqxyzzyqqj"]);
    assert_no_match(BUNDLED, &["read", "no-such-issue"]);
    assert_no_match(
        BUNDLED,
        &["meetings", "--from", "2099-01-01", "--to", "2099-12-31"],
    );
}

#[test]
fn bad_arguments_exit_2() {
    assert_bad_args(&["meetings", "--from", "2025-13-01"]);
    assert_bad_args(&["meetings", "--from", "2025-12-01", "--to", "2025-11-01"]);
    assert_bad_args(&["--today", "2025-06-01", "meetings", "--to", "2020-01-01"]);
    assert_bad_args(&["meetings", "--all", "--from", "2025-11-01"]);
    assert_bad_args(&["meetings", "--all", "--ics", "-", "--json"]);
    assert_bad_args(&["read"]);
    assert_bad_args(&["read", "2020-11", "1", "--width", "5"]);
    assert_bad_args(&["read", "2020-11", "1", "--width", "wide"]);
    assert_bad_args(&["search"]);
    assert_bad_args(&["search", "  "]);
    assert_bad_args(&["contacts", "--bogus"]);
    assert_bad_args(&["list", "extra"]);
}
