//! `nyhetsbrev contacts [QUERY]`: who to ask about what. The ranking is the
//! core's contacts search ([`crate::corpus::contacts`]), the same the
//! reader's contacts overlay uses.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::{emit, emit_json, fill, issue_date, issue_date_json, issue_index, no_match, Style};
use crate::commands::Context;
use crate::corpus::contacts::{Book, Field, Ranked};
use crate::corpus::Person;
use crate::i18n::lookup_words;
use crate::sanitize::{clean_line, show_name};

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

/// The articles people are linked to, found among a book's issues (by
/// source file, indexed once per lookup).
pub struct Links<'b> {
    book: &'b Book,
    index: HashMap<&'b str, usize>,
}

impl<'b> Links<'b> {
    pub fn new(book: &'b Book) -> Links<'b> {
        Links {
            book,
            index: issue_index(&book.issues),
        }
    }

    /// The articles a person is the contact for or appears in, newest
    /// issue first; an article the person is both is listed once, as
    /// contact.
    pub fn of(&self, p: &Person) -> Vec<ArticleLink> {
        let mut out: Vec<ArticleLink> = Vec::new();
        let mut listed: HashSet<(&str, usize)> = HashSet::new();
        let refs = p
            .contact_for
            .iter()
            .map(|r| (r, Relation::Contact))
            .chain(p.mentioned_in.iter().map(|r| (r, Relation::Mentioned)));
        for (r, relation) in refs {
            if !listed.insert((&*r.issue, r.article)) {
                continue;
            }
            let issue = self
                .index
                .get(&*r.issue)
                .map(|&i| (i, &self.book.issues[i]));
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
}

pub fn run(
    book: &Book,
    ctx: &Context,
    style: Style,
    query: Option<&str>,
    json: bool,
) -> Result<ExitCode> {
    let w = lookup_words(ctx.lang);
    let query = query.map(str::trim).filter(|q| !q.is_empty());
    let ranked: Vec<Ranked> = book.search(query.unwrap_or(""));
    if ranked.is_empty() {
        return Ok(no_match(&match query {
            Some(q) => fill(w.no_person, &[("query", q)]),
            None => w.no_people.to_string(),
        }));
    }
    let links = Links::new(book);
    if json {
        let people = ranked
            .iter()
            .map(|r| {
                let p = &book.people[r.person];
                PersonOut {
                    name: &p.name,
                    score: r.score,
                    matched: r.matched.clone(),
                    roles: &p.roles,
                    orgs: &p.orgs,
                    emails: &p.emails,
                    articles: links.of(p),
                }
            })
            .collect();
        emit_json(&Output { query, people })?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    for (n, r) in ranked.iter().enumerate() {
        let p = &book.people[r.person];
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
        for link in links.of(p) {
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
