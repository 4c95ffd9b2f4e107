use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

use nyhetsbrev::cli::Cli;
use nyhetsbrev::commands;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match commands::run(cli) {
        Ok(code) => code,
        Err(e) => {
            // Never panic on a closed stderr (a dropped connection).
            // Paths and values in the message are shown escaped, never raw.
            let msg = format!("{e:#}");
            let _ = writeln!(
                std::io::stderr(),
                "nyhetsbrev: {}",
                nyhetsbrev::sanitize::escape_line(&msg)
            );
            ExitCode::from(1)
        }
    }
}
