//! Stage 3, paragraphs: lines joined across soft breaks (by wrapping mode),
//! tables of contents and calendar sections gathered whole, paragraphs split
//! by a page break joined again, trailing link sentences split off.

use super::forms::*;
use super::lines::{Line, Mode, Wrap};
use crate::calendar;
use crate::people;
use crate::text::fold_key;

// Paragraphs
// ---------------------------------------------------------------------------

#[derive(Clone, Debug)]
pub(super) struct Para {
    pub(super) text: String,
    pub(super) kind: Kind,
    /// Number of source lines joined.
    pub(super) lines: usize,
    /// Length of the last source line (for the width test).
    pub(super) last_len: usize,
    pub(super) blank_before: bool,
    pub(super) blank_after: bool,
    /// The first line was indented (a new text box in PDF text).
    pub(super) indent: bool,
    /// A contact block under a bare "Kontakt" heading.
    pub(super) contact_block: bool,
    /// The line right under a name line: a signature's role line.
    pub(super) after_name: bool,
    /// For calendar sections: the raw lines after the heading.
    pub(super) cal_lines: Vec<calendar::RawLine>,
}

impl Para {
    fn new(line: &Line, kind: Kind, blank_before: bool) -> Para {
        Para {
            text: line.text.clone(),
            kind,
            lines: 1,
            last_len: line.len,
            blank_before,
            blank_after: false,
            indent: line.indent,
            contact_block: kind == Kind::Contact && CONTACT_HEAD.is_match(&line.text),
            after_name: false,
            cal_lines: Vec::new(),
        }
    }
}

/// Join text across a soft break. A hyphen at the end is kept before a
/// conjunction ("vatten- och avlopp"), before a capital or digit
/// ("Soffiantini-Yildiz", "2025-2026") and where the wrapper broke an
/// existing compound; PDF hyphenation ("klimat-anpassning") is removed.
pub(super) fn join_text(a: &mut String, b: &str, mode: Mode) {
    let b = b.trim();
    let hyphen = a.ends_with('-') && a.chars().rev().nth(1).is_some_and(|c| c.is_alphanumeric());
    if hyphen {
        let fw = first_word(b).to_lowercase();
        let conj =
            ["och", "eller", "samt", "respektive", "resp.", "till", "som"].contains(&fw.as_str());
        let next_upper = b
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit());
        let part: String = a
            .trim_end_matches('-')
            .rsplit(|c: char| !c.is_alphanumeric())
            .next()
            .unwrap_or("")
            .to_string();
        if conj {
            a.push(' ');
        } else if next_upper
            || mode != Mode::Ragged
            || part.chars().count() <= 2
            || part.chars().any(|c| c.is_uppercase() || c.is_ascii_digit())
        {
            // keep the hyphen, no space
        } else {
            a.pop();
        }
        a.push_str(b);
    } else {
        if !a.is_empty() {
            a.push(' ');
        }
        a.push_str(b);
    }
}

/// Would the first word of `next` have fitted after `prev_len` chars?
fn fits(prev_len: usize, next: &Line, width: usize) -> bool {
    prev_len + 1 + next.first_len <= width
}

