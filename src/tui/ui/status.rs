//! The status bar: where you are, and the keys for what has focus.

use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::Paragraph;
use ratatui::Frame;

use super::{fit, width};
use crate::tui::action::Action;
use crate::tui::app::{App, Find, Focus, LeftMode, View};
use crate::tui::keymap::Mode;

/// Where the user is, as "Nummer › 3 okt 2025 › Titel".
pub fn location(app: &App) -> String {
    let w = app.words;
    let mut parts: Vec<String> = Vec::new();
    parts.push(
        match app.left {
            LeftMode::Issues => w.issues,
            LeftMode::Topics => w.topics,
        }
        .to_string(),
    );
    let issue = match app.view {
        View::Issue(i) | View::Article(i, _) => app.corpus.issues.get(i),
        View::Nothing => None,
    };
    if let Some(is) = issue {
        parts.push(w.issue_date(is).unwrap_or_else(|| is.title.clone()));
    }
    if let View::Article(i, a) = app.view {
        if let Some(art) = app.corpus.issues.get(i).and_then(|is| is.articles.get(a)) {
            parts.push(art.title.clone());
        }
    }
    parts.join(" › ")
}

/// The actions hinted for the current mode and focus, most useful first.
pub fn hint_actions(app: &App) -> (Mode, Vec<Action>) {
    use Action as A;
    let mode = app.mode();
    let list = match mode {
        Mode::Normal => match app.focus {
            Focus::Left => vec![
                A::Down,
                A::Open,
                A::Jump,
                A::Help,
                A::NextUnread,
                A::ToggleTopics,
                A::Contacts,
                A::NextPane,
                A::Quit,
            ],
            Focus::Article => vec![
                A::PageDown,
                A::Down,
                A::Back,
                A::OpenLink,
                A::Jump,
                A::Help,
                A::NextUnread,
                A::ToggleBookmark,
                A::Contacts,
                A::Top,
                A::Bottom,
                A::Quit,
            ],
            Focus::Meetings => vec![
                A::Down,
                A::Open,
                A::ToggleMonth,
                A::GoToDate,
                A::ExportMeeting,
                A::Today,
                A::Jump,
                A::Help,
                A::Contacts,
                A::NextPane,
                A::Quit,
            ],
        },
        Mode::Jump | Mode::Contacts => vec![A::Down, A::Open, A::ClearInput, A::Close, A::Quit],
        Mode::Card => vec![A::Down, A::Open, A::Close, A::Help, A::Quit],
        Mode::Help => vec![A::Down, A::PageDown, A::Close, A::Quit],
        Mode::Bookmarks => vec![A::Down, A::Open, A::ToggleBookmark, A::Close, A::Quit],
    };
    // The link key only where there are links to open.
    let has_links = match app.view {
        View::Article(i, a) => app
            .corpus
            .issues
            .get(i)
            .and_then(|is| is.articles.get(a))
            .is_some_and(|art| !crate::tui::links::article_links(art).is_empty()),
        _ => false,
    };
    let list = list
        .into_iter()
        .filter(|a| *a != A::OpenLink || has_links)
        .collect();
    (mode, list)
}

/// Hints as (keys, word) pairs; Up and Down are written together ("j/k").
pub fn hints(app: &App) -> Vec<(String, String)> {
    let (mode, list) = hint_actions(app);
    let km = &app.keymap;
    let w = app.words;
    // While a find is on, n/N step through its matches rather than going
    // to the next unread article: say so first, in its place.
    let finding = mode == Mode::Normal && app.find.as_ref().is_some_and(|f| !f.typing);
    let mut out = Vec::new();
    if finding {
        out.push(("n/N".to_string(), w.find_step_hint.to_string()));
    }
    out.extend(
        list.into_iter()
            .filter(|a| !(finding && *a == Action::NextUnread))
            .filter_map(|a| {
                let first = km.keys_for(mode, a).first()?.label();
                if a == Action::Down {
                    let up = km.keys_for(mode, Action::Up).first().map(|k| k.label());
                    let keys = match up {
                        Some(u) => format!("{first}/{u}"),
                        None => first,
                    };
                    return Some((keys, w.action("move", true).to_string()));
                }
                Some((first, w.action(a.name(), true).to_string()))
            }),
    );
    out
}

/// The status bar; `finds` are the lines of the find's matches in the
/// article as this frame drew it.
pub fn render(frame: &mut Frame, app: &App, area: Rect, finds: &[usize]) {
    let t = &app.theme;
    let total = area.width as usize;
    let mut left: Vec<Span<'static>> = Vec::new();
    if app.is_embedded() {
        left.push(Span::styled(
            format!(" {} ", app.words.embedded),
            t.status_note(),
        ));
    }
    if let Some((done, total)) = app.load_progress {
        let msg = app
            .words
            .loading
            .replace("{done}", &app.words.number(done))
            .replace("{total}", &app.words.number(total));
        left.push(Span::styled(format!(" {msg} … "), t.status_note()));
    }
    if let Some(f) = &app.find {
        left.push(find_span(app, f, finds.len()));
    }
    let new = app.new_issue_count();
    if new > 0 && app.notes.is_empty() {
        let msg = app
            .words
            .count(new, app.words.new_since_one, app.words.new_since);
        left.push(Span::styled(format!(" {msg} "), t.status_note()));
    }
    if !app.notes.is_empty() {
        // A message (config problem, bookmark added…) takes the bar.
        let used: usize = left.iter().map(|s| width(&s.content)).sum();
        let msg = format!(" {} ", app.notes.join(" · "));
        left.push(Span::styled(
            fit(&msg, total.saturating_sub(used)),
            t.status_note(),
        ));
        let used: usize = left.iter().map(|s| width(&s.content)).sum();
        left.push(Span::styled(
            " ".repeat(total.saturating_sub(used)),
            t.status(),
        ));
        frame.render_widget(Paragraph::new(Line::from(left)).style(t.status()), area);
        return;
    }
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    // Hints take what the location leaves, the location at least a third.
    let mut hint_spans: Vec<Span<'static>> = Vec::new();
    let mut hint_w = 0;
    let budget = total.saturating_sub(used + (total / 3).max(12));
    for (k, word) in hints(app) {
        let piece = width(&k) + 1 + width(&word) + 2;
        if hint_w + piece > budget {
            break;
        }
        hint_w += piece;
        hint_spans.push(Span::styled(k, t.status_key()));
        hint_spans.push(Span::styled(format!(" {word}  "), t.status()));
    }
    let loc_w = total.saturating_sub(used + hint_w + 2);
    left.push(Span::styled(
        format!(" {}", fit(&location(app), loc_w)),
        t.status(),
    ));
    let used: usize = left.iter().map(|s| width(&s.content)).sum();
    let gap = total.saturating_sub(used + hint_w);
    left.push(Span::styled(" ".repeat(gap), t.status()));
    left.extend(hint_spans);
    frame.render_widget(Paragraph::new(Line::from(left)).style(t.status()), area);
}

/// The find line while it is typed ("Sök i artikeln: planer▏"), else the
/// query with where its match is ("”planer” 3/7").
fn find_span(app: &App, f: &Find, count: usize) -> Span<'static> {
    let t = &app.theme;
    let q = fit(&f.query, 40);
    if f.typing {
        return Span::styled(format!(" {}{q}▏ ", app.words.find_prompt), t.input());
    }
    let at = if count == 0 {
        app.words.find_none.to_string()
    } else {
        format!("{}/{count}", f.current.min(count - 1) + 1)
    };
    Span::styled(format!(" ”{q}” {at} "), t.status_note())
}
