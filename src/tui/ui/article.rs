//! Centre pane: an article (header, title, body from its blocks, contacts,
//! people mentioned) or an issue's overview, wrapped to the pane's width.

use ratatui::layout::{Margin, Rect};
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Scrollbar, ScrollbarOrientation, ScrollbarState};
use ratatui::Frame;

use super::{fit, width as text_width, ArticleDrawn};
use crate::corpus::search::{self, Query};
use crate::corpus::text::{fold, nfc};
use crate::corpus::{Article, Block, Issue, IssueKind};
use crate::i18n::link_words;
use crate::sanitize::clean_line;
use crate::tui::app::{App, Focus, View};
use crate::tui::links::{article_links, hyperlink, ArticleLink};

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

/// Where a link is drawn in the text: wrapped line `line`, columns
/// `x..x + width` of the text area, link `link` (0-based) of the article.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LinkSpot {
    pub line: usize,
    pub x: u16,
    pub width: u16,
    pub link: usize,
}

/// The centre pane's text: its lines, and where the links are in them.
#[derive(Default)]
pub struct Text {
    pub lines: Vec<Line<'static>>,
    pub spots: Vec<LinkSpot>,
    /// The article's numbered links (empty for anything else).
    pub links: Vec<ArticleLink>,
}

/// The centre pane's text with its links.
pub fn text(app: &App, width: u16) -> Text {
    if let View::Article(i, a) = app.view {
        // With its text, which the library may read from the index.
        if let Some(issue) = app.corpus.whole_issue(i) {
            if let Some(art) = issue.articles.get(a) {
                return article_text(app, &issue, art, width);
            }
        }
    }
    Text {
        lines: other_lines(app, width),
        ..Text::default()
    }
}

fn other_lines(app: &App, width: u16) -> Vec<Line<'static>> {
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
        View::Article(..) => Vec::new(),
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

/// An article's links while its text is laid out: which have been marked
/// in the text, and where each was drawn.
struct Layout {
    links: Vec<ArticleLink>,
    placed: Vec<bool>,
    spots: Vec<LinkSpot>,
    /// Style of the "[n]" after a link's text.
    marker: Style,
}

/// A part of a text that is a link's text or its "[n]" marker.
#[derive(Clone, Copy, Debug)]
struct Mark {
    start: usize,
    end: usize,
    link: usize,
    marker: bool,
}

/// A text (NFC) folded for finding link texts in it, with the way back to
/// its bytes.
struct Haystack {
    /// The folded chars, and for each the index of its char in the text.
    chars: Vec<char>,
    map: Vec<usize>,
    /// Byte offset of each char of the text, and its length at the end.
    starts: Vec<usize>,
}

impl Haystack {
    fn new(hay: &str) -> Haystack {
        let folded = fold(hay);
        Haystack {
            chars: folded.text.chars().collect(),
            map: folded.map,
            starts: hay
                .char_indices()
                .map(|(b, _)| b)
                .chain(std::iter::once(hay.len()))
                .collect(),
        }
    }
}

/// Byte ranges of `needle` in the text as whole words, matched folded
/// (case, accents, dashes and quotes as the jump matches them).
fn find_words(hay: &Haystack, needle: &str) -> Vec<(usize, usize)> {
    let key = crate::corpus::text::fold_str(needle);
    let key = key.trim();
    if key.chars().count() < 2 {
        return Vec::new();
    }
    let (chars, starts) = (&hay.chars, &hay.starts);
    let key: Vec<char> = key.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i + key.len() <= chars.len() {
        let word_start = i == 0 || !chars[i - 1].is_alphanumeric();
        let end = i + key.len();
        let word_end = end == chars.len() || !chars[end].is_alphanumeric();
        if word_start && word_end && chars[i..end] == key[..] {
            let (Some(&a), Some(&b)) = (hay.map.get(i), hay.map.get(end - 1)) else {
                break;
            };
            if let (Some(&s), Some(&e)) = (starts.get(a), starts.get(b + 1)) {
                out.push((s, e));
            }
            i = end;
        } else {
            i += 1;
        }
    }
    out
}

impl Layout {
    fn new(app: &App, art: &Article) -> Layout {
        let links = article_links(art);
        Layout {
            placed: vec![false; links.len()],
            links,
            spots: Vec::new(),
            marker: app.theme.link().remove_modifier(Modifier::UNDERLINED),
        }
    }

