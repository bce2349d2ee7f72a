//! `presend fix`: apply the safe fixes of [`presend::fix`] to files, or show them (`--diff`).

use std::process::ExitCode;

use presend::fix::{FixOptions, fix};

use super::EXIT_ERROR;
use super::args::FixArgs;
use super::inputs;

/// Fixes every `.eml` input; exit 2 when a file cannot be read or written, else 0.
pub fn run(args: &FixArgs) -> Result<ExitCode, String> {
    let options = FixOptions {
        stored_newlines: args.stored_newlines,
        now: None,
    };
    let mut failed = false;
    let mut changed = 0;
    for input in inputs::collect(&args.paths) {
        let path = input.path.display().to_string();
        if let Some(error) = input.error {
            eprintln!("{path}: error: {error}");
            failed = true;
            continue;
        }
        let bytes = match std::fs::read(&input.path) {
            Ok(bytes) => bytes,
            Err(e) => {
                eprintln!("{path}: error: {e}");
                failed = true;
                continue;
            }
        };
        let fixed = fix(&bytes, options);
        if fixed.applied.is_empty() {
            continue;
        }
        changed += 1;
        println!("{path}: fixed {}", fixed.applied.join(", "));
        if args.diff {
            print_diff(&bytes, &fixed.bytes);
        } else if let Err(e) = std::fs::write(&input.path, &fixed.bytes) {
            eprintln!("{path}: error: cannot write: {e}");
            failed = true;
        }
    }
    let verb = if args.diff { "would fix" } else { "fixed" };
    println!(
        "{verb} {changed} file{}",
        if changed == 1 { "" } else { "s" }
    );
    Ok(ExitCode::from(if failed { EXIT_ERROR } else { 0 }))
}

/// The header lines added and a note on line endings: fixes only add headers at the top or
/// change line endings, so this is the whole difference.
fn print_diff(before: &[u8], after: &[u8]) {
    let mut shown = 0;
    for line in after.split(|&b| b == b'\n') {
        let text = String::from_utf8_lossy(line);
        let text = text.trim_end_matches('\r');
        if !before.windows(line.len().max(1)).any(|w| w == line) && shown < 10 {
            println!("+ {text}");
            shown += 1;
        }
        if text.is_empty() {
            break;
        }
    }
    let crlf_before = before.windows(2).filter(|w| w == b"\r\n").count();
    let crlf_after = after.windows(2).filter(|w| w == b"\r\n").count();
    if crlf_before != crlf_after {
        println!("~ line endings normalised ({crlf_before} → {crlf_after} CRLF)");
    }
}
