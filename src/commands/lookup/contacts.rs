//! `nyhetsbrev contacts [QUERY]`: who to ask about what.
//!
//! Every query word must match one of a person's fields: name, role,
//! organisation, the topics (and section labels) of the articles the person
//! appears in or is the contact for, or those articles' titles. A word
//! found as a substring (after folding case and å/ä/ö) scores highest, more
//! so at a word start or as a whole word; otherwise skim's fuzzy
//! subsequence match counts when it is tight enough. Fields weigh name >
//! role, organisation > topic > article title.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use serde::Serialize;

use super::{emit, emit_json, fill, issue_date, issue_date_json, issue_index, no_match, Style};
use crate::commands::Context;
use crate::corpus::text::fold_str;
use crate::corpus::{Corpus, Person};
use crate::i18n::lookup_words;
use crate::sanitize::{clean_line, show_name};

/// Which of a person's fields a query word matched.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Name,
    Role,
    Org,
    Topic,
    Title,
}

impl Field {
    fn weight(self) -> i64 {
        match self {
            Field::Name => 5,
            Field::Role | Field::Org => 4,
            Field::Topic => 3,
            Field::Title => 2,
        }
    }
}

/// A person's searchable fields, folded.
struct Fields {
    items: Vec<(Field, String)>,
}

/// One article a person is linked to.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub struct ArticleLink {
    pub issue: String,
    pub issue_date: Option<String>,
    pub article: usize,
    pub number: usize,
    pub title: String,
    pub relation: Relation,
    #[serde(skip)]
    issue_label: String,
    #[serde(skip)]
    order: usize,
}

#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum Relation {
    Contact,
    Mentioned,
}

#[derive(Serialize, Debug)]
struct PersonOut<'a> {
    name: &'a str,
    score: i64,
    matched: Vec<Field>,
    roles: &'a [String],
    orgs: &'a [String],
    emails: &'a [String],
    articles: Vec<ArticleLink>,
}

#[derive(Serialize, Debug)]
struct Output<'a> {
    query: Option<&'a str>,
    people: Vec<PersonOut<'a>>,
}

/// A ranked person: index into `corpus.people`, score, matched fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranked {
    pub person: usize,
    pub score: i64,
    pub matched: Vec<Field>,
}

fn fields(corpus: &Corpus, index: &HashMap<&str, usize>, p: &Person) -> Fields {
    let mut items = vec![(Field::Name, fold_str(&p.name))];
    items.extend(p.roles.iter().map(|r| (Field::Role, fold_str(r))));
    items.extend(p.orgs.iter().map(|o| (Field::Org, fold_str(o))));
    for r in p.contact_for.iter().chain(&p.mentioned_in) {
        let article = index
            .get(&*r.issue)
            .and_then(|&i| corpus.issues[i].articles.get(r.article));
        if let Some(a) = article {
            items.extend(a.topic.iter().map(|t| (Field::Topic, fold_str(t))));
            if let Some(s) = &a.section {
                items.push((Field::Topic, fold_str(s)));
            }
        }
        items.push((Field::Title, fold_str(&r.title)));
    }
    items.sort();
    items.dedup();
    Fields { items }
}

/// Score of one folded query word against one folded field, 0 for no match.
fn word_score(matcher: &SkimMatcherV2, field: &str, word: &str) -> i64 {
    if let Some(pos) = field.find(word) {
        let at_start = pos == 0
            || !field[..pos]
                .chars()
                .next_back()
                .is_some_and(char::is_alphanumeric);
        let end = pos + word.len();
        let at_end = end == field.len()
            || !field[end..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric);
        return 100 + if at_start { 30 } else { 0 } + if at_start && at_end { 20 } else { 0 };
    }
    let n = word.chars().count() as i64;
    if n < 3 {
        return 0;
    }
    match matcher.fuzzy_match(field, word) {
        // skim gives about 16 a matched character plus bonuses, less gap
        // penalties: demand a tight match so long fields do not match
        // every query by scattered letters.
        Some(s) if s >= 13 * n => (60 * s / (18 * n)).min(90),
        _ => 0,
    }
}

/// Rank the people directory for a query (folded, split on white space).
/// Every word must match some field; best first, ties in directory order.
pub fn rank(corpus: &Corpus, query: &str) -> Vec<Ranked> {
    let words: Vec<String> = fold_str(query)
        .split_whitespace()
        .map(str::to_string)
        .collect();
    let index = issue_index(corpus);
    let matcher = SkimMatcherV2::default();
    let mut out = Vec::new();
    'people: for (pi, p) in corpus.people.iter().enumerate() {
        let f = fields(corpus, &index, p);
        let mut total = 0;
        let mut matched = Vec::new();
        for w in &words {
            let best = f
                .items
                .iter()
                .map(|(kind, text)| (kind.weight() * word_score(&matcher, text, w), *kind))
                .max_by_key(|(s, kind)| (*s, std::cmp::Reverse(*kind)));
            match best {
                Some((s, kind)) if s > 0 => {
                    total += s;
                    if !matched.contains(&kind) {
                        matched.push(kind);
                    }
                }
                _ => continue 'people,
            }
        }
        matched.sort();
        out.push(Ranked {
            person: pi,
            score: total,
            matched,
        });
    }
    out.sort_by(|a, b| b.score.cmp(&a.score).then(a.person.cmp(&b.person)));
    out
}

