//! Small text helpers shared by the parser, the lookups and the reader:
//! folding for matching (case, å/ä/ö, accents) with a map back to the
//! original characters, and comparison keys for titles and labels.

use std::sync::LazyLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{is_nfc_quick, IsNormalized, UnicodeNormalization};

/// Text folded for matching, with `map[i]` = index (in chars) in the original
/// NFC text of folded char `i`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Folded {
    pub text: String,
    pub map: Vec<usize>,
}

/// Is `s` certainly in NFC already? (The quick check answers for nearly
/// all text, which is already composed; "maybe" counts as no.)
fn is_nfc(s: &str) -> bool {
    s.is_ascii() || is_nfc_quick(s.chars()) == IsNormalized::Yes
}

/// `s` in Unicode NFC, without copying it through the normaliser when it
/// is in NFC already.
pub fn nfc(s: String) -> String {
    if is_nfc(&s) {
        s
    } else {
        s.nfc().collect()
    }
}

/// Fold text for matching: NFC, lower case, diacritics removed (å→a, ä→a,
/// ö→o, é→e, ü→u), ø→o, æ→ae, ß→ss, typographic dashes and quotes unified.
pub fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    fold_each(s, &mut |c, i| {
        text.push(c);
        map.push(i);
    });
    Folded { text, map }
}

/// Fold `s` (taken in NFC), giving each folded char with its source's
/// index (in chars) to `push`.
fn fold_each(s: &str, push: &mut impl FnMut(char, usize)) {
    if is_nfc(s) {
        fold_chars(s.chars(), push);
    } else {
        fold_chars(s.nfc(), push);
    }
}

/// Fold NFC chars, giving each folded char with its source's index (in
/// chars) to `push`.
fn fold_chars(chars: impl Iterator<Item = char>, push: &mut impl FnMut(char, usize)) {
    for (i, c) in chars.enumerate() {
        if c.is_ascii() {
            push(c.to_ascii_lowercase(), i);
            continue;
        }
        for lc in c.to_lowercase() {
            match lc {
                'ø' => push('o', i),
                'æ' => {
                    push('a', i);
                    push('e', i);
                }
                'ß' => {
                    push('s', i);
                    push('s', i);
                }
                '\u{2010}'..='\u{2015}' | '\u{2212}' => push('-', i),
                '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' => push('\'', i),
                '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '«' | '»' => push('"', i),
                '\u{a0}' | '\u{2007}' | '\u{202f}' => push(' ', i),
                _ => {
                    for d in lc.nfd() {
                        if !is_combining_mark(d) {
                            push(d, i);
                        }
                    }
                }
            }
        }
    }
}

/// Fold without the map.
pub fn fold_str(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut text = String::with_capacity(s.len());
    fold_each(s, &mut |c, _| text.push(c));
    text
}

/// [`fold_str`] of text already in NFC (as [`nfc`] leaves it), without
/// checking it again.
pub fn fold_nfc(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    let mut text = String::with_capacity(s.len());
    fold_chars(s.chars(), &mut |c, _| text.push(c));
    text
}

/// A key for comparing titles and labels: folded, "&" read as "och",
/// punctuation and quotes dropped, white space collapsed.
pub fn fold_key(s: &str) -> String {
    let folded = fold_str(s);
    let mut out = String::with_capacity(folded.len());
    // A separator is written only between two words.
    let mut gap = false;
    let word = |out: &mut String, w: &str, gap: &mut bool| {
        if std::mem::take(gap) {
            out.push(' ');
        }
        out.push_str(w);
    };
    let mut buf = [0u8; 4];
    for c in folded.chars() {
        if c == '&' {
            gap = !out.is_empty();
            word(&mut out, "och", &mut gap);
            gap = true;
        } else if c.is_alphanumeric() || c == '-' {
            word(&mut out, c.encode_utf8(&mut buf), &mut gap);
        } else {
            gap = !out.is_empty();
        }
    }
    out
}

