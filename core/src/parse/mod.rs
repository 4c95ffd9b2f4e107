//! Parsing: text → issue, in named stages run in one order by
//! [`parse_issue`]:
//!
//! 1. **Lines** ([`lines`]): the text split into lines, each classified
//!    once by [`forms::classify`]; header fields (`Datum:`, `Typ:`, e-mail
//!    headers) and then a web article's dateline taken off the top.
//! 2. **Wrapping** ([`lines::detect_mode`]): *unwrapped* (a paragraph per
//!    line, as newsletters exported from HTML are), *greedy* (hard-wrapped
//!    at a fixed width, where a break is soft exactly when the next word
//!    would not have fitted) or *ragged* (PDF text in columns).
//! 3. **Paragraphs** ([`paras`]): soft breaks joined; a table of contents or
//!    a calendar section gathered whole; paragraphs split by a page or
//!    column break mid-sentence joined again.
//! 4. **Front matter and article starts** ([`articles`]): the masthead,
//!    newsletter or document, each title (a short line without closing
//!    punctuation followed by body text) with the section label above it;
//!    each article's paragraphs turned into blocks (signatures, captions,
//!    link text). Leaders (signed) are recognised by their form.
//! 5. **Calendar and events** ([`assemble::articles_and_entries`]): dated
//!    entries from calendar sections and "När:/Tid:" blocks.
//! 6. **People** ([`assemble::people`]): names, roles and contacts.
//! 7. **Date** ([`assemble::date`]): the issue's date from all the evidence.
//! 8. **Meetings** ([`assemble::meetings`]): entries with their years.
//!
//! Every *line form* the parser knows (date lines, calendar headings,
//! contact phrases, captions, labels, footers) is defined once, in
//! [`forms`]; calendar entry forms are in `crate::calendar`, name-and-role
//! phrases in `crate::people`, month and weekday names in `crate::text`.

// The stages above are private: their links resolve in the developers'
// documentation (`cargo doc --document-private-items`).
#![allow(rustdoc::private_intra_doc_links)]

mod articles;
mod assemble;
mod forms;
mod lines;
mod paras;

use super::model::*;
use super::{Warning, WarningKind};

/// Stable id of an issue: its file stem.
pub fn id_from_name(name: &str) -> String {
    match name.rsplit_once('.') {
        Some((stem, _)) => stem.to_string(),
        None => name.to_string(),
    }
}

