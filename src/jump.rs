//! Fuzzy jump: the candidates (issues, articles, people, meetings, topics)
//! and their ranking for a query. Shared by the reader's popup and the
//! `jump` subcommand; no terminal code here.
//!
//! fuzzy-matcher does not fold accents, so both the candidate text and the
//! query are folded first (see `corpus::text::fold`), and the matched
//! positions are mapped back to characters of the original text.

use std::collections::{HashMap, HashSet};

use chrono::Datelike;
use fuzzy_matcher::skim::SkimMatcherV2;
use fuzzy_matcher::FuzzyMatcher;
use serde::Serialize;

use crate::corpus::text::{fold, Folded};
use crate::corpus::{Corpus, TopicNode};

/// What a candidate is.
#[derive(Serialize, Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "lowercase")]
pub enum JumpKind {
    Article,
    Person,
    Meeting,
    Issue,
    Topic,
}

/// Where Enter on a candidate goes.
#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
#[serde(tag = "type", rename_all = "lowercase")]
pub enum Target {
    Issue { issue: usize },
    Article { issue: usize, article: usize },
    Person { person: usize },
    Meeting { issue: usize, meeting: usize },
    Topic { path: Vec<String> },
}

/// One thing the user can jump to.
#[derive(Clone, Debug)]
pub struct Candidate {
    pub kind: JumpKind,
    /// The text that is matched and shown (title, name with role, …).
    pub text: String,
    /// Where it is: issue date and title, or similar.
    pub context: String,
    pub target: Target,
    folded: Folded,
}

/// A ranked match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index into the candidate list.
    pub index: usize,
    pub score: i64,
    /// Matched positions, as char indices into the candidate's `text`.
    pub positions: Vec<usize>,
}

impl Candidate {
    pub fn new(kind: JumpKind, text: String, context: String, target: Target) -> Self {
        let folded = fold(&text);
        Candidate {
            kind,
            text,
            context,
            target,
            folded,
        }
    }
}

/// Every jump candidate of a corpus, in a stable order.
pub fn candidates(corpus: &Corpus) -> Vec<Candidate> {
    let mut out = Vec::new();
    for (ii, issue) in corpus.issues.iter().enumerate() {
        let when = issue.date_text().unwrap_or_else(|| "—".to_string());
        out.push(Candidate::new(
            JumpKind::Issue,
            format!("{} {}", when, issue.title),
            issue.source.clone(),
            Target::Issue { issue: ii },
        ));
        for (ai, a) in issue.articles.iter().enumerate() {
            let mut text = a.title.clone();
            let names: Vec<&str> = a
                .people
                .iter()
                .map(|p| p.name.as_str())
                .chain(a.contacts.iter().filter_map(|c| c.name.as_deref()))
                .collect();
            let mut uniq: Vec<&str> = Vec::new();
            for n in names {
                if !uniq.contains(&n) {
                    uniq.push(n);
                }
            }
            if !uniq.is_empty() {
                text.push_str(" — ");
                text.push_str(&uniq.join(", "));
            }
            out.push(Candidate::new(
                JumpKind::Article,
                text,
                format!("{} {}", when, issue.title),
                Target::Article {
                    issue: ii,
                    article: ai,
                },
            ));
        }
        for (mi, m) in issue.meetings.iter().enumerate() {
            out.push(Candidate::new(
                JumpKind::Meeting,
                format!("{} {}", m.date.format("%Y-%m-%d"), m.title),
                format!("{} {}", when, issue.title),
                Target::Meeting {
                    issue: ii,
                    meeting: mi,
                },
            ));
        }
    }
    // The first issue of each source (as `find` would), with its year.
    let mut years: HashMap<&str, i32> = HashMap::new();
    let mut sources: HashSet<&str> = HashSet::new();
    for i in &corpus.issues {
        if sources.insert(i.source.as_str()) {
            if let Some(d) = i.date {
                years.insert(i.source.as_str(), d.year());
            }
        }
    }
    for (pi, p) in corpus.people.iter().enumerate() {
        let mut text = p.name.clone();
        if !p.roles.is_empty() {
            text.push_str(" — ");
            text.push_str(&p.roles.join("; "));
        }
        out.push(Candidate::new(
            JumpKind::Person,
            text,
            person_years(&years, p),
            Target::Person { person: pi },
        ));
    }
    fn walk(nodes: &[TopicNode], path: &mut Vec<String>, out: &mut Vec<Candidate>) {
        for n in nodes {
            path.push(n.name.clone());
            out.push(Candidate::new(
                JumpKind::Topic,
                path.join(" › "),
                format!("{}", n.count),
                Target::Topic { path: path.clone() },
            ));
            walk(&n.children, path, out);
            path.pop();
        }
    }
    walk(&corpus.topics, &mut Vec::new(), &mut out);
    out
}

