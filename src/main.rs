use std::process::ExitCode;

use clap::Parser;

use nyhetsbrev::cli::Cli;
use nyhetsbrev::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("nyhetsbrev: {e:#}");
            ExitCode::from(1)
        }
    }
}
