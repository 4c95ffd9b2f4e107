//! The loaded corpus and everything derived from it, for the reader and
//! every subcommand alike: the issues' positions by source, every meeting
//! once by [`MeetingKey`], the jump candidates and the contacts directory.
//!
//! A [`Library`] loads at once ([`Library::load`], [`Library::embedded`])
//! or in steps ([`Library::load_in_steps`]: the newest files now, the rest
//! on a background thread, through the folder's index where it can). Taking a new
//! load ([`Library::replace`]) reports what changed as a [`Delta`], the
//! same way a folder watcher would.
//!
//! The derived indexes are built when first asked for (a subcommand that
//! only exports never builds the jump candidates); [`Library::index_all`]
//! builds them at once, on the loading thread for the reader.
//!
//! The reader's library of a folder with an index holds the issues read
//! from the index as *heads* (articles without their text): an article's
//! text is read from the index when it is opened ([`Library::whole_issue`])
//! or searched ([`Library::search`], narrowed by the index's full-text
//! table), so the text of the whole archive is never in memory at once.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::ops::Deref;
use std::path::Path;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{mpsc, Arc, Mutex, OnceLock};

use anyhow::{Context, Result};

use crate::contacts::{Directory, Ranked};
use crate::index::{self, Index};
use crate::jump::{self, Candidates};
use crate::search::{self, ArticleHit, Sieve};
use crate::{parse_entries, read, Corpus, Issue, Meeting, MeetingKey};

/// A corpus with its indexes. It derefs to the [`Corpus`] (read only: the
/// indexes always describe the corpus they sit beside).
#[derive(Debug, Default)]
pub struct Library {
    /// Shared only with a job making an index away from the library (see
    /// [`Library::sieve_job`]).
    corpus: Arc<Corpus>,
    /// Each issue's position by source file name.
    by_source: HashMap<String, usize>,
    /// Every meeting once (by [`MeetingKey`]), sorted, as (issue, meeting).
    meetings: OnceLock<Vec<(usize, usize)>>,
    candidates: OnceLock<Candidates>,
    directory: OnceLock<Directory>,
    sieve: Arc<OnceLock<Sieve>>,
    /// Where the text of the issues held as heads is read from.
    bodies: Option<Arc<Bodies>>,
}

/// The text of a library's issues held as heads: the folder's index (a
/// handle of its own, which only reads: another may be writing the last
/// look's parses meanwhile), where each of them is stored, and the last
/// few read whole.
struct Bodies {
    index: Mutex<Index>,
    /// By issue (its position in the library): where it is stored.
    stored: HashMap<usize, index::HeadAt>,
    /// The issues of each stored file.
    by_file: HashMap<String, Vec<usize>>,
    /// The issues last read whole, the newest last.
    recent: Mutex<Vec<(usize, Arc<Issue>)>>,
}

impl std::fmt::Debug for Bodies {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Bodies")
            .field("stored", &self.stored.len())
            .finish()
    }
}

impl Bodies {
    /// These bodies if they hold any issue as a head (a library on a
    /// first start holds every issue whole).
    fn held(bodies: Option<&Bodies>) -> Option<&Bodies> {
        bodies.filter(|b| !b.stored.is_empty())
    }

    /// Issue `i` of `corpus` (which holds it as a head) as the index
    /// stores it whole; see [`Library::read_stored`].
    fn read_stored(&self, corpus: &Corpus, i: usize) -> Option<Issue> {
        let head = self.stored.get(&i)?;
        // Read under the lock, decoded outside it.
        let blob = self.index.lock().ok()?.whole(&head.file, head.n).ok()??;
        let stored = blob.issue().ok()?;
        let head = corpus.issues.get(i)?;
        let same = stored.id == head.id
            && stored.articles.len() == head.articles.len()
            && stored
                .articles
                .iter()
                .zip(&head.articles)
                .all(|(s, h)| s.title == h.title);
        same.then_some(stored)
    }
}

/// How many issues read whole a library keeps at hand.
const RECENT: usize = 8;

/// An issue as a library gives it whole: its own, or read from the index.
pub enum WholeIssue<'a> {
    Held(&'a Issue),
    Read(Arc<Issue>),
}

impl Deref for WholeIssue<'_> {
    type Target = Issue;
    fn deref(&self) -> &Issue {
        match self {
            WholeIssue::Held(i) => i,
            WholeIssue::Read(i) => i,
        }
    }
}

