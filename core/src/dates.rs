//! Issue date inference.
//!
//! An issue's day and month come from the board meeting it summarises
//! ("Sammanfattning från styrelsemötet 6 december": the issue is from that
//! day or just after) or else from the first date of its calendar. Its year
//! comes from dated references in the text ("5 maj 2021", "1 september
//! 2020", a calendar entry "Vattenforum Stockholm 2025, 19 november", an
//! article labelled "Mötesplats Storsthlm 2019" announcing "21 mars"): each
//! votes for the year that puts it closest to the issue's day and month.
//! Without such references the most mentioned year is used. An explicit
//! `Datum:` line overrides all of this.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{Datelike, NaiveDate};
use regex::Regex;

use super::calendar::DayMonth;
use super::model::{DateBasis, DatePrecision};
use super::text::month_number;

/// What the text says about its own date.
#[derive(Debug, Default, Clone)]
pub struct Evidence {
    pub explicit: Option<NaiveDate>,
    /// Day and month of the board meeting summarised.
    pub board: Option<DayMonth>,
    /// Dates of calendar entries, in the order listed.
    pub calendar: Vec<DayMonth>,
    /// Dated references with a year: (year, month, day if given).
    pub refs: Vec<(i32, u32, Option<u32>)>,
    /// Every year mentioned (a range "2023–2026" counts its first year).
    pub years: Vec<i32>,
    /// Days named without a year ("den 21 mars"), in text order.
    pub days: Vec<DayMonth>,
}

static YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:^|[^\d.,:/-])((?:19[5-9]|20\d)\d)(\s*[–/-]\s*(?:19|20)?\d{2,4})?(?:$|[^\d])")
        .expect("valid regex")
});

static MONTH_YEAR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        // ASCII word boundaries: digits and month names are ASCII, and a
        // Unicode `\b` would force the slow regex engine on Swedish text.
        r"(?i)(?:(?-u:\b)(?P<d>\d{{1,2}})\s+)?(?-u:\b)(?P<m>{})\s+(?P<y>(?:19|20)\d{{2}})(?-u:\b)",
        &*super::text::MONTH_ALT
    ))
    .expect("valid regex")
});

/// Years mentioned in text (range ends skipped).
pub fn years_in(text: &str) -> Vec<i32> {
    YEAR.captures_iter(text)
        .filter_map(|c| c.get(1)?.as_str().parse().ok())
        .collect()
}

/// What every match of `MONTH_YEAR` contains, without word boundaries or
/// captures, so that the lazy DFA can rule most texts out quickly.
static MONTH_YEAR_CORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)(?:{})\s+(?:19|20)\d{{2}}",
        &*super::text::MONTH_ALT
    ))
    .expect("valid regex")
});

/// Dated references "5 maj 2021", "februari 2020" in text.
pub fn refs_in(text: &str) -> Vec<(i32, u32, Option<u32>)> {
    if !MONTH_YEAR_CORE.is_match(text) {
        return Vec::new();
    }
    MONTH_YEAR
        .captures_iter(text)
        .filter_map(|c| {
            let y = c.name("y")?.as_str().parse().ok()?;
            let m = month_number(c.name("m")?.as_str())?;
            let d = c.name("d").and_then(|d| d.as_str().parse().ok());
            Some((y, m, d))
        })
        .collect()
}

fn date_of(y: i32, m: u32, d: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(y, m, d.clamp(1, 28)).or_else(|| NaiveDate::from_ymd_opt(y, m, 1))
}

