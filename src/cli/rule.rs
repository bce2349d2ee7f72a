//! `presend rule <code|name>` and `presend rule --all [--format json]`.

use std::process::ExitCode;

use presend::{RuleMeta, registry};
use serde::Serialize;

use super::args::{RuleArgs, RuleFormat};

#[derive(Serialize)]
struct RuleEntry {
    code: &'static str,
    name: &'static str,
    group: &'static str,
    default_level: &'static str,
    smtp: &'static str,
    score: f64,
    summary: &'static str,
    fix: &'static str,
    doc: String,
}

impl RuleEntry {
    fn of(meta: &'static RuleMeta) -> RuleEntry {
        RuleEntry {
            code: meta.code,
            name: meta.name,
            group: meta.group.as_str(),
            default_level: meta.default_level.as_str(),
            smtp: meta.smtp,
            score: meta.score,
            summary: meta.summary,
            fix: meta.fix,
            doc: meta.doc(),
        }
    }
}

/// Prints one rule or the catalogue.
pub fn run(args: &RuleArgs) -> Result<ExitCode, String> {
    let metas: Vec<&'static RuleMeta> = if args.all {
        registry::metas().collect()
    } else {
        let wanted = args.rule.as_deref().unwrap_or_default();
        let meta = registry::find(wanted).ok_or_else(|| unknown_rule(wanted))?;
        vec![meta]
    };
    let text = match args.format {
        RuleFormat::Json => {
            let entries: Vec<RuleEntry> = metas.iter().map(|m| RuleEntry::of(m)).collect();
            let json = if args.all {
                serde_json::to_string_pretty(&entries)
            } else {
                serde_json::to_string_pretty(&entries[0])
            };
            json.map_err(|e| e.to_string())? + "\n"
        }
        RuleFormat::Text => metas.iter().map(|m| text(m)).collect::<Vec<_>>().join("\n"),
    };
    print!("{text}");
    Ok(ExitCode::SUCCESS)
}

fn text(meta: &RuleMeta) -> String {
    format!(
        "# {} ({})\n\n{}.\n\nGroup: {} · default level: {} · predicted reply: `{}` · score: {}\n\n{}",
        meta.name,
        meta.code,
        capitalise(meta.summary),
        meta.group.as_str(),
        meta.default_level.as_str(),
        meta.smtp,
        meta.score,
        meta.doc()
    )
}

fn capitalise(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn unknown_rule(wanted: &str) -> String {
    let lower = wanted.to_ascii_lowercase();
    let close: Vec<&str> = registry::metas()
        .filter(|m| {
            m.name.contains(&lower) || lower.contains(m.name) || m.code.eq_ignore_ascii_case(wanted)
        })
        .map(|m| m.name)
        .collect();
    if close.is_empty() {
        format!("unknown rule `{wanted}` (see `presend rule --all`)")
    } else {
        format!(
            "unknown rule `{wanted}`; did you mean {}?",
            close.join(", ")
        )
    }
}
