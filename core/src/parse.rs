//! Parsing: text → issue.
//!
//! The parser reads structure, not particular files:
//!
//! 1. **Wrapping.** Each file is *unwrapped* (a paragraph per line, as
//!    newsletters exported from HTML are), *greedy* (hard-wrapped at a fixed
//!    width, where a break is soft exactly when the next word would not have
//!    fitted) or *ragged* (PDF text in columns). The mode decides which line
//!    breaks are soft.
//! 2. **Lines** are classified by what they say: link lines ("Läs mer …"),
//!    contact lines ("Vid frågor, kontakta …"), captions ("Foto: …", a name
//!    with a role, a list of names), bullets, labels (ALL CAPS, "intervju
//!    med …"), event fields ("När:", "Tid:"), footers, and the headings of a
//!    table of contents or a calendar.
//! 3. **Paragraphs** are built by joining soft breaks (and paragraphs split
//!    by a page or column break mid-sentence).
//! 4. **Articles**: a title is a short line without closing punctuation that
//!    is followed by body text; a section label is a short line right above
//!    a title. Leaders (signed), board summaries, interviews and calendars
//!    are recognised by their form.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::calendar::{self, DayMonth};
use super::dates::{self, Evidence};
use super::model::*;
use super::people;
use super::text::{fold_key, squash};
use super::{Warning, WarningKind};

/// Stable id of an issue: its file stem.
pub fn id_from_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, _)) => stem.to_string(),
        None => name.to_string(),
    }
}

// ---------------------------------------------------------------------------
// Line classification
// ---------------------------------------------------------------------------

static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:→\s*)?(?:läs\s+(?:mer|hela|en|programmet|artikeln|rapporten|om|intervjun|protokollet|sammanfattningen|texten|nyheten|inbjudan|pressmeddelandet)|se\s+(?:hela|alla|filmen|mer|programmet|inspelningen)|anmäl\s+dig|anmälan\s+(?:görs|sker|här)|titta\s+på|lyssna\s+på|ladda\s+ner|här\s+kan\s+du\s+(?:läsa|anmäla|se|ta\s+del|hitta)|mer\s+information\s+(?:finns|hittar)|till\s+anmälan|gå\s+till|besök\s+(?:oss|vår|webbplatsen))").expect("valid regex")
});
/// A bare contact heading: "Kontakt", "Kontaktpersoner", "Mer information".
static CONTACT_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:kontakt|kontakter|kontaktperson|kontaktpersoner|kontakta\s+oss|mer\s+information|frågor\s+besvaras\s+av)\s*:?$").expect("valid regex")
});
static EMAIL_OR_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"@|^(?:tel|telefon|tfn|mobil)?\.?:?\s*[+\d][\d\s-]{6,}$").expect("valid regex")
});
static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:vid\s+frågor|frågor\?|har\s+du\s+(?:frågor|funderingar|synpunkter)|kontakta\b|kontaktperson|kontakt\s*:|för\s+(?:mer\s+information|frågor|övriga\s+frågor)|mer\s+information\s*:)").expect("valid regex")
});
static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s(.])(?:foto|bild|fotograf|illustration|grafik)\s*:|^(?:kampanjbild|pressbild|bild\s+från|på\s+bilden|bilden\s+visar)\b").expect("valid regex")
});
static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:redaktion|ansvarig\s+utgivare|avsändare|prenumerera|avregistrera|du\s+får\s+(?:det\s+här|detta)|vill\s+du\s+inte\s+längre)\b").expect("valid regex")
});
static TOC_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:ur\s+innehållet|innehåll|i\s+detta\s+nummer|i\s+det\s+här\s+numret|i\s+numret)\s*:?$").expect("valid regex")
});
static CAL_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:på\s+gång\b.*|kalendarium|kalender|kalendern|kommande\b.*|aktuella\s+(?:möten|evenemang|aktiviteter)|datum\s+att\s+notera|save\s+the\s+date|händer\s+framöver)\s*:?$").expect("valid regex")
});
static BOARD_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:sammanfattning\s+(?:från|av)\s+|från\s+|nytt\s+från\s+)?styrelse(?:mötet|ns\s+möte|möte)\s+(?:den\s+)?(?P<d>\d{{1,2}})\s+(?P<m>{})",
        super::text::MONTH_ALT
    ))
    .expect("valid regex")
});
static MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)senaste\s+nytt|nyhetsbrev|newsletter|nytt\s+från").expect("valid regex")
});
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:publicerad|publicerat|uppdaterad|senast\s+uppdaterad|published|updated)\s*:?\s*(?P<v>.+)$").expect("valid regex")
});
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<k>datum|date|skickat|sent|typ|kind|titel|title|ämne|subject|från|from|till|to|kopia|cc|svara\s+till|reply-to)\s*:\s*(?P<v>.+)$")
        .expect("valid regex")
});
static INTERVIEW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^intervju(?:\s+med\b|\s*:)").expect("valid regex"));
static TRAILING_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<body>.*[.!?”])\s+(?P<link>(?:Läs (?:mer|hela)|Här kan du läsa|Anmäl dig|Se hela)[^.!?]*[.!?]?)$").expect("valid regex")
});

/// What a line (or paragraph) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Body,
    Bullet,
    Link,
    Contact,
    Caption,
    /// Only a person's name (a signature line).
    NameOnly,
    /// ALL CAPS or "intervju med …": a section label (or, in documents, a
    /// sub-heading).
    Label,
    Event,
    Footer,
    Toc,
    Calendar,
}

fn is_abbreviation_end(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or("").to_lowercase();
    [
        "t.ex.", "bl.a.", "m.m.", "s.k.", "kl.", "ca.", "t.o.m.", "fr.o.m.", "resp.", "osv.",
        "dvs.", "jfr.", "nr.", "inkl.", "exkl.", "tf.", "mfl.", "m.fl.", "p.g.a.", "bl.", "st.",
    ]
    .contains(&last.as_str())
}

/// Does the text end a sentence (., !, ?, possibly inside quotes)?
fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || "”\"»’')".contains(c));
    (t.ends_with('.') || t.ends_with('!') || t.ends_with('?')) && !is_abbreviation_end(t)
}