/// Infer the issue date: (date, precision, basis).
pub fn infer(e: &Evidence) -> (Option<NaiveDate>, DatePrecision, DateBasis) {
    if let Some(d) = e.explicit {
        return (Some(d), DatePrecision::Day, DateBasis::Explicit);
    }
    let (anchor, basis) = match (e.board, e.calendar.first()) {
        (Some(b), _) => (Some(b), DateBasis::BoardMeeting),
        (None, Some(c)) => (Some(*c), DateBasis::Calendar),
        (None, None) => (None, DateBasis::YearsMentioned),
    };
    // An explicit year on the anchor itself settles it.
    if let Some(a) = anchor {
        if let Some(y) = a.year {
            return (date_of(y, a.month, a.day), DatePrecision::Day, basis);
        }
    }
    let year = match anchor {
        Some(a) => vote_year(e, a).or_else(|| calendar_wrap_year(e, a)),
        None => most_mentioned(&e.years),
    };
    let Some(year) = year else {
        return (None, DatePrecision::Day, DateBasis::None);
    };
    match anchor {
        Some(a) => (date_of(year, a.month, a.day), DatePrecision::Day, basis),
        // Only years: the first day the text names without a year ("anmäl
        // dig senast den 11 februari") gives the month — a text is written
        // about the time of what it names first.
        None => match e.days.first() {
            Some(d) => (
                NaiveDate::from_ymd_opt(year, d.month, 1),
                DatePrecision::Month,
                DateBasis::YearsMentioned,
            ),
            None => (
                NaiveDate::from_ymd_opt(year, 1, 1),
                DatePrecision::Year,
                DateBasis::YearsMentioned,
            ),
        },
    }
}

/// Each dated reference votes for the issue year that puts it closest to
/// the anchor day; ties go to the year mentioned most.
fn vote_year(e: &Evidence, anchor: DayMonth) -> Option<i32> {
    let mut votes: HashMap<i32, usize> = HashMap::new();
    for &(y, m, d) in &e.refs {
        let Some(r) = date_of(y, m, d.unwrap_or(15)) else {
            continue;
        };
        let best = (y - 1..=y + 1)
            .filter_map(|cand| {
                date_of(cand, anchor.month, anchor.day).map(|a| (cand, (r - a).num_days().abs()))
            })
            .min_by_key(|(_, dist)| *dist)?;
        *votes.entry(best.0).or_default() += 1;
    }
    let top = *votes.values().max()?;
    let mut tied: Vec<i32> = votes
        .iter()
        .filter(|(_, v)| **v == top)
        .map(|(y, _)| *y)
        .collect();
    tied.sort_by_key(|y| {
        (
            std::cmp::Reverse(e.years.iter().filter(|m| *m == y).count()),
            std::cmp::Reverse(*y),
        )
    });
    tied.first().copied()
}

/// Without dated references: the most mentioned year; a calendar running
/// from December into January means the issue is from the earlier year.
fn calendar_wrap_year(e: &Evidence, _anchor: DayMonth) -> Option<i32> {
    let y = most_mentioned(&e.years)?;
    let wraps = e
        .calendar
        .windows(2)
        .any(|w| w[0].month == 12 && w[1].month == 1);
    if wraps && e.years.contains(&(y - 1)) {
        Some(y - 1)
    } else {
        Some(y)
    }
}

fn most_mentioned(years: &[i32]) -> Option<i32> {
    let mut counts: HashMap<i32, usize> = HashMap::new();
    for y in years {
        *counts.entry(*y).or_default() += 1;
    }
    counts
        .into_iter()
        .max_by_key(|(y, n)| (*n, *y))
        .map(|(y, _)| y)
}

