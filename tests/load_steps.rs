//! A large issues folder opens at once: the reader shows the newest files
//! first and the whole folder as soon as it has loaded in the background,
//! keeping the user where they are. The whole corpus is the same as loading
//! the folder at once.

mod common;
#[path = "../benches/support/gen.rs"]
mod gen;

use std::fs::{self, File};
use std::path::Path;
use std::time::{Duration, SystemTime};

use crossterm::event::KeyCode;
use nyhetsbrev::corpus::index::{self, Index};
use nyhetsbrev::corpus::{search, Corpus, Library, FIRST_FILES};
use nyhetsbrev::i18n::Lang;
use nyhetsbrev::state::{Place, Store};
use nyhetsbrev::tui;

use common::Harness;

/// Issues in the generated folders: well over what the first step reads.
const N: usize = 60;

/// A folder of `N` generated issues, oldest modified first by file name,
/// plus a file that is not text and one that is not an issue.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    gen::write_corpus(dir.path(), gen::SEED, N).expect("write the corpus");
    fs::write(
        dir.path().join("zz_broken.txt"),
        [0u8, 159, 146, 150, 0, 0, 1],
    )
    .expect("write");
    fs::write(dir.path().join("notes.md"), "not an issue").expect("write");
    dir
}

fn export(c: &Corpus) -> String {
    serde_json::to_string(c).expect("the corpus serialises")
}

fn set_modified(path: &Path, t: SystemTime) {
    File::options()
        .write(true)
        .open(path)
        .and_then(|f| f.set_modified(t))
        .expect("set the modification time");
}

#[test]
fn the_folder_loaded_in_steps_is_the_folder_loaded_at_once() {
    let dir = folder();
    let (first, rest) = Library::load_in_steps(dir.path(), None).expect("loads");
    assert!(
        first.issues.len() <= FIRST_FILES && !first.issues.is_empty(),
        "{} issues in the first step",
        first.issues.len()
    );
    let whole = rest
        .expect("the rest is pending")
        .wait()
        .expect("the rest loads");
    let once = Corpus::load(dir.path()).expect("loads");
    assert_eq!(whole.issues.len(), N);
    assert_eq!(export(&whole), export(&once));
    assert_eq!(whole.warnings, once.warnings);
    assert_eq!(whole.files_read, once.files_read);
    // The broken file is named in both steps' warnings only once.
    assert_eq!(
        whole
            .warnings
            .iter()
            .filter(|w| w.source == "zz_broken.txt")
            .count(),
        1
    );
}

#[test]
fn the_most_recently_modified_files_are_read_first() {
    let dir = folder();
    let old = SystemTime::now() - Duration::from_secs(3600 * 24 * 365);
    let mut names: Vec<String> = gen::corpus(gen::SEED, N)
        .into_iter()
        .map(|g| g.name)
        .collect();
    names.sort();
    for n in &names {
        set_modified(&dir.path().join(n), old);
    }
    // Three files from the start of the name order were saved last.
    let recent = &names[..3];
    for (k, n) in recent.iter().enumerate() {
        set_modified(
            &dir.path().join(n),
            old + Duration::from_secs(3600 * (k as u64 + 1)),
        );
    }
    let (first, rest) = Library::load_in_steps(dir.path(), None).expect("loads");
    assert!(rest.is_some());
    for n in recent {
        assert!(
            first.issues.iter().any(|i| &i.source == n),
            "{n} is not among the first files"
        );
    }
}

#[test]
fn a_small_folder_loads_in_one_step() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("issues");
    let (first, rest) = Library::load_in_steps(&dir, None).expect("loads");
    assert!(rest.is_none(), "nothing should be left to load");
    assert_eq!(export(&first), export(&Corpus::load(&dir).expect("loads")));
}

