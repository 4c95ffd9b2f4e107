//! The persistent index of an issues folder: every file's parse kept in
//! one SQLite database in the user's cache folder (never in the issues
//! folder), so that a lookup parses only what changed since the last one.
//!
//! One database per issues folder ([`file_for`]). It holds, per listed
//! file, its identity (size, modification and change time in nanoseconds,
//! inode, a hash of its content, when it was last looked at) and what
//! parsing it gave: the issue(s) it holds, serialised whole (each
//! article's text once, as its blocks: `model::StoredIssue`) and as a
//! *head* (every article without its text: enough for `list`, `meetings`
//! and `contacts`), the warnings, each meeting's date (indexed, so a
//! date range finds its issues without reading any other), and which
//! issues name each person (by the fold key of the name).
//!
//! **The contacts book** (the people directory merged across issues, with
//! each person's search fields) is kept too. A change makes a new
//! *generation*, and logs the people the written or removed files name,
//! before and after; the next `contacts` merges again only those people,
//! from the heads of the issues naming them, and keeps the others.
//!
//! **Change detection** follows git's "racy git" rule: a file is unchanged
//! when its size, times and inode are those stored *and* its modification
//! time is older than the listing that stored them, less [`RACY_MARGIN`].
//! Otherwise its content is hashed, and only a changed hash parses it
//! again. So a file rewritten within the same second with the same size is
//! noticed, and a file merely touched is not parsed again.
//!
//! **Versions**: the schema version and the parser's fingerprint (a hash of
//! the core's source, from build.rs) are stored; a mismatch empties the
//! index, which is then built again. So is an index written for another
//! folder.
//!
//! **Safety**: every update is one transaction (WAL journal, a busy
//! timeout), so two processes updating one index at once leave it
//! consistent, and a reader never sees half an update. An index that
//! cannot be written (read-only, held by another process) still answers:
//! what it has for unchanged files, fresh parses for the others. A damaged
//! or foreign file is an error from [`Index::open`]; the caller falls back
//! to parsing. The index is a cache: deleting it is always safe.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};
use std::fs;
use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use anyhow::{Context, Result};
use chrono::NaiveDate;
use rusqlite::{params, Connection, OpenFlags, OptionalExtension, TransactionBehavior};
use serde::{Deserialize, Serialize};

use crate::contacts::{Book, Directory, Field};
use crate::people::{self, Cast};
use crate::read::{self, Entry, SourceFile};
use crate::search::{self, Query};
use crate::topics::Taxonomy;
use crate::{
    par_map, parse_entries, Corpus, Issue, IssueSummary, Library, Parsed, Person, StoredIssue,
    Warning,
};

/// Files read and decoded together by [`Index::library`].
const DECODE_BATCH: usize = 512;

/// Changes when the tables change.
pub const SCHEMA: i64 = 7;

/// A file modified this close to (or after) the listing that stored its
/// identity is hashed again on the next look: file systems keep times in
/// steps as coarse as a second (two on FAT), so a rewrite within the same
/// step leaves the time unchanged.
pub const RACY_MARGIN: Duration = Duration::from_secs(3);

/// How long to wait for another process holding the index.
const BUSY_TIMEOUT: Duration = Duration::from_secs(3);

/// Which parser wrote an index: the crate version and a hash of the
/// core's source (see build.rs).
fn parser() -> String {
    format!(
        "{}+{}",
        env!("CARGO_PKG_VERSION"),
        env!("NYHETSBREV_PARSER_HASH")
    )
}

/// Where the index of the issues folder `dir` is kept inside `cache_dir`.
pub fn file_for(cache_dir: &Path, dir: &Path) -> PathBuf {
    cache_dir.join(format!("index-{:016x}.sqlite", folder_key(dir)))
}

/// The folder's canonical path, as stored in the index.
fn canonical(dir: &Path) -> PathBuf {
    fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf())
}

fn folder_key(dir: &Path) -> u64 {
    use std::hash::Hash;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    canonical(dir).hash(&mut h);
    h.finish()
}

/// A whole issue as the index stores it ([`Index::whole`]).
pub struct StoredWhole(Vec<u8>);

impl StoredWhole {
    /// The issue.
    pub fn issue(&self) -> Result<Issue> {
        decode_issue(&self.0)
    }
}

/// Where the issues read from the index's rows are stored, by source.
pub type Stored = HashMap<String, HeadAt>;

/// Where an issue held as a head is stored: its file and its place in it,
/// with the hash of its text ([`Issue::text_hash`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HeadAt {
    pub file: String,
    pub n: i64,
    pub text_hash: u64,
}

/// What a lookup needs from the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Want {
    /// Every issue whole (search, jump, export).
    Full,
    /// Every issue without its articles' text (list, contacts): the
    /// issue's fields, its articles' titles, sections, topics, people and
    /// contacts, its meetings.
    Heads,
    /// The issues announcing a meeting on a day in the range (either end
    /// open), as heads, with every issue sharing an id with one of them:
    /// what `meetings` needs to list, merge and name the meetings of that
    /// range exactly as over the whole corpus.
    Meetings(Option<NaiveDate>, Option<NaiveDate>),
    /// The issues whose text may hold what a full-text query finds (see
    /// [`search::Query::needles`]), whole, with every issue sharing an id
    /// with one of them: what `search` needs to rank exactly as over the
    /// whole corpus.
    Search(String),
    /// The issue a key names as [`Corpus::find_issue`] would find it in
    /// the whole corpus, whole, with every issue sharing its id (none when
    /// the key names no issue): what `read` needs.
    Issue(String),
}

/// How an update went.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Updated {
    /// Files listed.
    pub files: usize,
    /// Files whose content was hashed (changed or racy).
    pub hashed: usize,
    /// Files parsed (new or changed).
    pub parsed: usize,
    /// Files gone from the folder since the last update.
    pub removed: usize,
    /// Why the update could not be written, if it could not (the answers
    /// are still right: they come from the fresh parses).
    pub not_written: Option<String>,
}

/// A listed file with the identity the index compares.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Stamp {
    size: i64,
    mtime_ns: i64,
    ctime_ns: i64,
    inode: i64,
}

impl Stamp {
    /// The identity a listing took (see [`read::list_dir`]).
    fn of(e: &Entry) -> Stamp {
        Stamp {
            size: i64::try_from(e.len).unwrap_or(i64::MAX),
            mtime_ns: e
                .modified
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(-1, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX)),
            ctime_ns: e.changed_ns,
            inode: e.inode as i64,
        }
    }
}

/// One file's row in the index.
#[derive(Clone, Debug)]
struct FileRow {
    id: String,
    stamp: Stamp,
    hash: i64,
    seen_ns: i64,
}

/// The kept contacts book: its base under this key, each person under
/// [`person_key`].
const BOOK_KEY: &str = "book";

/// A kept person's row: by the fold key of its name.
fn person_key(key: &str) -> String {
    format!("person:{key}")
}

/// The contacts book without its people (who are kept one per row).
#[derive(Serialize, Deserialize)]
struct BookBase {
    /// Each person, in directory order.
    people: Vec<BasePerson>,
    directory: Directory,
    issues: Vec<IssueSummary>,
    /// The issue rows left out of the corpus, sorted.
    dropped: Vec<i64>,
}

/// What the base keeps of a person: the fold key of its name, its name,
/// and the first issue naming it (its row, and the person's place among
/// the people that issue names).
#[derive(Serialize, Deserialize, Clone, Debug)]
struct BasePerson {
    key: String,
    name: String,
    first: (i64, i64),
}

/// A book to keep: its base, the people merged anew, whether it replaces
/// the kept one whole.
struct KeptBook {
    base: BookBase,
    merged: Vec<(String, Person)>,
    whole: bool,
}

/// How a file's parse is stored: which variant of [`Parsed`].
const KIND_TOPICS: i64 = 0;
const KIND_ONE: i64 = 1;
const KIND_MANY: i64 = 2;
const KIND_FAILED: i64 = 3;

/// The index of one issues folder.
pub struct Index {
    conn: Connection,
    dir: PathBuf,
    path: PathBuf,
    /// The current listing, in file order, after [`Index::update`].
    entries: Vec<Entry>,
    warnings: Vec<Warning>,
    /// Files parsed by the last look (by name): until they are written,
    /// and those the index cannot keep.
    fresh: HashMap<String, Parsed>,
    /// Parses not (yet) in the index's tables: lookups that narrow by a
    /// table read every file instead.
    unwritten: bool,
    /// What the last look found to write.
    pending: Option<PendingWrite>,
    /// The folder's taxonomy, as the last look found it.
    taxonomy: Option<Taxonomy>,
}

