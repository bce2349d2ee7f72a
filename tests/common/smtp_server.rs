//! A small SMTP server on 127.0.0.1 (port 0) for the `smtp-check` tests: STARTTLS or implicit
//! TLS with a certificate from a CA the test generates, AUTH PLAIN/LOGIN against one user,
//! SIZE. Each connection is served on its own thread.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::PathBuf;
use std::sync::Arc;

use base64::Engine;
use base64::engine::general_purpose::STANDARD as BASE64;

/// What the server offers.
#[derive(Debug, Clone, Default, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
pub struct ServerConfig {
    /// Advertise STARTTLS on the plaintext connection.
    #[serde(default)]
    pub starttls: bool,
    /// TLS from the first byte (smtps).
    #[serde(default)]
    pub implicit_tls: bool,
    /// Accept this user and password.
    pub user: Option<String>,
    pub password: Option<String>,
    /// Advertise AUTH on the plaintext connection too.
    #[serde(default)]
    pub auth_before_tls: bool,
    /// Advertise AUTH before STARTTLS only, not after (a misconfiguration).
    #[serde(default)]
    pub auth_only_before_tls: bool,
    /// Advertise these mechanisms instead of PLAIN LOGIN.
    pub mechanisms: Option<String>,
    /// Advertise `SIZE n`.
    pub size: Option<u64>,
}

/// A running server; it stops with the test process.
pub struct Server {
    pub addr: SocketAddr,
    /// PEM of the CA that signed the server certificate (for `localhost` and `mail.test`).
    pub ca_file: PathBuf,
    _dir: tempfile::TempDir,
}

pub fn start(config: ServerConfig) -> Server {
    let dir = tempfile::tempdir().unwrap();
    let (ca_pem, tls) = tls_config();
    let ca_file = dir.path().join("ca.pem");
    std::fs::write(&ca_file, ca_pem).unwrap();
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = listener.local_addr().unwrap();
    let config = Arc::new(config);
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let (config, tls) = (config.clone(), tls.clone());
            std::thread::spawn(move || {
                let _ = serve(stream, &config, tls);
            });
        }
    });
    Server {
        addr,
        ca_file,
        _dir: dir,
    }
}

fn tls_config() -> (String, Arc<rustls::ServerConfig>) {
    use rcgen::{BasicConstraints, CertificateParams, IsCa, Issuer, KeyPair};
    let ca_key = KeyPair::generate().unwrap();
    let mut ca_params = CertificateParams::new(Vec::<String>::new()).unwrap();
    ca_params.is_ca = IsCa::Ca(BasicConstraints::Unconstrained);
    let ca_cert = ca_params.self_signed(&ca_key).unwrap();
    let issuer = Issuer::new(ca_params, ca_key);
    let leaf_key = KeyPair::generate().unwrap();
    let leaf = CertificateParams::new(vec!["localhost".into(), "mail.test".into()])
        .unwrap()
        .signed_by(&leaf_key, &issuer)
        .unwrap();
    #[allow(deprecated)]
    let provider = Arc::new(rustls::crypto::ring::default_provider());
    let config = rustls::ServerConfig::builder_with_provider(provider)
        .with_safe_default_protocol_versions()
        .unwrap()
        .with_no_client_auth()
        .with_single_cert(
            vec![leaf.der().clone()],
            rustls::pki_types::PrivateKeyDer::Pkcs8(leaf_key.serialize_der().into()),
        )
        .unwrap();
    (ca_cert.pem(), Arc::new(config))
}

fn serve(
    tcp: TcpStream,
    config: &ServerConfig,
    tls: Arc<rustls::ServerConfig>,
) -> std::io::Result<()> {
    tcp.set_read_timeout(Some(std::time::Duration::from_secs(10)))?;
    if config.implicit_tls {
        let conn = rustls::ServerConnection::new(tls).map_err(std::io::Error::other)?;
        let mut stream = rustls::StreamOwned::new(conn, tcp);
        converse(&mut stream, config, true, true)?;
        return Ok(());
    }
    let mut plain = tcp;
    if converse(&mut plain, config, false, true)? {
        let conn = rustls::ServerConnection::new(tls).map_err(std::io::Error::other)?;
        let mut stream = rustls::StreamOwned::new(conn, plain);
        converse(&mut stream, config, true, false)?;
    }
    Ok(())
}

