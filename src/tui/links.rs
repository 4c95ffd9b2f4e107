//! Links and calendar files in the reader.
//!
//! - An article's links are numbered (each URL once, in the order the
//!   source gives them): the text shows "Läs mer om arbetet här \[2\]" and the
//!   article ends with the list of URLs. `o` then the number opens one with
//!   the system opener (`crate::open`); with one link `o` opens it at once,
//!   and a number no longer number starts with opens without Enter.
//! - Only `http`, `https` and `mailto` URLs are shown, opened or linked,
//!   each cleaned like all text.
//! - OSC 8 hyperlinks (`hyperlinks: auto | on | off`): after the article is
//!   drawn, the cells of each link are rewritten in self-contained chunks of
//!   two columns, each `OSC 8 ; id ; URL ST` + its two glyphs + `OSC 8 ;; ST`,
//!   the chunk's first cell declaring its width with ratatui's
//!   `CellDiffOption::ForcedWidth` and the second skipped. ratatui's layout
//!   and diff only ever see the glyphs' own widths, and any chunk the diff
//!   writes again carries its whole link, so a partial redraw never leaves a
//!   link open. No hyperlinks while an overlay covers the article.
//! - `e` with the meetings pane focused writes the selected meeting as a
//!   one-event calendar (`crate::ics`, the same UID as `meetings --ics`, so
//!   importing it again updates the event) into the cache folder and opens
//!   it.

use std::path::{Path, PathBuf};

use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::buffer::{Buffer, CellDiffOption};
use ratatui::layout::Rect;
use serde::{Deserialize, Serialize};
use unicode_width::UnicodeWidthStr;

use super::app::{App, Focus, MeetingRow, View};
use crate::corpus::sources::allowed_url;
use crate::corpus::{Article, Meeting, Origin};
use crate::i18n::{fill, link_words, LinkWords};
use crate::open::{self, OpenError};
use crate::sanitize::{clean_line, is_unsafe};

/// The `hyperlinks` setting.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum HyperlinkSetting {
    /// On where the terminal is known to show OSC 8 links.
    #[default]
    Auto,
    On,
    Off,
}

impl HyperlinkSetting {
    /// Whether to write hyperlinks, given the environment.
    pub fn enabled(self, env: open::Env) -> bool {
        match self {
            HyperlinkSetting::On => true,
            HyperlinkSetting::Off => false,
            HyperlinkSetting::Auto => terminal_has_hyperlinks(env),
        }
    }
}

/// Does the terminal (as the environment tells it) show OSC 8 links? Only
/// terminals known to: the Linux console, `dumb` and GNU screen never;
/// tmux from 3.4 (it passes links on to a terminal that has them, with
/// `terminal-features` `hyperlinks`, and drops them otherwise); iTerm2,
/// WezTerm, VS Code, Ghostty, kitty, foot, Alacritty, Windows Terminal,
/// Konsole and VTE terminals (GNOME Terminal, Tilix, …) from 0.50. Over SSH
/// the terminal is not known: `hyperlinks: on` in the config.
pub fn terminal_has_hyperlinks(env: open::Env) -> bool {
    let term = env("TERM").unwrap_or_default();
    if term.is_empty() || term == "dumb" || term == "linux" || term.starts_with("cons") {
        return false;
    }
    let version = |name: &str| -> Vec<u32> {
        env(name)
            .unwrap_or_default()
            .split(|c: char| !c.is_ascii_digit())
            .filter_map(|p| p.parse().ok())
            .collect()
    };
    if env("TMUX").is_some() {
        // tmux sets TERM_PROGRAM and its version for what runs inside it;
        // variables of the terminal around it may be stale.
        return env("TERM_PROGRAM").as_deref() == Some("tmux")
            && version("TERM_PROGRAM_VERSION").as_slice() >= [3, 4].as_slice();
    }
    if term.starts_with("screen") || env("STY").is_some() {
        return false;
    }
    let program = env("TERM_PROGRAM").unwrap_or_default();
    matches!(
        program.as_str(),
        "iTerm.app" | "WezTerm" | "vscode" | "ghostty" | "Hyper" | "rio"
    ) || term.contains("kitty")
        || term.starts_with("foot")
        || term == "alacritty"
        || term.contains("ghostty")
        || term.starts_with("wezterm")
        || env("KITTY_WINDOW_ID").is_some()
        || env("WT_SESSION").is_some()
        || env("KONSOLE_VERSION").is_some()
        || version("VTE_VERSION").first().is_some_and(|v| *v >= 5000)
}

