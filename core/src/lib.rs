//! nyhetsbrev-core: reading files, parsing them into issues, and the
//! corpus-wide views built on top (people directory, topic tree).
//!
//! Nothing in here depends on the terminal UI.

pub mod calendar;
pub mod clean;
pub mod contacts;
pub mod dates;
pub mod index;
pub mod jump;
pub mod library;
pub mod model;
pub mod parse;
pub mod people;
pub mod read;
pub mod sanitize;
pub mod search;
pub mod sources;
pub mod text;
pub mod topics;
pub mod watch;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

pub use library::{
    first_files, ArticleKey, Delta, Library, Loaded, Pending, FIRST_BYTES, FIRST_FILES,
};
pub use model::*;
use read::SourceFile;
use topics::Taxonomy;

/// What kind of trouble a file gave.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The file could not be read as text or RON; it was skipped.
    Unreadable,
    /// The file was read, but some bytes were not valid in its encoding.
    Encoding,
    /// No date could be found for the issue.
    Undated,
    /// A line in the calendar had no date the parser understood.
    CalendarLine,
    /// A section label that the taxonomy does not know.
    UnknownLabel,
    /// The taxonomy file could not be read; the built-in one was used.
    Taxonomy,
    /// A file in the issues folder that is not an issue (`*.txt`, `*.ron`).
    Ignored,
    /// Two files would give the same id; the later one was read under a
    /// distinct one.
    DuplicateId,
}

/// Something a file contained that the reader could not understand.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Warning {
    pub source: String,
    pub kind: WarningKind,
    pub detail: String,
}

impl Warning {
    pub fn new(source: &str, kind: WarningKind, detail: String) -> Self {
        Warning {
            source: source.to_string(),
            kind,
            detail,
        }
    }
}

/// Where the corpus was loaded from.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub enum Origin {
    Folder(PathBuf),
    #[default]
    Embedded,
}

/// The whole parsed corpus: issues (newest first), the people directory and
/// the topic tree. `Serialize` gives the documented JSON/RON export.
#[derive(Serialize, Clone, Debug, Default)]
pub struct Corpus {
    pub issues: Vec<Issue>,
    pub people: Vec<Person>,
    pub topics: Vec<TopicNode>,
    #[serde(skip)]
    pub warnings: Vec<Warning>,
    #[serde(skip)]
    pub origin: Origin,
    /// Number of files that were read (parsed or loaded from RON).
    #[serde(skip)]
    pub files_read: usize,
}

/// What `list` shows of an issue, and what orders the corpus: an
/// issue's fields without its articles and meetings, with their counts.
/// The index keeps one per issue, so listing never reads an article.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct IssueSummary {
    pub source: String,
    pub id: String,
    pub kind: IssueKind,
    #[serde(with = "opt_date")]
    pub date: Option<chrono::NaiveDate>,
    pub date_precision: DatePrecision,
    pub title: String,
    pub encoding: String,
    pub articles: usize,
    pub meetings: usize,
}

impl IssueSummary {
    pub fn of(issue: &Issue) -> IssueSummary {
        IssueSummary {
            source: issue.source.clone(),
            id: issue.id.clone(),
            kind: issue.kind,
            date: issue.date,
            date_precision: issue.date_precision,
            title: issue.title.clone(),
            encoding: issue.encoding.clone(),
            articles: issue.articles.len(),
            meetings: issue.meetings.len(),
        }
    }

    /// Summaries of issues in file order, in the corpus's order (one issue
    /// per id: a hand-written `.ron` issue over others of its id, else the
    /// first file; newest first, then by file name): what [`Corpus::summaries`] gives
    /// for the corpus those issues make.
    pub fn in_corpus_order(summaries: Vec<IssueSummary>) -> Vec<IssueSummary> {
        in_corpus_order(summaries)
    }
}

impl IssueSummary {
    /// [`Corpus::find_issue`] over summaries in corpus order.
    pub fn find(summaries: &[IssueSummary], key: &str) -> Option<usize> {
        find_issue(summaries, key)
    }
}