/// The reader opened on a folder as the binary opens it: the first files
/// now, the rest pending.
fn reader_on(dir: &Path, store: Store) -> Harness {
    let (first, rest) = tui::load_folder(dir, None).expect("loads");
    let mut h = Harness::with_store(first, Lang::Sv, store, 120, 40);
    h.app.load_later(rest.expect("the rest is pending"));
    h.draw();
    h
}

#[test]
fn the_reader_says_it_is_loading_then_shows_every_issue_keeping_the_article_open() {
    let dir = folder();
    let mut h = reader_on(dir.path(), Store::memory());
    let text = h.screen();
    let (_, total) = h.app.load_progress.expect("loading");
    // Every file not read yet (the broken one may be among the first).
    assert!(total >= N - h.app.corpus.issues.len(), "{total}");
    assert!(
        text.contains(&format!("av {total} filer")),
        "no loading note in:\n{text}"
    );
    assert!(text.contains(&format!("Nummer ({})", h.app.corpus.issues.len())));
    // The broken file sorts last by name, so it is among the first read,
    // and the reader names it at once (one file: singular).
    assert!(
        text.contains("zz_broken.txt kunde inte läsas helt"),
        "{text}"
    );

    // Open the first article of the third issue on the list and read it.
    h.key(KeyCode::Down).key(KeyCode::Down).key(KeyCode::Enter);
    h.key(KeyCode::Down).key(KeyCode::Enter);
    let (issue, article) = match h.app.view {
        tui::app::View::Article(i, a) => (i, a),
        v => panic!("no article open: {v:?}"),
    };
    let source = h.app.corpus.issues[issue].source.clone();
    let title = h.app.corpus.issues[issue].articles[article].title.clone();

    h.app.finish_loading();
    h.draw();
    let text = h.screen();
    assert!(!text.contains("läser in"), "still loading:\n{text}");
    // Named once, not again when the rest arrives.
    assert!(!text.contains("zz_broken.txt"), "{text}");
    assert!(text.contains(&format!("Nummer ({N})")), "{text}");
    // Still the same article, in the article pane and the status bar.
    match h.app.view {
        tui::app::View::Article(i, a) => {
            assert_eq!(h.app.corpus.issues[i].source, source);
            assert_eq!(h.app.corpus.issues[i].articles[a].title, title);
        }
        v => panic!("the article was closed: {v:?}"),
    }
    if let tui::app::View::Article(i, a) = h.app.view {
        assert!(h.app.is_read(i, a), "the article should stay read");
    }
}

#[test]
fn the_place_saved_in_a_file_loaded_later_opens_when_it_arrives() {
    let dir = folder();
    let whole = Corpus::load(dir.path()).expect("loads");
    let (first, _) = Library::load_in_steps(dir.path(), None).expect("loads");
    // An article of an issue the first step does not read.
    let issue = whole
        .issues
        .iter()
        .find(|i| !first.issues.iter().any(|f| f.source == i.source) && !i.articles.is_empty())
        .expect("an issue loaded later");
    let title = issue.articles[1].title.clone();
    let mut store = Store::memory();
    store.state.last = Some(Place::Article {
        issue: issue.source.clone(),
        title: title.clone(),
        scroll: 0,
    });
    let mut h = reader_on(dir.path(), store);
    h.app.finish_loading();
    h.draw();
    match h.app.view {
        tui::app::View::Article(i, a) => {
            assert_eq!(h.app.corpus.issues[i].source, issue.source);
            assert_eq!(h.app.corpus.issues[i].articles[a].title, title);
        }
        v => panic!("the saved article was not opened: {v:?}"),
    }
    assert!(h.screen().contains(&title), "{}", h.screen());
}

#[test]
fn an_unmoved_reader_shows_the_newest_issue_once_everything_is_loaded() {
    let dir = folder();
    let mut h = reader_on(dir.path(), Store::memory());
    h.app.finish_loading();
    h.draw();
    let newest = Corpus::load(dir.path()).expect("loads").issues[0]
        .source
        .clone();
    match h.app.view {
        tui::app::View::Issue(i) => assert_eq!(h.app.corpus.issues[i].source, newest),
        v => panic!("not the newest issue: {v:?}"),
    }
    assert_eq!(h.app.issue_cursor.selected, 0);
}