/// What the reader opens: a link, or a file it wrote.
#[derive(Clone, Copy, Debug)]
pub enum Target<'a> {
    Url(&'a str),
    File(&'a Path),
}

/// Opens a target, giving back the program started. The reader's own is
/// the system opener; tests give one that records.
pub type Opener = Box<dyn Fn(Target<'_>) -> Result<String, OpenError>>;

/// The system opener with the process environment.
pub fn system_opener() -> Opener {
    Box::new(|t| match t {
        Target::Url(u) => open::open_url(u, &open::process_env),
        Target::File(p) => open::open_file(p, &open::process_env),
    })
}

/// The reader's state for links and exports.
pub struct LinkState {
    /// The link number being typed after `o`.
    pub typed: Option<String>,
    /// Write OSC 8 hyperlinks.
    pub hyperlinks: bool,
    /// Where exported meetings go: the cache folder (None: the system's
    /// temporary folder).
    pub export_dir: Option<PathBuf>,
    pub opener: Opener,
}

impl Default for LinkState {
    fn default() -> Self {
        LinkState {
            typed: None,
            hyperlinks: false,
            export_dir: None,
            opener: system_opener(),
        }
    }
}

impl std::fmt::Debug for LinkState {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("LinkState")
            .field("typed", &self.typed)
            .field("hyperlinks", &self.hyperlinks)
            .field("export_dir", &self.export_dir)
            .finish_non_exhaustive()
    }
}

/// One numbered link of an article: its URL (allowed and clean) and the
/// texts it is shown as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleLink {
    pub url: String,
    pub texts: Vec<String>,
}

/// The article's links, numbered from 1 in this order: each allowed URL
/// once, with every text it is shown as.
pub fn article_links(art: &Article) -> Vec<ArticleLink> {
    let mut out: Vec<ArticleLink> = Vec::new();
    for l in &art.urls {
        let Some(url) = allowed_url(&l.url) else {
            continue;
        };
        let url = clean_line(&url);
        if url.chars().any(is_unsafe) {
            continue;
        }
        let text = clean_line(&l.text)
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match out.iter_mut().find(|a| a.url == url) {
            Some(a) => {
                if !text.is_empty() && !a.texts.contains(&text) {
                    a.texts.push(text);
                }
            }
            None => out.push(ArticleLink {
                url,
                texts: if text.is_empty() { vec![] } else { vec![text] },
            }),
        }
    }
    out
}

