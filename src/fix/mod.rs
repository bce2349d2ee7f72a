//! Safe fixes (`presend fix`): changes that cannot alter what the message says, made only
//! where a rule reports the problem, leaving every other byte as it was.
//!
//! - `bare-lf` / `bare-cr`: every line ending becomes CRLF (or LF for stored files, the
//!   convention `--stored-newlines` declares);
//! - `missing-date`: a `Date:` header with the time of fixing;
//! - `missing-message-id`: a `Message-ID: <uuid@from-domain>` header;
//! - `line-too-long` in the header block: a header line over 998 octets is folded at
//!   whitespace (RFC 5322 §2.2.3), which does not change the field's value. Long body lines
//!   need re-encoding and are not touched;
//! - `non-ascii-header`: a raw UTF-8 Subject or display name re-encoded as RFC 2047
//!   encoded-words (see [`rfc2047`]).

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

mod rfc2047;

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

const FIXABLE: &[&str] = &[
    "bare-lf",
    "bare-cr",
    "missing-date",
    "missing-message-id",
    "line-too-long",
    "non-ascii-header",
];

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
    if fires("non-ascii-header")
        && let Some(encoded) = rfc2047::encode_raw_headers(&out, line_ending(&out, newline))
    {
        out = encoded;
        applied.push("non-ascii-header");
    }
    if fires("line-too-long")
        && let Some(folded) = fold_header_lines(&out, line_ending(&out, newline))
    {
        out = folded;
        applied.push("line-too-long");
    }
    Fixed {
        bytes: out,
        applied,
    }
}

/// Header lines longer than this are folded (RFC 5322 recommends 78, requires 998).
const FOLD_AT: usize = 78;

/// Folds header lines over 998 octets at whitespace, into lines of about [`FOLD_AT`];
/// `None` when no header line needed it (or none could be folded).
fn fold_header_lines(bytes: &[u8], newline: &[u8]) -> Option<Vec<u8>> {
    let header_end = memchr::memmem::find(bytes, b"\r\n\r\n")
        .or_else(|| memchr::memmem::find(bytes, b"\n\n"))
        .unwrap_or(bytes.len());
    let mut out = Vec::with_capacity(bytes.len() + 64);
    let mut changed = false;
    let mut start = 0;
    while start < header_end {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |i| start + i + 1);
        let line = &bytes[start..end];
        let content_len = line.len()
            - line
                .iter()
                .rev()
                .take_while(|b| matches!(b, b'\r' | b'\n'))
                .count();
        if content_len > 998 {
            let content = &line[..content_len];
            let mut last = 0;
            let mut written = 0;
            for (i, &b) in content.iter().enumerate() {
                if (b == b' ' || b == b'\t') && i > 0 && i - last >= FOLD_AT {
                    out.extend_from_slice(&content[written..i]);
                    out.extend_from_slice(newline);
                    written = i;
                    last = i;
                    changed = true;
                }
            }
            out.extend_from_slice(&content[written..]);
            out.extend_from_slice(&line[content_len..]);
        } else {
            out.extend_from_slice(line);
        }
        start = end;
    }
    out.extend_from_slice(&bytes[start.min(bytes.len())..]);
    changed.then_some(out)
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
pub(crate) fn normalize_newlines(bytes: &[u8], newline: &[u8]) -> Vec<u8> {
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
    fn folds_long_header_lines_only() {
        let to: Vec<String> = (0..80).map(|i| format!("user{i}@example.net")).collect();
        let message = format!(
            "To: {}\r\nSubject: x\r\n\r\n{}\r\n",
            to.join(", "),
            "b".repeat(1200)
        );
        let folded = fold_header_lines(message.as_bytes(), b"\r\n").expect("folded");
        let text = String::from_utf8(folded).unwrap();
        let (head, body) = text.split_once("\r\n\r\n").unwrap();
        assert!(head.lines().all(|l| l.len() <= 998), "{head}");
        assert!(
            head.lines().skip(1).take(3).all(|l| l.starts_with(' ')),
            "{head}"
        );
        assert_eq!(
            head.replace("\r\n ", " "),
            format!("To: {}\r\nSubject: x", to.join(", "))
        );
        assert_eq!(body.len(), 1202, "the body is not touched");
        assert!(fold_header_lines(b"To: a@b.c\r\n\r\nbody", b"\r\n").is_none());
    }

    #[test]
    fn newlines() {
        assert_eq!(
            normalize_newlines(b"a\nb\r\nc\rd", b"\r\n"),
            b"a\r\nb\r\nc\r\nd"
        );
        assert_eq!(normalize_newlines(b"a\r\nb", b"\n"), b"a\nb");
    }
}
