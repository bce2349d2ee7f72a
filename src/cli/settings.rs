//! The settings of a `presend check` run: CLI defaults, then the configuration file, then flags.

use std::path::{Path, PathBuf};

use presend::Settings;
use presend::settings::{Newlines, Origin, Selector, find_config, load_config_onto};

use super::args::CheckArgs;

/// Settings plus the directory per-file-ignore patterns are relative to.
pub struct RunSettings {
    pub settings: Settings,
    pub base_dir: PathBuf,
}

/// Builds the run's settings. Files on disk default to `origin = stored`; the configuration
/// (discovered from the current directory upward, or `--config`) overrides defaults, and flags
/// override the configuration.
pub fn resolve(args: &CheckArgs) -> Result<RunSettings, String> {
    let mut settings = Settings::default();
    settings.input.origin = Origin::Stored;
    let cwd = std::env::current_dir().map_err(|e| format!("current directory: {e}"))?;
    let config = config_path(args.isolated, args.config.as_deref(), &cwd);
    let base_dir = match &config {
        Some(path) => {
            load_config_onto(path, &mut settings)?;
            absolute_parent(path).unwrap_or_else(|| cwd.clone())
        }
        None => cwd,
    };
    for (flag, list) in [
        ("--select", args.select.as_deref().unwrap_or_default()),
        ("--extend-select", &args.extend_select),
        ("--ignore", &args.ignore),
    ] {
        for selector in list {
            Selector::parse(selector).map_err(|e| format!("{flag}: {e}"))?;
        }
    }
    if let Some(select) = &args.select {
        settings.select = Some(select.clone());
    }
    settings
        .extend_select
        .extend(args.extend_select.iter().cloned());
    settings.ignore.extend(args.ignore.iter().cloned());
    if args.stored_newlines {
        settings.input.newlines = Newlines::Stored;
    }
    if args.outgoing {
        settings.input.origin = Origin::Outgoing;
    }
    settings
        .options
        .content
        .envelope_recipients
        .extend(args.rcpt.iter().map(|r| r.trim().to_string()));
    if let Some(mode) = &args.dns {
        settings.dns.mode = presend::dns::DnsMode::parse(mode)
            .ok_or_else(|| format!("--dns: `{mode}` is not off, static or live"))?;
    }
    if let Some(sender) = &args.mail_from {
        settings.auth.mail_from = Some(sender.trim().to_string());
    }
    settings.validate()?;
    Ok(RunSettings { settings, base_dir })
}

/// The configuration file of a run: none with `--isolated`, else `--config`, else the one
/// found from `cwd` upward.
pub fn config_path(isolated: bool, config: Option<&Path>, cwd: &Path) -> Option<PathBuf> {
    if isolated {
        None
    } else {
        config.map(Path::to_path_buf).or_else(|| find_config(cwd))
    }
}

fn absolute_parent(path: &Path) -> Option<PathBuf> {
    std::path::absolute(path)
        .ok()?
        .parent()
        .map(Path::to_path_buf)
}
