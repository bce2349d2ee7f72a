//! `presend explain [FILE… | -]`: the reason of each bounce and the lints that prevent it.

use std::fmt::Write as _;
use std::io::Read;
use std::process::ExitCode;

use presend::explain::log::summarize;
use presend::explain::{Explanation, explain};
use serde::Serialize;

use super::EXIT_ERROR;
use super::args::{ExplainArgs, ExplainFormat};

#[derive(Serialize)]
struct FileEntry<'a> {
    path: String,
    #[serde(flatten)]
    explanation: Option<&'a Explanation>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<String>,
}

/// Runs `presend explain`. Exit code 0, or 2 when an input could not be read.
pub fn run(args: &ExplainArgs) -> Result<ExitCode, String> {
    let mut results = Vec::new();
    let mut logs = Vec::new();
    for path in &args.files {
        let name = path.display().to_string();
        let bytes = if name == "-" {
            let mut buf = Vec::new();
            std::io::stdin()
                .read_to_end(&mut buf)
                .map(|_| buf)
                .map_err(|e| e.to_string())
        } else {
            std::fs::read(path).map_err(|e| e.to_string())
        };
        if args.log {
            logs.push((name, bytes));
        } else {
            results.push((name, bytes.map(|b| explain(&b))));
        }
    }
    if args.log {
        return run_log(&logs, args.format);
    }
    let unreadable = results.iter().any(|(_, r)| r.is_err());
    let text = match args.format {
        ExplainFormat::Json => {
            let entries: Vec<FileEntry> = results
                .iter()
                .map(|(path, r)| FileEntry {
                    path: path.clone(),
                    explanation: r.as_ref().ok(),
                    error: r.as_ref().err().cloned(),
                })
                .collect();
            let value = if entries.len() == 1 && entries[0].error.is_none() {
                serde_json::to_value(entries[0].explanation).map_err(|e| e.to_string())?
            } else {
                serde_json::json!({ "files": entries })
            };
            serde_json::to_string_pretty(&value).map_err(|e| e.to_string())? + "\n"
        }
        ExplainFormat::Full => results.iter().map(|(p, r)| full(p, r)).collect(),
    };
    print!("{text}");
    Ok(ExitCode::from(if unreadable { EXIT_ERROR } else { 0 }))
}

fn full(path: &str, result: &Result<Explanation, String>) -> String {
    let mut out = String::new();
    let explanation = match result {
        Ok(e) => e,
        Err(e) => return format!("{path}: error: {e}\n"),
    };
    if explanation.bounces.is_empty() {
        return format!("{path}: no bounce or SMTP reply found\n");
    }
    for b in &explanation.bounces {
        let _ = writeln!(
            out,
            "{path}: {} — {}",
            b.recipient.as_deref().unwrap_or("(recipient not named)"),
            b.reason.as_str()
        );
        let code = [b.reply.map(|r| r.to_string()), b.status.clone()]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        if !code.is_empty() {
            let _ = writeln!(out, "  reply:      {code}");
        }
        if let Some(host) = &b.remote_host {
            let _ = writeln!(out, "  remote:     {host}");
        }
        let _ = writeln!(out, "  diagnostic: {}", b.diagnostic);
        if b.lints.is_empty() {
            let _ = writeln!(
                out,
                "  prevent:    no lint checks this cause before sending"
            );
        } else {
            let _ = writeln!(out, "  prevent:    {}", b.lints.join(", "));
        }
        if explanation.has_original {
            if b.findings.is_empty() {
                let _ = writeln!(out, "  returned message: none of these lints fire on it");
            }
            for d in &b.findings {
                let _ = writeln!(
                    out,
                    "  returned message {}:{}: {} {} {}",
                    d.location.line, d.location.column, d.code, d.name, d.message
                );
            }
        }
    }
    out
}

/// `--log`: one summary over every log given.
fn run_log(
    logs: &[(String, Result<Vec<u8>, String>)],
    format: ExplainFormat,
) -> Result<ExitCode, String> {
    let mut text = String::new();
    let mut unreadable = false;
    for (path, bytes) in logs {
        match bytes {
            Ok(bytes) => text.push_str(&String::from_utf8_lossy(bytes)),
            Err(e) => {
                eprintln!("presend: error: {path}: {e}");
                unreadable = true;
            }
        }
    }
    let summary = summarize(&text);
    let out = match format {
        ExplainFormat::Json => {
            serde_json::to_string_pretty(&serde_json::json!({ "log": summary }))
                .map_err(|e| e.to_string())?
                + "\n"
        }
        ExplainFormat::Full => {
            let mut out = format!(
                "{} permanent failures in {} log lines\n",
                summary.failures, summary.lines
            );
            if !summary.by_reason.is_empty() {
                out.push_str("\nby reason:\n");
            }
            for r in &summary.by_reason {
                let prevent = if r.lints.is_empty() {
                    "no lint checks this before sending".to_string()
                } else {
                    format!("prevent with {}", r.lints.join(", "))
                };
                let _ = writeln!(out, "  {:>6}  {:<16} {prevent}", r.count, r.reason.as_str());
            }
            if !summary.by_domain.is_empty() {
                out.push_str("\nby recipient domain:\n");
            }
            for d in summary.by_domain.iter().take(10) {
                let _ = writeln!(out, "  {:>6}  {}", d.count, d.key);
            }
            if !summary.top_diagnostics.is_empty() {
                out.push_str("\ntop diagnostics:\n");
            }
            for d in &summary.top_diagnostics {
                let _ = writeln!(out, "  {:>6}  {}", d.count, d.key);
            }
            out
        }
    };
    print!("{out}");
    Ok(ExitCode::from(if unreadable { EXIT_ERROR } else { 0 }))
}
