//! Swedish-aware full-text matching: one query type and one matcher over
//! article text, used by `nyhetsbrev search` and meant for the reader's
//! full-text search.
//!
//! The rules:
//! - **Words.** Text and query are split into words (runs of letters and
//!   digits); case is ignored. Every term of a query must match somewhere
//!   (in the title or the body, for an article).
//! - **Compounds.** A query word matches inside a longer word:
//!   `vattenförsörjningsplan` is found in `vattenförsörjningsplanen` and in
//!   `regionalavattenförsörjningsplanen`, `plan` in both.
//! - **Inflections.** A query word also matches the other forms of the same
//!   stem (Snowball's Swedish stemmer): `planerna` finds `plan`, `planen`,
//!   `planer` and `vattenförsörjningsplanen`. Such a hit is a *stemmed* hit.
//! - **Phrases.** Words in quotes (`"psykisk hälsa"`) must follow each other
//!   in the text. Each phrase word matches the whole word or another form of
//!   it; only the first word may end a compound and only the last may begin
//!   one (`"regional vattenförsörjning"` finds "regional
//!   vattenförsörjningsplan"). A query word with a hyphen (`e-post`) is a
//!   phrase of its parts.
//! - **Smart accents.** A plain letter in the query matches the plain and
//!   the accented letters (`asa` finds "Åsa", `hälsa` is found by `halsa`);
//!   an accented letter matches only itself (`får` does not find "far").
//! - **Ranking.** A hit is [`Kind::Exact`] (the query word is a whole word of
//!   the text), [`Kind::Part`] (the query word as written, inside a longer
//!   word) or [`Kind::Stem`] (another form of the word). For each term the
//!   best kind found counts most, then how often the term occurs (up to a
//!   cap), so one exact hit outranks any number of stemmed ones.
//!
//! Positions are byte ranges into the text that was searched, so a caller
//! can slice, scroll to and highlight a hit. Decomposed letters (`a` + a
//! combining ring) are read as the composed letter.

use std::ops::Range;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::char::{compose, decompose_canonical, is_combining_mark};

/// How a hit matched its term, best first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The query word (or every phrase word) as a whole word of the text.
    Exact,
    /// The query word as written, inside a longer word (a compound).
    Part,
    /// Another inflected form of the query word (same stem).
    Stem,
}

impl Kind {
    fn weight(self) -> u32 {
        match self {
            Kind::Exact => 3,
            Kind::Part => 2,
            Kind::Stem => 1,
        }
    }
}

/// One match of one query term in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// Index of the term in the query ([`Query::terms`]).
    pub term: usize,
    /// Byte range of the matched text.
    pub range: Range<usize>,
    pub kind: Kind,
}

/// One letter of a query word.
#[derive(Clone, Debug, PartialEq, Eq)]
struct QChar {
    /// Lower case, composed.
    c: char,
    /// Whether `c` has no accent: then it also matches accented letters.
    plain: bool,
}

/// One word of a query term, with its stem.
#[derive(Clone, Debug, PartialEq, Eq)]
struct QWord {
    chars: Vec<QChar>,
    /// The stem, when it differs from the word and is long enough to mean
    /// something (3 letters or more).
    stem: Option<Vec<QChar>>,
}

/// One term: a word, or a phrase of words that must follow each other.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Term {
    /// The term as the user wrote it (lower case), for messages.
    pub text: String,
    words: Vec<QWord>,
}

impl Term {
    /// Whether the term is a phrase of several words.
    pub fn is_phrase(&self) -> bool {
        self.words.len() > 1
    }
}

/// A parsed query: terms that must all match.
pub struct Query {
    terms: Vec<Term>,
    stemmer: Stemmer,
}

impl std::fmt::Debug for Query {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Query").field("terms", &self.terms).finish()
    }
}

/// Lower case of one (composed) char, keeping one char for one.
fn lower(c: char) -> char {
    if c.is_ascii() {
        c.to_ascii_lowercase()
    } else {
        c.to_lowercase().next().unwrap_or(c)
    }
}

/// The letter without its accents (`å` → `a`, `é` → `e`, `ø` → `o`).
fn base(c: char) -> char {
    if c.is_ascii() {
        return c;
    }
    // The common letters without the decomposition tables.
    match c {
        'å' | 'ä' => return 'a',
        'ö' | 'ø' => return 'o',
        'é' => return 'e',
        _ => {}
    }
    let mut first = None;
    decompose_canonical(c, |d| {
        if first.is_none() && !is_combining_mark(d) {
            first = Some(d);
        }
    });
    first.unwrap_or(c)
}

fn qchar(c: char) -> QChar {
    let c = lower(c);
    QChar {
        c,
        plain: base(c) == c,
    }
}

/// One letter of a text: lower case and without accents.
#[derive(Clone, Copy, Debug)]
struct TChar {
    c: char,
    base: char,
}

impl QChar {
    fn matches(&self, t: TChar) -> bool {
        self.c == t.c || (self.plain && self.c == t.base)
    }
}

/// The words of a text in flat arrays (one allocation per array, not per
/// word): letters only; words are char ranges.
struct Words {
    chars: Vec<TChar>,
    /// Byte start and end of each char (the end takes in combining marks).
    spans: Vec<(usize, usize)>,
    /// Char range `[start, end)` of each word.
    words: Vec<(usize, usize)>,
}

/// One word of [`Words`].
struct TWord<'a> {
    chars: &'a [TChar],
    spans: &'a [(usize, usize)],
}

