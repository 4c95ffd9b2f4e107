//! Keys → actions, per mode. The help overlay and the status-bar hints are
//! generated from this map (reverse lookup), so they always tell the truth.

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::Action;

/// Which key table applies: the main panes, or an overlay.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mode {
    Normal,
    Jump,
    Contacts,
    Card,
    Help,
    Bookmarks,
}

impl Mode {
    pub const ALL: [Mode; 6] = [
        Mode::Normal,
        Mode::Jump,
        Mode::Contacts,
        Mode::Card,
        Mode::Help,
        Mode::Bookmarks,
    ];

    /// The mode's name in the config's `keys`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Normal => "normal",
            Mode::Jump => "jump",
            Mode::Contacts => "contacts",
            Mode::Card => "card",
            Mode::Help => "help",
            Mode::Bookmarks => "bookmarks",
        }
    }

    /// Modes with a query line: unbound printable characters are typed.
    pub fn takes_text(self) -> bool {
        matches!(self, Mode::Jump | Mode::Contacts)
    }
}

/// One key with its modifiers (Shift is folded into the character).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

impl Key {
    pub const fn plain(code: KeyCode) -> Key {
        Key { code, ctrl: false }
    }
    pub const fn ch(c: char) -> Key {
        Key::plain(KeyCode::Char(c))
    }
    pub const fn ctrl(c: char) -> Key {
        Key {
            code: KeyCode::Char(c),
            ctrl: true,
        }
    }

    /// Normalise a crossterm key event.
    pub fn from_event(ev: &KeyEvent) -> Key {
        let ctrl = ev.modifiers.contains(KeyModifiers::CONTROL);
        let code = match ev.code {
            KeyCode::Char(c) if ctrl => KeyCode::Char(c.to_ascii_lowercase()),
            other => other,
        };
        Key { code, ctrl }
    }

    /// A key written the way the config writes it: "j", "G", "ctrl-k",
    /// "pgdn", "enter", "shift-tab", "space", "f5".
    pub fn parse(spec: &str) -> Result<Key, String> {
        let bad = || {
            format!(
                "'{spec}' is not a key; write e.g. \"j\", \"G\", \"ctrl-k\", \"enter\", \"esc\", \"tab\", \"shift-tab\", \"space\", \"pgdn\", \"pgup\", \"home\", \"end\", \"up\", \"f5\""
            )
        };
        let mut rest = spec.trim();
        let mut ctrl = false;
        let mut shift = false;
        loop {
            let lower = rest.to_ascii_lowercase();
            if rest.chars().count() > 1
                && (lower.starts_with("ctrl-") || lower.starts_with("ctrl+"))
            {
                ctrl = true;
                rest = &rest[5..];
            } else if rest.chars().count() > 1
                && (lower.starts_with("shift-") || lower.starts_with("shift+"))
            {
                shift = true;
                rest = &rest[6..];
            } else {
                break;
            }
        }
        let mut chars = rest.chars();
        let code = match (chars.next(), chars.next()) {
            (None, _) => return Err(bad()),
            (Some(c), None) => {
                let c = if ctrl {
                    c.to_ascii_lowercase()
                } else if shift {
                    c.to_uppercase().next().unwrap_or(c)
                } else {
                    c
                };
                KeyCode::Char(c)
            }
            _ => match rest.to_ascii_lowercase().as_str() {
                "space" => KeyCode::Char(' '),
                "enter" | "return" => KeyCode::Enter,
                "esc" | "escape" => KeyCode::Esc,
                "tab" if shift => KeyCode::BackTab,
                "tab" => KeyCode::Tab,
                "backtab" => KeyCode::BackTab,
                "backspace" | "bs" => KeyCode::Backspace,
                "delete" | "del" => KeyCode::Delete,
                "insert" | "ins" => KeyCode::Insert,
                "up" => KeyCode::Up,
                "down" => KeyCode::Down,
                "left" => KeyCode::Left,
                "right" => KeyCode::Right,
                "pgdn" | "pagedown" => KeyCode::PageDown,
                "pgup" | "pageup" => KeyCode::PageUp,
                "home" => KeyCode::Home,
                "end" => KeyCode::End,
                f if f.starts_with('f') => match f[1..].parse::<u8>() {
                    Ok(n @ 1..=24) => KeyCode::F(n),
                    _ => return Err(bad()),
                },
                _ => return Err(bad()),
            },
        };
        Ok(Key { code, ctrl })
    }