/// Is the break between the paragraph so far and `line` soft?
fn soft_break(cur: &Para, line: &Line, kind: Kind, mode: Mode, following: &[Line]) -> bool {
    use Kind::*;
    if matches!(mode, Mode::Greedy(_)) && kicker_over_title(line, following) {
        return false;
    }
    // In greedy-wrapped text a line that the wrapper clearly carried over
    // mid-sentence continues, whatever it looks like on its own
    // ("… berättar Birgitta" / "Fagervall Yttling, projektledare …").
    if let Mode::Greedy(w) = mode {
        if matches!(cur.kind, Body | Bullet)
            && matches!(kind, Caption | NameOnly | Label | Link | Contact)
            && !ends_sentence(&cur.text)
            && !cur.text.ends_with(':')
            && w.wrapped(cur.last_len, line)
        {
            return true;
        }
    }
    // A contact block: "Kontakt" then name, title, e-mail, phone on lines
    // of their own.
    if cur.contact_block
        && line.text.chars().count() <= 60
        && (matches!(kind, NameOnly | Body | Caption | Label)
            || EMAIL_OR_PHONE.is_match(&line.text))
    {
        return true;
    }
    // An ALL-CAPS heading set over two lines.
    if cur.kind == Label && kind == Label && mode != Mode::Unwrapped {
        return is_caps_label(&cur.text)
            && is_caps_label(&line.text)
            && !ends_with_any(&cur.text, ".!?:");
    }
    // Lines that start something of their own.
    if matches!(
        kind,
        Bullet | Link | Contact | Caption | NameOnly | Label | Event | Footer | Toc | Calendar
    ) {
        return false;
    }
    if matches!(cur.kind, NameOnly | Event | Footer | Toc | Calendar) {
        return false;
    }
    // A signature's role line ("Karin Berg," / "förbundsdirektör") ends
    // there unless a wrapper carried it over.
    if cur.after_name && !matches!(mode, Mode::Greedy(_)) {
        return false;
    }
    let a = cur.text.as_str();
    let b = line.text.as_str();
    let hyphen_end =
        a.ends_with('-') && a.chars().rev().nth(1).is_some_and(|c| c.is_alphanumeric());
    // A greedy wrapper breaks only where the next word does not fit; but a
    // sentence end followed by a complete line without closing punctuation
    // (a heading or label) is a real break even then.
    let greedy_wrapped = |w: Wrap| {
        if !w.wrapped(cur.last_len, line) {
            return false;
        }
        let b_complete = match following.first() {
            None => true,
            Some(n) => n.blank || !w.wrapped(line.len, n),
        };
        let heading_like = b_complete
            && !ends_with_any(b, ".!?:;,")
            && b.chars().next().is_some_and(|c| !c.is_lowercase());
        !(heading_like && (ends_sentence(a) || !matches!(cur.kind, Body | Bullet)))
    };
    // Structural one-liners take only continuations that wrapping made.
    if matches!(cur.kind, Link | Contact | Caption | Label) {
        return match mode {
            Mode::Unwrapped => hyphen_end || a.ends_with(','),
            Mode::Greedy(w) => greedy_wrapped(w),
            Mode::Ragged => {
                hyphen_end
                    || (cur.kind != Label
                        && starts_lower(b)
                        && !ends_sentence(a)
                        && (a.ends_with(',') || ends_with_function_word(a) || ends_sentence(b)))
            }
        };
    }
    if is_dialogue(b) {
        return false;
    }
    // A quote ("– … klimatförändringar.") runs on to its attribution
    // ("Särskilt angeläget … säger Thomas Fredriksson, …") when a line
    // ends at a full stop: the dash opens it, the speech verb closes it.
    if cur.kind == Body
        && is_dialogue(a)
        && !people::has_attribution(a)
        && !starts_lower(b)
        && quote_closes_below(line, following)
    {
        return true;
    }
    if hyphen_end {
        return true;
    }
    match mode {
        Mode::Unwrapped => starts_lower(b) && !ends_sentence(a),
        Mode::Greedy(w) => greedy_wrapped(w),
        Mode::Ragged => {
            if line.indent && !starts_lower(b) {
                return false;
            }
            if starts_lower(b) {
                return !ends_sentence(a)
                    || !fits(cur.last_len, line, ragged_width(cur, following));
            }
            if ends_sentence(a) || a.ends_with(':') {
                // A full-width line ending a sentence usually runs on in the
                // same paragraph; a short one ends it.
                let w = ragged_width(cur, following);
                return !a.ends_with(':') && cur.last_len * 10 >= w * 9 && cur.last_len >= 60;
            }
            if cur.lines >= 2 {
                return true;
            }
            // The first line of a paragraph: joined only when it clearly
            // runs on (ends mid-phrase) or is as long as its neighbours.
            a.ends_with(',')
                || ends_with_any(a, "–-")
                || ends_with_function_word(a)
                || (cur.last_len >= 25
                    && !people::is_person_name(a)
                    && !fits(cur.last_len, line, ragged_width(cur, following)))
        }
    }
}

/// A short line with no closing punctuation right above a one-line title
/// that a blank line follows ("digitalisering & ekonomi" / "Nya tjänster
/// för alla" / "") is a kicker, even in lower case where a wrapper could
/// have carried it over: the end of a paragraph closes its sentence.
fn kicker_over_title(line: &Line, following: &[Line]) -> bool {
    let short = |l: &Line| {
        !l.blank
            && l.text.chars().count() <= 50
            && word_count(&l.text) <= 6
            && !ends_with_any(l.text.trim_end(), ".!?:;,")
    };
    short(line)
        && following.first().is_some_and(|t| {
            !t.blank && t.len <= 100 && !ends_with_any(t.text.trim_end(), ".!?:;,")
        })
        && following.get(1).is_none_or(|l| l.blank)
}

