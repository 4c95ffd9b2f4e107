//! The meetings sidebar's state and moves: the agenda (meetings grouped by
//! month and day), the month view, and going to today, to a week or to a
//! typed date.

use chrono::{Datelike, Days, Months, NaiveDate};
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::{App, Focus, MeetingRow};
use crate::corpus::{calendar, dates, Library, Meeting};
use crate::i18n::ReaderWords;
use crate::tui::action::Action;

/// Columns the month view needs (7 days of 3 columns, and the borders).
pub const MONTH_WIDTH: u16 = 23;

/// What the sidebar shows besides its rows.
#[derive(Debug)]
pub struct Agenda {
    /// The month view instead of the agenda.
    pub month: bool,
    /// The day selected in the month view.
    pub day: NaiveDate,
    /// The "go to date" prompt, with what has been typed.
    pub prompt: Option<String>,
    /// The sidebar width to go back to when the month view, which needs
    /// [`MONTH_WIDTH`] columns, widened it.
    saved_width: Option<Option<u16>>,
}

impl Agenda {
    pub fn new(today: NaiveDate) -> Agenda {
        Agenda {
            month: false,
            day: today,
            prompt: None,
            saved_width: None,
        }
    }
}

/// The sidebar: upcoming meetings grouped by month, then by day, or — when
/// nothing is upcoming — a sentence and the newest issue's calendar.
pub(super) fn meeting_rows(
    corpus: &Library,
    today: NaiveDate,
    words: &ReaderWords,
) -> (Vec<MeetingRow>, bool) {
    let upcoming: Vec<(usize, Meeting)> = corpus
        .all_meetings()
        .filter(|(_, m)| m.date >= today)
        .map(|(i, m)| (i, m.clone()))
        .collect();
    let mut rows = Vec::new();
    let has_upcoming = !upcoming.is_empty();
    let list = if has_upcoming {
        upcoming
    } else {
        rows.push(MeetingRow::Note(format!(
            "{} {}.",
            words.nothing_upcoming,
            words.date(today)
        )));
        // The newest issue that has a calendar.
        match corpus
            .issues
            .iter()
            .enumerate()
            .find(|(_, is)| !is.meetings.is_empty())
        {
            Some((i, is)) => {
                rows.push(MeetingRow::Note(words.newest_calendar.to_string()));
                let mut ms: Vec<(usize, Meeting)> =
                    is.meetings.iter().map(|m| (i, m.clone())).collect();
                ms.sort_by_key(|(_, m)| (m.date, m.start));
                ms
            }
            None => {
                rows.push(MeetingRow::Note(words.no_meetings.to_string()));
                Vec::new()
            }
        }
    };
    let mut month = None;
    let mut day = None;
    for (issue, m) in list {
        let key = (m.date.year(), m.date.month());
        if month != Some(key) {
            month = Some(key);
            rows.push(MeetingRow::Month(m.date));
        }
        if day != Some(m.date) {
            day = Some(m.date);
            rows.push(MeetingRow::Day(m.date));
        }
        let past = m.date < today;
        rows.push(MeetingRow::Meeting {
            issue,
            meeting: m,
            past,
        });
    }
    (rows, has_upcoming)
}

/// A typed date: "2025-10-14", "14/10", "14 okt", "14 oktober 2025",
/// "14 Oct". A date without a year is the next one from `today` (or one in
/// the last two months, as a calendar in an issue would mean it).
pub fn parse_typed_date(s: &str, today: NaiveDate) -> Option<NaiveDate> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Some(dm) = calendar::parse_date(s) {
        return dates::resolve(dm, today);
    }
    // English month names ("14 Oct", "Oct 14").
    const EN: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let words: Vec<String> = s
        .split(|c: char| c.is_whitespace() || c == ',' || c == '.')
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let month = words.iter().find_map(|w| {
        EN.iter()
            .position(|m| w.len() >= 3 && w.starts_with(m))
            .map(|i| i as u32 + 1)
    })?;
    let mut numbers = words.iter().filter_map(|w| w.parse::<u32>().ok());
    let day = numbers.next().filter(|d| (1..=31).contains(d))?;
    let year = numbers.next().and_then(|y| i32::try_from(y).ok());
    dates::resolve(
        calendar::DayMonth {
            day,
            month,
            year: year.filter(|y| *y > 1900),
        },
        today,
    )
}

