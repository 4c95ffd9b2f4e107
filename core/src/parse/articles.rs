//! Stage 4, articles: the masthead, newsletter or document, where each
//! article starts (a title with the label above it), and each article's
//! paragraphs turned into blocks (signatures, captions, links).

use std::sync::LazyLock;

use regex::Regex;

use super::forms::*;
use super::id_from_name;
use super::paras::Para;
use crate::calendar;
use crate::model::*;
use crate::people;

/// Short, unpunctuated, capitalised: could be a title or a label.
fn title_like(p: &Para) -> bool {
    let t = p.text.trim();
    let n = t.chars().count();
    let first_ok = t
        .chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"”“«'„".contains(c));
    p.kind == Kind::Body
        && n <= 140
        && word_count(t) <= 22
        && first_ok
        && !is_dialogue(t)
        && !ends_with_any(t, ".,;:")
        && (!t.ends_with('?') || p.blank_after)
        && !(n > 60 && SENTENCE_BREAK.is_match(t))
}

static SENTENCE_BREAK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\p{Ll}[.!?] +\p{Lu}").expect("valid regex"));

/// Real body text: sentences, lists, event fields.
fn substantial(p: &Para) -> bool {
    match p.kind {
        Kind::Bullet | Kind::Event => true,
        Kind::Body => !title_like(p) && (p.text.chars().count() >= 25 || ends_sentence(&p.text)),
        _ => false,
    }
}

/// Is paragraph `i` a title: title-like and followed (after captions) by
/// body text?
fn is_title(paras: &[Para], i: usize) -> bool {
    let p = &paras[i];
    if !title_like(p) {
        return false;
    }
    let mut j = i + 1;
    while j < paras.len() && paras[j].kind == Kind::Caption {
        j += 1;
    }
    let Some(next) = paras.get(j) else {
        return false;
    };
    // A heading is never the last line of a text: a last paragraph that
    // reads like a title is body text (the text goes on beyond it).
    let last_words = j + 1 == paras.len() && next.kind == Kind::Body && word_count(&next.text) >= 4;
    if !substantial(next) && !last_words {
        return false;
    }
    if i > 0 && paras[i - 1].kind == Kind::NameOnly && !p.blank_before {
        return false; // the role line of a signature
    }
    i == 0
        || p.blank_before
        || p.blank_after
        || p.indent
        || !matches!(paras[i - 1].kind, Kind::Body | Kind::Bullet)
}

/// A document's (a web page's) first line is its title when it reads as
/// one, even when what follows it is not body text yet (a picture's alt
/// text, a subtitle).
fn page_title(p: &Para) -> bool {
    title_like(p) && word_count(&p.text) >= 2
}

/// Could paragraph `p` be the section label above a title?
fn label_like(p: &Para) -> bool {
    let t = p.text.trim();
    match p.kind {
        Kind::Label => true,
        Kind::Body => {
            word_count(t) <= 8
                && t.chars().count() <= 60
                && !ends_with_any(t, ".,;:!?")
                && !is_dialogue(t)
                && !people::starts_with_name(t)
        }
        _ => false,
    }
}

/// An article before people and meetings are read from it.
pub(super) struct Draft {
    pub(super) title: String,
    pub(super) section: Option<String>,
    pub(super) kind: ArticleKind,
    pub(super) blocks: Vec<Block>,
    /// Calendar lines, for calendar articles.
    pub(super) cal_lines: Vec<calendar::RawLine>,
    /// The paragraph kinds of the body, in order (for the signature test).
    body: Vec<Para>,
    /// The issue's colophon and postal lines ("Redaktion: …, Box …"),
    /// taken out of the body: not the article's text.
    pub(super) colophon: Vec<String>,
}

fn block_of(p: &Para, doc: bool) -> Block {
    match p.kind {
        Kind::Link => Block::Link(p.text.clone()),
        Kind::Caption => Block::Caption(p.text.clone()),
        Kind::Bullet => Block::List(vec![calendar_strip_bullet(&p.text)]),
        Kind::Label if doc => Block::Heading(p.text.clone()),
        _ => Block::Paragraph(p.text.clone()),
    }
}

fn calendar_strip_bullet(s: &str) -> String {
    s.trim_start()
        .trim_start_matches(['•', '▪', '◦', '●', '‣', '⁃', '∙', '*', '·'])
        .trim()
        .to_string()
}

