//! The reader's words, Swedish by default and English on request. Every
//! user-facing string lives here.

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

#[derive(ValueEnum, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

/// Swedish month abbreviations for dates like "3 okt 2025".
pub const MONTH_ABBR_SV: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];
/// English month abbreviations.
pub const MONTH_ABBR_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Words used by `check`.
pub struct CheckWords {
    pub ok: &'static str,
    pub skipped: &'static str,
    pub undated: &'static str,
    pub unreadable: &'static str,
    pub encoding: &'static str,
    pub calendar_line: &'static str,
    pub unknown_label: &'static str,
    pub taxonomy: &'static str,
    pub summary: &'static str,
    pub nothing_read: &'static str,
}

pub fn check_words(lang: Lang) -> CheckWords {
    match lang {
        Lang::Sv => CheckWords {
            ok: "ok",
            skipped: "hoppades över",
            undated: "inget datum hittades",
            unreadable: "kunde inte läsas",
            encoding: "teckenkodning",
            calendar_line: "kalenderrad utan datum",
            unknown_label: "etikett utan ämne",
            taxonomy: "ämnesfil",
            summary: "filer lästa",
            nothing_read: "ingen fil kunde läsas",
        },
        Lang::En => CheckWords {
            ok: "ok",
            skipped: "skipped",
            undated: "no date found",
            unreadable: "could not be read",
            encoding: "encoding",
            calendar_line: "calendar line with no date",
            unknown_label: "label with no topic",
            taxonomy: "taxonomy file",
            summary: "files read",
            nothing_read: "no file could be read",
        },
    }
}

// ---------------------------------------------------------------------------
// Lookups (`contacts`, `meetings`, `search`, `jump`, `read`, `list`).
// Owned by the lookup subcommands; placeholders in braces are filled in by
// `crate::commands::lookup`.
// ---------------------------------------------------------------------------

