//! People: finding named persons, their roles and contacts in article text,
//! and the directory that merges one person across issues.

use foldhash::{HashMap, HashMapExt, HashSet};
use std::sync::Arc;
use std::sync::LazyLock;

use regex::Regex;

use super::model::{Article, ArticleRef, Block, Contact, Issue, Person, PersonMention};
use super::text::{fold_key, fold_str, squash, title_case};

/// What an article tells of one named person, in the order the directory
/// reads it: each article's people, then its named contacts.
enum Told<'a> {
    Named(&'a PersonMention),
    Contact(&'a str, &'a Contact),
}

impl<'a> Told<'a> {
    fn name(&self) -> &'a str {
        match self {
            Told::Named(m) => &m.name,
            Told::Contact(name, _) => name,
        }
    }

    /// The values it tells of the person, in the order the directory takes
    /// them, with the list each goes to.
    fn said(&self) -> [(Said, Option<&'a String>); 2] {
        match self {
            Told::Named(m) => [(Said::Role, m.role.as_ref()), (Said::Org, m.org.as_ref())],
            Told::Contact(_, c) => [
                (Said::Email, c.email.as_ref()),
                (Said::Role, c.role.as_ref()),
            ],
        }
    }

    /// Whether it names the person as the article's contact.
    fn is_contact(&self) -> bool {
        matches!(self, Told::Contact(..))
    }
}

/// Everything an issue tells of people, in reading order, with the index
/// of the article that tells it: the one walk of an issue that the
/// directory and the index's casts ([`casts`]) both make.
fn walk<'a>(issue: &'a Issue, mut f: impl FnMut(usize, &'a Article, Told<'a>)) {
    for (ai, article) in issue.articles.iter().enumerate() {
        for m in &article.people {
            f(ai, article, Told::Named(m));
        }
        for c in &article.contacts {
            if let Some(name) = &c.name {
                f(ai, article, Told::Contact(name, c));
            }
        }
    }
}

/// One person being merged from issues in corpus order.
struct Merging {
    person: Person,
    seen: Seen,
}

impl Merging {
    fn new(name: &str) -> Merging {
        Merging {
            person: Person {
                name: name.to_string(),
                ..Default::default()
            },
            seen: Seen::default(),
        }
    }

    /// The issue `ii` (its position in the merge) names the person: its
    /// source is listed once.
    fn issue(&mut self, ii: usize, source: &str, key: &str) {
        if self.seen.last_issue != Some(ii) {
            self.seen.last_issue = Some(ii);
            push_unique_key(&mut self.person.issues, &mut self.seen.issues, source, key);
        }
    }

    /// A role, organisation or e-mail, into its list.
    fn say(&mut self, said: Said, value: &str) {
        let (list, keys) = match said {
            Said::Role => (&mut self.person.roles, &mut self.seen.roles),
            Said::Org => (&mut self.person.orgs, &mut self.seen.orgs),
            Said::Email => (&mut self.person.emails, &mut self.seen.emails),
        };
        push_unique(list, keys, value);
    }

    fn mentioned(&mut self, aref: &ArticleRef) {
        if self.seen.mentioned_in.insert(aref.clone()) {
            self.person.mentioned_in.push(aref.clone());
        }
    }

    fn contact_for(&mut self, aref: &ArticleRef) {
        if self.seen.contact_for.insert(aref.clone()) {
            self.person.contact_for.push(aref.clone());
        }
    }

    /// What one thing an issue tells adds.
    fn told(&mut self, told: &Told, aref: &ArticleRef) {
        for (said, value) in told.said() {
            if let Some(v) = value {
                self.say(said, v);
            }
        }
        if told.is_contact() {
            self.contact_for(aref);
        } else {
            self.mentioned(aref);
        }
    }

    fn finish(mut self) -> Person {
        let p = &mut self.person;
        p.issues.shrink_to_fit();
        p.mentioned_in.shrink_to_fit();
        p.contact_for.shrink_to_fit();
        self.person
    }
}

/// The people directory: every named person merged across issues by name,
/// with every role seen, sorted by name.
pub fn directory<'i>(issues: &'i [Issue]) -> Vec<Person> {
    let mut people: Vec<Merging> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    // The same spelling of a name is folded once.
    let mut spelled: HashMap<&'i str, usize> = HashMap::new();
    for (ii, issue) in issues.iter().enumerate() {
        let issue_key = fold_key(&issue.source);
        let source: Arc<str> = Arc::from(issue.source.as_str());
        // One reference per article, made when the article first tells.
        let mut aref: Option<ArticleRef> = None;
        walk(issue, |ai, article, told| {
            let name = told.name();
            let i = match spelled.get(name) {
                Some(&i) => i,
                None => {
                    let i = *index.entry(fold_key(name)).or_insert_with(|| {
                        people.push(Merging::new(name));
                        people.len() - 1
                    });
                    spelled.insert(name, i);
                    i
                }
            };
            let r = match &aref {
                Some(r) if r.article == ai => r,
                _ => aref.insert(ArticleRef {
                    issue: source.clone(),
                    article: ai,
                    title: Arc::from(article.title.as_str()),
                }),
            };
            let p = &mut people[i];
            p.issue(ii, &issue.source, &issue_key);
            p.told(&told, r);
        });
    }
    let mut people: Vec<Person> = people.into_iter().map(Merging::finish).collect();
    people.sort_by_key(|p| super::text::swedish_sort_key(&sort_name(&p.name)));
    people
}

/// What one issue tells of one person (by the fold key of the name), so
/// that after a change the index merges again only the people the changed
/// issues name ([`merge_casts`]). Lists are in reading order, repeats kept
/// (the merge drops them as the directory does).
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct Cast {
    /// The name as first spelled in the issue.
    pub name: String,
    /// Roles, organisations and e-mails, as told.
    pub told: Vec<(Said, String)>,
    /// The articles naming the person and those it is the contact for:
    /// article index, whether as contact, title.
    pub refs: Vec<(usize, bool, String)>,
    /// The topics and section labels of those articles (once each).
    pub topics: Vec<String>,
}

/// Which list of a person a told value goes to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Said {
    Role,
    Org,
    Email,
}

/// The fold keys of the people an issue names, in the order it first
/// names them (the order of [`casts`]).
pub(crate) fn keys(issue: &Issue) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: HashSet<String> = HashSet::default();
    walk(issue, |_, _, told| {
        let key = fold_key(told.name());
        if !seen.contains(&key) {
            seen.insert(key.clone());
            out.push(key);
        }
    });
    out
}

