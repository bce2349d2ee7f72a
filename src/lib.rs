//! presend: a pre-send linter for email.
//!
//! Hand it the exact bytes you are about to send and it reports what a receiving server would
//! likely reject, with the SMTP reply it would answer with and how to fix it.
//!
//! ```
//! let report = presend::check(b"From: a@example.com\r\n\r\nhello\r\n");
//! assert!(report.diagnostics.iter().any(|d| d.name == "missing-message-id"));
//! ```
#![forbid(unsafe_code)]
#![cfg_attr(
    not(test),
    warn(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)
)]

pub mod content;
pub mod context;
pub mod diagnostic;
pub mod dns;
pub mod explain;
pub mod fix;
pub mod inspect;
#[cfg(feature = "lettre")]
pub mod lettre;
pub mod linter;
pub mod registry;
pub mod render;
pub mod report;
pub mod rules;
pub mod settings;
#[cfg(feature = "smtp")]
pub mod smtp;
pub mod source;
pub mod template;
#[cfg(test)]
mod test_rng;

pub use diagnostic::{Diagnostic, Severity};
pub use linter::{Envelope, Linter};
pub use report::{Report, Verdict};
pub use rules::{Group, Level, RuleMeta};
pub use settings::Settings;

/// The crate version, as printed in JSON output.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Checks `bytes` with default settings (every default rule, outgoing wire bytes).
pub fn check(bytes: &[u8]) -> Report {
    static DEFAULT: std::sync::OnceLock<Linter> = std::sync::OnceLock::new();
    DEFAULT.get_or_init(Linter::default).check(bytes)
}
