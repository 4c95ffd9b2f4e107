//! Helpers shared by the `cli_*` integration tests: run the built binary
//! with a clean environment and parse what it prints.

#![allow(dead_code)]

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// The bundled corpus (tests run with the crate root as working directory).
pub const BUNDLED: &str = "issues";
/// A hand-written RON issue that does not depend on the text parser.
pub const FIXTURE: &str = "tests/cli_fixtures";

pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

fn command(dir: &str, args: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nyhetsbrev"));
    cmd.arg("--issues")
        .arg(dir)
        .args(args)
        .env_remove("NYHETSBREV_ISSUES")
        .env_remove("NO_COLOR")
        // Never the developer's own config.ron.
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"),
        )
        // The folders' indexes go with the build, not into ~/.cache.
        .env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/cache"),
        )
        .stdin(Stdio::null());
    cmd
}

fn finish(out: Output) -> Run {
    Run {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(out.stderr).expect("stderr is UTF-8"),
    }
}

/// Run `nyhetsbrev --issues DIR ARGS…` with stdout piped.
pub fn run_in(dir: &str, args: &[&str]) -> Run {
    let r = finish(command(dir, args).output().expect("the binary runs"));
    assert!(
        !r.stdout.contains('\u{1b}') && !r.stderr.contains('\u{1b}'),
        "escape sequences in piped output of {args:?}"
    );
    r
}

/// Run on the bundled corpus.
pub fn run(args: &[&str]) -> Run {
    run_in(BUNDLED, args)
}

/// Run and expect success; returns stdout.
pub fn ok(args: &[&str]) -> String {
    let r = run(args);
    assert_eq!(r.code, 0, "{args:?} failed: {}", r.stderr);
    r.stdout
}

/// Run with `--json` appended and parse stdout.
pub fn json_in(dir: &str, args: &[&str]) -> serde_json::Value {
    let mut all = args.to_vec();
    all.push("--json");
    let r = run_in(dir, &all);
    assert_eq!(r.code, 0, "{all:?} failed: {}", r.stderr);
    serde_json::from_str(&r.stdout).unwrap_or_else(|e| panic!("{all:?}: not JSON ({e})"))
}

pub fn json(args: &[&str]) -> serde_json::Value {
    json_in(BUNDLED, args)
}

/// Expect "nothing found": status 1, empty stdout, one line on stderr.
pub fn assert_no_match(dir: &str, args: &[&str]) {
    let r = run_in(dir, args);
    assert_eq!(r.code, 1, "{args:?}: {}", r.stderr);
    assert!(r.stdout.is_empty(), "{args:?} printed {:?}", r.stdout);
    assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {:?}", r.stderr);
    assert!(r.stderr.starts_with("nyhetsbrev: "), "{:?}", r.stderr);
}

/// Expect a usage error: status 2 and a message on stderr.
pub fn assert_bad_args(args: &[&str]) {
    let r = run(args);
    assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
    assert!(r.stdout.is_empty());
    // "fel:" in the Swedish UI (the default), "error:" in English.
    assert!(
        r.stderr.contains("fel: ") || r.stderr.contains("error: "),
        "{:?}",
        r.stderr
    );
}

