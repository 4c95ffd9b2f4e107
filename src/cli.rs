//! The command line (clap). With no subcommand the reader opens.
//!
//! `--issues`, `--lang` and `--today` are options of the reader (before any
//! subcommand) and, through [`command`], also of each subcommand they apply
//! to, so each `--help` shows only its own. Parse with [`parse`] (or
//! [`try_parse_from`]), not `Cli::parse`, so those reach [`Cli`] and bad
//! arguments are reported in the user's language.

use std::ffi::OsString;
use std::fmt;
use std::path::PathBuf;

use chrono::NaiveDate;
use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::parser::ValueSource;
use clap::{ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};

use crate::i18n::{arg_words, fill, Lang};

/// Examples shown at the end of `nyhetsbrev --help` (and in the man page).
const EXAMPLES: &str = "\
Examples:
  Open the reader on ./issues (or the bundled issues):
    nyhetsbrev
  The reader on another folder, in English:
    nyhetsbrev --issues ~/nyhetsbrev --lang en
  Who to ask about discharge from hospital:
    nyhetsbrev contacts utskrivning
  Articles with a phrase:
    nyhetsbrev search '\"psykisk hälsa\"'
  Meetings on or after a date:
    nyhetsbrev meetings --from 2025-11-20
  One article as wrapped text:
    nyhetsbrev read 2020-11 9 | less
  Completion for bash, and the manual:
    nyhetsbrev completions bash > ~/.local/share/bash-completion/completions/nyhetsbrev
    nyhetsbrev man | man -l -";

/// The subcommands that have a man page of their own (`nyhetsbrev man NAME`).
pub const PAGES: &[&str] = &[
    "export",
    "check",
    "contacts",
    "meetings",
    "search",
    "jump",
    "read",
    "list",
    "config",
    "completions",
    "man",
];

#[derive(Parser, Debug, Clone)]
#[command(
    name = "nyhetsbrev",
    version,
    about = "Terminal reader for Storsthlm's newsletters and documents",
    long_about = "Terminal reader for Storsthlm's newsletters and documents.\n\nWith no subcommand, opens the reader on the issues folder (./issues by default, or the corpus compiled into the binary when there is none).",
    after_help = EXAMPLES
)]
pub struct Cli {
    /// Folder of issues (text, e-mail, mailboxes, web pages, PDF). Default:
    /// `issues` in config.ron, else ./issues, else the bundled corpus.
    #[arg(long, env = "NYHETSBREV_ISSUES", value_name = "DIR")]
    pub issues: Option<PathBuf>,

    /// Language of the reader's words: sv (default) or en. Default: `lang`
    /// in config.ron, else sv.
    #[arg(long, value_enum)]
    pub lang: Option<Lang>,

    /// Reference date for "upcoming" (default: today). Give it before the
    /// subcommand (`nyhetsbrev --today 2025-11-20 meetings`): after
    /// `meetings`, `--today` means "today's meetings".
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub today: Option<NaiveDate>,

    /// Put the terminal cursor on the selected row of the focused pane, so
    /// screen readers and magnifiers follow the selection (also
    /// `cursor_on_selection` in config.ron).
    #[arg(long)]
    pub cursor_on_selection: bool,
    /// Parse the issues folder instead of using its index in the cache
    /// folder (the index is neither read nor written).
    #[arg(long, env = "NYHETSBREV_NO_INDEX")]
    pub no_index: bool,

    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug, Clone)]
