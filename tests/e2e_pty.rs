//! End to end: the real binary in a pseudo-terminal, driven by keys, the
//! screen read back through a terminal emulator (vt100).

mod common;
#[path = "../benches/support/gen.rs"]
mod gen;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::{last, Session, TIMEOUT};

#[test]
fn jump_to_a_person_read_the_article_open_contacts_quit() {
    let mut s = Session::start(&["--issues", "issues", "--today", "2025-10-01"]);
    // The start screen: issue list, meetings from the reference date.
    s.wait_text("Möten från 1 okt 2025");
    s.jump("soffiantini");
    s.send("\r");
    // A person opens their card; Esc shows the article behind it.
    s.wait_for("the jump popup to close", |s| {
        !s.screen().screen().contents().contains("› soffiantini")
    });
    s.send("\x1b");
    // The centre pane (x 32..88 at 120 columns) names her.
    s.wait_for("the article to name Karin Soffiantini-Yildiz", |s| {
        s.region(32, 88).contains("Karin Soffiantini-Yildiz")
    });
    s.send("c");
    s.wait_text("Kontakter");
    s.wait_text("Namn");
    // Esc closes the directory (letters there go into the filter), q quits.
    s.close("the contacts popup to close", "Filter:");
    s.send("q");
    let start = Instant::now();
    let status = loop {
        if let Some(st) = s.child.try_wait().expect("wait for the reader") {
            break st;
        }
        assert!(start.elapsed() < TIMEOUT, "the reader did not quit");
        std::thread::sleep(Duration::from_millis(25));
    };
    assert!(status.success(), "exit status {status:?}");
    // Give the reader thread a moment to drain the last bytes.
    std::thread::sleep(Duration::from_millis(100));
    let bytes = s.bytes.lock().expect("lock").clone();
    let enter_alt = last(&bytes, b"\x1b[?1049h").expect("entered the alternate screen");
    let leave_alt = last(&bytes, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(
        leave_alt > enter_alt,
        "the alternate screen is left at the end"
    );
    let show = last(&bytes, b"\x1b[?25h").expect("the cursor is shown");
    if let Some(hide) = last(&bytes, b"\x1b[?25l") {
        assert!(show > hide, "the cursor is shown again at the end");
    }
    assert!(
        last(&bytes, b"\x1b[?2026h").is_some() && last(&bytes, b"\x1b[?2026l").is_some(),
        "frames are drawn inside synchronized updates"
    );
    // Mouse reporting is switched off again.
    assert!(
        last(&bytes, b"\x1b[?1000l").is_some(),
        "mouse capture released"
    );
}

#[test]
fn hang_up_restores_the_terminal() {
    let s = Session::start(&["--issues", "issues", "--today", "2025-10-01"]);
    s.wait_text("Möten från 1 okt 2025");
    let pid = s.child.process_id().expect("child pid");
    // SIGTERM, as a dropped SSH session's shell would pass on.
    let ok = std::process::Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("run kill");
    assert!(ok.success());
    let mut s = s;
    let start = Instant::now();
    loop {
        if s.child.try_wait().expect("wait").is_some() {
            break;
        }
        assert!(start.elapsed() < TIMEOUT, "the reader ignored SIGTERM");
        std::thread::sleep(Duration::from_millis(25));
    }
    std::thread::sleep(Duration::from_millis(100));
    let bytes = s.bytes.lock().expect("lock").clone();
    let enter_alt = last(&bytes, b"\x1b[?1049h").expect("entered the alternate screen");
    let leave_alt = last(&bytes, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(leave_alt > enter_alt);
}

// ── Config and reading state, with the real binary ──────────────────────

const ISSUE0_ARTICLE0: &str = "Så kan vi möta framtidens utmaningar";

fn state_path(home: &Path) -> PathBuf {
    home.join("s").join("nyhetsbrev").join("state.ron")
}

fn read_state(home: &Path) -> nyhetsbrev::state::State {
    let text = std::fs::read_to_string(state_path(home)).expect("state.ron written");
    nyhetsbrev::state::State::from_ron(&text).expect("state.ron parses")
}

fn issues_arg() -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("issues")
        .display()
        .to_string()
}

/// Start on the bundled issues and wait for the first screen.
fn reader(home: &Path) -> Session {
    let issues = issues_arg();
    let s = Session::start_in(
        &["--issues", &issues, "--today", "2025-10-01"],
        home,
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    s.wait_text("Möten från 1 okt 2025");
    s
}

/// From the start screen: issue `i` (0-based), its first article, opened.
fn open_first_article(s: &mut Session, i: usize) {
    for _ in 0..i {
        s.send("j");
    }
    s.send("\r\r\r");
    s.wait_for("the article pane to show an article", |s| {
        s.screen().screen().contents().contains("Nummer › ")
            && s.screen().screen().contents().matches(" › ").count() >= 2
    });
}

#[test]
fn read_quit_restart_reopens_on_the_article_marked_read() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = reader(home.path());
    open_first_article(&mut s, 0);
    s.send("jj");
    s.send("q");
    assert!(s.wait_exit().success());
    let st = read_state(home.path());
    assert!(st.read.iter().any(|k| k.title == ISSUE0_ARTICLE0), "{st:?}");
    // Restart: the status bar names the article, the list marks it current.
    let mut s = reader(home.path());
    s.wait_for("the reader to reopen on the article", |s| {
        let c = s.screen().screen().contents();
        c.contains("• Så kan vi möta") && c.contains("› Så kan vi möta")
    });
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn sigterm_and_the_periodic_save_keep_read_marks() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = reader(home.path());
    open_first_article(&mut s, 0);
    // Saved within a few seconds while the reader runs on.
    let start = Instant::now();
    while !state_path(home.path()).exists() {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "no periodic save"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(read_state(home.path())
        .read
        .iter()
        .any(|k| k.title == ISSUE0_ARTICLE0));
    // Then another article, and a hang-up before any periodic save.
    s.send("n");
    s.wait_for("the next article", |s| {
        !s.screen().screen().contents().contains("• Så kan vi möta")
    });
    s.kill("-TERM");
    s.wait_exit();
    assert_eq!(read_state(home.path()).read.len(), 2);
}

#[test]
fn two_readers_at_once_keep_both_marks_in_either_order() {
    for a_first in [true, false] {
        let home = tempfile::tempdir().expect("tempdir");
        let mut a = reader(home.path());
        let mut b = reader(home.path());
        open_first_article(&mut a, 0);
        open_first_article(&mut b, 1);
        let (first, second) = common::in_order(a_first, &mut a, &mut b);
        first.send("q");
        assert!(first.wait_exit().success());
        second.send("q");
        assert!(second.wait_exit().success());
        let st = read_state(home.path());
        assert_eq!(st.read.len(), 2, "a_first={a_first}: {st:?}");
    }
}

#[test]
fn a_garbage_state_file_is_moved_aside_and_the_reader_starts() {
    let home = tempfile::tempdir().expect("tempdir");
    let path = state_path(home.path());
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, "(read: [(issue: \"000_037f8").expect("write");
    let mut s = reader(home.path());
    // Told once, in the status bar.
    s.wait_text("state.ron could not be read");
    let aside: Vec<_> = std::fs::read_dir(path.parent().expect("parent"))
        .expect("list")
        .filter_map(|e| e.ok())
        .filter(|e| {
            e.file_name()
                .to_string_lossy()
                .starts_with("state.ron.broken-")
        })
        .collect();
    assert_eq!(aside.len(), 1);
    open_first_article(&mut s, 0);
    s.send("q");
    assert!(s.wait_exit().success());
    assert_eq!(read_state(home.path()).read.len(), 1);
}

/// Every file under `dir` with its length and modification time.
fn listing(dir: &Path) -> Vec<(PathBuf, u64, std::time::SystemTime)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).expect("list") {
        let e = e.expect("entry");
        let m = e.metadata().expect("metadata");
        out.push((e.path(), m.len(), m.modified().expect("mtime")));
    }
    out.sort();
    out
}

