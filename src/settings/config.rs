//! `presend.toml` / `.presend.toml`: discovery and parsing into [`Settings`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::{Newlines, Origin, Selector, Settings, parse_duration, parse_size};
use crate::rules::Level;

/// File names looked for, in order, in each directory walking up.
pub const CONFIG_FILE_NAMES: &[&str] = &["presend.toml", ".presend.toml"];

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ConfigFile {
    #[serde(default)]
    input: InputTable,
    #[serde(default)]
    lint: LintTable,
    /// Alias of `[lint.attachments]`.
    attachments: Option<AttachmentsTable>,
    smtp: Option<SmtpTable>,
    dns: Option<DnsTable>,
    auth: Option<AuthTable>,
    limits: Option<LimitsTable>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LimitsTable {
    max_parts: Option<usize>,
    max_nesting: Option<usize>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DnsTable {
    mode: Option<String>,
    #[serde(default)]
    records: BTreeMap<String, Vec<String>>,
    nameservers: Option<Vec<String>>,
    timeout: Option<String>,
    ip_blocklists: Option<Vec<String>>,
    domain_blocklists: Option<Vec<String>>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AuthTable {
    require_dkim: Option<bool>,
    sending_ips: Option<Vec<String>>,
    mail_from: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct SmtpTable {
    url: Option<String>,
    ehlo_name: Option<String>,
    timeout: Option<String>,
    ca_file: Option<PathBuf>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct InputTable {
    newlines: Option<Newlines>,
    origin: Option<Origin>,
    placeholders: Option<super::PlaceholderMode>,
    #[serde(default)]
    sample_values: BTreeMap<String, String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LintTable {
    select: Option<Vec<String>>,
    #[serde(default)]
    extend_select: Vec<String>,
    #[serde(default)]
    ignore: Vec<String>,
    spam_threshold: Option<f64>,
    #[serde(default)]
    levels: BTreeMap<String, Level>,
    #[serde(default)]
    per_file_ignores: BTreeMap<String, Vec<String>>,
    date_skew: Option<DateSkewTable>,
    header_too_large: Option<HeaderTooLargeTable>,
    attachments: Option<AttachmentsTable>,
    links: Option<LinksTable>,
    content: Option<ContentTable>,
    recipients: Option<RecipientsTable>,
    bulk: Option<BulkTable>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct ContentTable {
    caps_ratio: Option<f64>,
    min_subject_letters: Option<usize>,
    min_body_letters: Option<usize>,
    image_only_max_words: Option<usize>,
    parts_min_similarity: Option<f64>,
    min_hidden_chars: Option<usize>,
    max_html_size: Option<SizeValue>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct RecipientsTable {
    known_domains: Option<Vec<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct BulkTable {
    mode: Option<super::BulkMode>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct LinksTable {
    shorteners: Option<Vec<String>>,
    max_links: Option<usize>,
    min_links_for_ratio: Option<usize>,
    min_words_per_link: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct AttachmentsTable {
    max_message_size: Option<SizeValue>,
    max_attachment_size: Option<SizeValue>,
    #[serde(default)]
    provider_limits: BTreeMap<String, SizeValue>,
    blocked_extensions: Option<Vec<String>>,
    allowed_extensions: Option<Vec<String>>,
    clamd: Option<String>,
    clamd_timeout: Option<String>,
    max_depth: Option<usize>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct DateSkewTable {
    max_past: Option<String>,
    max_future: Option<String>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct HeaderTooLargeTable {
    max_field_size: Option<SizeValue>,
    max_header_size: Option<SizeValue>,
    max_header_count: Option<u64>,
}

/// A size given as a number of bytes or a string such as `"32KiB"`.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum SizeValue {
    Bytes(u64),
    Text(String),
}

impl SizeValue {
    fn bytes(&self, key: &str) -> Result<u64, String> {
        match self {
            SizeValue::Bytes(b) => Ok(*b),
            SizeValue::Text(t) => parse_size(t).map_err(|e| format!("`{key}`: {e}")),
        }
    }
}

/// Finds the nearest configuration file in `start` or one of its parents.
pub fn find_config(start: &Path) -> Option<PathBuf> {
    let start = if start.is_file() {
        start.parent()?
    } else {
        start
    };
    let absolute = std::path::absolute(start).ok()?;
    absolute.ancestors().find_map(|dir| {
        CONFIG_FILE_NAMES
            .iter()
            .map(|name| dir.join(name))
            .find(|candidate| candidate.is_file())
    })
}

/// Reads and parses a configuration file; errors name the file and the offending key.
pub fn load_config(path: &Path) -> Result<Settings, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    parse_config(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Parses configuration text into settings (defaults for everything not given).
pub fn parse_config(text: &str) -> Result<Settings, String> {
    let mut settings = Settings::default();
    apply_config(text, &mut settings)?;
    Ok(settings)
}

/// Reads a configuration file and applies it over `settings`; errors name the file and key.
pub fn load_config_onto(path: &Path, settings: &mut Settings) -> Result<(), String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let before = settings.smtp.ca_file.clone();
    apply_config(&text, settings).map_err(|e| format!("{}: {e}", path.display()))?;
    // A `ca-file` set by this file is relative to the file's folder.
    if settings.smtp.ca_file != before
        && let (Some(ca), Some(dir)) = (&settings.smtp.ca_file, path.parent())
        && ca.is_relative()
    {
        settings.smtp.ca_file = Some(dir.join(ca));
    }
    Ok(())
}

/// Applies configuration text over `settings`: only what the text sets changes.
pub fn apply_config(text: &str, settings: &mut Settings) -> Result<(), String> {
    let file: ConfigFile = toml::from_str(text).map_err(|e| e.to_string().trim().to_string())?;
    if let Some(newlines) = file.input.newlines {
        settings.input.newlines = newlines;
    }
    if let Some(mode) = file.input.placeholders {
        settings.template.placeholders = mode;
    }
    for (key, value) in file.input.sample_values {
        settings.template.sample_values.retain(|(k, _)| *k != key);
        settings.template.sample_values.push((key, value));
    }
    if let Some(origin) = file.input.origin {
        settings.input.origin = origin;
    }
    let lint = file.lint;
    let check = |key: &str, list: &[String]| -> Result<(), String> {
        for s in list {
            Selector::parse(s).map_err(|e| format!("`lint.{key}`: {e}"))?;
        }
        Ok(())
    };
    if let Some(select) = &lint.select {
        check("select", select)?;
    }
    check("extend-select", &lint.extend_select)?;
    check("ignore", &lint.ignore)?;
    if lint.select.is_some() {
        settings.select = lint.select;
    }
    settings.extend_select.extend(lint.extend_select);
    settings.ignore.extend(lint.ignore);
    if let Some(threshold) = lint.spam_threshold {
        if !threshold.is_finite() || threshold <= 0.0 {
            return Err(format!(
                "`lint.spam-threshold`: must be a positive number, got {threshold}"
            ));
        }
        settings.spam_threshold = threshold;
    }
    for (selector, level) in lint.levels {
        Selector::parse(&selector).map_err(|e| format!("`lint.levels.{selector}`: {e}"))?;
        settings.levels.push((selector, level));
    }
    for (pattern, selectors) in lint.per_file_ignores {
        check(&format!("per-file-ignores.\"{pattern}\""), &selectors)?;
        settings.per_file_ignores.push((pattern, selectors));
    }
    if let Some(skew) = lint.date_skew {
        let options = &mut settings.options.date_skew;
        if let Some(past) = skew.max_past {
            options.max_past =
                parse_duration(&past).map_err(|e| format!("`lint.date-skew.max-past`: {e}"))?;
        }
        if let Some(future) = skew.max_future {
            options.max_future =
                parse_duration(&future).map_err(|e| format!("`lint.date-skew.max-future`: {e}"))?;
        }
    }
    if let Some(limits) = lint.header_too_large {
        let options = &mut settings.options.header_size;
        if let Some(v) = limits.max_field_size {
            options.max_field_size = v.bytes("lint.header-too-large.max-field-size")?;
        }
        if let Some(v) = limits.max_header_size {
            options.max_header_size = v.bytes("lint.header-too-large.max-header-size")?;
        }
        if let Some(v) = limits.max_header_count {
            options.max_header_count = v;
        }
    }
    if let Some(table) = lint.links {
        let options = &mut settings.options.links;
        if let Some(list) = table.shorteners {
            options.shorteners = list;
        }
        if let Some(n) = table.max_links {
            options.max_links = n;
        }
        if let Some(n) = table.min_links_for_ratio {
            options.min_links_for_ratio = n;
        }
        if let Some(n) = table.min_words_per_link {
            options.min_words_per_link = n;
        }
    }
    if let Some(table) = lint.content {
        let options = &mut settings.options.content;
        for (key, value) in [
            ("caps-ratio", table.caps_ratio),
            ("parts-min-similarity", table.parts_min_similarity),
        ] {
            if let Some(v) = value
                && !(0.0..=1.0).contains(&v)
            {
                return Err(format!("`lint.content.{key}`: {v} is not between 0 and 1"));
            }
        }
        if let Some(v) = table.caps_ratio {
            options.caps_ratio = v;
        }
        if let Some(v) = table.parts_min_similarity {
            options.parts_min_similarity = v;
        }
        if let Some(v) = table.min_subject_letters {
            options.min_subject_letters = v;
        }
        if let Some(v) = table.min_body_letters {
            options.min_body_letters = v;
        }
        if let Some(v) = table.image_only_max_words {
            options.image_only_max_words = v;
        }
        if let Some(v) = table.min_hidden_chars {
            options.min_hidden_chars = v;
        }
        if let Some(v) = table.max_html_size {
            options.max_html_size = v.bytes("lint.content.max-html-size")?;
        }
    }
    if let Some(list) = lint.recipients.and_then(|t| t.known_domains) {
        settings.options.content.known_domains = list
            .iter()
            .map(|d| d.trim().trim_end_matches('.').to_ascii_lowercase())
            .collect();
    }
    if let Some(mode) = lint.bulk.and_then(|t| t.mode) {
        settings.options.bulk.mode = mode;
    }
    if let Some(table) = file.smtp {
        apply_smtp(table, &mut settings.smtp)?;
    }
    if let Some(table) = file.dns {
        apply_dns(table, &mut settings.dns)?;
    }
    if let Some(table) = file.auth {
        apply_auth(table, &mut settings.auth)?;
    }
    if let Some(table) = file.limits {
        if let Some(n) = table.max_parts {
            if n == 0 {
                return Err("`limits.max-parts`: must be at least 1".into());
            }
            settings.limits.max_parts = n;
        }
        // The nesting limit is the attachments' `max-depth`, under its [limits] name.
        if let Some(n) = table.max_nesting {
            settings.options.attachments.max_depth = n;
        }
    }
    for (prefix, table) in [
        ("lint.attachments", lint.attachments),
        ("attachments", file.attachments),
    ] {
        if let Some(table) = table {
            apply_attachments(prefix, table, &mut settings.options.attachments)?;
        }
    }
    Ok(())
}

/// Applies the `[smtp]` table.
fn apply_smtp(table: SmtpTable, smtp: &mut super::SmtpSettings) -> Result<(), String> {
    if let Some(url) = table.url {
        if url::Url::parse(url.trim()).is_ok_and(|u| u.password().is_some()) {
            return Err(
                "`smtp.url`: do not put the password in the URL; set PRESEND_SMTP_PASSWORD".into(),
            );
        }
        smtp.url = Some(url);
    }
    if let Some(name) = table.ehlo_name {
        if name.trim().is_empty() || name.contains(char::is_whitespace) {
            return Err(format!("`smtp.ehlo-name`: `{name}` is not a host name"));
        }
        smtp.ehlo_name = name;
    }
    if let Some(timeout) = table.timeout {
        let ms = parse_duration_ms(&timeout).map_err(|e| format!("`smtp.timeout`: {e}"))?;
        if ms == 0 {
            return Err("`smtp.timeout`: must be more than 0".into());
        }
        smtp.timeout = std::time::Duration::from_millis(ms);
    }
    if let Some(path) = table.ca_file {
        smtp.ca_file = Some(path);
    }
    Ok(())
}

/// Applies the `[dns]` table.
fn apply_dns(table: DnsTable, dns: &mut crate::dns::DnsSettings) -> Result<(), String> {
    if let Some(mode) = table.mode {
        dns.mode = crate::dns::DnsMode::parse(&mode).ok_or_else(|| {
            format!("`dns.mode`: `{mode}` is not one of \"off\", \"static\", \"live\"")
        })?;
    }
    if !table.records.is_empty() {
        let entries = table
            .records
            .iter()
            .map(|(name, records)| (name.as_str(), records.as_slice()));
        let zone = crate::dns::Zone::parse(entries)?;
        dns.records = zone;
    }
    if let Some(list) = table.nameservers {
        dns.nameservers = list
            .iter()
            .map(|text| parse_nameserver(text).map_err(|e| format!("`dns.nameservers`: {e}")))
            .collect::<Result<_, _>>()?;
    }
    if let Some(timeout) = table.timeout {
        let ms = parse_duration_ms(&timeout).map_err(|e| format!("`dns.timeout`: {e}"))?;
        if ms == 0 {
            return Err("`dns.timeout`: must be more than 0".into());
        }
        dns.timeout = std::time::Duration::from_millis(ms);
    }
    let zones = |key: &str, list: Vec<String>| -> Result<Vec<String>, String> {
        list.into_iter()
            .map(|zone| {
                let zone = zone.trim().trim_matches('.').to_ascii_lowercase();
                if zone.is_empty() || zone.contains(char::is_whitespace) || !zone.contains('.') {
                    Err(format!("`dns.{key}`: `{zone}` is not a DNS zone"))
                } else {
                    Ok(zone)
                }
            })
            .collect()
    };
    if let Some(list) = table.ip_blocklists {
        dns.ip_blocklists = zones("ip-blocklists", list)?;
    }
    if let Some(list) = table.domain_blocklists {
        dns.domain_blocklists = zones("domain-blocklists", list)?;
    }
    Ok(())
}

/// `"127.0.0.1:5353"`, `"[::1]:53"` or a bare address (port 53).
pub(crate) fn parse_nameserver(text: &str) -> Result<std::net::SocketAddr, String> {
    let text = text.trim();
    text.parse::<std::net::SocketAddr>()
        .or_else(|_| {
            text.parse::<std::net::IpAddr>()
                .map(|ip| std::net::SocketAddr::new(ip, 53))
        })
        .map_err(|_| format!("`{text}` is not an address such as \"127.0.0.1:5353\""))
}

/// Applies the `[auth]` table.
fn apply_auth(table: AuthTable, auth: &mut super::AuthSettings) -> Result<(), String> {
    if let Some(require) = table.require_dkim {
        auth.require_dkim = require;
    }
    if let Some(list) = table.sending_ips {
        auth.sending_ips = list
            .iter()
            .map(|ip| {
                ip.trim()
                    .parse()
                    .map_err(|_| format!("`auth.sending-ips`: `{ip}` is not an IP address"))
            })
            .collect::<Result<_, _>>()?;
    }
    if let Some(sender) = table.mail_from {
        auth.mail_from = (!sender.trim().is_empty()).then(|| sender.trim().to_string());
    }
    Ok(())
}

/// Applies an `[lint.attachments]` table; `prefix` names it in errors.
fn apply_attachments(
    prefix: &str,
    table: AttachmentsTable,
    options: &mut super::AttachmentOptions,
) -> Result<(), String> {
    if let Some(v) = table.max_message_size {
        options.max_message_size = v.bytes(&format!("{prefix}.max-message-size"))?;
    }
    if let Some(v) = table.max_attachment_size {
        options.max_attachment_size = v.bytes(&format!("{prefix}.max-attachment-size"))?;
    }
    for (provider, v) in table.provider_limits {
        let bytes = v.bytes(&format!("{prefix}.provider-limits.{provider}"))?;
        options.provider_limits.retain(|(p, _)| *p != provider);
        options.provider_limits.push((provider, bytes));
    }
    let normalize = |list: Vec<String>| -> Vec<String> {
        list.iter()
            .map(|e| e.trim().trim_start_matches('.').to_ascii_lowercase())
            .filter(|e| !e.is_empty())
            .collect()
    };
    if let Some(list) = table.blocked_extensions {
        options.blocked_extensions = normalize(list);
    }
    if let Some(list) = table.allowed_extensions {
        options.allowed_extensions = normalize(list);
    }
    if let Some(address) = table.clamd {
        options.clamd = (!address.trim().is_empty()).then(|| address.trim().to_string());
    }
    if let Some(timeout) = table.clamd_timeout {
        options.clamd_timeout_ms =
            parse_duration_ms(&timeout).map_err(|e| format!("`{prefix}.clamd-timeout`: {e}"))?;
    }
    if let Some(depth) = table.max_depth {
        options.max_depth = depth;
    }
    Ok(())
}

/// Parses `"500ms"` or a [`parse_duration`] value into milliseconds.
fn parse_duration_ms(text: &str) -> Result<u64, String> {
    match text.trim().strip_suffix("ms") {
        Some(ms) => ms
            .trim()
            .parse()
            .map_err(|_| format!("`{text}` is not a duration (e.g. \"500ms\", \"10s\")")),
        None => parse_duration(text).map(|s| s * 1000),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_key_is_named() {
        let err = parse_config("[lint]\nselekt = []\n").unwrap_err();
        assert!(err.contains("selekt"), "{err}");
    }

    #[test]
    fn bad_selector_is_named() {
        let err = parse_config("[lint]\nignore = [\"PS999x\"]\n").unwrap_err();
        assert!(
            err.contains("lint.ignore") && err.contains("PS999x"),
            "{err}"
        );
    }

    #[test]
    fn dns_and_auth_tables_parse_and_errors_name_the_key() {
        let s = parse_config(
            "[dns]\nmode = \"static\"\nnameservers = [\"127.0.0.1:5353\", \"::1\"]\n[dns.records]\n\"acme.example.com\" = [\"MX 10 mx.acme.example.com\"]\n[auth]\nsending-ips = [\"192.0.2.10\"]\nrequire-dkim = true\n",
        )
        .unwrap();
        assert_eq!(s.dns.mode, crate::dns::DnsMode::Static);
        assert_eq!(s.dns.nameservers.len(), 2);
        assert!(s.dns.records.get("acme.example.com.").is_some());
        assert!(s.auth.require_dkim);
        let bad_type = parse_config("[dns.records]\n\"a.example\" = [\"SRV 1 2 3 x\"]\n");
        assert!(bad_type.unwrap_err().contains("dns.records.\"a.example\""));
        let bad_mode = parse_config("[dns]\nmode = \"online\"\n").unwrap_err();
        assert!(bad_mode.contains("dns.mode"), "{bad_mode}");
        let bad_ip = parse_config("[auth]\nsending-ips = [\"mail.example\"]\n").unwrap_err();
        assert!(bad_ip.contains("auth.sending-ips"), "{bad_ip}");
        let unknown = parse_config("[dns]\nresolver = \"x\"\n").unwrap_err();
        assert!(unknown.contains("resolver"), "{unknown}");
    }

    #[test]
    fn options_parse() {
        let s = parse_config(
            "[input]\nnewlines = \"stored\"\n[lint.date-skew]\nmax-past = \"1h\"\n[lint.header-too-large]\nmax-field-size = \"1KiB\"\n",
        )
        .unwrap();
        assert_eq!(s.input.newlines, Newlines::Stored);
        assert_eq!(s.options.date_skew.max_past, 3600);
        assert_eq!(s.options.header_size.max_field_size, 1024);
    }
}
