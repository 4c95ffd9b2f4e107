//! The lookups answered from the folder's index print exactly what they
//! print from a fresh parse (`--no-index`), on the bundled corpus and on a
//! generated one; and an index that cannot be used (damaged, truncated, in
//! a place that cannot be written, held by another process) or that several
//! processes update at once never makes them print anything else.

#[path = "../benches/support/gen.rs"]
mod gen;

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// Every lookup the index answers, in the shapes users and scripts ask.
const LOOKUPS: &[&[&str]] = &[
    &["list"],
    &["list", "--json"],
    &["contacts"],
    &["contacts", "soffiantini"],
    &["contacts", "gymnasie", "--json"],
    &["contacts", "--format", "mutt"],
    &["contacts", "gymnasie", "--format", "vcard"],
    &["contacts", "vinterqvist"],
    &["meetings", "--all"],
    &["meetings", "--from", "2025-10-01", "--to", "2025-12-31"],
    &["meetings", "--all", "--json"],
    &["meetings", "--from", "2020-01-01", "--ics", "-"],
    &["meetings", "--from", "2031-01-01"],
    &["search", "vattenförsörjning"],
    &["search", "styrelse", "--json"],
    &["search", "\"psykisk hälsa\""],
    &["search", "zzzxq"],
    &["search", "halsa"],
    &["search", "planerna"],
    &["search", "nu"],
    &["search", "kommun"],
    &["jump", "so"],
    &["jump", "--candidates"],
    &["jump", "--candidates", "--json"],
    &["read", "2025"],
    &["read", "2025", "3"],
    &["read", "2020-11", "--json"],
    &["read", "2023"],
    &["read", "1999"],
    &["read", "000_037f82204c935e9e", "2"],
];

fn bundled() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("issues")
}

/// `nyhetsbrev --issues DIR --today 2025-10-01 ARGS…` with its cache folder
/// in `cache` (None: `--no-index`, a fresh parse).
fn run(dir: &Path, cache: Option<&Path>, args: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_nyhetsbrev"));
    cmd.arg("--issues")
        .arg(dir)
        .args(["--today", "2025-10-01"])
        .args(cache.is_none().then_some("--no-index"))
        .args(args)
        .env_remove("NYHETSBREV_ISSUES")
        .env_remove("NYHETSBREV_NO_INDEX")
        .env_remove("NO_COLOR")
        .env(
            "XDG_CONFIG_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"),
        )
        .stdin(Stdio::null());
    match cache {
        Some(c) => cmd.env("XDG_CACHE_HOME", c),
        None => cmd.env(
            "XDG_CACHE_HOME",
            concat!(env!("CARGO_TARGET_TMPDIR"), "/unused-cache"),
        ),
    };
    cmd.output().expect("the binary runs")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// Every lookup from the index gives the fresh parse's stdout, stderr and
/// exit status. `note`: whether stderr must (or must not) in addition say,
/// once, that the index could not be used or updated; None: it may.
fn same_as_fresh(dir: &Path, cache: &Path, note: Option<bool>) {
    for args in LOOKUPS {
        let fresh = run(dir, None, args);
        let indexed = run(dir, Some(cache), args);
        assert_eq!(text(&indexed.stdout), text(&fresh.stdout), "{args:?}");
        assert_eq!(indexed.status.code(), fresh.status.code(), "{args:?}");
        let err = text(&indexed.stderr);
        let notes: Vec<&str> = err.lines().filter(|l| l.contains("index")).collect();
        let rest: Vec<&str> = err.lines().filter(|l| !l.contains("index")).collect();
        assert_eq!(rest.join("\n"), text(&fresh.stderr).trim_end(), "{args:?}");
        match note {
            Some(true) => assert_eq!(notes.len(), 1, "{args:?}: {err}"),
            Some(false) => assert!(notes.is_empty(), "{args:?}: {err}"),
            None => assert!(notes.len() <= 1, "{args:?}: {err}"),
        }
    }
}

/// The one index file made in a cache folder.
fn index_file(cache: &Path) -> PathBuf {
    let dir = cache.join("nyhetsbrev");
    let found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("the cache folder was made")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "sqlite"))
        .collect();
    assert_eq!(found.len(), 1, "{found:?}");
    found[0].clone()
}

#[test]
fn lookups_from_the_index_print_what_a_fresh_parse_prints() {
    let cache = tempfile::tempdir().expect("temp dir");
    // The first run builds the index, the second only reads it.
    same_as_fresh(&bundled(), cache.path(), Some(false));
    same_as_fresh(&bundled(), cache.path(), Some(false));
    assert!(index_file(cache.path()).exists());
}

