//! `json`: one document for the whole run (schema: `presend-check-output.schema.json`).

use serde::Serialize;

use super::{FileOutcome, Summary};
use crate::diagnostic::Diagnostic;

#[derive(Serialize)]
struct Document<'a> {
    presend: &'static str,
    files: Vec<FileEntry<'a>>,
    summary: Summary,
}

#[derive(Serialize)]
#[serde(untagged)]
enum FileEntry<'a> {
    Checked {
        path: &'a str,
        verdict: &'static str,
        score: f64,
        predicted_reply: Option<&'a str>,
        diagnostics: &'a [Diagnostic],
    },
    Unreadable {
        path: &'a str,
        error: &'a str,
    },
}

pub(super) fn render(outcomes: &[FileOutcome]) -> String {
    let files = outcomes
        .iter()
        .map(|outcome| match &outcome.result {
            Ok(checked) => FileEntry::Checked {
                path: &outcome.path,
                verdict: checked.report.verdict.as_str(),
                score: checked.report.score,
                predicted_reply: checked.report.predicted_reply.as_deref(),
                diagnostics: &checked.report.diagnostics,
            },
            Err(error) => FileEntry::Unreadable {
                path: &outcome.path,
                error,
            },
        })
        .collect();
    let document = Document {
        presend: crate::VERSION,
        files,
        summary: Summary::of(outcomes),
    };
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