/// The Monday of a date's week.
fn monday(d: NaiveDate) -> NaiveDate {
    d - Days::new(u64::from(d.weekday().num_days_from_monday()))
}

impl App {
    /// The meeting rows that can be selected, with their dates.
    fn meeting_dates(&self) -> Vec<(usize, NaiveDate)> {
        self.meetings
            .iter()
            .enumerate()
            .filter_map(|(i, r)| match r {
                MeetingRow::Meeting { meeting, .. } => Some((i, meeting.date)),
                _ => None,
            })
            .collect()
    }

    /// The date of the selected meeting (the selected day in the month view).
    pub fn agenda_date(&self) -> NaiveDate {
        if self.agenda.month {
            return self.agenda.day;
        }
        match self.meetings.get(self.meeting_cursor.selected) {
            Some(MeetingRow::Meeting { meeting, .. }) => meeting.date,
            _ => self.today,
        }
    }

    /// Select a row and scroll so that its day (and month) heading shows.
    pub(super) fn select_meeting_row(&mut self, row: usize) {
        self.meeting_cursor.selected = row;
        let mut top = row;
        while top > 0
            && matches!(
                self.meetings[top - 1],
                MeetingRow::Day(_) | MeetingRow::Month(_)
            )
        {
            top -= 1;
        }
        if self.meeting_cursor.offset.get() > top {
            self.meeting_cursor.offset.set(top);
        }
    }

    /// Go to the first meeting on or after `date` (the last one when there
    /// is none), with its day at the top of the pane.
    fn agenda_go(&mut self, date: NaiveDate) {
        if self.agenda.month {
            self.agenda.day = date;
            return;
        }
        let rows = self.meeting_dates();
        let Some(&(last, _)) = rows.last() else {
            return;
        };
        let row = rows
            .iter()
            .find(|(_, d)| *d >= date)
            .map(|(r, _)| *r)
            .unwrap_or(last);
        self.meeting_cursor.offset.set(usize::MAX);
        self.select_meeting_row(row);
    }

    /// The agenda's first meeting of the week before the selected one's
    /// (the latest earlier week that has meetings).
    fn agenda_prev_week(&mut self) {
        if self.agenda.month {
            self.agenda.day = self.agenda.day - Days::new(7);
            return;
        }
        let start = monday(self.agenda_date());
        let earlier = self
            .meeting_dates()
            .into_iter()
            .rev()
            .find(|(_, d)| *d < start);
        if let Some((_, d)) = earlier {
            self.agenda_go(monday(d));
        }
    }

    /// Moves of the sidebar: today, weeks, a typed date, month view.
    pub(super) fn agenda_action(&mut self, action: Action) {
        self.focus = Focus::Meetings;
        match action {
            Action::Today => self.agenda_go(self.today),
            Action::NextWeek => {
                if self.agenda.month {
                    self.agenda.day = self.agenda.day + Days::new(7);
                } else {
                    self.agenda_go(monday(self.agenda_date()) + Days::new(7));
                }
            }
            Action::PrevWeek => self.agenda_prev_week(),
            Action::GoToDate => self.agenda.prompt = Some(String::new()),
            Action::ToggleMonth => self.toggle_month(),
            _ => {}
        }
    }

    fn toggle_month(&mut self) {
        if self.agenda.month {
            self.agenda.month = false;
            if let Some(w) = self.agenda.saved_width.take() {
                self.sidebar_width = w;
            }
            let day = self.agenda.day;
            self.agenda_go(day);
        } else {
            self.agenda.day = self.agenda_date();
            self.agenda.month = true;
            let now = crate::tui::ui::panes_with(self.screen(), self.sidebar_width)
                .right
                .width;
            if now < MONTH_WIDTH {
                self.agenda.saved_width = Some(self.sidebar_width);
                self.sidebar_width = Some(MONTH_WIDTH);
            }
        }
        self.clamp_scroll();
    }