/// [`Corpus::find_issue`], for issues and their summaries alike.
fn find_issue<T: Ordered>(items: &[T], key: &str) -> Option<usize> {
    let key = key.trim();
    if let Some(i) = items.iter().position(|i| {
        let o = i.order();
        o.source == key || o.id == key
    }) {
        return Some(i);
    }
    let wanted = date_key_precision(key)?;
    let rank = |p: DatePrecision| match p {
        DatePrecision::Year => 1,
        DatePrecision::Month => 2,
        DatePrecision::Day => 3,
    };
    items.iter().position(|i| {
        let o = i.order();
        match o.date {
            Some(d) if rank(o.precision) >= rank(wanted) => {
                d.format("%Y-%m-%d").to_string().starts_with(key)
            }
            _ => false,
        }
    })
}

/// What decides whether an issue is kept and where it goes; its date is
/// also how it is shown.
pub struct IssueOrder<'a> {
    id: &'a str,
    is_ron: bool,
    pub date: Option<chrono::NaiveDate>,
    pub precision: DatePrecision,
    source: &'a str,
}

/// Issues and their summaries, ordered (and dated) alike.
pub trait Ordered {
    fn order(&self) -> IssueOrder<'_>;
}

impl Ordered for Issue {
    fn order(&self) -> IssueOrder<'_> {
        IssueOrder {
            id: &self.id,
            is_ron: self.encoding == "ron",
            date: self.date,
            precision: self.date_precision,
            source: &self.source,
        }
    }
}

impl Ordered for IssueSummary {
    fn order(&self) -> IssueOrder<'_> {
        IssueOrder {
            id: &self.id,
            is_ron: self.encoding == "ron",
            date: self.date,
            precision: self.date_precision,
            source: &self.source,
        }
    }
}

/// Keep one issue per id: a hand-written RON issue replaces a parsed text
/// issue of the same id; otherwise the first in file order stays. The one
/// rule for the corpus and for the index's summaries.
fn keep_one_per_id<T: Ordered>(items: &mut Vec<T>) {
    let mut keep = vec![true; items.len()];
    let mut seen: foldhash::HashMap<&str, usize> = foldhash::HashMap::default();
    seen.reserve(items.len());
    for (i, item) in items.iter().enumerate() {
        let o = item.order();
        if let Some(j) = seen.get_mut(o.id) {
            let (drop, stay) = if o.is_ron { (*j, i) } else { (i, *j) };
            keep[drop] = false;
            *j = stay;
        } else {
            seen.insert(o.id, i);
        }
    }
    drop(seen);
    let mut k = keep.iter();
    items.retain(|_| *k.next().unwrap_or(&true));
}

/// Issues (or what stands for them) in file order, in the corpus's order,
/// one per id (see [`IssueSummary::in_corpus_order`]).
pub(crate) fn in_corpus_order<T: Ordered>(mut items: Vec<T>) -> Vec<T> {
    keep_one_per_id(&mut items);
    sort_newest_first(&mut items);
    items
}

/// The corpus's order: newest first, then by source file name.
fn sort_newest_first<T: Ordered>(items: &mut [T]) {
    items.sort_by(|a, b| {
        let (a, b) = (a.order(), b.order());
        b.date.cmp(&a.date).then_with(|| a.source.cmp(b.source))
    });
}

/// How precise a date key (`2025-09-25`, `2020-11`, `2023`) is, if it is one.
fn date_key_precision(key: &str) -> Option<DatePrecision> {
    let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = key.split('-').collect();
    match parts.as_slice() {
        [y] if digits(y, 4) => Some(DatePrecision::Year),
        [y, m] if digits(y, 4) && digits(m, 2) => Some(DatePrecision::Month),
        [y, m, d] if digits(y, 4) && digits(m, 2) && digits(d, 2) => Some(DatePrecision::Day),
        _ => None,
    }
}

/// The bundled corpus, compiled into the binary (see build.rs).
pub mod embedded {
    include!(concat!(env!("OUT_DIR"), "/embedded_issues.rs"));
}

