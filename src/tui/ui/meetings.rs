//! Right pane: the agenda — upcoming meetings under one heading per month
//! and one per day, titles wrapped to two lines — with the selected
//! meeting in full at the bottom while the pane has focus; or the month
//! view (see [`super::month`]). When nothing is upcoming, a sentence and
//! the newest calendar.

use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};
use ratatui::Frame;

use super::{fit, render_list, width};
use crate::corpus::{Meeting, MeetingSource};
use crate::sanitize::clean_line;
use crate::tui::app::{App, Focus, MeetingRow};

/// Marks a meeting found in an article's text rather than a calendar.
pub const ARTICLE_MARK: &str = "¶";

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

/// "09:00–12:00" (or "09:00", or nothing).
pub fn times(m: &Meeting) -> String {
    match (m.start, m.end) {
        (Some(s), Some(e)) => format!("{}–{}", s.format("%H:%M"), e.format("%H:%M")),
        (Some(s), None) => s.format("%H:%M").to_string(),
        _ => String::new(),
    }
}

/// `text` (cleaned) wrapped to `w` columns at word boundaries, first fit
/// (full first lines, so a cut last line keeps the most); a word longer
/// than a line is cut with "…", never split.
fn wrap_words(text: &str, w: usize) -> Vec<String> {
    let w = w.max(1);
    let opts = textwrap::Options::new(w)
        .wrap_algorithm(textwrap::WrapAlgorithm::FirstFit)
        .break_words(false);
    textwrap::wrap(&clean_line(text), opts)
        .into_iter()
        .map(|l| fit(&l, w))
        .collect()
}

/// A meeting as lines of at most `w` columns: the start time and the
/// title, wrapped under a two-column margin (with [`ARTICLE_MARK`] in it
/// for a meeting from article text), at most `max` lines (the last cut
/// with "…").
pub fn meeting_lines(m: &Meeting, w: usize, max: usize) -> Vec<String> {
    let text = match m.start {
        Some(s) => format!("{} {}", s.format("%H:%M"), clean_line(&m.title)),
        None => clean_line(&m.title),
    };
    let room = w.saturating_sub(2).max(1);
    let mut lines = wrap_words(&text, room);
    if lines.len() > max {
        let rest = lines[max - 1..].join(" ");
        lines.truncate(max - 1);
        lines.push(fit(&rest, room));
    }
    let mark = if m.from == MeetingSource::Article {
        format!("{ARTICLE_MARK} ")
    } else {
        "  ".to_string()
    };
    lines
        .into_iter()
        .enumerate()
        .map(|(i, l)| {
            let lead = if i == 0 { mark.as_str() } else { "  " };
            fit(&format!("{lead}{l}"), w)
        })
        .collect()
}

/// The selected meeting in full: title, day and time, the issue (and
/// article) that announced it, and where it was found when not in a
/// calendar.
pub fn detail_lines(app: &App, issue: usize, m: &Meeting, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let words = app.words;
    let wrap = |s: &str, style: Style| -> Vec<Line<'static>> {
        wrap_words(s, w)
            .into_iter()
            .map(|l| Line::styled(l, style))
            .collect()
    };
    let mut out = wrap(&m.title, t.bold());
    let mut when = format!("{} {}", words.weekday(m.date), words.date(m.date));
    let tm = times(m);
    if !tm.is_empty() {
        when.push_str(&format!(", {tm}"));
    }
    out.extend(wrap(&when, t.date()));
    if let Some(is) = app.corpus.issues.get(issue) {
        let mut from = format!(
            "{} {}",
            words.announced_in,
            words.issue_date(is).unwrap_or_else(|| is.title.clone())
        );
        if let Some(a) = m.article.and_then(|a| is.articles.get(a)) {
            from.push_str(&format!(" › {}", a.title));
        }
        out.extend(wrap(&from, t.dim()));
    }
    if m.from == MeetingSource::Article {
        out.extend(wrap(
            &format!("{ARTICLE_MARK} {}", words.from_article),
            t.dim(),
        ));
    }
    out
}

/// The "go to date" prompt: its label and what has been typed.
fn prompt_lines(app: &App, typed: &str, w: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let mut out: Vec<Line<'static>> = textwrap::wrap(app.words.date_prompt.trim_end(), w.max(1))
        .into_iter()
        .map(|l| Line::styled(l.into_owned(), t.bold()))
        .collect();
    let shown = fit(&format!("› {}", clean_line(typed)), w.saturating_sub(1));
    out.push(Line::from(vec![
        Span::styled(shown, t.input()),
        Span::styled("▏", t.input()),
    ]));
    out
}

/// Draw the bottom part (detail or prompt) under a rule; give back the
/// area left for the list.
fn bottom(frame: &mut Frame, app: &App, inner: Rect, lines: Vec<Line<'static>>) -> Rect {
    if lines.is_empty() || inner.height < 6 {
        return inner;
    }
    let h = (lines.len() as u16 + 1).min(inner.height / 2);
    let [list, rule, text] = Layout::vertical([
        Constraint::Min(1),
        Constraint::Length(1),
        Constraint::Length(h - 1),
    ])
    .areas(inner);
    frame.render_widget(
        Paragraph::new("─".repeat(inner.width as usize)).style(app.theme.dim()),
        rule,
    );
    frame.render_widget(Paragraph::new(lines), text);
    list
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
    let selected = app
        .meetings
        .get(app.meeting_cursor.selected)
        .filter(|r| matches!(r, MeetingRow::Meeting { .. }))
        .map(|_| app.meeting_cursor.selected);
    let under = match (&app.agenda.prompt, selected.map(|s| &app.meetings[s])) {
        (Some(typed), _) => prompt_lines(app, typed, avail),
        (None, Some(MeetingRow::Meeting { issue, meeting, .. }))
            if focused && !app.agenda.month =>
        {
            detail_lines(app, *issue, meeting, avail)
        }
        _ => Vec::new(),
    };
    let inner = bottom(frame, app, inner, under);
    if app.agenda.month {
        super::month::render(frame, app, inner);
        return;
    }
    let items: Vec<ListItem<'static>> = app
        .meetings
        .iter()
        .enumerate()
        .map(|(n, r)| match r {
            MeetingRow::Note(s) => {
                let lines: Vec<Line<'static>> = textwrap::wrap(&clean_line(s), avail.max(1))
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
            MeetingRow::Day(d) => {
                let style = if *d < app.today { t.past() } else { t.date() };
                let text = format!("{} {}", w.weekday(*d), w.day_month(*d));
                ListItem::new(Line::styled(fit(&text, avail), style))
            }
            MeetingRow::Meeting { meeting, past, .. } => {
                let style = if *past { t.past() } else { Style::new() };
                ListItem::new(
                    meeting_lines(meeting, avail, 2)
                        .into_iter()
                        .map(|l| Line::styled(l, style))
                        .collect::<Vec<_>>(),
                )
            }
        })
        .collect();
    render_list(
        frame,
        inner,
        items,
        selected,
        &app.meeting_cursor.offset,
        t.selected(focused),
    );
}
