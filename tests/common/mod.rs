//! Shared helpers for the integration tests.

#![allow(dead_code)]

pub mod golden;

use std::path::{Path, PathBuf};

/// The bundled issues folder.
pub fn issues_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("issues")
}

/// The bundled corpus files as (name, text).
pub fn corpus_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(issues_dir()).unwrap() {
        let p = e.unwrap().path();
        if p.extension().is_some_and(|x| x == "txt") {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            out.push((name, std::fs::read_to_string(&p).unwrap()));
        }
    }
    out.sort();
    out
}
