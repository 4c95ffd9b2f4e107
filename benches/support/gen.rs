//! A deterministic generator of realistic newsletter issues, built from the
//! forms of the bundled corpus: masthead, leader with signature, labelled
//! articles (ALL CAPS, lower case, "X & Y"), interviews ("intervju med …"),
//! "säger NAME, ROLE på ORG.", contact lines, photo captions, "Läs mer …"
//! links, board summaries, and calendars in every form the parser knows
//! ("Kommande möten" lists with ", D månad" and month headings, "D/M" glued
//! prefixes, bullets, multi-line entries with "D månad kl. HH:MM–HH:MM",
//! and "När:/Tid:" event blocks). Dates are spread over 26 years; people
//! come from a fixed pool and recur across issues.
//!
//! Shared by `examples/gen_corpus.rs`, `tests/generated_corpus.rs` and the
//! benches through `#[path]`; it is not part of the shipped binary.

#![allow(dead_code)]

use std::fmt::Write as _;
use std::path::Path;

/// A small xorshift64* generator: deterministic and dependency-free.
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        // splitmix64 of the seed, so that nearby seeds differ.
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }
    pub fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

/// Month names as the newsletters write them (the parser's own list).
const MONTHS: [&str; 12] = nyhetsbrev::corpus::text::MONTHS_SV;

const DAYS_IN: [u32; 12] = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/// (name, role, organisation): the fixed pool of people who recur.
const PEOPLE: &[(&str, &str, &str)] = &[
    ("Karin Soffiantini-Yildiz", "chef", "Gymnasieantagningen"),
    ("Thomas Fredriksson", "processledare", "Storsthlm"),
    ("Lisa Minell", "processledare", "Storsthlm"),
    ("Leonard Kihlgren", "processledare", "Storsthlm"),
    ("Anna Lindskog", "utredare", "Socialstyrelsen"),
    ("Jonas Nordqvist", "digital strateg", "Storsthlm"),
    ("Catrin Ditz", "programledare", "Storsthlm"),
    ("David Norman", "processledare", "Storsthlm"),
    ("Åsa Danielsson", "processledare", "Storsthlm"),
    ("Helena Reuterham", "sektionschef", "Huddinge kommun"),
    ("Benjamin Elfors", "enhetschef", "Stockholms stad"),
    ("Aisha Amin", "ordförande", "programrådet"),
    ("Michiel Van Noord", "solcellsexpert", "RISE"),
    ("Louise Furness", "projektledare", "Lidingö stad"),
    ("Anna Widing", "utbildningsdirektör", "Salems kommun"),
    ("Karl Löfgren", "projektledare", "Yrkesresan"),
    ("Johanna Lindgren", "vd", "Norrvatten"),
    ("Maria Bergström", "strateg", "Storsthlm"),
    ("Erik Lundqvist", "utredare", "Storsthlm"),
    ("Sara Holmberg", "samordnare", "Storsthlm"),
    ("Peter Sandberg", "kommundirektör", "Täby kommun"),
    ("Elin Forsberg", "socialchef", "Nacka kommun"),
    ("Henrik Åkesson", "miljöstrateg", "Sollentuna kommun"),
    ("Camilla Nyström", "förvaltningschef", "Järfälla kommun"),
    ("Johan Wikström", "analytiker", "Storsthlm"),
    ("Lena Ekman", "processledare", "Storsthlm"),
    ("Fredrik Hedlund", "projektledare", "Botkyrka kommun"),
    ("Sofia Lindahl", "utvecklingsledare", "Haninge kommun"),
    ("Mikael Öberg", "säkerhetschef", "Solna stad"),
    ("Ulrika Strand", "enhetschef", "Södertälje kommun"),
    ("Anders Nordin", "ekonomidirektör", "Huddinge kommun"),
    ("Eva Sjöberg", "skolchef", "Värmdö kommun"),
    ("Oskar Blom", "trafikstrateg", "Storsthlm"),
    ("Malin Hallberg", "HR-direktör", "Sundbyberg stad"),
    (
        "Gustav Lindé",
        "energirådgivare",
        "Energikontoret Storsthlm",
    ),
    ("Ingrid Wallin", "processledare", "Storsthlm"),
    ("Nils Eriksson", "planeringschef", "Upplands Väsby kommun"),
    ("Hanna Sundqvist", "projektledare", "Origo"),
    ("Robert Falk", "beredskapssamordnare", "Ekerö kommun"),
    ("Jenny Mattsson", "verksamhetschef", "Tyresö kommun"),
];

