//! The month view of the meetings sidebar: a calendar grid of the selected
//! day's month with weeks starting on Monday, as Swedish calendars do
//! (drawn here: ratatui's calendar widget starts weeks on Sunday, with no
//! option) in the widget's look — days with meetings in bold (and colour),
//! today underlined, the selected day highlighted as a selected row is —
//! and under it the selected day's meetings.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate};
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::fit;
use super::meetings::meeting_lines;
use crate::tui::app::App;

/// Rows the calendar grid takes at most (six weeks).
const WEEKS: u16 = 6;

/// The days of `day`'s month that have meetings.
pub fn meeting_days(app: &App, day: NaiveDate) -> BTreeSet<NaiveDate> {
    app.corpus
        .all_meetings()
        .map(|(_, m)| m.date)
        .filter(|d| d.year() == day.year() && d.month() == day.month())
        .collect()
}

/// Where a day of the displayed month is drawn: (column of its gutter,
/// row), counted from the grid's top left. Weeks start on Monday.
pub fn cell(day: NaiveDate) -> (u16, u16) {
    let first = day.with_day(1).unwrap_or(day);
    let lead = first.weekday().num_days_from_monday();
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
    frame.render_widget(Paragraph::new(grid_lines(app, day, &days)), grid);
    let weeks = cell(last_day(day)).1 + 1;
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

/// The last day of `day`'s month.
fn last_day(day: NaiveDate) -> NaiveDate {
    day.with_day(1)
        .and_then(|f| f.checked_add_months(chrono::Months::new(1)))
        .and_then(|n| n.pred_opt())
        .unwrap_or(day)
}

/// The grid's rows: each day as a gutter space and the day right-aligned
/// in two columns, in its weekday's column; meeting days marked, today
/// underlined, the selected day highlighted.
fn grid_lines(app: &App, day: NaiveDate, days: &BTreeSet<NaiveDate>) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mark = t.date().add_modifier(Modifier::BOLD);
    let mut rows: Vec<Vec<Span<'static>>> = Vec::new();
    let first = day.with_day(1).unwrap_or(day);
    for d in first.iter_days().take_while(|d| d.month() == day.month()) {
        let (x, y) = cell(d);
        let y = usize::from(y);
        if rows.len() <= y {
            rows.resize_with(y + 1, Vec::new);
        }
        let row = &mut rows[y];
        if row.is_empty() && x > 0 {
            row.push(Span::raw(" ".repeat(usize::from(x))));
        }
        let mut style = if days.contains(&d) {
            mark
        } else {
            Style::new()
        };
        if d == app.today {
            style = style.add_modifier(Modifier::UNDERLINED);
        }
        if d == day {
            // The selected day stands out whether or not the pane has focus.
            style = t.selected(true);
        }
        row.push(Span::raw(" "));
        row.push(Span::styled(format!("{:>2}", d.day()), style));
    }
    rows.into_iter().map(Line::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_sit_in_monday_first_weeks() {
        // 1 October 2025 is a Wednesday: the third column of the first row.
        let d = |day| NaiveDate::from_ymd_opt(2025, 10, day).unwrap();
        assert_eq!(cell(d(1)), (6, 0));
        assert_eq!(cell(d(5)), (18, 0));
        assert_eq!(cell(d(6)), (0, 1));
        assert_eq!(cell(d(31)), (12, 4));
        assert_eq!(last_day(d(14)), d(31));
        // 1 June 2025 is a Sunday: the last column, and the month takes
        // six weeks.
        let june = |day| NaiveDate::from_ymd_opt(2025, 6, day).unwrap();
        assert_eq!(cell(june(1)), (18, 0));
        assert_eq!(cell(june(30)), (0, 5));
    }
}
