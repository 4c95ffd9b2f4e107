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

/// How the reader writes dates: "3 okt 2025" (the default) or ISO 8601.
#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum DateStyle {
    #[default]
    Human,
    Iso,
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
    pub ignored: &'static str,
    pub duplicate_id: &'static str,
    pub summary: &'static str,
    pub nothing_read: &'static str,
    pub newsletter: &'static str,
    pub document: &'static str,
    pub articles: &'static str,
    pub meetings: &'static str,
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
            ignored: "ingen artikelfil, lästes inte",
            duplicate_id: "samma id som en annan fil, läst under ett eget",
            summary: "filer lästa",
            nothing_read: "ingen fil kunde läsas",
            newsletter: "nyhetsbrev",
            document: "dokument",
            articles: "artiklar",
            meetings: "möten",
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
            ignored: "not an issue file, not read",
            duplicate_id: "same id as another file, read under one of its own",
            summary: "files read",
            nothing_read: "no file could be read",
            newsletter: "newsletter",
            document: "document",
            articles: "articles",
            meetings: "meetings",
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
    /// "No issue {key}: give a file name, an id or a date (YYYY-MM-DD, …)".
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
    /// Heading of an article's list of link URLs.
    pub links: &'static str,
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
    no_issue:
        "Hittade inget nummer {key}: ange filnamn, id eller datum (ÅÅÅÅ-MM-DD, ÅÅÅÅ-MM eller ÅÅÅÅ)",
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
    links: "Länkar",
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
    no_issue: "No issue {key}: give a file name, an id or a date (YYYY-MM-DD, YYYY-MM or YYYY)",
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
    links: "Links",
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

// ───────────────────────────── Reader ─────────────────────────────
// Words of the terminal reader (`src/tui`). Everything the reader draws
// that does not come from a document is here.

/// Full month names, for the meeting sidebar's month headings.
pub const MONTH_FULL_SV: [&str; 12] = crate::corpus::text::MONTHS_SV;
/// English month names.
pub const MONTH_FULL_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
/// Weekday abbreviations, Monday first.
pub const WEEKDAY_SV: [&str; 7] = ["mån", "tis", "ons", "tor", "fre", "lör", "sön"];
pub const WEEKDAY_EN: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// Words used by the terminal reader.
pub struct ReaderWords {
    pub lang: Lang,
    /// Dates as YYYY-MM-DD instead of "3 okt 2025".
    pub iso: bool,
    // Pane titles.
    pub issues: &'static str,
    pub topics: &'static str,
    pub article: &'static str,
    pub meetings_from_long: &'static str,
    pub meetings_from: &'static str,
    pub meetings_from_short: &'static str,
    pub jump_title: &'static str,
    pub search_title: &'static str,
    /// The search popup's count while a search ranks away.
    pub searching: &'static str,
    /// The find line in the status bar.
    pub find_prompt: &'static str,
    /// After the find query: no match in the article.
    pub find_none: &'static str,
    /// The status-bar hint for n/N while a find is on.
    pub find_step_hint: &'static str,
    pub contacts_title: &'static str,
    pub help_title: &'static str,
    // Issue list and overview.
    pub newsletter: &'static str,
    pub document: &'static str,
    pub undated: &'static str,
    pub articles_count: &'static str,
    pub meetings_count: &'static str,
    pub contents: &'static str,
    pub no_issues: &'static str,
    pub no_topics: &'static str,
    pub nothing_open: &'static str,
    // Article view.
    pub contact_heading: &'static str,
    pub mentioned_heading: &'static str,
    pub line_of: &'static str,
    // Meetings sidebar.
    pub nothing_upcoming: &'static str,
    pub newest_calendar: &'static str,
    pub no_meetings: &'static str,
    // Jump popup.
    pub kind_article: &'static str,
    pub kind_person: &'static str,
    pub kind_meeting: &'static str,
    pub kind_issue: &'static str,
    pub kind_topic: &'static str,
    pub no_hits: &'static str,
    pub hits: &'static str,
    // Contacts.
    pub filter: &'static str,
    pub col_name: &'static str,
    pub col_role: &'static str,
    pub col_org: &'static str,
    pub col_email: &'static str,
    pub no_people: &'static str,
    pub roles: &'static str,
    pub orgs: &'static str,
    pub emails: &'static str,
    pub contact_for: &'static str,
    pub mentioned_in: &'static str,
    pub people_count: &'static str,
    // Help.
    pub help_general: &'static str,
    pub help_jump: &'static str,
    pub help_contacts: &'static str,
    pub help_card: &'static str,
    pub help_help: &'static str,
    pub help_mouse: &'static str,
    pub help_typing: &'static str,
    // Status bar.
    pub embedded: &'static str,
    /// "{n} files could not be read: {files}".
    pub unreadable_files: &'static str,
    /// The same for one file: "{files} could not be read in full".
    pub unreadable_file: &'static str,
    /// "Reading {done} of {total} files".
    pub loading: &'static str,
    pub load_failed: &'static str,
    pub too_small: &'static str,
    // Read marks, bookmarks, saved state.
    pub bookmarks_title: &'static str,
    pub no_bookmarks: &'static str,
    pub bookmark_missing: &'static str,
    pub bookmarked: &'static str,
    pub unbookmarked: &'static str,
    pub marked_unread: &'static str,
    pub all_read: &'static str,
    pub no_article: &'static str,
    pub unread: &'static str,
    pub help_bookmarks: &'static str,
    pub save_failed: &'static str,
    pub recalled: &'static str,
    // Agenda and month view.
    /// Marks a meeting found in an article's text (not a calendar).
    pub from_article: &'static str,
    /// "Announced in" before the issue (and article) of a meeting.
    pub announced_in: &'static str,
    pub date_prompt: &'static str,
    /// "{q} is not a date".
    pub bad_date: &'static str,
    pub no_meetings_day: &'static str,
    /// Weekday columns of the month view, Monday first.
    pub month_weekdays: &'static str,
    // Watching the issues folder: "{n}" is the count.
    pub issue_added: &'static str,
    pub issues_added: &'static str,
    pub issue_changed: &'static str,
    pub issues_changed: &'static str,
    pub issue_removed: &'static str,
    pub issues_removed: &'static str,
    /// The issue shown was removed: "{issue}" names its file.
    pub shown_removed: &'static str,
    pub watch_failed: &'static str,
    // Copy and catch-up.
    /// "Copied: {text}".
    pub copied: &'static str,
    pub copy_off: &'static str,
    pub nothing_to_copy: &'static str,
    /// "Mark every article of {issue} read? (y/n)".
    pub confirm_issue_read: &'static str,
    /// "Mark all {n} unread articles read? (y/n)".
    pub confirm_all_read: &'static str,
    /// "{n} articles marked read".
    pub marked_read: &'static str,
    pub cancelled: &'static str,
    pub no_issue: &'static str,
    pub marked_read_one: &'static str,
    pub new_since_one: &'static str,
    /// "{n} new since last time".
    pub new_since: &'static str,
    /// The marker of an issue new since the last visit.
    pub new_marker: &'static str,
}

