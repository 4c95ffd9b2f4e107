//! nyhetsbrev: a terminal reader for the newsletters and documents of
//! Storsthlm.
//!
//! The core (reading files, parsing, the model, people, meetings, topics,
//! jump ranking, sanitising) is the `nyhetsbrev-core` crate in `core/`; it
//! is re-exported here as `corpus` (with `jump` and `sanitize` beside it)
//! so the reader, the subcommands and the tests name one corpus.
//! - `commands`: the subcommands (`export`, `check`, lookups).
//! - `config`: `config.ron`, the user's settings.
//! - `ics`: calendar files (`meetings --ics`, a meeting from the reader).
//! - `open`: the system opener (links, calendar files), never via a shell.
//! - `state`: `state.ron`, what the reader remembers (read, bookmarks, place).
//! - `tui`: the ratatui reader.

pub mod cli;
pub mod commands;
pub mod config;
pub mod i18n;
pub mod ics;
pub mod open;
pub mod state;
pub mod tui;

pub use nyhetsbrev_core as corpus;
pub use nyhetsbrev_core::{jump, sanitize};