/// An article's identity across loads: its issue's source file and its
/// title, with which of the issue's articles of that title it is (0 for
/// the first) where a title repeats. Positions are not keys: loading more
/// files moves issues, re-parsing may move articles.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleKey {
    pub issue: String,
    pub title: String,
    pub nth: usize,
}

/// What a new load changed, by issue id.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Delta {
    pub added: Vec<String>,
    pub changed: Vec<String>,
    pub removed: Vec<String>,
}

impl Delta {
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

impl Deref for Library {
    type Target = Corpus;
    fn deref(&self) -> &Corpus {
        &self.corpus
    }
}

impl From<Corpus> for Library {
    fn from(corpus: Corpus) -> Library {
        Library::new(corpus)
    }
}

impl Library {
    /// A library over a corpus; indexes are built when first used.
    pub fn new(corpus: Corpus) -> Library {
        let by_source = corpus
            .issues
            .iter()
            .enumerate()
            .map(|(i, is)| (is.source.clone(), i))
            .collect();
        Library {
            corpus: Arc::new(corpus),
            by_source,
            ..Library::default()
        }
    }

    /// Build every index now (for the reader, on the loading thread).
    /// The three are independent, and made side by side.
    pub fn index_all(self) -> Library {
        std::thread::scope(|scope| {
            scope.spawn(|| self.candidates());
            scope.spawn(|| self.directory());
            self.meeting_index();
        });
        self
    }

    /// This library, holding the issues the index stored (by source, as
    /// [`Index::take_heads`] says) as heads, their text read through
    /// `index` (a handle that only reads) when asked for.
    pub fn with_bodies(mut self, index: Index, stored: &index::Stored) -> Library {
        let mut at: HashMap<usize, index::HeadAt> = HashMap::new();
        let mut by_file: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, issue) in self.corpus.issues.iter().enumerate() {
            if let Some(head) = stored.get(&issue.source) {
                by_file.entry(head.file.clone()).or_default().push(i);
                at.insert(i, head.clone());
            }
        }
        self.bodies = Some(Arc::new(Bodies {
            index: Mutex::new(index),
            stored: at,
            by_file,
            recent: Mutex::new(Vec::new()),
        }));
        self
    }

