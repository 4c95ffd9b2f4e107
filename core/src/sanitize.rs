//! Terminal safety at the output: the second line of defence.
//!
//! Text is cleaned where it enters (the reading layer); everything printed
//! or drawn passes through here again, so a string that reached the model
//! some other way (a `.ron` issue, `state.ron`, a file name, a config key)
//! still cannot put a control sequence into the user's terminal:
//!
//! - [`clean`] / [`clean_line`]: document text. Whole escape sequences are
//!   removed with their parameters (CSI, OSC, DCS, SOS, PM, APC and plain
//!   ESC sequences, in their 7-bit `ESC x` and 8-bit C1 forms), parsed by
//!   the `vte` crate (the parser of the Alacritty terminal), so no residue
//!   such as `]52;c;SGk=` is left; then the remaining C0/C1 controls, the
//!   bidirectional controls and the other invisible format characters
//!   (zero-width space and joiners, word joiner, BOM, tag characters …).
//!   U+2028/U+2029 and CR become line breaks.
//! - [`show_name`]: file names and ids are data, not text: one that cannot
//!   be shown as it is is shown quoted as `ls` does (`$'a\eb\n.txt'`, the
//!   form a POSIX shell reads back), never raw and never over two lines.
//! - [`escape_line`]: messages on standard error that quote paths or
//!   values: unsafe characters shown as visible escapes on one line.
//! - [`clean_json`] / [`json_escape_unsafe`]: JSON output.

use std::borrow::Cow;
use std::fmt::Write as _;

/// True for the invisible format characters that shift a terminal's
/// columns or reorder text: the bidirectional marks, embeddings, overrides
/// and isolates, zero-width space/joiners, word joiner and the invisible
/// operators, BOM/ZWNBSP, soft hyphen, the interlinear annotation marks,
/// tag characters, and the other characters of Unicode's "Format" (Cf)
/// category.
pub fn is_format(c: char) -> bool {
    matches!(
        c,
        '\u{ad}'
            | '\u{600}'..='\u{605}'
            | '\u{61c}'
            | '\u{6dd}'
            | '\u{70f}'
            | '\u{890}'..='\u{891}'
            | '\u{8e2}'
            | '\u{180e}'
            | '\u{200b}'..='\u{200f}'
            | '\u{202a}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{2066}'..='\u{206f}'
            | '\u{feff}'
            | '\u{fff9}'..='\u{fffb}'
            | '\u{110bd}'
            | '\u{110cd}'
            | '\u{13430}'..='\u{1343f}'
            | '\u{1bca0}'..='\u{1bca3}'
            | '\u{1d173}'..='\u{1d17a}'
            | '\u{e0001}'
            | '\u{e0020}'..='\u{e007f}'
    )
}

/// True for characters that must never reach a terminal as they are: C0
/// controls other than newline and tab (CR included), DEL, C1 controls
/// (U+0080–U+009F), the format characters of [`is_format`], and the line
/// and paragraph separators U+2028/U+2029 (which [`clean`] turns into
/// line breaks).
pub fn is_unsafe(c: char) -> bool {
    if c.is_ascii() {
        // The common case, on every character drawn: one comparison or two.
        return (c < ' ' && c != '\n' && c != '\t') || c == '\u{7f}';
    }
    (c < ' ' && c != '\n' && c != '\t')
        || ('\u{7f}'..='\u{9f}').contains(&c)
        || c == '\u{2028}'
        || c == '\u{2029}'
        || is_format(c)
}

/// Collects what a terminal would print, dropping every sequence.
struct Printer {
    out: String,
    /// With `Some`, for each char pushed to `out`, the index of the input
    /// char it came from.
    from: Option<Vec<usize>>,
    /// The index of the input char being fed.
    at: usize,
    /// The last thing kept was a CR turned into a line break (so the LF of
    /// a CRLF is not a second one).
    after_cr: bool,
}

impl Printer {
    fn push(&mut self, c: char) {
        self.out.push(c);
        if let Some(from) = &mut self.from {
            from.push(self.at);
        }
    }
}

impl vte::Perform for Printer {
    fn print(&mut self, c: char) {
        self.after_cr = false;
        match c {
            '\u{2028}' | '\u{2029}' => self.push('\n'),
            c if is_unsafe(c) => {}
            c => self.push(c),
        }
    }

