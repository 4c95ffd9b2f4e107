//! Drawing. Every function here only reads the `App` (list offsets are
//! remembered through `Cell`s); every string from a document passes through
//! `sanitize` before it reaches the buffer.

pub mod article;
pub mod bookmarks;
pub mod contacts;
pub mod help;
pub mod issues;
pub mod jump;
pub mod meetings;
pub mod month;
pub mod search;
pub mod status;
pub mod topics;

use std::cell::Cell;

use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, List, ListItem, ListState, Paragraph};
use ratatui::Frame;
use unicode_width::UnicodeWidthStr;

use super::app::{App, Cursor, Focus, LeftMode, Overlay, Picker, View};
use crate::sanitize::clean_line;

/// The smallest usable screen.
pub const MIN_W: u16 = 64;
pub const MIN_H: u16 = 14;

pub fn too_small(area: Rect) -> bool {
    area.width < MIN_W || area.height < MIN_H
}

/// Where the panes go.
#[derive(Clone, Copy, Debug)]
pub struct Panes {
    pub left: Rect,
    pub center: Rect,
    pub right: Rect,
    pub status: Rect,
}

pub fn panes(area: Rect) -> Panes {
    panes_with(area, None)
}

/// The panes with the meetings sidebar `sidebar` columns wide (None: a
/// quarter of the screen); the article keeps at least 30 columns.
pub fn panes_with(area: Rect, sidebar: Option<u16>) -> Panes {
    let [main, status] = Layout::vertical([Constraint::Min(1), Constraint::Length(1)]).areas(area);
    let w = main.width;
    let left_w = (w * 27 / 100).clamp(20, 36).min(w);
    let right_w = match sidebar {
        Some(s) => s.min(w.saturating_sub(left_w + 30)).max(16),
        None => (w / 4).clamp(20, 34),
    }
    .min(w.saturating_sub(left_w));
    let [left, center, right] = Layout::horizontal([
        Constraint::Length(left_w),
        Constraint::Min(0),
        Constraint::Length(right_w),
    ])
    .areas(main);
    Panes {
        left,
        center,
        right,
        status,
    }
}