/// The casts of one issue (filed under its topics), in the order the
/// issue first names each person, with the fold key of each name.
pub(crate) fn casts(issue: &Issue) -> Vec<(String, Cast)> {
    let mut out: Vec<(String, Cast)> = Vec::new();
    let mut at: HashMap<String, usize> = HashMap::new();
    walk(issue, |ai, article, told| {
        let name = told.name();
        let i = *at.entry(fold_key(name)).or_insert_with_key(|key| {
            out.push((
                key.clone(),
                Cast {
                    name: name.to_string(),
                    ..Cast::default()
                },
            ));
            out.len() - 1
        });
        let cast = &mut out[i].1;
        for (said, value) in told.said() {
            if let Some(v) = value {
                cast.told.push((said, v.clone()));
            }
        }
        if !cast.refs.iter().any(|r| r.0 == ai) {
            for t in article.topic.iter().chain(&article.section) {
                if !cast.topics.contains(t) {
                    cast.topics.push(t.clone());
                }
            }
        }
        cast.refs
            .push((ai, told.is_contact(), article.title.clone()));
    });
    out
}

/// One person from the casts of the issues that name it, in corpus order
/// (each with its issue's source): the person [`directory`] gives for it.
/// None without a cast.
pub(crate) fn merge_casts<'c>(
    casts: impl IntoIterator<Item = (&'c str, &'c Cast)>,
) -> Option<Person> {
    let mut merging: Option<Merging> = None;
    for (ii, (source, cast)) in casts.into_iter().enumerate() {
        let m = merging.get_or_insert_with(|| Merging::new(&cast.name));
        m.issue(ii, source, &fold_key(source));
        let source: Arc<str> = Arc::from(source);
        for (said, value) in &cast.told {
            m.say(*said, value);
        }
        for (article, contact, title) in &cast.refs {
            let aref = ArticleRef {
                issue: source.clone(),
                article: *article,
                title: Arc::from(title.as_str()),
            };
            if *contact {
                m.contact_for(&aref);
            } else {
                m.mentioned(&aref);
            }
        }
    }
    merging.map(Merging::finish)
}

/// The fold keys (or refs) already in one person's lists.
#[derive(Default)]
struct Seen {
    roles: Keys,
    orgs: Keys,
    emails: Keys,
    issues: Keys,
    /// The last issue (by position) the person's issues were checked for.
    last_issue: Option<usize>,
    mentioned_in: HashSet<ArticleRef>,
    contact_for: HashSet<ArticleRef>,
}

/// The fold keys of one list, and the spellings already found in it (a
/// spelling seen is not folded again).
#[derive(Default)]
struct Keys {
    folded: HashSet<String>,
    spelled: HashSet<String>,
}

/// "Karin Soffiantini-Yildiz" sorts as "Soffiantini-Yildiz Karin".
pub fn sort_name(name: &str) -> String {
    match name.rsplit_once(' ') {
        Some((first, last)) => format!("{last} {first}"),
        None => name.to_string(),
    }
}

/// Push `value` unless a value with the same fold key is in the list
/// (`keys` holds the keys of the list).
fn push_unique(list: &mut Vec<String>, keys: &mut Keys, value: &str) {
    if keys.spelled.contains(value) {
        return;
    }
    keys.spelled.insert(value.to_string());
    push_unique_key(list, keys, value, &fold_key(value));
}

fn push_unique_key(list: &mut Vec<String>, keys: &mut Keys, value: &str, key: &str) {
    if !keys.folded.contains(key) {
        keys.folded.insert(key.to_string());
        list.push(value.to_string());
    }
}

// ---------------------------------------------------------------------------
// Finding people in text
// ---------------------------------------------------------------------------

/// One capitalised name part: "Karin", "Soffiantini-Yildiz", "Kilén".
const PART: &str = r"[A-ZÅÄÖÉÜØÆ][a-zåäöéèëüøæáíóúç]+(?:-[A-ZÅÄÖÉÜ][a-zåäöéèëüøæáíóúç]+)?";
/// Particles inside names: "Johan von Sydow".
const PARTICLE: &str = r"(?:von|van|af|de|der|den|da|di|del|la|le|zu)";

fn name_pat() -> String {
    format!(r"{PART}(?:\s+(?:{PARTICLE}\s+)?{PART}){{1,3}}")
}

static NAME: LazyLock<Regex> = LazyLock::new(|| Regex::new(&name_pat()).expect("valid regex"));
static NAME_WHOLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{}$", name_pat())).expect("valid regex"));
static EMAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}").expect("valid regex")
});

/// Words that make a capitalised pair an organisation or place, not a person.
/// A capitalised word that is not part of a person's name: a place, an
/// organisation word, a month or a weekday (lower case).
fn not_name_word(w: &str) -> bool {
    NOT_NAME_WORDS.contains(&w) || super::text::is_month_or_weekday(w) || SPEECH_VERBS.contains(&w)
}

const NOT_NAME_WORDS: &[&str] = &[
    "storsthlm",
    "storsthlms",
    "stockholm",
    "stockholms",
    "stockholmsregionen",
    "region",
    "regionen",
    "regioner",
    "regionens",
    "sveriges",
    "sverige",
    "svenska",
    "kommuner",
    "kommun",
    "kommunen",
    "kommunerna",
    "kommunförbundet",
    "kommunförbund",
    "landsting",
    "landstinget",
    "länsstyrelsen",
    "polisen",
    "polisregion",
    "socialstyrelsen",
    "skolverket",
    "arbetsförmedlingen",
    "energikontoret",
    "energikontor",
    "mötesplats",
    "backa",
    "vård",
    "samverkan",
    "gymnasieantagningen",
    "upplands",
    "väsby",
    "tieto",
    "sweden",
    "europa",
    "eu",
    "läs",
    "vid",
    "foto",
    "kontakta",
    "kontakt",
    "har",
    "nu",
    "det",
    "den",
    "de",
    "vi",
    "ja",
    "nej",
    "här",
    "med",
    "för",
    "till",
    "från",
    "om",
    "på",
    "i",
    "en",
    "ett",
    "och",
    "inom",
    "under",
    "efter",
    "innan",
    "när",
    "där",
    "som",
    "alla",
    "nya",
    "ny",
    "inga",
    "styrelse",
    "styrelsen",
    "styrelsens",
    "förbundet",
    "förbundsmöte",
    "rådet",
    "nationellt",
    "nationella",
    "centrum",
    "myndigheten",
    "departementet",
    "regeringen",
    "riksdagen",
    "universitet",
    "högskola",
    "institutet",
    "akademi",
    "fonden",
    "stiftelsen",
    "gruppen",
    "nätverk",
    "forum",
    "vattenforum",
    "norrvatten",
    "stockholm vatten",
    "lifecare",
    "webcare",
    "inera",
    "rise",
    "skl",
    "skr",
    "ab",
    "stad",
    "staden",
    "län",
    "länet",
    "läns",
    "kommunala",
    "kommunens",
    "botkyrka",
    "danderyd",
    "ekerö",
    "haninge",
    "huddinge",
    "järfälla",
    "lidingö",
    "nacka",
    "norrtälje",
    "nykvarn",
    "nynäshamn",
    "salem",
    "sigtuna",
    "sollentuna",
    "solna",
    "sundbyberg",
    "södertälje",
    "tyresö",
    "täby",
    "vallentuna",
    "vaxholm",
    "värmdö",
    "österåker",
    "upplands-bro",
    "göteborg",
    "malmö",
    "uppsala",
    "skåne",
    "skånes",
    "yrkesresan",
    "origo",
    "dua",
    "msb",
    "tredje",
    "första",
    "andra",
    "årets",
    "sammanfattning",
    "intervju",
    "senaste",
    "nytt",
];

