//! The help overlay, generated from the live key map.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph};
use ratatui::Frame;

use super::{pad, popup, width};
use crate::tui::action::Action;
use crate::tui::app::{App, HelpState};
use crate::tui::keymap::Mode;

const COL_GAP: usize = 3;

/// The help box: as wide as the screen allows, no taller than its text.
pub fn area(app: &App, screen: Rect) -> Rect {
    let wide = popup(screen, 92, 90, 60, 12);
    let text_w = wide.width.saturating_sub(4) as usize;
    let need = lines(app, text_w).len() as u16 + 2;
    let h = need.min(wide.height);
    Rect::new(
        wide.x,
        screen.y + (screen.height.saturating_sub(h)) / 2,
        wide.width,
        h,
    )
}

/// The name an action is described by in a mode: paging moves the list
/// in the overlays with one, the help text in the help, the article only
/// in the main panes.
fn described(mode: Mode, a: Action) -> &'static str {
    match (mode, a) {
        (Mode::Jump | Mode::Contacts | Mode::Bookmarks | Mode::Card, Action::PageDown) => {
            "page_down_list"
        }
        (Mode::Jump | Mode::Contacts | Mode::Bookmarks | Mode::Card, Action::PageUp) => {
            "page_up_list"
        }
        (Mode::Help, Action::PageDown) => "page_down_help",
        (Mode::Help, Action::PageUp) => "page_up_help",
        _ => a.name(),
    }
}

/// A section of the help: a heading and (keys, description) rows.
struct Section {
    title: String,
    rows: Vec<(String, String)>,
}

fn sections(app: &App) -> Vec<Section> {
    let km = &app.keymap;
    let w = app.words;
    let rows = |mode: Mode| -> Vec<(String, String)> {
        km.actions(mode)
            .into_iter()
            .map(|a| {
                (
                    km.label(mode, a),
                    w.action(described(mode, a), false).to_string(),
                )
            })
            .collect()
    };
    let opener = |a: Action| km.label(Mode::Normal, a);
    let mut out = vec![Section {
        title: w.help_general.to_string(),
        rows: rows(Mode::Normal),
    }];
    let same = km.bindings(Mode::Jump) == km.bindings(Mode::Contacts);
    if same {
        out.push(Section {
            title: format!(
                "{} ({}) · {} ({})",
                w.help_jump,
                opener(Action::Jump),
                w.help_contacts,
                opener(Action::Contacts)
            ),
            rows: rows(Mode::Jump),
        });
    } else {
        out.push(Section {
            title: format!("{} ({})", w.help_jump, opener(Action::Jump)),
            rows: rows(Mode::Jump),
        });
        out.push(Section {
            title: format!("{} ({})", w.help_contacts, opener(Action::Contacts)),
            rows: rows(Mode::Contacts),
        });
    }
    // Overlays without a query line mostly share the reader's keys: list
    // only the actions whose keys differ there.
    for (mode, title) in [
        (Mode::Card, w.help_card.to_string()),
        (
            Mode::Help,
            format!("{} ({})", w.help_help, opener(Action::Help)),
        ),
        (
            Mode::Bookmarks,
            format!("{} ({})", w.help_bookmarks, opener(Action::Bookmarks)),
        ),
    ] {
        let normal = km.bindings(Mode::Normal);
        let rows: Vec<(String, String)> = km
            .actions(mode)
            .into_iter()
            .filter(|a| {
                km.keys_for(mode, *a)
                    .iter()
                    .any(|k| !normal.contains(&(*k, *a)))
            })
            .map(|a| {
                (
                    km.label(mode, a),
                    w.action(described(mode, a), false).to_string(),
                )
            })
            .collect();
        if !rows.is_empty() {
            out.push(Section { title, rows });
        }
    }
    out
}

/// The help text laid out in as many columns as fit in `avail` columns.
pub fn lines(app: &App, avail: usize) -> Vec<Line<'static>> {
    let t = &app.theme;
    let secs = sections(app);
    let key_w = secs
        .iter()
        .flat_map(|s| s.rows.iter().map(|(k, _)| width(k)))
        .max()
        .unwrap_or(8)
        + 2;
    let desc_w = secs
        .iter()
        .flat_map(|s| s.rows.iter().map(|(_, d)| width(d)))
        .max()
        .unwrap_or(20);
    let col_w = key_w + desc_w;
    let ncols = ((avail + COL_GAP) / (col_w + COL_GAP)).clamp(1, 3);
    let col_w = if ncols == 1 {
        avail
    } else {
        (avail + COL_GAP) / ncols - COL_GAP
    };
    // Each section as a block of styled cells.
    let blocks: Vec<Vec<Vec<Span<'static>>>> = secs
        .iter()
        .map(|s| {
            let mut b = vec![vec![Span::styled(pad(&s.title, col_w), t.heading())]];
            for (k, d) in &s.rows {
                b.push(vec![
                    Span::styled(pad(k, key_w), t.key()),
                    Span::raw(pad(d, col_w.saturating_sub(key_w))),
                ]);
            }
            b.push(vec![Span::raw(" ".repeat(col_w))]);
            b
        })
        .collect();
    let total: usize = blocks.iter().map(Vec::len).sum();
    let target = total.div_ceil(ncols);
    let mut cols: Vec<Vec<Vec<Span<'static>>>> = vec![Vec::new()];
    for b in blocks {
        let cur = cols.last().map(Vec::len).unwrap_or(0);
        if cur > 0 && cur + b.len() > target && cols.len() < ncols {
            cols.push(Vec::new());
        }
        if let Some(c) = cols.last_mut() {
            c.extend(b);
        }
    }
    let height = cols.iter().map(Vec::len).max().unwrap_or(0);
    let mut out = Vec::new();
    for r in 0..height {
        let mut spans = Vec::new();
        for (ci, c) in cols.iter().enumerate() {
            if ci > 0 {
                spans.push(Span::raw(" ".repeat(COL_GAP)));
            }
            match c.get(r) {
                Some(cells) => spans.extend(cells.iter().cloned()),
                None => spans.push(Span::raw(" ".repeat(col_w))),
            }
        }
        out.push(Line::from(spans));
    }
    if app.mouse {
        out.push(Line::styled(app.words.help_mouse.to_string(), t.dim()));
    }
    out.push(Line::styled(app.words.help_typing.to_string(), t.dim()));
    out
}

/// Draw the help overlay; returns (rows visible, furthest scroll).
pub fn render(frame: &mut Frame, app: &App, st: &HelpState) -> (usize, usize) {
    let t = &app.theme;
    let a = area(app, frame.area());
    frame.render_widget(Clear, a);
    let inner = a.inner(ratatui::layout::Margin::new(2, 1));
    let lines = lines(app, inner.width as usize);
    let total = lines.len();
    let max = total.saturating_sub(inner.height as usize);
    let scroll = st.scroll.min(max);
    let mut block = t.popup().title(format!(" {} ", app.words.help_title));
    if max > 0 {
        block = block.title_bottom(
            Line::from(format!(
                " {}–{} {} {} ",
                scroll + 1,
                (scroll + inner.height as usize).min(total),
                app.words.line_of,
                total
            ))
            .right_aligned(),
        );
    }
    frame.render_widget(block, a);
    frame.render_widget(Paragraph::new(lines).scroll((scroll as u16, 0)), inner);
    (inner.height.max(1) as usize, max)
}
