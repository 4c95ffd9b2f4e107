//! Left pane, other face: the topic tree (areas → sub-topics → articles).

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};
use ratatui::Frame;

use super::{fit, render_list, width};
use crate::tui::app::{App, Focus, TopicRow, View};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.focus == Focus::Left;
    let t = &app.theme;
    let w = app.words;
    let block = t.block(focused).title(format!(" {} ", w.topics));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    let rows = app.topic_rows();
    if rows.is_empty() {
        frame.render_widget(Paragraph::new(w.no_topics).style(t.dim()), inner);
        return;
    }
    let avail = inner.width as usize;
    let items: Vec<ListItem<'static>> = rows
        .iter()
        .map(|r| match r {
            TopicRow::Node {
                path,
                depth,
                count,
                expanded,
            } => {
                let indent = "  ".repeat(*depth);
                let marker = if *expanded { "▾ " } else { "▸ " };
                let count = format!(" ({count})");
                let name = path.last().map(String::as_str).unwrap_or("");
                let room = avail.saturating_sub(width(&indent) + 2 + width(&count));
                let style = if *depth == 0 { t.heading() } else { t.bold() };
                ListItem::new(Line::from(vec![
                    Span::raw(format!("{indent}{marker}")),
                    Span::styled(fit(name, room), style),
                    Span::styled(count, t.dim()),
                ]))
            }
            TopicRow::Article {
                depth,
                title,
                target,
            } => {
                let indent = "  ".repeat(*depth);
                let current = target.is_some_and(|(i, a)| app.view == View::Article(i, a));
                let unread = target.is_some_and(|(i, a)| !app.is_read(i, a));
                let bookmarked = target.is_some_and(|(i, a)| app.is_bookmarked(i, a));
                let mark = match (current, unread, bookmarked) {
                    (true, _, _) => "• ",
                    (false, true, _) => "● ",
                    (false, false, true) => "★ ",
                    _ => "  ",
                };
                let room = avail.saturating_sub(width(&indent) + 2);
                ListItem::new(Line::from(vec![
                    Span::raw(indent),
                    Span::styled(mark, if current { Style::new() } else { t.unread() }),
                    Span::styled(
                        fit(title, room),
                        if unread { t.bold() } else { Style::new() },
                    ),
                ]))
            }
        })
        .collect();
    render_list(
        frame,
        inner,
        items,
        Some(app.topic_cursor.selected),
        &app.topic_cursor.offset,
        t.selected(focused),
    );
}