/// Turn each draft's paragraphs into blocks: signatures, captions that
/// belong to the next article, link text at the end, sub-headings.
fn finish_drafts(drafts: &mut [Draft], doc: bool) {
    // Trailing short unpunctuated lines of an article: a caption naming
    // people belongs to the next article's picture; anything else is the
    // text of a link; a lone label-like word above the next label is a
    // super-section and is dropped.
    let mut carry: Vec<Vec<Block>> = vec![Vec::new(); drafts.len() + 1];
    let count = drafts.len();
    for (k, d) in drafts.iter_mut().enumerate() {
        // A pull-out heading left at the end of a document's section
        // ("Medborgarperspektivet i fokus" above the next box's title)
        // heads the next section.
        if doc && d.kind != ArticleKind::Calendar && k + 1 < count && d.body.len() > 1 {
            if let Some(last) = d.body.last().filter(|p| title_like(p)) {
                carry[k + 1].push(Block::Heading(last.text.clone()));
                d.body.pop();
            }
        }
        if d.kind == ArticleKind::Calendar || doc {
            continue;
        }
        while d.body.len() > 1 {
            let Some(last) = d.body.last() else { break };
            let after_signature =
                d.body.len() >= 2 && d.body[d.body.len() - 2].kind == Kind::NameOnly;
            // An e-mail address or phone number is a contact of this
            // article, never a link or a caption of the next.
            if after_signature
                || last.kind != Kind::Body
                || EMAIL_OR_PHONE.is_match(&last.text)
                || last.text.contains('@')
                || ends_with_any(&last.text, ".!?:;,")
                || is_dialogue(&last.text)
            {
                break;
            }
            let last = d.body.pop().unwrap_or_else(|| unreachable!());
            if people::starts_with_name(&last.text) {
                carry[k + 1].insert(0, Block::Caption(last.text));
            } else if label_like(&last)
                && word_count(&last.text) <= 3
                && (starts_lower(&last.text) || is_caps_label(&last.text))
            {
                // a super-section label ("kalendarium") above the next label
            } else {
                d.body.push(Para {
                    kind: Kind::Link,
                    ..last
                });
                break;
            }
        }
    }
    let first_labelled = drafts
        .iter()
        .position(|d| d.section.is_some())
        .unwrap_or(usize::MAX);
    for (k, d) in drafts.iter_mut().enumerate() {
        let mut blocks: Vec<Block> = std::mem::take(&mut carry[k]);
        // A signature: a name on its own line followed by a short role line.
        let sig = d
            .body
            .iter()
            .position(|p| p.kind == Kind::NameOnly)
            .filter(|&s| {
                d.body.get(s + 1).is_some_and(|r| {
                    r.kind == Kind::Body && r.text.chars().count() <= 80 && !ends_sentence(&r.text)
                }) || s + 1 == d.body.len()
            });
        for (pi, p) in d.body.iter().enumerate() {
            match sig {
                Some(s) if pi == s => {
                    let role = d.body.get(s + 1).map(|r| r.text.clone());
                    let text = match role {
                        Some(r) if d.body.get(s + 1).is_some_and(|x| x.kind == Kind::Body) => {
                            format!("{}, {}", p.text.trim_end_matches(','), r)
                        }
                        _ => p.text.trim_end_matches(',').to_string(),
                    };
                    blocks.push(Block::Paragraph(text));
                }
                Some(s) if pi == s + 1 && p.kind == Kind::Body && p.text.chars().count() <= 80 => {}
                Some(s) if pi > s + 1 => blocks.push(Block::Caption(p.text.clone())),
                _ => blocks.push(block_of(p, doc)),
            }
        }
        if sig.is_some()
            && k < first_labelled
            && !doc
            && d.kind == ArticleKind::Article
            && k == 0
            && count > 1
        {
            d.kind = ArticleKind::Leader;
        }
        d.blocks = blocks;
    }
}

/// What comes before the first article: the masthead, where the articles
/// begin, and whether the text is a newsletter or a document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Front {
    pub(super) masthead: Option<String>,
    /// The first paragraph after the masthead.
    pub(super) start: usize,
    pub(super) kind: IssueKind,
}

