//! The fuzzy-jump popup: a query line and ranked results tagged by kind,
//! the matched letters highlighted.

use ratatui::style::Style;
use ratatui::text::Span;
use ratatui::widgets::ListItem;
use ratatui::Frame;

use super::{fit, highlighted, pad, picker_popup, render_window, truncate_spans, width};
use crate::corpus::Issue;
use crate::jump::{self, Candidate, JumpKind, Target};
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
    let Some(list_area) = picker_popup(frame, app, w.jump_title, st, (4, 3), false) else {
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
        let (text, positions) = shown_text(app, c, positions);
        spans.extend(highlighted(&text, &positions, Style::new(), t.matched()));
        let used: usize = spans.iter().map(|s| width(&s.content)).sum();
        let ctx = fit(&context(app, c), 40);
        if used + 3 + width(&ctx) <= avail && !ctx.is_empty() {
            let gap = avail - used - width(&ctx);
            spans.push(Span::raw(" ".repeat(gap)));
            spans.push(Span::styled(ctx, t.dim()));
        }
        ListItem::new(truncate_spans(spans, avail))
    });
}

/// The issue an article or meeting candidate belongs to.
fn issue_of<'a>(app: &'a App, c: &Candidate) -> Option<&'a Issue> {
    match c.target {
        Target::Issue { issue } | Target::Article { issue, .. } | Target::Meeting { issue, .. } => {
            app.corpus.issues.get(issue)
        }
        Target::Person { .. } | Target::Topic { .. } => None,
    }
}

/// Where a candidate is, with the issue's date in the reader's date style
/// ("25 sep 2025", not the ISO form the matcher reads).
fn context(app: &App, c: &Candidate) -> String {
    match (&c.target, issue_of(app, c)) {
        (Target::Article { .. } | Target::Meeting { .. }, Some(issue)) => {
            let when = app.words.issue_date(issue);
            format!("{} {}", when.as_deref().unwrap_or("—"), issue.title)
        }
        _ => c.context(&app.corpus).into_owned(),
    }
}

/// An issue candidate's text with its leading date in the reader's date
/// style; the matched positions moved with it (those inside the date are
/// dropped). Other candidates as they are.
fn shown_text(app: &App, c: &Candidate, positions: Vec<usize>) -> (String, Vec<usize>) {
    let unchanged = |positions| (c.text.to_string(), positions);
    let Target::Issue { .. } = c.target else {
        return unchanged(positions);
    };
    let Some(issue) = issue_of(app, c) else {
        return unchanged(positions);
    };
    let (Some(iso), Some(human)) = (issue.date_text(), app.words.issue_date(issue)) else {
        return unchanged(positions);
    };
    let Some(rest) = c.text.strip_prefix(iso.as_str()) else {
        return unchanged(positions);
    };
    let (old, new) = (iso.chars().count(), human.chars().count());
    let moved = positions
        .into_iter()
        .filter(|&p| p >= old)
        .map(|p| p - old + new)
        .collect();
    (format!("{human}{rest}"), moved)
}
