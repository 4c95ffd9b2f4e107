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
use crate::state::State;

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

/// The issues folder the command line (and config) point at, checked: a
/// folder that cannot be listed is an error said in the user's language.
/// None: the bundled corpus.
pub fn issues_folder(cli: &Cli, cfg: &Config, lang: Lang) -> Result<Option<PathBuf>> {
    let dir = resolve_issues_dir(cli.issues.as_deref(), cfg.issues.as_deref());
    if let Some(d) = &dir {
        check_folder(d, lang)?;
    }
    Ok(dir)
}

/// Load the library the command line (and config) point at.
pub fn load_corpus(cli: &Cli, cfg: &Config, lang: Lang) -> Result<Library> {
    match issues_folder(cli, cfg, lang)? {
        Some(dir) => Library::load(&dir),
        None => Ok(Library::embedded()),
    }
}

/// The settings every run starts from: the config file (its problem, if
/// any, printed and kept as a note for the reader), the language and the
/// reference day.
pub struct Settings {
    pub config: Config,
    pub ctx: Context,
    pub notes: Vec<String>,
}

impl Settings {
    pub fn load(cli: &Cli, paths: &Paths) -> Settings {
        let loaded = config::load(paths.config.as_deref());
        let mut notes = Vec::new();
        if let Some(p) = &loaded.problem {
            eprintln!("nyhetsbrev: {p}");
            notes.push(p.to_string());
        }
        let config = loaded.config;
        let ctx = Context {
            lang: cli.lang.or(config.lang).unwrap_or_default(),
            today: cli.today.unwrap_or_else(|| Local::now().date_naive()),
        };
        Settings { config, ctx, notes }
    }
}

/// Run a subcommand (`main` starts the reader when there is none).
pub fn run(cli: &Cli, command: Command, paths: &Paths) -> Result<ExitCode> {
    if let Command::Config { default } = command {
        return config_command(paths, default);
    }
    let Settings { config, ctx, .. } = Settings::load(cli, paths);
    let started = std::time::Instant::now();
    let corpus = load_corpus(cli, &config, ctx.lang)?;
    let load = started.elapsed();
    match command {
        Command::Export { format } => export::run(&corpus, format),
        Command::Check => check::run(&corpus, &ctx),
        other => lookup::run(&corpus, &ctx, other, load),
    }
}

/// A folder that cannot be listed, said in the user's language.
fn check_folder(dir: &Path, lang: Lang) -> Result<()> {
    use std::io::ErrorKind;
    let w = crate::i18n::arg_words(lang);
    let reason = match std::fs::read_dir(dir) {
        Ok(_) => return Ok(()),
        Err(e) => match e.kind() {
            ErrorKind::NotFound => w.not_found.to_string(),
            ErrorKind::PermissionDenied => w.no_permission.to_string(),
            ErrorKind::NotADirectory => w.not_a_folder.to_string(),
            _ => e.to_string(),
        },
    };
    let dir = dir.display().to_string();
    let dir = crate::sanitize::clean_line(&dir);
    anyhow::bail!(crate::i18n::fill(
        w.unreadable_folder,
        &[("dir", &dir), ("reason", &reason)]
    ))
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