const READER_SV: ReaderWords = ReaderWords {
    lang: Lang::Sv,
    iso: false,
    issues: "Nummer",
    topics: "Ämnen",
    article: "Artikel",
    meetings_from_long: "Kommande möten från",
    meetings_from: "Möten från",
    meetings_from_short: "Från",
    jump_title: "Hoppa till",
    search_title: "Sök i texten",
    searching: "söker …",
    find_prompt: "Sök i artikeln: ",
    find_none: "ingen träff i artikeln",
    find_step_hint: "nästa/föreg. träff",
    contacts_title: "Kontakter",
    help_title: "Hjälp – tangenter",
    newsletter: "Nyhetsbrev",
    document: "Dokument",
    undated: "utan datum",
    articles_count: "artiklar",
    meetings_count: "möten",
    contents: "Innehåll",
    no_issues: "Inga nummer hittades.",
    no_topics: "Inga ämnen.",
    nothing_open: "Välj ett nummer eller en artikel till vänster.",
    contact_heading: "Kontakt",
    mentioned_heading: "Nämns i artikeln",
    line_of: "av",
    nothing_upcoming: "Inga kommande möten från",
    newest_calendar: "Kalendern i det senaste numret (passerade datum nedtonade):",
    no_meetings: "Numren innehåller inga möten.",
    kind_article: "artikel",
    kind_person: "person",
    kind_meeting: "möte",
    kind_issue: "nummer",
    kind_topic: "ämne",
    no_hits: "Inga träffar.",
    hits: "träffar",
    filter: "Filter",
    col_name: "Namn",
    col_role: "Roll",
    col_org: "Organisation",
    col_email: "E-post",
    no_people: "Ingen person matchar.",
    roles: "Roller",
    orgs: "Organisation",
    emails: "E-post",
    contact_for: "Kontaktperson för",
    mentioned_in: "Nämns i",
    people_count: "personer",
    help_general: "Läsaren",
    help_jump: "Hoppa till",
    help_contacts: "Kontakter",
    help_card: "Kontaktkort",
    help_help: "Hjälpen",
    help_mouse: "Mushjulet rullar panelen under pekaren.",
    help_typing: "Bokstäver skrivs in i sökraden.",
    embedded: "inbyggda nummer",
    unreadable_files: "{n} filer kunde inte läsas helt: {files} – se nyhetsbrev check",
    unreadable_file: "{files} kunde inte läsas helt – se nyhetsbrev check",
    loading: "läser in {done} av {total} filer",
    load_failed: "resten av numren kunde inte läsas in – se nyhetsbrev check",
    too_small: "Fönstret är för litet – minst",
    bookmarks_title: "Bokmärken",
    no_bookmarks: "Inga bokmärken ännu – b i en artikel sparar den här.",
    bookmark_missing: "finns inte i de här numren",
    bookmarked: "Bokmärke sparat",
    unbookmarked: "Bokmärke borttaget",
    marked_unread: "Markerad som oläst",
    all_read: "Inga olästa artiklar kvar",
    no_article: "Ingen artikel vald",
    unread: "olästa",
    help_bookmarks: "Bokmärken",
    save_failed: "Kunde inte spara läsläget",
    recalled: "förra sökningen – skriv för en ny",
    from_article: "ur artikeltext",
    announced_in: "Nämns i",
    date_prompt: "Gå till datum (2025-10-14, 14/10, 14 okt): ",
    bad_date: "”{q}” är inget datum – skriv t.ex. 2025-10-14, 14/10 eller 14 okt",
    no_meetings_day: "Inga möten den här dagen.",
    month_weekdays: " må ti on to fr lö sö",
    issue_added: "1 nytt nummer",
    issues_added: "{n} nya nummer",
    issue_changed: "1 nummer ändrat",
    issues_changed: "{n} nummer ändrade",
    issue_removed: "1 nummer borttaget",
    issues_removed: "{n} nummer borttagna",
    shown_removed: "Numret du läste har tagits bort ur mappen: {issue}",
    watch_failed: "mappen bevakas inte – nya nummer syns först när läsaren startas om",
    copied: "Kopierat: {text}",
    copy_off: "Kopiering är avstängd (clipboard i config.ron)",
    nothing_to_copy: "Inget att kopiera här",
    confirm_issue_read: "Markera alla artiklar i {issue} som lästa? (j/n)",
    confirm_all_read: "Markera alla {n} olästa artiklar som lästa? (j/n)",
    marked_read: "{n} artiklar markerade som lästa",
    marked_read_one: "1 artikel markerad som läst",
    new_since_one: "1 nytt sedan sist",
    cancelled: "Avbrutet",
    no_issue: "Inget nummer valt",
    new_since: "{n} nya sedan sist",
    new_marker: "ny",
};

