//! Reading: the issues folder's listing, and bytes → text.
//!
//! Nothing here knows about newsletter structure or formats: `sources`
//! turns a listed entry into documents, `parse` reads their text.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use encoding_rs::{UTF_16BE, UTF_16LE, WINDOWS_1252};

use super::{Warning, WarningKind};

/// A file as found in the issues folder (or compiled into the binary).
#[derive(Clone, Debug)]
pub struct SourceFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// File name of the taxonomy inside an issues folder.
pub const TOPICS_FILE: &str = "topics.ron";

/// Largest file we read, so memory stays proportional to a sane input
/// (a mailbox is streamed: the limit is then one message's).
pub const MAX_FILE_BYTES: u64 = 32 * 1024 * 1024;

/// Extensions of the files listed as sources; their format is then
/// recognised by content.
pub const EXTENSIONS: &[&str] = &["txt", "ron", "eml", "mbox", "html", "htm", "pdf"];

/// A file of the issues folder, listed but not read yet.
#[derive(Clone, Debug)]
pub struct Entry {
    /// Name as shown: the file name, or the path inside the issues folder
    /// for a Maildir message; cleaned and with undecodable bytes written
    /// as `\xNN`, so it is safe to print and two names stay two.
    pub name: String,
    /// The identity of its document: the name's stem, made distinct when
    /// two files would give the same one.
    pub id: String,
    pub path: PathBuf,
    /// Size in bytes when listed.
    pub len: u64,
    /// Last modification, when the file system tells.
    pub modified: Option<SystemTime>,
    /// Last change of its inode (ns since the epoch; -1 when unknown) and
    /// the inode: with size and modification, the identity the index
    /// compares (one stat per file, taken here).
    pub changed_ns: i64,
    pub inode: u64,
}

/// A file's inode change time (ns since the epoch, -1 when unknown) and
/// inode number (0 where there is none).
fn change_and_inode(m: &fs::Metadata) -> (i64, u64) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        (
            m.ctime()
                .saturating_mul(1_000_000_000)
                .saturating_add(m.ctime_nsec()),
            m.ino(),
        )
    }
    #[cfg(not(unix))]
    {
        let ns = m
            .created()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(-1, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        (ns, 0)
    }
}

impl Entry {
    /// Read the file's bytes (bounded; only a regular file); failure is a
    /// warning naming the file.
    pub fn read(&self) -> Result<SourceFile, Warning> {
        use std::io::Read;
        let fail = |why: String| Warning::new(&self.name, WarningKind::Unreadable, why);
        let file = crate::sources::open_regular(&self.path).map_err(fail)?;
        let mut bytes = Vec::new();
        file.take(MAX_FILE_BYTES + 1)
            .read_to_end(&mut bytes)
            .map_err(|e| fail(e.to_string()))?;
        if bytes.len() as u64 > MAX_FILE_BYTES {
            return Err(fail(format!(
                "file is more than the {MAX_FILE_BYTES} byte limit"
            )));
        }
        Ok(SourceFile {
            name: self.name.clone(),
            bytes,
        })
    }
}

/// A file name as text: undecodable bytes as `\xNN`, everything else
/// exactly as named, so `check` and `read` name the very file. Names are
/// data: every output shows one with unsafe characters quoted like `ls`
/// does (`sanitize::show_name`), never raw.
pub fn display_name(name: &std::ffi::OsStr) -> String {
    #[cfg(unix)]
    let raw = {
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(chunk.valid());
            for b in chunk.invalid() {
                out.push_str(&format!("\\x{b:02X}"));
            }
        }
        out
    };
    #[cfg(not(unix))]
    let raw = name.to_string_lossy().into_owned();
    raw
}

