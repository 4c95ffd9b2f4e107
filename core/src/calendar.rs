//! Calendar forms → dated entries.
//!
//! Understands the forms newsletters use: "Kommundirektörsmöte, 3 oktober",
//! "Samrådsgrupp Digitalisering 5 november", "13/12Strategiskt nätverk …",
//! "• Strategiskt nätverk samhällsbyggnad,21 maj", "Styrelsemöte, den 10
//! december", a title line followed by "25 november kl. 10:00–11:30",
//! "När: Torsdagen den 29 april" + "Tid: Kl. 9–10.30", date-first lines
//! ("3 oktober: …"), ISO dates, and entries wrapped onto the next line.
//! Years are resolved later, against the issue date.

use std::sync::LazyLock;

use chrono::NaiveTime;
use regex::Regex;

use super::text::{month_number, squash, MONTH_OR_ABBREVIATION_ALT, WEEKDAY_STEM_ALT};

/// A weekday before a date: "torsdag", "torsdagen".
static WEEKDAY: LazyLock<String> =
    LazyLock::new(|| format!(r"(?:(?:{})dag(?:en)?\s+)", &*WEEKDAY_STEM_ALT));
const TIME: &str = r"(?P<h1>\d{1,2})(?:[:.](?P<m1>\d{2}))?(?:\s*(?:[–—-]|till)\s*(?P<h2>\d{1,2})(?:[:.](?P<m2>\d{2}))?)?";

/// A date as written: day, month and perhaps a year.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DayMonth {
    pub day: u32,
    pub month: u32,
    pub year: Option<i32>,
}

/// Start and end time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Times {
    pub start: Option<NaiveTime>,
    pub end: Option<NaiveTime>,
}

/// One calendar entry before its year is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Entry {
    pub title: String,
    pub date: DayMonth,
    pub times: Times,
}

/// The longest line read as a calendar entry.
const MAX_ENTRY_BYTES: usize = 1000;

static DM_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<d>\d{1,2})(?:\s*[–-]\s*\d{1,2})?\s*/\s*(?P<m>\d{1,2})(?:\s*[–-]\s*\d{1,2}/\d{1,2})?\s*[:–—-]?\s*(?P<title>.*)$")
        .expect("valid regex")
});

static ISO_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b\s*[,:–—-]?\s*(?P<title>.*)$")
        .expect("valid regex")
});

static DATE_START: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^{weekday}?(?:den\s+)?(?P<d>\d{{1,2}})(?:\s*[–-]\s*\d{{1,2}})?\s+(?P<m>{months})\b\.?(?:\s+(?P<y>(?:19|20)\d{{2}}))?(?P<time>,?\s*(?:kl\.?|klockan)\s*[\d.:\s–—-]+|(?:till)?)?\s*(?:[:–—-]\s*|,\s*)?(?P<title>.*)$",
        weekday = &*WEEKDAY,
        months = &*MONTH_OR_ABBREVIATION_ALT,
    ))
    .expect("valid regex")
});

static DATE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<title>.*?)[\s,:–—-]*\b{weekday}?(?:den\s+)?(?P<d>\d{{1,2}})(?:\s*[–-]\s*\d{{1,2}})?\s+(?P<m>{months})\b\.?(?:\s+(?P<y>(?:19|20)\d{{2}}))?(?P<time>,?\s*(?:kl\.?|klockan)\s*[\d.:\s–—-]+)?\s*\.?$",
        weekday = &*WEEKDAY,
        months = &*MONTH_OR_ABBREVIATION_ALT,
    ))
    .expect("valid regex")
});

static TIME_RE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)(?:kl\.?|klockan)?\s*{TIME}")).expect("valid regex")
});

/// A time at the end of an entry's title ("Nätverksträff, kl. 9–12").
static TIME_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)[,;–—-]?\s*(?:kl\.?|klockan)\s*{TIME}\s*\.?$"
    ))
    .expect("valid regex")
});

/// An entry's title with a trailing time taken off, and that time.
fn title_and_tail_time(title: &str) -> (String, Times) {
    match TIME_TAIL.find(title) {
        Some(m) if m.start() > 0 => (title[..m.start()].to_string(), parse_times(m.as_str())),
        _ => (title.to_string(), Times::default()),
    }
}

static DATE_ANY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b){weekday}?(?:den\s+)?(?P<d>\d{{1,2}})(?:\s*[–-]\s*\d{{1,2}})?\s+(?P<m>{months})(?-u:\b)\.?(?:\s+(?P<y>(?:19|20)\d{{2}}))?",
        weekday = &*WEEKDAY,
        months = &*MONTH_OR_ABBREVIATION_ALT,
    ))
    .expect("valid regex")
});

static MONTH_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?P<m>{months})(?:\s+(?P<y>(?:19|20)\d{{2}}))?\s*:?$",
        months = &*MONTH_OR_ABBREVIATION_ALT,
    ))
    .expect("valid regex")
});

static EVENT_FIELD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<k>när|datum|tid|klockan|tidpunkt)\s*:\s*(?P<v>.*)$").expect("valid regex")
});

static BULLET: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[•▪◦●‣⁃∙*·]\s*").expect("valid regex"));