/// (label, title stem, topic sentence): labelled articles by area. Labels
/// are written in the casings the newsletters use.
const ARTICLES: &[(&str, &str, &str)] = &[
    (
        "UTBILDNING OCH ARBETSKRAFT",
        "Kraftsamling för framtidens gymnasieskola",
        "I länets gymnasieregion behövs en kraftsamling för att gemensamt planera och dimensionera gymnasieutbudet.",
    ),
    (
        "hÄLSA OCH STÖD",
        "Nya arbetssätt vid utskrivning från sjukhus",
        "Övergången till de nya arbetssätten enligt lagen om samverkan vid utskrivning gick enligt plan.",
    ),
    (
        "BO OCH VERKA",
        "En robust vattenförsörjning för fortsatt bostadsbyggande",
        "Storsthlm har i samarbete med länets kommuner tagit fram en regional vattenförsörjningsplan.",
    ),
    (
        "Social välfärd & hälsa",
        "Länsgemensamma satsningar inom psykisk hälsa",
        "Kommunerna i länet kan under året ta del av de länsgemensamma satsningarna inom psykisk hälsa.",
    ),
    (
        "digitalisering & ekonomi",
        "Gemensamma digitala lösningar för kommunerna",
        "Ett arbete som tagit fart under hösten är att öka kommunernas nytta av gemensamma digitala tjänster.",
    ),
    (
        "arbetsmarknad",
        "Fokus på arbetsmarknadens behov",
        "Överenskommelser mellan kommun och arbetsförmedling fördjupar samverkan på lokal nivå.",
    ),
    (
        "trygghet",
        "Kartläggning av kommunernas trygghetsarbete",
        "En kartläggning visar att kommunerna har gjort stora satsningar på det trygghetsskapande arbetet.",
    ),
    (
        "Digitalisering",
        "Samordnad upphandling kring öppna data",
        "Kommunerna i länet har beslutat att förvalta projektets resultat och fortsätta samverkan kring öppna data.",
    ),
    (
        "Social välfärd och hälsa",
        "Uppstart med länets lokala samråd för missbruk och psykiatri",
        "Kommunerna och regionen samverkar utifrån individens behov för att ge sammanhållna insatser.",
    ),
    (
        "social välfärd och hälsa",
        "Nu gäller överenskommelsen om hemlöshet",
        "För att underlätta för kommunerna har länets kommuner tecknat en överenskommelse om hemlöshet.",
    ),
    (
        "Arbetsmarknad och utbildning",
        "Gemensam satsning för att locka fler till vårdyrket",
        "Allt färre ungdomar söker sig till vård- och omsorgsprogrammet på gymnasieskolan.",
    ),
    (
        "utbildning och arbetsmarknad",
        "Premiär för regional dialog om vuxenutbildningar",
        "Storsthlms politiska styrgrupp för vuxenutbildning genomförde sin första regionala dialog.",
    ),
    (
        "Infrastruktur",
        "Stockholmsregionens behov i den nationella planen",
        "När Stockholmsregionen växer är det avgörande att kommunerna tidigt lyfter fram sina behov.",
    ),
    (
        "Energi & klimat",
        "Klimateffektiv solenergi i upphandlingar",
        "Solceller ger inga utsläpp under drift men tillverkningen och återvinningen påverkar klimatet.",
    ),
    (
        "Öppenhet och digitalisering",
        "En ny möjlighet till gemensamma digitala funktioner",
        "Storsthlms uppdrag är att bidra till att kommunernas behov av gemensamma lösningar tillgodoses.",
    ),
    (
        "Inflyttning och delaktighet",
        "Svenskundervisning med fokus på yrkesspråk",
        "Svenska för invandrare kombineras med yrkesutbildning för en snabbare väg till egenförsörjning.",
    ),
    (
        "Trygghet och beredskap",
        "Kommunernas roll i totalförsvaret",
        "Länets kommuner stärker sin beredskap och sitt arbete med civilt försvar tillsammans.",
    ),
];

