//! The folder's index (`corpus::index`): it gives the corpus a fresh parse
//! gives, parses only what changed (new, changed, removed files; a rewrite
//! of the same size within the same second), and two updaters at once
//! leave it whole.

#[path = "../benches/support/gen.rs"]
mod gen;

use std::path::Path;
use std::time::{Duration, SystemTime};

use nyhetsbrev::corpus::index::{Index, Want};
use nyhetsbrev::corpus::{Corpus, Library};

/// Everything a lookup could print of a corpus: the export (issues,
/// people, topics) and the warnings.
fn shown(corpus: &Corpus) -> String {
    format!(
        "{}\n{:?}\n{}",
        serde_json::to_string(corpus).expect("serialises"),
        corpus.warnings,
        corpus.files_read
    )
}

fn full(index: &Index) -> Library {
    index.library(&Want::Full).expect("the index answers")
}

fn bundled() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("issues")
}

/// The folders the index is compared with a fresh parse on: the bundled
/// corpus and 40 generated issues (kept while the folder lives).
fn compared_folders() -> (tempfile::TempDir, [std::path::PathBuf; 2]) {
    let generated = tempfile::tempdir().unwrap();
    gen::write_corpus(generated.path(), gen::SEED, 40).unwrap();
    let dirs = [bundled(), generated.path().to_path_buf()];
    (generated, dirs)
}

#[test]
fn the_index_gives_what_a_fresh_parse_gives() {
    let (_generated, dirs) = compared_folders();
    for dir in dirs.iter().map(|d| d.as_path()) {
        let cache = tempfile::tempdir().unwrap();
        let fresh = Corpus::load(dir).unwrap();
        let mut index = Index::open(cache.path(), dir).unwrap();
        let built = index.update().unwrap();
        assert_eq!(built.parsed, built.files);
        assert_eq!(shown(&full(&index)), shown(&fresh));
        // Opened again: nothing parsed, the same corpus.
        let mut again = Index::open(cache.path(), dir).unwrap();
        let second = again.update().unwrap();
        assert_eq!(second.parsed, 0, "{second:?}");
        assert_eq!(shown(&full(&again)), shown(&fresh));
        // The heads: the same issues, people, topics and meetings.
        let heads = again.library(&Want::Heads).unwrap();
        assert_eq!(heads.people, fresh.people);
        assert_eq!(
            serde_json::to_string(&heads.topics).unwrap(),
            serde_json::to_string(&fresh.topics).unwrap()
        );
        let ids = |c: &Corpus| -> Vec<(String, usize, usize)> {
            c.issues
                .iter()
                .map(|i| (i.source.clone(), i.articles.len(), i.meetings.len()))
                .collect()
        };
        assert_eq!(ids(&heads), ids(&fresh));
        assert_eq!(heads.corpus().all_meetings(), fresh.all_meetings());
    }
}

/// Write `n` generated issues into `dir`: their paths, sorted.
fn generated_files(dir: &Path, n: usize) -> Vec<std::path::PathBuf> {
    gen::write_corpus(dir, gen::SEED, n).unwrap();
    let mut names: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    names.sort();
    names
}

/// Set a file's modification time.
fn set_mtime(path: &Path, t: SystemTime) {
    let f = std::fs::OpenOptions::new().write(true).open(path).unwrap();
    f.set_modified(t).unwrap();
}

#[test]
fn changed_added_and_removed_files_are_picked_up_and_only_they_are_parsed() {
    let dir = tempfile::tempdir().unwrap();
    let names = generated_files(dir.path(), 20);
    // Files written an hour ago: trusted by their stamp alone.
    let old = SystemTime::now() - Duration::from_secs(3600);
    for n in &names {
        set_mtime(n, old);
    }
    let cache = tempfile::tempdir().unwrap();
    let mut index = Index::open(cache.path(), dir.path()).unwrap();
    index.update().unwrap();
    let quiet = index.update().unwrap();
    assert_eq!((quiet.hashed, quiet.parsed), (0, 0), "{quiet:?}");

    let text = std::fs::read_to_string(&names[0]).unwrap();
    std::fs::write(&names[0], text.replace("Storsthlm", "Storstockholm")).unwrap();
    std::fs::copy(&names[1], dir.path().join("zz_new.txt")).unwrap();
    std::fs::remove_file(&names[2]).unwrap();
    // Touched only: hashed, not parsed.
    set_mtime(&names[3], SystemTime::now());
    let up = index.update().unwrap();
    assert_eq!(up.parsed, 2, "{up:?}");
    assert_eq!(up.removed, 1, "{up:?}");
    assert_eq!(up.hashed, 3, "{up:?}");
    assert_eq!(
        shown(&full(&index)),
        shown(&Corpus::load(dir.path()).unwrap())
    );
}

