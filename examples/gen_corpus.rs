//! Generate a synthetic corpus of realistic issues for benchmarks and tests:
//!
//! ```text
//! cargo run --release --example gen_corpus -- --issues 2000 --out /tmp/corpus-2000
//! ```
//!
//! Options: `--issues N` (default 200), `--out DIR` (required), `--seed S`
//! (default 2025). The output is deterministic for a given seed and count.

#[path = "../benches/support/gen.rs"]
mod gen;

use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut issues = 200usize;
    let mut out: Option<PathBuf> = None;
    let mut seed = gen::SEED;
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        let value = args.next();
        let ok = match (a.as_str(), value) {
            ("--issues", Some(v)) => v.parse().map(|n| issues = n).is_ok(),
            ("--seed", Some(v)) => v.parse().map(|s| seed = s).is_ok(),
            ("--out", Some(v)) => {
                out = Some(PathBuf::from(v));
                true
            }
            _ => false,
        };
        if !ok {
            eprintln!("usage: gen_corpus --issues N --out DIR [--seed S]");
            return ExitCode::from(2);
        }
    }
    let Some(out) = out else {
        eprintln!("usage: gen_corpus --issues N --out DIR [--seed S]");
        return ExitCode::from(2);
    };
    match gen::write_corpus(&out, seed, issues) {
        Ok(bytes) => {
            eprintln!(
                "{issues} issues, {:.1} MB, in {}",
                bytes as f64 / 1e6,
                out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("cannot write {}: {e}", out.display());
            ExitCode::FAILURE
        }
    }
}