/// List the source files of a folder (`*.txt`, `*.ron`, `*.eml`, `*.mbox`,
/// `*.html`, `*.htm`, `*.pdf`, and the messages of Maildir folders in it),
/// sorted by name, without reading them. Other files, files over the size
/// limit, entries that are no regular file (a FIFO, a device, a folder
/// named `x.txt`) and entries that cannot be examined become warnings; only
/// an unreadable folder is an error. Two files that would give the same id
/// both load, the later one under a distinct id, with a warning.
pub fn list_dir(dir: &Path) -> std::io::Result<(Vec<Entry>, Vec<Warning>)> {
    let mut files = Vec::new();
    let mut warnings = Vec::new();
    // Each name is taken once (`DirEntry::file_name` allocates).
    let mut named: Vec<_> = fs::read_dir(dir)?
        .filter_map(|e| e.ok())
        .map(|e| (e.file_name(), e))
        .filter(|(name, _)| !name.as_encoded_bytes().starts_with(b"."))
        .collect();
    named.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    // One stat per entry: the entry's own, or its target's for a link. On
    // all cores: in a folder of tens of thousands of files the stats are
    // most of an up-to-date lookup's time.
    let stated = crate::par_map(named, |(file_name, entry)| {
        // `entry.path()`, in one allocation.
        let mut path = PathBuf::with_capacity(dir.as_os_str().len() + file_name.len() + 1);
        path.push(dir);
        path.push(&file_name);
        let meta = match entry.file_type() {
            Ok(t) if t.is_symlink() => fs::metadata(&path),
            _ => entry.metadata(),
        };
        (file_name, path, meta)
    });
    for (file_name, path, meta) in stated {
        let name = display_name(&file_name);
        let ext = name
            .rsplit_once('.')
            .map(|(_, e)| e.to_ascii_lowercase())
            .unwrap_or_default();
        let known = EXTENSIONS.contains(&ext.as_str());
        match &meta {
            Ok(m) if m.is_dir() && !known => {
                list_maildir(&path, &name, &mut files, &mut warnings);
                continue;
            }
            Ok(m) if !m.is_file() => {
                if known || !m.is_dir() {
                    warnings.push(Warning::new(
                        &name,
                        WarningKind::Unreadable,
                        crate::sources::not_regular(m).to_string(),
                    ));
                }
                continue;
            }
            _ => {}
        }
        if !known {
            warnings.push(Warning::new(&name, WarningKind::Ignored, String::new()));
            continue;
        }
        match meta {
            Ok(m) if m.len() > MAX_FILE_BYTES && ext != "mbox" => {
                warnings.push(Warning::new(
                    &name,
                    WarningKind::Unreadable,
                    format!(
                        "file is {} bytes, more than the {} byte limit",
                        m.len(),
                        MAX_FILE_BYTES
                    ),
                ));
            }
            Ok(m) => {
                let (changed_ns, inode) = change_and_inode(&m);
                files.push(Entry {
                    id: crate::parse::id_from_name(&name),
                    name,
                    path,
                    len: m.len(),
                    modified: m.modified().ok(),
                    changed_ns,
                    inode,
                })
            }
            Err(e) => {
                warnings.push(Warning::new(&name, WarningKind::Unreadable, e.to_string()));
            }
        }
    }
    distinct_ids(&mut files, &mut warnings);
    Ok((files, warnings))
}

/// The messages of a Maildir folder (`cur/`, `new/`) inside the issues
/// folder, named by their path inside it. A folder that is no Maildir is
/// passed over.
fn list_maildir(dir: &Path, name: &str, files: &mut Vec<Entry>, warnings: &mut Vec<Warning>) {
    let is_maildir = ["cur", "new"].iter().any(|s| dir.join(s).is_dir());
    if !is_maildir {
        return;
    }
    for sub in ["cur", "new"] {
        let Ok(list) = fs::read_dir(dir.join(sub)) else {
            continue;
        };
        let mut list: Vec<_> = list.filter_map(|e| e.ok()).collect();
        list.sort_by_key(|e| e.file_name());
        for e in list {
            let file = display_name(&e.file_name());
            if file.starts_with('.') {
                continue;
            }
            let shown = format!("{name}/{sub}/{file}");
            match e.metadata() {
                Ok(m) if m.is_file() && m.len() <= MAX_FILE_BYTES => {
                    let (changed_ns, inode) = change_and_inode(&m);
                    files.push(Entry {
                        // A Maildir name ends in ":2,FLAGS": the id is the
                        // name without them, so a message keeps its id when
                        // read.
                        id: format!("{name}/{}", file.split(':').next().unwrap_or(&file)),
                        name: shown,
                        path: e.path(),
                        len: m.len(),
                        modified: m.modified().ok(),
                        changed_ns,
                        inode,
                    })
                }
                Ok(m) if m.is_file() => warnings.push(Warning::new(
                    &shown,
                    WarningKind::Unreadable,
                    format!(
                        "file is {} bytes, more than the {MAX_FILE_BYTES} byte limit",
                        m.len()
                    ),
                )),
                Ok(m) => warnings.push(Warning::new(
                    &shown,
                    WarningKind::Unreadable,
                    crate::sources::not_regular(&m).to_string(),
                )),
                Err(err) => warnings.push(Warning::new(
                    &shown,
                    WarningKind::Unreadable,
                    err.to_string(),
                )),
            }
        }
    }
}

