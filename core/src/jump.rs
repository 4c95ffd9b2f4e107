//! Fuzzy jump: the candidates (issues, articles, people, meetings, topics)
//! and their ranking for a query. Shared by the reader's popup and the
//! `jump` subcommand; no terminal code here.
//!
//! Matching is nucleo-matcher's fuzzy match. Both the candidate text and
//! the query are folded first with our own `corpus::text::fold` (lower
//! case, å→a, ö→o, …), so behaviour does not depend on the matcher's own
//! normalisation, which is switched off; the folded text is nearly always
//! ASCII, nucleo's fast path. Matched positions are mapped back to chars
//! of the original text for the rows that are shown (see [`positions`]).

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use chrono::Datelike;
use nucleo_matcher::{Config, Matcher, Utf32Str};
use serde::Serialize;

use crate::text::{fold, fold_str};
use crate::{Corpus, TopicNode};

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
///
/// Kept small (an archive has hundreds of thousands): the text, exactly
/// sized; where it is ([`Candidate::context`]) is derived from the target
/// and the corpus when shown, except for people and topics, whose context
/// is stored (few of them, and costly to derive). The folded text that is
/// matched is kept by [`Candidates`].
#[derive(Clone, Debug)]
pub struct Candidate {
    pub kind: JumpKind,
    /// The text that is matched and shown (title, name with role, …).
    pub text: Box<str>,
    pub target: Target,
    /// The stored context of people and topics; empty for the others.
    note: Box<str>,
}

/// The candidates of a corpus (a slice of [`Candidate`] through `Deref`)
/// and their folded texts, one after the other in one string: matching
/// reads them in order from one buffer (on a large archive, chasing a
/// pointer per candidate costs more than matching), and one string costs
/// less than an allocation each.
#[derive(Clone, Debug, Default)]
pub struct Candidates {
    list: Vec<Candidate>,
    /// `fold(text)` of every candidate, concatenated.
    folded: String,
    /// Where each candidate's folded text ends in `folded`.
    ends: Vec<usize>,
}

impl Candidates {
    /// The folded text of candidate `i`.
    fn folded(&self, i: usize) -> &str {
        let start = if i == 0 { 0 } else { self.ends[i - 1] };
        &self.folded[start..self.ends[i]]
    }

    /// Add a candidate at the end.
    pub fn push(&mut self, c: Candidate) {
        self.folded.push_str(&fold_str(&c.text));
        self.ends.push(self.folded.len());
        self.list.push(c);
    }

    fn shrink_to_fit(&mut self) {
        self.list.shrink_to_fit();
        self.folded.shrink_to_fit();
        self.ends.shrink_to_fit();
    }
}

impl std::ops::Deref for Candidates {
    type Target = [Candidate];
    fn deref(&self) -> &[Candidate] {
        &self.list
    }
}

impl<'a> IntoIterator for &'a Candidates {
    type Item = &'a Candidate;
    type IntoIter = std::slice::Iter<'a, Candidate>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}

impl FromIterator<Candidate> for Candidates {
    fn from_iter<I: IntoIterator<Item = Candidate>>(iter: I) -> Self {
        let mut out = Candidates::default();
        for c in iter {
            out.push(c);
        }
        out.shrink_to_fit();
        out
    }
}

impl From<Vec<Candidate>> for Candidates {
    fn from(list: Vec<Candidate>) -> Self {
        list.into_iter().collect()
    }
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
    /// A candidate whose context is derived from its target (issues,
    /// articles, meetings) or is `note` (people, topics).
    pub fn new(kind: JumpKind, text: String, note: String, target: Target) -> Self {
        Candidate {
            kind,
            text: text.into_boxed_str(),
            target,
            note: note.into_boxed_str(),
        }
    }

