//! The topic taxonomy (RON, shipped as `issues/topics.ron`) and the topic
//! tree built from it: areas → sub-topics (section labels) → articles.

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use serde::{Deserialize, Serialize};

use super::model::{ArticleKind, ArticleRef, Issue, IssueKind, TopicNode};
use super::text::{fold_key, squash};
use super::{Warning, WarningKind};

/// One topic area and the keywords that file a label under it.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Area {
    pub name: String,
    pub keywords: Vec<String>,
    /// Only section labels are filed here, never running text.
    #[serde(default)]
    pub labels_only: bool,
    /// A prioritised collaboration area: an article filed elsewhere by its
    /// label is filed here as well when its title names this area.
    #[serde(default)]
    pub priority: bool,
    /// The keywords folded (`fold_key`), made once when first needed.
    #[serde(skip)]
    folded: FoldedKeys,
}

/// An area's folded keywords and name, computed once: filing tens of thousands of
/// articles would otherwise fold every keyword again for each one. Not
/// part of the taxonomy's value (equal taxonomies compare equal whether
/// or not it has been made).
#[derive(Clone, Debug, Default)]
struct FoldedKeys(OnceLock<Vec<String>>, OnceLock<String>);

impl PartialEq for FoldedKeys {
    fn eq(&self, _: &FoldedKeys) -> bool {
        true
    }
}

impl Area {
    fn keys(&self) -> &[String] {
        self.folded
            .0
            .get_or_init(|| self.keywords.iter().map(|k| fold_key(k)).collect())
    }

    /// The area's name folded (`fold_key`).
    fn name_key(&self) -> &str {
        self.folded.1.get_or_init(|| fold_key(&self.name))
    }
}

/// The taxonomy: ordered areas plus the names of the fixed topics.
#[derive(Serialize, Deserialize, Clone, Debug, PartialEq)]
pub struct Taxonomy {
    pub areas: Vec<Area>,
    pub leader: String,
    pub board: String,
    pub calendar: String,
    pub interviews: String,
    pub other: String,
}

/// The taxonomy shipped with the reader.
pub const BUILTIN_RON: &str = include_str!("../../issues/topics.ron");

impl Taxonomy {
    pub fn from_ron(text: &str) -> Result<Taxonomy, ron::error::SpannedError> {
        ron::from_str(text)
    }

    pub fn builtin() -> Taxonomy {
        // The file is compiled in and covered by a test; a failure here is a
        // build defect, not bad input.
        Taxonomy::from_ron(BUILTIN_RON).expect("built-in issues/topics.ron must parse")
    }

    /// The area a section label belongs to, if the taxonomy knows it.
    ///
    /// A label that is one noun phrase (no "och") is filed by its head, the
    /// last word, when an area knows it: in "Kommande digitala evenemang"
    /// the events are the subject and "digitala" only describes them. A
    /// coordinated label ("Social välfärd och hälsa") goes to the first area
    /// that knows any of its words, in taxonomy order.
    pub fn area_for_label(&self, label: &str) -> Option<&Area> {
        let key = fold_key(label);
        let find = |hay: &str| {
            self.areas
                .iter()
                .find(|a| a.keys().iter().any(|k| word_prefix_match(hay, k)))
        };
        let words: Vec<&str> = key.split(' ').collect();
        if words.len() > 1 && !words.contains(&"och") {
            if let Some(a) = words.last().and_then(|head| find(head)) {
                return Some(a);
            }
        }
        find(&key)
    }

    /// The priority area an article filed under the area `filed` (a fold
    /// key) also
    /// belongs to: one whose keyword its title names, when `filed` is a
    /// taxonomy area other than that one (fixed topics such as the
    /// calendar and labels of their own are left where they are).
    fn priority_area_for(&self, filed: &str, title: &str) -> Option<&Area> {
        // Event areas (labels only) hold blocks by kind, not by subject.
        if !self
            .areas
            .iter()
            .any(|a| a.name_key() == filed && !a.labels_only)
        {
            return None;
        }
        let t = fold_key(title);
        self.areas.iter().find(|a| {
            a.priority && a.name_key() != filed && a.keys().iter().any(|k| word_prefix_match(&t, k))
        })
    }