impl TWord<'_> {
    fn lower(&self) -> String {
        self.chars.iter().map(|t| t.c).collect()
    }

    /// Byte offset of char `i` of the word; the word's end for `i == len`.
    fn byte(&self, i: usize) -> usize {
        match self.spans.get(i) {
            Some(&(start, _)) => start,
            None => self.spans.last().map_or(0, |&(_, end)| end),
        }
    }
}

impl Words {
    fn len(&self) -> usize {
        self.words.len()
    }

    fn word(&self, k: usize) -> TWord<'_> {
        let (s, e) = self.words[k];
        TWord {
            chars: &self.chars[s..e],
            spans: &self.spans[s..e],
        }
    }

    /// The words in which `needle` occurs, ascending, each once.
    fn candidates(&self, needle: &[QChar]) -> Vec<usize> {
        let mut out: Vec<usize> = Vec::new();
        let Some(first) = needle.first() else {
            return out;
        };
        let n = needle.len();
        let mut wi = 0;
        for i in 0..self.chars.len().saturating_sub(n - 1) {
            if !first.matches(self.chars[i]) {
                continue;
            }
            while wi < self.words.len() && self.words[wi].1 <= i {
                wi += 1;
            }
            let Some(&(_, end)) = self.words.get(wi) else {
                break;
            };
            if i + n <= end
                && out.last() != Some(&wi)
                && needle[1..]
                    .iter()
                    .zip(&self.chars[i + 1..])
                    .all(|(q, t)| q.matches(*t))
            {
                out.push(wi);
            }
        }
        out
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Split text into words, composing combining marks with their letter.
fn words(text: &str) -> Words {
    let mut w = Words {
        chars: Vec::with_capacity(text.len()),
        spans: Vec::with_capacity(text.len()),
        words: Vec::new(),
    };
    let mut start: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        if !c.is_ascii() && is_combining_mark(c) {
            if start.is_some() {
                // A decomposed accent: fold it into the letter before.
                if let Some(last) = w.chars.last_mut() {
                    if let Some(composed) = compose(last.c, c) {
                        *last = TChar {
                            c: composed,
                            base: base(composed),
                        };
                    }
                }
                if let Some(span) = w.spans.last_mut() {
                    span.1 = end;
                }
            }
            continue;
        }
        if is_word_char(c) {
            let l = lower(c);
            start.get_or_insert(w.chars.len());
            w.chars.push(TChar {
                c: l,
                base: base(l),
            });
            w.spans.push((at, end));
        } else if let Some(s) = start.take() {
            w.words.push((s, w.chars.len()));
        }
    }
    if let Some(s) = start {
        w.words.push((s, w.chars.len()));
    }
    w
}

/// Split query text into words (the same rule as for text).
fn query_words(text: &str) -> Vec<Vec<QChar>> {
    let w = words(text);
    (0..w.len())
        .map(|k| {
            // Letters written decomposed in the query compose as in text.
            w.word(k).chars.iter().map(|t| qchar(t.c)).collect()
        })
        .collect()
}

/// Where `needle` occurs in `hay` (char positions), non-overlapping.
fn find_all(hay: &[TChar], needle: &[QChar]) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return out;
    }
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if needle.iter().zip(&hay[i..]).all(|(q, t)| q.matches(*t)) {
            out.push(i);
            i += needle.len();
        } else {
            i += 1;
        }
    }
    out
}

fn same(hay: &[TChar], needle: &[QChar]) -> bool {
    hay.len() == needle.len() && needle.iter().zip(hay).all(|(q, t)| q.matches(*t))
}

/// How one phrase word may sit in a text word.
#[derive(Clone, Copy, PartialEq, Eq)]
struct Anchor {
    /// The query word must begin the text word.
    start: bool,
    /// The query word must end the text word (possibly inflected).
    end: bool,
}

impl Query {
    /// Parse a query: words, and phrases in quotes (`"…"`, `“…”`, `„…"`,
    /// `«…»`); an unclosed quote runs to the end. Case is ignored. A query
    /// with no letters or digits has no terms.
    pub fn parse(query: &str) -> Query {
        let stemmer = Stemmer::create(Algorithm::Swedish);
        let mut terms: Vec<Term> = Vec::new();
        let push = |text: &str, terms: &mut Vec<Term>| {
            let words: Vec<QWord> = query_words(text)
                .into_iter()
                .map(|chars| {
                    let lower: String = chars.iter().map(|q| q.c).collect();
                    let stem: Vec<QChar> = stemmer.stem(&lower).chars().map(qchar).collect();
                    let useful = stem.len() >= 3 && stem.len() < chars.len();
                    QWord {
                        chars,
                        stem: useful.then_some(stem),
                    }
                })
                .collect();
            if words.is_empty() {
                return;
            }
            let text = text
                .split_whitespace()
                .collect::<Vec<_>>()
                .join(" ")
                .to_lowercase();
            if !terms.iter().any(|t| t.words == words) {
                terms.push(Term { text, words });
            }
        };
        let is_quote = |c: char| matches!(c, '"' | '“' | '”' | '„' | '«' | '»');
        let mut rest = query;
        while !rest.is_empty() {
            match rest.find(is_quote) {
                Some(q) => {
                    for chunk in rest[..q].split_whitespace() {
                        push(chunk, &mut terms);
                    }
                    let after = &rest[q..];
                    let open = after.chars().next().map_or(1, char::len_utf8);
                    let inner = &after[open..];
                    let close = inner.find(is_quote).unwrap_or(inner.len());
                    push(&inner[..close], &mut terms);
                    let skip = inner[close..].chars().next().map_or(0, char::len_utf8);
                    rest = &inner[close + skip..];
                }
                None => {
                    for chunk in rest.split_whitespace() {
                        push(chunk, &mut terms);
                    }
                    rest = "";
                }
            }
        }
        Query { terms, stemmer }
    }