    fn execute(&mut self, byte: u8) {
        match byte {
            b'\n' if self.after_cr => self.after_cr = false,
            b'\n' => self.push('\n'),
            b'\r' => {
                self.push('\n');
                self.after_cr = true;
            }
            b'\t' => {
                self.after_cr = false;
                self.push('\t');
            }
            _ => {}
        }
    }
}

/// Run the terminal parser over `s`; `indexed` also records where each
/// kept char came from.
fn run_parser(s: &str, indexed: bool) -> Printer {
    let mut parser = vte::Parser::new();
    let mut printer = Printer {
        out: String::with_capacity(s.len()),
        from: indexed.then(Vec::new),
        at: 0,
        after_cr: false,
    };
    let mut buf = [0u8; 4];
    for (i, c) in s.chars().enumerate() {
        printer.at = i;
        // The 8-bit C1 controls as their 7-bit equivalents (`ESC` and the
        // byte 0x40 lower), so that U+009B (CSI), U+009D (OSC), U+0090
        // (DCS), U+0098/9E/9F (SOS/PM/APC) and U+009C (ST) start and end
        // sequences as they do on a terminal that honours them.
        if ('\u{80}'..='\u{9f}').contains(&c) {
            parser.advance(&mut printer, &[0x1b, c as u8 - 0x40]);
        } else {
            parser.advance(&mut printer, c.encode_utf8(&mut buf).as_bytes());
        }
    }
    printer
}

/// Remove escape sequences (whole, with their parameters), control and
/// format characters; U+2028/U+2029 and CR (alone or before LF) become
/// `\n`. Newlines and tabs stay. Text without anything to remove is
/// returned as it is.
pub fn clean(s: &str) -> Cow<'_, str> {
    if !s.chars().any(is_unsafe) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(run_parser(s, false).out)
}

/// What [`clean`] keeps of `s`, each char with the index (in chars) of
/// the char of `s` it comes from: for output that marks positions of the
/// original text (search and jump highlights).
pub fn clean_indexed(s: &str) -> Vec<(usize, char)> {
    if !s.chars().any(is_unsafe) {
        return s.chars().enumerate().collect();
    }
    let p = run_parser(s, true);
    p.from
        .unwrap_or_default()
        .into_iter()
        .zip(p.out.chars())
        .collect()
}

/// Like [`clean`], and newlines and tabs become spaces: for text that must
/// stay on one line (titles, list rows, the status bar).
pub fn clean_line(s: &str) -> String {
    let cleaned = clean(s);
    if cleaned.contains(['\n', '\t']) {
        cleaned.replace(['\n', '\t'], " ")
    } else {
        cleaned.into_owned()
    }
}

/// [`clean_line`] cut to at most `max` characters (an ellipsis marks the
/// cut): for values quoted in messages, so a 10 MB key name gives a short
/// message.
pub fn clean_bounded(s: &str, max: usize) -> String {
    let mut out: String = clean_line(s);
    if let Some((at, _)) = out.char_indices().nth(max) {
        out.truncate(at);
        out.push('…');
    }
    out
}

/// The visible escape of one character: `\e`, `\n`, `\r`, `\t`, `\xHH` for
/// other C0 controls and DEL, `\uHHHH`/`\UHHHHHHHH` for the rest (the
/// notation of bash's `$'…'`).
fn push_escape(out: &mut String, c: char) {
    match c {
        '\u{1b}' => out.push_str("\\e"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        c if (c as u32) < 0x20 || c == '\u{7f}' => {
            let _ = write!(out, "\\x{:02X}", c as u32);
        }
        c if (c as u32) <= 0xFFFF => {
            let _ = write!(out, "\\u{:04X}", c as u32);
        }
        c => {
            let _ = write!(out, "\\U{:08X}", c as u32);
        }
    }
}

/// True for a character a name cannot show as it is.
fn needs_quoting(c: char) -> bool {
    c.is_control() || is_unsafe(c)
}

/// A file name or id for display. A name whose characters can all be shown
/// is returned as it is; otherwise it is quoted as `ls` (and bash's
/// `printf %q`) do: `$'…'` with `\e`, `\n`, `\r`, `\t`, `\xHH`, `\uHHHH`
/// for what cannot be shown, `\\` and `\'` for the quote's own characters.
/// The result never holds a control or format character and never spans
/// two lines; pasted into a POSIX shell it gives back the name.
pub fn show_name(name: &str) -> Cow<'_, str> {
    if !name.chars().any(needs_quoting) {
        return Cow::Borrowed(name);
    }
    let mut out = String::with_capacity(name.len() + 8);
    out.push_str("$'");
    push_escaped(&mut out, name, true);
    out.push('\'');
    Cow::Owned(out)
}