/// Parse one text file into an issue. Never panics; what it cannot
/// understand becomes a warning.
pub fn parse_issue(name: &str, text: &str) -> (Issue, Vec<Warning>) {
    let mut warnings = Vec::new();
    // 1. Lines, each classified once; the header and dateline off the top.
    let mut lines = lines::lines_of(text);
    let header = lines::take_header(&mut lines);
    // 2. How the text is wrapped.
    let mode = lines::detect_mode(&lines);
    // 3. Paragraphs.
    let paras = paras::build_paras(&lines, mode);
    // 4. Masthead and kind; where articles start; their blocks.
    let front = articles::front_matter(&paras, text.len(), header.kind, header.dateline);
    let starts = articles::article_starts(&paras, &front);
    let drafts = articles::drafts(name, &paras, &front, &starts);
    let doc = front.kind == IssueKind::Document;
    // 5. Calendar sections and event blocks.
    let (mut articles, entries, colophons) =
        assemble::articles_and_entries(name, drafts, mode, doc, &mut warnings);
    // 6. People and contacts (a stray photo caption first goes to the
    //    article that names its people).
    assemble::move_stray_captions(&mut articles);
    assemble::people(&mut articles, &colophons);
    assemble::share_event_labels(&mut articles, &entries);
    // 7. The date.
    let (date, precision, basis) = assemble::date(header.date, &articles, &entries);
    if date.is_none() {
        warnings.push(Warning::new(name, WarningKind::Undated, String::new()));
    }
    // 8. Meetings with real dates.
    let meetings = assemble::meetings(name, entries, date, &mut warnings);

    let title = header
        .title
        .or(front.masthead)
        .or_else(|| articles.first().map(|a| a.title.clone()))
        .unwrap_or_else(|| id_from_name(name));
    let issue = Issue {
        source: name.to_string(),
        id: id_from_name(name),
        kind: front.kind,
        date,
        date_precision: precision,
        date_basis: basis,
        title,
        articles,
        meetings,
        encoding: String::new(),
    };
    (issue, warnings)
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    #[test]
    fn a_page_of_short_lines_keeps_its_text() {
        // No heading, no sentence: a list of dated lines or of names under
        // a title still reads as one article with every line in it.
        for text in [
            "Våra träffar\n\n3/2 Träff för arkivarier\n17/3 Träff för controllers\n5/5 Träff för jurister\n",
            "Styrgruppen\n\nKarin Holm\nPer Lind\nAnna Ek\nOla Berg\n",
        ] {
            let (issue, _) = parse_issue("t.txt", text);
            assert_eq!(issue.articles.len(), 1, "{text:?}: {:?}", issue.articles);
            let all: String = issue
                .articles
                .iter()
                .map(|a| format!("{} {} {}", a.title, a.body(), a.links().join(" ")))
                .collect();
            for line in text.lines().filter(|l| !l.trim().is_empty()).skip(1) {
                let words: Vec<&str> = line.split_whitespace().collect();
                let last = words.last().copied().unwrap_or_default();
                assert!(all.contains(last), "{line:?} lost from {text:?}: {all:?}");
            }
        }
    }

    fn titles(text: &str) -> Vec<String> {
        parse_issue("t.txt", text)
            .0
            .articles
            .iter()
            .map(|a| a.title.clone())
            .collect()
    }

    #[test]
    fn label_title_separator_and_body() {
        let text = "Senaste nytt från Storsthlm\n\u{a0}\u{a0}\nBO OCH VERKA\nEn robust vattenförsörjning\n\u{a0}\nStorsthlm har tagit fram en regional plan för vattnet i länet. Den ska ligga till grund för planeringen.\n\nVid frågor, kontakta Thomas Fredriksson\ntrygghet\nKartläggning av trygghetsarbetet\n\u{a0}\nEn kartläggning genomfördes under januari och februari 2020 i alla kommuner.\n";
        let (issue, _) = parse_issue("t.txt", text);
        assert_eq!(issue.title, "Senaste nytt från Storsthlm");
        let a: Vec<(&str, Option<&str>)> = issue
            .articles
            .iter()
            .map(|a| (a.title.as_str(), a.section.as_deref()))
            .collect();
        assert_eq!(
            a,
            [
                ("En robust vattenförsörjning", Some("BO OCH VERKA")),
                ("Kartläggning av trygghetsarbetet", Some("trygghet"))
            ]
        );
        assert_eq!(
            issue.articles[0].contacts[0].name.as_deref(),
            Some("Thomas Fredriksson")
        );
    }

    #[test]
    fn greedy_wrapped_paragraphs_are_joined_and_titles_kept() {
        let text = "Inflyttning och delaktighet\nSvenskundervisning med fokus på yrkesspråk - snabbare väg till\negenförsörjning\n\u{a0}\nSkåneregionen har under fyra års tid arbetat med att sätta grunden för\nSveriges andra helintegrerade satsning för att föra samman svenska för\ninvandrare med yrkesutbildningar. Det hela har nu blivit en permanent\nverksamhet.\n\nI november arrangerade Kommunförbundet Skåne en konferens om resultaten av\nYrkes-sfi i Skåne. David Norman, som är processledare på Storsthlm, var\ndär.\n";
        let (issue, _) = parse_issue("t.txt", text);
        let a = &issue.articles[0];
        assert_eq!(
            a.title,
            "Svenskundervisning med fokus på yrkesspråk - snabbare väg till egenförsörjning"
        );
        assert_eq!(a.section.as_deref(), Some("Inflyttning och delaktighet"));
        assert_eq!(a.blocks.len(), 2, "{:?}", a.blocks);
        assert!(a.body().contains("för Sveriges andra"));
        assert!(a.people.iter().any(|p| p.name == "David Norman"));
    }

    #[test]
    fn pdf_text_with_hyphenation_and_a_caption_inside_a_sentence() {
        let text = "Ny yrkesresa – skadligt bruk och beroende\n\nDen 23 september gick startskottet för Yrkesresans\ntredje resa i\n Karl Löfgren, Anna Lindskog, Lisa Minell\noch Leonard Kihlgren.\n\nStockholms län. Deltagarna fick en beskrivning av klimat-\nanpassning och vatten-\noch avloppsfrågor.\n";
        let (issue, _) = parse_issue("t.txt", text);
        let a = &issue.articles[0];
        assert_eq!(a.title, "Ny yrkesresa – skadligt bruk och beroende");
        assert_eq!(
            a.captions(),
            ["Karl Löfgren, Anna Lindskog, Lisa Minell och Leonard Kihlgren."]
        );
        assert!(
            a.body().contains("tredje resa i Stockholms län."),
            "{}",
            a.body()
        );
        assert!(
            a.body()
                .contains("klimatanpassning och vatten- och avloppsfrågor"),
            "{}",
            a.body()
        );
    }

    #[test]
    fn table_of_contents_is_not_articles() {
        let text = "Ledaren här\n\nVi har haft en händelserik höst med många möten i länet och mycket arbete.\n\nUr innehållet\n\nBacka barnet\nVattenforum 20 år\n\nBacka barnet\n\nBacka barnet är en arbetsmodell för tidiga och\nsamordnade insatser som kommunerna har infört.\n";
        assert_eq!(titles(text), ["Ledaren här", "Backa barnet"]);
    }

    #[test]
    fn explicit_date_header_overrides_inference() {
        let text = "Datum: 2024-03-01\n\nSammanfattning från styrelsemötet 6 december\n\nStyrelsen beslutade om budgeten för 2019 och mycket annat.\n";
        let (issue, _) = parse_issue("t.txt", text);
        assert_eq!(issue.date, NaiveDate::from_ymd_opt(2024, 3, 1));
        assert_eq!(issue.articles[0].kind, ArticleKind::Board);
    }

    #[test]
    fn undated_text_is_reported() {
        let (issue, warnings) = parse_issue(
            "t.txt",
            "Rubrik\n\nLite text utan något datum alls i sig.\n",
        );
        assert_eq!(issue.date, None);
        assert!(warnings.iter().any(|w| w.kind == WarningKind::Undated));
    }
}

