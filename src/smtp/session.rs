//! One SMTP client connection: plaintext or TLS, line-based replies with bounded size and
//! timeouts, and a transcript of what was said (credentials hidden).

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream, ToSocketAddrs};
use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

use rustls::pki_types::ServerName;

/// Longest reply line accepted (RFC 5321 §4.5.3.1.5 allows 512 octets; servers send more).
const MAX_LINE: usize = 4096;
/// Most lines in one multi-line reply.
const MAX_REPLY_LINES: usize = 200;

/// A server reply: its code, its lines' texts (after the code and separator) and where it
/// sits in the transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    /// The three-digit reply code.
    pub code: u16,
    /// Each line's text after `250-` / `250 `.
    pub lines: Vec<String>,
    /// The transcript span of each line.
    pub line_spans: Vec<Range<usize>>,
}

impl Reply {
    /// The transcript span of the whole reply.
    pub fn span(&self) -> Range<usize> {
        match (self.line_spans.first(), self.line_spans.last()) {
            (Some(first), Some(last)) => first.start..last.end,
            _ => 0..0,
        }
    }

    /// The reply as one line, `535 5.7.8 Authentication credentials invalid`.
    pub fn text(&self) -> String {
        format!("{} {}", self.code, self.lines.join(" ").trim())
    }

    /// Whether the code is 2xx.
    pub fn is_positive(&self) -> bool {
        (200..300).contains(&self.code)
    }
}

enum Stream {
    Plain(TcpStream),
    Tls(Box<rustls::StreamOwned<rustls::ClientConnection, TcpStream>>),
    /// Between a failed upgrade and the end of the session.
    Closed,
}

impl Read for Stream {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.read(buf),
            Stream::Tls(s) => s.read(buf),
            Stream::Closed => Ok(0),
        }
    }
}

impl Write for Stream {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        match self {
            Stream::Plain(s) => s.write(buf),
            Stream::Tls(s) => s.write(buf),
            Stream::Closed => Err(std::io::ErrorKind::NotConnected.into()),
        }
    }

    fn flush(&mut self) -> std::io::Result<()> {
        match self {
            Stream::Plain(s) => s.flush(),
            Stream::Tls(s) => s.flush(),
            Stream::Closed => Ok(()),
        }
    }
}

/// A connected SMTP client session that records a transcript.
pub struct Session {
    stream: Stream,
    buffer: Vec<u8>,
    transcript: Vec<u8>,
}

/// A TLS session's negotiated parameters, for the transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsInfo {
    /// `TLSv1_3` and so on.
    pub version: String,
    /// The cipher suite.
    pub cipher: String,
}

impl Session {
    /// Connects to `addr` (or resolves `host:port`) within `timeout`.
    pub fn connect(
        host: &str,
        port: u16,
        connect_to: Option<SocketAddr>,
        timeout: Duration,
    ) -> Result<Session, String> {
        let addrs: Vec<SocketAddr> = match connect_to {
            Some(addr) => vec![addr],
            None => (host, port)
                .to_socket_addrs()
                .map_err(|e| format!("cannot resolve {host}: {e}"))?
                .collect(),
        };
        let mut last = format!("cannot resolve {host}: no address");
        for addr in addrs {
            match TcpStream::connect_timeout(&addr, timeout) {
                Ok(stream) => {
                    stream
                        .set_read_timeout(Some(timeout))
                        .and_then(|_| stream.set_write_timeout(Some(timeout)))
                        .map_err(|e| e.to_string())?;
                    let _ = stream.set_nodelay(true);
                    return Ok(Session {
                        stream: Stream::Plain(stream),
                        buffer: Vec::new(),
                        transcript: Vec::new(),
                    });
                }
                Err(e) => last = format!("cannot connect to {addr}: {e}"),
            }
        }
        Err(last)
    }

    /// Takes the transcript, ending the session.
    pub fn into_transcript(self) -> Vec<u8> {
        self.transcript
    }

    /// Appends a note line (`-- …`) to the transcript and returns its span.
    pub fn note(&mut self, text: &str) -> Range<usize> {
        self.record("--", text)
    }

    fn record(&mut self, prefix: &str, text: &str) -> Range<usize> {
        let start = self.transcript.len();
        self.transcript.extend_from_slice(prefix.as_bytes());
        self.transcript.push(b' ');
        self.transcript.extend_from_slice(text.as_bytes());
        let end = self.transcript.len();
        self.transcript.push(b'\n');
        start..end
    }

    /// Sends one command line; `shown` is what the transcript records instead (for secrets).
    pub fn send(&mut self, command: &str, shown: Option<&str>) -> Result<(), String> {
        self.record("C:", shown.unwrap_or(command));
        let mut line = command.as_bytes().to_vec();
        line.extend_from_slice(b"\r\n");
        self.stream
            .write_all(&line)
            .and_then(|_| self.stream.flush())
            .map_err(|e| format!("sending {}: {e}", verb(shown.unwrap_or(command))))
    }