fn month_of(s: &str) -> Option<u32> {
    month_number(s)
}

fn valid_dm(day: u32, month: u32) -> bool {
    (1..=31).contains(&day) && (1..=12).contains(&month)
}

fn clean_title(t: &str) -> String {
    let t = squash(t);
    t.trim_matches(|c: char| c == ',' || c == ':' || c == '–' || c == '-' || c == ' ')
        .to_string()
}

/// Parse a time expression such as "Kl. 9–10.30", "kl 09.00-11.00",
/// "kl. 13-14", "10:00–11:30".
pub fn parse_times(s: &str) -> Times {
    let Some(c) = TIME_RE.captures(s) else {
        return Times::default();
    };
    let hm = |h: Option<regex::Match>, m: Option<regex::Match>| -> Option<NaiveTime> {
        let h: u32 = h?.as_str().parse().ok()?;
        let m: u32 = m.map(|m| m.as_str().parse().unwrap_or(0)).unwrap_or(0);
        NaiveTime::from_hms_opt(h, m, 0)
    };
    Times {
        start: hm(c.name("h1"), c.name("m1")),
        end: hm(c.name("h2"), c.name("m2")),
    }
}

/// Parse a date expression: "Torsdagen den 29 april", "5 maj 2021", "13/12",
/// "2025-10-03".
pub fn parse_date(s: &str) -> Option<DayMonth> {
    let s = squash(s);
    if let Some(c) = ISO_START.captures(&s) {
        let (y, m, d) = (
            c["y"].parse().ok()?,
            c["m"].parse().ok()?,
            c["d"].parse().ok()?,
        );
        return valid_dm(d, m).then_some(DayMonth {
            day: d,
            month: m,
            year: Some(y),
        });
    }
    if let Some(c) = DATE_ANY.captures(&s) {
        let d: u32 = c["d"].parse().ok()?;
        let m = month_of(&c["m"])?;
        let y = c.name("y").and_then(|y| y.as_str().parse().ok());
        return valid_dm(d, m).then_some(DayMonth {
            day: d,
            month: m,
            year: y,
        });
    }
    if let Some(c) = DM_START.captures(&s) {
        let (d, m) = (c["d"].parse().ok()?, c["m"].parse().ok()?);
        return valid_dm(d, m).then_some(DayMonth {
            day: d,
            month: m,
            year: None,
        });
    }
    None
}

/// A calendar line: an optional title and a date (with times if given).
/// Returns None when the line carries no date.
pub fn parse_line(line: &str) -> Option<(Option<String>, DayMonth, Times)> {
    // An entry is a line, not a page: prose run together in a calendar
    // section is not read (and not scanned) as one.
    if line.len() > MAX_ENTRY_BYTES {
        return None;
    }
    let line = squash(&BULLET.replace(line.trim(), ""));
    if line.is_empty() {
        return None;
    }
    let title_of = |t: &str| {
        let t = clean_title(t);
        (!t.is_empty()).then_some(t)
    };
    if let Some(c) = DM_START.captures(&line) {
        let (d, m): (u32, u32) = (c["d"].parse().ok()?, c["m"].parse().ok()?);
        if valid_dm(d, m) {
            let (title, times) = title_and_tail_time(&c["title"]);
            return Some((
                title_of(&title),
                DayMonth {
                    day: d,
                    month: m,
                    year: None,
                },
                times,
            ));
        }
    }
    if let Some(c) = ISO_START.captures(&line) {
        let (y, m, d): (i32, u32, u32) = (
            c["y"].parse().ok()?,
            c["m"].parse().ok()?,
            c["d"].parse().ok()?,
        );
        if valid_dm(d, m) {
            let rest = &c["title"];
            let times = parse_times_prefix(rest);
            let title = strip_time_prefix(rest);
            return Some((
                title_of(&title),
                DayMonth {
                    day: d,
                    month: m,
                    year: Some(y),
                },
                times,
            ));
        }
    }
    // Date first ("3 okt: …", "25 november kl. 10:00") or last
    // ("Kommundirektörsmöte, 3 oktober"): the same captures either way.
    for re in [&*DATE_START, &*DATE_END] {
        if let Some(c) = re.captures(&line) {
            let d: u32 = c["d"].parse().ok()?;
            let m = month_of(&c["m"])?;
            if valid_dm(d, m) {
                let year = c.name("y").and_then(|y| y.as_str().parse().ok());
                let times = c
                    .name("time")
                    .map(|t| parse_times(t.as_str()))
                    .unwrap_or_default();
                let (title, tail) = title_and_tail_time(&c["title"]);
                let times = if times.start.is_some() { times } else { tail };
                return Some((
                    title_of(&title),
                    DayMonth {
                        day: d,
                        month: m,
                        year,
                    },
                    times,
                ));
            }
        }
    }
    None
}

fn parse_times_prefix(s: &str) -> Times {
    let t = s.trim_start();
    if t.to_lowercase().starts_with("kl") {
        parse_times(t)
    } else {
        Times::default()
    }
}

fn strip_time_prefix(s: &str) -> String {
    let t = s.trim_start();
    if t.to_lowercase().starts_with("kl") {
        let re = &*TIME_RE;
        re.replace(t, "").to_string()
    } else {
        t.to_string()
    }
}

