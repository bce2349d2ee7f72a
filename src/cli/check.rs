//! `presend check`: lint every input in parallel, render in a stable order, pick the exit code.

use std::io::{IsTerminal, Write};
use std::process::ExitCode;

use presend::Linter;
use presend::render::{Checked, FileOutcome, Format, RenderOptions, Summary, render};
use rayon::prelude::*;

use super::EXIT_ERROR;
use super::args::{CheckArgs, CheckFormat};
use super::inputs::{Input, collect};
use super::per_file_ignores::{PerFileIgnores, is_ignored};
use super::settings::{RunSettings, resolve};

/// Runs `presend check`.
pub fn run(args: &CheckArgs) -> Result<ExitCode, String> {
    let RunSettings { settings, base_dir } = resolve(args)?;
    let ignores = PerFileIgnores::new(&settings.per_file_ignores)?;
    let threshold = settings.spam_threshold;
    let linter = Linter::new(settings);

    let inputs = collect(&args.paths);
    let outcomes: Vec<FileOutcome> = inputs
        .par_iter()
        .map(|input| lint_one(&linter, input, &ignores, &base_dir, threshold))
        .collect();

    write_output(args.format, &outcomes, args.output_file.as_deref())?;
    // A DNS failure leaves the auth rules quiet: say so, so silence is not read as a pass.
    let (failures, last) = linter.dns_failures();
    if failures > 0 {
        eprintln!(
            "warning: {failures} DNS lookups got no answer{}; the auth rules (PS7xx) that needed them did not report",
            last.map(|e| format!(" (last: {e})")).unwrap_or_default()
        );
    }
    let summary = Summary::of(&outcomes);
    Ok(ExitCode::from(exit_code(&summary, args)))
}

/// Renders `outcomes` in `format` to `output_file` or stdout.
pub fn write_output(
    format: CheckFormat,
    outcomes: &[FileOutcome],
    output_file: Option<&std::path::Path>,
) -> Result<(), String> {
    let format = match format {
        CheckFormat::Full => Format::Full,
        CheckFormat::Concise => Format::Concise,
        CheckFormat::Json => Format::Json,
        CheckFormat::JsonLines => Format::JsonLines,
        CheckFormat::Sarif => Format::Sarif,
        CheckFormat::Github => Format::Github,
        CheckFormat::Junit => Format::Junit,
        CheckFormat::Gitlab => Format::Gitlab,
    };
    let to_terminal = output_file.is_none() && std::io::stdout().is_terminal();
    let options = RenderOptions {
        color: to_terminal && std::env::var_os("NO_COLOR").is_none(),
    };
    let text = render(format, outcomes, options);
    match output_file {
        Some(path) => std::fs::write(path, text.as_bytes())
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            // A closed pipe (`presend check | head`) is not an error worth a message.
            let _ = stdout
                .write_all(text.as_bytes())
                .and_then(|_| stdout.flush());
        }
    }
    Ok(())
}

fn lint_one(
    linter: &Linter,
    input: &Input,
    ignores: &PerFileIgnores,
    base_dir: &std::path::Path,
    threshold: f64,
) -> FileOutcome {
    let path = input.path.display().to_string();
    if let Some(error) = &input.error {
        return FileOutcome {
            path,
            result: Err(error.clone()),
        };
    }
    let template = presend::template::is_template_path(&input.path)
        && presend::template::looks_like_template(&input.path);
    let options = &linter.settings().template;
    let source = if template {
        presend::template::build(&input.path, &options.sample_values)
    } else {
        std::fs::read(&input.path).map_err(|e| e.to_string())
    };
    let result = source.map(|built| {
        let mut report = linter.check(&built);
        // Point findings at the template file, not at the message built from it.
        let source = match template.then(|| std::fs::read(&input.path).ok()).flatten() {
            Some(file) => {
                report = presend::template::locate_in_template(report, &built, &file, threshold);
                file
            }
            None => built,
        };
        if template && options.placeholders == presend::settings::PlaceholderMode::Allow {
            report = report.retain(threshold, |d| d.name != "unresolved-placeholder");
        }
        if !ignores.is_empty() {
            let selectors = ignores.selectors_for(&input.path, base_dir);
            if !selectors.is_empty() {
                report = report.retain(threshold, |d| !is_ignored(d, &selectors));
            }
        }
        Checked { source, report }
    });
    FileOutcome { path, result }
}

/// 2 when an input could not be read; otherwise 1 when a deny-level finding exists or the
/// warnings exceed `--max-warnings` (unless `--exit-zero`); otherwise 0.
fn exit_code(summary: &Summary, args: &CheckArgs) -> u8 {
    if summary.unreadable > 0 {
        return EXIT_ERROR;
    }
    if args.exit_zero {
        return 0;
    }
    let too_many_warnings = args.max_warnings.is_some_and(|max| summary.warnings > max);
    if summary.errors > 0 || too_many_warnings {
        1
    } else {
        0
    }
}