/// The writes an [`Index::look`] leaves to [`Index::flush`].
struct PendingWrite {
    records: HashMap<String, Result<FileRecord, String>>,
    rows: HashMap<String, FileRow>,
    touched: Vec<(String, FileRow)>,
    gone: Vec<String>,
    taxonomy_key: String,
}

impl std::fmt::Debug for Index {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Index").field("path", &self.path).finish()
    }
}

fn now_ns() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX))
}

/// A hash of a file's content (streamed); None when it cannot be read.
fn content_hash(path: &Path) -> Option<i64> {
    let mut f = fs::File::open(path).ok()?;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        match f.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => h.write(&buf[..n]),
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(_) => return None,
        }
    }
    Some(h.finish() as i64)
}

const TABLES: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    name TEXT PRIMARY KEY,
    id TEXT NOT NULL,
    size INTEGER NOT NULL,
    mtime_ns INTEGER NOT NULL,
    ctime_ns INTEGER NOT NULL,
    inode INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    seen_ns INTEGER NOT NULL,
    kind INTEGER NOT NULL,
    data BLOB
);
CREATE TABLE IF NOT EXISTS issues (
    file TEXT NOT NULL,
    n INTEGER NOT NULL,
    id TEXT NOT NULL,
    summary TEXT NOT NULL,
    -- Issue::text_hash, as an integer.
    text INTEGER NOT NULL,
    PRIMARY KEY (file, n)
);
-- Which issues name each person (by the fold key of the name): the
-- contacts book is patched by merging those people again from the heads
-- of those issues.
CREATE TABLE IF NOT EXISTS casts (
    person TEXT NOT NULL,
    issue INTEGER NOT NULL,
    PRIMARY KEY (person, issue)
) WITHOUT ROWID;
-- The people whose casts changed in each generation (see Index::book).
CREATE TABLE IF NOT EXISTS dirty (generation INTEGER NOT NULL, person TEXT NOT NULL);
-- Each issue's head and whole, by the issue's rowid: apart from the small
-- rows above so that reading summaries, heads or wholes reads only those.
CREATE TABLE IF NOT EXISTS heads (data BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS wholes (data BLOB NOT NULL);
CREATE VIRTUAL TABLE IF NOT EXISTS texts USING fts5 (
    text, tokenize = 'trigram', detail = 'none', content = '', contentless_delete = 1
);
CREATE TABLE IF NOT EXISTS derived (
    key TEXT PRIMARY KEY,
    generation INTEGER NOT NULL,
    value BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS issues_id ON issues (id);
CREATE TABLE IF NOT EXISTS meetings (
    file TEXT NOT NULL,
    n INTEGER NOT NULL,
    date TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS meetings_date ON meetings (date);
CREATE INDEX IF NOT EXISTS meetings_file ON meetings (file);
";

impl Index {
    /// Open (or create) the index of `dir` in `cache_dir`. An index of
    /// another schema, parser or folder is emptied. Errors: the file is
    /// not an index (damaged, truncated, foreign) or cannot be opened.
    pub fn open(cache_dir: &Path, dir: &Path) -> Result<Index> {
        let path = file_for(cache_dir, dir);
        Index::open_at(&path, dir)
    }

    /// [`Index::open`] with the database's path given.
    pub fn open_at(path: &Path, dir: &Path) -> Result<Index> {
        if let Some(parent) = path.parent() {
            // A folder that cannot be made shows as the open failing.
            let _ = fs::create_dir_all(parent);
        }
        let conn = Connection::open_with_flags(
            path,
            OpenFlags::SQLITE_OPEN_READ_WRITE
                | OpenFlags::SQLITE_OPEN_CREATE
                | OpenFlags::SQLITE_OPEN_NO_MUTEX,
        )
        .or_else(|_| Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_ONLY))
        .with_context(|| format!("cannot open the index {}", path.display()))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL: readers never wait for a writer. A read-only file keeps
        // its journal mode (the pragma fails there; not an error).
        let _ = conn.pragma_update(None, "journal_mode", "WAL");
        let _ = conn.pragma_update(None, "synchronous", "NORMAL");
        // A lookup reads through the page cache rather than copying pages
        // (a long-lived reader turns it off: see `Index::unmap`).
        let _ = conn.pragma_update(None, "mmap_size", 1i64 << 30);
        let mut index = Index {
            conn,
            dir: dir.to_path_buf(),
            path: path.to_path_buf(),
            entries: Vec::new(),
            warnings: Vec::new(),
            fresh: HashMap::new(),
            unwritten: false,
            pending: None,
            taxonomy: None,
        };
        index.check_version()?;
        Ok(index)
    }

    /// Read by copying pages instead of mapping the file: for a process
    /// that stays (the reader), whose resident memory would otherwise
    /// count the pages of the whole index it read once.
    pub fn unmap(&self) {
        let _ = self.conn.pragma_update(None, "mmap_size", 0);
    }

    /// Where the database is.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Make the tables, and empty them when another schema, parser or
    /// folder wrote them. Reading the header is what finds a damaged or
    /// foreign file.
    fn check_version(&mut self) -> Result<()> {
        let has_meta: bool = self
            .conn
            .query_row(
                "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                [],
                |r| r.get::<_, i64>(0),
            )
            .context("the index is not a database")?
            > 0;
        let want = [
            ("schema", SCHEMA.to_string()),
            ("parser", parser()),
            ("folder", canonical(&self.dir).display().to_string()),
        ];
        let is_current = |conn: &Connection| -> Result<bool> {
            let mut ok = true;
            for (k, v) in &want {
                let got: Option<String> = conn
                    .query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
                    .optional()
                    .context("the index is damaged")?;
                ok &= got.as_deref() == Some(v.as_str());
            }
            Ok(ok)
        };
        if has_meta && is_current(&self.conn)? {
            // A file that says it is current must also be whole.
            self.conn
                .query_row("SELECT count(*) FROM files", [], |r| r.get::<_, i64>(0))
                .context("the index is damaged")?;
            return Ok(());
        }
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("cannot write the index")?;
        let foreign: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' \
             AND name NOT IN ('meta', 'files', 'issues', 'heads', 'wholes', 'meetings', 'derived', \
             'casts', 'dirty') \
             AND name NOT LIKE 'texts%'",
            [],
            |r| r.get(0),
        )?;
        anyhow::ensure!(foreign == 0, "the file is not an index of this program");
        // Another process may have made it while this one waited.
        let made: i64 = tx.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
            [],
            |r| r.get(0),
        )?;
        if made > 0 && is_current(&tx)? {
            return Ok(());
        }
        tx.execute_batch(
            "DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS files; \
             DROP TABLE IF EXISTS issues; DROP TABLE IF EXISTS meetings; \
             DROP TABLE IF EXISTS texts; DROP TABLE IF EXISTS derived; \
             DROP TABLE IF EXISTS heads; DROP TABLE IF EXISTS wholes; \
             DROP TABLE IF EXISTS casts; DROP TABLE IF EXISTS dirty;",
        )?;
        tx.execute_batch(TABLES)?;
        for (k, v) in &want {
            tx.execute(
                "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                params![k, v],
            )?;
        }
        tx.commit().context("cannot write the index")?;
        Ok(())
    }

    /// Bring the index up to date with the folder: list it, stat every
    /// file, hash those that may have changed, parse those that did (on
    /// all cores) and write new, changed and removed files' rows in one
    /// transaction. Errors: the folder cannot be listed, or the index
    /// cannot be read. An index that cannot be written is not an error
    /// (see [`Updated::not_written`]).
    pub fn update(&mut self) -> Result<Updated> {
        let mut updated = self.look(None)?;
        updated.not_written = self.flush();
        Ok(updated)
    }

    /// The first half of [`Index::update`]: list the folder, stat, hash
    /// and parse what changed (counting files in `done`), and keep the
    /// parses, so that [`Index::library`] and the others answer at once;
    /// [`Index::flush`] writes them. A reader shows the folder first and
    /// writes after.
    pub fn look(&mut self, done: Option<&AtomicUsize>) -> Result<Updated> {
        let listed_at = now_ns();
        let (entries, warnings) = read::list_dir(&self.dir)
            .with_context(|| format!("cannot read the issues folder {}", self.dir.display()))?;
        let (taxonomy, taxonomy_key) = folder_taxonomy(&entries);
        let stored_taxonomy: Option<String> = self
            .conn
            .query_row("SELECT value FROM meta WHERE key = 'taxonomy'", [], |r| {
                r.get(0)
            })
            .optional()
            .context("cannot read the index")?;
        let stored_all = self.stored_files()?;
        // Another taxonomy: every file's head is made again (its topics).
        let retaxed = stored_taxonomy.as_deref() != Some(taxonomy_key.as_str());
        let racy_ns = i64::try_from(RACY_MARGIN.as_nanos()).unwrap_or(i64::MAX);
        let mut result = Updated {
            files: entries.len(),
            ..Updated::default()
        };
        // Files to parse, and files found unchanged by their hash (whose
        // identity is written again).
        let mut jobs: Vec<(usize, Entry)> = Vec::new();
        let mut new_rows: HashMap<String, FileRow> = HashMap::new();
        let mut touched: Vec<(String, FileRow)> = Vec::new();
        // Listed files the index has a row for: when that is every row,
        // no file is gone.
        let mut known = 0;
        for (k, e) in entries.iter().enumerate() {
            let stamp = Stamp::of(e);
            let old = stored_all.get(&e.name);
            known += usize::from(old.is_some());
            let old = old.filter(|_| !retaxed);
            let trusted = old.is_some_and(|o| {
                o.id == e.id
                    && o.stamp == stamp
                    && stamp.mtime_ns >= 0
                    && stamp.mtime_ns < o.seen_ns.saturating_sub(racy_ns)
            });
            if trusted {
                continue;
            }
            result.hashed += 1;
            // Unreadable (0): parsed, which says why, and kept as it is
            // until its identity changes.
            let hash = content_hash(&e.path).unwrap_or(0);
            let row = FileRow {
                id: e.id.clone(),
                stamp,
                hash,
                seen_ns: listed_at,
            };
            match old {
                Some(o) if o.id == e.id && o.hash == hash && hash != 0 => {
                    if o.stamp != row.stamp || o.seen_ns != listed_at {
                        touched.push((e.name.clone(), row));
                    }
                }
                _ => {
                    new_rows.insert(e.name.clone(), row);
                    jobs.push((k, e.clone()));
                }
            }
        }
        let gone: Vec<String> = if known == stored_all.len() {
            Vec::new()
        } else {
            let listed: HashSet<&str> = entries.iter().map(|e| e.name.as_str()).collect();
            stored_all
                .keys()
                .filter(|n| !listed.contains(n.as_str()))
                .cloned()
                .collect()
        };
        result.removed = gone.len();
        result.parsed = jobs.len();
        if let Some(done) = done {
            done.fetch_add(entries.len() - jobs.len(), Ordering::Relaxed);
        }
        let parsed = parse_entries(jobs, done);
        let mut fresh = HashMap::new();
        self.unwritten = !parsed.is_empty();
        for (k, p) in parsed {
            fresh.insert(entries[k].name.clone(), p);
        }
        self.entries = entries;
        self.warnings = warnings;
        // Encoded now, on all cores, so that the parses can be handed over
        // ([`Index::take_library`]) before they are written.
        self.pending = (!fresh.is_empty() || !gone.is_empty() || !touched.is_empty() || retaxed)
            .then(|| PendingWrite {
                records: encode_all(&fresh, &taxonomy),
                rows: new_rows,
                touched,
                gone,
                taxonomy_key,
            });
        self.fresh = fresh;
        self.taxonomy = Some(taxonomy);
        Ok(result)
    }

    /// Write what the last [`Index::look`] found changed, in one
    /// transaction; the reason when it could not be written (the answers
    /// stay right: they come from the fresh parses, kept).
    pub fn flush(&mut self) -> Option<String> {
        let pending = self.pending.take()?;
        let change = Change {
            records: &pending.records,
            rows: &pending.rows,
            touched: &pending.touched,
            gone: &pending.gone,
            taxonomy_key: &pending.taxonomy_key,
        };
        if let Err(e) = self.write(change) {
            self.unwritten = true;
            return Some(format!("{e:#}"));
        }
        // Written files are read from the index from now on; a file that
        // could not be read has no identity to keep, and stays fresh.
        self.fresh
            .retain(|name, _| !pending.rows.contains_key(name));
        self.unwritten = false;
        None
    }

    fn stored_files(&self) -> Result<HashMap<String, FileRow>> {
        let mut stmt = self
            .conn
            .prepare("SELECT name, id, size, mtime_ns, ctime_ns, inode, hash, seen_ns FROM files")
            .context("cannot read the index")?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    r.get::<_, String>(0)?,
                    FileRow {
                        id: r.get(1)?,
                        stamp: Stamp {
                            size: r.get(2)?,
                            mtime_ns: r.get(3)?,
                            ctime_ns: r.get(4)?,
                            inode: r.get(5)?,
                        },
                        hash: r.get(6)?,
                        seen_ns: r.get(7)?,
                    },
                ))
            })
            .context("cannot read the index")?;
        let mut out = HashMap::new();
        for r in rows {
            let (name, row) = r.context("the index is damaged")?;
            out.insert(name, row);
        }
        Ok(out)
    }

    /// Write one update in one transaction.
    fn write(&mut self, change: Change) -> Result<()> {
        let Change {
            records,
            rows,
            touched,
            gone,
            taxonomy_key,
        } = change;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)
            .context("cannot write the index")?;
        let stored_taxonomy: Option<String> = tx
            .query_row("SELECT value FROM meta WHERE key = 'taxonomy'", [], |r| {
                r.get(0)
            })
            .optional()?;
        tx.execute(
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('taxonomy', ?1)",
            [taxonomy_key],
        )?;
        // What is derived from every issue (the contacts book) is made
        // again when next asked for, if an issue may have changed: not
        // when files were only found unchanged by their hash (a file
        // changed a moment ago is hashed again by each lookup for a few
        // seconds, see [`RACY_MARGIN`]).
        let changed = !rows.is_empty()
            || !gone.is_empty()
            || stored_taxonomy.as_deref() != Some(taxonomy_key);
        // The people named by a file written or removed, before or after.
        let mut dirty: HashSet<String> = HashSet::new();
        if changed {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('generation', \
                 CAST(COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'), 0) + 1 AS TEXT))",
                [],
            )?;
        }
        {
            let mut del_file = tx.prepare_cached("DELETE FROM files WHERE name = ?1")?;
            let mut del_texts = tx.prepare_cached(
                "DELETE FROM texts WHERE rowid IN (SELECT rowid FROM issues WHERE file = ?1)",
            )?;
            let mut del_heads = tx.prepare_cached(
                "DELETE FROM heads WHERE rowid IN (SELECT rowid FROM issues WHERE file = ?1)",
            )?;
            let mut del_wholes = tx.prepare_cached(
                "DELETE FROM wholes WHERE rowid IN (SELECT rowid FROM issues WHERE file = ?1)",
            )?;
            let mut del_issues = tx.prepare_cached("DELETE FROM issues WHERE file = ?1")?;
            let mut del_meetings = tx.prepare_cached("DELETE FROM meetings WHERE file = ?1")?;
            let mut old_heads = tx.prepare_cached(
                "SELECT i.rowid, h.data FROM issues i JOIN heads h ON h.rowid = i.rowid \
                 WHERE i.file = ?1",
            )?;
            let mut del_cast =
                tx.prepare_cached("DELETE FROM casts WHERE person = ?1 AND issue = ?2")?;
            for name in gone.iter().chain(records.keys()) {
                let old: Vec<(i64, Vec<u8>)> = old_heads
                    .query_map([name], |r| Ok((r.get(0)?, r.get(1)?)))?
                    .collect::<rusqlite::Result<_>>()?;
                for (rowid, head) in old {
                    for key in people::keys(&decode_issue(&head)?) {
                        del_cast.execute(params![key, rowid])?;
                        dirty.insert(key);
                    }
                }
                del_file.execute([name])?;
                del_texts.execute([name])?;
                del_heads.execute([name])?;
                del_wholes.execute([name])?;
                del_issues.execute([name])?;
                del_meetings.execute([name])?;
            }
            let mut put_file = tx.prepare_cached(
                "INSERT INTO files (name, id, size, mtime_ns, ctime_ns, inode, hash, seen_ns, kind, data) \
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
            )?;
            let mut put_issue = tx.prepare_cached(
                "INSERT INTO issues (file, n, id, summary, text) VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut put_cast =
                tx.prepare_cached("INSERT INTO casts (person, issue) VALUES (?1, ?2)")?;
            let mut put_text =
                tx.prepare_cached("INSERT INTO texts (rowid, text) VALUES (?1, ?2)")?;
            let mut put_head =
                tx.prepare_cached("INSERT INTO heads (rowid, data) VALUES (?1, ?2)")?;
            let mut put_whole =
                tx.prepare_cached("INSERT INTO wholes (rowid, data) VALUES (?1, ?2)")?;
            let mut put_meeting =
                tx.prepare_cached("INSERT INTO meetings (file, n, date) VALUES (?1, ?2, ?3)")?;
            for (name, record) in records {
                // A file that vanished between listing and parsing has no
                // identity to keep: it is parsed again next time.
                let Some(row) = rows.get(name) else { continue };
                let record = record.as_ref().map_err(|e| anyhow::anyhow!("{e}"))?;
                put_file.execute(params![
                    name,
                    row.id,
                    row.stamp.size,
                    row.stamp.mtime_ns,
                    row.stamp.ctime_ns,
                    row.stamp.inode,
                    row.hash,
                    row.seen_ns,
                    record.kind,
                    record.data
                ])?;
                for (n, issue) in record.issues.iter().enumerate() {
                    put_issue.execute(params![
                        name,
                        n as i64,
                        issue.id,
                        issue.summary,
                        issue.text_hash
                    ])?;
                    let rowid = tx.last_insert_rowid();
                    for key in &issue.people {
                        put_cast.execute(params![key, rowid])?;
                        dirty.insert(key.clone());
                    }
                    put_head.execute(params![rowid, issue.head])?;
                    put_whole.execute(params![rowid, issue.full])?;
                    put_text.execute(params![rowid, issue.text])?;
                    for d in &issue.days {
                        put_meeting.execute(params![name, n as i64, d])?;
                    }
                }
            }
            let mut touch = tx.prepare_cached(
                "UPDATE files SET size = ?2, mtime_ns = ?3, ctime_ns = ?4, inode = ?5, seen_ns = ?6 \
                 WHERE name = ?1 AND hash = ?7",
            )?;
            for (name, row) in touched {
                touch.execute(params![
                    name,
                    row.stamp.size,
                    row.stamp.mtime_ns,
                    row.stamp.ctime_ns,
                    row.stamp.inode,
                    row.seen_ns,
                    row.hash
                ])?;
            }
        }
        if changed {
            // The people to merge again for a book kept before this
            // generation (see `Index::book`).
            let mut put_dirty = tx.prepare_cached(
                "INSERT INTO dirty (generation, person) \
                 SELECT CAST(value AS INTEGER), ?1 FROM meta WHERE key = 'generation'",
            )?;
            for key in &dirty {
                put_dirty.execute([key])?;
            }
        }
        tx.commit().context("cannot write the index")?;
        Ok(())
    }

    /// The library a lookup needs, from the index as the last
    /// [`Index::update`] left it (call that first). Issues come in the
    /// same order, with the same warnings, as [`Corpus::load`] gives them;
    /// no file is parsed.
    pub fn library(&self, want: &Want) -> Result<Library> {
        let (library, _) = self.library_with(want, |name| self.fresh.get(name).cloned())?;
        Ok(library)
    }

    /// [`Index::library`], handing over the last look's fresh parses
    /// instead of copying them: for a caller that asks once (the reader),
    /// between [`Index::look`] and [`Index::flush`] (which still writes
    /// them: the look encoded them). Asked again before the flush has
    /// written them, this index would not have them.
    pub fn take_library(&mut self, want: &Want) -> Result<Library> {
        let mut fresh = std::mem::take(&mut self.fresh);
        let (library, _) = self.library_with(want, |name| fresh.remove(name))?;
        Ok(library)
    }

    /// [`Index::take_library`] of the heads ([`Want::Heads`]), with where
    /// the text of each issue read from the index is stored, by source (see
    /// [`Index::whole`]); the fresh parses handed over are whole.
    pub fn take_heads(&mut self) -> Result<(Library, Stored)> {
        let mut fresh = std::mem::take(&mut self.fresh);
        self.library_with(&Want::Heads, |name| fresh.remove(name))
    }

    /// The issue stored as the `n`-th of `file`, whole (with its articles'
    /// text), still to decode (which needs no lock on the index); None when
    /// the index has no such issue.
    pub fn whole(&self, file: &str, n: i64) -> Result<Option<StoredWhole>> {
        let blob: Option<Vec<u8>> = self
            .conn
            .prepare_cached(
                "SELECT w.data FROM issues i JOIN wholes w ON w.rowid = i.rowid \
                 WHERE i.file = ?1 AND i.n = ?2",
            )
            .context("cannot read the index")?
            .query_row(params![file, n], |r| r.get(0))
            .optional()
            .context("cannot read the index")?;
        Ok(blob.map(StoredWhole))
    }

    fn library_with(
        &self,
        want: &Want,
        mut fresh: impl FnMut(&str) -> Option<Parsed>,
    ) -> Result<(Library, Stored)> {
        let column = match want {
            Want::Full | Want::Search(_) | Want::Issue(_) => "wholes",
            Want::Heads | Want::Meetings(..) => "heads",
        };
        // Fresh parses that could not be written are not in the meetings
        // or text tables: then every file is read (still not parsed).
        let only: Option<HashSet<String>> = match want {
            Want::Meetings(from, to) if !self.unwritten => Some(self.meeting_files(*from, *to)?),
            Want::Search(query) if !self.unwritten => self.text_files(query)?,
            Want::Issue(key) if !self.unwritten => Some(self.issue_files(key)?),
            _ => None,
        };
        // One read transaction: every batch sees the same index.
        let tx = self
            .conn
            .unchecked_transaction()
            .context("cannot read the index")?;
        let mut fst = tx.prepare("SELECT kind, data FROM files WHERE name = ?1")?;
        let mut ist = tx.prepare(&format!(
            "SELECT b.data, i.text FROM issues i JOIN {column} b ON b.rowid = i.rowid \
             WHERE i.file = ?1 ORDER BY i.n"
        ))?;
        // The wanted files in file order, read and decoded a batch at a
        // time, so that the stored rows are never all in memory at once.
        let wanted: Vec<(usize, &Entry)> = self
            .entries
            .iter()
            .enumerate()
            .filter(|(_, e)| match &only {
                None => true,
                Some(only) => {
                    only.contains(&e.name) || e.name.eq_ignore_ascii_case(read::TOPICS_FILE)
                }
            })
            .collect();
        let mut parsed: Vec<(usize, Parsed)> = Vec::with_capacity(wanted.len());
        // The files read from the index's rows, with their issues' text
        // hashes.
        let mut from_rows: HashMap<usize, Vec<i64>> = HashMap::new();
        for batch in wanted.chunks(DECODE_BATCH) {
            let mut raw: Vec<(usize, Raw)> = Vec::with_capacity(batch.len());
            for &(k, e) in batch {
                if let Some(p) = fresh(&e.name) {
                    raw.push((k, Raw::Fresh(p)));
                    continue;
                }
                let (kind, data): (i64, Option<Vec<u8>>) = fst
                    .query_row([&e.name], |r| Ok((r.get(0)?, r.get(1)?)))
                    .optional()
                    .context("cannot read the index")?
                    .with_context(|| format!("the index has no row for {}", e.name))?;
                let (blobs, hashes): (Vec<Vec<u8>>, Vec<i64>) = ist
                    .query_map([&e.name], |r| {
                        Ok((r.get::<_, Vec<u8>>(0)?, r.get::<_, i64>(1)?))
                    })?
                    .collect::<rusqlite::Result<Vec<_>>>()
                    .context("cannot read the index")?
                    .into_iter()
                    .unzip();
                from_rows.insert(k, hashes);
                raw.push((
                    k,
                    Raw::Stored {
                        name: e.name.clone(),
                        kind,
                        data,
                        blobs,
                    },
                ));
            }
            parsed.extend(decode_all(raw)?);
        }
        drop((fst, ist));
        drop(tx);
        let mut stored = Stored::new();
        for (k, p) in &parsed {
            let Some(hashes) = from_rows.get(k) else {
                continue;
            };
            for (n, (issue, _)) in parsed_issues(p).into_iter().enumerate() {
                let at = HeadAt {
                    file: self.entries[*k].name.clone(),
                    n: n as i64,
                    text_hash: *hashes.get(n).context(Damaged)? as u64,
                };
                stored.insert(issue.source.clone(), at);
            }
        }
        let corpus = Corpus::from_folder(parsed, self.warnings.clone(), self.dir.clone());
        Ok((Library::new(corpus), stored))
    }

    /// The files with a meeting in the range, and every file holding an
    /// issue of the same id as one of theirs.
    fn meeting_files(
        &self,
        from: Option<NaiveDate>,
        to: Option<NaiveDate>,
    ) -> Result<HashSet<String>> {
        let day = |d: Option<NaiveDate>, none: &str| {
            d.map_or(none.to_string(), |d| d.format("%Y-%m-%d").to_string())
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT i2.file FROM meetings m \
             JOIN issues i1 ON i1.file = m.file AND i1.n = m.n \
             JOIN issues i2 ON i2.id = i1.id \
             WHERE m.date >= ?1 AND m.date <= ?2",
        )?;
        let files = stmt
            .query_map(params![day(from, "0000"), day(to, "9999")], |r| {
                r.get::<_, String>(0)
            })?
            .collect::<rusqlite::Result<HashSet<_>>>()
            .context("cannot read the index")?;
        Ok(files)
    }

    /// The files whose text holds every trigram of every needle of the
    /// query (see [`search::Query::needles`]), and every file holding an
    /// issue of the same id as one of theirs. None: the query has no
    /// needle of three letters, so every file must be read.
    pub fn text_files(&self, query: &str) -> Result<Option<HashSet<String>>> {
        let Some(expr) = trigram_query(&Query::parse(query).needles()) else {
            return Ok(None);
        };
        let mut stmt = self.conn.prepare_cached(
            "SELECT DISTINCT i2.file FROM texts \
             JOIN issues i1 ON i1.rowid = texts.rowid \
             JOIN issues i2 ON i2.id = i1.id \
             WHERE texts MATCH ?1",
        )?;
        let files = stmt
            .query_map([expr], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<HashSet<_>>>()
            .context("cannot read the index")?;
        Ok(Some(files))
    }

    /// The files holding an issue of the id of the issue `key` names.
    fn issue_files(&self, key: &str) -> Result<HashSet<String>> {
        let summaries = self.summaries()?;
        let Some(at) = IssueSummary::find(&summaries, key) else {
            return Ok(HashSet::new());
        };
        let mut stmt = self
            .conn
            .prepare_cached("SELECT DISTINCT file FROM issues WHERE id = ?1")?;
        let files = stmt
            .query_map([&summaries[at].id], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<HashSet<_>>>()
            .context("cannot read the index")?;
        Ok(files)
    }

    /// Every issue's summary, in corpus order: what `list` shows, read
    /// without decoding any issue. The same as [`Corpus::summaries`] of
    /// the folder's corpus.
    pub fn summaries(&self) -> Result<Vec<IssueSummary>> {
        let (rows, _) = self.corpus_rows()?;
        Ok(rows.into_iter().map(|r| r.summary).collect())
    }

    /// Every issue's summary with its row (none for a fresh parse), in
    /// corpus order; and every stored row, sorted (those the corpus leaves
    /// out among them: another issue of their id is kept, or their file
    /// was not listed).
    fn corpus_rows(&self) -> Result<(Vec<Row>, Vec<i64>)> {
        let mut stored: HashMap<String, Vec<Row>> = HashMap::new();
        let mut every: Vec<i64> = Vec::new();
        {
            let mut st = self
                .conn
                // Table order: a file's issues were written in order, and a
                // scan needs no index look-up per row.
                .prepare("SELECT file, summary, rowid FROM issues ORDER BY rowid")
                .context("cannot read the index")?;
            let mut rows = st.query([]).context("cannot read the index")?;
            while let Some(r) = rows.next().context("cannot read the index")? {
                // Decoded where SQLite holds the text, not copied first.
                let summary = serde_json::from_slice(r.get_ref(1)?.as_bytes()?).context(Damaged)?;
                let rowid = r.get(2)?;
                every.push(rowid);
                let row = Row {
                    rowid: Some(rowid),
                    summary,
                };
                let name = r.get_ref(0)?.as_str()?;
                match stored.get_mut(name) {
                    Some(list) => list.push(row),
                    None => {
                        stored.insert(name.to_string(), vec![row]);
                    }
                }
            }
        }
        let mut out = Vec::new();
        for e in &self.entries {
            if let Some(p) = self.fresh.get(&e.name) {
                out.extend(parsed_issues(p).into_iter().map(|(i, _)| Row {
                    rowid: None,
                    summary: IssueSummary::of(i),
                }));
                continue;
            }
            out.extend(stored.remove(&e.name).unwrap_or_default());
        }
        Ok((crate::in_corpus_order(out), every))
    }

    /// The contacts book ([`Book`]), as [`Book::new`] makes it from the
    /// folder's corpus. The index keeps one; after a change it is patched:
    /// only the people named by a written or removed file, before or
    /// after, are merged again, from the heads of the issues naming them
    /// (the `casts` table says which). For a query (see [`Directory::search`]) only the
    /// people it finds are read whole; the others are empty [`Person`]s in
    /// their places, so that the book ranks and numbers them as the whole
    /// one does. Without a query, every person is read.
    pub fn book(&self, query: Option<&str>) -> Result<Book> {
        if !self.unwritten && self.fresh.is_empty() {
            let generation: i64 = self
                .conn
                .query_row(
                    "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'",
                    [],
                    |r| r.get(0),
                )
                .optional()
                .context("cannot read the index")?
                .unwrap_or(0);
            if let Some(book) = self.kept_book(generation, query)? {
                return Ok(book);
            }
            if let Some((book, kept)) = self.merged_book(generation, query)? {
                // Not keeping it costs only time.
                let _ = self.keep_book(generation, &kept);
                return Ok(book);
            }
        }
        let library = self.library(&Want::Heads)?;
        Ok(Book::new(&library))
    }

    /// The kept book's base, if there is one, with its generation.
    fn kept_base(tx: &rusqlite::Transaction) -> Result<Option<(i64, BookBase)>> {
        let Some((generation, blob)) = tx
            .query_row(
                "SELECT generation, value FROM derived WHERE key = ?1",
                [BOOK_KEY],
                |r| Ok((r.get::<_, i64>(0)?, r.get::<_, Vec<u8>>(1)?)),
            )
            .optional()
            .context("cannot read the index")?
        else {
            return Ok(None);
        };
        let base: BookBase = serde_json::from_slice(&unpack(&blob)?).context(Damaged)?;
        anyhow::ensure!(base.directory.len() == base.people.len(), Damaged);
        Ok(Some((generation, base)))
    }

    /// The kept book of `generation`, with the people `query` finds (all
    /// without one); None when there is none (or it is only partly there).
    fn kept_book(&self, generation: i64, query: Option<&str>) -> Result<Option<Book>> {
        // One read transaction: the base and the people of one book.
        let tx = self
            .conn
            .unchecked_transaction()
            .context("cannot read the index")?;
        let Some((kept, base)) = Self::kept_base(&tx)? else {
            return Ok(None);
        };
        if kept != generation {
            return Ok(None);
        }
        let wanted: Vec<usize> = match query {
            Some(q) => base.directory.search(q).iter().map(|r| r.person).collect(),
            None => (0..base.people.len()).collect(),
        };
        let mut st = tx
            .prepare("SELECT value FROM derived WHERE key = ?1 AND generation = ?2")
            .context("cannot read the index")?;
        let mut people = vec![Person::default(); base.people.len()];
        for i in wanted {
            let blob: Option<Vec<u8>> = st
                .query_row(params![person_key(&base.people[i].key), generation], |r| {
                    r.get(0)
                })
                .optional()
                .context("cannot read the index")?;
            let Some(blob) = blob else {
                return Ok(None);
            };
            people[i] = serde_json::from_slice(&unpack(&blob)?).context(Damaged)?;
        }
        Ok(Some(Book {
            people,
            directory: base.directory,
            issues: base.issues,
        }))
    }

    /// The book of `generation` merged from the casts: the kept book of an
    /// earlier generation with the people named by what changed since
    /// merged again, or (without a usable kept book) every person merged.
    /// With the book, what to keep of it. None when the casts cannot
    /// make it (two issues of one source): [`Book::new`] makes it then.
    fn merged_book(
        &self,
        generation: i64,
        query: Option<&str>,
    ) -> Result<Option<(Book, KeptBook)>> {
        // One read transaction: the rows, the kept book and the casts of
        // one generation.
        let tx = self
            .conn
            .unchecked_transaction()
            .context("cannot read the index")?;
        let (rows, every) = self.corpus_rows()?;
        // Each stored issue's corpus position, by row.
        let mut position: HashMap<i64, usize> = HashMap::with_capacity(rows.len());
        let mut sources: HashSet<&str> = HashSet::with_capacity(rows.len());
        for (pos, r) in rows.iter().enumerate() {
            let Some(rowid) = r.rowid else {
                return Ok(None);
            };
            position.insert(rowid, pos);
            if !sources.insert(&r.summary.source) {
                return Ok(None);
            }
        }
        drop(sources);
        // The rows left out of the corpus: when they differ from the kept
        // book's, issues no file change touched may have come in or gone
        // out, and every person is merged again.
        let dropped: Vec<i64> = every
            .into_iter()
            .filter(|rowid| !position.contains_key(rowid))
            .collect();
        let base = Self::kept_base(&tx)?
            .filter(|(kept, base)| *kept < generation && base.dropped == dropped);
        let since = base.as_ref().map_or(0, |(kept, _)| *kept);
        // The kept people merged again (gone ones too).
        let remerged: HashSet<String> = if base.is_some() {
            let mut st = tx.prepare("SELECT DISTINCT person FROM dirty WHERE generation > ?1")?;
            let keys = st.query_map([since], |r| r.get(0))?;
            keys.collect::<rusqlite::Result<_>>()
                .context("cannot read the index")?
        } else {
            HashSet::new()
        };
        // The people to merge (those named by what changed since the kept
        // book, or everyone), each with the issues of the corpus naming
        // it: (corpus position, row).
        let mut naming: Vec<(String, Vec<(usize, i64)>)> = Vec::new();
        {
            let mut st;
            let mut q = if base.is_some() {
                st = tx.prepare(
                    "SELECT person, issue FROM casts WHERE person IN \
                     (SELECT person FROM dirty WHERE generation > ?1) ORDER BY person",
                )?;
                st.query([since])
            } else {
                st = tx.prepare("SELECT person, issue FROM casts ORDER BY person")?;
                st.query([])
            }
            .context("cannot read the index")?;
            while let Some(r) = q.next().context("cannot read the index")? {
                let person = r.get_ref(0)?.as_str()?;
                if naming.last().map(|(k, _)| k.as_str()) != Some(person) {
                    naming.push((person.to_string(), Vec::new()));
                }
                let rowid: i64 = r.get(1)?;
                // Issues left out of the corpus do not count.
                if let (Some(&pos), Some((_, list))) = (position.get(&rowid), naming.last_mut()) {
                    list.push((pos, rowid));
                }
            }
        }
        let whole = base.is_none();
        let casts = self.casts_of(&tx, &naming, whole)?;
        let mut merged: Vec<BookEntry> = Vec::with_capacity(naming.len());
        for (key, issues) in naming {
            merged.push(merge_person(key, issues, &casts, &rows));
        }
        // The kept people not merged again, then the merged ones, in
        // directory order (the name's sort key, then who the corpus names
        // first), as `people::directory` orders them.
        let mut all: Vec<BookEntry> = Vec::new();
        if let Some((_, base)) = base {
            for (p, fields) in base.people.into_iter().zip(base.directory.into_fields()) {
                if remerged.contains(&p.key) {
                    continue;
                }
                let Some(&pos) = position.get(&p.first.0) else {
                    // Its first issue is gone, yet it was not merged again.
                    return Ok(None);
                };
                all.push(BookEntry {
                    order: (sort_key(&p.name), pos, p.first.1),
                    base: p,
                    fields,
                    person: None,
                });
            }
        }
        all.extend(merged.into_iter().filter(|m| m.person.is_some()));
        all.sort_by(|a, b| a.order.cmp(&b.order));
        let mut bases: Vec<BasePerson> = Vec::with_capacity(all.len());
        let mut fields: Vec<Vec<(Field, String)>> = Vec::with_capacity(all.len());
        let mut now: Vec<Option<Person>> = Vec::with_capacity(all.len());
        for e in all {
            bases.push(e.base);
            fields.push(e.fields);
            now.push(e.person);
        }
        let directory = Directory::from_fields(fields);
        let wanted: HashSet<usize> = match query {
            Some(q) => directory.search(q).iter().map(|r| r.person).collect(),
            None => (0..bases.len()).collect(),
        };
        // The people the answer shows: merged now, or kept.
        let mut people = vec![Person::default(); bases.len()];
        {
            let mut st = tx
                .prepare("SELECT value FROM derived WHERE key = ?1")
                .context("cannot read the index")?;
            for &i in &wanted {
                people[i] = match &now[i] {
                    Some(p) => p.clone(),
                    None => {
                        let blob: Vec<u8> = st
                            .query_row([person_key(&bases[i].key)], |r| r.get(0))
                            .optional()
                            .context("cannot read the index")?
                            .context(Damaged)?;
                        serde_json::from_slice(&unpack(&blob)?).context(Damaged)?
                    }
                };
            }
        }
        let issues: Vec<IssueSummary> = rows.into_iter().map(|r| r.summary).collect();
        let merged: Vec<(String, Person)> = bases
            .iter()
            .zip(now)
            .filter_map(|(b, p)| Some((b.key.clone(), p?)))
            .collect();
        let kept = KeptBook {
            base: BookBase {
                people: bases,
                directory: directory.clone(),
                issues: issues.clone(),
                dropped,
            },
            merged,
            whole,
        };
        Ok(Some((
            Book {
                people,
                directory,
                issues,
            },
            kept,
        )))
    }

    /// The casts of the issues naming the people of `naming`: their heads
    /// decoded (on all cores, a batch at a time), filed under the folder's
    /// topics, and what each tells of those people (of everyone, `all`).
    fn casts_of(
        &self,
        tx: &rusqlite::Transaction,
        naming: &[(String, Vec<(usize, i64)>)],
        all: bool,
    ) -> Result<Casts> {
        let wanted: HashSet<&str> = naming.iter().map(|(k, _)| k.as_str()).collect();
        let mut rowids: Vec<i64> = naming
            .iter()
            .flat_map(|(_, issues)| issues.iter().map(|&(_, rowid)| rowid))
            .collect();
        rowids.sort_unstable();
        rowids.dedup();
        let found;
        let taxonomy = match &self.taxonomy {
            Some(t) => t,
            None => {
                found = folder_taxonomy(&self.entries).0;
                &found
            }
        };
        let mut st = tx
            .prepare("SELECT data FROM heads WHERE rowid = ?1")
            .context("cannot read the index")?;
        let mut out: Casts = HashMap::with_capacity(rowids.len());
        for batch in rowids.chunks(DECODE_BATCH) {
            let mut blobs: Vec<(i64, Vec<u8>)> = Vec::with_capacity(batch.len());
            for &rowid in batch {
                let blob: Vec<u8> = st
                    .query_row([rowid], |r| r.get(0))
                    .optional()
                    .context("cannot read the index")?
                    .context(Damaged)?;
                blobs.push((rowid, blob));
            }
            let decoded = par_map(blobs, |(rowid, blob)| -> Result<_> {
                let mut head = decode_issue(&blob)?;
                taxonomy.assign(&mut head, &mut Vec::new());
                let casts: Vec<(String, usize, Cast)> = people::casts(&head)
                    .into_iter()
                    .enumerate()
                    .filter(|(_, (key, _))| all || wanted.contains(key.as_str()))
                    .map(|(place, (key, cast))| (key, place, cast))
                    .collect();
                Ok((rowid, casts))
            });
            for d in decoded {
                let (rowid, casts) = d?;
                out.insert(rowid, casts);
            }
        }
        Ok(out)
    }

    /// Keep a book made for `generation`, unless another process has
    /// changed the index since: the base, and each person merged again in
    /// a row of its own (the others' rows stay).
    fn keep_book(&self, generation: i64, kept: &KeptBook) -> Result<()> {
        let tx = self.conn.unchecked_transaction()?;
        let current: i64 = tx.query_row(
            "SELECT COALESCE((SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'generation'), 0)",
            [],
            |r| r.get(0),
        )?;
        if current != generation {
            return Ok(());
        }
        if kept.whole {
            tx.execute("DELETE FROM derived", [])?;
        } else {
            // People no longer named by any issue.
            let keep: HashSet<String> = kept
                .base
                .people
                .iter()
                .map(|p| person_key(&p.key))
                .collect();
            let stored: Vec<String> = {
                let mut st = tx.prepare("SELECT key FROM derived WHERE key != ?1")?;
                let rows = st.query_map([BOOK_KEY], |r| r.get(0))?;
                rows.collect::<rusqlite::Result<_>>()?
            };
            let mut del = tx.prepare("DELETE FROM derived WHERE key = ?1")?;
            for k in stored.iter().filter(|k| !keep.contains(*k)) {
                del.execute([k])?;
            }
            tx.execute("UPDATE derived SET generation = ?1", [generation])?;
        }
        {
            let mut put = tx.prepare(
                "INSERT OR REPLACE INTO derived (key, generation, value) VALUES (?1, ?2, ?3)",
            )?;
            put.execute(params![
                BOOK_KEY,
                generation,
                pack(&serde_json::to_vec(&kept.base)?)
            ])?;
            for (key, p) in &kept.merged {
                put.execute(params![
                    person_key(key),
                    generation,
                    pack(&serde_json::to_vec(p)?)
                ])?;
            }
        }
        tx.execute("DELETE FROM dirty WHERE generation <= ?1", [generation])?;
        tx.commit()?;
        Ok(())
    }
}

/// One issue's row (none for a fresh parse) and summary.
struct Row {
    rowid: Option<i64>,
    summary: IssueSummary,
}

impl crate::Ordered for Row {
    fn order(&self) -> crate::IssueOrder<'_> {
        self.summary.order()
    }
}

/// A person of the book being made: where it goes in the directory (the
/// name's sort key, then who the corpus names first), what the base keeps
/// of it, its directory fields, and the person when merged now (none when
/// kept, or when no issue names it any more).
struct BookEntry {
    order: (String, usize, i64),
    base: BasePerson,
    fields: Vec<(Field, String)>,
    person: Option<Person>,
}

/// The name's sort key in the directory.
fn sort_key(name: &str) -> String {
    crate::text::swedish_sort_key(&people::sort_name(name))
}

/// What the issues of the book's rows tell of the people being merged:
/// by row, each person's fold key, place among the people the issue
/// names, and cast.
type Casts = HashMap<i64, Vec<(String, usize, Cast)>>;

/// Merge one person from the issues naming it (corpus position, row; in
/// any order) and their casts.
fn merge_person(
    key: String,
    mut issues: Vec<(usize, i64)>,
    casts: &Casts,
    rows: &[Row],
) -> BookEntry {
    issues.sort_unstable();
    let found: Vec<(usize, i64, usize, &Cast)> = issues
        .iter()
        .filter_map(|&(pos, rowid)| {
            let (_, place, cast) = casts.get(&rowid)?.iter().find(|(k, _, _)| *k == key)?;
            Some((pos, rowid, *place, cast))
        })
        .collect();
    let person = people::merge_casts(
        found
            .iter()
            .map(|&(pos, _, _, c)| (rows[pos].summary.source.as_str(), c)),
    );
    let (order, first, fields) = match (&person, found.first()) {
        (Some(p), Some(&(pos, rowid, place, _))) => {
            let mut named: HashSet<(Field, &str)> = HashSet::new();
            for (_, _, _, c) in &found {
                named.extend(c.topics.iter().map(|t| (Field::Topic, t.as_str())));
            }
            for r in p.contact_for.iter().chain(&p.mentioned_in) {
                named.insert((Field::Title, &r.title));
            }
            let fields = crate::contacts::person_fields(p, named, &mut HashMap::new());
            let place = place as i64;
            ((sort_key(&p.name), pos, place), (rowid, place), fields)
        }
        _ => ((String::new(), 0, 0), (0, 0), Vec::new()),
    };
    let name = person.as_ref().map(|p| p.name.clone()).unwrap_or_default();
    BookEntry {
        order,
        base: BasePerson { key, name, first },
        fields,
        person,
    }
}

/// The issues a file's parse gave, with their warnings.
fn parsed_issues(p: &Parsed) -> Vec<(&Issue, &[Warning])> {
    match p {
        Parsed::Issue(is, w) => vec![(&**is, w.as_slice())],
        Parsed::Many(many, _) => many.iter().map(|(i, w)| (i, w.as_slice())).collect(),
        _ => Vec::new(),
    }
}

/// An FTS5 query for the texts that hold every trigram of every needle of
/// three letters or more; None when there is none.
fn trigram_query(needles: &[String]) -> Option<String> {
    let mut grams: Vec<String> = Vec::new();
    for n in needles {
        let chars: Vec<char> = n.chars().collect();
        for w in chars.windows(3) {
            let g: String = w.iter().collect();
            // Needles are letters and digits; a quote is doubled anyway.
            let g = format!("\"{}\"", g.replace('"', "\"\""));
            if !grams.contains(&g) {
                grams.push(g);
            }
        }
    }
    (!grams.is_empty()).then(|| grams.join(" AND "))
}

/// Compress a stored value (deflate, fast level): the article text and
/// its JSON field names compress about six times.
///
/// The value's length comes first (4 bytes, little-endian), so that
/// unpacking allocates once.
fn pack(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut out = Vec::with_capacity(bytes.len() / 4 + 4);
    out.extend_from_slice(&u32::try_from(bytes.len()).unwrap_or(u32::MAX).to_le_bytes());
    let mut enc = flate2::write::DeflateEncoder::new(out, flate2::Compression::fast());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(bytes);
    enc.finish().unwrap_or_default()
}

/// The largest value unpacked: a length beyond it is damage.
const MAX_UNPACKED: usize = 256 << 20;

/// A stored value, uncompressed (one inflater per thread, reused).
fn unpack(bytes: &[u8]) -> Result<Vec<u8>> {
    use std::cell::RefCell;
    thread_local! {
        static INFLATE: RefCell<flate2::Decompress> = RefCell::new(flate2::Decompress::new(false));
    }
    let (head, body) = bytes.split_at_checked(4).context(Damaged)?;
    let len = u32::from_le_bytes(head.try_into().context(Damaged)?) as usize;
    anyhow::ensure!(len <= MAX_UNPACKED, Damaged);
    let mut out = Vec::with_capacity(len);
    INFLATE.with(|d| -> Result<()> {
        let mut d = d.borrow_mut();
        d.reset(false);
        let status = d
            .decompress_vec(body, &mut out, flate2::FlushDecompress::Finish)
            .context(Damaged)?;
        anyhow::ensure!(
            status == flate2::Status::StreamEnd && out.len() == len,
            Damaged
        );
        Ok(())
    })?;
    Ok(out)
}

/// What an index that does not hold what it should says.
#[derive(Debug)]
struct Damaged;

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("the index is damaged")
    }
}

