//! Calendar files: an RFC 5545 calendar built with the `icalendar` crate,
//! for `meetings --ics` and for the meeting the reader exports (`e`).
//!
//! - One VEVENT per meeting. The UID is the meeting's identity without its
//!   date: the issue that first announced it (the oldest announcing issue's
//!   id), its folded title, and which of that issue's meetings of that
//!   title it is (0 for the first). So a date corrected in a later version
//!   of the issue updates the same event, and a meeting held every month
//!   under one title is one event per date. (A date that differs between
//!   two *different* issues gives two events: each issue still says what
//!   it says.)
//! - `SEQUENCE`, `LAST-MODIFIED` and `DTSTAMP` come from the time the
//!   meeting's information was last revised: the newest modification time
//!   of the issue files that announce it (for the bundled corpus, the
//!   issue's date). A file rewritten with a corrected date is newer, so its
//!   events' SEQUENCE rises and calendar programs take the update.
//!   SEQUENCE is that time in minutes since 2000-01-01 UTC: it only grows
//!   as files are revised, and fits the 32-bit integer calendar programs
//!   expect for millennia.
//! - A meeting with a known time is a timed event in Europe/Stockholm
//!   (`DTSTART;TZID=Europe/Stockholm:…`), and the calendar carries a
//!   VTIMEZONE for Europe/Stockholm (CET/CEST with the EU rules). Without a
//!   time it is an all-day event (`DTSTART;VALUE=DATE`, `DTEND` the next
//!   day, as RFC 5545 3.6.1 describes) that does not block the day
//!   (`TRANSP:TRANSPARENT`).
//! - The calendar is named (`NAME`, `X-WR-CALNAME`); the crate escapes TEXT
//!   values (`\\`, `\;`, `\,`, `\n`), and every value is cleaned of control
//!   characters first.
//!
//! Two things the crate (0.17) does not do right are fixed by `normalise`
//! on its output: its line folding can leave a continuation line of 76
//! octets, so lines are unfolded and folded again at 75 octets on UTF-8
//! boundaries; and it writes DTSTAMP and a random UID into every component,
//! which VTIMEZONE, STANDARD and DAYLIGHT must not have, so those are dropped
//! there.

use std::collections::HashMap;

use anyhow::{anyhow, Result};
use chrono::{DateTime, NaiveDate, NaiveTime, SubsecRound, TimeZone, Utc};
use icalendar::parser::{Component as RawComponent, Property as RawProperty};
use icalendar::{Calendar, CalendarComponent, CalendarDateTime, Component, Event, EventLike};

use crate::corpus::text::fold_key;
use crate::corpus::{Corpus, Issue, Meeting, MeetingSource, Origin};
use crate::i18n::{fill, lookup_words, Lang};
use crate::sanitize::{clean_line, show_name};

/// The time zone of every timed meeting.
pub const TZID: &str = "Europe/Stockholm";

/// Content lines are at most this many octets, CRLF excluded (RFC 5545 3.1).
pub const MAX_LINE_OCTETS: usize = 75;

const PRODID: &str = "-//Storsthlm nyhetsbrev//nyhetsbrev//SV";

/// The UID of a meeting: a readable slug of its folded title and a hash
/// of the announcing issue's id, the folded title and the ordinal among
/// that issue's meetings of the same title. No date: see the module.
pub fn uid(issue_id: &str, title_key: &str, ordinal: usize) -> String {
    let mut slug = String::new();
    for c in title_key.chars() {
        if slug.len() >= 40 {
            break;
        }
        match c {
            'a'..='z' | '0'..='9' => slug.push(c),
            _ if !slug.ends_with('-') && !slug.is_empty() => slug.push('-'),
            _ => {}
        }
    }
    let slug = slug.trim_end_matches('-');
    format!(
        "{slug}-{:016x}@nyhetsbrev.storsthlm",
        fnv1a(format!("{issue_id}\n{title_key}\n{ordinal}").as_bytes())
    )
}

/// A meeting's title as its identity uses it: cleaned and folded.
fn title_key(m: &Meeting) -> String {
    fold_key(&clean_line(&m.title))
}

/// What the calendar needs to know of one (date, title) meeting across all
/// the issues that announce it.
#[derive(Clone, Copy, Debug)]
struct Announced {
    /// The oldest announcing issue, and the meeting's ordinal among its
    /// meetings of the same title.
    first: (usize, usize),
    /// When the information was last revised (newest announcing file).
    revised: DateTime<Utc>,
}

