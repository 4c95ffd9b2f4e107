//! Centre pane: an article (header, title, body from its blocks, contacts,
//! people mentioned) or an issue's overview, wrapped to the pane's width.

use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

use super::{fit, ArticleDrawn};
use crate::corpus::search::{self, Query};
use crate::corpus::{Article, Block, Issue, IssueKind};
use crate::sanitize::clean_line;
use crate::tui::app::{App, Focus, View};

/// Longest line the text is wrapped to, however wide the pane.
const MAX_MEASURE: u16 = 88;

/// The area the text is drawn in: inside the border, one column of margin
/// left and one right (for the scroll bar).
fn text_area(center: Rect) -> Rect {
    let inner = center.inner(Margin::new(1, 1));
    Rect::new(
        inner.x + 1,
        inner.y,
        inner.width.saturating_sub(2).min(MAX_MEASURE),
        inner.height,
    )
}

fn wrap_into(
    out: &mut Vec<Line<'static>>,
    text: &str,
    width: u16,
    first: &str,
    rest: &str,
    style: Style,
) {
    let text = clean_line(text);
    let opts = textwrap::Options::new(width.max(1) as usize)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    for l in textwrap::wrap(text.trim(), opts) {
        out.push(Line::styled(l.into_owned(), style));
    }
}

/// The lines of whatever the centre pane shows, wrapped to `width`.
pub fn lines(app: &App, width: u16) -> Vec<Line<'static>> {
    match app.view {
        View::Nothing => {
            let mut out = Vec::new();
            let msg = if app.corpus.issues.is_empty() {
                app.words.no_issues
            } else {
                app.words.nothing_open
            };
            wrap_into(&mut out, msg, width, "", "", app.theme.dim());
            out
        }
        View::Issue(i) => match app.corpus.issues.get(i) {
            Some(issue) => issue_lines(app, issue, width),
            None => Vec::new(),
        },
        View::Article(i, a) => match app.corpus.issues.get(i) {
            Some(issue) => match issue.articles.get(a) {
                Some(art) => article_lines(app, issue, art, width),
                None => Vec::new(),
            },
            None => Vec::new(),
        },
    }
}

fn issue_header(app: &App, issue: &Issue) -> String {
    let w = app.words;
    let kind = match issue.kind {
        IssueKind::Newsletter => w.newsletter,
        IssueKind::Document => w.document,
    };
    let date = w.issue_date(issue).unwrap_or_else(|| w.undated.to_string());
    format!("{kind} · {date}")
}

fn issue_lines(app: &App, issue: &Issue, width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let w = app.words;
    let mut out = Vec::new();
    wrap_into(&mut out, &issue_header(app, issue), width, "", "", t.date());
    wrap_into(&mut out, &issue.title, width, "", "", t.title());
    out.push(Line::raw(""));
    out.push(Line::styled(
        format!(
            "{} {} · {} {}",
            issue.articles.len(),
            w.articles_count,
            issue.meetings.len(),
            w.meetings_count
        ),
        t.dim(),
    ));
    out.push(Line::raw(""));
    out.push(Line::styled(w.contents.to_string(), t.heading()));
    for (n, a) in issue.articles.iter().enumerate() {
        let num = format!("{:>2}. ", n + 1);
        wrap_into(&mut out, &a.title, width, &num, "    ", Style::new());
    }
    if !issue.meetings.is_empty() {
        out.push(Line::raw(""));
        out.push(Line::styled(capitalize(w.meetings_count), t.heading()));
        for m in &issue.meetings {
            let mut s = w.date(m.date);
            if let Some(st) = m.start {
                s.push_str(&format!(" {}", st.format("%H:%M")));
            }
            let past = m.date < app.today;
            let style = if past { t.past() } else { Style::new() };
            wrap_into(
                &mut out,
                &format!("{s}  {}", m.title),
                width,
                "  ",
                "    ",
                style,
            );
        }
    }
    out
}

fn article_lines(app: &App, issue: &Issue, art: &Article, width: u16) -> Vec<Line<'static>> {
    let t = &app.theme;
    let w = app.words;
    let mut out = Vec::new();
    // Header: issue, date, topic path.
    let head = format!(
        "{} · {}",
        issue_header(app, issue),
        clean_line(&issue.title)
    );
    out.push(Line::styled(fit(&head, width as usize), t.dim()));
    if !art.topic.is_empty() {
        let path = art.topic.join(" › ");
        wrap_into(&mut out, &path, width, "", "", t.topic());
    } else if let Some(sec) = &art.section {
        wrap_into(&mut out, sec, width, "", "", t.topic());
    }
    out.push(Line::raw(""));
    wrap_into(&mut out, &art.title, width, "", "", t.title());
    out.push(Line::raw(""));
    for b in &art.blocks {
        match b {
            Block::Paragraph(p) => {
                wrap_into(&mut out, p, width, "", "", Style::new());
                out.push(Line::raw(""));
            }
            Block::Heading(h) => {
                wrap_into(&mut out, h, width, "", "", t.heading());
            }
            Block::List(items) => {
                for i in items {
                    wrap_into(&mut out, i, width, "  • ", "    ", Style::new());
                }
                out.push(Line::raw(""));
            }
            Block::Caption(c) => {
                wrap_into(&mut out, c, width, "  ▏", "  ▏", t.caption());
                out.push(Line::raw(""));
            }
            Block::Link(l) => {
                wrap_into(&mut out, l, width, "→ ", "  ", t.link());
                out.push(Line::raw(""));
            }
        }
    }
    // Who to contact.
    let contacts: Vec<_> = art
        .contacts
        .iter()
        .filter(|c| c.name.is_some() || c.email.is_some())
        .collect();
    if !contacts.is_empty() {
        out.push(Line::styled(w.contact_heading.to_string(), t.heading()));
        for c in contacts {
            let person = c
                .name
                .as_ref()
                .and_then(|n| app.corpus.people.iter().find(|p| &p.name == n));
            let role = c
                .role
                .clone()
                .or_else(|| person.and_then(|p| p.roles.first().cloned()));
            let mut s = c.name.clone().unwrap_or_default();
            if let Some(r) = role {
                if !s.is_empty() {
                    s.push_str(", ");
                }
                s.push_str(&r);
            }
            if !s.is_empty() {
                wrap_into(&mut out, &s, width, "  ", "    ", t.bold());
            }
            let email = c
                .email
                .clone()
                .or_else(|| person.and_then(|p| p.emails.first().cloned()));
            if let Some(e) = email {
                out.push(Line::styled(
                    fit(&format!("  {e}"), width as usize),
                    t.email(),
                ));
            }
        }
        out.push(Line::raw(""));
    }
    // Who is mentioned.
    if !art.people.is_empty() {
        out.push(Line::styled(w.mentioned_heading.to_string(), t.heading()));
        for p in &art.people {
            let mut s = p.name.clone();
            if let Some(r) = &p.role {
                s.push_str(&format!(", {r}"));
            }
            if let Some(o) = &p.org {
                s.push_str(&format!(" ({o})"));
            }
            wrap_into(&mut out, &s, width, "  ", "    ", Style::new());
        }
    }
    while out
        .last()
        .is_some_and(|l| l.spans.is_empty() || l.width() == 0)
    {
        out.pop();
    }
    out
}

