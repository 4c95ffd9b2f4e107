//! Hostile and broken input: terminal escape sequences in documents never
//! reach the terminal, broken files never take the other issues down, and
//! a dropped connection restores the terminal.

mod common;

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::pty::{assert_restored, Session};
use crossterm::event::KeyCode;
use nyhetsbrev::corpus::Corpus;
use nyhetsbrev::i18n::Lang;
use nyhetsbrev::sanitize::is_unsafe;

/// Screen clear, OSC 52 (clipboard), OSC 8 (hyperlink), C1 CSI, BEL, NUL
/// and a right-to-left override, in one string.
const PAYLOAD: &str = "\u{1b}[2J\u{1b}]52;c;SEVK\u{7}\u{1b}]8;;http://x.example/\u{1b}\\länk\u{1b}]8;;\u{1b}\\\u{9b}31m\u{7}\u{0}\u{202e}";

fn ron_escaped(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() || is_unsafe(c) || c == '"' || c == '\\' {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// A folder with a hostile hand-written issue (title, body, a person's
/// name and role, a meeting) and a hostile text issue read by the parser.
fn hostile_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let p = ron_escaped(PAYLOAD);
    let ron = format!(
        r#"(
    source: "ond.ron",
    id: "ond",
    kind: newsletter,
    date: "2025-09-30",
    title: "Ond AAA{p}BBB nummer",
    articles: [(
        title: "Ond artikel CCC{p}DDD",
        section: "trygghet",
        body: "Brödtext EEE{p}FFF här.\n\nMer text om ondska.",
        people: [(name: "Eva GGG{p}HHH Ondsson", role: "processledare {p}")],
        contacts: [(name: "Eva GGG{p}HHH Ondsson", email: "eva@example.se")],
    )],
    meetings: [(title: "Möte III{p}JJJ", date: "2025-10-15", from: calendar)],
)"#
    );
    std::fs::write(dir.path().join("ond.ron"), ron).unwrap();
    let filler =
        "Kommunerna i länet samverkar om många frågor och det här är helt vanlig brödtext. "
            .repeat(20);
    let text = format!(
        "Senaste nytt från Storsthlm\n\u{a0}\nTRYGGHET\nElak rubrik KKK{PAYLOAD}LLL\n\u{a0}\n{filler}Mer text MMM{PAYLOAD}NNN här.\n\nVid frågor, kontakta Åsa Danielsson\n"
    );
    std::fs::write(dir.path().join("elak.txt"), text).unwrap();
    dir
}

fn assert_clean(what: &str, text: &str) {
    if let Some(c) = text.chars().find(|c| is_unsafe(*c)) {
        panic!("{what}: {:?} reached the output:\n{text}", c);
    }
}

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nyhetsbrev"))
        .args(args)
        .env_remove("NO_COLOR")
        .output()
        .expect("run nyhetsbrev");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn the_hostile_issues_load() {
    let dir = hostile_folder();
    let c = Corpus::load(dir.path()).unwrap();
    assert_eq!(c.issues.len(), 2, "{:?}", c.warnings);
    let elak = c.issues.iter().find(|i| i.source == "elak.txt").unwrap();
    assert!(elak.articles[0].title.starts_with("Elak rubrik KKK"));
}

#[test]
fn no_control_sequence_reaches_the_rendered_screen() {
    let dir = hostile_folder();
    let corpus = Corpus::load(dir.path()).unwrap();
    let mut h = common::Harness::with(corpus, Lang::Sv, 120, 40);
    assert_clean("start screen", &h.screen());
    // Open the first issue and its article.
    h.key(KeyCode::Enter)
        .key(KeyCode::Char('j'))
        .key(KeyCode::Enter);
    assert_clean("article", &h.screen());
    h.keys("/").keys("ond");
    assert_clean("jump popup", &h.screen());
    h.key(KeyCode::Esc).keys("c");
    assert_clean("contacts", &h.screen());
    h.key(KeyCode::Enter);
    assert_clean("person card", &h.screen());
    h.key(KeyCode::Esc).key(KeyCode::Esc).keys("t");
    assert_clean("topic tree", &h.screen());
}

