//! nyhetsbrev: a terminal reader for the newsletters and documents of
//! Storsthlm.
//!
//! - `corpus`: reading files, parsing, the model, people, meetings, topics
//!   (no terminal code).
//! - `jump`: fuzzy-jump candidates and ranking (no terminal code).
//! - `commands`: the subcommands (`export`, `check`, lookups).
//! - `config`: `config.ron`, the user's settings.
//! - `state`: `state.ron`, what the reader remembers (read, bookmarks, place).
//! - `tui`: the ratatui reader.

pub mod cli;
pub mod commands;
pub mod config;
pub mod corpus;
pub mod i18n;
pub mod jump;
pub mod sanitize;
pub mod state;
pub mod tui;
