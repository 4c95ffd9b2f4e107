//! Text is cleaned where it enters, reads are bounded, and nothing is
//! lost silently: hostile folders built at test time, each loaded under a
//! time limit (a read that blocks fails the test instead of hanging it).

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use nyhetsbrev::corpus::{Corpus, WarningKind};

/// Load a folder on a thread; fail when it takes more than 20 seconds.
fn load_within_limit(dir: &Path) -> Corpus {
    let dir = dir.to_path_buf();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(Corpus::load(&dir).unwrap());
    });
    rx.recv_timeout(Duration::from_secs(20))
        .expect("loading the folder hung")
}

const TEXT: &str = "Senaste nytt från Storsthlm\n\nVattenforum 20 år\n\nForumet samlar kommunerna kring vattenfrågor sedan tjugo år.\n";

fn warned(corpus: &Corpus, source: &str, kind: WarningKind) -> bool {
    corpus
        .warnings
        .iter()
        .any(|w| w.source == source && w.kind == kind)
}

#[cfg(unix)]
#[test]
fn fifos_devices_and_folders_named_like_issues_are_named_not_read() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("bra.txt"), TEXT).unwrap();
    let fifo = dir.path().join("rör.txt");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    std::os::unix::fs::symlink("/dev/zero", dir.path().join("noll.txt")).unwrap();
    std::fs::create_dir(dir.path().join("mapp.txt")).unwrap();
    let corpus = load_within_limit(dir.path());
    assert_eq!(corpus.issues.len(), 1);
    for name in ["rör.txt", "noll.txt", "mapp.txt"] {
        assert!(
            warned(&corpus, name, WarningKind::Unreadable),
            "{name}: {:#?}",
            corpus.warnings
        );
    }
}

#[cfg(unix)]
#[test]
fn a_file_replaced_by_a_fifo_after_listing_does_not_hang() {
    use nyhetsbrev::corpus::read::list_dir;
    use nyhetsbrev::corpus::sources::read_entry;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("snart-rör.txt");
    std::fs::write(&path, TEXT).unwrap();
    let (entries, _) = list_dir(dir.path()).unwrap();
    std::fs::remove_file(&path).unwrap();
    assert!(std::process::Command::new("mkfifo")
        .arg(&path)
        .status()
        .unwrap()
        .success());
    let entry = entries[0].clone();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(read_entry(&entry));
    });
    let read = rx
        .recv_timeout(Duration::from_secs(20))
        .expect("reading a FIFO hung");
    assert!(read.documents.is_empty());
    assert!(
        read.warnings[0].detail.contains("FIFO"),
        "{:?}",
        read.warnings
    );
    // A file that vanished after listing is named too.
    std::fs::remove_file(&path).unwrap();
    let gone = read_entry(&entries[0]);
    assert_eq!(gone.warnings[0].source, "snart-rör.txt");
}

#[test]
fn two_files_with_the_same_id_both_load_and_check_says_so() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), TEXT).unwrap();
    std::fs::write(
        dir.path().join("a.TXT"),
        TEXT.replace("Vattenforum", "Klimatforum"),
    )
    .unwrap();
    let corpus = load_within_limit(dir.path());
    let mut ids: Vec<&str> = corpus.issues.iter().map(|i| i.id.as_str()).collect();
    ids.sort();
    assert_eq!(ids, ["a", "a~2"]);
    assert!(
        warned(&corpus, "a.txt", WarningKind::DuplicateId),
        "{:#?}",
        corpus.warnings
    );
}

#[cfg(unix)]
#[test]
fn names_differing_in_invalid_bytes_stay_two_and_print_safely() {
    use std::os::unix::ffi::OsStrExt;
    let dir = tempfile::tempdir().unwrap();
    for raw in [
        &b"n\xff.txt"[..],
        b"n\xfe.txt",
        b"t\x1b]52;c;SGk=\x07itel\n.txt",
    ] {
        std::fs::write(dir.path().join(std::ffi::OsStr::from_bytes(raw)), TEXT).unwrap();
    }
    let corpus = load_within_limit(dir.path());
    let mut sources: Vec<&str> = corpus.issues.iter().map(|i| i.source.as_str()).collect();
    sources.sort();
    // Names are data, kept exactly (undecodable bytes as \xNN) so `check`
    // and `read` name the very file; outputs quote them (tests/hostile.rs).
    assert_eq!(
        sources,
        [
            "n\\xFE.txt",
            "n\\xFF.txt",
            "t\u{1b}]52;c;SGk=\u{7}itel\n.txt"
        ]
    );
    for s in &sources {
        let shown = nyhetsbrev::sanitize::show_name(s);
        assert!(!shown.chars().any(char::is_control), "{shown}");
    }
    let ids: std::collections::HashSet<&str> =
        corpus.issues.iter().map(|i| i.id.as_str()).collect();
    assert_eq!(ids.len(), 3);
}

#[test]
fn escape_sequences_and_format_characters_never_enter_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "Senaste nytt från Storsthlm\n\nVatten\u{1b}]52;c;SGk=\u{7}forum \u{9b}2J20 år\u{200b}\u{202e}\n\n\
                Forumet samlar\u{2028}kommunerna\u{feff} kring \u{1b}[31mvatten\u{1b}[0m sedan \u{e0041}tjugo år.\n"
        .to_string()
        + &"Kommunerna i länet samverkar kring vatten, avlopp och klimatanpassning. ".repeat(20);
    std::fs::write(dir.path().join("ond.txt"), &evil).unwrap();
    std::fs::write(
        dir.path().join("hand.ron"),
        "(source: \"x\u{1b}[2J.txt\", kind: newsletter, date: \"2024-01-01\", title: \"T\u{1b}]8;;http://x\u{7}itel\u{200f}\", articles: [(title: \"A\u{9d}0;x\u{9c}rt\", body: \"B\u{2066}ody\")])\n// "
            .to_string()
            + &"En kommentar som gör filen till text. ".repeat(20),
    )
    .unwrap();
    let corpus = load_within_limit(dir.path());
    assert_eq!(corpus.issues.len(), 2, "{:#?}", corpus.warnings);
    let json = serde_json::to_string(&corpus).unwrap();
    let bad = |c: char| {
        (c < ' ' && c != '\n' && c != '\t')
            || ('\u{7f}'..='\u{9f}').contains(&c)
            || matches!(c, '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{2069}' | '\u{feff}' | '\u{e0000}'..='\u{e007f}')
    };
    let text: String = serde_json::from_str::<serde_json::Value>(&json)
        .unwrap()
        .to_string();
    for issue in &corpus.issues {
        let all = serde_json::to_string(issue).unwrap();
        let value: serde_json::Value = serde_json::from_str(&all).unwrap();
        let mut strings = Vec::new();
        collect(&value, &mut strings);
        for s in strings {
            assert!(!s.chars().any(bad), "{s:?}");
            for residue in ["]52;", "SGk=", "[31m", "[2J", "]8;;", "0;x"] {
                assert!(!s.contains(residue), "{s:?} keeps {residue}");
            }
        }
    }
    assert!(text.contains("Vattenforum 20 år"), "{text}");
    assert!(text.contains("Titel"), "{text}");
}

fn collect(v: &serde_json::Value, out: &mut Vec<String>) {
    match v {
        serde_json::Value::String(s) => out.push(s.clone()),
        serde_json::Value::Array(a) => a.iter().for_each(|x| collect(x, out)),
        serde_json::Value::Object(o) => o.values().for_each(|x| collect(x, out)),
        _ => {}
    }
}