    /// The terms, in the order written (duplicates once).
    pub fn terms(&self) -> &[Term] {
        &self.terms
    }

    /// Whether the query has nothing to look for.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// What must occur in an article's [`folded_text`] for the query to
    /// find anything there: each query word's stem (the word itself when
    /// it has no useful stem), folded. Every match of a word contains its
    /// stem, a plain letter of the query matches only letters that fold
    /// to it, so this is a superset test, never a stricter one.
    pub fn needles(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for w in self.terms.iter().flat_map(|t| &t.words) {
            let q = w.stem.as_ref().unwrap_or(&w.chars);
            let word: String = q.iter().map(|c| c.c).collect();
            let folded = crate::text::fold_str(&word);
            if !folded.is_empty() && !out.contains(&folded) {
                out.push(folded);
            }
        }
        out
    }

    /// Every hit of every term in `text`, in text order (ties: term order).
    pub fn find(&self, text: &str) -> Vec<Hit> {
        if self.terms.is_empty() {
            return Vec::new();
        }
        let words = words(text);
        let mut hits = Vec::new();
        for (ti, term) in self.terms.iter().enumerate() {
            self.find_term(ti, term, &words, &mut hits);
        }
        hits.sort_by_key(|h| (h.range.start, h.term));
        hits
    }

    fn find_term(&self, ti: usize, term: &Term, words: &Words, hits: &mut Vec<Hit>) {
        let n = term.words.len();
        // Every match of a query word contains its stem (a prefix of it).
        let needle =
            |q: &QWord| -> Vec<QChar> { q.stem.clone().unwrap_or_else(|| q.chars.clone()) };
        if n == 1 {
            // A single word: anywhere inside a word.
            let q = &term.words[0];
            for k in words.candidates(&needle(q)) {
                let w = &words.word(k);
                let literal = find_all(w.chars, &q.chars);
                if !literal.is_empty() {
                    let whole = w.chars.len();
                    let kind = if literal.len() == 1 && whole == q.chars.len() {
                        Kind::Exact
                    } else {
                        Kind::Part
                    };
                    // A hit that ends past the word's stem takes in the
                    // ending too ("plan" marks all of "planerna").
                    let last = literal[literal.len() - 1] + q.chars.len();
                    let stem_end = if last < whole {
                        self.stemmer.stem(&w.lower()).chars().count()
                    } else {
                        whole
                    };
                    hits.extend(literal.into_iter().map(|i| {
                        let mut end = i + q.chars.len();
                        if end == last && end >= stem_end {
                            end = whole;
                        }
                        Hit {
                            term: ti,
                            range: w.byte(i)..w.byte(end),
                            kind,
                        }
                    }));
                } else if let Some(at) = q.stem.as_ref().and_then(|st| self.stem_tail(st, w)) {
                    // Another form: from the stem to the word's end.
                    hits.push(Hit {
                        term: ti,
                        range: w.byte(at)..w.byte(w.chars.len()),
                        kind: Kind::Stem,
                    });
                }
            }
            return;
        }
        'start: for s in words.candidates(&needle(&term.words[0])) {
            if s + n > words.len() {
                break;
            }
            let mut kind = Kind::Exact;
            let mut first_at = 0;
            let mut last_end = 0;
            for (k, q) in term.words.iter().enumerate() {
                let anchor = Anchor {
                    start: k > 0,
                    end: k + 1 < n,
                };
                let w = &words.word(s + k);
                let Some((at, how)) = self.word_in(q, w, anchor) else {
                    continue 'start;
                };
                if k == 0 {
                    first_at = w.byte(at);
                }
                if k + 1 == n {
                    // The phrase's last word is marked to its end.
                    last_end = w.byte(w.chars.len());
                }
                kind = kind.max(how);
            }
            hits.push(Hit {
                term: ti,
                range: first_at..last_end,
                kind,
            });
        }
    }

    /// Whether phrase word `q` matches text word `w` under `anchor`: where
    /// the match starts in `w` (chars) and how it matched.
    fn word_in(&self, q: &QWord, w: &TWord, anchor: Anchor) -> Option<(usize, Kind)> {
        let len = q.chars.len();
        let whole = w.chars.len();
        // As written.
        let literal = match (anchor.start, anchor.end) {
            (true, true) => same(w.chars, &q.chars).then_some(0),
            (true, false) => (whole >= len && same(&w.chars[..len], &q.chars)).then_some(0),
            (false, true) => {
                (whole >= len && same(&w.chars[whole - len..], &q.chars)).then(|| whole - len)
            }
            (false, false) => find_all(w.chars, &q.chars).first().copied(),
        };
        if let Some(at) = literal {
            let kind = if len == whole {
                Kind::Exact
            } else {
                Kind::Part
            };
            return Some((at, kind));
        }
        // Another form: the text word's stem ends with (or, when the query
        // word must begin the text word, is) the query word's stem.
        let qstem = q.stem.as_deref().unwrap_or(&q.chars);
        if anchor.end {
            let at = self.stem_tail(qstem, w)?;
            return (!anchor.start || at == 0).then_some((at, Kind::Stem));
        }
        let at = if anchor.start {
            (whole >= qstem.len() && same(&w.chars[..qstem.len()], qstem)).then_some(0)
        } else {
            find_all(w.chars, qstem).first().copied()
        }?;
        Some((at, Kind::Stem))
    }

    /// Where `qstem` starts in `w` when the word's own stem ends with it
    /// (so the rest of the word is an inflection: "plan" in
    /// "vattenförsörjningsplanerna", not in "planering").
    fn stem_tail(&self, qstem: &[QChar], w: &TWord) -> Option<usize> {
        // Cheap test first: the stem must occur in the word at all.
        find_all(w.chars, qstem).first()?;
        let own = self.stemmer.stem(&w.lower()).chars().count();
        let sl = qstem.len();
        // Snowball's Swedish stems are prefixes of the word, except for a
        // few endings it shortens ("-löst" → "-lös"), which are prefixes too.
        (own >= sl && own <= w.chars.len() && same(&w.chars[own - sl..own], qstem))
            .then_some(own - sl)
    }

    /// Which terms `hits` cover.
    pub fn covered(&self, hits: &[Hit]) -> Vec<bool> {
        let mut out = vec![false; self.terms.len()];
        for h in hits {
            if let Some(c) = out.get_mut(h.term) {
                *c = true;
            }
        }
        out
    }

    /// Whether every term has a hit in one of `parts` (title, body, …).
    pub fn all_found(&self, parts: &[&[Hit]]) -> bool {
        let mut seen = vec![false; self.terms.len()];
        for hits in parts {
            for (s, c) in seen.iter_mut().zip(self.covered(hits)) {
                *s |= c;
            }
        }
        seen.into_iter().all(|s| s)
    }

    /// A relevance score for the hits in one text: per term, the best kind
    /// of hit weighs most, then the number of hits (at most 15 count), so
    /// an exact hit outranks any number of stemmed ones.
    pub fn score(&self, hits: &[Hit]) -> u32 {
        let mut best: Vec<Option<Kind>> = vec![None; self.terms.len()];
        let mut count = vec![0u32; self.terms.len()];
        for h in hits {
            if let (Some(b), Some(n)) = (best.get_mut(h.term), count.get_mut(h.term)) {
                *b = Some(b.map_or(h.kind, |k| k.min(h.kind)));
                *n += 1;
            }
        }
        best.iter()
            .zip(&count)
            .map(|(b, n)| b.map_or(0, |k| 16 * k.weight() + (*n).min(15)))
            .sum()
    }
}

