//! End to end: the real binary in a pseudo-terminal, driven by keys, the
//! screen read back through a terminal emulator (vt100).

mod common;

use std::time::{Duration, Instant};

use common::pty::{last, Session, TIMEOUT};

#[test]
fn jump_to_a_person_read_the_article_open_contacts_quit() {
    let mut s = Session::start(&["--issues", "issues", "--today", "2025-10-01"]);
    // The start screen: issue list, meetings from the reference date.
    s.wait_text("Möten från 1 okt 2025");
    s.send("/");
    s.wait_text("Hoppa till");
    s.send("soffiantini");
    s.wait_text("› soffiantini");
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
    s.send("\x1b");
    s.wait_for("the contacts popup to close", |s| {
        !s.screen().screen().contents().contains("Filter:")
    });
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
