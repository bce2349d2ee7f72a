use crate::declare_rule;
use crate::rules::Sink;
use crate::rules::transport::TransportRule;
use crate::smtp::{Probe, TlsOutcome};

declare_rule! {
    /// ## What it does
    /// Reports an SMTP server that advertises no `AUTH` extension in the session the
    /// application would send in (after STARTTLS when there is one).
    ///
    /// ## Why is this bad
    /// Without authentication a server relays only for the networks and domains it is set up
    /// for. Everything else draws the classic `554 5.7.1 <user@example.org>: Relay access
    /// denied` (Postfix), `550 5.7.1 Unable to relay` (Exchange) or `5.7.54` (Microsoft 365):
    /// the application is pointed at an MX, or at a submission service with AUTH turned off.
    /// It may work in staging, where the app's IP is allow-listed, and fail in production.
    ///
    /// ## Example
    /// ```text
    /// S: 250-mx.example.com
    /// S: 250-SIZE 52428800
    /// S: 250 STARTTLS                <- and after STARTTLS, still no AUTH
    /// ```
    ///
    /// ## How to fix
    /// Send through the provider's submission endpoint (port 587 or 465) with a user name and
    /// password, not through an MX host. If the relay authorises by IP on purpose, turn this
    /// rule off for it: `[lint.levels] smtp-no-auth = "allow"`.
    ///
    /// ## References
    /// - RFC 4954 (SMTP AUTH), RFC 6409 (message submission)
    /// - Postfix `smtpd_relay_restrictions` (`reject_unauth_destination`: `554 5.7.1 Relay
    ///   access denied`); Microsoft 365 `550 5.7.54 Unable to relay recipient in non-accepted domain`
    pub SmtpNoAuth {
        code: "PS802",
        name: "smtp-no-auth",
        group: Transport,
        level: Deny,
        smtp: "554 5.7.1",
        score: 3.0,
        summary: "the SMTP server offers no AUTH: relaying would be denied",
        fix: "send through the provider's submission endpoint with a user name and password",
    }
}

impl TransportRule for SmtpNoAuth {
    fn check(&self, probe: &Probe, sink: &mut Sink<'_>) {
        let Some(ehlo) = &probe.ehlo else {
            return; // TLS failed: smtp-no-tls says so; what AUTH follows is unknown.
        };
        if !ehlo.auth_mechanisms().is_empty() {
            return;
        }
        let tls = matches!(probe.tls, TlsOutcome::Established { .. });
        let auth_before_tls = probe
            .ehlo_plain
            .as_ref()
            .is_some_and(|plain| !plain.auth_mechanisms().is_empty());
        let message = if tls && auth_before_tls {
            "the server offers AUTH before STARTTLS but not after it: the application cannot authenticate, and relaying would be denied (`554 5.7.1 Relay access denied`)".to_string()
        } else {
            let when = if tls { "after STARTTLS" } else { "in EHLO" };
            format!(
                "the server advertises no AUTH {when}: mail for other domains would be refused (`554 5.7.1 Relay access denied`)"
            )
        };
        sink.report(ehlo.reply.span(), message);
    }
}