impl std::error::Error for Damaged {}

/// Whether an error of [`Index::open`], [`Index::update`] or
/// [`Index::library`] says the file is damaged or not a database (rather
/// than busy or not writable): such a file is best removed ([`discard`]).
pub fn is_damage(err: &anyhow::Error) -> bool {
    use rusqlite::ErrorCode;
    if err.downcast_ref::<Damaged>().is_some() {
        return true;
    }
    err.chain().any(|e| {
        if e.downcast_ref::<serde_json::Error>().is_some() {
            return true;
        }
        matches!(
            e.downcast_ref::<rusqlite::Error>()
                .and_then(rusqlite::Error::sqlite_error_code),
            Some(ErrorCode::DatabaseCorrupt | ErrorCode::NotADatabase)
        )
    })
}

/// Remove an index (with its journal files): the next lookup builds it
/// again. Always safe: the index holds nothing the folder does not.
pub fn discard(path: &Path) -> std::io::Result<()> {
    for suffix in ["-wal", "-shm"] {
        let mut p = path.as_os_str().to_owned();
        p.push(suffix);
        match fs::remove_file(PathBuf::from(p)) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
            _ => {}
        }
    }
    fs::remove_file(path)
}

/// One wanted file's rows, or its fresh parse.
enum Raw {
    Fresh(Parsed),
    Stored {
        name: String,
        kind: i64,
        data: Option<Vec<u8>>,
        blobs: Vec<Vec<u8>>,
    },
}

