//! nyhetsbrev-core: reading files, parsing them into issues, and the
//! corpus-wide views built on top (people directory, topic tree).
//!
//! Nothing in here depends on the terminal UI.

pub mod cache;
pub mod calendar;
pub mod clean;
pub mod dates;
pub mod jump;
pub mod model;
pub mod parse;
pub mod people;
pub mod read;
pub mod sanitize;
pub mod sources;
pub mod text;
pub mod topics;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex};

use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};

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
    fn from_folder(
        parsed: Vec<(usize, Parsed)>,
        mut warnings: Vec<Warning>,
        dir: PathBuf,
    ) -> Corpus {
        let mut corpus = Corpus::from_parsed(parsed.into_iter().map(|(_, p)| p), &mut warnings);
        corpus.warnings = warnings;
        corpus.origin = Origin::Folder(dir);
        corpus
    }

    /// Load a folder in two steps: the files most likely to be the newest
    /// issues now (see [`first_files`]), the whole folder on a background
    /// thread. `finish` runs on that thread with the whole corpus (to build
    /// what the caller needs from it there too); its result waits in the
    /// returned [`Pending`]. When the first step already covers the folder,
    /// the corpus returned is the whole one and there is nothing pending.
    ///
    /// The whole corpus is exactly what [`Corpus::load`] gives; files of the
    /// first step are parsed once.
    pub fn load_in_steps<T, F>(
        dir: &Path,
        cache_dir: Option<&Path>,
        finish: F,
    ) -> Result<(Corpus, Option<Pending<T>>)>
    where
        T: Send + 'static,
        F: FnOnce(Corpus) -> T + Send + 'static,
    {
        let (entries, warnings) = read::list_dir(dir)
            .with_context(|| format!("cannot read the issues folder {}", dir.display()))?;
        let (first, rest) = first_files(&entries);
        let first_jobs: Vec<(usize, read::Entry)> =
            first.iter().map(|&i| (i, entries[i].clone())).collect();
        let rest_jobs: Vec<(usize, read::Entry)> =
            rest.iter().map(|&i| (i, entries[i].clone())).collect();
        let folder = dir.to_path_buf();
        let first_parsed = parse_entries(first_jobs, None);
        if rest_jobs.is_empty() {
            return Ok((Corpus::from_folder(first_parsed, warnings, folder), None));
        }
        let now = Corpus::from_folder(first_parsed.clone(), warnings.clone(), folder.clone());
        let total = rest_jobs.len();
        let done = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel();
        let counter = Arc::clone(&done);
        let cache_file = cache_dir.map(|c| cache::file_for(c, dir));
        std::thread::Builder::new()
            .name("load".into())
            .spawn(move || {
                let mut parsed =
                    load_rest(rest_jobs, &first_parsed, &entries, cache_file, &counter);
                parsed.extend(first_parsed);
                parsed.sort_by_key(|(k, _)| *k);
                // The receiver may be gone (the reader quit): nothing to do.
                let _ = tx.send(finish(Corpus::from_folder(parsed, warnings, folder)));
            })
            .context("cannot start loading the issues in the background")?;
        Ok((
            now,
            Some(Pending {
                rx,
                done,
                total,
                over: false,
            }),
        ))
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
        // A hand-written RON issue replaces a parsed text issue of the same id.
        let mut seen = std::collections::HashMap::new();
        let mut keep = vec![true; issues.len()];
        for (i, issue) in issues.iter().enumerate() {
            if let Some(&j) = seen.get(&issue.id) {
                let (drop, stay) = if issue.encoding == "ron" {
                    (j, i)
                } else {
                    (i, j)
                };
                keep[drop] = false;
                seen.insert(issue.id.clone(), stay);
            } else {
                seen.insert(issue.id.clone(), i);
            }
        }
        let mut k = keep.iter();
        issues.retain(|_| *k.next().unwrap_or(&true));
        for issue in &mut issues {
            taxonomy.assign(issue, warnings);
        }
        issues.sort_by(|a, b| b.date.cmp(&a.date).then_with(|| a.source.cmp(&b.source)));
        let people = people::directory(&issues);
        let topics = taxonomy.tree(&issues);
        Corpus {
            issues,
            people,
            topics,
            warnings: Vec::new(),
            origin: Origin::Embedded,
            files_read,
        }
    }

    /// Find an issue by file name, id, or month (`2020-11`).
    pub fn find_issue(&self, key: &str) -> Option<usize> {
        let key = key.trim();
        self.issues
            .iter()
            .position(|i| i.source == key || i.id == key)
            .or_else(|| {
                self.issues.iter().position(|i| {
                    i.date
                        .map(|d| d.format("%Y-%m").to_string() == key)
                        .unwrap_or(false)
                })
            })
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
        // (date, title key) → position in `all`: the first announcement.
        let mut first: std::collections::HashMap<(chrono::NaiveDate, String), usize> =
            std::collections::HashMap::new();
        let get = |(i, m): (usize, usize)| &self.issues[i].meetings[m];
        for (i, issue) in self.issues.iter().enumerate() {
            for (mi, m) in issue.meetings.iter().enumerate() {
                let key = (m.date, text::fold_key(&m.title));
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

/// The second step of [`Corpus::load_in_steps`]: the files not read first,
/// from the cache where it has them as they are now, else parsed; then the
/// cache is brought up to date when anything changed. `first` are the
/// first step's results and `entries` every listed file (by key).
fn load_rest(
    jobs: Vec<(usize, read::Entry)>,
    first: &[(usize, Parsed)],
    entries: &[read::Entry],
    cache_file: Option<PathBuf>,
    done: &AtomicUsize,
) -> Vec<(usize, Parsed)> {
    let Some(cache_file) = cache_file else {
        return parse_entries(jobs, Some(done));
    };
    let mut cached = cache::Cache::read(&cache_file);
    // The first step's files are parsed already: only see if they changed.
    let mut changed = false;
    for (k, p) in first {
        if matches!(p, Parsed::Issue(..)) && cached.take(&entries[*k]).is_none() {
            changed = true;
        }
    }
    let mut out = Vec::with_capacity(jobs.len());
    let mut misses = Vec::new();
    for (k, e) in jobs {
        match cached.take(&e) {
            Some((issue, warnings)) => out.push((k, Parsed::Issue(Box::new(issue), warnings))),
            None => misses.push((k, e)),
        }
    }
    done.fetch_add(out.len(), Ordering::Relaxed);
    // Records left over are files gone from the folder.
    changed |= !misses.is_empty() || !cached.is_empty();
    drop(cached);
    out.extend(parse_entries(misses, Some(done)));
    if changed {
        let records = out.iter().chain(first).filter_map(|(k, p)| match p {
            Parsed::Issue(issue, w) => Some((&entries[*k], &**issue, w.as_slice())),
            _ => None,
        });
        // A cache that cannot be written is only slower next time.
        let _ = cache::write(&cache_file, records);
    }
    out
}

/// How many files the first step of [`Corpus::load_in_steps`] reads at most…
pub const FIRST_FILES: usize = 24;
/// …and how many bytes, so that it stays quick whatever the files are.
pub const FIRST_BYTES: u64 = 1024 * 1024;

/// Split listed files (indices into `entries`) into those to read first and
/// the rest. First: the taxonomy (it decides the topic tree) and the files
/// most likely to be the newest issues, guessed without reading them: the
/// most recently modified, then the last by name (names often carry the
/// date), up to [`FIRST_FILES`] files and [`FIRST_BYTES`] bytes (at least
/// one file). Both lists are in the order to read them.
pub fn first_files(entries: &[read::Entry]) -> (Vec<usize>, Vec<usize>) {
    let mut order: Vec<usize> = (0..entries.len()).collect();
    order.sort_by(|&a, &b| {
        let (ea, eb) = (&entries[a], &entries[b]);
        let topics = |e: &read::Entry| e.name.eq_ignore_ascii_case(read::TOPICS_FILE);
        topics(eb)
            .cmp(&topics(ea))
            .then_with(|| eb.modified.cmp(&ea.modified))
            .then_with(|| eb.name.cmp(&ea.name))
    });
    let mut first = Vec::new();
    let mut rest = Vec::new();
    let (mut files, mut bytes) = (0, 0);
    for i in order {
        let e = &entries[i];
        let is_topics = e.name.eq_ignore_ascii_case(read::TOPICS_FILE);
        if is_topics || files == 0 || (files < FIRST_FILES && bytes + e.len <= FIRST_BYTES) {
            if !is_topics {
                files += 1;
                bytes += e.len;
            }
            first.push(i);
        } else {
            rest.push(i);
        }
    }
    (first, rest)
}

/// The whole corpus, still loading on a background thread.
pub struct Pending<T> {
    rx: mpsc::Receiver<T>,
    done: Arc<AtomicUsize>,
    total: usize,
    over: bool,
}

/// What a [`Pending`] load has come to.
pub enum Loaded<T> {
    /// Still reading: files done of the files to do.
    Reading {
        done: usize,
        total: usize,
    },
    Done(T),
    /// The loading thread ended without a result (a bug in the parser).
    Failed,
}

impl<T> Pending<T> {
    /// The result if it is there, else how far the loading has come.
    /// After `Done` or `Failed`, `Failed` forever.
    pub fn poll(&mut self) -> Loaded<T> {
        if self.over {
            return Loaded::Failed;
        }
        match self.rx.try_recv() {
            Ok(t) => {
                self.over = true;
                Loaded::Done(t)
            }
            Err(mpsc::TryRecvError::Empty) => {
                let (done, total) = self.progress();
                Loaded::Reading { done, total }
            }
            Err(mpsc::TryRecvError::Disconnected) => {
                self.over = true;
                Loaded::Failed
            }
        }
    }

    /// Files read so far, and files to read.
    pub fn progress(&self) -> (usize, usize) {
        (
            self.done.load(Ordering::Relaxed).min(self.total),
            self.total,
        )
    }

    /// Block until the whole corpus is there (None: the thread failed).
    pub fn wait(self) -> Option<T> {
        if self.over {
            return None;
        }
        self.rx.recv().ok()
    }
}

/// One file's outcome.
#[derive(Clone)]
enum Parsed {
    /// The taxonomy file (read in file order by the caller).
    Topics(SourceFile),
    /// An issue and the warnings of its file, in order.
    Issue(Box<Issue>, Vec<Warning>),
    /// The issues of a file holding several (a mailbox; not cached), each
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
fn parse_entries(
    jobs: Vec<(usize, read::Entry)>,
    done: Option<&AtomicUsize>,
) -> Vec<(usize, Parsed)> {
    parse_all(jobs, parse_entry, done)
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
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(jobs.len() / FILES_PER_THREAD).max(1);
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
