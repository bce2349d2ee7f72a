//! `junit`: JUnit XML, which CI systems (GitLab, Jenkins, Azure DevOps) show as test results.
//! One `<testsuite>` per file and one `<testcase>` per rule of the catalogue: a rule with an
//! error- or warning-level finding fails, with every finding in the failure text.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

use std::fmt::Write;

use super::FileOutcome;
use crate::diagnostic::Severity;

fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if (c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r') => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

pub(super) fn render(outcomes: &[FileOutcome]) -> String {
    let all: Vec<_> = crate::registry::metas().collect();
    let mut suites = String::new();
    let (mut tests, mut failures, mut errors) = (0, 0, 0);
    for outcome in outcomes {
        let path = xml(&outcome.path);
        match &outcome.result {
            Ok(checked) => {
                // A message is tested by the message rules, an SMTP server by the transport rules.
                let transport = outcome.is_smtp_server();
                let metas: Vec<_> = all
                    .iter()
                    .filter(|m| (m.group == crate::Group::Transport) == transport)
                    .collect();
                let mut cases = String::new();
                let mut suite_failures = 0;
                for meta in &metas {
                    let found: Vec<_> = checked
                        .report
                        .diagnostics
                        .iter()
                        .filter(|d| d.code == meta.code && d.severity != Severity::Info)
                        .collect();
                    let _ = write!(
                        cases,
                        "    <testcase name=\"{} {}\" classname=\"{path}\"",
                        meta.code, meta.name
                    );
                    if found.is_empty() {
                        cases.push_str("/>\n");
                        continue;
                    }
                    suite_failures += 1;
                    let text: Vec<String> = found
                        .iter()
                        .map(|d| {
                            format!(
                                "{}:{}:{}: [{}] {}",
                                outcome.path,
                                d.location.line,
                                d.location.column,
                                d.severity.as_str(),
                                d.message
                            )
                        })
                        .collect();
                    let _ = write!(
                        cases,
                        ">\n      <failure type=\"{}\" message=\"{}\">{}</failure>\n    </testcase>\n",
                        found[0].severity.as_str(),
                        xml(&found[0].message),
                        xml(&text.join("\n"))
                    );
                }
                tests += metas.len();
                failures += suite_failures;
                let _ = write!(
                    suites,
                    "  <testsuite name=\"{path}\" tests=\"{}\" failures=\"{suite_failures}\" errors=\"0\">\n{cases}  </testsuite>\n",
                    metas.len()
                );
            }
            Err(error) => {
                tests += 1;
                errors += 1;
                let _ = write!(
                    suites,
                    "  <testsuite name=\"{path}\" tests=\"1\" failures=\"0\" errors=\"1\">\n    <testcase name=\"read\" classname=\"{path}\">\n      <error message=\"{}\"/>\n    </testcase>\n  </testsuite>\n",
                    xml(error)
                );
            }
        }
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"presend\" tests=\"{tests}\" failures=\"{failures}\" errors=\"{errors}\">\n{suites}</testsuites>\n"
    )
}
