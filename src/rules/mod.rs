//! The lint rules, one file per rule, grouped by what kind of rejection they prevent.

pub(crate) mod addresses;
pub mod attachments;
pub mod auth;
pub mod bulk;
pub mod content;
pub(crate) mod dates;
pub mod framing;
pub mod headers;
pub mod links;
pub(crate) mod raw_bytes;
#[cfg(feature = "smtp")]
pub mod transport;

use crate::context::CheckContext;
use crate::diagnostic::{Diagnostic, Severity};
use crate::source::Source;
use std::ops::Range;

/// The group a rule belongs to; it names the kind of rejection the rule prevents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Group {
    /// RFC 5322 header problems (PS1xx).
    Headers,
    /// Byte-level framing: line endings, line length, NUL, 8-bit, MIME structure (PS2xx).
    Framing,
    /// Attachments and size: blocked types, archives, macros, viruses, size limits (PS3xx).
    Attachments,
    /// Links: shorteners, IP and local hosts, mismatched text, dangerous schemes (PS4xx).
    Links,
    /// Content: capitals, HTML-only and image-only mail, placeholders, hidden text, GTUBE,
    /// recipient typos (PS5xx).
    Content,
    /// Bulk-sender requirements: List-Unsubscribe and RFC 8058 one-click (PS6xx).
    Bulk,
    /// Sender authentication and DNS: DKIM, SPF, DMARC, domains, sending IPs, blocklists
    /// (PS7xx).
    Auth,
    /// SMTP settings, checked against the live server by `presend smtp-check`: TLS, AUTH,
    /// SIZE, the relay port (PS8xx).
    Transport,
}

impl Group {
    /// Every group, in code order.
    pub const ALL: &'static [Group] = &[
        Group::Headers,
        Group::Framing,
        Group::Attachments,
        Group::Links,
        Group::Content,
        Group::Bulk,
        Group::Auth,
        Group::Transport,
    ];

    /// The group name used in output and configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Group::Headers => "headers",
            Group::Framing => "framing",
            Group::Attachments => "attachments",
            Group::Links => "links",
            Group::Content => "content",
            Group::Bulk => "bulk",
            Group::Auth => "auth",
            Group::Transport => "transport",
        }
    }
}

/// How a rule's findings are treated: `deny` fails the check, `warn` and `info` report,
/// `allow` turns the rule off.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// Report as an error; the message would be rejected.
    Deny,
    /// Report as a warning.
    Warn,
    /// Report as information.
    Info,
    /// Do not run the rule.
    Allow,
}

impl Level {
    /// The severity of findings at this level, `None` for `allow`.
    pub fn severity(self) -> Option<Severity> {
        match self {
            Level::Deny => Some(Severity::Error),
            Level::Warn => Some(Severity::Warning),
            Level::Info => Some(Severity::Info),
            Level::Allow => None,
        }
    }

    /// The lowercase name used in configuration.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::Deny => "deny",
            Level::Warn => "warn",
            Level::Info => "info",
            Level::Allow => "allow",
        }
    }

    /// Parses `deny`, `warn`, `info` or `allow`.
    pub fn parse(text: &str) -> Option<Level> {
        match text {
            "deny" | "error" => Some(Level::Deny),
            "warn" | "warning" => Some(Level::Warn),
            "info" => Some(Level::Info),
            "allow" | "off" => Some(Level::Allow),
            _ => None,
        }
    }
}

/// The static description of a rule: identity, defaults and documentation.
#[derive(Debug)]
pub struct RuleMeta {
    /// Code such as `PS101`.
    pub code: &'static str,
    /// Kebab-case name such as `missing-date`.
    pub name: &'static str,
    /// Group.
    pub group: Group,
    /// Level when configuration says nothing.
    pub default_level: Level,
    /// The SMTP reply a receiving server would likely answer with.
    pub smtp: &'static str,
    /// Weight added to the report score when the rule fires (rspamd-style).
    pub score: f64,
    /// One-line summary.
    pub summary: &'static str,
    /// Default fix hint attached to every finding.
    pub fix: &'static str,
    /// Markdown documentation (from the rule's doc comment).
    pub raw_doc: &'static str,
}

