//! The corpus model: what the parser produces, what the reader shows and what
//! `export` writes. The JSON export is a public interface (see README): field
//! names here are part of it, so add fields rather than renaming them.

use std::borrow::Cow;
use std::sync::Arc;

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
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
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
///
/// The text is stored once, as `blocks`; the exported `body`, `captions` and
/// `links` are derived from them ([`Article::body`], [`Article::captions`],
/// [`Article::links`]). Serialised with the same fields, in the same order,
/// as always (see README).
#[derive(Deserialize, Clone, Debug, PartialEq, Default)]
#[serde(from = "ArticleRepr")]
pub struct Article {
    pub title: String,
    /// The section label exactly as written above the title, if any.
    pub section: Option<String>,
    /// Topic path, from area down (filled in from the taxonomy).
    pub topic: Vec<String>,
    pub kind: ArticleKind,
    /// The text in reading order, with captions and links in place.
    pub blocks: Vec<Block>,
    pub people: Vec<PersonMention>,
    pub contacts: Vec<Contact>,
    /// The links of the source's markup shown in this article (HTML, an
    /// HTML e-mail), with their URLs; empty for plain text. Exported as
    /// `urls` only when there are any.
    pub urls: Vec<Link>,
    /// Captions and links a hand-written issue gave as lists while its
    /// blocks have none of that kind (almost always `None`).
    given: Option<Box<GivenText>>,
}

/// A link of the source: the text it is shown as and its URL (only
/// `http`, `https` and `mailto` URLs are kept).
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash)]
pub struct Link {
    pub text: String,
    pub url: String,
}

/// Captions and links given outside the blocks (see [`Article`]).
#[derive(Clone, Debug, PartialEq, Default)]
struct GivenText {
    captions: Vec<String>,
    links: Vec<String>,
}

/// An article as written in the export schema and in hand-written RON
/// issues: `body`, `captions` and `links` spelled out.
#[derive(Deserialize)]
struct ArticleRepr {
    title: String,
    section: Option<String>,
    #[serde(default)]
    topic: Vec<String>,
    #[serde(default)]
    kind: ArticleKind,
    /// Body text: paragraphs separated by a blank line, list items as lines
    /// starting with "• ". Only read when there are no blocks.
    #[serde(default)]
    body: String,
    #[serde(default)]
    blocks: Vec<Block>,
    #[serde(default)]
    captions: Vec<String>,
    #[serde(default)]
    links: Vec<String>,
    #[serde(default)]
    people: Vec<PersonMention>,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    urls: Vec<Link>,
}

impl From<ArticleRepr> for Article {
    /// Blocks are the truth; a body without blocks (a hand-authored RON
    /// issue) is split into blocks. Captions and links given as lists are
    /// kept only when the blocks have none of their kind.
    fn from(r: ArticleRepr) -> Self {
        let blocks = if r.blocks.is_empty() && !r.body.trim().is_empty() {
            blocks_from_body(&r.body)
        } else {
            r.blocks
        };
        let mut a = Article {
            title: r.title,
            section: r.section,
            topic: r.topic,
            kind: r.kind,
            blocks,
            people: r.people,
            contacts: r.contacts,
            urls: r.urls,
            given: None,
        };
        let mut given = GivenText::default();
        if !r.captions.is_empty() && a.captions().is_empty() {
            given.captions = r.captions;
        }
        if !r.links.is_empty() && a.links().is_empty() {
            given.links = r.links;
        }
        if given != GivenText::default() {
            a.given = Some(Box::new(given));
        }
        a
    }
}

