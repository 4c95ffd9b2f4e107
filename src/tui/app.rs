//! The reader's state and `update(Action)`. Nothing here draws; the render
//! functions in `ui` only read this state (list scroll offsets are the one
//! exception: they live in `Cell`s that the renderer keeps up to date).

use std::cell::Cell;
use std::collections::HashSet;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{mpsc, Arc};

use chrono::NaiveDate;
use crossterm::event::{Event, KeyEventKind, MouseButton, MouseEventKind};
use ratatui::layout::{Position, Rect};

use super::action::Action;
use super::keymap::{KeyMap, Mode};
use super::theme::Theme;
use super::ui::{ArticleDrawn, Drawn};
use super::{Context, Options};
use crate::corpus::search::ArticleHit as SearchHit;
use crate::corpus::text::fold_str;
use crate::corpus::WarningKind;
use crate::corpus::{
    ArticleKey, ArticleRef, Library, Loaded, Meeting, MeetingKey, Origin, Pending, TopicNode,
};
use crate::i18n::{reader_words, reader_words_with, ReaderWords};
use crate::jump::{Hit, Ranker, Target};
use crate::sanitize::clean_line;
use crate::state::{self, Place, Store, SAVE_EVERY};

mod agenda;
mod find;
mod watch;

use agenda::meeting_rows;
pub use agenda::{parse_typed_date, Agenda, MONTH_WIDTH};
pub use find::Find;

/// A length not known until the next frame is drawn: no bound (the frame
/// brings a scroll position past the end back to it).
const UNKNOWN: usize = isize::MAX as usize;

/// Which pane has the keyboard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    Left,
    Article,
    Meetings,
}

/// What the left pane shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LeftMode {
    Issues,
    Topics,
}

/// What the centre pane shows, by key ([`App::shown`]): it stays valid
/// when a load moves issues and articles.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Shown {
    #[default]
    Nothing,
    /// An issue, by source file name.
    Issue(String),
    Article(ArticleKey),
}

/// A selected row, by key, while the library changes under it.
enum RowKey {
    Issue(String),
    Article(ArticleKey),
    Topic(Vec<String>),
}

/// The list cursors and open things of the reader, by key.
struct RowKeys {
    left: Option<RowKey>,
    topic: Option<RowKey>,
    /// Issues expanded in the list, by source file name.
    opened: HashSet<String>,
    meeting: Option<MeetingKey>,
    /// The article just marked unread while shown.
    hold: Option<ArticleKey>,
    /// The person whose card is open, by name.
    card: Option<String>,
}

/// Where [`App::shown`] is in the current library: a drawing cache of
/// positions, worked out again when the library changes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum View {
    Nothing,
    /// An issue's overview (table of contents).
    Issue(usize),
    Article(usize, usize),
}

/// A cursor over a list, with the scroll offset the renderer last used.
#[derive(Debug, Default)]
pub struct Cursor {
    pub selected: usize,
    pub offset: Cell<usize>,
}

impl Cursor {
    fn set(&mut self, i: usize, len: usize) {
        self.selected = if len == 0 { 0 } else { i.min(len - 1) };
    }
    fn step(&mut self, delta: isize, len: usize) {
        let i = (self.selected as isize + delta).max(0) as usize;
        self.set(i, len);
    }
    /// Move for a list key: up, down, a page (`page` rows; 0 where a list
    /// does not page), top, bottom. False for any other action.
    fn follow(&mut self, action: Action, len: usize, page: isize) -> bool {
        match action {
            Action::Up => self.step(-1, len),
            Action::Down => self.step(1, len),
            Action::PageUp => self.step(-page, len),
            Action::PageDown => self.step(page, len),
            Action::Top => self.set(0, len),
            Action::Bottom => self.set(len.saturating_sub(1), len),
            _ => return false,
        }
        true
    }
}

/// A row of the issue list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum IssueRow {
    Issue(usize),
    Article(usize, usize),
}

/// A row of the topic tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TopicRow {
    Node {
        path: Vec<String>,
        depth: usize,
        count: usize,
        expanded: bool,
    },
    Article {
        depth: usize,
        title: String,
        target: Option<(usize, usize)>,
    },
}

/// A row of the meetings sidebar.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum MeetingRow {
    /// A sentence (nothing upcoming, …).
    Note(String),
    /// A month heading.
    Month(NaiveDate),
    /// A day heading, over that day's meetings.
    Day(NaiveDate),
    Meeting {
        issue: usize,
        meeting: Meeting,
        past: bool,
    },
}

/// A full-text search ranking on a thread of its own (see
/// [`App::settle`]), so that keys are answered meanwhile.
#[derive(Debug)]
struct Searching {
    /// The query it ranks.
    query: String,
    /// Raised when its answer is no longer wanted (a newer query, another
    /// library, the popup closed): it stops early.
    cancel: Arc<AtomicBool>,
    /// Its answer: None when it was stopped.
    answer: mpsc::Receiver<Option<Vec<SearchHit>>>,
}

/// Libraries of fewer issues than this rank a full-text search at once;
/// larger ones on a thread of their own (tens of milliseconds or more).
pub const SEARCH_INLINE_ISSUES: usize = 300;

/// A query line over a ranked list: the popups that search as you type.
/// `H` is what a hit is (a jump hit, a person); the owner ranks.
#[derive(Debug)]
pub struct Picker<H> {
    pub query: String,
    /// The query is the last session's: typing replaces it.
    pub recalled: bool,
    /// The hits for the query, best first.
    pub hits: Vec<H>,
    pub cursor: Cursor,
    /// The hits are for an earlier query: ranked again before the next
    /// frame or the next key that reads them (see [`App::settle`]), so a
    /// burst of typed letters ranks once.
    pub stale: bool,
}

impl<H> Default for Picker<H> {
    fn default() -> Self {
        Picker {
            query: String::new(),
            recalled: false,
            hits: Vec::new(),
            cursor: Cursor::default(),
            stale: false,
        }
    }
}

/// What an action asks of a picker's owner.
enum Picked {
    Nothing,
    /// The query changed: rank again (`narrower`: among the hits only).
    Requery {
        narrower: bool,
    },
    Close,
    /// Open the selected hit.
    Open,
}

impl<H> Picker<H> {
    /// Apply an action to the query line and the cursor; `page` is the
    /// list's height.
    fn update(&mut self, action: Action, page: isize) -> Picked {
        let edit = |p: &mut Picker<H>, f: &dyn Fn(&mut String)| {
            p.recalled = false;
            f(&mut p.query);
            Picked::Requery { narrower: false }
        };
        // Letters are typed here: the list does not go to its top or bottom.
        if !matches!(action, Action::Top | Action::Bottom)
            && self.cursor.follow(action, self.hits.len(), page)
        {
            return Picked::Nothing;
        }
        match action {
            Action::Input(c) => {
                if std::mem::take(&mut self.recalled) {
                    self.query.clear();
                }
                let narrower = !self.query.is_empty();
                self.query.push(c);
                return Picked::Requery { narrower };
            }
            Action::DeleteChar => {
                return edit(self, &|q| {
                    q.pop();
                })
            }
            Action::DeleteWord => return edit(self, &delete_word),
            Action::ClearInput => return edit(self, &String::clear),
            Action::Close => return Picked::Close,
            Action::Open => return Picked::Open,
            _ => {}
        }
        Picked::Nothing
    }

    /// New hits, the first selected.
    fn set_hits(&mut self, hits: Vec<H>) {
        self.hits = hits;
        self.cursor.selected = 0;
        self.cursor.offset.set(0);
    }

    fn selected(&self) -> Option<&H> {
        self.hits.get(self.cursor.selected)
    }
}

/// The jump popup.
pub type JumpState = Picker<Hit>;

/// The people directory popup: indices into `corpus.people`, best first.
pub type ContactsState = Picker<usize>;

/// The full-text search popup: articles whose title or text match, ranked
/// as `nyhetsbrev search` ranks them.
pub type SearchState = Picker<SearchHit>;

/// An article opened from the full-text search: its hits are highlighted
/// while it is shown, and the first frame scrolls to the first one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Found {
    pub view: View,
    pub query: String,
    /// Not yet scrolled to the first hit.
    pub pending: bool,
}

/// A person's card.
#[derive(Debug, Default)]
pub struct CardState {
    pub person: usize,
    /// The openable rows: (is contact, reference).
    pub refs: Vec<(bool, ArticleRef)>,
    pub cursor: Cursor,
}

