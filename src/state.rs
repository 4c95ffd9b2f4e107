//! What the reader remembers between runs: `state.ron` in the state folder
//! (`$XDG_STATE_HOME/nyhetsbrev/` on Linux). Read articles, bookmarks, the
//! last place and the last jump query.
//!
//! Articles are keyed by the issue's source file name and the article's
//! title, which stay the same when the issues are parsed again (a list
//! index would not). Marks for articles that are not in the issues now
//! open are kept.
//!
//! Never lose, never corrupt:
//! - a save writes a temporary file in the same folder, flushes and syncs
//!   it, then renames it over `state.ron` (atomic on POSIX);
//! - a save holds an advisory lock (`state.ron.lock`) while it re-reads
//!   the file, merges and writes, so two readers open at once (two SSH
//!   sessions) keep each other's marks: the merge applies this session's
//!   own changes (marks added and removed since it last read the file) onto
//!   what is on disk; the last place and query are the saver's;
//! - a file that does not parse is moved aside to
//!   `state.ron.broken-<timestamp>` and the reader goes on with an empty
//!   state;
//! - a temporary file left by a reader killed between write and rename
//!   (`.state.ron.tmp-<pid>`) is removed by the next save (under the lock,
//!   so it cannot be another reader's save in progress).
//!
//! Never block a key: the periodic save takes a copy of the state on the
//! UI thread and merges and writes it on a thread of its own
//! ([`Store::save_if_due`]); the result is folded in when it is there, with
//! the changes made meanwhile kept.
//!
//! Never drop marks: if another reader holds the lock, the background save
//! keeps trying and says so once; on quit ([`Store::save`]) a lock that
//! stays busy sends this session's changes to a side file
//! (`.state.ron.pending-<pid>-<time>`), which the next reader to open or
//! save the state merges in and removes.
//!
//! Bounded: the file holds at most [`MAX_READ`] read marks and
//! [`MAX_BOOKMARKS`] bookmarks; keys longer than [`MAX_KEY`] bytes and
//! a last query longer than [`MAX_QUERY`] characters are not kept. Past a
//! cap, the marks of the issues whose file names sort first are dropped
//! (in a folder named by date or number, the oldest).

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};
use std::time::{Duration, Instant};

use anyhow::{anyhow, bail, Context as _, Result};
use serde::{Deserialize, Serialize};

/// An article, by something that survives re-parsing.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ArticleKey {
    /// The issue's source file name.
    pub issue: String,
    /// The article's title.
    pub title: String,
}

/// Where the reader was.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
pub enum Place {
    /// An issue's overview.
    Issue { issue: String },
    /// An article, scrolled down `scroll` lines.
    Article {
        issue: String,
        title: String,
        scroll: usize,
    },
}

#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(default)]
pub struct State {
    pub read: BTreeSet<ArticleKey>,
    pub bookmarks: BTreeSet<ArticleKey>,
    pub last: Option<Place>,
    pub last_query: Option<String>,
    /// Issues (by source file name) the reader has shown in its list: an
    /// issue not here is new since the last visit. A set, not a time, so
    /// an issue dropped into the folder late with an old date, or a
    /// clock that differs between machines, still counts as new, and two
    /// readers merge by union.
    pub seen_issues: BTreeSet<String>,
}

/// The longest last jump query kept (characters).
pub const MAX_QUERY: usize = 200;
/// The most read marks kept in the file.
pub const MAX_READ: usize = 200_000;
/// The most bookmarks kept in the file.
pub const MAX_BOOKMARKS: usize = 10_000;
/// The longest key kept (bytes of file name plus title): a title is a
/// heading, a file name at most 255 bytes on common file systems.
pub const MAX_KEY: usize = 2048;

impl ArticleKey {
    fn len(&self) -> usize {
        self.issue.len() + self.title.len()
    }
}

/// Keep at most `max` keys no longer than [`MAX_KEY`]; past `max`, those
/// that sort first (by file name) go.
fn cap(set: &mut BTreeSet<ArticleKey>, max: usize) {
    set.retain(|k| k.len() <= MAX_KEY);
    while set.len() > max {
        set.pop_first();
    }
}

