//! End to end, the real binary in a pseudo-terminal: a numbered link opens
//! with `$BROWSER` (a script that records its argument), OSC 8 hyperlinks
//! reach the terminal with `hyperlinks: on` and never carry a hostile
//! URL's controls, and a meeting goes to the calendar with the system
//! opener.

mod common;

use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use common::pty::{Session, TIMEOUT};
use common::write_config;

const MORE: &str = "https://www.storsthlm.se/nyheter/ny-plattform-for-lanets-samverkan";
const PDF: &str = "https://www.storsthlm.se/download/18.2f7c1b2a18d4e5f6a7b8c9d0/1710230400000/Plattform-for-samverkan-2024-2027-antagen-av-styrelsen.pdf";

/// A folder with the HTML newsletter of the link fixtures.
fn issues(home: &Path) -> PathBuf {
    let dir = home.join("issues");
    std::fs::create_dir_all(&dir).expect("mkdir");
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links");
    for e in std::fs::read_dir(src).expect("fixtures") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.join(p.file_name().expect("name"))).expect("copy");
    }
    dir
}

/// An executable script `name` in `dir` that writes its arguments, one a
/// line, to `out`.
fn recorder(dir: &Path, name: &str, out: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    std::fs::create_dir_all(dir).expect("mkdir");
    let script = dir.join(name);
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\"; done > '{}.tmp'\nmv '{0}.tmp' '{0}'\n",
            out.display()
        ),
    )
    .expect("write the script");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    script
}

/// Wait for the file the recorder writes; its lines.
fn recorded(out: &Path) -> Vec<String> {
    let start = Instant::now();
    while !out.exists() {
        assert!(start.elapsed() < TIMEOUT, "nothing was opened");
        std::thread::sleep(Duration::from_millis(25));
    }
    std::fs::read_to_string(out)
        .expect("read")
        .lines()
        .map(str::to_string)
        .collect()
}

/// Open the first article of the newsletter (issue list: expand, down,
/// open).
fn open_first_article(s: &mut Session) {
    s.wait_text("Senaste nytt från Storsthlm");
    s.send("\r");
    s.wait_text("Ny plattform för länets");
    s.send("j\r");
    s.wait_text("Länkar");
}

#[test]
fn a_numbered_link_opens_with_browser() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = issues(home.path());
    let out = home.path().join("opened.txt");
    let browser = recorder(&home.path().join("bin"), "browser", &out);
    // A BROWSER command line with an option, as people write it.
    let cmd = format!("'{}' --new-tab %s", browser.display());
    let mut s = Session::start_with_env(
        &["--issues", dir.to_str().expect("utf-8 path")],
        home.path(),
        home.path(),
        &[("BROWSER", OsStr::new(&cmd))],
    );
    open_first_article(&mut s);
    s.wait_text("[3] mailto:anna.berg@storsthlm.se");
    s.send("o");
    s.wait_text("Öppna länk nr (1–3)");
    s.send("2");
    assert_eq!(recorded(&out), ["--new-tab", PDF]);
    s.wait_text("Öppnar med browser:");
    // The browser cannot write over the screen: the reader is still there.
    s.wait_text("Länkar");
    s.send("q");
    assert!(s.wait_exit().success());
}

/// Every OSC 8 in `bytes`: (params, URL, text).
fn osc8s(bytes: &[u8]) -> Vec<(String, String, String)> {
    let text = String::from_utf8_lossy(bytes);
    let mut out = Vec::new();
    for part in text.split("\x1b]8;").skip(1) {
        if part.starts_with(";\x1b\\") {
            continue; // a closing one
        }
        let (head, rest) = part.split_once("\x1b\\").unwrap_or((part, ""));
        let (params, url) = head.split_once(';').unwrap_or((head, ""));
        out.push((params.to_string(), url.to_string(), rest.to_string()));
    }
    out
}

fn session_with(config: &str, dir: &Path, home: &Path) -> Session {
    write_config(home, config);
    Session::start_with_env(
        &["--issues", dir.to_str().expect("utf-8 path")],
        home,
        home,
        &[],
    )
}

