//! Stage 1, lines: the text split into lines (each classified once, by
//! [`classify`]), the header fields and dateline taken off the top, and the
//! wrapping mode of what remains.

use chrono::NaiveDate;

use super::forms::{classify, header_date, starts_lower, web_dateline, Kind, HEADER};
use crate::model::IssueKind;
use crate::text::{fold_key, squash};

#[derive(Clone, Debug)]
pub(super) struct Line {
    /// Text with no-break spaces made spaces, runs of space squashed.
    pub(super) text: String,
    /// What the line is, decided once here ([`Kind::Body`] for blank lines).
    pub(super) kind: Kind,
    /// Length in chars of the line as written (trailing space removed).
    pub(super) len: usize,
    /// Length of the first word as a wrapper sees it (no-break spaces
    /// do not break words).
    pub(super) first_len: usize,
    /// The line as written started with white space.
    pub(super) indent: bool,
    pub(super) blank: bool,
}

/// Split the text into lines, each classified once.
pub(super) fn lines_of(text: &str) -> Vec<Line> {
    text.split('\n')
        .map(|raw| {
            let first_len = raw
                .trim_start_matches([' ', '\t'])
                .split([' ', '\t'])
                .next()
                .map(|w| w.chars().count())
                .unwrap_or(0);
            let raw = raw.replace(['\u{a0}', '\t', '\u{2007}', '\u{202f}'], " ");
            let trimmed_end = raw.trim_end();
            let text = squash(trimmed_end);
            // Lines with no letter or digit ("❯❯", "···") carry nothing.
            let blank = !text.chars().any(|c| c.is_alphanumeric());
            Line {
                kind: if blank { Kind::Body } else { classify(&text) },
                first_len,
                len: trimmed_end.chars().count(),
                indent: raw.starts_with(' '),
                blank,
                text: if blank { String::new() } else { text },
            }
        })
        .collect()
}

/// Width and slack of a hard-wrapped text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Wrap {
    pub(super) width: usize,
    pub(super) slack: usize,
}

impl Wrap {
    /// Was the break between a line of `prev_len` chars and `next` made by
    /// the wrapper (the next word would not have fitted)?
    pub(super) fn wrapped(&self, prev_len: usize, next: &Line) -> bool {
        prev_len + 1 + next.first_len + self.slack > self.width
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Mode {
    /// A paragraph per line: every line break is real.
    Unwrapped,
    /// Hard-wrapped at a width by a wrapper: a greedy one (slack 0) or one
    /// that balances lines (slack = how far short of the width it breaks).
    Greedy(Wrap),
    /// Ragged PDF text: breaks decided by sentence structure.
    Ragged,
}

pub(super) fn detect_mode(lines: &[Line]) -> Mode {
    let nonblank: Vec<&Line> = lines.iter().filter(|l| !l.blank).collect();
    if nonblank.is_empty() {
        return Mode::Unwrapped;
    }
    let long = nonblank.iter().filter(|l| l.len > 110).count();
    if long * 10 >= nonblank.len() {
        return Mode::Unwrapped;
    }
    let width = nonblank.iter().map(|l| l.len).max().unwrap_or(0);
    // Breaks known to be soft (the next line goes on in lower case): how
    // far short of the width did the wrapper break them?
    let mut gaps: Vec<usize> = Vec::new();
    for w in lines.windows(2) {
        if w[0].blank || w[1].blank || !starts_lower(&w[1].text) {
            continue;
        }
        let need = w[0].len + 1 + w[1].first_len;
        gaps.push(width.saturating_sub(need.saturating_sub(1)));
    }
    if gaps.len() < 4 {
        // Too little evidence of wrapping: take the lines as written.
        return Mode::Unwrapped;
    }
    gaps.sort_unstable();
    let slack = gaps[(gaps.len() * 85).div_ceil(100).saturating_sub(1)];
    if slack * 5 <= width {
        Mode::Greedy(Wrap { width, slack })
    } else {
        Mode::Ragged
    }
}

/// What the top of a file says about it outright.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(super) struct Header {
    pub(super) date: Option<NaiveDate>,
    pub(super) kind: Option<IssueKind>,
    pub(super) title: Option<String>,
    /// The date came from a web page's date line.
    pub(super) dateline: bool,
}

/// Take the header fields (`Datum:`, `Typ:`, `Titel:`, e-mail headers) and
/// then a web article's dateline off the top of the lines. The dateline is
/// looked for only after the header is gone, and only when the header gave
/// no date.
pub(super) fn take_header(lines: &mut Vec<Line>) -> Header {
    let (date, kind, title, used) = read_header(lines);
    lines.drain(..used);
    let dated_line = if date.is_none() {
        take_dateline(lines)
    } else {
        None
    };
    Header {
        date: date.or(dated_line),
        kind,
        title,
        dateline: dated_line.is_some(),
    }
}

/// Header fields at the top of a file: `Datum: 2024-03-01`, `Typ: dokument`,
/// `Titel: …`. Returns the fields and how many lines they took.
fn read_header(lines: &[Line]) -> (Option<NaiveDate>, Option<IssueKind>, Option<String>, usize) {
    let mut date = None;
    let mut kind = None;
    let mut title = None;
    let mut used = 0;
    for (i, l) in lines.iter().enumerate().take(12) {
        if l.blank {
            if date.is_some() || kind.is_some() || title.is_some() {
                used = i + 1;
            }
            continue;
        }
        let Some(c) = HEADER.captures(&l.text) else {
            break;
        };
        let v = c["v"].trim().to_string();
        let key = c["k"].to_lowercase();
        match key.as_str() {
            "datum" | "date" | "skickat" | "sent" => match header_date(&v) {
                Some(d) => date = Some(d),
                None => break,
            },
            // E-mail headers of a forwarded newsletter: the subject is the
            // title ("VB: "/"Fwd: " dropped); sender and recipients are not
            // part of the text.
            "ämne" | "subject" => {
                let t = v
                    .trim_start_matches(|c: char| c.is_whitespace())
                    .split_once(':')
                    .filter(|(p, _)| {
                        ["vb", "fw", "fwd", "sv", "re"].contains(&p.trim().to_lowercase().as_str())
                    })
                    .map(|(_, rest)| rest.trim().to_string())
                    .unwrap_or(v.clone());
                title = Some(t);
            }
            k if ["från", "from", "till", "to", "kopia", "cc"].contains(&k)
                || k.contains("svara")
                || k == "reply-to" => {}
            "typ" | "kind" => {
                let f = fold_key(&v);
                kind = Some(if f.starts_with("dok") || f.starts_with("doc") {
                    IssueKind::Document
                } else {
                    IssueKind::Newsletter
                });
            }
            _ => title = Some(v),
        }
        used = i + 1;
    }
    (date, kind, title, used)
}

/// A web page's date line ("Publicerad 12 mars 2024", "Styrelse / 1
/// oktober 2025", see [`web_dateline`]) among the first lines: its date,
/// and the text without that line.
fn take_dateline(lines: &mut Vec<Line>) -> Option<NaiveDate> {
    let (i, d) = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.blank)
        .take(6)
        .find_map(|(i, l)| web_dateline(&l.text).map(|d| (i, d)))?;
    lines.remove(i);
    Some(d)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<Line> {
        lines_of(text)
    }

