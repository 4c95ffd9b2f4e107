//! Watching an issues folder for new, changed and removed files.
//!
//! A [`FolderWatch`] tells its owner *that* the folder changed (debounced:
//! a burst of writes, such as a mail client saving a message or a copy of
//! many files, is one signal); the owner then loads the folder again (from
//! the folder's index, so only the changed files are parsed) and takes the new
//! [`crate::Library`] with [`crate::Library::replace`], which reports what
//! changed as a [`crate::Delta`].
//!
//! The kernel's change events are used where they work. Network file
//! systems (NFS, SMB/CIFS, sshfs and other FUSE mounts) do not deliver
//! events for changes made by other machines, so there, and wherever the
//! event watcher cannot start, the folder is polled instead.

use std::path::Path;
use std::sync::mpsc;
use std::time::Duration;

use anyhow::{Context, Result};
use notify::{PollWatcher, RecommendedWatcher, RecursiveMode};
use notify_debouncer_mini::{new_debouncer_opt, Config, DebounceEventResult, Debouncer};

/// How a folder is being watched.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WatchMode {
    /// The kernel's change events (inotify, kqueue, FSEvents, …).
    Events,
    /// Listing the folder again at an interval.
    Polling,
}

/// How quickly a change is reported: events are gathered this long after
/// the last one, so a file being written is read once, complete.
pub const DEBOUNCE: Duration = Duration::from_millis(400);

/// How often a polled folder is listed again.
pub const POLL_INTERVAL: Duration = Duration::from_secs(3);

/// The debouncer that keeps the watch running until it is dropped.
enum Inner {
    Events {
        _debouncer: Debouncer<RecommendedWatcher>,
    },
    Polling {
        _debouncer: Debouncer<PollWatcher>,
    },
}

/// A running watch of one folder (and its sub-folders, where Maildir
/// messages live). Dropping it stops the watch.
pub struct FolderWatch {
    _inner: Inner,
    mode: WatchMode,
    rx: mpsc::Receiver<DebounceEventResult>,
}

impl std::fmt::Debug for FolderWatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FolderWatch")
            .field("mode", &self.mode)
            .finish()
    }
}

impl FolderWatch {
    /// Watch `dir` by events, or by polling where events would not come.
    pub fn start(dir: &Path) -> Result<FolderWatch> {
        if !is_network_fs(dir) {
            if let Ok(w) = Self::with_events(dir) {
                return Ok(w);
            }
        }
        Self::polling(dir, POLL_INTERVAL)
    }

    /// Watch `dir` by the kernel's change events.
    pub fn with_events(dir: &Path) -> Result<FolderWatch> {
        let (tx, rx) = mpsc::channel();
        let config = Config::default().with_timeout(DEBOUNCE);
        let mut d: Debouncer<RecommendedWatcher> =
            new_debouncer_opt(config, tx).context("cannot start the folder watcher")?;
        d.watcher()
            .watch(dir, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", dir.display()))?;
        Ok(FolderWatch {
            _inner: Inner::Events { _debouncer: d },
            mode: WatchMode::Events,
            rx,
        })
    }

    /// Watch `dir` by listing it every `interval`.
    pub fn polling(dir: &Path, interval: Duration) -> Result<FolderWatch> {
        let (tx, rx) = mpsc::channel();
        let config = Config::default()
            .with_timeout(DEBOUNCE)
            .with_notify_config(notify::Config::default().with_poll_interval(interval));
        let mut d: Debouncer<PollWatcher> =
            new_debouncer_opt(config, tx).context("cannot start the folder poller")?;
        d.watcher()
            .watch(dir, RecursiveMode::Recursive)
            .with_context(|| format!("cannot watch {}", dir.display()))?;
        Ok(FolderWatch {
            _inner: Inner::Polling { _debouncer: d },
            mode: WatchMode::Polling,
            rx,
        })
    }

    pub fn mode(&self) -> WatchMode {
        self.mode
    }

    /// Whether the folder changed since the last call (never blocks).
    /// Changes to hidden files (a mail client's or editor's temporary
    /// files, `.state.ron`) do not count.
    pub fn changed(&self) -> bool {
        let mut any = false;
        while let Ok(batch) = self.rx.try_recv() {
            any |= match batch {
                Ok(events) => events.iter().any(|e| !is_hidden(&e.path)),
                // An error from the watcher (a queue overflow, a folder
                // that went away): load again to be sure.
                Err(_) => true,
            };
        }
        any
    }

    /// Wait up to `timeout` for a change (for tests and scripts).
    pub fn wait(&self, timeout: Duration) -> bool {
        let deadline = std::time::Instant::now() + timeout;
        loop {
            if self.changed() {
                return true;
            }
            let now = std::time::Instant::now();
            if now >= deadline {
                return false;
            }
            std::thread::sleep((deadline - now).min(Duration::from_millis(50)));
        }
    }
}

fn is_hidden(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.starts_with('.') || n.ends_with('~'))
}

/// Whether `dir` is on a file system that does not deliver change events
/// for other machines' writes.
#[cfg(target_os = "linux")]
fn is_network_fs(dir: &Path) -> bool {
    // Magic numbers from statfs(2); `f_type`'s width differs by platform,
    // so the low 32 bits are compared.
    const NETWORK: [u32; 6] = [
        0x6969,      // NFS
        0x517B,      // SMB
        0xFF53_4D42, // CIFS
        0xFE53_4D42, // SMB2
        0x6573_5546, // FUSE (sshfs, rclone, …)
        0x0102_1997, // 9P (v9fs)
    ];
    rustix::fs::statfs(dir).is_ok_and(|s| NETWORK.contains(&(s.f_type as u32)))
}

#[cfg(not(target_os = "linux"))]
fn is_network_fs(_dir: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sees_new_file(w: &FolderWatch, dir: &Path) {
        // Nothing yet.
        assert!(!w.wait(Duration::from_millis(200)));
        std::fs::write(dir.join("ny.txt"), "Senaste nytt\n").unwrap();
        assert!(w.wait(Duration::from_secs(5)), "a new file is noticed");
        std::fs::remove_file(dir.join("ny.txt")).unwrap();
        assert!(w.wait(Duration::from_secs(5)), "a removed file is noticed");
        std::fs::write(dir.join(".tmp-x"), "x").unwrap();
        assert!(
            !w.wait(Duration::from_millis(1200)),
            "a hidden temporary file is not a change"
        );
    }

    #[test]
    fn events_report_new_and_removed_files() {
        let dir = tempfile::tempdir().unwrap();
        let w = FolderWatch::start(dir.path()).unwrap();
        sees_new_file(&w, dir.path());
    }

    #[test]
    fn polling_reports_new_and_removed_files() {
        let dir = tempfile::tempdir().unwrap();
        let w = FolderWatch::polling(dir.path(), Duration::from_millis(200)).unwrap();
        assert_eq!(w.mode(), WatchMode::Polling);
        sees_new_file(&w, dir.path());
    }

    #[test]
    fn a_missing_folder_is_an_error_not_a_panic() {
        let dir = tempfile::tempdir().unwrap();
        assert!(FolderWatch::with_events(&dir.path().join("nope")).is_err());
    }
}
