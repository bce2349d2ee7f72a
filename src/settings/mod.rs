//! Settings: which rules run at which level, how input is interpreted, and rule options.

mod config;
mod selection;
mod units;

pub use config::{
    CONFIG_FILE_NAMES, apply_config, find_config, load_config, load_config_onto, parse_config,
};
pub use selection::{Selector, resolve_levels};
pub use units::{format_size, parse_duration, parse_size};

use crate::rules::Level;

/// How line endings of the input are to be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Newlines {
    /// The bytes are exactly what goes on the wire: every bare LF is a defect.
    #[default]
    Wire,
    /// The input is a stored file: a file whose every line ends in bare LF is read as if
    /// converted to CRLF on sending. Mixed endings are still a finding.
    Stored,
}

/// Whether the input is about to be sent now, or a stored message or template.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    /// The bytes are what is about to be sent (library, lettre guard, C ABI): time-dependent
    /// rules such as `date-skew` compare with the clock.
    #[default]
    Outgoing,
    /// A stored message or template (the CLI's default): time-dependent rules stay quiet.
    Stored,
}

/// How the input is interpreted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InputSettings {
    /// Line-ending semantics.
    pub newlines: Newlines,
    /// Outgoing or stored.
    pub origin: Origin,
}

/// Options of `date-skew` (PS107).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DateSkewOptions {
    /// How far in the past the Date may be, in seconds (default 24 h, rspamd `DATE_IN_PAST`).
    pub max_past: u64,
    /// How far in the future the Date may be, in seconds (default 2 h, rspamd `DATE_IN_FUTURE`).
    pub max_future: u64,
}

impl Default for DateSkewOptions {
    fn default() -> Self {
        DateSkewOptions {
            max_past: 24 * 3600,
            max_future: 2 * 3600,
        }
    }
}

/// Options of `header-too-large` (PS114); defaults are Gmail's published limits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct HeaderSizeOptions {
    /// Largest single header field in bytes (To, Cc and References are exempt, as at Gmail).
    pub max_field_size: u64,
    /// Largest header block in bytes.
    pub max_header_size: u64,
    /// Most header fields.
    pub max_header_count: u64,
}

impl Default for HeaderSizeOptions {
    fn default() -> Self {
        HeaderSizeOptions {
            max_field_size: 32 * 1024,
            max_header_size: 500 * 1024,
            max_header_count: 5000,
        }
    }
}

/// Options of the attachment rules (PS3xx), `[lint.attachments]` in configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct AttachmentOptions {
    /// Largest whole message as sent on the wire, in bytes (default 25 MB, Gmail's limit).
    pub max_message_size: u64,
    /// Further named limits (provider → bytes); `message-too-large` names every one exceeded.
    pub provider_limits: Vec<(String, u64)>,
    /// Largest single attachment as encoded on the wire (default 20 MB, Outlook.com's limit).
    pub max_attachment_size: u64,
    /// Extensions (lower-case, no dot) added to the built-in blocked list.
    pub blocked_extensions: Vec<String>,
    /// Extensions removed from the blocked list (they are never reported as blocked).
    pub allowed_extensions: Vec<String>,
    /// Address of a ClamAV daemon (`host:port` or a unix socket path) for `virus-detected`.
    pub clamd: Option<String>,
    /// Timeout of one clamd scan, in milliseconds.
    pub clamd_timeout_ms: u64,
    /// How deep nested `message/rfc822` parts are entered.
    pub max_depth: usize,
}

impl Default for AttachmentOptions {
    fn default() -> Self {
        AttachmentOptions {
            max_message_size: 25_000_000,
            provider_limits: Vec::new(),
            max_attachment_size: 20_000_000,
            blocked_extensions: Vec::new(),
            allowed_extensions: Vec::new(),
            clamd: None,
            clamd_timeout_ms: 10_000,
            max_depth: 8,
        }
    }
}

