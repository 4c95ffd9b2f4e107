//! The meetings sidebar: the agenda (one heading per day, wrapped titles,
//! the selected meeting in full), its keys (today, weeks, a typed date),
//! the month view, and the reader taking a reloaded folder in place.
//! Snapshots on the bundled issues with "today" at 2025-10-01.

mod common;

use common::Harness;
use crossterm::event::KeyCode;
use nyhetsbrev::corpus::{Library, MeetingSource};
use nyhetsbrev::i18n::Lang;
use nyhetsbrev::tui::app::{Focus, MeetingRow, View};
use nyhetsbrev::tui::ui;
use ratatui::style::Modifier;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

/// The meetings sidebar as text, one line per row.
fn sidebar(h: &Harness) -> String {
    let p = ui::panes_with(h.app.screen(), h.app.sidebar_width);
    (p.right.y..p.right.y + p.right.height)
        .map(|y| {
            h.region(p.right.x, p.right.x + p.right.width, y)
                .trim_end()
                .to_string()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The date of the selected meeting.
fn selected_date(h: &Harness) -> chrono::NaiveDate {
    match &h.app.meetings[h.app.meeting_cursor.selected] {
        MeetingRow::Meeting { meeting, .. } => meeting.date,
        other => panic!("a meeting is selected, not {other:?}"),
    }
}

fn date(m: u32, d: u32) -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap()
}

#[test]
fn the_agenda_has_one_heading_per_day_and_wraps_long_titles() {
    for (w, h) in SIZES {
        let hs = Harness::new(w, h);
        let side = sidebar(&hs);
        insta::assert_snapshot!(format!("agenda_{w}x{h}"), side);
        // Two meetings on 13 October under one heading.
        assert_eq!(side.matches("mån 13 okt").count(), 1, "{side}");
        let day = side.find("mån 13 okt").unwrap();
        let next_day = side.find("tis 14 okt").unwrap_or(side.len());
        let under = &side[day..next_day];
        assert!(under.contains("Introduktions"), "{under}");
        assert!(under.contains("Länsövergripande"), "{under}");
        // A long title goes on to a second line instead of stopping after
        // two words.
        let lines: Vec<&str> = side.lines().collect();
        let at = lines
            .iter()
            .position(|l| l.contains("Strategiskt"))
            .expect("a network meeting");
        assert!(
            lines[at + 1].trim_start_matches('│').starts_with("  ")
                && lines[at + 1].chars().any(char::is_alphabetic),
            "the title goes on: {:?}",
            &lines[at..at + 2]
        );
    }
}

#[test]
fn the_selected_meeting_is_shown_in_full() {
    for (w, h) in SIZES {
        let mut hs = Harness::new(w, h);
        // To the sidebar, down to the fourth meeting (9 October: a title
        // too long for the list).
        hs.key(KeyCode::Tab).key(KeyCode::Tab).keys("jjj");
        assert_eq!(selected_date(&hs), date(10, 9));
        let side = sidebar(&hs);
        insta::assert_snapshot!(format!("meeting_detail_{w}x{h}"), side);
        let flat = side
            .lines()
            .map(|l| l.trim_matches(|c| c == '┃' || c == '│' || c == ' '))
            .collect::<Vec<_>>()
            .join(" ");
        assert!(
            flat.contains("Strategiskt nätverk för infrastruktur och samhällsbyggnad"),
            "{side}"
        );
        assert!(flat.contains("tor 9 okt 2025"), "{side}");
        assert!(flat.contains("Nämns i 25 sep 2025"), "{side}");
    }
}

#[test]
fn the_detail_in_a_narrow_sidebar_wraps_at_word_boundaries() {
    let mut hs = Harness::new(80, 24);
    hs.app.sidebar_width = Some(18);
    hs.key(KeyCode::Tab).key(KeyCode::Tab).keys("jjj");
    assert_eq!(selected_date(&hs), date(10, 9));
    let side = sidebar(&hs);
    insta::assert_snapshot!("meeting_detail_18_columns", side);
    // Every word of the title shows whole on one line.
    let words: Vec<String> = side
        .lines()
        .flat_map(|l| {
            l.trim_matches(|c| c == '┃' || c == '│' || c == ' ')
                .split_whitespace()
                .map(str::to_string)
                .collect::<Vec<_>>()
        })
        .collect();
    for word in "Strategiskt nätverk för infrastruktur och samhällsbyggnad".split(' ') {
        assert!(words.iter().any(|w| w == word), "{word} split:\n{side}");
    }
}

#[test]
fn keys_go_to_today_weeks_and_a_typed_date() {
    let mut hs = Harness::new(120, 40);
    hs.key(KeyCode::Tab).key(KeyCode::Tab).keys("G");
    assert!(selected_date(&hs) > date(10, 31));
    hs.keys("T");
    assert_eq!(
        selected_date(&hs),
        date(10, 3),
        "today: the first from 1 Oct"
    );
    hs.keys("]");
    assert_eq!(selected_date(&hs), date(10, 7), "the next week's first");
    hs.keys("]");
    assert_eq!(selected_date(&hs), date(10, 13));
    hs.keys("[");
    assert_eq!(selected_date(&hs), date(10, 7), "back a week");
    for typed in ["2025-10-14", "14/10", "14 okt"] {
        hs.keys("T").keys("d").keys(typed).key(KeyCode::Enter);
        assert_eq!(selected_date(&hs), date(10, 14), "typed {typed}");
    }
    // The day's heading is in view, at the top of the list.
    assert!(sidebar(&hs).lines().nth(1).unwrap().contains("tis 14 okt"));
    // Nonsense is said to be no date, and nothing moves.
    hs.keys("d").keys("snart").key(KeyCode::Enter);
    assert_eq!(selected_date(&hs), date(10, 14));
    assert!(hs.screen().contains("”snart” är inget datum"));
    // Esc leaves the prompt without going anywhere; q then quits.
    hs.keys("d").keys("1/11").key(KeyCode::Esc);
    assert_eq!(selected_date(&hs), date(10, 14));
    assert!(!hs.app.quit);
}

#[test]
fn the_month_view_marks_meeting_days_and_moves_by_day_week_and_month() {
    for (w, h) in SIZES {
        let mut hs = Harness::new(w, h);
        hs.key(KeyCode::Tab).key(KeyCode::Tab).keys("m");
        assert!(hs.app.agenda.month);
        insta::assert_snapshot!(format!("month_{w}x{h}"), sidebar(&hs));
        // The first meeting's day (3 Oct) is selected; its meeting listed.
        assert_eq!(hs.app.agenda.day, date(10, 3));
        assert!(sidebar(&hs).contains("Kommundirektörsmöte"));
        // Down a day, a week; page down a month; up back.
        hs.keys("j");
        assert_eq!(hs.app.agenda.day, date(10, 4));
        assert!(sidebar(&hs).contains("Inga möten den"));
        hs.keys("]");
        assert_eq!(hs.app.agenda.day, date(10, 11));
        hs.key(KeyCode::PageDown);
        assert_eq!(hs.app.agenda.day, date(11, 11));
        assert!(sidebar(&hs).contains("november 2025"));
        hs.key(KeyCode::PageUp).keys("k");
        assert_eq!(hs.app.agenda.day, date(10, 10));
        // Days with meetings are bold, today is underlined, others plain.
        let p = ui::panes_with(hs.app.screen(), hs.app.sidebar_width);
        let grid = (p.right.x + 1, p.right.y + 3);
        let style = |d: chrono::NaiveDate| {
            let (cx, cy) = ui::month::cell(d);
            hs.term.backend().buffer()[(grid.0 + cx + 2, grid.1 + cy)].modifier
        };
        assert_eq!(
            hs.region(grid.0, grid.0 + 21, grid.1),
            "        1  2  3  4  5"
        );
        // Weeks start on Monday: the header's first column is Monday.
        assert_eq!(
            hs.region(grid.0, grid.0 + 21, grid.1 - 1),
            " må ti on to fr lö sö"
        );
        assert!(style(date(10, 7)).contains(Modifier::BOLD));
        assert!(!style(date(10, 6)).contains(Modifier::BOLD));
        assert!(style(date(10, 1)).contains(Modifier::UNDERLINED));
        // Enter opens the day's meeting in its issue; m goes back to the
        // agenda, on that day.
        hs.key(KeyCode::Enter);
        assert_eq!(hs.app.focus, Focus::Article);
        hs.key(KeyCode::Tab).keys("m");
        assert!(!hs.app.agenda.month);
        assert_eq!(selected_date(&hs), date(10, 10));
    }
}

#[test]
fn meetings_found_in_article_text_are_marked() {
    let mut corpus = common::corpus();
    let m = corpus.issues[0]
        .meetings
        .iter_mut()
        .find(|m| m.title == "Styrelsemöte")
        .expect("a board meeting");
    m.from = MeetingSource::Article;
    let mut hs = Harness::with(corpus, Lang::Sv, 120, 40);
    let side = sidebar(&hs);
    assert!(side.contains("¶ Styrelsemöte"), "{side}");
    assert!(side.contains("  Kommundirektörsmöte"), "{side}");
    hs.key(KeyCode::Tab)
        .key(KeyCode::Tab)
        .keys("d")
        .keys("23/10");
    hs.key(KeyCode::Enter);
    assert!(
        sidebar(&hs).contains("¶ ur artikeltext"),
        "{}",
        sidebar(&hs)
    );
}

/// A copy of the bundled issues in a temporary folder.
fn folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(common::issues_dir()).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    dir
}

const NEW_ISSUE: &str = "Senaste nytt från Storsthlm\n\nVattenforum bjuder in\n\n\
Den 19 november bjuder Rådet för Vattenforum in till en eftermiddag om \
vatten i länet.\n";

#[test]
fn a_reloaded_folder_is_taken_where_the_user_is() {
    let dir = folder();
    let lib = Library::load(dir.path()).unwrap();
    let mut hs = Harness::with(lib, Lang::Sv, 120, 40);
    // Open the newest issue's second article and scroll a little.
    hs.keys("ljj").key(KeyCode::Enter).keys("jj");
    let (view, scroll) = (hs.app.shown.clone(), hs.app.scroll);
    let before = hs.screen();
    std::fs::write(dir.path().join("005_ny.txt"), NEW_ISSUE).unwrap();
    let lib = Library::load_cached(dir.path(), None).unwrap();
    assert!(hs.app.take_reload(lib));
    hs.draw();
    assert_eq!(hs.app.shown, view);
    assert_eq!(hs.app.scroll, scroll);
    assert_eq!(hs.app.notes, vec!["1 nytt nummer".to_string()]);
    let after = hs.screen();
    assert!(after.contains("Nummer (6)"), "{after}");
    // The article is where it was on screen.
    let centre = |s: &str| {
        s.lines()
            .map(|l| l.chars().skip(32).take(56).collect::<String>())
            .collect::<Vec<_>>()
    };
    assert_eq!(centre(&before)[1..20], centre(&after)[1..20]);
    // The same folder again changes nothing and says nothing.
    hs.app.notes.clear();
    let lib = Library::load_cached(dir.path(), None).unwrap();
    assert!(!hs.app.take_reload(lib));
    assert!(hs.app.notes.is_empty());
}

#[test]
fn an_open_issue_that_is_deleted_leaves_the_user_on_the_list() {
    let dir = folder();
    let lib = Library::load(dir.path()).unwrap();
    let source = lib.issues[0].source.clone();
    let mut hs = Harness::with(lib, Lang::En, 120, 40);
    hs.keys("ljj").key(KeyCode::Enter);
    assert!(matches!(hs.app.view, View::Article(0, _)));
    std::fs::remove_file(dir.path().join(&source)).unwrap();
    let lib = Library::load_cached(dir.path(), None).unwrap();
    assert!(hs.app.take_reload(lib));
    hs.draw();
    assert_eq!(hs.app.focus, Focus::Left);
    assert_eq!(hs.app.corpus.issues.len(), 4);
    let notes = hs.app.notes.join(" | ");
    assert!(notes.contains("1 issue removed"), "{notes}");
    assert!(
        notes.contains(&format!(
            "The issue you were reading was removed from the folder: {source}"
        )),
        "{notes}"
    );
    // The reader goes on: keys work.
    hs.keys("jj").key(KeyCode::Enter);
    assert!(!hs.app.quit);
}

#[test]
fn a_watched_folder_is_loaded_once_per_change_not_again_for_its_own_reading() {
    let dir = folder();
    let lib = Library::load(dir.path()).unwrap();
    let mut hs = Harness::with(lib, Lang::Sv, 120, 40);
    hs.app.watch_folder(None).unwrap();
    assert!(hs.app.is_watching());
    let tick_for = |hs: &mut Harness, ms: u64, until: &dyn Fn(&Harness) -> bool| {
        let end = std::time::Instant::now() + std::time::Duration::from_millis(ms);
        while std::time::Instant::now() < end && !until(hs) {
            hs.app.tick();
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
    };
    std::fs::write(dir.path().join("005_ny.txt"), NEW_ISSUE).unwrap();
    tick_for(&mut hs, 10_000, &|hs| hs.app.corpus.issues.len() == 6);
    assert_eq!(hs.app.corpus.issues.len(), 6);
    assert_eq!(hs.app.folder_loads(), 1);
    // Reading the folder opens its files, which the watcher also reports:
    // that is not a change, and the folder is not loaded again.
    tick_for(&mut hs, 2_000, &|_| false);
    assert_eq!(hs.app.folder_loads(), 1);
}
