//! Cleaning text where it enters: every string read from a file (decoded
//! text, RON fields, file names, e-mail headers, HTML and PDF text) passes
//! through [`clean`] in the core before it reaches the model, so nothing
//! read can reach a terminal as a control sequence or shift what is drawn.
//!
//! Removed: whole escape sequences with their parameters and strings (CSI,
//! OSC, DCS, SOS, PM, APC, in their 7-bit `ESC x` and 8-bit C1 forms; the
//! `vte` terminal parser finds where each ends), the C0 and C1 controls
//! other than newline and tab, bidirectional overrides, embeddings, marks
//! and isolates, zero-width and other format characters (U+200B–U+200F,
//! U+2060–U+2064, U+FEFF, U+061C, U+00AD, tag characters). U+2028 and
//! U+2029 become line breaks. The output sanitising of the reader stays as
//! a second line of defence (`sanitize`).

use std::borrow::Cow;

/// Whether a character is removed (or, for the line separators, replaced).
fn needs_cleaning(c: char) -> bool {
    match c {
        '\n' | '\t' => false,
        '\0'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{ad}' | '\u{61c}' | '\u{180e}' | '\u{feff}' => true,
        '\u{200b}'..='\u{200f}' | '\u{2028}'..='\u{202e}' | '\u{2060}'..='\u{206f}' => true,
        '\u{fff9}'..='\u{fffb}' | '\u{e0000}'..='\u{e007f}' => true,
        _ => false,
    }
}

/// The text without escape sequences, controls and format characters (see
/// the module comment). Borrowed when there is nothing to clean, which is
/// the common case and costs one scan.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_cleaning) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    // Line by line, so that a sequence never terminated costs its own line
    // only, not the rest of the file.
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if line.contains([
            '\u{1b}', '\u{90}', '\u{98}', '\u{9b}', '\u{9d}', '\u{9e}', '\u{9f}',
        ]) {
            strip_sequences(line, &mut out);
        } else {
            push_clean_chars(line, &mut out);
        }
    }
    Cow::Owned(out)
}

/// [`clean`] into an owned string, reusing it when nothing changes.
pub fn clean_owned(s: String) -> String {
    match clean(&s) {
        Cow::Borrowed(_) => s,
        Cow::Owned(c) => c,
    }
}

/// Clean a string in place.
pub fn clean_in_place(s: &mut String) {
    if let Cow::Owned(c) = clean(s) {
        *s = c;
    }
}

/// Characters kept; line separators as newlines.
fn push_clean_chars(s: &str, out: &mut String) {
    for c in s.chars() {
        match c {
            '\u{2028}' | '\u{2029}' => out.push('\n'),
            c if needs_cleaning(c) => {}
            c => out.push(c),
        }
    }
}

/// Feed one line to the terminal parser and keep only what it would print.
/// 8-bit introducers (U+009B CSI, U+009D OSC, …) are given to it in their
/// 7-bit form so that their parameters go with them.
fn strip_sequences(line: &str, out: &mut String) {
    let mut bytes = Vec::with_capacity(line.len() + 8);
    let mut buf = [0u8; 4];
    for c in line.chars() {
        match c {
            '\u{80}'..='\u{9f}' => {
                bytes.push(0x1b);
                bytes.push((c as u32 - 0x40) as u8);
            }
            c => bytes.extend_from_slice(c.encode_utf8(&mut buf).as_bytes()),
        }
    }
    struct Printed(String);
    impl vte::Perform for Printed {
        fn print(&mut self, c: char) {
            self.0.push(c);
        }
        fn execute(&mut self, byte: u8) {
            if byte == b'\t' {
                self.0.push('\t');
            }
        }
    }
    let mut printed = Printed(String::with_capacity(line.len()));
    vte::Parser::new().advance(&mut printed, &bytes);
    push_clean_chars(&printed.0, out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_sequences_go_with_their_parameters() {
        let cases = [
            ("a\u{1b}]52;c;SGk=\u{7}b", "ab"),
            (
                "a\u{1b}]8;;http://x.se\u{1b}\\länk\u{1b}]8;;\u{1b}\\b",
                "alänkb",
            ),
            ("\u{1b}[2J\u{1b}[Htitel", "titel"),
            ("x\u{1b}[38;5;196my", "xy"),
            ("x\u{9b}31my", "xy"),
            ("x\u{9d}0;title\u{9c}y", "xy"),
            ("x\u{1b}Pq#0;2;0;0;0\u{1b}\\y", "xy"),
            ("x\u{90}1$r\u{9c}y", "xy"),
            ("x\u{1b}_apc data\u{1b}\\y", "xy"),
            ("x\u{1b}^pm data\u{1b}\\y", "xy"),
            ("x\u{1b}Xsos data\u{1b}\\y", "xy"),
            ("x\u{9f}apc\u{9c}y", "xy"),
            ("x\u{1b}7y\u{1b}c", "xy"),
        ];
        for (dirty, want) in cases {
            assert_eq!(clean(dirty), want, "{dirty:?}");
        }
    }

    #[test]
    fn controls_bidi_and_format_characters_go_tabs_and_newlines_stay() {
        let dirty = "Å\u{0}s\u{7}a\u{8}\u{7f}\u{85}\tD\u{202e}a\u{2066}n\u{2069}i\u{200b}e\u{200d}l\u{2060}s\u{feff}s\u{61c}o\u{e0041}n\r\n";
        assert_eq!(clean(dirty), "Åsa\tDanielsson\n");
        assert_eq!(
            clean("rad ett\u{2028}rad två\u{2029}"),
            "rad ett\nrad två\n"
        );
    }

    #[test]
    fn an_unterminated_sequence_costs_its_line_only() {
        assert_eq!(
            clean("Titel\u{1b}]52;c;aaaa\nNästa rad\n"),
            "Titel\nNästa rad\n"
        );
    }

    #[test]
    fn clean_text_is_borrowed() {
        let s = "Sammanfattning från styrelsemötet – Österåker\n\tindrag";
        assert!(matches!(clean(s), Cow::Borrowed(_)));
    }
}
