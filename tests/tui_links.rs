//! Links in the reader: numbered in the text with the URLs listed at the
//! end, opened by number with the opener, drawn as OSC 8 hyperlinks that
//! keep the screen's layout; and a meeting exported as a calendar file.

mod common;

use std::cell::RefCell;
use std::path::{Path, PathBuf};
use std::rc::Rc;

use common::Harness;
use crossterm::event::KeyCode;
use nyhetsbrev::corpus::{Article, Block, Corpus, Library, Link};
use nyhetsbrev::i18n::Lang;
use nyhetsbrev::open::OpenError;
use nyhetsbrev::tui::app::{Focus, MeetingRow, View};
use nyhetsbrev::tui::links::Target;
use ratatui::buffer::CellDiffOption;

const PDF: &str = "https://www.storsthlm.se/download/18.2f7c1b2a18d4e5f6a7b8c9d0/1710230400000/Plattform-for-samverkan-2024-2027-antagen-av-styrelsen.pdf";
const MORE: &str = "https://www.storsthlm.se/nyheter/ny-plattform-for-lanets-samverkan";

fn fixture_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/links")
}

/// The saved HTML newsletter with links, in the reader, its first article
/// open.
fn newsletter(w: u16, h: u16) -> Harness {
    let corpus = Corpus::load(&fixture_dir()).expect("the fixture loads");
    let mut h = Harness::with(corpus, Lang::Sv, w, h);
    h.key(KeyCode::Enter).keys("j").key(KeyCode::Enter);
    assert_eq!(h.app.view, View::Article(0, 0));
    h
}

/// What the opener was asked to open.
type Opened = Rc<RefCell<Vec<String>>>;

/// An opener that records its targets and says it used `program` (or
/// fails as `fail` says).
fn record(h: &mut Harness, fail: Option<OpenError>) -> Opened {
    let opened: Opened = Rc::default();
    let sink = Rc::clone(&opened);
    h.app.links.opener = Box::new(move |t| {
        sink.borrow_mut().push(match t {
            Target::Url(u) => u.to_string(),
            Target::File(p) => p.display().to_string(),
        });
        match &fail {
            Some(e) => Err(e.clone()),
            None => Ok("testbrowser".to_string()),
        }
    });
    opened
}

fn status(h: &Harness) -> String {
    let last = h.screen().lines().last().unwrap_or("").to_string();
    last.trim().to_string()
}

#[test]
fn links_are_numbered_in_the_text_and_listed_at_the_end() {
    for (w, hgt) in [(120, 40), (80, 24)] {
        let mut h = newsletter(w, hgt);
        let text = nyhetsbrev::tui::ui::article::text(&h.app, 56)
            .lines
            .iter()
            .map(|l| l.to_string())
            .collect::<Vec<_>>()
            .join("\n");
        assert!(text.contains("Läs mer om arbetet här\u{a0}[1]."), "{text}");
        assert!(text.contains("pdf att ladda ner\u{a0}[2]"), "{text}");
        assert!(text.contains("anna.berg@storsthlm.se\u{a0}[3]"), "{text}");
        let list = &text[text.find("Länkar").expect("the list of links")..];
        assert!(
            list.contains("[1] https://www.storsthlm.se/nyheter/"),
            "{list}"
        );
        assert!(list.contains("[3] mailto:anna.berg@storsthlm.se"), "{list}");
        // A long URL goes on under itself, whole.
        let joined: String = list.lines().map(str::trim).collect();
        assert!(joined.contains(PDF), "{list}");
        // The end of the article, with its links, as the user sees it.
        h.key(KeyCode::Tab);
        h.app.focus = Focus::Article;
        h.keys("G");
        insta::assert_snapshot!(format!("article_links_{w}x{hgt}"), h.screen());
    }
}