/// Lower-case words that may follow a person's name (verbs, function
/// words). Any other lower-case word right after a capitalised pair makes it
/// an organisation ("Anna Whitlocks gymnasium", "Täby kommun").
const AFTER_NAME_OK: &[&str] = &[
    "och",
    "som",
    "är",
    "var",
    "blir",
    "blev",
    "från",
    "på",
    "i",
    "vid",
    "har",
    "hade",
    "kommer",
    "ska",
    "skall",
    "säger",
    "sa",
    "sade",
    "berättar",
    "pratar",
    "talar",
    "menar",
    "tycker",
    "leder",
    "ledde",
    "med",
    "om",
    "till",
    "för",
    "inom",
    "vill",
    "gav",
    "ger",
    "fick",
    "får",
    "valdes",
    "tar",
    "tog",
    "delar",
    "visar",
    "håller",
    "höll",
    "presenterade",
    "presenterar",
    "medverkar",
    "deltar",
    "träffar",
    "träffade",
    "besöker",
    "besökte",
    "svarar",
    "samt",
    "eller",
    "utsågs",
    "efterträder",
    "lämnar",
    "börjar",
    "slutar",
    "går",
    "gick",
    "kan",
    "måste",
    "skriver",
    "skrev",
    "hälsar",
    "invigde",
    "invigningstalade",
    "moderator",
    "moderatorn",
    "tillsammans",
];

/// Nouns (or noun endings) that head a role: "processledare",
/// "kommundirektör", "tf chef", "finansregionråd".
const ROLE_HEADS: &[&str] = &[
    "parlamentariker",
    "författare",
    "journalist",
    "ordf",
    "direktör",
    "direktor",
    "ledare",
    "chef",
    "ordförande",
    "regionråd",
    "kommunalråd",
    "borgarråd",
    "borggarråd",
    "expert",
    "strateg",
    "samordnare",
    "koordinator",
    "moderator",
    "utredare",
    "handläggare",
    "sekreterare",
    "ansvarig",
    "rektor",
    "elev",
    "sköterska",
    "hövding",
    "politiker",
    "ledamot",
    "vd",
    "ombudsman",
    "specialist",
    "analytiker",
    "rådgivare",
    "konsult",
    "forskare",
    "professor",
    "minister",
    "sakkunnig",
    "controller",
    "inspektör",
    "planerare",
    "lärare",
    "kurator",
    "psykolog",
    "läkare",
    "jurist",
    "kommunikatör",
    "redaktör",
    "administratör",
    "assistent",
    "medarbetare",
    "tjänsteperson",
    "fotograf",
    "talesperson",
    "arkitekt",
    "ingenjör",
    "ekonom",
    "grundare",
    "initiativtagare",
    "projektägare",
    "ägare",
    "förvaltare",
    "verksamhetsutvecklare",
    "utvecklare",
    "vägledare",
    "pedagog",
    "socialsekreterare",
    "biträdande",
    "generalsekreterare",
    "kanslichef",
    "ambassadör",
    "representant",
];

static ROLE_HEADS_FOLDED: LazyLock<Vec<String>> =
    LazyLock::new(|| ROLE_HEADS.iter().map(|h| fold_str(h)).collect());

fn is_role_word(word: &str) -> bool {
    let w = word.trim_matches(|c: char| !c.is_alphanumeric());
    // Role nouns are lower case (or capitalised at a sentence start).
    if w.is_empty() || w.chars().count() > 40 {
        return false;
    }
    let w = fold_str(w);
    ROLE_HEADS_FOLDED.iter().any(|h| w.ends_with(h.as_str()))
}

/// Does a phrase start with a role ("tf chef för Gymnasieantagningen",
/// "Storsthlms förbundsordförande", "biträdande enhetschef")? The head noun
/// must be among the first four words.
pub fn looks_like_role(phrase: &str) -> bool {
    let words: Vec<&str> = phrase.split_whitespace().take(4).collect();
    if words.is_empty() || words[0].chars().next().is_some_and(|c| c.is_ascii_digit()) {
        return false;
    }
    words.iter().any(|w| is_role_word(w))
}

/// Is this capitalised run an acceptable person name (not an organisation,
/// place or sentence start)?
fn acceptable_name(name: &str) -> bool {
    let parts: Vec<&str> = name.split_whitespace().collect();
    if parts.len() < 2 {
        return false;
    }
    !parts.iter().any(|p| {
        let f = p.to_lowercase();
        not_name_word(&f)
            || f.split('-').any(not_name_word)
            || (f.ends_with('s') && not_name_word(f.trim_end_matches('s')))
    })
}

/// A verb in the past tense ("berättade", "inledde"): what a person did,
/// so the capitalised words before it are a name, not an organisation's.
fn is_past_tense(word: &str) -> bool {
    word.chars().count() >= 5 && (word.ends_with("ade") || word.ends_with("dde"))
}

/// Is the whole string a person's name ("Madeleine Sjöstrand")?
pub fn is_person_name(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    NAME_WHOLE.is_match(s) && acceptable_name(s)
}