/// Is this line a month heading ("Oktober", "November 2025")?
pub fn is_month_heading(line: &str) -> bool {
    if line.len() > 40 {
        return false;
    }
    MONTH_HEADING.is_match(squash(line).as_str())
}

/// An event field line ("När: …", "Tid: …"): (field, value).
pub fn event_field(line: &str) -> Option<(String, String)> {
    let line = squash(line);
    let c = EVENT_FIELD.captures(&line)?;
    Some((c["k"].to_lowercase(), c["v"].to_string()))
}

/// Does the line look like it begins a bullet item?
pub fn is_bullet(line: &str) -> bool {
    BULLET.is_match(line.trim_start())
}

/// A line of a calendar section as written: its text, its length and the
/// length of its first word (for telling wrapped lines from real breaks).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RawLine {
    pub text: String,
    pub len: usize,
    pub first_len: usize,
}

impl RawLine {
    pub fn plain(text: &str) -> RawLine {
        RawLine {
            text: text.to_string(),
            len: text.chars().count(),
            first_len: text
                .trim_start()
                .split(' ')
                .next()
                .map(|w| w.chars().count())
                .unwrap_or(0),
        }
    }
}

/// What the calendar section of an issue contained.
#[derive(Debug, Default)]
pub struct Section {
    pub entries: Vec<Entry>,
    /// The section as reading blocks: intro text, month headings, entries.
    pub blocks: Vec<super::model::Block>,
    /// Lines that looked like entries but had no date.
    pub undated: Vec<String>,
}

/// Parse the lines of a calendar section (without its heading).
///
/// Entries may be one line ("Styrelsemöte, 23 oktober"), a title line
/// followed by an optional description and a date line ("25 november kl.
/// 10:00–11:30"), or wrapped over two lines.
///
/// `width` is the wrap width when the text was hard-wrapped by a greedy
/// wrapper: a line after a dateless line that would not have fitted on it
/// continues it.
pub fn parse_section(
    lines: &[RawLine],
    width: Option<usize>,
    is_link: impl Fn(&str) -> bool,
) -> Section {
    use super::model::Block;
    let mut out = Section::default();
    // 1. Join continuation lines: a line that starts in lower case, or
    //    follows a bullet/title line without date that ends mid-phrase.
    let mut joined: Vec<String> = Vec::new();
    let mut prev_len = 0usize;
    // What the last joined line is, worked out once each time it changes.
    let mut prev_is = LineForm::default();
    for raw in lines {
        let line = squash(&raw.text);
        let wrapped = width.is_some_and(|w| prev_len > 0 && prev_len + 1 + raw.first_len > w);
        prev_len = raw.len;
        if line.is_empty() {
            joined.push(String::new());
            prev_is = LineForm::default();
            prev_len = 0;
            continue;
        }
        if let Some(prev) = joined.last_mut() {
            if wrapped && !prev.is_empty() && !prev_is.dated && !prev_is.month_heading {
                join_line(prev, &line);
                prev_is = LineForm::of(prev, &is_link);
                continue;
            }
            let starts_lower = line.chars().next().is_some_and(|c| c.is_lowercase());
            let prev_open = !prev.is_empty()
                && !prev_is.dated
                && !prev_is.link
                && !prev_is.month_heading
                && (prev.ends_with(',') || prev.ends_with('-') || prev.ends_with('–'));
            let dash_continuation = (line.starts_with("- ") || line.starts_with("– "))
                && !prev.is_empty()
                && !prev_is.dated
                && !prev_is.month_heading
                && !prev_is.link
                && !prev.ends_with('.');
            if dash_continuation {
                prev.push(' ');
                prev.push_str(&line);
                prev_is = LineForm::of(prev, &is_link);
                continue;
            }
            let prev_is_bullet_without_date = !prev.is_empty() && is_bullet(prev) && !prev_is.dated;
            if !prev.is_empty()
                && !is_bullet(&line)
                && (starts_lower && !prev_is.dated || prev_open || prev_is_bullet_without_date)
                && !prev.ends_with('?')
                && !prev.ends_with('.')
            {
                join_line(prev, &line);
                prev_is = LineForm::of(prev, &is_link);
                continue;
            }
        }
        prev_is = LineForm::of(&line, &is_link);
        joined.push(line);
    }
    // 2. Walk the lines: pending text lines wait for a date line.
    let mut pending: Vec<String> = Vec::new();
    let mut items: Vec<String> = Vec::new();
    let mut seen_entry = false;
    let flush_items = |items: &mut Vec<String>, blocks: &mut Vec<Block>| {
        if !items.is_empty() {
            blocks.push(Block::List(std::mem::take(items)));
        }
    };
    for line in joined {
        if line.is_empty() {
            continue;
        }
        if is_month_heading(&line) {
            flush_pending(&mut pending, &mut out, seen_entry);
            flush_items(&mut items, &mut out.blocks);
            out.blocks.push(Block::Heading(line.clone()));
            continue;
        }
        if is_link(&line) {
            flush_items(&mut items, &mut out.blocks);
            out.blocks.push(Block::Link(line.clone()));
            continue;
        }
        match parse_line(&line) {
            Some((Some(title), date, times))
                if !pending.is_empty() && place_after_date(&line, &title) =>
            {
                // "Regional konferens om vatten" / "2-3 mars, Göteborg": the
                // line before names the meeting; what follows the date is
                // where it is held.
                let title = clean_title(&pending.pop().unwrap_or_default());
                flush_pending(&mut pending, &mut out, seen_entry);
                items.push(format!("{title} — {}", line.trim()));
                out.entries.push(Entry { title, date, times });
                seen_entry = true;
            }
            Some((Some(title), date, times)) => {
                // A pending line ending mid-phrase is the start of this title.
                if let Some(p) = pending.last() {
                    if p.ends_with(',') || p.ends_with('-') {
                        let p = pending.pop().unwrap_or_default();
                        let title = clean_title(&format!("{p} {title}"));
                        flush_pending(&mut pending, &mut out, seen_entry);
                        items.push(display_entry(&line));
                        out.entries.push(Entry { title, date, times });
                        seen_entry = true;
                        continue;
                    }
                }
                flush_pending(&mut pending, &mut out, seen_entry);
                items.push(display_entry(&line));
                out.entries.push(Entry { title, date, times });
                seen_entry = true;
            }
            Some((None, date, times)) => {
                if pending.is_empty() {
                    out.undated.push(line.clone());
                    continue;
                }
                let title = clean_title(&pending[0]);
                let desc: Vec<String> = pending.drain(..).skip(1).collect();
                let mut shown = format!("{title} — {}", line.trim());
                if !desc.is_empty() {
                    shown.push_str(&format!(" ({})", desc.join(" ")));
                }
                items.push(shown);
                out.entries.push(Entry { title, date, times });
                seen_entry = true;
            }
            None => {
                flush_items(&mut items, &mut out.blocks);
                pending.push(BULLET.replace(&line, "").to_string());
            }
        }
    }
    flush_pending(&mut pending, &mut out, seen_entry);
    flush_items(&mut items, &mut out.blocks);
    out
}

