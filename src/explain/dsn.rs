//! Extracting failures from a bounce: the RFC 3464 `message/delivery-status` part when there
//! is one, else the SMTP replies in the human-readable text (Postfix, Exim, Sendmail, qmail,
//! Exchange… all quote the remote server's reply), else a bare reply line.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
// expect: the patterns are constants, compiled on first use by every test run.
#![allow(clippy::expect_used)]

use std::sync::LazyLock;

use mail_parser::{MessageParser, MimeHeaders, PartType};
use regex::Regex;

use super::Reason;

/// One failure as found, before classification.
#[derive(Debug, Clone, Default)]
pub struct Failure {
    pub recipient: Option<String>,
    pub action: Option<String>,
    pub reply: Option<u16>,
    pub status: Option<String>,
    pub diagnostic: String,
    pub remote_host: Option<String>,
    /// A reason the format itself states (an ARF feedback report, an auto-reply).
    pub forced_reason: Option<Reason>,
}

/// The failures of a bounce and the returned original, if any.
#[derive(Debug, Default)]
pub struct Parsed {
    pub failures: Vec<Failure>,
    pub original: Option<Vec<u8>>,
}

/// `554 5.7.1 text` or `554-5.7.1 text` or `554 text`.
static REPLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)\b([45][0-5][0-9])[ -]((?:[245])\.[0-9]{1,3}\.[0-9]{1,3})?[ ]?(.*)$")
        .expect("valid regex")
});
/// A reply code anywhere, `550:` included.
static BARE_CODE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([45][0-5][0-9])\b").expect("valid regex"));
/// A bare enhanced status code, `5.1.1`.
static STATUS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b([245]\.[0-9]{1,3}\.[0-9]{1,3})\b").expect("valid regex"));
/// An address in angle brackets or bare.
static ADDRESS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"<?([A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)>?")
        .expect("valid regex")
});
/// `host mx.example.com[192.0.2.1] said:` (Postfix), `host mx.example.com [192.0.2.1]` (Exim).
static REMOTE_HOST: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bhost\s+([A-Za-z0-9.-]+\.[A-Za-z]{2,})\s*\[").expect("valid regex")
});

/// Finds the failures in `bytes`.
pub fn parse(bytes: &[u8]) -> Parsed {
    let looks_like_message = bytes.split(|b| *b == b'\n').next().is_some_and(|first| {
        let first = String::from_utf8_lossy(first);
        first.starts_with("From ")
            || first.split_once(':').is_some_and(|(name, _)| {
                !name.is_empty()
                    && !name.contains(' ')
                    && !name.starts_with(|c: char| c.is_ascii_digit())
            })
    });
    if !looks_like_message {
        return Parsed {
            failures: from_text(&String::from_utf8_lossy(bytes), None),
            original: None,
        };
    }
    let Some(message) = MessageParser::default().parse(bytes) else {
        return Parsed::default();
    };
    let mut parsed = Parsed::default();
    let mut texts = Vec::new();
    for part in message.parts.iter() {
        let content_type = part
            .content_type()
            .map(|ct| {
                format!(
                    "{}/{}",
                    ct.ctype().to_ascii_lowercase(),
                    ct.subtype().unwrap_or_default().to_ascii_lowercase()
                )
            })
            .unwrap_or_default();
        let raw = bytes
            .get(part.offset_body as usize..part.offset_end as usize)
            .unwrap_or_default();
        match content_type.as_str() {
            "message/delivery-status" | "message/global-delivery-status" => {
                let body = match &part.body {
                    PartType::Text(t) => t.as_bytes().to_vec(),
                    PartType::Binary(b) | PartType::InlineBinary(b) => b.to_vec(),
                    _ => raw.to_vec(),
                };
                parsed
                    .failures
                    .extend(from_delivery_status(&String::from_utf8_lossy(&body)));
            }
            "message/feedback-report" => parsed.failures.push(Failure {
                diagnostic: String::from_utf8_lossy(raw)
                    .lines()
                    .next()
                    .unwrap_or_default()
                    .to_string(),
                forced_reason: Some(Reason::Feedback),
                ..Failure::default()
            }),
            "message/rfc822"
            | "message/global"
            | "text/rfc822-headers"
            | "message/rfc822-headers"
                if parsed.original.is_none() =>
            {
                parsed.original = Some(raw.to_vec());
            }
            _ => {
                if let PartType::Text(text) = &part.body {
                    texts.push(text.to_string());
                }
            }
        }
    }
    if parsed.failures.is_empty() {
        let recipient = message
            .header("X-Failed-Recipients")
            .and_then(|h| h.as_text())
            .map(|t| t.split(',').next().unwrap_or(t).trim().to_string());
        let auto_reply = message
            .header("Auto-Submitted")
            .and_then(|h| h.as_text())
            .is_some_and(|t| t.starts_with("auto-replied"));
        for text in &texts {
            parsed.failures = from_text(text, recipient.clone());
            if !parsed.failures.is_empty() {
                break;
            }
        }
        if parsed.failures.is_empty() && auto_reply {
            parsed.failures.push(Failure {
                diagnostic: message.subject().unwrap_or_default().to_string(),
                forced_reason: Some(Reason::Vacation),
                ..Failure::default()
            });
        }
    }
    parsed
}

