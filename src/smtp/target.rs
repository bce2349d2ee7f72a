//! The SMTP server to check, from an `smtp://` or `smtps://` URL.

use std::fmt;

/// How the connection is secured.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Security {
    /// `smtp://`: a plaintext connection that should be upgraded with STARTTLS.
    StartTls,
    /// `smtps://`: TLS from the first byte (implicit TLS, RFC 8314), usually port 465.
    Implicit,
}

/// A parsed SMTP URL: `smtp://[user@]host[:port]` or `smtps://…`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    /// Host name or IP address (without brackets), also the TLS server name.
    pub host: String,
    /// Port: as given, or 25 for `smtp://` and 465 for `smtps://`.
    pub port: u16,
    /// How TLS is expected to be reached.
    pub security: Security,
    /// The user name given in the URL, if any (a password in the URL is refused).
    pub username: Option<String>,
}

impl Target {
    /// Parses an SMTP URL. A password in the URL is an error: it would end up in shell
    /// history and CI logs; give it in `PRESEND_SMTP_PASSWORD` instead.
    pub fn parse(text: &str) -> Result<Target, String> {
        let url = url::Url::parse(text.trim()).map_err(|e| format!("`{text}`: {e}"))?;
        let security = match url.scheme() {
            "smtp" => Security::StartTls,
            "smtps" => Security::Implicit,
            other => {
                return Err(format!(
                    "`{text}`: scheme `{other}` is not smtp:// or smtps://"
                ));
            }
        };
        if url.password().is_some() {
            return Err(format!(
                "`{}`: do not put the password in the URL (it ends up in logs); set PRESEND_SMTP_PASSWORD",
                redact(&url)
            ));
        }
        let host = match url.host() {
            Some(url::Host::Domain(d)) => d.to_string(),
            Some(url::Host::Ipv4(ip)) => ip.to_string(),
            Some(url::Host::Ipv6(ip)) => ip.to_string(),
            None => return Err(format!("`{text}`: no host")),
        };
        let port = url.port().unwrap_or(match security {
            Security::StartTls => 25,
            Security::Implicit => 465,
        });
        let username = (!url.username().is_empty()).then(|| percent_decode(url.username()));
        Ok(Target {
            host,
            port,
            security,
            username,
        })
    }
}

impl fmt::Display for Target {
    /// The URL without credentials, as shown in output.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let scheme = match self.security {
            Security::StartTls => "smtp",
            Security::Implicit => "smtps",
        };
        if self.host.contains(':') {
            write!(f, "{scheme}://[{}]:{}", self.host, self.port)
        } else {
            write!(f, "{scheme}://{}:{}", self.host, self.port)
        }
    }
}

fn redact(url: &url::Url) -> String {
    let mut url = url.clone();
    let _ = url.set_password(None);
    let _ = url.set_username("");
    url.to_string()
}

fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| {
            std::str::from_utf8(h)
                .ok()
                .and_then(|h| u8::from_str_radix(h, 16).ok())
        });
        match (bytes.get(i), hex) {
            (Some(b'%'), Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (Some(&b), _) => {
                out.push(b);
                i += 1;
            }
            (None, _) => break,
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_display() {
        let t = Target::parse("smtp://mail.example.com").unwrap();
        assert_eq!((t.port, t.security), (25, Security::StartTls));
        assert_eq!(t.to_string(), "smtp://mail.example.com:25");
        let t = Target::parse("smtps://app%40shop@mail.example.com").unwrap();
        assert_eq!((t.port, t.security), (465, Security::Implicit));
        assert_eq!(t.username.as_deref(), Some("app@shop"));
        assert_eq!(t.to_string(), "smtps://mail.example.com:465");
        let t = Target::parse("smtp://[::1]:587").unwrap();
        assert_eq!(t.to_string(), "smtp://[::1]:587");
    }

    #[test]
    fn refuses_passwords_and_other_schemes() {
        let e = Target::parse("smtp://u:secret@mail.example.com:587").unwrap_err();
        assert!(
            e.contains("PRESEND_SMTP_PASSWORD") && !e.contains("secret"),
            "{e}"
        );
        assert!(Target::parse("http://mail.example.com").is_err());
    }
}