    /// The key two sub-topic names are compared by: each word stands for
    /// the area that knows it (or for itself), "och" is dropped and the
    /// order does not matter, so "Arbetsmarknad och utbildning",
    /// "Utbildning och arbetsmarknad" and "Utbildning och arbetskraft" are
    /// one sub-topic. Event areas (labels only) name a kind of block, not a
    /// subject, so "Mötesplats X" and "Förbundsmöte X" stay apart.
    fn subtopic_key(&self, name: &str) -> String {
        let key = fold_key(name);
        let mut parts: Vec<String> = key
            .split(' ')
            .filter(|w| !w.is_empty() && *w != "och")
            .map(|w| {
                self.areas
                    .iter()
                    .find(|a| {
                        !a.labels_only
                            && a.keys()
                                .iter()
                                .any(|k| !k.contains(' ') && w.starts_with(k.as_str()))
                    })
                    .map(|a| a.name_key().to_string())
                    .unwrap_or_else(|| w.to_string())
            })
            .collect();
        parts.sort();
        parts.dedup();
        parts.join(" ")
    }

    /// The area running text is most about, by keyword counts (title counts
    /// three times), or None when the evidence is thin.
    pub fn area_for_text(&self, title: &str, body: &str) -> Option<&Area> {
        let t = fold_key(title);
        let b = fold_key(body);
        let mut best: Option<(&Area, usize)> = None;
        for area in self.areas.iter().filter(|a| !a.labels_only) {
            let mut score = 0;
            for k in area.keys() {
                score += 3 * count_word_prefix(&t, k) + count_word_prefix(&b, k);
            }
            if score >= 2 && best.map(|(_, s)| score > s).unwrap_or(true) {
                best = Some((area, score));
            }
        }
        best.map(|(a, _)| a)
    }

    /// Fill in the topic path of every article of an issue.
    pub fn assign(&self, issue: &mut Issue, warnings: &mut Vec<Warning>) {
        for article in &mut issue.articles {
            if !article.topic.is_empty() {
                continue; // hand-written RON issues may set their own
            }
            article.topic = match article.kind {
                ArticleKind::Leader => vec![self.leader.clone()],
                ArticleKind::Board => vec![self.board.clone()],
                ArticleKind::Calendar => vec![self.calendar.clone()],
                ArticleKind::Interview => vec![self.interviews.clone()],
                ArticleKind::Section if issue.kind == IssueKind::Document => {
                    match self.area_for_label(&article.title) {
                        Some(a) if a.name_key() == fold_key(&article.title) => {
                            vec![a.name.clone()]
                        }
                        // The section that repeats the document's own title is
                        // the document itself, not a sub-topic of it.
                        _ if fold_key(&article.title) == fold_key(&issue.title) => {
                            vec![issue.title.clone()]
                        }
                        _ => vec![issue.title.clone(), display_label(&article.title)],
                    }
                }
                _ => match &article.section {
                    Some(label) if is_kicker(label) && self.area_for_label(label).is_none() => {
                        match self.area_for_text(&article.title, &article.body()) {
                            Some(a) => vec![a.name.clone()],
                            None => vec![self.other.clone()],
                        }
                    }
                    Some(label) => match self.area_for_label(label) {
                        Some(a) => {
                            let sub = display_label(label);
                            if fold_key(&sub) == a.name_key() {
                                vec![a.name.clone()]
                            } else {
                                vec![a.name.clone(), sub]
                            }
                        }
                        None => {
                            warnings.push(Warning::new(
                                &issue.source,
                                WarningKind::UnknownLabel,
                                squash(label),
                            ));
                            vec![display_label(label)]
                        }
                    },
                    None => match self.area_for_text(&article.title, &article.body()) {
                        Some(a) => vec![a.name.clone()],
                        None => vec![self.other.clone()],
                    },
                },
            };
        }
    }

