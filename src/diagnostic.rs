//! A single finding: which rule, where, what, and how to fix it.

use std::ops::Range;

use serde::Serialize;

use crate::source::Position;

/// How serious a finding is, as printed in output (`error` = deny level).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// A deny-level finding: the message would likely be rejected.
    Error,
    /// A warn-level finding: the message may be filtered or scored as spam.
    Warning,
    /// An informational finding.
    Info,
}

impl Severity {
    /// The lowercase name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One finding of one rule, with its location in the raw bytes.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Rule code, e.g. `PS104`.
    pub code: &'static str,
    /// Rule name, e.g. `missing-message-id`.
    pub name: &'static str,
    /// Rule group, e.g. `headers`.
    pub group: &'static str,
    /// Severity after configuration.
    pub severity: Severity,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
    /// The SMTP reply a receiving server would likely answer with.
    pub smtp: Option<&'static str>,
    /// Start of the offending bytes.
    pub location: Position,
    /// End of the offending bytes.
    pub end_location: Position,
    /// Documentation link, when there is one.
    pub url: Option<String>,
    /// Byte range of the offending bytes in the input.
    #[serde(skip)]
    pub span: Range<usize>,
}

impl Diagnostic {
    /// Replaces the fix hint.
    pub fn with_help(&mut self, help: impl Into<String>) -> &mut Self {
        self.help = Some(help.into());
        self
    }
}