const READER_EN: ReaderWords = ReaderWords {
    lang: Lang::En,
    iso: false,
    issues: "Issues",
    topics: "Topics",
    article: "Article",
    meetings_from_long: "Upcoming meetings from",
    meetings_from: "Meetings from",
    meetings_from_short: "From",
    jump_title: "Jump to",
    search_title: "Search the text",
    searching: "searching …",
    find_prompt: "Find in the article: ",
    find_none: "no match in the article",
    find_step_hint: "next/prev match",
    contacts_title: "Contacts",
    help_title: "Help – keys",
    newsletter: "Newsletter",
    document: "Document",
    undated: "undated",
    articles_count: "articles",
    meetings_count: "meetings",
    contents: "Contents",
    no_issues: "No issues found.",
    no_topics: "No topics.",
    nothing_open: "Choose an issue or an article on the left.",
    contact_heading: "Contact",
    mentioned_heading: "Mentioned in the article",
    line_of: "of",
    nothing_upcoming: "No upcoming meetings from",
    newest_calendar: "The newest issue's calendar (past dates dimmed):",
    no_meetings: "The issues list no meetings.",
    kind_article: "article",
    kind_person: "person",
    kind_meeting: "meeting",
    kind_issue: "issue",
    kind_topic: "topic",
    no_hits: "No matches.",
    hits: "matches",
    filter: "Filter",
    col_name: "Name",
    col_role: "Role",
    col_org: "Organisation",
    col_email: "E-mail",
    no_people: "Nobody matches.",
    roles: "Roles",
    orgs: "Organisation",
    emails: "E-mail",
    contact_for: "Contact for",
    mentioned_in: "Mentioned in",
    people_count: "people",
    help_general: "Reader",
    help_jump: "Jump to",
    help_contacts: "Contacts",
    help_card: "Contact card",
    help_help: "Help",
    help_mouse: "The mouse wheel scrolls the pane under the pointer.",
    help_typing: "Letters go into the query line.",
    embedded: "bundled issues",
    unreadable_files: "{n} files could not be read in full: {files} – see nyhetsbrev check",
    unreadable_file: "{files} could not be read in full – see nyhetsbrev check",
    loading: "reading {done} of {total} files",
    load_failed: "the rest of the issues could not be loaded – see nyhetsbrev check",
    too_small: "Window too small – at least",
    bookmarks_title: "Bookmarks",
    no_bookmarks: "No bookmarks yet – b in an article keeps it here.",
    bookmark_missing: "not in these issues",
    bookmarked: "Bookmarked",
    unbookmarked: "Bookmark removed",
    marked_unread: "Marked unread",
    all_read: "No unread articles left",
    no_article: "No article selected",
    unread: "unread",
    help_bookmarks: "Bookmarks",
    save_failed: "Could not save the reading state",
    recalled: "last search – type for a new one",
    from_article: "from article text",
    announced_in: "Announced in",
    date_prompt: "Go to date (2025-10-14, 14/10, 14 Oct): ",
    bad_date: "“{q}” is not a date – type e.g. 2025-10-14, 14/10 or 14 Oct",
    no_meetings_day: "No meetings this day.",
    month_weekdays: " Mo Tu We Th Fr Sa Su",
    issue_added: "1 new issue",
    issues_added: "{n} new issues",
    issue_changed: "1 issue changed",
    issues_changed: "{n} issues changed",
    issue_removed: "1 issue removed",
    issues_removed: "{n} issues removed",
    shown_removed: "The issue you were reading was removed from the folder: {issue}",
    watch_failed: "the folder is not watched – new issues show after a restart",
    copied: "Copied: {text}",
    copy_off: "Copying is off (clipboard in config.ron)",
    nothing_to_copy: "Nothing to copy here",
    confirm_issue_read: "Mark every article of {issue} read? (y/n)",
    confirm_all_read: "Mark all {n} unread articles read? (y/n)",
    marked_read: "{n} articles marked read",
    marked_read_one: "1 article marked read",
    new_since_one: "1 new since last time",
    cancelled: "Cancelled",
    no_issue: "No issue selected",
    new_since: "{n} new since last time",
    new_marker: "new",
};