/// Names found in a string, as (byte start, end, name). Words that cannot
/// be part of a name ("Kontakta", "Region") are trimmed off either end of a
/// capitalised run.
fn names_in(s: &str) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    for m in NAME.find_iter(s) {
        // A name starts at a word boundary (checked here rather than with a
        // Unicode `\b`, which would slow the regex down on long texts).
        if s[..m.start()]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric())
        {
            continue;
        }
        // Token byte ranges within the match.
        let mut toks: Vec<(usize, usize)> = Vec::new();
        let mut pos = m.start();
        for t in m.as_str().split_whitespace() {
            let at = s[pos..].find(t).map(|x| x + pos).unwrap_or(pos);
            toks.push((at, at + t.len()));
            pos = at + t.len();
        }
        let bad = |r: &(usize, usize)| {
            let f = s[r.0..r.1].to_lowercase();
            not_name_word(&f) || f.split('-').any(not_name_word)
        };
        while toks.first().is_some_and(bad) {
            toks.remove(0);
        }
        while toks.last().is_some_and(bad) {
            toks.pop();
        }
        // A role word before a name is not part of it ("Civilminister Lena
        // Micko"), when a whole name is left.
        if toks.len() >= 3 && is_role_word(&s[toks[0].0..toks[0].1]) {
            toks.remove(0);
        }
        if toks.len() < 2 {
            continue;
        }
        let (start, end) = (toks[0].0, toks[toks.len() - 1].1);
        let name = squash(&s[start..end]);
        if !acceptable_name(&name) || !NAME_WHOLE.is_match(&name) {
            continue;
        }
        // An organisation: the name is followed by a lower-case noun.
        let after = s[end..].trim_start();
        let next: String = after
            .chars()
            .take_while(|c| c.is_alphabetic() || *c == '-')
            .collect();
        if !next.is_empty()
            && next.chars().next().is_some_and(|c| c.is_lowercase())
            && !AFTER_NAME_OK.contains(&next.as_str())
            && !SPEECH_VERBS.contains(&next.as_str())
            && !is_past_tense(&next)
            && !is_role_word(&next)
        {
            continue;
        }
        if after.starts_with("AB") || after.starts_with("Ab ") {
            continue;
        }
        out.push((start, end, name));
    }
    out
}

/// Does the string begin with a person's name?
pub fn starts_with_name(s: &str) -> bool {
    names_in(s).first().is_some_and(|(start, _, _)| *start == 0)
}

/// A caption naming the people in a picture: "Karl Löfgren, Anna Lindskog,
/// Lisa Minell och Leonard Kihlgren."
pub fn is_name_list(s: &str) -> bool {
    let s = s.trim().trim_end_matches('.');
    let parts: Vec<&str> = s
        .split([',', '&'])
        .flat_map(|p| p.split(" och "))
        .map(|p| p.trim())
        .filter(|p| !p.is_empty())
        .collect();
    parts.len() >= 2 && parts.iter().all(|p| is_person_name(p))
}

/// "Victor Kilén, kommundirektör i Vallentuna kommun", "Åsa Ryding." —
/// a name, perhaps with a role: the caption of a portrait.
pub fn is_name_caption(s: &str) -> bool {
    let s = s.trim();
    if s.len() > 140 {
        return false;
    }
    let body = s.trim_end_matches('.');
    if is_person_name(body) && s.ends_with('.') {
        return true;
    }
    match body.split_once(',') {
        Some((name, rest)) => {
            is_person_name(name) && !rest.contains('.') && looks_like_role(rest.trim())
        }
        None => false,
    }
}

/// Verbs that introduce what a person says ("säger Anna Berg"): never
/// part of a name, even capitalised after a quote ("… monter! Säger …").
const SPEECH_VERBS: &[&str] = &[
    "säger",
    "sa",
    "sade",
    "berättar",
    "menar",
    "förklarar",
    "konstaterar",
    "tycker",
    "understryker",
    "betonar",
    "fortsätter",
    "avslutar",
    "svarar",
    "uppger",
    "skriver",
    "enligt",
    "påpekar",
    "framhåller",
    "hälsar",
    "tipsar",
    "poängterar",
];
/// Does the text hold a quote's attribution: a speech verb and then a
/// name ("…, säger Thomas Fredriksson")?
pub fn has_attribution(s: &str) -> bool {
    static ATTRIBUTION: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(&format!(
            r"(?i:\b(?:{}))\s+\p{{Lu}}",
            SPEECH_VERBS.join("|")
        ))
        .expect("valid regex")
    });
    ATTRIBUTION.is_match(s)
}

static SPEECH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(r"(?i)\b(?:{})\s+$", SPEECH_VERBS.join("|"))).expect("valid regex")
});
/// The word right before a name, which may be its role: "ordförande
/// Karin Ek", or capitalised at a sentence start, "Civilminister Lena
/// Micko"; also "Ansvarig: Karin Ek" (a role word and a colon).
static ROLE_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:((?:\p{Lu}{2,}-)?\p{Ll}[\p{L}-]*)|(?:^|[.!?:]\s+|\n)(\p{Lu}[\p{L}-]*)\s*:?)\s+$",
    )
    .expect("valid regex")
});
static BRACKET_ROLE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\(([^()]{2,60})\)").expect("valid regex"));
static COPULA: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*\((?:[A-ZÅÄÖ]{1,3})\))?,?\s+(?:som\s+)?(?:är|var|blir|blev|arbetar\s+som|jobbar\s+som)\s+(.+)$").expect("valid regex")
});
static KOMMER_SOM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s+\p{Ll}+\s+som\s+(\p{Ll}+)").expect("valid regex"));
static PARTY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s*\((?:S|M|C|V|L|KD|MP|SD|FP)\)").expect("valid regex"));
static CONTACT_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:kontakta|kontaktperson:?|kontakt:|frågor\s+till|mejla|maila|ring)\s+$")
        .expect("valid regex")
});
/// A contact block's heading at the start of a paragraph: "Kontakt:",
/// "Kontaktpersoner:", "Frågor?:", "Mer information:".
static CONTACT_BLOCK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:kontakt|kontakter|kontaktperson|kontaktpersoner|kontakta\s+oss|mer\s+information|frågor\s+besvaras\s+av)\s*:|^(?i:frågor|har\s+du\s+frågor)\?\s")
        .expect("valid regex")
});
static MET_BEFORE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:pratat|pratar|talat|träffat|intervjuat|samtalat|mött|höra)\s+med\s+$|\b(?:höra|träffa|möta)\s+$").expect("valid regex")
});
static PHOTO_BEFORE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\b(?:foto|fotograf|bild)\s*:\s*$").expect("valid regex"));
static INTERVIEW_LABEL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^intervju\s+med\s+([\p{L}-]+(?:\s+(?:von|van|af|de)?\s*[\p{L}-]+){1,2})\s*(?:,\s*(.+))?$").expect("valid regex")
});

/// The last `n` bytes of `s` (at a char boundary).
fn tail(s: &str, n: usize) -> &str {
    let mut from = s.len().saturating_sub(n);
    while !s.is_char_boundary(from) {
        from += 1;
    }
    &s[from..]
}

/// The first `n` bytes of `s` (at a char boundary).
fn head(s: &str, n: usize) -> &str {
    let mut to = n.min(s.len());
    while !s.is_char_boundary(to) {
        to -= 1;
    }
    &s[..to]
}

/// Is the period at byte `at` the end of an abbreviated word ("bitr.")
/// followed by a lower-case word?
fn abbreviation_at(r: &str, at: usize) -> bool {
    let word = r[..at].rsplit(' ').next().unwrap_or("");
    let n = word.chars().count();
    (1..=5).contains(&n)
        && word.chars().all(|c| c.is_lowercase() || c == '.')
        && r[at + 2..].chars().next().is_some_and(char::is_lowercase)
}