impl State {
    /// The state made safe to keep and show: the last query is text that
    /// will be shown, so it is cleaned of control sequences and cut to
    /// [`MAX_QUERY`] characters; the marks are capped ([`MAX_READ`],
    /// [`MAX_BOOKMARKS`], [`MAX_KEY`]).
    pub fn tidied(mut self) -> State {
        if let Some(q) = &self.last_query {
            let clean: String = crate::sanitize::clean_line(q)
                .chars()
                .take(MAX_QUERY)
                .collect();
            self.last_query = (!clean.is_empty()).then_some(clean);
        }
        cap(&mut self.read, MAX_READ);
        cap(&mut self.bookmarks, MAX_BOOKMARKS);
        self.seen_issues.retain(|k| k.len() <= MAX_KEY);
        while self.seen_issues.len() > MAX_READ {
            self.seen_issues.pop_first();
        }
        let too_long = |p: &Place| match p {
            Place::Issue { issue } => issue.len() > MAX_KEY,
            Place::Article { issue, title, .. } => issue.len() + title.len() > MAX_KEY,
        };
        if self.last.as_ref().is_some_and(too_long) {
            self.last = None;
        }
        self
    }

    /// Text of the file.
    pub fn to_ron(&self) -> Result<String> {
        let cfg = ron::ser::PrettyConfig::new()
            .depth_limit(3)
            .struct_names(false);
        let mut s = ron::ser::to_string_pretty(self, cfg).context("writing the state as RON")?;
        s.push('\n');
        Ok(s)
    }

    pub fn from_ron(text: &str) -> Result<State, ron::error::SpannedError> {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
    }
}

/// Three-way merge: `theirs` (on disk now) plus what this session changed
/// since `base` (what it last read or wrote). Last place and query: ours.
pub fn merge(base: &State, ours: &State, theirs: &State) -> State {
    fn set(
        base: &BTreeSet<ArticleKey>,
        ours: &BTreeSet<ArticleKey>,
        theirs: &BTreeSet<ArticleKey>,
    ) -> BTreeSet<ArticleKey> {
        let mut out = theirs.clone();
        out.extend(ours.difference(base).cloned());
        for gone in base.difference(ours) {
            out.remove(gone);
        }
        out
    }
    State {
        read: set(&base.read, &ours.read, &theirs.read),
        bookmarks: set(&base.bookmarks, &ours.bookmarks, &theirs.bookmarks),
        last: ours.last.clone().or_else(|| theirs.last.clone()),
        last_query: ours
            .last_query
            .clone()
            .or_else(|| theirs.last_query.clone()),
        // Seen by either reader is seen: only ever added to.
        seen_issues: theirs
            .seen_issues
            .union(&ours.seen_issues)
            .cloned()
            .collect(),
    }
}

/// Save at most this often while there are changes.
pub const SAVE_EVERY: Duration = Duration::from_secs(3);
/// How long a save on quit waits for another reader's lock before it puts
/// the changes in a side file.
const LOCK_WAIT: Duration = Duration::from_secs(3);
/// How often a waiting save tries the lock again.
const LOCK_RETRY: Duration = Duration::from_millis(20);

/// What a background save reports.
enum Report {
    /// Another reader holds the lock; still trying.
    Busy(String),
    /// Done: the state as written, and a broken file moved aside on the way.
    Done(Result<(State, Option<Broken>)>),
}

/// A save running on its own thread.
#[derive(Debug)]
struct Saving {
    /// The state it writes (this session's, when it started).
    snapshot: State,
    rx: mpsc::Receiver<Report>,
    /// Set to make it stop waiting for the lock.
    give_up: Arc<AtomicBool>,
}

impl std::fmt::Debug for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Report::Busy(m) => write!(f, "Busy({m})"),
            Report::Done(r) => write!(f, "Done({})", r.is_ok()),
        }
    }
}

/// The state and the file it lives in.
#[derive(Debug)]
pub struct Store {
    path: Option<PathBuf>,
    pub state: State,
    /// The file as this session last read or wrote it.
    base: State,
    dirty: bool,
    last_save: Instant,
    saving: Option<Saving>,
    lock_wait: Duration,
    /// Where the last save on quit put this session's changes because the
    /// lock was busy: said again by every later `save` (the reader saves
    /// twice on quit; the second one's message reaches stderr).
    set_aside: Option<String>,
}

impl Default for Store {
    fn default() -> Self {
        Store::memory()
    }
}

/// What happened to a file that could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Broken {
    pub file: PathBuf,
    /// Where it was moved (None if moving failed).
    pub moved_to: Option<PathBuf>,
    pub reason: String,
}

