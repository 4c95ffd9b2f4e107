//! The reading state in process: read marks, bookmarks, the last place,
//! broken files, two readers at once. Every state file is in a temporary
//! folder, passed in explicitly.

mod common;

use std::path::{Path, PathBuf};

use common::Harness;
use crossterm::event::KeyCode;
use nyhetsbrev::i18n::Lang;
use nyhetsbrev::state::{ArticleKey, State, Store};
use nyhetsbrev::tui::app::{Focus, IssueRow, LeftMode, Overlay, View};

fn open(path: &Path) -> Harness {
    let (store, broken) = Store::open(path.to_path_buf());
    assert!(broken.is_none(), "{broken:?}");
    Harness::with_store(common::corpus(), Lang::Sv, store, 120, 40)
}

/// A reader whose state is kept in a new, empty folder (removed when the
/// folder is dropped), and the state file's path.
fn fresh() -> (tempfile::TempDir, PathBuf, Harness) {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = state_file(&dir);
    let h = open(&path);
    (dir, path, h)
}

fn state_file(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("nyhetsbrev").join("state.ron")
}

fn on_disk(path: &Path) -> State {
    State::from_ron(&std::fs::read_to_string(path).expect("state file")).expect("parses")
}

/// Open the first article of the first issue: expand, step in, open.
fn open_first_article(h: &mut Harness) {
    h.key(KeyCode::Enter)
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    assert_article_open(h, 0);
}

#[test]
fn read_quit_restart_marks_it_read_and_reopens_there() {
    let (_dir, path, mut h) = fresh();
    assert!(!h.app.is_read(0, 0));
    // Passing over an article in the list does not mark it read.
    h.key(KeyCode::Enter).key(KeyCode::Enter).keys("jk");
    assert_eq!(h.app.view, View::Article(0, 0));
    assert!(
        !h.app.is_read(0, 0) && !h.app.is_read(0, 1),
        "a preview is not a read"
    );
    h.key(KeyCode::Enter);
    assert!(h.app.is_read(0, 0), "opening an article marks it read");
    h.keys("jjj");
    assert_eq!(h.app.scroll, 3);
    h.keys("q");
    assert!(h.app.quit);
    let saved = on_disk(&path);
    let title = h.app.corpus.issues[0].articles[0].title.clone();
    let source = h.app.corpus.issues[0].source.clone();
    assert!(saved.read.contains(&ArticleKey {
        issue: source,
        title: title.clone()
    }));

    let h = open(&path);
    assert_eq!(h.app.view, View::Article(0, 0), "reopens on the article");
    assert_eq!(h.app.focus, Focus::Article);
    assert_eq!(h.app.scroll, 3, "at the same scroll position");
    assert!(h.app.is_read(0, 0));
    // The list shows it current (•), its siblings unread (●).
    let screen = h.screen();
    let short: String = title.chars().take(12).collect();
    assert!(screen.contains(&format!("• {short}")), "{screen}");
    let second: String = h.app.corpus.issues[0].articles[1]
        .title
        .chars()
        .take(12)
        .collect();
    assert!(screen.contains(&format!("● {second}")), "{screen}");
}

#[test]
fn next_unread_bookmarks_and_mark_unread() {
    let (_dir, path, mut h) = fresh();
    open_first_article(&mut h);
    // n: the next unread article, opened (and so read).
    h.keys("n");
    assert_eq!(h.app.view, View::Article(0, 1));
    assert!(h.app.is_read(0, 1));
    // b bookmarks the article shown; B lists it; Enter opens it.
    h.keys("b");
    assert!(h.app.is_bookmarked(0, 1));
    assert!(h.screen().contains("Bokmärke sparat"));
    h.keys("n");
    assert_eq!(h.app.view, View::Article(0, 2));
    h.keys("B");
    assert!(matches!(h.app.overlays.last(), Some(Overlay::Bookmarks(_))));
    let title1: String = h.app.corpus.issues[0].articles[1]
        .title
        .chars()
        .take(15)
        .collect();
    assert!(h.screen().contains("Bokmärken"), "{}", h.screen());
    assert!(h.screen().contains(&title1), "{}", h.screen());
    h.key(KeyCode::Enter);
    assert!(h.app.overlays.is_empty());
    assert_eq!(h.app.view, View::Article(0, 1));
    // u marks it unread again, and it stays unread while shown.
    h.keys("u");
    assert!(!h.app.is_read(0, 1));
    h.keys("jj");
    assert!(!h.app.is_read(0, 1), "scrolling does not undo u");
    // The issue's badge counts it: 7 articles, 2 read.
    assert!(h.screen().contains("● 5"), "{}", h.screen());
    h.keys("q");
    let saved = on_disk(&path);
    assert_eq!(saved.read.len(), 2);
    assert_eq!(saved.bookmarks.len(), 1);
    // b in the list removes the bookmark.
    let mut h = open(&path);
    h.keys("B");
    h.keys("b");
    assert!(h.screen().contains("Inga bokmärken"), "{}", h.screen());
    h.key(KeyCode::Esc).keys("q");
    assert!(on_disk(&path).bookmarks.is_empty());
}

