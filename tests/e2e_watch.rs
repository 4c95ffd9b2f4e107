//! End to end: the reader watches its issues folder. A new issue saved
//! into it appears while the reader is open, without moving the user; an
//! issue that is open and gets deleted leaves the user on the list.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::pty::{Session, TIMEOUT};

/// A copy of the bundled issues in a temporary folder.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("tempdir");
    for e in std::fs::read_dir(common::issues_dir()).expect("issues folder") {
        let p = e.expect("entry").path();
        std::fs::copy(&p, dir.path().join(p.file_name().expect("name"))).expect("copy");
    }
    dir
}

fn start(dir: &Path) -> Session {
    let d = dir.to_str().expect("UTF-8 path");
    Session::start(&["--issues", d, "--today", "2025-10-01"])
}

/// Open the newest issue's second article ("Backa barnet …").
fn open_article(s: &mut Session) {
    s.wait_text("Nummer (5)");
    s.send("ljj\r");
    s.wait_for("the article to open", |s| {
        s.screen()
            .screen()
            .contents()
            .contains("Nummer › 25 sep 2025 › Backa barnet")
    });
}

/// The article pane (columns 32..88 at 120 columns), above the status bar.
fn article_pane(s: &Session) -> Vec<String> {
    let rows = common::pty::ROWS as usize - 1;
    s.screen().screen().rows(32, 56).take(rows).collect()
}

fn quit(s: &mut Session) {
    s.send("q");
    let status = s.wait_exit();
    assert!(status.success(), "exit status {status:?}");
}

#[test]
fn a_new_issue_appears_within_two_seconds_and_the_place_is_kept() {
    let dir = folder();
    let mut s = start(dir.path());
    open_article(&mut s);
    std::thread::sleep(Duration::from_millis(300));
    let centre = article_pane(&s);
    std::fs::write(
        dir.path().join("005_ny.txt"),
        "Senaste nytt från Storsthlm\n\nVattenforum bjuder in\n\n\
         Den 19 november bjuder Rådet för Vattenforum in till en eftermiddag \
         om vatten i länet.\n",
    )
    .expect("write a new issue");
    let written = Instant::now();
    loop {
        let screen = s.screen().screen().contents();
        if screen.contains("Nummer (6)") && screen.contains("1 nytt nummer") {
            break;
        }
        assert!(
            written.elapsed() < Duration::from_secs(2),
            "the new issue did not appear within two seconds:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The article and its scroll position are as they were.
    assert_eq!(article_pane(&s), centre);
    quit(&mut s);
}

#[test]
fn deleting_the_open_issue_leaves_the_user_on_the_list() {
    let dir = folder();
    let mut s = start(dir.path());
    open_article(&mut s);
    let newest = std::fs::read_dir(dir.path())
        .expect("list")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .min()
        .expect("an issue file");
    std::fs::remove_file(&newest).expect("delete the open issue");
    let start = Instant::now();
    loop {
        let screen = s.screen().screen().contents();
        if screen.contains("Nummer (4)") && screen.contains("Numret du läste har tagits bort") {
            break;
        }
        assert!(
            start.elapsed() < TIMEOUT,
            "no note of the removal:\n{screen}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // The reader goes on: the list takes keys, and it quits cleanly.
    s.send("j");
    std::thread::sleep(Duration::from_millis(200));
    assert!(s.child.try_wait().expect("wait").is_none(), "still running");
    quit(&mut s);
}

#[test]
fn the_config_can_turn_watching_off() {
    let dir = folder();
    let home = tempfile::tempdir().expect("tempdir");
    let conf = home.path().join("c").join("nyhetsbrev");
    std::fs::create_dir_all(&conf).expect("config folder");
    std::fs::write(conf.join("config.ron"), "(watch: false)").expect("config");
    let d = dir.path().to_str().expect("UTF-8 path");
    let mut s = Session::start_in(
        &["--issues", d, "--today", "2025-10-01"],
        home.path(),
        dir.path(),
    );
    s.wait_text("Nummer (5)");
    std::fs::write(
        dir.path().join("005_ny.txt"),
        "Senaste nytt\n\nEtt nytt nummer\n",
    )
    .expect("write a new issue");
    // Well past the time a watched folder takes (see above).
    std::thread::sleep(Duration::from_millis(2500));
    let screen = s.screen().screen().contents();
    assert!(screen.contains("Nummer (5)"), "{screen}");
    assert!(!screen.contains("nytt nummer"), "{screen}");
    quit(&mut s);
}
