//! The user's settings: `config.ron` in the platform's config folder
//! (`$XDG_CONFIG_HOME/nyhetsbrev/` on Linux). Every field is optional.
//!
//! A file that is not valid (syntax, unknown field, bad value) is never
//! fatal: the reader says which file, line and field, and runs on the
//! built-in defaults. The file is the user's own, so it is left where it is
//! (unlike a broken `state.ron`, which the reader writes and moves aside).
//!
//! Precedence, highest first: command-line flag, environment
//! (`NYHETSBREV_ISSUES`), this file, the built-in default.

use std::collections::BTreeMap;
use std::fmt;
use std::path::{Path, PathBuf};

use directories::{BaseDirs, ProjectDirs};
use serde::{Deserialize, Deserializer, Serialize};

use crate::i18n::{DateStyle, Lang};
use crate::tui::action::Action;
use crate::tui::keymap::{Key, KeyMap, Mode};
use crate::tui::links::HyperlinkSetting;
use crate::tui::theme::Theme;

pub const CONFIG_FILE: &str = "config.ron";
pub const STATE_FILE: &str = "state.ron";

/// Where the config and state files live. None when the platform gives no
/// home folder (then nothing is read or written).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Paths {
    pub config: Option<PathBuf>,
    pub state: Option<PathBuf>,
    /// Folder for the cache of parsed issues (see `corpus::cache`).
    pub cache: Option<PathBuf>,
}

impl Paths {
    /// The platform's folders: on Linux `$XDG_CONFIG_HOME/nyhetsbrev/`,
    /// `$XDG_STATE_HOME/nyhetsbrev/` and `$XDG_CACHE_HOME/nyhetsbrev/`
    /// (else `~/.config`, `~/.local/state`, `~/.cache`).
    /// Platforms without a state folder (macOS, Windows) use the local
    /// data folder.
    pub fn from_env() -> Paths {
        match ProjectDirs::from("se", "Storsthlm", "nyhetsbrev") {
            Some(d) => Paths {
                config: Some(d.config_dir().join(CONFIG_FILE)),
                state: Some(
                    d.state_dir()
                        .unwrap_or_else(|| d.data_local_dir())
                        .join(STATE_FILE),
                ),
                cache: Some(d.cache_dir().to_path_buf()),
            },
            None => Paths::default(),
        }
    }
}

/// Colour theme.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum ThemeName {
    /// Colours, unless `NO_COLOR` is set.
    #[default]
    Auto,
    /// Colours (the 16 base colours), even with `NO_COLOR`.
    Default,
    /// No colours: bold, dim and reverse video only.
    Mono,
}

/// A key as written in the config ("ctrl-k"), checked when read.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct KeySpec(pub String);

impl KeySpec {
    pub fn key(&self) -> Key {
        // Checked on deserialising; a spec that does not parse binds nothing.
        Key::parse(&self.0).unwrap_or(Key::plain(crossterm::event::KeyCode::Null))
    }
}

impl<'de> Deserialize<'de> for KeySpec {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        Key::parse(&s).map_err(serde::de::Error::custom)?;
        Ok(KeySpec(s))
    }
}

impl Serialize for KeySpec {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.0)
    }
}

/// What a key is bound to: an action by name, or "none" to unbind it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Binding(pub Option<Action>);

impl<'de> Deserialize<'de> for Binding {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s == "none" {
            return Ok(Binding(None));
        }
        Action::from_name(&s)
            .map(|a| Binding(Some(a)))
            .ok_or_else(|| {
                let names: Vec<&str> = Action::BINDABLE.iter().map(|a| a.name()).collect();
                serde::de::Error::custom(format!(
                    "'{s}' is not an action; use one of: {}, none",
                    names.join(", ")
                ))
            })
    }
}

impl Serialize for Binding {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.0.map(Action::name).unwrap_or("none"))
    }
}

type Bindings = BTreeMap<KeySpec, Binding>;

/// Key overrides per mode, merged onto the built-in key map.
#[derive(Serialize, Deserialize, Debug, Clone, Default, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct KeysConfig {
    pub normal: Bindings,
    pub jump: Bindings,
    pub contacts: Bindings,
    pub card: Bindings,
    pub help: Bindings,
    pub bookmarks: Bindings,
}