#[test]
fn a_read_only_shared_issues_folder_is_never_written() {
    use std::os::unix::fs::PermissionsExt;
    let shared = tempfile::tempdir().expect("tempdir");
    let issues = shared.path().join("issues");
    std::fs::create_dir(&issues).expect("mkdir");
    for e in std::fs::read_dir(issues_arg()).expect("bundled issues") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, issues.join(p.file_name().expect("name"))).expect("copy");
        let f = issues.join(p.file_name().expect("name"));
        std::fs::set_permissions(&f, std::fs::Permissions::from_mode(0o444)).expect("chmod");
    }
    std::fs::set_permissions(&issues, std::fs::Permissions::from_mode(0o555)).expect("chmod");
    std::fs::set_permissions(shared.path(), std::fs::Permissions::from_mode(0o555)).expect("chmod");
    let before = (listing(shared.path()), listing(&issues));
    let home = tempfile::tempdir().expect("tempdir");
    // Run from inside the shared folder, found as ./issues.
    let mut s = Session::start_in(&["--today", "2025-10-01"], home.path(), shared.path());
    s.wait_text("Möten från 1 okt 2025");
    open_first_article(&mut s, 0);
    s.send("b");
    s.send("q");
    assert!(s.wait_exit().success());
    let after = (listing(shared.path()), listing(&issues));
    // Tests may run as root, where permissions do not bind: compare.
    assert_eq!(before, after, "nothing was written into the issues folder");
    let st = read_state(home.path());
    assert_eq!((st.read.len(), st.bookmarks.len()), (1, 1));
    std::fs::set_permissions(shared.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    std::fs::set_permissions(&issues, std::fs::Permissions::from_mode(0o755)).expect("chmod");
}