const READER_SV_ISO: ReaderWords = ReaderWords {
    iso: true,
    ..READER_SV
};
const READER_EN_ISO: ReaderWords = ReaderWords {
    iso: true,
    ..READER_EN
};

/// The reader's words for a language.
pub fn reader_words(lang: Lang) -> &'static ReaderWords {
    reader_words_with(lang, DateStyle::Human)
}

/// The reader's words for a language and a date style.
pub fn reader_words_with(lang: Lang, dates: DateStyle) -> &'static ReaderWords {
    match (lang, dates) {
        (Lang::Sv, DateStyle::Human) => &READER_SV,
        (Lang::En, DateStyle::Human) => &READER_EN,
        (Lang::Sv, DateStyle::Iso) => &READER_SV_ISO,
        (Lang::En, DateStyle::Iso) => &READER_EN_ISO,
    }
}

impl ReaderWords {
    /// A count with thousands grouped: "19 976" (Swedish, with a no-break
    /// space) or "19,976".
    pub fn number(&self, n: usize) -> String {
        group_digits(self.lang, n)
    }

    /// `one` when `n` is 1, else `many` with "{n}" as the grouped number.
    pub fn count(&self, n: usize, one: &str, many: &str) -> String {
        if n == 1 {
            one.to_string()
        } else {
            many.replace("{n}", &self.number(n))
        }
    }

    /// A date like "3 okt 2025" / "3 Oct 2025".
    pub fn date(&self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        if self.iso {
            return d.format("%Y-%m-%d").to_string();
        }
        format!("{} {} {}", d.day(), self.month_abbr(d.month0()), d.year())
    }

    /// An issue's date as precisely as it is known: "3 okt 2025",
    /// "okt 2025" or "2023".
    pub fn issue_date(&self, issue: &crate::corpus::Issue) -> Option<String> {
        use chrono::Datelike;
        let d = issue.date?;
        Some(match issue.date_precision {
            crate::corpus::DatePrecision::Day => self.date(d),
            crate::corpus::DatePrecision::Month => {
                format!("{} {}", self.month_abbr(d.month0()), d.year())
            }
            crate::corpus::DatePrecision::Year => d.year().to_string(),
        })
    }

