//! End to end: the real binary in a pseudo-terminal, driven by keys, the
//! screen read back through a terminal emulator (vt100).

use std::io::{Read, Write};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

const COLS: u16 = 120;
const ROWS: u16 = 40;
const TIMEOUT: Duration = Duration::from_secs(20);

struct Session {
    bytes: Arc<Mutex<Vec<u8>>>,
    writer: Box<dyn Write + Send>,
    child: Box<dyn portable_pty::Child + Send + Sync>,
}

impl Session {
    fn start(args: &[&str]) -> Session {
        let pty = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("open a pty");
        let mut cmd = CommandBuilder::new(env!("CARGO_BIN_EXE_nyhetsbrev"));
        cmd.args(args);
        cmd.cwd(env!("CARGO_MANIFEST_DIR"));
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        let child = pty.slave.spawn_command(cmd).expect("spawn the reader");
        drop(pty.slave);
        let mut reader = pty.master.try_clone_reader().expect("pty reader");
        let writer = pty.master.take_writer().expect("pty writer");
        let bytes = Arc::new(Mutex::new(Vec::new()));
        let sink = Arc::clone(&bytes);
        std::thread::spawn(move || {
            // Keep the master alive as long as we read from it.
            let _master = pty.master;
            let mut buf = [0u8; 8192];
            loop {
                match reader.read(&mut buf) {
                    Ok(0) | Err(_) => break,
                    Ok(n) => sink.lock().expect("lock").extend_from_slice(&buf[..n]),
                }
            }
        });
        Session {
            bytes,
            writer,
            child,
        }
    }

    fn screen(&self) -> vt100::Parser {
        let rows = std::num::NonZeroU16::new(ROWS).expect("rows");
        let cols = std::num::NonZeroU16::new(COLS).expect("cols");
        let mut p = vt100::Parser::new(rows, cols, 0);
        p.process(&self.bytes.lock().expect("lock"));
        p
    }

    /// Rows of the screen between two columns, joined with spaces.
    fn region(&self, x0: u16, x1: u16) -> String {
        let p = self.screen();
        let s = p.screen();
        let mut out = String::new();
        for y in 0..ROWS {
            out.push_str(&s.contents_between(y, x0, y, x1));
            out.push(' ');
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    fn wait_for(&self, what: &str, test: impl Fn(&Session) -> bool) {
        let start = Instant::now();
        while start.elapsed() < TIMEOUT {
            if test(self) {
                return;
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        panic!(
            "timed out waiting for {what}; screen:\n{}",
            self.screen().screen().contents()
        );
    }

    fn wait_text(&self, needle: &str) {
        self.wait_for(needle, |s| s.screen().screen().contents().contains(needle));
    }

    fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }
}

fn last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

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
