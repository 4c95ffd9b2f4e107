//! Stage 2, line forms: every kind of line the parser recognises, each
//! defined once, by a pattern or a function named for it. A new line form
//! (a dateline style, a contact phrase, a calendar heading) is added here —
//! to its pattern, or as a new [`Kind`] with its test in [`classify`].

use std::sync::LazyLock;

use chrono::NaiveDate;
use regex::Regex;

use crate::calendar;
use crate::people;

// ---------------------------------------------------------------------------
// Line classification
// ---------------------------------------------------------------------------

pub(super) static LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:→\s*)?(?:läs\s+(?:mer|hela|en|programmet|artikeln|rapporten|om|intervjun|protokollet|sammanfattningen|texten|nyheten|inbjudan|pressmeddelandet)|se\s+(?:hela|alla|filmen|mer|programmet|inspelningen)|anmäl\s+dig|anmälan\s+(?:görs|sker|här)|titta\s+på|lyssna\s+på|ladda\s+ner|här\s+kan\s+du\s+(?:läsa|anmäla|se|ta\s+del|hitta)|mer\s+information\s+(?:finns|hittar)|till\s+anmälan|gå\s+till|besök\s+(?:oss|vår|webbplatsen))").expect("valid regex")
});
/// A bare contact heading: "Kontakt", "Kontaktpersoner", "Mer information".
pub(super) static CONTACT_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:kontakt|kontakter|kontaktperson|kontaktpersoner|kontakta\s+oss|mer\s+information|frågor\s+besvaras\s+av|frågor\?|har\s+du\s+frågor\?)\s*:?$").expect("valid regex")
});
pub(super) static EMAIL_OR_PHONE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"@|^(?:tel|telefon|tfn|mobil)?\.?:?\s*[+\d][\d\s-]{6,}$").expect("valid regex")
});
pub(super) static CONTACT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:vid\s+frågor|frågor\?|har\s+du\s+(?:frågor|funderingar|synpunkter)|kontakta\b|kontaktperson|kontakt\s*:|för\s+(?:mer\s+information|frågor|övriga\s+frågor)|mer\s+information\s*:)").expect("valid regex")
});
pub(super) static CAPTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:^|[\s(.])(?:foto|bild|fotograf|illustration|grafik)\s*:|^(?:kampanjbild|pressbild|bild\s+från|på\s+bilden|bilden\s+visar)\b").expect("valid regex")
});
pub(super) static FOOTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:redaktion|redaktör|ansvarig\s+utgivare|avsändare|prenumerera|avregistrera|du\s+får\s+(?:det\s+här|detta)|vill\s+du\s+inte\s+längre|(?:post|besöks|leverans)adress\b|org(?:anisations)?\.?\s*nr|box\s+\d+\s*(?:,|$)|\d{3}\s?\d{2}\s+\p{Lu}\p{Ll}+(?:\s+\p{Lu}\p{Ll}+)?$)").expect("valid regex")
});
pub(super) static TOC_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:ur\s+innehållet|innehåll|i\s+detta\s+nummer|i\s+det\s+här\s+numret|i\s+numret)\s*:?$").expect("valid regex")
});
pub(super) static CAL_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:på\s+gång\b.*|kalendarium|kalender|kalendern|kommande\b.*|aktuella\s+(?:möten|evenemang|aktiviteter)|datum\s+att\s+notera|save\s+the\s+date|händer\s+framöver)\s*:?$").expect("valid regex")
});
pub(super) static BOARD_TITLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?i)^(?:sammanfattning\s+(?:från|av)\s+|från\s+|nytt\s+från\s+)?styrelse(?:mötet|ns\s+möte|möte)\s+(?:den\s+)?(?P<d>\d{{1,2}})\s+(?P<m>{})",
        &*crate::text::MONTH_ALT
    ))
    .expect("valid regex")
});
pub(super) static MASTHEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)senaste\s+nytt|nyhetsbrev|newsletter|nytt\s+från").expect("valid regex")
});
/// The words that may open a web page's date line: "Publicerad: …".
pub(super) static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:publicerad|publicerat|uppdaterad|senast\s+uppdaterad|published|updated|posted|datum)\s*:?\s*(?P<v>.+)$").expect("valid regex")
});
/// A whole date with its year, as web pages write it: "1 oktober 2025",
/// "3 juni, 2022", "Mar 9, 2023 10:15 CET", "2018-01-24", "den 4 november
/// 2021 kl. 09.30" (a time and a time zone may follow).
static FULL_DATE: LazyLock<Regex> = LazyLock::new(|| {
    let months = &*crate::text::MONTH_ANY_ALT;
    let time = r"(?:,?\s*(?:kl\.?|klockan|at)?\s*\d{1,2}[:.]\d{2}(?:[:.]\d{2})?(?:\s*[ap]\.?m\.?)?)?(?:\s*\(?[A-Z]{2,5}\)?)?";
    Regex::new(&format!(
        r"(?i)^(?:(?P<iy>\d{{4}})-(?P<im>\d{{2}})-(?P<id>\d{{2}})(?:T\S*)?|(?:\p{{L}}+dag(?:en)?,?\s+)?(?:den\s+)?(?P<d1>\d{{1,2}})\.?\s+(?P<m1>{months})\.?,?\s+(?P<y1>\d{{4}})|(?P<m2>{months})\.?\s+(?P<d2>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y2>\d{{4}})){time}$"
    ))
    .expect("valid regex")
});
/// What separates a date from the category beside it on a web page's date
/// line: "Styrelse / 1 oktober 2025", "2018-01-24 | Nyhet".
static DATELINE_PARTS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s*[/|·•]\s*|\s+[–—-]\s+").expect("valid regex"));
pub(super) static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?P<k>datum|date|skickat|sent|typ|kind|titel|title|ämne|subject|från|from|till|to|kopia|cc|svara\s+till|reply-to)\s*:\s*(?P<v>.+)$")
        .expect("valid regex")
});
pub(super) static INTERVIEW: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^intervju(?:\s+med\b|\s*:)").expect("valid regex"));
pub(super) static TRAILING_LINK: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?P<body>.*[.!?”])\s+(?P<link>(?:Läs (?:mer|hela)|Här kan du läsa|Anmäl dig|Se hela)[^.!?]*[.!?]?)$").expect("valid regex")
});