    /// A date without the year: "3 okt".
    pub fn day_month(&self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        if self.iso {
            return d.format("%m-%d").to_string();
        }
        format!("{} {}", d.day(), self.month_abbr(d.month0()))
    }

    /// "oktober 2025" / "October 2025".
    pub fn month_year(&self, d: chrono::NaiveDate) -> String {
        use chrono::Datelike;
        let m = d.month0() as usize % 12;
        let name = match self.lang {
            Lang::Sv => MONTH_FULL_SV[m],
            Lang::En => MONTH_FULL_EN[m],
        };
        format!("{} {}", name, d.year())
    }

    /// "fre" / "Fri".
    pub fn weekday(&self, d: chrono::NaiveDate) -> &'static str {
        use chrono::Datelike;
        let i = d.weekday().num_days_from_monday() as usize % 7;
        match self.lang {
            Lang::Sv => WEEKDAY_SV[i],
            Lang::En => WEEKDAY_EN[i],
        }
    }

    fn month_abbr(&self, m0: u32) -> &'static str {
        let m = m0 as usize % 12;
        match self.lang {
            Lang::Sv => MONTH_ABBR_SV[m],
            Lang::En => MONTH_ABBR_EN[m],
        }
    }

    /// What an action does, for the help overlay and the status-bar hints.
    /// `short` gives the one-word form used in the status bar.
    pub fn action(&self, name: &str, short: bool) -> &'static str {
        let Some((_, [sv, sv_short, en, en_short])) = ACTION_WORDS.iter().find(|(n, _)| *n == name)
        else {
            return "";
        };
        match (self.lang, short) {
            (Lang::Sv, false) => sv,
            (Lang::Sv, true) => sv_short,
            (Lang::En, false) => en,
            (Lang::En, true) => en_short,
        }
    }
}