    /// The first unplaced occurrence of each link not yet marked in `text`.
    fn marks(&mut self, text: &str) -> Vec<Mark> {
        let mut found: Vec<Mark> = Vec::new();
        if self.placed.iter().all(|p| *p) {
            return found;
        }
        let text = Haystack::new(text);
        for (n, link) in self.links.iter().enumerate() {
            if self.placed[n] {
                continue;
            }
            let hit = link.texts.iter().find_map(|t| {
                find_words(&text, t)
                    .into_iter()
                    .find(|&(s, e)| !found.iter().any(|m| s < m.end && m.start < e))
            });
            if let Some((start, end)) = hit {
                self.placed[n] = true;
                found.push(Mark {
                    start,
                    end,
                    link: n,
                    marker: false,
                });
            }
        }
        found.sort_by_key(|m| m.start);
        found
    }
}

/// `wrap_into`, marking the article's links that `text` shows: the link's
/// text underlined and followed by its number ("här [2]"), both recorded
/// as where the link is drawn.
#[allow(clippy::too_many_arguments)]
fn wrap_linked(
    out: &mut Vec<Line<'static>>,
    layout: &mut Layout,
    text: &str,
    width: u16,
    first: &str,
    rest: &str,
    style: Style,
) {
    let cleaned = nfc(clean_line(text).trim().to_string());
    let marks = layout.marks(&cleaned);
    if marks.is_empty() {
        return wrap_into(out, text, width, first, rest, style);
    }
    // The text with " [n]" after each link (a no-break space: the number
    // stays with the word), and where the links and numbers are in it.
    let mut full = String::with_capacity(cleaned.len() + 8 * marks.len());
    let mut ranges: Vec<Mark> = Vec::new();
    let mut at = 0;
    for m in &marks {
        full.push_str(&cleaned[at..m.start]);
        let s = full.len();
        full.push_str(&cleaned[m.start..m.end]);
        ranges.push(Mark {
            start: s,
            end: full.len(),
            ..*m
        });
        full.push('\u{a0}');
        let s = full.len();
        full.push_str(&format!("[{}]", m.link + 1));
        ranges.push(Mark {
            start: s,
            end: full.len(),
            link: m.link,
            marker: true,
        });
        at = m.end;
    }
    full.push_str(&cleaned[at..]);
    let opts = textwrap::Options::new(width.max(1) as usize)
        .initial_indent(first)
        .subsequent_indent(rest)
        .word_splitter(textwrap::WordSplitter::NoHyphenation);
    let mut cursor = 0;
    for (i, wrapped) in textwrap::wrap(&full, opts).into_iter().enumerate() {
        let indent = if i == 0 { first } else { rest };
        let body = wrapped.strip_prefix(indent).unwrap_or(&wrapped);
        let Some(pos) = full.get(cursor..).and_then(|r| r.find(body)) else {
            out.push(Line::styled(wrapped.into_owned(), style));
            continue;
        };
        let (ls, le) = (cursor + pos, cursor + pos + body.len());
        cursor = le;
        let line = out.len();
        let mut spans = vec![Span::styled(indent.to_string(), style)];
        let mut x = text_width(indent);
        let mut at = ls;
        let cut =
            |spans: &mut Vec<Span<'static>>, x: &mut usize, from: usize, to: usize, st: Style| {
                if to > from {
                    let piece = &full[from..to];
                    spans.push(Span::styled(piece.to_string(), st));
                    *x += text_width(piece);
                }
            };
        for r in ranges.iter().filter(|r| r.start < le && r.end > ls) {
            let (s, e) = (r.start.max(ls), r.end.min(le));
            cut(&mut spans, &mut x, at, s, style);
            let st = if r.marker {
                layout.marker
            } else {
                style.add_modifier(Modifier::UNDERLINED)
            };
            let x0 = x;
            cut(&mut spans, &mut x, s, e, st);
            layout.spots.push(LinkSpot {
                line,
                x: x0 as u16,
                width: (x - x0) as u16,
                link: r.link,
            });
            at = e;
        }
        cut(&mut spans, &mut x, at, le, style);
        out.push(Line::from(spans));
    }
}

