//! Sources other than plain text: the bundled corpus texts sent as HTML
//! e-mails, in a mailbox and a Maildir, saved as web pages with their site
//! chrome, and printed to PDF with running headers and page numbers — each
//! built here, at test time, so that the golden facts apply. Each reads as
//! well as the plain text does (the golden check passes whole), and keeps
//! its real links.

mod common;

use std::collections::HashMap;
use std::path::Path;

use encoding_rs::WINDOWS_1252;
use nyhetsbrev::corpus::{Corpus, WarningKind};

fn assert_golden(corpus: &Corpus, rename: &dyn Fn(&str) -> String) {
    let export = serde_json::to_value(corpus).unwrap();
    let fails = common::golden::check(&export, rename);
    assert!(
        fails.is_empty(),
        "{} golden checks failed:\n{}",
        fails.len(),
        fails.join("\n")
    );
}

/// A source name back to the bundled file it was made from: the stem
/// with `.txt`, whatever the container (`x.eml`, `box.mbox#2`, `md/cur/x:2,S`).
fn to_txt(names: &[String]) -> impl Fn(&str) -> String + '_ {
    move |s: &str| {
        if let Some((_, n)) = s.split_once('#') {
            let n: usize = n.parse().unwrap();
            return names[n - 1].clone();
        }
        let file = s.rsplit('/').next().unwrap();
        let stem = file.split([':', '.']).next().unwrap();
        format!("{stem}.txt")
    }
}