pub enum Command {
    /// Print the whole corpus as JSON or RON.
    Export {
        /// Output format.
        #[arg(long, value_enum, default_value_t = ExportFormat::Json)]
        format: ExportFormat,
    },
    /// List, per file, what the parser could not understand.
    Check,
    /// People whose name, role, organisation or topics match.
    #[command(after_help = "Examples:
  nyhetsbrev contacts gymnasieantagningen
  nyhetsbrev contacts --format mutt asa      (for mutt's query_command)
  nyhetsbrev contacts --vcard > storsthlm.vcf")]
    Contacts {
        /// Words to look for (all must match); every person when left out.
        query: Option<String>,
        /// Print JSON (shape in the README) instead of text.
        #[arg(long, conflicts_with = "format")]
        json: bool,
        /// Output format: text (default), mutt (mutt's query_command:
        /// a header line, then address, name and role, tab-separated) or
        /// vcard (vCard 4.0).
        #[arg(long, value_enum)]
        format: Option<ContactFormat>,
        /// Write vCard 4.0 (the same as --format vcard).
        #[arg(long, conflicts_with_all = ["format", "json"])]
        vcard: bool,
    },
    /// Meetings on or after today (or in a range), de-duplicated and sorted.
    Meetings {
        /// First day to list (default: today).
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
        from: Option<NaiveDate>,
        /// Last day to list (default: no end).
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
        /// Print JSON (shape in the README) instead of text.
        #[arg(long, conflicts_with = "ics")]
        json: bool,
    },
    /// Full-text search over titles and bodies.
    #[command(
        after_help = "Words also match inside longer words and in their other forms \
(planen finds planer, planerna, vattenförsörjningsplanen); \"quoted words\" must follow \
each other; a plain letter also matches accented ones (asa finds Åsa), an accented \
letter only itself.

Examples:
  nyhetsbrev search vattenförsörjningsplan
  nyhetsbrev search '\"psykisk hälsa\"' --json"
    )]
    Search {
        /// Words to look for, all of which must be found; "quoted words"
        /// as a phrase.
        query: String,
        /// Print JSON (shape in the README) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// The fuzzy jump's ranking for a query.
    Jump {
        /// Text to rank the jump's candidates for; every candidate when
        /// left out.
        query: Option<String>,
        /// Print load_ms=… match_ms=… as the last line on stderr.
        #[arg(long)]
        timings: bool,
        /// Print every jump candidate, one per line.
        #[arg(long)]
        candidates: bool,
        /// Print JSON (shape in the README) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// An issue's table of contents, or one article as wrapped text.
    #[command(after_help = "Examples:
  nyhetsbrev read 2020-11            table of contents of the issue of November 2020
  nyhetsbrev read 2025-09-25 3       its third article
  nyhetsbrev read 2023 styrning      the article whose title contains \"styrning\"")]
    Read {
        /// File name, id or date of the issue, as precise as `list` shows
        /// it or less (2025-09-25, 2020-11, 2023).
        issue: String,
        /// Number in the table of contents, or a fragment of the title.
        article: Option<String>,
        /// Wrap width, at least 10 (default: the terminal's).
        #[arg(long, value_parser = parse_width)]
        width: Option<usize>,
        /// Print JSON (shape in the README) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Issues with date, kind, article and meeting counts.
    List {
        /// Print JSON (shape in the README) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Where the config and state files are, and whether they are valid.
    Config {
        /// Print a commented config with every field at its default.
        #[arg(long)]
        default: bool,
    },
    /// Print a shell completion script.
    #[command(after_help = "Examples:
  nyhetsbrev completions bash > ~/.local/share/bash-completion/completions/nyhetsbrev
  nyhetsbrev completions zsh > ~/.zfunc/_nyhetsbrev
  nyhetsbrev completions fish > ~/.config/fish/completions/nyhetsbrev.fish")]
    Completions {
        /// The shell to complete for.
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff).
    #[command(after_help = "Examples:
  nyhetsbrev man | man -l -
  nyhetsbrev man contacts > nyhetsbrev-contacts.1")]
    Man {
        /// The subcommand whose page to print (default: the main page).
        #[arg(value_parser = clap::builder::PossibleValuesParser::new(PAGES))]
        subcommand: Option<String>,
    },
}

#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportFormat {
    Json,
    Ron,
}

/// How `contacts` prints people.
#[derive(ValueEnum, Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ContactFormat {
    /// Names, roles, organisations, e-mail and articles.
    #[default]
    Text,
    /// mutt's query_command format.
    Mutt,
    /// vCard 4.0 (RFC 6350).
    Vcard,
}

/// A bad option value, in words that can be given in either language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArgProblem {
    /// Not a date of the form YYYY-MM-DD.
    NotADate(String),
    /// Not a whole number.
    NotANumber(String),
    /// A number below the least allowed.
    Below { value: u64, least: u64 },
}

impl ArgProblem {
    /// The problem in `lang`.
    pub fn describe(&self, lang: Lang) -> String {
        let w = arg_words(lang);
        match self {
            ArgProblem::NotADate(s) => fill(w.not_a_date, &[("value", s)]),
            ArgProblem::NotANumber(s) => fill(w.not_a_number, &[("value", s)]),
            ArgProblem::Below { value, least } => fill(
                w.below,
                &[("value", &value.to_string()), ("least", &least.to_string())],
            ),
        }
    }
}