/// Draw the article pane; with it, the line of each match of the find.
pub fn render(frame: &mut Frame, app: &App, area: Rect) -> (ArticleDrawn, Vec<usize>) {
    let focused = app.focus == Focus::Article;
    let t = &app.theme;
    let text = text_area(area);
    let mut lines = lines(app, text.width.max(1));
    let total = lines.len();
    let page = text.height as usize;
    let max = total.saturating_sub(page);
    let mut scroll = app.scroll.min(max);
    let mut hit_scroll = None;
    let mut finds = Vec::new();
    if let Some(f) = app.find.as_ref().filter(|f| !f.query.trim().is_empty()) {
        let current = (!f.typing).then_some(f.current);
        finds = mark_hits(&mut lines, &f.query, t.matched(), current);
    } else if let Some(f) = app.found.as_ref().filter(|f| f.view == app.view) {
        let first = mark_hits(&mut lines, &f.query, t.matched(), None)
            .first()
            .copied();
        if f.pending {
            // The first hit, with two lines of context above it.
            hit_scroll = first.map(|l| l.saturating_sub(2).min(max));
            scroll = hit_scroll.unwrap_or(scroll);
        }
    }
    let mut block = t.block(focused).title(format!(" {} ", app.words.article));
    if total > 0 {
        let last = (scroll + page).min(total);
        let pos = format!(" {}–{} {} {} ", scroll + 1, last, app.words.line_of, total);
        block = block.title_bottom(Line::from(pos).right_aligned());
    }
    frame.render_widget(block, area);
    let visible: Vec<Line<'static>> = lines.into_iter().skip(scroll).take(page).collect();
    frame.render_widget(Paragraph::new(visible), text);
    super::note_text_at(text);
    if total > page && area.height > 2 {
        let mut sb = ScrollbarState::new(max).position(scroll);
        frame.render_stateful_widget(
            Scrollbar::new(ScrollbarOrientation::VerticalRight)
                .begin_symbol(None)
                .end_symbol(None),
            area.inner(Margin::new(0, 1)),
            &mut sb,
        );
    }
    let drawn = ArticleDrawn {
        view: app.view,
        page,
        lines: total,
        hit_scroll,
    };
    (drawn, finds)
}

/// Restyle the hits of `query` in each line with `hi` (the `current`-th
/// hit also reversed); the line of each hit, in order. Lines are matched
/// one by one, so a phrase wrapped over two lines is not marked.
fn mark_hits(
    lines: &mut [Line<'static>],
    query: &str,
    hi: Style,
    current: Option<usize>,
) -> Vec<usize> {
    let query = Query::parse(query);
    let mut found = Vec::new();
    if query.is_empty() {
        return found;
    }
    for (n, line) in lines.iter_mut().enumerate() {
        let text: String = line.spans.iter().map(|s| s.content.as_ref()).collect();
        let marks = search::marks(&query.find(&text));
        if marks.is_empty() {
            continue;
        }
        // The index of this line's first hit among all hits.
        let base = found.len();
        found.extend(std::iter::repeat_n(n, marks.len()));
        let mut spans = Vec::new();
        let mut at = 0;
        for span in std::mem::take(&mut line.spans) {
            let end = at + span.content.len();
            // Cut points inside this span: hit starts and ends.
            let mut cuts: Vec<usize> = marks
                .iter()
                .flat_map(|r| [r.start, r.end])
                .filter(|&c| c > at && c < end)
                .collect();
            cuts.sort_unstable();
            cuts.dedup();
            cuts.push(end);
            let mut from = at;
            for cut in cuts {
                let piece = &span.content[from - at..cut - at];
                let style = match marks.iter().position(|r| r.start <= from && from < r.end) {
                    Some(i) if current == Some(base + i) => {
                        span.style.patch(hi).add_modifier(Modifier::REVERSED)
                    }
                    Some(_) => span.style.patch(hi),
                    None => span.style,
                };
                spans.push(Span::styled(piece.to_string(), style));
                from = cut;
            }
            at = end;
        }
        line.spans = spans;
    }
    found
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