/// Words printed by the lookup subcommands.
pub struct LookupWords {
    /// "No person matches {query}".
    pub no_person: &'static str,
    pub no_people: &'static str,
    /// "No meeting between {from} and {to}".
    pub no_meeting_range: &'static str,
    /// "No meeting on or after {from}".
    pub no_meeting_from: &'static str,
    pub no_meeting_any: &'static str,
    /// "{from} is after {to}".
    pub bad_range: &'static str,
    /// "--to {to} is before today ({today}); add --from".
    pub to_before_today: &'static str,
    /// "No article contains {query}".
    pub no_search_hit: &'static str,
    pub empty_query: &'static str,
    /// "Nothing matches {query}".
    pub no_jump_hit: &'static str,
    /// "No issue {key}: give a file name, an id or a month (YYYY-MM)".
    pub no_issue: &'static str,
    /// "Issue {issue} has no article {key}".
    pub no_article: &'static str,
    /// "Issue {issue} has {n} articles".
    pub article_range: &'static str,
    /// "{n} articles match {key}; give the number:".
    pub ambiguous_article: &'static str,
    pub no_issues: &'static str,
    /// "--ics - and --json both write to standard output; pick one".
    pub ics_json_clash: &'static str,
    /// "Wrote {n} meetings to {file}".
    pub wrote_ics: &'static str,
    pub roles: &'static str,
    pub orgs: &'static str,
    pub emails: &'static str,
    pub contact_for: &'static str,
    pub mentioned_in: &'static str,
    pub contact: &'static str,
    pub from_article_text: &'static str,
    pub newsletter: &'static str,
    pub document: &'static str,
    pub articles: &'static str,
    pub meetings: &'static str,
    pub kind_article: &'static str,
    pub kind_person: &'static str,
    pub kind_meeting: &'static str,
    pub kind_issue: &'static str,
    pub kind_topic: &'static str,
    /// Monday first.
    pub weekdays: [&'static str; 7],
    /// Name of the exported calendar.
    pub calendar_name: &'static str,
    /// "Announced in {issue}".
    pub announced_in: &'static str,
    /// Marks a meeting found only in running text, in the .ics description.
    pub found_in_text: &'static str,
}

const LOOKUP_SV: LookupWords = LookupWords {
    no_person: "Ingen person matchar {query}",
    no_people: "Inga personer hittades i numren",
    no_meeting_range: "Inga möten mellan {from} och {to}",
    no_meeting_from: "Inga möten från och med {from}",
    no_meeting_any: "Inga möten hittades i numren",
    bad_range: "--from {from} är senare än --to {to}",
    to_before_today: "--to {to} är före dagens datum ({today}); ange också --from",
    no_search_hit: "Ingen artikel innehåller {query}",
    empty_query: "Sökfrågan är tom",
    no_jump_hit: "Inget matchar {query}",
    no_issue: "Hittade inget nummer {key}: ange filnamn, id eller månad (ÅÅÅÅ-MM)",
    no_article: "Nummer {issue} har ingen artikel {key}",
    article_range: "Nummer {issue} har {n} artiklar",
    ambiguous_article: "{n} artiklar matchar {key}; ange numret:",
    no_issues: "Inga nummer hittades",
    ics_json_clash: "--ics - och --json skriver båda till standard ut; välj ett",
    wrote_ics: "Skrev {n} möten till {file}",
    roles: "roll",
    orgs: "organisation",
    emails: "e-post",
    contact_for: "kontakt för",
    mentioned_in: "nämnd i",
    contact: "Kontakt",
    from_article_text: "ur artikeltext",
    newsletter: "nyhetsbrev",
    document: "dokument",
    articles: "artiklar",
    meetings: "möten",
    kind_article: "artikel",
    kind_person: "person",
    kind_meeting: "möte",
    kind_issue: "nummer",
    kind_topic: "ämne",
    weekdays: ["mån", "tis", "ons", "tor", "fre", "lör", "sön"],
    calendar_name: "Storsthlm – möten",
    announced_in: "Aviserat i {issue}",
    found_in_text: "Datumet kommer från artikeltexten, inte från kalendariet.",
};

const LOOKUP_EN: LookupWords = LookupWords {
    no_person: "No person matches {query}",
    no_people: "No people were found in the issues",
    no_meeting_range: "No meetings between {from} and {to}",
    no_meeting_from: "No meetings on or after {from}",
    no_meeting_any: "No meetings were found in the issues",
    bad_range: "--from {from} is later than --to {to}",
    to_before_today: "--to {to} is before today ({today}); give --from too",
    no_search_hit: "No article contains {query}",
    empty_query: "The query is empty",
    no_jump_hit: "Nothing matches {query}",
    no_issue: "No issue {key}: give a file name, an id or a month (YYYY-MM)",
    no_article: "Issue {issue} has no article {key}",
    article_range: "Issue {issue} has {n} articles",
    ambiguous_article: "{n} articles match {key}; give the number:",
    no_issues: "No issues were found",
    ics_json_clash: "--ics - and --json both write to standard output; pick one",
    wrote_ics: "Wrote {n} meetings to {file}",
    roles: "role",
    orgs: "organisation",
    emails: "e-mail",
    contact_for: "contact for",
    mentioned_in: "mentioned in",
    contact: "Contact",
    from_article_text: "from article text",
    newsletter: "newsletter",
    document: "document",
    articles: "articles",
    meetings: "meetings",
    kind_article: "article",
    kind_person: "person",
    kind_meeting: "meeting",
    kind_issue: "issue",
    kind_topic: "topic",
    weekdays: ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
    calendar_name: "Storsthlm – meetings",
    announced_in: "Announced in {issue}",
    found_in_text: "The date comes from the article text, not from the calendar.",
};

pub fn lookup_words(lang: Lang) -> &'static LookupWords {
    match lang {
        Lang::Sv => &LOOKUP_SV,
        Lang::En => &LOOKUP_EN,
    }
}
