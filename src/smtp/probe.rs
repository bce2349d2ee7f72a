//! The probe: connect, read the banner, EHLO, STARTTLS (or implicit TLS), EHLO again, and
//! AUTH when credentials are given — the steps an application's SMTP client takes — recording
//! what the server said.

use std::ops::Range;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

use super::session::{Reply, Session, TlsInfo};
use super::target::{Security, Target};
use super::{Credentials, SmtpOptions};

/// The extensions a server listed in one EHLO reply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ehlo {
    /// The reply (code 250 when EHLO was accepted).
    pub reply: Reply,
}

impl Ehlo {
    /// The extension lines (every line after the greeting), as `(KEYWORD, parameters)` with
    /// the keyword upper-cased, and each line's transcript span.
    pub fn extensions(&self) -> impl Iterator<Item = (String, &str, Range<usize>)> + '_ {
        let positive = self.reply.is_positive();
        self.reply
            .lines
            .iter()
            .zip(&self.reply.line_spans)
            .skip(1)
            .filter(move |_| positive)
            .map(|(line, span)| {
                let line = line.trim();
                let (keyword, params) = line.split_once([' ', '=']).unwrap_or((line, ""));
                (keyword.to_ascii_uppercase(), params.trim(), span.clone())
            })
    }

    /// The extension `keyword` (upper case), with its parameters and transcript span.
    pub fn extension(&self, keyword: &str) -> Option<(String, Range<usize>)> {
        self.extensions()
            .find(|(k, _, _)| k == keyword)
            .map(|(_, params, span)| (params.to_string(), span))
    }

    /// The SASL mechanisms of the AUTH extension (upper case).
    pub fn auth_mechanisms(&self) -> Vec<String> {
        self.extensions()
            .filter(|(k, _, _)| k == "AUTH")
            .flat_map(|(_, params, _)| {
                params
                    .split_whitespace()
                    .map(str::to_ascii_uppercase)
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// The SIZE limit in bytes: `Some(0)` means "no fixed limit" (RFC 1870).
    pub fn size_limit(&self) -> Option<(u64, Range<usize>)> {
        let (params, span) = self.extension("SIZE")?;
        let limit = params.split_whitespace().next().unwrap_or("0");
        Some((limit.parse().unwrap_or(0), span))
    }
}

/// How TLS went.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TlsOutcome {
    /// `smtp://` and the server did not advertise STARTTLS.
    NotOffered,
    /// STARTTLS was refused or the handshake failed; `span` is the transcript line.
    Failed {
        /// Why.
        reason: String,
        /// Where in the transcript.
        span: Range<usize>,
    },
    /// The session is encrypted.
    Established {
        /// Protocol and cipher.
        info: TlsInfo,
        /// The transcript note of the handshake.
        span: Range<usize>,
    },
}

/// How authentication went, when credentials were given.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthOutcome {
    /// The server accepted the credentials.
    Accepted,
    /// The server refused them; `reply` is its answer.
    Refused {
        /// The refusal.
        reply: Reply,
    },
    /// presend did not try, and why.
    NotAttempted {
        /// Why not.
        reason: String,
        /// Where in the transcript.
        span: Range<usize>,
    },
}

/// Everything the probe learned, with transcript spans for diagnostics.
#[derive(Debug, Clone)]
pub struct Probe {
    /// The server checked.
    pub target: Target,
    /// The banner (`220 …`).
    pub banner: Reply,
    /// EHLO on the plaintext connection (`None` with implicit TLS).
    pub ehlo_plain: Option<Ehlo>,
    /// TLS.
    pub tls: TlsOutcome,
    /// EHLO of the session the application will send in: after TLS when it was established,
    /// otherwise the plaintext one. `None` when TLS failed.
    pub ehlo: Option<Ehlo>,
    /// Authentication, when credentials were given.
    pub auth: Option<AuthOutcome>,
    /// The size of the message to be sent, when one was given.
    pub message_size: Option<u64>,
    /// Whether credentials were given (the username is shown, never the password).
    pub username: Option<String>,
}

/// Runs the probe. `Err` means no SMTP conversation took place (unreachable, no banner);
/// its transcript so far is returned alongside.
pub fn run(
    target: &Target,
    options: &SmtpOptions,
    credentials: Option<&Credentials>,
) -> Result<(Probe, Vec<u8>), (String, Vec<u8>)> {
    let mut session = Session::connect(
        &target.host,
        target.port,
        options.connect_to,
        options.timeout,
    )
    .map_err(|e| (e, Vec::new()))?;
    let result = converse(&mut session, target, options, credentials);
    let _ = session.command("QUIT", None);
    let transcript = session.into_transcript();
    match result {
        Ok(probe) => Ok((probe, transcript)),
        Err(e) => Err((e, transcript)),
    }
}