/// Options of the link rules (PS4xx), `[lint.links]` in configuration.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkOptions {
    /// Shortener domains (`.domain` for any subdomain); `".."` keeps the built-in list,
    /// without it these replace it. Empty means the built-in list.
    pub shorteners: Vec<String>,
    /// Most distinct link targets before `too-many-links` fires.
    pub max_links: usize,
    /// Distinct links from which the words-per-link ratio is checked.
    pub min_links_for_ratio: usize,
    /// Fewest visible words per distinct link.
    pub min_words_per_link: usize,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            shorteners: Vec::new(),
            max_links: 100,
            min_links_for_ratio: 5,
            min_words_per_link: 5,
        }
    }
}

/// Options of the content rules (PS5xx), `[lint.content]` and `[lint.recipients]`.
#[derive(Debug, Clone, PartialEq)]
pub struct ContentOptions {
    /// Share of upper-case letters from which text counts as ALL CAPS (SpamAssassin's
    /// `UPPERCASE_75_100` starts at 0.75).
    pub caps_ratio: f64,
    /// Fewest letters in a Subject before `all-caps-subject` judges it.
    pub min_subject_letters: usize,
    /// Fewest letters in the body before `all-caps-body` judges it.
    pub min_body_letters: usize,
    /// Most visible words an HTML body with images may have and still be image-only.
    pub image_only_max_words: usize,
    /// Least word overlap (Jaccard) between text and HTML alternatives.
    pub parts_min_similarity: f64,
    /// Hidden characters from which `hidden-text` fires (a preheader stays below).
    pub min_hidden_chars: usize,
    /// Largest decoded HTML body before Gmail clips it (102 KB).
    pub max_html_size: u64,
    /// Recipient domains known to be right, in addition to the built-in popular list.
    pub known_domains: Vec<String>,
    /// SMTP envelope recipients (`RCPT TO`, the CLI's `--rcpt`), checked by
    /// `recipient-domain-typo` beside the To/Cc/Bcc headers.
    pub envelope_recipients: Vec<String>,
}

impl Default for ContentOptions {
    fn default() -> Self {
        ContentOptions {
            caps_ratio: 0.75,
            min_subject_letters: 10,
            min_body_letters: 200,
            image_only_max_words: 10,
            parts_min_similarity: 0.5,
            min_hidden_chars: 200,
            max_html_size: 102_000,
            known_domains: Vec::new(),
            envelope_recipients: Vec::new(),
        }
    }
}

/// When a message counts as bulk mail.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BulkMode {
    /// From its headers: `Precedence: bulk|list`, `List-Id`, `List-Unsubscribe`.
    #[default]
    Auto,
    /// Every message is bulk mail (a newsletter pipeline).
    Always,
    /// No message is bulk mail (transactional only).
    Never,
}

/// Options of the bulk rules (PS6xx), `[lint.bulk]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BulkOptions {
    /// How bulk mail is recognised.
    pub mode: BulkMode,
}

/// How template inputs (`.html`/`.txt` with front matter) treat `{{ placeholders }}`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlaceholderMode {
    /// Expected in templates: `unresolved-placeholder` is not reported for them.
    #[default]
    Allow,
    /// Reported like in any message.
    Deny,
}

/// Options of template inputs, `[input] placeholders` and `[input.sample-values]`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TemplateOptions {
    /// Whether placeholders left in a template are findings.
    pub placeholders: PlaceholderMode,
    /// `{{ key }}` → value substitutions made before the message is built.
    pub sample_values: Vec<(String, String)>,
}

/// The `[smtp]` table: the server `presend smtp-check` probes and how.
#[derive(Debug, Clone, PartialEq)]
pub struct SmtpSettings {
    /// `smtp://host:port` or `smtps://host:port` (no password: that comes from the
    /// environment).
    pub url: Option<String>,
    /// The name sent with EHLO.
    pub ehlo_name: String,
    /// Timeout for connecting and for each reply.
    pub timeout: std::time::Duration,
    /// Extra trusted CA certificates (PEM), for a server with a private CA.
    pub ca_file: Option<std::path::PathBuf>,
}

