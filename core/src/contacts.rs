//! Who to ask about what: the one contacts search, used by the reader's
//! contacts overlay and by `nyhetsbrev contacts`.
//!
//! Every query word must match one of a person's fields: name, role,
//! organisation, e-mail, the topics (and section labels) of the articles
//! the person appears in or is the contact for, or those articles' titles.
//! A word found as a substring (after folding case and å/ä/ö) scores
//! highest, more so at a word start or as a whole word; otherwise skim's
//! fuzzy subsequence match counts when it is tight enough. Fields weigh
//! name > role, organisation > topic, e-mail > article title. Best first;
//! ties in directory order. An empty query gives everyone in directory
//! order.

use foldhash::{HashMap, HashMapExt, HashSet, HashSetExt};

use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use serde::{Deserialize, Serialize};

use crate::text::fold_str;
use crate::{Corpus, Person};

/// Which of a person's fields a query word matched. On a tie between
/// fields the first in this order is named.
#[derive(Serialize, Deserialize, Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[serde(rename_all = "lowercase")]
pub enum Field {
    Name,
    Role,
    Org,
    Topic,
    Title,
    Email,
}

impl Field {
    fn weight(self) -> i64 {
        match self {
            Field::Name => 5,
            Field::Role | Field::Org => 4,
            Field::Topic | Field::Email => 3,
            Field::Title => 2,
        }
    }
}

/// A ranked person: index into `corpus.people`, score, matched fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ranked {
    pub person: usize,
    pub score: i64,
    pub matched: Vec<Field>,
}

/// Every person's searchable fields, folded once.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq, Eq)]
pub struct Directory {
    people: Vec<Vec<(Field, String)>>,
}

impl Directory {
    pub fn new(corpus: &Corpus) -> Directory {
        let index: HashMap<&str, usize> = corpus
            .issues
            .iter()
            .enumerate()
            .map(|(i, issue)| (issue.source.as_str(), i))
            .collect();
        // Titles, topics and labels repeat across people: fold each once.
        let mut folded = HashMap::new();
        Directory {
            people: corpus
                .people
                .iter()
                .map(|p| fields(corpus, &index, &mut folded, p))
                .collect(),
        }
    }

    /// A directory of these people's fields (see [`person_fields`]), in
    /// directory order.
    pub(crate) fn from_fields(people: Vec<Vec<(Field, String)>>) -> Directory {
        Directory { people }
    }

    /// Its people's fields, in directory order.
    pub(crate) fn into_fields(self) -> Vec<Vec<(Field, String)>> {
        self.people
    }

    /// How many people it holds.
    pub fn len(&self) -> usize {
        self.people.len()
    }

    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
    }

    /// Rank the people for a query (folded, split on white space).
    pub fn search(&self, query: &str) -> Vec<Ranked> {
        let words: Vec<String> = fold_str(query)
            .split_whitespace()
            .map(str::to_string)
            .collect();
        let matcher = SkimMatcherV2::default();
        let mut out = Vec::new();
        'people: for (pi, f) in self.people.iter().enumerate() {
            let mut total = 0;
            let mut matched = Vec::new();
            for w in &words {
                let best = f
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
}

/// What a contacts lookup reads: the corpus's people directory, each
/// person's folded fields, and every issue's summary in corpus order (the
/// dates and order of the articles a person is linked to). The index
/// keeps one, so a lookup reads no issue.
#[derive(Serialize, Deserialize, Clone, Debug, Default, PartialEq)]
pub struct Book {
    pub people: Vec<Person>,
    pub directory: Directory,
    pub issues: Vec<crate::IssueSummary>,
}

impl Book {
    pub fn new(corpus: &Corpus) -> Book {
        Book {
            people: corpus.people.clone(),
            directory: Directory::new(corpus),
            issues: corpus.summaries(),
        }
    }

    /// The people for a query, best first (see [`Directory::search`]).
    pub fn search(&self, query: &str) -> Vec<Ranked> {
        self.directory.search(query)
    }
}

/// [`Directory::search`] over a corpus, for a single query.
pub fn search(corpus: &Corpus, query: &str) -> Vec<Ranked> {
    Directory::new(corpus).search(query)
}

fn fields<'c>(
    corpus: &'c Corpus,
    index: &HashMap<&str, usize>,
    folded: &mut HashMap<&'c str, String>,
    p: &'c Person,
) -> Vec<(Field, String)> {
    // A person named in thousands of articles names few topics and titles:
    // each text is taken once, then folded.
    let mut named: HashSet<(Field, &'c str)> = HashSet::new();
    for r in p.contact_for.iter().chain(&p.mentioned_in) {
        let article = index
            .get(&*r.issue)
            .and_then(|&i| corpus.issues[i].articles.get(r.article));
        if let Some(a) = article {
            named.extend(a.topic.iter().map(|t| (Field::Topic, t.as_str())));
            if let Some(s) = &a.section {
                named.insert((Field::Topic, s.as_str()));
            }
        }
        named.insert((Field::Title, &r.title));
    }
    person_fields(p, named, folded)
}

/// A person's searchable fields: its own (name, roles, organisations,
/// e-mails) and the topics and titles of its articles (`named`, each
/// once), folded (texts already folded are taken from `folded`), sorted.
pub(crate) fn person_fields<'c>(
    p: &Person,
    named: HashSet<(Field, &'c str)>,
    folded: &mut HashMap<&'c str, String>,
) -> Vec<(Field, String)> {
    let mut items = vec![(Field::Name, fold_str(&p.name))];
    items.extend(p.roles.iter().map(|r| (Field::Role, fold_str(r))));
    items.extend(p.orgs.iter().map(|o| (Field::Org, fold_str(o))));
    items.extend(p.emails.iter().map(|e| (Field::Email, fold_str(e))));
    items.extend(named.into_iter().map(|(field, s)| {
        let text = folded.entry(s).or_insert_with(|| fold_str(s)).clone();
        (field, text)
    }));
    items.sort();
    items.dedup();
    items
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

    fn person(name: &str, role: &str, email: &str) -> Person {
        Person {
            name: name.into(),
            roles: vec![role.into()],
            emails: vec![email.into()],
            ..Person::default()
        }
    }

    #[test]
    fn every_word_must_match_and_names_outrank_roles_and_addresses() {
        let corpus = Corpus {
            people: vec![
                person("Eva Berg", "handläggare för skola", "eva.berg@kommun.se"),
                person("Skolan Svensson", "chef", "ss@kommun.se"),
                person("Per Lind", "chef", "per@skolverket.se"),
            ],
            ..Corpus::default()
        };
        let names =
            |q: &str| -> Vec<usize> { search(&corpus, q).iter().map(|r| r.person).collect() };
        // Name (Skolan) above role (skola) above e-mail (skolverket).
        assert_eq!(names("skol"), vec![1, 0, 2]);
        assert_eq!(names("chef skol"), vec![1, 2]);
        assert_eq!(names("zzzqx"), Vec::<usize>::new());
        // No query: everyone, in directory order.
        assert_eq!(names(""), vec![0, 1, 2]);
        let eva = &search(&corpus, "kommun")[0];
        assert_eq!(eva.matched, vec![Field::Email]);
    }
}