/// What a calendar line is, for deciding whether the next line goes on it.
#[derive(Clone, Copy, Debug, Default)]
struct LineForm {
    dated: bool,
    month_heading: bool,
    link: bool,
}

impl LineForm {
    fn of(line: &str, is_link: &impl Fn(&str) -> bool) -> LineForm {
        if line.is_empty() {
            return LineForm::default();
        }
        LineForm {
            dated: parse_line(line).is_some(),
            month_heading: is_month_heading(line),
            link: is_link(line),
        }
    }
}

/// Join a wrapped line onto the one before (a hyphen at the end joins the
/// word without a space).
fn join_line(prev: &mut String, line: &str) {
    if prev.ends_with('-') && !prev.ends_with(" -") {
        prev.push_str(line);
    } else {
        prev.push(' ');
        prev.push_str(line);
    }
}

/// Does a date-first line give only a place after its date ("2-3 mars,
/// Göteborg", "15 april, digitalt"): a comma, then at most three words?
fn place_after_date(line: &str, rest: &str) -> bool {
    let starts_with_date = line
        .trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_digit());
    starts_with_date
        && line.contains(',')
        && line.trim_end().ends_with(rest.trim_end_matches('.'))
        && rest.split_whitespace().count() <= 3
}

fn display_entry(line: &str) -> String {
    squash(&BULLET.replace(line.trim(), ""))
}

/// Text lines that never got a date: before the first entry they are the
/// section's introduction; after it, lines that look like entries are
/// reported as undated.
fn flush_pending(pending: &mut Vec<String>, out: &mut Section, seen_entry: bool) {
    use super::model::Block;
    for p in pending.drain(..) {
        let sentence = p.ends_with('.') || p.ends_with('!') || p.split_whitespace().count() > 14;
        if !seen_entry || sentence {
            out.blocks.push(Block::Paragraph(p));
        } else {
            out.undated.push(p.clone());
            out.blocks.push(Block::Paragraph(p));
        }
    }
}

// ---------------------------------------------------------------------------
// Dates in running text
// ---------------------------------------------------------------------------

/// A meeting announced in running text ("Den 19 november bjuder … in till
/// Vattenforum", "Boka in den 21 mars", "onsdag 4 december kl. 13–15").
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TextEvent {
    /// The event's name when the sentence gives one: a capitalised name
    /// after "till"/"på"/"dags för", or a word naming a kind of event
    /// ("förbundsmötet"). `None`: the caller names it (the article title).
    pub title: Option<String>,
    pub date: DayMonth,
    pub times: Times,
    /// The sentence the date was read from.
    pub sentence: String,
}