impl Default for SmtpSettings {
    fn default() -> Self {
        SmtpSettings {
            url: None,
            ehlo_name: "localhost".into(),
            timeout: std::time::Duration::from_secs(10),
            ca_file: None,
        }
    }
}

/// The `[auth]` table: what the auth rules (PS7xx) know about how the mail is sent.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct AuthSettings {
    /// `missing-dkim-signature` is an error, not information.
    pub require_dkim: bool,
    /// The addresses the mail leaves from, checked against SPF, PTR and IP blocklists.
    pub sending_ips: Vec<std::net::IpAddr>,
    /// The envelope sender (`MAIL FROM`) for SPF; default: the envelope, else Return-Path,
    /// Sender or From.
    pub mail_from: Option<String>,
}

/// The `[limits]` table: how much of a message presend inspects. Work stops at a limit, and
/// `not-fully-inspected` (PS210) reports it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LimitSettings {
    /// MIME parts inspected, all nesting levels together.
    pub max_parts: usize,
}

impl Default for LimitSettings {
    fn default() -> Self {
        LimitSettings { max_parts: 5_000 }
    }
}

/// Options tied to individual rules.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct RuleOptions {
    /// `date-skew` window.
    pub date_skew: DateSkewOptions,
    /// `header-too-large` limits.
    pub header_size: HeaderSizeOptions,
    /// Attachment rules.
    pub attachments: AttachmentOptions,
    /// Link rules.
    pub links: LinkOptions,
    /// Content rules.
    pub content: ContentOptions,
    /// Bulk rules.
    pub bulk: BulkOptions,
}

/// Everything that changes what a check reports. `Settings::default()` runs every rule at its
/// default level on outgoing wire bytes.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Rules to run (selectors: `ALL`, a group, a code prefix, a code or a name); `None` means
    /// every rule whose default level is not `allow`.
    pub select: Option<Vec<String>>,
    /// Rules added to the selection.
    pub extend_select: Vec<String>,
    /// Rules removed from the selection.
    pub ignore: Vec<String>,
    /// Level overrides, selector → level; the most specific selector wins.
    pub levels: Vec<(String, Level)>,
    /// Glob pattern → selectors ignored for files matching it (CLI only).
    pub per_file_ignores: Vec<(String, Vec<String>)>,
    /// Input interpretation.
    pub input: InputSettings,
    /// Rule options.
    pub options: RuleOptions,
    /// Score at or above which a message without deny findings is predicted to land in spam.
    pub spam_threshold: f64,
    /// The clock for time-dependent rules, in Unix seconds (`None`: the system clock).
    pub now: Option<i64>,
    /// Template inputs.
    pub template: TemplateOptions,
    /// The SMTP server for `presend smtp-check`.
    pub smtp: SmtpSettings,
    /// Where the auth rules get DNS answers.
    pub dns: crate::dns::DnsSettings,
    /// Sender facts for the auth rules.
    pub auth: AuthSettings,
    /// How much of a message is inspected.
    pub limits: LimitSettings,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            select: None,
            extend_select: Vec::new(),
            ignore: Vec::new(),
            levels: Vec::new(),
            per_file_ignores: Vec::new(),
            input: InputSettings::default(),
            options: RuleOptions::default(),
            spam_threshold: 6.0,
            now: None,
            template: TemplateOptions::default(),
            smtp: SmtpSettings::default(),
            dns: crate::dns::DnsSettings::default(),
            auth: AuthSettings::default(),
            limits: LimitSettings::default(),
        }
    }
}

impl Settings {
    /// Checks that every selector names a rule, group or code prefix.
    pub fn validate(&self) -> Result<(), String> {
        let all = self
            .select
            .iter()
            .flatten()
            .chain(&self.extend_select)
            .chain(&self.ignore)
            .chain(self.levels.iter().map(|(s, _)| s))
            .chain(self.per_file_ignores.iter().flat_map(|(_, s)| s));
        for text in all {
            Selector::parse(text)?;
        }
        Ok(())
    }
}
