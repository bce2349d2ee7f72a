//! The SMTP settings check (`presend smtp-check`): probe a real server the way the
//! application's mailer will (banner, EHLO, STARTTLS, AUTH) and report the settings that end
//! in `554 5.7.1 Relay access denied`, `530 5.7.0 Must issue a STARTTLS command first`,
//! `535 5.7.8` or `552 5.3.4` — the transport rules, PS8xx.
//!
//! ```no_run
//! use presend::smtp::{SmtpOptions, Target, check};
//! let target = Target::parse("smtp://mail.example.com:587").unwrap();
//! let outcome = check(&target, &SmtpOptions::default(), None, &presend::Settings::default());
//! match outcome.result {
//!     Ok(report) => println!("{} findings", report.diagnostics.len()),
//!     Err(e) => eprintln!("no SMTP session: {e}"),
//! }
//! ```

mod probe;
mod session;
mod target;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

pub use probe::{AuthOutcome, Ehlo, Probe, TlsOutcome};
pub use session::{Reply, TlsInfo};
pub use target::{Security, Target};

use crate::report::Report;
use crate::rules::Sink;
use crate::settings::{Settings, SmtpSettings};
use crate::source::Source;

/// Environment variable holding the SMTP user name for `smtp-auth-failed`.
pub const USERNAME_VAR: &str = "PRESEND_SMTP_USERNAME";
/// Environment variable holding the SMTP password (never printed).
pub const PASSWORD_VAR: &str = "PRESEND_SMTP_PASSWORD";

/// How to probe: the `[smtp]` settings plus what a run adds.
#[derive(Debug, Clone)]
pub struct SmtpOptions {
    /// The name sent with EHLO.
    pub ehlo_name: String,
    /// Timeout for connecting and for each reply.
    pub timeout: Duration,
    /// Extra trusted certificates (PEM), e.g. a private CA.
    pub ca_file: Option<PathBuf>,
    /// Connect here instead of the URL's host and port (like curl's `--connect-to`); the URL
    /// still names the TLS server and decides the port rules.
    pub connect_to: Option<SocketAddr>,
    /// The wire size of the message to be sent, for `smtp-size-exceeded`.
    pub message_size: Option<u64>,
}

impl Default for SmtpOptions {
    fn default() -> Self {
        SmtpOptions::from_settings(&SmtpSettings::default())
    }
}

impl SmtpOptions {
    /// Options from the `[smtp]` configuration table.
    pub fn from_settings(settings: &SmtpSettings) -> SmtpOptions {
        SmtpOptions {
            ehlo_name: settings.ehlo_name.clone(),
            timeout: settings.timeout,
            ca_file: settings.ca_file.clone(),
            connect_to: None,
            message_size: None,
        }
    }
}

/// SMTP credentials. `Debug` never shows the password.
#[derive(Clone)]
pub struct Credentials {
    /// The user name.
    pub username: String,
    /// The password.
    pub password: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("username", &self.username)
            .field("password", &"<hidden>")
            .finish()
    }
}

impl Credentials {
    /// Credentials from `PRESEND_SMTP_USERNAME` (or the URL's user name) and
    /// `PRESEND_SMTP_PASSWORD`; `None` unless both a user name and a password are known.
    pub fn from_env(url_username: Option<&str>) -> Option<Credentials> {
        let username = std::env::var(USERNAME_VAR)
            .ok()
            .filter(|u| !u.is_empty())
            .or_else(|| url_username.map(str::to_string))?;
        let password = std::env::var(PASSWORD_VAR).ok().filter(|p| !p.is_empty())?;
        Some(Credentials { username, password })
    }
}

/// The outcome of one SMTP check.
#[derive(Debug, Clone)]
pub struct SmtpCheck {
    /// The session transcript (`S:` server, `C:` client, `--` notes); diagnostics point into
    /// it. Credentials are never in it.
    pub transcript: Vec<u8>,
    /// The findings, or why no SMTP session took place (unreachable, no banner, refused).
    pub result: Result<Report, String>,
}

/// Probes `target` and runs the enabled transport rules (PS8xx) on what it said.
pub fn check(
    target: &Target,
    options: &SmtpOptions,
    credentials: Option<&Credentials>,
    settings: &Settings,
) -> SmtpCheck {
    match probe::run(target, options, credentials) {
        Ok((probe, transcript)) => {
            let report = evaluate(&probe, &transcript, settings);
            SmtpCheck {
                transcript,
                result: Ok(report),
            }
        }
        Err((error, transcript)) => SmtpCheck {
            transcript,
            result: Err(error),
        },
    }
}

/// Runs the enabled transport rules on a finished probe.
pub fn evaluate(probe: &Probe, transcript: &[u8], settings: &Settings) -> Report {
    let source = Source::new(transcript);
    let mut diagnostics = Vec::new();
    for (rule, severity) in crate::registry::enabled_transport_rules(settings) {
        let mut sink = Sink::new(rule.meta(), severity, &source, &mut diagnostics);
        rule.check(probe, &mut sink);
    }
    Report::new(diagnostics, settings.spam_threshold)
}