#[test]
fn no_control_sequence_reaches_the_subcommands_output() {
    let dir = hostile_folder();
    let d = dir.path().to_str().unwrap();
    for args in [
        vec!["read", "ond", "1"],
        vec!["read", "elak", "1"],
        vec!["read", "ond"],
        vec!["search", "ond"],
        vec!["search", "text"],
        vec!["contacts", "ondsson"],
        vec!["contacts"],
        vec!["meetings", "--all"],
        vec!["jump", "ond"],
        vec!["list"],
        vec!["check"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "ron"],
        vec!["search", "ond", "--json"],
        vec!["contacts", "--json"],
    ] {
        let mut a = args.clone();
        a.extend(["--issues", d]);
        let (code, out, err) = run(&a);
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_clean(&format!("{args:?} stdout"), &out);
        assert_clean(&format!("{args:?} stderr"), &err);
        // Piped output carries no escape sequences at all.
        assert!(
            !out.contains('\u{1b}') && !err.contains('\u{1b}'),
            "{args:?}"
        );
    }
    // The readable rest of the text is still there.
    let (_, out, _) = run(&["read", "ond", "1", "--issues", d]);
    assert!(out.contains("EEE") && out.contains("FFF här."), "{out}");
}

#[test]
fn no_control_sequence_reaches_the_pseudo_terminal() {
    let dir = hostile_folder();
    let mut s = Session::start(&[
        "--issues",
        dir.path().to_str().unwrap(),
        "--today",
        "2025-10-01",
    ]);
    s.wait_text("Ond");
    s.send("\r");
    s.send("j\r");
    s.wait_text("EEE");
    s.jump("ond");
    s.close("the jump popup to close", "› ond");
    s.send("c");
    s.wait_text("Kontakter");
    // The hostile name is long once sanitised; its visible start is shown.
    s.wait_text("Eva GGG");
    s.close("contacts to close", "Filter:");
    s.send("q");
    assert!(s.wait_exit_within(Duration::from_secs(5)).success());
    let bytes = s.output();
    let text = String::from_utf8_lossy(&bytes);
    for (name, seq) in [
        ("BEL", "\u{7}"),
        ("NUL", "\u{0}"),
        ("C1 CSI", "\u{9b}"),
        ("RLO", "\u{202e}"),
        ("OSC 52", "\u{1b}]52"),
        ("OSC 8", "\u{1b}]8;"),
    ] {
        assert!(!text.contains(seq), "{name} reached the terminal");
    }
    // The screen clear in the text never reached it as a sequence either
    // (the reader's own clears come from elsewhere).
    for marker in ["AAA", "CCC", "EEE", "GGG", "KKK", "MMM"] {
        assert!(
            !text.contains(&format!("{marker}\u{1b}")),
            "ESC after {marker}"
        );
    }
    assert_restored(&bytes);
}

#[test]
fn hang_up_restores_the_terminal_and_saves_state_promptly() {
    let home = tempfile::tempdir().unwrap();
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut s = Session::start_in(
        &["--issues", "issues", "--today", "2025-10-01"],
        home.path(),
        root,
    );
    s.wait_text("Möten från 1 okt 2025");
    // Open the newest issue's first article: it becomes read.
    s.send("\r");
    s.send("j");
    s.send("\r");
    s.wait_for("the leader to open", |s| {
        s.region(32, 88).contains("Nyligen träffades")
    });
    // Hang up at once, before any periodic save.
    let hung_up = std::time::Instant::now();
    s.signal("HUP");
    let status = s.wait_exit_within(Duration::from_millis(1500));
    assert!(
        hung_up.elapsed() < Duration::from_millis(1200),
        "took {:?}",
        hung_up.elapsed()
    );
    assert!(status.success(), "{status:?}");
    assert_restored(&s.output());
    let state = std::fs::read_to_string(home.path().join("s/nyhetsbrev/state.ron"))
        .expect("state saved on hang-up");
    assert!(
        state.contains("Så kan vi möta framtidens utmaningar"),
        "{state}"
    );
}

/// Deterministic junk bytes.
fn junk(n: usize) -> Vec<u8> {
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    (0..n)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect()
}

fn bad_folder(with_issues: bool) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    if with_issues {
        for (name, text) in common::corpus_texts() {
            std::fs::write(d.join(name), text).unwrap();
        }
    }
    std::fs::write(d.join("tom.txt"), b"").unwrap();
    std::fs::write(d.join("slump.txt"), junk(50_000)).unwrap();
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(junk(2000));
    std::fs::write(d.join("bild.txt"), &png).unwrap();
    std::fs::write(d.join("bild.png"), &png).unwrap();
    // 9 MB on one line.
    let line = "samverkan mellan kommunerna i länet säger Anna Andersson ".repeat(160_000);
    std::fs::write(d.join("en-rad.txt"), line).unwrap();
    // UTF-8 with invalid bytes in the middle.
    let mut broken = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("issues/004_a1ec89f6c8d5912f.txt"),
    )
    .unwrap();
    broken.splice(5000..5000, [0xFF, 0xFE, 0x80]);
    std::fs::write(d.join("trasig.txt"), broken).unwrap();
    dir
}