/// `s` with the characters of [`needs_quoting`] as visible escapes; with
/// `quoting`, also `\` and `'` (inside `$'…'`).
fn push_escaped(out: &mut String, s: &str, quoting: bool) {
    for c in s.chars() {
        match c {
            '\\' if quoting => out.push_str("\\\\"),
            '\'' if quoting => out.push_str("\\'"),
            c if needs_quoting(c) => push_escape(out, c),
            c => out.push(c),
        }
    }
}

/// A message for standard error on one line: control and format
/// characters (newline, tab and CR too) shown as visible escapes (`\e`,
/// `\n`, `\u202E` …), so the message shows what a path or value holds
/// without acting on the terminal.
pub fn escape_line(s: &str) -> Cow<'_, str> {
    if !s.chars().any(needs_quoting) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 8);
    push_escaped(&mut out, s, false);
    Cow::Owned(out)
}

/// Escape, in serialised JSON, the characters JSON itself lets through raw
/// but a terminal must not see: DEL, C1 controls, format characters and
/// U+2028/U+2029 (JSON already escapes C0). The result is still valid
/// JSON with the same values: these characters can only occur inside
/// strings.
pub fn json_escape_unsafe(json: &str) -> Cow<'_, str> {
    if !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let mut out = String::with_capacity(json.len() + 16);
    for c in json.chars() {
        if is_unsafe(c) {
            // Outside the BMP as a UTF-16 surrogate pair, as JSON wants.
            let mut units = [0u16; 2];
            for u in c.encode_utf16(&mut units) {
                let _ = write!(out, "\\u{u:04x}");
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// Serialised JSON made safe for a terminal and free of stripped
/// sequences' residue: every string value is passed through [`clean`],
/// except the values of the keys in `names` (file names and ids), which
/// are data and keep every character (JSON-escaped). Keys are kept. The
/// result is valid JSON of the same shape; nothing in it is a control or
/// format character.
pub fn clean_json<'a>(json: &'a str, names: &[&str]) -> Cow<'a, str> {
    if !json.contains("\\u") && !json.chars().any(is_unsafe) {
        return Cow::Borrowed(json);
    }
    let out = clean_literals(json, names, Syntax::Json);
    Cow::Owned(json_escape_unsafe(&out).into_owned())
}

/// [`clean_json`] for RON as `ron`'s serialiser writes it (fields as
/// `name: value`, strings with `\u{…}` escapes).
pub fn clean_ron<'a>(ron: &'a str, names: &[&str]) -> Cow<'a, str> {
    if !ron.contains("\\u") && !ron.chars().any(is_unsafe) {
        return Cow::Borrowed(ron);
    }
    let out = clean_literals(ron, names, Syntax::Ron);
    let mut safe = String::with_capacity(out.len());
    for c in out.chars() {
        if is_unsafe(c) {
            let _ = write!(safe, "\\u{{{:x}}}", c as u32);
        } else {
            safe.push(c);
        }
    }
    Cow::Owned(safe)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Syntax {
    Json,
    Ron,
}

