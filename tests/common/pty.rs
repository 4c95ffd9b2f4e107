//! The real binary in a pseudo-terminal: send keys, read the screen back
//! through a terminal emulator (vt100), keep every byte written. Each
//! session gets its own HOME and XDG folders, so no test reads or writes a
//! developer's real config or state.

use std::io::{Read, Write};
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use portable_pty::{native_pty_system, CommandBuilder, PtySize};

pub const COLS: u16 = 120;
pub const ROWS: u16 = 40;
pub const TIMEOUT: Duration = Duration::from_secs(20);

pub struct Session {
    pub bytes: Arc<Mutex<Vec<u8>>>,
    pub writer: Box<dyn Write + Send>,
    pub child: Box<dyn portable_pty::Child + Send + Sync>,
    /// The session's own config and state folders (when not given).
    _home: Option<tempfile::TempDir>,
}

impl Session {
    /// The reader with its own empty config and state folders.
    pub fn start(args: &[&str]) -> Session {
        let home = tempfile::tempdir().expect("tempdir");
        let mut s = Session::start_in(args, home.path(), Path::new(env!("CARGO_MANIFEST_DIR")));
        s._home = Some(home);
        s
    }

    /// The reader with `$XDG_CONFIG_HOME` = `home`/c and `$XDG_STATE_HOME`
    /// = `home`/s, in the folder `cwd`.
    pub fn start_in(args: &[&str], home: &Path, cwd: &Path) -> Session {
        Session::start_with_env(args, home, cwd, &[])
    }

    /// `start_in` with more environment variables (set after the others).
    pub fn start_with_env(
        args: &[&str],
        home: &Path,
        cwd: &Path,
        env: &[(&str, &std::ffi::OsStr)],
    ) -> Session {
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
        cmd.cwd(cwd);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        cmd.env_remove("NYHETSBREV_ISSUES");
        cmd.env("HOME", home);
        cmd.env("XDG_CONFIG_HOME", home.join("c"));
        cmd.env("XDG_STATE_HOME", home.join("s"));
        cmd.env("XDG_CACHE_HOME", home.join("cache"));
        for (k, v) in env {
            cmd.env(k, v);
        }
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
            _home: None,
        }
    }

    /// Wait for the reader to end; its exit status.
    pub fn wait_exit(&mut self) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().expect("wait for the reader") {
                // Let the reader thread drain the last bytes.
                std::thread::sleep(Duration::from_millis(100));
                return st;
            }
            assert!(start.elapsed() < TIMEOUT, "the reader did not end");
            std::thread::sleep(Duration::from_millis(25));
        }
    }

    pub fn kill(&self, sig: &str) {
        let pid = self.child.process_id().expect("child pid");
        let ok = std::process::Command::new("kill")
            .args([sig, &pid.to_string()])
            .status()
            .expect("run kill");
        assert!(ok.success());
    }

    pub fn screen(&self) -> vt100::Parser {
        let rows = std::num::NonZeroU16::new(ROWS).expect("rows");
        let cols = std::num::NonZeroU16::new(COLS).expect("cols");
        let mut p = vt100::Parser::new(rows, cols, 0);
        p.process(&self.bytes.lock().expect("lock"));
        p
    }

    /// Rows of the screen between two columns, joined with spaces.
    pub fn region(&self, x0: u16, x1: u16) -> String {
        let p = self.screen();
        let s = p.screen();
        let mut out = String::new();
        for y in 0..ROWS {
            out.push_str(&s.contents_between(y, x0, y, x1));
            out.push(' ');
        }
        out.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    pub fn wait_for(&self, what: &str, test: impl Fn(&Session) -> bool) {
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

    pub fn wait_text(&self, needle: &str) {
        self.wait_for(needle, |s| s.screen().screen().contents().contains(needle));
    }

    pub fn send(&mut self, s: &str) {
        self.writer.write_all(s.as_bytes()).expect("write keys");
        self.writer.flush().expect("flush keys");
    }
}

impl Session {
    /// How long after now the screen passes `test`, if within `limit`.
    pub fn within(&self, limit: Duration, test: impl Fn(&Session) -> bool) -> Option<Duration> {
        let start = Instant::now();
        loop {
            if test(self) {
                return Some(start.elapsed());
            }
            if start.elapsed() > limit {
                return None;
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }

    /// Open the jump popup and type `query`; wait until the popup shows it.
    pub fn jump(&mut self, query: &str) {
        self.send("/");
        self.wait_text("Hoppa till");
        self.send(query);
        self.wait_text(&format!("› {query}"));
    }

    /// Press Esc and wait until `marker` has left the screen (`what`
    /// names the overlay that closes, for the failure message). A lone
    /// Esc followed at once by a letter reads as Alt+letter: wait before
    /// the next key.
    pub fn close(&mut self, what: &str, marker: &str) {
        self.send("\x1b");
        self.wait_for(what, |s| !s.screen().screen().contents().contains(marker));
    }
}

pub fn last(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

impl Session {
    /// All bytes the reader has written so far.
    pub fn output(&self) -> Vec<u8> {
        self.bytes.lock().expect("lock").clone()
    }

    /// Wait for the reader to exit, failing after `within`.
    pub fn wait_exit_within(&mut self, within: Duration) -> portable_pty::ExitStatus {
        let start = Instant::now();
        loop {
            if let Some(st) = self.child.try_wait().expect("wait for the reader") {
                std::thread::sleep(Duration::from_millis(100));
                return st;
            }
            assert!(
                start.elapsed() < within,
                "the reader did not exit within {within:?}; screen:\n{}",
                self.screen().screen().contents()
            );
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Send a signal by name ("HUP", "TERM").
    pub fn signal(&self, sig: &str) {
        self.kill(&format!("-{sig}"));
    }
}

/// The terminal was put back: the alternate screen left and the cursor
/// shown after they were entered and hidden.
pub fn assert_restored(bytes: &[u8]) {
    let enter_alt = last(bytes, b"\x1b[?1049h").expect("entered the alternate screen");
    let leave_alt = last(bytes, b"\x1b[?1049l").expect("left the alternate screen");
    assert!(
        leave_alt > enter_alt,
        "the alternate screen is left at the end"
    );
    let show = last(bytes, b"\x1b[?25h").expect("the cursor is shown");
    if let Some(hide) = last(bytes, b"\x1b[?25l") {
        assert!(show > hide, "the cursor is shown again at the end");
    }
}
