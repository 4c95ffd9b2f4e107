//! The corpus model: what the parser produces, what the reader shows and what
//! `export` writes. The JSON export is a public interface (see README): field
//! names here are part of it, so add fields rather than renaming them.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// Whether a file is a newsletter issue or a standalone document.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum IssueKind {
    Newsletter,
    Document,
}

/// How precisely the issue date is known.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum DatePrecision {
    #[default]
    Day,
    Month,
    Year,
}

/// Where the issue date came from.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Default)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    /// A `Datum:` line at the top of the file (or the RON file's own field).
    #[default]
    Explicit,
    /// The date of the board meeting the issue summarises.
    BoardMeeting,
    /// The first date of the issue's calendar.
    Calendar,
    /// Only years (and perhaps months) mentioned in the text.
    YearsMentioned,
    /// Nothing was found.
    None,
}

/// One parsed file: a newsletter issue or a document.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Issue {
    /// File name the issue was read from (no directory).
    pub source: String,
    /// Stable short id: the file stem.
    #[serde(default)]
    pub id: String,
    pub kind: IssueKind,
    #[serde(with = "opt_date")]
    pub date: Option<NaiveDate>,
    #[serde(default)]
    pub date_precision: DatePrecision,
    #[serde(default)]
    pub date_basis: DateBasis,
    pub title: String,
    #[serde(default)]
    pub articles: Vec<Article>,
    #[serde(default)]
    pub meetings: Vec<Meeting>,
    /// Text encoding the file was decoded from (`utf-8`, `utf-16le`, `windows-1252`, `ron`).
    #[serde(default)]
    pub encoding: String,
}

/// What part of an issue an article is.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
#[serde(rename_all = "lowercase")]
pub enum ArticleKind {
    /// The editorial at the top, signed by the director.
    Leader,
    #[default]
    Article,
    /// An interview (labelled "Intervju med …").
    Interview,
    /// A summary of a board meeting.
    Board,
    /// The calendar ("På gång", "Kommande möten …").
    Calendar,
    /// A section of a document.
    Section,
}

/// One piece of an article's text, in reading order.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "type", content = "text", rename_all = "lowercase")]
pub enum Block {
    /// A reflowed paragraph.
    Paragraph(String),
    /// A sub-heading inside an article (all-caps headings in documents).
    Heading(String),
    /// A bullet list, one string per item.
    List(Vec<String>),
    /// A photo caption ("Foto: …", or a line naming the people in a picture).
    Caption(String),
    /// A "Läs mer …" / "Anmäl dig här" link line.
    Link(String),
}

/// An article (or leader, board summary, calendar, document section).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Article {
    pub title: String,
    /// The section label exactly as written above the title, if any.
    pub section: Option<String>,
    /// Topic path, from area down (filled in from the taxonomy).
    #[serde(default)]
    pub topic: Vec<String>,
    #[serde(default)]
    pub kind: ArticleKind,
    /// Body text: paragraphs separated by a blank line, list items as lines
    /// starting with "• ". Captions and link lines are not part of it.
    #[serde(default)]
    pub body: String,
    /// The same text in reading order, with captions and links in place.
    #[serde(default)]
    pub blocks: Vec<Block>,
    #[serde(default)]
    pub captions: Vec<String>,
    #[serde(default)]
    pub links: Vec<String>,
    #[serde(default)]
    pub people: Vec<PersonMention>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
}

/// A person named in an article, with the role the text gives there.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct PersonMention {
    pub name: String,
    pub role: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub org: Option<String>,
}

/// Who to contact about an article.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Contact {
    pub name: Option<String>,
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<String>,
}

/// Where a meeting was found.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[serde(rename_all = "lowercase")]
pub enum MeetingSource {
    /// The issue's calendar, or an event block with "När:"/"Tid:".
    Calendar,
    /// A date mentioned in running article text.
    Article,
}

/// A dated meeting or event.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq)]
pub struct Meeting {
    pub title: String,
    pub date: NaiveDate,
    #[serde(with = "opt_time", default)]
    pub start: Option<NaiveTime>,
    #[serde(with = "opt_time", default)]
    pub end: Option<NaiveTime>,
    pub from: MeetingSource,
    /// Index of the article (in the same issue) that lists the meeting.
    #[serde(default)]
    pub article: Option<usize>,
}

/// Points at one article in the corpus.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleRef {
    /// The issue's source file name.
    pub issue: String,
    /// Index into that issue's articles.
    pub article: usize,
    pub title: String,
}

/// One entry of the people directory, merged across issues.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct Person {
    pub name: String,
    pub roles: Vec<String>,
    #[serde(default)]
    pub orgs: Vec<String>,
    #[serde(default)]
    pub emails: Vec<String>,
    /// Source files of the issues the person appears in.
    pub issues: Vec<String>,
    /// Articles the person is named in.
    #[serde(default)]
    pub mentioned_in: Vec<ArticleRef>,
    /// Articles the person is the contact for.
    #[serde(default)]
    pub contact_for: Vec<ArticleRef>,
}

