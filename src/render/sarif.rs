//! `sarif`: SARIF 2.1.0, the format code-scanning UIs (GitHub, GitLab, Azure DevOps) read.
//! One run; the rules that fired are listed in the driver with their summary and fix hint;
//! unreadable inputs become tool execution notifications.

use serde_json::{Value, json};

use super::FileOutcome;
use crate::diagnostic::Severity;

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "note",
    }
}

pub(super) fn render(outcomes: &[FileOutcome]) -> String {
    let mut rule_ids: Vec<&'static str> = Vec::new();
    let mut results = Vec::new();
    let mut notifications = Vec::new();
    for outcome in outcomes {
        match &outcome.result {
            Ok(checked) => {
                for d in &checked.report.diagnostics {
                    if !rule_ids.contains(&d.code) {
                        rule_ids.push(d.code);
                    }
                    let mut message = d.message.clone();
                    if let Some(help) = &d.help {
                        message.push_str(&format!(" (help: {help})"));
                    }
                    results.push(json!({
                        "ruleId": d.code,
                        "level": level(d.severity),
                        "message": { "text": message },
                        "locations": [{
                            "physicalLocation": {
                                "artifactLocation": { "uri": outcome.path },
                                "region": {
                                    "startLine": d.location.line,
                                    "startColumn": d.location.column,
                                    "endLine": d.end_location.line,
                                    "endColumn": d.end_location.column,
                                }
                            }
                        }],
                        "properties": { "name": d.name, "smtp": d.smtp },
                    }));
                }
            }
            Err(error) => notifications.push(json!({
                "level": "error",
                "message": { "text": format!("{}: {error}", outcome.path) },
            })),
        }
    }
    rule_ids.sort_unstable();
    let rules: Vec<Value> = rule_ids
        .iter()
        .filter_map(|code| crate::registry::metas().find(|m| m.code == *code))
        .map(|meta| {
            json!({
                "id": meta.code,
                "name": meta.name,
                "shortDescription": { "text": meta.summary },
                "help": { "text": meta.fix },
                "properties": { "smtp": meta.smtp, "group": meta.group.as_str() },
            })
        })
        .collect();
    let document = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "presend",
                "version": crate::VERSION,
                "rules": rules,
            }},
            "invocations": [{
                "executionSuccessful": notifications.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&document).unwrap_or_default();
    out.push('\n');
    out
}