#[test]
fn the_last_query_comes_back_and_typing_replaces_it() {
    let (_dir, path, mut h) = fresh();
    h.keys("/soffiantini").key(KeyCode::Esc).keys("q");
    assert_eq!(on_disk(&path).last_query.as_deref(), Some("soffiantini"));
    let mut h = open(&path);
    h.keys("/");
    let Some(Overlay::Jump(st)) = h.app.overlays.last() else {
        panic!("jump open")
    };
    assert_eq!(st.query, "soffiantini");
    assert!(!st.hits.is_empty());
    h.keys("vatten");
    let Some(Overlay::Jump(st)) = h.app.overlays.last() else {
        panic!("jump open")
    };
    assert_eq!(st.query, "vatten");
}

#[test]
fn a_broken_state_file_is_moved_aside_and_the_reader_starts() {
    for garbage in [
        "(read: [(issue: \"000_",
        "\u{0}\u{1}garbage",
        "not ron at all",
    ] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = state_file(&dir);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(&path, garbage).expect("write");
        let (store, broken) = Store::open(path.clone());
        let broken = broken.expect("reported");
        let aside = broken.moved_to.clone().expect("moved aside");
        assert!(aside
            .file_name()
            .expect("name")
            .to_string_lossy()
            .starts_with("state.ron.broken-"));
        assert_eq!(std::fs::read_to_string(&aside).expect("kept"), garbage);
        assert!(!path.exists());
        assert!(broken.to_string().contains("state.ron"), "{broken}");
        // The reader starts and saves a good file.
        let mut h = Harness::with_store(common::corpus(), Lang::Sv, store, 120, 40);
        open_first_article(&mut h);
        h.keys("q");
        assert_eq!(on_disk(&path).read.len(), 1);
        assert_eq!(std::fs::read_to_string(&aside).expect("kept"), garbage);
    }
}

#[test]
fn two_readers_keep_each_others_marks_in_either_order() {
    for a_first in [true, false] {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = state_file(&dir);
        // An earlier session read issue 1's first article.
        let mut h0 = open(&path);
        open_first_article_of(&mut h0, 1);
        h0.keys("q");
        // Two readers open at once.
        let mut a = open(&path);
        let mut b = open(&path);
        open_first_article_of(&mut a, 0);
        open_first_article_of(&mut b, 2);
        let (first, second) = common::in_order(a_first, &mut a, &mut b);
        first.keys("q");
        second.keys("q");
        let saved = on_disk(&path);
        let key = |h: &Harness, i: usize| ArticleKey {
            issue: h.app.corpus.issues[i].source.clone(),
            title: h.app.corpus.issues[i].articles[0].title.clone(),
        };
        assert!(saved.read.contains(&key(&a, 0)), "a_first={a_first}");
        assert!(saved.read.contains(&key(&a, 2)), "a_first={a_first}");
        assert!(saved.read.contains(&key(&a, 1)), "a_first={a_first}");
        assert_eq!(saved.read.len(), 3);
    }
}

/// Open the first article of issue `i` from the start screen.
fn open_first_article_of(h: &mut Harness, i: usize) {
    h.app.focus = Focus::Left;
    h.app.left = LeftMode::Issues;
    h.app.expanded[i] = true;
    let row = h
        .app
        .issue_rows()
        .iter()
        .position(|r| *r == IssueRow::Article(i, 0))
        .expect("row");
    h.app.issue_cursor.selected = row;
    h.key(KeyCode::Enter);
    assert_article_open(h, i);
}