/// What each action does, by its config name: the help overlay's words
/// and the status bar's one-word form, Swedish then English.
#[rustfmt::skip]
const ACTION_WORDS: &[(&str, [&str; 4])] = &[
    ("move", ["Flytta", "flytta", "Move", "move"]),
    ("up", ["Upp / föregående", "upp", "Up / previous", "up"]),
    ("down", ["Ned / nästa", "ned", "Down / next", "down"]),
    ("open", ["Öppna eller fäll ut", "öppna", "Open or expand", "open"]),
    ("back", ["Fäll ihop eller gå tillbaka", "tillbaka", "Collapse or go back", "back"]),
    ("next_pane", ["Nästa panel", "panel", "Next pane", "pane"]),
    ("prev_pane", ["Föregående panel", "panel", "Previous pane", "pane"]),
    ("page_down", ["Bläddra artikeln nedåt", "bläddra", "Scroll the article down", "page"]),
    ("page_up", ["Bläddra artikeln uppåt", "bläddra", "Scroll the article up", "page"]),
    ("page_down_list", ["Bläddra listan nedåt", "bläddra", "Page down the list", "page"]),
    ("page_up_list", ["Bläddra listan uppåt", "bläddra", "Page up the list", "page"]),
    ("page_down_help", ["Bläddra hjälpen nedåt", "bläddra", "Page down the help", "page"]),
    ("page_up_help", ["Bläddra hjälpen uppåt", "bläddra", "Page up the help", "page"]),
    ("top", ["Till början", "början", "To the top", "top"]),
    ("bottom", ["Till slutet", "slutet", "To the bottom", "bottom"]),
    ("toggle_topics", ["Nummer ⇄ ämnesträd", "ämnen", "Issues ⇄ topic tree", "topics"]),
    ("jump", ["Hoppa till (sök)", "sök", "Jump to (search)", "jump"]),
    ("find", ["Sök i artikeln (n/N nästa/föregående)", "sök i art.", "Find in the article (n/N next/previous)", "find"]),
    ("search", ["Sök i artiklarnas text", "text", "Search the articles' text", "search"]),
    ("contacts", ["Kontakter", "kontakter", "Contacts", "contacts"]),
    ("help", ["Hjälp (den här rutan)", "hjälp", "Help (this box)", "help"]),
    ("close", ["Stäng rutan", "stäng", "Close the box", "close"]),
    ("quit", ["Avsluta", "avsluta", "Quit", "quit"]),
    ("redraw", ["Rita om skärmen", "rita om", "Redraw the screen", "redraw"]),
    ("suspend", ["Pausa (tillbaka till skalet)", "pausa", "Suspend (back to the shell)", "suspend"]),
    ("delete_char", ["Radera ett tecken", "radera", "Delete a character", "delete"]),
    ("delete_word", ["Radera ett ord", "radera ord", "Delete a word", "delete word"]),
    ("clear_input", ["Töm sökraden", "töm", "Clear the query", "clear"]),
    ("next_unread", ["Nästa olästa artikel", "oläst", "Next unread article", "unread"]),
    ("toggle_bookmark", ["Bokmärke på/av", "bokmärk", "Bookmark on/off", "bookmark"]),
    ("bookmarks", ["Visa bokmärken", "bokmärken", "List bookmarks", "bookmarks"]),
    ("mark_unread", ["Markera som oläst", "oläst", "Mark as unread", "unread"]),
    ("today", ["Möten: till idag", "idag", "Meetings: go to today", "today"]),
    ("next_week", ["Möten: nästa vecka", "nästa v.", "Meetings: next week", "next week"]),
    ("prev_week", ["Möten: föregående vecka", "förra v.", "Meetings: previous week", "prev week"]),
    ("go_to_date", ["Möten: gå till datum", "datum", "Meetings: go to a date", "date"]),
    ("toggle_month", ["Möten: lista ⇄ månad", "månad", "Meetings: agenda ⇄ month", "month"]),
    ("copy", ["Kopiera (e-post, titel, möte)", "kopiera", "Copy (e-mail, title, meeting)", "copy"]),
    ("mark_issue_read", ["Markera numret som läst", "läst", "Mark the issue read", "read"]),
    ("mark_all_read", ["Markera allt som läst", "allt läst", "Mark everything read", "all read"]),
    ("open_link", ["Öppna en länk (nummer)", "länk", "Open a link (by number)", "link"]),
    ("export_meeting", ["Möten: till kalendern (.ics)", "kalender", "Meetings: to calendar (.ics)", "calendar"]),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_are_grouped_by_thousands_as_each_language_writes_them() {
        let sv = reader_words(Lang::Sv);
        let en = reader_words(Lang::En);
        assert_eq!(sv.number(7), "7");
        assert_eq!(sv.number(999), "999");
        assert_eq!(sv.number(19_976), "19\u{a0}976");
        assert_eq!(en.number(1_234_567), "1,234,567");
    }
}

// ───────────────────────────── Command line ─────────────────────────────
// Usage errors (src/cli.rs) and messages about the issues folder.

/// Fill `{name}` placeholders of a message.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = template.to_string();
    for (k, v) in values {
        out = out.replace(&format!("{{{k}}}"), v);
    }
    out
}

/// Words for bad command lines. Placeholders in braces.
pub struct ArgWords {
    pub error: &'static str,
    pub usage: &'static str,
    /// "For more information, try '{help}'."
    pub more_help: &'static str,
    /// "invalid value '{value}' for '{arg}'"
    pub invalid_value: &'static str,
    /// "; possible values: {values}"
    pub valid_values: &'static str,
    /// "unexpected argument '{arg}'"
    pub unknown_argument: &'static str,
    /// "unrecognized subcommand '{name}'"
    pub unknown_subcommand: &'static str,
    /// "required argument missing: {arg}"
    pub missing_argument: &'static str,
    pub missing_subcommand: &'static str,
    /// "'{arg}' cannot be used with '{other}'"
    pub conflict: &'static str,
    /// "wrong number of values for '{arg}'"
    pub wrong_values: &'static str,
    pub not_utf8: &'static str,
    /// " (did you mean '{name}'?)"
    pub did_you_mean: &'static str,
    /// "'{value}' is not a date of the form YYYY-MM-DD"
    pub not_a_date: &'static str,
    /// "'{value}' is not a whole number"
    pub not_a_number: &'static str,
    /// "{value} is too small: at least {least}"
    pub below: &'static str,
    /// "cannot read the issues folder {dir}: {reason}"
    pub unreadable_folder: &'static str,
    pub not_found: &'static str,
    pub not_a_folder: &'static str,
    pub no_permission: &'static str,
    /// "Nobody who matches {query} has an e-mail address" (`--format mutt`).
    pub no_address: &'static str,
    pub no_address_at_all: &'static str,
}

