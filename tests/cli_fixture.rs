//! The lookups on a hand-written RON issue (`tests/cli_fixtures`), which
//! does not depend on the text parser: escaping, sanitising, exit codes.

mod cli_support;

use cli_support::*;

#[test]
fn ics_escapes_text_and_marks_times_and_all_day_events() {
    let listed = json_in(FIXTURE, &["meetings", "--all"]);
    let meetings = listed["meetings"].as_array().unwrap();
    assert_eq!(meetings.len(), 3);
    let r = run_in(FIXTURE, &["meetings", "--all", "--ics", "-"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    check_ics(&r.stdout, meetings);
    let unfolded = icalendar::parser::unfold(&r.stdout);
    assert!(unfolded.contains("SUMMARY:Möte: budget\\; plan\\, uppföljning\r\n"));
    assert!(unfolded.contains("DTEND;TZID=Europe/Stockholm:20251125T113000\r\n"));
    assert!(unfolded.contains("DTEND;VALUE=DATE:20251127\r\n"));
    // A meeting found only in running text says so.
    assert_eq!(meetings[2]["from"], "article");
    assert!(unfolded.contains("CATEGORIES:ur artikeltext"));
    // Same bytes on every run: UIDs and DTSTAMPs do not depend on the clock.
    let again = run_in(FIXTURE, &["meetings", "--all", "--ics", "-"]);
    assert_eq!(r.stdout, again.stdout);
}

#[test]
fn ics_to_a_file_reports_on_stderr() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("möten.ics");
    let path = path.to_str().unwrap();
    let r = run_in(
        FIXTURE,
        &["meetings", "--from", "2025-11-26", "--ics", path],
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert!(r.stdout.is_empty(), "only the file is written");
    assert!(r.stderr.contains("Skrev 2 möten till"), "{}", r.stderr);
    let text = std::fs::read_to_string(path).unwrap();
    let listed = json_in(FIXTURE, &["meetings", "--from", "2025-11-26"]);
    check_ics(&text, listed["meetings"].as_array().unwrap());
}

#[test]
fn document_text_never_carries_escape_sequences() {
    // run_in asserts that no ESC reaches stdout or stderr.
    for args in [
        &["list"][..],
        &["search", "vattenförsörjning"],
        &["search", "red"],
        &["read", "010_fixture"],
        &["read", "010_fixture", "2"],
        &["jump", "evil"],
        &["jump", "--candidates"],
        &["contacts"],
        &["meetings", "--all"],
    ] {
        let r = run_in(FIXTURE, args);
        assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    }
    let out = run_in(FIXTURE, &["read", "010_fixture", "2"]).stdout;
    // The whole sequence goes where the text is read: no residue either.
    assert!(out.contains("Body with red text"), "{out}");
    assert!(!out.contains("[31m"), "{out}");
}

#[test]
fn search_folds_and_contacts_find_by_role() {
    let plain = run_in(FIXTURE, &["search", "VATTENFORSORJNING"]);
    assert_eq!(plain.code, 0);
    assert!(plain.stdout.contains("Gymnasieantagningen öppnar"));
    let found = json_in(FIXTURE, &["search", "vattenförsörjning"]);
    let first = &found["results"][0];
    let snippet = first["snippet"].as_str().unwrap();
    let chars: Vec<char> = snippet.chars().collect();
    let hl = &first["highlights"][0];
    let (s, e) = (
        hl[0].as_u64().unwrap() as usize,
        hl[1].as_u64().unwrap() as usize,
    );
    assert_eq!(chars[s..e].iter().collect::<String>(), "vattenförsörjning");

    let people = json_in(FIXTURE, &["contacts", "gymnasie"]);
    assert_eq!(people["people"][0]["name"], "Åsa Testsson");
    assert_eq!(people["people"][0]["matched"], serde_json::json!(["role"]));
    let people = json_in(FIXTURE, &["contacts", "asa"]);
    assert_eq!(people["people"][0]["name"], "Åsa Testsson");
    assert_no_match(FIXTURE, &["contacts", "zzzqx"]);
}

#[test]
fn read_lists_and_wraps() {
    let toc = run_in(FIXTURE, &["read", "2025-10"]).stdout;
    assert!(
        toc.contains("\n1. Gymnasieantagningen öppnar  (Utbildning)\n"),
        "{toc}"
    );
    let art = run_in(FIXTURE, &["read", "2025-10", "gymnasie", "--width", "24"]).stdout;
    assert!(art.lines().all(|l| l.chars().count() <= 24), "{art}");
    assert!(art.contains("  • första punkten"));
    assert!(art.contains("Kontakt: Åsa Testsson,"));
    assert_no_match(FIXTURE, &["read", "2025-10", "9"]);
    assert_no_match(FIXTURE, &["read", "1999-01"]);
}

#[test]
fn english_words_with_lang_en() {
    let out = run_in(FIXTURE, &["--lang", "en", "meetings", "--all"]).stdout;
    assert!(
        out.contains("Tue") && out.contains("(from article text)"),
        "{out}"
    );
    let r = run_in(FIXTURE, &["--lang", "en", "contacts", "zzzqx"]);
    assert!(r.stderr.contains("No person matches zzzqx"), "{}", r.stderr);
}

/// Run under a pseudo-terminal with util-linux `script`, where present.
fn on_tty(args: &str, no_color: bool) -> Option<String> {
    let bin = env!("CARGO_BIN_EXE_nyhetsbrev");
    let mut cmd = std::process::Command::new("script");
    cmd.args([
        "-qec",
        &format!("'{bin}' --issues {FIXTURE} {args}"),
        "/dev/null",
    ])
    .env_remove("NO_COLOR")
    .env(
        "XDG_CONFIG_HOME",
        concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"),
    );
    if no_color {
        cmd.env("NO_COLOR", "1");
    }
    let out = cmd.output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

#[test]
fn colour_only_on_a_terminal_without_no_color() {
    let Some(coloured) = on_tty("search vatten", false) else {
        eprintln!("note: `script` is not available; colour on a terminal not checked");
        return;
    };
    assert!(
        coloured.contains("\u{1b}[1;33mvatten\u{1b}[0m"),
        "{coloured:?}"
    );
    // The document's own escape sequences are still removed.
    assert!(!coloured.contains("\u{1b}[31m"), "{coloured:?}");
    let plain = on_tty("search vatten", true).unwrap();
    assert!(!plain.contains('\u{1b}'), "{plain:?}");
}