    /// Issue `i` whole, with its articles' text: the library's own, or
    /// read from the index (and kept at hand: the reader asks for the
    /// article it shows at every frame). Where the index cannot give it
    /// (it was changed meanwhile, or cannot be read) the head.
    pub fn whole_issue(&self, i: usize) -> Option<WholeIssue<'_>> {
        let head = self.corpus.issues.get(i)?;
        let Some(bodies) = &self.bodies else {
            return Some(WholeIssue::Held(head));
        };
        if !bodies.stored.contains_key(&i) {
            return Some(WholeIssue::Held(head));
        }
        if let Ok(recent) = bodies.recent.lock() {
            if let Some((_, issue)) = recent.iter().find(|(at, _)| *at == i) {
                return Some(WholeIssue::Read(Arc::clone(issue)));
            }
        }
        let Some(whole) = self.read_whole(i) else {
            return Some(WholeIssue::Held(head));
        };
        let whole = Arc::new(whole);
        if let Ok(mut recent) = bodies.recent.lock() {
            if recent.len() >= RECENT {
                recent.remove(0);
            }
            recent.push((i, Arc::clone(&whole)));
        }
        Some(WholeIssue::Read(whole))
    }

    /// Issue `i`, held as a head, as the index stores it whole (its
    /// articles' titles and text as the head's, not filed under topics);
    /// None when it is not held as a head or the index does not hold the
    /// same issue any more.
    fn read_stored(&self, i: usize) -> Option<Issue> {
        self.bodies.as_ref()?.read_stored(&self.corpus, i)
    }

    /// Issue `i`, held as a head, with its articles' text read from the
    /// index (see [`Library::read_stored`]).
    fn read_whole(&self, i: usize) -> Option<Issue> {
        let stored = self.read_stored(i)?;
        // Only the text is taken from the index: the head is filed under
        // the corpus's topics.
        let mut whole = self.corpus.issues.get(i)?.clone();
        for (a, s) in whole.articles.iter_mut().zip(stored.articles) {
            a.blocks = s.blocks;
            a.urls = s.urls;
        }
        Some(whole)
    }

    /// The hash of issue `i`'s text ([`Issue::text_hash`]), whether the
    /// library holds it whole or as a head.
    pub fn text_hash(&self, i: usize) -> Option<u64> {
        if let Some(head) = self.bodies.as_ref().and_then(|b| b.stored.get(&i)) {
            return Some(head.text_hash);
        }
        self.corpus.issues.get(i).map(Issue::text_hash)
    }

    /// Every issue whole (see [`Library::whole_issue`]): the corpus a
    /// fresh parse gives.
    pub fn whole_corpus(&self) -> Corpus {
        let mut corpus = (*self.corpus).clone();
        for (i, issue) in corpus.issues.iter_mut().enumerate() {
            if let Some(whole) = self.read_whole(i) {
                *issue = whole;
            }
        }
        corpus
    }

    /// Every `*.txt` and `*.ron` issue of a folder (see [`Corpus::load`]).
    pub fn load(dir: &Path) -> Result<Library> {
        Corpus::load(dir).map(Library::new)
    }

    /// The corpus compiled into the binary.
    pub fn embedded() -> Library {
        Library::new(Corpus::embedded())
    }

    /// The corpus, to serialise or hand on.
    pub fn corpus(&self) -> &Corpus {
        &self.corpus
    }

    pub fn into_corpus(self) -> Corpus {
        Arc::try_unwrap(self.corpus).unwrap_or_else(|shared| (*shared).clone())
    }

    /// Load a folder in two steps: the files most likely to be the newest
    /// issues now (see [`first_files`]), the whole folder, indexed, on a
    /// background thread, through the folder's index in `cache_dir` (see
    /// [`index`]: only files new or changed since the index last saw them
    /// are parsed). When the first step already covers the folder, the
    /// library returned is the whole one and there is nothing pending.
    ///
    /// The whole corpus is exactly what [`Corpus::load`] gives. Without a
    /// cache folder, or with an index that cannot be used, the rest of
    /// the folder is parsed (the first step's files once).
    pub fn load_in_steps(
        dir: &Path,
        cache_dir: Option<&Path>,
    ) -> Result<(Library, Option<Pending<Library>>)> {
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
            let corpus = Corpus::from_folder(first_parsed, warnings, folder);
            return Ok((Library::new(corpus), None));
        }
        let now = Corpus::from_folder(first_parsed.clone(), warnings.clone(), folder.clone());
        let total = rest_jobs.len();
        let done = Arc::new(AtomicUsize::new(0));
        let (tx, rx) = mpsc::channel();
        let counter = Arc::clone(&done);
        let cache_dir = cache_dir.map(Path::to_path_buf);
        let thread = std::thread::Builder::new()
            .name("load".into())
            .spawn(move || {
                let indexed = cache_dir
                    .as_deref()
                    .and_then(|c| from_index(c, &folder, Some(&counter)));
                let (library, index) = match indexed {
                    Some((library, index)) => (library, Some(index)),
                    None => {
                        let mut parsed = parse_entries(rest_jobs, Some(&counter));
                        parsed.extend(first_parsed);
                        parsed.sort_by_key(|(k, _)| *k);
                        let corpus = Corpus::from_folder(parsed, warnings, folder);
                        (Library::new(corpus).index_all(), None)
                    }
                };
                let sieve = library.sieve_job();
                // The receiver may be gone (the reader quit): nothing to do.
                let _ = tx.send(library);
                // The reader has the folder: now keep what was parsed. An
                // index that cannot be written is only slower next time.
                if let Some(mut index) = index {
                    let _ = index.flush();
                }
                sieve();
            })
            .context("cannot start loading the issues in the background")?;
        Ok((
            Library::new(now),
            Some(Pending {
                rx,
                done,
                total,
                over: false,
                thread: Some(thread),
            }),
        ))
    }

    /// Load a whole folder again, indexed, through its index in
    /// `cache_dir` (only new and changed files are parsed, and the index is
    /// brought up to date), else by parsing it. For a reader that watches
    /// its folder (see [`crate::watch`]).
    pub fn load_cached(dir: &Path, cache_dir: Option<&Path>) -> Result<Library> {
        match cache_dir.and_then(|c| from_index(c, dir, None)) {
            Some((library, mut index)) => {
                let _ = index.flush();
                Ok(library)
            }
            None => Ok(Library::new(Corpus::load(dir)?).index_all()),
        }
    }

    /// Take a newer load of the same corpus; says which issues it added,
    /// changed and removed.
    pub fn replace(&mut self, new: Library) -> Delta {
        let delta = self.delta_to(&new);
        *self = new;
        delta
    }

    /// What going from this library to `new` changes, by issue id, each
    /// list in the order of its library.
    pub fn delta_to(&self, new: &Library) -> Delta {
        let old: HashMap<&str, usize> = self
            .issues
            .iter()
            .enumerate()
            .map(|(i, is)| (is.id.as_str(), i))
            .collect();
        let mut delta = Delta::default();
        let mut seen = HashSet::new();
        // Either library may hold an issue whole or as a head (see
        // [`Library::whole_issue`]): heads and text hashes are compared.
        for (j, is) in new.issues.iter().enumerate() {
            seen.insert(is.id.as_str());
            match old.get(is.id.as_str()) {
                None => delta.added.push(is.id.clone()),
                Some(&i)
                    if !self.issues[i].same_head(is) || self.text_hash(i) != new.text_hash(j) =>
                {
                    delta.changed.push(is.id.clone())
                }
                Some(_) => {}
            }
        }
        delta.removed = self
            .issues
            .iter()
            .filter(|is| !seen.contains(is.id.as_str()))
            .map(|is| is.id.clone())
            .collect();
        delta
    }

    /// Where the issue read from a source file is.
    pub fn issue_at(&self, source: &str) -> Option<usize> {
        self.by_source.get(source).copied()
    }

    /// The key of the article at (issue, article).
    pub fn article_key(&self, issue: usize, article: usize) -> Option<ArticleKey> {
        let is = self.corpus.issues.get(issue)?;
        let title = &is.articles.get(article)?.title;
        let nth = is.articles[..article]
            .iter()
            .filter(|a| a.title == *title)
            .count();
        Some(ArticleKey {
            issue: is.source.clone(),
            title: title.clone(),
            nth,
        })
    }

    /// Where the article with this key is.
    pub fn find_article(&self, key: &ArticleKey) -> Option<(usize, usize)> {
        let i = self.issue_at(&key.issue)?;
        let a = self.corpus.issues[i]
            .articles
            .iter()
            .enumerate()
            .filter(|(_, a)| a.title == key.title)
            .nth(key.nth)?
            .0;
        Some((i, a))
    }

    /// Every meeting once (the first announcement, or the first that knows
    /// the time), sorted by date and time, as (issue, meeting) indices.
    pub fn meeting_index(&self) -> &[(usize, usize)] {
        self.meetings.get_or_init(|| self.corpus.meeting_index())
    }

    /// [`Library::meeting_index`] with the meetings.
    pub fn all_meetings(&self) -> impl Iterator<Item = (usize, &Meeting)> {
        self.meeting_index()
            .iter()
            .map(|&(i, m)| (i, &self.corpus.issues[i].meetings[m]))
    }

    /// Where the meeting with this key is listed (see `meeting_index`).
    pub fn find_meeting(&self, key: &MeetingKey) -> Option<(usize, usize)> {
        self.meeting_index()
            .iter()
            .copied()
            .find(|&(i, m)| self.corpus.issues[i].meetings[m].key() == *key)
    }

    /// The fuzzy-jump candidates (see [`jump::candidates`]).
    pub fn candidates(&self) -> &Candidates {
        self.candidates
            .get_or_init(|| jump::candidates(&self.corpus))
    }

    /// The contacts directory's folded fields.
    pub fn directory(&self) -> &Directory {
        self.directory.get_or_init(|| Directory::new(&self.corpus))
    }

    /// The people for a contacts query, best first (see [`crate::contacts`]).
    pub fn contacts(&self, query: &str) -> Vec<Ranked> {
        self.directory().search(query)
    }

    /// The full-text search's sieve (see [`Sieve`]).
    pub fn sieve(&self) -> &Sieve {
        sieve_of(&self.sieve, &self.corpus)
    }

    /// Whether a search ranks at once: the sieve is made, or the index's
    /// full-text table narrows the search (see [`Library::search`]).
    pub fn search_ready(&self) -> bool {
        self.heads().is_some() || self.sieve.get().is_some()
    }

    /// Where the text of the issues held as heads is read from, if the
    /// library holds any.
    fn heads(&self) -> Option<&Bodies> {
        Bodies::held(self.bodies.as_deref())
    }

    /// The making of this library's sieve, to run on another thread once
    /// the library is handed over, so that the first search does not make
    /// it (about 1.6 s at 20,000 issues). It is made once: a search that
    /// comes first waits for it, a job that comes second does nothing.
    /// A library reading its text from the index needs no sieve (one whose
    /// issues are all fresh parses, on a first start, does).
    pub fn sieve_job(&self) -> impl FnOnce() + Send + 'static {
        let corpus = Arc::clone(&self.corpus);
        let sieve = Arc::clone(&self.sieve);
        let needed = self.heads().is_none();
        move || {
            if needed {
                sieve_of(&sieve, &corpus);
            }
        }
    }

    /// The articles a full-text query finds, best first: what
    /// [`search::articles`] gives, ranking only the issues that may hold a
    /// hit. For a library holding heads, the index's full-text table says
    /// which; otherwise the corpus's [`Sieve`] (made by
    /// [`Library::sieve_job`] where a loader runs it, else on the first
    /// search).
    pub fn search(&self, query: &str) -> Vec<ArticleHit> {
        search_in(&self.corpus, &self.sieve, self.heads(), query, None).unwrap_or_default()
    }

    /// [`Library::search`] to run on a thread of the caller's (a search of
    /// a large archive takes a while; the reader keeps answering keys
    /// meanwhile). None when `cancel` was raised before it ended: a
    /// newer query wants the cores, and this answer is not whole.
    pub fn search_job(
        &self,
        query: &str,
        cancel: Arc<AtomicBool>,
    ) -> impl FnOnce() -> Option<Vec<ArticleHit>> + Send + 'static {
        let corpus = Arc::clone(&self.corpus);
        let sieve = Arc::clone(&self.sieve);
        let bodies = self.bodies.clone();
        let query = query.to_string();
        move || {
            search_in(
                &corpus,
                &sieve,
                Bodies::held(bodies.as_deref()),
                &query,
                Some(&cancel),
            )
        }
    }
}