/// The first article of issue `i` is shown and has the keyboard.
fn assert_article_open(h: &Harness, i: usize) {
    assert_eq!(h.app.view, View::Article(i, 0));
    assert_eq!(h.app.focus, Focus::Article);
}

#[test]
fn marking_unread_in_one_reader_survives_the_others_save() {
    let (_dir, path, mut h) = fresh();
    open_first_article(&mut h);
    h.keys("q");
    let mut a = open(&path);
    let mut b = open(&path);
    // A marks it unread; B reads another article; A saves first.
    a.keys("u");
    assert!(!a.app.is_read(0, 0));
    open_first_article_of(&mut b, 1);
    a.keys("q");
    b.keys("q");
    let saved = on_disk(&path);
    assert_eq!(saved.read.len(), 1, "{saved:?}");
    let only = saved.read.iter().next().expect("one");
    assert_eq!(only.issue, b.app.corpus.issues[1].source);
}

#[test]
fn marks_follow_titles_not_positions() {
    // A mark on a title still holds when the issue's articles move.
    let (_dir, path, mut h) = fresh();
    open_first_article(&mut h);
    h.keys("q");
    let mut corpus = common::corpus();
    corpus.issues[0].articles.reverse();
    let last = corpus.issues[0].articles.len() - 1;
    let (store, _) = Store::open(path.clone());
    let h = Harness::with_store(corpus, Lang::Sv, store, 120, 40);
    assert!(h.app.is_read(0, last));
    assert!(!h.app.is_read(0, 0));
    assert_eq!(
        h.app.view,
        View::Article(0, last),
        "reopens on the same article"
    );
}

#[test]
fn nothing_is_written_without_a_state_file() {
    // The default harness keeps state in memory only.
    let mut h = common::fixture(120, 40);
    h.key(KeyCode::Enter)
        .key(KeyCode::Enter)
        .key(KeyCode::Enter);
    h.keys("q");
    assert!(h.app.store.path().is_none());
}

/// Hold the state's lock as another reader would (its own open file).
fn hold_lock(path: &Path) -> std::fs::File {
    let mut lock = path.as_os_str().to_owned();
    lock.push(".lock");
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let f = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(PathBuf::from(lock))
        .expect("lock file");
    fs4::FileExt::try_lock(&f).expect("take the lock");
    f
}

fn key_of(h: &Harness, i: usize, a: usize) -> ArticleKey {
    ArticleKey {
        issue: h.app.corpus.issues[i].source.clone(),
        title: h.app.corpus.issues[i].articles[a].title.clone(),
    }
}

/// Tick the reader until `done` holds (at most 10 s).
fn tick_until(h: &mut Harness, what: &str, done: impl Fn(&Harness) -> bool) {
    let start = std::time::Instant::now();
    while !done(h) {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(10),
            "timed out waiting for {what}"
        );
        h.app.tick();
        h.draw();
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn a_stale_temporary_file_from_a_killed_save_is_removed_by_the_next_save() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = state_file(&dir);
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    let stale = path.with_file_name(".state.ron.tmp-4242");
    std::fs::write(&stale, "(read: [(issue: \"halv").expect("write");
    let mut h = open(&path);
    open_first_article(&mut h);
    h.keys("q");
    assert!(!stale.exists(), "the stale temporary file is gone");
    assert_eq!(on_disk(&path).read.len(), 1);
    let left: Vec<_> = std::fs::read_dir(path.parent().expect("parent"))
        .expect("list")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".tmp-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[test]
fn a_large_state_saves_in_the_background_while_keys_go_on() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = state_file(&dir);
    // 50,000 marks from earlier sessions.
    let big = State {
        read: (0..50_000)
            .map(|n| ArticleKey {
                issue: format!("{:05}_gammal.txt", n / 12),
                title: format!("En gammal artikel med nummer {n}"),
            })
            .collect(),
        ..State::default()
    };
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, big.to_ron().expect("ron")).expect("write");
    let lock = hold_lock(&path);
    let mut h = open(&path);
    open_first_article(&mut h);
    // A save starts; it cannot finish while another reader holds the lock.
    h.app.store.save_in_background();
    assert!(h.app.store.is_saving());
    // Keys are handled all the same: the next unread article, a bookmark.
    h.keys("n");
    assert_eq!(h.app.view, View::Article(0, 1));
    h.keys("b");
    assert!(h.app.is_bookmarked(0, 1));
    // The reader says the lock is busy and that it keeps trying.
    tick_until(&mut h, "the busy lock to be reported", |h| {
        h.screen().contains("held by another reader")
    });
    assert!(h.app.store.is_saving());
    assert_eq!(on_disk(&path).read.len(), 50_000, "nothing written yet");
    // The other reader lets go: the save finishes, with the copy taken
    // before the keys; what changed since stays to be saved.
    drop(lock);
    tick_until(&mut h, "the background save", |h| !h.app.store.is_saving());
    let saved = on_disk(&path);
    assert_eq!(saved.read.len(), 50_001);
    assert!(saved.read.contains(&key_of(&h, 0, 0)));
    assert!(h.app.store.is_dirty(), "the later marks are still to save");
    assert!(h.app.is_read(0, 1) && h.app.is_bookmarked(0, 1));
    h.keys("q");
    let saved = on_disk(&path);
    assert_eq!(saved.read.len(), 50_002);
    assert!(saved.bookmarks.contains(&key_of(&h, 0, 1)));
}

