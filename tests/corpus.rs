//! The core corpus: the bundled issues read into issues, articles,
//! meetings, people and topics — and the same reading when the files are
//! re-encoded, re-wrapped or renamed.

mod common;

use std::collections::HashMap;

use chrono::NaiveDate;
use encoding_rs::WINDOWS_1252;
use nyhetsbrev::corpus::read::SourceFile;
use nyhetsbrev::corpus::{ArticleKind, Block, Corpus, IssueKind, MeetingSource, WarningKind};

fn export(corpus: &Corpus) -> serde_json::Value {
    serde_json::to_value(corpus).unwrap()
}

fn assert_golden(corpus: &Corpus, rename: &dyn Fn(&str) -> String) {
    let fails = common::golden::check(&export(corpus), rename);
    assert!(
        fails.is_empty(),
        "{} golden checks failed:\n{}",
        fails.len(),
        fails.join("\n")
    );
}

fn same(s: &str) -> String {
    s.to_string()
}

/// The bundled corpus with each text transformed into bytes.
fn variant(f: impl Fn(&str) -> Vec<u8>) -> Corpus {
    let files = common::corpus_texts()
        .into_iter()
        .map(|(name, text)| SourceFile {
            name,
            bytes: f(&text),
        })
        .collect();
    let mut warnings = Vec::new();
    Corpus::from_files(files, &mut warnings)
}