#[test]
fn a_bad_config_value_is_reported_and_the_defaults_are_used() {
    let home = tempfile::tempdir().expect("tempdir");
    common::write_config(home.path(), "(\n    lang: en,\n    mouse: \"yes\",\n)\n");
    let mut s = reader(home.path());
    // Swedish (the default), not the file's English; the status bar says
    // which file, line and field.
    s.wait_text("config.ron:3:");
    s.wait_text("field `mouse`");
    s.send("q");
    assert!(s.wait_exit().success());
    let bytes = s.bytes.lock().expect("lock").clone();
    let text = String::from_utf8_lossy(&bytes);
    assert!(
        text.contains("config.ron:3:") && text.contains("using the built-in defaults"),
        "also on stderr before the reader starts"
    );
}

#[test]
fn config_sets_language_dates_and_mouse() {
    let home = tempfile::tempdir().expect("tempdir");
    common::write_config(
        home.path(),
        "(lang: en, date_style: iso, mouse: false, keys: (normal: {\"x\": \"quit\"}))",
    );
    let issues = issues_arg();
    let mut s = Session::start_in(
        &["--issues", &issues, "--today", "2025-10-01"],
        home.path(),
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    s.wait_text("Meetings from 2025-10-01");
    s.send("x");
    assert!(s.wait_exit().success(), "x quits, as the config binds it");
    let bytes = s.bytes.lock().expect("lock").clone();
    assert!(
        last(&bytes, b"\x1b[?1000h").is_none(),
        "no mouse capture when the config says mouse: false"
    );
}

#[test]
fn a_large_folder_opens_on_its_newest_files_and_fills_in() {
    let dir = tempfile::tempdir().expect("temp dir");
    gen::write_corpus(dir.path(), gen::SEED, 80).expect("write the corpus");
    let path = dir.path().to_str().expect("utf-8 temp path");
    let mut s = Session::start(&["--issues", path, "--today", "2025-10-01"]);
    // The whole folder arrives without a key being pressed, and the reader
    // then shows the newest issue of all.
    let newest = nyhetsbrev::corpus::Corpus::load(dir.path())
        .expect("loads")
        .issues[0]
        .clone();
    let date = nyhetsbrev::i18n::reader_words(nyhetsbrev::i18n::Lang::Sv)
        .issue_date(&newest)
        .expect("dated");
    s.wait_text("Nummer (80)");
    s.wait_text(&format!("Nyhetsbrev · {date}"));
    s.send("q");
    let status = s.wait_exit_within(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
}

/// In a folder of 300 issues or more the full-text search ranks on a
/// thread of its own: its hits arrive on screen without another key, and
/// they are the ones the core's search gives for the folder.
#[test]
fn a_search_in_a_large_folder_shows_its_hits_without_another_key() {
    let dir = tempfile::tempdir().expect("temp dir");
    let n = nyhetsbrev::tui::app::SEARCH_INLINE_ISSUES + 20;
    gen::write_corpus(dir.path(), gen::SEED, n).expect("write the corpus");
    let path = dir.path().to_str().expect("utf-8 temp path");
    let corpus = nyhetsbrev::corpus::Corpus::load(dir.path()).expect("loads");
    let hits = nyhetsbrev::corpus::search::articles(&corpus, "vattenförsörjning").len();
    assert!(hits > 1, "the generated issues speak of water supply");
    let count = nyhetsbrev::i18n::hit_count(nyhetsbrev::i18n::Lang::Sv, hits);
    let mut s = Session::start(&["--issues", path, "--today", "2025-10-01"]);
    s.wait_text(&format!("Nummer ({n})"));
    s.send("s");
    s.wait_text("Sök i texten");
    s.send("vattenförsörjning");
    s.wait_text(&count);
    s.wait_text("› vattenförsörjning");
    s.send("\x1b");
    s.wait_for("the search popup to close", |s| {
        !s.screen().screen().contents().contains("Sök i texten")
    });
    s.send("q");
    let status = s.wait_exit_within(TIMEOUT);
    assert!(status.success(), "exit status {status:?}");
}

// ── Keys in bursts, and paste ────────────────────────────────────────────

/// When the session's output grew, and to what length: a thread looks
/// every millisecond, so the time a frame arrived is known to about 1 ms
/// however long the test itself takes to parse the screen.
struct Arrivals {
    marks: std::sync::Arc<std::sync::Mutex<Vec<(Instant, usize)>>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Arrivals {
    fn watch(s: &Session) -> Arrivals {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::{Arc, Mutex};
        let bytes = Arc::clone(&s.bytes);
        let marks = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let (m, st) = (Arc::clone(&marks), Arc::clone(&stop));
        let thread = std::thread::spawn(move || {
            let mut seen = bytes.lock().expect("lock").len();
            while !st.load(Ordering::Relaxed) {
                let len = bytes.lock().expect("lock").len();
                if len > seen {
                    m.lock().expect("lock").push((Instant::now(), len));
                    seen = len;
                }
                std::thread::sleep(Duration::from_millis(1));
            }
        });
        Arrivals {
            marks,
            stop,
            thread: Some(thread),
        }
    }

    /// How long after `since` the first output arrived on which the
    /// screen passes `test` (the bytes up to then, parsed).
    fn first(
        mut self,
        s: &Session,
        since: Instant,
        test: impl Fn(&str) -> bool,
    ) -> Option<Duration> {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        if let Some(t) = self.thread.take() {
            t.join().expect("the watcher ends");
        }
        let bytes = s.bytes.lock().expect("lock").clone();
        let marks = self.marks.lock().expect("lock").clone();
        marks.into_iter().find_map(|(at, len)| {
            let rows = std::num::NonZeroU16::new(common::pty::ROWS).expect("rows");
            let cols = std::num::NonZeroU16::new(common::pty::COLS).expect("cols");
            let mut p = vt100::Parser::new(rows, cols, 0);
            p.process(&bytes[..len]);
            test(&p.screen().contents()).then(|| at.saturating_duration_since(since))
        })
    }
}

/// Forty keys written at once (typing fast over SSH) show their effect
/// within 150 ms. The time is taken from the write to the arrival of the
/// first frame that shows the effect (timestamped as it comes, see
/// [`Arrivals`]), not to when the test got round to parsing the screen,
/// so a loaded machine slows the test but does not fail it unless the
/// reader itself is slow: there is no retry. (Before keys were handled in
/// batches, twenty keys took 1.9 s.)
#[test]
fn forty_keys_in_one_write_show_their_effect_at_once() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = reader(home.path());
    s.send("c");
    s.wait_text("Filter:");
    // Let the popup's frames settle, so the arrivals are the keys' frames.
    std::thread::sleep(Duration::from_millis(200));
    // 28 letters, Ctrl-U (clear), then the query: 40 keys, one write, as
    // they come over SSH when someone types quickly.
    let keys = format!("{}\u{15}utskrivning", "x".repeat(28));
    assert_eq!(keys.chars().count(), 40);
    let arrivals = Arrivals::watch(&s);
    let sent = Instant::now();
    s.send(&keys);
    let shows =
        |screen: &str| screen.contains("Filter: utskrivning") && screen.contains("Åsa Danielsson");
    s.wait_for("the query's people", |s| {
        shows(&s.screen().screen().contents())
    });
    let took = arrivals.first(&s, sent, shows).expect("a frame showed it");
    eprintln!("forty keys shown {took:?} after the write");
    assert!(
        took <= Duration::from_millis(150),
        "shown {took:?} after the write (limit 150 ms)"
    );
    s.close("the contacts popup to close", "Filter:");
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn a_paste_goes_into_the_query_as_text_and_opens_nothing() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = reader(home.path());
    s.send("/");
    s.wait_text("Hoppa till");
    // A bracketed paste with a line break at its end (copied with the line).
    s.send("\x1b[200~soffiantini\r\n\x1b[201~");
    s.wait_text("› soffiantini");
    // The line break did not act as Enter: the popup is still open, with
    // the whole query and nothing after it.
    std::thread::sleep(Duration::from_millis(300));
    let screen = s.screen().screen().contents();
    assert!(screen.contains("Hoppa till"), "{screen}");
    let line = screen
        .lines()
        .find(|l| l.contains("› "))
        .expect("the query line");
    // The query: what follows the prompt, up to the popup's border.
    let query: String = line
        .split("› ")
        .nth(1)
        .unwrap_or("")
        .chars()
        .take_while(|c| !('\u{2500}'..='\u{257f}').contains(c))
        .collect();
    assert_eq!(query.trim_end(), "soffiantini", "{line}");
    s.close("the jump popup to close", "Hoppa till");
    s.send("q");
    assert!(s.wait_exit().success());
    // The terminal was asked to mark pastes, and told to stop on exit.
    let out = s.output();
    let on = last(&out, b"\x1b[?2004h").expect("bracketed paste turned on");
    let off = last(&out, b"\x1b[?2004l").expect("bracketed paste turned off");
    assert!(off > on);
}

/// The OSC 52 payload the reader wrote last, decoded.
fn osc52_copied(bytes: &[u8]) -> Option<String> {
    use base64::Engine as _;
    let start = last(bytes, b"\x1b]52;c;")? + 7;
    let len = bytes[start..].iter().position(|b| *b == 0x07)?;
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(&bytes[start..start + len])
        .expect("the payload is base64");
    Some(String::from_utf8(decoded).expect("the payload is UTF-8"))
}

#[test]
fn copy_writes_osc_52_with_what_the_status_bar_names() {
    let mut s = Session::start(&["--issues", "issues", "--today", "2025-10-01"]);
    s.wait_text("Möten från 1 okt 2025");
    s.send("c");
    s.wait_text("Namn");
    // Ctrl-Y copies the selected person (their e-mail, else their name).
    s.send("\x19");
    s.wait_text("Kopierat: ");
    let copied = osc52_copied(&s.output()).expect("an OSC 52 sequence was written");
    assert!(!copied.is_empty() && !copied.chars().any(char::is_control));
    let screen = s.screen().screen().contents();
    assert!(
        screen.contains(&format!("Kopierat: {copied}")),
        "{copied:?} not named on\n{screen}"
    );
    s.send("\x1b");
    // Apart, or Esc and q arrive as Alt-q.
    s.wait_for("the contacts popup to close", |s| {
        !s.screen().screen().contents().contains("Namn")
    });
    s.send("q");
    assert!(s.wait_exit_within(TIMEOUT).success());
}

#[test]
fn copy_switched_off_in_the_config_writes_nothing() {
    let home = tempfile::tempdir().expect("tempdir");
    let cfg = home.path().join("c").join("nyhetsbrev");
    std::fs::create_dir_all(&cfg).expect("config folder");
    std::fs::write(cfg.join("config.ron"), "(clipboard: off)").expect("config");
    let mut s = Session::start_in(
        &["--issues", "issues", "--today", "2025-10-01"],
        home.path(),
        Path::new(env!("CARGO_MANIFEST_DIR")),
    );
    s.wait_text("Möten från 1 okt 2025");
    s.send("y");
    s.wait_text("Kopiering är avstängd");
    assert!(osc52_copied(&s.output()).is_none());
    s.send("q");
    assert!(s.wait_exit_within(TIMEOUT).success());
}

// ── Find in the article ──────────────────────────────────────────────────

#[test]
fn find_in_the_article_counts_and_steps_through_the_matches() {
    let home = tempfile::tempdir().expect("tempdir");
    let mut s = reader(home.path());
    // The article on mental health, through the full-text search.
    s.send("s");
    s.wait_text("Sök i texten");
    s.send("\"psykisk hälsa\"");
    s.wait_text("2 träffar");
    s.send("\r");
    s.wait_for("the search popup to close", |s| {
        !s.screen().screen().contents().contains("Sök i texten")
    });
    s.send("f");
    s.wait_text("Sök i artikeln: ");
    s.send("psykisk\r");
    s.wait_text("”psykisk” 1/3");
    s.send("n");
    s.wait_text("”psykisk” 2/3");
    s.send("NN");
    s.wait_text("”psykisk” 3/3");
    s.send("\x1b");
    s.wait_for("the find to clear", |s| {
        !s.screen().screen().contents().contains("”psykisk”")
    });
    // Apart from the Esc, or Esc and q arrive as Alt-q.
    std::thread::sleep(Duration::from_millis(100));
    s.send("q");
    assert!(s.wait_exit().success());
}