fn converse(
    session: &mut Session,
    target: &Target,
    options: &SmtpOptions,
    credentials: Option<&Credentials>,
) -> Result<Probe, String> {
    let tls_config = tls_config(options)?;
    let mut tls = TlsOutcome::NotOffered;
    if target.security == Security::Implicit {
        tls = handshake(session, &tls_config, &target.host);
        if let TlsOutcome::Failed { reason, .. } = &tls {
            return Err(format!("implicit TLS handshake failed: {reason}"));
        }
    }
    let banner = session.read_reply().map_err(|e| {
        if target.security == Security::StartTls && target.port == 465 {
            format!("{e} (port 465 expects implicit TLS: use smtps://)")
        } else {
            format!("reading the banner: {e}")
        }
    })?;
    if banner.code != 220 {
        return Err(format!(
            "the server refused the connection: {}",
            banner.text()
        ));
    }
    let mut ehlo_plain = None;
    let mut ehlo = Some(hello(session, &options.ehlo_name)?);
    if target.security == Security::StartTls {
        ehlo_plain = ehlo.clone();
        let offered = ehlo
            .as_ref()
            .is_some_and(|e| e.extension("STARTTLS").is_some());
        if offered {
            let reply = session.command("STARTTLS", None)?;
            if reply.code != 220 {
                tls = TlsOutcome::Failed {
                    reason: format!("STARTTLS refused: {}", reply.text()),
                    span: reply.span(),
                };
            } else if session.has_pending_input() {
                let span = session.note("the server sent data after its STARTTLS reply");
                tls = TlsOutcome::Failed {
                    reason: "the server sent data after 220 to STARTTLS (command injection)".into(),
                    span,
                };
            } else {
                tls = handshake(session, &tls_config, &target.host);
            }
            ehlo = match &tls {
                TlsOutcome::Established { .. } => Some(hello(session, &options.ehlo_name)?),
                _ => None,
            };
        }
    }
    let auth = match (credentials, &ehlo) {
        (Some(credentials), Some(ehlo)) => authenticate(session, ehlo, &tls, credentials, target)?,
        _ => None,
    };
    Ok(Probe {
        target: target.clone(),
        banner,
        ehlo_plain,
        tls,
        ehlo,
        auth,
        message_size: options.message_size,
        username: credentials.map(|c| c.username.clone()),
    })
}

fn hello(session: &mut Session, name: &str) -> Result<Ehlo, String> {
    let reply = session.command(&format!("EHLO {name}"), None)?;
    Ok(Ehlo { reply })
}

fn handshake(
    session: &mut Session,
    config: &Arc<rustls::ClientConfig>,
    server_name: &str,
) -> TlsOutcome {
    match session.upgrade(config.clone(), server_name) {
        Ok(info) => {
            let span = session.note(&format!(
                "TLS established: {} {}",
                info.version, info.cipher
            ));
            TlsOutcome::Established { info, span }
        }
        Err(reason) => {
            let span = session.note(&format!("TLS handshake failed: {reason}"));
            TlsOutcome::Failed { reason, span }
        }
    }
}

fn authenticate(
    session: &mut Session,
    ehlo: &Ehlo,
    tls: &TlsOutcome,
    credentials: &Credentials,
    target: &Target,
) -> Result<Option<AuthOutcome>, String> {
    let mechanisms = ehlo.auth_mechanisms();
    if mechanisms.is_empty() {
        return Ok(None);
    }
    if !matches!(tls, TlsOutcome::Established { .. }) && !is_loopback(&target.host) {
        let span = session.note("credentials not sent: the connection is not encrypted");
        return Ok(Some(AuthOutcome::NotAttempted {
            reason: "the connection is not encrypted, so presend did not send the password".into(),
            span,
        }));
    }
    let user = &credentials.username;
    let reply = if mechanisms.iter().any(|m| m == "PLAIN") {
        let token = BASE64.encode(format!("\0{user}\0{}", credentials.password));
        session.command(
            &format!("AUTH PLAIN {token}"),
            Some(&format!("AUTH PLAIN <credentials of {user} hidden>")),
        )?
    } else if mechanisms.iter().any(|m| m == "LOGIN") {
        let first = session.command("AUTH LOGIN", None)?;
        if first.code != 334 {
            first
        } else {
            let second = session.command(
                &BASE64.encode(user),
                Some(&format!("<user name {user}, base64>")),
            )?;
            if second.code != 334 {
                second
            } else {
                session.command(
                    &BASE64.encode(&credentials.password),
                    Some("<password hidden>"),
                )?
            }
        }
    } else {
        let span = session.note(&format!(
            "credentials not sent: no supported mechanism among AUTH {}",
            mechanisms.join(" ")
        ));
        return Ok(Some(AuthOutcome::NotAttempted {
            reason: format!(
                "the server offers AUTH {} only; presend (like most application mailers) speaks PLAIN and LOGIN",
                mechanisms.join(" ")
            ),
            span,
        }));
    };
    Ok(Some(if reply.code == 235 {
        AuthOutcome::Accepted
    } else {
        AuthOutcome::Refused { reply }
    }))
}

fn is_loopback(host: &str) -> bool {
    host == "localhost"
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// The TLS client configuration: the Mozilla roots (webpki-roots) plus `ca_file`.
fn tls_config(options: &SmtpOptions) -> Result<Arc<rustls::ClientConfig>, String> {
    use rustls::pki_types::CertificateDer;
    use rustls::pki_types::pem::PemObject;

    let mut roots = rustls::RootCertStore::empty();
    roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned());
    if let Some(path) = &options.ca_file {
        let certs =
            CertificateDer::pem_file_iter(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut added = 0;
        for cert in certs {
            let cert = cert.map_err(|e| format!("{}: {e}", path.display()))?;
            roots
                .add(cert)
                .map_err(|e| format!("{}: {e}", path.display()))?;
            added += 1;
        }
        if added == 0 {
            return Err(format!(
                "{}: no PEM certificate in the file",
                path.display()
            ));
        }
    }
    // ring, not aws-lc-rs: it builds without cmake or a C toolchain beyond cc. Its provider is
    // deprecated only for lacking post-quantum key exchange.
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ClientConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .with_root_certificates(roots)
        .with_no_client_auth();
    Ok(Arc::new(config))
}
