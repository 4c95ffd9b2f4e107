//! The fuzzy-jump popup: a query line and ranked results tagged by kind,
//! the matched letters highlighted.

use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::ListItem;
use ratatui::Frame;

use super::{fit, highlighted, pad, picker_popup, render_window, truncate_spans, width};
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
    let Some(list_area) = picker_popup(frame, app, w.jump_title, st, (4, 3)) else {
        return;
    };
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
    render_window(frame, app, list_area, &st.hits, &st.cursor, 1, |h| {
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
    });
}