impl Corpus {
    /// Load every `*.txt` and `*.ron` issue of a folder. Files that cannot be
    /// read become warnings; only a folder that cannot be listed is an error.
    /// Files are read and parsed on all cores, each read just before it is
    /// parsed and dropped after, so the folder is never in memory whole.
    pub fn load(dir: &Path) -> Result<Corpus> {
        let (entries, warnings) = read::list_dir(dir)
            .with_context(|| format!("cannot read the issues folder {}", dir.display()))?;
        let jobs: Vec<(usize, read::Entry)> = entries.into_iter().enumerate().collect();
        let parsed = parse_entries(jobs, None);
        Ok(Corpus::from_folder(parsed, warnings, dir.to_path_buf()))
    }

    /// The corpus of a folder from its parsed files (in file order) and the
    /// warnings of listing it.
    pub(crate) fn from_folder(
        parsed: Vec<(usize, Parsed)>,
        mut warnings: Vec<Warning>,
        dir: PathBuf,
    ) -> Corpus {
        let mut corpus = Corpus::from_parsed(parsed.into_iter().map(|(_, p)| p), &mut warnings);
        corpus.warnings = warnings;
        corpus.origin = Origin::Folder(dir);
        corpus
    }

    /// The corpus compiled into the binary.
    pub fn embedded() -> Corpus {
        let files = embedded::FILES
            .iter()
            .map(|(name, bytes)| SourceFile {
                name: name.to_string(),
                bytes: bytes.to_vec(),
            })
            .collect();
        let mut warnings = Vec::new();
        let mut corpus = Corpus::from_files(files, &mut warnings);
        corpus.warnings = warnings;
        corpus.origin = Origin::Embedded;
        corpus
    }

    /// Build a corpus from files already in memory. Files are decoded and
    /// parsed on all cores (each file on its own; the results are merged in
    /// file order, so the corpus and its warnings do not depend on it).
    pub fn from_files(files: Vec<SourceFile>, warnings: &mut Vec<Warning>) -> Corpus {
        // Each file's bytes are dropped as soon as it is parsed.
        let jobs: Vec<(usize, SourceFile)> = files.into_iter().enumerate().collect();
        let parsed = parse_all(jobs, parse_file, None);
        Corpus::from_parsed(parsed.into_iter().map(|(_, p)| p), warnings)
    }

    /// Build a corpus from parsed files, in file order.
    fn from_parsed(
        parsed: impl IntoIterator<Item = Parsed>,
        warnings: &mut Vec<Warning>,
    ) -> Corpus {
        let mut taxonomy = None;
        let mut issues = Vec::new();
        let mut files_read = 0;
        for result in parsed {
            match result {
                Parsed::Topics(file) => {
                    match read::decode(&file.bytes)
                        .map_err(|e| e.to_string())
                        .and_then(|(t, _, _)| Taxonomy::from_ron(&t).map_err(|e| e.to_string()))
                    {
                        Ok(t) => taxonomy = Some(t),
                        Err(e) => warnings.push(Warning::new(
                            &file.name,
                            WarningKind::Taxonomy,
                            format!("{e}; using the built-in taxonomy"),
                        )),
                    }
                }
                Parsed::Issue(issue, mut w) => {
                    files_read += 1;
                    warnings.append(&mut w);
                    issues.push(*issue);
                }
                Parsed::Many(many, mut w) => {
                    files_read += 1;
                    for (issue, mut iw) in many {
                        warnings.append(&mut iw);
                        issues.push(issue);
                    }
                    warnings.append(&mut w);
                }
                Parsed::Failed(w) => warnings.push(w),
            }
        }
        let taxonomy = taxonomy.unwrap_or_else(Taxonomy::builtin);
        Corpus::assemble(issues, &taxonomy, warnings, files_read)
    }

