//! A minimal ClamAV daemon client: `zINSTREAM` over TCP or a unix socket, with a timeout.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

/// Bytes sent per INSTREAM chunk.
const CHUNK: usize = 64 * 1024;

/// What clamd answered for one stream.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// No signature matched.
    Clean,
    /// A signature matched; its name.
    Found(String),
}

/// Scans `data` with the clamd at `address` (`host:port`, or a unix socket path starting with
/// `/` or `unix:`). Errors say what failed and where.
pub fn scan(address: &str, timeout: Duration, data: &[u8]) -> Result<Verdict, String> {
    let reply = if let Some(path) = unix_path(address) {
        #[cfg(unix)]
        {
            let stream = std::os::unix::net::UnixStream::connect(path)
                .map_err(|e| format!("cannot connect to clamd at {address}: {e}"))?;
            stream.set_read_timeout(Some(timeout)).ok();
            stream.set_write_timeout(Some(timeout)).ok();
            exchange(stream, data)
        }
        #[cfg(not(unix))]
        {
            let _ = path;
            Err("unix sockets are not supported on this platform".to_string())
        }
    } else {
        let addr = address
            .to_socket_addrs()
            .map_err(|e| format!("bad clamd address `{address}`: {e}"))?
            .next()
            .ok_or_else(|| format!("clamd address `{address}` resolves to nothing"))?;
        let stream = TcpStream::connect_timeout(&addr, timeout)
            .map_err(|e| format!("cannot connect to clamd at {address}: {e}"))?;
        stream.set_read_timeout(Some(timeout)).ok();
        stream.set_write_timeout(Some(timeout)).ok();
        exchange(stream, data)
    }
    .map_err(|e| format!("clamd at {address}: {e}"))?;
    parse_reply(&reply)
}

fn unix_path(address: &str) -> Option<&str> {
    address
        .strip_prefix("unix:")
        .or_else(|| address.starts_with('/').then_some(address))
}

fn exchange(mut stream: impl Read + Write, data: &[u8]) -> Result<String, String> {
    // clamd answers and hangs up early when a limit (StreamMaxLength) is hit, so a failed
    // write is only an error when no answer can be read after it.
    let sent = send(&mut stream, data);
    let reply = read_reply(&mut stream);
    match (sent, reply) {
        (_, Ok(reply)) if !reply.is_empty() => Ok(reply),
        (Err(e), _) => Err(e.to_string()),
        (Ok(()), reply) => reply.map_err(|e| e.to_string()),
    }
}

fn send(stream: &mut impl Write, data: &[u8]) -> std::io::Result<()> {
    stream.write_all(b"zINSTREAM\0")?;
    for chunk in data.chunks(CHUNK) {
        stream.write_all(&(chunk.len() as u32).to_be_bytes())?;
        stream.write_all(chunk)?;
    }
    stream.write_all(&0u32.to_be_bytes())?;
    stream.flush()
}

fn read_reply(stream: &mut impl Read) -> std::io::Result<String> {
    let mut reply = Vec::new();
    let mut buf = [0u8; 512];
    loop {
        let n = stream.read(&mut buf)?;
        if n == 0 {
            break;
        }
        reply.extend_from_slice(&buf[..n]);
        if reply.contains(&0) || reply.len() > 4096 {
            break;
        }
    }
    let end = memchr::memchr(0, &reply).unwrap_or(reply.len());
    Ok(String::from_utf8_lossy(&reply[..end]).trim().to_string())
}

/// Parses `stream: OK`, `stream: <signature> FOUND` or an error reply.
fn parse_reply(reply: &str) -> Result<Verdict, String> {
    let body = reply.strip_prefix("stream:").unwrap_or(reply).trim();
    if body == "OK" {
        Ok(Verdict::Clean)
    } else if let Some(signature) = body.strip_suffix("FOUND") {
        Ok(Verdict::Found(signature.trim().to_string()))
    } else if body.is_empty() {
        Err("clamd closed the connection without an answer".to_string())
    } else {
        Err(format!("clamd answered `{body}`"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replies_are_parsed() {
        assert_eq!(parse_reply("stream: OK"), Ok(Verdict::Clean));
        assert_eq!(
            parse_reply("stream: Eicar-Signature FOUND"),
            Ok(Verdict::Found("Eicar-Signature".into()))
        );
        assert!(parse_reply("INSTREAM size limit exceeded. ERROR").is_err());
    }

    #[test]
    fn unreachable_daemon_is_an_error() {
        let err = scan("127.0.0.1:1", Duration::from_millis(500), b"x").unwrap_err();
        assert!(err.contains("127.0.0.1:1"), "{err}");
    }
}