/// Masthead (a first line naming the newsletter, or a first title-like line
/// that is not followed by body text) and kind: a header's `Typ:` if given;
/// a newsletter when its masthead names one; a document (a web page) when
/// it has a web date line; a newsletter when it has newsletter parts
/// (calendar, "Läs mer" links, contacts, contents, footer, board summary);
/// a document when it is long; else a newsletter only when it has a
/// masthead or kickers (a label above a title) — one titled text with no
/// kicker is a web article.
pub(super) fn front_matter(
    paras: &[Para],
    text_len: usize,
    explicit: Option<IssueKind>,
    dateline: bool,
) -> Front {
    let mut start = 0;
    let mut masthead = None;
    if let Some(first) = paras.first() {
        let named = MASTHEAD.is_match(&first.text);
        // A first line above a label, or right above a calendar (a calendar
        // page: "Kalendarium – Förbundet X" / "Mars 2026" / entries).
        let above_label = paras
            .get(1)
            .is_some_and(|p| matches!(p.kind, Kind::Label | Kind::Calendar) || label_like(p));
        if title_like(first) && paras.len() > 1 && (named || (!is_title(paras, 0) && above_label)) {
            masthead = Some(first.text.clone());
            start = 1;
        }
    }
    let named = masthead.as_deref().is_some_and(|m| MASTHEAD.is_match(m));
    let newsletter_signs = paras.iter().any(|p| {
        matches!(
            p.kind,
            Kind::Calendar | Kind::Link | Kind::Contact | Kind::Toc | Kind::Footer
        ) || BOARD_TITLE.is_match(&p.text)
    });
    let kicker = || {
        (start + 1..paras.len()).any(|i| {
            paras[i - 1].kind == Kind::Label
                || (is_title(paras, i) && label_like(&paras[i - 1]) && !is_title(paras, i - 1))
        })
    };
    let kind = explicit.unwrap_or(if named {
        IssueKind::Newsletter
    } else if dateline {
        IssueKind::Document
    } else if newsletter_signs {
        IssueKind::Newsletter
    } else if text_len >= 8000 {
        IssueKind::Document
    } else if masthead.is_some() || kicker() {
        IssueKind::Newsletter
    } else {
        IssueKind::Document
    });
    // A document has no masthead: its first line is its title.
    if kind == IssueKind::Document && !named {
        masthead = None;
        start = 0;
    }
    Front {
        masthead,
        start,
        kind,
    }
}

/// Where an article starts: its title paragraph and the label above it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) struct Start {
    /// The article's first paragraph (its label, or else its title).
    pub(super) first: usize,
    pub(super) title: usize,
    pub(super) label: Option<usize>,
}

/// Each title (and each calendar or contents heading), with the label
/// above it. Documents have no labels: their short lines are sub-headings.
pub(super) fn article_starts(paras: &[Para], front: &Front) -> Vec<Start> {
    let doc = front.kind == IssueKind::Document;
    let start = front.start;
    let n = paras.len();
    let mut starts: Vec<Start> = Vec::new();
    // Is paragraph k already the title of an article?
    let mut is_start_title = vec![false; n];
    // A line that is the title of an article further on is a leftover of
    // the contents listing, never the label above another title.
    let later_titles: std::collections::HashSet<String> = (start..n)
        .filter(|&i| is_title(paras, i))
        .map(|i| crate::text::fold_key(&paras[i].text))
        .collect();
    let names_a_title = |k: usize| {
        later_titles.contains(&crate::text::fold_key(&paras[k].text))
            && (k + 1..n).any(|j| {
                is_title(paras, j)
                    && crate::text::fold_key(&paras[j].text)
                        == crate::text::fold_key(&paras[k].text)
            })
    };
    for i in start..n {
        let p = &paras[i];
        let label = if p.kind == Kind::Calendar || p.kind == Kind::Toc {
            (i > start
                && label_like(&paras[i - 1])
                && !paras[i - 1].blank_after
                && paras[i - 1].kind != Kind::Label
                || i > start && paras[i - 1].kind == Kind::Label)
                .then(|| i - 1)
                .filter(|_| p.kind == Kind::Calendar)
        } else if is_title(paras, i) || (doc && i == start && page_title(p)) {
            (!doc
                && i > start
                && label_like(&paras[i - 1])
                && !is_start_title[i - 1]
                && !names_a_title(i - 1))
            .then(|| i - 1)
        } else {
            continue;
        };
        is_start_title[i] = true;
        starts.push(Start {
            first: label.unwrap_or(i),
            title: i,
            label,
        });
    }
    starts
}

