//! People: finding named persons, their roles and contacts in article text,
//! and the directory that merges one person across issues.

use std::collections::HashMap;

use super::model::{ArticleRef, Issue, Person};
use super::text::fold_key;

/// The people directory: every named person merged across issues by name,
/// with every role seen, sorted by name.
pub fn directory(issues: &[Issue]) -> Vec<Person> {
    let mut people: Vec<Person> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let mut entry = |name: &str, people: &mut Vec<Person>| -> usize {
        *index.entry(fold_key(name)).or_insert_with(|| {
            people.push(Person {
                name: name.to_string(),
                ..Default::default()
            });
            people.len() - 1
        })
    };
    for issue in issues {
        for (ai, article) in issue.articles.iter().enumerate() {
            let aref = ArticleRef {
                issue: issue.source.clone(),
                article: ai,
                title: article.title.clone(),
            };
            for m in &article.people {
                let i = entry(&m.name, &mut people);
                let p = &mut people[i];
                if let Some(role) = &m.role {
                    push_unique(&mut p.roles, role);
                }
                if let Some(org) = &m.org {
                    push_unique(&mut p.orgs, org);
                }
                push_unique(&mut p.issues, &issue.source);
                if !p.mentioned_in.contains(&aref) {
                    p.mentioned_in.push(aref.clone());
                }
            }
            for c in &article.contacts {
                let Some(name) = &c.name else { continue };
                let i = entry(name, &mut people);
                let p = &mut people[i];
                if let Some(email) = &c.email {
                    push_unique(&mut p.emails, email);
                }
                if let Some(role) = &c.role {
                    push_unique(&mut p.roles, role);
                }
                push_unique(&mut p.issues, &issue.source);
                if !p.contact_for.contains(&aref) {
                    p.contact_for.push(aref.clone());
                }
            }
        }
    }
    people.sort_by_key(|p| fold_key(&sort_name(&p.name)));
    people
}

/// "Karin Soffiantini-Yildiz" sorts as "Soffiantini-Yildiz Karin".
pub fn sort_name(name: &str) -> String {
    match name.rsplit_once(' ') {
        Some((first, last)) => format!("{last} {first}"),
        None => name.to_string(),
    }
}

fn push_unique(list: &mut Vec<String>, value: &str) {
    let key = fold_key(value);
    if !list.iter().any(|v| fold_key(v) == key) {
        list.push(value.to_string());
    }
}
