//! New issues as they arrive: the reader watches its issues folder and,
//! when it changes, loads it again on a background thread (through the
//! folder's index, so only new and changed files are parsed), then takes the new
//! library where the user is (places are kept by key) and says what came.

use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::SystemTime;

use anyhow::{Context as _, Result};

use super::{App, Focus, Shown};
use crate::corpus::watch::FolderWatch;
use crate::corpus::{read, Delta, Library, Origin};

/// What a listing of the folder shows of each file: name, size, time.
type Listing = Vec<(String, u64, Option<SystemTime>)>;

/// The folder's files as listed now (None: it cannot be listed).
fn listing(dir: &Path) -> Option<Listing> {
    let (entries, _) = read::list_dir(dir).ok()?;
    Some(
        entries
            .into_iter()
            .map(|e| (e.name, e.len, e.modified))
            .collect(),
    )
}

/// A reload's outcome: the listing it saw, and the new library (None when
/// the listing is the one already loaded: nothing to read).
type Reloaded = (Option<Listing>, Option<Result<Library>>);

/// A watched folder and the reload under way, if any.
pub(super) struct Watching {
    watch: FolderWatch,
    dir: PathBuf,
    cache: Option<PathBuf>,
    /// The folder loading again in the background.
    reload: Option<mpsc::Receiver<Reloaded>>,
    /// The folder's files as last loaded. The watcher also reports files
    /// being opened — by the reload itself, among others — so a change
    /// counts only when the listing differs.
    listed: Option<Listing>,
    /// Loads of the folder so far (for tests and the curious).
    loads: usize,
    /// The folder changed since the last reload started.
    pending: bool,
}

impl App {
    /// Watch the folder the library was read from (nothing to watch for
    /// the bundled issues), through the folder's index in `cache`.
    pub fn watch_folder(&mut self, cache: Option<&Path>) -> Result<()> {
        let Origin::Folder(dir) = &self.corpus.origin else {
            return Ok(());
        };
        let dir = dir.clone();
        let watch = FolderWatch::start(&dir)?;
        let listed = listing(&dir);
        self.watching = Some(Watching {
            watch,
            listed,
            loads: 0,
            dir,
            cache: cache.map(Path::to_path_buf),
            reload: None,
            pending: false,
        });
        Ok(())
    }

    /// Is the issues folder watched?
    pub fn is_watching(&self) -> bool {
        self.watching.is_some()
    }

    /// How often the watched folder has been loaded again.
    pub fn folder_loads(&self) -> usize {
        self.watching.as_ref().map_or(0, |w| w.loads)
    }

    /// Notice changes to the folder, start a reload, take one that has
    /// finished. True when something on screen changed.
    pub(super) fn poll_watch(&mut self) -> bool {
        let loading = self.loading.is_some();
        let Some(w) = self.watching.as_mut() else {
            return false;
        };
        w.pending |= w.watch.changed();
        let mut done = None;
        if let Some(rx) = &w.reload {
            match rx.try_recv() {
                Ok((listed, res)) => {
                    w.listed = listed;
                    w.loads += usize::from(res.is_some());
                    w.reload = None;
                    done = res;
                }
                Err(mpsc::TryRecvError::Empty) => {}
                Err(mpsc::TryRecvError::Disconnected) => {
                    w.reload = None;
                    done = Some(Err(anyhow::anyhow!("the reload stopped")));
                }
            }
        }
        // The first load's second step writes the same index: wait for it.
        if w.pending && w.reload.is_none() && !loading {
            w.pending = false;
            let (tx, rx) = mpsc::channel();
            let (dir, cache, before) = (w.dir.clone(), w.cache.clone(), w.listed.clone());
            let started = std::thread::Builder::new()
                .name("reload".into())
                .spawn(move || {
                    let now = listing(&dir);
                    let res = (now.is_none() || now != before)
                        .then(|| Library::load_cached(&dir, cache.as_deref()));
                    let sieve = res
                        .as_ref()
                        .and_then(|r| r.as_ref().ok())
                        .map(Library::sieve_job);
                    // The receiver may be gone (the reader quit).
                    let _ = tx.send((now, res));
                    if let Some(sieve) = sieve {
                        sieve();
                    }
                })
                .context("cannot start loading the issues again");
            match started {
                Ok(_) => w.reload = Some(rx),
                Err(e) => done = Some(Err(e)),
            }
        }
        match done {
            Some(Ok(library)) => self.take_reload(library),
            Some(Err(e)) => {
                self.note(format!("{}: {e:#}", self.words.load_failed));
                true
            }
            None => false,
        }
    }

    /// Take a new load of the watched folder without moving the user, and
    /// say what changed. An issue that was open and is gone leaves the user
    /// on the issue list, with a note.
    pub fn take_reload(&mut self, library: Library) -> bool {
        let delta = self.corpus.delta_to(&library);
        if delta.is_empty() && library.warnings == self.corpus.warnings {
            return false;
        }
        let shown = self.shown.clone();
        self.replace_corpus(library);
        let gone = match &shown {
            Shown::Nothing => None,
            Shown::Issue(src) => Some(src.clone()),
            Shown::Article(k) => Some(k.issue.clone()),
        }
        .filter(|_| self.locate(&shown).is_none());
        if let Some(note) = self.delta_note(&delta) {
            self.note(note);
        }
        if let Some(src) = gone {
            self.focus = Focus::Left;
            let src = crate::sanitize::clean_line(&src);
            self.note(self.words.shown_removed.replace("{issue}", &src));
        }
        true
    }

    /// "1 nytt nummer, 2 nummer ändrade" (None when nothing changed).
    pub fn delta_note(&self, delta: &Delta) -> Option<String> {
        let w = self.words;
        let part = |n: usize, one: &str, many: &str| match n {
            0 => None,
            1 => Some(one.to_string()),
            n => Some(many.replace("{n}", &w.number(n))),
        };
        let parts: Vec<String> = [
            part(delta.added.len(), w.issue_added, w.issues_added),
            part(delta.changed.len(), w.issue_changed, w.issues_changed),
            part(delta.removed.len(), w.issue_removed, w.issues_removed),
        ]
        .into_iter()
        .flatten()
        .collect();
        (!parts.is_empty()).then(|| parts.join(", "))
    }
}