/// What a line (or paragraph) is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Kind {
    Body,
    Bullet,
    Link,
    Contact,
    Caption,
    /// Only a person's name (a signature line).
    NameOnly,
    /// ALL CAPS or "intervju med …": a section label (or, in documents, a
    /// sub-heading).
    Label,
    Event,
    Footer,
    Toc,
    Calendar,
}

pub(super) fn is_abbreviation_end(s: &str) -> bool {
    let last = s.rsplit(' ').next().unwrap_or("").to_lowercase();
    [
        "t.ex.", "bl.a.", "m.m.", "s.k.", "kl.", "ca.", "t.o.m.", "fr.o.m.", "resp.", "osv.",
        "dvs.", "jfr.", "nr.", "inkl.", "exkl.", "tf.", "mfl.", "m.fl.", "p.g.a.", "bl.", "st.",
    ]
    .contains(&last.as_str())
}

/// Does the text end a sentence (., !, ?, possibly inside quotes)?
pub(super) fn ends_sentence(s: &str) -> bool {
    let t = s.trim_end_matches(|c: char| c.is_whitespace() || "”\"»’')".contains(c));
    (t.ends_with('.') || t.ends_with('!') || t.ends_with('?')) && !is_abbreviation_end(t)
}

pub(super) fn ends_with_any(s: &str, chars: &str) -> bool {
    s.trim_end()
        .chars()
        .next_back()
        .is_some_and(|c| chars.contains(c))
}