#[cfg(test)]
mod web_page_tests {
    use super::*;
    use chrono::NaiveDate;

    const PAGE: &str = "Nya cykelbanor binder ihop länet\n\nTrafik / 14 mars 2024\n\nPressbild\n\nFoto: Per Ek\n\nKommunerna i norra länet har enats om en plan för cykelvägar fram till år 2035. Planen Cykel 2035 pekar ut tolv stråk.\n\nArbetet började våren 2021 och har letts av en grupp med tjänstepersoner från varje kommun.\n";

    #[test]
    fn a_web_page_is_a_document_dated_by_its_date_line() {
        let (issue, _) = parse_issue("sida.txt", PAGE);
        assert_eq!(issue.kind, IssueKind::Document);
        assert_eq!(issue.date, NaiveDate::from_ymd_opt(2024, 3, 14));
        assert_eq!(issue.articles[0].title, "Nya cykelbanor binder ihop länet");
        assert!(issue.articles.iter().all(|a| a.title != "Pressbild"));
        assert!(!issue.articles[0].body().contains("Trafik / 14 mars"));
    }

    #[test]
    fn the_same_page_re_wrapped_reads_the_same() {
        let wrapped = PAGE.replace(" tolv stråk", "\ntolv stråk");
        let (issue, _) = parse_issue("sida.txt", &wrapped);
        assert_eq!(issue.kind, IssueKind::Document);
        assert_eq!(issue.date, NaiveDate::from_ymd_opt(2024, 3, 14));
        assert_eq!(issue.articles[0].title, "Nya cykelbanor binder ihop länet");
    }