#[test]
fn check_names_each_bad_file_and_the_valid_issues_load() {
    let dir = bad_folder(true);
    let d = dir.path().to_str().unwrap();
    let (code, out, err) = run(&["check", "--issues", d, "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    for (file, reason) in [
        ("tom.txt", "file is empty"),
        ("slump.txt", "not a text file"),
        ("bild.txt", "PNG image"),
        ("bild.png", "not an issue file"),
        ("trasig.txt", "invalid UTF-8 bytes were replaced"),
        ("en-rad.txt", "no date found"),
    ] {
        // The file's line and the indented reason lines under it.
        let lines: Vec<&str> = out.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.starts_with(file))
            .unwrap_or_else(|| panic!("{file} not named:\n{out}"));
        let mut section = lines[at].to_string();
        for l in &lines[at + 1..] {
            if !l.starts_with("  ") {
                break;
            }
            section.push_str(l);
        }
        assert!(
            section.contains(reason),
            "{file}: expected {reason:?} in:\n{out}"
        );
    }
    // Every valid issue is there, and the damaged one is read as far as it goes.
    let (_, json, _) = run(&["export", "--format", "json", "--issues", d]);
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    let sources: Vec<&str> = v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["source"].as_str().unwrap())
        .collect();
    for (name, _) in common::corpus_texts() {
        assert!(sources.contains(&name.as_str()), "{name} missing");
    }
    assert!(sources.contains(&"trasig.txt") && sources.contains(&"en-rad.txt"));
}

#[test]
fn the_reader_names_the_files_it_could_not_read() {
    let dir = bad_folder(true);
    let corpus = Corpus::load(dir.path()).unwrap();
    let h = common::Harness::with(corpus, Lang::En, 120, 40);
    let status = h.region(0, 120, 39);
    assert!(status.contains("could not be read"), "{status}");
    assert!(
        status.contains("bild.txt") && status.contains("check"),
        "{status}"
    );
    // The valid issues are all listed.
    assert!(h.screen().contains("Issues (7)"), "{}", h.screen());
}

#[test]
fn check_fails_only_when_nothing_could_be_read() {
    let dir = bad_folder(false);
    std::fs::remove_file(dir.path().join("trasig.txt")).unwrap();
    std::fs::remove_file(dir.path().join("en-rad.txt")).unwrap();
    let (code, out, _) = run(&[
        "check",
        "--issues",
        dir.path().to_str().unwrap(),
        "--lang",
        "en",
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no file could be read"));
}

#[test]
fn a_terminal_that_goes_away_ends_the_reader_without_a_signal() {
    use portable_pty::{native_pty_system, CommandBuilder, PtySize};
    use std::io::Read;
    // Before the fix, crossterm's reader retried end-of-file forever and
    // the reader stayed behind, spinning, after an SSH connection dropped.
    let home = tempfile::tempdir().unwrap();
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 30,
            cols: 100,
            pixel_width: 0,
            pixel_height: 0,
        })
        .unwrap();
    let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nyhetsbrev"));
    cmd.args(["--issues", "issues"]);
    cmd.cwd(env!("CARGO_MANIFEST_DIR"));
    cmd.env("TERM", "xterm-256color");
    cmd.env("HOME", home.path());
    cmd.env("XDG_CONFIG_HOME", home.path().join("c"));
    cmd.env("XDG_STATE_HOME", home.path().join("s"));
    let mut child = pair.slave.spawn_command(cmd).unwrap();
    drop(pair.slave);
    // Read until the first frame is drawn, then let go of the reader.
    let mut reader = pair.master.try_clone_reader().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        let mut seen = Vec::new();
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if String::from_utf8_lossy(&seen).contains("Nummer") {
                break;
            }
        }
        let _ = tx.send(());
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("the first frame");
    // The terminal goes away: every handle on it is closed, no signal sent.
    drop(pair.master);
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > Duration::from_secs(3) {
            let _ = child.kill();
            panic!("the reader kept running after its terminal went away");
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    assert!(
        home.path().join("s/nyhetsbrev/state.ron").exists(),
        "state saved"
    );
}
