//! What a reader notices, on a small corpus built in code (independent of
//! the text parser): keys, panes, jump, contacts, help, odd sizes.

mod common;

use chrono::NaiveDate;
use common::{fixture, Harness};
use crossterm::event::{Event, KeyCode, KeyEvent, KeyModifiers};
use nyhetsbrev::corpus::Corpus;
use nyhetsbrev::i18n::Lang;
use nyhetsbrev::jump::JumpKind;
use nyhetsbrev::tui::app::{Focus, LeftMode, Overlay, View};
use nyhetsbrev::tui::keymap::Mode;
use nyhetsbrev::tui::ui;
use ratatui::style::{Color, Modifier};

fn text_lines(lines: &[ratatui::text::Line]) -> String {
    lines
        .iter()
        .map(|l| {
            l.spans
                .iter()
                .map(|s| s.content.as_ref())
                .collect::<String>()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn sidebar_starts_with_the_next_meeting_and_names_the_reference_date() {
    let h = fixture(120, 40);
    let screen = h.screen();
    let p = ui::panes(h.app.screen());
    let sidebar: Vec<String> = (p.right.y..p.right.bottom())
        .map(|y| h.region(p.right.x, p.right.right(), y))
        .collect();
    assert!(sidebar[0].contains("1 okt 2025"), "{}", sidebar[0]);
    // Month heading, day heading, then the first meeting (time, title).
    assert!(sidebar[1].contains("OKTOBER 2025"), "{screen}");
    assert!(sidebar[2].contains("fre 3 okt"));
    assert!(sidebar[3].contains("09:00") && sidebar[3].contains("Kommundirektörsmöte"));
    // A meeting before the reference date is not upcoming.
    assert!(!sidebar.concat().contains("Socialchefsnätverk"), "{screen}");
    assert!(sidebar.concat().contains("NOVEMBER 2025"));
}

#[test]
fn nothing_upcoming_says_so_and_shows_the_newest_calendar_dimmed() {
    let ctx_today = NaiveDate::from_ymd_opt(2030, 1, 1).expect("date");
    let corpus = common::fixture::corpus();
    let ctx = nyhetsbrev::tui::Context {
        lang: Lang::Sv,
        today: ctx_today,
    };
    let mut app = nyhetsbrev::tui::App::new(corpus, &ctx, nyhetsbrev::tui::theme::Theme::mono());
    app.update(nyhetsbrev::tui::action::Action::Resize(120, 40));
    let mut h = Harness {
        app,
        term: ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("term"),
    };
    h.draw();
    let p = ui::panes(h.app.screen());
    let side: String = (p.right.y..p.right.bottom())
        .map(|y| h.region(p.right.x + 1, p.right.right() - 1, y))
        .collect::<Vec<_>>()
        .join(" ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    assert!(
        side.contains("Inga kommande möten från 1 jan 2030."),
        "{side}"
    );
    assert!(side.contains("Kalendern i det senaste numret"), "{side}");
    assert!(side.contains("Kommundirektörsmöte"), "{side}");
    // The newest issue's calendar, every date past, so dimmed.
    let buf = h.term.backend().buffer();
    let row = (p.right.y..p.right.bottom())
        .find(|y| {
            h.region(p.right.x, p.right.right(), *y)
                .contains("fre 3 okt")
        })
        .expect("the calendar lists 3 October");
    let x = (p.right.x..p.right.right())
        .find(|x| buf[(*x, row)].symbol() == "3")
        .expect("the day");
    assert!(buf[(x, row)].modifier.contains(Modifier::DIM));
}

#[test]
fn enter_on_a_meeting_opens_the_article_that_announced_it() {
    let mut h = fixture(120, 40);
    h.key(KeyCode::Tab).key(KeyCode::Tab);
    assert_eq!(h.app.focus, Focus::Meetings);
    h.key(KeyCode::Enter);
    assert_eq!(h.app.view, View::Article(0, 2));
    assert_eq!(h.app.focus, Focus::Article);
    assert!(h.screen().contains("Kommundirektörsmöte, 3 oktober"));
}

#[test]
fn issues_expand_and_articles_open_with_vi_keys_and_arrows() {
    let mut h = fixture(120, 40);
    assert_eq!(h.app.view, View::Issue(0));
    assert!(h.screen().contains("Innehåll"));
    h.keys("l");
    assert!(h.screen().contains("Gymnasiemässan slog rekord"));
    h.key(KeyCode::Down).keys("j");
    assert_eq!(h.app.view, View::Article(0, 1));
    h.key(KeyCode::Enter);
    assert_eq!(h.app.focus, Focus::Article);
    let s = h.screen();
    assert!(s.contains("→ Läs mer om gymnasieantagningen"), "{s}");
    assert!(s.contains("• Digital mässa för elever"));
    assert!(s.contains("Kontakt"));
    assert!(s.contains("karin.soffiantini-yildiz@storsthlm.se"));
    assert!(s.contains("Nämns i artikeln"));
    assert!(
        s.contains("Gemensam gymnasieregion"),
        "topic path in the header"
    );
    // h goes back to the list, h again collapses the issue.
    h.keys("h");
    assert_eq!(h.app.focus, Focus::Left);
    h.key(KeyCode::Left);
    assert_eq!(h.app.view, View::Issue(0));
    assert!(!h.app.expanded[0]);
}

#[test]
fn the_article_scrolls_by_page_wheel_and_to_the_ends() {
    let mut h = fixture(80, 24);
    h.keys("ljj").key(KeyCode::Enter);
    let max = h.app.max_scroll();
    assert!(max > 0, "the article is longer than the pane");
    h.keys(" ");
    assert!(h.app.scroll > 0);
    h.keys("g");
    assert_eq!(h.app.scroll, 0);
    h.keys("G");
    assert_eq!(h.app.scroll, max);
    assert!(h.screen().contains(&format!("av {}", h.app.article_len())));
    h.key(KeyCode::PageUp).keys("g");
    let p = ui::panes(h.app.screen());
    h.wheel_down(p.center.x + 5, p.center.y + 5);
    assert_eq!(h.app.scroll, 3.min(max));
}

#[test]
fn tab_and_shift_tab_cycle_the_panes() {
    let mut h = fixture(80, 24);
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, Focus::Article);
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, Focus::Meetings);
    h.key(KeyCode::Tab);
    assert_eq!(h.app.focus, Focus::Left);
    h.key(KeyCode::BackTab);
    assert_eq!(h.app.focus, Focus::Meetings);
}

#[test]
fn t_switches_to_the_topic_tree_with_counts_and_back() {
    let mut h = fixture(120, 40);
    h.keys("t");
    assert_eq!(h.app.left, LeftMode::Topics);
    let s = h.screen();
    assert!(s.contains("Ämnen"));
    assert!(s.contains("Gemensam gymnasieregion (1)"), "{s}");
    assert!(s.contains("Intervjuer (1)"));
    h.keys("l");
    h.keys("j");
    assert_eq!(
        h.app.view,
        View::Article(0, 1),
        "the cursor previews the article"
    );
    h.keys("t");
    assert_eq!(h.app.left, LeftMode::Issues);
    assert!(
        h.app.expanded[0],
        "the article is revealed in the issue list"
    );
}

#[test]
fn jump_folds_swedish_letters_and_highlights_the_match() {
    let mut h = fixture(120, 40);
    h.keys("/asa");
    let Some(Overlay::Jump(st)) = h.app.overlays.last() else {
        panic!("the jump popup is open");
    };
    let first = &h.app.corpus.candidates()[st.hits[0].index];
    assert!(first.text.contains("Åsa Danielsson"));
    assert!(h.screen().contains("Åsa Danielsson"));
    // The matched letters are drawn emphasised.
    let buf = h.term.backend().buffer();
    let a = (0..buf.area.height)
        .flat_map(|y| (0..buf.area.width).map(move |x| (x, y)))
        .find(|&(x, y)| buf[(x, y)].symbol() == "Å")
        .expect("Å on screen");
    assert!(buf[a].modifier.contains(Modifier::UNDERLINED));
    // Ctrl-K opens the same popup; Esc closes it.
    h.key(KeyCode::Esc).ctrl('k');
    assert_eq!(h.app.mode(), Mode::Jump);
    h.keys("osterberg");
    assert!(h.screen().contains("Sven-Erik Österberg"));
    h.key(KeyCode::Esc);
    assert!(h.app.overlays.is_empty());
}

#[test]
fn jumping_to_a_person_opens_their_card_over_their_latest_article() {
    let mut h = fixture(120, 40);
    h.keys("/soffiantini");
    let Some(Overlay::Jump(st)) = h.app.overlays.last() else {
        panic!("the jump popup is open");
    };
    let pos = st
        .hits
        .iter()
        .position(|hit| h.app.corpus.candidates()[hit.index].kind == JumpKind::Person)
        .expect("a person matches");
    for _ in 0..pos {
        h.key(KeyCode::Down);
    }
    h.key(KeyCode::Enter);
    assert_eq!(h.app.mode(), Mode::Card);
    let s = h.screen();
    assert!(s.contains("Kontaktperson för"), "{s}");
    assert!(s.contains("Nämns i"));
    assert!(
        s.contains("tf chef för Gymnasieantagningen"),
        "every role: {s}"
    );
    // Behind the card: the newest article she is the contact for.
    assert_eq!(h.app.view, View::Article(0, 1));
    h.key(KeyCode::Esc);
    assert!(h.app.overlays.is_empty());
    assert!(h.screen().contains("Karin Soffiantini-Yildiz"));
}

#[test]
fn contacts_filter_as_you_type_and_open_a_card_and_an_article() {
    let mut h = fixture(120, 40);
    h.keys("c");
    let s = h.screen();
    for col in ["Namn", "Roll", "Organisation", "E-post"] {
        assert!(s.contains(col), "{col}: {s}");
    }
    assert!(s.contains("Johan von Sydow"));
    h.keys("osterberg");
    let s = h.screen();
    assert!(s.contains("Sven-Erik Österberg"));
    assert!(!s.contains("Johan von Sydow"), "{s}");
    h.key(KeyCode::Backspace).ctrl('u');
    assert!(h.screen().contains("Johan von Sydow"));
    h.keys("landshövding").key(KeyCode::Enter);
    assert_eq!(h.app.mode(), Mode::Card);
    h.key(KeyCode::Enter);
    assert!(h.app.overlays.is_empty());
    assert_eq!(h.app.view, View::Article(1, 0));
    assert!(h.screen().contains("Intervju med Åsa Danielsson"));
}

#[test]
fn the_help_lists_every_bound_key() {
    let h = fixture(120, 40);
    let help = text_lines(&ui::help::lines(&h.app, 200));
    for mode in Mode::ALL {
        for (key, _) in h.app.keymap.bindings(mode) {
            let label = key.label();
            assert!(
                help.split_whitespace().any(|w| w == label),
                "{label} ({mode:?}) missing from help:\n{help}"
            );
        }
    }
}

#[test]
fn the_help_overlay_opens_scrolls_and_closes() {
    let mut h = fixture(80, 24);
    h.keys("?");
    let s = h.screen();
    assert!(s.contains("Hjälp – tangenter"));
    assert!(s.contains("Hoppa till (sök)"));
    h.keys("G");
    let s = h.screen();
    assert!(
        s.contains("Mushjulet"),
        "the end of the help is reachable: {s}"
    );
    h.keys("?");
    assert!(h.app.overlays.is_empty());
    h.keys("?").key(KeyCode::Esc);
    assert!(h.app.overlays.is_empty());
}

#[test]
fn status_bar_shows_where_you_are_and_keys_from_the_key_map() {
    let mut h = fixture(120, 40);
    let last = |h: &Harness| h.screen().lines().last().unwrap_or("").to_string();
    let s = last(&h);
    assert!(s.contains("Nummer › 30 sep 2025"), "{s}");
    assert!(s.contains("/ sök") && s.contains("? hjälp"), "{s}");
    assert!(
        !s.contains("inbyggda"),
        "a folder corpus is not the bundled one"
    );
    h.keys("/");
    let s = last(&h);
    assert!(s.contains("Esc stäng"), "{s}");
}

#[test]
fn the_bundled_corpus_says_so_in_the_status_bar() {
    let h = Harness::with(Corpus::embedded(), Lang::Sv, 100, 30);
    let s = h.screen();
    assert!(
        s.lines().last().unwrap_or("").contains("inbyggda nummer"),
        "{s}"
    );
}

#[test]
fn english_on_request() {
    let h = Harness::with(common::fixture::corpus(), Lang::En, 120, 40);
    let s = h.screen();
    assert!(s.contains("Issues (2)"), "{s}");
    assert!(s.contains("Meetings from 1 Oct 2025"), "{s}");
    assert!(s.contains("OCTOBER 2025"));
    assert!(s.contains("? help"));
}

#[test]
fn q_and_ctrl_c_quit_but_q_is_typed_in_a_query() {
    let mut h = fixture(80, 24);
    h.keys("/q");
    assert!(!h.app.quit);
    h.ctrl('c');
    assert!(h.app.quit);
    let mut h = fixture(80, 24);
    h.keys("q");
    assert!(h.app.quit);
}

#[test]
fn never_panics_at_tiny_sizes_and_says_when_too_small() {
    for w in 1..=12u16 {
        for ht in 1..=6u16 {
            let mut h = fixture(w, ht);
            h.keys("/a")
                .key(KeyCode::Esc)
                .keys("c")
                .key(KeyCode::Esc)
                .keys("?");
            h.keys("jG").key(KeyCode::Esc).keys("tljj ");
        }
    }
    let h = fixture(63, 24);
    let s = h.screen();
    assert!(s.contains("Fönstret är för litet"), "{s}");
    assert_eq!(s.lines().filter(|l| !l.trim().is_empty()).count(), 1);
}

#[test]
fn survives_a_resize_storm_and_recovers() {
    let mut h = fixture(80, 24);
    h.keys("ljj").key(KeyCode::Enter).keys("/so");
    let mut seed: u32 = 7;
    for _ in 0..200 {
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let w = 1 + (seed >> 16) as u16 % 200;
        seed = seed.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let ht = 1 + (seed >> 16) as u16 % 70;
        h.resize(w, ht);
        if seed.is_multiple_of(3) {
            h.key(KeyCode::Down);
        }
    }
    h.key(KeyCode::Esc).resize(80, 24);
    let s = h.screen();
    assert!(s.contains("Nummer") && s.contains("Artikel"), "{s}");
    assert!(h.app.scroll <= h.app.max_scroll());
}

#[test]
fn no_color_keeps_focus_and_selection_visible() {
    let h = fixture(80, 24);
    let buf = h.term.backend().buffer();
    // The selected row of the focused list is reversed and bold.
    let (x, y) = (1u16, 1u16);
    assert!(
        buf[(x, y)].modifier.contains(Modifier::REVERSED),
        "{:?}",
        buf[(x, y)]
    );
    // No colours at all.
    for cell in buf.content() {
        assert_eq!(cell.fg, Color::Reset);
        assert_eq!(cell.bg, Color::Reset);
    }
}

#[test]
fn the_colour_theme_uses_only_the_sixteen_base_colours() {
    let ctx = nyhetsbrev::tui::Context {
        lang: Lang::Sv,
        today: common::today(),
    };
    let mut app = nyhetsbrev::tui::App::new(
        common::fixture::corpus(),
        &ctx,
        nyhetsbrev::tui::theme::Theme::colored(),
    );
    app.update(nyhetsbrev::tui::action::Action::Resize(120, 40));
    let mut h = Harness {
        app,
        term: ratatui::Terminal::new(ratatui::backend::TestBackend::new(120, 40)).expect("term"),
    };
    h.keys("ljj").keys("/so");
    for cell in h.term.backend().buffer().content() {
        for c in [cell.fg, cell.bg] {
            assert!(
                !matches!(c, Color::Rgb(..) | Color::Indexed(_)),
                "{c:?} is not a base colour"
            );
        }
    }
}

#[test]
fn document_text_cannot_reach_the_terminal_as_control_sequences() {
    let mut corpus = common::fixture::corpus();
    let evil = "Ond\u{1b}]52;c;SGVsbG8=\u{7} titel\u{1b}[2J\u{9b}31m\u{202e}";
    corpus.issues[0].title = evil.into();
    corpus.issues[0].articles[1].title = evil.into();
    corpus.issues[0].articles[1].blocks[0] =
        nyhetsbrev::corpus::Block::Paragraph(format!("Text {evil} mer"));
    corpus.people[0].name = evil.into();
    let mut h = Harness::with(corpus, Lang::Sv, 120, 40);
    h.keys("ljj");
    let mut screens = vec![h.screen()];
    h.keys("/ond");
    screens.push(h.screen());
    h.key(KeyCode::Esc).keys("c");
    screens.push(h.screen());
    for s in screens {
        assert!(s.contains("Ond"), "{s}");
        assert!(
            !s.chars().any(nyhetsbrev::sanitize::is_unsafe),
            "control characters on screen"
        );
    }
}

#[test]
fn keys_handled_before_a_frame_use_the_next_frames_layout() {
    // Scrolling reads the article's length from the frame that drew it;
    // keys that change the article and scroll before the next frame end
    // where they would have with a frame between them.
    let mut h = Harness::new(80, 24);
    h.keys("ljj").key(KeyCode::Enter);
    for c in ['h', 'j', 'l', 'G'] {
        h.app.handle_event(&Event::Key(KeyEvent::new(
            KeyCode::Char(c),
            KeyModifiers::NONE,
        )));
    }
    h.draw();
    assert_eq!(h.app.view, View::Article(0, 2));
    assert!(h.app.max_scroll() > 0);
    assert_eq!(h.app.scroll, h.app.max_scroll());
    let total = h.app.article_len();
    assert!(
        h.screen().contains(&format!("av {total}")),
        "{}",
        h.screen()
    );
    // Back up by one line: one key, one line.
    h.keys("k");
    assert_eq!(h.app.scroll, h.app.max_scroll() - 1);
}

#[test]
fn full_text_search_opens_the_article_scrolled_to_a_hit_in_its_body() {
    let mut h = Harness::new(80, 24);
    // A long word from the last paragraph of a long article that is in no
    // article's title and in one article's text only: only a search of the
    // bodies finds it, and the hit is below the first screen.
    let corpus = common::corpus();
    let titles: Vec<String> = corpus
        .issues
        .iter()
        .flat_map(|i| i.articles.iter().map(|a| a.title.to_lowercase()))
        .collect();
    let bodies: Vec<String> = corpus
        .issues
        .iter()
        .flat_map(|i| i.articles.iter().map(|a| a.body().to_lowercase()))
        .collect();
    let word = corpus
        .issues
        .iter()
        .flat_map(|i| i.articles.iter())
        .filter(|a| a.body().lines().count() > 30)
        .filter_map(|a| {
            let body = a.body();
            let last = body
                .lines()
                .rev()
                .find(|l| l.split_whitespace().count() > 5)?;
            last.split_whitespace()
                .map(|w| w.trim_matches(|c: char| !c.is_alphabetic()).to_lowercase())
                .find(|w| {
                    w.chars().count() >= 9
                        && w.chars().all(char::is_alphabetic)
                        && titles.iter().all(|t| !t.contains(w.as_str()))
                        && bodies.iter().filter(|b| b.contains(w.as_str())).count() == 1
                        // Word forms count too: no other article's text may
                        // hold an inflection of it ("nätverken", "nätverk").
                        && nyhetsbrev::corpus::search::articles(&corpus, w).len() == 1
                })
        })
        .next()
        .expect("a long article with a word of its own near its end");
    h.keys("s").keys(&word);
    assert_eq!(h.app.mode(), Mode::Jump);
    let Some(Overlay::Search(st)) = h.app.overlays.last() else {
        panic!("the search popup is open");
    };
    let hit = &st.hits[0];
    assert!(!hit.title.to_lowercase().contains(&word));
    assert!(h.screen().contains("1 träff"), "{}", h.screen());
    let (issue, article) = (hit.issue, hit.article);
    h.key(KeyCode::Enter);
    assert!(h.app.overlays.is_empty());
    assert_eq!(h.app.view, View::Article(issue, article));
    assert!(h.app.scroll > 0, "scrolled down to the hit");
    let p = ui::panes(h.app.screen());
    let pane: String = (p.center.y..p.center.bottom())
        .map(|y| h.region(p.center.x, p.center.right(), y).to_lowercase())
        .collect::<Vec<_>>()
        .join("\n");
    assert!(pane.contains(&word), "{word} in view:\n{pane}");
    // The hit is drawn highlighted.
    let buf = h.term.backend().buffer();
    let marked = (p.center.y..p.center.bottom())
        .flat_map(|y| (p.center.x..p.center.right()).map(move |x| (x, y)))
        .any(|(x, y)| buf[(x, y)].modifier.contains(Modifier::UNDERLINED));
    assert!(marked);
}

/// Handle what the event loop would between keys until the search ranking
/// away has shown its hits (at most 20 s).
fn wait_for_search(h: &mut Harness) {
    let start = std::time::Instant::now();
    while h.app.searching() {
        assert!(
            start.elapsed() < std::time::Duration::from_secs(20),
            "the search never ended"
        );
        if h.app.tick() {
            h.draw();
        } else {
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
}

/// The hits the search popup shows.
fn search_hits(h: &Harness) -> Vec<nyhetsbrev::corpus::search::ArticleHit> {
    match h.app.overlays.last() {
        Some(Overlay::Search(st)) => st.hits.clone(),
        _ => panic!("the search popup is not open"),
    }
}

/// On a large library (here: every library) the full-text search ranks
/// on a thread of its own: the popup says it is searching and answers
/// keys meanwhile, then shows the same hits, in the same order and on the
/// same screen, as ranking at once; a newer query's hits replace the
/// older's, whose answer never shows.
#[test]
fn a_search_ranking_away_answers_keys_and_shows_the_hits_ranked_at_once() {
    let mut away = Harness::new(100, 30);
    away.app.search_inline = 0;
    let mut inline = Harness::new(100, 30);
    away.keys("s").keys("psykisk");
    assert!(away.app.searching());
    assert!(away.screen().contains("söker …"), "{}", away.screen());
    assert!(!away.screen().contains("Inga träffar"), "{}", away.screen());
    // Typed on while it ranks: the query line follows every key.
    away.keys(" hälsa");
    assert!(
        away.screen().contains("› psykisk hälsa"),
        "{}",
        away.screen()
    );
    wait_for_search(&mut away);
    inline.keys("s").keys("psykisk hälsa");
    assert!(!inline.app.searching(), "a small library ranks at once");
    let hits = search_hits(&away);
    assert!(hits.len() > 1, "{hits:?}");
    assert_eq!(hits, away.app.corpus.search("psykisk hälsa"));
    assert_eq!(hits, search_hits(&inline));
    assert_eq!(away.screen(), inline.screen());
    // Letters taken back: the hits follow the shorter query.
    for _ in 0..6 {
        away.key(KeyCode::Backspace);
        inline.key(KeyCode::Backspace);
    }
    assert!(away.screen().contains("› psykisk\n") || away.screen().contains("› psykisk "));
    wait_for_search(&mut away);
    assert_eq!(search_hits(&away), search_hits(&inline));
    assert_eq!(away.screen(), inline.screen());
}

/// Enter while a search ranks away opens the best hit of what was typed;
/// closing the popup stops the search.
#[test]
fn enter_waits_for_the_search_ranking_away_and_escape_stops_it() {
    let mut away = Harness::new(100, 30);
    away.app.search_inline = 0;
    let mut inline = Harness::new(100, 30);
    away.keys("s").keys("vattenförsörjning").key(KeyCode::Enter);
    inline
        .keys("s")
        .keys("vattenförsörjning")
        .key(KeyCode::Enter);
    assert!(!away.app.searching());
    assert!(away.app.overlays.is_empty());
    assert_eq!(away.app.view, inline.app.view);
    assert!(matches!(away.app.view, View::Article(..)));
    assert_eq!(away.screen(), inline.screen());
    away.keys("s").keys("samverkan");
    assert!(away.app.searching());
    away.key(KeyCode::Esc);
    assert!(!away.app.searching());
    assert!(away.app.overlays.is_empty());
}

/// A new library while a search ranks away (the whole folder arriving, a
/// file changed): the search of the old library is dropped, and the hits
/// shown are ranked on the new one.
#[test]
fn a_new_library_drops_the_search_of_the_old_one() {
    let mut away = Harness::new(100, 30);
    away.app.search_inline = 0;
    away.keys("s").keys("kommunerna");
    assert!(away.app.searching());
    let mut fewer = common::corpus();
    fewer.issues.remove(0);
    away.app.replace_corpus(fewer.into());
    assert!(!away.app.searching(), "the old library's search is stopped");
    away.draw();
    wait_for_search(&mut away);
    let hits = search_hits(&away);
    assert!(!hits.is_empty());
    assert_eq!(hits, away.app.corpus.search("kommunerna"));
}