/// A URL as OSC 8 carries it: anything outside printable ASCII (controls,
/// ESC, BEL, spaces, C1, non-ASCII) percent-encoded, so nothing in it can
/// end the sequence or start another.
pub fn osc8_url(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if (0x21..=0x7e).contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The OSC 8 `id` of a URL (cells of one link, wrapped or cut into
/// chunks, are one link to the terminal).
fn link_id(url: &str) -> String {
    let mut h: u32 = 0x811c_9dc5;
    for b in url.bytes() {
        h ^= u32::from(b);
        h = h.wrapping_mul(0x0100_0193);
    }
    format!("nb{h:08x}")
}

/// `text` as a hyperlink to `url` (cleaned and encoded first).
pub fn osc8(url: &str, text: &str) -> String {
    let url = osc8_url(url);
    format!(
        "\x1b]8;id={};{url}\x1b\\{text}\x1b]8;;\x1b\\",
        link_id(&url)
    )
}

/// Make the cells of `area` (one row) a hyperlink to `url`, in
/// self-contained chunks of two columns (see the module comment). A
/// wide glyph is a chunk of its own.
pub fn hyperlink(buf: &mut Buffer, area: Rect, url: &str) {
    let area = area.intersection(buf.area);
    if area.is_empty() || allowed_url(url).is_none() {
        return;
    }
    let y = area.y;
    let end = area.right();
    let mut x = area.x;
    while x < end {
        let Some(first) = buf.cell((x, y)) else {
            return;
        };
        let first_sym = first.symbol().to_string();
        let first_w = first_sym.width().max(1) as u16;
        let mut text = first_sym;
        let mut cols = first_w;
        if first_w == 1 && x + 1 < end {
            if let Some(next) = buf.cell((x + 1, y)) {
                if next.symbol().width() == 1 {
                    text.push_str(next.symbol());
                    cols = 2;
                }
            }
        }
        if x + cols > end {
            // A wide glyph cut by the edge: leave it as it is.
            return;
        }
        let Some(width) = std::num::NonZeroU16::new(cols) else {
            return;
        };
        if let Some(cell) = buf.cell_mut((x, y)) {
            cell.set_symbol(&osc8(url, &text))
                .set_diff_option(CellDiffOption::ForcedWidth(width));
        }
        for dx in 1..cols {
            if let Some(cell) = buf.cell_mut((x + dx, y)) {
                cell.set_diff_option(CellDiffOption::Skip);
            }
        }
        x += cols;
    }
}

/// Where the calendar files of exported meetings go: `meetings/` in the
/// cache folder, else in the temporary folder; never inside the issues
/// folder.
fn export_folder(cache: Option<&Path>, issues: Option<&Path>) -> Option<PathBuf> {
    let inside = |p: &Path| {
        let Some(issues) = issues.and_then(|i| i.canonicalize().ok()) else {
            return false;
        };
        // The folder may not exist yet: look at its nearest existing parent.
        let mut probe = Some(p);
        while let Some(q) = probe {
            if let Ok(c) = q.canonicalize() {
                return c.starts_with(&issues);
            }
            probe = q.parent();
        }
        false
    };
    let candidates = [
        cache.map(|c| c.join("meetings")),
        Some(std::env::temp_dir().join("nyhetsbrev-meetings")),
    ];
    candidates.into_iter().flatten().find(|p| !inside(p))
}

/// A file name for a meeting's calendar: its date and the readable part
/// of its UID ("2025-10-07-styrelsens-arbetsutskott.ics").
fn file_name(m: &Meeting, uid: &str) -> String {
    let local = uid.split('@').next().unwrap_or("");
    let slug = match local.rsplit_once('-') {
        Some((slug, hash)) if hash.len() == 16 && !slug.is_empty() => slug,
        _ => local,
    };
    let slug: String = slug
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .collect();
    if slug.is_empty() {
        format!("{}.ics", m.date.format("%Y-%m-%d"))
    } else {
        format!("{}-{slug}.ics", m.date.format("%Y-%m-%d"))
    }
}

impl App {
    fn link_words(&self) -> &'static LinkWords {
        link_words(self.words.lang)
    }

    /// The links of the article shown, if an article is shown.
    fn shown_links(&self) -> Option<Vec<ArticleLink>> {
        let View::Article(i, a) = self.view else {
            return None;
        };
        let issue = self.corpus.whole_issue(i)?;
        Some(article_links(issue.articles.get(a)?))
    }

    /// `o`: open the article's only link, or ask for a number.
    pub(crate) fn open_link_action(&mut self) {
        let w = self.link_words();
        match self.shown_links() {
            None => self.note(w.no_article),
            Some(links) if links.is_empty() => self.note(w.no_links),
            Some(links) if links.len() == 1 => self.open_url(&links[0].url),
            Some(links) => {
                self.links.typed = Some(String::new());
                self.prompt_note(links.len());
            }
        }
    }

    fn prompt_note(&mut self, count: usize) {
        let w = self.link_words();
        let typed = self.links.typed.clone().unwrap_or_default();
        let range = format!("1–{count}");
        self.note(fill(w.prompt, &[("range", &range), ("typed", &typed)]));
    }

    /// A key while the link number is asked for: digits, Backspace, Enter
    /// (open), Esc (cancel). Any other key ends the question and does what
    /// it does. True when the key was taken here.
    pub(crate) fn link_key(&mut self, key: &KeyEvent) -> bool {
        let Some(mut typed) = self.links.typed.take() else {
            return false;
        };
        let count = self.shown_links().map_or(0, |l| l.len());
        if count == 0 {
            return false;
        }
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        match key.code {
            KeyCode::Esc => return true,
            KeyCode::Char('c') if ctrl => return true,
            KeyCode::Backspace => {
                typed.pop();
            }
            KeyCode::Enter => {
                self.open_number(&typed, count);
                return true;
            }
            KeyCode::Char(c) if c.is_ascii_digit() && !ctrl && typed.len() < 6 => {
                typed.push(c);
                let n: usize = typed.parse().unwrap_or(0);
                // Open as soon as no longer number could be meant.
                if n >= 1 && n <= count && n.saturating_mul(10) > count {
                    self.open_number(&typed, count);
                    return true;
                }
            }
            _ => return false,
        }
        self.links.typed = Some(typed);
        self.prompt_note(count);
        true
    }

    fn open_number(&mut self, typed: &str, count: usize) {
        let w = self.link_words();
        match typed.parse::<usize>() {
            Ok(n) if (1..=count).contains(&n) => {
                if let Some(link) = self.shown_links().and_then(|l| l.into_iter().nth(n - 1)) {
                    self.open_url(&link.url);
                }
            }
            _ if typed.is_empty() => {}
            _ => self.note(fill(w.no_such_link, &[("n", &clean_line(typed))])),
        }
    }

    /// Open a URL with the opener; the status line says what happened.
    fn open_url(&mut self, url: &str) {
        let w = self.link_words();
        let shown = clean_line(url);
        let templates = [w.opening, w.no_opener, w.open_failed];
        self.open_and_say(Target::Url(url), templates, ("url", &shown));
    }

    /// Run the opener on `target` and put in the status line the first of
    /// `templates` (started: `{program}`), the second (no opener) or the
    /// third (failed: `{reason}`), each with `what` filled in.
    fn open_and_say(&mut self, target: Target<'_>, templates: [&str; 3], what: (&str, &str)) {
        let [started, no_opener, failed] = templates;
        let msg = match (self.links.opener)(target) {
            Ok(program) => fill(started, &[what, ("program", &clean_line(&program))]),
            Err(OpenError::NoOpener) => fill(no_opener, &[what]),
            Err(e) => fill(failed, &[what, ("reason", &clean_line(&e.to_string()))]),
        };
        self.note(msg);
    }

    /// The meeting `e` exports: the selected one in the agenda, the
    /// selected day's first in the month view.
    fn selected_meeting(&self) -> Option<(usize, Meeting)> {
        if self.agenda.month {
            return self
                .day_meetings(self.agenda.day)
                .first()
                .map(|(i, m)| (*i, (*m).clone()));
        }
        match self.meetings.get(self.meeting_cursor.selected)? {
            MeetingRow::Meeting { issue, meeting, .. } => Some((*issue, meeting.clone())),
            _ => None,
        }
    }

    /// `e`: write the selected meeting as a calendar file and open it.
    pub(crate) fn export_meeting_action(&mut self) {
        let w = self.link_words();
        let picked = if self.focus == Focus::Meetings {
            self.selected_meeting()
        } else {
            None
        };
        let Some((issue, meeting)) = picked else {
            self.note(w.no_meeting);
            return;
        };
        let path = match self.write_meeting(issue, &meeting) {
            Ok(p) => p,
            Err(e) => {
                let reason = clean_line(&format!("{e:#}"));
                self.note(fill(w.meeting_failed, &[("reason", &reason)]));
                return;
            }
        };
        let path_text = path.display().to_string();
        let shown = crate::sanitize::show_name(&path_text);
        let templates = [w.meeting_opened, w.meeting_saved, w.meeting_open_failed];
        self.open_and_say(Target::File(&path), templates, ("path", &shown));
    }

    fn write_meeting(&self, issue: usize, meeting: &Meeting) -> anyhow::Result<PathBuf> {
        use anyhow::Context as _;
        let issues = match &self.corpus.origin {
            Origin::Folder(dir) => Some(dir.as_path()),
            Origin::Embedded => None,
        };
        let dir = export_folder(self.links.export_dir.as_deref(), issues)
            .context("no folder to write the calendar file to")?;
        let one = [(issue, meeting)];
        let text = crate::ics::calendar(&self.corpus, &one, self.words.lang)?;
        let uid = crate::ics::uids(&self.corpus, &one)
            .pop()
            .unwrap_or_default();
        std::fs::create_dir_all(&dir)
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let path = dir.join(file_name(meeting, &uid));
        std::fs::write(&path, text).with_context(|| format!("cannot write {}", path.display()))?;
        Ok(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::Link;

    fn env_of(pairs: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
        move |k| {
            pairs
                .iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        }
    }

    #[test]
    fn auto_is_on_only_where_the_terminal_is_known_to_link() {
        let on = |pairs: &'static [(&'static str, &'static str)]| {
            HyperlinkSetting::Auto.enabled(&env_of(pairs))
        };
        assert!(!on(&[("TERM", "linux")]));
        assert!(!on(&[("TERM", "dumb"), ("TERM_PROGRAM", "iTerm.app")]));
        assert!(!on(&[("TERM", "xterm-256color")]));
        assert!(on(&[("TERM", "xterm-256color"), ("VTE_VERSION", "7600")]));
        assert!(!on(&[("TERM", "xterm-256color"), ("VTE_VERSION", "4800")]));
        assert!(on(&[("TERM", "xterm-kitty")]));
        assert!(on(&[("TERM", "foot")]));
        assert!(on(&[
            ("TERM", "xterm-256color"),
            ("TERM_PROGRAM", "WezTerm")
        ]));
        // tmux: from 3.4, whatever the outer terminal's variables say.
        let tmux_old: &[(&str, &str)] = &[
            ("TERM", "tmux-256color"),
            ("TMUX", "/tmp/tmux-1000/default,1,0"),
            ("TERM_PROGRAM", "tmux"),
            ("TERM_PROGRAM_VERSION", "3.3a"),
            ("VTE_VERSION", "7600"),
        ];
        assert!(!on(tmux_old));
        assert!(on(&[
            ("TERM", "tmux-256color"),
            ("TMUX", "/tmp/tmux-1000/default,1,0"),
            ("TERM_PROGRAM", "tmux"),
            ("TERM_PROGRAM_VERSION", "3.4"),
        ]));
        assert!(!on(&[("TERM", "screen-256color"), ("VTE_VERSION", "7600")]));
        assert!(HyperlinkSetting::On.enabled(&env_of(&[("TERM", "linux")])));
        assert!(!HyperlinkSetting::Off.enabled(&env_of(&[("TERM", "xterm-kitty")])));
    }

    #[test]
    fn osc8_urls_carry_no_controls() {
        let hostile = "https://x.se/\x1b]8;;https://evil\x07\u{9b}31m ok";
        let enc = osc8_url(hostile);
        assert!(enc.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{enc}");
        assert_eq!(enc, "https://x.se/%1B]8;;https://evil%07%C2%9B31m%20ok");
        let seq = osc8("https://x.se/a", "ab");
        assert_eq!(
            seq,
            format!(
                "\x1b]8;id={};https://x.se/a\x1b\\ab\x1b]8;;\x1b\\",
                link_id("https://x.se/a")
            )
        );
    }

    #[test]
    fn links_are_numbered_once_per_url_and_only_web_and_mail() {
        let mut art = Article::default();
        let link = |t: &str, u: &str| Link {
            text: t.into(),
            url: u.into(),
        };
        art.urls = vec![
            link("Läs mer", "https://storsthlm.se/a"),
            link("javascript", "javascript:alert(1)"),
            link("Bilden", "https://storsthlm.se/a"),
            link("Skriv till oss", "mailto:info@storsthlm.se"),
            link("Fil", "file:///etc/passwd"),
        ];
        let links = article_links(&art);
        assert_eq!(links.len(), 2);
        assert_eq!(links[0].url, "https://storsthlm.se/a");
        assert_eq!(links[0].texts, ["Läs mer", "Bilden"]);
        assert_eq!(links[1].url, "mailto:info@storsthlm.se");
    }

    #[test]
    fn hyperlinks_keep_the_cells_widths() {
        let mut buf = Buffer::empty(Rect::new(0, 0, 10, 1));
        buf.set_string(0, 0, "abcdé", ratatui::style::Style::new());
        hyperlink(&mut buf, Rect::new(0, 0, 5, 1), "https://x.se/\x1b");
        let c0 = &buf[(0, 0)];
        assert_eq!(
            c0.diff_option,
            CellDiffOption::ForcedWidth(2.try_into().unwrap())
        );
        assert!(
            c0.symbol().contains("\x1b\\ab\x1b]8;;"),
            "{:?}",
            c0.symbol()
        );
        assert!(!c0.symbol().contains("\x1b]8;;https://x.se/\x1b"));
        assert_eq!(buf[(1, 0)].diff_option, CellDiffOption::Skip);
        // An odd length ends with a chunk of one column.
        assert_eq!(
            buf[(4, 0)].diff_option,
            CellDiffOption::ForcedWidth(1.try_into().unwrap())
        );
        // Beyond the link nothing changed.
        assert_eq!(buf[(5, 0)].diff_option, CellDiffOption::None);
        // A URL that is not allowed links nothing.
        let mut buf = Buffer::empty(Rect::new(0, 0, 4, 1));
        buf.set_string(0, 0, "ab", ratatui::style::Style::new());
        hyperlink(&mut buf, Rect::new(0, 0, 2, 1), "javascript:x");
        assert_eq!(buf[(0, 0)].symbol(), "a");
    }

    #[test]
    fn exported_meetings_are_named_by_date_and_title() {
        let m = Meeting {
            title: "Styrelsens arbetsutskott".into(),
            date: chrono::NaiveDate::from_ymd_opt(2025, 10, 7).unwrap(),
            start: None,
            end: None,
            from: crate::corpus::MeetingSource::Calendar,
            article: None,
        };
        assert_eq!(
            file_name(
                &m,
                "styrelsens-arbetsutskott-0123456789abcdef@nyhetsbrev.storsthlm"
            ),
            "2025-10-07-styrelsens-arbetsutskott.ics"
        );
        assert_eq!(file_name(&m, "../../x@y"), "2025-10-07-x.ics");
    }

    #[test]
    fn the_export_folder_is_never_inside_the_issues_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let issues = tmp.path().join("issues");
        std::fs::create_dir_all(&issues).unwrap();
        let cache = tmp.path().join("cache");
        assert_eq!(
            export_folder(Some(&cache), Some(&issues)),
            Some(cache.join("meetings"))
        );
        let inside = issues.join("cache");
        let got = export_folder(Some(&inside), Some(&issues)).unwrap();
        assert!(!got.starts_with(&issues), "{}", got.display());
    }
}