/// Whether Python's `icalendar` package can be imported here.
pub fn python_icalendar() -> bool {
    Command::new("python3")
        .args(["-c", "import icalendar"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .map(|s| s.success())
        .unwrap_or(false)
}

/// Parse an .ics with Python's `icalendar` and return, per VEVENT,
/// `[summary, dtstart isoformat, tzid or null, uid]` as JSON.
pub fn python_events(ics: &str) -> serde_json::Value {
    const SCRIPT: &str = r#"
import json, sys, icalendar
cal = icalendar.Calendar.from_ical(sys.stdin.buffer.read())
out = []
for e in cal.walk("VEVENT"):
    start = e["DTSTART"]
    out.append([str(e["SUMMARY"]), start.dt.isoformat(), start.params.get("TZID"), str(e["UID"]),
                getattr(getattr(start.dt, "tzinfo", None), "key", None) or str(getattr(start.dt, "tzinfo", None))])
print(json.dumps({"events": out, "timezones": [str(t["TZID"]) for t in cal.walk("VTIMEZONE")]}))
"#;
    let mut child = Command::new("python3")
        .args(["-c", SCRIPT])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("python3 runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(ics.as_bytes())
        .expect("write to python");
    let out = child.wait_with_output().expect("python finishes");
    assert!(
        out.status.success(),
        "python icalendar rejected the calendar: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("python printed JSON")
}

/// Check an .ics against the meetings `meetings --json` listed for the same
/// arguments, with the `icalendar` crate's parser (and Python's `icalendar`
/// where it is installed): one VEVENT per meeting, in order, with the same
/// title, timed ones in Europe/Stockholm and all-day ones as DATE values.
pub fn check_ics(ics: &str, meetings: &[serde_json::Value]) {
    assert!(ics.starts_with("BEGIN:VCALENDAR\r\n"));
    assert!(ics.ends_with("END:VCALENDAR\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains(['\n', '\r']),
        "bare line ends"
    );
    for line in ics.split("\r\n") {
        assert!(line.len() <= 75, "line of {} octets: {line:?}", line.len());
    }
    let unfolded = icalendar::parser::unfold(ics);
    let cal = icalendar::parser::read_calendar(&unfolded).expect("icalendar's parser accepts it");
    let prop = |c: &icalendar::parser::Component, name: &str| -> Option<String> {
        c.find_prop(name).map(|p| p.val.as_str().to_string())
    };
    let param = |c: &icalendar::parser::Component, name: &str, key: &str| -> Option<String> {
        c.find_prop(name).and_then(|p| {
            p.params
                .iter()
                .find(|q| q.key.as_str() == key)
                .and_then(|q| q.val.as_ref().map(|v| v.as_str().to_string()))
        })
    };
    let tz: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name == "VTIMEZONE")
        .collect();
    assert_eq!(tz.len(), 1, "one VTIMEZONE");
    assert_eq!(prop(tz[0], "TZID").as_deref(), Some("Europe/Stockholm"));
    let subs: Vec<&str> = tz[0].components.iter().map(|c| c.name.as_str()).collect();
    assert!(
        subs.contains(&"STANDARD") && subs.contains(&"DAYLIGHT"),
        "{subs:?}"
    );
    let events: Vec<_> = cal
        .components
        .iter()
        .filter(|c| c.name == "VEVENT")
        .collect();
    assert_eq!(events.len(), meetings.len(), "one VEVENT per meeting");
    let mut uids = std::collections::HashSet::new();
    for (e, m) in events.iter().zip(meetings) {
        let summary = e
            .find_prop("SUMMARY")
            .expect("SUMMARY")
            .val
            .clone()
            .unescape_text();
        assert_eq!(summary.as_str(), m["title"].as_str().unwrap());
        let uid = prop(e, "UID").expect("UID");
        assert_eq!(uid, m["uid"].as_str().unwrap());
        assert!(uids.insert(uid), "UIDs are unique");
        assert!(prop(e, "DTSTAMP").is_some());
        assert!(prop(e, "LAST-MODIFIED").is_some());
        assert!(prop(e, "SEQUENCE").is_some_and(|s| s.parse::<u32>().is_ok()));
        let date = m["date"].as_str().unwrap().replace('-', "");
        let start = prop(e, "DTSTART").expect("DTSTART");
        match m["start"].as_str() {
            Some(t) => {
                assert_eq!(start, format!("{date}T{}00", t.replace(':', "")));
                assert_eq!(
                    param(e, "DTSTART", "TZID").as_deref(),
                    Some("Europe/Stockholm")
                );
            }
            None => {
                assert_eq!(start, date);
                assert_eq!(param(e, "DTSTART", "VALUE").as_deref(), Some("DATE"));
                assert_eq!(param(e, "DTEND", "VALUE").as_deref(), Some("DATE"));
                // Ends the next day and does not block it as busy.
                let day = chrono::NaiveDate::parse_from_str(&date, "%Y%m%d").expect("date");
                let next = day.succ_opt().expect("next day").format("%Y%m%d");
                assert_eq!(prop(e, "DTEND"), Some(next.to_string()));
                assert_eq!(prop(e, "TRANSP").as_deref(), Some("TRANSPARENT"));
            }
        }
    }
    let high: icalendar::Calendar = ics.parse().expect("icalendar::Calendar parses it");
    assert_eq!(
        high.components.iter().filter_map(|c| c.as_event()).count(),
        meetings.len()
    );

    if python_icalendar() {
        let py = python_events(ics);
        assert_eq!(py["timezones"], serde_json::json!(["Europe/Stockholm"]));
        let events = py["events"].as_array().unwrap();
        assert_eq!(events.len(), meetings.len());
        for (e, m) in events.iter().zip(meetings) {
            assert_eq!(e[0].as_str(), m["title"].as_str(), "python: summary");
            assert_eq!(e[3].as_str(), m["uid"].as_str(), "python: uid");
            match m["start"].as_str() {
                Some(t) => {
                    assert_eq!(e[2].as_str(), Some("Europe/Stockholm"));
                    let iso = e[1].as_str().unwrap();
                    assert!(
                        iso.starts_with(&format!("{}T{t}:00", m["date"].as_str().unwrap())),
                        "{iso}"
                    );
                    // CET in winter, CEST in summer.
                    assert!(iso.ends_with("+01:00") || iso.ends_with("+02:00"), "{iso}");
                }
                None => assert_eq!(e[1].as_str(), m["date"].as_str()),
            }
        }
    } else {
        eprintln!("note: Python's icalendar is not installed; checked with the Rust parser only");
    }
}