fn names() -> Vec<String> {
    common::corpus_texts().into_iter().map(|(n, _)| n).collect()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The text's paragraphs: split at blank lines and before an indented
/// line (which a page shows as a new block: a heading, a new paragraph).
fn paragraphs(text: &str) -> Vec<Vec<&str>> {
    let mut out: Vec<Vec<&str>> = Vec::new();
    let mut cur: Vec<&str> = Vec::new();
    for line in text.lines() {
        let breaks = line.trim().is_empty() || line.starts_with(char::is_whitespace);
        if breaks && !cur.is_empty() {
            out.push(std::mem::take(&mut cur));
        }
        if !line.trim().is_empty() {
            cur.push(line);
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

/// The text as an HTML body: each paragraph a `<p>`, its lines joined by
/// `<br>`; the first "Storsthlm" a link, and the first e-mail address a
/// mailto link.
fn html_body(text: &str) -> String {
    let mut out = String::new();
    let mut linked = false;
    let mut mailed = false;
    for para in paragraphs(text) {
        let lines: Vec<String> = para
            .iter()
            .map(|l| {
                let mut l = escape(l);
                if !linked && l.contains("Storsthlm") {
                    l = l.replacen(
                        "Storsthlm",
                        "<a href=\"https://www.storsthlm.se/\">Storsthlm</a>",
                        1,
                    );
                    linked = true;
                }
                if !mailed {
                    if let Some(word) = l
                        .split_whitespace()
                        .find(|w| w.contains('@') && w.contains('.'))
                    {
                        let addr = word.trim_matches(|c: char| !c.is_alphanumeric());
                        if !addr.is_empty() {
                            l = l.replacen(
                                addr,
                                &format!("<a href=\"mailto:{addr}\">{addr}</a>"),
                                1,
                            );
                            mailed = true;
                        }
                    }
                }
                l
            })
            .collect();
        out.push_str(&format!("<p>{}</p>\n", lines.join("<br>\n")));
    }
    out
}

/// An editnews-like e-mail template around a body: view-in-browser line,
/// logo, hidden preheader, unsubscribe line, postal footer, tracking pixel.
fn newsletter_html(body: &str, charset: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset={charset}\">\
         <title>Senaste nytt från Storsthlm</title><style>p {{ margin: 0 }}</style></head><body>\
         <div class=\"preheader\" style=\"display:none\">Nyheter från förbundet denna månad</div>\
         <table width=\"600\"><tr><td><a href=\"https://ex.editnews.com/web/1\">Öppna i webbläsaren</a></td></tr>\
         <tr><td><img src=\"https://ex.editnews.com/logo.png\" alt=\"Storsthlm logotyp\"></td></tr>\
         <tr><td><img src=\"https://ex.editnews.com/spacer.gif\" width=\"1\" height=\"20\" alt=\"\"></td></tr>\
         <tr><td>\n{body}</td></tr>\
         <tr><td><p>Storsthlm, Box 3120, 103 62 Stockholm</p>\
         <p><a href=\"https://ex.editnews.com/unsub/1\">Avregistrera dig</a> från nyhetsbrevet.</p></td></tr></table>\
         <img src=\"https://ex.editnews.com/open.gif?id=1\" width=\"1\" height=\"1\" alt=\"\">\
         </body></html>"
    )
}

/// Quoted-printable, lines of at most 76 characters.
fn quoted_printable(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut line = 0;
    for &b in bytes {
        if b == b'\n' {
            out.push_str("\r\n");
            line = 0;
            continue;
        }
        let piece = if (b' '..=b'~').contains(&b) && b != b'=' {
            (b as char).to_string()
        } else {
            format!("={b:02X}")
        };
        if line + piece.len() > 75 {
            out.push_str("=\r\n");
            line = 0;
        }
        line += piece.len();
        out.push_str(&piece);
    }
    out
}

fn base64(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for (i, chunk) in bytes.chunks(3).enumerate() {
        if i > 0 && i % 19 == 0 {
            out.push_str("\r\n");
        }
        let n = chunk
            .iter()
            .enumerate()
            .fold(0u32, |n, (k, &b)| n | (b as u32) << (16 - 8 * k));
        for k in 0..4 {
            if k <= chunk.len() {
                out.push(A[(n >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// An RFC 2047 encoded-word subject (UTF-8, base64).
fn encoded_subject(s: &str) -> String {
    format!("=?utf-8?B?{}?=", base64(s.as_bytes()))
}

fn headers(subject: &str, extra: &str) -> String {
    format!(
        "From: Storsthlm <nyhetsbrev@storsthlm.se>\r\nTo: medarbetare@kommun.se\r\n\
         Subject: {}\r\nDate: Mon, 3 Mar 2025 09:00:00 +0100\r\nMessage-ID: <1@storsthlm.se>\r\n\
         MIME-Version: 1.0\r\n{extra}",
        encoded_subject(subject)
    )
}

/// Quoted-printable Windows-1252 HTML with a text part that only says to
/// open the newsletter in a browser.
fn qp_1252_with_stub(text: &str) -> Vec<u8> {
    let html = newsletter_html(&html_body(text), "windows-1252");
    let (bytes, _, _) = WINDOWS_1252.encode(&html);
    let stub = "Visas inte nyhetsbrevet korrekt? =D6ppna det i din webbl=E4sare:\r\nhttps://ex.editnews.com/web/1\r\n";
    format!(
        "{}Content-Type: multipart/alternative; boundary=\"b1\"\r\n\r\n\
         --b1\r\nContent-Type: text/plain; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{stub}\r\n\
         --b1\r\nContent-Type: text/html; charset=windows-1252\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n--b1--\r\n",
        headers("Senaste nytt från Storsthlm", ""),
        quoted_printable(&bytes)
    )
    .into_bytes()
}

/// Base64 UTF-8 HTML, no text part.
fn base64_html_only(text: &str) -> Vec<u8> {
    let html = newsletter_html(&html_body(text), "utf-8");
    format!(
        "{}Content-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n",
        headers("Nyhetsbrev", ""),
        base64(html.as_bytes())
    )
    .into_bytes()
}

/// multipart/related: the HTML and an inline image it shows by cid.
fn related_with_image(text: &str) -> Vec<u8> {
    let body = format!(
        "<p><img src=\"cid:bild1\" alt=\"\" width=\"600\"></p>{}",
        html_body(text)
    );
    let html = newsletter_html(&body, "utf-8");
    format!(
        "{}Content-Type: multipart/related; boundary=\"r1\"; type=\"text/html\"\r\n\r\n\
         --r1\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{}\r\n\
         --r1\r\nContent-Type: image/png\r\nContent-ID: <bild1>\r\nContent-Transfer-Encoding: base64\r\n\r\n{}\r\n--r1--\r\n",
        headers("Nyhetsbrev", ""),
        quoted_printable(html.as_bytes()),
        base64(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR\0\0\0\x01\0\0\0\x01")
    )
    .into_bytes()
}

/// A forward: a short note, and the newsletter as an attached message.
fn forwarded(text: &str) -> Vec<u8> {
    let inner = format!(
        "{}Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{}",
        headers("Senaste nytt", ""),
        text.replace('\n', "\r\n")
    );
    format!(
        "{}Content-Type: multipart/mixed; boundary=\"m1\"\r\n\r\n\
         --m1\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHej, se nyhetsbrevet nedan.\r\n\r\n\
         --m1\r\nContent-Type: message/rfc822\r\n\r\n{inner}\r\n--m1--\r\n",
        headers("VB: Senaste nytt", "")
    )
    .into_bytes()
}

fn plain_message(text: &str) -> String {
    format!(
        "{}Content-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n{}",
        headers("Nyhetsbrev", ""),
        text
    )
}

fn load(dir: &Path) -> Corpus {
    Corpus::load(dir).unwrap()
}

fn eml_folder(make: fn(&str) -> Vec<u8>) -> Corpus {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in common::corpus_texts() {
        let stem = name.trim_end_matches(".txt");
        std::fs::write(dir.path().join(format!("{stem}.eml")), make(&text)).unwrap();
    }
    load(dir.path())
}

#[test]
fn quoted_printable_windows_1252_html_with_a_stub_text_part() {
    let corpus = eml_folder(qp_1252_with_stub);
    assert_golden(&corpus, &to_txt(&names()));
    assert_eq!(corpus.issues.len(), 5);
    let text = serde_json::to_string(&corpus).unwrap();
    for chrome in [
        "Öppna i webbläsaren",
        "Avregistrera",
        "Box 3120",
        "logotyp",
        "Visas inte",
    ] {
        assert!(!text.contains(chrome), "{chrome} is template chrome");
    }
    // The links are real: text and URL.
    let links: Vec<_> = corpus
        .issues
        .iter()
        .flat_map(|i| &i.articles)
        .flat_map(|a| &a.urls)
        .collect();
    assert!(links
        .iter()
        .any(|l| l.url == "https://www.storsthlm.se/" && l.text == "Storsthlm"));
    assert!(!links.iter().any(|l| l.url.contains("unsub")));
}

#[test]
fn base64_utf8_html_only() {
    assert_golden(&eml_folder(base64_html_only), &to_txt(&names()));
}

#[test]
fn multipart_related_with_an_inline_image() {
    assert_golden(&eml_folder(related_with_image), &to_txt(&names()));
}

#[test]
fn a_forwarded_message() {
    assert_golden(&eml_folder(forwarded), &to_txt(&names()));
}

#[test]
fn a_mailbox_of_several_messages() {
    let dir = tempfile::tempdir().unwrap();
    let mut mbox = String::new();
    for (_, text) in common::corpus_texts() {
        mbox.push_str("From nyhetsbrev@storsthlm.se Mon Mar  3 09:00:00 2025\n");
        mbox.push_str(&plain_message(&text).replace("\r\n", "\n"));
        mbox.push('\n');
    }
    std::fs::write(dir.path().join("inkorg.mbox"), mbox).unwrap();
    let corpus = load(dir.path());
    assert_golden(&corpus, &to_txt(&names()));
    let mut ids: Vec<&str> = corpus.issues.iter().map(|i| i.id.as_str()).collect();
    ids.sort();
    assert_eq!(
        ids,
        ["inkorg#1", "inkorg#2", "inkorg#3", "inkorg#4", "inkorg#5"]
    );
    assert!(corpus.issues.iter().any(|i| i.source == "inkorg.mbox#3"));
}

#[test]
fn a_maildir_inside_the_issues_folder() {
    let dir = tempfile::tempdir().unwrap();
    for sub in ["cur", "new", "tmp"] {
        std::fs::create_dir_all(dir.path().join("Nyhetsbrev").join(sub)).unwrap();
    }
    for (i, (name, text)) in common::corpus_texts().into_iter().enumerate() {
        let stem = name.trim_end_matches(".txt");
        let (sub, file) = if i % 2 == 0 {
            ("cur", format!("{stem}:2,S"))
        } else {
            ("new", stem.to_string())
        };
        std::fs::write(
            dir.path().join("Nyhetsbrev").join(sub).join(file),
            plain_message(&text),
        )
        .unwrap();
    }
    let corpus = load(dir.path());
    assert_golden(&corpus, &to_txt(&names()));
    assert!(corpus
        .issues
        .iter()
        .any(|i| i.source.starts_with("Nyhetsbrev/cur/") && i.source.ends_with(":2,S")));
}

/// A storsthlm.se-like article page: header, menu, breadcrumbs, search,
/// cookie notice, related list and site footer around the article.
fn saved_page(text: &str) -> String {
    format!(
        "<!DOCTYPE html><html lang=\"sv\"><head><meta charset=\"utf-8\"><title>Nyheter | Storsthlm</title>\
         <script>var x = 1;</script></head><body>\
         <div id=\"cookie-banner\"><p>Vi använder kakor för att webbplatsen ska fungera.</p><button>Godkänn</button></div>\
         <header class=\"site-header\"><a href=\"/\">Storsthlm</a><nav><ul><li><a href=\"/om\">Om oss</a></li>\
         <li><a href=\"/nyheter\">Nyheter</a></li></ul></nav><form role=\"search\"><input name=\"q\"><button>Sök</button></form></header>\
         <div class=\"breadcrumbs\"><a href=\"/\">Start</a> / <a href=\"/nyheter\">Nyheter</a></div>\
         <main><article>{}</article>\
         <aside class=\"related\"><h2>Relaterat</h2><ul><li><a href=\"/a\">Annan nyhet om vård</a></li></ul></aside></main>\
         <footer class=\"site-footer\"><p>Storsthlm, Box 3120, 103 62 Stockholm</p><p>Telefon 08-000 00 00</p></footer>\
         </body></html>",
        html_body(text)
    )
}

#[test]
fn a_saved_page_with_site_chrome() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in common::corpus_texts() {
        let stem = name.trim_end_matches(".txt");
        std::fs::write(dir.path().join(format!("{stem}.html")), saved_page(&text)).unwrap();
    }
    let corpus = load(dir.path());
    assert_golden(&corpus, &to_txt(&names()));
    let text = serde_json::to_string(&corpus).unwrap();
    for chrome in [
        "kakor",
        "Om oss",
        "Relaterat",
        "Annan nyhet",
        "Box 3120",
        "Godkänn",
    ] {
        assert!(!text.contains(chrome), "{chrome} is site chrome");
    }
}

/// A PDF of the text: Helvetica (WinAnsi), 56 lines a page, the running
/// header "Storsthlm – Nyhetsbrev" on top and "Sida N av M" at the foot.
fn pdf_of(text: &str) -> Vec<u8> {
    use lopdf::content::{Content, Operation};
    use lopdf::{dictionary, Document, Object, Stream, StringFormat};
    // A blank line between paragraphs (a gap on the page).
    let lines: Vec<&str> = paragraphs(text).join(&[""][..]);
    let pages: Vec<&[&str]> = lines.chunks(56).collect();
    let mut doc = Document::with_version("1.5");
    let pages_id = doc.new_object_id();
    let font = doc.add_object(dictionary! {
        "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
    });
    let resources = doc.add_object(dictionary! { "Font" => dictionary! { "F1" => font } });
    let latin =
        |s: &str| Object::String(WINDOWS_1252.encode(s).0.into_owned(), StringFormat::Literal);
    let mut kids = Vec::new();
    for (n, page) in pages.iter().enumerate() {
        let mut ops = vec![
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 8.into()]),
            Operation::new("Td", vec![40.into(), 810.into()]),
            Operation::new("Tj", vec![latin("Storsthlm – Nyhetsbrev")]),
            Operation::new("ET", vec![]),
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 8.into()]),
            Operation::new("TL", vec![12.into()]),
            Operation::new("Td", vec![40.into(), 780.into()]),
        ];
        for line in page.iter() {
            if !line.trim().is_empty() {
                ops.push(Operation::new("Tj", vec![latin(line.trim())]));
            }
            ops.push(Operation::new("T*", vec![]));
        }
        ops.push(Operation::new("ET", vec![]));
        ops.extend([
            Operation::new("BT", vec![]),
            Operation::new("Tf", vec!["F1".into(), 8.into()]),
            Operation::new("Td", vec![280.into(), 30.into()]),
            Operation::new(
                "Tj",
                vec![latin(&format!("Sida {} av {}", n + 1, pages.len()))],
            ),
            Operation::new("ET", vec![]),
        ]);
        let content = Content { operations: ops };
        let content_id = doc.add_object(Stream::new(dictionary! {}, content.encode().unwrap()));
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => content_id,
        });
        kids.push(page_id.into());
    }
    let count = kids.len() as i64;
    doc.objects.insert(
        pages_id,
        Object::Dictionary(dictionary! {
            "Type" => "Pages", "Kids" => kids, "Count" => count, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        }),
    );
    let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
    doc.trailer.set("Root", catalog);
    let mut out = Vec::new();
    doc.save_to(&mut out).unwrap();
    out
}

#[test]
fn a_pdf_with_running_headers_and_page_numbers() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in common::corpus_texts() {
        let stem = name.trim_end_matches(".txt");
        std::fs::write(dir.path().join(format!("{stem}.pdf")), pdf_of(&text)).unwrap();
    }
    let corpus = load(dir.path());
    assert_golden(&corpus, &to_txt(&names()));
    let text = serde_json::to_string(&corpus).unwrap();
    assert!(!text.contains("Nyhetsbrev\""), "running header kept");
    assert!(!text.contains("Sida 2 av"), "page number kept");
}

#[test]
fn bad_input_is_named_and_everything_else_loads() {
    let dir = tempfile::tempdir().unwrap();
    let (name, text) = common::corpus_texts().remove(0);
    std::fs::write(dir.path().join(&name), &text).unwrap();
    let bad: HashMap<&str, Vec<u8>> = HashMap::from([
        ("trasig.pdf", b"%PDF-1.7\n1 0 obj << /Type /Catalog >> garbage".to_vec()),
        (
            "bild.eml",
            format!(
                "{}Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n",
                headers("Bara en bild", "")
            )
            .into_bytes(),
        ),
        (
            "krypterad.eml",
            format!(
                "{}Content-Type: multipart/encrypted; protocol=\"application/pgp-encrypted\"; boundary=\"e\"\r\n\r\n--e\r\nContent-Type: application/octet-stream\r\n\r\n-----BEGIN PGP MESSAGE-----\r\n--e--\r\n",
                headers("Hemligt", "")
            )
            .into_bytes(),
        ),
        (
            "sida.html",
            b"<html><body><nav><a href='/'>Hem</a></nav><p>Sidan finns inte.</p></body></html>".to_vec(),
        ),
    ]);
    let mut mbox = String::new();
    mbox.push_str("From a Mon Mar  3 09:00:00 2025\n");
    mbox.push_str(&plain_message(&text).replace("\r\n", "\n"));
    mbox.push_str("\nFrom b Mon Mar  3 09:00:00 2025\nFrom: x@y.se\nSubject: Bild\nContent-Type: image/gif\n\nGIF89a\n");
    std::fs::write(dir.path().join("box.mbox"), mbox).unwrap();
    for (n, b) in &bad {
        std::fs::write(dir.path().join(n), b).unwrap();
    }
    let corpus = load(dir.path());
    let sources: Vec<&str> = corpus.issues.iter().map(|i| i.source.as_str()).collect();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(sources.contains(&name.as_str()) && sources.contains(&"box.mbox#1"));
    let warned = |source: &str, why: &str| {
        corpus.warnings.iter().any(|w| {
            w.source == source && w.kind == WarningKind::Unreadable && w.detail.contains(why)
        })
    };
    assert!(warned("trasig.pdf", "PDF"), "{:#?}", corpus.warnings);
    assert!(warned("bild.eml", "no text"), "{:#?}", corpus.warnings);
    assert!(
        warned("krypterad.eml", "encrypted"),
        "{:#?}",
        corpus.warnings
    );
    assert!(
        warned("sida.html", "no newsletter text"),
        "{:#?}",
        corpus.warnings
    );
    assert!(warned("box.mbox#2", "no text"), "{:#?}", corpus.warnings);
}

#[test]
fn the_date_header_dates_an_undated_text_and_the_subject_titles_it() {
    let dir = tempfile::tempdir().unwrap();
    let body = "Kort meddelande\n\nStyrelsen har fattat beslut om nya riktlinjer för samverkan mellan kommunerna i länet.\n";
    let msg = format!(
        "From: a@storsthlm.se\r\nSubject: {}\r\nDate: Tue, 4 Feb 2025 10:00:00 +0100\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{body}",
        encoded_subject("Besked från styrelsen")
    );
    std::fs::write(dir.path().join("besked.eml"), msg).unwrap();
    let corpus = load(dir.path());
    let issue = &corpus.issues[0];
    assert_eq!(issue.date.unwrap().to_string(), "2025-02-04");
    assert_eq!(issue.id, "besked");
}