/// A window of text around a hit, with the hits inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Snippet {
    /// The window, with "…" where the text was cut.
    pub text: String,
    /// Byte ranges of the hits inside `text`.
    pub marks: Vec<Range<usize>>,
}

/// A window of `text` around the hit that matters most (the first of the
/// best kind; the text's start when there is none): about `before` chars
/// before it and `after` chars after its start, cut at spaces. Hits inside
/// the window are re-based onto it; overlapping hits are merged.
pub fn snippet(text: &str, hits: &[Hit], before: usize, after: usize) -> Snippet {
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let char_at = |byte: usize| chars.partition_point(|&(b, _)| b < byte);
    let focus = hits
        .iter()
        .min_by_key(|h| (h.kind, h.range.start))
        .map(|h| (char_at(h.range.start), char_at(h.range.end)));
    let (at, focus_end) = focus.unwrap_or((0, 0));
    let n = chars.len();
    let mut start = at.saturating_sub(before);
    if start > 0 {
        while start < at && chars[start - 1].1 != ' ' {
            start += 1;
        }
    }
    let mut end = (at + after).min(n).max(focus_end.min(n));
    if end < n {
        while end > focus_end && chars[end].1 != ' ' {
            end -= 1;
        }
    }
    let byte = |i: usize| chars.get(i).map_or(text.len(), |&(b, _)| b);
    let (bs, be) = (byte(start), byte(end));
    let mut out = String::new();
    if start > 0 {
        out.push('…');
    }
    let lead = out.len();
    out.push_str(&text[bs..be]);
    if end < n {
        out.push('…');
    }
    let marks = marks(hits)
        .into_iter()
        .filter(|r| r.start >= bs && r.end <= be)
        .map(|r| r.start - bs + lead..r.end - bs + lead)
        .collect();
    Snippet { text: out, marks }
}

/// The byte ranges to highlight for `hits`: sorted, overlapping ones merged.
pub fn marks(hits: &[Hit]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = hits.iter().map(|h| h.range.clone()).collect();
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut out: Vec<Range<usize>> = Vec::new();
    for r in ranges {
        match out.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => out.push(r),
        }
    }
    out
}

/// How much more a hit in an article's title counts than one in its text.
pub const TITLE_WEIGHT: u32 = 4;
/// Characters of context before the best hit in an article's snippet.
pub const SNIPPET_BEFORE: usize = 60;
/// Characters of context after the best hit's start.
pub const SNIPPET_AFTER: usize = 110;

/// One article that matches a query, as [`articles`] ranks it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArticleHit {
    /// Index of the issue in the corpus.
    pub issue: usize,
    /// Index of the article in its issue.
    pub article: usize,
    pub score: u32,
    /// The title as searched: one line, cleaned, NFC.
    pub title: String,
    pub title_hits: usize,
    pub body_hits: usize,
    /// A window of the text around the best hit ("…" where cut); empty
    /// when the article has no text.
    pub snippet: String,
    /// Char ranges `[start, end)` of the hits inside `snippet`.
    pub highlights: Vec<(usize, usize)>,
    /// Char ranges of the hits inside `title`.
    pub title_highlights: Vec<(usize, usize)>,
}