/// Words that name a kind of event, matched at the end of a word (so
/// compounds count: "förbundsmötet", "lunchseminarium", "gymnasiemässan").
const EVENT_NOUNS: &[&str] = &[
    "möte",
    "mötet",
    "möten",
    "mötesplats",
    "träff",
    "träffen",
    "träffar",
    "forum",
    "forumet",
    "seminarium",
    "seminariet",
    "seminarier",
    "seminarieserie",
    "webbinarium",
    "webbinariet",
    "webbinar",
    "konferens",
    "konferensen",
    "mässa",
    "mässan",
    "workshop",
    "workshopen",
    "kongress",
    "kongressen",
    "symposium",
    "föreläsning",
    "föreläsningen",
    "evenemang",
    "evenemanget",
    "event",
    "eventet",
    "temadag",
    "temadagen",
    "dialogdag",
    "dialogdagen",
    "utbildningsdag",
    "utbildningsdagen",
    "inspirationsdag",
    "inspirationsdagen",
    "nätverksdag",
    "nätverksdagen",
    "invigning",
    "invigningen",
    "frukost",
    "kickoff",
    "kick-off",
    "hearing",
    "rundabordssamtal",
];

/// Phrases that invite to something that is to come.
static INVITATION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:bjuder\b.{0,120}?\bin\b|bjuds\s+in|välkomna|välkommen|boka\s+in|boka\s+(?:datumet|dagen)|save\s+the\s+date|arrangerar|anordnar|håller\s+(?:vi|storsthlm|förbundet)|hålls|äger\s+rum|dags\s+för|inbjud(?:an|er))")
        .expect("valid regex")
});

/// A date that is a deadline or the start of a period, not a meeting:
/// "senast den 21 januari", "sista dag för anmälan", "från den 1 september",
/// "till och med", "ansökan öppnar".
static DEADLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:senast|sista\s+(?:dag|anmälningsdag|ansökningsdag|datum)|deadline|anmälan\s+(?:stänger|öppnar)|ansökan\s+(?:stänger|öppnar)|(?:gäller|gälla|börjar\s+gälla)\s+(?:från|fr\.\s*o\.\s*m\.)|från\s+och\s+med|fr\.\s*o\.\s*m\.|till\s+och\s+med|t\.\s*o\.\s*m\.|fram\s+till|(?:från|sedan)\s+den|inträder|träder\s+i\s+kraft)")
        .expect("valid regex")
});

/// Finite verbs in the past tense that tell of something that has
/// happened ("den 12 maj hölls …", "I mars beslutade …").
const PAST_VERBS: &[&str] = &[
    "var",
    "blev",
    "hölls",
    "skedde",
    "gick",
    "kom",
    "fick",
    "hade",
    "tog",
    "gav",
    "höll",
    "deltog",
    "bjöd",
    "möttes",
    "samlades",
    "träffades",
    "genomfördes",
    "arrangerades",
    "anordnades",
    "invigdes",
    "antogs",
    "beslutades",
    "lanserades",
    "presenterades",
    "ägde",
    "startade",
    "beslutade",
    "fattade",
    "samlade",
    "arrangerade",
    "anordnade",
    "besökte",
    "medverkade",
    "presenterade",
    "inledde",
    "avslutade",
    "öppnade",
    "invigde",
    "lanserade",
    "välkomnade",
    "berättade",
    "diskuterade",
    "träffade",
];

/// A date as running text writes it: "den 19 november", "onsdag 4
/// december", "den 3–4 juni", "21 mars 2026"; an optional time follows.
static TEXT_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(?P<pre>{weekday}|den\s+)?(?P<d>\d{{1,2}})(?:\s*(?:[–-]|och)\s*\d{{1,2}})?\s+(?P<m>{months})(?-u:\b)(?:\s+(?P<y>(?:19|20)\d{{2}}))?(?P<time>,?\s*(?:kl\.?|klockan)\s*\d{{1,2}}(?:[:.]\d{{2}})?(?:\s*[–—-]\s*\d{{1,2}}(?:[:.]\d{{2}})?)?)?",
        weekday = &*WEEKDAY,
        months = &*crate::text::MONTH_ALT,
    ))
    .expect("valid regex")
});

/// The sentences of a paragraph (a full stop, "!" or "?" before white
/// space and a capital or a dash).
pub fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (k, &(i, c)) in chars.iter().enumerate() {
        if !matches!(c, '.' | '!' | '?') {
            continue;
        }
        let next = chars.get(k + 1).map(|&(_, c)| c);
        let after = chars.get(k + 2).map(|&(_, c)| c);
        let boundary = next.is_some_and(char::is_whitespace)
            && after.is_some_and(|a| a.is_uppercase() || matches!(a, '–' | '-' | '”' | '"'));
        let abbreviation = text[start..i].rsplit(' ').next().is_some_and(|w| {
            w.chars().count() <= 3 && w.chars().all(char::is_lowercase) || w.contains('.')
        });
        if boundary && !abbreviation {
            out.push(text[start..=i].trim());
            start = i + c.len_utf8();
        }
    }
    let rest = text[start..].trim();
    if !rest.is_empty() {
        out.push(rest);
    }
    out
}

fn is_past_sentence(sentence: &str) -> bool {
    sentence
        .split(|c: char| !c.is_alphanumeric())
        .any(|w| PAST_VERBS.contains(&w.to_lowercase().as_str()))
}

fn names_an_event(sentence: &str) -> Option<&str> {
    sentence
        .split(|c: char| !(c.is_alphanumeric() || c == '-'))
        .find(|w| {
            let w = w.to_lowercase();
            w.chars().count() >= 4 && EVENT_NOUNS.iter().any(|n| w.ends_with(n))
        })
}

