//! The `presend` command line: `presend check`, `presend fix`, `presend rule` and
//! `presend smtp-check`.

mod args;
mod check;
mod explain;
mod fix;
mod inputs;
mod per_file_ignores;
mod rule;
mod settings;
mod smtp_check;

use std::process::ExitCode;

use clap::Parser;

pub use args::{Cli, Command};

/// Exit code for usage, configuration and I/O errors (DESIGN.md §4).
pub const EXIT_ERROR: u8 = 2;

/// Runs the command line and returns the process exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Rule(args) => rule::run(&args),
        Command::Fix(args) => fix::run(&args),
        Command::SmtpCheck(args) => smtp_check::run(&args),
        Command::Explain(args) => explain::run(&args),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("presend: error: {message}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}