/// Text as one line: control characters out, white space (newlines and
/// tabs among it) collapsed, NFC.
fn flatten(s: &str) -> String {
    crate::text::nfc(crate::text::squash(&crate::sanitize::clean(s)))
}

/// The text an issue's articles are searched in ([`articles`]), folded
/// ([`crate::text::fold`]): each article's title and body. Whatever a
/// query finds in an article, each of its [`Query::needles`] occurs in
/// this text, so an index of it narrows a search without changing its
/// answer.
pub fn folded_text(issue: &crate::Issue) -> String {
    // What `flatten` does less its white space squashing (a needle holds
    // none) and its NFC (folding composes): escape sequences removed whole,
    // which may join letters.
    let fold = |s: &str| crate::text::fold_str(&crate::sanitize::clean_line(s));
    let mut out = String::new();
    for a in &issue.articles {
        out.push_str(&fold(&a.title));
        out.push('\n');
        out.push_str(&fold(&a.body()));
        out.push('\n');
    }
    out
}

/// Bits in an issue's [`Sieve`] row.
const SIEVE_BITS: usize = 8192;

/// Which issues may hold what a query finds, answered without reading
/// their text: per issue, the trigrams of its [`folded_text`] hashed into
/// 8,192 bits (1 KiB an issue). An issue whose bits lack a trigram of a
/// [`Query::needles`] needle holds no hit; one that has them all may (a
/// hash can collide, never miss). So the reader's search ranks only the
/// issues that may match, with the same answer as over all of them.
#[derive(Clone, Debug, Default)]
pub struct Sieve {
    rows: Vec<[u64; SIEVE_BITS / 64]>,
}

/// The bit of one trigram (FNV-1a over its three chars).
fn trigram_bit(g: &[char]) -> usize {
    let mut h: u32 = 0x811c_9dc5;
    for c in g {
        for b in (*c as u32).to_le_bytes() {
            h ^= u32::from(b);
            h = h.wrapping_mul(0x0100_0193);
        }
    }
    h as usize % SIEVE_BITS
}

impl Sieve {
    /// The rows of every issue of a corpus, in its order (on all cores).
    pub fn new(corpus: &crate::Corpus) -> Sieve {
        let row = |issue: &crate::Issue| {
            let mut row = [0u64; SIEVE_BITS / 64];
            let chars: Vec<char> = folded_text(issue).chars().collect();
            for g in chars.windows(3) {
                let b = trigram_bit(g);
                row[b / 64] |= 1 << (b % 64);
            }
            row
        };
        let issues: Vec<&crate::Issue> = corpus.issues.iter().collect();
        let rows = crate::par_map(issues, row);
        Sieve { rows }
    }

    /// Whether issue `issue` may hold what a query of these needles finds
    /// (an issue the sieve was not made with: yes).
    pub fn may_hold(&self, issue: usize, needles: &[String]) -> bool {
        let Some(row) = self.rows.get(issue) else {
            return true;
        };
        needles.iter().all(|n| {
            let chars: Vec<char> = n.chars().collect();
            chars.windows(3).all(|g| {
                let b = trigram_bit(g);
                row[b / 64] & (1 << (b % 64)) != 0
            })
        })
    }
}

/// Whether an article of this title and body, [`flatten`]ed, may hold
/// what a query of these needles ([`Query::needles`]) finds: each needle
/// occurs in the folded title or the folded body. Flattening differs from
/// [`folded_text`]'s cleaning only in white space, which no needle holds.
fn may_hold(needles: &[String], title: &str, body: &str) -> bool {
    let body = crate::text::fold_nfc(body);
    let mut title_folded: Option<String> = None;
    needles.iter().all(|n| {
        body.contains(n.as_str())
            || title_folded
                .get_or_insert_with(|| crate::text::fold_nfc(title))
                .contains(n.as_str())
    })
}

/// Byte ranges of `text` as char ranges.
fn char_ranges(text: &str, ranges: impl IntoIterator<Item = Range<usize>>) -> Vec<(usize, usize)> {
    let starts: Vec<usize> = text.char_indices().map(|(b, _)| b).collect();
    let at = |byte: usize| starts.partition_point(|&b| b < byte);
    ranges
        .into_iter()
        .map(|r| (at(r.start), at(r.end)))
        .collect()
}

/// The articles whose title or text match `query`, best first: the one
/// full-text search of `nyhetsbrev search` and the reader. Every term must
/// be found in the title or the text. Rank: the score of the title's hits
/// (times [`TITLE_WEIGHT`]) plus that of the text's, so exact forms come
/// before compounds and compounds before other inflections; then newer
/// issues (the corpus lists the newest first), then article order. An
/// empty query finds nothing.
pub fn articles(corpus: &crate::Corpus, query: &str) -> Vec<ArticleHit> {
    articles_among(corpus, query, |_| true)
}

/// [`articles`] over the issues `keep` lets through: the same hits, in the
/// same order, when `keep` passes every issue that holds one (see
/// [`Sieve`]).
pub fn articles_among(
    corpus: &crate::Corpus,
    query: &str,
    keep: impl Fn(usize) -> bool,
) -> Vec<ArticleHit> {
    articles_read(corpus.issues.len(), query, keep, |ii| {
        corpus.issues.get(ii).map(std::borrow::Cow::Borrowed)
    })
}