#[derive(Debug, Default)]
pub struct HelpState {
    pub scroll: usize,
}

/// The bookmarks list.
#[derive(Debug, Default)]
pub struct BookmarksState {
    /// Bookmarks in list order, with where they are in these issues.
    pub entries: Vec<(state::ArticleKey, Option<(usize, usize)>)>,
    pub cursor: Cursor,
}

#[derive(Debug)]
pub enum Overlay {
    Jump(JumpState),
    Contacts(ContactsState),
    Search(SearchState),
    Card(CardState),
    Help(HelpState),
    Bookmarks(BookmarksState),
}

pub struct App {
    /// The loaded corpus with its indexes (it derefs to the corpus).
    pub corpus: Library,
    pub words: &'static ReaderWords,
    pub today: NaiveDate,
    pub theme: Theme,
    pub keymap: KeyMap,
    /// Terminal size (columns, rows).
    pub size: (u16, u16),
    pub focus: Focus,
    pub left: LeftMode,
    pub expanded: Vec<bool>,
    pub issue_cursor: Cursor,
    pub topic_open: HashSet<Vec<String>>,
    pub topic_cursor: Cursor,
    /// What the centre pane shows, by key: the truth `view` is derived from.
    pub shown: Shown,
    /// Where `shown` is (positions, for drawing and moving).
    pub view: View,
    pub scroll: usize,
    pub meetings: Vec<MeetingRow>,
    /// True when the sidebar shows upcoming meetings (not the fallback).
    pub upcoming: bool,
    pub meeting_cursor: Cursor,
    /// The month view, the date prompt.
    pub agenda: Agenda,
    /// The issues folder being watched for new, changed and removed files.
    watching: Option<watch::Watching>,
    pub overlays: Vec<Overlay>,
    ranker: Ranker,
    pub quit: bool,
    /// The screen must be cleared and fully redrawn.
    pub redraw: bool,
    /// The user asked to suspend the reader (Ctrl-Z).
    pub suspend: bool,
    /// Read marks, bookmarks, last place (and the file they are kept in).
    pub store: Store,
    /// Per issue, per article: read?
    pub read: Vec<Vec<bool>>,
    /// Per issue, per article: bookmarked?
    pub bookmarked: Vec<Vec<bool>>,
    /// Messages for the status bar, shown until the next key.
    pub notes: Vec<String>,
    /// Whether mouse events are used (the terminal captures them).
    pub mouse: bool,
    /// Columns of the meetings sidebar (None: automatic).
    pub sidebar_width: Option<u16>,
    /// An article just marked unread while shown: not marked read again
    /// until the view changes.
    unread_hold: Option<(usize, usize)>,
    /// The rest of the issues folder, still loading in the background
    /// (the reader opened on the newest files; see `Corpus::load_in_steps`).
    loading: Option<Pending<Library>>,
    /// Files read and to read while loading, for the status bar.
    pub load_progress: Option<(usize, usize)>,
    /// The user has done something (a key, a click) since the start.
    touched: bool,
    /// The layout the last frame was drawn with (sizes for paging and
    /// scrolling, panes for the mouse): update code never draws.
    pub drawn: Drawn,
    /// The place saved by the last session, until it has been shown or the
    /// user went elsewhere (it may be in files still loading).
    start_place: Option<Place>,
    /// Opening links, hyperlinks, exporting a meeting (`tui::links`).
    pub links: super::links::LinkState,
    /// The copy key writes OSC 52 (the `clipboard` setting).
    pub clipboard: bool,
    /// An OSC 52 sequence for the event loop to write to the terminal.
    pub clipboard_out: Option<String>,
    /// Put the terminal cursor on the selected row (for screen readers).
    pub cursor_on_selection: bool,
    /// New issues since the last visit, and a y/n question asked.
    pub catchup: super::catchup::CatchUp,
    /// The search whose hits the article view highlights.
    pub found: Option<Found>,
    /// The find in the article view (`f`), while it is on.
    pub find: Option<Find>,
    /// The full-text search ranking away from the event loop, if any.
    searching: Option<Searching>,
    /// Libraries of fewer issues rank a search at once, on the event
    /// loop ([`SEARCH_INLINE_ISSUES`]; tests set it).
    pub search_inline: usize,
}

impl App {
    /// The reader on a library (or a corpus, indexed here).
    pub fn new(corpus: impl Into<Library>, ctx: &Context, theme: Theme) -> App {
        let corpus: Library = corpus.into();
        let words = reader_words(ctx.lang);
        let expanded = vec![false; corpus.issues.len()];
        let (meetings, upcoming) = meeting_rows(&corpus, ctx.today, words);
        let view = if corpus.issues.is_empty() {
            View::Nothing
        } else {
            View::Issue(0)
        };
        let mut app = App {
            corpus,
            words,
            today: ctx.today,
            theme,
            keymap: KeyMap::default(),
            size: (80, 24),
            focus: Focus::Left,
            left: LeftMode::Issues,
            expanded,
            issue_cursor: Cursor::default(),
            topic_open: HashSet::new(),
            topic_cursor: Cursor::default(),
            shown: Shown::Nothing,
            view: View::Nothing,
            scroll: 0,
            meetings,
            upcoming,
            meeting_cursor: Cursor::default(),
            agenda: Agenda::new(ctx.today),
            watching: None,
            overlays: Vec::new(),
            found: None,
            find: None,
            searching: None,
            search_inline: SEARCH_INLINE_ISSUES,
            ranker: Ranker::default(),
            quit: false,
            redraw: false,
            suspend: false,
            store: Store::memory(),
            read: Vec::new(),
            bookmarked: Vec::new(),
            notes: Vec::new(),
            mouse: true,
            sidebar_width: None,
            unread_hold: None,
            loading: None,
            load_progress: None,
            touched: false,
            drawn: Drawn::default(),
            start_place: None,
            links: Default::default(),
            clipboard: true,
            clipboard_out: None,
            cursor_on_selection: false,
            catchup: Default::default(),
        };
        app.set_view(view);
        app.meeting_cursor.selected = app.meeting_selectable().first().copied().unwrap_or(0);
        app.sync_marks();
        app.note_unreadable(&HashSet::new());
        app
    }

    /// Files that could not be read (or only partly), but for those in
    /// `known`: say so, naming them; `nyhetsbrev check` gives the details.
    fn note_unreadable(&mut self, known: &HashSet<String>) {
        let mut bad: Vec<&str> = self.unreadable().filter(|s| !known.contains(*s)).collect();
        bad.dedup();
        if !bad.is_empty() {
            let shown: Vec<String> = bad
                .iter()
                .take(3)
                .map(|s| crate::sanitize::clean_line(s))
                .collect();
            let more = if bad.len() > 3 { " …" } else { "" };
            let text = if bad.len() == 1 {
                self.words.unreadable_file
            } else {
                self.words.unreadable_files
            };
            let note = text
                .replace("{n}", &bad.len().to_string())
                .replace("{files}", &format!("{}{more}", shown.join(", ")));
            self.note(note);
        }
    }

    /// The files the warnings name as unreadable (or only partly read).
    fn unreadable(&self) -> impl Iterator<Item = &str> {
        self.corpus
            .warnings
            .iter()
            .filter(|w| matches!(w.kind, WarningKind::Unreadable | WarningKind::Encoding))
            .map(|w| w.source.as_str())
    }

    fn unreadable_sources(&self) -> HashSet<String> {
        self.unreadable().map(str::to_string).collect()
    }

    /// The rest of the corpus is loading in the background: show it when
    /// it is there (see `tick`).
    pub fn load_later(&mut self, pending: Pending<Library>) {
        self.load_progress = Some(pending.progress());
        self.loading = Some(pending);
    }

    /// Is part of the corpus still loading?
    pub fn is_loading(&self) -> bool {
        self.loading.is_some()
    }

    /// Wait for the background loading to end and show its corpus (for
    /// tests and measurements; the reader polls in `tick`).
    pub fn finish_loading(&mut self) {
        if let Some(p) = self.loading.take() {
            self.load_progress = None;
            match p.wait() {
                Some(ix) => self.replace_corpus(ix),
                None => self.note(self.words.load_failed),
            }
        }
    }

