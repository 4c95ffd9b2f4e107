//! The bookmarks popup: bookmarked articles, newest issue first; Enter
//! opens one, `b` removes it.

use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, ListItem, Paragraph};
use ratatui::Frame;

use super::{fit, overlay_area, pad, render_list, width};
use crate::tui::app::{App, BookmarksState};

pub fn render(frame: &mut Frame, app: &App, st: &BookmarksState) {
    let t = &app.theme;
    let w = app.words;
    let area = overlay_area(frame.area());
    frame.render_widget(Clear, area);
    let block = t
        .popup()
        .title(format!(" {} ", w.bookmarks_title))
        .title_bottom(Line::from(format!(" {} ", st.entries.len())).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height == 0 || inner.width < 4 {
        return;
    }
    if st.entries.is_empty() {
        frame.render_widget(Paragraph::new(w.no_bookmarks).style(t.dim()), inner);
        return;
    }
    let avail = inner.width as usize;
    let date_w = 12.min(avail / 4);
    let items: Vec<ListItem<'static>> = st
        .entries
        .iter()
        .map(|(key, at)| match at {
            Some((i, a)) => {
                let is = &app.corpus.issues[*i];
                let date = is.date.map(|d| w.date(d)).unwrap_or_default();
                let unread = !app.is_read(*i, *a);
                let mark = if unread { "● " } else { "  " };
                let title = &is.articles[*a].title;
                let rest = avail.saturating_sub(date_w + 1 + width(mark));
                let issue_w = (rest / 3).min(30);
                let title_w = rest.saturating_sub(issue_w + 3);
                ListItem::new(Line::from(vec![
                    Span::styled(pad(&date, date_w), t.date()),
                    Span::raw(" "),
                    Span::styled(mark, t.unread()),
                    Span::styled(pad(title, title_w), t.bold()),
                    Span::raw("   "),
                    Span::styled(fit(&is.title, issue_w), t.dim()),
                ]))
            }
            None => {
                let text = format!("{} · {} ({})", key.title, key.issue, w.bookmark_missing);
                ListItem::new(Line::from(vec![
                    Span::raw(" ".repeat(date_w + 3)),
                    Span::styled(fit(&text, avail.saturating_sub(date_w + 3)), t.dim()),
                ]))
            }
        })
        .collect();
    render_list(
        frame,
        inner,
        items,
        Some(st.cursor.selected),
        &st.cursor.offset,
        t.selected(true),
    );
}
