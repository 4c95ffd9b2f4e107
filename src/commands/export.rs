//! `nyhetsbrev export --format json|ron`: the whole corpus.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use crate::cli::ExportFormat;
use crate::corpus::Corpus;

/// The corpus as JSON (the documented public schema). Text values are
/// cleaned of control sequences; file names and ids are kept exact
/// (JSON-escaped).
pub fn to_json(corpus: &Corpus) -> Result<String> {
    let json =
        serde_json::to_string_pretty(corpus).context("cannot serialise the corpus as JSON")?;
    Ok(crate::sanitize::clean_json(&json, super::lookup::NAME_KEYS).into_owned())
}

/// The corpus as RON: the same schema a hand-written `.ron` issue uses,
/// cleaned as [`to_json`] is.
pub fn to_ron(corpus: &Corpus) -> Result<String> {
    let cfg = ron::ser::PrettyConfig::new().struct_names(false);
    let ron =
        ron::ser::to_string_pretty(corpus, cfg).context("cannot serialise the corpus as RON")?;
    Ok(crate::sanitize::clean_ron(&ron, super::lookup::NAME_KEYS).into_owned())
}

pub fn run(corpus: &Corpus, format: ExportFormat) -> Result<ExitCode> {
    let text = match format {
        ExportFormat::Json => to_json(corpus)?,
        ExportFormat::Ron => to_ron(corpus)?,
    };
    let mut out = std::io::stdout().lock();
    match writeln!(out, "{text}").and_then(|_| out.flush()) {
        // A closed pipe (`export | head`) is not an error.
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(e).context("cannot write to standard output")?
        }
        _ => {}
    }
    Ok(ExitCode::SUCCESS)
}