/// A library's sieve, made from its corpus the first time it is asked for
/// (a caller that comes second waits for it).
fn sieve_of<'s>(sieve: &'s OnceLock<Sieve>, corpus: &Corpus) -> &'s Sieve {
    sieve.get_or_init(|| Sieve::new(corpus))
}

/// What [`Library::search`] answers, from its parts; None when `cancel`
/// was raised before the search ended.
fn search_in(
    corpus: &Corpus,
    sieve: &OnceLock<Sieve>,
    heads: Option<&Bodies>,
    query: &str,
    cancel: Option<&AtomicBool>,
) -> Option<Vec<ArticleHit>> {
    let cancelled = || cancel.is_some_and(|c| c.load(Ordering::Relaxed));
    // The issues that may hold a hit.
    let may_hold: Box<dyn Fn(usize) -> bool> = match heads {
        Some(bodies) => {
            // Those the index's full-text table finds (every one where it
            // cannot say), and every issue the library holds whole.
            let found: Option<HashSet<usize>> = bodies
                .index
                .lock()
                .ok()
                .and_then(|index| index.text_files(query).ok())
                .flatten()
                .map(|files| {
                    files
                        .iter()
                        .filter_map(|f| bodies.by_file.get(f))
                        .flatten()
                        .copied()
                        .collect()
                });
            Box::new(move |i| {
                !bodies.stored.contains_key(&i) || found.as_ref().is_none_or(|f| f.contains(&i))
            })
        }
        None => {
            let sieve = sieve_of(sieve, corpus);
            let needles = search::Query::parse(query).needles();
            Box::new(move |i| sieve.may_hold(i, &needles))
        }
    };
    let hits = search::articles_read(corpus.issues.len(), query, may_hold, |i| {
        if cancelled() {
            // The rest is passed over: the answer is dropped.
            return None;
        }
        match heads {
            // Titles and text are all a search reads.
            Some(bodies) if bodies.stored.contains_key(&i) => {
                bodies.read_stored(corpus, i).map(Cow::Owned)
            }
            _ => corpus.issues.get(i).map(Cow::Borrowed),
        }
    });
    (!cancelled()).then_some(hits)
}