    /// Sort issues, file articles under topics and build the directories.
    pub fn assemble(
        mut issues: Vec<Issue>,
        taxonomy: &Taxonomy,
        warnings: &mut Vec<Warning>,
        files_read: usize,
    ) -> Corpus {
        keep_one_per_id(&mut issues);
        // Warnings come in file order: file before sorting.
        for issue in &mut issues {
            taxonomy.assign(issue, warnings);
        }
        sort_newest_first(&mut issues);
        // Independent: made side by side.
        let (people, topics) = std::thread::scope(|scope| {
            let people = scope.spawn(|| people::directory(&issues));
            let topics = taxonomy.tree(&issues);
            match people.join() {
                Ok(people) => (people, topics),
                Err(e) => std::panic::resume_unwind(e),
            }
        });
        Corpus {
            issues,
            people,
            topics,
            warnings: Vec::new(),
            origin: Origin::Embedded,
            files_read,
        }
    }

    /// Find an issue by file name, id, or date as `list` shows it or less
    /// precisely (`2025-09-25`, `2020-11`, `2023`): the first issue, in
    /// corpus order, whose date is known at least that precisely and falls
    /// on that day, in that month or in that year.
    pub fn find_issue(&self, key: &str) -> Option<usize> {
        find_issue(&self.issues, key)
    }

    /// Every issue's summary, in corpus order.
    pub fn summaries(&self) -> Vec<IssueSummary> {
        self.issues.iter().map(IssueSummary::of).collect()
    }

    /// All meetings of all issues with the index of their issue, sorted by
    /// date and time; the same meeting announced in several issues once.
    pub fn all_meetings(&self) -> Vec<(usize, &Meeting)> {
        self.meeting_index()
            .into_iter()
            .map(|(i, m)| (i, &self.issues[i].meetings[m]))
            .collect()
    }

    /// `all_meetings` as (issue, meeting) indices, to keep beside the corpus.
    pub fn meeting_index(&self) -> Vec<(usize, usize)> {
        let mut all: Vec<(usize, usize)> = Vec::new();
        // Meeting → position in `all`: the first announcement.
        let mut first: std::collections::HashMap<MeetingKey, usize> =
            std::collections::HashMap::new();
        let get = |(i, m): (usize, usize)| &self.issues[i].meetings[m];
        for (i, issue) in self.issues.iter().enumerate() {
            for (mi, m) in issue.meetings.iter().enumerate() {
                let key = m.key();
                if let Some(&pos) = first.get(&key) {
                    // Keep the announcement that knows the time.
                    if get(all[pos]).start.is_none() && m.start.is_some() {
                        all[pos] = (i, mi);
                    }
                    continue;
                }
                first.insert(key, all.len());
                all.push((i, mi));
            }
        }
        all.sort_by(|&a, &b| {
            let (a, b) = (get(a), get(b));
            (a.date, a.start, &a.title).cmp(&(b.date, b.start, &b.title))
        });
        all
    }
}

/// One file's outcome.
#[derive(Clone)]
pub(crate) enum Parsed {
    /// The taxonomy file (read in file order by the caller).
    Topics(SourceFile),
    /// An issue and the warnings of its file, in order.
    Issue(Box<Issue>, Vec<Warning>),
    /// The issues of a file holding several (a mailbox), each
    /// with its warnings, and the warnings of the file itself.
    Many(Vec<(Issue, Vec<Warning>)>, Vec<Warning>),
    Failed(Warning),
}

/// Decode and parse one file.
fn parse_file(file: SourceFile) -> Parsed {
    if file.name.eq_ignore_ascii_case(read::TOPICS_FILE) {
        return Parsed::Topics(file);
    }
    let documents = sources::read_file(&file);
    drop(file);
    parse_documents(documents)
}

/// Read one listed file and parse it.
fn parse_entry(entry: read::Entry) -> Parsed {
    if entry.name.eq_ignore_ascii_case(read::TOPICS_FILE) {
        return match entry.read() {
            Ok(file) => Parsed::Topics(file),
            Err(w) => Parsed::Failed(w),
        };
    }
    parse_documents(sources::read_entry(&entry))
}