    /// In the month view with the sidebar focused, the movement keys move
    /// the selected day: up/down a day, page up/down a month, top/bottom
    /// to the month's first and last day; Enter opens the day's first
    /// meeting. True when the action was taken here.
    pub(super) fn month_action(&mut self, action: Action) -> bool {
        if !self.agenda.month || self.focus != Focus::Meetings {
            return false;
        }
        let d = self.agenda.day;
        let first = d.with_day(1).unwrap_or(d);
        self.agenda.day = match action {
            Action::Up => d.pred_opt().unwrap_or(d),
            Action::Down => d.succ_opt().unwrap_or(d),
            Action::PageUp => d.checked_sub_months(Months::new(1)).unwrap_or(d),
            Action::PageDown => d.checked_add_months(Months::new(1)).unwrap_or(d),
            Action::Top => first,
            Action::Bottom => first
                .checked_add_months(Months::new(1))
                .and_then(|n| n.pred_opt())
                .unwrap_or(d),
            Action::Open => {
                if let Some((issue, art)) =
                    self.day_meetings(d).first().map(|(i, m)| (*i, m.article))
                {
                    self.open_meeting(issue, art);
                }
                return true;
            }
            _ => return false,
        };
        true
    }

    /// The meetings of a day (each once), in time order, with their issue.
    pub fn day_meetings(&self, day: NaiveDate) -> Vec<(usize, &Meeting)> {
        self.corpus
            .all_meetings()
            .filter(|(_, m)| m.date == day)
            .collect()
    }

    /// A key while the "go to date" prompt is open: typing, Backspace,
    /// Enter (go), Esc (cancel). True when the prompt took the key.
    pub(super) fn prompt_key(&mut self, key: &KeyEvent) -> bool {
        let Some(text) = self.agenda.prompt.as_mut() else {
            return false;
        };
        match key.code {
            KeyCode::Esc => self.agenda.prompt = None,
            KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                self.agenda.prompt = None
            }
            KeyCode::Backspace => {
                text.pop();
            }
            KeyCode::Enter => {
                let typed = std::mem::take(text);
                self.agenda.prompt = None;
                match parse_typed_date(&typed, self.today) {
                    Some(d) => self.agenda_go(d),
                    None => {
                        let q = crate::sanitize::clean_line(&typed);
                        self.note(self.words.bad_date.replace("{q}", &q));
                    }
                }
            }
            KeyCode::Char(c)
                if !key.modifiers.contains(KeyModifiers::CONTROL) && text.chars().count() < 40 =>
            {
                text.push(c)
            }
            _ => {}
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn typed_dates_in_the_forms_people_write_them() {
        let today = d(2025, 10, 1);
        assert_eq!(parse_typed_date("2025-10-14", today), Some(d(2025, 10, 14)));
        assert_eq!(parse_typed_date("14/10", today), Some(d(2025, 10, 14)));
        assert_eq!(parse_typed_date(" 14 okt ", today), Some(d(2025, 10, 14)));
        assert_eq!(
            parse_typed_date("14 oktober 2026", today),
            Some(d(2026, 10, 14))
        );
        assert_eq!(parse_typed_date("14 Oct", today), Some(d(2025, 10, 14)));
        // No year: the coming one, so January is next year's.
        assert_eq!(parse_typed_date("3 jan", today), Some(d(2026, 1, 3)));
        assert_eq!(parse_typed_date("31/2", today), None);
        assert_eq!(parse_typed_date("imorgon", today), None);
        assert_eq!(parse_typed_date("", today), None);
    }

    #[test]
    fn weeks_start_on_monday() {
        assert_eq!(monday(d(2025, 10, 16)), d(2025, 10, 13));
        assert_eq!(monday(d(2025, 10, 13)), d(2025, 10, 13));
        assert_eq!(monday(d(2025, 10, 19)), d(2025, 10, 13));
    }
}