impl Serialize for Article {
    /// The export schema: `body`, `captions` and `links` derived from the
    /// blocks, fields in their documented order.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Article", 11)?;
        st.serialize_field("title", &self.title)?;
        st.serialize_field("section", &self.section)?;
        st.serialize_field("topic", &self.topic)?;
        st.serialize_field("kind", &self.kind)?;
        st.serialize_field("body", &*self.body())?;
        st.serialize_field("blocks", &self.blocks)?;
        st.serialize_field("captions", &self.captions())?;
        st.serialize_field("links", &self.links())?;
        st.serialize_field("people", &self.people)?;
        st.serialize_field("contacts", &self.contacts)?;
        if self.urls.is_empty() {
            st.skip_field("urls")?;
        } else {
            st.serialize_field("urls", &self.urls)?;
        }
        st.end()
    }
}

/// An issue as the folder's index keeps it: [`Issue`]'s own fields, but
/// each article's text once, as its blocks. The export schema's `body`,
/// `captions` and `links` (derived from the blocks) are left out, and
/// made again when the issue is read back with `Issue`'s `Deserialize`
/// (see [`ArticleRepr`]); captions and links a hand-written issue gave as
/// lists are kept as such. Half the text to write, inflate and decode.
pub(crate) struct StoredIssue<'a>(pub &'a Issue);

impl Serialize for StoredIssue<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        // Every field named: one added to `Issue` must be kept here too.
        let Issue {
            source,
            id,
            kind,
            date,
            date_precision,
            date_basis,
            title,
            articles,
            meetings,
            encoding,
        } = self.0;
        struct Date<'a>(&'a Option<NaiveDate>);
        impl Serialize for Date<'_> {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                opt_date::serialize(self.0, s)
            }
        }
        let articles: Vec<StoredArticle> = articles.iter().map(StoredArticle).collect();
        let mut st = s.serialize_struct("Issue", 10)?;
        st.serialize_field("source", source)?;
        st.serialize_field("id", id)?;
        st.serialize_field("kind", kind)?;
        st.serialize_field("date", &Date(date))?;
        st.serialize_field("date_precision", date_precision)?;
        st.serialize_field("date_basis", date_basis)?;
        st.serialize_field("title", title)?;
        st.serialize_field("articles", &articles)?;
        st.serialize_field("meetings", meetings)?;
        st.serialize_field("encoding", encoding)?;
        st.end()
    }
}

/// An article in a [`StoredIssue`].
struct StoredArticle<'a>(&'a Article);

impl Serialize for StoredArticle<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let Article {
            title,
            section,
            topic,
            kind,
            blocks,
            people,
            contacts,
            urls,
            given,
        } = self.0;
        let mut st = s.serialize_struct("Article", 10)?;
        st.serialize_field("title", title)?;
        st.serialize_field("section", section)?;
        st.serialize_field("topic", topic)?;
        st.serialize_field("kind", kind)?;
        st.serialize_field("blocks", blocks)?;
        if let Some(given) = given {
            st.serialize_field("captions", &given.captions)?;
            st.serialize_field("links", &given.links)?;
        }
        st.serialize_field("people", people)?;
        st.serialize_field("contacts", contacts)?;
        st.serialize_field("urls", urls)?;
        st.end()
    }
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

/// A meeting's identity: its day and its folded title (case, accents,
/// punctuation and "&"/"och" do not matter). The same meeting announced in
/// several issues, or twice in one calendar, has one key.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct MeetingKey {
    pub date: NaiveDate,
    /// The title as [`crate::text::fold_key`] gives it.
    pub title: String,
}

impl MeetingKey {
    pub fn new(date: NaiveDate, title: &str) -> MeetingKey {
        MeetingKey {
            date,
            title: crate::text::fold_key(title),
        }
    }
}

impl Meeting {
    /// This meeting's identity (see [`MeetingKey`]).
    pub fn key(&self) -> MeetingKey {
        MeetingKey::new(self.date, &self.title)
    }
}

