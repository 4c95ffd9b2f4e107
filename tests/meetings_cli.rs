//! `meetings` for everyday use (`--today`, `--week`, `--next`, `--ics`) and
//! calendar files that update when an issue corrects a meeting.

mod cli_support;

use std::time::{Duration, SystemTime};

use cli_support::*;

/// An issue's text with a calendar: `board` is the day in October of the
/// board meeting; the working committee meets twice under one title.
fn issue_text(board: u32) -> String {
    format!(
        "Nyheter från förbundet\nDatum: 2025-10-01\n\nEn rubrik om samverkan\n\nBrödtext om samverkan i länet, med flera meningar om det som händer.\n\nKommande aktiviteter\n\nAlla våra möten hittar du i kalendern.\n\u{a0}\n\nOktober\nStyrelsemöte, {board} oktober\nStyrelsens arbetsutskott, 7 oktober\nStyrelsens arbetsutskott, 28 oktober\n"
    )
}

/// Write `text` to `path` with the modification time `mtime`.
fn write_at(path: &std::path::Path, text: &str, mtime: SystemTime) {
    std::fs::write(path, text).unwrap();
    let f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.set_modified(mtime).unwrap();
}

struct Ev {
    uid: String,
    start: String,
    end: Option<String>,
    sequence: u32,
    modified: String,
    transp: Option<String>,
}

/// The events of a calendar by summary, read with the `icalendar` crate's
/// parser.
fn events(ics: &str) -> Vec<(String, Ev)> {
    let unfolded = icalendar::parser::unfold(ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("the calendar parses");
    let prop = |c: &icalendar::parser::Component, n: &str| {
        c.find_prop(n).map(|p| p.val.as_str().to_string())
    };
    cal.components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .map(|e| {
            (
                prop(e, "SUMMARY").unwrap(),
                Ev {
                    uid: prop(e, "UID").unwrap(),
                    start: prop(e, "DTSTART").unwrap(),
                    end: prop(e, "DTEND"),
                    sequence: prop(e, "SEQUENCE").unwrap().parse().unwrap(),
                    modified: prop(e, "LAST-MODIFIED").unwrap(),
                    transp: prop(e, "TRANSP"),
                },
            )
        })
        .collect()
}

fn find<'a>(evs: &'a [(String, Ev)], summary: &str, start: &str) -> &'a Ev {
    evs.iter()
        .find(|(s, e)| s == summary && e.start == start)
        .map(|(_, e)| e)
        .unwrap_or_else(|| panic!("no {summary} on {start}"))
}

#[test]
fn a_corrected_date_updates_the_same_event_with_a_higher_sequence() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path().to_str().unwrap();
    let file = dir.path().join("2025-10_nyheter.txt");
    let first = SystemTime::UNIX_EPOCH + Duration::from_secs(1_759_305_600); // 2025-10-01 08:00 UTC
    write_at(&file, &issue_text(23), first);
    let v1 = run_in(d, &["meetings", "--all", "--ics", "-"]);
    assert_eq!(v1.code, 0, "{}", v1.stderr);
    // The issue is corrected a day later: the board meets on the 24th.
    write_at(&file, &issue_text(24), first + Duration::from_secs(86_400));
    let v2 = run_in(d, &["meetings", "--all", "--ics", "-"]);
    let (e1, e2) = (events(&v1.stdout), events(&v2.stdout));
    assert_eq!(e1.len(), e2.len(), "an update, not a second event");
    assert_eq!(e2.iter().filter(|(s, _)| s == "Styrelsemöte").count(), 1);

    let (old, new) = (
        find(&e1, "Styrelsemöte", "20251023"),
        find(&e2, "Styrelsemöte", "20251024"),
    );
    assert_eq!(old.uid, new.uid, "the same event");
    assert!(
        new.sequence > old.sequence,
        "{} → {}",
        old.sequence,
        new.sequence
    );
    assert_eq!(old.modified, "20251001T080000Z");
    assert_eq!(new.modified, "20251002T080000Z");

    // The same title on two dates is two events, each keeping its UID.
    let (a, b) = (
        find(&e2, "Styrelsens arbetsutskott", "20251007"),
        find(&e2, "Styrelsens arbetsutskott", "20251028"),
    );
    assert_ne!(a.uid, b.uid);
    assert_eq!(a.uid, find(&e1, "Styrelsens arbetsutskott", "20251007").uid);

    // All-day: transparent, ending the next day.
    for (_, e) in &e2 {
        assert_eq!(e.transp.as_deref(), Some("TRANSPARENT"));
        let start = chrono::NaiveDate::parse_from_str(&e.start, "%Y%m%d").unwrap();
        let end = e.end.as_deref().expect("DTEND");
        assert_eq!(end, start.succ_opt().unwrap().format("%Y%m%d").to_string());
    }
    assert!(v2.stdout.contains("\r\nX-WR-CALNAME:"), "{}", v2.stdout);
    // The listing gives the same UIDs.
    let listed = json_in(d, &["meetings", "--all"]);
    let uids: Vec<&str> = listed["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["uid"].as_str().unwrap())
        .collect();
    assert!(uids.contains(&new.uid.as_str()), "{uids:?}");
}