/// [`articles`] ranking every article of the corpus, without first
/// checking that it holds the query's needles: the same answer, slower;
/// the reference `benches/search.rs` measures [`articles`] against.
pub fn articles_ranking_every(corpus: &crate::Corpus, query: &str) -> Vec<ArticleHit> {
    ranked(
        corpus.issues.len(),
        query,
        |_| true,
        |ii| corpus.issues.get(ii).map(std::borrow::Cow::Borrowed),
        false,
    )
}

/// [`articles_among`] over `count` issues, each whole (with its articles'
/// text) as `read` gives it (none: passed over): for a library that
/// reads its issues' text from the index when asked.
pub fn articles_read<'c>(
    count: usize,
    query: &str,
    keep: impl Fn(usize) -> bool,
    read: impl Fn(usize) -> Option<std::borrow::Cow<'c, crate::Issue>> + Sync,
) -> Vec<ArticleHit> {
    ranked(count, query, keep, read, true)
}

/// [`articles_read`], with the needles' check before each article is
/// ranked (`sift`) or without it (for tests: the same answer).
fn ranked<'c>(
    count: usize,
    query: &str,
    keep: impl Fn(usize) -> bool,
    read: impl Fn(usize) -> Option<std::borrow::Cow<'c, crate::Issue>> + Sync,
    sift: bool,
) -> Vec<ArticleHit> {
    let query = Query::parse(query);
    if query.is_empty() {
        return Vec::new();
    }
    let needles = query.needles();
    // Issue by issue, on all cores; the order is made after.
    let wanted: Vec<usize> = (0..count).filter(|&ii| keep(ii)).collect();
    let found = crate::par_map(wanted, |ii| {
        let mut hits = Vec::new();
        let Some(issue) = read(ii) else {
            return hits;
        };
        for (ai, a) in issue.articles.iter().enumerate() {
            let title = flatten(&a.title);
            let body = flatten(&a.body());
            // Most articles of an issue hold no hit: a folded copy and a
            // substring test say so for a fraction of splitting the text
            // into words and matching.
            if sift && !may_hold(&needles, &title, &body) {
                continue;
            }
            let th = query.find(&title);
            let bh = query.find(&body);
            if !query.all_found(&[&th, &bh]) {
                continue;
            }
            let cut = snippet(&body, &bh, SNIPPET_BEFORE, SNIPPET_AFTER);
            hits.push(ArticleHit {
                issue: ii,
                article: ai,
                score: TITLE_WEIGHT * query.score(&th) + query.score(&bh),
                title_hits: th.len(),
                body_hits: bh.len(),
                highlights: char_ranges(&cut.text, cut.marks),
                snippet: cut.text,
                title_highlights: char_ranges(&title, marks(&th)),
                title,
            });
        }
        hits
    });
    let mut hits: Vec<ArticleHit> = found.into_iter().flatten().collect();
    hits.sort_by(|a, b| {
        b.score
            .cmp(&a.score)
            .then(a.issue.cmp(&b.issue))
            .then(a.article.cmp(&b.article))
    });
    hits
}

#[cfg(test)]
mod tests {

    #[test]
    fn char_ranges_count_letters_not_bytes() {
        let text = "Åsa och Öberg";
        assert_eq!(char_ranges(text, [0..4, 9..15]), vec![(0, 3), (8, 13)]);
    }

    use super::*;

    /// Queries that find articles in the bundled corpus: plain and
    /// accent-less words, inflections, a phrase, upper case.
    const QUERIES: &[&str] = &[
        "vattenförsörjning",
        "vattenforsorjning",
        "halsa",
        "hälsa",
        "planerna",
        "\"psykisk hälsa\"",
        "regionala samarbetet",
        "e-post",
        "Åsa",
        "kommunerna",
        "STYRGRUPP",
        "utbildningar",
    ];

    /// What narrows a search in the index: for every article any of these
    /// queries finds in the bundled corpus, and in copies of it in upper
    /// case and with accents taken off, every needle occurs in the issue's
    /// folded text. A needle stricter than the matcher would lose hits.
    #[test]
    fn needles_occur_in_the_folded_text_of_every_article_a_query_finds() {
        let corpus = crate::Corpus::embedded();
        let queries = QUERIES;
        let mut checked = 0;
        for q in queries {
            let needles = Query::parse(q).needles();
            assert!(!needles.is_empty(), "{q}");
            for hit in articles(&corpus, q) {
                let text = folded_text(&corpus.issues[hit.issue]);
                for n in &needles {
                    assert!(text.contains(n.as_str()), "{q}: {n:?} not in {}", hit.title);
                }
                checked += 1;
            }
        }
        assert!(checked > 50, "only {checked} hits checked");
        // The sieve lets through every issue with a hit: the same answer.
        let sieve = Sieve::new(&corpus);
        for q in queries
            .iter()
            .chain(&["a", "nu", "zzzxq", "kommun styrelse"])
        {
            let needles = Query::parse(q).needles();
            let sieved = articles_among(&corpus, q, |i| sieve.may_hold(i, &needles));
            assert_eq!(sieved, articles(&corpus, q), "{q}");
        }
        // And it keeps out an issue that lacks a needle.
        let none = Query::parse("zzzxq").needles();
        assert!((0..corpus.issues.len()).all(|i| !sieve.may_hold(i, &none)));
        // Text the matcher reads case- and accent-blind folds alike.
        let q = Query::parse("halsa");
        let text = "PSYKISK HÄLSA och Hälsan";
        assert_eq!(q.find(text).len(), 2);
        let folded = crate::text::fold_str(text);
        assert!(q.needles().iter().all(|n| folded.contains(n.as_str())));
    }