fn ends_with_any(s: &str, chars: &str) -> bool {
    s.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| chars.contains(c))
}

const FUNCTION_WORDS: &[&str] = &[
    "och", "eller", "samt", "men", "att", "som", "i", "på", "av", "för", "till", "från", "med",
    "om", "vid", "inom", "mellan", "under", "över", "efter", "genom", "utan", "mot", "hos",
    "kring", "inför", "enligt", "en", "ett", "den", "det", "de", "dem", "denna", "detta", "dessa",
    "vi", "du", "jag", "ni", "han", "hon", "man", "är", "var", "har", "hade", "kan", "ska",
    "skall", "måste", "kommer", "blir", "vill", "får", "sin", "sitt", "sina", "hans", "hennes",
    "deras", "vår", "vårt", "våra", "er", "ert", "era", "hur", "vad", "när", "där", "så", "också",
    "även", "inte", "både", "alla", "andra", "olika", "flera", "många", "mer", "mest", "the",
    "and", "of",
];

fn ends_with_function_word(s: &str) -> bool {
    let last = s
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    FUNCTION_WORDS.contains(&last.as_str())
}

fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}

fn starts_lower(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

fn is_dialogue(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with("– ") || t.starts_with("- ") || t.starts_with("— ") || t.starts_with("–\u{a0}")
}

fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

fn upper_share(s: &str) -> (usize, usize) {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    (
        letters.iter().filter(|c| c.is_uppercase()).count(),
        letters.len(),
    )
}

fn is_caps_label(s: &str) -> bool {
    let (up, n) = upper_share(s);
    n >= 3 && up * 10 >= n * 7 && word_count(s) <= 10 && !ends_sentence(s)
}

fn classify(text: &str) -> Kind {
    let t = text.trim();
    let len = t.chars().count();
    // Structural lines are short; a long line is body text, whatever it
    // starts with (and huge lines skip the pattern tests entirely).
    if len > 250 {
        return if calendar::is_bullet(t) {
            Kind::Bullet
        } else {
            Kind::Body
        };
    }
    if calendar::event_field(t).is_some() {
        return Kind::Event;
    }
    if FOOTER.is_match(t) {
        return Kind::Footer;
    }
    if TOC_HEAD.is_match(t) {
        return Kind::Toc;
    }
    if word_count(t) <= 6 && CAL_HEAD.is_match(t) {
        return Kind::Calendar;
    }
    if calendar::is_bullet(t) {
        return Kind::Bullet;
    }
    if CONTACT.is_match(t) || CONTACT_HEAD.is_match(t) {
        return Kind::Contact;
    }
    if len <= 160 && LINK.is_match(t) {
        return Kind::Link;
    }
    if len <= 200 && (CAPTION.is_match(t) || people::is_name_list(t) || people::is_name_caption(t))
    {
        return Kind::Caption;
    }
    if len <= 80 && people::is_person_name(t) {
        return Kind::NameOnly;
    }
    if is_caps_label(t) || (INTERVIEW.is_match(t) && word_count(t) <= 12 && !ends_sentence(t)) {
        return Kind::Label;
    }
    Kind::Body
}

// ---------------------------------------------------------------------------
// Lines and wrapping
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Line {
    /// Text with no-break spaces made spaces, runs of space squashed.
    text: String,
    /// Length in chars of the line as written (trailing space removed).
    len: usize,
    /// Length of the first word as a wrapper sees it (no-break spaces
    /// do not break words).
    first_len: usize,
    /// The line as written started with white space.
    indent: bool,
    blank: bool,
}

fn lines_of(text: &str) -> Vec<Line> {
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
struct Wrap {
    width: usize,
    slack: usize,
}

impl Wrap {
    /// Was the break between a line of `prev_len` chars and `next` made by
    /// the wrapper (the next word would not have fitted)?
    fn wrapped(&self, prev_len: usize, next: &Line) -> bool {
        prev_len + 1 + next.first_len + self.slack > self.width
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mode {
    /// A paragraph per line: every line break is real.
    Unwrapped,
    /// Hard-wrapped at a width by a wrapper: a greedy one (slack 0) or one
    /// that balances lines (slack = how far short of the width it breaks).
    Greedy(Wrap),
    /// Ragged PDF text: breaks decided by sentence structure.
    Ragged,
}

fn detect_mode(lines: &[Line]) -> Mode {
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

// ---------------------------------------------------------------------------
// Paragraphs
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
struct Para {
    text: String,
    kind: Kind,
    /// Number of source lines joined.
    lines: usize,
    /// Length of the last source line (for the width test).
    last_len: usize,
    blank_before: bool,
    blank_after: bool,
    /// The first line was indented (a new text box in PDF text).
    indent: bool,
    /// A contact block under a bare "Kontakt" heading.
    contact_block: bool,
    /// For calendar sections: the raw lines after the heading.
    cal_lines: Vec<calendar::RawLine>,
}

impl Para {
    fn new(line: &Line, kind: Kind, blank_before: bool) -> Para {
        Para {
            text: line.text.clone(),
            kind,
            lines: 1,
            last_len: line.len,
            blank_before,
            blank_after: false,
            indent: line.indent,
            contact_block: kind == Kind::Contact && CONTACT_HEAD.is_match(&line.text),
            cal_lines: Vec::new(),
        }
    }
}

/// Join text across a soft break. A hyphen at the end is kept before a
/// conjunction ("vatten- och avlopp"), before a capital or digit
/// ("Soffiantini-Yildiz", "2025-2026") and where the wrapper broke an
/// existing compound; PDF hyphenation ("klimat-anpassning") is removed.
fn join_text(a: &mut String, b: &str, mode: Mode) {
    let b = b.trim();
    let hyphen = a.ends_with('-') && a.chars().rev().nth(1).is_some_and(|c| c.is_alphanumeric());
    if hyphen {
        let fw = first_word(b).to_lowercase();
        let conj =
            ["och", "eller", "samt", "respektive", "resp.", "till", "som"].contains(&fw.as_str());
        let next_upper = b
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let part: String = a
            .trim_end_matches('-')
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_string();
        if conj {
            a.push(' ');
        } else if next_upper
            || mode != Mode::Ragged
            || part.chars().count() <= 2
            || part.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            // keep the hyphen, no space
        } else {
            a.pop();
        }
        a.push_str(b);
    } else {
        if !a.is_empty() {
            a.push(' ');
        }
        a.push_str(b);
    }
}

/// Would the first word of `next` have fitted after `prev_len` chars?
fn fits(prev_len: usize, next: &Line, width: usize) -> bool {
    prev_len + 1 + next.first_len <= width
}

/// Is the break between the paragraph so far and `line` soft?
fn soft_break(cur: &Para, line: &Line, kind: Kind, mode: Mode, following: &[Line]) -> bool {
    use Kind::*;
    // In greedy-wrapped text a line that the wrapper clearly carried over
    // mid-sentence continues, whatever it looks like on its own
    // ("… berättar Birgitta" / "Fagervall Yttling, projektledare …").
    if let Mode::Greedy(w) = mode {
        if matches!(cur.kind, Body | Bullet)
            && matches!(kind, Caption | NameOnly | Label | Link | Contact)
            && !ends_sentence(&cur.text)
            && !cur.text.ends_with(':')
            && w.wrapped(cur.last_len, line)
        {
            return true;
        }
    }
    // A contact block: "Kontakt" then name, title, e-mail, phone on lines
    // of their own.
    if cur.contact_block
        && line.text.chars().count() <= 60
        && (matches!(kind, NameOnly | Body | Caption | Label)
            || EMAIL_OR_PHONE.is_match(&line.text))
    {
        return true;
    }
    // An ALL-CAPS heading set over two lines.
    if cur.kind == Label && kind == Label && mode != Mode::Unwrapped {
        return is_caps_label(&cur.text)
            && is_caps_label(&line.text)
            && !ends_with_any(&cur.text, ".!?:");
    }
    // Lines that start something of their own.
    if matches!(
        kind,
        Bullet | Link | Contact | Caption | NameOnly | Label | Event | Footer | Toc | Calendar
    ) {
        return false;
    }
    if matches!(cur.kind, NameOnly | Event | Footer | Toc | Calendar) {
        return false;
    }
    let a = cur.text.as_str();
    let b = line.text.as_str();
    let hyphen_end =
        a.ends_with('-') && a.chars().rev().nth(1).is_some_and(|c| c.is_alphanumeric());
    // A greedy wrapper breaks only where the next word does not fit; but a
    // sentence end followed by a complete line without closing punctuation
    // (a heading or label) is a real break even then.
    let greedy_wrapped = |w: Wrap| {
        if !w.wrapped(cur.last_len, line) {
            return false;
        }
        let b_complete = match following.first() {
            None => true,
            Some(n) => n.blank || !w.wrapped(line.len, n),
        };
        let heading_like = b_complete
            && !ends_with_any(b, ".!?:;,")
            && b.chars().next().is_some_and(|c| !c.is_lowercase());
        !(heading_like && (ends_sentence(a) || !matches!(cur.kind, Body | Bullet)))
    };
    // Structural one-liners take only continuations that wrapping made.
    if matches!(cur.kind, Link | Contact | Caption | Label) {
        return match mode {
            Mode::Unwrapped => hyphen_end || a.ends_with(','),
            Mode::Greedy(w) => greedy_wrapped(w),
            Mode::Ragged => {
                hyphen_end
                    || (cur.kind != Label
                        && starts_lower(b)
                        && !ends_sentence(a)
                        && (a.ends_with(',') || ends_with_function_word(a) || ends_sentence(b)))
            }
        };
    }
    if is_dialogue(b) {
        return false;
    }
    if hyphen_end {
        return true;
    }
    match mode {
        Mode::Unwrapped => starts_lower(b) && !ends_sentence(a),
        Mode::Greedy(w) => greedy_wrapped(w),
        Mode::Ragged => {
            if line.indent && !starts_lower(b) {
                return false;
            }
            if starts_lower(b) {
                return !ends_sentence(a)
                    || !fits(cur.last_len, line, ragged_width(cur, following));
            }
            if ends_sentence(a) || a.ends_with(':') {
                // A full-width line ending a sentence usually runs on in the
                // same paragraph; a short one ends it.
                let w = ragged_width(cur, following);
                return !a.ends_with(':') && cur.last_len * 10 >= w * 9 && cur.last_len >= 60;
            }
            if cur.lines >= 2 {
                return true;
            }
            // The first line of a paragraph: joined only when it clearly
            // runs on (ends mid-phrase) or is as long as its neighbours.
            a.ends_with(',')
                || ends_with_any(a, "–-")
                || ends_with_function_word(a)
                || (cur.last_len >= 25
                    && !people::is_person_name(a)
                    && !fits(cur.last_len, line, ragged_width(cur, following)))
        }
    }
}

/// The local column width around a ragged line: the longest of it and the
/// next two lines.
fn ragged_width(cur: &Para, following: &[Line]) -> usize {
    following
        .iter()
        .take(2)
        .filter(|l| !l.blank)
        .map(|l| l.len)
        .chain(std::iter::once(cur.last_len))
        .max()
        .unwrap_or(cur.last_len)
}

/// Does prose resume at line `i` (a paragraph rather than a heading)? The
/// line is taken with its lower-case continuation lines.
fn prose_at(lines: &[Line], i: usize) -> bool {
    let mut text = lines[i].text.clone();
    let mut n = 1;
    while let Some(next) = lines.get(i + n) {
        if next.blank || !starts_lower(&next.text) {
            break;
        }
        text.push(' ');
        text.push_str(&next.text);
        n += 1;
    }
    let len = text.chars().count();
    len > 120 || n >= 3 || (ends_sentence(&text) && len > 40)
}

fn next_nonblank(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&k| !lines[k].blank)
}

/// After a table-of-contents heading: the end of the listing (the index of
/// the first line that is not part of it).
fn toc_end(lines: &[Line], start: usize) -> usize {
    let mut items: Vec<String> = Vec::new();
    let mut j = start;
    while let Some(k) = next_nonblank(lines, j) {
        let l = &lines[k];
        if l.len > 120 || classify(&l.text) != Kind::Body {
            return k;
        }
        let mut item = l.text.clone();
        let mut e = k + 1;
        while e < lines.len() && !lines[e].blank && starts_lower(&lines[e].text) {
            item.push(' ');
            item.push_str(&lines[e].text);
            e += 1;
        }
        let key = fold_key(&item);
        if items.contains(&key) {
            return k;
        }
        if let Some(n) = next_nonblank(lines, e) {
            if n == e && !items.is_empty() && prose_at(lines, n) {
                return k;
            }
            if prose_at(lines, n) {
                return k;
            }
        }
        items.push(key);
        j = e;
    }
    lines.len()
}

/// A calendar heading starts a calendar only when dated entries follow
/// before any prose.
fn calendar_follows(lines: &[Line], start: usize) -> bool {
    let mut seen = 0;
    let mut k = start;
    while let Some(n) = next_nonblank(lines, k) {
        let l = &lines[n];
        if l.len > 140 {
            return false;
        }
        if classify(&l.text) != Kind::Event {
            if let Some((title, _, _)) = calendar::parse_line(&l.text) {
                if title.as_deref().is_none_or(|t| !starts_lower(t)) {
                    return true;
                }
            }
        }
        seen += 1;
        if seen >= 6 {
            return false;
        }
        k = n + 1;
    }
    false
}

/// The end of a calendar section: a footer, a table of contents, or an
/// article (a line followed by prose with no dates for a while).
fn calendar_end(lines: &[Line], start: usize) -> usize {
    let mut k = start;
    while k < lines.len() {
        let l = &lines[k];
        if !l.blank {
            let kind = classify(&l.text);
            if matches!(kind, Kind::Footer | Kind::Toc) {
                return k;
            }
            // Three long undated lines in a row: prose, not a calendar.
            let run: Vec<usize> = (k..lines.len())
                .filter(|&x| !lines[x].blank)
                .take(3)
                .collect();
            if run.len() == 3
                && run
                    .iter()
                    .all(|&x| lines[x].len > 110 && calendar::parse_line(&lines[x].text).is_none())
            {
                return k;
            }
        }
        k += 1;
    }
    lines.len()
}

fn build_paras(lines: &[Line], mode: Mode) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::new();
    let mut cur: Option<Para> = None;
    let mut blank_before = true;
    let mut i = 0;
    let close = |cur: &mut Option<Para>, paras: &mut Vec<Para>| {
        if let Some(p) = cur.take() {
            paras.push(p);
        }
    };
    while i < lines.len() {
        let line = &lines[i];
        if line.blank {
            close(&mut cur, &mut paras);
            if let Some(p) = paras.last_mut() {
                p.blank_after = true;
            }
            blank_before = true;
            i += 1;
            continue;
        }
        let kind = classify(&line.text);
        if kind == Kind::Toc {
            close(&mut cur, &mut paras);
            let end = toc_end(lines, i + 1);
            let mut p = Para::new(line, Kind::Toc, blank_before);
            p.blank_after = true;
            paras.push(p);
            i = end;
            blank_before = true;
            continue;
        }
        let stacked = kind == Kind::Calendar
            && next_nonblank(lines, i + 1)
                .is_some_and(|n| classify(&lines[n].text) == Kind::Calendar);
        if kind == Kind::Calendar && !stacked && calendar_follows(lines, i + 1) {
            close(&mut cur, &mut paras);
            let end = calendar_end(lines, i + 1);
            let mut p = Para::new(line, Kind::Calendar, blank_before);
            p.cal_lines = lines[i + 1..end]
                .iter()
                .map(|l| calendar::RawLine {
                    text: l.text.clone(),
                    len: l.len,
                    first_len: l.first_len,
                })
                .collect();
            p.blank_after = true;
            paras.push(p);
            i = end;
            blank_before = true;
            continue;
        }
        let kind = if kind == Kind::Calendar {
            Kind::Body
        } else {
            kind
        };
        if let Some(c) = cur.as_mut() {
            if soft_break(c, line, kind, mode, &lines[i + 1..]) {
                if c.contact_block {
                    // "Kontakt" / "Anna Andersson" / "Processledare" →
                    // "Kontakt: Anna Andersson, Processledare"
                    let sep = if c.text.contains(": ") { ", " } else { ": " };
                    c.text = format!("{}{sep}{}", c.text.trim_end_matches(':'), line.text);
                } else {
                    join_text(&mut c.text, &line.text, mode);
                }
                c.lines += 1;
                c.last_len = line.len;
                i += 1;
                continue;
            }
        }
        close(&mut cur, &mut paras);
        cur = Some(Para::new(line, kind, blank_before));
        blank_before = false;
        i += 1;
    }
    close(&mut cur, &mut paras);
    merge_broken_paragraphs(&mut paras);
    split_trailing_links(&mut paras);
    paras
}

/// A paragraph that stops mid-sentence (a PDF page or column break) goes on
/// in the next body paragraph; captions in between stay where they are.
fn merge_broken_paragraphs(paras: &mut Vec<Para>) {
    let mut i = 0;
    while i < paras.len() {
        let p = &paras[i];
        let open = matches!(p.kind, Kind::Body | Kind::Bullet)
            && !ends_sentence(&p.text)
            && !p.text.ends_with(':')
            && (p.lines >= 2
                || p.text.chars().count() >= 60
                || ends_with_any(&p.text, ",–-")
                || ends_with_function_word(&p.text));
        if !open {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < paras.len() && paras[j].kind == Kind::Caption {
            j += 1;
        }
        let Some(q) = paras.get(j) else { break };
        let continues = q.kind == Kind::Body
            && !is_dialogue(&q.text)
            && (starts_lower(&q.text)
                || q.text.chars().next().is_some_and(|c| c.is_ascii_digit())
                || ends_with_function_word(&p.text)
                || ends_with_any(&p.text, ",–-"));
        if continues {
            let q = paras.remove(j);
            let p = &mut paras[i];
            join_text(&mut p.text, &q.text, Mode::Ragged);
            p.lines += q.lines;
            p.last_len = q.last_len;
            if j == i + 1 {
                p.blank_after = q.blank_after;
            }
            continue; // the merged paragraph may go on further
        }
        i += 1;
    }
}

/// "… i Stockholmsregionen. Läs mer om arbetet här" → the paragraph and a
/// link line.
fn split_trailing_links(paras: &mut Vec<Para>) {
    let mut i = 0;
    while i < paras.len() {
        if paras[i].kind == Kind::Body {
            if let Some(c) = TRAILING_LINK.captures(&paras[i].text) {
                let body = c["body"].to_string();
                let link = c["link"].to_string();
                if link.chars().count() <= 120 {
                    let mut l = paras[i].clone();
                    l.text = link;
                    l.kind = Kind::Link;
                    l.lines = 1;
                    paras[i].text = body;
                    paras[i].blank_after = false;
                    l.blank_before = false;
                    paras.insert(i + 1, l);
                }
            }
        }
        i += 1;
    }
}

// ---------------------------------------------------------------------------
// Titles, labels and articles
// ---------------------------------------------------------------------------

/// Short, unpunctuated, capitalised: could be a title or a label.
fn title_like(p: &Para) -> bool {
    let t = p.text.trim();
    let n = t.chars().count();
    let first_ok = t
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"”“«'„".contains(c));
    p.kind == Kind::Body
        && n <= 140
        && word_count(t) <= 22
        && first_ok
        && !is_dialogue(t)
        && !ends_with_any(t, ".,;:")
        && (!t.ends_with('?') || p.blank_after)
        && !(n > 60 && SENTENCE_BREAK.is_match(t))
}

static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}[.!?] +\p{Lu}").expect("valid regex"));

/// Real body text: sentences, lists, event fields.
fn substantial(p: &Para) -> bool {
    match p.kind {
        Kind::Bullet | Kind::Event => true,
        Kind::Body => !title_like(p) && (p.text.chars().count() >= 25 || ends_sentence(&p.text)),
        _ => false,
    }
}

/// Is paragraph `i` a title: title-like and followed (after captions) by
/// body text?
fn is_title(paras: &[Para], i: usize) -> bool {
    let p = &paras[i];
    if !title_like(p) {
        return false;
    }
    let mut j = i + 1;
    while j < paras.len() && paras[j].kind == Kind::Caption {
        j += 1;
    }
    let Some(next) = paras.get(j) else {
        return false;
    };
    if !substantial(next) {
        return false;
    }
    if i > 0 && paras[i - 1].kind == Kind::NameOnly && !p.blank_before {
        return false; // the role line of a signature
    }
    i == 0
        || p.blank_before
        || p.blank_after
        || p.indent
        || !matches!(paras[i - 1].kind, Kind::Body | Kind::Bullet)
}

/// Could paragraph `p` be the section label above a title?
fn label_like(p: &Para) -> bool {
    let t = p.text.trim();
    match p.kind {
        Kind::Label => true,
        Kind::Body => {
            word_count(t) <= 8
                && t.chars().count() <= 60
                && !ends_with_any(t, ".,;:!?")
                && !is_dialogue(t)
                && !people::starts_with_name(t)
        }
        _ => false,
    }
}

struct Draft {
    title: String,
    section: Option<String>,
    kind: ArticleKind,
    blocks: Vec<Block>,
    /// Calendar lines, for calendar articles.
    cal_lines: Vec<calendar::RawLine>,
    /// The paragraph kinds of the body, in order (for the signature test).
    body: Vec<Para>,
}

fn block_of(p: &Para, doc: bool) -> Block {
    match p.kind {
        Kind::Link => Block::Link(p.text.clone()),
        Kind::Caption => Block::Caption(p.text.clone()),
        Kind::Bullet => Block::List(vec![calendar_strip_bullet(&p.text)]),
        Kind::Label if doc => Block::Heading(p.text.clone()),
        _ => Block::Paragraph(p.text.clone()),
    }
}

fn calendar_strip_bullet(s: &str) -> String {
    s.trim_start()
        .trim_start_matches(['•', '▪', '◦', '●', '‣', '⁃', '∙', '*', '·'])
        .trim()
        .to_string()
}

/// Consecutive list items become one list.
fn merge_lists(blocks: Vec<Block>) -> Vec<Block> {
    let mut out: Vec<Block> = Vec::new();
    for b in blocks {
        if let (Block::List(items), Some(Block::List(prev))) = (&b, out.last_mut()) {
            prev.extend(items.iter().cloned());
            continue;
        }
        out.push(b);
    }
    out
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

/// A date as written in a header or dateline: ISO or "12 mars 2024".
fn header_date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d")
        .ok()
        .or_else(|| {
            chrono::DateTime::parse_from_rfc2822(v)
                .ok()
                .map(|d| d.date_naive())
        })
        .or_else(|| {
            let dm = calendar::parse_date(v)?;
            NaiveDate::from_ymd_opt(dm.year?, dm.month, dm.day)
        })
}

/// A web article's dateline ("Publicerad 12 mars 2024") among the first
/// lines: its date, and the text without that line.
fn take_dateline(lines: &mut Vec<Line>) -> Option<NaiveDate> {
    let (i, d) = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| !l.blank)
        .take(6)
        .find_map(|(i, l)| {
            let c = DATELINE.captures(&l.text)?;
            header_date(&c["v"]).map(|d| (i, d))
        })?;
    lines.remove(i);
    Some(d)
}