    /// Take the background corpus if it has arrived; else note how far it
    /// is. True when something on screen changes.
    fn poll_loading(&mut self) -> bool {
        let Some(p) = self.loading.as_mut() else {
            return false;
        };
        match p.poll() {
            Loaded::Reading { done, total } => {
                let now = Some((done, total));
                let changed = self.load_progress != now;
                self.load_progress = now;
                changed
            }
            Loaded::Done(ix) => {
                self.loading = None;
                self.load_progress = None;
                self.replace_corpus(ix);
                true
            }
            Loaded::Failed => {
                self.loading = None;
                self.load_progress = None;
                self.note(self.words.load_failed);
                true
            }
        }
    }

    /// Show a new library (the whole folder, after the first files) and
    /// keep the user where they are: the article or issue shown (kept by
    /// key all along), the selected rows, opened issues and topics, the
    /// popups with their queries. Until the user has done anything, the
    /// place the last session ended at (which may be in the files just
    /// loaded) is opened instead.
    pub fn replace_corpus(&mut self, library: Library) {
        let known = self.unreadable_sources();
        let rows = self.row_keys();
        // A search running on the old library numbers its issues.
        self.stop_search();
        self.corpus.replace(library);
        self.relocate(rows);
        self.note_seen_issues();
        self.note_unreadable(&known);
        self.redraw = false;
    }

    /// The selected rows and open things, by key.
    fn row_keys(&self) -> RowKeys {
        let left = match self.issue_rows().get(self.issue_cursor.selected) {
            Some(IssueRow::Issue(i)) => self.issue_source(*i).map(RowKey::Issue),
            Some(IssueRow::Article(i, a)) => self.corpus.article_key(*i, *a).map(RowKey::Article),
            None => None,
        };
        let topic = match self.topic_rows().get(self.topic_cursor.selected) {
            Some(TopicRow::Node { path, .. }) => Some(RowKey::Topic(path.clone())),
            Some(TopicRow::Article {
                target: Some((i, a)),
                ..
            }) => self.corpus.article_key(*i, *a).map(RowKey::Article),
            _ => None,
        };
        let meeting = match self.meetings.get(self.meeting_cursor.selected) {
            Some(MeetingRow::Meeting { meeting, .. }) => Some(meeting.key()),
            _ => None,
        };
        RowKeys {
            left,
            topic,
            opened: (0..self.expanded.len())
                .filter(|&i| self.expanded[i])
                .filter_map(|i| self.issue_source(i))
                .collect(),
            meeting,
            hold: self
                .unread_hold
                .and_then(|(i, a)| self.corpus.article_key(i, a)),
            card: self.overlays.iter().find_map(|o| match o {
                Overlay::Card(c) => self.corpus.people.get(c.person).map(|p| p.name.clone()),
                _ => None,
            }),
        }
    }

    /// Work out every position again in the current library: the view
    /// from what is shown, the rows from their keys.
    fn relocate(&mut self, rows: RowKeys) {
        self.expanded = self
            .corpus
            .issues
            .iter()
            .map(|is| rows.opened.contains(&is.source))
            .collect();
        let (meetings, upcoming) = meeting_rows(&self.corpus, self.today, self.words);
        self.meetings = meetings;
        self.upcoming = upcoming;
        let sel = self.meeting_selectable();
        self.meeting_cursor.selected = sel
            .iter()
            .copied()
            .find(|&r| match &self.meetings[r] {
                MeetingRow::Meeting { meeting, .. } => Some(meeting.key()) == rows.meeting,
                _ => false,
            })
            .or_else(|| sel.first().copied())
            .unwrap_or(0);
        self.sync_marks();
        self.unread_hold = rows.hold.and_then(|k| self.corpus.find_article(&k));

        // The view, then the rows of the left pane.
        let scroll = self.scroll;
        let shown = std::mem::take(&mut self.shown);
        self.set_view(if self.corpus.issues.is_empty() {
            View::Nothing
        } else {
            View::Issue(0)
        });
        self.scroll = 0;
        self.issue_cursor = Cursor::default();
        if self.touched {
            let row = match rows.left {
                Some(RowKey::Issue(src)) => self.corpus.issue_at(&src).map(IssueRow::Issue),
                Some(RowKey::Article(k)) => self
                    .corpus
                    .find_article(&k)
                    .map(|(i, a)| IssueRow::Article(i, a)),
                _ => None,
            };
            if let Some(r) = row {
                self.select_issue_row(r);
            }
            match self.locate(&shown) {
                Some(v @ View::Article(..)) => {
                    self.set_view(v);
                    self.scroll = scroll;
                }
                Some(v) => self.set_view(v),
                None => {}
            }
        } else if let Some(place) = self.start_place.clone() {
            self.store.state.last = Some(place);
            self.restore_place();
        }
        self.topic_cursor = Cursor::default();
        if let Some(key) = rows.topic {
            let at = self.topic_rows().iter().position(|row| match (row, &key) {
                (TopicRow::Node { path, .. }, RowKey::Topic(p)) => path == p,
                (
                    TopicRow::Article {
                        target: Some((i, a)),
                        ..
                    },
                    RowKey::Article(k),
                ) => self.corpus.article_key(*i, *a).as_ref() == Some(k),
                _ => false,
            });
            if let Some(at) = at {
                self.topic_cursor.selected = at;
            }
        }
        self.clamp_scroll();

        // Popups follow the new library.
        let card_person = rows
            .card
            .and_then(|n| self.corpus.people.iter().position(|p| p.name == n));
        let mut overlays = std::mem::take(&mut self.overlays);
        overlays.retain(|o| !matches!(o, Overlay::Card(_)) || card_person.is_some());
        for o in &mut overlays {
            match o {
                Overlay::Jump(st) => {
                    st.hits = self
                        .ranker
                        .rank_lazy(self.corpus.candidates(), &st.query, None);
                    st.cursor = Cursor::default();
                }
                Overlay::Contacts(st) => {
                    st.hits = people_for(&self.corpus, &st.query);
                    let len = st.hits.len();
                    st.cursor.set(st.cursor.selected, len);
                }
                Overlay::Bookmarks(st) => {
                    st.entries = self.bookmark_entries();
                    let len = st.entries.len();
                    st.cursor.set(st.cursor.selected, len);
                }
                Overlay::Search(st) => {
                    // Ranked again before the next frame (see `settle`).
                    st.hits.clear();
                    st.cursor = Cursor::default();
                    st.stale = true;
                }
                Overlay::Card(_) | Overlay::Help(_) => {}
            }
        }
        self.overlays = overlays;
        if let Some(person) = card_person {
            // Rebuild the card's rows for the new library, in its place.
            if let Some(pos) = self
                .overlays
                .iter()
                .position(|o| matches!(o, Overlay::Card(_)))
            {
                let rest = self.overlays.split_off(pos);
                self.open_card(person);
                self.overlays.extend(rest.into_iter().skip(1));
            }
        }
    }

    fn issue_source(&self, issue: usize) -> Option<String> {
        self.corpus.issues.get(issue).map(|is| is.source.clone())
    }

    /// Where something shown is in the current library.
    fn locate(&self, shown: &Shown) -> Option<View> {
        match shown {
            Shown::Nothing => None,
            Shown::Issue(src) => self.corpus.issue_at(src).map(View::Issue),
            Shown::Article(k) => self
                .corpus
                .find_article(k)
                .map(|(i, a)| View::Article(i, a)),
        }
    }

    /// Show a view (positions) and keep what it shows by key.
    fn set_view(&mut self, view: View) {
        self.shown = match view {
            View::Nothing => Shown::Nothing,
            View::Issue(i) => self.issue_source(i).map(Shown::Issue).unwrap_or_default(),
            View::Article(i, a) => self
                .corpus
                .article_key(i, a)
                .map(Shown::Article)
                .unwrap_or_default(),
        };
        self.view = view;
    }

    /// Apply the user's options (key map, date style, sidebar, mouse).
    /// The theme and language are given to `new`.
    pub fn configure(&mut self, opts: &Options) {
        self.keymap = opts.keymap.clone();
        self.words = reader_words_with(self.words.lang, opts.date_style);
        self.mouse = opts.mouse;
        self.sidebar_width = opts.sidebar_width;
        self.links.hyperlinks = opts.hyperlinks;
        self.clipboard = opts.clipboard;
        self.cursor_on_selection = opts.cursor_on_selection;
        let (meetings, upcoming) = meeting_rows(&self.corpus, self.today, self.words);
        self.meetings = meetings;
        self.upcoming = upcoming;
        self.meeting_cursor.selected = self.meeting_selectable().first().copied().unwrap_or(0);
    }