impl Raw {
    fn decode(self) -> Result<Parsed> {
        let (name, kind, data, blobs) = match self {
            Raw::Fresh(p) => return Ok(p),
            Raw::Stored {
                name,
                kind,
                data,
                blobs,
            } => (name, kind, data, blobs),
        };
        let issues = || -> Result<Vec<(Issue, Vec<Warning>)>> {
            blobs.iter().map(|b| decode_stored(b)).collect()
        };
        Ok(match kind {
            KIND_TOPICS => Parsed::Topics(SourceFile {
                name,
                bytes: data.unwrap_or_default(),
            }),
            KIND_ONE => {
                let mut v = issues()?;
                anyhow::ensure!(v.len() == 1, Damaged);
                let (is, w) = v.remove(0);
                Parsed::Issue(Box::new(is), w)
            }
            KIND_MANY => Parsed::Many(issues()?, blob_json(data)?),
            KIND_FAILED => Parsed::Failed(blob_json(data)?),
            _ => anyhow::bail!(Damaged),
        })
    }
}

/// Decode files' rows on all cores, keeping their order.
fn decode_all(raw: Vec<(usize, Raw)>) -> Result<Vec<(usize, Parsed)>> {
    par_map(raw, |(k, r)| Ok((k, r.decode()?)))
        .into_iter()
        .collect()
}

