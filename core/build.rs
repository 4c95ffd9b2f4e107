//! Compiles the bundled `issues/` folder into the binary, so an installed
//! reader works anywhere (see `Corpus::embedded`), and fingerprints the
//! parser for the index of parsed files.

use std::env;
use std::fmt::Write as _;
use std::fs;
use std::path::Path;

fn main() {
    let manifest = env::var("CARGO_MANIFEST_DIR").expect("cargo sets CARGO_MANIFEST_DIR");
    // The bundled folder stands at the top of the workspace.
    let dir = Path::new(&manifest).join("..").join("issues");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut names: Vec<String> = fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".txt") || n.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    let mut out = String::from("/// (file name, bytes) of every bundled issue file.\npub static FILES: &[(&str, &[u8])] = &[\n");
    for n in &names {
        let path = dir.join(n);
        println!("cargo:rerun-if-changed={}", path.display());
        writeln!(
            out,
            "    ({n:?}, include_bytes!({:?})),",
            path.display().to_string()
        )
        .expect("writing to a String cannot fail");
    }
    out.push_str("];\n");
    let dest =
        Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("embedded_issues.rs");
    fs::write(dest, out).expect("cannot write embedded_issues.rs");
    parser_hash(Path::new(&manifest));
}

/// A fingerprint of the core's source (everything under `core/src/`),
/// so that an index of parsed files written by another parser is not used
/// (see `core/src/index.rs`).
fn parser_hash(manifest: &Path) {
    use std::hash::{Hash, Hasher};
    let dir = manifest.join("src");
    println!("cargo:rerun-if-changed={}", dir.display());
    // The files of `src/` and of its folders (`src/sources/`).
    let list = |d: &Path| -> Vec<std::path::PathBuf> {
        fs::read_dir(d)
            .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    let mut files: Vec<_> = Vec::new();
    for p in list(&dir) {
        if p.is_dir() {
            println!("cargo:rerun-if-changed={}", p.display());
            files.extend(list(&p));
        } else {
            files.push(p);
        }
    }
    files.sort();
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for f in &files {
        println!("cargo:rerun-if-changed={}", f.display());
        f.file_name().hash(&mut h);
        fs::read(f).unwrap_or_default().hash(&mut h);
    }
    println!("cargo:rustc-env=NYHETSBREV_PARSER_HASH={:016x}", h.finish());
}
