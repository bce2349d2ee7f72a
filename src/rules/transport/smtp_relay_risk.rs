use crate::declare_rule;
use crate::rules::Sink;
use crate::rules::transport::TransportRule;
use crate::smtp::{Probe, Security, TlsOutcome};

declare_rule! {
    /// ## What it does
    /// Reports SMTP settings that work by accident and break on the next network or policy
    /// change:
    /// - the application submits on port 25, the server-to-server relay port;
    /// - the server offers a plaintext mechanism (`AUTH PLAIN`, `LOGIN`) on the unencrypted
    ///   connection, before STARTTLS, or with no TLS at all.
    ///
    /// ## Why is this bad
    /// Cloud providers and ISPs block outbound port 25 (AWS, GCP, Azure, most residential
    /// networks), and on 25 a server treats the application as another MTA: unless its IP is
    /// allow-listed, mail for other domains gets `554 5.7.1 Relay access denied`, and
    /// receivers see direct-to-MX traffic from an application IP. A server that offers AUTH
    /// PLAIN before TLS lets a client that skips STARTTLS (or is downgraded by a middlebox)
    /// send its password in clear — after which the account is abused and blocklisted.
    ///
    /// ## Example
    /// ```text
    /// smtp://mail.example.com:25
    /// S: 250-AUTH PLAIN LOGIN        <- offered before STARTTLS
    /// S: 250 STARTTLS
    /// ```
    ///
    /// ## How to fix
    /// Submit on port 587 with STARTTLS (or 465 with implicit TLS) and authenticate. On the
    /// server, offer AUTH only after TLS (Postfix `smtpd_tls_auth_only = yes`, Exim
    /// `auth_advertise_hosts = ${if eq{$tls_in_cipher}{}{}{*}}`).
    ///
    /// ## References
    /// - RFC 6409 (submission on 587), RFC 8314 §3 (implicit TLS on 465), RFC 4954 §4
    ///   (plaintext mechanisms need a secure channel)
    /// - Google Cloud: "outbound connections on port 25 are blocked"; AWS EC2 port 25 throttling
    pub SmtpRelayRisk {
        code: "PS804",
        name: "smtp-relay-risk",
        group: Transport,
        level: Warn,
        smtp: "554 5.7.1",
        score: 1.5,
        summary: "the SMTP settings rely on port 25 or offer plaintext AUTH",
        fix: "submit on port 587 (STARTTLS) or 465 (TLS) and authenticate after TLS",
    }
}

/// SASL mechanisms that send the password itself.
const PLAINTEXT_MECHANISMS: &[&str] = &["PLAIN", "LOGIN"];

impl TransportRule for SmtpRelayRisk {
    fn check(&self, probe: &Probe, sink: &mut Sink<'_>) {
        if probe.target.port == 25 {
            sink.report(
                probe.banner.span(),
                "port 25 is the server-to-server relay port: clouds and ISPs block it outbound, and without an allow-listed IP relaying is denied (`554 5.7.1`)",
            );
        }
        if probe.target.security == Security::Implicit {
            return;
        }
        let Some(plain) = &probe.ehlo_plain else {
            return;
        };
        let exposed: Vec<String> = plain
            .auth_mechanisms()
            .into_iter()
            .filter(|m| PLAINTEXT_MECHANISMS.contains(&m.as_str()))
            .collect();
        if exposed.is_empty() {
            return;
        }
        let span = plain
            .extension("AUTH")
            .map_or_else(|| plain.reply.span(), |(_, span)| span);
        let message = match probe.tls {
            TlsOutcome::Established { .. } => format!(
                "the server offers AUTH {} before STARTTLS: a client that skips or loses STARTTLS sends its password in clear",
                exposed.join(" ")
            ),
            _ => format!(
                "the server offers AUTH {} on an unencrypted connection: the password would cross the network in clear",
                exposed.join(" ")
            ),
        };
        sink.report(span, message);
    }
}