/// Give every entry its own id: a later file whose id an earlier one has
/// (`a.txt` and `a.TXT`) gets `id~2`, `id~3` …, and a warning says so. A
/// RON issue beside a text of the same id is not a clash: it replaces the
/// text on purpose.
fn distinct_ids(files: &mut [Entry], warnings: &mut Vec<Warning>) {
    let is_ron = |e: &Entry| e.name.to_ascii_lowercase().ends_with(".ron");
    let mut seen: HashMap<String, (usize, bool)> = HashMap::new();
    for i in 0..files.len() {
        let ron = is_ron(&files[i]);
        if files[i].name.eq_ignore_ascii_case(TOPICS_FILE) {
            continue;
        }
        let key = files[i].id.clone();
        match seen.get(&key) {
            Some(&(first, first_ron)) if first_ron == ron => {
                let mut n = 2;
                while seen.contains_key(&format!("{key}~{n}")) {
                    n += 1;
                }
                let id = format!("{key}~{n}");
                warnings.push(Warning::new(
                    &files[i].name,
                    WarningKind::DuplicateId,
                    format!(
                        "{} gives the same id {key:?}; read as {id:?}",
                        files[first].name
                    ),
                ));
                files[i].id = id.clone();
                seen.insert(id, (i, ron));
            }
            Some(_) => {}
            None => {
                seen.insert(key, (i, ron));
            }
        }
    }
}

/// Why bytes could not be read as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeError {
    Binary(&'static str),
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DecodeError::Binary(what) => write!(f, "not a text file ({what})"),
        }
    }
}

/// Decode bytes to NFC text with LF line endings.
///
/// Accepts UTF-8 (with or without BOM), UTF-16 with BOM (and without, when
/// the NUL pattern makes it unambiguous) and Windows-1252. Returns the text,
/// the encoding's name and whether invalid bytes were replaced.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str, bool), DecodeError> {
    if let Some(kind) = binary_signature(bytes) {
        return Err(DecodeError::Binary(kind));
    }
    let (raw, enc, lossy): (String, &'static str, bool) =
        if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
            let (s, had_errors) = lossy_utf8(rest);
            (s, "utf-8", had_errors)
        } else if bytes.starts_with(&[0xFF, 0xFE]) {
            let (s, _, had_errors) = UTF_16LE.decode(bytes);
            (s.into_owned(), "utf-16le", had_errors)
        } else if bytes.starts_with(&[0xFE, 0xFF]) {
            let (s, _, had_errors) = UTF_16BE.decode(bytes);
            (s.into_owned(), "utf-16be", had_errors)
        } else if let Some(be) = looks_like_bomless_utf16(bytes) {
            let enc = if be { UTF_16BE } else { UTF_16LE };
            let (s, had_errors) = enc.decode_without_bom_handling(bytes);
            (
                s.into_owned(),
                if be { "utf-16be" } else { "utf-16le" },
                had_errors,
            )
        } else if let Ok(s) = std::str::from_utf8(bytes) {
            (s.to_string(), "utf-8", false)
        } else if mostly_utf8(bytes) {
            let (s, _) = lossy_utf8(bytes);
            (s, "utf-8", true)
        } else {
            let (s, _, _) = WINDOWS_1252.decode(bytes);
            (s.into_owned(), "windows-1252", false)
        };
    if control_ratio(&raw) > 0.02 {
        return Err(DecodeError::Binary("too many control characters"));
    }
    let text = raw
        .trim_start_matches('\u{feff}')
        .replace("\r\n", "\n")
        .replace(['\r', '\u{0c}'], "\n")
        .replace(['\u{2028}', '\u{2029}'], "\n");
    Ok((
        crate::clean::clean_owned(super::text::nfc(text)),
        enc,
        lossy,
    ))
}

fn lossy_utf8(bytes: &[u8]) -> (String, bool) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (s.to_string(), false),
        Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
    }
}

/// Known binary formats, recognised by their first bytes.
fn binary_signature(bytes: &[u8]) -> Option<&'static str> {
    const SIGS: &[(&[u8], &str)] = &[
        (b"\x89PNG\r\n\x1a\n", "PNG image"),
        (b"%PDF-", "PDF file"),
        (b"PK\x03\x04", "ZIP archive"),
        (b"\xff\xd8\xff", "JPEG image"),
        (b"GIF8", "GIF image"),
        (b"\x7fELF", "executable"),
        (b"\x1f\x8b", "gzip archive"),
        (b"\xd0\xcf\x11\xe0", "Office document"),
    ];
    SIGS.iter()
        .find(|(sig, _)| bytes.starts_with(sig))
        .map(|(_, what)| *what)
}