/// One issue as it is stored.
struct IssueRecord {
    id: String,
    /// [`IssueSummary`] as JSON.
    summary: String,
    /// The head ([`head_of`]) and the whole issue, with its warnings, as
    /// packed JSON.
    head: Vec<u8>,
    full: Vec<u8>,
    /// [`search::folded_text`].
    text: String,
    /// The days of its meetings, sorted, once each.
    days: Vec<String>,
    /// The fold keys of the people it names.
    people: Vec<String>,
    /// [`Issue::text_hash`].
    text_hash: i64,
}

/// One file as it is stored: which variant of [`Parsed`], its data (the
/// taxonomy's bytes, the warnings) and its issues.
struct FileRecord {
    kind: i64,
    data: Option<Vec<u8>>,
    issues: Vec<IssueRecord>,
}

/// Encode fresh parses for storing, on all cores.
fn encode_all(
    fresh: &HashMap<String, Parsed>,
    taxonomy: &Taxonomy,
) -> HashMap<String, Result<FileRecord, String>> {
    let items: Vec<(&String, &Parsed)> = fresh.iter().collect();
    par_map(items, |(name, parsed)| {
        (
            name.clone(),
            encode(parsed, taxonomy).map_err(|e| format!("{e:#}")),
        )
    })
    .into_iter()
    .collect()
}