    /// Use a saved state: marks show in the lists and the reader opens
    /// where it was left.
    pub fn attach_store(&mut self, store: Store) {
        self.store = store;
        self.start_place = self.store.state.last.clone();
        self.sync_marks();
        self.note_seen_issues();
        self.restore_place();
    }

    /// A message in the status bar until the next key.
    pub fn note(&mut self, msg: impl Into<String>) {
        self.notes.push(msg.into());
    }

    // ───────────── read marks, bookmarks, place ─────────────

    /// The stable key of an article.
    pub fn article_key(&self, issue: usize, article: usize) -> Option<state::ArticleKey> {
        let is = self.corpus.issues.get(issue)?;
        let a = is.articles.get(article)?;
        Some(state::ArticleKey {
            issue: is.source.clone(),
            title: a.title.clone(),
        })
    }

    /// Where an article key is in these issues.
    pub fn find_article(&self, key: &state::ArticleKey) -> Option<(usize, usize)> {
        let i = self.corpus.issue_at(&key.issue)?;
        let a = self.corpus.issues[i]
            .articles
            .iter()
            .position(|a| a.title == key.title)?;
        Some((i, a))
    }

    /// Recompute the per-article marks from the state.
    fn sync_marks(&mut self) {
        let st = &self.store.state;
        let mark = |set: &std::collections::BTreeSet<state::ArticleKey>| {
            self.corpus
                .issues
                .iter()
                .map(|is| {
                    is.articles
                        .iter()
                        .map(|a| {
                            // Avoid building a key per article when the set is empty.
                            !set.is_empty()
                                && set.contains(&state::ArticleKey {
                                    issue: is.source.clone(),
                                    title: a.title.clone(),
                                })
                        })
                        .collect()
                })
                .collect()
        };
        self.read = mark(&st.read);
        self.bookmarked = mark(&st.bookmarks);
    }

    pub fn is_read(&self, issue: usize, article: usize) -> bool {
        self.read
            .get(issue)
            .and_then(|v| v.get(article))
            .copied()
            .unwrap_or(false)
    }

    pub fn is_bookmarked(&self, issue: usize, article: usize) -> bool {
        self.bookmarked
            .get(issue)
            .and_then(|v| v.get(article))
            .copied()
            .unwrap_or(false)
    }

    /// Unread articles of an issue.
    pub fn unread_count(&self, issue: usize) -> usize {
        self.read
            .get(issue)
            .map(|v| v.iter().filter(|r| !**r).count())
            .unwrap_or(0)
    }

    pub(super) fn set_read(&mut self, issue: usize, article: usize, read: bool) {
        if self.is_read(issue, article) == read {
            return;
        }
        let Some(key) = self.article_key(issue, article) else {
            return;
        };
        if read {
            self.store.state.read.insert(key);
        } else {
            self.store.state.read.remove(&key);
        }
        self.store.touch();
        if let Some(r) = self.read.get_mut(issue).and_then(|v| v.get_mut(article)) {
            *r = read;
        }
    }

    fn toggle_bookmark_at(&mut self, issue: usize, article: usize) -> bool {
        let Some(key) = self.article_key(issue, article) else {
            return false;
        };
        let on = !self.store.state.bookmarks.remove(&key);
        if on {
            self.store.state.bookmarks.insert(key);
        }
        self.store.touch();
        if let Some(b) = self
            .bookmarked
            .get_mut(issue)
            .and_then(|v| v.get_mut(article))
        {
            *b = on;
        }
        on
    }

    /// The article `b` and `u` act on: the article row under the left
    /// cursor, else the article shown.
    pub fn target_article(&self) -> Option<(usize, usize)> {
        if self.focus == Focus::Left {
            let row = match self.left {
                LeftMode::Issues => match self.issue_rows().get(self.issue_cursor.selected) {
                    Some(IssueRow::Article(i, a)) => Some((*i, *a)),
                    _ => None,
                },
                LeftMode::Topics => match self.topic_rows().get(self.topic_cursor.selected) {
                    Some(TopicRow::Article {
                        target: Some(t), ..
                    }) => Some(*t),
                    _ => None,
                },
            };
            if row.is_some() {
                return row;
            }
        }
        match self.view {
            View::Article(i, a) => Some((i, a)),
            _ => None,
        }
    }

    /// The place to remember.
    fn place(&self) -> Option<Place> {
        match self.view {
            View::Nothing => None,
            View::Issue(i) => Some(Place::Issue {
                issue: self.corpus.issues.get(i)?.source.clone(),
            }),
            View::Article(i, a) => {
                let k = self.article_key(i, a)?;
                Some(Place::Article {
                    issue: k.issue,
                    title: k.title,
                    scroll: self.scroll,
                })
            }
        }
    }

    /// Open the remembered place, if it is in these issues.
    fn restore_place(&mut self) {
        match self.store.state.last.clone() {
            Some(Place::Article {
                issue,
                title,
                scroll,
            }) => {
                if let Some((i, a)) = self.find_article(&state::ArticleKey { issue, title }) {
                    self.open_article(i, a);
                    self.scroll = scroll;
                }
            }
            Some(Place::Issue { issue }) => {
                if let Some(i) = self.corpus.issue_at(&issue) {
                    self.open_issue(i);
                }
            }
            None => {}
        }
    }

    /// After every action: an article open in the article pane is read;
    /// the place is remembered.
    fn after_update(&mut self) {
        if let Some(h) = self.unread_hold {
            if self.view != View::Article(h.0, h.1) {
                self.unread_hold = None;
            }
        }
        if let (Focus::Article, View::Article(i, a), true) =
            (self.focus, self.view, self.overlays.is_empty())
        {
            if self.unread_hold != Some((i, a)) {
                self.set_read(i, a, true);
            }
        }
        let place = self.place();
        if place.is_some() && place != self.store.state.last {
            self.store.state.last = place;
            self.store.touch();
        }
    }

    /// Save now (merging with what other readers saved).
    pub fn save(&mut self) -> anyhow::Result<()> {
        let res = self.store.save();
        self.after_save(res)
    }

