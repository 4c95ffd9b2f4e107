//! Right pane: upcoming meetings by month, with the reference date in the
//! title; when nothing is upcoming, a sentence and the newest calendar.

use ratatui::layout::Rect;
use ratatui::text::Line;
use ratatui::widgets::ListItem;
use ratatui::Frame;

use super::{fit, render_list, width};
use crate::tui::app::{App, Focus, MeetingRow};

/// The pane title, as long as it fits: "Kommande möten från 1 okt 2025",
/// "Möten från 1 okt 2025" or "Från 1 okt 2025".
pub fn title(app: &App, room: usize) -> String {
    let w = app.words;
    let date = w.date(app.today);
    let options = [
        format!(" {} {} ", w.meetings_from_long, date),
        format!(" {} {} ", w.meetings_from, date),
        format!(" {} {} ", w.meetings_from_short, date),
        format!("{} {}", w.meetings_from_short, date),
    ];
    for o in &options {
        if width(o) <= room {
            return o.clone();
        }
    }
    fit(&options[3], room)
}

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.focus == Focus::Meetings;
    let t = &app.theme;
    let w = app.words;
    let block = t
        .block(focused)
        .title(title(app, area.width.saturating_sub(2) as usize));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let avail = inner.width as usize;
    let items: Vec<ListItem<'static>> = app
        .meetings
        .iter()
        .enumerate()
        .map(|(n, r)| match r {
            MeetingRow::Note(s) => {
                let lines: Vec<Line<'static>> = textwrap::wrap(s, avail.max(1))
                    .into_iter()
                    .map(|l| Line::styled(l.into_owned(), t.bold()))
                    .chain(std::iter::once(Line::raw("")))
                    .collect();
                ListItem::new(lines)
            }
            MeetingRow::Month(d) => {
                let head = Line::styled(fit(&w.month_year(*d).to_uppercase(), avail), t.month());
                // A blank line between months.
                let after_meeting =
                    n > 0 && matches!(app.meetings[n - 1], MeetingRow::Meeting { .. });
                if after_meeting {
                    ListItem::new(vec![Line::raw(""), head])
                } else {
                    ListItem::new(head)
                }
            }
            MeetingRow::Meeting { meeting, past, .. } => {
                let mut when =
                    format!(" {} {}", w.weekday(meeting.date), w.day_month(meeting.date));
                if let Some(s) = meeting.start {
                    when.push_str(&format!("  {}", s.format("%H:%M")));
                    if let Some(e) = meeting.end {
                        when.push_str(&format!("–{}", e.format("%H:%M")));
                    }
                }
                let (ds, ts) = if *past {
                    (t.past(), t.past())
                } else {
                    (t.date(), ratatui::style::Style::new())
                };
                ListItem::new(vec![
                    Line::styled(fit(&when, avail), ds),
                    Line::styled(
                        format!("   {}", fit(&meeting.title, avail.saturating_sub(3))),
                        ts,
                    ),
                ])
            }
        })
        .collect();
    let selected = app
        .meetings
        .get(app.meeting_cursor.selected)
        .filter(|r| matches!(r, MeetingRow::Meeting { .. }))
        .map(|_| app.meeting_cursor.selected);
    render_list(
        frame,
        inner,
        items,
        selected,
        &app.meeting_cursor.offset,
        t.selected(focused),
    );
}