#[test]
fn a_lock_held_at_quit_keeps_the_marks_for_the_next_reader() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = state_file(&dir);
    let lock = hold_lock(&path);
    let (store, _) = Store::open(path.clone());
    let store = store.with_lock_wait(std::time::Duration::from_millis(100));
    let mut h = Harness::with_store(common::corpus(), Lang::Sv, store, 120, 40);
    open_first_article(&mut h);
    h.keys("b");
    let (read, marked) = (key_of(&h, 0, 0), key_of(&h, 0, 0));
    h.keys("q");
    assert!(h.app.quit);
    // Not written over the other reader's lock, and not lost: the reader
    // says where the marks are.
    assert!(!path.exists());
    assert!(
        h.screen().contains("held by another reader"),
        "{}",
        h.screen()
    );
    let sides: Vec<_> = std::fs::read_dir(path.parent().expect("parent"))
        .expect("list")
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().contains(".pending-"))
        .collect();
    assert_eq!(sides.len(), 1);
    // The reader saves once more as it ends; that message goes to stderr.
    let again = h.app.store.save().expect_err("still not in state.ron");
    assert!(again.to_string().contains(".pending-"), "{again}");
    drop(lock);
    // The next reader starts with them and saves them.
    let mut next = open(&path);
    assert!(next.app.is_read(0, 0) && next.app.is_bookmarked(0, 0));
    next.keys("q");
    let saved = on_disk(&path);
    assert!(saved.read.contains(&read) && saved.bookmarks.contains(&marked));
    assert!(
        !sides[0].path().exists(),
        "the side file is merged and removed"
    );
}

#[test]
fn state_file_keeps_no_more_than_its_caps() {
    use nyhetsbrev::state::{MAX_BOOKMARKS, MAX_KEY};
    let dir = tempfile::tempdir().expect("tempdir");
    let path = state_file(&dir);
    // A 1 MB title, too many bookmarks and a huge query.
    let huge = ArticleKey {
        issue: "x.txt".into(),
        title: "t".repeat(1_000_000),
    };
    let state = State {
        read: [huge.clone()].into(),
        bookmarks: (0..MAX_BOOKMARKS + 10)
            .map(|n| ArticleKey {
                issue: format!("{n:06}.txt"),
                title: "b".into(),
            })
            .collect(),
        last_query: Some("q".repeat(1_000_000)),
        ..State::default()
    };
    std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
    std::fs::write(&path, state.to_ron().expect("ron")).expect("write");
    let mut h = open(&path);
    open_first_article(&mut h);
    h.keys("q");
    let saved = on_disk(&path);
    assert!(!saved.read.contains(&huge));
    assert!(saved
        .read
        .iter()
        .all(|k| k.issue.len() + k.title.len() <= MAX_KEY));
    assert_eq!(saved.bookmarks.len(), MAX_BOOKMARKS);
    // The issues that sort first went.
    assert!(!saved.bookmarks.iter().any(|k| k.issue == "000000.txt"));
    assert!(saved.bookmarks.iter().any(|k| k.issue == "010009.txt"));
    let size = std::fs::metadata(&path).expect("meta").len();
    assert!(size < 1_000_000, "{size} bytes");
}
