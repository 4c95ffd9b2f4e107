//! The contacts table's columns, and dates and counts in the jump popup,
//! on the bundled issues (reference date 2025-10-01, human date style).

mod common;

use common::Harness;
use nyhetsbrev::tui::app::Overlay;

/// The rows of the open popup (between its side borders), trimmed.
fn popup_rows(h: &Harness) -> Vec<String> {
    h.screen()
        .lines()
        .filter_map(|l| {
            let a = l.find('│')?;
            let b = l.rfind('│')?;
            (b > a).then(|| l[a + '│'.len_utf8()..b].trim().to_string())
        })
        .collect()
}

#[test]
fn empty_columns_are_dropped_and_the_role_gets_the_room() {
    let mut h = Harness::new(120, 40);
    // A person with a role of some length but no organisation or e-mail.
    let person = h
        .app
        .corpus
        .people
        .iter()
        .filter(|p| p.orgs.is_empty() && p.emails.is_empty())
        .filter(|p| {
            p.roles
                .first()
                .is_some_and(|r| (30..70).contains(&r.chars().count()))
        })
        .find(|p| p.name.split_whitespace().count() >= 2)
        .expect("a person with a long role and nothing else")
        .clone();
    h.keys("c").keys(&person.name);
    let Some(Overlay::Contacts(st)) = h.app.overlays.last() else {
        panic!("the contacts popup is open");
    };
    let shown: Vec<_> = st.hits.iter().map(|&p| &h.app.corpus.people[p]).collect();
    let rows = popup_rows(&h);
    let header = rows
        .iter()
        .find(|r| r.starts_with("Namn"))
        .expect("the column header");
    assert_eq!(
        header.contains("Organisation"),
        shown.iter().any(|p| !p.orgs.is_empty()),
        "{header}"
    );
    assert_eq!(
        header.contains("E-post"),
        shown.iter().any(|p| !p.emails.is_empty()),
        "{header}"
    );
    // The whole role shows (it was cut at 28% of the row before).
    let role = &person.roles[0];
    let row = rows
        .iter()
        .find(|r| r.starts_with(&person.name))
        .expect("the person's row");
    if shown
        .iter()
        .all(|p| p.orgs.is_empty() && p.emails.is_empty())
    {
        assert!(row.contains(role.as_str()), "{row:?} lacks {role:?}");
    }
}

#[test]
fn all_columns_show_when_someone_has_them() {
    let mut h = Harness::new(120, 40);
    h.keys("c");
    let has_org = h.app.corpus.people.iter().any(|p| !p.orgs.is_empty());
    let has_email = h.app.corpus.people.iter().any(|p| !p.emails.is_empty());
    let rows = popup_rows(&h);
    let header = rows.iter().find(|r| r.starts_with("Namn")).expect("header");
    assert_eq!(header.contains("Organisation"), has_org, "{header}");
    assert_eq!(header.contains("E-post"), has_email, "{header}");
}

#[test]
fn the_jump_popup_shows_dates_in_the_human_style() {
    let mut h = Harness::new(120, 40);
    h.keys("/framtidens");
    let screen = h.screen();
    assert!(screen.contains("25 sep 2025"), "{screen}");
    assert!(!screen.contains("2025-09-25"), "{screen}");
    // An issue row too: typing its ISO date still finds it.
    let mut h = Harness::new(120, 40);
    h.keys("/2025-09-25");
    // The rows under the query line.
    let rows: Vec<String> = popup_rows(&h)
        .into_iter()
        .filter(|r| !r.starts_with('›'))
        .collect();
    assert!(rows.iter().any(|r| r.contains("25 sep 2025 ")), "{rows:#?}");
    assert!(!rows.iter().any(|r| r.contains("2025-09-25 ")), "{rows:#?}");
}

#[test]
fn one_hit_is_one_traff() {
    let mut h = Harness::new(120, 40);
    h.keys("/soffiantini-yildiz");
    let Some(Overlay::Jump(st)) = h.app.overlays.last() else {
        panic!("the jump popup is open");
    };
    let n = st.hits.len();
    let screen = h.screen();
    if n == 1 {
        assert!(screen.contains(" 1 träff "), "{screen}");
    } else {
        assert!(screen.contains(&format!(" {n} träffar ")), "{screen}");
    }
    assert!(!screen.contains(" 1 träffar"), "{screen}");
}