/// Parse one text file into an issue. Never panics; what it cannot
/// understand becomes a warning.
pub fn parse_issue(name: &str, text: &str) -> (Issue, Vec<Warning>) {
    let mut warnings = Vec::new();
    let mut all = lines_of(text);
    let (explicit_date, explicit_kind, explicit_title, skip) = read_header(&all);
    all.drain(..skip);
    let explicit_date = explicit_date.or_else(|| take_dateline(&mut all));
    let lines = &all[..];
    let mode = detect_mode(lines);
    let paras = build_paras(lines, mode);

    // Masthead: a first line naming the newsletter, or a first title-like
    // line that is not followed by body text.
    let mut start = 0;
    let mut masthead = None;
    if let Some(first) = paras.first() {
        let named = MASTHEAD.is_match(&first.text);
        let above_label = paras
            .get(1)
            .is_some_and(|p| matches!(p.kind, Kind::Label) || label_like(p));
        if title_like(first) && paras.len() > 1 && (named || (!is_title(&paras, 0) && above_label))
        {
            masthead = Some(first.text.clone());
            start = 1;
        }
    }

    // Newsletter or document?
    let newsletter_signs = masthead.as_deref().is_some_and(|m| MASTHEAD.is_match(m))
        || paras.iter().any(|p| {
            matches!(
                p.kind,
                Kind::Calendar | Kind::Link | Kind::Contact | Kind::Toc | Kind::Footer
            ) || BOARD_TITLE.is_match(&p.text)
        });
    let kind = explicit_kind.unwrap_or(if newsletter_signs || text.len() < 8000 {
        IssueKind::Newsletter
    } else {
        IssueKind::Document
    });
    let doc = kind == IssueKind::Document;

    // Where articles start: each title, with the label above it.
    let n = paras.len();
    let mut starts: Vec<(usize, usize, Option<usize>)> = Vec::new(); // (first para, title para, label)
    let mut i = start;
    while i < n {
        let p = &paras[i];
        if p.kind == Kind::Calendar || p.kind == Kind::Toc {
            let label = (i > start
                && label_like(&paras[i - 1])
                && !paras[i - 1].blank_after
                && paras[i - 1].kind != Kind::Label
                || i > start && paras[i - 1].kind == Kind::Label)
                .then(|| i - 1)
                .filter(|_| p.kind == Kind::Calendar);
            starts.push((label.unwrap_or(i), i, label));
            i += 1;
            continue;
        }
        if is_title(&paras, i) {
            let label = if doc {
                None
            } else {
                (i > start && label_like(&paras[i - 1]) && !starts.iter().any(|s| s.1 == i - 1))
                    .then(|| i - 1)
            };
            starts.push((label.unwrap_or(i), i, label));
        }
        i += 1;
    }
    // In documents, a title-like line not followed by body is a sub-heading;
    // in newsletters, a label followed by a blank and then a title counts too.
    let mut drafts: Vec<Draft> = Vec::new();
    let lead_end = starts.first().map(|s| s.0).unwrap_or(n);
    let lead: Vec<Para> = paras[start..lead_end].to_vec();
    for (k, &(first, title_at, label)) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map(|s| s.0).unwrap_or(n);
        let t = &paras[title_at];
        let body: Vec<Para> = paras[title_at + 1..end.max(title_at + 1)].to_vec();
        let section = label.map(|l| paras[l].text.trim().to_string());
        let _ = first;
        let mut d = Draft {
            title: t.text.trim().to_string(),
            section,
            kind: ArticleKind::Article,
            blocks: Vec::new(),
            cal_lines: t.cal_lines.clone(),
            body,
        };
        if t.kind == Kind::Calendar {
            d.kind = ArticleKind::Calendar;
        } else if t.kind == Kind::Toc {
            continue;
        }
        drafts.push(d);
    }
    // Lead text before the first title (a document's opening, or text under
    // the masthead) becomes an untitled first article only if substantial.
    if lead.iter().any(substantial) {
        let title = lead
            .iter()
            .find(|p| title_like(p))
            .map(|p| p.text.clone())
            .unwrap_or_else(|| masthead.clone().unwrap_or_else(|| id_from_name(name)));
        drafts.insert(
            0,
            Draft {
                title,
                section: None,
                kind: ArticleKind::Article,
                blocks: Vec::new(),
                cal_lines: Vec::new(),
                body: lead.into_iter().filter(|p| !title_like(p)).collect(),
            },
        );
    }

    finish_drafts(&mut drafts, doc);

    // Articles, meetings, people.
    let mut articles: Vec<Article> = Vec::new();
    let mut raw_meetings: Vec<(String, DayMonth, calendar::Times, usize)> = Vec::new();
    for (ai, d) in drafts.into_iter().enumerate() {
        let mut blocks = d.blocks;
        if d.kind == ArticleKind::Calendar {
            let width = match mode {
                Mode::Greedy(w) => Some(w.width.saturating_sub(w.slack)),
                _ => None,
            };
            let section =
                calendar::parse_section(&d.cal_lines, width, |l| classify(l) == Kind::Link);
            for u in &section.undated {
                warnings.push(Warning::new(name, WarningKind::CalendarLine, u.clone()));
            }
            for e in section.entries {
                raw_meetings.push((e.title, e.date, e.times, ai));
            }
            // The section's own text first; what followed it (a footer) last.
            let after = std::mem::take(&mut blocks);
            blocks.extend(section.blocks);
            blocks.extend(after);
        } else {
            // Event blocks: "När: …" + "Tid: …".
            let mut when: Option<DayMonth> = None;
            let mut times = calendar::Times::default();
            for b in &blocks {
                if let Block::Paragraph(t) = b {
                    if let Some((k, v)) = calendar::event_field(t) {
                        if k == "när" || k == "datum" {
                            when = calendar::parse_date(&v).or(when);
                            let tt = calendar::parse_times(&v);
                            if v.to_lowercase().contains("kl") && tt.start.is_some() {
                                times = tt;
                            }
                        } else if k == "tid" || k == "klockan" || k == "tidpunkt" {
                            times = calendar::parse_times(&v);
                        }
                    }
                }
            }
            if let Some(dm) = when {
                raw_meetings.push((d.title.clone(), dm, times, ai));
            }
        }
        let mut a = Article::new(d.title, d.section, d.kind, merge_lists(blocks));
        if doc {
            a.kind = ArticleKind::Section;
        } else if a.kind == ArticleKind::Article {
            if BOARD_TITLE.is_match(&a.title) {
                a.kind = ArticleKind::Board;
            } else if a.section.as_deref().is_some_and(|s| INTERVIEW.is_match(s)) {
                a.kind = ArticleKind::Interview;
            }
        }
        people::extract(&mut a);
        articles.push(a);
    }
    // Event articles in a run share the calendar-ish label of the first.
    for k in 1..articles.len() {
        let has_event = |a: &Article| {
            raw_meetings
                .iter()
                .any(|m| articles.iter().position(|x| std::ptr::eq(x, a)) == Some(m.3))
        };
        if articles[k].section.is_none() && has_event(&articles[k]) && has_event(&articles[k - 1]) {
            articles[k].section = articles[k - 1].section.clone();
        }
    }

    // The date.
    let mut ev = Evidence {
        explicit: explicit_date,
        ..Default::default()
    };
    for a in &articles {
        if a.kind == ArticleKind::Board {
            if let Some(c) = BOARD_TITLE.captures(&a.title) {
                if let (Ok(d), Some(m)) = (c["d"].parse(), super::text::month_number(&c["m"])) {
                    ev.board = Some(DayMonth {
                        day: d,
                        month: m,
                        year: None,
                    });
                }
            }
        }
        let body = a.body();
        let whole = format!(
            "{} {} {}",
            a.section.clone().unwrap_or_default(),
            a.title,
            body
        );
        ev.years.extend(dates::years_in(&whole));
        ev.refs.extend(dates::refs_in(&whole));
        // A year in the label or title dates the day-month dates of the body.
        let head = format!("{} {}", a.section.clone().unwrap_or_default(), a.title);
        let head_years = dates::years_in(&head);
        if let Some(&y) = head_years.first() {
            for dm in day_months(&body) {
                ev.refs.push((y, dm.month, Some(dm.day)));
            }
        }
    }
    for (title, dm, _, _) in &raw_meetings {
        ev.calendar.push(*dm);
        if let Some(y) = dm.year {
            ev.refs.push((y, dm.month, Some(dm.day)));
        } else if let Some(&y) = dates::years_in(title).first() {
            ev.refs.push((y, dm.month, Some(dm.day)));
        }
    }
    let (date, precision, basis) = dates::infer(&ev);
    if date.is_none() {
        warnings.push(Warning::new(name, WarningKind::Undated, String::new()));
    }

    // Meetings with real dates; the same meeting twice in one issue is one.
    let mut meetings: Vec<Meeting> = Vec::new();
    for (title, dm, times, ai) in raw_meetings {
        let resolved = match date {
            Some(d) => dates::resolve(dm, d),
            None => dm
                .year
                .and_then(|y| NaiveDate::from_ymd_opt(y, dm.month, dm.day)),
        };
        let Some(day) = resolved else {
            warnings.push(Warning::new(
                name,
                WarningKind::CalendarLine,
                format!("{title}: no year for {} {}", dm.day, dm.month),
            ));
            continue;
        };
        let key = fold_key(&title);
        if let Some(m) = meetings
            .iter_mut()
            .find(|m| m.date == day && fold_key(&m.title) == key)
        {
            if m.start.is_none() {
                m.start = times.start;
                m.end = times.end;
            }
            continue;
        }
        meetings.push(Meeting {
            title,
            date: day,
            start: times.start,
            end: times.end,
            from: MeetingSource::Calendar,
            article: Some(ai),
        });
    }

    let title = explicit_title
        .or(masthead)
        .or_else(|| articles.first().map(|a| a.title.clone()))
        .unwrap_or_else(|| id_from_name(name));
    let issue = Issue {
        source: name.to_string(),
        id: id_from_name(name),
        kind,
        date,
        date_precision: precision,
        date_basis: basis,
        title,
        articles,
        meetings,
        encoding: String::new(),
    };
    (issue, warnings)
}