fn encode(parsed: &Parsed, taxonomy: &Taxonomy) -> Result<FileRecord> {
    let (kind, data): (i64, Option<Vec<u8>>) = match parsed {
        Parsed::Topics(f) => (KIND_TOPICS, Some(f.bytes.clone())),
        Parsed::Issue(_, _) => (KIND_ONE, None),
        Parsed::Many(_, w) => (KIND_MANY, Some(serde_json::to_vec(w)?)),
        Parsed::Failed(w) => (KIND_FAILED, Some(serde_json::to_vec(w)?)),
    };
    let mut issues = Vec::new();
    for (issue, warnings) in parsed_issues(parsed) {
        let mut days: Vec<String> = issue
            .meetings
            .iter()
            .map(|m| m.date.format("%Y-%m-%d").to_string())
            .collect();
        days.sort();
        days.dedup();
        let head = head_of(issue, taxonomy);
        issues.push(IssueRecord {
            id: issue.id.clone(),
            summary: serde_json::to_string(&IssueSummary::of(issue))?,
            head: pack(&serde_json::to_vec(&(StoredIssue(&head), warnings))?),
            full: pack(&serde_json::to_vec(&(StoredIssue(issue), warnings))?),
            text: search::folded_text(issue),
            days,
            people: people::keys(issue),
            text_hash: issue.text_hash() as i64,
        });
    }
    Ok(FileRecord { kind, data, issues })
}

