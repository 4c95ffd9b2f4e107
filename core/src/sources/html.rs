//! HTML: a saved newsletter or web article, or the HTML part of an e-mail.
//! `scraper` (html5ever) parses it as a browser would; the walk below
//! writes the main content as the structured plain text the parser reads:
//!
//! - the main content only: `<main>` (or `role="main"`, or the one
//!   `<article>`) when there is one; navigation, breadcrumbs, "related"
//!   lists, cookie notices, search forms, site headers and footers, hidden
//!   parts (an e-mail's preheader), scripts and styles are skipped, by
//!   element, role, and class or id words;
//! - headings (`h1`–`h6`, and a title that a table layout marks only by a
//!   large or bold style) as their own paragraph;
//! - paragraphs and blocks separated by a blank line, `<br>` as a line break;
//! - list items as "- " lines;
//! - a table row of plain cells (a calendar's date and title) as one line;
//! - image alt text (of real pictures, not spacers, pixels or logos) and
//!   figure captions as caption lines ("Bild: …");
//! - links: their text stays in place, text and URL are kept (http, https
//!   and mailto only);
//! - the template's chrome ("Öppna i webbläsaren", unsubscribe lines, the
//!   postal footer) is dropped.

use std::sync::LazyLock;

use ego_tree::NodeRef;
use regex::Regex;
use scraper::{Html, Node};

use super::{Document, Outcome};
use crate::clean::clean;
use crate::model::Link;

/// Whether text looks like an HTML document (the extension a hint).
pub fn looks_like_html(head: &str, html_ext: bool) -> bool {
    let lower = head
        .get(..head.len().min(2048))
        .unwrap_or(head)
        .to_ascii_lowercase();
    lower.starts_with("<!doctype html")
        || lower.starts_with("<html")
        || lower.starts_with("<?xml") && lower.contains("<html")
        || lower.starts_with("<!--") && lower.contains("<html")
        || html_ext && lower.starts_with('<')
        || lower.starts_with('<') && (lower.contains("<body") || lower.contains("<head"))
}

/// What a page gave.
#[derive(Debug, Default)]
pub struct Extracted {
    pub text: String,
    pub links: Vec<Link>,
    /// The page's `<title>`.
    pub title: Option<String>,
}

/// Fewer words than this in the main content: not a newsletter page.
const MIN_WORDS: usize = 20;

/// An HTML file as one document.
pub fn read(name: &str, id: &str, bytes: &[u8]) -> Outcome {
    let (source, encoding) = decode_html(bytes);
    let page = extract(&source);
    let words = page.text.split_whitespace().count();
    if words < MIN_WORDS {
        return Outcome::failed(
            name,
            format!("HTML page with no newsletter text ({words} words of content)"),
        );
    }
    let mut doc = Document::text(name, id, page.text, encoding);
    doc.subject = page.title;
    doc.links = page.links;
    Outcome::one(doc)
}

/// Decode a page: its BOM, else the `charset` it declares, else UTF-8
/// (Windows-1252 when it is not valid UTF-8).
fn decode_html(bytes: &[u8]) -> (String, &'static str) {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(2048)]).to_ascii_lowercase();
    let declared = head.find("charset=").map(|i| {
        head[i + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
            .collect::<String>()
    });
    if let Some(label) = declared {
        if let Some(enc) = encoding_rs::Encoding::for_label(label.as_bytes()) {
            if enc != encoding_rs::UTF_8 && !bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
                let (s, _, _) = enc.decode(bytes);
                return (s.into_owned(), enc.name());
            }
        }
    }
    match crate::read::decode(bytes) {
        Ok((s, enc, _)) => (s, enc),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), "utf-8"),
    }
}

/// The main content of a page as structured plain text, with its links.
pub fn extract(html: &str) -> Extracted {
    let doc = Html::parse_document(html);
    let root = doc.tree.root();
    let title = root
        .descendants()
        .find(|n| n.value().as_element().is_some_and(|e| e.name() == "title"))
        .map(|t| squash(&text_of(t)))
        .filter(|t| !t.is_empty());
    let main = main_content(root);
    let mut w = Writer::default();
    w.walk(main, main != root);
    let paras = w.finish();
    let text = drop_chrome(paras);
    // Links of dropped chrome ("Avregistrera dig") go with it.
    let shown = squash(&text);
    let mut links = w.links;
    links.retain(|l| shown.contains(&l.text));
    Extracted {
        text: crate::text::nfc(text),
        links,
        title,
    }
}