/// A node of the topic tree: an area, a sub-topic, and the articles filed there.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Default)]
pub struct TopicNode {
    pub name: String,
    /// Number of articles in this node and below.
    pub count: usize,
    #[serde(default)]
    pub children: Vec<TopicNode>,
    #[serde(default)]
    pub articles: Vec<ArticleRef>,
}

/// Dates as "YYYY-MM-DD" or null.
pub mod opt_date {
    use chrono::NaiveDate;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(d: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match d {
            Some(d) => s.serialize_str(&d.format("%Y-%m-%d").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match super::opt_string(d)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d")
                .map(Some)
                .map_err(serde::de::Error::custom),
        }
    }
}

/// Times as "HH:MM" or null.
pub mod opt_time {
    use chrono::NaiveTime;
    use serde::{Deserializer, Serializer};

    pub fn serialize<S: Serializer>(t: &Option<NaiveTime>, s: S) -> Result<S::Ok, S::Error> {
        match t {
            Some(t) => s.serialize_str(&t.format("%H:%M").to_string()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveTime>, D::Error> {
        match super::opt_string(d)? {
            None => Ok(None),
            Some(s) if s.trim().is_empty() => Ok(None),
            Some(s) => NaiveTime::parse_from_str(s.trim(), "%H:%M")
                .map(Some)
                .map_err(serde::de::Error::custom),
        }
    }
}

/// An optional string written as `"x"`, `Some("x")`, `null` or `None`
/// (JSON and RON, with or without RON's implicit `Some`).
fn opt_string<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Option<String>, D::Error> {
    struct V;
    impl<'de> serde::de::Visitor<'de> for V {
        type Value = Option<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string or nothing")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Self::Value, E> {
            Ok(Some(v.to_string()))
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Self::Value, E> {
            Ok(None)
        }
        fn visit_some<D2: serde::Deserializer<'de>>(self, d: D2) -> Result<Self::Value, D2::Error> {
            d.deserialize_any(V)
        }
    }
    d.deserialize_any(V)
}

impl Article {
    /// Rebuild `body`, `captions` and `links` from `blocks`, or `blocks` from
    /// `body` when only the body was written (a hand-authored RON issue).
    pub fn sync_text(&mut self) {
        if self.blocks.is_empty() && !self.body.trim().is_empty() {
            self.blocks = blocks_from_body(&self.body);
        }
        let mut body = Vec::new();
        let mut captions = Vec::new();
        let mut links = Vec::new();
        for b in &self.blocks {
            match b {
                Block::Paragraph(t) | Block::Heading(t) => body.push(t.clone()),
                Block::List(items) => body.push(
                    items
                        .iter()
                        .map(|i| format!("• {i}"))
                        .collect::<Vec<_>>()
                        .join("\n"),
                ),
                Block::Caption(c) => captions.push(c.clone()),
                Block::Link(l) => links.push(l.clone()),
            }
        }
        self.body = body.join("\n\n");
        if !captions.is_empty() || self.captions.is_empty() {
            self.captions = captions;
        }
        if !links.is_empty() || self.links.is_empty() {
            self.links = links;
        }
    }
}

/// Split a plain body (paragraphs separated by blank lines, "• " list items)
/// into blocks.
pub fn blocks_from_body(body: &str) -> Vec<Block> {
    let mut out = Vec::new();
    for para in body.split("\n\n") {
        let para = para.trim();
        if para.is_empty() {
            continue;
        }
        let lines: Vec<&str> = para.lines().collect();
        if lines.iter().all(|l| l.trim_start().starts_with('•')) {
            out.push(Block::List(
                lines
                    .iter()
                    .map(|l| l.trim_start().trim_start_matches('•').trim().to_string())
                    .collect(),
            ));
        } else {
            out.push(Block::Paragraph(lines.join(" ")));
        }
    }
    out
}

impl Issue {
    /// A short human label: the date (if known) and the title.
    pub fn label(&self) -> String {
        match self.date_text() {
            Some(d) => format!("{d} {}", self.title),
            None => self.title.clone(),
        }
    }

    /// The date as precisely as it is known: "2025-09-25", "2025-09" or
    /// "2023" (language-neutral ISO forms).
    pub fn date_text(&self) -> Option<String> {
        let d = self.date?;
        Some(match self.date_precision {
            DatePrecision::Day => d.format("%Y-%m-%d").to_string(),
            DatePrecision::Month => d.format("%Y-%m").to_string(),
            DatePrecision::Year => d.format("%Y").to_string(),
        })
    }
}
