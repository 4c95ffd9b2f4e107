//! Stages 6–9: calendar sections and event blocks → meeting entries, people,
//! the issue's date from the evidence in its articles, and meetings with
//! real dates.

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use super::articles::Draft;
use super::forms::{classify, Kind, BOARD_TITLE, INTERVIEW};
use super::lines::Mode;
use crate::calendar::{self, DayMonth};
use crate::dates::{self, Evidence};
use crate::model::*;
use crate::people;
use crate::text::{fold_key, month_number, MONTH_ALT};
use crate::{Warning, WarningKind};

/// A dated entry before its year is known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Entry {
    pub(super) title: String,
    pub(super) date: DayMonth,
    pub(super) times: calendar::Times,
    /// Index of the article it was read from.
    pub(super) article: usize,
    /// A calendar or event block, or a date in running text.
    pub(super) from: MeetingSource,
    /// For a date in running text: the sentence and the article's title,
    /// to tell it from a meeting the calendar lists already.
    pub(super) context: String,
}

/// Stage 6: each draft as an article, with the entries of its calendar
/// section or its event block ("När: …" + "Tid: …"), and its kind (board
/// summary, interview; every part of a document is a section).
pub(super) fn articles_and_entries(
    name: &str,
    drafts: Vec<Draft>,
    mode: Mode,
    doc: bool,
    warnings: &mut Vec<Warning>,
) -> (Vec<Article>, Vec<Entry>, Vec<Vec<String>>) {
    let mut articles: Vec<Article> = Vec::new();
    let mut entries: Vec<Entry> = Vec::new();
    let mut colophons: Vec<Vec<String>> = Vec::new();
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
                entries.push(Entry {
                    title: e.title,
                    date: e.date,
                    times: e.times,
                    article: ai,
                    from: MeetingSource::Calendar,
                    context: String::new(),
                });
            }
            // The section's own text first; what followed it (a footer) last.
            let after = std::mem::take(&mut blocks);
            blocks.extend(section.blocks);
            blocks.extend(after);
        } else if let Some((date, times)) = event_block(&blocks) {
            entries.push(Entry {
                title: d.title.clone(),
                date,
                times,
                article: ai,
                from: MeetingSource::Calendar,
                context: String::new(),
            });
        }
        if d.kind != ArticleKind::Calendar {
            entries.extend(text_entries(&d.title, &blocks, ai));
        }
        let mut a = Article::new(d.title, d.section, d.kind, merge_lists(blocks));
        colophons.push(d.colophon);
        if doc {
            a.kind = ArticleKind::Section;
        } else if a.kind == ArticleKind::Article {
            if BOARD_TITLE.is_match(&a.title) {
                a.kind = ArticleKind::Board;
            } else if a.section.as_deref().is_some_and(|s| INTERVIEW.is_match(s)) {
                a.kind = ArticleKind::Interview;
            }
        }
        articles.push(a);
    }
    (articles, entries, colophons)
}

