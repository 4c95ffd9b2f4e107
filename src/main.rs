//! The one place that decides between the reader and a subcommand: the
//! reader (`tui`) is handed its options and a library; it never sees the
//! command line, the config file or `commands`.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Context as _, Result};

use nyhetsbrev::cli::{self, Cli, Command};
use nyhetsbrev::commands::{self, Settings};
use nyhetsbrev::config::Paths;
use nyhetsbrev::corpus::Library;
use nyhetsbrev::state::Store;
use nyhetsbrev::tui;

fn main() -> ExitCode {
    let cli = cli::parse();
    let paths = Paths::from_env();
    let res = match cli.command.clone() {
        // Generated from the command line's definition: no issues are read.
        Some(Command::Completions { shell }) => print(&cli::completions(shell)),
        Some(Command::Man { ref subcommand }) => cli::man(subcommand.as_deref())
            .context("cannot write the man page")
            .and_then(|page| print(&page)),
        Some(command) => commands::run(&cli, command, &paths),
        None => reader(&cli, &paths),
    };
    match res {
        Ok(code) => code,
        Err(e) => {
            // Never panic on a closed stderr (a dropped connection).
            // Paths and values in the message are shown escaped, never raw.
            let msg = format!("{e:#}");
            let _ = writeln!(
                std::io::stderr(),
                "nyhetsbrev: {}",
                nyhetsbrev::sanitize::escape_line(&msg)
            );
            ExitCode::from(1)
        }
    }
}

/// Where the reader keeps the folder's index: the cache folder, unless
/// `--no-index` says not to use one.
fn index_dir<'a>(cli: &Cli, paths: &'a Paths) -> Option<&'a std::path::Path> {
    paths.cache.as_deref().filter(|_| !cli.no_index)
}

/// Open the reader: on the newest files of the folder at once, the rest
/// loading behind; with the saved reading state.
fn reader(cli: &Cli, paths: &Paths) -> Result<ExitCode> {
    let Settings {
        config,
        ctx,
        mut notes,
    } = Settings::load(cli, paths);
    let dir = commands::issues_folder(cli, &config, ctx.lang)?;
    let (library, rest) = match dir {
        // `--no-index`: the folder is parsed, and no index is read or written.
        Some(dir) => Library::load_in_steps(&dir, index_dir(cli, paths))?,
        None => (Library::embedded(), None),
    };
    let store = match &paths.state {
        Some(p) => {
            let (store, broken) = Store::open(p.clone());
            if let Some(b) = broken {
                eprintln!("nyhetsbrev: {b}");
                notes.push(b.to_string());
            }
            store
        }
        None => Store::memory(),
    };
    let opts = tui::Options {
        ctx: tui::Context {
            lang: ctx.lang,
            today: ctx.today,
        },
        theme: config.theme(),
        keymap: config.keymap(),
        date_style: config.date_style,
        mouse: config.mouse,
        sidebar_width: config.sidebar_width,
        watch: config.watch,
        clipboard: config
            .clipboard
            .enabled(std::env::var("TERM").ok().as_deref()),
        cursor_on_selection: config.cursor_on_selection || cli.cursor_on_selection,
        hyperlinks: config.hyperlinks.enabled(&nyhetsbrev::open::process_env),
        index: !cli.no_index,
    };
    tui::run_with(library, rest, &opts, store, notes, paths.cache.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

/// Write to standard output; a closed pipe (`| head`) is not an error.
fn print(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}