/// Does a quote's attribution come in this line or the next few, before a
/// blank line or another quote?
fn quote_closes_below(line: &Line, following: &[Line]) -> bool {
    std::iter::once(line)
        .chain(
            following
                .iter()
                .take_while(|l| !l.blank && !is_dialogue(&l.text)),
        )
        .take(6)
        .any(|l| people::has_attribution(&l.text))
}

/// The local column width around a ragged line: the longest of it and the
/// next two lines.
fn ragged_width(cur: &Para, following: &[Line]) -> usize {
    following
        .iter()
        .take(2)
        .filter(|l| !l.blank)
        .map(|l| l.len)
        .chain(std::iter::once(cur.last_len))
        .max()
        .unwrap_or(cur.last_len)
}

/// Does prose resume at line `i` (a paragraph rather than a heading)? The
/// line is taken with its lower-case continuation lines.
fn prose_at(lines: &[Line], i: usize) -> bool {
    let mut text = lines[i].text.clone();
    let mut n = 1;
    while let Some(next) = lines.get(i + n) {
        if next.blank || !starts_lower(&next.text) {
            break;
        }
        text.push(' ');
        text.push_str(&next.text);
        n += 1;
    }
    let len = text.chars().count();
    len > 120 || n >= 3 || (ends_sentence(&text) && len > 40)
}

fn next_nonblank(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&k| !lines[k].blank)
}

/// After a table-of-contents heading: the end of the listing (the index of
/// the first line that is not part of it).
fn toc_end(lines: &[Line], start: usize) -> usize {
    let mut items: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut j = start;
    while let Some(k) = next_nonblank(lines, j) {
        let l = &lines[k];
        if l.len > 120 || l.kind != Kind::Body {
            return k;
        }
        let mut item = l.text.clone();
        let mut e = k + 1;
        while e < lines.len() && !lines[e].blank && starts_lower(&lines[e].text) {
            item.push(' ');
            item.push_str(&lines[e].text);
            e += 1;
        }
        let key = fold_key(&item);
        if items.contains(&key) {
            return k;
        }
        if let Some(n) = next_nonblank(lines, e) {
            if n == e && !items.is_empty() && prose_at(lines, n) {
                return k;
            }
            if prose_at(lines, n) {
                return k;
            }
        }
        items.insert(key);
        j = e;
    }
    lines.len()
}

/// A calendar heading starts a calendar only when dated entries follow
/// before any prose.
fn calendar_follows(lines: &[Line], start: usize) -> bool {
    let mut seen = 0;
    let mut k = start;
    while let Some(n) = next_nonblank(lines, k) {
        let l = &lines[n];
        if l.len > 140 {
            return false;
        }
        if l.kind != Kind::Event {
            if let Some((title, _, _)) = calendar::parse_line(&l.text) {
                if title.as_deref().is_none_or(|t| !starts_lower(t)) {
                    return true;
                }
            }
        }
        seen += 1;
        if seen >= 6 {
            return false;
        }
        k = n + 1;
    }
    false
}

/// The end of a calendar section: a footer, a table of contents, or an
/// article (a line followed by prose with no dates for a while).
fn calendar_end(lines: &[Line], start: usize) -> usize {
    // Is line x long and undated? Each line is calendar-parsed at most once.
    let mut memo: Vec<Option<bool>> = vec![None; lines.len().saturating_sub(start)];
    let mut long_undated = |x: usize| {
        *memo[x - start].get_or_insert_with(|| {
            lines[x].len > 110 && calendar::parse_line(&lines[x].text).is_none()
        })
    };
    let mut k = start;
    while let Some(n) = next_nonblank(lines, k) {
        if matches!(lines[n].kind, Kind::Footer | Kind::Toc) {
            return n;
        }
        // Three long undated lines in a row: prose, not a calendar.
        if long_undated(n) {
            let second = next_nonblank(lines, n + 1);
            let third = second.and_then(|s| next_nonblank(lines, s + 1));
            if let (Some(b), Some(c)) = (second, third) {
                if long_undated(b) && long_undated(c) {
                    return n;
                }
            }
        }
        k = n + 1;
    }
    lines.len()
}