/// A centred popup taking a share of the screen, at least `min` and never
/// larger than the screen.
pub fn popup(area: Rect, pct_w: u16, pct_h: u16, min_w: u16, min_h: u16) -> Rect {
    let w = (area.width * pct_w / 100).max(min_w).min(area.width);
    let h = (area.height * pct_h / 100).max(min_h).min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// A popup over the middle of the screen, cleared and framed, with its
/// title and `count` at the bottom right. The inside, if at least `min`
/// (columns, rows) is left of it.
pub fn framed_popup(
    frame: &mut Frame,
    app: &App,
    title: &str,
    count: String,
    min: (u16, u16),
) -> Option<Rect> {
    let area = overlay_area(frame.area());
    frame.render_widget(Clear, area);
    let block = app
        .theme
        .popup()
        .title(format!(" {title} "))
        .title_bottom(Line::from(count).right_aligned());
    let inner = block.inner(area);
    frame.render_widget(block, area);
    (inner.width >= min.0 && inner.height >= min.1).then_some(inner)
}

/// A picker's query line (`prompt`, the query, the cursor after it; a
/// recalled query dimmed and marked) and the rule under it.
pub fn query_line<H>(
    frame: &mut Frame,
    app: &App,
    [query_area, rule_area]: [Rect; 2],
    prompt: &str,
    st: &Picker<H>,
) {
    let t = &app.theme;
    let q = fit(
        &st.query,
        (query_area.width as usize).saturating_sub(width(prompt) + 1),
    );
    let (style, note) = if st.recalled {
        (t.dim(), format!("  ({})", app.words.recalled))
    } else {
        (t.input(), String::new())
    };
    frame.render_widget(
        Paragraph::new(Line::from(vec![
            Span::styled(prompt.to_string(), t.key()),
            Span::styled(q.clone(), style),
            Span::styled(note, t.dim()),
        ])),
        query_area,
    );
    let cx = query_area.x + (width(prompt) + width(&q)) as u16;
    if cx < query_area.right() {
        frame.set_cursor_position(Position::new(cx, query_area.y));
    }
    frame.render_widget(
        Paragraph::new("─".repeat(rule_area.width as usize)).style(t.dim()),
        rule_area,
    );
}

/// The frame of a ranked popup (jump, full-text search): the popup with
/// its title and hit count, the query line and the rule under it. The
/// area left for the list, or None when there is nothing to list (a query
/// that found nothing says so).
pub fn picker_popup<H>(
    frame: &mut Frame,
    app: &App,
    title: &str,
    st: &Picker<H>,
    min: (u16, u16),
    busy: bool,
) -> Option<Rect> {
    let w = app.words;
    let count = if busy {
        format!(" {} ", w.searching)
    } else {
        format!(" {} ", crate::i18n::hit_count(w.lang, st.hits.len()))
    };
    let inner = framed_popup(frame, app, title, count, min)?;
    let [query_area, rule_area, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    query_line(frame, app, [query_area, rule_area], "› ", st);
    if st.hits.is_empty() {
        if !st.query.trim().is_empty() && !busy {
            frame.render_widget(Paragraph::new(w.no_hits).style(app.theme.dim()), list_area);
        }
        return None;
    }
    Some(list_area)
}

/// A picker's hits as a list, building only the rows that fit (a short
/// query over a large archive has tens of thousands of hits); the scroll
/// offset is kept as a list of all hits would keep it, so the selected
/// row stays in view. `rows` is the height of one hit.
pub fn render_window<H>(
    frame: &mut Frame,
    app: &App,
    area: Rect,
    hits: &[H],
    cursor: &Cursor,
    rows: usize,
    build: impl FnMut(&H) -> ListItem<'static>,
) {
    let len = hits.len();
    if len == 0 {
        return;
    }
    let height = (area.height as usize / rows.max(1)).max(1);
    let selected = cursor.selected.min(len - 1);
    let mut first = cursor.offset.get().min(len - 1);
    if selected < first {
        first = selected;
    } else if selected >= first + height {
        first = selected + 1 - height;
    }
    let items: Vec<ListItem<'static>> = hits[first..(first + height).min(len)]
        .iter()
        .map(build)
        .collect();
    let window_offset = Cell::new(0);
    render_list(
        frame,
        area,
        items,
        Some(selected - first),
        &window_offset,
        app.theme.selected(true),
    );
    cursor.offset.set(first + window_offset.get());
}

/// The popup used by the jump, contacts and card overlays.
pub fn overlay_area(area: Rect) -> Rect {
    let pct_w = if area.width < 100 { 94 } else { 86 };
    popup(area, pct_w, 84, 60, 12)
}

/// Rows of the list inside an overlay (for page up/down).
pub fn overlay_list_height(area: Rect) -> usize {
    // Border (2), query line, rule, column header.
    overlay_area(area).height.saturating_sub(5) as usize
}

/// What a frame was drawn with, as [`render`] returns it: the update code
/// reads sizes and places from here instead of working them out again.
#[derive(Clone, Debug, Default)]
pub struct Drawn {
    pub screen: Rect,
    /// None when the screen was too small for them.
    pub panes: Option<Panes>,
    pub article: Option<ArticleDrawn>,
    /// Rows of an overlay's list (for page keys).
    pub overlay_rows: usize,
    /// The help overlay, when drawn: rows visible, furthest scroll.
    pub help: Option<(usize, usize)>,
    /// The article line of each match of the find (`f`), in order.
    pub find_lines: Vec<usize>,
}

/// The article pane as drawn: what it showed and how long that was.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ArticleDrawn {
    pub view: View,
    /// Lines of text visible.
    pub page: usize,
    /// Lines of the whole text, wrapped.
    pub lines: usize,
    /// The scroll that brings the first search hit into view, when the
    /// article was opened from the search and this frame scrolled there.
    pub hit_scroll: Option<usize>,
}

/// Draw the whole screen; returns the layout it used.
pub fn render(frame: &mut Frame, app: &App) -> Drawn {
    let area = frame.area();
    let mut drawn = Drawn {
        screen: area,
        overlay_rows: overlay_list_height(area),
        ..Drawn::default()
    };
    if area.width == 0 || area.height == 0 {
        return drawn;
    }
    if too_small(area) {
        let msg = format!("{} {}×{}", app.words.too_small, MIN_W, MIN_H);
        let y = area.y + area.height / 2;
        frame.render_widget(
            Paragraph::new(fit(&msg, area.width as usize)).style(app.theme.bold()),
            Rect::new(area.x, y, area.width, 1),
        );
        return drawn;
    }
    let p = panes_with(area, app.sidebar_width);
    drawn.panes = Some(p);
    take_selected();
    match app.left {
        LeftMode::Issues => issues::render(frame, app, p.left),
        LeftMode::Topics => topics::render(frame, app, p.left),
    }
    let left = take_selected();
    let (art, find_lines) = article::render(frame, app, p.center);
    drawn.article = Some(art);
    drawn.find_lines = find_lines;
    let centre = take_selected();
    meetings::render(frame, app, p.right);
    let right = take_selected();
    status::render(frame, app, p.status, &drawn.find_lines);
    let mut cursor = match app.focus {
        Focus::Left => left,
        Focus::Article => centre,
        Focus::Meetings => right,
    };
    for ov in &app.overlays {
        match ov {
            Overlay::Jump(st) => jump::render(frame, app, st),
            Overlay::Contacts(st) => contacts::render(frame, app, st),
            Overlay::Search(st) => search::render(frame, app, st),
            Overlay::Card(st) => contacts::render_card(frame, app, st),
            Overlay::Help(st) => drawn.help = Some(help::render(frame, app, st)),
            Overlay::Bookmarks(st) => bookmarks::render(frame, app, st),
        }
        cursor = take_selected();
    }
    // Accessibility: the real cursor on the selected row, so screen
    // readers and magnifiers follow it (ratatui shows the cursor there).
    if app.cursor_on_selection {
        if let Some(at) = cursor {
            frame.set_cursor_position(at);
        }
    }
    drawn
}

/// Display width of a string.
pub fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

/// Clean a document string for one line and cut it to `w` columns with "…".
pub fn fit(s: &str, w: usize) -> String {
    let s = clean_line(s);
    if width(&s) <= w {
        return s;
    }
    if w == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// `fit`, then padded with spaces to exactly `w` columns.
pub fn pad(s: &str, w: usize) -> String {
    let mut s = fit(s, w);
    let n = w.saturating_sub(width(&s));
    s.extend(std::iter::repeat_n(' ', n));
    s
}

thread_local! {
    /// Where the last list drawn put its selected row (see
    /// [`take_selected`]): for `cursor_on_selection`.
    static SELECTED_AT: std::cell::Cell<Option<Position>> = const { std::cell::Cell::new(None) };
}

/// Note where a list drew its selected row: `area`'s left edge, `above`
/// lines below its top (when that is inside the area).
fn note_selected(area: Rect, above: usize) {
    let at = (above < area.height as usize).then(|| Position::new(area.x, area.y + above as u16));
    SELECTED_AT.with(|c| c.set(at));
}

/// Where the list (or article text) drawn last put its selection, and
/// forget it: `render` asks after drawing each pane.
pub fn take_selected() -> Option<Position> {
    SELECTED_AT.with(|c| c.take())
}

/// Note the top-left of a pane's text as its selection (the article).
pub fn note_text_at(area: Rect) {
    note_selected(area, 0);
}

/// Render a list whose selectable rows are a subset of its items; keeps
/// the scroll offset in `offset` between frames.
pub fn render_list(
    frame: &mut Frame,
    area: Rect,
    items: Vec<ListItem<'static>>,
    selected: Option<usize>,
    offset: &Cell<usize>,
    highlight: ratatui::style::Style,
) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let len = items.len();
    let heights: Vec<usize> = items.iter().map(|i| i.height()).collect();
    let mut state = ListState::default()
        .with_offset(offset.get().min(len.saturating_sub(1)))
        .with_selected(selected.filter(|s| *s < len));
    let list = List::new(items).highlight_style(highlight);
    frame.render_stateful_widget(list, area, &mut state);
    offset.set(state.offset());
    match state.selected() {
        Some(sel) if sel >= state.offset() => {
            note_selected(area, heights[state.offset()..sel].iter().sum())
        }
        _ => SELECTED_AT.with(|c| c.set(None)),
    }
}

/// `render_list` for long lists: only the items that fit are built. Item
/// `i` is `height(i)` lines high; the list scrolls as ratatui's does (as
/// little as keeps the selected item in view).
#[allow(clippy::too_many_arguments)]
pub fn render_lazy_list(
    frame: &mut Frame,
    area: Rect,
    len: usize,
    height: impl Fn(usize) -> usize,
    item: impl Fn(usize) -> ListItem<'static>,
    selected: Option<usize>,
    offset: &Cell<usize>,
    highlight: ratatui::style::Style,
) {
    if area.width == 0 || area.height == 0 || len == 0 {
        return;
    }
    let rows = area.height as usize;
    let selected = selected.filter(|s| *s < len);
    let mut first = offset.get().min(len - 1);
    if let Some(sel) = selected {
        if sel < first {
            first = sel;
        } else {
            // Scroll down until the selected item's last line is in view.
            let mut used: usize = (first..=sel).map(&height).sum();
            while used > rows && first < sel {
                used -= height(first);
                first += 1;
            }
        }
    }
    let mut items = Vec::new();
    let mut used = 0;
    let mut i = first;
    while i < len && used < rows {
        used += height(i);
        items.push(item(i));
        i += 1;
    }
    let mut state = ListState::default().with_selected(selected.map(|s| s - first));
    let list = List::new(items).highlight_style(highlight);
    frame.render_stateful_widget(list, area, &mut state);
    offset.set(first + state.offset());
    match selected {
        Some(sel) if sel >= first + state.offset() => {
            note_selected(area, (first + state.offset()..sel).map(&height).sum())
        }
        _ => SELECTED_AT.with(|c| c.set(None)),
    }
}

/// Spans of `text` (cleaned for one line) with the chars at `positions`
/// (char indices into `text`) in `hi`.
pub fn highlighted(
    text: &str,
    positions: &[usize],
    base: ratatui::style::Style,
    hi: ratatui::style::Style,
) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut cur = String::new();
    let mut cur_hi = false;
    // Whole escape sequences go (no residue); `i` stays the position in
    // the original text, which is what the matcher's positions count.
    for (i, c) in crate::sanitize::clean_indexed(text) {
        let c = if c == '\n' || c == '\t' { ' ' } else { c };
        let h = positions.binary_search(&i).is_ok();
        if h != cur_hi && !cur.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut cur),
                if cur_hi { hi } else { base },
            ));
        }
        cur_hi = h;
        cur.push(c);
    }
    if !cur.is_empty() {
        spans.push(Span::styled(cur, if cur_hi { hi } else { base }));
    }
    spans
}