pub(super) const FUNCTION_WORDS: &[&str] = &[
    "och", "eller", "samt", "men", "att", "som", "i", "på", "av", "för", "till", "från", "med",
    "om", "vid", "inom", "mellan", "under", "över", "efter", "genom", "utan", "mot", "hos",
    "kring", "inför", "enligt", "en", "ett", "den", "det", "de", "dem", "denna", "detta", "dessa",
    "vi", "du", "jag", "ni", "han", "hon", "man", "är", "var", "har", "hade", "kan", "ska",
    "skall", "måste", "kommer", "blir", "vill", "får", "sin", "sitt", "sina", "hans", "hennes",
    "deras", "vår", "vårt", "våra", "er", "ert", "era", "hur", "vad", "när", "där", "så", "också",
    "även", "inte", "både", "alla", "andra", "olika", "flera", "många", "mer", "mest", "the",
    "and", "of",
];

pub(super) fn ends_with_function_word(s: &str) -> bool {
    let last = s
        .trim_end()
        .rsplit(|c: char| c.is_whitespace())
        .next()
        .unwrap_or("")
        .to_lowercase();
    FUNCTION_WORDS.contains(&last.as_str())
}

pub(super) fn first_word(s: &str) -> &str {
    s.split_whitespace().next().unwrap_or("")
}

