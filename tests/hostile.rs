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

/// Where the binary keeps its caches (the folders' indexes) in these tests.
const CACHE: &str = concat!(env!("CARGO_TARGET_TMPDIR"), "/cache");

fn run(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_nyhetsbrev"))
        .args(args)
        .env_remove("NO_COLOR")
        // The folders' indexes go with the build, not into ~/.cache.
        .env("XDG_CACHE_HOME", CACHE)
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
    // (the reader's own clears come from elsewhere). The renderer's own
    // cursor moves (`ESC [ row ; col H`, skipping unchanged cells) may
    // follow a marker; nothing else may.
    let cursor_move = |rest: &str| {
        rest.strip_prefix("\u{1b}[").is_some_and(|r| {
            let end = r.find('H').unwrap_or(0);
            end > 0 && r[..end].chars().all(|c| c.is_ascii_digit() || c == ';')
        })
    };
    for marker in ["AAA", "CCC", "EEE", "GGG", "KKK", "MMM"] {
        for (i, _) in text.match_indices(&format!("{marker}\u{1b}")) {
            let rest = &text[i + marker.len()..];
            assert!(
                cursor_move(rest),
                "ESC after {marker}: {:?}",
                rest.chars().take(12).collect::<String>()
            );
        }
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
    cmd.env("XDG_CACHE_HOME", home.path().join("ca"));
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

// ───────────── every output, every kind of sequence ─────────────

/// Every kind of escape sequence, in its 7-bit and 8-bit form, each
/// carrying text (`ZQX`, `31337`) that must never be printed once the
/// sequence is removed; then the C0/C1 controls and the invisible format
/// characters.
const SEQUENCES: &[&str] = &[
    "\u{1b}[31337m",
    "\u{1b}[?31337h",
    "\u{1b}]52;c;ZQXb64=\u{7}",
    "\u{1b}]8;;http://ZQX.example/\u{1b}\\",
    "\u{1b}PZQXdcs\u{1b}\\",
    "\u{1b}_ZQXapc\u{1b}\\",
    "\u{1b}^ZQXpm\u{1b}\\",
    "\u{1b}XZQXsos\u{1b}\\",
    "\u{9b}31337m",
    "\u{9d}0;ZQX\u{9c}",
    "\u{90}ZQX\u{9c}",
    "\u{9f}ZQX\u{9c}",
    "\u{9e}ZQX\u{9c}",
    "\u{98}ZQX\u{9c}",
    "\u{7}\u{8}\u{7f}\u{85}\u{1b}c",
    "\u{200b}\u{200c}\u{200d}\u{200e}\u{200f}\u{2060}\u{feff}\u{61c}\u{202a}\u{202e}\u{2066}\u{2069}\u{e0001}\u{e0041}\u{ad}",
];

/// Text residue a removed sequence must not leave.
const RESIDUE: &[&str] = &["ZQX", "31337"];

fn evil() -> String {
    SEQUENCES.concat()
}

/// Hostile file names: a sequence (shown quoted, so without residue
/// markers), a newline, a CR, a format character, a C1 control, invalid
/// UTF-8.
fn hostile_names() -> Vec<Vec<u8>> {
    vec![
        b"namn\x1b[2J\x1b]0;titel\x07.txt".to_vec(),
        b"rad\nforfalskad rad.txt".to_vec(),
        b"vagn\rretur.txt".to_vec(),
        "riktning\u{202e}txt.txt".as_bytes().to_vec(),
        "c1\u{9b}2J.txt".as_bytes().to_vec(),
        b"trasig\xff\xfe.txt".to_vec(),
    ]
}

/// A folder with every field of a hand-written issue hostile, a text issue
/// with hostile headings, body, calendar lines and an undated calendar
/// line, and copies of a real issue under hostile file names.
fn every_kind_folder() -> tempfile::TempDir {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    let e = ron_escaped(&evil());
    let ron = format!(
        r#"(
    source: "vagn\rretur\u{{1b}}[2J.ron",
    id: "{id}",
    kind: newsletter,
    date: "2025-09-30",
    title: "Ond AAA{e}BBB nummer",
    articles: [(
        title: "Ond artikel CCC{e}DDD",
        section: "Okänd etikett QQQ{e}RRR",
        body: "Brödtext EEE{e}FFF här.\n\nMer text {e} om ondska.",
        people: [(name: "Eva GGG{e}HHH Ondsson", role: "processledare {e}", org: "Org {e}")],
        contacts: [(name: "Eva GGG{e}HHH Ondsson", email: "eva{e}@example.se", role: "roll {e}")],
    )],
    meetings: [(title: "Möte III{e}JJJ", date: "2025-10-15", from: calendar)],
)"#,
        id = ron_escaped(ONDID)
    );
    std::fs::write(dir.path().join("ond.ron"), ron).unwrap();
    let ev = evil();
    let filler =
        "Kommunerna i länet samverkar om många frågor och det här är vanlig brödtext. ".repeat(200);
    let text = format!(
        "Senaste nytt från Storsthlm\nDatum: 2025-09-25\n\u{a0}\nTRYGGHET\nElak rubrik KKK{ev}LLL\n\u{a0}\n{filler}Mer text MMM{ev}NNN här.\n\nVid frågor, kontakta Åsa Danielsson\n\nKommande aktiviteter\n\nAlla våra möten hittar du i kalendern.\n\u{a0}\n\nOktober\nKommundirektörsmöte, 3 oktober\nStyrelsemöte OOO{ev}PPP, 23 oktober\nEn rad SSS{ev}TTT utan datum\nStyrelsens arbetsutskott, 7 oktober\n\nRedaktion: Storsthlm, Box 38145, 100 64 Stockholm\n"
    );
    std::fs::write(dir.path().join("elak.txt"), text).unwrap();
    let real = std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("issues/000_037f82204c935e9e.txt"),
    )
    .unwrap();
    for name in hostile_names() {
        let path = dir.path().join(std::ffi::OsStr::from_bytes(&name));
        std::fs::write(path, &real).unwrap();
    }
    dir
}

