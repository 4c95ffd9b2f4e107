//! A small corpus built in code, independent of the text parser, for
//! behaviour that needs people, meetings and topics to be there.

use chrono::{NaiveDate, NaiveTime};
use nyhetsbrev::corpus::topics::Taxonomy;
use nyhetsbrev::corpus::*;

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).expect("valid date")
}

fn t(h: u32, m: u32) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(h, m, 0)
}

fn article(title: &str, section: Option<&str>, kind: ArticleKind, blocks: Vec<Block>) -> Article {
    Article::new(title.into(), section.map(Into::into), kind, blocks)
}

fn meeting(title: &str, date: NaiveDate, start: Option<NaiveTime>, article: usize) -> Meeting {
    Meeting {
        title: title.into(),
        date,
        start,
        end: None,
        from: MeetingSource::Calendar,
        article: Some(article),
    }
}

pub fn corpus() -> Corpus {
    let mut gymnasie = article(
        "Gymnasiemässan slog rekord",
        Some("Gemensam gymnasieregion"),
        ArticleKind::Article,
        vec![
            Block::Paragraph("Över 30 000 besökare kom till mässan i Älvsjö. ".repeat(6)),
            Block::Caption("Karin Soffiantini-Yildiz. Foto: Bengt Säll.".into()),
            Block::List(vec![
                "Digital mässa för elever".into(),
                "Uppstartsträff för studie- och yrkesvägledare".into(),
            ]),
            Block::Link("Läs mer om gymnasieantagningen".into()),
        ],
    );
    gymnasie.people = vec![PersonMention {
        name: "Karin Soffiantini-Yildiz".into(),
        role: Some("chef för Gymnasieantagningen".into()),
        org: Some("Storsthlm".into()),
    }];
    gymnasie.contacts = vec![Contact {
        name: Some("Karin Soffiantini-Yildiz".into()),
        email: Some("karin.soffiantini-yildiz@storsthlm.se".into()),
        role: None,
    }];
    let mut leader = article(
        "Så kan vi möta framtidens utmaningar",
        None,
        ArticleKind::Leader,
        vec![Block::Paragraph(
            "Nyligen träffades länets kommundirektörer.".into(),
        )],
    );
    leader.people = vec![PersonMention {
        name: "Johan von Sydow".into(),
        role: Some("förbundsdirektör".into()),
        org: Some("Storsthlm".into()),
    }];
    let calendar = article(
        "På gång",
        Some("På gång"),
        ArticleKind::Calendar,
        vec![Block::List(vec![
            "Kommundirektörsmöte, 3 oktober".into(),
            "Styrelsemöte, 14 november".into(),
        ])],
    );
    let new = Issue {
        source: "000_new.txt".into(),
        id: "000_new".into(),
        kind: IssueKind::Newsletter,
        date: Some(d(2025, 9, 30)),
        date_precision: DatePrecision::Day,
        date_basis: DateBasis::Explicit,
        title: "Senaste nytt från Storsthlm".into(),
        articles: vec![leader, gymnasie, calendar],
        meetings: vec![
            meeting("Socialchefsnätverk", d(2025, 9, 12), t(9, 0), 2),
            meeting("Kommundirektörsmöte", d(2025, 10, 3), t(9, 0), 2),
            meeting("Styrelsemöte", d(2025, 11, 14), None, 2),
        ],
        encoding: "utf-8".into(),
    };
    let mut interview = article(
        "Intervju med Åsa Danielsson",
        None,
        ArticleKind::Interview,
        vec![Block::Paragraph(
            "Åsa Danielsson och Sven-Erik Österberg om samverkan i länet.".into(),
        )],
    );
    interview.people = vec![
        PersonMention {
            name: "Åsa Danielsson".into(),
            role: Some("kommundirektör".into()),
            org: Some("Sollentuna".into()),
        },
        PersonMention {
            name: "Sven-Erik Österberg".into(),
            role: Some("landshövding".into()),
            org: None,
        },
        PersonMention {
            name: "Karin Soffiantini-Yildiz".into(),
            role: Some("tf chef för Gymnasieantagningen".into()),
            org: None,
        },
    ];
    let old = Issue {
        source: "001_old.txt".into(),
        id: "001_old".into(),
        kind: IssueKind::Newsletter,
        date: Some(d(2021, 1, 10)),
        date_precision: DatePrecision::Day,
        date_basis: DateBasis::Explicit,
        title: "Senaste nytt från Storsthlm – januari".into(),
        articles: vec![interview],
        meetings: vec![meeting("Förbundsmöte", d(2021, 2, 4), t(13, 30), 0)],
        encoding: "utf-8".into(),
    };
    let mut warnings = Vec::new();
    let mut c = Corpus::assemble(vec![old, new], &Taxonomy::builtin(), &mut warnings, 2);
    c.origin = Origin::Folder("fixture".into());
    c
}