/// Small words that may stand between a preposition and the event's name:
/// "till en dag", "till vårens digitala upplaga av …".
fn event_name_after_preposition(sentence: &str) -> Option<String> {
    static PREP: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:in\s+till|till|på|dags\s+för|inför)\s+").expect("valid regex")
    });
    for m in PREP.find_iter(sentence) {
        let rest = &sentence[m.end()..];
        let words: Vec<&str> = rest.split_whitespace().take(6).collect();
        let Some(first) = words
            .iter()
            .position(|w| w.chars().next().is_some_and(char::is_uppercase))
        else {
            continue;
        };
        // Only lower-case words before the name, and no clause break.
        if words[..first].iter().any(|w| {
            w.ends_with([',', '.', ';', ':']) || w.starts_with(|c: char| c.is_ascii_digit())
        }) {
            continue;
        }
        let mut name: Vec<&str> = Vec::new();
        for w in &words[first..] {
            let clean = w.trim_end_matches([',', '.', ';', ':', '!', '?', ')']);
            let capital = clean.chars().next().is_some_and(char::is_uppercase);
            let year = clean.len() == 4 && clean.chars().all(|c| c.is_ascii_digit());
            if !(capital || year) || crate::text::month_number(clean).is_some() {
                break;
            }
            name.push(clean);
            if clean.len() != w.len() {
                break;
            }
        }
        if !name.is_empty() {
            return Some(name.join(" "));
        }
    }
    None
}

/// A word that is only an event noun ("seminariet", "konferensen"), not a
/// name ("förbundsmötet", "Klimatdagen"): the article names the event.
fn bare_event_noun(word: &str) -> bool {
    let w = word.to_lowercase();
    EVENT_NOUNS.contains(&w.as_str())
}

/// An event noun in its indefinite form, as calendars name meetings:
/// "förbundsmötet" → "förbundsmöte", "gymnasiemässan" → "gymnasiemässa".
fn indefinite(word: &str) -> String {
    const DEFINITE: &[(&str, &str)] = &[
        ("mötet", "möte"),
        ("mässan", "mässa"),
        ("seminariet", "seminarium"),
        ("webbinariet", "webbinarium"),
        ("forumet", "forum"),
        ("konferensen", "konferens"),
        ("träffen", "träff"),
        ("dagen", "dag"),
        ("workshopen", "workshop"),
        ("kongressen", "kongress"),
        ("föreläsningen", "föreläsning"),
        ("evenemanget", "evenemang"),
        ("eventet", "event"),
        ("invigningen", "invigning"),
    ];
    let lower = word.to_lowercase();
    for (def, base) in DEFINITE {
        if lower.ends_with(def) {
            let cut = word.len() - def.len();
            if word.is_char_boundary(cut) {
                return format!("{}{}", &word[..cut], base);
            }
        }
    }
    word.to_string()
}