/// The articles' drafts: each start's paragraphs up to the next start
/// (contents listings dropped), the lead text before the first title as an
/// untitled first article when it is substantial, and every draft's
/// paragraphs turned into blocks.
pub(super) fn drafts(name: &str, paras: &[Para], front: &Front, starts: &[Start]) -> Vec<Draft> {
    let doc = front.kind == IssueKind::Document;
    let n = paras.len();
    let mut drafts: Vec<Draft> = Vec::new();
    let lead_end = starts.first().map(|s| s.first).unwrap_or(n);
    let lead: Vec<Para> = paras[front.start..lead_end.max(front.start)].to_vec();
    for (k, s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).map(|s| s.first).unwrap_or(n);
        let t = &paras[s.title];
        if t.kind == Kind::Toc {
            continue;
        }
        drafts.push(Draft {
            title: t.text.trim().to_string(),
            section: s.label.map(|l| paras[l].text.trim().to_string()),
            kind: if t.kind == Kind::Calendar {
                ArticleKind::Calendar
            } else {
                ArticleKind::Article
            },
            blocks: Vec::new(),
            cal_lines: t.cal_lines.clone(),
            body: paras[s.title + 1..end.max(s.title + 1)].to_vec(),
            colophon: Vec::new(),
        });
    }
    // A lead with body text is an article. So is any text when nothing
    // else became one (a page of short lines: a list of dates, names or
    // titles with no heading above it): a text never reads as empty.
    let only_text = drafts.is_empty()
        && lead
            .iter()
            .any(|p| p.kind != Kind::Footer && !p.text.trim().is_empty());
    if lead.iter().any(substantial) || only_text {
        // The lead's first title-like line is its title; later ones (a
        // pull-out heading) stay in its text.
        let at = lead.iter().position(title_like);
        let title = at
            .map(|k| lead[k].text.clone())
            .unwrap_or_else(|| front.masthead.clone().unwrap_or_else(|| id_from_name(name)));
        drafts.insert(
            0,
            Draft {
                title,
                section: None,
                kind: ArticleKind::Article,
                blocks: Vec::new(),
                cal_lines: Vec::new(),
                body: lead
                    .into_iter()
                    .enumerate()
                    .filter(|&(k, _)| Some(k) != at)
                    .map(|(_, p)| p)
                    .collect(),
                colophon: Vec::new(),
            },
        );
    }
    for d in &mut drafts {
        // An address or phone line right under a colophon line is part of it.
        let mut in_colophon = false;
        for p in std::mem::take(&mut d.body) {
            in_colophon = p.kind == Kind::Footer
                || (in_colophon && !p.blank_before && EMAIL_OR_PHONE.is_match(&p.text));
            if in_colophon {
                d.colophon.push(p.text);
            } else {
                d.body.push(p);
            }
        }
    }
    finish_drafts(&mut drafts, doc);
    drafts
}

#[cfg(test)]
mod tests {
    use super::super::lines::{detect_mode, lines_of};
    use super::super::paras::build_paras;
    use super::*;

    fn paras(text: &str) -> Vec<Para> {
        let lines = lines_of(text);
        build_paras(&lines, detect_mode(&lines))
    }

    #[test]
    fn a_heading_like_last_line_of_a_document_section_heads_the_next_section() {
        let text = "Plan för en grönare dal\n\nKlimat / 3 mars 2025\n\nKommunerna i dalen har enats om en gemensam plan för klimatet fram till år 2040. Planen antogs av alla fullmäktige under hösten.\n\nArbetet följs upp varje år av en styrgrupp med representanter för varje kommun och för regionen.\nLokala åtgärder i fokus\nTransporter\n\nDen största delen av utsläppen i dalen kommer från vägtrafiken. Därför satsar kommunerna på laddplatser och pendelparkeringar.\n\nKollektivtrafiken ska byggas ut längs de stora stråken mellan tätorterna i dalen.\n";
        let (issue, _) = super::super::parse_issue("plan.txt", text);
        let first = &issue.articles[0];
        assert!(
            !first.body().contains("Lokala åtgärder i fokus"),
            "{:?}",
            first.blocks
        );
        let next = issue
            .articles
            .iter()
            .find(|a| a.title == "Transporter")
            .expect("the next section");
        assert_eq!(
            next.blocks.first(),
            Some(&Block::Heading("Lokala åtgärder i fokus".into()))
        );
    }

