//! `json-lines`: one JSON object per diagnostic per line, with the input's `path` added; an
//! unreadable input is one `{"path", "error"}` line.

use serde::Serialize;

use super::FileOutcome;
use crate::diagnostic::Diagnostic;

#[derive(Serialize)]
struct Line<'a> {
    path: &'a str,
    #[serde(flatten)]
    diagnostic: &'a Diagnostic,
}

#[derive(Serialize)]
struct ErrorLine<'a> {
    path: &'a str,
    error: &'a str,
}

pub(super) fn render(outcomes: &[FileOutcome]) -> String {
    let mut out = String::new();
    for outcome in outcomes {
        let path = outcome.path.as_str();
        match &outcome.result {
            Ok(checked) => {
                for diagnostic in &checked.report.diagnostics {
                    out.push_str(
                        &serde_json::to_string(&Line { path, diagnostic }).unwrap_or_default(),
                    );
                    out.push('\n');
                }
            }
            Err(error) => {
                out.push_str(
                    &serde_json::to_string(&ErrorLine { path, error }).unwrap_or_default(),
                );
                out.push('\n');
            }
        }
    }
    out
}
