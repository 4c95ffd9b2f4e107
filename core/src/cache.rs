//! A cache of parsed files, so that a large issues folder is whole in the
//! reader within a second or two of every start after the first.
//!
//! One file per issues folder in the user's cache folder (never in the
//! issues folder, which may be shared and read-only): JSON lines, a header
//! then one record per parsed text or RON file with the file's name, size
//! and modification time. A record is used only while all three still
//! match the file, and the whole cache only when it was written by the same
//! parser (a fingerprint of the parser's source, from build.rs), so an
//! edited file or a new reader version parses afresh. The taxonomy is not
//! cached (topics are filed after parsing), nor are unreadable files.
//!
//! A cache is disposable: one that cannot be read or written is ignored
//! (and rewritten on the next load); it never stops the corpus loading.

use std::collections::HashMap;
use std::fs;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::UNIX_EPOCH;

use serde::{Deserialize, Serialize};

use super::model::Issue;
use super::read::Entry;
use super::Warning;

/// Changes when the cache file's layout changes.
const FORMAT: u32 = 1;

/// Which parser wrote a cache: the crate version and a hash of the
/// parser's source (see build.rs).
fn parser() -> String {
    format!(
        "{}+{}",
        env!("CARGO_PKG_VERSION"),
        env!("NYHETSBREV_PARSER_HASH")
    )
}

#[derive(Serialize, Deserialize, PartialEq, Debug)]
struct Header {
    format: u32,
    parser: String,
}

/// A file's identity as listed: size and modification time.
#[derive(Serialize, Deserialize, Clone, Copy, PartialEq, Eq, Debug)]
struct Stamp {
    len: u64,
    secs: u64,
    nanos: u32,
}

impl Stamp {
    /// None when the file system gives no usable modification time: such a
    /// file is never taken from the cache.
    fn of(entry: &Entry) -> Option<Stamp> {
        let d = entry.modified?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            len: entry.len,
            secs: d.as_secs(),
            nanos: d.subsec_nanos(),
        })
    }
}

#[derive(Serialize, Deserialize)]
struct Record {
    name: String,
    stamp: Stamp,
    issue: Issue,
    warnings: Vec<Warning>,
}

/// The cached records of one issues folder.
#[derive(Default)]
pub struct Cache {
    records: HashMap<String, Record>,
}

/// Where the cache of the issues folder `dir` is kept inside `cache_dir`.
pub fn file_for(cache_dir: &Path, dir: &Path) -> PathBuf {
    use std::hash::{Hash, Hasher};
    let canonical = fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical.hash(&mut h);
    cache_dir.join(format!("parsed-{:016x}.jsonl", h.finish()))
}

impl Cache {
    /// Read the cache file; a missing, damaged or outdated one is empty.
    pub fn read(path: &Path) -> Cache {
        let Ok(file) = fs::File::open(path) else {
            return Cache::default();
        };
        let mut input = BufReader::new(file);
        // One line buffer for the whole file: records are tens of kB each.
        let mut line = String::new();
        let mut next_line = |line: &mut String| {
            line.clear();
            matches!(input.read_line(line), Ok(n) if n > 0)
        };
        let header: Option<Header> = next_line(&mut line)
            .then(|| serde_json::from_str(&line).ok())
            .flatten();
        let current = Header {
            format: FORMAT,
            parser: parser(),
        };
        if header.as_ref() != Some(&current) {
            return Cache::default();
        }
        let mut records = HashMap::new();
        while next_line(&mut line) {
            // A damaged record (a write cut short) ends the cache there.
            let Ok(mut r) = serde_json::from_str::<Record>(&line) else {
                break;
            };
            // Lists read from JSON grow by doubling: give back the slack.
            r.issue.shrink_to_fit();
            records.insert(r.name.clone(), r);
        }
        Cache { records }
    }

    /// The parsed file, if the cache has it for the file as it is now.
    pub fn take(&mut self, entry: &Entry) -> Option<(Issue, Vec<Warning>)> {
        let stamp = Stamp::of(entry)?;
        match self.records.remove(&entry.name) {
            Some(r) if r.stamp == stamp => Some((r.issue, r.warnings)),
            _ => None,
        }
    }

    /// Number of records read.
    pub fn len(&self) -> usize {
        self.records.len()
    }

    pub fn is_empty(&self) -> bool {
        self.records.is_empty()
    }
}

/// Write the cache of a folder: one record per (listed file, parsed issue
/// and its warnings). Written to a temporary file and renamed into place,
/// so a reader never sees half a cache.
pub fn write<'a>(
    path: &Path,
    files: impl IntoIterator<Item = (&'a Entry, &'a Issue, &'a [Warning])>,
) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
        remove_stale(parent, path);
    }
    let tmp = path.with_extension(format!("tmp{}", std::process::id()));
    let result = (|| {
        let mut out = BufWriter::new(fs::File::create(&tmp)?);
        let header = Header {
            format: FORMAT,
            parser: parser(),
        };
        serde_json::to_writer(&mut out, &header)?;
        out.write_all(b"\n")?;
        for (entry, issue, warnings) in files {
            let Some(stamp) = Stamp::of(entry) else {
                continue;
            };
            #[derive(Serialize)]
            struct RecordRef<'b> {
                name: &'b str,
                stamp: Stamp,
                issue: &'b Issue,
                warnings: &'b [Warning],
            }
            serde_json::to_writer(
                &mut out,
                &RecordRef {
                    name: &entry.name,
                    stamp,
                    issue,
                    warnings,
                },
            )?;
            out.write_all(b"\n")?;
        }
        out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

/// Remove temporary files of `path` left by readers that ended while
/// writing it (an hour old: no writer takes that long).
fn remove_stale(folder: &Path, path: &Path) {
    let Some(stem) = path.file_stem().and_then(|s| s.to_str()) else {
        return;
    };
    let prefix = format!("{stem}.tmp");
    let Ok(list) = fs::read_dir(folder) else {
        return;
    };
    for e in list.flatten() {
        let old = e
            .metadata()
            .and_then(|m| m.modified())
            .ok()
            .and_then(|t| t.elapsed().ok())
            .is_some_and(|age| age.as_secs() > 3600);
        if old && e.file_name().to_string_lossy().starts_with(&prefix) {
            let _ = fs::remove_file(e.path());
        }
    }
}