    /// How the key is written in the help and the status bar.
    pub fn label(&self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) if self.ctrl => c.to_ascii_uppercase().to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Delete => "Del".into(),
            KeyCode::Insert => "Ins".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

/// The whole key map: for each mode, keys in the order they are shown.
#[derive(Clone, Debug)]
pub struct KeyMap {
    tables: Vec<(Mode, Vec<(Key, Action)>)>,
}

impl Default for KeyMap {
    /// The built-in bindings. Each mode's table is put together from the
    /// groups of keys that several modes share, in the order the help
    /// lists them.
    fn default() -> Self {
        use Action as A;
        use KeyCode as K;
        let k = Key::plain;
        let c = Key::ch;
        let ctrl = Key::ctrl;
        // Groups shared between modes.
        let lines = [
            (c('k'), A::Up),
            (k(K::Up), A::Up),
            (c('j'), A::Down),
            (k(K::Down), A::Down),
        ];
        let open = [
            (k(K::Enter), A::Open),
            (c('l'), A::Open),
            (k(K::Right), A::Open),
        ];
        let back = [(c('h'), A::Back), (k(K::Left), A::Back)];
        let pages = [(k(K::PageUp), A::PageUp), (k(K::PageDown), A::PageDown)];
        let ends = [(c('g'), A::Top), (c('G'), A::Bottom)];
        let screen = [(ctrl('l'), A::Redraw), (ctrl('z'), A::Suspend)];
        let quit = [(c('q'), A::Quit), (ctrl('c'), A::Quit)];
        // Every mode but the query popups ends with these.
        let table =
            |parts: &[&[(Key, Action)]]| [parts.concat(), screen.to_vec(), quit.to_vec()].concat();
        let normal = table(&[
            &lines,
            &open,
            &back,
            &[(k(K::Tab), A::NextPane), (k(K::BackTab), A::PrevPane)],
            &[(k(K::PageDown), A::PageDown), (c(' '), A::PageDown)],
            &[(k(K::PageUp), A::PageUp)],
            &[(c('g'), A::Top), (k(K::Home), A::Top)],
            &[(c('G'), A::Bottom), (k(K::End), A::Bottom)],
            &[(c('t'), A::ToggleTopics), (c('n'), A::NextUnread)],
            &[(c('b'), A::ToggleBookmark), (c('B'), A::Bookmarks)],
            &[
                (c('u'), A::MarkUnread),
                (c('/'), A::Jump),
                (ctrl('k'), A::Jump),
            ],
            &[(c('s'), A::Search), (ctrl('f'), A::Search)],
            &[(c('f'), A::Find)],
            &[(c('c'), A::Contacts), (c('y'), A::Copy)],
            &[(c('r'), A::MarkIssueRead), (c('R'), A::MarkAllRead)],
            &[(c('?'), A::Help)],
            &[
                (c('T'), A::Today),
                (c(']'), A::NextWeek),
                (c('['), A::PrevWeek),
                (c('d'), A::GoToDate),
                (c('m'), A::ToggleMonth),
                (k(K::Esc), A::Close),
            ],
            &[(c('o'), A::OpenLink), (c('e'), A::ExportMeeting)],
        ]);
        // The query popups: arrows and Ctrl-P/N move, letters are typed.
        let picker = [
            &[(k(K::Up), A::Up), (ctrl('p'), A::Up)][..],
            &[(k(K::Down), A::Down), (ctrl('n'), A::Down)],
            &pages,
            &[(k(K::Enter), A::Open), (ctrl('y'), A::Copy)],
            &[(k(K::Backspace), A::DeleteChar)],
            &[(ctrl('w'), A::DeleteWord), (ctrl('u'), A::ClearInput)],
            &[(k(K::Esc), A::Close)],
            &screen,
            &[(ctrl('c'), A::Quit)],
        ]
        .concat();
        let card_keys = [(c('y'), A::Copy), (c('?'), A::Help), (k(K::Esc), A::Close)];
        let card = table(&[&lines, &open, &back, &ends, &card_keys]);
        // q closes the help, as in `less` and `man`; Ctrl-C quits.
        let help_keys = [
            (k(K::Esc), A::Close),
            (c('?'), A::Close),
            (c('q'), A::Close),
        ];
        let help = [
            &lines[..],
            &pages,
            &[(c(' '), A::PageDown)],
            &ends,
            &help_keys,
            &screen,
            &[(ctrl('c'), A::Quit)],
        ]
        .concat();
        let bookmark_keys = [
            (c('b'), A::ToggleBookmark),
            (k(K::Esc), A::Close),
            (c('B'), A::Close),
            (c('?'), A::Help),
        ];
        let bookmarks = table(&[&lines, &pages, &open, &ends, &bookmark_keys]);
        KeyMap {
            tables: vec![
                (Mode::Normal, normal),
                (Mode::Jump, picker.clone()),
                (Mode::Contacts, picker),
                (Mode::Card, card),
                (Mode::Help, help),
                (Mode::Bookmarks, bookmarks),
            ],
        }
    }
}

impl KeyMap {
    /// Bind `key` to `action` in `mode` (None: unbind it), replacing what
    /// the key did there. A new key is listed after the action's others.
    pub fn bind(&mut self, mode: Mode, key: Key, action: Option<Action>) {
        let Some((_, table)) = self.tables.iter_mut().find(|(m, _)| *m == mode) else {
            return;
        };
        table.retain(|(k, _)| *k != key);
        if let Some(a) = action {
            match table.iter().rposition(|(_, b)| *b == a) {
                Some(p) => table.insert(p + 1, (key, a)),
                None => table.push((key, a)),
            }
        }
    }