#[test]
fn hyperlinks_on_writes_osc8_and_the_screen_is_the_same() {
    let home_on = tempfile::tempdir().expect("tempdir");
    let home_off = tempfile::tempdir().expect("tempdir");
    let dir = issues(home_on.path());
    let mut on = session_with("(hyperlinks: on)", &dir, home_on.path());
    let mut off = session_with("(hyperlinks: off)", &dir, home_off.path());
    for s in [&mut on, &mut off] {
        open_first_article(s);
        s.wait_text("[3] mailto:anna.berg@storsthlm.se");
        // Scroll, so that linked cells are redrawn where others were.
        s.send("\t");
        std::thread::sleep(Duration::from_millis(200));
    }
    let links = osc8s(&on.output());
    assert!(
        links.iter().any(|(_, url, _)| url == MORE),
        "{:?}",
        &links[..links.len().min(5)]
    );
    assert!(links.iter().any(|(_, url, _)| url == PDF));
    assert!(links.iter().all(
        |(p, url, _)| p.starts_with("id=nb") && url.bytes().all(|b| (0x21..=0x7e).contains(&b))
    ));
    assert!(osc8s(&off.output()).is_empty(), "off writes none");
    // The terminal shows the same text either way.
    assert_eq!(
        on.screen().screen().contents(),
        off.screen().screen().contents()
    );
    for s in [&mut on, &mut off] {
        s.send("q");
        assert!(s.wait_exit().success());
    }
}

#[test]
fn a_hostile_url_never_reaches_the_terminal_raw() {
    let home = tempfile::tempdir().expect("tempdir");
    let dir = home.path().join("issues");
    std::fs::create_dir_all(&dir).expect("mkdir");
    // ESC, BEL and a C1 CSI in the href, as character references and raw.
    std::fs::write(
        dir.join("elak.html"),
        "<html><head><title>Elakt nummer</title></head><body><main>\
         <h1>Senaste nytt från Storsthlm</h1><p>Publicerad 3 mars 2025</p>\
         <h2>En artikel med elaka länkar</h2>\
         <p>Det här är en lång nog text om samverkan i länet för att vara en artikel med innehåll. \
         <a href=\"https://x.se/a&#27;]8;;https://evil.example/&#7;b\">Läs mer här</a> och \
         <a href=\"https://x.se/\u{1b}[2J\u{7}&#155;31mc\">läs också detta</a>.</p>\
         <p>Ännu ett stycke text så att sidan räknas som ett nyhetsbrev med mer än en rad.</p>\
         </main></body></html>",
    )
    .expect("write");
    let mut s = session_with("(hyperlinks: on)", &dir, home.path());
    s.wait_text("Senaste nytt från Storsthlm");
    s.send("\r");
    s.wait_text("En artikel med elaka");
    s.send("j\r");
    s.wait_text("Länkar");
    std::thread::sleep(Duration::from_millis(200));
    let bytes = s.output();
    let links = osc8s(&bytes);
    assert!(!links.is_empty(), "the links are linked");
    for (_, url, _) in &links {
        assert!(url.starts_with("https://x.se/"), "{url:?}");
        assert!(!url.contains("evil"), "{url:?}");
        assert!(url.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{url:?}");
    }
    let text = String::from_utf8_lossy(&bytes);
    assert!(!text.contains("evil.example"));
    assert!(!bytes.contains(&0x07), "no BEL is ever written");
    assert!(!text.contains("\x1b[2J\x07"));
    s.send("q");
    assert!(s.wait_exit().success());
}

#[test]
fn e_writes_the_meeting_and_opens_it_with_the_system_opener() {
    let home = tempfile::tempdir().expect("tempdir");
    let out = home.path().join("opened.txt");
    let bin = home.path().join("bin");
    recorder(&bin, "xdg-open", &out);
    recorder(&bin, "open", &out);
    let path = format!(
        "{}:{}",
        bin.display(),
        std::env::var("PATH").unwrap_or_default()
    );
    let mut s = Session::start_with_env(
        &["--issues", "issues", "--today", "2025-10-01"],
        home.path(),
        Path::new(env!("CARGO_MANIFEST_DIR")),
        &[
            ("PATH", OsStr::new(&path)),
            ("DISPLAY", OsStr::new(":99")),
            ("BROWSER", OsStr::new("")),
        ],
    );
    s.wait_text("Möten från 1 okt 2025");
    // T focuses the sidebar on today's first meeting.
    s.send("T");
    std::thread::sleep(Duration::from_millis(200));
    s.send("e");
    let got = recorded(&out);
    assert_eq!(got.len(), 1, "{got:?}");
    let file = PathBuf::from(&got[0]);
    assert!(
        file.starts_with(
            home.path()
                .join("cache")
                .join("nyhetsbrev")
                .join("meetings")
        ),
        "{}",
        file.display()
    );
    let text = std::fs::read_to_string(&file).expect("the calendar file");
    let cal: icalendar::Calendar = text.parse().expect("it parses");
    use icalendar::Component;
    let events: Vec<_> = cal.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].get_summary(), Some("Kommundirektörsmöte"));
    s.wait_text("mötet sparat i");
    s.send("q");
    assert!(s.wait_exit().success());
}