    #[test]
    fn each_line_is_classified_once_and_blank_lines_carry_nothing() {
        let l = lines("Läs mer om planen här\n \u{a0} ❯❯\nFoto: Per Ek\nNär: 3 maj");
        let kinds: Vec<(Kind, bool)> = l.iter().map(|l| (l.kind, l.blank)).collect();
        assert_eq!(
            kinds,
            [
                (Kind::Link, false),
                (Kind::Body, true),
                (Kind::Caption, false),
                (Kind::Event, false)
            ]
        );
        assert_eq!(l[1].text, "");
    }

    #[test]
    fn header_then_dateline_are_taken_off_the_top() {
        let mut l = lines("Typ: dokument\nTitel: Planen\n\nPublicerad: 12 mars 2024\nRubrik\n");
        let h = take_header(&mut l);
        assert_eq!(h.kind, Some(IssueKind::Document));
        assert_eq!(h.title.as_deref(), Some("Planen"));
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2024, 3, 12));
        assert_eq!(l[0].text, "Rubrik");
    }

    #[test]
    fn a_header_date_wins_over_a_dateline_which_stays_text() {
        let mut l = lines("Datum: 2024-01-05\n\nPublicerad 12 mars 2024\nRubrik\n");
        let h = take_header(&mut l);
        assert_eq!(h.date, NaiveDate::from_ymd_opt(2024, 1, 5));
        assert_eq!(l[0].text, "Publicerad 12 mars 2024");
    }

    #[test]
    fn wrapping_mode_is_learned_from_soft_breaks() {
        let para = "Kommunerna i länet har under året arbetat med att\nta fram en gemensam plan för vattnet och för hur\nvi ska klara torka och skyfall i framtiden när\nklimatet förändras och fler människor flyttar\nhit till regionen.\n\n";
        let l = lines(&para.repeat(3));
        assert!(matches!(detect_mode(&l), Mode::Greedy(_)));
        let one_per_line = "En rad som är ett helt stycke.\n\nOch en till som också är det.\n";
        assert_eq!(detect_mode(&lines(one_per_line)), Mode::Unwrapped);
    }
}
