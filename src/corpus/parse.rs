//! Parsing: text → issue. (Being written.)

use super::model::*;
use super::Warning;

/// Stable id of an issue: its file stem.
pub fn id_from_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, _)) => stem.to_string(),
        None => name.to_string(),
    }
}

/// Parse one text file into an issue.
pub fn parse_issue(name: &str, text: &str) -> (Issue, Vec<Warning>) {
    let title = text
        .lines()
        .find(|l| !l.trim().is_empty())
        .unwrap_or("")
        .trim()
        .to_string();
    let mut article = Article {
        title: title.clone(),
        body: text.to_string(),
        ..Default::default()
    };
    article.blocks = blocks_from_body(text);
    article.sync_text();
    let issue = Issue {
        source: name.to_string(),
        id: id_from_name(name),
        kind: IssueKind::Newsletter,
        date: None,
        date_precision: DatePrecision::Day,
        date_basis: DateBasis::None,
        title,
        articles: vec![article],
        meetings: Vec::new(),
        encoding: String::new(),
    };
    (issue, Vec::new())
}
