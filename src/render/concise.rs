//! `concise`: one line per diagnostic, `path:line:col: CODE [severity] message`.

use std::fmt::Write;

use super::{FileOutcome, Summary, summary_line};

pub(super) fn render(outcomes: &[FileOutcome]) -> String {
    let mut out = String::new();
    for outcome in outcomes {
        match &outcome.result {
            Ok(checked) => {
                for d in &checked.report.diagnostics {
                    let _ = writeln!(
                        out,
                        "{}:{}:{}: {} [{}] {} ({})",
                        outcome.path,
                        d.location.line,
                        d.location.column,
                        d.code,
                        d.severity.as_str(),
                        d.message,
                        d.name
                    );
                }
            }
            Err(error) => {
                let _ = writeln!(out, "{}: error: {error}", outcome.path);
            }
        }
    }
    out.push_str(&summary_line(&Summary::of(outcomes)));
    out
}