    /// A copy of `corpus` with every string of its issues (the articles'
    /// titles and text among them) passed through `f`.
    fn retext(corpus: &crate::Corpus, f: fn(&str) -> String) -> crate::Corpus {
        let mut out = corpus.clone();
        for issue in &mut out.issues {
            issue.for_each_string_mut(&mut |s| *s = f(s));
        }
        out
    }

    /// The check of each article for the query's needles before it is
    /// ranked changes no answer: on the bundled corpus, the real texts, and
    /// copies of both in upper case, decomposed (NFD), wrapped at every
    /// fifth space and with an escape sequence inside every long word,
    /// every query gives the same hits, in the same order, with snippets
    /// and highlights, as ranking every article.
    #[test]
    fn sifting_articles_by_their_needles_changes_no_answer() {
        use unicode_normalization::UnicodeNormalization;
        let real = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../tests/fixtures/realtexts/corpus");
        let bases = [
            crate::Corpus::embedded(),
            crate::Corpus::load(&real).expect("the real texts load"),
        ];
        let variants: [fn(&str) -> String; 4] = [
            |s| s.to_uppercase(),
            |s| s.nfd().collect(),
            |s| {
                s.split(' ')
                    .enumerate()
                    .map(|(i, w)| {
                        if i % 5 == 4 {
                            format!("\n{w}")
                        } else {
                            format!(" {w}")
                        }
                    })
                    .collect::<String>()
                    .trim_start()
                    .to_string()
            },
            |s| {
                s.split(' ')
                    .map(|w| match w.char_indices().nth(4) {
                        Some((at, _)) => format!("{}\u{1b}[1m{}", &w[..at], &w[at..]),
                        None => w.to_string(),
                    })
                    .collect::<Vec<_>>()
                    .join(" ")
            },
        ];
        let queries: Vec<&str> = QUERIES
            .iter()
            .chain(&["digitalisering", "stockholm", "samverkan", "a", "zzzxq"])
            .copied()
            .collect();
        let mut hits = 0;
        for base in &bases {
            let mut corpora = vec![base.clone()];
            corpora.extend(variants.iter().map(|&f| retext(base, f)));
            for corpus in &corpora {
                let n = corpus.issues.len();
                let read = |i: usize| corpus.issues.get(i).map(std::borrow::Cow::Borrowed);
                for &q in &queries {
                    let sifted = ranked(n, q, |_| true, read, true);
                    assert_eq!(sifted, ranked(n, q, |_| true, read, false), "{q}");
                    hits += sifted.len();
                }
            }
        }
        assert!(hits > 1_000, "only {hits} hits compared");
    }