impl RuleMeta {
    /// The documentation as Markdown, with the doc-comment indentation removed.
    pub fn doc(&self) -> String {
        let mut out = String::with_capacity(self.raw_doc.len());
        for line in self.raw_doc.lines() {
            out.push_str(line.strip_prefix(' ').unwrap_or(line));
            out.push('\n');
        }
        out.trim().to_string() + "\n"
    }
}

/// Access to a rule's metadata; implemented by [`declare_rule!`].
pub trait Described {
    /// The rule's static description.
    fn meta(&self) -> &'static RuleMeta;
}

/// A lint rule: pure, no I/O, reads the shared [`CheckContext`] and reports into a [`Sink`].
pub trait Rule: Described + Send + Sync {
    /// Checks one message.
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>);
}

/// Collects the findings of one rule on one message.
pub struct Sink<'s> {
    meta: &'static RuleMeta,
    severity: Severity,
    source: &'s Source<'s>,
    out: &'s mut Vec<Diagnostic>,
}

impl<'s> Sink<'s> {
    /// A sink for `meta` findings at `severity`, appending to `out`.
    pub fn new(
        meta: &'static RuleMeta,
        severity: Severity,
        source: &'s Source<'s>,
        out: &'s mut Vec<Diagnostic>,
    ) -> Self {
        Sink {
            meta,
            severity,
            source,
            out,
        }
    }

    /// Reports a finding over the byte range `span` of the input.
    pub fn report(&mut self, span: Range<usize>, message: impl Into<String>) -> &mut Diagnostic {
        let len = self.source.bytes().len();
        let start = span.start.min(len);
        let end = span.end.clamp(start, len);
        let meta = self.meta;
        self.out.push(Diagnostic {
            code: meta.code,
            name: meta.name,
            group: meta.group.as_str(),
            severity: self.severity,
            message: message.into(),
            help: (!meta.fix.is_empty()).then(|| meta.fix.to_string()),
            smtp: Some(meta.smtp),
            location: self.source.position(start),
            end_location: self.source.position(end),
            url: None,
            span: start..end,
        });
        let index = self.out.len() - 1;
        #[allow(clippy::indexing_slicing)] // the push above made `index` the last element
        &mut self.out[index]
    }
}

/// Declares a rule: a unit struct carrying its documentation (the doc comment) and metadata.
///
/// ```ignore
/// declare_rule! {
///     /// ## What it does
///     /// ...
///     pub MissingDate {
///         code: "PS101", name: "missing-date", group: Headers, level: Deny,
///         smtp: "550 5.7.1", score: 3.0,
///         summary: "message has no Date header",
///         fix: "add a Date header",
///     }
/// }
/// ```
#[macro_export]
macro_rules! declare_rule {
    (
        $(#[doc = $doc:literal])*
        $vis:vis $ident:ident {
            code: $code:literal,
            name: $name:literal,
            group: $group:ident,
            level: $level:ident,
            smtp: $smtp:literal,
            score: $score:literal,
            summary: $summary:literal,
            fix: $fix:literal $(,)?
        }
    ) => {
        $(#[doc = $doc])*
        #[derive(Debug, Clone, Copy, Default)]
        $vis struct $ident;

        impl $ident {
            /// This rule's metadata.
            pub const META: $crate::rules::RuleMeta = $crate::rules::RuleMeta {
                code: $code,
                name: $name,
                group: $crate::rules::Group::$group,
                default_level: $crate::rules::Level::$level,
                smtp: $smtp,
                score: $score,
                summary: $summary,
                fix: $fix,
                raw_doc: concat!($($doc, "\n"),*),
            };
        }

        impl $crate::rules::Described for $ident {
            fn meta(&self) -> &'static $crate::rules::RuleMeta {
                static META: $crate::rules::RuleMeta = $ident::META;
                &META
            }
        }
    };
}

/// `text` cut to at most `max` characters (with `…` when cut), for quoting input in messages.
pub fn sample(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let mut out: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        out.push('…');
    }
    out
}