/// An event block's date and times: "När: Torsdagen den 29 april" with
/// "Tid: Kl. 9–10.30" (or the time in the date field).
fn event_block(blocks: &[Block]) -> Option<(DayMonth, calendar::Times)> {
    let mut when: Option<DayMonth> = None;
    let mut times = calendar::Times::default();
    for b in blocks {
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
    when.map(|w| (w, times))
}

/// Meetings announced in an article's running text (paragraphs, lists and
/// headings; not captions or link lines): see [`calendar::events_in_text`].
/// An event the sentence does not name takes the article's title.
fn text_entries(title: &str, blocks: &[Block], article: usize) -> Vec<Entry> {
    let mut out = Vec::new();
    for b in blocks {
        let text = match b {
            Block::Paragraph(t) | Block::Heading(t) => t.clone(),
            Block::List(items) => items.join(". "),
            Block::Caption(_) | Block::Link(_) => continue,
        };
        if calendar::event_field(&text).is_some() {
            continue;
        }
        for e in calendar::events_in_text(&text) {
            out.push(Entry {
                title: e.title.unwrap_or_else(|| title.to_string()),
                date: e.date,
                times: e.times,
                article,
                from: MeetingSource::Article,
                context: format!("{} {}", e.sentence, title),
            });
        }
    }
    out
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

/// A photo caption naming only people the article does not mention, set
/// where the layout put the picture, belongs to the nearest article whose
/// text names them ("Anna Widing. (Foto: …)" beside the article before the
/// one she is quoted in).
pub(super) fn move_stray_captions(articles: &mut [Article]) {
    let texts: Vec<String> = articles
        .iter()
        .map(|a| {
            a.blocks
                .iter()
                .filter(|b| !matches!(b, Block::Caption(_)))
                .map(block_text)
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let mut moves: Vec<(usize, usize, usize)> = Vec::new();
    for (k, a) in articles.iter().enumerate() {
        for (bi, b) in a.blocks.iter().enumerate() {
            let Block::Caption(c) = b else { continue };
            let names: Vec<String> = people::people_in(c, true)
                .into_iter()
                .filter(|p| p.role.as_deref() != Some("fotograf"))
                .map(|p| p.name)
                .collect();
            if names.is_empty() || names.iter().any(|n| texts[k].contains(n.as_str())) {
                continue;
            }
            let names_all = |j: usize| names.iter().all(|n| texts[j].contains(n.as_str()));
            let target = [k + 1, k.wrapping_sub(1)]
                .into_iter()
                .find(|&j| j < articles.len() && names_all(j));
            if let Some(j) = target {
                moves.push((k, bi, j));
            }
        }
    }
    // Take them all out (last first, so indices hold), then put them in.
    let mut moved: Vec<(usize, Block)> = Vec::new();
    for &(k, bi, j) in moves.iter().rev() {
        moved.push((j, articles[k].blocks.remove(bi)));
    }
    for (j, b) in moved.into_iter().rev() {
        articles[j].blocks.insert(0, b);
    }
}

fn block_text(b: &Block) -> String {
    match b {
        Block::Paragraph(t) | Block::Heading(t) | Block::Caption(t) | Block::Link(t) => t.clone(),
        Block::List(items) => items.join(" "),
    }
}

/// Stage 7: the people named in each article, and its contacts. The
/// colophon that followed an article ("Redaktion: Storsthlm, Box 38145,
/// 100 64 Stockholm, info@…") is not its text and names no person; its
/// e-mail address is a contact of the article, in the colophon's role
/// ("redaktion"); the postal address never is.
pub(super) fn people(articles: &mut [Article], colophons: &[Vec<String>]) {
    for (k, a) in articles.iter_mut().enumerate() {
        people::extract(a);
        let lines = colophons.get(k).map(Vec::as_slice).unwrap_or_default();
        let role = lines.iter().find_map(|line| {
            line.split_once(':')
                .map(|(label, _)| label.trim().to_lowercase())
                .filter(|l| l.split_whitespace().count() <= 3)
        });
        for line in lines {
            for mut c in people::contacts_in(line) {
                if c.email.is_none() || a.contacts.iter().any(|o| o.email == c.email) {
                    continue;
                }
                c.name = None;
                c.role = role.clone();
                a.contacts.push(c);
            }
        }
    }
}

/// Event articles in a run share the calendar-ish label of the first.
pub(super) fn share_event_labels(articles: &mut [Article], entries: &[Entry]) {
    let mut has_event = vec![false; articles.len()];
    for e in entries {
        if let Some(h) = has_event.get_mut(e.article) {
            *h = true;
        }
    }
    for k in 1..articles.len() {
        if articles[k].section.is_none() && has_event[k] && has_event[k - 1] {
            articles[k].section = articles[k - 1].section.clone();
        }
    }
}

/// Stage 8: the issue's date, from the evidence in its articles and
/// entries (see [`dates::infer`]).
pub(super) fn date(
    explicit: Option<NaiveDate>,
    articles: &[Article],
    entries: &[Entry],
) -> (Option<NaiveDate>, DatePrecision, DateBasis) {
    let mut ev = Evidence {
        explicit,
        ..Default::default()
    };
    for a in articles {
        if a.kind == ArticleKind::Board {
            if let Some(c) = BOARD_TITLE.captures(&a.title) {
                if let (Ok(d), Some(m)) = (c["d"].parse(), month_number(&c["m"])) {
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
        let days = day_months(&whole);
        if let Some(&y) = head_years.first() {
            for dm in day_months(&body) {
                ev.refs.push((y, dm.month, Some(dm.day)));
            }
        }
        ev.days.extend(days);
    }
    for e in entries.iter().filter(|e| e.from == MeetingSource::Calendar) {
        let dm = e.date;
        ev.calendar.push(dm);
        if let Some(y) = dm.year {
            ev.refs.push((y, dm.month, Some(dm.day)));
        } else if let Some(&y) = dates::years_in(&e.title).first() {
            ev.refs.push((y, dm.month, Some(dm.day)));
        }
    }
    dates::infer(&ev)
}

static DAY_MONTH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?-u:\b)(\d{{1,2}})\s+({})(?-u:\b)",
        &*MONTH_ALT
    ))
    .expect("valid regex")
});

fn day_months(text: &str) -> Vec<DayMonth> {
    DAY_MONTH
        .captures_iter(text)
        .filter_map(|c| {
            let d: u32 = c[1].parse().ok()?;
            let m = month_number(&c[2])?;
            ((1..=31).contains(&d)).then_some(DayMonth {
                day: d,
                month: m,
                year: None,
            })
        })
        .collect()
}

/// Stage 9: meetings with real dates (years resolved against the issue's
/// date); the same meeting twice in one issue is one. A date in running
/// text is a meeting only when it is still to come on the issue's date and
/// the calendar does not list it already (on the same day, from the same
/// article or sharing a word of its name).
pub(super) fn meetings(
    name: &str,
    entries: Vec<Entry>,
    date: Option<NaiveDate>,
    warnings: &mut Vec<Warning>,
) -> Vec<Meeting> {
    let mut meetings: Vec<Meeting> = Vec::new();
    let mut seen: std::collections::HashMap<(NaiveDate, String), usize> =
        std::collections::HashMap::new();
    let (calendar, text): (Vec<Entry>, Vec<Entry>) = entries
        .into_iter()
        .partition(|e| e.from == MeetingSource::Calendar);
    for e in calendar.into_iter().chain(text) {
        let dm = e.date;
        let resolved = match date {
            Some(d) => dates::resolve(dm, d),
            None => dm
                .year
                .and_then(|y| NaiveDate::from_ymd_opt(y, dm.month, dm.day)),
        };
        let Some(day) = resolved else {
            if e.from == MeetingSource::Calendar {
                warnings.push(Warning::new(
                    name,
                    WarningKind::CalendarLine,
                    format!("{}: no year for {} {}", e.title, dm.day, dm.month),
                ));
            }
            continue;
        };
        // In a text with no date at all a date in running text is kept only
        // when it gives its year (only then is it resolved): with no issue
        // date there is no "before" to leave out.
        if e.from == MeetingSource::Article
            && (date.is_some_and(|d| day < d) || listed_already(&meetings, &e, day))
        {
            continue;
        }
        let key = (day, fold_key(&e.title));
        if let Some(&k) = seen.get(&key) {
            let m = &mut meetings[k];
            if m.start.is_none() {
                m.start = e.times.start;
                m.end = e.times.end;
            }
            continue;
        }
        seen.insert(key, meetings.len());
        meetings.push(Meeting {
            title: e.title,
            date: day,
            start: e.times.start,
            end: e.times.end,
            from: e.from,
            article: Some(e.article),
        });
    }
    meetings
}

/// Is a date read from running text a meeting the calendar lists already:
/// the same day, and the same article or a word of five letters or more
/// of the calendar's title in the sentence or the article's title?
fn listed_already(meetings: &[Meeting], e: &Entry, day: NaiveDate) -> bool {
    let context = fold_key(&e.context);
    let words: std::collections::HashSet<&str> = context.split_whitespace().collect();
    meetings
        .iter()
        .filter(|m| m.from == MeetingSource::Calendar && m.date == day)
        .any(|m| {
            m.article == Some(e.article)
                || fold_key(&m.title).split_whitespace().any(|w| {
                    w.chars().count() >= 5
                        && words
                            .iter()
                            .any(|c| c.starts_with(w) || w.starts_with(c) && c.chars().count() >= 5)
                })
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, day: u32, month: u32) -> Entry {
        Entry {
            title: title.into(),
            date: DayMonth {
                day,
                month,
                year: None,
            },
            times: calendar::Times::default(),
            article: 0,
            from: MeetingSource::Calendar,
            context: String::new(),
        }
    }

    #[test]
    fn the_same_meeting_twice_is_one_and_years_follow_the_issue() {
        let mut w = Vec::new();
        let d = NaiveDate::from_ymd_opt(2024, 11, 20);
        let m = meetings(
            "t.txt",
            vec![
                entry("Styrelsemöte", 10, 12),
                entry("styrelsemöte", 10, 12),
                entry("Nätverksträff", 15, 1),
            ],
            d,
            &mut w,
        );
        let got: Vec<(&str, NaiveDate)> = m.iter().map(|m| (m.title.as_str(), m.date)).collect();
        assert_eq!(
            got,
            [
                (
                    "Styrelsemöte",
                    NaiveDate::from_ymd_opt(2024, 12, 10).unwrap()
                ),
                (
                    "Nätverksträff",
                    NaiveDate::from_ymd_opt(2025, 1, 15).unwrap()
                )
            ]
        );
        assert!(w.is_empty());
    }

    #[test]
    fn an_entry_without_a_year_in_an_undated_issue_is_reported() {
        let mut w = Vec::new();
        assert!(meetings("t.txt", vec![entry("Möte", 3, 4)], None, &mut w).is_empty());
        assert_eq!(w[0].kind, WarningKind::CalendarLine);
    }

    #[test]
    fn in_an_undated_text_a_date_in_running_text_is_a_meeting_only_with_its_year() {
        let in_text = |title: &str, year: Option<i32>| {
            let mut e = entry(title, 12, 5);
            e.from = MeetingSource::Article;
            e.date.year = year;
            e
        };
        let mut w = Vec::new();
        let m = meetings(
            "t.txt",
            vec![
                in_text("Vattenforum", Some(2027)),
                in_text("Länsträff", None),
            ],
            None,
            &mut w,
        );
        let got: Vec<&str> = m.iter().map(|m| m.title.as_str()).collect();
        assert_eq!(got, ["Vattenforum"]);
        assert!(w.is_empty(), "{w:?}");
    }

    #[test]
    fn an_event_block_gives_a_date_and_times() {
        let blocks = [
            Block::Paragraph("När: Torsdagen den 29 april".into()),
            Block::Paragraph("Tid: Kl. 9–10.30".into()),
        ];
        let (dm, t) = event_block(&blocks).unwrap();
        assert_eq!((dm.day, dm.month), (29, 4));
        assert_eq!(t.start, chrono::NaiveTime::from_hms_opt(9, 0, 0));
        assert_eq!(t.end, chrono::NaiveTime::from_hms_opt(10, 30, 0));
    }
}