/// Collapse runs of white space (including no-break spaces) to one space and trim.
pub fn squash(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    // Copied a word at a time, not a char at a time.
    for word in s
        .split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The one list of Swedish month names in the crate, lower case, index 0 =
/// January. Every pattern and lookup of month names is built from it.
pub const MONTHS_SV: [&str; 12] = [
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
];

/// The abbreviations each month is also written as (longest first).
const MONTH_ABBREVIATIONS: [&[&str]; 12] = [
    &["jan"],
    &["feb"],
    &["mar"],
    &["apr"],
    &[],
    &["jun"],
    &["jul"],
    &["aug"],
    &["sept", "sep"],
    &["okt"],
    &["nov"],
    &["dec"],
];

/// The one list of Swedish weekday names, lower case, Monday first.
pub const WEEKDAYS_SV: [&str; 7] = [
    "måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag",
];

/// English month names, index 0 = January: web pages in English date
/// their articles "Mar 9, 2023". Abbreviations are the first three letters.
pub const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// A month name in Swedish or English (full or abbreviated) → number.
pub fn month_number_any(word: &str) -> Option<u32> {
    month_number(word).or_else(|| {
        let w = fold_str(word);
        let w = w.trim_end_matches('.');
        (w.len() >= 3)
            .then(|| {
                MONTHS_EN
                    .iter()
                    .position(|m| *m == w || (m.starts_with(w) && w.len() == 3))
            })
            .flatten()
            .map(|i| i as u32 + 1)
    })
}

/// Regex alternation of every month name and abbreviation, Swedish and
/// English (for date lines).
pub static MONTH_ANY_ALT: LazyLock<String> = LazyLock::new(|| {
    let en = MONTHS_EN.iter().flat_map(|m| [*m, &m[..3]]);
    let mut all: Vec<&str> = MONTH_OR_ABBREVIATION_ALT.split('|').chain(en).collect();
    // Longest first, so that a whole name wins over its abbreviation.
    all.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    all.dedup();
    all.join("|")
});

/// Swedish month names (and common abbreviations) → month number.
pub fn month_number(word: &str) -> Option<u32> {
    let w = fold_str(word);
    let w = w.trim_end_matches('.');
    (0..12)
        .find(|&i| MONTHS_SV[i] == w || MONTH_ABBREVIATIONS[i].contains(&w))
        .map(|i| i as u32 + 1)
}

/// Is the word (lower case) a month or weekday name written out in full?
pub fn is_month_or_weekday(word: &str) -> bool {
    MONTHS_SV.contains(&word) || WEEKDAYS_SV.contains(&word)
}

/// Regex alternation of the Swedish month names (full forms).
pub static MONTH_ALT: LazyLock<String> = LazyLock::new(|| MONTHS_SV.join("|"));

/// Regex alternation of the month names and then their abbreviations (a
/// full name is tried before its abbreviation, "sept" before "sep").
pub static MONTH_OR_ABBREVIATION_ALT: LazyLock<String> = LazyLock::new(|| {
    let short = MONTH_ABBREVIATIONS.iter().flat_map(|a| a.iter().copied());
    MONTHS_SV
        .iter()
        .copied()
        .chain(short)
        .collect::<Vec<_>>()
        .join("|")
});

/// Regex alternation of the weekday names without their "dag" ("mån",
/// "tors"), to which "dag" and "dagen" are added in patterns.
pub static WEEKDAY_STEM_ALT: LazyLock<String> = LazyLock::new(|| {
    WEEKDAYS_SV
        .iter()
        .map(|d| d.trim_end_matches("dag"))
        .collect::<Vec<_>>()
        .join("|")
});

/// A key that sorts in Swedish alphabetical order: case and accents
/// ignored (é as e, ü as y), but Å, Ä and Ö are letters of their own after
/// Z, in that order (Æ as Ä, Ø as Ö).
pub fn swedish_sort_key(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars().flat_map(char::to_lowercase) {
        match c {
            // The three characters after 'z' in ASCII, in Å, Ä, Ö order.
            'å' => out.push('{'),
            'ä' | 'æ' => out.push('|'),
            'ö' | 'ø' => out.push('}'),
            'ü' => out.push('y'),
            c if c.is_alphanumeric() => out.push_str(&fold_str(c.encode_utf8(&mut [0; 4]))),
            _ => out.push(' '),
        }
    }
    out
}

/// Upper-case the first letter of each word ("victor kilén" → "Victor Kilén"),
/// keeping hyphenated parts capitalised too.
pub fn title_case(s: &str) -> String {
    s.split(' ')
        .map(|w| {
            w.split('-')
                .map(|p| {
                    let mut cs = p.chars();
                    match cs.next() {
                        Some(f) => f.to_uppercase().collect::<String>() + cs.as_str(),
                        None => String::new(),
                    }
                })
                .collect::<Vec<_>>()
                .join("-")
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Tricky inputs: decomposed letters, no-break and odd spaces,
    /// ampersands at the edges, typographic dashes, other scripts.
    const SAMPLES: &[&str] = &[
        "",
        "   ",
        "Åsa  Öberg\u{a0}– Täby",
        "A\u{30a}sa O\u{308}berg",
        "& Co &amp; Ärende&Fråga ",
        "\u{2003}Kommunförbundet\tStockholms län\n",
        "Æble ø ß «citat» \u{201c}x\u{201d} \u{2212}5",
        "Ελληνικά и кириллица 東京",
    ];

    #[test]
    fn the_fast_paths_give_what_the_plain_definitions_give() {
        for s in SAMPLES {
            let plain_squash = s
                .split(|c: char| c.is_whitespace() || c == '\u{a0}')
                .filter(|w| !w.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            assert_eq!(squash(s), plain_squash, "squash {s:?}");
            assert_eq!(fold_nfc(&nfc(s.to_string())), fold_str(s), "fold {s:?}");
            let f = fold_str(s).replace('&', " och ");
            let cleaned: String = f
                .chars()
                .map(|c| {
                    if c.is_alphanumeric() || c == '-' {
                        c
                    } else {
                        ' '
                    }
                })
                .collect();
            let plain_key = cleaned.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(fold_key(s), plain_key, "fold_key {s:?}");
            let plain_nfc: String = s.nfc().collect();
            assert_eq!(nfc(s.to_string()), plain_nfc, "nfc {s:?}");
            // Folding NFC text or its decomposed form gives the same.
            let nfd: String = s.nfd().collect();
            assert_eq!(fold(&nfd).text, fold(s).text, "fold {s:?}");
        }
        assert_eq!(fold("Åsa Öberg").text, "asa oberg");
        assert_eq!(fold_key("Arbete & Utbildning"), "arbete och utbildning");
    }

    #[test]
    fn folding_swedish_letters_keeps_a_map_to_the_original() {
        let f = fold("Åsa Österberg");
        assert_eq!(f.text, "asa osterberg");
        assert_eq!(f.map.len(), f.text.chars().count());
        assert_eq!(f.map[4], 4);
        let decomposed: String = "Åsa".nfd().collect();
        assert_eq!(fold(&decomposed).text, "asa");
    }

    #[test]
    fn keys_ignore_case_ampersand_and_trailing_space() {
        assert_eq!(
            fold_key("Social välfärd & hälsa"),
            fold_key("social välfärd och hälsa\u{a0}")
        );
        assert_eq!(fold_key("hÄLSA OCH STÖD"), "halsa och stod");
    }

    #[test]
    fn months_and_title_case() {
        assert_eq!(month_number("Oktober"), Some(10));
        assert_eq!(month_number("maj"), Some(5));
        assert_eq!(month_number("majs"), None);
        assert_eq!(title_case("sven-erik österberg"), "Sven-Erik Österberg");
    }

    #[test]
    fn swedish_order_puts_a_ring_a_umlaut_o_umlaut_after_z() {
        let mut names = [
            "Österberg",
            "Norman",
            "Åberg",
            "Zetterlund",
            "Ädel",
            "Pudas",
            "Éklund",
        ];
        names.sort_by_key(|n| swedish_sort_key(n));
        assert_eq!(
            names,
            [
                "Éklund",
                "Norman",
                "Pudas",
                "Zetterlund",
                "Åberg",
                "Ädel",
                "Österberg"
            ]
        );
    }
}