/// Hard-wrap every line longer than `width` with a wrapping algorithm.
fn wrap_lines(text: &str, width: usize, algorithm: textwrap::WrapAlgorithm) -> String {
    text.split('\n')
        .flat_map(|l| {
            if l.chars().count() > width {
                let opts = textwrap::Options::new(width).wrap_algorithm(algorithm);
                textwrap::wrap(l, opts)
                    .into_iter()
                    .map(|c| c.into_owned())
                    .collect::<Vec<_>>()
            } else {
                vec![l.to_string()]
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Hard-wrap greedily, as a text editor or mail client would.
fn rewrap(text: &str, width: usize) -> String {
    wrap_lines(text, width, textwrap::WrapAlgorithm::FirstFit)
}

#[test]
fn bundled_corpus_reads_as_the_golden_file_says() {
    let corpus = Corpus::load(&common::issues_dir()).unwrap();
    assert_eq!(corpus.issues.len(), 5);
    assert_golden(&corpus, &same);
}

#[test]
fn the_embedded_corpus_is_the_bundled_folder() {
    let folder = Corpus::load(&common::issues_dir()).unwrap();
    let embedded = Corpus::embedded();
    assert_eq!(export(&folder), export(&embedded));
}

#[test]
fn windows_1252_with_crlf_reads_the_same() {
    let c = variant(|t| WINDOWS_1252.encode(&t.replace('\n', "\r\n")).0.into_owned());
    assert!(c.issues.iter().all(|i| i.encoding == "windows-1252"));
    assert_golden(&c, &same);
}

#[test]
fn utf16_with_bom_and_crlf_reads_the_same() {
    let le = variant(|t| {
        let mut b = vec![0xFF, 0xFE];
        b.extend(
            t.replace('\n', "\r\n")
                .encode_utf16()
                .flat_map(|u| u.to_le_bytes()),
        );
        b
    });
    assert_golden(&le, &same);
    let be = variant(|t| {
        let mut b = vec![0xFE, 0xFF];
        b.extend(t.encode_utf16().flat_map(|u| u.to_be_bytes()));
        b
    });
    assert_golden(&be, &same);
}

#[test]
fn utf8_bom_and_old_mac_line_endings_read_the_same() {
    assert_golden(
        &variant(|t| [b"\xEF\xBB\xBF".as_slice(), t.as_bytes()].concat()),
        &same,
    );
    assert_golden(&variant(|t| t.replace('\n', "\r").into_bytes()), &same);
}

#[test]
fn hard_wrapped_at_72_columns_reads_the_same() {
    let at_72 = variant(|t| rewrap(t, 72).into_bytes());
    assert_golden(&at_72, &same);
    assert_same_topics(&at_72);
}

#[test]
fn wrapped_by_a_line_balancing_wrapper_reads_the_same() {
    // textwrap's optimal-fit algorithm breaks lines short of the margin to
    // even them out (editors and mail clients fill greedily).
    let balanced = |t: &str, w: usize| wrap_lines(t, w, textwrap::WrapAlgorithm::new_optimal_fit());
    assert_golden(&variant(|t| balanced(t, 72).into_bytes()), &same);
}

/// Every article of the bundled corpus that a variant reads with the same
/// title is filed under the same topic (a document's section under the same
/// sub-topic: the document's own node is named after its title line, which
/// re-wrapping may cut).
fn assert_same_topics(variant: &Corpus) {
    let original = Corpus::embedded();
    let topics = |c: &Corpus| -> HashMap<(String, String), Vec<String>> {
        c.issues
            .iter()
            .flat_map(|i| {
                let doc = i.kind == IssueKind::Document;
                i.articles.iter().map(move |a| {
                    let topic = match (doc, a.topic.last()) {
                        (true, Some(last)) => vec![last.clone()],
                        _ => a.topic.clone(),
                    };
                    ((i.source.clone(), a.title.clone()), topic)
                })
            })
            .collect()
    };
    let (want, got) = (topics(&original), topics(variant));
    let mut compared = 0;
    let mut wrong = Vec::new();
    for (key, topic) in &got {
        if let Some(w) = want.get(key) {
            if topic != w {
                wrong.push(format!("{key:?}: {topic:?}, not {w:?}"));
            }
            compared += 1;
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert!(
        compared * 10 >= want.len() * 9,
        "{compared} of {}",
        want.len()
    );
}

#[test]
fn hard_wrapped_at_60_and_80_columns_reads_the_same() {
    let at_60 = variant(|t| rewrap(t, 60).into_bytes());
    assert_golden(&at_60, &same);
    assert_same_topics(&at_60);
    let at_80 = variant(|t| {
        WINDOWS_1252
            .encode(&rewrap(t, 80).replace('\n', "\r\n"))
            .0
            .into_owned()
    });
    assert_golden(&at_80, &same);
    assert_same_topics(&at_80);
}

#[test]
fn other_file_names_read_the_same() {
    let texts = common::corpus_texts();
    let mut names = HashMap::new();
    let files = texts
        .into_iter()
        .enumerate()
        .map(|(i, (name, text))| {
            let new = format!("nummer-{}.TXT", 9 - i);
            names.insert(new.clone(), name);
            SourceFile {
                name: new,
                bytes: text.into_bytes(),
            }
        })
        .collect();
    let corpus = Corpus::from_files(files, &mut Vec::new());
    assert_golden(&corpus, &|s| {
        names.get(s).cloned().unwrap_or_else(|| s.to_string())
    });
}

#[test]
fn a_folder_of_re_encoded_files_loads_from_disk() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in common::corpus_texts() {
        let bytes = WINDOWS_1252
            .encode(&rewrap(&text, 72).replace('\n', "\r\n"))
            .0
            .into_owned();
        std::fs::write(dir.path().join(name), bytes).unwrap();
    }
    let corpus = Corpus::load(dir.path()).unwrap();
    assert_golden(&corpus, &same);
}

#[test]
fn the_calendars_hold_69_meetings_with_years_across_new_year() {
    let corpus = Corpus::embedded();
    let calendar: Vec<_> = corpus
        .issues
        .iter()
        .flat_map(|i| &i.meetings)
        .filter(|m| m.from == MeetingSource::Calendar)
        .collect();
    assert_eq!(calendar.len(), 69);
    let dec2018 = corpus
        .issues
        .iter()
        .find(|i| i.source.starts_with("001"))
        .unwrap();
    let jan: Vec<_> = dec2018
        .meetings
        .iter()
        .filter(|m| m.date.format("%m").to_string() == "01")
        .collect();
    assert!(
        !jan.is_empty()
            && jan
                .iter()
                .all(|m| m.date.format("%Y").to_string() == "2019")
    );
    let from = NaiveDate::from_ymd_opt(2025, 11, 20).unwrap();
    let to = NaiveDate::from_ymd_opt(2025, 11, 30).unwrap();
    let window = corpus
        .all_meetings()
        .into_iter()
        .filter(|(_, m)| m.date >= from && m.date <= to)
        .count();
    assert_eq!(window, 7);
}

#[test]
fn event_block_and_calendar_line_are_one_meeting_keeping_the_time() {
    let corpus = Corpus::embedded();
    let apr2021 = corpus
        .issues
        .iter()
        .find(|i| i.source.starts_with("002"))
        .unwrap();
    let m: Vec<_> = apr2021
        .meetings
        .iter()
        .filter(|m| m.title == "Mötesplats Stockholmsregionen")
        .collect();
    assert_eq!(m.len(), 1);
    assert_eq!(
        m[0].start.map(|t| t.format("%H:%M").to_string()).as_deref(),
        Some("09:00")
    );
    assert_eq!(
        m[0].end.map(|t| t.format("%H:%M").to_string()).as_deref(),
        Some("10:30")
    );
}

#[test]
fn kinds_dates_and_article_kinds() {
    let corpus = Corpus::embedded();
    let by = |p: &str| {
        corpus
            .issues
            .iter()
            .find(|i| i.source.starts_with(p))
            .unwrap()
    };
    assert_eq!(by("003").kind, IssueKind::Document);
    assert!(by("003").meetings.is_empty());
    assert_eq!(
        by("003")
            .date
            .map(|d| d.format("%Y").to_string())
            .as_deref(),
        Some("2023")
    );
    // Newest first.
    let dates: Vec<_> = corpus.issues.iter().map(|i| i.date).collect();
    assert!(dates.windows(2).all(|w| w[0] >= w[1]), "{dates:?}");
    assert_eq!(by("001").articles[0].kind, ArticleKind::Leader);
    assert!(by("004")
        .articles
        .iter()
        .any(|a| a.kind == ArticleKind::Board));
    assert!(by("002")
        .articles
        .iter()
        .any(|a| a.kind == ArticleKind::Interview));
    // The table of contents is not turned into articles.
    assert!(!by("000")
        .articles
        .iter()
        .any(|a| a.title == "Ur innehållet"));
}

#[test]
fn articles_keep_captions_links_and_lists_apart_from_the_body() {
    let corpus = Corpus::embedded();
    let all: Vec<_> = corpus.issues.iter().flat_map(|i| &i.articles).collect();
    let yrkesresa = all
        .iter()
        .find(|a| a.title.starts_with("Ny yrkesresa"))
        .unwrap();
    // The photo of Anna Widing, set beside this article, belongs to the
    // next one, where she is quoted.
    assert!(!yrkesresa.body().contains("Foto:"));
    assert!(yrkesresa.captions().iter().all(|c| !c.contains("Widing")));
    let serie = all
        .iter()
        .find(|a| a.title.contains("Seminarieserien är ett stöd"))
        .unwrap();
    assert!(serie
        .captions()
        .iter()
        .any(|c| c.contains("Foto: Ulrika Pudas")));
    // A pull-out heading of the platform document heads the next section
    // instead of ending the one before.
    let pull_out = "Medborgarperspektivet i fokus";
    assert!(all.iter().all(|a| !a.body().trim_end().ends_with(pull_out)));
    assert!(all
        .iter()
        .any(|a| a.blocks.first() == Some(&Block::Heading(pull_out.into()))));
    // The PDF page break inside a sentence is healed around the caption.
    assert!(
        yrkesresa
            .body()
            .contains("tredje resa, \"Skadligt bruk och beroende\", i Stockholms län."),
        "{}",
        yrkesresa.body()
    );
    let vatten = all
        .iter()
        .find(|a| a.title == "Vattenforum Stockholm 20 år")
        .unwrap();
    assert_eq!(vatten.links(), ["Läs mer och anmäl dig här"]);
    assert!(
        vatten.body().contains("vatten- och avloppsförsörjningen"),
        "hyphen before och kept"
    );
    let samrad = all
        .iter()
        .find(|a| a.title.starts_with("Uppstart med länets"))
        .unwrap();
    assert!(samrad.body().contains("• Personer med missbruk/beroende."));
}

#[test]
fn topic_tree_has_the_platform_areas_on_top_and_counts() {
    let corpus = Corpus::embedded();
    let names: Vec<&str> = corpus.topics.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names[0], "Gemensam gymnasieregion");
    for want in [
        "Digitalisering",
        "Social välfärd",
        "Ledare",
        "Styrelsen",
        "Kalendarium",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
    // Every article is in the tree; the only ones filed twice are those a
    // label puts under one area while their title names a priority area.
    fn refs(node: &nyhetsbrev::corpus::TopicNode, out: &mut Vec<(String, usize, String)>) {
        for a in &node.articles {
            out.push((a.issue.to_string(), a.article, node.name.clone()));
        }
        node.children.iter().for_each(|c| refs(c, out));
    }
    let mut all = Vec::new();
    for root in &corpus.topics {
        let mut mine = Vec::new();
        refs(root, &mut mine);
        assert_eq!(root.count, mine.len(), "{}", root.name);
        all.extend(mine.into_iter().map(|(i, a, _)| (i, a, root.name.clone())));
    }
    let articles: usize = corpus.issues.iter().map(|i| i.articles.len()).sum();
    let mut seen: Vec<(String, usize)> = all.iter().map(|(i, a, _)| (i.clone(), *a)).collect();
    seen.sort();
    seen.dedup();
    assert_eq!(seen.len(), articles);
    let priority = [
        "Gemensam gymnasieregion",
        "God och nära vård och omsorg",
        "Infrastruktur",
        "Digitalisering",
    ];
    for (issue, ai) in &seen {
        let roots: Vec<&str> = all
            .iter()
            .filter(|(i, a, _)| i == issue && a == ai)
            .map(|(_, _, r)| r.as_str())
            .collect();
        let article = &corpus
            .issues
            .iter()
            .find(|i| &i.source == issue)
            .unwrap()
            .articles[*ai];
        // The article's own path keeps its labelled area; the second filing
        // is always a priority area.
        assert!(roots.contains(&article.topic[0].as_str()), "{roots:?}");
        assert!(roots.len() <= 2, "{roots:?}");
        assert!(
            roots
                .iter()
                .all(|r| *r == article.topic[0] || priority.contains(r)),
            "{roots:?}"
        );
    }
    let vard = corpus
        .topics
        .iter()
        .find(|t| t.name == "God och nära vård och omsorg")
        .unwrap();
    assert!(vard
        .articles
        .iter()
        .any(|a| a.title.contains("utskrivning")));
}

#[test]
fn the_people_directory_is_in_swedish_order_with_a_ring_a_umlaut_o_umlaut_after_z() {
    let corpus = Corpus::embedded();
    let at = |name: &str| {
        corpus
            .people
            .iter()
            .position(|p| p.name == name)
            .unwrap_or_else(|| panic!("{name} in the directory"))
    };
    assert!(at("David Norman") < at("Ulrika Pudas"));
    assert!(at("Ulrika Pudas") < at("Sven-Erik Österberg"));
}

#[test]
fn the_people_directory_merges_across_issues() {
    let corpus = Corpus::embedded();
    let karin = corpus
        .people
        .iter()
        .find(|p| p.name == "Karin Soffiantini-Yildiz")
        .unwrap();
    assert_eq!(karin.issues.len(), 2);
    assert!(karin
        .roles
        .iter()
        .any(|r| r.contains("chef för Gymnasieantagningen")));
    assert!(!karin.contact_for.is_empty() && !karin.mentioned_in.is_empty());
}

#[test]
fn a_hand_written_ron_issue_replaces_the_parsed_one() {
    let corpus = Corpus::embedded();
    let mut issue = corpus
        .issues
        .iter()
        .find(|i| i.source.starts_with("004"))
        .unwrap()
        .clone();
    issue.articles[0].title = "Rättad rubrik".into();
    issue.articles[0].blocks.clear();
    issue.articles[0].topic.clear();
    let ron = ron::ser::to_string_pretty(&issue, ron::ser::PrettyConfig::new()).unwrap();
    // Authored with a plain body only (and no blocks).
    assert!(ron.contains(r#"body: "","#) && ron.contains("blocks: [],"));
    let ron = ron.replacen(
        r#"body: "","#,
        r#"body: "Första stycket.\n\n• en punkt\n• en till","#,
        1,
    );
    let mut files: Vec<SourceFile> = common::corpus_texts()
        .into_iter()
        .map(|(name, text)| SourceFile {
            name,
            bytes: text.into_bytes(),
        })
        .collect();
    files.push(SourceFile {
        name: "004_a1ec89f6c8d5912f.ron".into(),
        bytes: ron.into_bytes(),
    });
    let c = Corpus::from_files(files, &mut Vec::new());
    assert_eq!(c.issues.len(), 5);
    let fixed = c
        .issues
        .iter()
        .find(|i| i.id == "004_a1ec89f6c8d5912f")
        .unwrap();
    assert_eq!(fixed.articles[0].title, "Rättad rubrik");
    assert_eq!(
        fixed.articles[0].blocks.len(),
        2,
        "body split into a paragraph and a list"
    );
    assert!(!fixed.articles[0].topic.is_empty(), "filed under a topic");
}

#[test]
fn export_as_ron_reads_back() {
    let corpus = Corpus::embedded();
    let text = nyhetsbrev::commands::export::to_ron(&corpus).unwrap();
    #[derive(serde::Deserialize)]
    struct Back {
        issues: Vec<nyhetsbrev::corpus::Issue>,
    }
    let back: Back = ron::from_str(&text).unwrap();
    assert_eq!(back.issues, corpus.issues);
}

#[test]
fn bad_files_are_skipped_with_a_warning_and_the_rest_load() {
    let mut files: Vec<SourceFile> = common::corpus_texts()
        .into_iter()
        .map(|(name, text)| SourceFile {
            name,
            bytes: text.into_bytes(),
        })
        .collect();
    files.push(SourceFile {
        name: "bild.txt".into(),
        bytes: b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0".to_vec(),
    });
    files.push(SourceFile {
        name: "tom.txt".into(),
        bytes: Vec::new(),
    });
    files.push(SourceFile {
        name: "trasig.ron".into(),
        bytes: b"(issues: [".to_vec(),
    });
    files.push(SourceFile {
        name: "odaterad.txt".into(),
        bytes: "Rubrik\n\nText utan datum.\n".into(),
    });
    let mut warnings = Vec::new();
    let c = Corpus::from_files(files, &mut warnings);
    assert_eq!(c.issues.len(), 6);
    for (file, kind) in [
        ("bild.txt", WarningKind::Unreadable),
        ("tom.txt", WarningKind::Unreadable),
        ("trasig.ron", WarningKind::Unreadable),
        ("odaterad.txt", WarningKind::Undated),
    ] {
        assert!(
            warnings.iter().any(|w| w.source == file && w.kind == kind),
            "{file}: {warnings:?}"
        );
    }
}

#[test]
fn an_issue_from_another_year_in_the_same_style() {
    let c = Corpus::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .unwrap();
    let i = c
        .issues
        .iter()
        .find(|i| i.source == "nyhetsbrev_2019_mars.txt")
        .unwrap();
    assert_eq!(i.date, NaiveDate::from_ymd_opt(2019, 2, 14));
    let titles: Vec<(&str, Option<&str>, ArticleKind)> = i
        .articles
        .iter()
        .map(|a| (a.title.as_str(), a.section.as_deref(), a.kind))
        .collect();
    assert_eq!(
        titles,
        [
            ("Ett år av samarbete", None, ArticleKind::Leader),
            (
                "Fler nyanlända i arbete genom regional samverkan",
                Some("ARBETSMARKNAD"),
                ArticleKind::Article
            ),
            (
                "Energi- och klimatrådgivningen når fler hushåll",
                Some("Klimat & miljö"),
                ArticleKind::Article
            ),
            (
                "\"Vi behöver fler vägar in i socialt arbete\"",
                Some("Intervju med sara lind, socialchef i haninge"),
                ArticleKind::Interview
            ),
            (
                "Sammanfattning från styrelsemötet 14 februari",
                None,
                ArticleKind::Board
            ),
            ("Kalendarium", None, ArticleKind::Calendar),
        ]
    );
    let lena = &i.articles[1].contacts[0];
    assert_eq!(lena.name.as_deref(), Some("Lena Bergström"));
    assert_eq!(lena.email.as_deref(), Some("lena.bergstrom@storsthlm.se"));
    assert_eq!(i.meetings.len(), 4);
    assert_eq!(
        i.meetings[2].date,
        NaiveDate::from_ymd_opt(2019, 3, 21).unwrap()
    );
    assert!(i.articles[3].people.iter().any(|p| p.name == "Sara Lind"));
}

#[test]
fn a_web_article_with_a_dateline_and_a_contact_block() {
    let c = Corpus::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .unwrap();
    let i = c
        .issues
        .iter()
        .find(|i| i.source == "webbartikel_suicidprevention.txt")
        .unwrap();
    assert_eq!(i.date, NaiveDate::from_ymd_opt(2024, 3, 12));
    assert_eq!(i.articles.len(), 1);
    let a = &i.articles[0];
    assert_eq!(a.title, "Ny regional handlingsplan för suicidprevention");
    assert_eq!(a.links(), ["Läs mer om handlingsplanen"]);
    let k = &a.contacts[0];
    assert_eq!(
        (k.name.as_deref(), k.email.as_deref()),
        (Some("Anna Andersson"), Some("anna.andersson@storsthlm.se"))
    );
    assert!(a
        .people
        .iter()
        .any(|p| p.name == "Anna Andersson"
            && p.role.as_deref() == Some("processledare på Storsthlm")));
}

#[test]
fn a_newsletter_forwarded_as_an_e_mail() {
    let c = Corpus::load(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures"))
        .unwrap();
    let i = c
        .issues
        .iter()
        .find(|i| i.source == "vidarebefordrat_mejl.txt")
        .unwrap();
    assert_eq!(i.title, "Senaste nytt från Storsthlm – juni");
    assert_eq!(i.date, NaiveDate::from_ymd_opt(2024, 6, 4));
    let titles: Vec<&str> = i.articles.iter().map(|a| a.title.as_str()).collect();
    assert_eq!(
        titles,
        ["Ny överenskommelse om hemlöshet klar", "Kommande möten"]
    );
    assert_eq!(
        i.articles[0].contacts[0].name.as_deref(),
        Some("Maria Holm")
    );
    let meetings: Vec<_> = i
        .meetings
        .iter()
        .map(|m| (m.title.as_str(), m.date))
        .collect();
    assert_eq!(
        meetings,
        [
            (
                "Strategiskt nätverk socialtjänst",
                NaiveDate::from_ymd_opt(2024, 6, 14).unwrap()
            ),
            (
                "Styrelsemöte",
                NaiveDate::from_ymd_opt(2024, 6, 19).unwrap()
            ),
        ]
    );
}