/// The list of the article's URLs at its end: "[2] https://…", a long URL
/// cut over lines under itself; a link whose text is not in the article
/// has that text under its URL.
fn link_list(app: &App, out: &mut Vec<Line<'static>>, layout: &mut Layout, width: u16) {
    if layout.links.is_empty() {
        return;
    }
    let t = &app.theme;
    out.push(Line::raw(""));
    out.push(Line::styled(
        link_words(app.words.lang).heading.to_string(),
        t.heading(),
    ));
    let width = width.max(1) as usize;
    for (n, link) in layout.links.iter().enumerate() {
        let prefix = format!("[{}] ", n + 1);
        let pw = text_width(&prefix);
        let room = width.saturating_sub(pw).max(8);
        let mut pieces: Vec<String> = Vec::new();
        let mut piece = String::new();
        let mut used = 0;
        for c in link.url.chars() {
            let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
            if used + cw > room && !piece.is_empty() {
                pieces.push(std::mem::take(&mut piece));
                used = 0;
            }
            piece.push(c);
            used += cw;
        }
        pieces.push(piece);
        for (i, p) in pieces.into_iter().enumerate() {
            let lead = if i == 0 {
                Span::styled(prefix.clone(), layout.marker)
            } else {
                Span::raw(" ".repeat(pw))
            };
            layout.spots.push(LinkSpot {
                line: out.len(),
                x: pw as u16,
                width: text_width(&p) as u16,
                link: n,
            });
            out.push(Line::from(vec![lead, Span::styled(p, t.link())]));
        }
        if !layout.placed[n] {
            if let Some(text) = link.texts.first() {
                let pad = " ".repeat(pw);
                wrap_into(out, text, width as u16, &pad, &pad, t.dim());
            }
        }
    }
}

fn article_text(app: &App, issue: &Issue, art: &Article, width: u16) -> Text {
    let t = &app.theme;
    let w = app.words;
    let mut layout = Layout::new(app, art);
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
    let lay = &mut layout;
    wrap_linked(&mut out, lay, &art.title, width, "", "", t.title());
    out.push(Line::raw(""));
    for b in &art.blocks {
        match b {
            Block::Paragraph(p) => {
                wrap_linked(&mut out, lay, p, width, "", "", Style::new());
                out.push(Line::raw(""));
            }
            Block::Heading(h) => {
                wrap_linked(&mut out, lay, h, width, "", "", t.heading());
            }
            Block::List(items) => {
                for i in items {
                    wrap_linked(&mut out, lay, i, width, "  • ", "    ", Style::new());
                }
                out.push(Line::raw(""));
            }
            Block::Caption(c) => {
                wrap_linked(&mut out, lay, c, width, "  ▏", "  ▏", t.caption());
                out.push(Line::raw(""));
            }
            Block::Link(l) => {
                wrap_linked(&mut out, lay, l, width, "→ ", "  ", t.link());
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
    link_list(app, &mut out, &mut layout, width);
    Text {
        lines: out,
        spots: layout.spots,
        links: layout.links,
    }
}

/// Draw the article pane; with it, the line of each match of the find.
pub fn render(frame: &mut Frame, app: &App, area: Rect) -> (ArticleDrawn, Vec<usize>) {
    let focused = app.focus == Focus::Article;
    let t = &app.theme;
    let text = text_area(area);
    let Text {
        mut lines,
        spots,
        links,
    } = self::text(app, text.width.max(1));
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
    // Hyperlinks: only while nothing is drawn over the article.
    if app.links.hyperlinks && app.overlays.is_empty() {
        for s in spots
            .iter()
            .filter(|s| s.line >= scroll && s.line < scroll + page)
        {
            let Some(link) = links.get(s.link) else {
                continue;
            };
            let at = Rect::new(
                text.x.saturating_add(s.x),
                text.y + (s.line - scroll) as u16,
                s.width,
                1,
            )
            .intersection(text);
            hyperlink(frame.buffer_mut(), at, &link.url);
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn link_texts_are_found_as_whole_words_folded() {
        let text = "Läs mer här: LÄS MER om arbetet, läsmer inte.";
        let hay = Haystack::new(text);
        let found: Vec<&str> = find_words(&hay, "läs mer")
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(found, ["Läs mer", "LÄS MER"]);
        assert!(find_words(&hay, "arbete").is_empty(), "not inside a word");
        assert!(
            find_words(&hay, "x").is_empty(),
            "too short to mean anything"
        );
    }
}
