//! `gitlab`: GitLab Code Quality JSON (an array of issues with a stable fingerprint), shown in
//! merge requests.

use serde_json::{Value, json};

use super::FileOutcome;
use crate::diagnostic::Severity;

/// A stable fingerprint (FNV-1a, 64 bits) of what identifies a finding across runs.
fn fingerprint(parts: &[&str]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0]) {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

pub(super) fn render(outcomes: &[FileOutcome]) -> String {
    let mut issues: Vec<Value> = Vec::new();
    for outcome in outcomes {
        match &outcome.result {
            Ok(checked) => {
                for d in &checked.report.diagnostics {
                    let severity = match d.severity {
                        Severity::Error => "major",
                        Severity::Warning => "minor",
                        Severity::Info => "info",
                    };
                    let line = d.location.line.to_string();
                    issues.push(json!({
                        "description": format!("{} {}: {}", d.code, d.name, d.message),
                        "check_name": d.name,
                        "fingerprint": fingerprint(&[&outcome.path, d.code, &line, &d.message]),
                        "severity": severity,
                        "location": { "path": outcome.path, "lines": { "begin": d.location.line } },
                    }));
                }
            }
            Err(error) => issues.push(json!({
                "description": format!("cannot read the file: {error}"),
                "check_name": "unreadable-input",
                "fingerprint": fingerprint(&[&outcome.path, "unreadable"]),
                "severity": "blocker",
                "location": { "path": outcome.path, "lines": { "begin": 1 } },
            })),
        }
    }
    let mut out = serde_json::to_string_pretty(&issues).unwrap_or_default();
    out.push('\n');
    out
}