/// Sentences of plain body text (no names, no dates).
const SENTENCES: &[&str] = &[
    "Arbetet sker i nära samverkan mellan länets kommuner och regionen.",
    "Målet är att skapa bättre förutsättningar för invånarna i hela länet.",
    "Under året har flera nätverk träffats för att dela erfarenheter och lärdomar.",
    "Kommunerna har olika förutsättningar men står inför liknande utmaningar.",
    "Samarbetet bygger på att alla parter bidrar med sin kunskap och sina resurser.",
    "Resultaten ska följas upp och redovisas för styrelsen under nästa år.",
    "Flera kommuner har redan börjat arbeta enligt de nya riktlinjerna.",
    "Det finns ett stort intresse för frågan bland både politiker och tjänstemän.",
    "Nästa steg är att ta fram en gemensam plan för det fortsatta arbetet.",
    "En arbetsgrupp med representanter från flera kommuner leder arbetet framåt.",
    "Erfarenheterna från projektet sprids nu vidare till fler verksamheter.",
    "Behoven ser olika ut i olika delar av länet och lösningarna måste anpassas därefter.",
    "Frågan har diskuterats i flera av förbundets strategiska nätverk.",
    "Satsningen finansieras gemensamt av kommunerna och regionen.",
    "Genom att samordna insatserna kan resurserna användas mer effektivt.",
    "Det handlar om att skapa samspel, samverkan och samarbete mellan kommunerna.",
    "Förbundet följer utvecklingen noga och återkommer med mer information.",
    "Deltagarna fick ta del av goda exempel från kommuner i hela landet.",
];

const QUOTES: &[&str] = &[
    "Det här är frågor som ingen kan lösa på egen hand, utan vi behöver möta utmaningarna tillsammans",
    "Vi ser redan nu att samverkan ger resultat i våra verksamheter",
    "Det är avgörande att vi har ett gemensamt språk och ramverk i länet",
    "Vi måste ta tillvara erfarenheterna och bygga vidare på det som fungerar",
    "Det känns extra bra att så många kommuner vill vara med från början",
];

const LINKS: &[&str] = &[
    "Läs mer om arbetet på Storsthlms webbplats",
    "Läs hela texten på Storsthlms webbplats.",
    "Läs mer och anmäl dig här",
    "Här kan du läsa mer om arbetet",
    "Läs hela intervjun på Storsthlms webbplats",
];

const MEETINGS: &[&str] = &[
    "Kommundirektörsmöte",
    "Styrelsens arbetsutskott",
    "Strategiskt nätverk för infrastruktur och samhällsbyggnad",
    "Strategiskt nätverk socialtjänst, vård och omsorg",
    "Länsövergripande styrgrupp för socialtjänstens frågor",
    "Strategiskt nätverk för utbildning",
    "Strategiskt nätverk för digitalisering",
    "Strategiskt nätverk kommunal HR",
    "Tjänstemannastyrgrupp energi- och klimatrådgivningen",
    "Politisk styrgrupp gemensam gymnasieregion",
    "Regional dialog gemensam gymnasieregion",
    "Strategiskt nätverk kommunal ekonomi",
    "Politisk styrgrupp för digitalisering",
    "Möte med Storsthlms valberedning",
    "Politisk styrgrupp vuxenutbildning och arbetsmarknad",
    "Samrådsgrupp digitalisering",
];

