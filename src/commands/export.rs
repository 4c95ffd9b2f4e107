//! `nyhetsbrev export --format json|ron`: the whole corpus.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use crate::cli::ExportFormat;
use crate::corpus::Corpus;

/// The corpus as JSON (the documented public schema).
pub fn to_json(corpus: &Corpus) -> Result<String> {
    let json =
        serde_json::to_string_pretty(corpus).context("cannot serialise the corpus as JSON")?;
    Ok(crate::sanitize::json_escape_unsafe(&json).into_owned())
}

/// The corpus as RON: the same schema a hand-written `.ron` issue uses.
pub fn to_ron(corpus: &Corpus) -> Result<String> {
    let cfg = ron::ser::PrettyConfig::new().struct_names(false);
    ron::ser::to_string_pretty(corpus, cfg).context("cannot serialise the corpus as RON")
}

pub fn run(corpus: &Corpus, format: ExportFormat) -> Result<ExitCode> {
    let text = match format {
        ExportFormat::Json => to_json(corpus)?,
        ExportFormat::Ron => to_ron(corpus)?,
    };
    let mut out = std::io::stdout().lock();
    writeln!(out, "{text}").context("cannot write to standard output")?;
    Ok(ExitCode::SUCCESS)
}