pub(super) fn build_paras(lines: &[Line], mode: Mode) -> Vec<Para> {
    let mut paras: Vec<Para> = Vec::new();
    let mut cur: Option<Para> = None;
    let mut blank_before = true;
    let mut i = 0;
    let close = |cur: &mut Option<Para>, paras: &mut Vec<Para>| {
        if let Some(p) = cur.take() {
            paras.push(p);
        }
    };
    while i < lines.len() {
        let line = &lines[i];
        if line.blank {
            // Staff cards under a contact heading, a blank line between
            // them ("Kontakt" / "Karin Berg" / "Utvecklingsledare" / "" /
            // "Per Holm" / …), are one contact block.
            let card_follows = next_nonblank(lines, i + 1).is_some_and(|n| {
                matches!(lines[n].kind, Kind::NameOnly)
                    || (lines[n].kind == Kind::Caption && people::starts_with_name(&lines[n].text))
            });
            if let Some(c) = cur.as_mut().filter(|c| c.contact_block && card_follows) {
                let n = next_nonblank(lines, i + 1).unwrap_or(i + 1);
                c.text.push_str("; ");
                c.text.push_str(lines[n].text.trim_end_matches(','));
                c.lines += 1;
                c.last_len = lines[n].len;
                i = n + 1;
                continue;
            }
            close(&mut cur, &mut paras);
            if let Some(p) = paras.last_mut() {
                p.blank_after = true;
            }
            blank_before = true;
            i += 1;
            continue;
        }
        let kind = line.kind;
        if kind == Kind::Toc {
            close(&mut cur, &mut paras);
            let end = toc_end(lines, i + 1);
            let mut p = Para::new(line, Kind::Toc, blank_before);
            p.blank_after = true;
            paras.push(p);
            i = end;
            blank_before = true;
            continue;
        }
        let stacked = kind == Kind::Calendar
            && next_nonblank(lines, i + 1).is_some_and(|n| lines[n].kind == Kind::Calendar);
        // A calendar page has no calendar heading: its first month heading
        // ("Mars 2026") over dated entries opens the calendar, heads it and
        // stays its first line (the entries' month and year).
        let month_opens = kind != Kind::Calendar && calendar::is_month_heading(&line.text);
        if (kind == Kind::Calendar && !stacked || month_opens) && calendar_follows(lines, i + 1) {
            close(&mut cur, &mut paras);
            let end = calendar_end(lines, i + 1);
            let mut p = Para::new(line, Kind::Calendar, blank_before);
            p.cal_lines = lines[if month_opens { i } else { i + 1 }..end]
                .iter()
                .map(|l| calendar::RawLine {
                    text: l.text.clone(),
                    len: l.len,
                    first_len: l.first_len,
                })
                .collect();
            p.blank_after = true;
            paras.push(p);
            i = end;
            blank_before = true;
            continue;
        }
        let kind = if kind == Kind::Calendar {
            Kind::Body
        } else {
            kind
        };
        if let Some(c) = cur.as_mut() {
            if soft_break(c, line, kind, mode, &lines[i + 1..]) {
                if c.contact_block {
                    // "Kontakt" / "Anna Andersson" / "Processledare" →
                    // "Kontakt: Anna Andersson, Processledare"
                    // (In place: a long block never copies its text again.)
                    let sep = match c.lines {
                        1 if c.text.ends_with('?') => " ",
                        1 => ": ",
                        _ => ", ",
                    };
                    let keep = c.text.trim_end_matches(':').len();
                    c.text.truncate(keep);
                    c.text.push_str(sep);
                    c.text.push_str(&line.text);
                } else {
                    join_text(&mut c.text, &line.text, mode);
                }
                c.lines += 1;
                c.last_len = line.len;
                i += 1;
                continue;
            }
        }
        close(&mut cur, &mut paras);
        let mut p = Para::new(line, kind, blank_before);
        p.after_name = !blank_before && paras.last().is_some_and(|n| n.kind == Kind::NameOnly);
        cur = Some(p);
        blank_before = false;
        i += 1;
    }
    close(&mut cur, &mut paras);
    merge_broken_paragraphs(&mut paras);
    split_trailing_links(&mut paras);
    alt_text_to_captions(&mut paras);
    paras
}