/// When an issue was last revised: its file's modification time when it
/// was read from a folder, else its date (midnight UTC), else 2000-01-01.
fn revised(corpus: &Corpus, issue: &Issue) -> DateTime<Utc> {
    let from_file = match &corpus.origin {
        Origin::Folder(dir) => std::fs::metadata(dir.join(&issue.source))
            .and_then(|m| m.modified())
            .ok()
            .map(|t| DateTime::<Utc>::from(t).trunc_subsecs(0)),
        Origin::Embedded => None,
    };
    from_file.unwrap_or_else(|| {
        let day = issue.date.unwrap_or_else(epoch_day);
        Utc.from_utc_datetime(&day.and_time(NaiveTime::MIN))
    })
}

fn epoch_day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()
}

/// SEQUENCE: minutes from 2000-01-01 UTC to `revised` (0 before).
fn sequence(revised: DateTime<Utc>) -> u32 {
    let epoch = Utc.from_utc_datetime(&epoch_day().and_time(NaiveTime::MIN));
    u32::try_from((revised - epoch).num_minutes().max(0)).unwrap_or(u32::MAX)
}

/// Every (date, folded title) announced in the corpus, with its identity
/// and revision time.
fn announcements(corpus: &Corpus) -> HashMap<(NaiveDate, String), Announced> {
    let age = |i: usize| {
        let issue = &corpus.issues[i];
        (issue.date.is_none(), issue.date, issue.source.as_str())
    };
    let mut out: HashMap<(NaiveDate, String), Announced> = HashMap::new();
    for (ii, issue) in corpus.issues.iter().enumerate() {
        if issue.meetings.is_empty() {
            continue;
        }
        let rev = revised(corpus, issue);
        let mut seen: HashMap<String, usize> = HashMap::new();
        for m in &issue.meetings {
            let key = title_key(m);
            let ordinal = seen.entry(key.clone()).or_insert(0);
            let this = (ii, *ordinal);
            *ordinal += 1;
            out.entry((m.date, key))
                .and_modify(|a| {
                    if age(ii) < age(a.first.0) {
                        a.first = this;
                    }
                    a.revised = a.revised.max(rev);
                })
                .or_insert(Announced {
                    first: this,
                    revised: rev,
                });
        }
    }
    out
}

/// The identity and revision of each of `meetings`.
fn identify(corpus: &Corpus, meetings: &[(usize, &Meeting)]) -> Vec<(String, DateTime<Utc>)> {
    let all = announcements(corpus);
    meetings
        .iter()
        .map(|&(ii, m)| {
            let key = title_key(m);
            let a = all
                .get(&(m.date, key.clone()))
                .copied()
                .unwrap_or(Announced {
                    first: (ii, 0),
                    revised: revised(corpus, &corpus.issues[ii]),
                });
            let first = &corpus.issues[a.first.0];
            (uid(&first.id, &key, a.first.1), a.revised)
        })
        .collect()
}

/// The UIDs of `meetings` (as `Corpus::all_meetings` gives them).
pub fn uids(corpus: &Corpus, meetings: &[(usize, &Meeting)]) -> Vec<String> {
    identify(corpus, meetings)
        .into_iter()
        .map(|(u, _)| u)
        .collect()
}

/// 64-bit FNV-1a: a fixed, documented hash (std's hasher may change between
/// Rust releases; a UID must not).
fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The VTIMEZONE for Europe/Stockholm: CET (+01:00) in winter, CEST
/// (+02:00) from the last Sunday of March 02:00 to the last Sunday of
/// October 03:00 (EU rules since 1996).
fn vtimezone() -> CalendarComponent {
    let prop = |k: &'static str, v: &'static str| RawProperty::new_ref(k, v);
    let sub = |name: &'static str, from, to, tzname, start, rule| RawComponent {
        name: name.into(),
        properties: vec![
            prop("TZOFFSETFROM", from),
            prop("TZOFFSETTO", to),
            prop("TZNAME", tzname),
            prop("DTSTART", start),
            prop("RRULE", rule),
        ],
        components: Vec::new(),
    };
    let tz = RawComponent {
        name: "VTIMEZONE".into(),
        properties: vec![prop("TZID", TZID)],
        components: vec![
            sub(
                "DAYLIGHT",
                "+0100",
                "+0200",
                "CEST",
                "19700329T020000",
                "FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
            ),
            sub(
                "STANDARD",
                "+0200",
                "+0100",
                "CET",
                "19701025T030000",
                "FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
            ),
        ],
    };
    CalendarComponent::from(tz)
}