/// Clean the string values of serialised JSON or RON; see [`clean_json`].
fn clean_literals(text: &str, names: &[&str], syntax: Syntax) -> String {
    let mut out = String::with_capacity(text.len());
    let mut key: Option<String> = None;
    let mut rest = text;
    while let Some(start) = rest.find('"') {
        let gap = &rest[..start];
        out.push_str(gap);
        if syntax == Syntax::Ron {
            // `name: "…"`: the field's name is the identifier before `:`.
            if let Some(before) = gap.trim_end().strip_suffix(':') {
                let ident: String = before
                    .chars()
                    .rev()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                if !ident.is_empty() {
                    key = Some(ident.chars().rev().collect());
                }
            }
        }
        // The end of the string literal: the next quote not escaped.
        let body = &rest[start + 1..];
        let mut end = None;
        let mut escaped = false;
        for (i, c) in body.char_indices() {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => {
                    end = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let Some(end) = end else {
            // Not what the serialiser writes: change nothing more.
            out.push_str(&rest[start..]);
            return out;
        };
        let literal = &rest[start..start + end + 2];
        rest = &rest[start + end + 2..];
        // A JSON key, or a RON map key.
        let is_key = rest.trim_start().starts_with(':');
        let value: Option<String> = match syntax {
            Syntax::Json => serde_json::from_str(literal).ok(),
            Syntax::Ron => ron::from_str(literal).ok(),
        };
        match value {
            Some(v) if is_key => {
                out.push_str(literal);
                key = Some(v);
            }
            Some(v) if !key.as_deref().is_some_and(|k| names.contains(&k)) => match clean(&v) {
                Cow::Borrowed(_) => out.push_str(literal),
                Cow::Owned(c) => {
                    let encoded = match syntax {
                        Syntax::Json => serde_json::to_string(&c).ok(),
                        Syntax::Ron => ron::to_string(&c).ok(),
                    };
                    out.push_str(encoded.as_deref().unwrap_or("\"\""));
                }
            },
            _ => out.push_str(literal),
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every kind of sequence, 7- and 8-bit, each between two markers.
    const SEQUENCES: &[(&str, &str)] = &[
        ("CSI", "\u{1b}[2J\u{1b}[1;31m"),
        ("CSI private", "\u{1b}[?1049h"),
        ("OSC BEL", "\u{1b}]52;c;SGVsbG8=\u{7}"),
        ("OSC ST", "\u{1b}]8;;http://x.example/\u{1b}\\"),
        ("DCS", "\u{1b}P1$r0m\u{1b}\\"),
        ("APC", "\u{1b}_Gf=100;AAAA\u{1b}\\"),
        ("PM", "\u{1b}^privacy\u{1b}\\"),
        ("SOS", "\u{1b}Xstart of string\u{1b}\\"),
        ("ESC", "\u{1b}c\u{1b}(0"),
        ("C1 CSI", "\u{9b}31m"),
        ("C1 OSC", "\u{9d}0;title\u{9c}"),
        ("C1 DCS", "\u{90}qpayload\u{9c}"),
        ("C1 APC", "\u{9f}payload\u{9c}"),
        ("C1 PM", "\u{9e}payload\u{9c}"),
        ("C1 SOS", "\u{98}payload\u{9c}"),
        ("controls", "\u{0}\u{7}\u{8}\u{7f}\u{85}"),
        (
            "format",
            "\u{200b}\u{200d}\u{2060}\u{feff}\u{61c}\u{202e}\u{2066}\u{e0041}\u{ad}",
        ),
    ];

    #[test]
    fn whole_sequences_are_removed_without_residue() {
        for (name, seq) in SEQUENCES {
            let text = format!("före{seq}efter");
            assert_eq!(clean(&text), "föreefter", "{name}");
            assert_eq!(clean_line(&text), "föreefter", "{name}");
        }
        let all: String = SEQUENCES.iter().map(|(_, s)| format!("{s}x")).collect();
        assert_eq!(clean(&all), "x".repeat(SEQUENCES.len()));
    }

    #[test]
    fn line_breaks_and_tabs_are_kept_and_separators_become_breaks() {
        assert_eq!(clean("Åsa\tDanielsson\n"), "Åsa\tDanielsson\n");
        assert!(matches!(clean("vanlig text"), Cow::Borrowed(_)));
        assert_eq!(clean("a\u{2028}b\u{2029}c"), "a\nb\nc");
        assert_eq!(clean("a\r\nb\rc"), "a\nb\nc");
        assert_eq!(clean_line("a\nb\tc\rd"), "a b c d");
        // Emoji and other wide characters are text, not controls.
        assert_eq!(clean("möte 📅 ✓"), "möte 📅 ✓");
    }

    #[test]
    fn names_are_quoted_as_ls_does_and_read_back_by_a_shell() {
        assert_eq!(show_name("004_a1ec.txt"), "004_a1ec.txt");
        assert_eq!(show_name("min fil.txt"), "min fil.txt");
        assert_eq!(show_name("a\u{1b}[2Jb.txt"), "$'a\\e[2Jb.txt'");
        assert_eq!(show_name("rad\nny.txt"), "$'rad\\nny.txt'");
        assert_eq!(show_name("cr\r'x'.txt"), "$'cr\\r\\'x\\'.txt'");
        assert_eq!(show_name("\u{202e}txt.exe"), "$'\\u202Etxt.exe'");
        assert_eq!(show_name("tag\u{e0041}"), "$'tag\\U000E0041'");
        assert_eq!(show_name("\u{9b}\u{7}"), "$'\\u009B\\x07'");
        for (_, seq) in SEQUENCES {
            let shown = show_name(seq);
            assert!(!shown.chars().any(needs_quoting), "{shown}");
        }
    }

    #[test]
    fn indexed_cleaning_maps_kept_chars_to_their_origin() {
        let kept = clean_indexed("ab\u{1b}[2Jcd");
        assert_eq!(kept, vec![(0, 'a'), (1, 'b'), (6, 'c'), (7, 'd')]);
        assert_eq!(clean_indexed("xy"), vec![(0, 'x'), (1, 'y')]);
    }

    #[test]
    fn messages_escape_on_one_line_and_are_bounded() {
        assert_eq!(
            escape_line("/tmp/a\u{1b}]0;x\u{7}\nb"),
            "/tmp/a\\e]0;x\\x07\\nb"
        );
        assert_eq!(escape_line("vanlig"), "vanlig");
        let long = "k".repeat(10_000_000);
        assert_eq!(clean_bounded(&long, 40).chars().count(), 41);
        assert_eq!(clean_bounded("kort\u{1b}[1m", 40), "kort");
    }

    #[test]
    fn json_stays_valid_and_keeps_its_values() {
        let value = "x\u{9b}31m\u{202e}y\u{7f}\u{e0041}";
        let json = serde_json::to_string(&value).unwrap();
        let safe = json_escape_unsafe(&json);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: String = serde_json::from_str(&safe).unwrap();
        assert_eq!(back, value);
    }

    #[test]
    fn json_text_is_cleaned_and_names_are_kept() {
        let v = serde_json::json!({
            "title": "Ond\u{1b}]52;c;SGk=\u{7} rubrik\u{200b}",
            "source": "a\u{1b}[2Jb\n.txt",
            "list": ["x\u{9b}2Jy", "z"],
            "n": 3,
            "nested": { "id": "i\u{202e}d", "text": "quote \" and \\ \u{1b}[1mok" }
        });
        let json = serde_json::to_string_pretty(&v).unwrap();
        let safe = clean_json(&json, &["source", "id"]);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        let back: serde_json::Value = serde_json::from_str(&safe).unwrap();
        assert_eq!(back["title"], "Ond rubrik");
        assert_eq!(back["source"], "a\u{1b}[2Jb\n.txt");
        assert_eq!(back["list"][0], "xy");
        assert_eq!(back["n"], 3);
        assert_eq!(back["nested"]["id"], "i\u{202e}d");
        assert_eq!(back["nested"]["text"], "quote \" and \\ ok");
        assert!(!safe.contains("52;c") && !safe.contains("[1m"), "{safe}");
        let ron = ron::ser::to_string_pretty(&v, Default::default()).unwrap();
        let safe = clean_ron(&ron, &["source", "id"]);
        assert!(!safe.chars().any(is_unsafe), "{safe}");
        assert!(!safe.contains("52;c") && !safe.contains("[1m"), "{safe}");
        let back: serde_json::Value = ron::from_str(&safe).unwrap();
        assert_eq!(back["title"], "Ond rubrik");
        assert_eq!(back["source"], "a\u{1b}[2Jb\n.txt");
        assert_eq!(back["nested"]["id"], "i\u{202e}d");
        assert_eq!(back["list"][0], "xy");
        let plain = serde_json::to_string(&serde_json::json!({"a": "b"})).unwrap();
        assert!(matches!(clean_json(&plain, &[]), Cow::Borrowed(_)));
    }
}
