//! The `presend` command-line tool.

#[path = "cli/mod.rs"]
mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
