//! The reader's one vocabulary of actions: the key map binds keys to these,
//! the help overlay and status bar describe them, and `App::update` applies
//! them.

use serde::{Deserialize, Serialize};

/// Something the user asked for.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    Up,
    Down,
    Open,
    Back,
    NextPane,
    PrevPane,
    PageDown,
    PageUp,
    Top,
    Bottom,
    ToggleTopics,
    Jump,
    /// Full-text search over the articles.
    Search,
    /// Find in the open article (n/N next/previous match).
    Find,
    Contacts,
    Help,
    Close,
    Quit,
    Redraw,
    Suspend,
    DeleteChar,
    DeleteWord,
    ClearInput,
    NextUnread,
    ToggleBookmark,
    Bookmarks,
    MarkUnread,
    /// Agenda: go to today's meetings.
    Today,
    /// Agenda: the next / previous week.
    NextWeek,
    PrevWeek,
    /// Agenda: go to a typed date.
    GoToDate,
    /// The meetings sidebar: agenda ⇄ month.
    ToggleMonth,
    /// Copy the selected person, article or meeting (OSC 52).
    Copy,
    /// Mark every article of the selected issue read (asks first).
    MarkIssueRead,
    /// Mark every article read (asks first).
    MarkAllRead,
    /// A typed character (in the jump and contacts query lines).
    #[serde(skip)]
    Input(char),
    /// Mouse wheel, at a screen position.
    #[serde(skip)]
    ScrollUp(u16, u16),
    #[serde(skip)]
    ScrollDown(u16, u16),
    /// A mouse click, at a screen position.
    #[serde(skip)]
    Click(u16, u16),
    /// The terminal changed size.
    #[serde(skip)]
    Resize(u16, u16),
    /// Open one of the article's links: asks for its number.
    OpenLink,
    /// Meetings: save the selected meeting as a calendar file and open it.
    ExportMeeting,
}

impl Action {
    /// The actions a key can be bound to (in the config's `keys`).
    pub const BINDABLE: [Action; 37] = [
        Action::Up,
        Action::Down,
        Action::Open,
        Action::Back,
        Action::NextPane,
        Action::PrevPane,
        Action::PageDown,
        Action::PageUp,
        Action::Top,
        Action::Bottom,
        Action::ToggleTopics,
        Action::Jump,
        Action::Search,
        Action::Find,
        Action::Contacts,
        Action::Help,
        Action::Close,
        Action::Quit,
        Action::Redraw,
        Action::Suspend,
        Action::DeleteChar,
        Action::DeleteWord,
        Action::ClearInput,
        Action::NextUnread,
        Action::ToggleBookmark,
        Action::Bookmarks,
        Action::MarkUnread,
        Action::Today,
        Action::NextWeek,
        Action::PrevWeek,
        Action::GoToDate,
        Action::ToggleMonth,
        Action::OpenLink,
        Action::ExportMeeting,
        Action::Copy,
        Action::MarkIssueRead,
        Action::MarkAllRead,
    ];

    /// The bindable action with this name (`"page_down"`).
    pub fn from_name(name: &str) -> Option<Action> {
        Action::BINDABLE.into_iter().find(|a| a.name() == name)
    }

    /// The name used to look up the action's description in `i18n`.
    pub fn name(self) -> &'static str {
        match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::Open => "open",
            Action::Back => "back",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::PageDown => "page_down",
            Action::PageUp => "page_up",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::ToggleTopics => "toggle_topics",
            Action::Jump => "jump",
            Action::Search => "search",
            Action::Find => "find",
            Action::Contacts => "contacts",
            Action::Help => "help",
            Action::Close => "close",
            Action::Quit => "quit",
            Action::Redraw => "redraw",
            Action::Suspend => "suspend",
            Action::DeleteChar => "delete_char",
            Action::DeleteWord => "delete_word",
            Action::ClearInput => "clear_input",
            Action::NextUnread => "next_unread",
            Action::ToggleBookmark => "toggle_bookmark",
            Action::Bookmarks => "bookmarks",
            Action::MarkUnread => "mark_unread",
            Action::Today => "today",
            Action::NextWeek => "next_week",
            Action::PrevWeek => "prev_week",
            Action::GoToDate => "go_to_date",
            Action::ToggleMonth => "toggle_month",
            Action::Copy => "copy",
            Action::MarkIssueRead => "mark_issue_read",
            Action::MarkAllRead => "mark_all_read",
            Action::Input(_) => "input",
            Action::ScrollUp(..) | Action::ScrollDown(..) | Action::Click(..) => "mouse",
            Action::Resize(..) => "resize",
            Action::OpenLink => "open_link",
            Action::ExportMeeting => "export_meeting",
        }
    }
}
