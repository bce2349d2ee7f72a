use crate::declare_rule;
use crate::rules::Sink;
use crate::rules::transport::TransportRule;
use crate::smtp::{AuthOutcome, Probe};

declare_rule! {
    /// ## What it does
    /// When credentials are given — `PRESEND_SMTP_USERNAME` and `PRESEND_SMTP_PASSWORD` in
    /// the environment, never on the command line and never printed — presend authenticates
    /// after STARTTLS the way the application will (AUTH PLAIN, else LOGIN) and reports a
    /// refusal with the server's own words. It also reports credentials it could not try:
    /// no encrypted session (presend does not send a password in clear, except to a loopback
    /// address) or no mechanism an application mailer speaks.
    ///
    /// ## Why is this bad
    /// Every message the application sends fails with `535 5.7.8 Authentication credentials
    /// invalid` (Gmail: `535-5.7.8 Username and Password not accepted`; Microsoft 365:
    /// `535 5.7.139 Authentication unsuccessful`, often because SMTP AUTH is disabled for the
    /// mailbox). The usual causes: a rotated password still in one deployment's secrets, an
    /// app password required (Gmail with 2-Step Verification), or basic auth turned off.
    ///
    /// ## Example
    /// ```text
    /// C: AUTH PLAIN <credentials of app@example.com hidden>
    /// S: 535 5.7.8 Error: authentication failed
    /// ```
    ///
    /// ## How to fix
    /// Check the user name and password the application really uses. If the password was
    /// recently changed, update it everywhere it is used (every deployment, CI secret and
    /// worker). For Gmail use an app password; for Microsoft 365 enable authenticated SMTP
    /// for the mailbox or move to OAuth.
    ///
    /// ## References
    /// - RFC 4954 §6 (`535 5.7.8`), RFC 4616 (PLAIN)
    /// - Gmail `535-5.7.8 Username and Password not accepted`; Microsoft 365 `5.7.139`, `5.7.3`
    pub SmtpAuthFailed {
        code: "PS805",
        name: "smtp-auth-failed",
        group: Transport,
        level: Deny,
        smtp: "535 5.7.8",
        score: 3.0,
        summary: "the SMTP server refused the credentials",
        fix: "check the credentials; if the password was recently changed, update it everywhere",
    }
}

impl TransportRule for SmtpAuthFailed {
    fn check(&self, probe: &Probe, sink: &mut Sink<'_>) {
        let user = probe.username.as_deref().unwrap_or("?");
        match &probe.auth {
            None | Some(AuthOutcome::Accepted) => {}
            Some(AuthOutcome::Refused { reply }) => {
                sink.report(
                    reply.span(),
                    format!("the server refused the credentials of `{user}`: {}", reply.text()),
                )
                .with_help(
                    "check the user name and password; if the password was recently changed, update it everywhere it is used",
                );
            }
            Some(AuthOutcome::NotAttempted { reason, span }) => {
                sink.report(
                    span.clone(),
                    format!("the credentials of `{user}` could not be tried: {reason}"),
                );
            }
        }
    }
}