/// The articles a person is the contact for or appears in, newest issue
/// first; an article the person is both is listed once, as contact.
pub fn articles(corpus: &Corpus, p: &Person) -> Vec<ArticleLink> {
    let index = issue_index(corpus);
    let mut out: Vec<ArticleLink> = Vec::new();
    let refs = p
        .contact_for
        .iter()
        .map(|r| (r, Relation::Contact))
        .chain(p.mentioned_in.iter().map(|r| (r, Relation::Mentioned)));
    for (r, relation) in refs {
        if out
            .iter()
            .any(|l| *l.issue == *r.issue && l.article == r.article)
        {
            continue;
        }
        let issue = index.get(&*r.issue).map(|&i| (i, &corpus.issues[i]));
        out.push(ArticleLink {
            issue: r.issue.to_string(),
            issue_date: issue.and_then(|(_, i)| issue_date_json(i)),
            article: r.article,
            number: r.article + 1,
            title: r.title.to_string(),
            relation,
            issue_label: issue
                .map(|(_, i)| issue_date(i))
                .unwrap_or_else(|| "—".into()),
            order: issue.map(|(i, _)| i).unwrap_or(usize::MAX),
        });
    }
    out.sort_by_key(|l| (l.order, l.article));
    out
}

pub fn run(
    corpus: &Corpus,
    ctx: &Context,
    style: Style,
    query: Option<&str>,
    json: bool,
) -> Result<ExitCode> {
    let w = lookup_words(ctx.lang);
    let query = query.map(str::trim).filter(|q| !q.is_empty());
    let ranked: Vec<Ranked> = match query {
        Some(q) => rank(corpus, q),
        None => (0..corpus.people.len())
            .map(|person| Ranked {
                person,
                score: 0,
                matched: Vec::new(),
            })
            .collect(),
    };
    if ranked.is_empty() {
        return Ok(no_match(&match query {
            Some(q) => fill(w.no_person, &[("query", q)]),
            None => w.no_people.to_string(),
        }));
    }
    if json {
        let people = ranked
            .iter()
            .map(|r| {
                let p = &corpus.people[r.person];
                PersonOut {
                    name: &p.name,
                    score: r.score,
                    matched: r.matched.clone(),
                    roles: &p.roles,
                    orgs: &p.orgs,
                    emails: &p.emails,
                    articles: articles(corpus, p),
                }
            })
            .collect();
        emit_json(&Output { query, people })?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for (n, r) in ranked.iter().enumerate() {
        let p = &corpus.people[r.person];
        if n > 0 {
            out.push('\n');
        }
        let _ = writeln!(out, "{}", style.bold(&clean_line(&p.name)));
        let list = |items: &[String]| {
            items
                .iter()
                .map(|s| clean_line(s))
                .collect::<Vec<_>>()
                .join("; ")
        };
        if !p.roles.is_empty() {
            let _ = writeln!(out, "  {}: {}", style.dim(w.roles), list(&p.roles));
        }
        if !p.orgs.is_empty() {
            let _ = writeln!(out, "  {}: {}", style.dim(w.orgs), list(&p.orgs));
        }
        if !p.emails.is_empty() {
            let _ = writeln!(out, "  {}: {}", style.dim(w.emails), list(&p.emails));
        }
        for link in articles(corpus, p) {
            let label = match link.relation {
                Relation::Contact => w.contact_for,
                Relation::Mentioned => w.mentioned_in,
            };
            let _ = writeln!(
                out,
                "  {}: {} {}  {}",
                style.dim(label),
                style.accent(&link.issue_label),
                clean_line(&link.title),
                style.dim(&format!(
                    "[{} {}]",
                    show_name(link.issue.trim_end_matches(".txt").trim_end_matches(".ron")),
                    link.number
                )),
            );
        }
    }
    emit(&out)?;
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn substring_beats_fuzzy_and_word_starts_beat_inner_hits() {
        let m = SkimMatcherV2::default();
        let whole = word_score(&m, "karin soffiantini-yildiz", "karin");
        let start = word_score(&m, "chef for gymnasieantagningen", "gymnasie");
        let inner = word_score(&m, "den gemensamma gymnasieregionen", "regionen");
        let fuzzy = word_score(&m, "soffiantini", "sofiantini");
        assert!(
            whole > start && start > inner && inner > fuzzy,
            "{whole} {start} {inner} {fuzzy}"
        );
        assert!(fuzzy > 0);
        assert_eq!(
            word_score(&m, "regional utvecklingsdirektor", "gymnasie"),
            0
        );
    }
}