impl fmt::Display for ArgProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.describe(Lang::En))
    }
}

impl std::error::Error for ArgProblem {}

fn parse_date(s: &str) -> Result<NaiveDate, ArgProblem> {
    NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d").map_err(|_| ArgProblem::NotADate(s.into()))
}

/// Least wrap width `read --width` takes.
pub const MIN_WIDTH: u64 = 10;

fn parse_width(s: &str) -> Result<usize, ArgProblem> {
    let n: u64 = s
        .trim()
        .parse()
        .map_err(|_| ArgProblem::NotANumber(s.into()))?;
    if n < MIN_WIDTH {
        return Err(ArgProblem::Below {
            value: n,
            least: MIN_WIDTH,
        });
    }
    usize::try_from(n).map_err(|_| ArgProblem::NotANumber(s.into()))
}

/// The reader's options that a subcommand takes too.
fn shared_options(subcommand: &str) -> &'static [&'static str] {
    match subcommand {
        "export" => &["issues"],
        // `meetings --today` is "today's meetings": the reference date
        // goes before the subcommand there.
        "check" | "contacts" | "search" | "jump" | "read" | "list" | "meetings" => {
            &["issues", "lang"]
        }
        // config, completions, man: no issues are read.
        _ => &[],
    }
}

/// The full command: [`Cli`]'s definition with the shared options added to
/// the subcommands they apply to. Completions and the man page come from
/// this.
pub fn command() -> clap::Command {
    let top = Cli::command();
    let shared: Vec<clap::Arg> = top.get_arguments().cloned().collect();
    // In place, so the subcommands keep their order.
    top.mut_subcommands(|sub| {
        let wanted = shared_options(sub.get_name());
        let args: Vec<clap::Arg> = shared
            .iter()
            .filter(|a| wanted.contains(&a.get_id().as_str()))
            .cloned()
            .collect();
        sub.args(args)
    })
}

/// The value of `id` in a subcommand's matches, when that subcommand has
/// the option, with where it came from.
fn sub_value<T: Clone + Send + Sync + 'static>(
    sub: &ArgMatches,
    id: &str,
) -> Option<(T, Option<ValueSource>)> {
    let value = sub.try_get_one::<T>(id).ok().flatten()?.clone();
    Some((value, sub.value_source(id)))
}

/// Take a shared option from the subcommand: given there on the command
/// line, it wins; from the environment, only when the top level has none.
fn merge<T: Clone + Send + Sync + 'static>(top: &mut Option<T>, sub: &ArgMatches, id: &str) {
    if let Some((value, source)) = sub_value::<T>(sub, id) {
        if source == Some(ValueSource::CommandLine) || top.is_none() {
            *top = Some(value);
        }
    }
}

/// Parse arguments (the first is the program name).
pub fn try_parse_from<I, T>(args: I) -> Result<Cli, clap::Error>
where
    I: IntoIterator<Item = T>,
    T: Into<OsString> + Clone,
{
    let matches = command().try_get_matches_from(args)?;
    let mut cli = Cli::from_arg_matches(&matches)?;
    if let Some((_, sub)) = matches.subcommand() {
        merge(&mut cli.issues, sub, "issues");
        merge(&mut cli.lang, sub, "lang");
        merge(&mut cli.today, sub, "today");
    }
    Ok(cli)
}

/// Parse the process's arguments; on bad ones, print the problem (in the
/// language asked for with `--lang`, else config.ron's, else Swedish) and
/// exit with status 2. Help and version go to standard output as usual.
pub fn parse() -> Cli {
    let args: Vec<OsString> = std::env::args_os().collect();
    match try_parse_from(&args) {
        Ok(cli) => cli,
        Err(e) => {
            let lang = lang_of(&args).unwrap_or_else(|| {
                let paths = crate::config::Paths::from_env();
                crate::config::load(paths.config.as_deref())
                    .config
                    .lang
                    .unwrap_or_default()
            });
            exit_with(e, lang, subcommand_of(&args).as_deref())
        }
    }
}

