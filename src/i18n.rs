//! The reader's words, Swedish by default and English on request. Every
//! user-facing string lives here.

use clap::ValueEnum;
use serde::{Deserialize, Serialize};

#[derive(ValueEnum, Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    #[default]
    Sv,
    En,
}

/// Swedish month abbreviations for dates like "3 okt 2025".
pub const MONTH_ABBR_SV: [&str; 12] = [
    "jan", "feb", "mar", "apr", "maj", "jun", "jul", "aug", "sep", "okt", "nov", "dec",
];
/// English month abbreviations.
pub const MONTH_ABBR_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Words used by `check`.
pub struct CheckWords {
    pub ok: &'static str,
    pub skipped: &'static str,
    pub undated: &'static str,
    pub unreadable: &'static str,
    pub encoding: &'static str,
    pub calendar_line: &'static str,
    pub unknown_label: &'static str,
    pub taxonomy: &'static str,
    pub summary: &'static str,
    pub nothing_read: &'static str,
}

pub fn check_words(lang: Lang) -> CheckWords {
    match lang {
        Lang::Sv => CheckWords {
            ok: "ok",
            skipped: "hoppades över",
            undated: "inget datum hittades",
            unreadable: "kunde inte läsas",
            encoding: "teckenkodning",
            calendar_line: "kalenderrad utan datum",
            unknown_label: "etikett utan ämne",
            taxonomy: "ämnesfil",
            summary: "filer lästa",
            nothing_read: "ingen fil kunde läsas",
        },
        Lang::En => CheckWords {
            ok: "ok",
            skipped: "skipped",
            undated: "no date found",
            unreadable: "could not be read",
            encoding: "encoding",
            calendar_line: "calendar line with no date",
            unknown_label: "label with no topic",
            taxonomy: "taxonomy file",
            summary: "files read",
            nothing_read: "no file could be read",
        },
    }
}