/// The whole corpus of `dir` through its index in `cache_dir`, counting
/// files as they are looked at or parsed in `done`, with the index, whose
/// new parses are not written yet ([`Index::flush`]); None when the index
/// cannot be used (the caller parses instead: only slower). A damaged
/// index is removed, so the next load makes it anew.
fn from_index(
    cache_dir: &Path,
    dir: &Path,
    done: Option<&AtomicUsize>,
) -> Option<(Library, Index)> {
    let path = index::file_for(cache_dir, dir);
    let loaded = Index::open(cache_dir, dir).and_then(|mut index| {
        index.unmap();
        index.look(done)?;
        let (library, stored) = index.take_heads()?;
        // The text is read through a handle of its own, so that reading
        // it never waits for the writing of this look's parses.
        let reader = Index::open_at(index.path(), dir)?;
        reader.unmap();
        Ok((library.index_all().with_bodies(reader, &stored), index))
    });
    match loaded {
        Ok(found) => Some(found),
        Err(e) => {
            if index::is_damage(&e) {
                let _ = index::discard(&path);
            }
            None
        }
    }
}

/// How many files the first step of [`Library::load_in_steps`] reads at most…
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

/// The whole library, still loading on a background thread.
pub struct Pending<T> {
    rx: mpsc::Receiver<T>,
    done: Arc<AtomicUsize>,
    total: usize,
    over: bool,
    /// The loading thread: after handing over the library it goes on to
    /// write the folder's index.
    thread: Option<std::thread::JoinHandle<()>>,
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