/// The hand-written issue's id (an OSC and a newline in it).
const ONDID: &str = "ond2\u{1b}]0;x\u{7}\nz";

/// Run the binary with a time limit; exit code, stdout, stderr.
fn run_limited(args: &[&str], env: &[(&str, &Path)]) -> (i32, Vec<u8>, Vec<u8>) {
    use std::io::Read;
    use std::process::Stdio;
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nyhetsbrev"));
    cmd.args(args)
        .env_remove("NO_COLOR")
        .env_remove("NYHETSBREV_ISSUES")
        .env("XDG_CACHE_HOME", CACHE)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    for (k, v) in env {
        cmd.env(k, v);
    }
    let mut child = cmd.spawn().expect("run nyhetsbrev");
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = out.read_to_end(&mut b);
        b
    });
    let t_err = std::thread::spawn(move || {
        let mut b = Vec::new();
        let _ = err.read_to_end(&mut b);
        b
    });
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        if start.elapsed() > Duration::from_secs(60) {
            let _ = child.kill();
            panic!("{args:?} did not finish within 60 s");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    (
        status.code().unwrap_or(-1),
        t_out.join().unwrap(),
        t_err.join().unwrap(),
    )
}

/// No control or format character (CRLF line ends allowed where `crlf`),
/// no residue of a removed sequence.
fn assert_safe(what: &str, bytes: &[u8], crlf: bool) {
    let text = String::from_utf8_lossy(bytes);
    let text = if crlf {
        text.replace("\r\n", "\n")
    } else {
        text.into_owned()
    };
    if let Some(c) = text.chars().find(|c| is_unsafe(*c)) {
        let at = text.find(c).unwrap_or(0);
        let from = text[..at].char_indices().rev().nth(40).map_or(0, |p| p.0);
        panic!(
            "{what}: {c:?} reached the output near {:?}",
            &text[from..(at + 1).min(text.len())]
        );
    }
    for r in RESIDUE {
        assert!(
            !text.contains(r),
            "{what}: residue {r:?} of a removed sequence in:\n{text}"
        );
    }
}