#[test]
fn lookups_on_a_generated_corpus_match_a_fresh_parse() {
    let dir = tempfile::tempdir().expect("temp dir");
    gen::write_corpus(dir.path(), gen::SEED, 60).expect("write the corpus");
    let cache = tempfile::tempdir().expect("temp dir");
    same_as_fresh(dir.path(), cache.path(), Some(false));
    // A file changed, one added, one removed: the next lookups see it.
    let names: Vec<PathBuf> = {
        let mut v: Vec<PathBuf> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        v.sort();
        v
    };
    let first = std::fs::read_to_string(&names[0]).unwrap();
    std::fs::write(
        &names[0],
        first.replace("Storsthlm", "Storstockholm").replacen(
            "\n\n",
            "\n\nKontakt: Ebba Vinterqvist, ebba.vinterqvist@storsthlm.se\n\n",
            1,
        ),
    )
    .unwrap();
    std::fs::copy(&names[1], dir.path().join("zz_copy.txt")).unwrap();
    std::fs::remove_file(&names[2]).unwrap();
    same_as_fresh(dir.path(), cache.path(), Some(false));
}

#[test]
fn a_damaged_or_truncated_index_falls_back_to_parsing() {
    let cache = tempfile::tempdir().expect("temp dir");
    let dir = bundled();
    let list = run(&dir, Some(cache.path()), &["list"]);
    assert!(list.status.success());
    let file = index_file(cache.path());
    // Cut short: half the file.
    let bytes = std::fs::read(&file).unwrap();
    for name in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{name}", file.display()));
    }
    std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    // The first lookup that reads a missing part says so; then the index
    // is made again.
    same_as_fresh(&dir, cache.path(), None);
    let again = run(&dir, Some(cache.path()), &["list"]);
    assert_eq!(text(&again.stderr), "");
    // Not a database at all: said once, then made again.
    std::fs::write(&file, b"nyhetsbrev index? no: random bytes ".repeat(500)).unwrap();
    let first = run(&dir, Some(cache.path()), &["list"]);
    assert_eq!(text(&first.stdout), text(&list.stdout));
    assert_eq!(
        text(&first.stderr).lines().count(),
        1,
        "{}",
        text(&first.stderr)
    );
    same_as_fresh(&dir, cache.path(), Some(false));
}

#[test]
fn an_index_that_cannot_be_made_falls_back_to_parsing() {
    // The cache "folder" is a file: no index can be made there.
    let cache = tempfile::tempdir().expect("temp dir");
    std::fs::write(cache.path().join("nyhetsbrev"), b"a file").unwrap();
    same_as_fresh(&bundled(), cache.path(), Some(true));
}

#[test]
fn an_index_held_by_another_process_still_gives_the_right_answer() {
    let dir = tempfile::tempdir().expect("temp dir");
    gen::write_corpus(dir.path(), gen::SEED, 12).expect("write the corpus");
    let cache = tempfile::tempdir().expect("temp dir");
    assert!(run(dir.path(), Some(cache.path()), &["list"])
        .status
        .success());
    let file = index_file(cache.path());
    // Another process holds the index for writing; meanwhile an issue is
    // added, which the lookups must show though they cannot store it.
    let holder = rusqlite::Connection::open(&file).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE;").unwrap();
    std::fs::copy(
        bundled().join(
            std::fs::read_dir(bundled())
                .unwrap()
                .map(|e| e.unwrap().file_name())
                .find(|n| n.to_string_lossy().ends_with(".txt"))
                .unwrap(),
        ),
        dir.path().join("real.txt"),
    )
    .unwrap();
    for args in [
        &["list"][..],
        &["contacts", "--json"],
        &["meetings", "--all"],
    ] {
        let fresh = run(dir.path(), None, args);
        let indexed = run(dir.path(), Some(cache.path()), args);
        assert_eq!(text(&indexed.stdout), text(&fresh.stdout), "{args:?}");
        assert!(text(&indexed.stderr).contains("index"), "{args:?}");
    }
    holder.execute_batch("ROLLBACK;").unwrap();
    drop(holder);
    // Free again: the index takes the new issue, and says nothing.
    same_as_fresh(dir.path(), cache.path(), Some(false));
}

#[test]
fn processes_updating_one_index_at_once_leave_it_consistent() {
    let dir = tempfile::tempdir().expect("temp dir");
    gen::write_corpus(dir.path(), gen::SEED, 80).expect("write the corpus");
    let cache = tempfile::tempdir().expect("temp dir");
    let fresh = text(&run(dir.path(), None, &["list", "--json"]).stdout);
    let spawn = || {
        Command::new(env!("CARGO_BIN_EXE_nyhetsbrev"))
            .arg("--issues")
            .arg(dir.path())
            .args(["list", "--json"])
            .env_remove("NYHETSBREV_NO_INDEX")
            .env("XDG_CACHE_HOME", cache.path())
            .env(
                "XDG_CONFIG_HOME",
                concat!(env!("CARGO_TARGET_TMPDIR"), "/no-config"),
            )
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary starts")
    };
    // Four processes build the index from nothing at the same time.
    let children: Vec<_> = (0..4).map(|_| spawn()).collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", text(&out.stderr));
        assert_eq!(text(&out.stdout), fresh);
    }
    // What they left is whole: every lookup matches a fresh parse.
    same_as_fresh(dir.path(), cache.path(), Some(false));
}