#[test]
fn o_and_a_number_open_that_link() {
    let mut h = newsletter(120, 40);
    let opened = record(&mut h, None);
    h.keys("o");
    // Three links: the number is asked for.
    assert!(
        status(&h).starts_with("Öppna länk nr (1–3)"),
        "{}",
        status(&h)
    );
    assert!(opened.borrow().is_empty());
    // One digit is enough when no longer number exists.
    h.keys("2");
    assert_eq!(*opened.borrow(), [PDF]);
    assert!(
        status(&h).starts_with("Öppnar med testbrowser: https://www.storsthlm.se/download/"),
        "{}",
        status(&h)
    );
    // The prompt is over: keys do what they always do.
    h.keys("o1");
    assert_eq!(opened.borrow().last().map(String::as_str), Some(MORE));
    // A number that is not there is said, and Esc gives up.
    h.keys("o9").key(KeyCode::Enter);
    assert_eq!(status(&h), "Ingen länk nr 9");
    h.keys("o").key(KeyCode::Esc);
    assert_eq!(opened.borrow().len(), 2);
    assert!(!status(&h).contains("Öppna länk"));
    // A key that is not a digit ends the question and does its own work.
    h.keys("o");
    h.key(KeyCode::Char('h'));
    assert_eq!(opened.borrow().len(), 2);
}

#[test]
fn an_article_with_one_link_opens_it_at_once_and_none_says_so() {
    let corpus = Corpus::load(&fixture_dir()).expect("the fixture loads");
    let mut h = Harness::with(corpus, Lang::En, 120, 40);
    h.key(KeyCode::Enter).keys("jj").key(KeyCode::Enter);
    assert_eq!(h.app.view, View::Article(0, 1));
    let opened = record(&mut h, None);
    h.keys("o");
    assert_eq!(
        *opened.borrow(),
        ["https://www.storsthlm.se/kalender/seminarium-kompetensforsorjning"]
    );
    assert!(status(&h).starts_with("Opening with testbrowser: "));
    // The bundled plain-text issues have no URLs.
    let mut plain = common::Harness::new(120, 40);
    let none = record(&mut plain, None);
    plain.key(KeyCode::Enter).keys("j").key(KeyCode::Enter);
    plain.keys("o");
    assert_eq!(status(&plain), "Artikeln har inga länkar");
    assert!(none.borrow().is_empty());
}

#[test]
fn without_an_opener_the_url_is_shown_to_copy() {
    let mut h = newsletter(120, 40);
    let _ = record(&mut h, Some(OpenError::NoOpener));
    h.keys("o1");
    assert_eq!(
        status(&h),
        format!("Inget program att öppna med (sätt BROWSER): {MORE}")
    );
    let _ = record(
        &mut h,
        Some(OpenError::Failed {
            program: "firefox".into(),
            reason: "No such file or directory".into(),
        }),
    );
    h.keys("o3");
    assert_eq!(
        status(&h),
        "Kunde inte öppna mailto:anna.berg@storsthlm.se: firefox: No such file or directory"
    );
}