    /// Sends a command and reads its reply.
    pub fn command(&mut self, command: &str, shown: Option<&str>) -> Result<Reply, String> {
        self.send(command, shown)?;
        self.read_reply()
            .map_err(|e| format!("after {}: {e}", verb(shown.unwrap_or(command))))
    }

    /// Reads one (possibly multi-line) reply.
    pub fn read_reply(&mut self) -> Result<Reply, String> {
        let mut reply = Reply {
            code: 0,
            lines: Vec::new(),
            line_spans: Vec::new(),
        };
        loop {
            let raw = self.read_line()?;
            let text = String::from_utf8_lossy(&raw).into_owned();
            let span = self.record("S:", &text);
            let code = text
                .get(..3)
                .filter(|c| c.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|c| c.parse::<u16>().ok())
                .ok_or_else(|| {
                    format!("not an SMTP reply: `{}`", crate::rules::sample(&text, 80))
                })?;
            if reply.code != 0 && code != reply.code {
                return Err(format!(
                    "reply code changed from {} to {code} mid-reply",
                    reply.code
                ));
            }
            reply.code = code;
            let more = text.as_bytes().get(3) == Some(&b'-');
            reply.lines.push(text.get(4..).unwrap_or("").to_string());
            reply.line_spans.push(span);
            if !more {
                return Ok(reply);
            }
            if reply.lines.len() >= MAX_REPLY_LINES {
                return Err(format!("reply longer than {MAX_REPLY_LINES} lines"));
            }
        }
    }

    fn read_line(&mut self) -> Result<Vec<u8>, String> {
        loop {
            if let Some(at) = memchr::memchr(b'\n', &self.buffer) {
                let mut line: Vec<u8> = self.buffer.drain(..=at).collect();
                line.pop();
                if line.last() == Some(&b'\r') {
                    line.pop();
                }
                return Ok(line);
            }
            if self.buffer.len() > MAX_LINE {
                return Err(format!("reply line longer than {MAX_LINE} bytes"));
            }
            let mut chunk = [0u8; 4096];
            match self.stream.read(&mut chunk) {
                Ok(0) => return Err("the server closed the connection".into()),
                Ok(n) => self
                    .buffer
                    .extend_from_slice(chunk.get(..n).unwrap_or_default()),
                Err(e)
                    if matches!(
                        e.kind(),
                        std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
                    ) =>
                {
                    return Err("no reply before the timeout".into());
                }
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e.to_string()),
            }
        }
    }

    /// Whether the server sent bytes beyond the last reply (before a TLS upgrade this is the
    /// STARTTLS command-injection flaw, CVE-2011-0411).
    pub fn has_pending_input(&self) -> bool {
        !self.buffer.is_empty()
    }

    /// Wraps the connection in TLS and completes the handshake. On failure the session is
    /// unusable.
    pub fn upgrade(
        &mut self,
        config: Arc<rustls::ClientConfig>,
        server_name: &str,
    ) -> Result<TlsInfo, String> {
        let name = ServerName::try_from(server_name.to_string())
            .map_err(|e| format!("`{server_name}` is not a valid TLS server name: {e}"))?;
        let tcp = match std::mem::replace(&mut self.stream, Stream::Closed) {
            Stream::Plain(tcp) => tcp,
            other => {
                self.stream = other;
                return Err("the connection is already encrypted".into());
            }
        };
        self.buffer.clear();
        let connection = rustls::ClientConnection::new(config, name).map_err(|e| e.to_string())?;
        let mut tls = rustls::StreamOwned::new(connection, tcp);
        while tls.conn.is_handshaking() {
            if let Err(e) = tls.conn.complete_io(&mut tls.sock) {
                return Err(handshake_error(&e));
            }
        }
        let info = TlsInfo {
            version: tls
                .conn
                .protocol_version()
                .map_or("TLS".into(), |v| format!("{v:?}")),
            cipher: tls
                .conn
                .negotiated_cipher_suite()
                .map_or(String::new(), |c| format!("{:?}", c.suite())),
        };
        self.stream = Stream::Tls(Box::new(tls));
        Ok(info)
    }
}

/// The first word of a command, for error messages that must not quote arguments.
fn verb(command: &str) -> &str {
    command.split_whitespace().next().unwrap_or(command)
}

fn handshake_error(e: &std::io::Error) -> String {
    match e
        .get_ref()
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
    {
        Some(rustls::Error::InvalidCertificate(cert)) => {
            format!("the server's certificate is not valid: {cert:?}")
        }
        Some(other) => other.to_string(),
        None if matches!(
            e.kind(),
            std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
        ) =>
        {
            "the TLS handshake timed out".into()
        }
        None => e.to_string(),
    }
}