    fn after_save(
        &mut self,
        res: anyhow::Result<Option<crate::state::Broken>>,
    ) -> anyhow::Result<()> {
        match res {
            Ok(broken) => {
                if let Some(b) = broken {
                    self.note(b.to_string());
                }
                // Other readers' marks are in now.
                self.sync_marks();
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// Called by the event loop between events: saves every few seconds
    /// while there are changes. True when the screen should be redrawn.
    pub fn tick(&mut self) -> bool {
        let loaded = self.poll_loading() | self.poll_watch() | self.poll_search();
        let Some(res) = self.store.save_if_due(SAVE_EVERY) else {
            return loaded;
        };
        if let Err(e) = self.after_save(res) {
            let msg = format!("{}: {e:#}", self.words.save_failed);
            if !self.notes.contains(&msg) {
                self.note(msg);
            }
        }
        true
    }

    /// The next unread article after the current one, in list order
    /// (wrapping around).
    pub fn next_unread(&self) -> Option<(usize, usize)> {
        let all: Vec<(usize, usize)> = self
            .corpus
            .issues
            .iter()
            .enumerate()
            .flat_map(|(i, is)| (0..is.articles.len()).map(move |a| (i, a)))
            .collect();
        if all.is_empty() {
            return None;
        }
        let start = match self.view {
            View::Article(i, a) => all
                .iter()
                .position(|p| *p == (i, a))
                .map(|p| p + 1)
                .unwrap_or(0),
            View::Issue(i) => all.iter().position(|p| p.0 >= i).unwrap_or(0),
            View::Nothing => 0,
        };
        (0..all.len())
            .map(|k| all[(start + k) % all.len()])
            .find(|(i, a)| !self.is_read(*i, *a) && self.view != View::Article(*i, *a))
    }

    fn open_bookmarks(&mut self) {
        let st = BookmarksState {
            entries: self.bookmark_entries(),
            cursor: Cursor::default(),
        };
        self.overlays.push(Overlay::Bookmarks(st));
    }

    /// Bookmarks in list order (newest issue first); those not in these
    /// issues last.
    fn bookmark_entries(&self) -> Vec<(state::ArticleKey, Option<(usize, usize)>)> {
        let mut v: Vec<(state::ArticleKey, Option<(usize, usize)>)> = self
            .store
            .state
            .bookmarks
            .iter()
            .map(|k| (k.clone(), self.find_article(k)))
            .collect();
        v.sort_by_key(|(_, at)| at.map(|p| (0, p)).unwrap_or((1, (0, 0))));
        v
    }

    fn update_bookmarks(&mut self, action: Action) {
        let page = self.overlay_page() as isize;
        let Some(Overlay::Bookmarks(st)) = self.overlays.last_mut() else {
            return;
        };
        if st.cursor.follow(action, st.entries.len(), page) {
            return;
        }
        match action {
            Action::Close | Action::Back | Action::Bookmarks => {
                self.overlays.pop();
            }
            Action::Help => self.overlays.push(Overlay::Help(HelpState::default())),
            Action::Open => {
                if let Some((_, Some((i, a)))) = st.entries.get(st.cursor.selected).cloned() {
                    self.overlays.clear();
                    self.open_article(i, a);
                }
            }
            Action::ToggleBookmark => {
                let Some((key, _)) = st.entries.get(st.cursor.selected).cloned() else {
                    return;
                };
                self.store.state.bookmarks.remove(&key);
                self.store.touch();
                self.sync_marks();
                let entries = self.bookmark_entries();
                if let Some(Overlay::Bookmarks(st)) = self.overlays.last_mut() {
                    let n = entries.len();
                    st.entries = entries;
                    let sel = st.cursor.selected;
                    st.cursor.set(sel, n);
                }
                self.note(self.words.unbookmarked);
            }
            _ => {}
        }
    }

    pub fn is_embedded(&self) -> bool {
        self.corpus.origin == Origin::Embedded
    }

    /// The key table that applies now.
    pub fn mode(&self) -> Mode {
        match self.overlays.last() {
            None => Mode::Normal,
            Some(Overlay::Jump(_)) | Some(Overlay::Search(_)) => Mode::Jump,
            Some(Overlay::Contacts(_)) => Mode::Contacts,
            Some(Overlay::Card(_)) => Mode::Card,
            Some(Overlay::Help(_)) => Mode::Help,
            Some(Overlay::Bookmarks(_)) => Mode::Bookmarks,
        }
    }

    pub fn screen(&self) -> Rect {
        Rect::new(0, 0, self.size.0, self.size.1)
    }

    /// Feed a terminal event.
    pub fn handle_event(&mut self, ev: &Event) {
        match ev {
            Event::Key(k) if k.kind != KeyEventKind::Release => {
                self.notes.clear();
                if self.prompt_key(k) || self.find_key(k) || self.link_key(k) {
                    return;
                }
                if self.answer(k) {
                    self.touched = true;
                    self.after_update();
                    return;
                }
                if let Some(a) = self.keymap.action(self.mode(), k) {
                    self.update(a);
                }
            }
            Event::Mouse(m) if self.mouse => match m.kind {
                MouseEventKind::ScrollDown => self.update(Action::ScrollDown(m.column, m.row)),
                MouseEventKind::ScrollUp => self.update(Action::ScrollUp(m.column, m.row)),
                MouseEventKind::Down(MouseButton::Left) => {
                    self.update(Action::Click(m.column, m.row))
                }
                _ => {}
            },
            Event::Resize(w, h) => self.update(Action::Resize(*w, *h)),
            // A paste is text for the query line: a line break at its end
            // is dropped (it must not act as Enter), others become spaces.
            Event::Paste(s) if self.find_paste(&clean_line(s.trim_end_matches(['\r', '\n']))) => {}
            Event::Paste(s) if self.mode().takes_text() => {
                for c in clean_line(s.trim_end_matches(['\r', '\n'])).chars() {
                    self.update(Action::Input(c));
                }
            }
            Event::FocusGained => self.redraw = true,
            _ => {}
        }
    }

    /// Apply one action.
    pub fn update(&mut self, action: Action) {
        if !matches!(action, Action::Resize(..) | Action::Redraw) {
            self.touched = true;
        }
        self.apply(action);
        self.after_update();
        if self.quit {
            if let Err(e) = self.save() {
                let msg = format!("{}: {e:#}", self.words.save_failed);
                self.note(msg);
            }
        }
    }

    fn apply(&mut self, action: Action) {
        match action {
            Action::Quit => {
                self.quit = true;
                return;
            }
            Action::Redraw => {
                self.redraw = true;
                return;
            }
            Action::Suspend => {
                self.suspend = true;
                return;
            }
            Action::Resize(w, h) => {
                self.size = (w, h);
                self.clamp_scroll();
                return;
            }
            Action::ScrollUp(x, y) => return self.wheel(x, y, -1),
            Action::ScrollDown(x, y) => return self.wheel(x, y, 1),
            Action::Click(x, y) => return self.click(x, y),
            // The same in every mode: what is copied depends on the mode.
            Action::Copy => return self.copy(),
            _ => {}
        }
        match self.mode() {
            Mode::Normal => self.update_normal(action),
            Mode::Jump | Mode::Contacts => self.update_picker(action),
            Mode::Card => self.update_card(action),
            Mode::Help => self.update_help(action),
            Mode::Bookmarks => self.update_bookmarks(action),
        }
    }

    // ───────────── main panes ─────────────

    fn update_normal(&mut self, action: Action) {
        if self.month_action(action) {
            return;
        }
        match action {
            Action::Today
            | Action::NextWeek
            | Action::PrevWeek
            | Action::GoToDate
            | Action::ToggleMonth => self.agenda_action(action),
            Action::Up => self.move_focused(-1),
            Action::Down => self.move_focused(1),
            Action::Open => self.open_focused(),
            Action::Back => self.back_focused(),
            Action::NextPane => self.cycle_focus(1),
            Action::PrevPane => self.cycle_focus(-1),
            Action::PageDown => self.page(1),
            Action::PageUp => self.page(-1),
            Action::Top => self.edge(false),
            Action::Bottom => self.edge(true),
            Action::ToggleTopics => {
                self.left = match self.left {
                    LeftMode::Issues => LeftMode::Topics,
                    LeftMode::Topics => LeftMode::Issues,
                };
                if let View::Article(i, a) = self.view {
                    self.reveal(i, a);
                } else if let (View::Issue(i), LeftMode::Issues) = (self.view, self.left) {
                    self.select_issue_row(IssueRow::Issue(i));
                }
                self.focus = Focus::Left;
            }
            Action::Jump => self.open_jump(),
            Action::Search => self.overlays.push(Overlay::Search(SearchState::default())),
            Action::Find => self.open_find(),
            Action::Contacts => self.open_contacts(),
            Action::Help => self.overlays.push(Overlay::Help(HelpState::default())),
            Action::NextUnread => match self.next_unread() {
                Some((i, a)) => self.open_article(i, a),
                None => self.note(self.words.all_read),
            },
            Action::ToggleBookmark => match self.target_article() {
                Some((i, a)) => {
                    let on = self.toggle_bookmark_at(i, a);
                    self.note(if on {
                        self.words.bookmarked
                    } else {
                        self.words.unbookmarked
                    });
                }
                None => self.note(self.words.no_article),
            },
            Action::Bookmarks => self.open_bookmarks(),
            Action::OpenLink => self.open_link_action(),
            Action::ExportMeeting => self.export_meeting_action(),
            Action::MarkIssueRead => self.ask_issue_read(),
            Action::MarkAllRead => self.ask_all_read(),
            Action::MarkUnread => match self.target_article() {
                Some((i, a)) => {
                    self.set_read(i, a, false);
                    if self.view == View::Article(i, a) {
                        self.unread_hold = Some((i, a));
                    }
                    self.note(self.words.marked_unread);
                }
                None => self.note(self.words.no_article),
            },
            _ => {}
        }
    }

    fn cycle_focus(&mut self, dir: isize) {
        let order = [Focus::Left, Focus::Article, Focus::Meetings];
        let i = order.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        self.focus = order[(i + dir).rem_euclid(3) as usize];
    }

    fn move_focused(&mut self, delta: isize) {
        match self.focus {
            Focus::Left => self.move_left(delta),
            Focus::Article => self.scroll_by(delta),
            Focus::Meetings => self.move_meeting(delta),
        }
    }

    fn move_left(&mut self, delta: isize) {
        match self.left {
            LeftMode::Issues => {
                let len = self.issue_rows().len();
                self.issue_cursor.step(delta, len);
            }
            LeftMode::Topics => {
                let len = self.topic_rows().len();
                self.topic_cursor.step(delta, len);
            }
        }
        self.preview();
    }

    /// Show what the left cursor is on.
    fn preview(&mut self) {
        match self.left {
            LeftMode::Issues => match self.issue_rows().get(self.issue_cursor.selected) {
                Some(IssueRow::Issue(i)) => self.show(View::Issue(*i)),
                Some(IssueRow::Article(i, a)) => self.show(View::Article(*i, *a)),
                None => {}
            },
            LeftMode::Topics => {
                if let Some(TopicRow::Article {
                    target: Some((i, a)),
                    ..
                }) = self.topic_rows().get(self.topic_cursor.selected)
                {
                    self.show(View::Article(*i, *a));
                }
            }
        }
    }

    fn show(&mut self, view: View) {
        if self.view != view {
            self.set_view(view);
            self.scroll = 0;
        }
    }

    fn open_focused(&mut self) {
        match self.focus {
            Focus::Left => match self.left {
                LeftMode::Issues => match self.issue_rows().get(self.issue_cursor.selected) {
                    Some(IssueRow::Issue(i)) => {
                        let i = *i;
                        if !self.expanded[i] {
                            self.expanded[i] = true;
                        } else if !self.corpus.issues[i].articles.is_empty() {
                            self.move_left(1);
                        }
                        self.show(View::Issue(i));
                    }
                    Some(IssueRow::Article(i, a)) => {
                        self.show(View::Article(*i, *a));
                        self.focus = Focus::Article;
                    }
                    None => {}
                },
                LeftMode::Topics => match self.topic_rows().get(self.topic_cursor.selected) {
                    Some(TopicRow::Node { path, expanded, .. }) => {
                        if *expanded {
                            self.move_left(1);
                        } else {
                            let p = path.clone();
                            self.topic_open.insert(p);
                        }
                    }
                    Some(TopicRow::Article {
                        target: Some((i, a)),
                        ..
                    }) => {
                        self.show(View::Article(*i, *a));
                        self.focus = Focus::Article;
                    }
                    _ => {}
                },
            },
            Focus::Article => {}
            Focus::Meetings => {
                if let Some(MeetingRow::Meeting { issue, meeting, .. }) =
                    self.meetings.get(self.meeting_cursor.selected)
                {
                    let (issue, art) = (*issue, meeting.article);
                    self.open_meeting(issue, art);
                }
            }
        }
    }

    fn back_focused(&mut self) {
        match self.focus {
            Focus::Left => match self.left {
                LeftMode::Issues => match self.issue_rows().get(self.issue_cursor.selected) {
                    Some(IssueRow::Article(i, _)) => {
                        let i = *i;
                        self.expanded[i] = false;
                        self.select_issue_row(IssueRow::Issue(i));
                        self.show(View::Issue(i));
                    }
                    Some(IssueRow::Issue(i)) => {
                        let i = *i;
                        self.expanded[i] = false;
                    }
                    None => {}
                },
                LeftMode::Topics => {
                    let rows = self.topic_rows();
                    let Some(row) = rows.get(self.topic_cursor.selected) else {
                        return;
                    };
                    match row {
                        TopicRow::Node {
                            path,
                            expanded: true,
                            ..
                        } => {
                            self.topic_open.remove(path);
                        }
                        _ => {
                            // Go to the parent node.
                            let depth = match row {
                                TopicRow::Node { depth, .. } | TopicRow::Article { depth, .. } => {
                                    *depth
                                }
                            };
                            if depth == 0 {
                                return;
                            }
                            let parent = rows[..self.topic_cursor.selected].iter().rposition(
                                |r| matches!(r, TopicRow::Node { depth: d, .. } if *d < depth),
                            );
                            if let Some(p) = parent {
                                self.topic_cursor.selected = p;
                            }
                        }
                    }
                }
            },
            Focus::Article => self.focus = Focus::Left,
            Focus::Meetings => self.focus = Focus::Article,
        }
    }

    fn page(&mut self, dir: isize) {
        let page = self.article_page().saturating_sub(2).max(1) as isize;
        self.scroll_by(dir * page);
    }

    fn edge(&mut self, bottom: bool) {
        match self.focus {
            Focus::Article => {
                self.scroll = if bottom { self.max_scroll() } else { 0 };
            }
            Focus::Left => {
                let len = match self.left {
                    LeftMode::Issues => self.issue_rows().len(),
                    LeftMode::Topics => self.topic_rows().len(),
                };
                let target = if bottom { len.saturating_sub(1) } else { 0 };
                match self.left {
                    LeftMode::Issues => self.issue_cursor.set(target, len),
                    LeftMode::Topics => self.topic_cursor.set(target, len),
                }
                self.preview();
            }
            Focus::Meetings => {
                let sel = self.meeting_selectable();
                let target = if bottom { sel.last() } else { sel.first() };
                if let Some(t) = target {
                    self.meeting_cursor.selected = *t;
                }
            }
        }
    }

    // ───────────── article scrolling ─────────────

    /// The article pane as the last frame drew it, if that frame showed
    /// what is shown now at this size (else the next frame will tell).
    fn drawn_article(&self) -> Option<&ArticleDrawn> {
        self.drawn
            .article
            .as_ref()
            .filter(|a| a.view == self.view && self.drawn.screen == self.screen())
    }

    /// Lines of the article view at the current size (unknown until drawn:
    /// no bound).
    pub fn article_len(&self) -> usize {
        self.drawn_article().map_or(UNKNOWN, |a| a.lines)
    }

    /// Height of the article text area (as last drawn).
    pub fn article_page(&self) -> usize {
        self.drawn.article.as_ref().map_or(1, |a| a.page)
    }

    pub fn max_scroll(&self) -> usize {
        self.drawn_article()
            .map_or(UNKNOWN, |a| a.lines.saturating_sub(a.page))
    }

    /// Take the layout a frame was drawn with. Scroll positions past the
    /// end (the size or the article changed since) come back to it.
    pub fn drawn(&mut self, drawn: Drawn) {
        self.drawn = drawn;
        // An article opened from the search: the frame scrolled to its
        // first hit; keep that place.
        if let (Some(f), Some(a)) = (self.found.as_mut(), self.drawn.article) {
            if f.pending && f.view == a.view {
                f.pending = false;
                if let Some(s) = a.hit_scroll {
                    self.scroll = s;
                }
            }
        }
        self.clamp_scroll();
        self.find_drawn();
        if let (Some(Overlay::Help(st)), Some((_, max))) =
            (self.overlays.last_mut(), self.drawn.help)
        {
            st.scroll = st.scroll.min(max);
        }
    }

    fn scroll_by(&mut self, delta: isize) {
        let s = (self.scroll as isize + delta).max(0) as usize;
        self.scroll = s.min(self.max_scroll());
    }

    fn clamp_scroll(&mut self) {
        self.scroll = self.scroll.min(self.max_scroll());
    }

    // ───────────── rows ─────────────

    pub fn issue_rows(&self) -> Vec<IssueRow> {
        let mut rows = Vec::new();
        for (i, issue) in self.corpus.issues.iter().enumerate() {
            rows.push(IssueRow::Issue(i));
            if self.expanded.get(i).copied().unwrap_or(false) {
                rows.extend((0..issue.articles.len()).map(|a| IssueRow::Article(i, a)));
            }
        }
        rows
    }

    pub fn topic_rows(&self) -> Vec<TopicRow> {
        let mut rows = Vec::new();
        let mut path = Vec::new();
        self.walk_topics(&self.corpus.topics, &mut path, &mut rows);
        rows
    }

    fn walk_topics(&self, nodes: &[TopicNode], path: &mut Vec<String>, rows: &mut Vec<TopicRow>) {
        for n in nodes {
            path.push(n.name.clone());
            let expanded = self.topic_open.contains(path);
            let depth = path.len() - 1;
            rows.push(TopicRow::Node {
                path: path.clone(),
                depth,
                count: n.count,
                expanded,
            });
            if expanded {
                self.walk_topics(&n.children, path, rows);
                for r in &n.articles {
                    rows.push(TopicRow::Article {
                        depth: depth + 1,
                        title: r.title.to_string(),
                        target: self.resolve(r),
                    });
                }
            }
            path.pop();
        }
    }

    /// The (issue, article) an article reference points at.
    pub fn resolve(&self, r: &ArticleRef) -> Option<(usize, usize)> {
        let i = self.corpus.issue_at(&r.issue)?;
        (r.article < self.corpus.issues[i].articles.len()).then_some((i, r.article))
    }

    fn select_issue_row(&mut self, row: IssueRow) {
        if let Some(p) = self.issue_rows().iter().position(|r| *r == row) {
            self.issue_cursor.selected = p;
        }
    }

    /// Make an article the selected row of the left pane (expanding what
    /// is needed) and show it.
    fn reveal(&mut self, issue: usize, article: usize) {
        match self.left {
            LeftMode::Issues => {
                if let Some(e) = self.expanded.get_mut(issue) {
                    *e = true;
                }
                self.select_issue_row(IssueRow::Article(issue, article));
            }
            LeftMode::Topics => {
                let Some(source) = self.corpus.issues.get(issue).map(|i| i.source.clone()) else {
                    return;
                };
                if let Some(path) = find_topic_path(&self.corpus.topics, &source, article) {
                    for k in 1..=path.len() {
                        self.topic_open.insert(path[..k].to_vec());
                    }
                    let rows = self.topic_rows();
                    let pos = rows.iter().position(|r| {
                        matches!(r, TopicRow::Article { target: Some(t), .. } if *t == (issue, article))
                    });
                    if let Some(p) = pos {
                        self.topic_cursor.selected = p;
                    }
                }
            }
        }
        self.show(View::Article(issue, article));
    }

    fn open_article(&mut self, issue: usize, article: usize) {
        self.reveal(issue, article);
        self.focus = Focus::Article;
    }

    fn open_issue(&mut self, issue: usize) {
        if issue >= self.corpus.issues.len() {
            return;
        }
        self.left = LeftMode::Issues;
        self.select_issue_row(IssueRow::Issue(issue));
        self.show(View::Issue(issue));
        self.focus = Focus::Left;
    }

    fn open_meeting(&mut self, issue: usize, article: Option<usize>) {
        match article {
            Some(a)
                if self
                    .corpus
                    .issues
                    .get(issue)
                    .is_some_and(|i| a < i.articles.len()) =>
            {
                self.open_article(issue, a)
            }
            _ => {
                self.open_issue(issue);
                self.focus = Focus::Article;
            }
        }
    }

    fn open_topic(&mut self, path: &[String]) {
        self.left = LeftMode::Topics;
        for k in 1..=path.len() {
            self.topic_open.insert(path[..k].to_vec());
        }
        let pos = self
            .topic_rows()
            .iter()
            .position(|r| matches!(r, TopicRow::Node { path: p, .. } if p == path));
        if let Some(p) = pos {
            self.topic_cursor.selected = p;
        }
        self.focus = Focus::Left;
    }

    /// The article to show behind a person's card: the newest one they are
    /// the contact for, else the newest that names them.
    pub fn person_article(&self, person: usize) -> Option<(usize, usize)> {
        let p = self.corpus.people.get(person)?;
        let newest = |refs: &[ArticleRef]| {
            refs.iter()
                .filter_map(|r| self.resolve(r))
                .min_by_key(|(i, a)| (*i, *a))
        };
        newest(&p.contact_for)
            .or_else(|| newest(&p.mentioned_in))
            .or_else(|| {
                // The directory does not say: look for the name in the text.
                let name = fold_str(&p.name);
                self.corpus.issues.iter().enumerate().find_map(|(i, is)| {
                    is.articles
                        .iter()
                        .position(|a| fold_str(&a.body()).contains(&name))
                        .map(|a| (i, a))
                })
            })
    }

    fn go(&mut self, target: Target) {
        self.overlays.clear();
        match target {
            Target::Article { issue, article } => self.open_article(issue, article),
            Target::Issue { issue } => self.open_issue(issue),
            Target::Meeting { issue, meeting } => {
                let art = self
                    .corpus
                    .issues
                    .get(issue)
                    .and_then(|is| is.meetings.get(meeting))
                    .and_then(|m| m.article);
                self.open_meeting(issue, art);
            }
            Target::Topic { path } => self.open_topic(&path),
            Target::Person { person } => {
                if let Some((i, a)) = self.person_article(person) {
                    self.open_article(i, a);
                }
                self.open_card(person);
            }
        }
    }

    // ───────────── meetings ─────────────

    /// Row indices of the sidebar that can be selected.
    pub fn meeting_selectable(&self) -> Vec<usize> {
        self.meetings
            .iter()
            .enumerate()
            .filter(|(_, r)| matches!(r, MeetingRow::Meeting { .. }))
            .map(|(i, _)| i)
            .collect()
    }

    fn move_meeting(&mut self, delta: isize) {
        if self.month_action(if delta < 0 { Action::Up } else { Action::Down }) {
            return;
        }
        let sel = self.meeting_selectable();
        if sel.is_empty() {
            return;
        }
        let cur = sel
            .iter()
            .position(|i| *i == self.meeting_cursor.selected)
            .unwrap_or(0) as isize;
        let next = (cur + delta).clamp(0, sel.len() as isize - 1) as usize;
        self.select_meeting_row(sel[next]);
    }

    // ───────────── jump ─────────────

    fn open_jump(&mut self) {
        // The last query comes back; typing replaces it.
        let query = self.store.state.last_query.clone().unwrap_or_default();
        let st = JumpState {
            // Positions are left to the popup, for the rows it shows.
            hits: self
                .ranker
                .rank_lazy(self.corpus.candidates(), &query, None),
            recalled: !query.is_empty(),
            query,
            ..Default::default()
        };
        self.overlays.push(Overlay::Jump(st));
    }

    fn remember_query(&mut self, query: String) {
        let q = (!query.trim().is_empty()).then_some(query);
        if q.is_some() && q != self.store.state.last_query {
            self.store.state.last_query = q;
            self.store.touch();
        }
    }

    /// A key in the jump or contacts popup.
    fn update_picker(&mut self, action: Action) {
        // A key that moves or opens reads the hits: rank a typed query now.
        if !matches!(
            action,
            Action::Input(_)
                | Action::DeleteChar
                | Action::DeleteWord
                | Action::ClearInput
                | Action::Close
        ) {
            self.settle_now();
        }
        let page = self.overlay_page() as isize;
        let picked = match self.overlays.last_mut() {
            Some(Overlay::Jump(st)) => st.update(action, page),
            Some(Overlay::Contacts(st)) => st.update(action, page),
            Some(Overlay::Search(st)) => st.update(action, page / 2),
            _ => return,
        };
        match picked {
            Picked::Nothing => {}
            Picked::Requery { narrower } => self.requery(narrower),
            Picked::Close => {
                if let Some(Overlay::Jump(st)) = self.overlays.pop() {
                    self.remember_query(st.query);
                }
            }
            Picked::Open => match self.overlays.last() {
                Some(Overlay::Jump(st)) => {
                    let q = st.query.clone();
                    let target = st
                        .selected()
                        .and_then(|h| self.corpus.candidates().get(h.index))
                        .map(|c| c.target.clone());
                    self.remember_query(q);
                    if let Some(t) = target {
                        self.go(t);
                    }
                }
                Some(Overlay::Contacts(st)) => {
                    if let Some(&p) = st.selected() {
                        self.open_card(p);
                    }
                }
                Some(Overlay::Search(st)) => {
                    if let Some(h) = st.selected() {
                        let (issue, article, query) = (h.issue, h.article, st.query.clone());
                        self.go(Target::Article { issue, article });
                        self.found = Some(Found {
                            view: View::Article(issue, article),
                            query,
                            pending: true,
                        });
                    }
                }
                _ => {}
            },
        }
    }

    /// Rank the topmost popup's hits again for its query.
    fn requery(&mut self, narrower: bool) {
        match self.overlays.last_mut() {
            Some(Overlay::Jump(st)) => {
                let subset: Option<Vec<usize>> =
                    narrower.then(|| st.hits.iter().map(|h| h.index).collect());
                // Positions are left to the popup, for the rows it shows.
                let hits =
                    self.ranker
                        .rank_lazy(self.corpus.candidates(), &st.query, subset.as_deref());
                st.set_hits(hits);
            }
            Some(Overlay::Contacts(st)) => {
                let hits = people_for(&self.corpus, &st.query);
                st.set_hits(hits);
            }
            // Ranking the whole text is the slow one: it waits for the end
            // of a burst of keys (see `settle`).
            Some(Overlay::Search(st)) => st.stale = true,
            _ => {}
        }
    }

    /// Rank the full-text search popup's query if it changed since its
    /// hits were ranked. Called before every frame and before a key that
    /// reads the hits, so typing a word ranks once, not once a letter.
    ///
    /// A library of [`App::search_inline`] issues or more ranks on a thread
    /// of its own: the popup keeps the hits it has and says it is
    /// searching, keys are answered meanwhile, and [`App::tick`] shows the
    /// hits when they come. A newer query stops the older search.
    pub fn settle(&mut self) {
        if !self
            .overlays
            .iter()
            .any(|o| matches!(o, Overlay::Search(_)))
        {
            // No search popup left: its search is not wanted.
            self.stop_search();
            return;
        }
        let query = match self.overlays.last_mut() {
            Some(Overlay::Search(st)) if st.stale => {
                st.stale = false;
                st.query.clone()
            }
            _ => return,
        };
        self.stop_search();
        if query.trim().is_empty() || self.corpus.issues.len() < self.search_inline {
            self.show_search(&query, None);
            return;
        }
        let cancel = Arc::new(AtomicBool::new(false));
        let job = self.corpus.search_job(&query, Arc::clone(&cancel));
        let (tx, answer) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("search".into())
            .spawn(move || {
                // The receiver is gone when the answer is not wanted.
                let _ = tx.send(job());
            });
        match spawned {
            Ok(_) => {
                self.searching = Some(Searching {
                    query,
                    cancel,
                    answer,
                })
            }
            // No thread to be had: ranked here.
            Err(_) => self.show_search(&query, None),
        }
    }

    /// [`App::settle`], and wait for a search ranking away: for a key that
    /// reads the hits (Enter opens the best hit of what was typed).
    fn settle_now(&mut self) {
        self.settle();
        if let Some(running) = self.searching.take() {
            let answer = running.answer.recv().ok().flatten();
            self.show_search(&running.query, answer);
        }
    }

    /// Whether a full-text search is ranking away from the event loop.
    pub fn searching(&self) -> bool {
        self.searching.is_some()
    }

    /// Stop the search ranking away, if any; its answer is dropped.
    fn stop_search(&mut self) {
        if let Some(running) = self.searching.take() {
            running.cancel.store(true, Ordering::Relaxed);
        }
    }

    /// Show the answer of a search ranking away when it has come: true
    /// when the screen changed.
    fn poll_search(&mut self) -> bool {
        let Some(running) = &self.searching else {
            return false;
        };
        let answer = match running.answer.try_recv() {
            Ok(answer) => answer,
            Err(mpsc::TryRecvError::Empty) => return false,
            Err(mpsc::TryRecvError::Disconnected) => None,
        };
        let Some(running) = self.searching.take() else {
            return false;
        };
        self.show_search(&running.query, answer);
        true
    }

    /// Give the search popup the hits of `query` (None: none came, from a
    /// search stopped or whose thread died, or none was asked for: ranked
    /// here), unless it has another query by now.
    fn show_search(&mut self, query: &str, hits: Option<Vec<SearchHit>>) {
        let popup = self.overlays.iter_mut().rev().find_map(|o| match o {
            Overlay::Search(st) => Some(st),
            _ => None,
        });
        if let Some(st) = popup {
            if st.query == query && !st.stale {
                st.set_hits(hits.unwrap_or_else(|| self.corpus.search(query)));
            }
        }
    }

    /// Rows visible in the list of the topmost popup.
    fn overlay_page(&self) -> usize {
        self.drawn.overlay_rows.max(1)
    }

    // ───────────── contacts ─────────────

    fn open_contacts(&mut self) {
        let st = ContactsState {
            hits: (0..self.corpus.people.len()).collect(),
            ..Default::default()
        };
        self.overlays.push(Overlay::Contacts(st));
    }

    fn open_card(&mut self, person: usize) {
        let Some(p) = self.corpus.people.get(person) else {
            return;
        };
        let mut refs: Vec<(bool, ArticleRef)> = Vec::new();
        for r in &p.contact_for {
            refs.push((true, r.clone()));
        }
        for r in &p.mentioned_in {
            refs.push((false, r.clone()));
        }
        // Newest issue first within each group.
        refs.sort_by_key(|(c, r)| {
            (
                !*c,
                self.corpus.issue_at(&r.issue).unwrap_or(usize::MAX),
                r.article,
            )
        });
        self.overlays.push(Overlay::Card(CardState {
            person,
            refs,
            cursor: Cursor::default(),
        }));
    }

    fn update_card(&mut self, action: Action) {
        let Some(Overlay::Card(st)) = self.overlays.last_mut() else {
            return;
        };
        // The card does not page.
        if st.cursor.follow(action, st.refs.len(), 0) {
            return;
        }
        match action {
            Action::Back | Action::Close => {
                self.overlays.pop();
            }
            Action::Help => self.overlays.push(Overlay::Help(HelpState::default())),
            Action::Open => {
                let r = st.refs.get(st.cursor.selected).map(|(_, r)| r.clone());
                if let Some((i, a)) = r.and_then(|r| self.resolve(&r)) {
                    self.overlays.clear();
                    self.open_article(i, a);
                }
            }
            _ => {}
        }
    }

    // ───────────── help ─────────────

    fn update_help(&mut self, action: Action) {
        let (page, max) = self.drawn.help.unwrap_or((self.overlay_page(), UNKNOWN));
        let Some(Overlay::Help(st)) = self.overlays.last_mut() else {
            return;
        };
        let s = st.scroll as isize;
        let next = match action {
            Action::Up => s - 1,
            Action::Down => s + 1,
            Action::PageUp => s - page as isize,
            Action::PageDown => s + page as isize,
            Action::Top => 0,
            Action::Bottom => max as isize,
            Action::Close => {
                self.overlays.pop();
                return;
            }
            _ => s,
        };
        st.scroll = next.clamp(0, max as isize) as usize;
    }

    // ───────────── mouse ─────────────

    fn wheel(&mut self, x: u16, y: u16, dir: isize) {
        if !self.overlays.is_empty() {
            let a = if dir > 0 { Action::Down } else { Action::Up };
            for _ in 0..3 {
                self.update(a);
            }
            return;
        }
        let Some(focus) = self.pane_at(x, y) else {
            return;
        };
        match focus {
            Focus::Article => self.scroll_by(3 * dir),
            Focus::Left => self.move_left(dir),
            Focus::Meetings => self.move_meeting(dir),
        }
    }

    fn click(&mut self, x: u16, y: u16) {
        if self.overlays.is_empty() {
            if let Some(f) = self.pane_at(x, y) {
                self.focus = f;
            }
        }
    }

    fn pane_at(&self, x: u16, y: u16) -> Option<Focus> {
        let p = self.drawn.panes?;
        let pos = Position::new(x, y);
        if p.left.contains(pos) {
            Some(Focus::Left)
        } else if p.center.contains(pos) {
            Some(Focus::Article)
        } else if p.right.contains(pos) {
            Some(Focus::Meetings)
        } else {
            None
        }
    }
}

/// The people for a contacts query, best first: the core's contacts
/// search, the same as `nyhetsbrev contacts`.
fn people_for(library: &Library, query: &str) -> Vec<usize> {
    library
        .contacts(query)
        .into_iter()
        .map(|r| r.person)
        .collect()
}

fn delete_word(s: &mut String) {
    let trimmed = s.trim_end().len();
    s.truncate(trimmed);
    let cut = s.rfind(char::is_whitespace).map(|i| i + 1).unwrap_or(0);
    s.truncate(cut);
}

/// The path of the topic node that files an article.
fn find_topic_path(nodes: &[TopicNode], source: &str, article: usize) -> Option<Vec<String>> {
    for n in nodes {
        if n.articles
            .iter()
            .any(|r| *r.issue == *source && r.article == article)
        {
            return Some(vec![n.name.clone()]);
        }
        if let Some(mut p) = find_topic_path(&n.children, source, article) {
            p.insert(0, n.name.clone());
            return Some(p);
        }
    }
    None
}