/// Parse what a source gave: one issue (the common case), several (a
/// mailbox) or none (a warning).
fn parse_documents(read: sources::Outcome) -> Parsed {
    let sources::Outcome {
        documents,
        mut warnings,
    } = read;
    if documents.len() == 1 && warnings.is_empty() {
        let doc = documents.into_iter().next().expect("one document");
        let (issue, w) = sources::into_issue(doc);
        return Parsed::Issue(Box::new(issue), w);
    }
    if documents.is_empty() && warnings.len() == 1 {
        return Parsed::Failed(warnings.remove(0));
    }
    // A mailbox's messages are parsed on all cores, like a folder's files.
    let jobs: Vec<(usize, sources::Document)> = documents.into_iter().enumerate().collect();
    let to_issue = |d| {
        let (issue, w) = sources::into_issue(d);
        Parsed::Issue(Box::new(issue), w)
    };
    let issues = parse_all(jobs, to_issue, None)
        .into_iter()
        .filter_map(|(_, p)| match p {
            Parsed::Issue(issue, w) => Some((*issue, w)),
            _ => None,
        })
        .collect();
    Parsed::Many(issues, warnings)
}

/// Read and parse listed files on all cores (see `parse_all`).
pub(crate) fn parse_entries(
    jobs: Vec<(usize, read::Entry)>,
    done: Option<&AtomicUsize>,
) -> Vec<(usize, Parsed)> {
    parse_all(jobs, parse_entry, done)
}

/// How many threads work at once: the cores this process may use, asked
/// once (each asking reads the cgroup's files).
pub(crate) fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

/// Files per thread below which a second thread is not worth starting.
const FILES_PER_THREAD: usize = 8;

/// Run `f` on every job, on as many threads as there are cores. Threads
/// take the jobs in the order given (the first ones first, so the files
/// wanted soonest are ready soonest); the results come back sorted by the
/// jobs' keys. `done` counts the jobs finished, for a progress display.
fn parse_all<T, F>(jobs: Vec<(usize, T)>, f: F, done: Option<&AtomicUsize>) -> Vec<(usize, Parsed)>
where
    T: Send,
    F: Fn(T) -> Parsed + Sync,
{
    let threads = cores().min(jobs.len() / FILES_PER_THREAD).max(1);
    let count = |n: usize| {
        if let Some(d) = done {
            d.fetch_add(n, Ordering::Relaxed);
        }
    };
    let mut out: Vec<(usize, Parsed)> = if threads == 1 {
        jobs.into_iter()
            .map(|(k, job)| {
                let p = f(job);
                count(1);
                (k, p)
            })
            .collect()
    } else {
        // One queue: each thread takes the next job when it is free.
        let queue = Mutex::new(jobs.into_iter());
        let next = || queue.lock().ok().and_then(|mut q| q.next());
        std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|_| {
                    scope.spawn(|| {
                        let mut mine = Vec::new();
                        while let Some((k, job)) = next() {
                            mine.push((k, f(job)));
                            count(1);
                        }
                        mine
                    })
                })
                .collect();
            handles
                .into_iter()
                .flat_map(|h| match h.join() {
                    Ok(v) => v,
                    // A panic in the parser is a bug; pass it on unchanged.
                    Err(e) => std::panic::resume_unwind(e),
                })
                .collect()
        })
    };
    out.sort_by_key(|(k, _)| *k);
    out
}

/// `f` over `items` on all cores (in chunks of at least 32), in order.
pub(crate) fn par_map<T: Send, U: Send>(items: Vec<T>, f: impl Fn(T) -> U + Sync) -> Vec<U> {
    let threads = cores().min(items.len() / 32).max(1);
    if threads == 1 {
        return items.into_iter().map(f).collect();
    }
    let per = items.len().div_ceil(threads);
    let mut chunks: Vec<Vec<T>> = Vec::with_capacity(threads);
    let mut rest = items.into_iter();
    for _ in 0..threads {
        chunks.push(rest.by_ref().take(per).collect());
    }
    let f = &f;
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|chunk| scope.spawn(move || chunk.into_iter().map(f).collect::<Vec<U>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| match h.join() {
                Ok(r) => r,
                Err(e) => std::panic::resume_unwind(e),
            })
            .collect()
    })
}