/// The screen as a terminal shows it: OSC 8 sequences taken out, the
/// glyphs of a linked cell covering as many columns as it declares (the
/// backend never gets the cells it covers), one line per row with trailing
/// spaces removed; and the URLs the sequences carried.
fn strip_osc8(h: &Harness) -> (String, Vec<String>) {
    let buf = h.term.backend().buffer();
    let mut urls: Vec<String> = Vec::new();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        let mut covered = 0;
        for x in 0..buf.area.width {
            if covered > 0 {
                covered -= 1;
                continue;
            }
            let cell = &buf[(x, y)];
            if let CellDiffOption::ForcedWidth(w) = cell.diff_option {
                covered = w.get() - 1;
            }
            let sym = cell.symbol();
            let Some(rest) = sym.strip_prefix("\x1b]8;") else {
                assert!(!sym.chars().any(char::is_control), "{sym:?}");
                line.push_str(sym);
                continue;
            };
            // id=…;URL ST text OSC 8 ;; ST, all in this one cell.
            let (params, rest) = rest.split_once("\x1b\\").expect("an ST after the URL");
            let url = params.split_once(';').expect("params;url").1;
            let text = rest
                .strip_suffix("\x1b]8;;\x1b\\")
                .expect("the link closes in its own cell");
            assert!(url.bytes().all(|b| (0x21..=0x7e).contains(&b)), "{url:?}");
            assert!(!text.chars().any(char::is_control), "{text:?}");
            if urls.last().map(String::as_str) != Some(url) {
                urls.push(url.to_string());
            }
            line.push_str(text);
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    (out, urls)
}

#[test]
fn hyperlinks_wrap_the_links_cells_and_keep_the_layout() {
    let off = newsletter(120, 40);
    let mut on = newsletter(120, 40);
    on.app.links.hyperlinks = true;
    on.draw();
    let (shown, urls) = strip_osc8(&on);
    assert_eq!(
        shown,
        off.screen(),
        "the same screen with and without links"
    );
    // The link text, its number and the listed URL, each linked.
    assert_eq!(urls.first().map(String::as_str), Some(MORE));
    assert!(urls.iter().any(|u| u == PDF), "{urls:?}");
    assert!(urls.iter().any(|u| u == "mailto:anna.berg@storsthlm.se"));
    // Off: not one sequence.
    assert!(strip_osc8(&off).1.is_empty());
    // An overlay over the article: no links drawn under it.
    on.keys("?");
    let (_, urls) = strip_osc8(&on);
    assert!(urls.is_empty(), "{urls:?}");
}

#[test]
fn hostile_urls_never_reach_the_terminal_raw() {
    let mut art = Article::new(
        "Läs om ESC".into(),
        None,
        Default::default(),
        vec![Block::Paragraph(
            "Här är en länk med elak adress och en till klocka här.".into(),
        )],
    );
    art.urls = vec![
        Link {
            text: "länk med elak adress".into(),
            url: "https://x.se/a\x1b]8;;https://evil.example/\x07b".into(),
        },
        Link {
            text: "klocka".into(),
            url: "https://x.se/\x07\u{9b}2J\u{1b}[31m".into(),
        },
        Link {
            text: "till".into(),
            url: "javascript:alert(1)".into(),
        },
    ];
    let mut corpus = Corpus::default();
    corpus.issues.push(nyhetsbrev::corpus::Issue {
        source: "x.html".into(),
        id: "x".into(),
        kind: nyhetsbrev::corpus::IssueKind::Newsletter,
        date: chrono::NaiveDate::from_ymd_opt(2025, 9, 1),
        date_precision: Default::default(),
        date_basis: Default::default(),
        title: "Elakt".into(),
        articles: vec![art],
        meetings: Vec::new(),
        encoding: "utf-8".into(),
    });
    let mut h = Harness::with(Library::from(corpus), Lang::Sv, 120, 40);
    h.app.links.hyperlinks = true;
    h.key(KeyCode::Enter).keys("j").key(KeyCode::Enter);
    let (text, urls) = strip_osc8(&h);
    assert!(!text.contains("evil"), "{text}");
    assert!(urls.iter().all(|u| !u.contains("evil")), "{urls:?}");
    assert!(!urls.iter().any(|u| u.starts_with("javascript")));
    // Opening one passes only the cleaned URL on.
    let opened = record(&mut h, None);
    h.keys("o1");
    let got = opened.borrow().clone();
    assert_eq!(got.len(), 1);
    assert!(!got[0].chars().any(char::is_control), "{got:?}");
    assert!(!got[0].contains("evil"), "{got:?}");
}

/// The selected meeting in the agenda.
fn selected(h: &Harness) -> nyhetsbrev::corpus::Meeting {
    match &h.app.meetings[h.app.meeting_cursor.selected] {
        MeetingRow::Meeting { meeting, .. } => meeting.clone(),
        other => panic!("{other:?}"),
    }
}

#[test]
fn e_exports_the_selected_meeting_as_a_calendar_and_opens_it() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut h = Harness::new(120, 40);
    h.app.links.export_dir = Some(tmp.path().join("cache"));
    let opened = record(&mut h, None);
    // Not with the sidebar unfocused.
    h.keys("e");
    assert_eq!(status(&h), "Välj ett möte i mötespanelen först");
    assert!(opened.borrow().is_empty());
    h.keys("Tj");
    assert_eq!(h.app.focus, Focus::Meetings);
    let m = selected(&h);
    h.keys("e");
    let files = opened.borrow().clone();
    assert_eq!(files.len(), 1, "{}", status(&h));
    let path = PathBuf::from(&files[0]);
    assert!(path.starts_with(tmp.path().join("cache").join("meetings")));
    assert!(status(&h).contains(&files[0]), "{}", status(&h));
    let text = std::fs::read_to_string(&path).expect("the file is there");
    let cal: icalendar::Calendar = text.parse().expect("a calendar");
    use icalendar::Component;
    let events: Vec<&icalendar::Event> =
        cal.components.iter().filter_map(|c| c.as_event()).collect();
    assert_eq!(events.len(), 1);
    assert_eq!(events[0].get_summary(), Some(m.title.as_str()));
    let start = events[0].get_start().expect("DTSTART");
    let day = match start {
        icalendar::DatePerhapsTime::Date(d) => d,
        icalendar::DatePerhapsTime::DateTime(dt) => match dt {
            icalendar::CalendarDateTime::WithTimezone { date_time, .. } => date_time.date(),
            icalendar::CalendarDateTime::Floating(n) => n.date(),
            icalendar::CalendarDateTime::Utc(u) => u.date_naive(),
        },
    };
    assert_eq!(day, m.date);
    // The same UID as `meetings --ics` gives it (an import updates).
    let all: Vec<_> = h.app.corpus.all_meetings().collect();
    let whole = nyhetsbrev::ics::calendar(&h.app.corpus, &all, Lang::Sv).expect("calendar");
    let uid = events[0].get_uid().expect("UID");
    assert!(whole.contains(&format!("UID:{uid}")), "{uid}");
    // The month view exports the selected day's first meeting.
    h.keys("m");
    h.keys("e");
    assert_eq!(opened.borrow().len(), 2);
}