impl KeysConfig {
    fn for_mode(&self, mode: Mode) -> &Bindings {
        match mode {
            Mode::Normal => &self.normal,
            Mode::Jump => &self.jump,
            Mode::Contacts => &self.contacts,
            Mode::Card => &self.card,
            Mode::Help => &self.help,
            Mode::Bookmarks => &self.bookmarks,
        }
    }

    /// The built-in key map with these overrides applied.
    pub fn keymap(&self) -> KeyMap {
        let mut km = KeyMap::default();
        for mode in Mode::ALL {
            for (spec, binding) in self.for_mode(mode) {
                km.bind(mode, spec.key(), binding.0);
            }
        }
        km
    }
}

fn sidebar_width<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u16>, D::Error> {
    let v = Option::<u16>::deserialize(d)?;
    match v {
        Some(w) if !(MIN_SIDEBAR..=MAX_SIDEBAR).contains(&w) => Err(serde::de::Error::custom(
            format!("{w} is out of range; give {MIN_SIDEBAR} to {MAX_SIDEBAR} columns"),
        )),
        _ => Ok(v),
    }
}

pub const MIN_SIDEBAR: u16 = 16;
pub const MAX_SIDEBAR: u16 = 80;

/// The settings in `config.ron`.
#[derive(Serialize, Deserialize, Debug, Clone, PartialEq, Eq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Folder of issues. None: `./issues` if there is one, else the
    /// bundled issues. `~/` is the home folder; a relative path is taken
    /// from the config file's folder.
    pub issues: Option<PathBuf>,
    /// Language of the reader. None: Swedish.
    pub lang: Option<Lang>,
    pub theme: ThemeName,
    pub date_style: DateStyle,
    pub keys: KeysConfig,
    /// Columns of the meetings sidebar. None: a quarter of the screen.
    #[serde(deserialize_with = "sidebar_width")]
    pub sidebar_width: Option<u16>,
    /// Capture the mouse (wheel scrolls, click focuses). Off leaves the
    /// terminal's own selection and copy working.
    pub mouse: bool,
    /// Watch the issues folder: new, changed and removed issues show in
    /// the open reader.
    pub watch: bool,
    /// Links as OSC 8 hyperlinks: auto (where the terminal is known to
    /// show them), on, off.
    pub hyperlinks: HyperlinkSetting,
    /// The copy key (y) puts text on the clipboard with OSC 52.
    pub clipboard: crate::tui::clipboard::ClipboardSetting,
    /// Put the terminal cursor on the selected row (screen readers).
    pub cursor_on_selection: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            issues: None,
            lang: None,
            theme: ThemeName::Auto,
            date_style: DateStyle::Human,
            keys: KeysConfig::default(),
            sidebar_width: None,
            mouse: true,
            watch: true,
            hyperlinks: HyperlinkSetting::Auto,
            clipboard: Default::default(),
            cursor_on_selection: false,
        }
    }
}

impl Config {
    pub fn theme(&self) -> Theme {
        match self.theme {
            ThemeName::Auto => Theme::from_env(),
            ThemeName::Default => Theme::colored(),
            ThemeName::Mono => Theme::mono(),
        }
    }

    pub fn keymap(&self) -> KeyMap {
        self.keys.keymap()
    }
}

/// The commented default config, as `nyhetsbrev config --default` prints it.
pub fn default_text() -> String {
    let actions: Vec<&str> = Action::BINDABLE.iter().map(|a| a.name()).collect();
    let mut lines = String::new();
    let mut line = String::from("//  ");
    for a in actions {
        if line.len() + a.len() + 2 > 78 {
            lines.push_str(line.trim_end());
            lines.push('\n');
            line = String::from("//  ");
        }
        line.push_str(a);
        line.push_str(", ");
    }
    lines.push_str(line.trim_end());
    lines.push_str(" none\n");
    DEFAULT_TEXT.replace("{ACTIONS}\n", &lines)
}

