//! The fuzzy-jump popup: a query line and ranked results tagged by kind,
//! the matched letters highlighted.

use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::{ListItem, Paragraph};
use ratatui::Frame;

use super::{fit, framed_popup, highlighted, pad, query_line, render_list, truncate_spans, width};
use crate::jump::{self, JumpKind};
use crate::tui::app::{App, JumpState};

pub fn kind_word(app: &App, k: JumpKind) -> &'static str {
    let w = app.words;
    match k {
        JumpKind::Article => w.kind_article,
        JumpKind::Person => w.kind_person,
        JumpKind::Meeting => w.kind_meeting,
        JumpKind::Issue => w.kind_issue,
        JumpKind::Topic => w.kind_topic,
    }
}

pub fn render(frame: &mut Frame, app: &App, st: &JumpState) {
    let t = &app.theme;
    let w = app.words;
    let count = format!(" {} {} ", st.hits.len(), w.hits);
    let Some(inner) = framed_popup(frame, app, w.jump_title, count, (4, 3)) else {
        return;
    };
    let [query_area, rule_area, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    query_line(frame, app, [query_area, rule_area], "› ", st);
    if st.hits.is_empty() {
        frame.render_widget(Paragraph::new(w.no_hits).style(t.dim()), list_area);
        return;
    }
    let avail = list_area.width as usize;
    let tag_w = [
        w.kind_article,
        w.kind_person,
        w.kind_meeting,
        w.kind_issue,
        w.kind_topic,
    ]
    .iter()
    .map(|s| width(s))
    .max()
    .unwrap_or(7);
    // Only the rows that fit are built (a short query over a large archive
    // has tens of thousands of hits); the scroll offset is kept as a list
    // of all hits would keep it: the selected row stays in view.
    let len = st.hits.len();
    let height = (list_area.height as usize).max(1);
    let selected = st.cursor.selected.min(len - 1);
    let mut first = st.cursor.offset.get().min(len - 1);
    if selected < first {
        first = selected;
    } else if selected >= first + height {
        first = selected + 1 - height;
    }
    let items: Vec<ListItem<'static>> = st.hits[first..(first + height).min(len)]
        .iter()
        .map(|h| {
            let c = &app.corpus.candidates()[h.index];
            // Positions are computed for the rows shown only (the popup
            // ranks with `Ranker::rank_lazy`).
            let positions = if h.positions.is_empty() {
                jump::positions(c, &st.query)
            } else {
                h.positions.clone()
            };
            let mut spans = vec![
                Span::styled(pad(kind_word(app, c.kind), tag_w), t.kind(c.kind)),
                Span::raw("  "),
            ];
            spans.extend(highlighted(&c.text, &positions, Style::new(), t.matched()));
            let used: usize = spans.iter().map(|s| width(&s.content)).sum();
            let ctx = fit(&c.context(&app.corpus), 40);
            if used + 3 + width(&ctx) <= avail && !ctx.is_empty() {
                let gap = avail - used - width(&ctx);
                spans.push(Span::raw(" ".repeat(gap)));
                spans.push(Span::styled(ctx, t.dim()));
            }
            ListItem::new(truncate_spans(spans, avail))
        })
        .collect();
    let window_offset = std::cell::Cell::new(0);
    render_list(
        frame,
        list_area,
        items,
        Some(selected - first),
        &window_offset,
        t.selected(true),
    );
    st.cursor.offset.set(first + window_offset.get());
}
