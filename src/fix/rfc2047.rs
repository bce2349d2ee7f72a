//! The `non-ascii-header` fix: a raw UTF-8 header value re-encoded as RFC 2047 encoded-words
//! with mail-builder, for the fields where that is safe — unstructured text (`Subject`,
//! `Comments`) and the display names of address fields. Non-ASCII inside an address itself
//! needs SMTPUTF8 and is left alone, as are groups and any field that is not valid UTF-8.

use std::borrow::Cow;

use mail_builder::headers::Header;
use mail_builder::headers::address::Address;
use mail_builder::headers::text::Text;
use mail_parser::{HeaderValue, MessageParser};

/// Fields whose value is unstructured text (RFC 5322 §3.6.5).
const UNSTRUCTURED: &[&str] = &["subject", "comments"];
/// Fields whose value is an address list.
const ADDRESS_FIELDS: &[&str] = &["from", "sender", "reply-to", "to", "cc", "bcc"];

/// Re-encodes the raw non-ASCII header fields of `bytes`; `None` when none could be.
/// `newline` is the file's line ending, used for the folds of the encoded value.
pub fn encode_raw_headers(bytes: &[u8], newline: &[u8]) -> Option<Vec<u8>> {
    let header_end = memchr::memmem::find(bytes, b"\r\n\r\n")
        .map(|i| i + 2)
        .or_else(|| memchr::memmem::find(bytes, b"\n\n").map(|i| i + 1))
        .unwrap_or(bytes.len());
    let mut out = Vec::with_capacity(bytes.len() + 64);
    let mut changed = false;
    let mut start = 0;
    while start < header_end {
        let end = field_end(bytes, start, header_end);
        let field = bytes.get(start..end).unwrap_or_default();
        match field
            .iter()
            .any(|b| *b >= 0x80)
            .then(|| encode_field(field))
            .flatten()
        {
            Some(encoded) => {
                // mail-builder writes CRLF; the file keeps its own line ends.
                out.extend_from_slice(&super::normalize_newlines(&encoded, newline));
                changed = true;
            }
            None => out.extend_from_slice(field),
        }
        start = end;
    }
    out.extend_from_slice(bytes.get(start.min(bytes.len())..).unwrap_or_default());
    changed.then_some(out)
}

/// The end of the field starting at `start`: after its last continuation line.
fn field_end(bytes: &[u8], start: usize, limit: usize) -> usize {
    let mut end = start;
    loop {
        end = memchr::memchr(b'\n', bytes.get(end..limit).unwrap_or_default())
            .map_or(limit, |i| end + i + 1);
        if end >= limit || !matches!(bytes.get(end), Some(b' ' | b'\t')) {
            return end;
        }
    }
}

/// One field (name, colon, value, line ending) re-encoded, ending in CRLF.
fn encode_field(field: &[u8]) -> Option<Vec<u8>> {
    let text = std::str::from_utf8(field).ok()?;
    let (name, value) = text.split_once(':')?;
    let lower = name.trim().to_ascii_lowercase();
    let unfolded: String = value
        .replace("\r\n", "")
        .replace('\n', "")
        .trim()
        .to_string();
    let mut out = format!("{}: ", name.trim()).into_bytes();
    let column = out.len();
    if UNSTRUCTURED.contains(&lower.as_str()) {
        Text::new(unfolded).write_header(&mut out, column);
        return Some(out);
    }
    if !ADDRESS_FIELDS.contains(&lower.as_str()) {
        return None;
    }
    let raw = format!("{}: {unfolded}\r\n\r\n", name.trim());
    let parsed = MessageParser::default().parse_headers(raw.as_bytes())?;
    let value = parsed.header(name.trim())?;
    let list = match value {
        HeaderValue::Address(mail_parser::Address::List(list)) => list,
        _ => return None,
    };
    let mut items = Vec::with_capacity(list.len());
    for addr in list {
        let email = addr.address.as_deref()?;
        if !email.is_ascii() || !email.contains('@') {
            return None;
        }
        let display: Option<Cow<'_, str>> = addr.name.as_deref().map(|n| Cow::Owned(n.to_string()));
        items.push(Address::new_address(display, email.to_string()));
    }
    if items.is_empty() {
        return None;
    }
    let address = if items.len() == 1 {
        items.pop()?
    } else {
        Address::new_list(items)
    };
    address.write_header(&mut out, column);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn subject_and_display_name_are_encoded() {
        let message = "From: José Müller <jose@shop.example.com>\r\nTo: a@example.net\r\nSubject: Grüße aus Köln\r\n\r\nHallo\r\n";
        let fixed = encode_raw_headers(message.as_bytes(), b"\r\n").expect("fixed");
        assert!(fixed.is_ascii(), "{}", String::from_utf8_lossy(&fixed));
        let parsed = MessageParser::default().parse(&fixed).unwrap();
        assert_eq!(parsed.subject(), Some("Grüße aus Köln"));
        let from = parsed.from().unwrap().first().unwrap();
        assert_eq!(from.name(), Some("José Müller"));
        assert_eq!(from.address(), Some("jose@shop.example.com"));
        assert!(fixed.ends_with(b"\r\n\r\nHallo\r\n"));
        assert!(fixed.starts_with(b"From: "));
    }

    #[test]
    fn utf8_addresses_and_plain_headers_are_left_alone() {
        let message = "To: Jörg <jörg@example.de>\nSubject: plain\n\nbody ü\n";
        assert!(encode_raw_headers(message.as_bytes(), b"\n").is_none());
        let lf = "Subject: café\nTo: a@example.net\n\nbody\n";
        let fixed = encode_raw_headers(lf.as_bytes(), b"\n").unwrap();
        assert!(!fixed.contains(&b'\r'));
        assert!(fixed.ends_with(b"\nTo: a@example.net\n\nbody\n"));
    }
}