/// One VEVENT.
fn event(
    corpus: &Corpus,
    issue: usize,
    m: &Meeting,
    lang: Lang,
    (uid, revised): (String, DateTime<Utc>),
) -> Event {
    let w = lookup_words(lang);
    let issue = &corpus.issues[issue];
    let date = issue.date_text().unwrap_or_else(|| "—".to_string());
    let label = format!("{date} {}", clean_line(&issue.title));
    let mut description = fill(w.announced_in, &[("issue", &label)]);
    description.push_str(&format!(" ({})", show_name(&issue.source)));
    if m.from == MeetingSource::Article {
        description.push('\n');
        description.push_str(w.found_in_text);
    }
    let mut ev = Event::new();
    ev.uid(&uid)
        .timestamp(revised)
        .last_modified(revised)
        .sequence(sequence(revised))
        .summary(&clean_line(&m.title))
        .description(&description);
    match m.start {
        Some(start) => {
            ev.starts(CalendarDateTime::WithTimezone {
                date_time: m.date.and_time(start),
                tzid: TZID.to_string(),
            });
            if let Some(end) = m.end.filter(|e| *e > start) {
                ev.ends(CalendarDateTime::WithTimezone {
                    date_time: m.date.and_time(end),
                    tzid: TZID.to_string(),
                });
            }
        }
        None => {
            let next = m.date.succ_opt().unwrap_or(m.date);
            ev.starts(m.date).ends(next);
            // An all-day note of a meeting, not a day blocked as busy.
            ev.add_property("TRANSP", "TRANSPARENT");
        }
    }
    if m.from == MeetingSource::Article {
        ev.add_property("CATEGORIES", w.from_article_text);
    }
    ev.done()
}

/// The calendar for `meetings` (as `Corpus::all_meetings` gives them), as
/// RFC 5545 text with CRLF line ends. No meetings: a valid calendar with
/// no events.
pub fn calendar(corpus: &Corpus, meetings: &[(usize, &Meeting)], lang: Lang) -> Result<String> {
    let w = lookup_words(lang);
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"))
        .append_property(("PRODID", PRODID))
        .append_property(("CALSCALE", "GREGORIAN"))
        .name(w.calendar_name)
        .timezone(TZID);
    cal.push(vtimezone());
    for (&(issue, m), id) in meetings.iter().zip(identify(corpus, meetings)) {
        cal.push(event(corpus, issue, m, lang, id));
    }
    let text = cal.done().to_string();
    normalise(&text)
}

/// Unfold the crate's output, drop the DTSTAMP/UID it writes into time zone
/// components, and fold every line again at 75 octets, with CRLF ends.
pub fn normalise(text: &str) -> Result<String> {
    let unfolded = icalendar::parser::unfold(text);
    let mut out = String::with_capacity(text.len() + text.len() / 20);
    let mut stack: Vec<String> = Vec::new();
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        if let Some(name) = line.strip_prefix("BEGIN:") {
            stack.push(name.to_string());
        } else if let Some(name) = line.strip_prefix("END:") {
            if stack.pop().as_deref() != Some(name) {
                return Err(anyhow!(
                    "the calendar library wrote an unbalanced END:{name}"
                ));
            }
        } else if matches!(
            stack.last().map(String::as_str),
            Some("VTIMEZONE" | "STANDARD" | "DAYLIGHT")
        ) && (line.starts_with("DTSTAMP:") || line.starts_with("UID:"))
        {
            continue;
        }
        // The values are cleaned before they go in; nothing a terminal or a
        // calendar program would act on (a bare CR) may come out.
        let line = crate::sanitize::clean_line(line);
        out.push_str(&fold_line(&line));
        out.push_str("\r\n");
    }
    if !stack.is_empty() {
        return Err(anyhow!(
            "the calendar library left {} open",
            stack.join(", ")
        ));
    }
    Ok(out)
}