/// `<main>`, `role="main"`, or the only `<article>`; else the whole page.
fn main_content<'a>(root: NodeRef<'a, Node>) -> NodeRef<'a, Node> {
    let elements = || root.descendants().filter(|n| n.value().is_element());
    fn name<'b>(n: &NodeRef<'b, Node>) -> &'b str {
        n.value().as_element().map_or("", |e| e.name())
    }
    if let Some(m) = elements().find(|n| {
        name(n) == "main" || n.value().as_element().and_then(|e| e.attr("role")) == Some("main")
    }) {
        return m;
    }
    let mut articles = elements().filter(|n| name(n) == "article");
    match (articles.next(), articles.next()) {
        (Some(a), None) => a,
        _ => root,
    }
}

/// Elements whose content is never text of the page.
const SKIPPED: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "nav", "form", "button", "select",
    "input", "textarea", "iframe", "object", "embed", "aside", "footer", "dialog", "menu",
    "canvas", "video", "audio", "map",
];

/// Class and id words of site chrome.
const CHROME_WORDS: &[&str] = &[
    "nav",
    "navbar",
    "navigation",
    "menu",
    "breadcrumb",
    "breadcrumbs",
    "cookie",
    "cookies",
    "consent",
    "gdpr",
    "footer",
    "sidebar",
    "related",
    "share",
    "sharing",
    "social",
    "search",
    "skip",
    "skiplink",
    "pagination",
    "toolbar",
    "preheader",
    "sitemap",
];

/// Roles of site chrome.
const CHROME_ROLES: &[&str] = &[
    "navigation",
    "search",
    "contentinfo",
    "banner",
    "complementary",
    "dialog",
    "alertdialog",
];

const BLOCKS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "header",
    "table",
    "tbody",
    "thead",
    "tfoot",
    "tr",
    "td",
    "th",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "blockquote",
    "pre",
    "figure",
    "figcaption",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "hr",
    "address",
    "center",
    "body",
    "html",
    "caption",
];

fn is_block(name: &str) -> bool {
    BLOCKS.contains(&name)
}

