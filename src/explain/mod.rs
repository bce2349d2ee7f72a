//! `presend explain`: read a bounce (an RFC 3464 delivery status notification, a non-standard
//! MTA bounce, or a reply line pasted from a log), name the reason in Sisimai's taxonomy, and
//! point to the lints that would have caught it — running them on the returned message when
//! the bounce carries it.
//!
//! ```
//! let explanation = presend::explain::explain(b"554 5.7.1 <bob@example.org>: Relay access denied");
//! let bounce = &explanation.bounces[0];
//! assert_eq!(bounce.reason.as_str(), "norelaying");
//! assert!(bounce.lints.contains(&"smtp-no-auth"));
//! ```

mod classify;
mod dsn;
pub mod log;

pub use classify::{Reason, classify, lints_for};

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::{Linter, Settings};

/// One failed (or reported) recipient of a bounce.
#[derive(Debug, Clone, Serialize)]
pub struct Bounce {
    /// The recipient address, when the bounce names it.
    pub recipient: Option<String>,
    /// The SMTP reply code (`554`).
    pub reply: Option<u16>,
    /// The enhanced status code (`5.7.1`).
    pub status: Option<String>,
    /// The reason.
    pub reason: Reason,
    /// The diagnostic text, verbatim (unfolded).
    pub diagnostic: String,
    /// The reporting or remote MTA.
    pub remote_host: Option<String>,
    /// Lints that catch this cause before sending.
    pub lints: Vec<&'static str>,
    /// Findings of those lints on the returned message (empty when none came back).
    pub findings: Vec<Diagnostic>,
}

/// What a bounce says.
#[derive(Debug, Clone, Serialize)]
pub struct Explanation {
    /// One entry per recipient; empty when the input is not recognisable as a bounce.
    pub bounces: Vec<Bounce>,
    /// Whether the original message (or its headers) came back with the bounce.
    pub has_original: bool,
}

/// Explains a bounce with default lint settings.
pub fn explain(bytes: &[u8]) -> Explanation {
    explain_with(bytes, &Linter::new(Settings::default()))
}

/// Explains a bounce, running `linter`'s rules (those the reason names) on a returned message.
pub fn explain_with(bytes: &[u8], linter: &Linter) -> Explanation {
    // Bounces saved with old Mac line endings (CR only) are read as if they had LF.
    let converted;
    let bytes = if memchr::memchr(b'\n', bytes).is_none() && memchr::memchr(b'\r', bytes).is_some()
    {
        converted = bytes
            .iter()
            .map(|&b| if b == b'\r' { b'\n' } else { b })
            .collect::<Vec<u8>>();
        &converted[..]
    } else {
        bytes
    };
    let parsed = dsn::parse(bytes);
    let report = parsed
        .original
        .as_deref()
        .filter(|o| !o.is_empty())
        .map(|original| linter.check(original));
    let bounces = parsed
        .failures
        .into_iter()
        .map(|f| {
            let reason = match f.action.as_deref() {
                Some("delivered") | Some("relayed") | Some("expanded") => Reason::Delivered,
                _ if f.reply.is_some_and(|r| r < 400) => Reason::Delivered,
                _ => f
                    .forced_reason
                    .unwrap_or_else(|| classify(f.reply, f.status.as_deref(), &f.diagnostic)),
            };
            let lints = lints_for(reason, &f.diagnostic);
            let findings = report
                .as_ref()
                .map(|r| {
                    r.diagnostics
                        .iter()
                        .filter(|d| lints.contains(&d.name))
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            Bounce {
                recipient: f.recipient,
                reply: f.reply,
                status: f.status,
                reason,
                diagnostic: f.diagnostic,
                remote_host: f.remote_host,
                lints,
                findings,
            }
        })
        .collect();
    Explanation {
        bounces,
        has_original: report.is_some(),
    }
}