/// Cut a role phrase at the end of its clause.
fn cut_role(rest: &str) -> Option<String> {
    let mut r = rest.trim_start_matches([',', ' ']).to_string();
    for lead in ["som är ", "som var ", "som "] {
        if let Some(x) = r.strip_prefix(lead) {
            r = x.to_string();
        }
    }
    let mut end = r.len();
    const STOPS: &[&str] = &[
        ",",
        ";",
        ". ",
        " – ",
        " - ",
        " som ",
        " med drygt",
        " med ",
        " när ",
        " där ",
        ":",
        " och en av ",
        " och ett av ",
        " och har ",
        " och är ",
        " är ",
    ];
    for stop in STOPS {
        // A comma after a suspended hyphen ("arbetsmarknads-, integrations-
        // och …") is inside the role.
        let mut from = 0;
        while let Some(p) = r[from..].find(stop) {
            let at = from + p;
            if *stop == "," && r[..at].ends_with('-') {
                from = at + 1;
                continue;
            }
            // "bitr. professor", "tf. chef": an abbreviation, not a
            // sentence end, when a short word ends there and the next word
            // is in lower case.
            if *stop == ". " && abbreviation_at(&r, at) {
                from = at + 2;
                continue;
            }
            end = end.min(at);
            break;
        }
    }
    // "… och Mats Gerdau" / "… och EU-parlamentarikerna": a new name starts.
    let mut search = 0;
    while let Some(p) = r[search..end.min(r.len())].find(" och ") {
        let at = search + p;
        let next = r[at + 5..].chars().next();
        if next.is_some_and(|c| c.is_uppercase()) {
            end = end.min(at);
            break;
        }
        search = at + 5;
    }
    let role = r[..end.min(r.len())]
        .trim()
        .trim_end_matches('.')
        .trim()
        .to_string();
    (!role.is_empty() && looks_like_role(&role) && role.split_whitespace().count() <= 14)
        .then_some(role)
}

/// A person's role from the text right after their name, if it gives one.
fn role_after(after: &str) -> Option<String> {
    let after_party = PARTY.replace(after, "");
    let a = after_party.as_ref();
    // An office in brackets: "Karin Ek (S) (vice ordf)".
    if let Some(c) = BRACKET_ROLE.captures(a) {
        if looks_like_role(&c[1]) {
            return Some(c[1].trim().to_string());
        }
    }
    if let Some(rest) = a.strip_prefix(',') {
        if let Some(r) = cut_role(rest) {
            return Some(r);
        }
    }
    if let Some(c) = COPULA.captures(a) {
        if let Some(r) = cut_role(&c[1]) {
            return Some(r);
        }
    }
    if let Some(c) = KOMMER_SOM.captures(a) {
        if is_role_word(&c[1]) {
            return Some(c[1].to_string());
        }
    }
    None
}

/// People named in one piece of text (a paragraph, a caption, a title).
pub fn people_in(text: &str, in_caption: bool) -> Vec<PersonMention> {
    let text = squash(text);
    let mut out: Vec<PersonMention> = Vec::new();
    let names = names_in(&text);
    let listed = in_name_lists(&text, &names);
    // A plural role before "A och B" carried to B.
    let mut shared: Option<(usize, String)> = None;
    for (idx, (start, end, name)) in names.iter().enumerate() {
        // Only the words just before a name matter ("säger", "kontakta"):
        // a bounded look-behind keeps huge paragraphs linear.
        let before = tail(&text[..*start], 80);
        let after = head(&text[*end..], 240);
        let mut role = role_after(after);
        let mut org = None;
        if let Some((r, o)) = role.as_ref().and_then(|_| comma_role_and_org(after)) {
            role = Some(r);
            org = Some(o);
        }
        let mut found = role.is_some()
            || listed[idx]
            || in_caption
            || SPEECH.is_match(before)
            || CONTACT_BEFORE.is_match(before)
            || MET_BEFORE.is_match(before)
            || PARTY.is_match(after);
        if PHOTO_BEFORE.is_match(before) {
            found = true;
            role = Some("fotograf".to_string());
        }
        if role.is_none() {
            if let Some(c) = ROLE_BEFORE.captures(before) {
                if let Some(w) = c.get(1).or(c.get(2)).map(|m| m.as_str()) {
                    if is_role_word(w) && !w.ends_with("na") {
                        role = Some(role_case(w));
                        found = true;
                    } else if let Some(one) = plural_role(w) {
                        // "EU-parlamentarikerna A och B": both have the role.
                        role = Some(one.clone());
                        found = true;
                        if names
                            .get(idx + 1)
                            .is_some_and(|n| text[*end..n.0].trim() == "och")
                        {
                            shared = Some((idx + 1, one));
                        }
                    }
                }
            }
            if let Some((_, r)) = shared.as_ref().filter(|(k, _)| *k == idx) {
                role = Some(r.clone());
                found = true;
            }
        }
        // "A och B, processledare på …" / "A och B från Täby kommun".
        let tail = after.trim_start();
        if let Some(next) = names.get(idx + 1) {
            let between = &text[*end..next.0];
            if between.trim() == "och" || between.trim() == "," {
                let after_next = head(&text[next.1..], 240);
                if let Some(r) = role_after(after_next) {
                    role = role.or(Some(r));
                    found = true;
                } else if after_next.trim_start().starts_with("från ")
                    || after_next.trim_start().starts_with("på ")
                    || found
                {
                    found = true;
                }
            }
        }
        if idx > 0 {
            let prev = &names[idx - 1];
            let between = &text[prev.1..*start];
            if between.trim() == "och" && out.iter().any(|p| p.name == prev.2) {
                found = true;
                if role.is_none() {
                    role = out
                        .iter()
                        .find(|p| p.name == prev.2)
                        .and_then(|p| p.role.clone());
                    if role.is_some() && !after.trim_start().starts_with(',') {
                        // the shared role belongs to the pair only when it follows both
                        role = None;
                    }
                }
            }
        }
        let _ = tail;
        if !found {
            continue;
        }
        merge_mention(
            &mut out,
            PersonMention {
                name: name.clone(),
                role,
                org,
            },
        );
    }
    out
}

/// Last words that make a phrase an organisation ("Dalby kommun", "Region
/// Norrby", "Storsthlm", "Socialförvaltningen").
const ORG_ENDINGS: &[&str] = &[
    "kommun",
    "stad",
    "region",
    "regionen",
    "förbund",
    "förbundet",
    "förvaltning",
    "förvaltningen",
    "storsthlm",
    "myndighet",
    "myndigheten",
    "länsstyrelse",
    "länsstyrelsen",
    "universitet",
    "högskola",
    "skl",
    "skr",
    "ab",
];