impl std::fmt::Display for Broken {
    /// One line with no control character: the paths escaped, the reason
    /// (which may quote the file) cleaned and cut short.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::sanitize::{clean_bounded, escape_line};
        let file = escape_line(&self.file.display().to_string()).into_owned();
        let reason = clean_bounded(&self.reason, 200);
        match &self.moved_to {
            Some(to) => write!(
                f,
                "{file} could not be read ({reason}); moved it to {} and started afresh",
                escape_line(&to.display().to_string())
            ),
            None => write!(f, "{file} could not be read ({reason}); started afresh"),
        }
    }
}

impl Store {
    /// A state kept in memory only (nothing is read or written).
    pub fn memory() -> Store {
        Store {
            path: None,
            state: State::default(),
            base: State::default(),
            dirty: false,
            last_save: Instant::now(),
            saving: None,
            lock_wait: LOCK_WAIT,
            set_aside: None,
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// How long a save on quit waits for the lock (3 s by default).
    pub fn with_lock_wait(mut self, wait: Duration) -> Store {
        self.lock_wait = wait;
        self
    }

    /// Open the state file (a missing one is an empty state). A file that
    /// does not parse is moved aside and reported. Changes that readers
    /// could not save (side files, see the module) are taken in, to be
    /// saved with this session's.
    pub fn open(path: PathBuf) -> (Store, Option<Broken>) {
        let (state, broken) = match read_file(&path) {
            Ok(s) => (s, None),
            Err(b) => (State::default(), Some(b)),
        };
        let mut ours = state.clone();
        for (_, changes) in pending(&path) {
            changes.apply(&mut ours);
        }
        let ours = ours.tidied();
        (
            Store {
                path: Some(path),
                dirty: ours != state,
                base: state,
                state: ours,
                last_save: Instant::now(),
                saving: None,
                lock_wait: LOCK_WAIT,
                set_aside: None,
            },
            broken,
        )
    }

    /// Note that the state changed.
    pub fn touch(&mut self) {
        self.dirty = true;
    }

    pub fn is_dirty(&self) -> bool {
        self.dirty
    }

    /// Whether a background save is running.
    pub fn is_saving(&self) -> bool {
        self.saving.is_some()
    }

    /// Called often from the UI thread, never blocks: starts a background
    /// save when there are changes and the last save is `every` ago, and
    /// returns what a background save reported since the last call: done
    /// (`Ok`, with a broken file moved aside on the way), failed, or still
    /// waiting for another reader's lock (`Err`, said once; it goes on
    /// trying).
    pub fn save_if_due(&mut self, every: Duration) -> Option<Result<Option<Broken>>> {
        if let Some(report) = self.poll() {
            return Some(report);
        }
        if self.saving.is_none() && self.dirty && self.last_save.elapsed() >= every {
            self.save_in_background();
        }
        None
    }

    /// Start a background save now if there are changes and none is
    /// running: a copy of the state is taken here; merging with the file
    /// and writing happen on another thread.
    pub fn save_in_background(&mut self) {
        self.last_save = Instant::now();
        let Some(path) = self.path.clone() else {
            self.dirty = false;
            return;
        };
        if self.saving.is_some() || !self.dirty {
            return;
        }
        let snapshot = self.state.clone();
        let (base, ours) = (self.base.clone(), snapshot.clone());
        let (tx, rx) = mpsc::channel();
        let give_up = Arc::new(AtomicBool::new(false));
        let stop = Arc::clone(&give_up);
        let spawned = std::thread::Builder::new()
            .name("state-save".into())
            .spawn(move || {
                let busy = |msg: String| {
                    let _ = tx.send(Report::Busy(msg));
                };
                let done = save_to(&path, &base, &ours, Wait::Until(&stop, &busy));
                let _ = tx.send(Report::Done(done));
            });
        match spawned {
            Ok(_) => {
                self.saving = Some(Saving {
                    snapshot,
                    rx,
                    give_up,
                })
            }
            // No thread to be had: save here (rare; correct, just slower).
            Err(_) => {
                let _ = self.save();
            }
        }
    }

    /// What the background save reported, if anything.
    fn poll(&mut self) -> Option<Result<Option<Broken>>> {
        let saving = self.saving.as_ref()?;
        match saving.rx.try_recv() {
            Ok(Report::Busy(msg)) => Some(Err(anyhow!(msg))),
            Ok(Report::Done(res)) => Some(self.finish(res)),
            Err(mpsc::TryRecvError::Empty) => None,
            Err(mpsc::TryRecvError::Disconnected) => {
                Some(self.finish(Err(anyhow!("the state was not saved (the save stopped)"))))
            }
        }
    }

    /// Fold a finished background save in: what it wrote is the new base;
    /// changes made since its copy was taken are kept on top.
    fn finish(&mut self, res: Result<(State, Option<Broken>)>) -> Result<Option<Broken>> {
        let Some(saving) = self.saving.take() else {
            return res.map(|(_, b)| b);
        };
        self.last_save = Instant::now();
        let (written, broken) = res?;
        let changed_since = self.state != saving.snapshot;
        self.state = merge(&saving.snapshot, &self.state, &written);
        self.base = written;
        self.dirty = changed_since;
        Ok(broken)
    }

    /// Merge with the file and write it now (if anything changed), waiting
    /// for a background save first: for quitting. If another reader holds
    /// the lock longer than the lock wait, this session's changes go to a
    /// side file that the next save or start merges, and the error says so.
    /// Returns a broken file found on the way, which was moved aside.
    pub fn save(&mut self) -> Result<Option<Broken>> {
        if let Some(saving) = &self.saving {
            saving.give_up.store(true, Ordering::Relaxed);
            let done = loop {
                match saving.rx.recv() {
                    Ok(Report::Busy(_)) => continue,
                    Ok(Report::Done(res)) => break res,
                    Err(_) => break Err(anyhow!("the save stopped")),
                }
            };
            // A failed background save leaves the changes to the save below.
            let _ = self.finish(done);
        }
        self.last_save = Instant::now();
        let Some(path) = self.path.clone() else {
            self.dirty = false;
            return Ok(None);
        };
        if !self.dirty {
            return match &self.set_aside {
                Some(msg) => Err(anyhow!(msg.clone())),
                None => Ok(None),
            };
        }
        match save_to(&path, &self.base, &self.state, Wait::For(self.lock_wait)) {
            Ok((merged, broken)) => {
                self.base = merged.clone();
                self.state = merged;
                self.dirty = false;
                self.set_aside = None;
                Ok(broken)
            }
            Err(e) if e.is::<LockBusy>() => {
                let side = Changes::between(&self.base, &self.state).write_beside(&path)?;
                // The side file holds everything since `base`: the next one
                // written (more changes, still busy) supersedes it.
                let msg = format!(
                    "{e}; this session's marks are kept in {} and saved by the next reader to start",
                    crate::sanitize::escape_line(&side.display().to_string())
                );
                self.dirty = false;
                self.set_aside = Some(msg.clone());
                Err(anyhow!(msg))
            }
            Err(e) => Err(e),
        }
    }
}

/// How a save waits for another reader's lock.
enum Wait<'a> {
    /// At most this long.
    For(Duration),
    /// Until it has it or the flag is set; says once that it waits.
    Until(&'a AtomicBool, &'a dyn Fn(String)),
}

/// The lock is held by another reader.
#[derive(Debug)]
struct LockBusy(PathBuf);

impl std::fmt::Display for LockBusy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{} is held by another reader",
            crate::sanitize::escape_line(&self.0.display().to_string())
        )
    }
}