    /// Build the tree over all issues: taxonomy areas first (in order), then
    /// the fixed topics, then labels of their own, each with counts.
    pub fn tree(&self, issues: &[Issue]) -> Vec<TopicNode> {
        let mut order: Vec<String> = self.areas.iter().map(|a| a.name.clone()).collect();
        for fixed in [&self.leader, &self.board, &self.interviews, &self.calendar] {
            order.push(fixed.clone());
        }
        let other = [self.other.clone()];
        let mut roots = Roots::default();
        let mut keys = SubtopicKeys {
            taxonomy: self,
            keys: HashMap::new(),
        };
        for issue in issues {
            let source: Arc<str> = Arc::from(issue.source.as_str());
            for (ai, article) in issue.articles.iter().enumerate() {
                let aref = ArticleRef {
                    issue: source.clone(),
                    article: ai,
                    title: Arc::from(article.title.as_str()),
                };
                let path: &[String] = if article.topic.is_empty() {
                    &other
                } else {
                    &article.topic
                };
                let ri = roots.of(&path[0]);
                let also = self.priority_area_for(&roots.keys[ri], &article.title);
                insert(&mut roots.nodes[ri], &path[1..], aref.clone(), &mut keys);
                if let Some(area) = also {
                    let ri = roots.of(&area.name);
                    insert(&mut roots.nodes[ri], &[], aref, &mut keys);
                }
            }
        }
        let mut roots = roots.nodes;
        let rank = |name: &str| {
            order
                .iter()
                .position(|o| fold_key(o) == fold_key(name))
                .unwrap_or(usize::MAX)
        };
        roots.sort_by(|a, b| {
            rank(&a.name)
                .cmp(&rank(&b.name))
                .then_with(|| {
                    (fold_key(&a.name) == fold_key(&self.other))
                        .cmp(&(fold_key(&b.name) == fold_key(&self.other)))
                })
                .then_with(|| fold_key(&a.name).cmp(&fold_key(&b.name)))
        });
        roots.iter_mut().for_each(shrink);
        roots
    }
}

/// The roots of a tree being built, one per fold key, each with its key;
/// each name (topic names repeat across tens of thousands of articles)
/// folded once.
#[derive(Default)]
struct Roots {
    nodes: Vec<TopicNode>,
    keys: Vec<String>,
    by_key: HashMap<String, usize>,
    by_name: HashMap<String, usize>,
}

impl Roots {
    /// The root a topic name files under, made when first named.
    fn of(&mut self, name: &str) -> usize {
        if let Some(&ri) = self.by_name.get(name) {
            return ri;
        }
        let key = fold_key(name);
        let ri = match self.by_key.get(&key) {
            Some(&ri) => ri,
            None => {
                self.nodes.push(TopicNode {
                    name: name.to_string(),
                    ..Default::default()
                });
                self.keys.push(key.clone());
                self.by_key.insert(key, self.nodes.len() - 1);
                self.nodes.len() - 1
            }
        };
        self.by_name.insert(name.to_string(), ri);
        ri
    }
}

/// [`Taxonomy::subtopic_key`] of each name, made once while a tree is built.
struct SubtopicKeys<'t> {
    taxonomy: &'t Taxonomy,
    keys: HashMap<String, String>,
}

impl SubtopicKeys<'_> {
    fn of(&mut self, name: &str) -> &str {
        if !self.keys.contains_key(name) {
            let key = self.taxonomy.subtopic_key(name);
            self.keys.insert(name.to_string(), key);
        }
        &self.keys[name]
    }
}

/// Give back the spare capacity of a finished node and its children.
fn shrink(node: &mut TopicNode) {
    node.articles.shrink_to_fit();
    node.children.iter_mut().for_each(shrink);
    node.children.shrink_to_fit();
}

