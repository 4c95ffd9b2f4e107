//! Copy, catch-up and the accessibility cursor, as a reader notices them
//! (TestBackend); the OSC 52 bytes themselves are checked in e2e_pty.rs.

mod common;

use common::{fixture, Harness};
use crossterm::event::KeyCode;
use nyhetsbrev::i18n::Lang;
use nyhetsbrev::state::{State, Store};
use nyhetsbrev::tui::app::{Focus, MeetingRow};
use nyhetsbrev::tui::keymap::Mode;
use ratatui::layout::Position;

fn status(h: &Harness) -> String {
    h.screen().lines().last().unwrap_or_default().to_string()
}

#[test]
fn copy_says_what_it_copied_for_a_person_an_article_and_a_meeting() {
    let mut h = fixture(120, 40);
    // Contacts: the selected person's e-mail (typed letters filter, so the
    // copy key there is Ctrl-Y).
    h.keys("c").keys("soffiantini").ctrl('y');
    assert!(
        status(&h).contains("Kopierat: karin.soffiantini-yildiz@storsthlm.se"),
        "{}",
        h.screen()
    );
    assert_eq!(
        h.app.mode(),
        Mode::Contacts,
        "the copy key keeps the list open"
    );
    h.key(KeyCode::Esc);
    // An article: its title and the issue it is in.
    h.key(KeyCode::Enter).key(KeyCode::Down).key(KeyCode::Enter);
    let (i, a) = h.app.target_article().expect("an article is shown");
    let title = h.app.corpus.issues[i].articles[a].title.clone();
    h.keys("y");
    let bar = status(&h);
    assert!(bar.contains(&format!("Kopierat: {title} — ")), "{bar}");
    // A meeting: day, time and title.
    h.app.focus = Focus::Meetings;
    h.keys("y");
    let bar = status(&h);
    assert!(
        bar.contains("Kopierat: 3 okt 2025 09:00") && bar.contains("Kommundirektörsmöte"),
        "{bar}"
    );
}

#[test]
fn copy_can_be_switched_off() {
    let mut h = fixture(120, 40);
    h.app.clipboard = false;
    h.keys("y");
    assert!(
        status(&h).contains("Kopiering är avstängd"),
        "{}",
        status(&h)
    );
    assert!(h.app.clipboard_out.is_none());
}

#[test]
fn marking_everything_read_asks_first_and_no_cancels() {
    let mut h = fixture(120, 40);
    let unread = |h: &Harness| -> usize {
        (0..h.app.corpus.issues.len())
            .map(|i| h.app.unread_count(i))
            .sum()
    };
    let before = unread(&h);
    assert!(before > 1);
    h.keys("R");
    assert!(status(&h).contains("(j/n)"), "{}", status(&h));
    h.keys("n");
    assert!(status(&h).contains("Avbrutet"));
    assert_eq!(unread(&h), before, "no cancels");
    h.keys("R").keys("j");
    assert_eq!(unread(&h), 0);
    assert!(
        status(&h).contains(&format!("{before} artiklar markerade som lästa")),
        "{}",
        status(&h)
    );
    // The answer was taken as an answer, not as a key: j did not move.
    assert_eq!(h.app.issue_cursor.selected, 0);
}

#[test]
fn marking_one_issue_read_leaves_the_others() {
    let mut h = fixture(120, 40);
    let second = h.app.unread_count(1);
    assert!(h.app.unread_count(0) > 0 && second > 0);
    h.keys("r");
    assert!(
        status(&h).contains("Markera alla artiklar i"),
        "{}",
        status(&h)
    );
    h.keys("y");
    assert_eq!(h.app.unread_count(0), 0);
    assert_eq!(h.app.unread_count(1), second);
}