#[test]
fn a_jump_typed_while_loading_is_ranked_again_over_every_issue() {
    let dir = folder();
    let mut h = reader_on(dir.path(), Store::memory());
    h.key(KeyCode::Char('/'));
    for c in "senaste".chars() {
        h.key(KeyCode::Char(c));
    }
    let before = jump_hits(&h);
    h.app.finish_loading();
    h.draw();
    let after = jump_hits(&h);
    assert!(after > before, "{before} hits before, {after} after");
    assert!(h.screen().contains("› senaste"), "{}", h.screen());
}

fn jump_hits(h: &Harness) -> usize {
    match h.app.overlays.last() {
        Some(tui::app::Overlay::Jump(st)) => st.hits.len(),
        _ => panic!("the jump popup is not open"),
    }
}

/// Load a folder in steps with a cache, to the whole corpus (the text of
/// the issues held as heads read from the index).
fn load_cached(dir: &Path, cache_dir: &Path) -> Corpus {
    let (_, rest) = Library::load_in_steps(dir, Some(cache_dir)).expect("loads");
    // Until the loading thread has kept what it parsed in the index.
    rest.expect("the rest is pending")
        .wait_all()
        .expect("the rest loads")
        .whole_corpus()
}

fn listing(dir: &Path) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = fs::read_dir(dir)
        .expect("list")
        .map(|e| {
            let e = e.expect("entry");
            let len = e.metadata().expect("metadata").len();
            (e.file_name().to_string_lossy().into_owned(), len)
        })
        .collect();
    v.sort();
    v
}

#[test]
fn a_second_start_reads_the_index_and_parses_only_what_changed() {
    let dir = folder();
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let before = listing(dir.path());
    let once = Corpus::load(dir.path()).expect("loads");

    // The first start parses everything into the folder's index, outside
    // the issues folder; the lookups' index is the same file.
    let first = load_cached(dir.path(), cache_dir.path());
    assert_eq!(export(&first), export(&once));
    assert_eq!(first.warnings, once.warnings);
    let file = index::file_for(cache_dir.path(), dir.path());
    assert!(file.exists(), "no index at {}", file.display());
    assert_eq!(listing(dir.path()), before, "the issues folder was written");
    let mut ix = Index::open(cache_dir.path(), dir.path()).expect("opens");
    assert_eq!(ix.update().expect("updates").parsed, 0, "all indexed");

    // The second start reads the index: the same corpus.
    let second = load_cached(dir.path(), cache_dir.path());
    assert_eq!(export(&second), export(&once));
    assert_eq!(second.warnings, once.warnings);

    // A file changed since: the reader shows it as it is now, and the
    // index holds it (the next look parses nothing).
    let victim = dir.path().join(&once.issues[0].source);
    let text = fs::read_to_string(&victim).expect("read");
    fs::write(
        &victim,
        text.replacen("\n\n", "\n\nNY RAD I NUMRET.\n\n", 1),
    )
    .expect("write");
    let now = Corpus::load(dir.path()).expect("loads");
    assert_ne!(export(&now), export(&once));
    let third = load_cached(dir.path(), cache_dir.path());
    assert_eq!(export(&third), export(&now));
    assert_eq!(
        ix.update().expect("updates").parsed,
        0,
        "the change was kept"
    );
}