fn insert(node: &mut TopicNode, rest: &[String], aref: ArticleRef, keys: &mut SubtopicKeys) {
    node.count += 1;
    match rest.split_first() {
        None => node.articles.push(aref),
        Some((head, tail)) => {
            let key = keys.of(head).to_string();
            let pos = match node.children.iter().position(|c| keys.of(&c.name) == key) {
                Some(p) => p,
                None => {
                    node.children.push(TopicNode {
                        name: head.clone(),
                        ..Default::default()
                    });
                    node.children.len() - 1
                }
            };
            insert(&mut node.children[pos], tail, aref, keys);
        }
    }
}

/// Does `needle` (a folded key, possibly several words) start at a word
/// boundary in `hay`?
fn word_prefix_match(hay: &str, needle: &str) -> bool {
    count_word_prefix(hay, needle) > 0
}

/// How many times `needle` starts at a word boundary in `hay`, matches
/// taken leftmost and not overlapping. (A byte scan: the haystacks are
/// titles and labels, where building a substring searcher for each of
/// the taxonomy's keywords cost more than the search.)
fn count_word_prefix(hay: &str, needle: &str) -> usize {
    let (h, n) = (hay.as_bytes(), needle.as_bytes());
    let Some(&first) = n.first() else {
        return 0;
    };
    let mut count = 0;
    let mut at = 0;
    while at + n.len() <= h.len() {
        // `first` starts a char, so a byte equal to it does too.
        if h[at] == first && h[at..].starts_with(n) {
            let boundary = !hay[..at]
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric());
            if boundary {
                count += 1;
            }
            at += n.len();
        } else {
            at += 1;
        }
    }
    count
}

/// Finite verbs a kicker is written with ("förbundsdirektören har ordet",
/// "Kommunerna tar ansvar"); a section label is a noun phrase and has none.
const KICKER_VERBS: &[&str] = &[
    "har",
    "är",
    "blir",
    "blev",
    "tar",
    "ger",
    "får",
    "ska",
    "vill",
    "kan",
    "går",
    "gör",
    "möter",
    "berättar",
    "svarar",
    "tipsar",
    "säger",
    "tycker",
    "vet",
];

/// A kicker: a line above a heading that reads as a phrase, not as the name
/// of a section — a name with its role ("anna ek, blivande direktör", a
/// comma) or a clause with a finite verb ("förbundsdirektören har ordet").
/// It names no topic, so its article is filed by its own words.
pub fn is_kicker(label: &str) -> bool {
    let s = squash(label);
    if s.ends_with('.') || s.chars().count() > 80 {
        return false;
    }
    if s.contains(',') {
        return true;
    }
    s.split_whitespace()
        .skip(1)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .any(|w| KICKER_VERBS.contains(&w.as_str()))
}