#[test]
fn issues_that_arrived_since_the_last_visit_are_marked_new_and_counted() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("state.ron");
    // The last visit saw only the older issue.
    let old = State {
        seen_issues: ["001_old.txt".to_string()].into(),
        ..State::default()
    };
    std::fs::write(&path, old.to_ron().expect("ron")).expect("write");
    let (store, _) = Store::open(path.clone());
    let mut h = Harness::with_store(common::fixture::corpus(), Lang::Sv, store, 120, 40);
    let screen = h.screen();
    assert!(status(&h).contains("1 nytt sedan sist"), "{screen}");
    let new_row = screen.lines().nth(1).unwrap_or_default();
    assert!(new_row.contains(" ny "), "{screen}");
    let old_row = screen.lines().nth(3).unwrap_or_default();
    assert!(!old_row.contains(" ny "), "{screen}");
    // Read through, the issue is no longer news.
    h.keys("r").keys("j");
    assert_eq!(h.app.new_issue_count(), 0);
    // The visit is remembered: next time nothing is new.
    h.app.save().expect("save");
    let (store, _) = Store::open(path);
    assert_eq!(store.state.seen_issues.len(), 2);
    let h = Harness::with_store(common::fixture::corpus(), Lang::Sv, store, 120, 40);
    assert_eq!(h.app.new_issue_count(), 0);
    assert!(!status(&h).contains("sedan sist"));
}

#[test]
fn a_first_visit_marks_nothing_new() {
    let h = fixture(120, 40);
    assert_eq!(h.app.new_issue_count(), 0);
    assert!(!h.screen().contains(" ny "));
}

#[test]
fn the_cursor_follows_the_selection_when_asked() {
    let mut h = fixture(120, 40);
    h.app.cursor_on_selection = true;
    h.draw();
    let first = h.term.get_cursor_position().expect("cursor");
    h.keys("j");
    let second = h.term.get_cursor_position().expect("cursor");
    // Issue rows are two lines high: the cursor moved down by two, in the
    // left pane.
    assert_eq!(second.y, first.y + 2, "{first:?} {second:?}");
    assert!(second.x < 32);
    // The meetings pane: the cursor on its selected meeting's row.
    h.key(KeyCode::Tab).key(KeyCode::Tab);
    let at = h.term.get_cursor_position().expect("cursor");
    let row = h.region(at.x, at.x + 30, at.y);
    assert!(at.x > 88, "{at:?}");
    // The agenda's selected row is a meeting (its time and title).
    let Some(MeetingRow::Meeting { meeting, .. }) =
        h.app.meetings.get(h.app.meeting_cursor.selected)
    else {
        panic!("a meeting is selected");
    };
    let start: String = meeting.title.chars().take(12).collect();
    assert!(row.contains(&start), "{row:?} {start:?}");
    // An overlay's list takes it.
    h.keys("c");
    let at = h.term.get_cursor_position().expect("cursor");
    let row = h.region(at.x, at.x + 60, at.y);
    assert!(
        ["Danielsson", "Soffiantini", "Sydow", "Österberg"]
            .iter()
            .any(|n| row.contains(n)),
        "{at:?} {row:?}"
    );
}

#[test]
fn without_the_option_the_cursor_stays_hidden_where_it_was() {
    let mut h = fixture(120, 40);
    h.keys("j");
    let a: Position = h.term.get_cursor_position().expect("cursor");
    h.keys("j");
    assert_eq!(h.term.get_cursor_position().expect("cursor"), a);
}

#[test]
fn q_in_the_help_closes_the_help_not_the_reader() {
    let mut h = fixture(120, 40);
    h.keys("?");
    assert_eq!(h.app.mode(), Mode::Help);
    h.keys("q");
    assert_eq!(h.app.mode(), Mode::Normal);
    assert!(!h.app.quit, "q in the help quit the reader");
    h.keys("q");
    assert!(h.app.quit);
}

#[test]
fn the_help_says_the_page_keys_page_the_list_in_the_popups() {
    let mut h = fixture(120, 100);
    h.keys("?");
    let screen = h.screen();
    // The main panes: the article; the jump and contacts popups: the list.
    assert!(screen.contains("Bläddra artikeln nedåt"), "{screen}");
    assert!(screen.contains("Bläddra listan nedåt"), "{screen}");
    // Only the main panes' section speaks of the article.
    assert_eq!(
        screen.matches("Bläddra artikeln nedåt").count(),
        1,
        "{screen}"
    );
}