fn read_line(stream: &mut impl Read) -> std::io::Result<Option<String>> {
    let mut line = Vec::new();
    let mut byte = [0u8; 1];
    loop {
        if stream.read(&mut byte)? == 0 {
            return Ok(None);
        }
        if byte[0] == b'\n' {
            let text = String::from_utf8_lossy(&line).trim_end().to_string();
            return Ok(Some(text));
        }
        line.push(byte[0]);
    }
}

/// Serves one phase; `Ok(true)` when the client asked for STARTTLS.
fn converse(
    s: &mut (impl Read + Write),
    config: &ServerConfig,
    tls: bool,
    greet: bool,
) -> std::io::Result<bool> {
    if greet {
        s.write_all(b"220 mail.test ESMTP presend-test\r\n")?;
    }
    while let Some(line) = read_line(s)? {
        let upper = line.to_ascii_uppercase();
        let reply = if upper.starts_with("EHLO") {
            let mut lines = vec!["mail.test greets you".to_string()];
            if let Some(size) = config.size {
                lines.push(format!("SIZE {size}"));
            }
            if config.starttls && !tls {
                lines.push("STARTTLS".into());
            }
            let offer = if tls {
                !config.auth_only_before_tls
            } else {
                config.auth_before_tls || config.auth_only_before_tls
            };
            if config.user.is_some() && offer {
                let mechanisms = config.mechanisms.as_deref().unwrap_or("PLAIN LOGIN");
                lines.push(format!("AUTH {mechanisms}"));
            }
            lines.push("8BITMIME".into());
            let last = lines.len() - 1;
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| format!("250{}{l}\r\n", if i == last { ' ' } else { '-' }))
                .collect()
        } else if upper == "STARTTLS" && config.starttls && !tls {
            s.write_all(b"220 2.0.0 Ready to start TLS\r\n")?;
            return Ok(true);
        } else if let Some(token) = upper.strip_prefix("AUTH PLAIN ") {
            let _ = token;
            let decoded = BASE64.decode(line[11..].trim()).unwrap_or_default();
            let parts: Vec<&[u8]> = decoded.split(|b| *b == 0).collect();
            let ok = parts.len() == 3 && check(config, parts[1], parts[2]);
            auth_reply(ok)
        } else if upper == "AUTH LOGIN" {
            s.write_all(b"334 VXNlcm5hbWU6\r\n")?;
            let user = BASE64
                .decode(read_line(s)?.unwrap_or_default())
                .unwrap_or_default();
            s.write_all(b"334 UGFzc3dvcmQ6\r\n")?;
            let pass = BASE64
                .decode(read_line(s)?.unwrap_or_default())
                .unwrap_or_default();
            auth_reply(check(config, &user, &pass))
        } else if upper == "QUIT" {
            s.write_all(b"221 2.0.0 Bye\r\n")?;
            s.flush()?;
            return Ok(false);
        } else {
            "502 5.5.2 Command not recognized\r\n".to_string()
        };
        s.write_all(reply.as_bytes())?;
        s.flush()?;
    }
    Ok(false)
}

fn check(config: &ServerConfig, user: &[u8], pass: &[u8]) -> bool {
    config.user.as_deref().map(str::as_bytes) == Some(user)
        && config.password.as_deref().map(str::as_bytes) == Some(pass)
}

fn auth_reply(ok: bool) -> String {
    if ok {
        "235 2.7.0 Authentication successful\r\n".into()
    } else {
        "535 5.7.8 Error: authentication failed: credentials invalid\r\n".into()
    }
}