/// A word with a capital first letter.
fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Meetings announced in a paragraph of running text: a date with a day
/// and a month ("den 19 november", "onsdag 4 december kl. 13–15", "den
/// 3–4 juni") in a sentence that names an event or invites to one, and
/// that neither tells of the past ("… hölls", "I mars beslutade …") nor
/// sets a deadline or the start of a period ("senast den 21 januari",
/// "sista dag för anmälan", "gäller från den 1 september").
pub fn events_in_text(text: &str) -> Vec<TextEvent> {
    let mut out = Vec::new();
    if text.len() > 20_000 {
        return out;
    }
    for sentence in sentences(text) {
        let dates: Vec<regex::Captures> = TEXT_DATE.captures_iter(sentence).collect();
        if dates.is_empty() || DEADLINE.is_match(sentence) || is_past_sentence(sentence) {
            continue;
        }
        let noun = names_an_event(sentence);
        if noun.is_none() && !INVITATION.is_match(sentence) {
            continue;
        }
        let title = event_name_after_preposition(sentence)
            .or_else(|| {
                noun.filter(|n| !bare_event_noun(n))
                    .map(|n| capitalised(&indefinite(n)))
            })
            .map(|t| clean_title(&t))
            .filter(|t| !t.is_empty() && t.chars().count() <= 80);
        for c in dates {
            let (Ok(d), Some(m)) = (c["d"].parse::<u32>(), month_of(&c["m"])) else {
                continue;
            };
            if !valid_dm(d, m) {
                continue;
            }
            let year = c.name("y").and_then(|y| y.as_str().parse().ok());
            let times = c
                .name("time")
                .map(|t| parse_times(t.as_str()))
                .unwrap_or_default();
            out.push(TextEvent {
                title: title.clone(),
                date: DayMonth {
                    day: d,
                    month: m,
                    year,
                },
                times,
                sentence: sentence.to_string(),
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn dm(day: u32, month: u32) -> DayMonth {
        DayMonth {
            day,
            month,
            year: None,
        }
    }

    fn t(h: u32, m: u32) -> Option<NaiveTime> {
        NaiveTime::from_hms_opt(h, m, 0)
    }

    #[test]
    fn title_comma_date() {
        assert_eq!(
            parse_line("Kommundirektörsmöte, 3 oktober"),
            Some((
                Some("Kommundirektörsmöte".into()),
                dm(3, 10),
                Times::default()
            ))
        );
    }

    #[test]
    fn title_may_contain_commas_and_years() {
        let (title, date, _) =
            parse_line("Strategiskt nätverk socialtjänst, vård och omsorg, 10 oktober").unwrap();
        assert_eq!(
            title.as_deref(),
            Some("Strategiskt nätverk socialtjänst, vård och omsorg")
        );
        assert_eq!(date, dm(10, 10));
        let (title, _, _) = parse_line("Seminarieserie valkompetens 2025-2026, 8 oktober").unwrap();
        assert_eq!(
            title.as_deref(),
            Some("Seminarieserie valkompetens 2025-2026")
        );
    }

    #[test]
    fn no_break_space_or_no_separator_before_the_date() {
        let (title, date, _) = parse_line("Samrådsgrupp Digitalisering\u{a0}5 november").unwrap();
        assert_eq!(
            (title.as_deref(), date),
            (Some("Samrådsgrupp Digitalisering"), dm(5, 11))
        );
        let (title, date, _) = parse_line(" • Strategiskt nätverk samhällsbyggnad,21 maj").unwrap();
        assert_eq!(
            (title.as_deref(), date),
            (Some("Strategiskt nätverk samhällsbyggnad"), dm(21, 5))
        );
    }

    #[test]
    fn glued_day_slash_month_prefix() {
        let (title, date, _) = parse_line("13/12Strategiskt nätverk digitalisering").unwrap();
        assert_eq!(
            (title.as_deref(), date),
            (Some("Strategiskt nätverk digitalisering"), dm(13, 12))
        );
    }

    #[test]
    fn den_before_the_day() {
        let (title, date, _) = parse_line("Styrelsemöte, den 10 december").unwrap();
        assert_eq!((title.as_deref(), date), (Some("Styrelsemöte"), dm(10, 12)));
    }

    #[test]
    fn a_time_after_an_entry_title_is_its_time_not_its_title() {
        let (title, dm, times) = parse_line("8/10 Regionalt ledarforum, kl. 9.30–11").unwrap();
        assert_eq!(title.as_deref(), Some("Regionalt ledarforum"));
        assert_eq!((dm.day, dm.month), (8, 10));
        assert_eq!(times.start, NaiveTime::from_hms_opt(9, 30, 0));
        assert_eq!(times.end, NaiveTime::from_hms_opt(11, 0, 0));
    }

    #[test]
    fn date_only_lines_with_times() {
        let (title, date, times) = parse_line("25 november kl. 10:00–11:30").unwrap();
        assert_eq!((title, date), (None, dm(25, 11)));
        assert_eq!((times.start, times.end), (t(10, 0), t(11, 30)));
        let (_, _, times) = parse_line("26 november kl. 13-14").unwrap();
        assert_eq!((times.start, times.end), (t(13, 0), t(14, 0)));
        let (title, date, times) = parse_line("10 december, kl. 13-15").unwrap();
        assert_eq!((title, date, times.start), (None, dm(10, 12), t(13, 0)));
    }

    #[test]
    fn event_fields() {
        assert_eq!(parse_date("Torsdagen den 29 april"), Some(dm(29, 4)));
        assert_eq!(
            parse_date("Onsdagen den 5 maj 2021"),
            Some(DayMonth {
                day: 5,
                month: 5,
                year: Some(2021)
            })
        );
        let times = parse_times("Kl.\u{a0}9–10.30");
        assert_eq!((times.start, times.end), (t(9, 0), t(10, 30)));
        let times = parse_times("kl 09.00-11.00");
        assert_eq!((times.start, times.end), (t(9, 0), t(11, 0)));
        assert_eq!(event_field("När: Torsdagen den 29 april").unwrap().0, "när");
    }

    #[test]
    fn date_first_and_iso_forms() {
        let (title, date, _) = parse_line("3 okt: Kommundirektörsmöte").unwrap();
        assert_eq!(
            (title.as_deref(), date),
            (Some("Kommundirektörsmöte"), dm(3, 10))
        );
        let (title, date, _) = parse_line("2025-10-03 Kommundirektörsmöte").unwrap();
        assert_eq!(title.as_deref(), Some("Kommundirektörsmöte"));
        assert_eq!(date.year, Some(2025));
    }

    #[test]
    fn lines_without_dates_are_not_entries() {
        assert_eq!(parse_line("Alla våra möten hittar du i kalendern."), None);
        assert_eq!(parse_line("Oktober"), None);
        assert!(is_month_heading("Oktober"));
        assert!(!is_month_heading("Oktoberfest i Solna"));
    }

    #[test]
    fn a_section_with_wrapped_and_multi_line_entries() {
        let lines: Vec<RawLine> = [
            "Alla våra möten hittar du i kalendern.",
            "",
            "November",
            "Politisk styrgrupp VISSA - Kommunala representanter från VIS - Vård i samverkan,",
            "24 november",
            "Eleffektiva kommuner, slutseminarium",
            "Vad har vi lärt oss och hur går vi vidare?",
            "25 november kl. 10:00–11:30",
            "Läs mer och anmäl dig",
            " • Styrgrupp för Energikontoret Storsthlm & Energi- och",
            "klimatrådgivningen, 22 april",
        ]
        .iter()
        .map(|s| RawLine::plain(s))
        .collect();
        let s = parse_section(&lines, None, |l| l.starts_with("Läs"));
        let titles: Vec<&str> = s.entries.iter().map(|e| e.title.as_str()).collect();
        assert_eq!(
            titles,
            [
                "Politisk styrgrupp VISSA - Kommunala representanter från VIS - Vård i samverkan",
                "Eleffektiva kommuner, slutseminarium",
                "Styrgrupp för Energikontoret Storsthlm & Energi- och klimatrådgivningen"
            ]
        );
        assert_eq!(s.entries[1].times.start, t(10, 0));
        assert!(s.undated.is_empty(), "{:?}", s.undated);
    }

    fn entries_of(text: &str) -> Vec<(String, u32, u32)> {
        let lines: Vec<RawLine> = text.lines().map(RawLine::plain).collect();
        parse_section(&lines, None, |_| false)
            .entries
            .into_iter()
            .map(|e| (e.title, e.date.day, e.date.month))
            .collect()
    }

    #[test]
    fn day_slash_month_entries_under_month_headings_without_blank_lines() {
        let e = entries_of("Oktober 2024\n12/10 Nätverksträff för kommunjurister\n14/10 Styrelsemöte\nNovember 2024\n3/11 Rektorsforum");
        assert_eq!(
            e,
            [
                ("Nätverksträff för kommunjurister".to_string(), 12, 10),
                ("Styrelsemöte".to_string(), 14, 10),
                ("Rektorsforum".to_string(), 3, 11)
            ]
        );
    }

    #[test]
    fn a_day_range_before_a_slash_month_is_read_from_its_first_day() {
        let e = entries_of("April 2024\n11-13/4 Skolledarkonferens\n2/5–3/5 Nätverksdagar");
        assert_eq!(
            e,
            [
                ("Skolledarkonferens".to_string(), 11, 4),
                ("Nätverksdagar".to_string(), 2, 5)
            ]
        );
    }

    #[test]
    fn grouped_dates_a_meeting_line_then_its_date_and_place() {
        let e = entries_of("Regional konferens om vatten\n2-3 mars, Göteborg\nLunchseminarium om AI\n15 april, digitalt\nSkolledardagar 11-13 maj");
        assert_eq!(
            e,
            [
                ("Regional konferens om vatten".to_string(), 2, 3),
                ("Lunchseminarium om AI".to_string(), 15, 4),
                ("Skolledardagar".to_string(), 11, 5)
            ]
        );
    }

    fn text_events(text: &str) -> Vec<(Option<String>, u32, u32)> {
        events_in_text(text)
            .into_iter()
            .map(|e| (e.title, e.date.day, e.date.month))
            .collect()
    }

    #[test]
    fn a_date_in_an_invitation_is_a_meeting_named_after_the_event() {
        assert_eq!(
            text_events("Den 12 mars bjuder nätverket in till Klimatdagen Norrort. Programmet kommer snart."),
            [(Some("Klimatdagen Norrort".to_string()), 12, 3)]
        );
        assert_eq!(
            text_events("Boka in den 4 april, då är det dags för Regiondagen 2027 i Solna."),
            [(Some("Regiondagen 2027".to_string()), 4, 4)]
        );
        let e =
            events_in_text("Vi ses på frukostseminariet onsdag 4 december kl. 8.30–10 i Nacka.");
        assert_eq!(e.len(), 1);
        assert_eq!(e[0].title.as_deref(), Some("Frukostseminarium"));
        assert_eq!((e[0].date.day, e[0].date.month), (4, 12));
        assert_eq!(e[0].times.start, t(8, 30));
        assert_eq!(e[0].times.end, t(10, 0));
        // A range is read from its first day; a year when it is given.
        let e = events_in_text("Konferensen hålls den 3–4 juni 2026 i Uppsala.");
        assert_eq!(
            e[0].title, None,
            "a bare noun leaves the naming to the article"
        );
        assert_eq!(
            (e[0].date.day, e[0].date.month, e[0].date.year),
            (3, 6, Some(2026))
        );
    }

    #[test]
    fn past_deadlines_and_plain_dates_are_not_meetings() {
        for s in [
            "Den 12 maj hölls det första nätverksmötet i Huddinge.",
            "Den 6 april beslutade styrelsen att anta planen för konferensen.",
            "Sista dag för anmälan till seminariet är den 2 februari.",
            "Anmäl dig senast den 14 oktober till träffen.",
            "Avtalet gäller från den 1 juli och omfattar alla kommuner.",
            "Den 1 januari blir landstinget en region.",
            "Utredningen lämnas till regeringen den 30 juni.",
        ] {
            assert_eq!(text_events(s), [], "{s}");
        }
    }

    #[test]
    fn sentences_split_at_full_stops_but_not_after_abbreviations() {
        assert_eq!(
            sentences("Mötet börjar kl. 9 i Solna. Välkommen! Vi ses t.ex. där."),
            [
                "Mötet börjar kl. 9 i Solna.",
                "Välkommen!",
                "Vi ses t.ex. där."
            ]
        );
    }
}