/// The per-recipient blocks of an RFC 3464 `message/delivery-status` body.
fn from_delivery_status(text: &str) -> Vec<Failure> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut blocks: Vec<Vec<(String, String)>> = vec![Vec::new()];
    for line in text.lines() {
        if line.trim().is_empty() {
            blocks.push(Vec::new());
        } else if line.starts_with([' ', '\t']) {
            if let Some(block) = blocks.last_mut()
                && let Some((_, value)) = block.last_mut()
            {
                value.push(' ');
                value.push_str(line.trim());
            }
        } else if let Some((name, value)) = line.split_once(':')
            && let Some(block) = blocks.last_mut()
        {
            block.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
        }
    }
    let reporting_mta = blocks
        .first()
        .and_then(|b| field(b, "reporting-mta"))
        .map(strip_type);
    blocks
        .iter()
        .filter(|b| {
            field(b, "final-recipient").is_some() || field(b, "original-recipient").is_some()
        })
        .map(|b| {
            let diagnostic = field(b, "diagnostic-code")
                .map(strip_type)
                .unwrap_or_default();
            let reply = REPLY
                .captures(&diagnostic)
                .and_then(|c| c.get(1))
                .and_then(|m| m.as_str().parse().ok());
            let status = field(b, "status")
                .and_then(|s| STATUS.find(s).map(|m| m.as_str().to_string()))
                .or_else(|| STATUS.find(&diagnostic).map(|m| m.as_str().to_string()));
            Failure {
                recipient: field(b, "final-recipient")
                    .or_else(|| field(b, "original-recipient"))
                    .map(strip_type)
                    .map(|r| r.trim_matches(['<', '>']).to_string()),
                action: field(b, "action").map(|a| a.to_ascii_lowercase()),
                reply,
                status,
                diagnostic,
                remote_host: field(b, "remote-mta")
                    .map(strip_type)
                    .or_else(|| reporting_mta.clone()),
                forced_reason: None,
            }
        })
        .collect()
}

fn field<'b>(block: &'b [(String, String)], name: &str) -> Option<&'b str> {
    block
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// `rfc822; a@b` → `a@b`, `dns; mx.example.com` → `mx.example.com`.
fn strip_type(value: &str) -> String {
    match value.split_once(';') {
        Some((kind, rest)) if !kind.contains(' ') && kind.len() < 12 => rest.trim().to_string(),
        _ => value.trim().to_string(),
    }
}