/// A single word on its own line right above a photo credit ("Uppdragsbild"
/// / "Foto: …") is the picture's alt text: part of the caption, never a
/// heading.
fn alt_text_to_captions(paras: &mut [Para]) {
    for i in 1..paras.len() {
        let (before, after) = paras.split_at_mut(i);
        let (p, q) = (&mut before[i - 1], &after[0]);
        if p.kind == Kind::Body
            && q.kind == Kind::Caption
            && CAPTION.is_match(&q.text)
            && p.text.split_whitespace().nth(1).is_none()
            && p.text.chars().next().is_some_and(char::is_uppercase)
        {
            p.kind = Kind::Caption;
        }
    }
}

/// A paragraph that stops mid-sentence (a PDF page or column break) goes on
/// in the next body paragraph; captions in between stay where they are.
/// One pass: each paragraph is either merged into the last open one or kept.
fn merge_broken_paragraphs(paras: &mut Vec<Para>) {
    let mut out: Vec<Para> = Vec::with_capacity(paras.len());
    // The last paragraph kept that is not a caption.
    let mut last: Option<usize> = None;
    let taken = std::mem::take(paras);
    // A one-line paragraph right above a one-line title with a blank line
    // after it is a kicker, not the rest of the paragraph above — unless
    // that stops mid-phrase ("… av" / "verksamheten").
    let kicker: Vec<bool> = (0..taken.len())
        .map(|k| {
            let (q, t) = (&taken[k], taken.get(k + 1));
            q.lines == 1
                && !q.blank_after
                && word_count(&q.text) <= 6
                && t.is_some_and(|t| {
                    t.lines == 1
                        && t.blank_after
                        && t.kind == Kind::Body
                        && t.text.chars().count() <= 100
                        && !ends_with_any(t.text.trim_end(), ".!?:;,")
                })
        })
        .collect();
    for (k, q) in taken.into_iter().enumerate() {
        if q.kind == Kind::Caption {
            out.push(q);
            continue;
        }
        if let Some(i) = last {
            let p = &out[i];
            let mid_phrase = ends_with_function_word(&p.text) || ends_with_any(&p.text, ",–-");
            if is_open(p) && continues(p, &q) && (mid_phrase || !kicker[k]) {
                let next_to_it = i + 1 == out.len();
                let p = &mut out[i];
                join_text(&mut p.text, &q.text, Mode::Ragged);
                p.lines += q.lines;
                p.last_len = q.last_len;
                if next_to_it {
                    p.blank_after = q.blank_after;
                }
                continue;
            }
        }
        last = Some(out.len());
        out.push(q);
    }
    *paras = out;
}

/// Does the paragraph stop mid-sentence, as if cut by a page break?
fn is_open(p: &Para) -> bool {
    matches!(p.kind, Kind::Body | Kind::Bullet)
        && !ends_sentence(&p.text)
        && !p.text.ends_with(':')
        && (p.lines >= 2
            || p.text.chars().nth(59).is_some()
            || ends_with_any(&p.text, ",–-")
            || ends_with_function_word(&p.text))
}

/// One short capitalised line between blank lines ("Så arbetar vi") is a
/// heading even when it ends in a function word: it goes on in the next
/// paragraph only when that starts in lower case (a page break mid-phrase).
fn standalone_heading(p: &Para) -> bool {
    p.lines == 1
        && p.blank_before
        && p.blank_after
        && p.text.chars().next().is_some_and(char::is_uppercase)
        && word_count(&p.text) <= 8
}

/// Does `q` go on with the open paragraph `p`?
fn continues(p: &Para, q: &Para) -> bool {
    q.kind == Kind::Body
        && !is_dialogue(&q.text)
        && (starts_lower(&q.text)
            || q.text.chars().next().is_some_and(|c| c.is_ascii_digit())
            || (ends_with_function_word(&p.text) && !standalone_heading(p))
            || ends_with_any(&p.text, ",–-"))
}

/// "… i Stockholmsregionen. Läs mer om arbetet här" → the paragraph and a
/// link line.
fn split_trailing_links(paras: &mut Vec<Para>) {
    let mut out: Vec<Para> = Vec::with_capacity(paras.len());
    for mut p in paras.drain(..) {
        if p.kind == Kind::Body {
            if let Some(c) = TRAILING_LINK.captures(&p.text) {
                let body = c["body"].to_string();
                let link = c["link"].to_string();
                if link.chars().count() <= 120 {
                    let mut l = p.clone();
                    l.text = link;
                    l.kind = Kind::Link;
                    l.lines = 1;
                    l.blank_before = false;
                    p.text = body;
                    p.blank_after = false;
                    out.push(p);
                    out.push(l);
                    continue;
                }
            }
        }
        out.push(p);
    }
    *paras = out;
}

