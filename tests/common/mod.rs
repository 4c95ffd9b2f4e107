//! A small in-process harness for the reader: build the app on the bundled
//! `issues/` folder with a fixed "today", send keys, read the screen.

#![allow(dead_code)]

use std::path::Path;

use chrono::NaiveDate;
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers, MouseEvent, MouseEventKind};
use nyhetsbrev::corpus::{Corpus, Library};
use nyhetsbrev::i18n::Lang;
use nyhetsbrev::tui::theme::Theme;
use nyhetsbrev::tui::Context;
use nyhetsbrev::tui::{self, App};
use ratatui::backend::TestBackend;
use ratatui::Terminal;

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2025, 10, 1).expect("valid date")
}

pub fn corpus() -> Corpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("issues");
    Corpus::load(&dir).expect("the bundled issues folder loads")
}

pub struct Harness {
    pub app: App,
    pub term: Terminal<TestBackend>,
}

impl Harness {
    pub fn new(w: u16, h: u16) -> Harness {
        Harness::with(corpus(), Lang::Sv, w, h)
    }

    pub fn with(corpus: impl Into<Library>, lang: Lang, w: u16, h: u16) -> Harness {
        Harness::with_store(corpus, lang, nyhetsbrev::state::Store::memory(), w, h)
    }

    /// A harness whose reading state is kept in `store` (e.g. a file in a
    /// temporary folder), as the reader opens it.
    pub fn with_store(
        corpus: impl Into<Library>,
        lang: Lang,
        store: nyhetsbrev::state::Store,
        w: u16,
        h: u16,
    ) -> Harness {
        let ctx = Context {
            lang,
            today: today(),
        };
        let mut app = App::new(corpus, &ctx, Theme::mono());
        app.attach_store(store);
        app.update(tui::action::Action::Resize(w, h));
        let term = Terminal::new(TestBackend::new(w, h)).expect("test terminal");
        let mut h = Harness { app, term };
        h.draw();
        h
    }

    pub fn draw(&mut self) {
        tui::draw(&mut self.term, &mut self.app).expect("drawing never fails on a TestBackend");
    }

    pub fn event(&mut self, ev: Event) -> &mut Self {
        self.app.handle_event(&ev);
        self.draw();
        self
    }

    pub fn key(&mut self, code: KeyCode) -> &mut Self {
        self.event(Event::Key(KeyEvent::new(code, KeyModifiers::NONE)))
    }

    pub fn ctrl(&mut self, c: char) -> &mut Self {
        self.event(Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::CONTROL,
        )))
    }

    /// Each character of `s` as a key press.
    pub fn keys(&mut self, s: &str) -> &mut Self {
        for c in s.chars() {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            self.event(Event::Key(KeyEvent::new(KeyCode::Char(c), mods)));
        }
        self
    }

    pub fn wheel_down(&mut self, x: u16, y: u16) -> &mut Self {
        self.event(Event::Mouse(MouseEvent {
            kind: MouseEventKind::ScrollDown,
            column: x,
            row: y,
            modifiers: KeyModifiers::NONE,
        }))
    }

    pub fn resize(&mut self, w: u16, h: u16) -> &mut Self {
        self.term.backend_mut().resize(w, h);
        self.event(Event::Resize(w, h))
    }

    /// The screen as text, one line per row, trailing spaces removed.
    pub fn screen(&self) -> String {
        let buf = self.term.backend().buffer();
        let mut out = String::new();
        for y in 0..buf.area.height {
            let mut line = String::new();
            for x in 0..buf.area.width {
                line.push_str(buf[(x, y)].symbol());
            }
            out.push_str(line.trim_end());
            out.push('\n');
        }
        out
    }

    /// Row `y` of the screen between columns `x0..x1`.
    pub fn region(&self, x0: u16, x1: u16, y: u16) -> String {
        let buf = self.term.backend().buffer();
        (x0..x1.min(buf.area.width))
            .map(|x| buf[(x, y)].symbol().to_string())
            .collect()
    }
}

pub mod fixture;

/// A harness on the fixture corpus.
pub fn fixture(w: u16, h: u16) -> Harness {
    Harness::with(fixture::corpus(), Lang::Sv, w, h)
}

// ── Corpus helpers (golden check, variants) ─────────────────────────────

pub mod golden;
pub mod pty;

/// The bundled issues folder.
pub fn issues_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("issues")
}

/// The bundled corpus files as (name, text), sorted by name.
pub fn corpus_texts() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(issues_dir()).expect("issues folder") {
        let p = e.expect("directory entry").path();
        if p.extension().is_some_and(|x| x == "txt") {
            let name = p
                .file_name()
                .expect("file name")
                .to_string_lossy()
                .into_owned();
            out.push((name, std::fs::read_to_string(&p).expect("UTF-8 text")));
        }
    }
    out.sort();
    out
}

/// Two things in the order a test wants them: `a` first when `a_first`.
pub fn in_order<'a, T>(a_first: bool, a: &'a mut T, b: &'a mut T) -> (&'a mut T, &'a mut T) {
    if a_first {
        (a, b)
    } else {
        (b, a)
    }
}

/// Write `text` as the config file of a reader whose home is `home` (the
/// pty sessions set XDG_CONFIG_HOME to `home/c`).
pub fn write_config(home: &Path, text: &str) {
    let dir = home.join("c").join("nyhetsbrev");
    std::fs::create_dir_all(&dir).expect("mkdir");
    std::fs::write(dir.join("config.ron"), text).expect("write");
}