static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})\s+({})(?-u:\b)",
        super::text::MONTH_ALT
    ))
    .expect("valid regex")
});

fn day_months(text: &str) -> Vec<DayMonth> {
    DAY_MONTH
        .captures_iter(text)
        .filter_map(|c| {
            let d: u32 = c[1].parse().ok()?;
            let m = super::text::month_number(&c[2])?;
            ((1..=31).contains(&d)).then_some(DayMonth {
                day: d,
                month: m,
                year: None,
            })
        })
        .collect()
}

/// Turn each draft's paragraphs into blocks: signatures, captions that
/// belong to the next article, link text at the end, sub-headings.
fn finish_drafts(drafts: &mut [Draft], doc: bool) {
    // Trailing short unpunctuated lines of an article: a caption naming
    // people belongs to the next article's picture; anything else is the
    // text of a link; a lone label-like word above the next label is a
    // super-section and is dropped.
    let mut carry: Vec<Vec<Block>> = vec![Vec::new(); drafts.len() + 1];
    for (k, d) in drafts.iter_mut().enumerate() {
        if d.kind == ArticleKind::Calendar || doc {
            continue;
        }
        while d.body.len() > 1 {
            let Some(last) = d.body.last() else { break };
            let after_signature =
                d.body.len() >= 2 && d.body[d.body.len() - 2].kind == Kind::NameOnly;
            if after_signature
                || last.kind != Kind::Body
                || ends_with_any(&last.text, ".!?:;,")
                || is_dialogue(&last.text)
            {
                break;
            }
            let last = d.body.pop().unwrap_or_else(|| unreachable!());
            if people::starts_with_name(&last.text) {
                carry[k + 1].insert(0, Block::Caption(last.text));
            } else if label_like(&last)
                && word_count(&last.text) <= 3
                && (starts_lower(&last.text) || is_caps_label(&last.text))
            {
                // a super-section label ("kalendarium") above the next label
            } else {
                d.body.push(Para {
                    kind: Kind::Link,
                    ..last
                });
                break;
            }
        }
    }
    let first_labelled = drafts
        .iter()
        .position(|d| d.section.is_some())
        .unwrap_or(usize::MAX);
    let count = drafts.len();
    for (k, d) in drafts.iter_mut().enumerate() {
        let mut blocks: Vec<Block> = std::mem::take(&mut carry[k]);
        // A signature: a name on its own line followed by a short role line.
        let sig = d
            .body
            .iter()
            .position(|p| p.kind == Kind::NameOnly)
            .filter(|&s| {
                d.body.get(s + 1).is_some_and(|r| {
                    r.kind == Kind::Body && r.text.chars().count() <= 80 && !ends_sentence(&r.text)
                }) || s + 1 == d.body.len()
            });
        for (pi, p) in d.body.iter().enumerate() {
            match sig {
                Some(s) if pi == s => {
                    let role = d.body.get(s + 1).map(|r| r.text.clone());
                    let text = match role {
                        Some(r) if d.body.get(s + 1).is_some_and(|x| x.kind == Kind::Body) => {
                            format!("{}, {}", p.text, r)
                        }
                        _ => p.text.clone(),
                    };
                    blocks.push(Block::Paragraph(text));
                }
                Some(s) if pi == s + 1 && p.kind == Kind::Body && p.text.chars().count() <= 80 => {}
                Some(s) if pi > s + 1 => blocks.push(Block::Caption(p.text.clone())),
                _ => blocks.push(block_of(p, doc)),
            }
        }
        if sig.is_some()
            && k < first_labelled
            && !doc
            && d.kind == ArticleKind::Article
            && k == 0
            && count > 1
        {
            d.kind = ArticleKind::Leader;
        }
        d.blocks = blocks;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn titles(text: &str) -> Vec<String> {
        parse_issue("t.txt", text)
            .0
            .articles
            .iter()
            .map(|a| a.title.clone())
            .collect()
    }

    #[test]
    fn label_title_separator_and_body() {
        let text = "Senaste nytt från Storsthlm\n\u{a0}\u{a0}\nBO OCH VERKA\nEn robust vattenförsörjning\n\u{a0}\nStorsthlm har tagit fram en regional plan för vattnet i länet. Den ska ligga till grund för planeringen.\n\nVid frågor, kontakta Thomas Fredriksson\ntrygghet\nKartläggning av trygghetsarbetet\n\u{a0}\nEn kartläggning genomfördes under januari och februari 2020 i alla kommuner.\n";
        let (issue, _) = parse_issue("t.txt", text);
        assert_eq!(issue.title, "Senaste nytt från Storsthlm");
        let a: Vec<(&str, Option<&str>)> = issue
            .articles
            .iter()
            .map(|a| (a.title.as_str(), a.section.as_deref()))
            .collect();
        assert_eq!(
            a,
            [
                ("En robust vattenförsörjning", Some("BO OCH VERKA")),
                ("Kartläggning av trygghetsarbetet", Some("trygghet"))
            ]
        );
        assert_eq!(
            issue.articles[0].contacts[0].name.as_deref(),
            Some("Thomas Fredriksson")
        );
    }

    #[test]
    fn greedy_wrapped_paragraphs_are_joined_and_titles_kept() {
        let text = "Inflyttning och delaktighet\nSvenskundervisning med fokus på yrkesspråk - snabbare väg till\negenförsörjning\n\u{a0}\nSkåneregionen har under fyra års tid arbetat med att sätta grunden för\nSveriges andra helintegrerade satsning för att föra samman svenska för\ninvandrare med yrkesutbildningar. Det hela har nu blivit en permanent\nverksamhet.\n\nI november arrangerade Kommunförbundet Skåne en konferens om resultaten av\nYrkes-sfi i Skåne. David Norman, som är processledare på Storsthlm, var\ndär.\n";
        let (issue, _) = parse_issue("t.txt", text);
        let a = &issue.articles[0];
        assert_eq!(
            a.title,
            "Svenskundervisning med fokus på yrkesspråk - snabbare väg till egenförsörjning"
        );
        assert_eq!(a.section.as_deref(), Some("Inflyttning och delaktighet"));
        assert_eq!(a.blocks.len(), 2, "{:?}", a.blocks);
        assert!(a.body().contains("för Sveriges andra"));
        assert!(a.people.iter().any(|p| p.name == "David Norman"));
    }

    #[test]
    fn pdf_text_with_hyphenation_and_a_caption_inside_a_sentence() {
        let text = "Ny yrkesresa – skadligt bruk och beroende\n\nDen 23 september gick startskottet för Yrkesresans\ntredje resa i\n Karl Löfgren, Anna Lindskog, Lisa Minell\noch Leonard Kihlgren.\n\nStockholms län. Deltagarna fick en beskrivning av klimat-\nanpassning och vatten-\noch avloppsfrågor.\n";
        let (issue, _) = parse_issue("t.txt", text);
        let a = &issue.articles[0];
        assert_eq!(a.title, "Ny yrkesresa – skadligt bruk och beroende");
        assert_eq!(
            a.captions(),
            ["Karl Löfgren, Anna Lindskog, Lisa Minell och Leonard Kihlgren."]
        );
        assert!(
            a.body().contains("tredje resa i Stockholms län."),
            "{}",
            a.body()
        );
        assert!(
            a.body()
                .contains("klimatanpassning och vatten- och avloppsfrågor"),
            "{}",
            a.body()
        );
    }

    #[test]
    fn table_of_contents_is_not_articles() {
        let text = "Ledaren här\n\nVi har haft en händelserik höst med många möten i länet och mycket arbete.\n\nUr innehållet\n\nBacka barnet\nVattenforum 20 år\n\nBacka barnet\n\nBacka barnet är en arbetsmodell för tidiga och\nsamordnade insatser som kommunerna har infört.\n";
        assert_eq!(titles(text), ["Ledaren här", "Backa barnet"]);
    }

    #[test]
    fn explicit_date_header_overrides_inference() {
        let text = "Datum: 2024-03-01\n\nSammanfattning från styrelsemötet 6 december\n\nStyrelsen beslutade om budgeten för 2019 och mycket annat.\n";
        let (issue, _) = parse_issue("t.txt", text);
        assert_eq!(issue.date, NaiveDate::from_ymd_opt(2024, 3, 1));
        assert_eq!(issue.articles[0].kind, ArticleKind::Board);
    }

    #[test]
    fn undated_text_is_reported() {
        let (issue, warnings) = parse_issue(
            "t.txt",
            "Rubrik\n\nLite text utan något datum alls i sig.\n",
        );
        assert_eq!(issue.date, None);
        assert!(warnings.iter().any(|w| w.kind == WarningKind::Undated));
    }
}
