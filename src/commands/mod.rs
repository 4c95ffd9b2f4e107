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
use crate::corpus::contacts::Book;
use crate::corpus::index::{self, Index, Want};
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

/// What a subcommand needs from the index as a library; None: it parses
/// the folder (`export` and `check` read every file as it is now).
/// `contacts` and `list` read their own tables ([`Index::book`],
/// [`Index::summaries`]).
fn wanted(command: &Command, today: NaiveDate) -> Option<Want> {
    match command {
        Command::Meetings { .. } => {
            let args = lookup::meetings::Args::of(command)?;
            let (from, to) = lookup::meetings::range(&args, today);
            Some(Want::Meetings(from, to))
        }
        Command::Search { query, .. } => Some(Want::Search(query.clone())),
        Command::Read { issue, .. } => Some(Want::Issue(issue.clone())),
        // The candidates are titles, names, meetings and topics: no text.
        Command::Jump { .. } => Some(Want::Heads),
        _ => None,
    }
}

/// Load what a subcommand needs as a library (see [`answer`]).
fn load_for(
    cli: &Cli,
    cfg: &Config,
    lang: Lang,
    paths: &Paths,
    want: Option<Want>,
) -> Result<Library> {
    match want {
        Some(want) => answer(cli, cfg, lang, paths, |index| index.library(&want), |l| l),
        None => load_corpus(cli, cfg, lang),
    }
}

/// Answer a lookup from the folder's index (see [`crate::corpus::index`])
/// when there is a cache folder and the index is not turned off: `ask`
/// gets the index brought up to date. Otherwise, and when the index
/// cannot be used, from the parsed folder (or the bundled corpus) through
/// `parsed`; an index that cannot be used only costs time, and stderr
/// says so once.
fn answer<T>(
    cli: &Cli,
    cfg: &Config,
    lang: Lang,
    paths: &Paths,
    ask: impl FnOnce(&Index) -> Result<T>,
    parsed: impl FnOnce(Library) -> T,
) -> Result<T> {
    let Some(dir) = issues_folder(cli, cfg, lang)? else {
        return Ok(parsed(Library::embedded()));
    };
    let cache = match paths.cache.as_deref() {
        Some(cache) if !cli.no_index => cache,
        _ => return Library::load(&dir).map(parsed),
    };
    let indexed = Index::open(cache, &dir).and_then(|mut index| {
        let updated = index.update()?;
        if let Some(why) = &updated.not_written {
            index_note(lang, index.path(), why, false);
        }
        ask(&index)
    });
    match indexed {
        Ok(answer) => Ok(answer),
        Err(e) => {
            let path = index::file_for(cache, &dir);
            index_note(lang, &path, &format!("{e:#}"), true);
            // A damaged index is made again by the next lookup.
            if index::is_damage(&e) {
                let _ = index::discard(&path);
            }
            Library::load(&dir).map(parsed)
        }
    }
}

/// Say on stderr that the index could not be used (`fallback`: the folder
/// is parsed instead) or not be brought up to date (the answer is still
/// right: the changed files were parsed).
fn index_note(lang: Lang, path: &Path, why: &str, fallback: bool) {
    let path = crate::sanitize::escape_line(&path.display().to_string()).into_owned();
    let why = crate::sanitize::escape_line(why).into_owned();
    let text = match (lang, fallback) {
        (Lang::En, true) => {
            format!("the index {path} cannot be used ({why}); reading the folder instead")
        }
        (Lang::En, false) => format!("the index {path} cannot be updated ({why})"),
        (_, true) => {
            format!("indexet {path} går inte att använda ({why}); läser mappen i stället")
        }
        (_, false) => format!("indexet {path} går inte att uppdatera ({why})"),
    };
    eprintln!("nyhetsbrev: {text}");
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
    match command {
        Command::List { json } => {
            let issues = answer(cli, &config, ctx.lang, paths, Index::summaries, |l| {
                l.summaries()
            })?;
            let result = lookup::run_list(&issues, &ctx, json);
            leave(issues);
            return result;
        }
        Command::Contacts { ref query, .. } => {
            let query = query.clone();
            let book = answer(
                cli,
                &config,
                ctx.lang,
                paths,
                |index| index.book(query.as_deref()),
                |l| Book::new(&l),
            )?;
            let result = lookup::run_contacts(&book, &ctx, command);
            leave(book);
            return result;
        }
        _ => {}
    }
    let started = std::time::Instant::now();
    let corpus = load_for(cli, &config, ctx.lang, paths, wanted(&command, ctx.today))?;
    let load = started.elapsed();
    let result = match command {
        Command::Export { format } => export::run(&corpus, format),
        Command::Check => check::run(&corpus, &ctx),
        other => lookup::run(&corpus, &ctx, other, load),
    };
    leave(corpus);
    result
}

/// Leave what a subcommand answered from to the end of the process, which
/// follows: the system takes the memory back at once, where freeing a
/// library of thousands of issues piece by piece takes a noticeable time
/// (0.3 s after a search that read 8,700 of 20,000 issues). Nothing in it
/// holds a file or lock that must be released (the index is closed).
fn leave<T>(answered_from: T) {
    std::mem::forget(answered_from);
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
