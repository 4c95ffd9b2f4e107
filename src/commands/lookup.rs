//! Quick lookups: contacts, meetings, search, jump, read, list.
//! (Being written.)

use std::process::ExitCode;

use anyhow::{bail, Result};

use super::Context;
use crate::cli::Command;
use crate::corpus::Corpus;

pub fn run(_corpus: &Corpus, _ctx: &Context, command: Command) -> Result<ExitCode> {
    bail!("{command:?} is not implemented yet")
}
