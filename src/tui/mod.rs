//! The terminal reader. (Being written.)

use anyhow::Result;

use crate::commands::Context;
use crate::corpus::Corpus;

pub fn run(corpus: &Corpus, _ctx: &Context) -> Result<()> {
    println!("{} issues", corpus.issues.len());
    Ok(())
}
