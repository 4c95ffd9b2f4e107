//! Copy to the clipboard with OSC 52: the terminal (not this program) puts
//! the text on the clipboard, so it works over SSH and needs no display
//! server or helper program. Inside tmux the sequence reaches the outer
//! terminal when tmux has `set -g set-clipboard on`.
//!
//! The text is cleaned first (no control character or escape sequence can
//! ride along inside the sequence), kept to one line and to
//! [`MAX_COPY`] characters, then base64-encoded as OSC 52 requires.

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

use super::app::{App, Focus, IssueRow, MeetingRow, Overlay, View};
use crate::corpus::Meeting;
use crate::jump::Target;

/// Whether the copy key writes OSC 52.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum ClipboardSetting {
    /// On, unless the terminal is known not to understand OSC 52
    /// (`TERM` is `dumb` or `linux`, the Linux console).
    #[default]
    Auto,
    On,
    Off,
}

impl ClipboardSetting {
    /// Whether copying is on for a terminal of this `TERM`.
    pub fn enabled(self, term: Option<&str>) -> bool {
        match self {
            ClipboardSetting::On => true,
            ClipboardSetting::Off => false,
            ClipboardSetting::Auto => !matches!(term, Some("dumb") | Some("linux")),
        }
    }
}

/// The most characters copied (terminals cap OSC 52 payloads; what the
/// reader copies is a line or two).
pub const MAX_COPY: usize = 4096;

/// The text as it is copied: escape sequences, control and format
/// characters removed, newlines and tabs as spaces, runs of spaces as one,
/// at most [`MAX_COPY`] characters.
pub fn clean_copy(text: &str) -> String {
    let line = crate::sanitize::clean_line(text);
    let mut out = String::new();
    for word in line.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out.chars()
        .filter(|c| !c.is_control())
        .take(MAX_COPY)
        .collect()
}

/// The OSC 52 sequence that puts `text` (cleaned) on the clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", STANDARD.encode(clean_copy(text)))
}

impl App {
    /// What the copy key copies now: the selected person's e-mail (or
    /// name), the selected or shown article's title and issue, or the
    /// selected meeting's day, time and title.
    pub fn copy_text(&self) -> Option<String> {
        let person = |p: usize| {
            let p = self.corpus.people.get(p)?;
            Some(p.emails.first().cloned().unwrap_or_else(|| p.name.clone()))
        };
        let article = |i: usize, a: usize| {
            let is = self.corpus.issues.get(i)?;
            let art = is.articles.get(a)?;
            Some(match self.words.issue_date(is) {
                Some(d) => format!("{} — {}, {d}", art.title, is.title),
                None => format!("{} — {}", art.title, is.title),
            })
        };
        let issue = |i: usize| {
            let is = self.corpus.issues.get(i)?;
            Some(match self.words.issue_date(is) {
                Some(d) => format!("{}, {d}", is.title),
                None => is.title.clone(),
            })
        };
        let meeting = |m: &Meeting| {
            let mut s = self.words.date(m.date);
            if let Some(t) = m.start {
                s.push_str(&t.format(" %H:%M").to_string());
                if let Some(e) = m.end {
                    s.push_str(&e.format("–%H:%M").to_string());
                }
            }
            format!("{s} {}", m.title)
        };
        match self.overlays.last() {
            Some(Overlay::Contacts(st)) => return person(*st.hits.get(st.cursor.selected)?),
            Some(Overlay::Card(st)) => return person(st.person),
            Some(Overlay::Search(st)) => {
                let hit = st.hits.get(st.cursor.selected)?;
                return article(hit.issue, hit.article);
            }
            Some(Overlay::Jump(st)) => {
                let hit = st.hits.get(st.cursor.selected)?;
                let cand = self.corpus.candidates().get(hit.index)?;
                return match &cand.target {
                    Target::Person { person: p } => person(*p),
                    Target::Article {
                        issue: i,
                        article: a,
                    } => article(*i, *a),
                    Target::Issue { issue: i } => issue(*i),
                    Target::Meeting {
                        issue: i,
                        meeting: m,
                    } => self
                        .corpus
                        .issues
                        .get(*i)
                        .and_then(|is| is.meetings.get(*m))
                        .map(meeting),
                    Target::Topic { .. } => Some(cand.text.to_string()),
                };
            }
            Some(_) => return None,
            None => {}
        }
        match self.focus {
            Focus::Meetings => match self.meetings.get(self.meeting_cursor.selected)? {
                MeetingRow::Meeting { meeting: m, .. } => Some(meeting(m)),
                _ => None,
            },
            Focus::Left => match self.target_article() {
                Some((i, a)) => article(i, a),
                None => match self.issue_rows().get(self.issue_cursor.selected) {
                    Some(IssueRow::Issue(i)) => issue(*i),
                    _ => None,
                },
            },
            Focus::Article => match self.view {
                View::Article(i, a) => article(i, a),
                View::Issue(i) => issue(i),
                View::Nothing => None,
            },
        }
    }

    /// The copy key: queue the OSC 52 sequence for the event loop to write
    /// and say what was copied.
    pub(super) fn copy(&mut self) {
        if !self.clipboard {
            return self.note(self.words.copy_off);
        }
        let Some(text) = self.copy_text().map(|t| clean_copy(&t)) else {
            return self.note(self.words.nothing_to_copy);
        };
        if text.is_empty() {
            return self.note(self.words.nothing_to_copy);
        }
        self.clipboard_out = Some(osc52(&text));
        let msg = self.words.copied.replace("{text}", &text);
        self.note(msg);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_sequence_carries_the_text_base64_encoded() {
        assert_eq!(osc52("Åsa"), "\x1b]52;c;w4VzYQ==\x07");
        let seq = osc52("anna@example.se");
        let payload = seq
            .strip_prefix("\x1b]52;c;")
            .and_then(|s| s.strip_suffix('\x07'))
            .unwrap();
        assert_eq!(STANDARD.decode(payload).unwrap(), b"anna@example.se");
    }

    #[test]
    fn control_characters_never_reach_the_clipboard() {
        let copied = clean_copy("Möte\x07 om\x1b]52;c;ZXZpbA==\x07 skolan\n\tkl 9\u{9b}2J");
        assert!(!copied.chars().any(|c| c.is_control()), "{copied:?}");
        assert!(copied.starts_with("Möte om"), "{copied:?}");
        assert!(copied.contains("skolan kl 9"), "{copied:?}");
        assert_eq!(clean_copy(&"x".repeat(MAX_COPY + 10)).len(), MAX_COPY);
    }

    #[test]
    fn auto_is_off_only_on_terminals_without_osc_52() {
        let a = ClipboardSetting::Auto;
        assert!(a.enabled(Some("xterm-256color")));
        assert!(a.enabled(Some("tmux-256color")));
        assert!(a.enabled(None));
        assert!(!a.enabled(Some("dumb")));
        assert!(!a.enabled(Some("linux")));
        assert!(ClipboardSetting::On.enabled(Some("linux")));
        assert!(!ClipboardSetting::Off.enabled(Some("xterm")));
    }
}
