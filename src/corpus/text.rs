//! Small text helpers shared by the parser, the lookups and the reader:
//! folding for matching (case, å/ä/ö, accents) with a map back to the
//! original characters, and comparison keys for titles and labels.

use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Text folded for matching, with `map[i]` = index (in chars) in the original
/// NFC text of folded char `i`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Folded {
    pub text: String,
    pub map: Vec<usize>,
}

/// Fold text for matching: NFC, lower case, diacritics removed (å→a, ä→a,
/// ö→o, é→e, ü→u), ø→o, æ→ae, ß→ss, typographic dashes and quotes unified.
pub fn fold(s: &str) -> Folded {
    let mut text = String::with_capacity(s.len());
    let mut map = Vec::with_capacity(s.len());
    for (i, c) in s.nfc().enumerate() {
        for lc in c.to_lowercase() {
            match lc {
                'ø' => push(&mut text, &mut map, 'o', i),
                'æ' => {
                    push(&mut text, &mut map, 'a', i);
                    push(&mut text, &mut map, 'e', i);
                }
                'ß' => {
                    push(&mut text, &mut map, 's', i);
                    push(&mut text, &mut map, 's', i);
                }
                '\u{2010}'..='\u{2015}' | '\u{2212}' => push(&mut text, &mut map, '-', i),
                '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' => {
                    push(&mut text, &mut map, '\'', i)
                }
                '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '«' | '»' => {
                    push(&mut text, &mut map, '"', i)
                }
                '\u{a0}' | '\u{2007}' | '\u{202f}' => push(&mut text, &mut map, ' ', i),
                _ => {
                    for d in lc.nfd() {
                        if !is_combining_mark(d) {
                            push(&mut text, &mut map, d, i);
                        }
                    }
                }
            }
        }
    }
    Folded { text, map }
}

fn push(text: &mut String, map: &mut Vec<usize>, c: char, i: usize) {
    text.push(c);
    map.push(i);
}

/// Fold without the map.
pub fn fold_str(s: &str) -> String {
    fold(s).text
}

/// A key for comparing titles and labels: folded, "&" read as "och",
/// punctuation and quotes dropped, white space collapsed.
pub fn fold_key(s: &str) -> String {
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
    cleaned.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collapse runs of white space (including no-break spaces) to one space and trim.
pub fn squash(s: &str) -> String {
    s.split(|c: char| c.is_whitespace() || c == '\u{a0}')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Swedish month names (and common abbreviations) → month number.
pub fn month_number(word: &str) -> Option<u32> {
    let w = fold_str(word);
    let w = w.trim_end_matches('.');
    Some(match w {
        "januari" | "jan" => 1,
        "februari" | "feb" => 2,
        "mars" | "mar" => 3,
        "april" | "apr" => 4,
        "maj" => 5,
        "juni" | "jun" => 6,
        "juli" | "jul" => 7,
        "augusti" | "aug" => 8,
        "september" | "sep" | "sept" => 9,
        "oktober" | "okt" => 10,
        "november" | "nov" => 11,
        "december" | "dec" => 12,
        _ => return None,
    })
}

/// Swedish month names, lower case, index 0 = January.
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

/// Regex alternation of the Swedish month names (full forms).
pub const MONTH_ALT: &str =
    "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december";

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
}