/// Cut a line of spans to `w` columns (with "…" when cut).
pub fn truncate_spans(spans: Vec<Span<'static>>, w: usize) -> Line<'static> {
    let total: usize = spans.iter().map(|s| width(&s.content)).sum();
    if total <= w {
        return Line::from(spans);
    }
    let mut out = Vec::new();
    let mut used = 0;
    let budget = w.saturating_sub(1);
    for s in spans {
        let sw = width(&s.content);
        if used + sw <= budget {
            used += sw;
            out.push(s);
            continue;
        }
        let mut part = String::new();
        for c in s.content.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > budget {
                break;
            }
            used += cw;
            part.push(c);
        }
        out.push(Span::styled(part, s.style));
        break;
    }
    if w > 0 {
        out.push(Span::raw("…"));
    }
    Line::from(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fit_cuts_by_display_width_and_cleans() {
        assert_eq!(fit("Åsa Danielsson", 20), "Åsa Danielsson");
        assert_eq!(fit("Åsa Danielsson", 5), "Åsa …");
        assert_eq!(fit("a\u{1b}[2Jb", 10), "ab");
        assert_eq!(pad("ab", 4), "ab  ");
        assert_eq!(fit("abc", 0), "");
    }

    #[test]
    fn highlighted_drops_whole_sequences_and_keeps_hit_positions() {
        let hi = ratatui::style::Style::new().bold();
        let base = ratatui::style::Style::new();
        // "Så" then an OSC 52 clipboard write, then "fia": the hit is the
        // "fia" after the sequence, counted in the original text.
        let text = "Så\u{1b}]52;c;SGk=\u{7}fia";
        let start = text.chars().position(|c| c == 'f').unwrap();
        let spans = highlighted(text, &[start, start + 1, start + 2], base, hi);
        let shown: String = spans.iter().map(|s| s.content.as_ref()).collect();
        assert_eq!(shown, "Såfia", "no residue of the sequence");
        let lit: String = spans
            .iter()
            .filter(|s| s.style == hi)
            .map(|s| s.content.as_ref())
            .collect();
        assert_eq!(lit, "fia");
    }
}
