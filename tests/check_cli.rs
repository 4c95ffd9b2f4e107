//! `nyhetsbrev check` as scripts use it: piped into `head`.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A folder of `n` small dated issues: enough output to fill a pipe.
fn many_issues(n: usize) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..n {
        let text = format!(
            "Nyheter nummer {i}\nDatum: 2024-{:02}-{:02}\n\nEn rubrik\n\nLite brödtext om samverkan i länet.\n",
            i % 12 + 1,
            i % 28 + 1
        );
        std::fs::write(dir.path().join(format!("{i:05}_nummer.txt")), text).expect("write");
    }
    dir
}

#[test]
fn check_into_a_closed_pipe_exits_quietly() {
    let dir = many_issues(3000);
    for args in [&["check"][..], &["list"], &["export", "--format", "json"]] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_nyhetsbrev"))
            .args(args)
            .arg("--issues")
            .arg(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run");
        // Read one line, as `| head -1` does, and close the pipe.
        let mut out = BufReader::new(child.stdout.take().expect("stdout"));
        let mut first = String::new();
        out.read_line(&mut first).expect("a line");
        assert!(!first.trim().is_empty(), "{args:?}: no first line");
        drop(out);
        let start = Instant::now();
        let status = loop {
            if let Some(st) = child.try_wait().expect("wait") {
                break st;
            }
            if start.elapsed() > Duration::from_secs(60) {
                let _ = child.kill();
                panic!("{args:?} did not end after its pipe closed");
            }
            std::thread::sleep(Duration::from_millis(10));
        };
        let mut err = String::new();
        std::io::Read::read_to_string(&mut child.stderr.take().expect("stderr"), &mut err)
            .expect("stderr");
        assert!(status.success(), "{args:?}: {status:?} {err}");
        assert!(err.is_empty(), "{args:?} said: {err}");
    }
}
