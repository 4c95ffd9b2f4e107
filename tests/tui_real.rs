//! The issue's done-criteria on the bundled `issues/` folder (2025-10-01).

mod common;

use common::Harness;
use crossterm::event::KeyCode;
use nyhetsbrev::tui::app::{Overlay, View};
use nyhetsbrev::tui::ui;

#[test]
fn the_five_issues_are_listed() {
    let h = Harness::new(120, 40);
    assert_eq!(h.app.corpus.issues.len(), 5);
    assert!(h.screen().contains("Nummer (5)"));
}

#[test]
fn the_sidebar_starts_with_kommundirektorsmote_on_3_october() {
    let h = Harness::new(120, 40);
    let p = ui::panes(h.app.screen());
    let rows: Vec<String> = (p.right.y + 1..p.right.bottom())
        .map(|y| h.region(p.right.x, p.right.right(), y))
        .collect();
    let first = rows
        .iter()
        .position(|r| r.contains("okt") && r.chars().any(|c| c.is_ascii_digit()))
        .expect("a meeting row");
    assert!(rows[first].contains("3 okt"), "{}", rows[first]);
    assert!(rows[first + 1].contains("Kommundirektörsmöte"), "{rows:#?}");
}

#[test]
fn jump_soffiantini_enter_shows_an_article_naming_her() {
    let mut h = Harness::new(120, 40);
    h.keys("/soffiantini").key(KeyCode::Enter);
    assert!(
        !matches!(h.app.overlays.last(), Some(Overlay::Jump(_))),
        "Enter jumps"
    );
    let View::Article(i, a) = h.app.view else {
        panic!("an article is shown, not {:?}", h.app.view);
    };
    let art = &h.app.corpus.issues[i].articles[a];
    let names = art.people.iter().map(|p| p.name.as_str());
    let contacts = art.contacts.iter().filter_map(|c| c.name.as_deref());
    assert!(
        names
            .chain(contacts)
            .any(|n| n == "Karin Soffiantini-Yildiz")
            || art.body().contains("Soffiantini-Yildiz"),
        "{art:#?}"
    );
    h.key(KeyCode::Esc);
    let p = ui::panes(h.app.screen());
    let center: String = (p.center.y..p.center.bottom())
        .map(|y| h.region(p.center.x, p.center.right(), y))
        .collect::<Vec<_>>()
        .join(" ");
    let center = center.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(
        center.contains("Karin Soffiantini-Yildiz"),
        "{}",
        h.screen()
    );
}
