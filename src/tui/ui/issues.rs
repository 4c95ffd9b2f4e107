//! Left pane: issues newest first, each expandable to its articles.

use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{ListItem, Paragraph};
use ratatui::Frame;

use super::{fit, render_lazy_list};
use crate::corpus::IssueKind;
use crate::tui::app::{App, Focus, IssueRow, View};

pub fn render(frame: &mut Frame, app: &App, area: Rect) {
    let focused = app.focus == Focus::Left;
    let t = &app.theme;
    let w = app.words;
    let block = t
        .block(focused)
        .title(format!(" {} ({}) ", w.issues, app.corpus.issues.len()));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if app.corpus.issues.is_empty() {
        frame.render_widget(Paragraph::new(w.no_issues).style(t.dim()), inner);
        return;
    }
    let width = inner.width as usize;
    let rows = app.issue_rows();
    // Only the rows on screen are built: an archive has tens of thousands.
    let item = |r: usize| -> ListItem<'static> {
        match rows[r] {
            IssueRow::Issue(i) => {
                let issue = &app.corpus.issues[i];
                let open = app.expanded.get(i).copied().unwrap_or(false);
                let marker = if open { "▾ " } else { "▸ " };
                let date = w.issue_date(issue).unwrap_or_else(|| w.undated.to_string());
                let kind = match issue.kind {
                    IssueKind::Newsletter => String::new(),
                    IssueKind::Document => format!(" · {}", w.document),
                };
                // Unread articles: "● 3" at the end of the date line, "●3"
                // when narrow; the document kind gives way first. "ny":
                // arrived since the last visit.
                let unread = app.unread_count(i);
                let room = width.saturating_sub(2);
                let date = fit(&date, room);
                let left = room.saturating_sub(super::width(&date));
                let fits = |s: &String| super::width(s) < left;
                let badge = match unread {
                    0 => String::new(),
                    n => [format!("● {n}"), format!("●{n}")]
                        .into_iter()
                        .find(fits)
                        .unwrap_or_default(),
                };
                let new = if app.is_new_issue(i) {
                    format!(" {}", w.new_marker)
                } else {
                    String::new()
                };
                let new = if super::width(&new) + super::width(&badge) < left {
                    new
                } else {
                    String::new()
                };
                let rest = left.saturating_sub(
                    super::width(&new) + super::width(&badge) + usize::from(!badge.is_empty()),
                );
                let kind = fit(&kind, rest);
                let used = super::width(&date) + super::width(&kind) + super::width(&new);
                // Right-aligned, after at least one space.
                let badge = if badge.is_empty() {
                    badge
                } else {
                    format!(
                        "{}{badge}",
                        " ".repeat(room.saturating_sub(used + super::width(&badge)))
                    )
                };
                let head = Line::from(vec![
                    Span::raw(marker),
                    Span::styled(date, t.date()),
                    Span::styled(kind, t.dim()),
                    Span::styled(new, t.unread()),
                    Span::styled(badge, t.unread()),
                ]);
                let title = Line::from(vec![
                    Span::raw("  "),
                    Span::styled(fit(&issue.title, width.saturating_sub(2)), t.bold()),
                ]);
                ListItem::new(vec![head, title])
            }
            IssueRow::Article(i, a) => {
                let art = &app.corpus.issues[i].articles[a];
                let current = app.view == View::Article(i, a);
                let unread = !app.is_read(i, a);
                ListItem::new(Line::from(vec![
                    Span::styled(
                        if app.is_bookmarked(i, a) {
                            " ★"
                        } else {
                            "  "
                        },
                        t.bookmark(),
                    ),
                    Span::styled(
                        match (current, unread) {
                            (true, _) => "• ",
                            (false, true) => "● ",
                            (false, false) => "  ",
                        },
                        if current { Style::new() } else { t.unread() },
                    ),
                    Span::styled(
                        fit(&art.title, width.saturating_sub(4)),
                        if unread { t.bold() } else { Style::new() },
                    ),
                ]))
            }
        }
    };
    let height = |r: usize| match rows[r] {
        IssueRow::Issue(_) => 2,
        IssueRow::Article(..) => 1,
    };
    render_lazy_list(
        frame,
        inner,
        rows.len(),
        height,
        item,
        Some(app.issue_cursor.selected),
        &app.issue_cursor.offset,
        t.selected(focused),
    );
}