/// Whether an element is chrome or hidden: skipped with what it holds.
fn skipped(e: &scraper::node::Element, in_main: bool) -> bool {
    let name = e.name();
    if SKIPPED.contains(&name) || name == "header" && !in_main {
        return true;
    }
    if e.attr("hidden").is_some() || e.attr("aria-hidden") == Some("true") {
        return true;
    }
    if let Some(style) = e.attr("style") {
        let s: String = style.to_ascii_lowercase().split_whitespace().collect();
        if s.contains("display:none")
            || s.contains("visibility:hidden")
            || s.contains("max-height:0") && s.contains("overflow:hidden")
        {
            return true;
        }
    }
    if e.attr("role")
        .is_some_and(|r| CHROME_ROLES.contains(&r.to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let words = e
        .attr("class")
        .into_iter()
        .chain(e.attr("id"))
        .flat_map(|v| v.split(|c: char| !c.is_ascii_alphanumeric()))
        .map(|w| w.to_ascii_lowercase());
    words
        .into_iter()
        .any(|w| CHROME_WORDS.contains(&w.as_str()))
}

/// Whether an inline style marks a title: large type or bold.
fn heading_style(e: &scraper::node::Element) -> bool {
    if matches!(e.name(), "b" | "strong") {
        return true;
    }
    let Some(style) = e.attr("style") else {
        return false;
    };
    let s: String = style.to_ascii_lowercase().split_whitespace().collect();
    let bold = s.contains("font-weight:bold")
        || s.contains("font-weight:bolder")
        || ["600", "700", "800", "900"]
            .iter()
            .any(|w| s.contains(&format!("font-weight:{w}")));
    let large = s.split(';').any(|decl| {
        let Some(v) = decl.strip_prefix("font-size:") else {
            return false;
        };
        let num: String = v
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let n: f32 = num.parse().unwrap_or(0.0);
        let unit = &v[num.len()..];
        match unit {
            "px" => n >= 18.0,
            "pt" => n >= 14.0,
            "em" | "rem" => n >= 1.25,
            _ => false,
        }
    });
    bold || large
}

/// An image that is no picture: a spacer, a tracking pixel, a logo.
fn decorative(e: &scraper::node::Element) -> bool {
    let small = |a: &str| {
        e.attr(a)
            .and_then(|v| v.trim_end_matches("px").trim().parse::<u32>().ok())
            .is_some_and(|n| n <= 3)
    };
    let src = e.attr("src").unwrap_or("").to_ascii_lowercase();
    let alt = e.attr("alt").unwrap_or("").to_lowercase();
    small("width")
        || small("height")
        || ["spacer", "pixel", "track", "blank.gif", "open.", "beacon"]
            .iter()
            .any(|s| src.contains(s))
        || alt.contains("logo")
}

/// Collapse white space to single spaces.
fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn text_of(n: NodeRef<'_, Node>) -> String {
    n.descendants()
        .filter_map(|d| d.value().as_text().map(|t| t.to_string()))
        .collect()
}

/// A paragraph of output, and whether it is a line of a run of lines (list
/// items, table rows) that stay together.
struct Para {
    text: String,
    line_run: Option<ego_tree::NodeId>,
}

#[derive(Default)]
struct Writer {
    paras: Vec<Para>,
    cur: String,
    links: Vec<Link>,
}

/// What to do when leaving an element.
enum Exit {
    Nothing,
    Block,
    /// End of a list item: a line of the run of its list.
    Line(Option<ego_tree::NodeId>),
    /// End of a link begun at this length of the current text.
    Link(usize, String),
    /// End of a styled title begun on an empty line.
    Title,
}

impl Writer {
    fn push_text(&mut self, t: &str) {
        let starts_space = t.starts_with(char::is_whitespace);
        let ends_space = t.ends_with(char::is_whitespace);
        let words = squash(t);
        if words.is_empty() {
            if (starts_space || ends_space)
                && !self.cur.is_empty()
                && !self.cur.ends_with([' ', '\n'])
            {
                self.cur.push(' ');
            }
            return;
        }
        if starts_space && !self.cur.is_empty() && !self.cur.ends_with([' ', '\n']) {
            self.cur.push(' ');
        }
        self.cur.push_str(&words);
        if ends_space {
            self.cur.push(' ');
        }
    }

    /// End the current paragraph (or line of a run).
    fn flush(&mut self, line_run: Option<ego_tree::NodeId>) {
        let text: Vec<String> = self.cur.split('\n').map(|l| l.trim().to_string()).collect();
        self.cur.clear();
        let text = text.join("\n").trim_matches('\n').to_string();
        if !text.trim().is_empty() {
            self.paras.push(Para {
                text: clean(&text).into_owned(),
                line_run,
            });
        }
    }

    /// Walk the tree without recursion (pages can nest deeply).
    fn walk(&mut self, root: NodeRef<'_, Node>, in_main: bool) {
        enum Step<'a> {
            Enter(NodeRef<'a, Node>),
            Leave(Exit),
        }
        let mut stack = vec![Step::Enter(root)];
        while let Some(step) = stack.pop() {
            let node = match step {
                Step::Leave(exit) => {
                    self.leave(exit);
                    continue;
                }
                Step::Enter(n) => n,
            };
            match node.value() {
                Node::Text(t) => {
                    self.push_text(t);
                    continue;
                }
                Node::Element(_) => {}
                Node::Document | Node::Fragment => {
                    for c in node.children().collect::<Vec<_>>().into_iter().rev() {
                        stack.push(Step::Enter(c));
                    }
                    continue;
                }
                _ => continue,
            }
            let Some(e) = node.value().as_element() else {
                continue;
            };
            if skipped(e, in_main) {
                continue;
            }
            let name = e.name();
            let exit = match name {
                "br" => {
                    self.cur.push('\n');
                    continue;
                }
                "img" => {
                    let alt = squash(e.attr("alt").unwrap_or(""));
                    if !decorative(e) && alt.split_whitespace().count() >= 3 {
                        self.flush(None);
                        self.cur = format!("Bild: {alt}");
                        self.flush(None);
                    }
                    continue;
                }
                "li" => {
                    self.flush(None);
                    self.cur.push_str("- ");
                    Exit::Line(node.parent().map(|p| p.id()))
                }
                "tr" if plain_row(node) => {
                    self.flush(None);
                    let cells: Vec<String> = node
                        .children()
                        .filter(|c| {
                            c.value()
                                .as_element()
                                .is_some_and(|e| matches!(e.name(), "td" | "th"))
                        })
                        .map(|c| squash(&text_of(c)))
                        .filter(|t| !t.is_empty())
                        .collect();
                    self.cur = cells.join(" ");
                    self.collect_links(node);
                    self.flush(node.parent().map(|p| p.id()));
                    continue;
                }
                "figcaption" => {
                    self.flush(None);
                    let t = squash(&text_of(node));
                    let lower = t.to_lowercase();
                    self.cur = if lower.contains("foto") || lower.contains("bild") {
                        t
                    } else {
                        format!("Bild: {t}")
                    };
                    self.collect_links(node);
                    self.flush(None);
                    continue;
                }
                "a" => Exit::Link(self.cur.len(), e.attr("href").unwrap_or("").to_string()),
                "hr" => {
                    self.flush(None);
                    continue;
                }
                n if is_block(n) => {
                    self.flush(None);
                    Exit::Block
                }
                _ if heading_style(e) && self.cur.trim().is_empty() && title_ends_line(node) => {
                    Exit::Title
                }
                _ => Exit::Nothing,
            };
            stack.push(Step::Leave(exit));
            for c in node.children().collect::<Vec<_>>().into_iter().rev() {
                stack.push(Step::Enter(c));
            }
        }
        self.flush(None);
    }

    fn leave(&mut self, exit: Exit) {
        match exit {
            Exit::Nothing => {}
            Exit::Block => self.flush(None),
            Exit::Line(run) => self.flush(run),
            Exit::Title => {
                if self.cur.trim().chars().count() <= 150 {
                    self.flush(None);
                }
            }
            Exit::Link(start, href) => {
                let text = squash(self.cur.get(start..).unwrap_or(""));
                if let Some(url) = super::allowed_url(&href) {
                    let text = if text.is_empty() {
                        url.trim_start_matches("mailto:").to_string()
                    } else {
                        text
                    };
                    self.links.push(Link {
                        text: clean(&text).into_owned(),
                        url,
                    });
                }
            }
        }
    }

    /// Links inside an element written at once (a table row, a caption).
    fn collect_links(&mut self, node: NodeRef<'_, Node>) {
        for d in node.descendants() {
            if let Some(e) = d.value().as_element() {
                if e.name() == "a" {
                    if let Some(url) = super::allowed_url(e.attr("href").unwrap_or("")) {
                        let t = squash(&text_of(d));
                        if !t.is_empty() {
                            self.links.push(Link {
                                text: clean(&t).into_owned(),
                                url,
                            });
                        }
                    }
                }
            }
        }
    }

    /// The paragraphs as text: a blank line between paragraphs, lines of a
    /// run (list items, table rows) together.
    fn finish(&mut self) -> Vec<Para> {
        std::mem::take(&mut self.paras)
    }
}

/// A table row whose cells hold only inline content: one line.
fn plain_row(tr: NodeRef<'_, Node>) -> bool {
    let cells: Vec<_> = tr
        .children()
        .filter(|c| {
            c.value()
                .as_element()
                .is_some_and(|e| matches!(e.name(), "td" | "th"))
        })
        .collect();
    cells.len() >= 2
        && cells.iter().all(|c| {
            c.descendants().skip(1).all(|d| {
                d.value()
                    .as_element()
                    .is_none_or(|e| !is_block(e.name()) && e.name() != "br")
            })
        })
        && cells
            .iter()
            .filter(|c| !squash(&text_of(**c)).is_empty())
            .count()
            >= 2
}

/// A styled title stands alone on its line: what follows it is a line
/// break, the end of its block, or nothing but white space.
fn title_ends_line(node: NodeRef<'_, Node>) -> bool {
    let mut next = node.next_sibling();
    while let Some(n) = next {
        match n.value() {
            Node::Text(t) if t.trim().is_empty() => next = n.next_sibling(),
            Node::Element(e) => return e.name() == "br" || is_block(e.name()),
            Node::Comment(_) => next = n.next_sibling(),
            _ => return false,
        }
    }
    true
}

static CHROME: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)(?:öppna|visa|läs)\s+(?:nyhetsbrevet\s+|mejlet\s+|det\s+)?i\s+(?:din\s+)?webbläsare|visas\s+(?:inte\s+)?(?:nyhetsbrevet|mejlet)\s+(?:inte\s+)?korrekt|avregistrera|avsluta\s+(?:din\s+)?prenumeration|säg\s+upp\s+(?:din\s+)?prenumeration|hantera\s+(?:din\s+)?prenumeration|unsubscribe|view\s+(?:this\s+e-?mail\s+)?in\s+(?:your\s+)?browser|du\s+får\s+(?:detta|det\s+här)\s+(?:nyhets)?(?:brev|mejl|e-?post)|vi\s+använder\s+(?:kakor|cookies)|webbplatsen\s+använder\s+(?:kakor|cookies)|^(?:till\s+)?toppen$|^dela(?:\s+på)?:?$|^skriv\s+ut$")
        .expect("valid regex")
});