/// The `--lang` given on a command line that did not parse, if readable.
pub fn lang_of(args: &[OsString]) -> Option<Lang> {
    let mut it = args.iter().filter_map(|a| a.to_str());
    while let Some(a) = it.next() {
        let value = match a.strip_prefix("--lang") {
            Some("") => it.next(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(v) = value {
            return <Lang as ValueEnum>::from_str(v, true).ok();
        }
    }
    None
}

/// The subcommand a command line names, if any.
fn subcommand_of(args: &[OsString]) -> Option<String> {
    let cmd = Cli::command();
    args.iter()
        .skip(1)
        .filter_map(|a| a.to_str())
        .find(|a| cmd.find_subcommand(a).is_some())
        .map(str::to_string)
}

fn exit_with(e: clap::Error, lang: Lang, subcommand: Option<&str>) -> ! {
    match render_error(&e, lang, subcommand) {
        Some(text) => {
            eprint!("{text}");
            std::process::exit(2)
        }
        None => e.exit(),
    }
}

fn context_str(e: &clap::Error, kind: ContextKind) -> Option<String> {
    match e.get(kind)? {
        ContextValue::String(s) => Some(s.clone()),
        ContextValue::Strings(v) => Some(v.join(", ")),
        ContextValue::StyledStr(s) => Some(s.to_string()),
        ContextValue::StyledStrs(v) => Some(
            v.iter()
                .map(|s| s.to_string())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        ContextValue::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A usage error in `lang`: the problem, the usage line and where to find
/// help (`subcommand`'s, when the command line named one). None for help and version (clap prints those) and for English,
/// which clap's own words serve.
pub fn render_error(e: &clap::Error, lang: Lang, subcommand: Option<&str>) -> Option<String> {
    use std::error::Error as _;
    if lang == Lang::En
        || matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        )
    {
        return None;
    }
    let w = arg_words(lang);
    let arg = context_str(e, ContextKind::InvalidArg).unwrap_or_default();
    let value = context_str(e, ContextKind::InvalidValue).unwrap_or_default();
    let mut message = match e.kind() {
        ErrorKind::InvalidValue => {
            let mut m = fill(w.invalid_value, &[("value", &value), ("arg", &arg)]);
            if let Some(valid) = context_str(e, ContextKind::ValidValue) {
                m.push_str(&fill(w.valid_values, &[("values", &valid)]));
            }
            m
        }
        ErrorKind::ValueValidation => {
            let reason = match e.source() {
                Some(s) => match s.downcast_ref::<ArgProblem>() {
                    Some(p) => p.describe(lang),
                    None => s.to_string(),
                },
                None => String::new(),
            };
            let mut m = fill(w.invalid_value, &[("value", &value), ("arg", &arg)]);
            if !reason.is_empty() {
                m.push_str(": ");
                m.push_str(&reason);
            }
            m
        }
        ErrorKind::UnknownArgument => fill(w.unknown_argument, &[("arg", &arg)]),
        ErrorKind::InvalidSubcommand => {
            let sub = context_str(e, ContextKind::InvalidSubcommand).unwrap_or_default();
            fill(w.unknown_subcommand, &[("name", &sub)])
        }
        ErrorKind::MissingRequiredArgument => fill(w.missing_argument, &[("arg", &arg)]),
        ErrorKind::MissingSubcommand => w.missing_subcommand.to_string(),
        ErrorKind::ArgumentConflict => {
            let prior = context_str(e, ContextKind::PriorArg).unwrap_or_default();
            fill(w.conflict, &[("arg", &arg), ("other", &prior)])
        }
        ErrorKind::NoEquals
        | ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues => fill(w.wrong_values, &[("arg", &arg)]),
        ErrorKind::InvalidUtf8 => w.not_utf8.to_string(),
        _ => return None,
    };
    let suggested = [
        ContextKind::SuggestedArg,
        ContextKind::SuggestedSubcommand,
        ContextKind::SuggestedValue,
    ]
    .into_iter()
    .find_map(|k| context_str(e, k));
    if let Some(s) = suggested {
        message.push_str(&fill(w.did_you_mean, &[("name", &s)]));
    }
    let mut out = format!("{}: {message}\n", w.error);
    if let Some(usage) = context_str(e, ContextKind::Usage) {
        let usage = usage.trim();
        let usage = usage.strip_prefix("Usage:").unwrap_or(usage).trim();
        out.push_str(&format!("\n{}: {usage}\n", w.usage));
    }
    let help = match subcommand {
        Some(name) => format!("nyhetsbrev {name} --help"),
        None => "nyhetsbrev --help".to_string(),
    };
    out.push_str(&format!("\n{}\n", fill(w.more_help, &[("help", &help)])));
    Some(out)
}

/// The completion script for `shell`.
pub fn completions(shell: clap_complete::Shell) -> Vec<u8> {
    let mut cmd = command();
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut cmd, "nyhetsbrev", &mut out);
    out
}

/// The man page (roff): the main one, or a subcommand's
/// (`nyhetsbrev-contacts(1)`), as the main page's SUBCOMMANDS name them.
pub fn man(subcommand: Option<&str>) -> std::io::Result<Vec<u8>> {
    let cmd = command();
    let page = match subcommand.and_then(|name| cmd.find_subcommand(name)) {
        Some(sub) => sub
            .clone()
            .display_name(format!("nyhetsbrev-{}", sub.get_name()))
            .bin_name(format!("nyhetsbrev {}", sub.get_name()))
            .version(env!("CARGO_PKG_VERSION")),
        None => cmd,
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page).render(&mut out)?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(args: &[&str]) -> Result<Cli, clap::Error> {
        try_parse_from(std::iter::once("nyhetsbrev").chain(args.iter().copied()))
    }

    #[test]
    fn shared_options_are_taken_before_and_after_the_subcommand() {
        let before = parse(&["--lang", "en", "--today", "2025-01-02", "meetings"]).unwrap();
        assert_eq!(before.today, NaiveDate::from_ymd_opt(2025, 1, 2));
        let after = parse(&["meetings", "--lang", "en", "--issues", "mapp"]).unwrap();
        for cli in [&before, &after] {
            assert_eq!(cli.lang, Some(Lang::En));
        }
        assert_eq!(after.issues, Some(PathBuf::from("mapp")));
        // After `meetings`, `--today` is "today's meetings", not a date.
        let cli = parse(&["meetings", "--today"]).unwrap();
        assert!(matches!(
            cli.command,
            Some(Command::Meetings {
                today_only: true,
                ..
            })
        ));
        assert!(parse(&["meetings", "--today", "2025-01-02"]).is_err());
        let cli = parse(&["search", "x", "--issues", "mapp"]).unwrap();
        assert_eq!(cli.issues, Some(PathBuf::from("mapp")));
        // Only where they apply.
        assert!(parse(&["search", "x", "--today", "2025-01-02"]).is_err());
        assert!(parse(&["export", "--lang", "en"]).is_err());
        assert!(parse(&["completions", "bash", "--issues", "x"]).is_err());
    }

    #[test]
    fn bad_values_are_explained_in_swedish() {
        let e = parse(&["read", "2023", "--width", "5"]).unwrap_err();
        let sv = render_error(&e, Lang::Sv, Some("read")).unwrap();
        assert!(sv.starts_with("fel: "), "{sv}");
        assert!(sv.contains("'5'") && sv.contains("minst 10"), "{sv}");
        assert!(
            !sv.contains("18446744073709551615") && !sv.contains("is not"),
            "{sv}"
        );
        assert!(sv.contains("nyhetsbrev read --help"), "{sv}");
        assert!(render_error(&e, Lang::En, Some("read")).is_none());
        assert!(e.to_string().contains("at least 10"), "{e}");
        let e = parse(&["meetings", "--from", "imorgon"]).unwrap_err();
        let sv = render_error(&e, Lang::Sv, None).unwrap();
        assert!(sv.contains("ÅÅÅÅ-MM-DD"), "{sv}");
        assert!(sv.contains("Mer hjälp: 'nyhetsbrev --help'"), "{sv}");
    }

    #[test]
    fn every_subcommand_has_a_page() {
        let names: Vec<String> = command()
            .get_subcommands()
            .map(|s| s.get_name().to_string())
            .collect();
        assert_eq!(names, PAGES);
        let page = String::from_utf8(man(Some("contacts")).unwrap()).unwrap();
        assert!(page.contains("nyhetsbrev\\-contacts"), "{page}");
        assert!(page.contains("vcard"));
    }

    #[test]
    fn the_language_of_a_command_line_that_did_not_parse() {
        let args = |v: &[&str]| v.iter().map(OsString::from).collect::<Vec<_>>();
        assert_eq!(lang_of(&args(&["n", "--lang", "en", "x"])), Some(Lang::En));
        assert_eq!(lang_of(&args(&["n", "read", "--lang=sv"])), Some(Lang::Sv));
        assert_eq!(lang_of(&args(&["n", "--lang"])), None);
        assert_eq!(lang_of(&args(&["n", "--lang", "fr"])), None);
    }
}
