//! Safe fixes (`presend fix`): changes that cannot alter what the message says, made only
//! where a rule reports the problem, leaving every other byte as it was.
//!
//! - `bare-lf` / `bare-cr`: every line ending becomes CRLF (or LF for stored files, the
//!   convention `--stored-newlines` declares);
//! - `missing-date`: a `Date:` header with the time of fixing;
//! - `missing-message-id`: a `Message-ID: <uuid@from-domain>` header.

use crate::{Linter, Settings};

/// What a fix run may assume.
#[derive(Debug, Clone, Copy, Default)]
pub struct FixOptions {
    /// The file is stored with LF line ends that the sender converts (fix towards LF).
    pub stored_newlines: bool,
    /// The time for an added Date header, Unix seconds (`None`: now).
    pub now: Option<i64>,
}

/// A fixed message and the names of the rules whose findings were fixed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The new bytes (identical to the input when nothing was fixed).
    pub bytes: Vec<u8>,
    /// Rule names fixed, in the order applied.
    pub applied: Vec<&'static str>,
}

const FIXABLE: &[&str] = &["bare-lf", "bare-cr", "missing-date", "missing-message-id"];

/// Applies the safe fixes to `bytes`.
pub fn fix(bytes: &[u8], options: FixOptions) -> Fixed {
    let mut settings = Settings {
        select: Some(FIXABLE.iter().map(|s| s.to_string()).collect()),
        ..Settings::default()
    };
    if options.stored_newlines {
        settings.input.newlines = crate::settings::Newlines::Stored;
    }
    let report = Linter::new(settings).check(bytes);
    let fires = |name: &str| report.diagnostics.iter().any(|d| d.name == name);
    let mut out = bytes.to_vec();
    let mut applied = Vec::new();
    let newline: &[u8] = if options.stored_newlines {
        b"\n"
    } else {
        b"\r\n"
    };
    for name in ["bare-lf", "bare-cr"] {
        if fires(name) {
            out = normalize_newlines(&out, newline);
            applied.push(name);
        }
    }
    let from_domain = mail_parser::MessageParser::default()
        .parse_headers(&out)
        .as_ref()
        .and_then(|m| m.from())
        .and_then(|from| from.first())
        .and_then(|a| a.address())
        .and_then(|a| a.rsplit_once('@').map(|(_, d)| d.trim().to_string()))
        .filter(|d| !d.is_empty());
    if fires("missing-date") {
        let now = options.now.unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map_or(0, |d| d.as_secs() as i64)
        });
        let date = mail_builder::headers::date::Date::new(now).to_rfc822();
        out = prepend_header(&out, &format!("Date: {date}"), line_ending(&out, newline));
        applied.push("missing-date");
    }
    if fires("missing-message-id")
        && let Some(domain) = from_domain
    {
        let id = format!("Message-ID: <{}@{domain}>", uuid::Uuid::new_v4());
        out = prepend_header(&out, &id, line_ending(&out, newline));
        applied.push("missing-message-id");
    }
    Fixed {
        bytes: out,
        applied,
    }
}

/// The line ending the (possibly already fixed) bytes use, `preferred` when unclear.
fn line_ending<'a>(bytes: &[u8], preferred: &'a [u8]) -> &'a [u8] {
    match memchr::memchr(b'\n', bytes) {
        Some(i) if i > 0 && bytes[i - 1] == b'\r' => b"\r\n",
        Some(_) => b"\n",
        None => preferred,
    }
}

fn prepend_header(bytes: &[u8], header: &str, newline: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + header.len() + 2);
    out.extend_from_slice(header.as_bytes());
    out.extend_from_slice(newline);
    out.extend_from_slice(bytes);
    out
}

/// Every CRLF, bare LF and bare CR becomes `newline`.
fn normalize_newlines(bytes: &[u8], newline: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len() + bytes.len() / 40);
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'\r' => {
                out.extend_from_slice(newline);
                i += if bytes.get(i + 1) == Some(&b'\n') {
                    2
                } else {
                    1
                };
            }
            b'\n' => {
                out.extend_from_slice(newline);
                i += 1;
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines() {
        assert_eq!(
            normalize_newlines(b"a\nb\r\nc\rd", b"\r\n"),
            b"a\r\nb\r\nc\r\nd"
        );
        assert_eq!(normalize_newlines(b"a\r\nb", b"\n"), b"a\nb");
    }
}
