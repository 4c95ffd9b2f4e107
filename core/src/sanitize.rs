//! Terminal safety: document text must never put control sequences into the
//! user's terminal. Every string from a document passes through `clean`
//! before it is drawn or printed.

use std::borrow::Cow;

/// True for characters that must never reach a terminal: C0 controls other
/// than newline and tab, DEL, C1 controls (U+0080–U+009F), and the
/// bidirectional overrides/isolates (U+202A–U+202E, U+2066–U+2069).
pub fn is_unsafe(c: char) -> bool {
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || ('\u{202a}'..='\u{202e}').contains(&c)
        || ('\u{2066}'..='\u{2069}').contains(&c)
}

/// Remove unsafe characters (ESC, BEL, NUL, C1 CSI, bidi overrides …).
pub fn clean(s: &str) -> Cow<'_, str> {
    if s.chars().any(is_unsafe) {
        Cow::Owned(s.chars().filter(|c| !is_unsafe(*c)).collect())
    } else {
        Cow::Borrowed(s)
    }
}

/// Like `clean`, and also turns newlines and tabs into spaces (for text that
/// must stay on one line: titles, list rows, the status bar).
pub fn clean_line(s: &str) -> String {
    s.chars()
        .filter(|c| !is_unsafe(*c))
        .map(|c| if c == '\n' || c == '\t' { ' ' } else { c })
        .collect()
}

/// Escape, in serialised JSON, the characters JSON itself lets through raw
/// but a terminal must not see: DEL, C1 controls and bidirectional
/// overrides (JSON already escapes C0). The result is still valid JSON
/// with the same values: these characters can only occur inside strings.
pub fn json_escape_unsafe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            out.push_str(&format!("\\u{:04x}", c as u32));
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_and_bidi_overrides_are_removed() {
        let evil = "a\u{1b}[2Jb\u{1b}]52;c;SGVsbG8=\u{7}c\u{9b}31md\u{0}e\u{202e}f\u{2066}g";
        let c = clean(evil);
        assert!(!c.chars().any(is_unsafe), "{c:?}");
        assert!(c.starts_with('a') && c.ends_with('g'));
        assert_eq!(clean("Åsa\tDanielsson\n"), "Åsa\tDanielsson\n");
        assert_eq!(clean_line("a\nb\tc"), "a b c");
    }

    #[test]
    fn json_stays_valid_and_keeps_its_values() {
        let value = "x\u{9b}31m\u{202e}y\u{7f}";
        let json = serde_json::to_string(&value).unwrap();
        let safe = json_escape_unsafe(&json);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }
}
