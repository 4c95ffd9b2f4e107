//! Property tests: reading and parsing never panic, whatever the bytes.

use nyhetsbrev::corpus::parse::parse_issue;
use nyhetsbrev::corpus::read::{decode, SourceFile};
use nyhetsbrev::corpus::Corpus;
use proptest::prelude::*;

/// Pieces that exercise the parser's rules: headings, labels, calendar
/// forms, names, links, bullets, odd spaces and line endings.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("Senaste nytt från Storsthlm".to_string()),
        Just("BO OCH VERKA".to_string()),
        Just("intervju med åsa ryding, länsstyrelsen".to_string()),
        Just("Kommande möten och nätverksträffar".to_string()),
        Just("Ur innehållet".to_string()),
        Just("På gång".to_string()),
        Just("13/12Strategiskt nätverk".to_string()),
        Just("Styrelsemöte, den 10 december".to_string()),
        Just("25 november kl. 10:00–11:30".to_string()),
        Just("När: Torsdagen den 29 april".to_string()),
        Just("Tid: Kl. 9–10.30".to_string()),
        Just("Sammanfattning från styrelsemötet 31 februari".to_string()),
        Just("säger Karin Soffiantini-Yildiz, tf chef för Gymnasieantagningen.".to_string()),
        Just("Vid frågor, kontakta Åsa Danielsson".to_string()),
        Just("Kontakt".to_string()),
        Just("Läs mer här".to_string()),
        Just(" • punkt".to_string()),
        Just("Foto: Bengt Säll".to_string()),
        Just("Datum: 2024-13-45".to_string()),
        Just("\u{a0}".to_string()),
        Just("-".to_string()),
        Just("\r".to_string()),
        "[a-zåäöA-ZÅÄÖ0-9 ,.:;!?–/-]{0,80}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2000)) {
        if let Ok((text, _, _)) = decode(&bytes) {
            let _ = parse_issue("x.txt", &text);
        }
        let _ = Corpus::from_files(vec![SourceFile { name: "x.txt".into(), bytes }], &mut Vec::new());
    }

    #[test]
    fn structured_text_never_panics_and_stays_consistent(lines in proptest::collection::vec(piece(), 0..60)) {
        let text = lines.join("\n");
        let (issue, _) = parse_issue("x.txt", &text);
        for a in &issue.articles {
            prop_assert!(!a.title.trim().is_empty());
        }
        for m in &issue.meetings {
            prop_assert!(m.article.is_none_or(|i| i < issue.articles.len()));
        }
    }
}