#[test]
fn a_same_size_rewrite_within_the_same_second_is_picked_up() {
    let dir = tempfile::tempdir().unwrap();
    let cache = tempfile::tempdir().unwrap();
    let file = dir.path().join("2025-01-15.txt");
    let body = |word: &str| {
        format!(
            "Datum: 2025-01-15\n\nSenaste nytt\n\nEtt möte om {word}\n\n\
             Styrelsen träffas för att tala om {word} i länet.\n"
        )
    };
    std::fs::write(&file, body("vatten")).unwrap();
    let stamp = std::fs::metadata(&file).unwrap().modified().unwrap();
    let mut index = Index::open(cache.path(), dir.path()).unwrap();
    index.update().unwrap();
    // The same size, the same modification time: only the content differs.
    std::fs::write(&file, body("skola!")).unwrap();
    set_mtime(&file, stamp);
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), stamp);
    let up = index.update().unwrap();
    assert_eq!(up.parsed, 1, "{up:?}");
    let lib = full(&index);
    assert!(lib.issues[0].articles[0].body().contains("skola!"));
    assert_eq!(shown(&lib), shown(&Corpus::load(dir.path()).unwrap()));
}

#[test]
fn an_index_of_another_folder_is_not_used_for_this_one() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    gen::write_corpus(a.path(), gen::SEED, 6).unwrap();
    gen::write_corpus(b.path(), gen::SEED + 1, 6).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let db = cache.path().join("shared.sqlite");
    let mut ia = Index::open_at(&db, a.path()).unwrap();
    ia.update().unwrap();
    drop(ia);
    // The same file opened for folder b: emptied and built for b.
    let mut ib = Index::open_at(&db, b.path()).unwrap();
    let up = ib.update().unwrap();
    assert_eq!(up.parsed, up.files);
    assert_eq!(shown(&full(&ib)), shown(&Corpus::load(b.path()).unwrap()));
}

#[test]
fn two_updaters_at_once_leave_the_index_whole() {
    let dir = tempfile::tempdir().unwrap();
    gen::write_corpus(dir.path(), gen::SEED, 60).unwrap();
    let cache = tempfile::tempdir().unwrap();
    let fresh = shown(&Corpus::load(dir.path()).unwrap());
    std::thread::scope(|s| {
        let handles: Vec<_> = (0..3)
            .map(|_| {
                s.spawn(|| {
                    let mut index = Index::open(cache.path(), dir.path()).unwrap();
                    index.update().unwrap();
                    shown(&full(&index))
                })
            })
            .collect();
        for h in handles {
            assert_eq!(h.join().unwrap(), fresh);
        }
    });
    let mut index = Index::open(cache.path(), dir.path()).unwrap();
    let up = index.update().unwrap();
    assert_eq!(up.parsed, 0, "{up:?}");
    assert_eq!(shown(&full(&index)), fresh);
}

