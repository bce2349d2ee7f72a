//! Renderers: turn the outcome of a run (one [`FileOutcome`] per input) into text.
//!
//! Every format renders the same data; `full` and `concise` are for people, `json` and
//! `json-lines` for programs (the JSON schema is a contract, see DESIGN.md §4).

mod concise;
mod full;
mod github;
mod gitlab;
mod json;
mod json_lines;
mod junit;
mod sarif;

use crate::diagnostic::Severity;
use crate::report::Report;

/// An output format of `presend check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// Source-annotated diagnostics, like rustc or ruff.
    Full,
    /// One line per diagnostic: `path:line:col: CODE message`.
    Concise,
    /// One JSON document for the whole run.
    Json,
    /// One JSON object per diagnostic per line, each with a `path`.
    JsonLines,
    /// SARIF 2.1.0 for code-scanning UIs.
    Sarif,
    /// GitHub Actions workflow commands (pull-request annotations).
    Github,
    /// JUnit XML test results.
    Junit,
    /// GitLab Code Quality JSON.
    Gitlab,
}

impl Format {
    /// Every format with its command-line name.
    pub const ALL: &'static [(&'static str, Format)] = &[
        ("full", Format::Full),
        ("concise", Format::Concise),
        ("json", Format::Json),
        ("json-lines", Format::JsonLines),
        ("sarif", Format::Sarif),
        ("github", Format::Github),
        ("junit", Format::Junit),
        ("gitlab", Format::Gitlab),
    ];

    /// Parses a command-line name such as `json-lines`.
    pub fn parse(name: &str) -> Option<Format> {
        Self::ALL.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
    }
}

/// A successfully linted input: its bytes (for source snippets) and its report.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The raw bytes that were linted.
    pub source: Vec<u8>,
    /// The findings.
    pub report: Report,
}

/// What happened to one input path.
#[derive(Debug, Clone)]
pub struct FileOutcome {
    /// The path as the user gave it or as the walk found it.
    pub path: String,
    /// The report, or why the input could not be read.
    pub result: Result<Checked, String>,
}

impl FileOutcome {
    /// Whether this is the outcome of `presend smtp-check`: its path is an `smtp://` or
    /// `smtps://` URL and its source the session transcript.
    pub fn is_smtp_server(&self) -> bool {
        self.path.starts_with("smtp://") || self.path.starts_with("smtps://")
    }
}

/// Totals over a run.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct Summary {
    /// Inputs, readable or not.
    pub files: usize,
    /// Error-level (deny) findings.
    pub errors: usize,
    /// Warning-level findings.
    pub warnings: usize,
    /// Info-level findings.
    pub infos: usize,
    /// Inputs that fail the check: an error-level finding, or unreadable.
    pub failed: usize,
    /// Inputs that could not be read.
    pub unreadable: usize,
}

impl Summary {
    /// Totals over `outcomes`.
    pub fn of(outcomes: &[FileOutcome]) -> Summary {
        let mut summary = Summary {
            files: outcomes.len(),
            ..Summary::default()
        };
        for outcome in outcomes {
            match &outcome.result {
                Ok(checked) => {
                    let report = &checked.report;
                    summary.errors += report.count(Severity::Error);
                    summary.warnings += report.count(Severity::Warning);
                    summary.infos += report.count(Severity::Info);
                    if report.has_errors() {
                        summary.failed += 1;
                    }
                }
                Err(_) => {
                    summary.unreadable += 1;
                    summary.failed += 1;
                }
            }
        }
        summary
    }
}

/// Options of the human formats.
#[derive(Debug, Clone, Copy, Default)]
pub struct RenderOptions {
    /// Use ANSI colours.
    pub color: bool,
}

/// Renders `outcomes` in `format`.
pub fn render(format: Format, outcomes: &[FileOutcome], options: RenderOptions) -> String {
    match format {
        Format::Full => full::render(outcomes, options),
        Format::Concise => concise::render(outcomes),
        Format::Json => json::render(outcomes),
        Format::JsonLines => json_lines::render(outcomes),
        Format::Sarif => sarif::render(outcomes),
        Format::Github => github::render(outcomes),
        Format::Junit => junit::render(outcomes),
        Format::Gitlab => gitlab::render(outcomes),
    }
}

/// "1 error", "2 warnings": a count with its noun.
fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("{n} {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The closing line of the human formats.
fn summary_line(summary: &Summary) -> String {
    if summary.errors + summary.warnings + summary.infos + summary.unreadable == 0 {
        return format!(
            "All checks passed ({} checked).\n",
            plural(summary.files, "file")
        );
    }
    let mut parts = vec![
        plural(summary.errors, "error"),
        plural(summary.warnings, "warning"),
    ];
    if summary.infos > 0 {
        parts.push(plural(summary.infos, "info"));
    }
    let mut line = format!(
        "Found {} in {}",
        parts.join(", "),
        plural(summary.files, "file")
    );
    if summary.unreadable > 0 {
        line.push_str(&format!(" ({} unreadable)", summary.unreadable));
    }
    line.push_str(".\n");
    line
}
