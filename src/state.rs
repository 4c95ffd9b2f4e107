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
//!   state.

use std::collections::BTreeSet;
use std::fs::{self, File, OpenOptions};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::{bail, Context as _, Result};
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
}

/// The longest last jump query kept (characters).
pub const MAX_QUERY: usize = 200;

impl State {
    /// The state as read from a file made safe to use: the last query is
    /// text that will be shown, so it is cleaned of control sequences and
    /// cut to [`MAX_QUERY`] characters.
    pub fn tidied(mut self) -> State {
        if let Some(q) = &self.last_query {
            let clean: String = crate::sanitize::clean_line(q)
                .chars()
                .take(MAX_QUERY)
                .collect();
            self.last_query = (!clean.is_empty()).then_some(clean);
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
    }
}

/// Save at most this often while there are changes.
pub const SAVE_EVERY: Duration = Duration::from_secs(3);
/// How long a save waits for another reader's lock.
const LOCK_WAIT: Duration = Duration::from_secs(3);

/// The state and the file it lives in.
#[derive(Debug)]
pub struct Store {
    path: Option<PathBuf>,
    pub state: State,
    /// The file as this session last read or wrote it.
    base: State,
    dirty: bool,
    last_save: Instant,
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
        }
    }

    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// Open the state file (a missing one is an empty state). A file that
    /// does not parse is moved aside and reported.
    pub fn open(path: PathBuf) -> (Store, Option<Broken>) {
        let (state, broken) = match read_file(&path) {
            Ok(s) => (s, None),
            Err(b) => (State::default(), Some(b)),
        };
        (
            Store {
                path: Some(path),
                base: state.clone(),
                state,
                dirty: false,
                last_save: Instant::now(),
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

    /// Save if there are changes and the last save is `every` ago.
    pub fn save_if_due(&mut self, every: Duration) -> Option<Result<Option<Broken>>> {
        (self.dirty && self.last_save.elapsed() >= every).then(|| self.save())
    }

    /// Merge with the file and write it (if anything changed). Returns a
    /// broken file found on the way, which was moved aside.
    pub fn save(&mut self) -> Result<Option<Broken>> {
        self.last_save = Instant::now();
        let Some(path) = self.path.clone() else {
            self.dirty = false;
            return Ok(None);
        };
        if !self.dirty {
            return Ok(None);
        }
        let dir = path
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create the state folder {}", dir.display()))?;
        let _lock = Lock::take(&lock_path(&path))?;
        let (theirs, broken) = match read_file(&path) {
            Ok(s) => (s, None),
            // There but unreadable, and not moved aside: do not write over it.
            Err(b) if b.moved_to.is_none() && path.exists() => bail!("{b}"),
            Err(b) => (State::default(), Some(b)),
        };
        let merged = merge(&self.base, &self.state, &theirs);
        write_atomic(&path, merged.to_ron()?.as_bytes())?;
        self.base = merged.clone();
        self.state = merged;
        self.dirty = false;
        Ok(broken)
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
    fn take(path: &Path) -> Result<Lock> {
        let f = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        let start = Instant::now();
        loop {
            match fs4::FileExt::try_lock(&f) {
                Ok(()) => return Ok(Lock(f)),
                Err(fs4::TryLockError::WouldBlock) if start.elapsed() < LOCK_WAIT => {
                    std::thread::sleep(Duration::from_millis(20));
                }
                Err(fs4::TryLockError::WouldBlock) => {
                    bail!("{} is held by another reader", path.display())
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
        };
        let text = s.to_ron().expect("ron");
        assert_eq!(State::from_ron(&text).expect("parses"), s);
    }
}