    #[test]
    fn one_short_text_with_no_kicker_is_a_document_and_with_one_a_newsletter() {
        let plain = "Skolvalet öppnar\n\nAlla elever i årskurs nio kan nu välja gymnasieskola i hela länet.\n";
        assert_eq!(parse_issue("a.txt", plain).0.kind, IssueKind::Document);
        let kicked = "UTBILDNING\nSkolvalet öppnar\n\nAlla elever i årskurs nio kan nu välja gymnasieskola i hela länet.\n\nVÅRD\nNy vårdplan\n\nRegionen och kommunerna har antagit en gemensam plan för vården.\n";
        assert_eq!(parse_issue("b.txt", kicked).0.kind, IssueKind::Newsletter);
    }
}

#[cfg(test)]
mod contact_tests {
    use super::*;

    const CARDS: &str = "Nyhetsbrev från Kommunförbundet Norrland\n\nVÅRD OCH OMSORG\nNy samverkansmodell för hemsjukvården\n\nKommunerna och regionen har enats om en ny modell för hemsjukvården som börjar gälla i höst.\n\nKontaktpersoner\nKarin Berg\nUtvecklingsledare\n070-123 45 67\nkarin.berg@norrland.example\n\nPer Holm\nProjektledare\nper.holm@norrland.example\n\nUTBILDNING\nGymnasieantagningen öppnar\n\nAnsökan till gymnasiet öppnar för alla elever i länet den här veckan.\n\nFrågor?\nLena Ek, antagningschef, lena.ek@norrland.example\n\nRedaktion: Kommunförbundet Norrland\nBox 1234\n901 10 Umeå\ninfo@norrland.example\n";

    fn contacts(a: &Article) -> Vec<(Option<&str>, Option<&str>, Option<&str>)> {
        a.contacts
            .iter()
            .map(|c| (c.name.as_deref(), c.email.as_deref(), c.role.as_deref()))
            .collect()
    }

    #[test]
    fn staff_cards_under_a_contact_heading_are_contacts_with_roles() {
        let (issue, _) = parse_issue("n.txt", CARDS);
        assert_eq!(
            contacts(&issue.articles[0]),
            [
                (
                    Some("Karin Berg"),
                    Some("karin.berg@norrland.example"),
                    Some("Utvecklingsledare")
                ),
                (
                    Some("Per Holm"),
                    Some("per.holm@norrland.example"),
                    Some("Projektledare")
                )
            ]
        );
    }

    #[test]
    fn a_contact_line_stays_in_its_article_and_the_colophon_is_no_text() {
        let (issue, _) = parse_issue("n.txt", CARDS);
        assert_eq!(issue.articles.len(), 2);
        let a = &issue.articles[1];
        assert_eq!(
            contacts(a)[0],
            (
                Some("Lena Ek"),
                Some("lena.ek@norrland.example"),
                Some("antagningschef")
            )
        );
        // The colophon is not the article's text, its postal address is no
        // contact and no person; its e-mail is the editors' address.
        assert!(!a.body().contains("Box 1234"), "{}", a.body());
        assert!(!a.body().contains("Redaktion"), "{}", a.body());
        assert_eq!(
            contacts(a)[1],
            (None, Some("info@norrland.example"), Some("redaktion"))
        );
        assert!(issue.articles.iter().all(|a| a
            .people
            .iter()
            .all(|p| p.name != "Kommunförbundet Norrland")));
    }
}

#[cfg(test)]
mod layout_tests {
    use super::*;

    #[test]
    fn a_quote_broken_at_a_full_stop_runs_on_to_its_attribution() {
        let text = "Nytt nätverk för skolledare\n\nKommunerna startar ett nätverk för alla skolledare i regionen under\nhösten, med träffar varannan månad och en gemensam digital plattform.\n\n– Vi behöver lära av varandra när det gäller elevhälsan och skolans\nbehov av lärare i framtiden.\nDet är därför vi samlar alla skolledare i ett gemensamt nätverk nu,\nsäger Maria Holm, utbildningschef i Kommunförbundet.\n";
        let (issue, _) = parse_issue("t.txt", text);
        let a = &issue.articles[0];
        let quote = a
            .blocks
            .iter()
            .find_map(|b| match b {
                Block::Paragraph(p) if p.starts_with('–') => Some(p.clone()),
                _ => None,
            })
            .unwrap_or_default();
        assert!(
            quote.contains("i framtiden. Det är därför"),
            "{:?}",
            a.blocks
        );
        assert!(quote.ends_with("utbildningschef i Kommunförbundet."));
    }