/// Decode a JSON blob (absent: damaged).
fn blob_json<T: for<'de> Deserialize<'de>>(data: Option<Vec<u8>>) -> Result<T> {
    let data = data.context(Damaged)?;
    serde_json::from_slice(&data).context(Damaged)
}

/// One update's writes.
struct Change<'a> {
    records: &'a HashMap<String, Result<FileRecord, String>>,
    rows: &'a HashMap<String, FileRow>,
    touched: &'a [(String, FileRow)],
    gone: &'a [String],
    taxonomy_key: &'a str,
}

/// The taxonomy a load of the folder files articles under (the last
/// `topics.ron` that reads, else the built-in one, as [`Corpus::load`]
/// does), and a key that changes when any taxonomy file does.
fn folder_taxonomy(entries: &[Entry]) -> (Taxonomy, String) {
    let mut taxonomy = None;
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for e in entries
        .iter()
        .filter(|e| e.name.eq_ignore_ascii_case(read::TOPICS_FILE))
    {
        h.write(e.name.as_bytes());
        match e.read() {
            Ok(file) => {
                h.write(&file.bytes);
                if let Some(t) = read::decode(&file.bytes)
                    .ok()
                    .and_then(|(text, _, _)| Taxonomy::from_ron(&text).ok())
                {
                    taxonomy = Some(t);
                }
            }
            Err(_) => h.write(b"unreadable"),
        }
    }
    (
        taxonomy.unwrap_or_else(Taxonomy::builtin),
        format!("{:016x}", h.finish()),
    )
}