/// Is this comma part of a role phrase an organisation: a capitalised
/// phrase whose last word names a kind of body, or "Region X", or two or
/// more capitalised words?
fn is_org_part(part: &str) -> bool {
    let words: Vec<&str> = part.split_whitespace().collect();
    let Some(first) = words.first() else {
        return false;
    };
    if !first.chars().next().is_some_and(char::is_uppercase) || words.len() > 6 {
        return false;
    }
    let last = words[words.len() - 1].to_lowercase();
    ORG_ENDINGS
        .iter()
        .any(|e| last == *e || last.ends_with("förvaltningen"))
        || first.eq_ignore_ascii_case("region")
        || (words.len() >= 2
            && words
                .iter()
                .filter(|w| w.len() > 3)
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
            && !is_person_name(part))
}

/// A role that itself holds commas, then the organisation: ", projektledare,
/// hälsa och vård, Region Norrby." → ("projektledare, hälsa och vård",
/// "Region Norrby"). Read only up to the sentence's end; the middle parts
/// must be lower-case phrases (a capital starts the next name) and the last
/// part an organisation, else None (the role ends at its first comma).
fn comma_role_and_org(after: &str) -> Option<(String, String)> {
    let rest = after.strip_prefix(',')?;
    let end = [". ", "; ", " – ", " säger", "!", "?"]
        .iter()
        .filter_map(|s| rest.find(s))
        .min()
        .unwrap_or(rest.len());
    let sentence = rest[..end].trim().trim_end_matches('.');
    let parts: Vec<&str> = sentence.split(',').map(str::trim).collect();
    if parts.len() < 3 {
        return None;
    }
    // The organisation is the first capitalised part after the role; all
    // parts between are lower-case and the role itself reads as one.
    let starts_lower = |p: &str| p.chars().next().is_some_and(char::is_lowercase);
    let k = parts.iter().skip(1).position(|p| !starts_lower(p))? + 1;
    if k < 2 || !is_org_part(parts[k]) || !looks_like_role(parts[0]) {
        return None;
    }
    if parts[1..k]
        .iter()
        .any(|p| p.is_empty() || p.starts_with("och ") || p.split_whitespace().count() > 6)
    {
        return None;
    }
    let org = parts[k]
        .split(" och ")
        .next()
        .unwrap_or(parts[k])
        .trim()
        .to_string();
    Some((parts[..k].join(", "), org))
}

/// A plural definite role ("EU-parlamentarikerna", "rektorerna") in the
/// singular ("EU-parlamentariker"), if the word is a role.
fn plural_role(w: &str) -> Option<String> {
    let strip = |end: &str, add: &str| w.strip_suffix(end).map(|s| format!("{s}{add}"));
    [
        strip("na", ""),
        strip("erna", ""),
        strip("arna", "are"),
        strip("orna", "a"),
    ]
    .into_iter()
    .flatten()
    .find(|one| is_role_word(one))
    .map(|one| role_case(&one))
}

/// A role word as a role: a capital that only starts a sentence is made
/// lower case ("Civilminister" → "civilminister"); an acronym stays
/// ("EU-parlamentariker").
fn role_case(w: &str) -> String {
    let mut cs = w.chars();
    match (cs.next(), cs.next()) {
        (Some(a), Some(b)) if a.is_uppercase() && b.is_lowercase() => {
            a.to_lowercase().chain(w.chars().skip(1)).collect()
        }
        _ => w.to_string(),
    }
}

/// Which names stand in a list of three or more names ("A, B, C och D"):
/// a plain list of names is a list of people, roles or not.
fn in_name_lists(text: &str, names: &[(usize, usize, String)]) -> Vec<bool> {
    let mut listed = vec![false; names.len()];
    let mut run_start = 0;
    for i in 0..=names.len() {
        let joined = i > 0
            && i < names.len()
            && matches!(
                text[names[i - 1].1..names[i].0].trim(),
                "," | "och" | ", och"
            );
        if !joined {
            if i - run_start >= 3 {
                listed[run_start..i].iter_mut().for_each(|l| *l = true);
            }
            run_start = i;
        }
    }
    listed
}

fn merge_mention(list: &mut Vec<PersonMention>, m: PersonMention) {
    match list.iter_mut().find(|p| p.name == m.name) {
        Some(p) => {
            if p.role.is_none() {
                p.role = m.role;
            }
            if p.org.is_none() {
                p.org = m.org;
            }
        }
        None => list.push(m),
    }
}

/// The person an interview label names: "intervju med victor kilén,
/// kommundirektör i vallentuna" → Victor Kilén, role from the label.
pub fn interview_subject(label: &str) -> Option<PersonMention> {
    let label = squash(label);
    let c = INTERVIEW_LABEL.captures(&label)?;
    let name = title_case(&c[1].to_lowercase());
    if !is_person_name(&name) {
        return None;
    }
    let rest = c.get(2).map(|m| m.as_str().trim().to_string());
    let (role, org) = match rest {
        Some(r) if looks_like_role(&r) => (Some(r), None),
        Some(r) => (None, Some(title_case(&r))),
        None => (None, None),
    };
    Some(PersonMention { name, role, org })
}

/// Contacts named in a contact line or paragraph: "Vid frågor, kontakta
/// Åsa Danielsson", "Kontakta X om du vill veta mer", e-mail addresses.
pub fn contacts_in(text: &str) -> Vec<Contact> {
    let text = squash(text);
    let mut out: Vec<Contact> = Vec::new();
    // A contact block ("Kontaktpersoner: Karin Berg, Utvecklingsledare,
    // karin.berg@…; Per Holm, …"): every name in it is a contact.
    let block = CONTACT_BLOCK.is_match(&text);
    let names = names_in(&text);
    for (start, _, name) in &names {
        let (start, name) = (*start, name.clone());
        if block || CONTACT_BEFORE.is_match(tail(&text[..start], 80)) {
            out.push(Contact {
                name: Some(name),
                email: None,
                role: None,
            });
        }
    }
    for m in EMAIL.find_iter(&text) {
        let email = m.as_str().trim_end_matches('.').to_lowercase();
        // "Anna Svensson, anna.svensson@…": attach to the name just before.
        let before = text[..m.start()]
            .trim_end()
            .trim_end_matches([',', ':', '('])
            .trim_end();
        let owner = names_in(before)
            .into_iter()
            .rev()
            .find(|(_, end, _)| *end == before.len())
            .map(|(_, _, n)| n)
            .or_else(|| {
                // In a block of cards, the card's name: the last one before
                // the address, after the previous card's separator.
                let card = &before[before.rfind(';').map_or(0, |k| k + 1)..];
                block
                    .then(|| names_in(card).into_iter().next().map(|(_, _, n)| n))
                    .flatten()
            })
            .or_else(|| {
                let local = fold_str(email.split('@').next().unwrap_or(""));
                out.iter()
                    .filter_map(|c| c.name.clone())
                    .find(|n| fold_key(n).replace(' ', ".") == local)
            });
        match owner.and_then(|n| {
            out.iter_mut()
                .find(|c| c.name.as_deref() == Some(n.as_str()))
        }) {
            Some(c) if c.email.is_none() => c.email = Some(email),
            _ => {
                if !out
                    .iter()
                    .any(|c| c.email.as_deref() == Some(email.as_str()))
                {
                    out.push(Contact {
                        name: None,
                        email: Some(email),
                        role: None,
                    });
                }
            }
        }
    }
    out
}