    #[test]
    fn a_masthead_names_the_newsletter_and_makes_it_one() {
        let p = paras("Nyhetsbrev från förbundet\n\nVÅRD\nNy plan för vården\n\nStyrelsen antog i dag en ny plan för vården i hela länet.\n");
        let f = front_matter(&p, 20_000, None, false);
        assert_eq!(f.masthead.as_deref(), Some("Nyhetsbrev från förbundet"));
        assert_eq!(f.start, 1);
        assert_eq!(f.kind, IssueKind::Newsletter);
    }

    #[test]
    fn a_long_text_without_newsletter_parts_is_a_document() {
        let body = "Planen beskriver hur kommunerna arbetar tillsammans med vården. ".repeat(150);
        let p = paras(&format!("Inledning\n\n{body}\n"));
        assert_eq!(
            front_matter(&p, body.len(), None, false).kind,
            IssueKind::Document
        );
        let typed = front_matter(&p, body.len(), Some(IssueKind::Newsletter), false);
        assert_eq!(typed.kind, IssueKind::Newsletter);
    }

    #[test]
    fn each_title_starts_an_article_with_the_label_above_it() {
        let p = paras("VÅRD\nNy plan för vården\n\nStyrelsen antog i dag en ny plan för vården i länet.\n\nSkolan\n\nGymnasieantagningen öppnar i mars för alla elever i länet.\n");
        let f = front_matter(&p, 20_000, Some(IssueKind::Newsletter), false);
        let s = article_starts(&p, &f);
        let titles: Vec<(&str, Option<&str>)> = s
            .iter()
            .map(|s| {
                (
                    p[s.title].text.as_str(),
                    s.label.map(|l| p[l].text.as_str()),
                )
            })
            .collect();
        assert_eq!(
            titles,
            [("Ny plan för vården", Some("VÅRD")), ("Skolan", None)]
        );
    }

    #[test]
    fn a_signed_first_article_is_the_leader() {
        let text = "Ett år av samarbete\n\nVi har haft ett intensivt år med många möten i länet.\n\nEva Lund\nförbundsdirektör\n\nNy plan för vården\n\nStyrelsen antog i dag en ny plan för vården i länet.\n";
        let p = paras(text);
        let f = front_matter(&p, text.len(), None, false);
        let d = drafts("t.txt", &p, &f, &article_starts(&p, &f));
        assert_eq!(d[0].kind, ArticleKind::Leader, "{:?}", d[0].blocks);
        assert!(
            matches!(d[0].blocks.last(), Some(Block::Paragraph(t)) if t.starts_with("Eva Lund"))
        );
        assert_eq!(d[1].title, "Ny plan för vården");
    }

    fn parse(text: &str) -> Vec<String> {
        crate::parse::parse_issue("t.txt", text)
            .0
            .articles
            .iter()
            .map(|a| a.title.clone())
            .collect()
    }

    #[test]
    fn a_leader_without_a_heading_ends_at_its_signature_and_the_kicker_stays_a_kicker() {
        let text = "Nyhetsbrev från förbundet
 
Karin Berg, förbundsdirektör. Foto: Per Ek
Året har börjat med många möten och vi ser fram emot ett intensivt arbete i länet.
 
Vi fortsätter att samla kommunerna kring de frågor som är viktigast för invånarna.
 
Karin Berg,
förbundsdirektör Förbundet
vård och omsorg
Ny plan för äldreomsorgen
 
Kommunerna har tillsammans tagit fram en plan för äldreomsorgen i hela länet.
";
        let t = parse(text);
        assert!(
            t.contains(&"Ny plan för äldreomsorgen".to_string()),
            "{t:?}"
        );
        assert!(!t.iter().any(|x| x.contains("Karin Berg")), "{t:?}");
        let issue = crate::parse::parse_issue("t.txt", text).0;
        let a = issue
            .articles
            .iter()
            .find(|a| a.title == "Ny plan för äldreomsorgen")
            .unwrap();
        assert_eq!(a.section.as_deref(), Some("vård och omsorg"));
    }

    #[test]
    fn a_heading_is_never_the_last_line_of_a_text() {
        // The text is cut off: its last paragraph reads like a title, but
        // the heading above it is still a heading.
        let text = "Rubrik ett\n\nEn första text som är lång nog att vara brödtext i ett nyhetsbrev.\n\nTips inför mötet\n\nFoto: Per Ek\n\nFör andra året bjuder vi in alla förtroendevalda\n";
        let t = parse(text);
        assert!(t.contains(&"Tips inför mötet".to_string()), "{t:?}");
    }
}