const DEFAULT_TEXT: &str = r#"// nyhetsbrev settings. Copy to the config folder as config.ron
// (Linux: $XDG_CONFIG_HOME/nyhetsbrev/config.ron, else ~/.config/nyhetsbrev/).
// Every field is optional: delete what you do not change. A mistake is
// reported with its line and the built-in defaults are used.
(
    // Folder of issues (text, e-mail, mailboxes, web pages, PDF). None:
    // ./issues if there is one, else the issues built into the program.
    // "~/" is your home folder; a relative path is taken from this file's
    // folder.
    // --issues and NYHETSBREV_ISSUES come first.
    issues: None,

    // Language of the reader: sv or en. --lang comes first.
    lang: sv,

    // Colours: auto (colours unless NO_COLOR is set), default (colours),
    // mono (no colours: bold, dim and reverse video, as with NO_COLOR).
    theme: auto,

    // Dates: human ("3 okt 2025") or iso ("2025-10-03").
    date_style: human,

    // Columns of the meetings sidebar on the right, 16 to 80.
    // None: a quarter of the screen (20 to 34 columns).
    sidebar_width: None,

    // Capture the mouse: the wheel scrolls the pane under the pointer and a
    // click focuses a pane. false leaves your terminal's selection working.
    mouse: true,

    // Watch the issues folder while the reader is open: new, changed and
    // removed issues show at once (the status bar says what came). On a
    // network share the folder is listed every few seconds instead.
    // false: the reader shows the folder as it was when it started.
    watch: true,

    // Links as hyperlinks you can click (OSC 8): auto (in terminals known
    // to show them: kitty, WezTerm, iTerm2, foot, GNOME Terminal and other
    // VTE terminals, Konsole, Windows Terminal, VS Code, Ghostty; tmux from
    // 3.4), on (also over SSH, where the terminal is not known), off.
    // Links are numbered either way: o and the number opens one.
    hyperlinks: auto,
    // Copy (y; Ctrl-Y in the popups) puts the selected e-mail,
    // article or meeting on the clipboard with the OSC 52 escape, which
    // works over SSH. auto: on unless TERM is dumb or linux; on; off.
    // In tmux, OSC 52 reaches your terminal with `set -g set-clipboard on`.
    clipboard: auto,

    // Put the terminal's cursor on the selected row of the focused pane,
    // so screen readers and magnifiers follow the selection.
    // --cursor-on-selection comes first.
    cursor_on_selection: false,

    // Key bindings, merged onto the built-in ones (see ? in the reader).
    // Per mode: normal, jump, contacts, card, help, bookmarks. A key is
    // written "j", "G", "ctrl-k", "enter", "esc", "tab", "shift-tab",
    // "space", "backspace", "up", "down", "left", "right", "pgup", "pgdn",
    // "home", "end" or "f1".."f12"; binding it replaces what it did in
    // that mode, and "none" unbinds it. Actions:
{ACTIONS}
    // Example: keys: (normal: { "ctrl-j": "next_unread", "x": "quit" }),
    keys: (
        normal: {},
        jump: {},
        contacts: {},
        card: {},
        help: {},
        bookmarks: {},
    ),
)
"#;

/// A config file that could not be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub file: PathBuf,
    /// 1-based line and column, when the problem has a place.
    pub line: Option<usize>,
    pub col: Option<usize>,
    /// The field the problem is in, as a path ("keys.normal").
    pub field: Option<String>,
    pub message: String,
}

/// At most this many characters of a field path or message are shown: a
/// 10 MB key name gives a short message.
const MAX_SHOWN: usize = 200;

impl fmt::Display for ConfigError {
    /// One line with no control character: the file name escaped, the
    /// field and message cleaned and cut to `MAX_SHOWN` characters (they
    /// quote the file's keys and values).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::sanitize::{clean_bounded, escape_line};
        write!(f, "{}", escape_line(&self.file.display().to_string()))?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
            if let Some(c) = self.col {
                write!(f, ":{c}")?;
            }
        }
        if let Some(field) = &self.field {
            write!(f, ": field `{}`", clean_bounded(field, MAX_SHOWN))?;
        }
        write!(
            f,
            ": {}; using the built-in defaults",
            clean_bounded(&self.message, MAX_SHOWN)
        )
    }
}

