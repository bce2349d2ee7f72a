//! `github`: GitHub Actions workflow commands (`::error file=…,line=…::message`), which show
//! as annotations on the pull request. Escaping follows @actions/core: `%`, CR and LF in
//! messages; also `:` and `,` in properties.

use std::fmt::Write;

use super::FileOutcome;
use crate::diagnostic::Severity;

fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

pub(super) fn render(outcomes: &[FileOutcome]) -> String {
    let mut out = String::new();
    for outcome in outcomes {
        let file = escape_property(&outcome.path);
        match &outcome.result {
            Ok(checked) => {
                for d in &checked.report.diagnostics {
                    let command = match d.severity {
                        Severity::Error => "error",
                        Severity::Warning => "warning",
                        Severity::Info => "notice",
                    };
                    let mut message = d.message.clone();
                    if let Some(reply) = d.smtp {
                        message.push_str(&format!(" (predicts `{reply}`)"));
                    }
                    let _ = writeln!(
                        out,
                        "::{command} file={file},line={},col={},endLine={},endColumn={},title={}::{}",
                        d.location.line,
                        d.location.column,
                        d.end_location.line,
                        d.end_location.column,
                        escape_property(&format!("presend ({} {})", d.code, d.name)),
                        escape_data(&message),
                    );
                }
            }
            Err(error) => {
                let _ = writeln!(
                    out,
                    "::error file={file},title=presend::{}",
                    escape_data(&format!("cannot read the file: {error}"))
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_like_the_actions_toolkit() {
        assert_eq!(escape_data("100%\r\nnext"), "100%25%0D%0Anext");
        assert_eq!(escape_property("a:b,c"), "a%3Ab%2Cc");
    }
}
