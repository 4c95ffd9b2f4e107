//! `contacts --format mutt` and `contacts --vcard`, read back the way the
//! programs that take them read them (`tests/card_fixtures` has people
//! with and without addresses, and roles with commas, semicolons, a tab
//! and more than 75 octets).

mod cli_support;

use std::io::BufReader;

use cli_support::*;

const CARDS: &str = "tests/card_fixtures";

/// A vCard text value with its escapes undone (RFC 6350 §3.4).
fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

#[test]
fn mutt_format_is_a_header_then_address_name_role_per_line() {
    let r = run_in(CARDS, &["contacts", "--format", "mutt", "asa"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let mut lines = r.stdout.lines();
    assert_eq!(lines.next(), Some("2 personer matchar asa"));
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), 2, "{}", r.stdout);
    for row in &rows {
        assert_eq!(row.len(), 3, "address, name, role: {row:?}");
        assert!(row[0].contains('@'), "{row:?}");
    }
    // The same people, in the same order, as the text listing.
    let listed = json_in(CARDS, &["contacts", "asa"]);
    let names: Vec<&str> = listed["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| !p["emails"].as_array().unwrap().is_empty())
        .map(|p| p["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, rows.iter().map(|r| r[1]).collect::<Vec<_>>());
    let per = rows.iter().find(|r| r[1] == "Per Asarsson").unwrap();
    assert_eq!(per[0], "per.asarsson@example.se");
    assert_eq!(
        per[2], "chef för antagningen",
        "the tab in the role is a space"
    );

    // Someone without an address is left out; nobody left: status 1 and
    // a first line that says why (mutt shows it as the error).
    let r = run_in(CARDS, &["contacts", "--format", "mutt", "nils"]);
    assert_eq!(r.code, 1);
    assert_eq!(
        r.stdout, "Ingen som matchar nils har en e-postadress\n",
        "{}",
        r.stdout
    );
    let r = run_in(
        CARDS,
        &["--lang", "en", "contacts", "--format", "mutt", "zzqx"],
    );
    assert_eq!((r.code, r.stdout.as_str()), (1, "No person matches zzqx\n"));
}

#[test]
fn vcard_output_parses_back_to_every_person() {
    let r = run_in(CARDS, &["contacts", "--vcard"]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let text = &r.stdout;
    // Structure: CRLF only, no line over 75 octets, continuations start
    // with a space.
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(text.contains("\r\n "), "the long role is folded");

    let cards: Vec<_> = ical::VcardParser::new(BufReader::new(text.as_bytes()))
        .collect::<Result<_, _>>()
        .expect("the vCards parse");
    assert_eq!(cards.len(), 3);
    let prop = |card: &ical::parser::vcard::component::VcardContact, name: &str| -> Vec<String> {
        card.properties
            .iter()
            .filter(|p| p.name == name)
            .map(|p| unescape(p.value.as_deref().unwrap_or("")))
            .collect()
    };
    for card in &cards {
        assert_eq!(prop(card, "VERSION"), ["4.0"]);
        assert_eq!(prop(card, "FN").len(), 1);
    }
    let asa = cards
        .iter()
        .find(|c| prop(c, "FN") == ["Åsa Lindqvist-Öberg"])
        .expect("Åsa's card");
    assert_eq!(prop(asa, "EMAIL"), ["asa.lindqvist-oberg@example.se"]);
    assert_eq!(
        prop(asa, "TITLE"),
        ["samordnare för utskrivning; vård, omsorg och hälsa i Stockholms län med ett mycket långt rollnamn"]
    );
    assert_eq!(prop(asa, "ORG"), ["Storsthlm"]);
    // N is family;given, split on the unescaped semicolons.
    let n = asa.properties.iter().find(|p| p.name == "N").unwrap();
    let parts: Vec<&str> = n.value.as_deref().unwrap().split(';').collect();
    assert_eq!(parts[..2], ["Lindqvist-Öberg", "Åsa"]);
    let note = prop(asa, "NOTE").join("");
    assert!(
        note.contains("kontakt för: 2024-03-14 Utskrivning från sjukhus, en ny rutin"),
        "{note}"
    );
    let nils = cards
        .iter()
        .find(|c| prop(c, "FN") == ["Nils Utan Adress"])
        .unwrap();
    assert!(prop(nils, "EMAIL").is_empty());

    // With a query: only the people `contacts` finds.
    let r = run_in(CARDS, &["contacts", "--format", "vcard", "utskrivning"]);
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout.matches("BEGIN:VCARD").count(), 1, "{}", r.stdout);
    assert_no_match(CARDS, &["contacts", "--vcard", "zzqx"]);
    assert_bad_args(&["contacts", "--vcard", "--json"]);
}