/// The config read from a file, and what was wrong with it.
#[derive(Debug, Clone, Default)]
pub struct Loaded {
    pub config: Config,
    pub problem: Option<ConfigError>,
}

/// Read the config file; a missing file is the defaults, a broken one is
/// the defaults and a problem.
pub fn load(path: Option<&Path>) -> Loaded {
    let Some(path) = path else {
        return Loaded::default();
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Loaded::default(),
        Err(e) => {
            return Loaded {
                config: Config::default(),
                problem: Some(ConfigError {
                    file: path.to_path_buf(),
                    line: None,
                    col: None,
                    field: None,
                    message: format!("cannot be read ({e})"),
                }),
            }
        }
    };
    match parse(&text, path) {
        Ok(mut config) => {
            config.issues = config.issues.map(|p| resolve_path(&p, path));
            Loaded {
                config,
                problem: None,
            }
        }
        Err(problem) => Loaded {
            config: Config::default(),
            problem: Some(problem),
        },
    }
}

/// `~/x` → home/x; a relative path → next to the config file.
fn resolve_path(p: &Path, config_file: &Path) -> PathBuf {
    if let Ok(rest) = p.strip_prefix("~") {
        if let Some(b) = BaseDirs::new() {
            return b.home_dir().join(rest);
        }
    }
    if p.is_relative() {
        if let Some(dir) = config_file.parent() {
            return dir.join(p);
        }
    }
    p.to_path_buf()
}

fn ron_options() -> ron::Options {
    ron::Options::default().with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
}

/// Parse a config's text; `file` names it in the error.
pub fn parse(text: &str, file: &Path) -> Result<Config, ConfigError> {
    ron_options().from_str::<Config>(text).map_err(|e| {
        let (line, col) = (e.span.start.line, e.span.start.col);
        let field = match &e.code {
            ron::Error::NoSuchStructField { found, .. } => {
                let mut p = field_path(text, line, col);
                if p.last() != Some(found) {
                    p.push(found.to_string());
                }
                Some(p.join("."))
            }
            _ => {
                let p = field_path(text, line, col);
                (!p.is_empty()).then(|| p.join("."))
            }
        };
        let mut message = e.code.to_string();
        if matches!(e.code, ron::Error::ExpectedIdentifier) {
            message.push_str(" (choices are written without quotes: lang: en, theme: mono)");
        }
        ConfigError {
            file: file.to_path_buf(),
            line: Some(line),
            col: Some(col),
            field,
            message,
        }
    })
}

