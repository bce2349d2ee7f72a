use crate::declare_rule;
use crate::rules::Sink;
use crate::rules::transport::TransportRule;
use crate::smtp::{Probe, Security, TlsOutcome};

declare_rule! {
    /// ## What it does
    /// Reports an SMTP server the application would talk to without encryption: on
    /// `smtp://` (ports 587 and 25) the server does not advertise STARTTLS, refuses it, or the
    /// TLS handshake fails (for example a certificate that is expired, self-signed or issued
    /// for another name); on `smtps://` (port 465) the implicit TLS handshake fails.
    ///
    /// ## Why is this bad
    /// Submission servers that require TLS answer `530 5.7.0 Must issue a STARTTLS command
    /// first` to MAIL FROM or AUTH on a plaintext session, so nothing is sent; servers that do
    /// not require it let the password and every message cross the network in clear. A
    /// certificate the application cannot verify makes its mailer (lettre, nodemailer,
    /// Python's smtplib with a context) abort the connection. RFC 8314 asks submission
    /// clients to use TLS.
    ///
    /// ## Example
    /// ```text
    /// S: 220 mail.example.com ESMTP
    /// C: EHLO app.example.com
    /// S: 250-mail.example.com
    /// S: 250 AUTH PLAIN LOGIN        <- no STARTTLS
    /// ```
    ///
    /// ## How to fix
    /// Use the provider's TLS endpoint: `smtp://host:587` with STARTTLS required, or
    /// `smtps://host:465`. If you run the server, enable STARTTLS with a certificate valid for
    /// the host name the application connects to (Postfix `smtpd_tls_security_level = may`
    /// and `smtpd_tls_auth_only = yes` on submission). For a private CA, give it to presend
    /// with `[smtp] ca-file` — and to the application.
    ///
    /// ## References
    /// - RFC 3207 (STARTTLS), RFC 8314 (implicit TLS for submission)
    /// - Postfix: `530 5.7.0 Must issue a STARTTLS command first`; Gmail SMTP relay requires TLS
    pub SmtpNoTls {
        code: "PS801",
        name: "smtp-no-tls",
        group: Transport,
        level: Deny,
        smtp: "530 5.7.0",
        score: 3.0,
        summary: "the SMTP session would not be encrypted",
        fix: "use smtp://host:587 with STARTTLS or smtps://host:465, with a valid certificate",
    }
}

impl TransportRule for SmtpNoTls {
    fn check(&self, probe: &Probe, sink: &mut Sink<'_>) {
        match &probe.tls {
            TlsOutcome::Established { .. } => {}
            TlsOutcome::Failed { reason, span } => {
                let what = match probe.target.security {
                    Security::Implicit => "the implicit TLS handshake failed",
                    Security::StartTls => "STARTTLS did not give an encrypted session",
                };
                sink.report(span.clone(), format!("{what}: {reason}"));
            }
            TlsOutcome::NotOffered => {
                let span = probe
                    .ehlo_plain
                    .as_ref()
                    .map_or_else(|| probe.banner.span(), |e| e.reply.span());
                let diagnostic = sink.report(
                    span,
                    "the server does not advertise STARTTLS: the password and every message would cross the network in clear",
                );
                if probe.target.port == 465 {
                    diagnostic.with_help("port 465 is implicit TLS: use smtps://");
                }
            }
        }
    }
}