    #[test]
    fn the_title_of_a_later_article_is_never_a_label() {
        let text = "Nyhetsbrev från Regionförbundet\n\nSammanfattning från styrelsemötet 3 mars\nNy plan för hemtjänsten\n\nKommunerna har tagit fram en plan för hemtjänsten som ska gälla i hela länet.\n\nSammanfattning från styrelsemötet 3 mars\n\nStyrelsen beslutade om en ny budget för nästa år och om planen.\n";
        let (issue, _) = parse_issue("t.txt", text);
        let plan = &issue.articles[0];
        assert_eq!(plan.title, "Ny plan för hemtjänsten");
        assert_eq!(plan.section, None);
        assert_eq!(issue.articles[1].kind, ArticleKind::Board);
    }

    #[test]
    fn a_caption_goes_to_the_article_that_names_its_person() {
        let text = "Nyhetsbrev från Regionförbundet\n\nVÅRD\nNy plan för hemtjänsten\n\nKommunerna har tagit fram en plan för hemtjänsten som ska gälla i hela länet.\n\nOla Strand. (Foto: Eva Lind)\n\nPlanen ska följas upp varje år av en gemensam grupp.\n\nSKOLA\nFler söker yrkesprogram\n\nAllt fler elever söker till yrkesprogrammen i länet i år.\n\n– Det är glädjande att fler väljer yrkesprogram, säger Ola Strand, gymnasiechef i Umeå.\n";
        let (issue, _) = parse_issue("t.txt", text);
        assert!(
            issue.articles[0].captions().is_empty(),
            "{:?}",
            issue.articles[0].blocks
        );
        assert_eq!(
            issue.articles[1].captions(),
            ["Ola Strand. (Foto: Eva Lind)"]
        );
    }

    #[test]
    fn a_calendar_page_with_no_calendar_heading_is_read_as_its_events() {
        let page = "Träffar för medlemmarna i Förbundet Norr\n\nHär samlar vi våra nätverk och seminarier under våren.\n\nFebruari 2027\n9/2 Nätverk för bibliotekschefer, kl. 13–15\n23/2 Seminarium om vattenplanering\n\nMars 2027\nSkolledardagen\n4-5 mars, Umeå\n17/3 Ordförandeträff\n";
        let (issue, _) = parse_issue("traffar.txt", page);
        let got: Vec<(&str, String)> = issue
            .meetings
            .iter()
            .map(|m| (m.title.as_str(), m.date.to_string()))
            .collect();
        assert_eq!(
            got,
            [
                ("Nätverk för bibliotekschefer", "2027-02-09".to_string()),
                ("Seminarium om vattenplanering", "2027-02-23".to_string()),
                ("Skolledardagen", "2027-03-04".to_string()),
                ("Ordförandeträff", "2027-03-17".to_string()),
            ]
        );
        assert_eq!(
            issue.meetings[0].start.map(|t| t.to_string()).as_deref(),
            Some("13:00:00")
        );
        assert_eq!(issue.date, chrono::NaiveDate::from_ymd_opt(2027, 2, 9));
        assert_eq!(issue.title, "Träffar för medlemmarna i Förbundet Norr");
        // With no intro text the first line still titles the page.
        let page = "Möten hos Förbundet Norr\n\nMaj 2027\n\nLänsträff för planerare\n12 maj, kl. 9–11, Luleå\n\nStyrelsemöte\n26 maj\n";
        let (issue, _) = parse_issue("moten.txt", page);
        assert_eq!(issue.title, "Möten hos Förbundet Norr");
        assert_eq!(issue.meetings.len(), 2);
    }
}