/// The names of the fields enclosing a position of a RON text
/// (`["keys", "normal"]`): a small scan of names, brackets, strings and
/// comments up to `line`:`col` (1-based).
fn field_path(text: &str, line: usize, col: usize) -> Vec<String> {
    // Byte offset of the position.
    let mut end = text.len();
    let mut l = 1;
    let mut start_of_line = 0;
    for (i, c) in text.char_indices() {
        if l == line {
            start_of_line = i;
            break;
        }
        if c == '\n' {
            l += 1;
            start_of_line = i + 1;
        }
    }
    if l == line {
        end = text[start_of_line..]
            .char_indices()
            .nth(col.saturating_sub(1))
            .map(|(i, _)| start_of_line + i)
            .unwrap_or(text.len());
    }
    let src = &text[..end];
    // For each open bracket: the name of the field it is the value of, and
    // the last name seen at its level.
    let mut stack: Vec<(Option<String>, Option<String>)> = vec![(None, None)];
    let mut word = String::new();
    let mut last_token: Option<String> = None;
    let mut chars = src.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'/') => {
                for c in chars.by_ref() {
                    if c == '\n' {
                        break;
                    }
                }
            }
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut prev = ' ';
                for c in chars.by_ref() {
                    if prev == '*' && c == '/' {
                        break;
                    }
                    prev = c;
                }
            }
            '"' => {
                let mut s = String::new();
                let mut esc = false;
                for c in chars.by_ref() {
                    if esc {
                        s.push(c);
                        esc = false;
                    } else if c == '\\' {
                        esc = true;
                    } else if c == '"' {
                        break;
                    } else {
                        s.push(c);
                    }
                }
                last_token = Some(format!("\"{s}\""));
                word.clear();
            }
            c if c.is_alphanumeric() || c == '_' => {
                word.push(c);
                last_token = Some(word.clone());
            }
            ':' => {
                if let (Some(t), Some(top)) = (last_token.take(), stack.last_mut()) {
                    top.1 = Some(t);
                }
                word.clear();
            }
            '(' | '[' | '{' => {
                // `Some(` and struct names are not fields: keep the name.
                let field = stack.last().and_then(|t| t.1.clone());
                stack.push((field, None));
                word.clear();
                last_token = None;
            }
            ')' | ']' | '}' => {
                if stack.len() > 1 {
                    stack.pop();
                }
                word.clear();
                last_token = None;
            }
            ',' => {
                if let Some(top) = stack.last_mut() {
                    top.1 = None;
                }
                word.clear();
                last_token = None;
            }
            _ => word.clear(),
        }
    }
    let mut path: Vec<String> = Vec::new();
    let mut prev: Option<&String> = None;
    for (field, _) in &stack {
        if let Some(f) = field {
            // `Some(x)` repeats the field of its bracket: count it once.
            if prev != Some(f) {
                path.push(f.clone());
            }
            prev = Some(f);
        }
    }
    if let Some(Some(f)) = stack.last().map(|t| &t.1) {
        path.push(f.clone());
    }
    path
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(text: &str) -> ConfigError {
        parse(text, Path::new("/c/config.ron")).expect_err("an error")
    }

    #[test]
    fn the_default_text_parses_to_the_defaults() {
        let c = parse(&default_text(), Path::new("x")).expect("valid");
        assert_eq!(
            c,
            Config {
                lang: Some(Lang::Sv),
                ..Config::default()
            }
        );
    }

    #[test]
    fn fields_parse() {
        let c = parse(
            r#"(issues: "/srv/issues", lang: en, theme: mono, date_style: iso,
                sidebar_width: 30, mouse: false, watch: false,
                keys: (normal: {"ctrl-j": "down", "q": "none"}))"#,
            Path::new("x"),
        )
        .expect("valid");
        assert_eq!(c.issues.as_deref(), Some(Path::new("/srv/issues")));
        assert_eq!(c.lang, Some(Lang::En));
        assert_eq!(c.theme, ThemeName::Mono);
        assert_eq!(c.date_style, DateStyle::Iso);
        assert_eq!(c.sidebar_width, Some(30));
        assert!(!c.mouse);
        assert!(!c.watch);
        let km = c.keymap();
        assert_eq!(km.label(Mode::Normal, Action::Quit), "Ctrl-C");
        assert!(km.label(Mode::Normal, Action::Down).ends_with("Ctrl-J"));
    }

    #[test]
    fn errors_name_line_and_field() {
        let e = err("(\n  lang: sv,\n  mouse: \"yes\",\n)");
        assert_eq!(e.line, Some(3), "{e}");
        assert_eq!(e.field.as_deref(), Some("mouse"), "{e}");
        let e = err("(\n  colour: mono,\n)");
        assert_eq!(e.line, Some(2), "{e}");
        assert_eq!(e.field.as_deref(), Some("colour"), "{e}");
        let e = err("(\n  theme: purple,\n)");
        assert_eq!(e.field.as_deref(), Some("theme"), "{e}");
        let e = err("(\n sidebar_width: 3,\n)");
        assert_eq!(e.field.as_deref(), Some("sidebar_width"), "{e}");
        let e = err("(\n  keys: (\n    normal: {\n      \"ctrl-j\": \"dwn\",\n    },\n  ),\n)");
        assert_eq!(e.line, Some(4), "{e}");
        assert!(
            e.field.as_deref().unwrap_or("").starts_with("keys.normal"),
            "{e}"
        );
        assert!(e.message.contains("dwn"), "{e}");
        let e = err("(\n  keys: (normal: {\"hyper-x\": \"quit\"}),\n)");
        assert!(e.message.contains("hyper-x"), "{e}");
        let text = e.to_string();
        assert!(text.starts_with("/c/config.ron:2:"), "{text}");
    }
}