const EVENTS: &[(&str, &str)] = &[
    (
        "Eleffektiva kommuner, slutseminarium",
        "Vad har vi lärt oss och hur går vi vidare?",
    ),
    (
        "Att planera och leda hybridmöten",
        "Metoder och arbetssätt för möten där vissa är på plats och vissa är med på distans.",
    ),
    (
        "Leda och delta i politiska möten på distans",
        "Lär dig mer om hur man leder politiska möten på distans och vad lagstiftningen säger.",
    ),
    (
        "Seminarium om valkompetens",
        "En digital seminarieserie med fokus på breddad studie- och yrkesvägledning.",
    ),
];

const LEADER_TITLES: &[&str] = &[
    "Länge leve samverkan",
    "Så kan vi möta framtidens utmaningar",
    "Tillsammans är vi starkare",
    "Ett år av samverkan i länet",
];

const DIRECTORS: &[(&str, &str)] = &[
    ("Madeleine Sjöstrand", "Förbundsdirektör, Storsthlm"),
    ("Johan von Sydow", "Förbundsdirektör Storsthlm"),
    ("Mats Gerdau", "Ordförande, Storsthlm"),
];

/// What the generator wrote for one issue, to check the parse against.
#[derive(Clone, Debug)]
pub struct GenIssue {
    pub name: String,
    pub text: String,
    /// (year, month, day) of the issue (the board meeting it summarises).
    pub date: (i32, u32, u32),
    pub articles: usize,
    pub meetings: usize,
}

/// The date `days` after (year, month, day), within a non-leap calendar
/// (the generator never uses 29 February).
fn add_days(mut y: i32, mut m: u32, mut d: u32, days: u32) -> (i32, u32, u32) {
    d += days;
    while d > DAYS_IN[(m - 1) as usize] {
        d -= DAYS_IN[(m - 1) as usize];
        m += 1;
        if m > 12 {
            m = 1;
            y += 1;
        }
    }
    (y, m, d)
}

/// A paragraph of `min` to `min + spread - 1` sentences (`spread` ≥ 1).
fn paragraph(rng: &mut Rng, min: usize, spread: usize) -> String {
    let sentences = min + rng.below(spread);
    let mut p = String::new();
    for _ in 0..sentences {
        if !p.is_empty() {
            p.push(' ');
        }
        let sentence: &&str = rng.pick(SENTENCES);
        p.push_str(sentence);
    }
    p
}

fn person(rng: &mut Rng) -> (&'static str, &'static str, &'static str) {
    *rng.pick(PEOPLE)
}