#[test]
fn ics_to_a_file_writes_only_the_file_and_an_empty_range_an_empty_calendar() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("tomt.ics");
    let p = path.to_str().unwrap();
    let r = run(&["meetings", "--from", "2099-01-01", "--ics", p]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "only the file: {}", r.stdout);
    assert!(r.stderr.contains("Skrev 0 möten till"), "{}", r.stderr);
    assert!(r.stderr.contains("tomt.ics"), "{}", r.stderr);
    let text = std::fs::read_to_string(&path).unwrap();
    check_ics(&text, &[]);
    let cal: icalendar::Calendar = text.parse().unwrap();
    assert_eq!(
        cal.components.iter().filter_map(|c| c.as_event()).count(),
        0
    );
    // To standard output too.
    let r = run(&["meetings", "--from", "2099-01-01", "--ics", "-"]);
    assert_eq!(r.code, 0);
    check_ics(&r.stdout, &[]);
    // A full range: the file and one line on stderr, nothing on stdout.
    let r = run(&["meetings", "--all", "--ics", p]);
    assert_eq!(r.code, 0);
    assert!(r.stdout.is_empty());
    let listed = json(&["meetings", "--all"]);
    check_ics(
        &std::fs::read_to_string(&path).unwrap(),
        listed["meetings"].as_array().unwrap(),
    );
    // The listing and a calendar at once: a usage error.
    assert_bad_args(&["meetings", "--ics", p, "--json"]);
}

fn dates(v: &serde_json::Value) -> Vec<String> {
    v["meetings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["date"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn today_week_and_next_pick_the_everyday_ranges() {
    // 2025-11-21 is a Friday with two meetings in the bundled corpus.
    let today = json(&["--today", "2025-11-21", "meetings", "--today"]);
    let day = json(&["meetings", "--from", "2025-11-21", "--to", "2025-11-21"]);
    assert_eq!(dates(&today), dates(&day));
    assert!(!dates(&today).is_empty());
    assert!(dates(&today).iter().all(|d| d == "2025-11-21"));
    // This week: Monday 17 to Sunday 23 November.
    let week = json(&["--today", "2025-11-21", "meetings", "--week"]);
    let span = json(&["meetings", "--from", "2025-11-17", "--to", "2025-11-23"]);
    assert_eq!(dates(&week), dates(&span));
    assert!(dates(&week).len() > dates(&today).len());
    // The next three from today.
    let next = json(&["--today", "2025-11-20", "meetings", "--next", "3"]);
    let all = json(&["--today", "2025-11-20", "meetings"]);
    assert_eq!(dates(&next), dates(&all)[..3].to_vec());
    let plain = run(&["--today", "2025-11-20", "meetings", "--next", "3"]);
    assert_eq!(plain.stdout.lines().count(), 3);
    // An empty day is "nothing found" (exit 1) without --ics.
    assert_no_match(BUNDLED, &["--today", "2025-11-22", "meetings", "--today"]);
    assert_bad_args(&["meetings", "--today", "--week"]);
    assert_bad_args(&["meetings", "--week", "--from", "2025-11-01"]);
    assert_bad_args(&["meetings", "--next", "0"]);
}