const ARGS_SV: ArgWords = ArgWords {
    error: "fel",
    usage: "Användning",
    more_help: "Mer hjälp: '{help}'.",
    invalid_value: "ogiltigt värde '{value}' för '{arg}'",
    valid_values: "; möjliga värden: {values}",
    unknown_argument: "okänt argument '{arg}'",
    unknown_subcommand: "okänt underkommando '{name}'",
    missing_argument: "argument saknas: {arg}",
    missing_subcommand: "ett underkommando saknas",
    conflict: "'{arg}' kan inte användas tillsammans med '{other}'",
    wrong_values: "fel antal värden för '{arg}'",
    not_utf8: "argumenten är inte giltig UTF-8",
    did_you_mean: " (menade du '{name}'?)",
    not_a_date: "'{value}' är inget datum på formen ÅÅÅÅ-MM-DD",
    not_a_number: "'{value}' är inget heltal",
    below: "{value} är för litet: minst {least}",
    unreadable_folder: "kan inte läsa nummermappen {dir}: {reason}",
    not_found: "den finns inte",
    not_a_folder: "det är ingen mapp",
    no_permission: "behörighet saknas",
    no_address: "Ingen som matchar {query} har en e-postadress",
    no_address_at_all: "Ingen person har en e-postadress",
};

const ARGS_EN: ArgWords = ArgWords {
    error: "error",
    usage: "Usage",
    more_help: "For more information, try '{help}'.",
    invalid_value: "invalid value '{value}' for '{arg}'",
    valid_values: "; possible values: {values}",
    unknown_argument: "unexpected argument '{arg}'",
    unknown_subcommand: "unrecognized subcommand '{name}'",
    missing_argument: "required argument missing: {arg}",
    missing_subcommand: "a subcommand is missing",
    conflict: "'{arg}' cannot be used with '{other}'",
    wrong_values: "wrong number of values for '{arg}'",
    not_utf8: "the arguments are not valid UTF-8",
    did_you_mean: " (did you mean '{name}'?)",
    not_a_date: "'{value}' is not a date of the form YYYY-MM-DD",
    not_a_number: "'{value}' is not a whole number",
    below: "{value} is too small: at least {least}",
    unreadable_folder: "cannot read the issues folder {dir}: {reason}",
    not_found: "it does not exist",
    not_a_folder: "it is not a folder",
    no_permission: "permission denied",
    no_address: "Nobody who matches {query} has an e-mail address",
    no_address_at_all: "Nobody has an e-mail address",
};

pub fn arg_words(lang: Lang) -> &'static ArgWords {
    match lang {
        Lang::Sv => &ARGS_SV,
        Lang::En => &ARGS_EN,
    }
}