    /// Block until the whole library is there (None: the thread failed).
    pub fn wait(self) -> Option<T> {
        if self.over {
            return None;
        }
        self.rx.recv().ok()
    }

    /// [`Pending::wait`], then until the loading thread has ended: the
    /// folder's index is written (or found not writable) too.
    pub fn wait_all(mut self) -> Option<T> {
        let thread = self.loader();
        let whole = self.wait();
        if let Some(t) = thread {
            let _ = t.join();
        }
        whole
    }

    /// The loading thread, to wait for it (it goes on to write the
    /// folder's index after handing over the library); None after the
    /// first call.
    pub fn loader(&mut self) -> Option<std::thread::JoinHandle<()>> {
        self.thread.take()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Issue, IssueKind};

    fn issue(source: &str, titles: &[&str]) -> Issue {
        let mut is = Issue {
            id: source.trim_end_matches(".txt").to_string(),
            source: source.to_string(),
            kind: IssueKind::Newsletter,
            date: None,
            date_precision: Default::default(),
            date_basis: Default::default(),
            title: String::new(),
            articles: Vec::new(),
            meetings: Vec::new(),
            encoding: "utf-8".into(),
        };
        is.articles = titles
            .iter()
            .map(|t| {
                let mut a = Article::default();
                a.title = t.to_string();
                a
            })
            .collect();
        is
    }

    fn library(issues: Vec<Issue>) -> Library {
        Library::new(Corpus {
            issues,
            ..Corpus::default()
        })
    }

    #[test]
    fn a_new_load_is_told_as_issues_added_changed_and_removed() {
        let old = library(vec![
            issue("a.txt", &["Ett"]),
            issue("b.txt", &["Två"]),
            issue("c.txt", &["Tre"]),
        ]);
        let new = library(vec![
            issue("d.txt", &["Fyra"]),
            issue("a.txt", &["Ett"]),
            issue("b.txt", &["Två", "Två och en halv"]),
        ]);
        let mut lib = old;
        let delta = lib.replace(new);
        assert_eq!(delta.added, vec!["d"]);
        assert_eq!(delta.changed, vec!["b"]);
        assert_eq!(delta.removed, vec!["c"]);
        assert_eq!(lib.issue_at("d.txt"), Some(0));
        let same = library(vec![issue("a.txt", &["Ett"])]);
        assert!(same
            .delta_to(&library(vec![issue("a.txt", &["Ett"])]))
            .is_empty());
    }

    #[test]
    fn article_keys_survive_moves_and_tell_repeated_titles_apart() {
        let first = library(vec![issue("b.txt", &["Kalender", "Nytt", "Kalender"])]);
        let key = first.article_key(0, 2).expect("a key");
        assert_eq!(key.nth, 1);
        assert_eq!(first.find_article(&key), Some((0, 2)));
        // More issues load in front of it: the key still finds it.
        let more = library(vec![
            issue("c.txt", &["Kalender"]),
            issue("b.txt", &["Kalender", "Nytt", "Kalender"]),
        ]);
        assert_eq!(more.find_article(&key), Some((1, 2)));
        assert_eq!(more.article_key(1, 0).map(|k| k.nth), Some(0));
        assert_eq!(more.find_article(&ArticleKey { nth: 2, ..key }), None);
    }
}