/// The years a person appears in, as "2018, 2020" (language-neutral).
/// `years` maps an issue's source to its year.
fn person_years(years: &HashMap<&str, i32>, p: &crate::corpus::Person) -> String {
    let mut ys: Vec<i32> = p
        .issues
        .iter()
        .filter_map(|src| years.get(src.as_str()).copied())
        .collect();
    ys.sort_unstable();
    ys.dedup();
    ys.iter()
        .map(|y| format!("{y:04}"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Ranks candidates against a query with fuzzy-matcher's skim algorithm.
///
/// Three things keep a keystroke cheap on a large archive (see
/// PERFORMANCE.md for what each buys): a prefilter that drops candidates
/// whose folded text does not hold the query's letters in order before
/// the matcher is called; `rank_lazy`, which scores without computing the
/// matched positions (the reader asks for positions only for the rows it
/// shows, with [`positions`]); and scoring on all cores for large lists.
pub struct Ranker {
    matcher: SkimMatcherV2,
    /// Check the letters-in-order condition before calling the matcher.
    prefilter: bool,
    /// Threads to score on (1: the calling thread only).
    threads: usize,
}

impl Default for Ranker {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ranker::with(true, cores)
    }
}

/// Candidates per thread below which more threads do not pay.
const CANDIDATES_PER_THREAD: usize = 4_000;

/// Does `text` hold the chars of `query` in order? (What the matcher
/// requires of a match, checked with `str::find` instead of building the
/// char vectors and score matrix; both are already folded.)
fn in_order(text: &str, query: &str) -> bool {
    let mut rest = text;
    for c in query.chars() {
        match rest.find(c) {
            Some(at) => rest = &rest[at + c.len_utf8()..],
            None => return false,
        }
    }
    true
}

impl Ranker {
    /// A ranker with the prefilter on or off, scoring on `threads` threads
    /// (for measuring what each costs; `default()` is the fast one).
    pub fn with(prefilter: bool, threads: usize) -> Ranker {
        Ranker {
            matcher: SkimMatcherV2::default(),
            prefilter,
            threads: threads.max(1),
        }
    }

    /// Rank `cands` for `query`: best first; ties go to the kind order
    /// (articles, people, meetings, issues, topics), then to list order.
    /// An empty query matches everything in list order.
    pub fn rank(&self, cands: &[Candidate], query: &str) -> Vec<Hit> {
        self.rank_subset(cands, query, None)
    }

    /// Like `rank`, but only over the candidate indices in `subset` (the
    /// survivors of a shorter query, when the user types one more letter).
    pub fn rank_subset(
        &self,
        cands: &[Candidate],
        query: &str,
        subset: Option<&[usize]>,
    ) -> Vec<Hit> {
        self.rank_inner(cands, query, subset, true)
    }

    /// The ranking of `rank_subset` (same hits, same order, same scores)
    /// without the matched positions: every `positions` is empty. Ask
    /// [`positions`] for the hits that are shown.
    pub fn rank_lazy(
        &self,
        cands: &[Candidate],
        query: &str,
        subset: Option<&[usize]>,
    ) -> Vec<Hit> {
        self.rank_inner(cands, query, subset, false)
    }

    fn rank_inner(
        &self,
        cands: &[Candidate],
        query: &str,
        subset: Option<&[usize]>,
        with_positions: bool,
    ) -> Vec<Hit> {
        let q = fold(query.trim()).text;
        let all: Vec<usize>;
        let order: &[usize] = match subset {
            Some(s) => s,
            None => {
                all = (0..cands.len()).collect();
                &all
            }
        };
        let mut hits: Vec<Hit> = if q.is_empty() {
            order
                .iter()
                .map(|&i| Hit {
                    index: i,
                    score: 0,
                    positions: Vec::new(),
                })
                .collect()
        } else {
            let threads = self.threads.min(order.len() / CANDIDATES_PER_THREAD).max(1);
            if threads == 1 {
                self.score(cands, &q, order, with_positions)
            } else {
                let chunk = order.len().div_ceil(threads);
                std::thread::scope(|scope| {
                    let handles: Vec<_> = order
                        .chunks(chunk)
                        .map(|part| scope.spawn(|| self.score(cands, &q, part, with_positions)))
                        .collect();
                    handles
                        .into_iter()
                        .flat_map(|h| match h.join() {
                            Ok(v) => v,
                            Err(e) => std::panic::resume_unwind(e),
                        })
                        .collect()
                })
            }
        };
        hits.sort_by(|a, b| {
            b.score
                .cmp(&a.score)
                .then_with(|| cands[a.index].kind.cmp(&cands[b.index].kind))
                .then_with(|| a.index.cmp(&b.index))
        });
        hits
    }

    /// Score the candidates `order` for the folded, non-empty query `q`.
    fn score(
        &self,
        cands: &[Candidate],
        q: &str,
        order: &[usize],
        with_positions: bool,
    ) -> Vec<Hit> {
        order
            .iter()
            .filter_map(|&i| {
                let c = &cands[i];
                if self.prefilter && !in_order(&c.folded.text, q) {
                    return None;
                }
                // `fuzzy_indices` even for the score alone: `fuzzy_match`'s
                // compressed score matrix scores some texts differently.
                let (score, idx) = self.matcher.fuzzy_indices(&c.folded.text, q)?;
                let positions = if with_positions {
                    map_positions(c, idx)
                } else {
                    Vec::new()
                };
                Some(Hit {
                    index: i,
                    score,
                    positions,
                })
            })
            .collect()
    }
}

/// Matched char indices of the folded text → char indices of the text.
fn map_positions(c: &Candidate, idx: Vec<usize>) -> Vec<usize> {
    let mut positions: Vec<usize> = idx
        .into_iter()
        .filter_map(|p| c.folded.map.get(p).copied())
        .collect();
    positions.dedup();
    positions
}

/// The matched positions of `query` in a candidate, as char indices into
/// its `text` (as `Ranker::rank` gives them; empty when it does not match or
/// the query is empty). For the rows shown after `Ranker::rank_lazy`.
pub fn positions(cand: &Candidate, query: &str) -> Vec<usize> {
    let q = fold(query.trim()).text;
    if q.is_empty() {
        return Vec::new();
    }
    match SkimMatcherV2::default().fuzzy_indices(&cand.folded.text, &q) {
        Some((_, idx)) => map_positions(cand, idx),
        None => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand(text: &str) -> Candidate {
        Candidate::new(
            JumpKind::Person,
            text.into(),
            String::new(),
            Target::Person { person: 0 },
        )
    }

    #[test]
    fn folding_lets_plain_letters_find_swedish_names() {
        let cands = vec![
            cand("Åsa Danielsson"),
            cand("Sven-Erik Österberg"),
            cand("Mats Gerdau"),
        ];
        let r = Ranker::default();
        let hits = r.rank(&cands, "asa");
        assert_eq!(hits[0].index, 0);
        assert_eq!(hits[0].positions, vec![0, 1, 2]);
        let hits = r.rank(&cands, "osterberg");
        assert_eq!(hits[0].index, 1);
        assert!(r.rank(&cands, "xyzzy").is_empty());
    }

    #[test]
    fn prefilter_threads_and_lazy_positions_change_nothing() {
        let words = [
            "Soffiantini",
            "Sofia",
            "Solna",
            "Täby",
            "Åsa Danielsson",
            "Österberg",
        ];
        let cands: Vec<Candidate> = (0..10_000)
            .map(|i| cand(&format!("{} {} nr {i}", words[i % 6], words[(i / 6) % 6])))
            .collect();
        let plain = Ranker::with(false, 1);
        let fast = Ranker::with(true, 2);
        for q in ["s", "so", "sof", "soffiantini", "asa d", "ost", "xyz", ""] {
            let want = plain.rank(&cands, q);
            assert_eq!(fast.rank(&cands, q), want, "{q}");
            let lazy = fast.rank_lazy(&cands, q, None);
            assert_eq!(lazy.len(), want.len());
            for (l, w) in lazy.iter().zip(&want) {
                assert_eq!((l.index, l.score), (w.index, w.score));
                assert_eq!(positions(&cands[l.index], q), w.positions);
            }
        }
    }

    #[test]
    fn ranking_a_subset_gives_the_same_order() {
        let cands = vec![
            cand("Soffiantini"),
            cand("Sofia"),
            cand("Solna"),
            cand("Täby"),
        ];
        let r = Ranker::default();
        let so: Vec<usize> = r.rank(&cands, "so").iter().map(|h| h.index).collect();
        let full = r.rank(&cands, "sof");
        let sub = r.rank_subset(&cands, "sof", Some(&so));
        assert_eq!(full, sub);
    }
}