    fn table(&self, mode: Mode) -> &[(Key, Action)] {
        self.tables
            .iter()
            .find(|(m, _)| *m == mode)
            .map(|(_, t)| t.as_slice())
            .unwrap_or(&[])
    }

    /// The action for a key event in a mode. In modes with a query line,
    /// unbound printable characters become `Action::Input`.
    pub fn action(&self, mode: Mode, ev: &KeyEvent) -> Option<Action> {
        let key = Key::from_event(ev);
        if let Some((_, a)) = self.table(mode).iter().find(|(k, _)| *k == key) {
            return Some(*a);
        }
        match key {
            Key {
                code: KeyCode::Char(c),
                ctrl: false,
            } if mode.takes_text() => Some(Action::Input(c)),
            _ => None,
        }
    }

    /// Every binding of a mode, in display order.
    pub fn bindings(&self, mode: Mode) -> &[(Key, Action)] {
        self.table(mode)
    }

    /// The actions of a mode, each once, in display order.
    pub fn actions(&self, mode: Mode) -> Vec<Action> {
        let mut out: Vec<Action> = Vec::new();
        for (_, a) in self.table(mode) {
            if !out.contains(a) {
                out.push(*a);
            }
        }
        out
    }

    /// Reverse lookup: the keys bound to an action in a mode.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<Key> {
        self.table(mode)
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| *k)
            .collect()
    }

    /// The keys of an action as one label: "j ↓".
    pub fn label(&self, mode: Mode, action: Action) -> String {
        self.keys_for(mode, action)
            .iter()
            .map(|k| k.label())
            .collect::<Vec<_>>()
            .join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyEvent;

    #[test]
    fn vi_keys_and_arrows_do_the_same() {
        let km = KeyMap::default();
        let j = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::NONE);
        let down = KeyEvent::new(KeyCode::Down, KeyModifiers::NONE);
        assert_eq!(km.action(Mode::Normal, &j), Some(Action::Down));
        assert_eq!(km.action(Mode::Normal, &down), Some(Action::Down));
        // Shift-g arrives as 'G' with SHIFT.
        let big_g = KeyEvent::new(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(km.action(Mode::Normal, &big_g), Some(Action::Bottom));
        let ctrl_k = KeyEvent::new(KeyCode::Char('k'), KeyModifiers::CONTROL);
        assert_eq!(km.action(Mode::Normal, &ctrl_k), Some(Action::Jump));
        // In the jump popup letters are typed, not commands.
        assert_eq!(km.action(Mode::Jump, &j), Some(Action::Input('j')));
        assert_eq!(km.label(Mode::Normal, Action::Down), "j ↓");
    }

    #[test]
    fn keys_parse_from_their_written_form() {
        assert_eq!(Key::parse("j"), Ok(Key::ch('j')));
        assert_eq!(Key::parse("G"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("shift-g"), Ok(Key::ch('G')));
        assert_eq!(Key::parse("ctrl-k"), Ok(Key::ctrl('k')));
        assert_eq!(Key::parse("Ctrl-K"), Ok(Key::ctrl('k')));
        assert_eq!(Key::parse("pgdn"), Ok(Key::plain(KeyCode::PageDown)));
        assert_eq!(Key::parse("shift-tab"), Ok(Key::plain(KeyCode::BackTab)));
        assert_eq!(Key::parse("space"), Ok(Key::ch(' ')));
        assert_eq!(Key::parse("-"), Ok(Key::ch('-')));
        assert_eq!(Key::parse("f5"), Ok(Key::plain(KeyCode::F(5))));
        assert!(Key::parse("ctrl-").is_err());
        assert!(Key::parse("nope").is_err());
        assert!(Key::parse("").is_err());
    }

    #[test]
    fn rebinding_replaces_the_key_and_keeps_the_rest() {
        let mut km = KeyMap::default();
        km.bind(Mode::Normal, Key::ctrl('j'), Some(Action::Down));
        km.bind(Mode::Normal, Key::ch('q'), None);
        let cj = KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL);
        let q = KeyEvent::new(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(km.action(Mode::Normal, &cj), Some(Action::Down));
        assert_eq!(km.action(Mode::Normal, &q), None);
        assert_eq!(km.label(Mode::Normal, Action::Down), "j ↓ Ctrl-J");
        assert_eq!(km.label(Mode::Normal, Action::Quit), "Ctrl-C");
    }
}
