//! Generated corpora for the benches, written once under
//! `target/bench-corpus/<N>` and reused (the generator is deterministic).

#![allow(dead_code)]

use std::path::PathBuf;

use super::gen;

/// The corpus sizes to bench: `NYHETSBREV_BENCH_SIZES` (comma-separated),
/// else 200, 2,000 and 20,000 issues.
pub fn sizes() -> Vec<usize> {
    std::env::var("NYHETSBREV_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|n| n.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![200, 2_000, 20_000])
}

/// The folder of a generated corpus of `n` issues, written if missing.
pub fn dir(n: usize) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("target")
        .join("bench-corpus")
        .join(n.to_string());
    let marker = dir.join("complete.mark");
    if !marker.exists() {
        let _ = std::fs::remove_dir_all(&dir);
        gen::write_corpus(&dir, gen::SEED, n).expect("write the bench corpus");
        std::fs::write(&marker, b"").expect("write the marker");
    }
    dir
}

/// Bytes of the `*.txt` files in a folder (the corpus size on disk).
pub fn bytes_on_disk(dir: &std::path::Path) -> u64 {
    std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter(|e| e.path().extension().is_some_and(|x| x == "txt"))
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0)
}

/// The query typed one letter at a time in the jump benches.
pub const QUERY: &str = "soffiantini";

/// `s`, `so`, `sof`, … `soffiantini`.
pub fn prefixes() -> Vec<String> {
    (1..=QUERY.len()).map(|k| QUERY[..k].to_string()).collect()
}