pub(super) fn starts_lower(s: &str) -> bool {
    s.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

pub(super) fn is_dialogue(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with("– ") || t.starts_with("- ") || t.starts_with("— ") || t.starts_with("–\u{a0}")
}

pub(super) fn word_count(s: &str) -> usize {
    s.split_whitespace().count()
}

pub(super) fn upper_share(s: &str) -> (usize, usize) {
    let letters: Vec<char> = s.chars().filter(|c| c.is_alphabetic()).collect();
    (
        letters.iter().filter(|c| c.is_uppercase()).count(),
        letters.len(),
    )
}

pub(super) fn is_caps_label(s: &str) -> bool {
    // The word count first, without counting past it: a long text is never
    // a label, and is not scanned.
    if s.split_whitespace().nth(10).is_some() {
        return false;
    }
    let (up, n) = upper_share(s);
    n >= 3 && up * 10 >= n * 7 && !ends_sentence(s)
}

pub(super) fn classify(text: &str) -> Kind {
    let t = text.trim();
    // More than 1,000 bytes is more than 250 chars: not counted.
    let len = if t.len() > 1000 {
        t.len()
    } else {
        t.chars().count()
    };
    // Structural lines are short; a long line is body text, whatever it
    // starts with (and huge lines skip the pattern tests entirely).
    if len > 250 {
        return if calendar::is_bullet(t) {
            Kind::Bullet
        } else {
            Kind::Body
        };
    }
    if calendar::event_field(t).is_some() {
        return Kind::Event;
    }
    if FOOTER.is_match(t) {
        return Kind::Footer;
    }
    if TOC_HEAD.is_match(t) {
        return Kind::Toc;
    }
    if word_count(t) <= 6 && CAL_HEAD.is_match(t) {
        return Kind::Calendar;
    }
    if calendar::is_bullet(t) {
        return Kind::Bullet;
    }
    if CONTACT.is_match(t) || CONTACT_HEAD.is_match(t) {
        return Kind::Contact;
    }
    if len <= 160 && LINK.is_match(t) {
        return Kind::Link;
    }
    if len <= 200 && (CAPTION.is_match(t) || people::is_name_list(t) || people::is_name_caption(t))
    {
        return Kind::Caption;
    }
    // A name alone on its line, perhaps with the comma of a signature
    // ("Karin Berg," / "förbundsdirektör").
    if len <= 80 && people::is_person_name(t.strip_suffix(',').unwrap_or(t)) {
        return Kind::NameOnly;
    }
    if is_caps_label(t) || (INTERVIEW.is_match(t) && word_count(t) <= 12 && !ends_sentence(t)) {
        return Kind::Label;
    }
    Kind::Body
}

// ---------------------------------------------------------------------------
// Lines and wrapping
// ---------------------------------------------------------------------------

/// A date as written in a header or dateline: ISO or "12 mars 2024".
pub(super) fn header_date(v: &str) -> Option<NaiveDate> {
    let v = v.trim();
    NaiveDate::parse_from_str(v.get(..10).unwrap_or(v), "%Y-%m-%d")
        .ok()
        .or_else(|| {
            chrono::DateTime::parse_from_rfc2822(v)
                .ok()
                .map(|d| d.date_naive())
        })
        .or_else(|| {
            let dm = calendar::parse_date(v)?;
            NaiveDate::from_ymd_opt(dm.year?, dm.month, dm.day)
        })
}

/// A whole date with its year and nothing else (a time may follow).
pub(super) fn full_date(s: &str) -> Option<NaiveDate> {
    let c = FULL_DATE.captures(s.trim())?;
    let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
    if let (Some(y), Some(m), Some(d)) = (num("iy"), num("im"), num("id")) {
        return NaiveDate::from_ymd_opt(y as i32, m, d);
    }
    let (d, m, y) = match c.name("m1") {
        Some(m) => (num("d1")?, m.as_str(), num("y1")?),
        None => (num("d2")?, c.name("m2")?.as_str(), num("y2")?),
    };
    NaiveDate::from_ymd_opt(y as i32, crate::text::month_number_any(m)?, d)
}

/// A web page's date line: "Publicerad: 3 juni, 2022", a date alone on its
/// line, or a date beside a short category ("Styrelse / 1 oktober 2025",
/// "Nyhet/press / 4 november 2021", "2018-01-24 | Nyhet"). Every part
/// besides the date must be a short label (at most three words, no
/// sentence), so a sentence that mentions a date is never a date line.
pub(super) fn web_dateline(line: &str) -> Option<NaiveDate> {
    let t = line.trim();
    if t.chars().count() > 80 {
        return None;
    }
    if let Some(c) = DATELINE.captures(t) {
        if let Some(d) = header_date(&c["v"]).or_else(|| full_date(&c["v"])) {
            return Some(d);
        }
    }
    let mut date = None;
    for part in DATELINE_PARTS.split(t) {
        if let Some(d) = full_date(part) {
            if date.is_some() {
                return None;
            }
            date = Some(d);
        } else if word_count(part) > 3 || ends_with_any(part, ".!?:;,") {
            return None;
        }
    }
    date
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> Option<NaiveDate> {
        NaiveDate::from_ymd_opt(y, m, day)
    }

    #[test]
    fn web_date_lines_in_their_many_forms() {
        assert_eq!(web_dateline("Nyheter / 12 februari 2024"), d(2024, 2, 12));
        assert_eq!(web_dateline("Press/nyhet / 30 april 2020"), d(2020, 4, 30));
        assert_eq!(web_dateline("2023-05-02 | Pressmeddelande"), d(2023, 5, 2));
        assert_eq!(web_dateline("2023-05-02"), d(2023, 5, 2));
        assert_eq!(web_dateline("Publicerad: 7 maj, 2021"), d(2021, 5, 7));
        assert_eq!(web_dateline("Publicerad 2024-03-12 14:05"), d(2024, 3, 12));
        assert_eq!(web_dateline("Apr 3, 2024 08:30 CEST"), d(2024, 4, 3));
        assert_eq!(
            web_dateline("Uppdaterad: tisdag 5 november 2019 kl. 09.30"),
            d(2019, 11, 5)
        );
    }

    #[test]
    fn a_sentence_or_a_date_without_a_year_is_not_a_date_line() {
        assert_eq!(web_dateline("Mötet hölls den 3 maj 2024 i Solna."), None);
        assert_eq!(web_dateline("Regional plan för 2030"), None);
        assert_eq!(web_dateline("Konferens / 12 maj"), None);
        assert_eq!(
            web_dateline("Anmälan till konferensen om skolan / 4 mars 2024"),
            None
        );
        assert_eq!(web_dateline("12 mars 2024 / 14 mars 2024"), None);
    }

    #[test]
    fn a_signature_name_with_a_comma_is_a_name_line() {
        assert_eq!(classify("Karin Berg,"), Kind::NameOnly);
        assert_eq!(classify("Karin Berg"), Kind::NameOnly);
    }
}