impl std::error::Error for LockBusy {}

/// Lock, read the file, merge `ours` (changed from `base`) and the side
/// files of unsaved changes onto it, write it, remove stale temporary and
/// merged side files. The state as written.
fn save_to(
    path: &Path,
    base: &State,
    ours: &State,
    wait: Wait<'_>,
) -> Result<(State, Option<Broken>)> {
    let dir = path
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_else(|| PathBuf::from("."));
    fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create the state folder {}", dir.display()))?;
    let _lock = Lock::take(&lock_path(path), wait)?;
    remove_stale_temporaries(path);
    let (mut theirs, broken) = match read_file(path) {
        Ok(s) => (s, None),
        // There but unreadable, and not moved aside: do not write over it.
        Err(b) if b.moved_to.is_none() && path.exists() => bail!("{b}"),
        Err(b) => (State::default(), Some(b)),
    };
    let sides = pending(path);
    for (_, changes) in &sides {
        changes.apply(&mut theirs);
    }
    let merged = merge(base, ours, &theirs).tidied();
    write_atomic(path, merged.to_ron()?.as_bytes())?;
    for (side, _) in sides {
        let _ = fs::remove_file(side);
    }
    Ok((merged, broken))
}

/// What one session changed: marks added and removed, its place and query.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(default)]
struct Changes {
    read_added: BTreeSet<ArticleKey>,
    read_removed: BTreeSet<ArticleKey>,
    bookmarks_added: BTreeSet<ArticleKey>,
    bookmarks_removed: BTreeSet<ArticleKey>,
    last: Option<Place>,
    last_query: Option<String>,
}

