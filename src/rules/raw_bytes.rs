//! Raw-byte helpers shared by framing rules.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

use std::ops::Range;

/// The first line of the header field `name` (case-insensitive) inside the header bytes
/// `range` of a part, as a span of the whole input.
pub fn header_line(bytes: &[u8], range: Range<usize>, name: &str) -> Option<Range<usize>> {
    let end = range.end.min(bytes.len());
    let mut pos = range.start.min(end);
    while pos < end {
        let next = memchr::memchr(b'\n', &bytes[pos..end]).map_or(end, |i| pos + i + 1);
        let line = &bytes[pos..next];
        let content = line.trim_ascii_end();
        if content.len() > name.len()
            && content[..name.len()].eq_ignore_ascii_case(name.as_bytes())
            && content[name.len()..].trim_ascii_start().starts_with(b":")
        {
            return Some(pos..pos + content.len());
        }
        pos = next;
    }
    None
}

/// Offset of the first byte ≥ 0x80 in `range`.
pub fn first_8bit(bytes: &[u8], range: Range<usize>) -> Option<usize> {
    let start = range.start.min(bytes.len());
    let end = range.end.clamp(start, bytes.len());
    let slice = &bytes[start..end];
    // `is_ascii` checks a word at a time; most parts are ASCII and need no position.
    if slice.is_ascii() {
        return None;
    }
    slice.iter().position(|&b| b >= 0x80).map(|i| start + i)
}

fn base64_value(b: u8) -> Option<u8> {
    match b {
        b'A'..=b'Z' => Some(b - b'A'),
        b'a'..=b'z' => Some(b - b'a' + 26),
        b'0'..=b'9' => Some(b - b'0' + 52),
        b'+' => Some(62),
        b'/' => Some(63),
        _ => None,
    }
}

/// Decodes base64 (whitespace ignored, stopping at padding or at the first invalid byte) and
/// tells whether any decoded byte is ≥ 0x80; reads at most `limit` input bytes.
pub fn base64_has_8bit(encoded: &[u8], limit: usize) -> bool {
    let mut acc: u32 = 0;
    let mut bits = 0;
    for &b in encoded.iter().take(limit) {
        if b.is_ascii_whitespace() {
            continue;
        }
        let Some(v) = base64_value(b) else {
            break;
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            if (acc >> bits) & 0xFF >= 0x80 {
                return true;
            }
        }
    }
    false
}

/// A problem in base64 content: an invalid byte (offset) or a length that is not a multiple of 4.
pub enum Base64Problem {
    /// Offset (into `encoded`) of a byte that is not base64.
    InvalidByte(usize),
    /// Significant characters are not a multiple of four: the data is truncated.
    BadLength(usize),
}

/// Byte classes for base64 validation: 0 alphabet, 1 whitespace, 2 padding, 3 invalid.
static BASE64_CLASS: [u8; 256] = {
    let mut table = [3u8; 256];
    let mut i = 0;
    while i < 256 {
        let b = i as u8;
        table[i] = if b.is_ascii_alphanumeric() || b == b'+' || b == b'/' {
            0
        } else if b == b' ' || b == b'\t' || b == b'\r' || b == b'\n' {
            1
        } else if b == b'=' {
            2
        } else {
            3
        };
        i += 1;
    }
    table
};

/// Validates base64 `encoded` (whitespace ignored, `=` padding only at the end).
pub fn check_base64(encoded: &[u8]) -> Option<Base64Problem> {
    // Fast path: everything before the first `=` is classified without branches (most bodies
    // are valid); only a bad byte or the short padded tail takes the exact loop.
    let pad_at = memchr::memchr(b'=', encoded).unwrap_or(encoded.len());
    let (data, tail) = encoded.split_at(pad_at);
    // Comparisons rather than a table lookup, in blocks of 255 with `u8` counters, so that
    // the compiler turns the loop into SIMD compares (a body can be megabytes).
    let mut count = 0usize;
    let mut bad = false;
    for block in data.chunks(255) {
        let mut white = 0u8;
        let mut invalid = false;
        for &b in block {
            let alphabet = (b.wrapping_sub(b'0') < 10)
                | ((b | 0x20).wrapping_sub(b'a') < 26)
                | (b == b'+')
                | (b == b'/');
            let space = (b == b' ') | (b == b'\t') | (b == b'\r') | (b == b'\n');
            white += u8::from(space);
            invalid |= !(alphabet | space);
        }
        bad |= invalid;
        count += block.len() - usize::from(white);
    }
    if bad {
        return check_base64_exact(encoded);
    }
    for (i, &b) in tail.iter().enumerate() {
        match BASE64_CLASS[b as usize] {
            1 => {}
            2 => count += 1,
            _ => return Some(Base64Problem::InvalidByte(pad_at + i)),
        }
    }
    (!count.is_multiple_of(4)).then_some(Base64Problem::BadLength(count))
}

/// Byte-by-byte validation that locates the first problem.
fn check_base64_exact(encoded: &[u8]) -> Option<Base64Problem> {
    let mut count = 0usize;
    let mut padding = false;
    for (i, &b) in encoded.iter().enumerate() {
        match BASE64_CLASS[b as usize] {
            0 if !padding => count += 1,
            1 => {}
            2 => {
                padding = true;
                count += 1;
            }
            _ => return Some(Base64Problem::InvalidByte(i)),
        }
    }
    (!count.is_multiple_of(4)).then_some(Base64Problem::BadLength(count))
}

/// Whether quoted-printable text encodes a byte ≥ 0x80 (`=80` … `=FF`).
pub fn qp_has_8bit(encoded: &[u8]) -> bool {
    // Only the bytes after each `=` are read.
    memchr::memchr_iter(b'=', encoded).any(|at| {
        encoded.get(at + 1..at + 3).is_some_and(|hex| {
            matches!(hex[0], b'8' | b'9' | b'A'..=b'F' | b'a'..=b'f') && hex[1].is_ascii_hexdigit()
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_helpers() {
        assert!(base64_has_8bit(b"w6k=", 100)); // "é"
        assert!(!base64_has_8bit(b"aGVsbG8=", 100)); // "hello"
        assert!(check_base64(b"aGVs\r\nbG8=\r\n").is_none());
        assert!(matches!(
            check_base64(b"aGVsbG8"),
            Some(Base64Problem::BadLength(7))
        ));
        assert!(matches!(
            check_base64(b"aGV*bG8="),
            Some(Base64Problem::InvalidByte(3))
        ));
        assert!(matches!(
            check_base64(b"aGV=bG8="),
            Some(Base64Problem::InvalidByte(4))
        ));
        assert!(check_base64(b"aGVsbA==\r\n").is_none());
        assert!(qp_has_8bit(b"caf=C3=A9"));
        assert!(!qp_has_8bit(b"a=3Db"));
        assert!(!qp_has_8bit(b"end=C"));
        assert!(qp_has_8bit(b"==C3"));
        assert!(!qp_has_8bit(b"soft=\r\nbreak=7E"));
    }

    #[test]
    fn finds_header_lines() {
        let bytes = b"Content-Type: text/plain\r\ncontent-transfer-encoding : 7bit\r\n\r\nbody";
        assert_eq!(
            header_line(bytes, 0..60, "Content-Transfer-Encoding"),
            Some(26..58)
        );
        assert_eq!(header_line(bytes, 0..60, "Subject"), None);
    }
}