/// Fill in an article's people and contacts from its title, label,
/// captions and text.
pub fn extract(article: &mut Article) {
    let mut people: Vec<PersonMention> = Vec::new();
    let mut contacts: Vec<Contact> = Vec::new();
    // Body text first: a role said in the text beats a photo caption's.
    let ordered = article
        .blocks
        .iter()
        .filter(|b| !matches!(b, Block::Caption(_)))
        .chain(
            article
                .blocks
                .iter()
                .filter(|b| matches!(b, Block::Caption(_))),
        );
    for block in ordered {
        let (text, caption) = match block {
            Block::Paragraph(t) | Block::Heading(t) => (t.clone(), false),
            Block::List(items) => (items.join(" • "), false),
            Block::Caption(t) => (t.clone(), true),
            Block::Link(t) => (t.clone(), false),
        };
        for p in people_in(&text, caption) {
            merge_mention(&mut people, p);
        }
        for c in contacts_in(&text) {
            match c.name.as_ref() {
                Some(n) => {
                    if !contacts.iter().any(|o| o.name.as_ref() == Some(n)) {
                        contacts.push(c);
                    }
                }
                None => {
                    if !contacts.iter().any(|o| o.email == c.email) {
                        contacts.push(c);
                    }
                }
            }
        }
    }
    // The interview label names its subject; the text's own wording of the
    // role (properly capitalised) wins over the label's.
    if let Some(label) = &article.section {
        if let Some(p) = interview_subject(label) {
            merge_mention(&mut people, p);
        }
    }
    // Contacts are people too; their role comes from the rest of the text.
    for c in &mut contacts {
        if let Some(n) = &c.name {
            match people.iter().find(|p| &p.name == n) {
                Some(p) => c.role = p.role.clone(),
                None => merge_mention(
                    &mut people,
                    PersonMention {
                        name: n.clone(),
                        role: None,
                        org: None,
                    },
                ),
            }
        }
    }
    article.people = people;
    article.contacts = contacts;
}

#[cfg(test)]
mod extract_tests {
    use super::*;

    fn role_of(text: &str, name: &str) -> Option<Option<String>> {
        people_in(text, false)
            .into_iter()
            .find(|p| p.name == name)
            .map(|p| p.role)
    }

    #[test]
    fn speech_verbs_with_roles() {
        assert_eq!(
            role_of("det blir digitalt, säger Karin Soffiantini-Yildiz, tf chef för Gymnasieantagningen.", "Karin Soffiantini-Yildiz"),
            Some(Some("tf chef för Gymnasieantagningen".into()))
        );
        assert_eq!(
            role_of(
                "berättar Birgitta Fagervall Yttling, projektledare för Nära vård på Storsthlm.",
                "Birgitta Fagervall Yttling"
            ),
            Some(Some("projektledare för Nära vård på Storsthlm".into()))
        );
    }

    #[test]
    fn copula_apposition_and_role_before_name() {
        assert_eq!(
            role_of("Oskar Weinmar (M) är kommunstyrelsens ordförande i Upplands Väsby med drygt 47.000 invånare.", "Oskar Weinmar"),
            Some(Some("kommunstyrelsens ordförande i Upplands Väsby".into()))
        );
        assert_eq!(
            role_of(
                "Johanna Lindgren är vd på Norrvatten, ett kommunalförbund",
                "Johanna Lindgren"
            ),
            Some(Some("vd på Norrvatten".into()))
        );
        assert_eq!(
            role_of(
                "tillsammans med generaldirektör Mikael Frisell från MSB",
                "Mikael Frisell"
            ),
            Some(Some("generaldirektör".into()))
        );
        assert_eq!(
            role_of(
                "Angeli Sjöström Hederberg kommer som moderator leda oss genom dagen.",
                "Angeli Sjöström Hederberg"
            ),
            Some(Some("moderator".into()))
        );
    }

    #[test]
    fn pairs_share_a_role() {
        let p = people_in(
            "Leonard Kihlgren och Lisa Minell, processledare på Storsthlm, gav deltagarna",
            false,
        );
        let names: Vec<_> = p
            .iter()
            .map(|p| (p.name.as_str(), p.role.as_deref()))
            .collect();
        assert!(
            names.contains(&("Lisa Minell", Some("processledare på Storsthlm"))),
            "{names:?}"
        );
        assert!(
            names.contains(&("Leonard Kihlgren", Some("processledare på Storsthlm"))),
            "{names:?}"
        );
    }

    #[test]
    fn organisations_and_places_are_not_people() {
        let p = people_in("Felicia Yetim som är elev på Anna Whitlocks gymnasium, säger Region Stockholm och Upplands Väsby", true);
        let names: Vec<_> = p.iter().map(|p| p.name.as_str()).collect();
        assert_eq!(names, ["Felicia Yetim"]);
        assert!(!is_person_name("Tieto Sweden"));
        assert!(is_person_name("Johan von Sydow"));
    }

    #[test]
    fn captions_and_interview_labels() {
        assert!(is_name_list(
            "Karl Löfgren, Anna Lindskog, Lisa Minell och Leonard Kihlgren."
        ));
        assert!(is_name_caption(
            "Victor Kilén, kommundirektör i Vallentuna kommun"
        ));
        assert!(!is_name_caption("Kontakta Catrin Ditz vid frågor"));
        let s = interview_subject("intervju med oskar weinmar, upplands väsby").unwrap();
        assert_eq!(
            (s.name.as_str(), s.org.as_deref()),
            ("Oskar Weinmar", Some("Upplands Väsby"))
        );
        let p = people_in("Anna Widing. (Foto: Ulrika Pudas)", true);
        assert!(p
            .iter()
            .any(|p| p.name == "Ulrika Pudas" && p.role.as_deref() == Some("fotograf")));
    }