/// UTF-16 without BOM: text with NUL in every other byte. Returns Some(is_be).
fn looks_like_bomless_utf16(bytes: &[u8]) -> Option<bool> {
    if bytes.len() < 8 || !bytes.len().is_multiple_of(2) {
        return None;
    }
    let sample = &bytes[..bytes.len().min(4096)];
    let pairs = sample.len() / 2;
    let even_nul = sample.iter().step_by(2).filter(|b| **b == 0).count();
    let odd_nul = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|b| **b == 0)
        .count();
    if odd_nul * 10 >= pairs * 7 && even_nul * 10 < pairs {
        Some(false)
    } else if even_nul * 10 >= pairs * 7 && odd_nul * 10 < pairs {
        Some(true)
    } else {
        None
    }
}

/// Invalid UTF-8 that is still mostly valid multi-byte UTF-8 (a damaged UTF-8
/// file) rather than a single-byte encoding.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let mut valid_multi = 0usize;
    let mut invalid = 0usize;
    let mut rest = bytes;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                valid_multi += s.chars().filter(|c| c.len_utf8() > 1).count();
                break;
            }
            Err(e) => {
                let (good, bad) = rest.split_at(e.valid_up_to());
                valid_multi += std::str::from_utf8(good)
                    .map(|s| s.chars().filter(|c| c.len_utf8() > 1).count())
                    .unwrap_or(0);
                invalid += 1;
                let skip = e.error_len().unwrap_or(bad.len()).max(1);
                rest = &bad[skip.min(bad.len())..];
                if rest.is_empty() {
                    break;
                }
            }
        }
    }
    valid_multi > invalid * 2
}

/// Share of characters that are control characters no text file has
/// (everything below U+0020 but tab, newline, CR and form feed, plus NUL).
fn control_ratio(s: &str) -> f64 {
    let mut total = 0usize;
    let mut bad = 0usize;
    for c in s.chars().take(200_000) {
        total += 1;
        if (c < ' ' && !matches!(c, '\t' | '\n' | '\r' | '\u{0c}')) || c == '\u{7f}' {
            bad += 1;
        }
    }
    if total == 0 {
        0.0
    } else {
        bad as f64 / total as f64
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use unicode_normalization::UnicodeNormalization;

    const SAMPLE: &str =
        "Sammanfattning från styrelsemötet 6 december\nÅsa Danielsson – Österåker\n";

    #[test]
    fn utf8_with_and_without_bom() {
        let (t, enc, lossy) = decode(SAMPLE.as_bytes()).unwrap();
        assert_eq!((t.as_str(), enc, lossy), (SAMPLE, "utf-8", false));
        let mut b = vec![0xEF, 0xBB, 0xBF];
        b.extend_from_slice(SAMPLE.as_bytes());
        assert_eq!(decode(&b).unwrap().0, SAMPLE);
    }

    #[test]
    fn utf16_le_and_be_with_bom_and_crlf() {
        let crlf = SAMPLE.replace('\n', "\r\n");
        let mut le = vec![0xFF, 0xFE];
        le.extend(crlf.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap().0, SAMPLE);
        let mut be = vec![0xFE, 0xFF];
        be.extend(crlf.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap().0, SAMPLE);
        let bomless: Vec<u8> = crlf.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&bomless).unwrap().0, SAMPLE);
    }

    #[test]
    fn windows_1252_and_old_mac_line_endings() {
        let cr = SAMPLE.replace('\n', "\r");
        let (bytes, _, _) = WINDOWS_1252.encode(&cr);
        let (t, enc, _) = decode(&bytes).unwrap();
        assert_eq!(enc, "windows-1252");
        assert_eq!(t, SAMPLE);
    }

    #[test]
    fn decomposed_letters_become_nfc() {
        let nfd: String = "Åsa Österberg".nfd().collect();
        assert_eq!(decode(nfd.as_bytes()).unwrap().0, "Åsa Österberg");
    }

    #[test]
    fn binary_files_are_refused() {
        assert!(decode(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").is_err());
        assert!(decode(&[0u8, 1, 2, 3, 4, 5, 6, 7, 0, 0, 0, 9]).is_err());
    }

    #[test]
    fn damaged_utf8_is_read_lossily() {
        let mut b = "Åsa Danielsson på Storsthlm, Österåker och Täby. "
            .repeat(3)
            .into_bytes();
        b.insert(20, 0xFF);
        let (t, enc, lossy) = decode(&b).unwrap();
        assert_eq!(enc, "utf-8");
        assert!(lossy);
        assert!(t.contains("Österåker"));
    }
}