/// A postal address line: a Swedish postcode and a town, or a post box.
static POSTAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?:\b\d{3}\s?\d{2}\s+\p{Lu}\p{Ll}+|\bBox\s+\d+)").expect("valid regex")
});

/// The paragraphs without the template's chrome, as text.
fn drop_chrome(paras: Vec<Para>) -> String {
    let n = paras.len();
    let mut out = String::new();
    let mut prev_run = None;
    for (i, p) in paras.into_iter().enumerate() {
        let short = p.text.chars().count() < 300;
        let chrome = short && CHROME.is_match(&p.text)
            || i + 4 >= n
                && p.text.chars().count() < 250
                && POSTAL.is_match(&p.text)
                && !p.text.contains('@');
        if chrome {
            continue;
        }
        if !out.is_empty() {
            let same_run = p.line_run.is_some() && p.line_run == prev_run;
            out.push_str(if same_run { "\n" } else { "\n\n" });
        }
        out.push_str(&p.text);
        prev_run = p.line_run;
    }
    out.push('\n');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn structure_becomes_plain_text_paragraphs() {
        let page = extract(
            "<html><body><nav><a href='/'>Hem</a></nav><main><h1>Rubrik</h1><p>Första \
             stycket med <a href='https://x.se/a'>en länk</a>.</p><ul><li>ett</li><li>två</li></ul>\
             <table><tr><td>12 mars</td><td>Styrelsemöte</td></tr><tr><td>3 april</td><td>Forum</td></tr></table>\
             <p>Avregistrera dig här</p></main><footer>Box 123, 123 45 Stockholm</footer></body></html>",
        );
        assert_eq!(
            page.text,
            "Rubrik\n\nFörsta stycket med en länk.\n\n- ett\n- två\n\n12 mars Styrelsemöte\n3 april Forum\n"
        );
        assert_eq!(
            page.links,
            [Link {
                text: "en länk".into(),
                url: "https://x.se/a".into()
            }]
        );
    }

    #[test]
    fn a_bold_title_row_of_a_table_layout_is_its_own_paragraph() {
        let page = extract(
            "<table><tr><td><span style=\"font-size: 20px; font-weight: bold\">Vattenforum 20 år</span><br>\
             Text om forumet som fyller år.</td></tr></table>",
        );
        assert_eq!(
            page.text,
            "Vattenforum 20 år\n\nText om forumet som fyller år.\n"
        );
    }

    #[test]
    fn only_http_https_and_mailto_links_are_kept() {
        let page = extract(
            "<p><a href='javascript:alert(1)'>a</a> <a href='mailto:asa@x.se'>Åsa</a> \
             <a href='file:///etc/passwd'>b</a> <a href='http://x.se'>c</a></p>",
        );
        let urls: Vec<&str> = page.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["mailto:asa@x.se", "http://x.se"]);
    }

    #[test]
    fn deep_nesting_does_not_overflow_the_stack() {
        let html = format!("{}text{}", "<div>".repeat(10_000), "</div>".repeat(10_000));
        assert!(extract(&html).text.contains("text"));
    }
}
