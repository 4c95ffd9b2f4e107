//! The month view of the meetings sidebar: ratatui's calendar widget for
//! the selected day's month — days with meetings in bold (and colour),
//! today underlined, the selected day highlighted as a selected row is —
//! and under it the selected day's meetings.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::calendar::{CalendarEventStore, Monthly};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::fit;
use super::meetings::meeting_lines;
use crate::tui::app::App;

/// Rows the calendar grid takes at most (six weeks).
const WEEKS: u16 = 6;

/// A chrono date as the widget's `time` date.
fn to_time(d: NaiveDate) -> Option<time::Date> {
    let month = time::Month::try_from(u8::try_from(d.month()).ok()?).ok()?;
    time::Date::from_calendar_date(d.year(), month, u8::try_from(d.day()).ok()?).ok()
}

/// The days of `day`'s month that have meetings.
pub fn meeting_days(app: &App, day: NaiveDate) -> BTreeSet<NaiveDate> {
    app.corpus
        .all_meetings()
        .map(|(_, m)| m.date)
        .filter(|d| d.year() == day.year() && d.month() == day.month())
        .collect()
}

/// Where a day of the displayed month is drawn: (column of its gutter,
/// row), counted from the grid's top left. Weeks start on Sunday, as the
/// widget lays them out.
pub fn cell(day: NaiveDate) -> (u16, u16) {
    let first = day.with_day(1).unwrap_or(day);
    let lead = first.weekday().num_days_from_sunday();
    let n = lead + day.day() - 1;
    ((n % 7 * 3) as u16, (n / 7) as u16)
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let t = &app.theme;
    let w = app.words;
    let day = app.agenda.day;
    let avail = area.width as usize;
    let mut y = area.y;
    let bottom = area.y + area.height;
    let line = |frame: &mut Frame, l: Line<'static>, y: &mut u16| {
        if *y < bottom {
            frame.render_widget(Paragraph::new(l), Rect::new(area.x, *y, area.width, 1));
            *y += 1;
        }
    };
    // Headings in the reader's language (the widget's are English).
    let grid_w = 21.min(area.width);
    let month = fit(&w.month_year(day), avail);
    let pad = (grid_w as usize).saturating_sub(super::width(&month)) / 2;
    line(
        frame,
        Line::styled(format!("{}{month}", " ".repeat(pad)), t.month()),
        &mut y,
    );
    line(
        frame,
        Line::styled(fit(w.month_weekdays, avail), t.dim()),
        &mut y,
    );
    let days = meeting_days(app, day);
    let grid = Rect::new(area.x, y, area.width, WEEKS.min(bottom.saturating_sub(y)));
    if let Some(shown) = to_time(day) {
        let mut events = CalendarEventStore::default();
        let mark = t.date().add_modifier(Modifier::BOLD);
        for d in &days {
            if let Some(td) = to_time(*d) {
                events.add(td, mark);
            }
        }
        if let Some(td) = to_time(app.today) {
            let base = if days.contains(&app.today) {
                mark
            } else {
                Style::new()
            };
            events.add(td, base.add_modifier(Modifier::UNDERLINED));
        }
        // The selected day stands out whether or not the pane has focus.
        events.add(shown, t.selected(true));
        frame.render_widget(Monthly::new(shown, events), grid);
    }
    let weeks = cell(
        day.with_day(1)
            .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
            .and_then(|n| n.pred_opt())
            .unwrap_or(day),
    )
    .1 + 1;
    y += weeks.min(grid.height);
    line(frame, Line::raw(""), &mut y);
    let head = format!("{} {}", w.weekday(day), w.date(day));
    line(frame, Line::styled(fit(&head, avail), t.date()), &mut y);
    let meetings = app.day_meetings(day);
    if meetings.is_empty() {
        for l in textwrap::wrap(w.no_meetings_day, avail.max(1)) {
            line(frame, Line::styled(l.into_owned(), t.dim()), &mut y);
        }
    }
    for (_, m) in meetings {
        for l in meeting_lines(m, avail, usize::MAX) {
            line(frame, Line::raw(l), &mut y);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_sit_in_sunday_first_weeks() {
        // 1 October 2025 is a Wednesday: the fourth column of the first row.
        let d = |day| NaiveDate::from_ymd_opt(2025, 10, day).unwrap();
        assert_eq!(cell(d(1)), (9, 0));
        assert_eq!(cell(d(4)), (18, 0));
        assert_eq!(cell(d(5)), (0, 1));
        assert_eq!(cell(d(31)), (15, 4));
        assert_eq!(to_time(d(14)).map(|t| t.day()), Some(14));
    }
}