#[test]
fn a_damaged_or_foreign_index_is_made_anew() {
    let dir = folder();
    let cache_dir = tempfile::tempdir().expect("temp dir");
    let once = Corpus::load(dir.path()).expect("loads");
    let file = index::file_for(cache_dir.path(), dir.path());
    fs::create_dir_all(file.parent().expect("a parent")).expect("mkdir");
    for junk in [
        &b"\x00\xff not an index"[..],
        b"SQLite format 3\0 but cut short",
        b"",
    ] {
        fs::write(&file, junk).expect("write junk");
        let c = load_cached(dir.path(), cache_dir.path());
        assert_eq!(export(&c), export(&once));
        // The next start finds a whole index: nothing left to parse.
        let again = load_cached(dir.path(), cache_dir.path());
        assert_eq!(export(&again), export(&once));
        let mut ix = Index::open(cache_dir.path(), dir.path()).expect("a whole index");
        assert_eq!(ix.update().expect("updates").parsed, 0);
    }
}

#[test]
fn a_cache_folder_that_cannot_be_written_only_costs_time() {
    let dir = folder();
    let not_a_folder = tempfile::NamedTempFile::new().expect("temp file");
    let c = load_cached(dir.path(), not_a_folder.path());
    assert_eq!(
        export(&c),
        export(&Corpus::load(dir.path()).expect("loads"))
    );
}

#[test]
fn the_issue_list_of_a_large_folder_scrolls_with_the_cursor() {
    let dir = folder();
    let corpus = Corpus::load(dir.path()).expect("loads");
    let words = nyhetsbrev::i18n::reader_words(Lang::Sv);
    let label = |i: usize| {
        let is = &corpus.issues[i];
        format!("▸ {}", words.issue_date(is).expect("dated"))
    };
    let (first, target) = (label(0), label(30));
    let mut h = Harness::with(corpus.clone(), Lang::Sv, 120, 40);
    // The left pane: columns 0..32 of each row.
    let left = |h: &Harness| -> Vec<String> { (0..40).map(|y| h.region(0, 32, y)).collect() };
    assert!(left(&h).iter().any(|l| l.contains(&first)));
    for _ in 0..30 {
        h.key(KeyCode::Char('j'));
    }
    let rows = left(&h);
    // The 31st issue is on screen, the last whole one at the bottom (two
    // lines per issue in a pane of 37 inner rows: rows 35 and 36), and the
    // first is gone.
    let at = rows
        .iter()
        .position(|l| l.contains(&target))
        .unwrap_or_else(|| panic!("{target} not on screen:\n{}", rows.join("\n")));
    assert_eq!(at, 35, "{}", rows.join("\n"));
    assert!(!rows[1].contains(&first), "{}", rows.join("\n"));
    // Back to the top.
    h.key(KeyCode::Char('g'));
    assert!(left(&h)[1].contains(&first));
}

/// The loading thread makes the full-text search's sieve once it has
/// handed the whole folder over, so that the first search in the reader
/// does not wait for it; the hits are those of a search of every issue.
#[test]
fn the_search_is_made_ready_after_the_whole_folder_arrives() {
    let dir = folder();
    let cache = tempfile::tempdir().expect("temp dir");
    for cache in [None, Some(cache.path())] {
        let (_, rest) = Library::load_in_steps(dir.path(), cache).expect("loads");
        let whole = rest
            .expect("the rest is pending")
            .wait_all()
            .expect("the rest loads");
        assert!(whole.search_ready());
        for query in ["vattenförsörjning", "skola", "soffiantini"] {
            let hits = whole.search(query);
            assert!(!hits.is_empty(), "{query}");
            assert_eq!(
                hits,
                search::articles(&whole.whole_corpus(), query),
                "{query}"
            );
        }
    }
}

