//! Find in the open article, as `less` does: `f` opens a find line in the
//! status bar; the matches are highlighted as you type (the core's
//! Swedish-aware matching: case, smart accents, other forms of a word);
//! Enter goes to the first match from where you are; then `n` / `N` go to
//! the next / previous match, wrapping around, and the status bar counts
//! them ("3/7"). Esc clears the find (and `n` is "next unread" again).

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Focus};
use crate::tui::keymap::Mode;

/// The longest find query kept.
const MAX_QUERY: usize = 200;

/// The find in the article view.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Find {
    pub query: String,
    /// The find line is open (the query is being typed).
    pub typing: bool,
    /// The match gone to last (index into the frame's matches).
    pub current: usize,
    /// Go to the first match from the scroll position once drawn.
    pub jump: bool,
}

impl App {
    /// The find key: open the find line over the article.
    pub(super) fn open_find(&mut self) {
        self.find = Some(Find {
            typing: true,
            ..Find::default()
        });
        self.focus = Focus::Article;
    }

    /// A key while a find is active in the main panes: typing into the
    /// find line, or `n`/`N`/Esc after it. True when the find took the key.
    pub(super) fn find_key(&mut self, key: &KeyEvent) -> bool {
        if self.mode() != Mode::Normal {
            return false;
        }
        let Some(f) = self.find.as_mut() else {
            return false;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        if f.typing {
            match key.code {
                KeyCode::Esc => self.find = None,
                KeyCode::Char('c') if ctrl => self.find = None,
                KeyCode::Backspace => {
                    f.query.pop();
                }
                KeyCode::Enter if f.query.trim().is_empty() => self.find = None,
                KeyCode::Enter => {
                    f.typing = false;
                    f.jump = true;
                }
                KeyCode::Char(c) if !ctrl && f.query.chars().count() < MAX_QUERY => f.query.push(c),
                _ => {}
            }
            return true;
        }
        match key.code {
            KeyCode::Char('n') if !ctrl => self.find_step(1),
            KeyCode::Char('N') if !ctrl => self.find_step(-1),
            KeyCode::Esc => self.find = None,
            _ => return false,
        }
        true
    }

    /// A paste while the find line is open goes into it.
    pub(super) fn find_paste(&mut self, text: &str) -> bool {
        match self.find.as_mut() {
            Some(f) if f.typing && self.overlays.is_empty() => {
                f.query.extend(text.chars().take(MAX_QUERY));
                true
            }
            _ => false,
        }
    }

    /// Go `by` matches on (back when negative), wrapping around.
    fn find_step(&mut self, by: isize) {
        let n = self.drawn.find_lines.len();
        let Some(f) = self.find.as_mut() else {
            return;
        };
        if n == 0 {
            // The status bar says there is no match.
            return;
        }
        f.current = (f.current.min(n - 1) as isize + by).rem_euclid(n as isize) as usize;
        let line = self.drawn.find_lines[f.current];
        self.scroll_to_line(line);
    }

    /// After a frame: go to the first match at or below the scroll
    /// position, when Enter asked for it.
    pub(super) fn find_drawn(&mut self) {
        let Some(f) = self.find.as_mut().filter(|f| f.jump) else {
            return;
        };
        f.jump = false;
        let lines = &self.drawn.find_lines;
        if lines.is_empty() {
            return;
        }
        f.current = lines.iter().position(|&l| l >= self.scroll).unwrap_or(0);
        let line = lines[f.current];
        self.scroll_to_line(line);
    }

    /// Scroll so that `line` shows with two lines of context above it.
    fn scroll_to_line(&mut self, line: usize) {
        self.scroll = line.saturating_sub(2).min(self.max_scroll());
    }
}