/// A label as a topic name: white space squashed, "&" written "och", and
/// odd capitalisation ("hÄLSA OCH STÖD", "BO OCH VERKA", "trygghet") made
/// sentence case. Proper names in ordinary labels are kept.
pub fn display_label(label: &str) -> String {
    let s = squash(&label.replace('&', " och "));
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    let upper = letters.iter().filter(|c| c.is_uppercase()).count();
    let first_lower = s.chars().next().is_some_and(|c| c.is_lowercase());
    let odd = upper * 2 > letters.len() || first_lower;
    let base = if odd { s.to_lowercase() } else { s };
    let mut cs = base.chars();
    match cs.next() {
        Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keywords_count_at_word_starts_leftmost_and_without_overlap() {
        let cases = [
            ("skolans skola och förskola", "skol", 2),
            ("förskola", "skola", 0),
            ("halso- och sjukvard", "sjukvard", 1),
            ("asa asa", "asa", 2),
            ("a-a-a", "a-a", 1),
            ("aaaa", "aa", 1),
            ("vard", "vardag", 0),
            ("", "x", 0),
            ("x", "", 0),
            ("övrigt övrigt", "övrigt", 2),
            ("xövrigt", "övrigt", 0),
        ];
        for (hay, needle, n) in cases {
            assert_eq!(count_word_prefix(hay, needle), n, "{needle:?} in {hay:?}");
        }
    }

    #[test]
    fn builtin_taxonomy_parses_and_tops_with_the_priority_areas() {
        let t = Taxonomy::builtin();
        let names: Vec<&str> = t.areas.iter().map(|a| a.name.as_str()).collect();
        assert_eq!(
            &names[..4],
            &[
                "Gemensam gymnasieregion",
                "God och nära vård och omsorg",
                "Infrastruktur",
                "Digitalisering"
            ]
        );
        for mission in [
            "Utbildning",
            "Arbetsmarknad",
            "Social välfärd",
            "Hälsa",
            "Samhällsbyggnad",
            "Energi",
            "Klimat och miljö",
        ] {
            assert!(names.contains(&mission), "{mission} missing");
        }
    }

    #[test]
    fn labels_differing_in_case_ampersand_or_spaces_share_an_area() {
        let t = Taxonomy::builtin();
        let a = t.area_for_label("Social välfärd & hälsa").unwrap();
        let b = t.area_for_label("social välfärd och hälsa\u{a0}").unwrap();
        assert_eq!(a.name, b.name);
        let c = t.area_for_label("Arbetsmarknad och utbildning").unwrap();
        let d = t.area_for_label("utbildning och arbetsmarknad").unwrap();
        assert_eq!(c.name, d.name);
        assert_eq!(
            t.area_for_label("Öppenhet och digitalisering")
                .unwrap()
                .name,
            "Digitalisering"
        );
        assert!(t.area_for_label("Vår nya rubrik").is_none());
    }

    #[test]
    fn a_kicker_above_a_heading_names_no_topic_and_its_article_is_filed_by_its_text() {
        assert!(is_kicker("ordföranden har ordet"));
        assert!(is_kicker("karin berg, ny kanslichef"));
        assert!(is_kicker("Regionerna tar nästa steg"));
        assert!(!is_kicker("trygghet"));
        assert!(!is_kicker("Vår nya rubrik"));
        assert!(!is_kicker("Social välfärd & hälsa"));
        let t = Taxonomy::builtin();
        let article = crate::model::Article::new(
            "Ny kanslichef".into(),
            Some("karin berg, ny kanslichef".into()),
            ArticleKind::Article,
            vec![crate::model::Block::Paragraph("Hon börjar i maj.".into())],
        );
        let mut issue = issue_of("x", IssueKind::Newsletter, vec![article]);
        issue.articles[0].topic.clear();
        let mut warnings = Vec::new();
        t.assign(&mut issue, &mut warnings);
        assert!(warnings.is_empty(), "{warnings:?}");
        assert_eq!(issue.articles[0].topic, vec![t.other.clone()]);
    }

    #[test]
    fn display_labels_are_sentence_case() {
        assert_eq!(display_label("hÄLSA OCH STÖD"), "Hälsa och stöd");
        assert_eq!(display_label("BO OCH VERKA"), "Bo och verka");
        assert_eq!(
            display_label("digitalisering & ekonomi"),
            "Digitalisering och ekonomi"
        );
        assert_eq!(
            display_label("Mötesplats Storsthlm 2019"),
            "Mötesplats Storsthlm 2019"
        );
    }

    fn article(title: &str, section: Option<&str>, body: &str) -> crate::model::Article {
        crate::model::Article::new(
            title.to_string(),
            section.map(str::to_string),
            ArticleKind::Article,
            vec![crate::model::Block::Paragraph(body.to_string())],
        )
    }

    fn issue_of(title: &str, kind: IssueKind, mut articles: Vec<crate::model::Article>) -> Issue {
        if kind == IssueKind::Document {
            articles
                .iter_mut()
                .for_each(|a| a.kind = ArticleKind::Section);
        }
        let mut issue = Issue {
            source: format!("{title}.txt"),
            id: String::new(),
            kind,
            date: None,
            date_precision: Default::default(),
            date_basis: Default::default(),
            title: title.to_string(),
            articles,
            meetings: Vec::new(),
            encoding: String::new(),
        };
        Taxonomy::builtin().assign(&mut issue, &mut Vec::new());
        issue
    }

    #[test]
    fn an_event_label_is_filed_by_its_head_word_not_an_adjective() {
        let t = Taxonomy::builtin();
        assert_eq!(
            t.area_for_label("Kommande digitala evenemang")
                .unwrap()
                .name,
            "Evenemang"
        );
        assert_eq!(
            t.area_for_label("Digitala verktyg").unwrap().name,
            "Digitalisering"
        );
        // A coordinated label keeps the first area that knows it.
        assert_eq!(
            t.area_for_label("Digitalisering och ekonomi").unwrap().name,
            "Digitalisering"
        );
    }

    #[test]
    fn child_welfare_text_is_filed_by_its_keywords_not_under_other() {
        let t = Taxonomy::builtin();
        let area = t.area_for_text(
            "Tidiga insatser för små barn",
            "Förskolan, barnhälsovården och barnpsykiatrin ska arbeta tillsammans \
             med socialtjänsten kring familjer som behöver stöd.",
        );
        assert_eq!(area.unwrap().name, "Social välfärd");
    }

    #[test]
    fn near_identical_sub_topics_are_one_node_and_a_labelled_article_joins_a_priority_area() {
        let t = Taxonomy::builtin();
        let one = issue_of(
            "Brev 1",
            IssueKind::Newsletter,
            vec![
                article(
                    "Fler vuxna läser vidare",
                    Some("Kompetens och utbildning"),
                    "x",
                ),
                article(
                    "Trygg hemgång vid utskrivning från sjukhus",
                    Some("Hälsa och stöd"),
                    "x",
                ),
            ],
        );
        let two = issue_of(
            "Brev 2",
            IssueKind::Newsletter,
            vec![article(
                "Ny yrkesutbildning",
                Some("UTBILDNING OCH KOMPETENS"),
                "x",
            )],
        );
        let tree = t.tree(&[one, two]);
        let utb = tree.iter().find(|n| n.name == "Utbildning").unwrap();
        assert_eq!(utb.children.len(), 1, "{:?}", utb.children);
        assert_eq!(utb.children[0].name, "Kompetens och utbildning");
        assert_eq!(utb.children[0].count, 2);
        assert_ne!(
            t.subtopic_key("Mötesplats Norrort 2024"),
            t.subtopic_key("Förbundsmöte Norrort 2024")
        );
        // Filed under its labelled area first, and under the priority area too.
        let halsa = tree.iter().find(|n| n.name == "Hälsa").unwrap();
        assert_eq!(halsa.count, 1);
        let vard = tree
            .iter()
            .find(|n| n.name == "God och nära vård och omsorg")
            .unwrap();
        assert_eq!(
            vard.articles[0].title.as_ref(),
            "Trygg hemgång vid utskrivning från sjukhus"
        );
        // The article's own path keeps its labelled area first.
        assert_eq!(t.area_for_label("Hälsa och stöd").unwrap().name, "Hälsa");
    }

    #[test]
    fn a_document_section_repeating_the_document_title_is_not_its_own_sub_topic() {
        let issue = issue_of(
            "Plan för regional samverkan",
            IssueKind::Document,
            vec![
                article("Plan för regional samverkan", None, "x"),
                article("Styrning och uppföljning", None, "x"),
            ],
        );
        assert_eq!(issue.articles[0].topic, vec!["Plan för regional samverkan"]);
        assert_eq!(
            issue.articles[1].topic,
            vec!["Plan för regional samverkan", "Styrning och uppföljning"]
        );
    }
}