#[test]
fn no_control_format_character_or_residue_in_any_subcommands_output() {
    let dir = every_kind_folder();
    let d = dir.path().to_str().unwrap();
    let ics = dir.path().join("kal.ics");
    let ics_arg = ics.to_str().unwrap().to_string();
    let runs: Vec<Vec<&str>> = vec![
        vec!["list"],
        vec!["list", "--json"],
        vec!["check"],
        vec!["export", "--format", "json"],
        vec!["export", "--format", "ron"],
        vec!["search", "ond"],
        vec!["search", "ond", "--json"],
        vec!["search", "brödtext"],
        vec!["contacts"],
        vec!["contacts", "--json"],
        vec!["contacts", "ondsson"],
        vec!["meetings", "--all"],
        vec!["meetings", "--all", "--json"],
        vec!["jump", "ond"],
        vec!["jump", "ond", "--json"],
        vec!["jump", "--candidates"],
        vec!["read", ONDID],
        vec!["read", ONDID, "1"],
        vec!["read", ONDID, "1", "--json"],
        vec!["read", "elak"],
        vec!["read", "elak", "1"],
        vec!["read", "elak", "--json"],
        vec!["search", "ingenting-alls-ZQ"],
    ];
    for args in &runs {
        // The shared options before the subcommand: every subcommand takes
        // them there.
        let mut a = vec!["--issues", d, "--lang", "en"];
        a.extend(args.iter().copied());
        let (code, out, err) = run_limited(&a, &[]);
        assert!(
            code == 0 || code == 1,
            "{args:?}: {}",
            String::from_utf8_lossy(&err)
        );
        assert_safe(&format!("{args:?} stdout"), &out, false);
        assert_safe(&format!("{args:?} stderr"), &err, false);
    }
    // The calendar file, and the calendar on standard output.
    let (code, out, err) = run_limited(
        &["meetings", "--all", "--ics", &ics_arg, "--issues", d],
        &[],
    );
    assert_eq!(code, 0, "{}", String::from_utf8_lossy(&err));
    assert_safe("meetings --ics FILE stdout", &out, false);
    assert_safe("meetings --ics FILE stderr", &err, false);
    assert_safe("the .ics file", &std::fs::read(&ics).unwrap(), true);
    let (code, out, _) = run_limited(&["meetings", "--all", "--ics", "-", "--issues", d], &[]);
    assert_eq!(code, 0);
    assert_safe("meetings --ics -", &out, true);

    // What is left is readable: the text around each removed sequence.
    let (code, out, _) = run_limited(&["read", ONDID, "1", "--issues", d], &[]);
    assert_eq!(code, 0);
    let out = String::from_utf8_lossy(&out);
    assert!(out.contains("EEEFFF här."), "{out}");
    let (_, out, _) = run_limited(&["check", "--issues", d], &[]);
    let out = String::from_utf8_lossy(&out);
    assert!(
        out.contains("QQQ") && out.contains("RRR"),
        "the unknown label is named:\n{out}"
    );
    assert!(out.contains("SSS") && out.contains("TTT"), "{out}");
}