/// The year of a calendar date listed in an issue dated `issue`: the first
/// occurrence on or after two months before the issue, so a December issue's
/// January entries fall in the next year.
pub fn resolve(dm: DayMonth, issue: NaiveDate) -> Option<NaiveDate> {
    if let Some(y) = dm.year {
        return NaiveDate::from_ymd_opt(y, dm.month, dm.day);
    }
    let y = issue.year();
    let this = NaiveDate::from_ymd_opt(y, dm.month, dm.day)
        .or_else(|| NaiveDate::from_ymd_opt(y + 1, dm.month, dm.day))?;
    if (issue - this).num_days() > 60 {
        NaiveDate::from_ymd_opt(y + 1, dm.month, dm.day)
    } else {
        Some(this)
    }
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

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn explicit_date_wins() {
        let e = Evidence {
            explicit: Some(d(2024, 3, 1)),
            board: Some(dm(6, 12)),
            years: vec![2018],
            ..Default::default()
        };
        assert_eq!(infer(&e).0, Some(d(2024, 3, 1)));
    }

    #[test]
    fn board_meeting_day_with_year_voted_by_dated_references() {
        // A December issue announcing events of the next spring.
        let e = Evidence {
            board: Some(dm(6, 12)),
            calendar: vec![dm(13, 12), dm(17, 1)],
            refs: vec![(2019, 3, Some(21)), (2019, 1, Some(21)), (2016, 5, None)],
            years: vec![2016, 2017, 2019, 2019, 2025],
            ..Default::default()
        };
        assert_eq!(
            infer(&e),
            (
                Some(d(2018, 12, 6)),
                DatePrecision::Day,
                DateBasis::BoardMeeting
            )
        );
    }

    #[test]
    fn next_years_plans_do_not_outvote_the_current_year() {
        // November: budgets "för 2021" mentioned more often than 2020.
        let e = Evidence {
            board: Some(dm(12, 11)),
            refs: vec![(2020, 2, None), (2020, 9, Some(1))],
            years: vec![2020, 2020, 2021, 2021, 2021, 2021, 2022],
            ..Default::default()
        };
        assert_eq!(infer(&e).0, Some(d(2020, 11, 12)));
    }

    #[test]
    fn calendar_only_and_years_only() {
        let e = Evidence {
            calendar: vec![dm(3, 10), dm(19, 11)],
            refs: vec![(2025, 11, Some(19))],
            years: vec![2025],
            ..Default::default()
        };
        assert_eq!(
            infer(&e),
            (
                Some(d(2025, 10, 3)),
                DatePrecision::Day,
                DateBasis::Calendar
            )
        );
        let e = Evidence {
            years: vec![2023],
            ..Default::default()
        };
        assert_eq!(
            infer(&e),
            (
                Some(d(2023, 1, 1)),
                DatePrecision::Year,
                DateBasis::YearsMentioned
            )
        );
        assert_eq!(infer(&Evidence::default()).0, None);
    }

    #[test]
    fn calendar_years_follow_the_issue_across_new_year() {
        let issue = d(2018, 12, 6);
        assert_eq!(resolve(dm(13, 12), issue), Some(d(2018, 12, 13)));
        assert_eq!(resolve(dm(17, 1), issue), Some(d(2019, 1, 17)));
        assert_eq!(resolve(dm(3, 10), d(2025, 9, 25)), Some(d(2025, 10, 3)));
    }

    #[test]
    fn years_and_references_in_text() {
        assert_eq!(years_in("mandatperioden 2023–2026 är taket"), vec![2023]);
        assert_eq!(years_in("drygt 47.000 invånare, 1958 och 2,4"), vec![1958]);
        assert_eq!(
            refs_in("från den 1 september 2020 och i maj 2016"),
            vec![(2020, 9, Some(1)), (2016, 5, None)]
        );
    }
}

#[cfg(test)]
mod days_tests {
    use super::*;

    #[test]
    fn only_years_and_a_named_day_give_the_month() {
        let mut e = Evidence {
            years: vec![2022, 2022, 2030],
            ..Default::default()
        };
        assert_eq!(
            infer(&e),
            (
                NaiveDate::from_ymd_opt(2022, 1, 1),
                DatePrecision::Year,
                DateBasis::YearsMentioned
            )
        );
        e.days = vec![DayMonth {
            day: 14,
            month: 4,
            year: None,
        }];
        assert_eq!(
            infer(&e),
            (
                NaiveDate::from_ymd_opt(2022, 4, 1),
                DatePrecision::Month,
                DateBasis::YearsMentioned
            )
        );
    }
}