    /// Where it is, as the popup and `nyhetsbrev jump` show it: an issue's
    /// source file; an article's or meeting's issue date and title; the
    /// years a person appears in; the number of articles in a topic.
    pub fn context<'a>(&'a self, corpus: &'a Corpus) -> Cow<'a, str> {
        let issue = match self.target {
            Target::Issue { issue } => {
                return corpus
                    .issues
                    .get(issue)
                    .map_or(Cow::Borrowed(""), |i| Cow::Borrowed(i.source.as_str()));
            }
            Target::Article { issue, .. } | Target::Meeting { issue, .. } => issue,
            Target::Person { .. } | Target::Topic { .. } => return Cow::Borrowed(&self.note),
        };
        match corpus.issues.get(issue) {
            Some(i) => Cow::Owned(format!(
                "{} {}",
                i.date_text().as_deref().unwrap_or("—"),
                i.title
            )),
            None => Cow::Borrowed(""),
        }
    }
}

/// Every jump candidate of a corpus, in a stable order.
pub fn candidates(corpus: &Corpus) -> Candidates {
    let mut out = Candidates::default();
    for (ii, issue) in corpus.issues.iter().enumerate() {
        let when = issue.date_text().unwrap_or_else(|| "—".to_string());
        out.push(Candidate::new(
            JumpKind::Issue,
            format!("{} {}", when, issue.title),
            String::new(),
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
                String::new(),
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
                String::new(),
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
    fn walk(nodes: &[TopicNode], path: &mut Vec<String>, out: &mut Candidates) {
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
    out.shrink_to_fit();
    out
}

/// The years a person appears in, as "2018, 2020" (language-neutral).
/// `years` maps an issue's source to its year.
fn person_years(years: &HashMap<&str, i32>, p: &crate::Person) -> String {
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

/// The matcher configuration: our fold has already lower-cased and
/// stripped accents on both sides, so nucleo's own case folding and
/// normalisation are off (it then compares chars as they are).
fn matcher() -> Matcher {
    let mut config = Config::DEFAULT;
    config.ignore_case = false;
    config.normalize = false;
    Matcher::new(config)
}

/// Ranks candidates against a query with nucleo-matcher.
///
/// What keeps a keystroke cheap on a large archive (see PERFORMANCE.md):
/// nucleo's matcher itself (an ASCII fast path, a memchr prefilter, no
/// allocation per match); `rank_lazy`, which scores without the matched
/// positions (the reader asks for positions only for the rows it shows,
/// with [`positions`]); scoring on all cores for large lists, each thread
/// sorting its own hits by a packed integer key, merged at the end; and
/// `rank_subset` over the survivors of the previous keystroke. The
/// letters-in-order prefilter before the matcher can be switched on for
/// measuring (`with`), but does not pay with nucleo.
pub struct Ranker {
    /// Check the letters-in-order condition before calling the matcher.
    prefilter: bool,
    /// Threads to score on (1: the calling thread only).
    threads: usize,
    /// Matchers to reuse (each holds ~135 KB of scratch memory).
    pool: Mutex<Vec<Matcher>>,
}

impl Default for Ranker {
    fn default() -> Self {
        Ranker::with(false, crate::cores())
    }
}

/// Candidates per thread below which more threads do not pay.
const CANDIDATES_PER_THREAD: usize = 4_000;

/// Does `text` hold the chars of `query` in order? (What the matcher
/// requires of a match; both are already folded.)
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

/// Bits of the sort key for the candidate index.
const INDEX_BITS: u32 = 45;

/// One hit as an integer that sorts best first: score (descending), then
/// kind order, then list order.
fn sort_key(score: u16, kind: JumpKind, index: usize) -> u64 {
    (u64::from(u16::MAX - score) << 48) | ((kind as u64) << INDEX_BITS) | index as u64
}

fn key_index(key: u64) -> usize {
    (key & ((1 << INDEX_BITS) - 1)) as usize
}

fn key_score(key: u64) -> i64 {
    i64::from(u16::MAX - (key >> 48) as u16)
}

impl Ranker {
    /// A ranker with the prefilter on or off, scoring on `threads` threads
    /// (for measuring what each costs; `default()` is the fast one).
    pub fn with(prefilter: bool, threads: usize) -> Ranker {
        Ranker {
            prefilter,
            threads: threads.max(1),
            pool: Mutex::new(Vec::new()),
        }
    }

    /// Rank `cands` for `query`: best first; ties go to the kind order
    /// (articles, people, meetings, issues, topics), then to list order.
    /// An empty query matches everything in list order.
    pub fn rank(&self, cands: &Candidates, query: &str) -> Vec<Hit> {
        self.rank_subset(cands, query, None)
    }

    /// Like `rank`, but only over the candidate indices in `subset` (the
    /// survivors of a shorter query, when the user types one more letter).
    pub fn rank_subset(
        &self,
        cands: &Candidates,
        query: &str,
        subset: Option<&[usize]>,
    ) -> Vec<Hit> {
        let mut hits = self.rank_lazy(cands, query, subset);
        let q = fold(query.trim()).text;
        // Positions fold each hit's text again (for the char map): on
        // all cores too for a long list.
        let threads = self.threads.min(hits.len() / CANDIDATES_PER_THREAD).max(1);
        let chunk = hits.len().div_ceil(threads).max(1);
        let fill = |part: &mut [Hit]| {
            for h in part {
                h.positions = folded_positions(&cands[h.index], &q);
            }
        };
        if threads == 1 {
            fill(&mut hits);
        } else {
            std::thread::scope(|scope| {
                for part in hits.chunks_mut(chunk) {
                    scope.spawn(|| fill(part));
                }
            });
        }
        hits
    }

    /// The ranking of `rank_subset` (same hits, same order, same scores)
    /// without the matched positions: every `positions` is empty. Ask
    /// [`positions`] for the hits that are shown.
    pub fn rank_lazy(&self, cands: &Candidates, query: &str, subset: Option<&[usize]>) -> Vec<Hit> {
        let q = fold(query.trim()).text;
        if q.is_empty() {
            // Everything, in list (or subset) order.
            let all = |i| Hit {
                index: i,
                score: 0,
                positions: Vec::new(),
            };
            return match subset {
                Some(s) => s.iter().copied().map(all).collect(),
                None => (0..cands.len()).map(all).collect(),
            };
        }
        // Scored in list order, for memory locality: a large subset as a
        // marker per candidate, a small one sorted.
        enum Select {
            All,
            Marked(Vec<bool>),
            Sorted(Vec<usize>),
        }
        let select = match subset {
            None => Select::All,
            Some(s) if s.len() > cands.len() / 16 => {
                let mut keep = vec![false; cands.len()];
                for &i in s {
                    keep[i] = true;
                }
                Select::Marked(keep)
            }
            Some(s) => {
                let mut v = s.to_vec();
                v.sort_unstable();
                Select::Sorted(v)
            }
        };
        let len = match &select {
            Select::Sorted(v) => v.len(),
            _ => cands.len(),
        };
        let threads = self.threads.min(len / CANDIDATES_PER_THREAD).max(1);
        let chunk = len.div_ceil(threads).max(1);
        // Part `t` of the candidates to score.
        let part = |t: usize| {
            let range = t * chunk..((t + 1) * chunk).min(len);
            match &select {
                Select::All => self.score(cands, &q, range),
                Select::Marked(keep) => self.score(cands, &q, range.filter(|&i| keep[i])),
                Select::Sorted(v) => self.score(cands, &q, v[range].iter().copied()),
            }
        };
        let runs: Vec<Vec<u64>> = if threads == 1 {
            vec![part(0)]
        } else {
            std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads).map(|t| scope.spawn(move || part(t))).collect();
                handles
                    .into_iter()
                    .map(|h| match h.join() {
                        Ok(v) => v,
                        Err(e) => std::panic::resume_unwind(e),
                    })
                    .collect()
            })
        };
        merge(runs)
            .into_iter()
            .map(|k| Hit {
                index: key_index(k),
                score: key_score(k),
                positions: Vec::new(),
            })
            .collect()
    }

    /// The sort keys of the candidates of `order` that match the folded,
    /// non-empty query `q`, sorted.
    fn score(&self, cands: &Candidates, q: &str, order: impl Iterator<Item = usize>) -> Vec<u64> {
        let mut matcher = self
            .pool
            .lock()
            .ok()
            .and_then(|mut p| p.pop())
            .unwrap_or_else(matcher);
        let mut qbuf = Vec::new();
        let needle = Utf32Str::new(q, &mut qbuf);
        let mut buf = Vec::new();
        let mut keys: Vec<u64> = Vec::new();
        for i in order {
            let text = cands.folded(i);
            if self.prefilter && !in_order(text, q) {
                continue;
            }
            if let Some(score) = matcher.fuzzy_match(Utf32Str::new(text, &mut buf), needle) {
                keys.push(sort_key(score, cands[i].kind, i));
            }
        }
        if let Ok(mut p) = self.pool.lock() {
            p.push(matcher);
        }
        keys.sort_unstable();
        keys
    }
}

/// Merge sorted runs of keys into one sorted list (pairwise).
fn merge(mut runs: Vec<Vec<u64>>) -> Vec<u64> {
    while runs.len() > 1 {
        let mut next = Vec::with_capacity(runs.len().div_ceil(2));
        let mut it = runs.into_iter();
        while let Some(a) = it.next() {
            match it.next() {
                Some(b) => next.push(merge_two(&a, &b)),
                None => next.push(a),
            }
        }
        runs = next;
    }
    runs.pop().unwrap_or_default()
}

fn merge_two(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        if a[i] <= b[j] {
            out.push(a[i]);
            i += 1;
        } else {
            out.push(b[j]);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

thread_local! {
    static POSITIONS: RefCell<Option<Matcher>> = const { RefCell::new(None) };
}

/// The matched positions of `query` in a candidate, as char indices into
/// its `text` (as `Ranker::rank` gives them; empty when it does not match or
/// the query is empty). For the rows shown after `Ranker::rank_lazy`: the
/// text is folded again, with the map from folded chars back to the text's
/// chars that candidates do not keep.
pub fn positions(cand: &Candidate, query: &str) -> Vec<usize> {
    folded_positions(cand, &fold(query.trim()).text)
}

/// `positions` for the folded query `q`.
fn folded_positions(cand: &Candidate, q: &str) -> Vec<usize> {
    if q.is_empty() {
        return Vec::new();
    }
    let folded = fold(&cand.text);
    let mut qbuf = Vec::new();
    let mut buf = Vec::new();
    let mut idx: Vec<u32> = Vec::new();
    let found = POSITIONS.with(|m| {
        let mut m = m.borrow_mut();
        let m = m.get_or_insert_with(matcher);
        let hay = Utf32Str::new(&folded.text, &mut buf);
        let needle = Utf32Str::new(q, &mut qbuf);
        let best = m.fuzzy_match(hay, needle)?;
        // Of equally good matches the matcher shows the last ("Åsa" in
        // "Intervju med Åsa D. — Åsa D."); highlight the one that ends
        // first instead: the shortest prefix of the text with the same
        // score (a prefix scores its best match inside it, so the score
        // only grows with the prefix).
        let (mut lo, mut hi) = (needle.len(), hay.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if m.fuzzy_match(hay.slice(..mid), needle) == Some(best) {
                hi = mid;
            } else {
                lo = mid + 1;
            }
        }
        m.fuzzy_indices(hay.slice(..hi), needle, &mut idx)
    });
    if found.is_none() {
        return Vec::new();
    }
    let mut positions: Vec<usize> = idx
        .into_iter()
        .filter_map(|p| folded.map.get(p as usize).copied())
        .collect();
    positions.sort_unstable();
    positions.dedup();
    positions
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
        let cands: Candidates = vec![
            cand("Åsa Danielsson"),
            cand("Sven-Erik Österberg"),
            cand("Mats Gerdau"),
        ]
        .into();
        let r = Ranker::default();
        let hits = r.rank(&cands, "asa");
        assert_eq!(hits[0].index, 0);
        assert_eq!(hits[0].positions, vec![0, 1, 2]);
        let hits = r.rank(&cands, "osterberg");
        assert_eq!(hits[0].index, 1);
        assert!(r.rank(&cands, "xyzzy").is_empty());
    }

    #[test]
    fn prefilter_threads_subsets_and_lazy_positions_change_nothing() {
        let words = [
            "Soffiantini",
            "Sofia",
            "Solna",
            "Täby",
            "Åsa Danielsson",
            "Österberg",
        ];
        let kinds = [JumpKind::Article, JumpKind::Person, JumpKind::Topic];
        let cands: Candidates = (0..10_000)
            .map(|i| {
                let mut c = cand(&format!("{} {} nr {i}", words[i % 6], words[(i / 6) % 6]));
                c.kind = kinds[i % 3];
                c
            })
            .collect();
        let plain = Ranker::with(false, 1);
        let fast = Ranker::with(true, 2);
        let many = Ranker::with(false, 5);
        for q in ["s", "so", "sof", "soffiantini", "asa d", "ost", "xyz", ""] {
            let want = plain.rank(&cands, q);
            // Best first; ties in kind order, then list order.
            for w in want.windows(2).filter(|_| !q.is_empty()) {
                let (a, b) = (&w[0], &w[1]);
                let ka = (-a.score, cands[a.index].kind, a.index);
                let kb = (-b.score, cands[b.index].kind, b.index);
                assert!(ka < kb, "{q}: {ka:?} before {kb:?}");
            }
            assert_eq!(fast.rank(&cands, q), want, "{q}");
            assert_eq!(many.rank(&cands, q), want, "{q}");
            let lazy = fast.rank_lazy(&cands, q, None);
            assert_eq!(lazy.len(), want.len());
            for (l, w) in lazy.iter().zip(&want) {
                assert_eq!((l.index, l.score), (w.index, w.score));
                assert!(l.positions.is_empty());
                assert_eq!(positions(&cands[l.index], q), w.positions);
            }
            // Over a shuffled superset of the hits (as the popup passes
            // the previous keystroke's survivors, in rank order).
            let mut subset: Vec<usize> = (0..cands.len()).rev().collect();
            subset.retain(|i| i % 7 != 0 || want.iter().any(|h| h.index == *i));
            let from_subset = fast.rank_lazy(&cands, q, Some(&subset));
            if !q.is_empty() {
                assert_eq!(from_subset, lazy, "{q}");
            }
        }
    }

    #[test]
    fn an_accent_folded_query_ranks_the_person_first_and_highlights_her_name() {
        let mut list = vec![
            cand("Solna stad bygger — Sofia Lindahl"),
            cand("Sofia Lindahl — Regionråd"),
            cand("2021-03-04 Soffan och fiskar i Tanto"),
            cand("Österåker — Sven-Erik Österberg"),
            cand("Ann-Sofie Söderström — utvecklingsledare"),
            cand("Återbruk i Söderort"),
        ];
        list[0].kind = JumpKind::Article;
        list[2].kind = JumpKind::Issue;
        list[5].kind = JumpKind::Article;
        let cands = Candidates::from(list);
        let r = Ranker::default();
        // Plain letters find the accented name, which comes first.
        let hits = r.rank(&cands, "soderstrom");
        assert_eq!(hits[0].index, 4);
        let name: Vec<char> = cands[4].text.chars().collect();
        let lit: String = hits[0].positions.iter().map(|&p| name[p]).collect();
        assert_eq!(lit, "Söderström");
        // The same with the accents typed; positions are chars of the text.
        let hits = r.rank(&cands, "Söderström");
        assert_eq!(hits[0].index, 4);
        assert_eq!(hits[0].positions, (10..20).collect::<Vec<_>>());
        let hits = r.rank(&cands, "osterberg");
        assert_eq!(hits[0].index, 3);
        let name: Vec<char> = cands[3].text.chars().collect();
        let lit: String = hits[0].positions.iter().map(|&p| name[p]).collect();
        assert_eq!(lit, "Österberg");
        // A contiguous, word-start match beats a scattered one.
        let hits = r.rank(&cands, "sofia");
        assert!(matches!(hits[0].index, 0 | 1), "{hits:?}");
        let at = |i: usize| hits.iter().position(|h| h.index == i);
        // Of two equally good matches, the first is highlighted.
        let twice = cand("Intervju med Åsa Danielsson — Åsa Danielsson");
        assert_eq!(positions(&twice, "asa"), vec![13, 14, 15]);
        assert_eq!(positions(&twice, "asa d"), vec![13, 14, 15, 16, 17]);
        if let Some(scattered) = at(2) {
            assert!(
                at(0) < Some(scattered) && at(1) < Some(scattered),
                "{hits:?}"
            );
        }
    }

    #[test]
    fn ranking_a_subset_gives_the_same_order() {
        let cands: Candidates = vec![
            cand("Soffiantini"),
            cand("Sofia"),
            cand("Solna"),
            cand("Täby"),
        ]
        .into();
        let r = Ranker::default();
        let so: Vec<usize> = r.rank(&cands, "so").iter().map(|h| h.index).collect();
        let full = r.rank(&cands, "sof");
        let sub = r.rank_subset(&cands, "sof", Some(&so));
        assert_eq!(full, sub);
    }
}
