//! `presend smtp-check [URL]`: probe the SMTP server and render the transport findings in any
//! output format (the path is the URL; source snippets come from the session transcript).

use std::process::ExitCode;

use presend::Settings;
use presend::render::{Checked, FileOutcome, Summary};
use presend::settings::{Selector, load_config_onto, parse_duration};
use presend::smtp::{Credentials, SmtpOptions, Target, check};

use super::EXIT_ERROR;
use super::args::SmtpCheckArgs;
use super::check::write_output;
use super::settings::config_path;

/// Runs `presend smtp-check`.
pub fn run(args: &SmtpCheckArgs) -> Result<ExitCode, String> {
    let settings = resolve(args)?;
    let url = args
        .url
        .clone()
        .or_else(|| settings.smtp.url.clone())
        .ok_or("no SMTP URL: give one (smtp://host:587) or set `[smtp] url` in presend.toml")?;
    let target = Target::parse(&url)?;
    let mut options = SmtpOptions::from_settings(&settings.smtp);
    options.connect_to = args.connect_to;
    if let Some(path) = &args.message {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: {e}", path.display()))?;
        options.message_size = Some(wire_size(&bytes));
    }
    let credentials = Credentials::from_env(target.username.as_deref());
    let outcome = check(&target, &options, credentials.as_ref(), &settings);
    let result = outcome.result.map(|report| Checked {
        source: outcome.transcript,
        report,
    });
    let outcomes = vec![FileOutcome {
        path: target.to_string(),
        result,
    }];
    write_output(args.format, &outcomes, args.output_file.as_deref())?;
    let summary = Summary::of(&outcomes);
    let code = if summary.unreadable > 0 {
        EXIT_ERROR
    } else if summary.errors > 0 && !args.exit_zero {
        1
    } else {
        0
    };
    Ok(ExitCode::from(code))
}

/// Size on the wire: every bare LF becomes CRLF.
fn wire_size(bytes: &[u8]) -> u64 {
    let bare_lf = bytes
        .iter()
        .enumerate()
        .filter(|&(i, &b)| b == b'\n' && (i == 0 || bytes.get(i - 1) != Some(&b'\r')))
        .count();
    (bytes.len() + bare_lf) as u64
}

fn resolve(args: &SmtpCheckArgs) -> Result<Settings, String> {
    let mut settings = Settings::default();
    let cwd = std::env::current_dir().map_err(|e| format!("current directory: {e}"))?;
    if let Some(path) = config_path(args.isolated, args.config.as_deref(), &cwd) {
        load_config_onto(&path, &mut settings)?;
    }
    for selector in &args.ignore {
        Selector::parse(selector).map_err(|e| format!("--ignore: {e}"))?;
    }
    settings.ignore.extend(args.ignore.iter().cloned());
    if let Some(name) = &args.ehlo_name {
        settings.smtp.ehlo_name = name.clone();
    }
    if let Some(timeout) = &args.timeout {
        let seconds = parse_duration(timeout).map_err(|e| format!("--timeout: {e}"))?;
        if seconds == 0 {
            return Err("--timeout: must be at least 1s".into());
        }
        settings.smtp.timeout = std::time::Duration::from_secs(seconds);
    }
    if let Some(path) = &args.ca_file {
        settings.smtp.ca_file = Some(path.clone());
    }
    Ok(settings)
}
