//! The people directory popup (filtered as you type) and a person's card.

use ratatui::layout::{Constraint, Layout};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, ListItem, Paragraph};
use ratatui::Frame;

use super::{fit, framed_popup, overlay_area, pad, query_line, render_list, width};
use crate::tui::app::{App, CardState, ContactsState};

/// Column widths (name, role, organisation, e-mail) for a row width; an
/// organisation or e-mail column no listed person has is left out (width
/// 0) and its room goes to the role.
fn columns(avail: usize, org: bool, email: bool) -> [usize; 4] {
    let name = (avail * 30 / 100).max(12);
    let org = if org { avail * 17 / 100 } else { 0 };
    let email_w = if email { avail * 25 / 100 } else { 0 };
    let gaps = 1 + usize::from(org > 0) + usize::from(email_w > 0);
    let role = avail.saturating_sub(name + org + email_w + gaps);
    [name, role, org, email_w]
}

/// The cells of a row, each padded to its column; columns of width 0 are
/// left out.
fn cells(cells: [&str; 4], cols: [usize; 4]) -> impl Iterator<Item = (usize, &str, usize)> {
    cells
        .into_iter()
        .zip(cols)
        .enumerate()
        .filter(|(_, (_, w))| *w > 0)
        .map(|(i, (c, w))| (i, c, w))
}

fn row(texts: [&str; 4], cols: [usize; 4]) -> String {
    let mut s = String::new();
    for (_, c, w) in cells(texts, cols) {
        if !s.is_empty() {
            s.push(' ');
        }
        s.push_str(&pad(c, w));
    }
    s
}

pub fn render(frame: &mut Frame, app: &App, st: &ContactsState) {
    let t = &app.theme;
    let w = app.words;
    let count = format!(
        " {}/{} {} ",
        st.hits.len(),
        app.corpus.people.len(),
        w.people_count
    );
    let Some(inner) = framed_popup(frame, app, w.contacts_title, count, (10, 4)) else {
        return;
    };
    let [query_area, rule_area, head_area, list_area] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Length(1),
        Constraint::Min(0),
    ])
    .areas(inner);
    let prompt = format!("{}: ", w.filter);
    query_line(frame, app, [query_area, rule_area], &prompt, st);
    let people = || st.hits.iter().filter_map(|&p| app.corpus.people.get(p));
    let cols = columns(
        list_area.width as usize,
        people().any(|p| !p.orgs.is_empty()),
        people().any(|p| !p.emails.is_empty()),
    );
    frame.render_widget(
        Paragraph::new(row([w.col_name, w.col_role, w.col_org, w.col_email], cols))
            .style(t.heading()),
        head_area,
    );
    if st.hits.is_empty() {
        frame.render_widget(Paragraph::new(w.no_people).style(t.dim()), list_area);
        return;
    }
    let items: Vec<ListItem<'static>> = st
        .hits
        .iter()
        .map(|&pi| {
            let p = &app.corpus.people[pi];
            let role = p.roles.first().map(String::as_str).unwrap_or("");
            let org = p.orgs.first().map(String::as_str).unwrap_or("");
            let email = p.emails.first().map(String::as_str).unwrap_or("");
            let mut spans = Vec::new();
            for (i, text, w) in cells([&p.name, role, org, email], cols) {
                if i > 0 {
                    spans.push(Span::raw(" "));
                }
                spans.push(match i {
                    0 => Span::styled(pad(text, w), t.bold()),
                    1 => Span::raw(pad(text, w)),
                    2 => Span::styled(pad(text, w), t.dim()),
                    _ => Span::styled(fit(text, w), t.email()),
                });
            }
            ListItem::new(Line::from(spans))
        })
        .collect();
    render_list(
        frame,
        list_area,
        items,
        Some(st.cursor.selected),
        &st.cursor.offset,
        t.selected(true),
    );
}

pub fn render_card(frame: &mut Frame, app: &App, st: &CardState) {
    let t = &app.theme;
    let w = app.words;
    let Some(p) = app.corpus.people.get(st.person) else {
        return;
    };
    let area = overlay_area(frame.area());
    frame.render_widget(Clear, area);
    let block = t.popup().title(format!(" {} ", fit(&p.name, 60)));
    let inner = block.inner(area);
    frame.render_widget(block, area);
    if inner.height < 2 || inner.width < 10 {
        return;
    }
    let avail = inner.width as usize;
    let label_w = [w.roles, w.orgs, w.emails]
        .iter()
        .map(|s| width(s))
        .max()
        .unwrap_or(8)
        + 2;
    let mut info: Vec<Line<'static>> = vec![Line::styled(fit(&p.name, avail), t.title())];
    let mut field = |label: &str, values: &[String], style: Style| {
        for (n, v) in values.iter().enumerate() {
            let l = if n == 0 {
                pad(&format!("{label}:"), label_w)
            } else {
                " ".repeat(label_w)
            };
            info.push(Line::from(vec![
                Span::styled(l, t.dim()),
                Span::styled(fit(v, avail.saturating_sub(label_w)), style),
            ]));
        }
    };
    field(w.roles, &p.roles, Style::new());
    field(w.orgs, &p.orgs, Style::new());
    field(w.emails, &p.emails, t.email());
    let info_h = (info.len() as u16 + 1).min(inner.height / 2);
    let [info_area, list_area] =
        Layout::vertical([Constraint::Length(info_h), Constraint::Min(0)]).areas(inner);
    frame.render_widget(Paragraph::new(info), info_area);
    // Openable rows, under two headings.
    let mut items: Vec<ListItem<'static>> = Vec::new();
    let mut index_of_ref = Vec::new();
    let mut last_group = None;
    for (is_contact, r) in &st.refs {
        if last_group != Some(*is_contact) {
            last_group = Some(*is_contact);
            let h = if *is_contact {
                w.contact_for
            } else {
                w.mentioned_in
            };
            items.push(ListItem::new(Line::styled(h.to_string(), t.heading())));
        }
        index_of_ref.push(items.len());
        let (date, issue_title) = match app.resolve(r) {
            Some((i, _)) => {
                let is = &app.corpus.issues[i];
                (w.issue_date(is).unwrap_or_default(), is.title.clone())
            }
            None => (String::new(), r.issue.to_string()),
        };
        let date = pad(&date, 12);
        let room = avail.saturating_sub(2 + width(&date) + 1);
        let title = fit(&r.title, room);
        let rest = avail.saturating_sub(2 + width(&date) + 1 + width(&title) + 3);
        let mut spans = vec![
            Span::raw("  "),
            Span::styled(date, t.date()),
            Span::raw(" "),
            Span::raw(title),
        ];
        if rest > 8 {
            spans.push(Span::styled(
                format!(" · {}", fit(&issue_title, rest)),
                t.dim(),
            ));
        }
        items.push(ListItem::new(Line::from(spans)));
    }
    let selected = index_of_ref.get(st.cursor.selected).copied();
    render_list(
        frame,
        list_area,
        items,
        selected,
        &st.cursor.offset,
        t.selected(true),
    );
}
