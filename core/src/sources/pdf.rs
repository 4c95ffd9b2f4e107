//! PDF: the text of each page (`pdf-extract`, on `lopdf`), in reading
//! order as the page's content gives it. Running headers and footers (a
//! line repeated at the top or bottom of most pages, page numbers as they
//! change) are not content; hyphenation at line ends is left to the
//! parser, as in text.
//!
//! A PDF library that panics or loops on a damaged file is contained: the
//! extraction runs on its own thread, panics are caught, and after
//! [`TIME_LIMIT`] the file is given up (the thread is left to finish on
//! its own).

use std::collections::HashMap;
use std::sync::mpsc;
use std::time::Duration;

use super::{Document, Outcome};
use crate::clean::clean;

/// How long one PDF may take.
pub const TIME_LIMIT: Duration = Duration::from_secs(20);

/// A PDF file as one document.
pub fn read(name: &str, id: &str, bytes: &[u8]) -> Outcome {
    let pages = match pages(bytes) {
        Ok(p) => p,
        Err(why) => return Outcome::failed(name, why),
    };
    let text = join_pages(&pages);
    if text.split_whitespace().count() < 5 {
        return Outcome::failed(
            name,
            "PDF without text (only images, or scanned): nothing to read",
        );
    }
    Outcome::one(Document::text(name, id, text, "pdf"))
}

/// The text of every page, extracted on a thread of its own.
fn pages(bytes: &[u8]) -> Result<Vec<String>, String> {
    let (tx, rx) = mpsc::channel();
    let owned = bytes.to_vec();
    std::thread::Builder::new()
        .name("pdf".into())
        .spawn(move || {
            let result =
                std::panic::catch_unwind(|| pdf_extract::extract_text_from_mem_by_pages(&owned));
            let _ = tx.send(result);
        })
        .map_err(|e| format!("cannot start reading the PDF: {e}"))?;
    match rx.recv_timeout(TIME_LIMIT) {
        Ok(Ok(Ok(pages))) => Ok(pages),
        Ok(Ok(Err(e))) => {
            let why = e.to_string();
            if why.to_lowercase().contains("encrypt") || why.to_lowercase().contains("decrypt") {
                Err("encrypted PDF: cannot be read without its password".into())
            } else {
                Err(format!("broken PDF: {why}"))
            }
        }
        Ok(Err(_)) => Err("broken PDF: the PDF reader failed on it".into()),
        Err(_) => Err(format!(
            "PDF took more than {} seconds to read; given up",
            TIME_LIMIT.as_secs()
        )),
    }
}

/// A line's shape with its digits as `#`: a running header with the page
/// number in it is the same on every page.
fn shape(line: &str) -> String {
    line.trim()
        .chars()
        .map(|c| if c.is_ascii_digit() { '#' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A page number alone: "3", "- 3 -", "Sida 3", "3 (12)", "3/12", "Page 3 of 12".
fn page_number(line: &str) -> bool {
    let s = shape(line).to_lowercase();
    let s = s.trim_matches(|c: char| c == '-' || c == '–' || c.is_whitespace());
    let s = s
        .strip_prefix("sida")
        .or_else(|| s.strip_prefix("sid."))
        .or_else(|| s.strip_prefix("page"))
        .or_else(|| s.strip_prefix("s."))
        .unwrap_or(s)
        .trim();
    !s.is_empty()
        && s.contains('#')
        && s.chars()
            .all(|c| matches!(c, '#' | ' ' | '(' | ')' | '/' | 'a'..='z' | 'å' | 'ä' | 'ö'))
        && s.split_whitespace()
            .all(|w| w.contains('#') || ["av", "of", "(", ")"].contains(&w))
}

/// How many lines at each end of a page can be a running header or footer.
const EDGE: usize = 2;

/// The pages as one text: lines repeated at the top or bottom of most
/// pages (half of them, at least two) and page numbers there are dropped;
/// a page break is a paragraph break unless a sentence runs on.
fn join_pages(pages: &[String]) -> String {
    let lines: Vec<Vec<String>> = pages
        .iter()
        .map(|p| clean(p).lines().map(|l| l.trim_end().to_string()).collect())
        .collect();
    let edges = |page: &[String]| -> Vec<usize> {
        let nonblank: Vec<usize> = (0..page.len())
            .filter(|&i| !page[i].trim().is_empty())
            .collect();
        let mut e: Vec<usize> = nonblank.iter().take(EDGE).copied().collect();
        e.extend(nonblank.iter().rev().take(EDGE).copied());
        e.sort_unstable();
        e.dedup();
        e
    };
    let mut seen: HashMap<String, usize> = HashMap::new();
    for page in &lines {
        let mut shapes: Vec<String> = edges(page).into_iter().map(|i| shape(&page[i])).collect();
        shapes.sort();
        shapes.dedup();
        for s in shapes {
            *seen.entry(s).or_default() += 1;
        }
    }
    let running = |s: &str| {
        lines.len() >= 2
            && s.chars().count() < 120
            && seen.get(s).is_some_and(|&n| n >= 2 && n * 2 >= lines.len())
    };
    let mut out = String::new();
    for page in &lines {
        let drop: Vec<usize> = edges(page)
            .into_iter()
            .filter(|&i| running(&shape(&page[i])) || page_number(&page[i]))
            .collect();
        let kept: Vec<&str> = page
            .iter()
            .enumerate()
            .filter(|(i, _)| !drop.contains(i))
            .map(|(_, l)| l.as_str())
            .collect();
        let text = kept.join("\n");
        let text = text.trim_matches('\n');
        if text.trim().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(text);
    }
    out.push('\n');
    crate::text::nfc(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn running_headers_and_page_numbers_go() {
        let words = ["första", "andra", "tredje"];
        let pages: Vec<String> = (1..=3)
            .map(|n| {
                let w = words[n - 1];
                format!("Storsthlm – Rapport 2024\n\nText på den {w} sidan.\nMer text om {w}.\nSista raden om {w}.\n\nSida {n} av 3\n")
            })
            .collect();
        let text = join_pages(&pages);
        assert!(!text.contains("Rapport 2024"), "{text}");
        assert!(!text.contains("Sida"), "{text}");
        assert!(
            text.contains("Text på den andra sidan.\nMer text om andra.\nSista raden om andra."),
            "{text}"
        );
    }

    #[test]
    fn page_numbers_are_recognised() {
        for p in [
            "3",
            "- 3 -",
            "Sida 3",
            "3 (12)",
            "3/12",
            "Page 3 of 12",
            "sid. 4",
        ] {
            assert!(page_number(p), "{p}");
        }
        for p in ["12 mars", "Kommunstyrelsen 3", "2024 års rapport"] {
            assert!(!page_number(p), "{p}");
        }
    }

    #[test]
    fn garbage_is_a_clear_failure() {
        let r = read("x.pdf", "x", b"%PDF-1.4\nthis is not a pdf at all");
        assert!(r.documents.is_empty());
        assert!(r.warnings[0].detail.contains("PDF"), "{:?}", r.warnings);
    }
}