/// Points at one article in the corpus. The strings are shared: a corpus
/// holds tens of thousands of refs to the same issues and articles.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleRef {
    /// The issue's source file name.
    pub issue: Arc<str>,
    /// Index into that issue's articles.
    pub article: usize,
    pub title: Arc<str>,
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
            Some(s) => {
                let s = s.trim();
                // The form the index and `export` write, read without
                // chrono's general parser (the index holds hundreds of
                // thousands of dates); any other through it.
                match super::fixed_fields(s, b'-', [4, 2, 2])
                    .and_then(|[y, m, d]| NaiveDate::from_ymd_opt(y as i32, m, d))
                {
                    Some(d) => Ok(Some(d)),
                    None => NaiveDate::parse_from_str(s, "%Y-%m-%d")
                        .map(Some)
                        .map_err(serde::de::Error::custom),
                }
            }
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
            Some(s) => {
                let s = s.trim();
                match super::fixed_fields(s, b':', [2, 2])
                    .and_then(|[h, m]| NaiveTime::from_hms_opt(h, m, 0))
                {
                    Some(t) => Ok(Some(t)),
                    None => NaiveTime::parse_from_str(s, "%H:%M")
                        .map(Some)
                        .map_err(serde::de::Error::custom),
                }
            }
        }
    }
}

/// The numbers of `text` when it is exactly fields of ASCII digits of the
/// given widths joined by `sep` (`2025-09-25`, `10:30`); None otherwise.
fn fixed_fields<const N: usize>(text: &str, sep: u8, widths: [usize; N]) -> Option<[u32; N]> {
    let bytes = text.as_bytes();
    if bytes.len() != widths.iter().sum::<usize>() + N - 1 {
        return None;
    }
    let mut out = [0u32; N];
    let mut at = 0;
    for (k, w) in widths.into_iter().enumerate() {
        if k > 0 {
            if bytes[at] != sep {
                return None;
            }
            at += 1;
        }
        for &b in &bytes[at..at + w] {
            if !b.is_ascii_digit() {
                return None;
            }
            out[k] = out[k] * 10 + u32::from(b - b'0');
        }
        at += w;
    }
    Some(out)
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
    /// Whether two articles are equal but for their text (blocks and
    /// links): see [`Issue::same_head`].
    fn same_head(&self, other: &Article) -> bool {
        let Article {
            title,
            section,
            topic,
            kind,
            blocks: _,
            people,
            contacts,
            urls: _,
            given,
        } = self;
        *title == other.title
            && *section == other.section
            && *topic == other.topic
            && *kind == other.kind
            && *people == other.people
            && *contacts == other.contacts
            && *given == other.given
    }

    /// An article with its text; topic, people and contacts still empty.
    pub fn new(
        title: String,
        section: Option<String>,
        kind: ArticleKind,
        blocks: Vec<Block>,
    ) -> Article {
        Article {
            title,
            section,
            kind,
            blocks,
            ..Default::default()
        }
    }

    /// Body text: paragraphs and headings separated by a blank line, list
    /// items as lines starting with "• ". Captions and link lines are not
    /// part of it. Borrowed when the article is a single paragraph.
    pub fn body(&self) -> Cow<'_, str> {
        let mut parts = self.blocks.iter().filter(|b| b.in_body());
        match (parts.next(), parts.next()) {
            (None, _) => return Cow::Borrowed(""),
            (Some(Block::Paragraph(t) | Block::Heading(t)), None) => return Cow::Borrowed(t),
            _ => {}
        }
        let mut body = String::new();
        for (i, b) in self.blocks.iter().filter(|b| b.in_body()).enumerate() {
            if i > 0 {
                body.push_str("\n\n");
            }
            match b {
                Block::Paragraph(t) | Block::Heading(t) => body.push_str(t),
                Block::List(items) => {
                    for (j, item) in items.iter().enumerate() {
                        if j > 0 {
                            body.push('\n');
                        }
                        body.push_str("• ");
                        body.push_str(item);
                    }
                }
                Block::Caption(_) | Block::Link(_) => {}
            }
        }
        Cow::Owned(body)
    }

    /// Photo captions: the caption blocks, in order.
    pub fn captions(&self) -> Vec<&str> {
        self.text_of(
            |b| match b {
                Block::Caption(c) => Some(c),
                _ => None,
            },
            |g| &g.captions,
        )
    }

    /// "Läs mer …" link lines: the link blocks, in order.
    pub fn links(&self) -> Vec<&str> {
        self.text_of(
            |b| match b {
                Block::Link(l) => Some(l),
                _ => None,
            },
            |g| &g.links,
        )
    }

    /// The blocks `pick` selects, or else what a hand-written issue gave.
    fn text_of<'a>(
        &'a self,
        pick: impl Fn(&'a Block) -> Option<&'a String>,
        given: impl Fn(&'a GivenText) -> &'a Vec<String>,
    ) -> Vec<&'a str> {
        let from_blocks: Vec<&str> = self
            .blocks
            .iter()
            .filter_map(pick)
            .map(String::as_str)
            .collect();
        match &self.given {
            Some(g) if from_blocks.is_empty() => given(g).iter().map(String::as_str).collect(),
            _ => from_blocks,
        }
    }

    /// Replace the text with a plain body (paragraphs separated by blank
    /// lines, "• " list items), as a hand-written issue may give it.
    pub fn set_body(&mut self, body: &str) {
        self.blocks = blocks_from_body(body);
    }

    /// Give back capacity left over from building the article.
    pub fn shrink_to_fit(&mut self) {
        self.title.shrink_to_fit();
        if let Some(s) = &mut self.section {
            s.shrink_to_fit();
        }
        shrink_strings(&mut self.topic);
        for b in &mut self.blocks {
            match b {
                Block::Paragraph(t) | Block::Heading(t) | Block::Caption(t) | Block::Link(t) => {
                    t.shrink_to_fit()
                }
                Block::List(items) => shrink_strings(items),
            }
        }
        self.blocks.shrink_to_fit();
        for p in &mut self.people {
            p.name.shrink_to_fit();
            for s in [&mut p.role, &mut p.org].into_iter().flatten() {
                s.shrink_to_fit();
            }
        }
        self.people.shrink_to_fit();
        for c in &mut self.contacts {
            for s in [&mut c.name, &mut c.email, &mut c.role]
                .into_iter()
                .flatten()
            {
                s.shrink_to_fit();
            }
        }
        self.contacts.shrink_to_fit();
        for l in &mut self.urls {
            l.text.shrink_to_fit();
            l.url.shrink_to_fit();
        }
        self.urls.shrink_to_fit();
    }
}