#[test]
fn file_names_are_quoted_like_ls_and_never_start_a_line() {
    let dir = every_kind_folder();
    let d = dir.path().to_str().unwrap();
    for args in [vec!["list"], vec!["check"], vec!["meetings", "--all"]] {
        let mut a = args.clone();
        a.extend(["--issues", d]);
        let (_, out, _) = run_limited(&a, &[]);
        let out = String::from_utf8_lossy(&out).into_owned();
        assert_safe(&format!("{args:?}"), out.as_bytes(), false);
        // A name with a newline never makes a line of its own.
        assert!(
            !out.lines().any(|l| l.starts_with("forfalskad")),
            "{args:?}:\n{out}"
        );
        if args[0] != "meetings" {
            for shown in [
                "$'namn\\e[2J\\e]0;titel\\x07",
                "$'rad\\nforfalskad rad",
                "$'vagn\\rretur",
                "$'riktning\\u202Etxt",
                "$'c1\\u009B2J",
            ] {
                assert!(out.contains(shown), "{args:?}: {shown} not in\n{out}");
            }
        }
    }
    // The .ron's own source and id (a CR, an OSC) are quoted as well, and
    // never put a bare CR into the calendar file.
    let (_, out, _) = run_limited(&["check", "--issues", d], &[]);
    assert!(
        String::from_utf8_lossy(&out).contains("$'vagn\\rretur\\e[2J.ron'"),
        "{}",
        String::from_utf8_lossy(&out)
    );
    let (_, ics, _) = run_limited(&["meetings", "--all", "--ics", "-", "--issues", d], &[]);
    let ics = String::from_utf8_lossy(&ics);
    assert!(!ics.replace("\r\n", "").contains('\r'), "{ics}");
    // JSON keeps the exact names, escaped.
    let (_, json, _) = run_limited(&["list", "--json", "--issues", d], &[]);
    let v: serde_json::Value = serde_json::from_slice(&json).unwrap();
    let sources: Vec<&str> = v["issues"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|i| i["source"].as_str())
        .collect();
    assert!(sources.contains(&"rad\nforfalskad rad.txt"), "{sources:?}");
    assert!(sources.contains(&"vagn\rretur\u{1b}[2J.ron"), "{sources:?}");
}

#[test]
fn hostile_config_and_state_give_short_clean_messages() {
    let home = tempfile::tempdir().unwrap();
    let cfg_dir = home.path().join("c/nyhetsbrev");
    std::fs::create_dir_all(&cfg_dir).unwrap();
    let e = ron_escaped(&evil());
    // A key name with every sequence, then one of 10 MB.
    std::fs::write(
        cfg_dir.join("config.ron"),
        format!("(keys: (normal: {{\"ctrl-{e}\": \"quit\"}}))"),
    )
    .unwrap();
    let env = [
        ("HOME", home.path()),
        ("XDG_CONFIG_HOME", &home.path().join("c")),
        ("XDG_STATE_HOME", &home.path().join("s")),
    ];
    let (_, out, err) = run_limited(&["list", "--issues", "issues"], &env);
    assert_safe("config key: stderr", &err, false);
    assert_safe("config key: stdout", &out, false);
    assert!(!err.is_empty(), "the problem is reported");
    let huge = "x".repeat(10 * 1024 * 1024);
    std::fs::write(
        cfg_dir.join("config.ron"),
        format!("(keys: (normal: {{\"{huge}\": \"quit\"}}))"),
    )
    .unwrap();
    let (_, _, err) = run_limited(&["list", "--issues", "issues"], &env);
    assert!(
        err.len() < 2000,
        "a 10 MB key name gives a {} byte message",
        err.len()
    );
    assert!(String::from_utf8_lossy(&err).contains("config.ron"));
    // An `issues` folder with a sequence in its name that is not there.
    std::fs::write(
        cfg_dir.join("config.ron"),
        format!("(issues: \"/finns/inte/{e}\")"),
    )
    .unwrap();
    let (code, _, err) = run_limited(&["list"], &env);
    assert_ne!(code, 0);
    let err_text = String::from_utf8_lossy(&err);
    assert!(!err_text.chars().any(is_unsafe), "{err_text:?}");
    assert_eq!(err_text.trim_end().lines().count(), 1, "{err_text}");
}