#[cfg(test)]
mod tests {
    use super::super::lines::{detect_mode, lines_of};
    use super::*;

    fn paras(text: &str) -> Vec<(Kind, String)> {
        let lines = lines_of(text);
        build_paras(&lines, detect_mode(&lines))
            .into_iter()
            .map(|p| (p.kind, p.text))
            .collect()
    }

    #[test]
    fn a_short_heading_between_blank_lines_is_not_a_broken_paragraph() {
        let p = paras("Om oss\n\nFörbundet har sju medlemmar som samarbetar om vatten och avlopp i dalen.\n\nDärför gör vi\n\nStyrelsen vill att kommunerna delar på kostnaderna.\n");
        let texts: Vec<&str> = p.iter().map(|(_, t)| t.as_str()).collect();
        assert!(texts.contains(&"Därför gör vi"), "{texts:?}");
        assert!(texts.contains(&"Styrelsen vill att kommunerna delar på kostnaderna."));
    }

    #[test]
    fn a_lower_case_kicker_over_a_title_is_not_carried_over_by_the_wrapper() {
        let p = paras("Kommunerna i länet har under året arbetat tillsammans med en\nny plan för hur äldre ska få vård i hemmet när de skrivs ut\nfrån sjukhus, och planen har nu gått ut på remiss till alla\nmedlemmar.\n\nUnder hösten hålls tre möten där kommunernas tjänstepersoner\nkan ställa frågor om planen och lämna synpunkter på arbetet\ni kommunerna i hela Stockholms län och Uppsala län\nhälsa & omsorg\nNy plan för vård i hemmet\n\nNätverket för skolchefer har träffats fyra gånger under\nvåren och diskuterat hur elever som byter skola mitt i\nterminen ska tas emot på bästa sätt.\n");
        let texts: Vec<&str> = p.iter().map(|(_, t)| t.as_str()).collect();
        assert!(texts.contains(&"hälsa & omsorg"), "{texts:?}");
        assert!(
            texts.iter().any(|t| t.ends_with("Uppsala län")),
            "{texts:?}"
        );
    }

    #[test]
    fn a_short_line_over_a_one_line_title_and_a_blank_line_is_a_kicker() {
        let lines =
            lines_of("samhälle & trafik\nNya busslinjer i norr\n\nFrån i höst går fler bussar.\n");
        assert!(kicker_over_title(&lines[0], &lines[1..]));
        // A paragraph's last line over another paragraph is no kicker.
        let lines = lines_of("fram till nästa år.\nNya busslinjer i norr\n\nText.\n");
        assert!(!kicker_over_title(&lines[0], &lines[1..]));
        let lines = lines_of("samhälle & trafik\nNya busslinjer i norr\nsom går varje dag\n");
        assert!(!kicker_over_title(&lines[0], &lines[1..]));
    }

    #[test]
    fn a_contact_block_becomes_one_contact_line() {
        let p = paras("Kontakt\nEva Lund\nProcessledare\neva.lund@exempel.se\n");
        assert_eq!(
            p,
            [(
                Kind::Contact,
                "Kontakt: Eva Lund, Processledare, eva.lund@exempel.se".to_string()
            )]
        );
    }

    #[test]
    fn a_calendar_heading_gathers_its_dated_lines() {
        let lines = lines_of("Kalendarium\n\nNätverksträff, 3 oktober\nStyrelsemöte, 5 november\n");
        let p = build_paras(&lines, Mode::Unwrapped);
        assert_eq!(p.len(), 1);
        assert_eq!(p[0].kind, Kind::Calendar);
        let dated: Vec<&str> = p[0]
            .cal_lines
            .iter()
            .map(|l| l.text.as_str())
            .filter(|t| !t.is_empty())
            .collect();
        assert_eq!(
            dated,
            ["Nätverksträff, 3 oktober", "Styrelsemöte, 5 november"]
        );
    }

    #[test]
    fn a_trailing_link_sentence_is_split_off() {
        let p = paras("Planen antogs av styrelsen i juni. Läs mer om planen här\n");
        assert_eq!(
            p,
            [
                (Kind::Body, "Planen antogs av styrelsen i juni.".to_string()),
                (Kind::Link, "Läs mer om planen här".to_string())
            ]
        );
    }
}
