//! Snapshots of the screen on the bundled `issues/` folder, with the
//! reference date fixed at 2025-10-01, at 80×24 and 120×40.

mod common;

use common::Harness;
use crossterm::event::KeyCode;

const SIZES: [(u16, u16); 2] = [(80, 24), (120, 40)];

fn snap(name: &str, w: u16, h: u16, screen: String) {
    insta::assert_snapshot!(format!("{name}_{w}x{h}"), screen);
}

#[test]
fn start_screen() {
    for (w, h) in SIZES {
        snap("start", w, h, Harness::new(w, h).screen());
    }
}

#[test]
fn open_article() {
    for (w, h) in SIZES {
        let mut hs = Harness::new(w, h);
        // Expand the newest issue, go to its second article, open it.
        hs.keys("ljj").key(KeyCode::Enter);
        snap("article", w, h, hs.screen());
    }
}

#[test]
fn jump_popup() {
    for (w, h) in SIZES {
        let mut hs = Harness::new(w, h);
        hs.keys("/soffiantini");
        snap("jump_soffiantini", w, h, hs.screen());
    }
}

#[test]
fn contacts_view() {
    for (w, h) in SIZES {
        let mut hs = Harness::new(w, h);
        hs.keys("c");
        snap("contacts", w, h, hs.screen());
    }
}

#[test]
fn help_overlay() {
    for (w, h) in SIZES {
        let mut hs = Harness::new(w, h);
        hs.keys("?");
        snap("help", w, h, hs.screen());
    }
}

#[test]
fn too_small() {
    for (w, h) in [(40, 10), (63, 20)] {
        snap("too_small", w, h, Harness::new(w, h).screen());
    }
}

#[test]
fn search_popup() {
    for (w, h) in SIZES {
        let mut hs = Harness::new(w, h);
        hs.keys("s").keys("psykisk hälsa");
        snap("search_psykisk_halsa", w, h, hs.screen());
    }
}

/// The search popup while a search ranks away (on a large library): it
/// says so where the count goes, and shows no "no matches".
#[test]
fn search_popup_searching() {
    for (w, h) in SIZES {
        let mut hs = Harness::new(w, h);
        hs.app.search_inline = 0;
        hs.keys("s").keys("psykisk hälsa");
        snap("search_searching", w, h, hs.screen());
    }
}