impl Changes {
    fn between(base: &State, ours: &State) -> Changes {
        Changes {
            read_added: ours.read.difference(&base.read).cloned().collect(),
            read_removed: base.read.difference(&ours.read).cloned().collect(),
            bookmarks_added: ours
                .bookmarks
                .difference(&base.bookmarks)
                .cloned()
                .collect(),
            bookmarks_removed: base
                .bookmarks
                .difference(&ours.bookmarks)
                .cloned()
                .collect(),
            last: ours.last.clone(),
            last_query: ours.last_query.clone(),
        }
    }

    fn apply(&self, state: &mut State) {
        state.read.extend(self.read_added.iter().cloned());
        for k in &self.read_removed {
            state.read.remove(k);
        }
        state.bookmarks.extend(self.bookmarks_added.iter().cloned());
        for k in &self.bookmarks_removed {
            state.bookmarks.remove(k);
        }
        if self.last.is_some() {
            state.last = self.last.clone();
        }
        if self.last_query.is_some() {
            state.last_query = self.last_query.clone();
        }
    }

    /// Write to a new side file next to the state file; its path.
    fn write_beside(&self, path: &Path) -> Result<PathBuf> {
        let cfg = ron::ser::PrettyConfig::new()
            .depth_limit(3)
            .struct_names(false);
        let text = ron::ser::to_string_pretty(self, cfg).context("writing the changes as RON")?;
        let stamp = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        let side = path.with_file_name(format!(
            ".{}.pending-{stamp:020}-{}",
            file_name(path),
            std::process::id()
        ));
        write_atomic(&side, text.as_bytes())?;
        Ok(side)
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state.ron".into())
}

/// The files in the state's folder whose names start with `.<state>.<kind>-`.
fn siblings(path: &Path, kind: &str) -> Vec<PathBuf> {
    let prefix = format!(".{}.{kind}-", file_name(path));
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let Ok(entries) = fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut out: Vec<PathBuf> = entries
        .flatten()
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path())
        .collect();
    out.sort();
    out
}

/// The side files of unsaved changes, oldest first, that parse.
fn pending(path: &Path) -> Vec<(PathBuf, Changes)> {
    siblings(path, "pending")
        .into_iter()
        .filter_map(|p| {
            let text = fs::read_to_string(&p).ok()?;
            let changes = ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
                .from_str::<Changes>(&text)
                .ok()?;
            Some((p, changes))
        })
        .collect()
}

/// Remove temporary files a killed save left. Called with the lock held:
/// every save writes its temporary file under the lock, so any there now
/// is stale.
fn remove_stale_temporaries(path: &Path) {
    for tmp in siblings(path, "tmp") {
        let _ = fs::remove_file(tmp);
    }
}

fn lock_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push(".lock");
    PathBuf::from(s)
}

/// An advisory lock on a file next to the state, released on drop.
struct Lock(File);

impl Lock {
    fn take(path: &Path, wait: Wait<'_>) -> Result<Lock> {
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        let start = Instant::now();
        let mut told = false;
        loop {
            match fs4::FileExt::try_lock(&f) {
                Ok(()) => return Ok(Lock(f)),
                Err(fs4::TryLockError::WouldBlock) => {
                    let busy = LockBusy(path.to_path_buf());
                    match wait {
                        Wait::For(d) if start.elapsed() >= d => return Err(busy.into()),
                        Wait::For(_) => {}
                        Wait::Until(stop, _) if stop.load(Ordering::Relaxed) => {
                            return Err(busy.into())
                        }
                        Wait::Until(_, say) => {
                            if !told {
                                say(format!("{busy}; trying again in the background"));
                                told = true;
                            }
                        }
                    }
                    std::thread::sleep(LOCK_RETRY);
                }
                Err(fs4::TryLockError::Error(e)) => {
                    return Err(e).with_context(|| format!("cannot lock {}", path.display()))
                }
            }
        }
    }
}

impl Drop for Lock {
    fn drop(&mut self) {
        let _ = fs4::FileExt::unlock(&self.0);
    }
}