/// `contacts QUERY` reads from the kept book only the people the query
/// finds: they rank and read as in the book made from a fresh parse.
#[test]
fn a_book_read_for_a_query_finds_and_shows_its_people_as_a_fresh_one() {
    use nyhetsbrev::corpus::contacts::Book;
    let (_generated, dirs) = compared_folders();
    for dir in dirs.iter().map(|d| d.as_path()) {
        let cache = tempfile::tempdir().unwrap();
        let fresh = Book::new(&Library::load(dir).unwrap());
        let mut index = Index::open(cache.path(), dir).unwrap();
        index.update().unwrap();
        // The first asks make the book; the second ones read it.
        for _ in 0..2 {
            assert_eq!(index.book(None).unwrap(), fresh);
            for query in ["soffiantini", "gymnasie", "karin", "direktör", "zzzz", "  "] {
                let read = index.book(Some(query)).unwrap();
                let ranked = read.search(query);
                assert_eq!(ranked, fresh.search(query), "{query}");
                for r in &ranked {
                    assert_eq!(read.people[r.person], fresh.people[r.person], "{query}");
                }
                assert_eq!(read.issues, fresh.issues);
            }
        }
    }
}

/// After each change to the folder, the contacts book the index keeps and
/// patches (only the people a changed file names are merged again) is the
/// book a fresh parse makes: a person renamed in one issue, a role
/// changed, an issue added and one removed, a hand-written issue taking
/// the place of a parsed one of its id (and leaving), and most files gone.
#[test]
fn the_kept_book_follows_every_change_as_a_fresh_one() {
    use nyhetsbrev::corpus::contacts::Book;
    let dir = tempfile::tempdir().unwrap();
    let names = generated_files(dir.path(), 30);
    let cache = tempfile::tempdir().unwrap();
    let mut index = Index::open(cache.path(), dir.path()).unwrap();
    let mut check = |what: &str| {
        index.update().unwrap();
        let fresh = Book::new(&Library::load(dir.path()).unwrap());
        // A query first (the patch for a query), then the whole book,
        // then a query on the book as kept.
        for (i, query) in [Some("karin"), None, Some("direktör"), Some("zetterlund")]
            .into_iter()
            .enumerate()
        {
            let read = index.book(query).unwrap();
            assert_eq!(read.directory, fresh.directory, "{what} {i}");
            assert_eq!(read.issues, fresh.issues, "{what} {i}");
            match query {
                None => assert_eq!(read.people, fresh.people, "{what}"),
                Some(q) => {
                    let ranked = read.search(q);
                    assert_eq!(ranked, fresh.search(q), "{what} {q}");
                    for r in &ranked {
                        assert_eq!(read.people[r.person], fresh.people[r.person], "{what} {q}");
                    }
                }
            }
        }
        fresh
    };
    let first = check("built");
    assert!(first.people.len() > 5, "{}", first.people.len());
    // The person named in most issues, renamed in the first of them.
    let most = first
        .people
        .iter()
        .max_by_key(|p| p.issues.len())
        .unwrap()
        .clone();
    let file = dir.path().join(most.issues[0].split('#').next().unwrap());
    let text = std::fs::read_to_string(&file).unwrap();
    std::fs::write(&file, text.replace(&most.name, "Åke Zetterlund")).unwrap();
    let renamed = check("renamed");
    assert!(renamed.people.iter().any(|p| p.name == "Åke Zetterlund"));
    let text = std::fs::read_to_string(&names[3]).unwrap();
    std::fs::write(&names[3], text.replace(", ", ", direktör för ")).unwrap();
    check("role");
    std::fs::copy(&names[1], dir.path().join("zz_new.txt")).unwrap();
    check("added");
    std::fs::remove_file(&names[2]).unwrap();
    check("removed");
    // A hand-written issue of the id of a parsed one replaces it.
    let corpus = Corpus::load(dir.path()).unwrap();
    let mut issue = corpus
        .issues
        .iter()
        .find(|i| i.source == names[5].file_name().unwrap().to_str().unwrap())
        .unwrap()
        .clone();
    for a in &mut issue.articles {
        a.people.clear();
        a.contacts.clear();
    }
    let ron = ron::ser::to_string_pretty(&issue, ron::ser::PrettyConfig::new()).unwrap();
    std::fs::write(dir.path().join("hand.ron"), ron).unwrap();
    check("replaced");
    std::fs::remove_file(dir.path().join("hand.ron")).unwrap();
    check("restored");
    for n in names.iter().skip(3) {
        std::fs::remove_file(n).unwrap();
    }
    check("most gone");
}
