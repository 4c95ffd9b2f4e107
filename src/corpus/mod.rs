//! The corpus core: reading files, parsing them into issues, and the
//! corpus-wide views built on top (people directory, topic tree).
//!
//! Nothing in here depends on the terminal UI.

pub mod calendar;
pub mod dates;
pub mod model;
pub mod parse;
pub mod people;
pub mod read;
pub mod text;
pub mod topics;

use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use serde::Serialize;

pub use model::*;
use read::{Source, SourceFile};
use topics::Taxonomy;

/// What kind of trouble a file gave.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
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
}

/// Something a file contained that the reader could not understand.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
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
    pub fn load(dir: &Path) -> Result<Corpus> {
        let (files, mut warnings) = read::read_dir(dir)
            .with_context(|| format!("cannot read the issues folder {}", dir.display()))?;
        let mut corpus = Corpus::from_files(files, &mut warnings);
        corpus.warnings = warnings;
        corpus.origin = Origin::Folder(dir.to_path_buf());
        Ok(corpus)
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
        let parsed = parse_files(files);
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
        let mut all: Vec<(usize, &Meeting)> = Vec::new();
        // (date, title key) → position in `all`: the first announcement.
        let mut first: std::collections::HashMap<(chrono::NaiveDate, String), usize> =
            std::collections::HashMap::new();
        for (i, issue) in self.issues.iter().enumerate() {
            for m in &issue.meetings {
                let key = (m.date, text::fold_key(&m.title));
                if let Some(&pos) = first.get(&key) {
                    // Keep the announcement that knows the time.
                    if all[pos].1.start.is_none() && m.start.is_some() {
                        all[pos] = (i, m);
                    }
                    continue;
                }
                first.insert(key, all.len());
                all.push((i, m));
            }
        }
        all.sort_by(|a, b| {
            (a.1.date, a.1.start, &a.1.title).cmp(&(b.1.date, b.1.start, &b.1.title))
        });
        all
    }
}

/// One file's outcome.
enum Parsed {
    /// The taxonomy file (read in file order by the caller).
    Topics(SourceFile),
    /// An issue and the warnings of its file, in order.
    Issue(Box<Issue>, Vec<Warning>),
    Failed(Warning),
}

/// Decode and parse one file.
fn parse_file(file: SourceFile) -> Parsed {
    if file.name.eq_ignore_ascii_case(read::TOPICS_FILE) {
        return Parsed::Topics(file);
    }
    let classified = read::classify(&file);
    drop(file);
    match classified {
        Ok((source, mut warnings)) => match source {
            Source::Text {
                name,
                text,
                encoding,
            } => {
                let (mut issue, mut w) = parse::parse_issue(&name, &text);
                drop(text);
                issue.encoding = encoding.to_string();
                issue.shrink_to_fit();
                warnings.append(&mut w);
                Parsed::Issue(Box::new(issue), warnings)
            }
            Source::Ron { name, issue } => {
                let mut issue = *issue;
                issue.encoding = "ron".to_string();
                if issue.id.is_empty() {
                    issue.id = parse::id_from_name(&name);
                }
                issue.shrink_to_fit();
                Parsed::Issue(Box::new(issue), warnings)
            }
        },
        Err(w) => Parsed::Failed(w),
    }
}

/// Files per thread below which a second thread is not worth starting.
const FILES_PER_THREAD: usize = 8;

/// Parse every file, on as many threads as there are cores (contiguous
/// chunks; results in file order).
fn parse_files(files: Vec<SourceFile>) -> Vec<Parsed> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let threads = cores.min(files.len() / FILES_PER_THREAD).max(1);
    if threads == 1 {
        return files.into_iter().map(parse_file).collect();
    }
    let chunk = files.len().div_ceil(threads);
    let mut parts: Vec<Vec<SourceFile>> = Vec::new();
    let mut files = files.into_iter().peekable();
    while files.peek().is_some() {
        parts.push(files.by_ref().take(chunk).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = parts
            .into_iter()
            .map(|part| scope.spawn(move || part.into_iter().map(parse_file).collect::<Vec<_>>()))
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
}