/// `n` with the language's thousands separator: "9 610" (a no-break
/// space), "9,610".
pub fn group_digits(lang: Lang, n: usize) -> String {
    let sep = match lang {
        Lang::Sv => '\u{a0}',
        Lang::En => ',',
    };
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// "1 träff", "9 610 träffar" / "1 match", "9,610 matches": a count of
/// hits with the right number and the language's thousands separator.
pub fn hit_count(lang: Lang, n: usize) -> String {
    let grouped = group_digits(lang, n);
    let word = match (lang, n) {
        (Lang::Sv, 1) => "träff",
        (Lang::Sv, _) => "träffar",
        (Lang::En, 1) => "match",
        (Lang::En, _) => "matches",
    };
    format!("{grouped} {word}")
}

/// The first line of `contacts --format mutt`: "2 personer matchar asa",
/// "1 person matchar asa", "Alla 40 personer" (and in English).
pub fn people_count(lang: Lang, n: usize, query: Option<&str>) -> String {
    match (lang, query) {
        (Lang::Sv, Some(q)) if n == 1 => format!("1 person matchar {q}"),
        (Lang::Sv, Some(q)) => format!("{n} personer matchar {q}"),
        (Lang::Sv, None) if n == 1 => "1 person".to_string(),
        (Lang::Sv, None) => format!("Alla {n} personer"),
        (Lang::En, Some(q)) if n == 1 => format!("1 person matches {q}"),
        (Lang::En, Some(q)) => format!("{n} people match {q}"),
        (Lang::En, None) if n == 1 => "1 person".to_string(),
        (Lang::En, None) => format!("All {n} people"),
    }
}

#[cfg(test)]
mod count_tests {
    use super::*;

    #[test]
    fn one_hit_is_singular_and_thousands_are_grouped() {
        assert_eq!(hit_count(Lang::Sv, 1), "1 träff");
        assert_eq!(hit_count(Lang::Sv, 2), "2 träffar");
        assert_eq!(hit_count(Lang::Sv, 0), "0 träffar");
        assert_eq!(hit_count(Lang::Sv, 9610), "9\u{a0}610 träffar");
        assert_eq!(hit_count(Lang::En, 1), "1 match");
        assert_eq!(hit_count(Lang::En, 1234567), "1,234,567 matches");
        assert_eq!(hit_count(Lang::En, 999), "999 matches");
    }

    #[test]
    fn reader_counts_are_singular_for_one() {
        let sv = reader_words(Lang::Sv);
        let en = reader_words(Lang::En);
        let cases = [
            (
                sv,
                1,
                sv.marked_read_one,
                sv.marked_read,
                "1 artikel markerad som läst",
            ),
            (
                sv,
                2,
                sv.marked_read_one,
                sv.marked_read,
                "2 artiklar markerade som lästa",
            ),
            (sv, 1, sv.new_since_one, sv.new_since, "1 nytt sedan sist"),
            (
                sv,
                1500,
                sv.new_since_one,
                sv.new_since,
                "1\u{a0}500 nya sedan sist",
            ),
            (
                en,
                1,
                en.marked_read_one,
                en.marked_read,
                "1 article marked read",
            ),
            (
                en,
                3,
                en.new_since_one,
                en.new_since,
                "3 new since last time",
            ),
        ];
        for (w, n, one, many, want) in cases {
            assert_eq!(w.count(n, one, many), want);
        }
    }
}

// ───────────────────────── Links and calendar export ─────────────────────────

/// The reader's words for links (`o`) and for a meeting exported as a
/// calendar file (`e`). `{…}` are filled in with [`fill`].
pub struct LinkWords {
    /// Heading of the numbered URLs at the end of an article.
    pub heading: &'static str,
    /// The number prompt: "{range}" is "1–12", "{typed}" the digits.
    pub prompt: &'static str,
    pub no_article: &'static str,
    pub no_links: &'static str,
    /// "{n}": the number typed.
    pub no_such_link: &'static str,
    /// "{url}", "{program}".
    pub opening: &'static str,
    /// "{url}": shown so it can be copied by hand.
    pub no_opener: &'static str,
    /// "{url}", "{reason}".
    pub open_failed: &'static str,
    pub no_meeting: &'static str,
    /// "{path}", "{program}".
    pub meeting_opened: &'static str,
    /// "{path}": no program to open it with.
    pub meeting_saved: &'static str,
    /// "{path}", "{reason}": saved, but the opener failed.
    pub meeting_open_failed: &'static str,
    /// "{reason}".
    pub meeting_failed: &'static str,
}

const LINKS_SV: LinkWords = LinkWords {
    heading: "Länkar",
    prompt: "Öppna länk nr ({range}), Enter öppnar, Esc avbryter: {typed}",
    no_article: "Öppna en artikel först",
    no_links: "Artikeln har inga länkar",
    no_such_link: "Ingen länk nr {n}",
    opening: "Öppnar med {program}: {url}",
    no_opener: "Inget program att öppna med (sätt BROWSER): {url}",
    open_failed: "Kunde inte öppna {url}: {reason}",
    no_meeting: "Välj ett möte i mötespanelen först",
    meeting_opened: "Öppnar med {program}: mötet sparat i {path}",
    meeting_saved: "Mötet sparat i {path}",
    meeting_open_failed: "Mötet sparat i {path}; kunde inte öppna: {reason}",
    meeting_failed: "Kunde inte spara mötet: {reason}",
};

const LINKS_EN: LinkWords = LinkWords {
    heading: "Links",
    prompt: "Open link number ({range}), Enter opens, Esc cancels: {typed}",
    no_article: "Open an article first",
    no_links: "This article has no links",
    no_such_link: "No link number {n}",
    opening: "Opening with {program}: {url}",
    no_opener: "No program to open it with (set BROWSER): {url}",
    open_failed: "Could not open {url}: {reason}",
    no_meeting: "Select a meeting in the meetings pane first",
    meeting_opened: "Opening with {program}: meeting saved to {path}",
    meeting_saved: "Meeting saved to {path}",
    meeting_open_failed: "Meeting saved to {path}; could not open it: {reason}",
    meeting_failed: "Could not save the meeting: {reason}",
};

pub fn link_words(lang: Lang) -> &'static LinkWords {
    match lang {
        Lang::Sv => &LINKS_SV,
        Lang::En => &LINKS_EN,
    }
}