    #[test]
    fn contact_phrases_and_emails() {
        let c = contacts_in("Har du funderingar kring programmet? Kontakta Roger Svanborg. För övriga frågor, kontakta Helen Ala-Kojola");
        let names: Vec<_> = c.iter().filter_map(|c| c.name.as_deref()).collect();
        assert_eq!(names, ["Roger Svanborg", "Helen Ala-Kojola"]);
        let c = contacts_in("Kontakta origo@stockholm.se för att ta del av materialet.");
        assert_eq!(c[0].email.as_deref(), Some("origo@stockholm.se"));
        let c = contacts_in("Kontakta Anna Svensson, anna.svensson@storsthlm.se");
        assert_eq!(c.len(), 1);
        assert_eq!(c[0].email.as_deref(), Some("anna.svensson@storsthlm.se"));
    }
}

#[cfg(test)]
mod unseen_forms_tests {
    use super::*;

    fn people(text: &str) -> Vec<(String, Option<String>)> {
        people_in(text, false)
            .into_iter()
            .map(|p| (p.name, p.role))
            .collect()
    }

    fn role(text: &str, name: &str) -> Option<String> {
        people(text)
            .into_iter()
            .find(|(n, _)| n == name)
            .unwrap_or_else(|| panic!("{name} not found in {:?}", people(text)))
            .1
    }

    #[test]
    fn a_plain_list_of_three_or_more_names_is_people() {
        let p = people(
            "På scenen möts Eva Lind, Omar Said, Lisa Berg och Per Holm för ett samtal om skolan.",
        );
        let names: Vec<&str> = p.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["Eva Lind", "Omar Said", "Lisa Berg", "Per Holm"]);
        assert!(p.iter().all(|(_, r)| r.is_none()));
    }

    #[test]
    fn a_capitalised_role_word_at_a_sentence_start_is_the_role() {
        assert_eq!(
            role(
                "Kulturminister Anna Ek invigde mässan i fredags.",
                "Anna Ek"
            )
            .as_deref(),
            Some("kulturminister")
        );
        assert_eq!(
            role(
                "Mässan invigdes av ordförande Karin Ek i fredags.",
                "Karin Ek"
            )
            .as_deref(),
            Some("ordförande")
        );
    }

    #[test]
    fn a_speech_verb_glued_to_a_name_is_not_part_of_it() {
        assert_eq!(
            role(
                "Tack till alla som kom! Säger Lisa Berg, enhetschef på förbundet.",
                "Lisa Berg"
            )
            .as_deref(),
            Some("enhetschef på förbundet")
        );
    }

    #[test]
    fn abbreviated_roles_offices_in_brackets_and_role_labels() {
        assert_eq!(
            role(
                "Per Holm, bitr. professor vid universitetet, ledde samtalet.",
                "Per Holm"
            )
            .as_deref(),
            Some("bitr. professor vid universitetet")
        );
        assert_eq!(
            role(
                "Mötet öppnades av Karin Ek (S) (vice ordf) och pågick i två timmar.",
                "Karin Ek"
            )
            .as_deref(),
            Some("vice ordf")
        );
        assert_eq!(
            role("Ansvarig: Omar Said", "Omar Said").as_deref(),
            Some("ansvarig")
        );
    }

    #[test]
    fn a_role_ends_where_the_sentence_goes_on() {
        let r = role(
            "Eva Lind, ny rektor på Solskolan och tidigare lärare i Täby är en av talarna.",
            "Eva Lind",
        )
        .unwrap();
        assert!(r.contains("rektor") && !r.contains(" är "), "{r}");
        assert_eq!(
            role(
                "Omar Said, författare och journalist som skrivit om staden, inledde dagen.",
                "Omar Said"
            )
            .as_deref(),
            Some("författare och journalist")
        );
    }

    #[test]
    fn a_role_with_commas_keeps_them_and_the_last_part_is_the_organisation() {
        let m = people_in(
            "– Vi ser stora vinster, säger Eva Lind, samordnare, barn och unga, Västby kommun. Hon leder arbetet.",
            false,
        );
        let eva = m.iter().find(|p| p.name == "Eva Lind").expect("Eva Lind");
        assert_eq!(eva.role.as_deref(), Some("samordnare, barn och unga"));
        assert_eq!(eva.org.as_deref(), Some("Västby kommun"));
        let m = people_in(
            "Kontakta Omar Said, utredare, äldreomsorg, Region Sydby.",
            false,
        );
        assert_eq!(m[0].role.as_deref(), Some("utredare, äldreomsorg"));
        assert_eq!(m[0].org.as_deref(), Some("Region Sydby"));
        // No organisation at the end: the role ends at its first comma.
        let m = people_in("– Bra, säger Per Holm, lärare, i dag på mötet.", false);
        assert_eq!(m[0].role.as_deref(), Some("lärare"));
        assert_eq!(m[0].org, None);
    }

    #[test]
    fn a_long_comma_list_of_names_roles_and_organisations_keeps_each_role() {
        let text = "I panelen satt Eva Lind, rektor Solskolan, Omar Said, kommundirektör Täby kommun och Lisa Berg, enhetschef Region Skåne.";
        assert_eq!(role(text, "Eva Lind").as_deref(), Some("rektor Solskolan"));
        assert_eq!(
            role(text, "Omar Said").as_deref(),
            Some("kommundirektör Täby kommun")
        );
        assert_eq!(
            role(text, "Lisa Berg").as_deref(),
            Some("enhetschef Region Skåne")
        );
    }

    #[test]
    fn a_plural_role_before_two_names_belongs_to_both() {
        let text = "Samtalet leds av IT-strategerna Eva Lind och Omar Said från förbundet.";
        assert_eq!(role(text, "Eva Lind").as_deref(), Some("IT-strateg"));
        assert_eq!(role(text, "Omar Said").as_deref(), Some("IT-strateg"));
    }
}

#[cfg(test)]
mod cast_tests {
    use super::*;

    /// Each person merged from the casts of the issues naming it, in
    /// corpus order, is the person the directory merges; `keys` names the
    /// people in the order of `casts`.
    #[test]
    fn merging_casts_gives_the_directory_s_people() {
        let corpus = crate::Corpus::embedded();
        let issues = &corpus.issues;
        let mut by_key: HashMap<String, Vec<(&str, Cast)>> = HashMap::new();
        for issue in issues {
            let casts = casts(issue);
            assert_eq!(
                keys(issue),
                casts.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>()
            );
            for (key, cast) in casts {
                by_key.entry(key).or_default().push((&issue.source, cast));
            }
        }
        let people = directory(issues);
        assert!(people.len() > 10, "{}", people.len());
        assert_eq!(by_key.len(), people.len());
        for p in &people {
            let casts = &by_key[&fold_key(&p.name)];
            let merged = merge_casts(casts.iter().map(|(s, c)| (*s, c)));
            assert_eq!(merged.as_ref(), Some(p));
        }
        assert_eq!(merge_casts(std::iter::empty()), None);
    }
}