/// Generate issue number `index` of a corpus seeded with `seed`.
pub fn issue(seed: u64, index: usize) -> GenIssue {
    let mut rng = Rng::new(seed ^ (index as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
    let year = 2000 + (index % 26) as i32;
    let month = 1 + rng.below(12) as u32;
    let day = 1 + rng.below(28) as u32;
    let mname = MONTHS[(month - 1) as usize];
    let mut t = String::with_capacity(16 * 1024);
    let mut articles = 0;
    let mut meetings = 0;

    // Masthead.
    if rng.chance(50) {
        t.push_str("Senaste nytt från Storsthlm - Kommuner i samverkan\n");
    } else {
        t.push_str("Senaste nytt från Storsthlm\n");
    }
    t.push_str("              \n");

    // Leader with a signature (most issues) or an interview first.
    if rng.chance(70) {
        let (dir, role) = *rng.pick(DIRECTORS);
        let _ = writeln!(t, "{}", rng.pick(LEADER_TITLES));
        let _ = writeln!(t, "{dir}, Storsthlms direktör. Foto: Bengt Säll");
        for _ in 0..3 + rng.below(3) {
            let p = paragraph(&mut rng, 4, 4);
            let _ = writeln!(t, "{p}\n");
        }
        let _ = writeln!(
            t,
            "Den {day} {mname} {year} samlades länets kommundirektörer för att följa upp arbetet."
        );
        let _ = writeln!(t, "\n\n{dir}\n{role}");
        articles += 1;
    } else {
        let (name, role, org) = person(&mut rng);
        let _ = writeln!(
            t,
            "intervju med {}, {}",
            name.to_lowercase(),
            org.to_lowercase()
        );
        let _ = writeln!(t, "\"{}\"\n ", rng.pick(QUOTES));
        let _ = writeln!(t, "{name}. Foto: Sara Burman.");
        let _ = writeln!(
            t,
            "Vi har pratat med {name}, {role} på {org}, om arbetet i länet. {}\n",
            paragraph(&mut rng, 2, 1)
        );
        let _ = writeln!(t, "Hur har samverkan utvecklats under den här tiden?");
        let _ = writeln!(t, "{}\n ", paragraph(&mut rng, 6, 1));
        let _ = writeln!(t, "Vad händer härnäst?");
        let _ = writeln!(
            t,
            "{} Arbetet följs upp den {day} {mname} {year}.\n",
            paragraph(&mut rng, 5, 1)
        );
        let _ = writeln!(t, "Läs hela intervjun på Storsthlms webbplats");
        articles += 1;
    }

    // Labelled articles.
    let count = 5 + rng.below(6);
    let first = rng.below(ARTICLES.len());
    for k in 0..count {
        let (label, title, lead) = ARTICLES[(first + k * 5) % ARTICLES.len()];
        let (name, role, org) = person(&mut rng);
        let _ = writeln!(t, "{label}\n{title}\n ");
        if rng.chance(30) {
            let _ = writeln!(t, "{name}. Foto: Bengt Säll.");
        }
        let _ = writeln!(t, "{lead} {}\n", paragraph(&mut rng, 3, 4));
        let _ = writeln!(t, "{}\n", paragraph(&mut rng, 3, 5));
        let _ = writeln!(
            t,
            "– {}, säger {name}, {role} på {org}.\n",
            rng.pick(QUOTES)
        );
        match rng.below(4) {
            0 => {
                let _ = writeln!(t, "Vid frågor, kontakta {}", person(&mut rng).0);
            }
            1 => {
                let (c, _, _) = person(&mut rng);
                let mail = c
                    .split(' ')
                    .next()
                    .unwrap_or("info")
                    .to_lowercase()
                    .replace(['å', 'ä'], "a")
                    .replace('ö', "o");
                let _ = writeln!(t, "Kontaktperson: {c}, {mail}@storsthlm.se");
            }
            2 => {
                let _ = writeln!(t, "{}", rng.pick(LINKS));
            }
            _ => {
                let _ = writeln!(t, "Kontakta {} om du vill veta mer", person(&mut rng).0);
            }
        }
        articles += 1;
    }

    // Board summary: its day and month date the issue.
    let _ = writeln!(t, "Sammanfattning från styrelsemötet {day} {mname}\n ");
    let _ = writeln!(
        t,
        "Styrelsen fastställde budget och verksamhetsplan och yttrade sig över flera remisser. {}\n",
        paragraph(&mut rng, 2, 1)
    );
    let _ = writeln!(
        t,
        "Läs hela sammanfattningen från styrelsemötet den {day} {mname}"
    );
    articles += 1;

    // Event blocks ("När:" / "Tid:") in some issues.
    let (ey, em, ed) = add_days(year, month, day, 10);
    let mut used: Vec<(String, u32, u32)> = Vec::new();
    if index.is_multiple_of(3) {
        let _ = writeln!(t, "kalendarium\nKommande digitala evenemang\n ");
        for (k, (title, desc)) in EVENTS.iter().take(2).enumerate() {
            let (_, m, d) = add_days(ey, em, ed, 3 * k as u32);
            let _ = writeln!(t, "{title}\n");
            let _ = writeln!(t, "{desc} {}\n", paragraph(&mut rng, 2, 1));
            let _ = writeln!(t, "När: Torsdagen den {d} {}", MONTHS[(m - 1) as usize]);
            let _ = writeln!(t, "Tid: Kl. 9–10.30\n");
            let _ = writeln!(t, "Läs programmet och anmäl dig här!\n ");
            used.push((title.to_string(), m, d));
            articles += 1;
            meetings += 1;
        }
    }

    // The calendar, in one of four forms.
    let n = 6 + rng.below(10);
    let form = index % 4;
    let mut entries: Vec<(String, u32, u32)> = Vec::new();
    for k in 0..n {
        let (_, m, d) = add_days(ey, em, ed, 2 + 3 * k as u32);
        let title = MEETINGS[(index + k) % MEETINGS.len()].to_string();
        if !used.iter().any(|u| u.0 == title && u.1 == m && u.2 == d) {
            entries.push((title, m, d));
        }
    }
    match form {
        0 => {
            let _ = writeln!(t, "Kommande aktiviteter\n");
            let _ = writeln!(
                t,
                "Alla våra möten och nätverksträffar hittar du i kalendern på Storsthlm.se.\n "
            );
            let mut month_shown = 0;
            for (title, m, d) in &entries {
                if *m != month_shown {
                    let mut heading = MONTHS[(*m - 1) as usize].to_string();
                    heading[..1].make_ascii_uppercase();
                    let _ = writeln!(t, "\n{heading}");
                    month_shown = *m;
                }
                let _ = writeln!(t, "{title}, {d} {}", MONTHS[(*m - 1) as usize]);
            }
        }
        1 => {
            let _ = writeln!(t, "På gång");
            for (title, m, d) in &entries {
                let _ = writeln!(t, "{d}/{m}{title}");
            }
            let _ = writeln!(t, "\nSe hela kalendariet");
        }
        2 => {
            let _ = writeln!(t, "kalendarium\nKommande möten och nätverksträffar");
            for (title, m, d) in &entries {
                let _ = writeln!(t, " • {title}, {d} {}", MONTHS[(*m - 1) as usize]);
            }
        }
        _ => {
            let _ = writeln!(t, "kalendarium\nKommande möten och nätverksträffar");
            entries.truncate(4);
            for (k, (title, m, d)) in entries.iter_mut().enumerate() {
                let (ev, desc) = EVENTS[k % EVENTS.len()];
                *title = ev.to_string();
                let _ = writeln!(t, "{ev}\n{desc}");
                let _ = writeln!(
                    t,
                    "{d} {} kl. {}:00–{}:30",
                    MONTHS[(*m - 1) as usize],
                    9 + k,
                    10 + k
                );
                let _ = writeln!(t, "Läs mer och anmäl dig\n");
            }
            let _ = writeln!(t, "Se alla händelser i vårt kalendarium på storsthlm.se");
        }
    }
    meetings += entries.len();
    articles += 1;
    let _ = writeln!(
        t,
        "\nRedaktion: Storsthlm, Box 38145, 100 64 Stockholm, info@storsthlm.se"
    );

    let hash = Rng::new(seed.wrapping_add(index as u64)).next();
    GenIssue {
        name: format!("{index:05}_{hash:016x}.txt"),
        text: t,
        date: (year, month, day),
        articles,
        meetings,
    }
}

/// Generate `n` issues.
pub fn corpus(seed: u64, n: usize) -> Vec<GenIssue> {
    (0..n).map(|i| issue(seed, i)).collect()
}

/// The default seed of the example and the benches.
pub const SEED: u64 = 2025;

/// Write `n` issues into `dir` (created if needed); returns the bytes written.
pub fn write_corpus(dir: &Path, seed: u64, n: usize) -> std::io::Result<u64> {
    std::fs::create_dir_all(dir)?;
    let mut bytes = 0;
    for i in 0..n {
        let g = issue(seed, i);
        bytes += g.text.len() as u64;
        std::fs::write(dir.join(&g.name), &g.text)?;
    }
    Ok(bytes)
}
