//! Find in the open article (`f`, then `n`/`N`), on the bundled issues.

mod common;

use common::Harness;
use crossterm::event::KeyCode;
use nyhetsbrev::tui::app::View;
use nyhetsbrev::tui::ui;
use ratatui::style::Modifier;

/// The status bar (the last row).
fn status(h: &Harness) -> String {
    h.screen().lines().last().unwrap_or("").to_string()
}

/// "k/n" after the find's query in the status bar.
fn position(h: &Harness, query: &str) -> Option<(usize, usize)> {
    let s = status(h);
    let rest = s.split(&format!("”{query}” ")).nth(1)?;
    let (k, n) = rest.split_whitespace().next()?.split_once('/')?;
    Some((k.parse().ok()?, n.parse().ok()?))
}

/// The text of the article pane, lower case, one string.
fn article_text(h: &Harness) -> String {
    let p = ui::panes(h.app.screen());
    (p.center.y..p.center.bottom())
        .map(|y| h.region(p.center.x, p.center.right(), y))
        .collect::<Vec<_>>()
        .join("\n")
        .to_lowercase()
}

/// Open the article on mental health (found with the full-text search).
fn mental_health(w: u16, hgt: u16) -> Harness {
    let mut h = Harness::new(w, hgt);
    h.keys("s").keys("\"psykisk hälsa\"").key(KeyCode::Enter);
    assert!(matches!(h.app.view, View::Article(..)));
    h.keys("g");
    h
}

#[test]
fn n_and_shift_n_go_through_the_matches_and_wrap() {
    let mut h = mental_health(80, 24);
    h.keys("f");
    assert!(status(&h).contains("Sök i artikeln: "), "{}", status(&h));
    h.keys("psykisk").key(KeyCode::Enter);
    let (k, n) = position(&h, "psykisk").expect("a count in the status bar");
    assert_eq!(k, 1);
    assert!(n >= 2, "the article names it more than once: {n}");
    h.keys("n");
    assert_eq!(position(&h, "psykisk"), Some((2, n)));
    // Back past the first wraps to the last, which is scrolled into view.
    h.keys("NN");
    assert_eq!(position(&h, "psykisk"), Some((n, n)));
    assert!(article_text(&h).contains("psykisk"));
    // Forward past the last wraps to the first.
    h.keys("n");
    assert_eq!(position(&h, "psykisk"), Some((1, n)));
}

#[test]
fn the_current_match_is_reversed_and_the_others_highlighted() {
    let mut h = mental_health(120, 40);
    h.keys("fpsykisk").key(KeyCode::Enter);
    let p = ui::panes(h.app.screen());
    let buf = h.term.backend().buffer();
    let cells: Vec<(String, Modifier)> = (p.center.y..p.center.bottom())
        .flat_map(|y| (p.center.x..p.center.right()).map(move |x| (x, y)))
        .map(|(x, y)| (buf[(x, y)].symbol().to_string(), buf[(x, y)].modifier))
        .collect();
    let current: String = cells
        .iter()
        .filter(|(_, m)| m.contains(Modifier::REVERSED))
        .map(|(s, _)| s.as_str())
        .collect();
    assert_eq!(current.to_lowercase(), "psykisk");
    let marked = cells
        .iter()
        .filter(|(_, m)| m.contains(Modifier::UNDERLINED))
        .count();
    assert!(marked > "psykisk".len(), "other matches marked too");
}

#[test]
fn case_and_accents_fold_as_in_the_search() {
    let mut h = mental_health(120, 40);
    h.keys("fpsykisk").key(KeyCode::Enter);
    let (_, lower) = position(&h, "psykisk").expect("a count");
    h.key(KeyCode::Esc);
    h.keys("fPSYKISK").key(KeyCode::Enter);
    assert_eq!(position(&h, "PSYKISK").map(|p| p.1), Some(lower));
    h.key(KeyCode::Esc);
    // A plain letter finds the accented one: halsa finds "hälsa".
    h.keys("fhalsa").key(KeyCode::Enter);
    assert!(
        position(&h, "halsa").is_some_and(|p| p.1 >= 1),
        "{}",
        status(&h)
    );
    h.key(KeyCode::Esc);
    // An accented letter only itself: "hälsä" is nowhere.
    h.keys("fhälsä").key(KeyCode::Enter);
    assert!(
        status(&h).contains("ingen träff i artikeln"),
        "{}",
        status(&h)
    );
}

#[test]
fn esc_clears_the_find_and_n_is_next_unread_again() {
    let mut h = mental_health(120, 40);
    h.keys("fpsykisk").key(KeyCode::Enter);
    assert!(h.app.find.is_some());
    // While the find is on, the hints say what n/N do now.
    assert!(
        status(&h).contains("n/N nästa/föreg. träff"),
        "{}",
        status(&h)
    );
    assert!(!status(&h).contains("n oläst"), "{}", status(&h));
    h.key(KeyCode::Esc);
    assert!(h.app.find.is_none());
    assert!(!status(&h).contains("”psykisk”"));
    assert!(!status(&h).contains("n/N"), "{}", status(&h));
    let before = h.app.view;
    h.keys("n");
    assert_ne!(h.app.view, before, "n opened the next unread article");
}

#[test]
fn find_snapshot() {
    for (w, hgt) in [(80, 24), (120, 40)] {
        let mut h = mental_health(w, hgt);
        h.keys("fpsykisk").key(KeyCode::Enter).keys("n");
        insta::assert_snapshot!(format!("find_psykisk_{w}x{hgt}"), h.screen());
    }
}

/// Keys that arrive in one burst over SSH (no frame between them): the
/// search ranks once, before Enter reads its hits, and Enter opens the
/// best hit for the whole query, as when typed slowly.
#[test]
fn a_query_and_enter_in_one_burst_open_the_best_hit() {
    use crossterm::event::{Event, KeyEvent, KeyModifiers};
    let mut slow = Harness::new(120, 40);
    slow.keys("s").keys("halsa").key(KeyCode::Enter);
    let View::Article(i, a) = slow.app.view else {
        panic!("no article opened: {:?}", slow.app.view)
    };
    let mut burst = Harness::new(120, 40);
    burst.keys("s");
    for c in "halsa".chars() {
        let key = KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE);
        burst.app.handle_event(&Event::Key(key));
    }
    burst.app.handle_event(&Event::Key(KeyEvent::new(
        KeyCode::Enter,
        KeyModifiers::NONE,
    )));
    assert_eq!(burst.app.view, View::Article(i, a));
    // The opened article is one "halsa" finds: its title or text has hälsa.
    burst.draw();
    assert!(article_text(&burst).contains("hälsa"));
}
