//! Subcommands. Each takes the loaded corpus and writes to stdout/stderr.

pub mod check;
pub mod export;
pub mod lookup;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use chrono::{Local, NaiveDate};

use crate::cli::{Cli, Command};
use crate::corpus::Corpus;
use crate::i18n::Lang;

/// Settings every command shares, resolved from flags, environment and defaults.
#[derive(Debug, Clone)]
pub struct Context {
    pub lang: Lang,
    pub today: NaiveDate,
}

/// Which issues folder to read: `--issues`/`NYHETSBREV_ISSUES` (clap merges
/// the two), else `./issues` if it exists, else None (the bundled corpus).
pub fn issues_dir(flag: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag {
        return Some(p.to_path_buf());
    }
    let local = Path::new("issues");
    local.is_dir().then(|| local.to_path_buf())
}

/// Load the corpus the command line points at.
pub fn load_corpus(cli: &Cli) -> Result<Corpus> {
    match issues_dir(cli.issues.as_deref()) {
        Some(dir) => Corpus::load(&dir),
        None => Ok(Corpus::embedded()),
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let ctx = Context {
        lang: cli.lang.unwrap_or_default(),
        today: cli.today.unwrap_or_else(|| Local::now().date_naive()),
    };
    let Some(command) = cli.command.clone() else {
        let corpus = load_corpus(&cli)?;
        crate::tui::run(corpus, &ctx)?;
        return Ok(ExitCode::SUCCESS);
    };
    let started = std::time::Instant::now();
    let corpus = load_corpus(&cli)?;
    let load = started.elapsed();
    match command {
        Command::Export { format } => export::run(&corpus, format),
        Command::Check => check::run(&corpus, &ctx),
        other => lookup::run(&corpus, &ctx, other, load),
    }
}
