//! The command line (clap). With no subcommand the reader opens.

use std::path::PathBuf;

use chrono::NaiveDate;
use clap::{Parser, Subcommand, ValueEnum};

use crate::i18n::Lang;

#[derive(Parser, Debug, Clone)]
#[command(
    name = "nyhetsbrev",
    version,
    about = "Terminal reader for Storsthlm's newsletters and documents",
    long_about = "Terminal reader for Storsthlm's newsletters and documents.\n\nWith no subcommand, opens the reader on the issues folder (./issues by default, or the corpus compiled into the binary when there is none)."
)]
pub struct Cli {
    /// Folder of issues (*.txt, *.ron). Default: `issues` in config.ron, else
    /// ./issues, else the bundled corpus.
    #[arg(long, global = true, env = "NYHETSBREV_ISSUES", value_name = "DIR")]
    pub issues: Option<PathBuf>,

    /// Language of the reader's words: sv (default) or en. Default: `lang`
    /// in config.ron, else sv.
    #[arg(long, global = true, value_enum)]
    pub lang: Option<Lang>,

    /// Reference date for "upcoming" (default: today). Give it before the
    /// subcommand (`nyhetsbrev --today 2025-11-20 meetings`): after
    /// `meetings`, `--today` means "today's meetings".
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Print the whole corpus as JSON or RON.
    Export {
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
    /// List, per file, what the parser could not understand.
    Check,
    /// People whose name, role, organisation or topics match.
    Contacts {
        query: Option<String>,
        #[arg(long)]
        json: bool,
    },
    /// Meetings on or after today (or in a range), de-duplicated and sorted.
    Meetings {
        /// From this day (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        from: Option<NaiveDate>,
        /// Up to and including this day.
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        to: Option<NaiveDate>,
        /// Every meeting, past ones too.
        #[arg(long, conflicts_with_all = ["from", "to"])]
        all: bool,
        /// Today's meetings only.
        #[arg(long = "today", id = "today_only", conflicts_with_all = ["from", "to", "all", "week"])]
        today_only: bool,
        /// This week's meetings (Monday to Sunday).
        #[arg(long, conflicts_with_all = ["from", "to", "all"])]
        week: bool,
        /// Only the next N meetings (of the range).
        #[arg(long, value_name = "N", value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..))]
        next: Option<usize>,
        /// Write an iCalendar file (- for standard output) instead of the
        /// listing.
        #[arg(long, value_name = "FILE|-")]
        ics: Option<String>,
        #[arg(long, conflicts_with = "ics")]
        json: bool,
    },
    /// Full-text search over titles and bodies.
    Search {
        query: String,
        #[arg(long)]
        json: bool,
    },
    /// The fuzzy jump's ranking for a query.
    Jump {
        query: Option<String>,
        /// Print load_ms=… match_ms=… as the last line on stderr.
        #[arg(long)]
        timings: bool,
        /// Print every jump candidate, one per line.
        #[arg(long)]
        candidates: bool,
        #[arg(long)]
        json: bool,
    },
    /// An issue's table of contents, or one article as wrapped text.
    Read {
        /// File name, id or month (2020-11) of the issue.
        issue: String,
        /// Number in the table of contents, or a fragment of the title.
        article: Option<String>,
        /// Wrap width (default: the terminal's).
        #[arg(long, value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(10..))]
        width: Option<usize>,
        #[arg(long)]
        json: bool,
    },
    /// Issues with date, kind, article and meeting counts.
    List {
        #[arg(long)]
        json: bool,
    },
    /// Where the config and state files are, and whether they are valid.
    Config {
        /// Print a commented config with every field at its default.
        #[arg(long)]
        default: bool,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Ron,
}

fn parse_date(s: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
        .map_err(|_| format!("'{s}' is not a date of the form YYYY-MM-DD"))
}
