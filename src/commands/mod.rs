//! Subcommands. Each takes the loaded corpus and writes to stdout/stderr.

pub mod check;
pub mod export;
pub mod lookup;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Result;
use chrono::{Local, NaiveDate};

use crate::cli::{Cli, Command};
use crate::config::{self, Config, Paths};
use crate::corpus::Library;
use crate::i18n::Lang;
use crate::state::{State, Store};

/// Settings every command shares, resolved from flags, environment and defaults.
#[derive(Debug, Clone)]
pub struct Context {
    pub lang: Lang,
    pub today: NaiveDate,
}

/// Which issues folder to read: `--issues`/`NYHETSBREV_ISSUES` (clap merges
/// the two, the flag first), else `./issues` if it exists, else None (the
/// bundled corpus).
pub fn issues_dir(flag: Option<&Path>) -> Option<PathBuf> {
    resolve_issues_dir(flag, None)
}

/// `issues_dir` with the config file's folder between the environment and
/// the built-in default: flag > `NYHETSBREV_ISSUES` > config > `./issues` >
/// None (the bundled corpus).
pub fn resolve_issues_dir(flag_or_env: Option<&Path>, config: Option<&Path>) -> Option<PathBuf> {
    if let Some(p) = flag_or_env.or(config) {
        return Some(p.to_path_buf());
    }
    let local = Path::new("issues");
    local.is_dir().then(|| local.to_path_buf())
}

/// Load the library the command line (and config) point at.
pub fn load_corpus(cli: &Cli, cfg: &Config) -> Result<Library> {
    match resolve_issues_dir(cli.issues.as_deref(), cfg.issues.as_deref()) {
        Some(dir) => Library::load(&dir),
        None => Ok(Library::embedded()),
    }
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let paths = Paths::from_env();
    if let Some(Command::Config { default }) = cli.command {
        return config_command(&paths, default);
    }
    let loaded = config::load(paths.config.as_deref());
    let mut notes = Vec::new();
    if let Some(p) = &loaded.problem {
        eprintln!("nyhetsbrev: {p}");
        notes.push(p.to_string());
    }
    let cfg = loaded.config;
    let ctx = Context {
        lang: cli.lang.or(cfg.lang).unwrap_or_default(),
        today: cli.today.unwrap_or_else(|| Local::now().date_naive()),
    };
    let Some(command) = cli.command.clone() else {
        // The reader opens on the newest files and loads the rest behind.
        let (corpus, rest) = match resolve_issues_dir(cli.issues.as_deref(), cfg.issues.as_deref())
        {
            Some(dir) => crate::tui::load_folder(&dir, paths.cache.as_deref())?,
            None => (Library::embedded(), None),
        };
        let store = match paths.state {
            Some(p) => {
                let (store, broken) = Store::open(p);
                if let Some(b) = broken {
                    eprintln!("nyhetsbrev: {b}");
                    notes.push(b.to_string());
                }
                store
            }
            None => Store::memory(),
        };
        crate::tui::run_with(
            corpus,
            rest,
            &ctx,
            &cfg,
            store,
            notes,
            paths.cache.as_deref(),
        )?;
        return Ok(ExitCode::SUCCESS);
    };
    let started = std::time::Instant::now();
    let corpus = load_corpus(&cli, &cfg)?;
    let load = started.elapsed();
    match command {
        Command::Export { format } => export::run(&corpus, format),
        Command::Check => check::run(&corpus, &ctx),
        other => lookup::run(&corpus, &ctx, other, load),
    }
}

/// `nyhetsbrev config`: the files' places and health, or the default text.
fn config_command(paths: &Paths, default: bool) -> Result<ExitCode> {
    if default {
        print!("{}", config::default_text());
        return Ok(ExitCode::SUCCESS);
    }
    let show = |p: &Option<PathBuf>| {
        p.as_ref()
            .map(|p| p.display().to_string())
            .unwrap_or_else(|| "(no home folder: not used)".into())
    };
    let mut ok = true;
    let cfg_note = match &paths.config {
        Some(p) if !p.exists() => " (not there: built-in defaults)".to_string(),
        Some(p) => match config::load(Some(p)).problem {
            Some(e) => {
                ok = false;
                format!("\n  {e}")
            }
            None => " (ok)".to_string(),
        },
        None => String::new(),
    };
    println!("config: {}{cfg_note}", show(&paths.config));
    let state_note = match &paths.state {
        Some(p) if !p.exists() => " (not there yet)".to_string(),
        Some(p) => match std::fs::read_to_string(p)
            .map_err(|e| e.to_string())
            .and_then(|t| State::from_ron(&t).map(|_| ()).map_err(|e| e.to_string()))
        {
            Ok(()) => " (ok)".to_string(),
            Err(e) => {
                ok = false;
                format!("\n  does not parse: {e}")
            }
        },
        None => String::new(),
    };
    println!("state:  {}{state_note}", show(&paths.state));
    Ok(if ok {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
