//! Transport rules (PS8xx): the SMTP settings an application sends through, checked against
//! the live server by `presend smtp-check`. They read a [`Probe`] (what the server said) and
//! point into its transcript.

mod smtp_auth_failed;
mod smtp_no_auth;
mod smtp_no_tls;
mod smtp_relay_risk;
mod smtp_size_exceeded;

pub use smtp_auth_failed::SmtpAuthFailed;
pub use smtp_no_auth::SmtpNoAuth;
pub use smtp_no_tls::SmtpNoTls;
pub use smtp_relay_risk::SmtpRelayRisk;
pub use smtp_size_exceeded::SmtpSizeExceeded;

use crate::rules::{Described, Sink};
use crate::smtp::Probe;

/// A rule over an SMTP session: pure, reads the [`Probe`] and reports into a [`Sink`] whose
/// source is the session transcript.
pub trait TransportRule: Described + Send + Sync {
    /// Checks one probed server.
    fn check(&self, probe: &Probe, sink: &mut Sink<'_>);
}