impl Block {
    /// Whether the block is part of the body text (not a caption or link).
    fn in_body(&self) -> bool {
        matches!(
            self,
            Block::Paragraph(_) | Block::Heading(_) | Block::List(_)
        )
    }
}

fn shrink_strings(v: &mut Vec<String>) {
    for s in v.iter_mut() {
        s.shrink_to_fit();
    }
    v.shrink_to_fit();
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
    /// Whether two issues are equal but for their articles' text (blocks
    /// and links): what the index's head of an issue keeps. Every field is
    /// named, so that a field added later is compared here too.
    pub fn same_head(&self, other: &Issue) -> bool {
        let Issue {
            source,
            id,
            kind,
            date,
            date_precision,
            date_basis,
            title,
            articles,
            meetings,
            encoding,
        } = self;
        *source == other.source
            && *id == other.id
            && *kind == other.kind
            && *date == other.date
            && *date_precision == other.date_precision
            && *date_basis == other.date_basis
            && *title == other.title
            && *meetings == other.meetings
            && *encoding == other.encoding
            && articles.len() == other.articles.len()
            && articles
                .iter()
                .zip(&other.articles)
                .all(|(a, b)| a.same_head(b))
    }

    /// A hash of the articles' text (blocks and links), the same in every
    /// run: what tells two heads' texts apart.
    pub fn text_hash(&self) -> u64 {
        use std::hash::{BuildHasher, Hash, Hasher};
        let mut h = foldhash::fast::FixedState::with_seed(0x6e79_6865_7473_6272).build_hasher();
        for a in &self.articles {
            a.blocks.hash(&mut h);
            a.urls.hash(&mut h);
        }
        h.finish()
    }

    /// Give back capacity left over from parsing (growing vectors keep up
    /// to half their size unused), once the issue is complete.
    pub fn shrink_to_fit(&mut self) {
        for s in [
            &mut self.source,
            &mut self.id,
            &mut self.title,
            &mut self.encoding,
        ] {
            s.shrink_to_fit();
        }
        for a in &mut self.articles {
            a.shrink_to_fit();
        }
        self.articles.shrink_to_fit();
        for m in &mut self.meetings {
            m.title.shrink_to_fit();
        }
        self.meetings.shrink_to_fit();
    }

    /// Every string of the issue, to change in place (cleaning what a
    /// hand-written issue gave: see `clean`).
    pub fn for_each_string_mut(&mut self, f: &mut impl FnMut(&mut String)) {
        for s in [
            &mut self.source,
            &mut self.id,
            &mut self.title,
            &mut self.encoding,
        ] {
            f(s);
        }
        for a in &mut self.articles {
            f(&mut a.title);
            if let Some(s) = &mut a.section {
                f(s);
            }
            a.topic.iter_mut().for_each(&mut *f);
            for b in &mut a.blocks {
                match b {
                    Block::Paragraph(t)
                    | Block::Heading(t)
                    | Block::Caption(t)
                    | Block::Link(t) => f(t),
                    Block::List(items) => items.iter_mut().for_each(&mut *f),
                }
            }
            for p in &mut a.people {
                f(&mut p.name);
                [&mut p.role, &mut p.org]
                    .into_iter()
                    .flatten()
                    .for_each(&mut *f);
            }
            for c in &mut a.contacts {
                [&mut c.name, &mut c.email, &mut c.role]
                    .into_iter()
                    .flatten()
                    .for_each(&mut *f);
            }
            for l in &mut a.urls {
                f(&mut l.text);
                f(&mut l.url);
            }
            if let Some(g) = &mut a.given {
                g.captions
                    .iter_mut()
                    .chain(g.links.iter_mut())
                    .for_each(&mut *f);
            }
        }
        for m in &mut self.meetings {
            f(&mut m.title);
        }
    }

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

#[cfg(test)]
mod tests {
    use super::*;

    fn blocks() -> Vec<Block> {
        vec![
            Block::Paragraph("Första.".into()),
            Block::Caption("Foto: Någon".into()),
            Block::Heading("RUBRIK".into()),
            Block::List(vec!["en".into(), "två".into()]),
            Block::Link("Läs mer".into()),
        ]
    }

    #[test]
    fn dates_and_times_read_as_chrono_reads_them() {
        #[derive(Deserialize)]
        struct D(#[serde(with = "opt_date")] Option<chrono::NaiveDate>);
        #[derive(Deserialize)]
        struct T(#[serde(with = "opt_time")] Option<chrono::NaiveTime>);
        for text in [
            "2025-09-25",
            " 2025-09-25 ",
            "2024-02-29",
            "2025-02-29",
            "2025-13-01",
            "2025-9-5",
            "2025-09-5",
            "0000-01-01",
            "2025/09/25",
            "2025-09-25x",
            "20250925",
            "",
            "abcd-ef-gh",
        ] {
            let json = serde_json::to_string(text).unwrap();
            let chrono = chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").ok();
            let ours = serde_json::from_str::<D>(&json).ok().and_then(|d| d.0);
            assert_eq!(ours, chrono, "{text:?}");
        }
        for text in [
            "10:30", "9:05", "24:00", "23:59", "10-30", "1030", " 08:00", "10:3x",
        ] {
            let json = serde_json::to_string(text).unwrap();
            let chrono = chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M").ok();
            let ours = serde_json::from_str::<T>(&json).ok().and_then(|t| t.0);
            assert_eq!(ours, chrono, "{text:?}");
        }
    }

    #[test]
    fn body_is_derived_from_the_blocks() {
        let a = Article::new("T".into(), None, ArticleKind::Article, blocks());
        assert_eq!(a.body(), "Första.\n\nRUBRIK\n\n• en\n• två");
        assert_eq!(a.captions(), ["Foto: Någon"]);
        assert_eq!(a.links(), ["Läs mer"]);
        let one = Article::new(
            "T".into(),
            None,
            ArticleKind::Article,
            vec![Block::Paragraph("Ett.".into()), Block::Link("L".into())],
        );
        assert!(matches!(one.body(), Cow::Borrowed("Ett.")));
        assert_eq!(Article::default().body(), "");
        let empty = Article::new(
            "T".into(),
            None,
            ArticleKind::Article,
            vec![Block::List(Vec::new()), Block::Paragraph(String::new())],
        );
        assert_eq!(empty.body(), "\n\n");
    }

    fn ron(text: &str) -> Article {
        ron::Options::default()
            .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
            .from_str(text)
            .unwrap()
    }

    #[test]
    fn an_issue_kept_by_the_index_reads_back_the_same_and_smaller() {
        let mut issues = crate::Corpus::embedded().issues;
        // Captions and links given as lists (a hand-written issue), a link
        // with its URL, and an article with no text at all.
        let mut given = ron(r#"(title: "G", body: "Ett.", captions: ["C"], links: ["L"])"#);
        given.urls = vec![Link {
            text: "L".into(),
            url: "https://example.se".into(),
        }];
        issues[0].articles.push(given);
        issues[0].articles.push(ron(r#"(title: "Tom")"#));
        for issue in &issues {
            let stored = serde_json::to_vec(&StoredIssue(issue)).unwrap();
            let back: Issue = serde_json::from_slice(&stored).unwrap();
            assert_eq!(&back, issue, "{}", issue.source);
            let export = serde_json::to_vec(issue).unwrap();
            assert!(
                stored.len() * 10 < export.len() * 7,
                "{} vs {}",
                stored.len(),
                export.len()
            );
        }
    }

    #[test]
    fn a_body_without_blocks_becomes_blocks() {
        let a =
            ron(r#"(title: "T", body: "Ett\ntvå.\n\n• a\n• b", captions: ["C"], links: ["L"])"#);
        assert_eq!(
            a.blocks,
            [
                Block::Paragraph("Ett två.".into()),
                Block::List(vec!["a".into(), "b".into()])
            ]
        );
        assert_eq!(a.body(), "Ett två.\n\n• a\n• b");
        // Given lists are kept when the blocks have none of their kind.
        assert_eq!((a.captions(), a.links()), (vec!["C"], vec!["L"]));
    }

    #[test]
    fn blocks_win_over_a_written_body_captions_and_links() {
        let a = ron(
            r#"(title: "T", body: "ignored", captions: ["old"], links: ["old"],
                blocks: [(type: paragraph, text: "P"), (type: caption, text: "C")])"#,
        );
        assert_eq!(a.body(), "P");
        assert_eq!(a.captions(), ["C"]);
        assert_eq!(a.links(), ["old"]);
    }

    #[test]
    fn serialised_with_the_documented_fields_in_order() {
        let a = Article::new("T".into(), None, ArticleKind::Article, blocks());
        let json = serde_json::to_string(&a).unwrap();
        assert_eq!(
            json,
            r#"{"title":"T","section":null,"topic":[],"kind":"article","body":"Första.\n\nRUBRIK\n\n• en\n• två","blocks":[{"type":"paragraph","text":"Första."},{"type":"caption","text":"Foto: Någon"},{"type":"heading","text":"RUBRIK"},{"type":"list","text":["en","två"]},{"type":"link","text":"Läs mer"}],"captions":["Foto: Någon"],"links":["Läs mer"],"people":[],"contacts":[]}"#
        );
        let back: Article = serde_json::from_str(&json).unwrap();
        assert_eq!(back, a);
    }
}