#[test]
fn no_sequence_from_any_field_reaches_the_pseudo_terminal() {
    let dir = every_kind_folder();
    let home = tempfile::tempdir().unwrap();
    // A saved state with a hostile last query and marks.
    let state_dir = home.path().join("s/nyhetsbrev");
    std::fs::create_dir_all(&state_dir).unwrap();
    let e = ron_escaped(&evil());
    std::fs::write(
        state_dir.join("state.ron"),
        format!(
            "(read: [(issue: \"ond.ron{e}\", title: \"T{e}\")], last_query: Some(\"UUU{e}VVV\"))"
        ),
    )
    .unwrap();
    let mut s = Session::start_in(
        &[
            "--issues",
            dir.path().to_str().unwrap(),
            "--today",
            "2025-10-01",
        ],
        home.path(),
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    s.wait_text("Ond");
    s.send("\r");
    s.send("j\r");
    s.wait_text("EEE");
    // The jump popup opens on the saved (hostile) query, cleaned.
    s.send("/");
    s.wait_text("UUUVVV");
    s.send("\x1b");
    s.wait_for("the jump popup to close", |s| {
        !s.screen().screen().contents().contains("UUUVVV")
    });
    s.send("c");
    s.wait_text("Kontakter");
    s.send("\x1b");
    s.wait_for("contacts to close", |s| {
        !s.screen().screen().contents().contains("Filter:")
    });
    s.send("q");
    assert!(s.wait_exit_within(Duration::from_secs(10)).success());
    let bytes = s.output();
    // The reader's own output is CSI sequences only.
    assert_pty_safe("the reader", &bytes);
    assert_restored(&bytes);
}

/// What the real binary wrote to a pseudo-terminal: no string sequence
/// (OSC, DCS, APC, PM, SOS), no bell or other stray control, no C1 or
/// format character, no residue. Its own colours (CSI SGR) are allowed.
fn assert_pty_safe(what: &str, bytes: &[u8]) {
    let text = String::from_utf8_lossy(bytes);
    for (name, seq) in [
        ("OSC", "\u{1b}]"),
        ("DCS", "\u{1b}P"),
        ("APC", "\u{1b}_"),
        ("PM", "\u{1b}^"),
        ("SOS", "\u{1b}X"),
        ("RIS", "\u{1b}c"),
        ("BEL", "\u{7}"),
        ("BS", "\u{8}"),
        ("DEL", "\u{7f}"),
    ] {
        assert!(!text.contains(seq), "{what}: {name} reached the terminal");
    }
    if let Some(c) = text
        .chars()
        .find(|c| ('\u{80}'..='\u{9f}').contains(c) || nyhetsbrev::sanitize::is_format(*c))
    {
        panic!("{what}: {c:?} reached the terminal");
    }
    for r in RESIDUE {
        assert!(
            !text.contains(r),
            "{what}: residue {r:?} reached the terminal"
        );
    }
}

#[test]
fn coloured_subcommand_output_on_a_terminal_carries_no_sequence_from_a_file() {
    let dir = every_kind_folder();
    let d = dir.path().to_str().unwrap();
    for args in [
        vec!["list"],
        vec!["check"],
        vec!["search", "ond"],
        vec!["search", "brödtext"],
        vec!["contacts", "ondsson"],
        vec!["meetings", "--all"],
        vec!["jump", "ond"],
        vec!["read", ONDID, "1"],
        vec!["read", "elak"],
    ] {
        let mut a = vec!["--issues", d, "--lang", "en"];
        a.extend(args.iter().copied());
        let mut s = Session::start(&a);
        let status = s.wait_exit_within(Duration::from_secs(30));
        assert!(status.success(), "{args:?}: {status:?}");
        let bytes = s.output();
        // On a terminal the lookups colour their output.
        if args[0] != "check" {
            assert!(bytes.contains(&0x1b), "{args:?} is coloured on a terminal");
        }
        assert_pty_safe(&format!("{args:?}"), &bytes);
    }
}