/// Read a state file: missing → empty; unreadable or not parsing → moved
/// aside (if it exists) and reported.
fn read_file(path: &Path) -> Result<State, Broken> {
    let text = match fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(State::default()),
        Err(e) => {
            // Cannot read it (permissions?): leave it, do not overwrite
            // blindly — the next save will try again.
            return Err(Broken {
                file: path.to_path_buf(),
                moved_to: None,
                reason: e.to_string(),
            });
        }
    };
    let parsed = std::str::from_utf8(&text)
        .map_err(|e| format!("not UTF-8: {e}"))
        .and_then(|t| {
            State::from_ron(t).map_err(|e| format!("line {}: {}", e.span.start.line, e.code))
        });
    match parsed {
        Ok(s) => Ok(s.tidied()),
        Err(reason) => {
            let moved_to = move_aside(path).ok();
            Err(Broken {
                file: path.to_path_buf(),
                moved_to,
                reason,
            })
        }
    }
}

/// Rename `file` to `file.broken-<timestamp>` (never over another file).
pub fn move_aside(path: &Path) -> Result<PathBuf> {
    let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S").to_string();
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "state.ron".into());
    for n in 0..100 {
        let suffix = if n == 0 {
            String::new()
        } else {
            format!("-{n}")
        };
        let to = path.with_file_name(format!("{name}.broken-{stamp}{suffix}"));
        if !to.exists() {
            fs::rename(path, &to)
                .with_context(|| format!("cannot move {} aside", path.display()))?;
            return Ok(to);
        }
    }
    bail!("cannot find a free name to move {} aside", path.display())
}

/// Write `bytes` to `path` atomically: a temporary file in the same folder,
/// written, flushed and synced, then renamed over `path`.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let mut opts = OpenOptions::new();
    opts.write(true).create(true).truncate(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        opts.mode(0o600);
    }
    let res = (|| -> Result<()> {
        let mut f = opts
            .open(&tmp)
            .with_context(|| format!("cannot create {}", tmp.display()))?;
        f.write_all(bytes)
            .with_context(|| format!("cannot write {}", tmp.display()))?;
        f.flush()?;
        f.sync_all()
            .with_context(|| format!("cannot sync {}", tmp.display()))?;
        fs::rename(&tmp, path).with_context(|| format!("cannot replace {}", path.display()))?;
        Ok(())
    })();
    if res.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    res?;
    // Make the rename itself durable (best effort; not on every platform).
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(i: &str, t: &str) -> ArticleKey {
        ArticleKey {
            issue: i.into(),
            title: t.into(),
        }
    }

    #[test]
    fn merge_keeps_both_sides_changes() {
        let base = State {
            read: [key("a", "1"), key("a", "2")].into(),
            ..State::default()
        };
        // We read 3 and unread 2; they read 4.
        let ours = State {
            read: [key("a", "1"), key("a", "3")].into(),
            last: Some(Place::Issue { issue: "a".into() }),
            ..State::default()
        };
        let theirs = State {
            read: [key("a", "1"), key("a", "2"), key("b", "4")].into(),
            last: Some(Place::Issue { issue: "b".into() }),
            ..State::default()
        };
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.read, [key("a", "1"), key("a", "3"), key("b", "4")].into());
        assert_eq!(m.last, Some(Place::Issue { issue: "a".into() }));
    }

    #[test]
    fn issues_seen_by_either_reader_stay_seen() {
        let base = State {
            seen_issues: ["a".to_string()].into(),
            ..State::default()
        };
        let ours = State {
            seen_issues: ["a".to_string(), "b".to_string()].into(),
            ..State::default()
        };
        let theirs = State {
            seen_issues: ["a".to_string(), "c".to_string()].into(),
            ..State::default()
        };
        let m = merge(&base, &ours, &theirs);
        assert_eq!(m.seen_issues, ["a", "b", "c"].map(String::from).into());
        // A state file from before the field parses, with nothing seen.
        let old = State::from_ron("(read: [], bookmarks: [])").expect("parses");
        assert!(old.seen_issues.is_empty());
    }

    #[test]
    fn state_round_trips_through_ron() {
        let s = State {
            read: [key("x.txt", "Titel \"citat\"")].into(),
            bookmarks: [key("x.txt", "B")].into(),
            last: Some(Place::Article {
                issue: "x.txt".into(),
                title: "B".into(),
                scroll: 7,
            }),
            last_query: Some("soff".into()),
            seen_issues: ["x.txt".to_string()].into(),
        };
        let text = s.to_ron().expect("ron");
        assert_eq!(State::from_ron(&text).expect("parses"), s);
    }
}
