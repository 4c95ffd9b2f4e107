use std::io::Write;
use std::process::ExitCode;

use anyhow::Context as _;

use nyhetsbrev::cli::{self, Command};
use nyhetsbrev::commands;

fn main() -> ExitCode {
    let cli = cli::parse();
    let result = match cli.command {
        // Generated from the command line's definition: no issues are read.
        Some(Command::Completions { shell }) => print(&cli::completions(shell)),
        Some(Command::Man { ref subcommand }) => cli::man(subcommand.as_deref())
            .context("cannot write the man page")
            .and_then(|page| print(&page)),
        _ => commands::run(cli),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            // Never panic on a closed stderr (a dropped connection).
            let _ = writeln!(std::io::stderr(), "nyhetsbrev: {e:#}");
            ExitCode::from(1)
        }
    }
}

/// Write to standard output; a closed pipe (`| head`) is not an error.
fn print(bytes: &[u8]) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    match out.write_all(bytes).and_then(|()| out.flush()) {
        Ok(()) => Ok(ExitCode::SUCCESS),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(ExitCode::SUCCESS),
        Err(e) => Err(e).context("cannot write to standard output"),
    }
}