/// Fold one content line: at most 75 octets a line, breaking only on UTF-8
/// character boundaries; continuation lines start with one space (which
/// counts towards their 75).
pub fn fold_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + line.len() / 25);
    let mut used = 0;
    for c in line.chars() {
        let n = c.len_utf8();
        if used + n > MAX_LINE_OCTETS {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += n;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::corpus::{Article, Issue, IssueKind};
    use chrono::NaiveDate;

    fn meeting(title: &str, date: (i32, u32, u32), start: Option<(u32, u32)>) -> Meeting {
        Meeting {
            title: title.to_string(),
            date: NaiveDate::from_ymd_opt(date.0, date.1, date.2).unwrap(),
            start: start.map(|(h, m)| NaiveTime::from_hms_opt(h, m, 0).unwrap()),
            end: None,
            from: MeetingSource::Calendar,
            article: None,
        }
    }

    fn corpus(meetings: Vec<Meeting>) -> Corpus {
        Corpus {
            issues: vec![Issue {
                source: "009_test.txt".into(),
                id: "009_test".into(),
                kind: IssueKind::Newsletter,
                date: NaiveDate::from_ymd_opt(2025, 11, 3),
                date_precision: Default::default(),
                date_basis: Default::default(),
                title: "Senaste nytt; test, med \\ tecken".into(),
                articles: vec![Article::default()],
                meetings,
                encoding: "utf-8".into(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn uid_is_the_identity_without_the_date() {
        let uid_of = |meetings: Vec<Meeting>| {
            let c = corpus(meetings);
            let all = c.all_meetings();
            uids(&c, &all)
        };
        let a = meeting("Styrelsens arbetsutskott", (2025, 11, 25), None);
        let b = meeting("styrelsens  ARBETSUTSKOTT ", (2025, 11, 26), Some((10, 0)));
        // Case, spacing, time and date do not change it.
        assert_eq!(uid_of(vec![a.clone()]), uid_of(vec![b]));
        assert_eq!(uid_of(vec![a.clone()]), uid_of(vec![a.clone()]));
        // Pinned: a UID must never change between releases.
        assert_eq!(
            uid_of(vec![a.clone()])[0],
            format!(
                "styrelsens-arbetsutskott-{:016x}@nyhetsbrev.storsthlm",
                fnv1a(b"009_test\nstyrelsens arbetsutskott\n0")
            )
        );
        // The same title on two dates in one issue: two events.
        let again = meeting("Styrelsens arbetsutskott", (2025, 12, 9), None);
        let two = uid_of(vec![a, again]);
        assert_ne!(two[0], two[1]);
        let d = meeting("Årsmöte för Vård- och omsorgscollege", (2025, 1, 2), None);
        let u = &uid_of(vec![d])[0];
        assert!(u.starts_with("arsmote-for-vard-och-omsorgscollege-"), "{u}");
        assert!(u.is_ascii());
    }

    #[test]
    fn all_day_events_are_transparent_and_revisions_raise_the_sequence() {
        let c = corpus(vec![
            meeting("Heldag", (2025, 11, 25), None),
            meeting("Med tid", (2025, 11, 26), Some((9, 0))),
        ]);
        let all = c.all_meetings();
        let text = calendar(&c, &all, Lang::Sv).unwrap();
        let cal: Calendar = text.parse().unwrap();
        let events: Vec<&Event> = cal.components.iter().filter_map(|c| c.as_event()).collect();
        assert_eq!(events[0].property_value("TRANSP"), Some("TRANSPARENT"));
        assert_eq!(events[1].property_value("TRANSP"), None);
        assert!(text.contains("X-WR-CALNAME:"));
        // The bundled corpus has no files: the issue's date is the revision.
        assert_eq!(
            events[0].property_value("LAST-MODIFIED"),
            Some("20251103T000000Z")
        );
        let day = |y, m, d| {
            Utc.from_utc_datetime(
                &NaiveDate::from_ymd_opt(y, m, d)
                    .unwrap()
                    .and_time(NaiveTime::MIN),
            )
        };
        assert_eq!(sequence(day(2000, 1, 1)), 0);
        assert_eq!(sequence(day(2000, 1, 2)), 1440);
        assert!(sequence(day(2025, 11, 4)) > sequence(day(2025, 11, 3)));
        assert!(sequence(day(2999, 1, 1)) < u32::MAX / 2);
    }

    #[test]
    fn fnv1a_matches_the_reference_vectors() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a(b"foobar"), 0x8594_4171_f739_67e8);
    }

    #[test]
    fn folding_keeps_lines_within_75_octets_on_char_boundaries() {
        for len in [74, 75, 76, 149, 150, 151, 300] {
            for filler in ["a", "ö", "€", "😀"] {
                let line = format!("SUMMARY:{}", filler.repeat(len));
                let folded = fold_line(&line);
                for (i, l) in folded.split("\r\n").enumerate() {
                    assert!(l.len() <= 75, "{len} {filler}: {} octets", l.len());
                    assert!(i == 0 || l.starts_with(' '));
                }
                let unfolded = icalendar::parser::unfold(&folded);
                assert_eq!(unfolded, line);
            }
        }
        assert_eq!(fold_line("SHORT:x"), "SHORT:x");
    }

    #[test]
    fn refolding_keeps_the_crates_content_and_fixes_overlong_lines() {
        // 75 + 75 octets: icalendar 0.17 leaves a 76-octet continuation line.
        let mut ev = Event::new();
        ev.summary(&"x".repeat(142)).uid("u").timestamp(Utc::now());
        let raw = Calendar::new().push(ev.done()).done().to_string();
        eprintln!(
            "icalendar's own longest line: {} octets",
            raw.split("\r\n").map(str::len).max().unwrap_or(0)
        );
        let fixed = normalise(&raw).unwrap();
        assert!(fixed.split("\r\n").all(|l| l.len() <= 75));
        assert_eq!(
            icalendar::parser::unfold(&fixed).replace("\r\n", "\n"),
            icalendar::parser::unfold(&raw).replace("\r\n", "\n")
        );
    }

    #[test]
    fn text_is_escaped_and_the_calendar_parses() {
        let mut m = meeting(
            "Möte: budget; plan, uppföljning \\ rest",
            (2025, 11, 25),
            Some((10, 0)),
        );
        m.end = NaiveTime::from_hms_opt(11, 30, 0);
        let long = meeting(&"Lång rubrik med åäö ".repeat(8), (2025, 11, 26), None);
        let c = corpus(vec![m, long]);
        let all = c.all_meetings();
        let text = calendar(&c, &all, Lang::Sv).unwrap();
        assert!(text.ends_with("\r\n"));
        assert!(!text.replace("\r\n", "").contains('\n'));
        assert!(text.split("\r\n").all(|l| l.len() <= 75));
        let unfolded = icalendar::parser::unfold(&text);
        assert!(
            unfolded.contains("SUMMARY:Möte: budget\\; plan\\, uppföljning \\\\ rest\r\n"),
            "{unfolded}"
        );
        assert!(unfolded.contains("DTSTART;TZID=Europe/Stockholm:20251125T100000\r\n"));
        assert!(unfolded.contains("DTEND;TZID=Europe/Stockholm:20251125T113000\r\n"));
        assert!(unfolded.contains("DTSTART;VALUE=DATE:20251126\r\n"));
        assert!(unfolded.contains("DTEND;VALUE=DATE:20251127\r\n"));
        assert!(unfolded
            .contains("DESCRIPTION:Aviserat i 2025-11-03 Senaste nytt\\; test\\, med \\\\ tecken"));
        assert!(unfolded.contains("BEGIN:VTIMEZONE\r\nTZID:Europe/Stockholm\r\n"));
        assert!(unfolded.contains("RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r\n"));

        let parsed = icalendar::parser::read_calendar(&unfolded).unwrap();
        let tz = parsed
            .components
            .iter()
            .find(|c| c.name == "VTIMEZONE")
            .unwrap();
        assert!(tz.find_prop("UID").is_none() && tz.find_prop("DTSTAMP").is_none());
        assert!(tz.components.iter().all(|c| c.find_prop("UID").is_none()));
        let events: Vec<_> = parsed
            .components
            .iter()
            .filter(|c| c.name == "VEVENT")
            .collect();
        assert_eq!(events.len(), 2);
        let summary = events[0]
            .find_prop("SUMMARY")
            .unwrap()
            .val
            .clone()
            .unescape_text();
        assert_eq!(summary.as_str(), "Möte: budget; plan, uppföljning \\ rest");
        let cal: Calendar = text.parse().unwrap();
        let ev = cal.components.iter().find_map(|c| c.as_event()).unwrap();
        assert_eq!(
            ev.get_summary(),
            Some("Möte: budget; plan, uppföljning \\ rest")
        );
    }

    #[test]
    fn output_is_identical_across_runs() {
        let c = corpus(vec![meeting("Kommundirektörsmöte", (2025, 11, 14), None)]);
        let all = c.all_meetings();
        assert_eq!(
            calendar(&c, &all, Lang::Sv).unwrap(),
            calendar(&c, &all, Lang::Sv).unwrap()
        );
    }
}