/// An issue without its articles' text: what `list`, `meetings` and
/// `contacts` read. An article without a section label is filed under a
/// topic by its text: that topic is kept in the head (the index is made
/// again when the taxonomy changes). Others are filed when loaded, as
/// from a fresh parse, with the same warnings.
fn head_of(issue: &Issue, taxonomy: &Taxonomy) -> Issue {
    let mut filed = issue.clone();
    taxonomy.assign(&mut filed, &mut Vec::new());
    let mut head = issue.clone();
    for (a, f) in head.articles.iter_mut().zip(filed.articles) {
        if a.topic.is_empty() && a.section.is_none() {
            a.topic = f.topic;
        }
        a.blocks.clear();
        a.urls.clear();
    }
    head
}

/// A stored head ([`head_of`]) or whole issue, with its warnings.
/// Decoding JSON grows each vector without knowing its length (a person
/// named once takes room for four): the capacity left over is given back
/// at once, while the decoding thread can still reuse it.
fn decode_stored(blob: &[u8]) -> Result<(Issue, Vec<Warning>)> {
    let (mut issue, warnings): (Issue, Vec<Warning>) =
        serde_json::from_slice(&unpack(blob)?).context(Damaged)?;
    issue.shrink_to_fit();
    Ok((issue, warnings))
}

/// A stored head or whole issue, without its warnings.
fn decode_issue(blob: &[u8]) -> Result<Issue> {
    decode_stored(blob).map(|(issue, _)| issue)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn packed_values_come_back_whole_and_damage_is_said() {
        let text = "Senaste nytt från Storsthlm. ".repeat(500);
        let packed = pack(text.as_bytes());
        assert!(packed.len() < text.len() / 4, "{} bytes", packed.len());
        assert_eq!(unpack(&packed).expect("unpacks"), text.as_bytes());
        // The same inflater is reused: a second value is not mixed up.
        assert_eq!(unpack(&pack(b"")).expect("unpacks"), b"");
        assert_eq!(unpack(&packed).expect("unpacks"), text.as_bytes());
        // Cut short, a wrong length, a length past the limit, too short
        // for a length: damage, never a panic or a wrong value.
        let mut wrong = packed.clone();
        wrong[0] ^= 1;
        let mut huge = packed.clone();
        huge[..4].copy_from_slice(&u32::MAX.to_le_bytes());
        for bad in [
            &packed[..packed.len() / 2],
            &wrong[..],
            &huge[..],
            &packed[..3],
        ] {
            let err = unpack(bad).expect_err("damage");
            assert!(is_damage(&err), "{err:#}");
        }
    }

    #[test]
    fn trigram_queries_need_every_trigram_of_every_long_needle() {
        assert_eq!(trigram_query(&["ab".into()]), None);
        assert_eq!(
            trigram_query(&["plan".into(), "lan".into()]).as_deref(),
            Some("\"pla\" AND \"lan\"")
        );
    }
}
