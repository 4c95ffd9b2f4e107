//! Colour for the lookups: plain ANSI SGR, only when standard output is a
//! terminal and `NO_COLOR` is unset (or empty). Never when piped.

use std::io::IsTerminal;

use crate::sanitize::clean_indexed;

/// Whether to colour, and the few styles the lookups use.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Style {
    pub color: bool,
}

const RESET: &str = "\x1b[0m";
const BOLD: &str = "\x1b[1m";
const DIM: &str = "\x1b[2m";
const CYAN: &str = "\x1b[36m";
const HIT: &str = "\x1b[1;33m";

impl Style {
    /// Colour when standard output is a terminal and `NO_COLOR` is not set.
    pub fn detect() -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: !no_color && std::io::stdout().is_terminal(),
        }
    }

    pub fn plain() -> Style {
        Style { color: false }
    }

    fn wrap(&self, code: &str, s: &str) -> String {
        if self.color && !s.is_empty() {
            format!("{code}{s}{RESET}")
        } else {
            s.to_string()
        }
    }

    /// Headings and names.
    pub fn bold(&self, s: &str) -> String {
        self.wrap(BOLD, s)
    }

    /// Secondary information: where, when, file names.
    pub fn dim(&self, s: &str) -> String {
        self.wrap(DIM, s)
    }

    /// Dates and kinds.
    pub fn accent(&self, s: &str) -> String {
        self.wrap(CYAN, s)
    }

    /// A matched piece of text.
    pub fn hit(&self, s: &str) -> String {
        self.wrap(HIT, s)
    }

    /// Document text made safe for one line (escape sequences removed
    /// whole, control and format characters removed, newlines and tabs as
    /// spaces), with the characters for which `is_hit` (given the char
    /// index in `raw`) is true highlighted. Without colour the text is
    /// returned unchanged apart from the cleaning.
    pub fn highlight(&self, raw: &str, is_hit: impl Fn(usize) -> bool) -> String {
        let mut out = String::with_capacity(raw.len());
        let mut run = String::new();
        let mut in_hit = false;
        for (i, c) in clean_indexed(raw) {
            let c = if c == '\n' || c == '\t' { ' ' } else { c };
            let h = is_hit(i);
            if h != in_hit {
                out.push_str(&if in_hit { self.hit(&run) } else { run.clone() });
                run.clear();
                in_hit = h;
            }
            run.push(c);
        }
        out.push_str(&if in_hit { self.hit(&run) } else { run });
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_style_never_emits_escapes() {
        let s = Style::plain();
        assert_eq!(s.bold("a"), "a");
        assert_eq!(s.highlight("ab\u{1b}[2Jc\nd", |i| i < 2), "abc d");
    }

    #[test]
    fn coloured_highlight_marks_runs() {
        let s = Style { color: true };
        let out = s.highlight("abcd", |i| i == 1 || i == 2);
        assert_eq!(out, format!("a{HIT}bc{RESET}d"));
        // Positions stay those of the raw text when a sequence is removed.
        let out = s.highlight("a\u{1b}]52;c;x\u{7}bcd", |i| i == 10 || i == 11);
        assert_eq!(out, format!("a{HIT}bc{RESET}d"));
    }
}