/// On a start after the first, the reader's library holds the issues the
/// index keeps as heads, without their articles' text, and reads the text
/// from the index when asked: every issue whole is the parsed one, a
/// search finds what a search of the parsed folder finds, and an opened
/// article shows as from the parsed folder.
#[test]
fn a_later_start_reads_article_text_from_the_index_when_asked() {
    let dir = folder();
    let cache = tempfile::tempdir().expect("temp dir");
    let parsed = Library::load(dir.path()).expect("loads");
    load_cached(dir.path(), cache.path());
    let (_, rest) = Library::load_in_steps(dir.path(), Some(cache.path())).expect("loads");
    let heads = rest
        .expect("the rest is pending")
        .wait_all()
        .expect("the rest loads");
    assert_eq!(heads.issues.len(), parsed.issues.len());
    assert!(heads
        .issues
        .iter()
        .flat_map(|is| &is.articles)
        .all(|a| a.blocks.is_empty()));
    assert!(parsed
        .issues
        .iter()
        .flat_map(|is| &is.articles)
        .any(|a| !a.blocks.is_empty()));
    // Another process writing the index meanwhile does not hold the
    // reading up.
    let holder = rusqlite::Connection::open(index::file_for(cache.path(), dir.path()))
        .expect("opens the index");
    holder
        .execute_batch("BEGIN IMMEDIATE; DELETE FROM meta WHERE key = 'nothing';")
        .expect("holds it for writing");
    for (i, issue) in parsed.issues.iter().enumerate() {
        assert_eq!(*heads.whole_issue(i).expect("an issue"), *issue, "{i}");
    }
    assert!(heads.search_ready());
    for query in [
        "vattenförsörjning",
        "skola",
        "soffiantini",
        "\"nära samverkan\"",
        "zzzz",
    ] {
        assert_eq!(heads.search(query), parsed.search(query), "{query}");
    }
    drop(holder);
    // The same article opened by a jump, in a reader of each.
    let screens: Vec<String> = [heads, parsed]
        .into_iter()
        .map(|lib| {
            let mut h = Harness::with(lib, Lang::Sv, 100, 40);
            h.keys("/vattenförsörjning");
            h.key(KeyCode::Enter);
            h.screen()
        })
        .collect();
    assert!(screens[0].contains("vattenförsörjning"), "{}", screens[0]);
    assert_eq!(screens[0], screens[1]);
}

/// A reload of a folder compares issues held as heads with issues held
/// whole by their heads and the hash of their text: the same folder is no
/// change either way, and a change to one article's text alone is that
/// issue changed.
#[test]
fn a_change_to_an_article_s_text_alone_is_an_issue_changed() {
    let dir = folder();
    let cache = tempfile::tempdir().expect("temp dir");
    let parsed = Library::load(dir.path()).expect("loads");
    load_cached(dir.path(), cache.path());
    let heads = Library::load_cached(dir.path(), Some(cache.path())).expect("loads");
    assert!(heads.issues[0].articles.iter().all(|a| a.blocks.is_empty()));
    assert!(parsed.delta_to(&heads).is_empty());
    assert!(heads.delta_to(&parsed).is_empty());
    // One long word of a paragraph, wherever it stands alone.
    let issue = &parsed.issues[0];
    let word = issue.articles[0]
        .blocks
        .iter()
        .find_map(|b| match b {
            nyhetsbrev::corpus::Block::Paragraph(p) => p
                .split_whitespace()
                .find(|w| w.len() >= 8 && w.chars().all(char::is_alphabetic)),
            _ => None,
        })
        .expect("a paragraph")
        .to_string();
    let path = dir.path().join(&issue.source);
    let text = fs::read_to_string(&path).expect("read");
    let changed = text.replace(&format!(" {word} "), " ORDET ");
    assert_ne!(changed, text);
    fs::write(&path, changed).expect("write");
    let after = Library::load_cached(dir.path(), Some(cache.path())).expect("loads");
    let delta = heads.delta_to(&after);
    assert_eq!(delta.changed, vec![issue.id.clone()], "{delta:?}");
    assert!(
        delta.added.is_empty() && delta.removed.is_empty(),
        "{delta:?}"
    );
    let at = after
        .issues
        .iter()
        .position(|i| i.id == issue.id)
        .expect("still there");
    let whole = after.whole_issue(at).expect("an issue");
    let found = whole.articles.iter().any(|a| a.body().contains("ORDET"));
    assert!(found, "{word} {at} {}", whole.title);
}