#[test]
fn without_an_opener_the_export_says_where_the_file_is() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut h = Harness::with(common::corpus(), Lang::En, 120, 40);
    h.app.links.export_dir = Some(tmp.path().to_path_buf());
    let _ = record(&mut h, Some(OpenError::NoOpener));
    h.keys("T").keys("e");
    let s = status(&h);
    let at = s
        .strip_prefix("Meeting saved to ")
        .unwrap_or_else(|| panic!("{s}"));
    assert!(Path::new(at).is_file(), "{at}");
    assert!(Path::new(at).starts_with(tmp.path().join("meetings")));
}

#[test]
fn a_mailto_link_naming_a_contact_gives_that_person_the_address() {
    let tmp = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        tmp.path().join("a.html"),
        "<html><head><title>Nyhet</title></head><body><main>\
         <h1>Senaste nytt från Storsthlm</h1><p>Publicerad 3 mars 2025</p>\
         <h2>Ny samordnare för vattenfrågor</h2>\
         <p>Förbundet har anställt en ny samordnare för vattenfrågor i länet. Samordnaren ska \
         stödja kommunernas arbete med vattenplaner och dricksvatten.</p>\
         <p>Har du frågor? <a href=\"mailto:Erik.Lund@storsthlm.se?subject=Vatten\">Kontakta Erik Lund</a>.</p>\
         <p>Mer text i ett stycke till så att sidan har innehåll nog för en artikel.</p>\
         </main></body></html>",
    )
    .expect("write");
    let lib = Library::from(Corpus::load(tmp.path()).expect("loads"));
    let names: Vec<&str> = lib.people.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["Erik Lund"], "one person, not the link's words");
    assert_eq!(lib.people[0].emails, ["erik.lund@storsthlm.se"]);
    // The card in the reader shows the address.
    let mut h = Harness::with(lib, Lang::Sv, 120, 40);
    h.keys("c").keys("lund").key(KeyCode::Enter);
    assert!(
        h.screen().contains("erik.lund@storsthlm.se"),
        "{}",
        h.screen()
    );
}
