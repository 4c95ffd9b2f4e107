//! The full-text search popup: a query line and the matching articles,
//! ranked, each as two rows: the issue's date and the title, then a
//! snippet of the text around the best hit; the hits highlighted.

use ratatui::text::Span;
use ratatui::widgets::ListItem;
use ratatui::Frame;

use super::{highlighted, picker_popup, render_window, truncate_spans};
use crate::tui::app::{App, SearchState};

/// Char positions of char ranges, for [`highlighted`].
fn positions(ranges: &[(usize, usize)]) -> Vec<usize> {
    ranges.iter().flat_map(|&(s, e)| s..e).collect()
}

pub fn render(frame: &mut Frame, app: &App, st: &SearchState) {
    let t = &app.theme;
    let w = app.words;
    let Some(list_area) = picker_popup(frame, app, w.search_title, st, (4, 4), app.searching())
    else {
        return;
    };
    let avail = list_area.width as usize;
    // Two rows a hit.
    render_window(frame, app, list_area, &st.hits, &st.cursor, 2, |h| {
        let date = app
            .corpus
            .issues
            .get(h.issue)
            .and_then(|i| w.issue_date(i))
            .unwrap_or_else(|| w.undated.to_string());
        let mut head = vec![Span::styled(date, t.date()), Span::raw("  ")];
        head.extend(highlighted(
            &h.title,
            &positions(&h.title_highlights),
            t.bold(),
            t.matched(),
        ));
        let mut snippet = vec![Span::raw("  ")];
        snippet.extend(highlighted(
            &h.snippet,
            &positions(&h.highlights),
            t.dim(),
            t.matched(),
        ));
        ListItem::new(vec![
            truncate_spans(head, avail),
            truncate_spans(snippet, avail),
        ])
    });
}