/// Failures from human-readable bounce text or a pasted log line: the first permanent (else
/// temporary) SMTP reply, with continuation lines joined.
fn from_text(text: &str, recipient: Option<String>) -> Vec<Failure> {
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut best: Option<(usize, Failure)> = None;
    for caps in REPLY.captures_iter(&text) {
        let (Some(whole), Some(code)) = (caps.get(0), caps.get(1)) else {
            continue;
        };
        let reply: u16 = code.as_str().parse().unwrap_or(0);
        // Join the following lines of the same reply (`550-5.1.1 …` continuations, indented
        // wrapped lines).
        let mut diagnostic = whole.as_str().trim().to_string();
        let rest = text.get(whole.end()..).unwrap_or_default();
        for line in rest.lines().skip(1).take(8) {
            let trimmed = line.trim();
            if trimmed.is_empty() {
                break;
            }
            let continues = trimmed.starts_with(code.as_str()) || line.starts_with([' ', '\t']);
            if !continues {
                break;
            }
            diagnostic.push(' ');
            diagnostic.push_str(trimmed);
        }
        let status = caps
            .get(2)
            .map(|m| m.as_str().to_string())
            .or_else(|| STATUS.find(&diagnostic).map(|m| m.as_str().to_string()));
        let before = text.get(..whole.start()).unwrap_or_default();
        let context_start = before.len().saturating_sub(400);
        let context = before.get(context_start..).unwrap_or(before);
        let found_recipient = recipient.clone().or_else(|| {
            ADDRESS
                .captures_iter(&diagnostic)
                .chain(ADDRESS.captures_iter(context))
                .filter_map(|c| c.get(1).map(|m| m.as_str().to_string()))
                .find(|a| {
                    !a.to_ascii_lowercase().starts_with("mailer-daemon")
                        && !a.to_ascii_lowercase().starts_with("postmaster")
                })
        });
        let remote_host = REMOTE_HOST
            .captures(context)
            .or_else(|| REMOTE_HOST.captures(&diagnostic))
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string());
        let rank = if reply >= 500 { 0 } else { 1 };
        let failure = Failure {
            recipient: found_recipient,
            action: None,
            reply: Some(reply),
            status,
            diagnostic,
            remote_host,
            forced_reason: None,
        };
        if best.as_ref().is_none_or(|(r, _)| rank < *r) {
            best = Some((rank, failure));
            if rank == 0 {
                break;
            }
        }
    }
    match best {
        Some((_, f)) => vec![f],
        None => {
            let exim = exim_failed_addresses(&text, recipient.clone());
            if exim.is_empty() {
                address_then_reason(&text, recipient)
            } else {
                exim
            }
        }
    }
}

/// qmail, Yahoo and many others without a DSN: a line holding only the address
/// (`<a@b.example>:`), then the reason on the lines below it, up to a blank line or the
/// `--- Below this line is a copy of the message.` marker.
fn address_then_reason(text: &str, recipient: Option<String>) -> Vec<Failure> {
    static ADDRESS_LINE: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"^\s*<([^<>\s]+@[^<>\s]+)>:?\s*$").expect("valid regex"));
    let mut lines = text.lines();
    while let Some(line) = lines.next() {
        let Some(address) = ADDRESS_LINE.captures(line).and_then(|c| c.get(1)) else {
            continue;
        };
        let reason: Vec<&str> = lines
            .by_ref()
            .take_while(|l| !l.trim().is_empty() && !l.starts_with("---"))
            .map(str::trim)
            .collect();
        if reason.is_empty() {
            continue;
        }
        let diagnostic = reason.join(" ");
        let reply = BARE_CODE
            .captures(&diagnostic)
            .and_then(|c| c.get(1))
            .and_then(|m| m.as_str().parse().ok());
        return vec![Failure {
            recipient: recipient.or_else(|| Some(address.as_str().to_string())),
            reply,
            status: STATUS.find(&diagnostic).map(|m| m.as_str().to_string()),
            diagnostic,
            ..Failure::default()
        }];
    }
    Vec::new()
}

/// Exim's text without a quoted reply: `The following address(es) failed:` then the address
/// and, indented below it, the reason (`retry timeout exceeded`, `Unrouteable address`).
fn exim_failed_addresses(text: &str, recipient: Option<String>) -> Vec<Failure> {
    let Some(at) = text.find("address(es) failed:") else {
        return Vec::new();
    };
    let mut lines = text
        .get(at..)
        .unwrap_or_default()
        .lines()
        .skip(1)
        .skip_while(|l| l.trim().is_empty());
    let Some(address) = lines.next().map(str::trim) else {
        return Vec::new();
    };
    let diagnostic: Vec<&str> = lines
        .take_while(|l| l.starts_with([' ', '\t']) && !l.trim().is_empty())
        .map(str::trim)
        .collect();
    let diagnostic = diagnostic.join(" ");
    let status = STATUS.find(&diagnostic).map(|m| m.as_str().to_string());
    let reply = REPLY
        .captures(&diagnostic)
        .and_then(|c| c.get(1))
        .and_then(|m| m.as_str().parse().ok());
    vec![Failure {
        recipient: recipient.or_else(|| {
            ADDRESS
                .captures(address)
                .and_then(|c| c.get(1))
                .map(|m| m.as_str().to_string())
        }),
        reply,
        status,
        diagnostic,
        ..Failure::default()
    }]
}
