//! Helpers shared by the integration tests.
#![allow(dead_code)]

use std::path::{Path, PathBuf};

use mail_builder::MessageBuilder;
use presend::settings::{Newlines, Origin, parse_config};
use presend::{Linter, Report, Settings, Severity};

/// The repository root.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared/` beside the checkout, or `None` (with a notice) when it is absent, as in a
/// user's clone. Every test that reads the shared corpus goes through here.
pub fn shared_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PRESEND_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("../shared"));
    if dir.join("corpus").is_dir() {
        Some(dir)
    } else {
        eprintln!(
            "notice: {} not found; skipping tests that need the shared corpus",
            dir.display()
        );
        None
    }
}

/// The fixed clock used by fixture tests (2026-12-06T00:00:00Z), so time-dependent output is
/// stable.
pub const FIXTURE_NOW: i64 = 1_796_515_200;

/// One lint fixture folder: `lints/<CODE>-<name>/`.
pub struct FixtureDir {
    pub path: PathBuf,
    pub code: String,
    pub name: String,
}

/// Every fixture folder under `lints/`, sorted.
pub fn fixture_dirs() -> Vec<FixtureDir> {
    let mut dirs: Vec<FixtureDir> = std::fs::read_dir(repo_root().join("lints"))
        .expect("lints/ exists")
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .filter_map(|e| {
            let file_name = e.file_name().to_string_lossy().to_string();
            let (code, name) = file_name.split_once('-')?;
            code.starts_with("PS").then(|| FixtureDir {
                path: e.path(),
                code: code.to_string(),
                name: name.to_string(),
            })
        })
        .collect();
    dirs.sort_by(|a, b| a.code.cmp(&b.code));
    dirs
}

/// The fixtures in `dir` starting with `prefix` (`fail-` or `pass-`), sorted: `.eml`
/// messages, or `.toml` SMTP server descriptions for the transport rules (PS8xx).
pub fn fixtures(dir: &Path, prefix: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with(prefix)
                && !name.ends_with(OVERLAY_SUFFIX)
                && (name.ends_with(".eml") || name.ends_with(".toml"))
        })
        .collect();
    files.sort();
    files
}

/// A fixture's own settings beside it: `fail-x.eml` → `fail-x.presend.toml`, applied over
/// its folder's.
pub const OVERLAY_SUFFIX: &str = ".presend.toml";

/// The shared DNS zone and sender facts of the auth fixtures (PS7xx).
pub fn auth_zone_path() -> PathBuf {
    repo_root().join("lints").join("auth.presend.toml")
}

/// Settings for one fixture file: its folder's ([`fixture_settings`]) plus its overlay
/// (`<stem>.presend.toml`), if any.
pub fn fixture_file_settings(dir: &Path, file: &Path) -> Settings {
    let mut settings = fixture_settings(dir);
    if let Some(overlay) = overlay_path(file) {
        presend::settings::load_config_onto(&overlay, &mut settings)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    settings
}

/// The overlay configuration of a fixture file, when there is one.
pub fn overlay_path(file: &Path) -> Option<PathBuf> {
    let stem = file.file_stem()?.to_string_lossy().to_string();
    let overlay = file.with_file_name(format!("{stem}{OVERLAY_SUFFIX}"));
    overlay.is_file().then_some(overlay)
}

/// Settings for a fixture folder: its `presend.toml` if any (for the auth rules, PS7xx,
/// [`auth_zone_path`] first), stored newlines and origin (unless the file says otherwise)
/// and the fixed clock.
pub fn fixture_settings(dir: &Path) -> Settings {
    let mut settings = fixture_dir_settings(dir);
    let is_auth = dir
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with("PS7"));
    if is_auth {
        presend::settings::load_config_onto(&auth_zone_path(), &mut settings)
            .unwrap_or_else(|e| panic!("{e}"));
    }
    settings
}

fn fixture_dir_settings(dir: &Path) -> Settings {
    let config = dir.join("presend.toml");
    let mut settings = if config.is_file() {
        let text = std::fs::read_to_string(&config).unwrap();
        let explicit_origin = text.contains("origin");
        let mut s = parse_config(&text).unwrap_or_else(|e| panic!("{}: {e}", config.display()));
        if !explicit_origin {
            s.input.origin = Origin::Stored;
        }
        if !text.contains("newlines") {
            s.input.newlines = Newlines::Stored;
        }
        s
    } else {
        let mut s = Settings::default();
        s.input.newlines = Newlines::Stored;
        s.input.origin = Origin::Stored;
        s
    };
    settings.now = Some(FIXTURE_NOW);
    settings
}

/// Converts every line ending to CRLF (bare CRs stay as they are).
pub fn to_crlf(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 32);
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'\n' && (i == 0 || bytes[i - 1] != b'\r') {
            out.push(b'\r');
        }
        out.push(b);
    }
    out
}

/// The moment the built test messages are sent (2026-12-06T09:00:00Z).
pub const SENT_AT: i64 = 1_796_547_600;

/// Settings for mail as an application sends it: CRLF wire bytes, outgoing, checked just
/// after [`SENT_AT`].
pub fn outgoing_settings() -> Settings {
    let mut settings = Settings::default();
    settings.input.newlines = Newlines::Wire;
    settings.input.origin = Origin::Outgoing;
    settings.now = Some(SENT_AT + 5);
    settings
}

/// A linter with [`outgoing_settings`].
pub fn outgoing_linter() -> Linter {
    Linter::new(outgoing_settings())
}

/// A clean transactional message to add a body, a subject or attachments to.
pub fn shop_message() -> MessageBuilder<'static> {
    MessageBuilder::new()
        .from(("Example Shop", "orders@shop.example.com"))
        .to(("Alice Example", "alice@example.net"))
        .message_id("order-1042.shipped@shop.example.com")
        .date(SENT_AT)
}

/// Error-level findings of `report` as `CODE name: message` lines.
pub fn errors(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| format!("{} {}: {}", d.code, d.name, d.message))
        .collect()
}

/// The messages of the findings of rule `code` in `report`.
pub fn findings<'r>(report: &'r Report, code: &str) -> Vec<&'r str> {
    report
        .diagnostics
        .iter()
        .filter(|d| d.code == code)
        .map(|d| d.message.as_str())
        .collect()
}

/// A small but real PDF header and trailer, enough for any content sniffing.
pub const PDF: &[u8] = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";

/// One line per finding, `line:col CODE name [severity] message`, as the fixture snapshots
/// record them.
pub fn finding_lines(report: &Report) -> String {
    report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{}:{} {} {} [{}] {}\n",
                d.location.line,
                d.location.column,
                d.code,
                d.name,
                d.severity.as_str(),
                d.message
            )
        })
        .collect()
}