    /// The matched text of each hit.
    fn found<'a>(q: &str, text: &'a str) -> Vec<(&'a str, Kind)> {
        Query::parse(q)
            .find(text)
            .into_iter()
            .map(|h| (&text[h.range], h.kind))
            .collect()
    }

    fn words_found<'a>(q: &str, text: &'a str) -> Vec<&'a str> {
        found(q, text).into_iter().map(|(s, _)| s).collect()
    }

    const PLANS: &str = "Kommunen antog en plan i maj. Planen gäller i fem år. \
        Två planer till väntas, och planerna ska samordnas med \
        vattenförsörjningsplanen för länet.";

    #[test]
    fn every_inflected_form_is_found_from_any_form() {
        for q in ["plan", "planen", "planer", "planerna"] {
            let got: Vec<String> = words_found(q, PLANS)
                .into_iter()
                .map(str::to_lowercase)
                .collect();
            for form in ["plan", "planen", "planer", "planerna"] {
                assert!(
                    got.iter().any(|g| g == form),
                    "{q} should find {form}: {got:?}"
                );
            }
            // …and the one inside the compound.
            assert_eq!(got.len(), 5, "{q}: {got:?}");
        }
    }

    #[test]
    fn words_inside_compounds_are_found_and_inflected_compounds_too() {
        let text = "Arbetet med en regional vattenförsörjningsplan fortsätter. \
            Den nya vattenförsörjningsplanen antas i höst.";
        let got = found("vattenförsörjningsplan", text);
        assert_eq!(
            got,
            vec![
                ("vattenförsörjningsplan", Kind::Exact),
                ("vattenförsörjningsplanen", Kind::Part)
            ]
        );
        let got = found("vattenförsörjningsplanerna", text);
        assert_eq!(
            got,
            vec![
                ("vattenförsörjningsplan", Kind::Stem),
                ("vattenförsörjningsplanen", Kind::Stem)
            ]
        );
        // The tail of a compound.
        assert_eq!(
            words_found("plan", text),
            vec!["plan", "planen"],
            "plan inside both compounds"
        );
        assert!(words_found("planering", text).is_empty());
        // Another form must be an inflection, not a longer word: "planerna"
        // does not find "planeringen", though "plan" as written does.
        assert!(words_found("planerna", "Planeringen pågår.").is_empty());
        assert_eq!(words_found("plan", "Planeringen pågår."), vec!["Plan"]);
    }

    #[test]
    fn quoted_phrases_match_only_words_in_that_order() {
        let text = "Frågor om psykisk hälsa hos unga. Hälsa och psykisk ohälsa \
            är olika saker. Den psykiska hälsan har försämrats.";
        let got = found("\"psykisk hälsa\"", text);
        assert_eq!(
            got,
            vec![
                ("psykisk hälsa", Kind::Exact),
                ("psykiska hälsan", Kind::Stem)
            ]
        );
        // Without quotes both words anywhere: more hits.
        assert!(Query::parse("psykisk hälsa").find(text).len() > 2);
        // Words in another order are not the phrase.
        assert!(Query::parse("\"hälsa psykisk\"").find(text).is_empty());
        // Typographic quotes and an unclosed quote work the same.
        assert_eq!(Query::parse("“psykisk hälsa”").find(text).len(), 2);
        assert_eq!(Query::parse("\"psykisk hälsa").find(text).len(), 2);
        // A phrase may start at a compound's tail and end at one's head.
        let water = "Stockholms regionala vattenförsörjningsplan och annat.";
        assert_eq!(
            words_found("\"regionala vattenförsörjning\"", water),
            vec!["regionala vattenförsörjningsplan"]
        );
        assert!(words_found("\"regionala försörjning\"", water).is_empty());
    }

    #[test]
    fn plain_letters_find_accented_ones_but_not_the_reverse() {
        let text = "Åsa Öberg ringer sin far. Han får ett brev från Asa i Täby.";
        assert_eq!(words_found("asa", text), vec!["Åsa", "Asa"]);
        assert_eq!(words_found("åsa", text), vec!["Åsa"]);
        assert_eq!(words_found("far", text), vec!["far", "får"]);
        assert_eq!(words_found("får", text), vec!["får"]);
        assert_eq!(words_found("TABY", text), vec!["Täby"]);
        assert!(words_found("tåby", text).is_empty());
        assert_eq!(words_found("oberg", text), vec!["Öberg"]);
        // Decomposed letters in the text are read as composed ones.
        let decomposed = "A\u{30a}sa och fa\u{30a}r";
        assert_eq!(words_found("åsa", decomposed), vec!["A\u{30a}sa"]);
        assert!(words_found("far", decomposed).contains(&"fa\u{30a}r"));
        assert!(words_found("får", "far och Far").is_empty());
    }

    #[test]
    fn exact_hits_rank_above_stemmed_ones() {
        let q = Query::parse("planen");
        let exact = "Planen är klar.";
        let stemmed = "Planer och planerna och planer och fler planer finns.";
        let (e, s) = (q.find(exact), q.find(stemmed));
        assert!(e.iter().all(|h| h.kind == Kind::Exact));
        assert!(s.iter().all(|h| h.kind == Kind::Stem) && s.len() == 4);
        assert!(q.score(&e) > q.score(&s), "{} {}", q.score(&e), q.score(&s));
        // More hits of the same kind rank higher.
        assert!(q.score(&q.find("planen, planen")) > q.score(&e));
        // And a hit inside a compound sits between.
        let part = q.find("Vattenförsörjningsplanen antogs.");
        assert_eq!(part[0].kind, Kind::Part);
        assert!(q.score(&e) > q.score(&part) && q.score(&part) > q.score(&s));
    }

    #[test]
    fn every_term_must_be_found_somewhere() {
        let q = Query::parse("plan länet");
        let title = q.find("En plan");
        let body = q.find("för hela länet");
        assert!(!q.all_found(&[&title]));
        assert!(q.all_found(&[&title, &body]));
        assert_eq!(q.terms().len(), 2);
        assert!(Query::parse(" \"\" -- … ").is_empty());
        assert!(Query::parse("").find("text").is_empty());
        // A hyphenated word is a phrase of its parts.
        let e = Query::parse("e-post");
        assert!(e.terms()[0].is_phrase());
        assert_eq!(e.find("Skicka e-post eller e post.").len(), 2);
    }

    #[test]
    fn snippets_show_the_best_hit_with_marks() {
        let body = format!(
            "{} en planer här {} och Planen där {} slut",
            "ord ".repeat(40),
            "fyll ".repeat(30),
            "mer ".repeat(5)
        );
        let q = Query::parse("planen");
        let hits = q.find(&body);
        let s = snippet(&body, &hits, 30, 60);
        assert!(s.text.starts_with('…') && s.text.contains("Planen där"));
        let marked: Vec<&str> = s.marks.iter().map(|r| &s.text[r.clone()]).collect();
        assert!(marked.contains(&"Planen"), "{marked:?}");
        assert!(s.text.chars().count() < 110, "{}", s.text);
        // No hits: the text's start.
        let none = snippet("kort text", &[], 30, 60);
        assert_eq!(none.text, "kort text");
        assert!(none.marks.is_empty());
    }
}

#[cfg(test)]
mod props {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// Any text and query: no panic, hits on char boundaries, in order,
        /// and the snippet's marks inside it.
        #[test]
        fn hits_are_slices_of_the_text(
            text in "[a-zåäöÅÄÖ \u{30a}\u{308}\"\\-.éø]{0,80}",
            query in "[a-zåäöA \"\\-]{0,12}",
        ) {
            let q = Query::parse(&query);
            let hits = q.find(&text);
            for h in &hits {
                prop_assert!(text.get(h.range.clone()).is_some());
                prop_assert!(h.range.start < h.range.end);
                prop_assert!(h.term < q.terms().len());
            }
            prop_assert!(hits.windows(2).all(|w| w[0].range.start <= w[1].range.start));
            let s = snippet(&text, &hits, 10, 20);
            for m in &s.marks {
                prop_assert!(s.text.get(m.clone()).is_some());
            }
        }
    }
}
