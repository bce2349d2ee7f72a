//! Byte-level facts about a whole input (line endings, long lines, NUL), gathered without a
//! line index: line feeds are counted, not collected, and long lines are found by jumping.

// Indexing: every offset comes from memchr/memrchr over the slice it indexes, or is bounded by
// its length; tests below and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

/// The longest line content SMTP allows, in octets, line end excluded (RFC 5321 §4.5.3.1.6).
const MAX_LINE: usize = 998;

/// Byte-level facts about the whole input.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ByteScan {
    /// Lines ending in CRLF.
    pub crlf: usize,
    /// Number of LFs not preceded by CR.
    pub bare_lf: usize,
    /// Offset of the first LF not preceded by CR.
    pub first_bare_lf: Option<usize>,
    /// Offsets of CRs not followed by LF.
    pub bare_cr: Vec<usize>,
    /// Offsets of NUL bytes.
    pub nul: Vec<usize>,
    /// (start, length without line end) of every line longer than 998 octets.
    pub long_lines: Vec<(usize, usize)>,
}

impl ByteScan {
    /// Scans `bytes`.
    pub fn scan(bytes: &[u8]) -> ByteScan {
        let mut scan = ByteScan::default();
        // CRs and NULs in one pass; a stored LF file has neither, so this finds nothing.
        for at in memchr::memchr2_iter(b'\r', 0, bytes) {
            if bytes[at] == 0 {
                scan.nul.push(at);
            } else if bytes.get(at + 1) == Some(&b'\n') {
                scan.crlf += 1;
            } else {
                scan.bare_cr.push(at);
            }
        }
        // memchr's count is vectorised: no per-line work.
        let lf = memchr::memchr_iter(b'\n', bytes).count();
        scan.bare_lf = lf - scan.crlf;
        if scan.bare_lf > 0 {
            scan.first_bare_lf =
                memchr::memchr_iter(b'\n', bytes).find(|&at| at == 0 || bytes[at - 1] != b'\r');
        }
        scan.long_lines = long_lines(bytes);
        scan
    }
}

/// (start, length without line end) of every line longer than [`MAX_LINE`] octets.
///
/// From a line start `s`, the last LF in the next `MAX_LINE + 1` bytes ends every line that
/// starts before it, and each of those is at most `MAX_LINE` long; so the scan jumps past it.
/// Only when that window holds no LF is the line at `s` measured.
fn long_lines(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut long = Vec::new();
    let mut start = 0;
    while start < bytes.len() {
        let window = &bytes[start..bytes.len().min(start + MAX_LINE + 1)];
        if let Some(last) = memchr::memrchr(b'\n', window) {
            start += last + 1;
            continue;
        }
        let lf =
            memchr::memchr(b'\n', &bytes[start + window.len()..]).map(|i| start + window.len() + i);
        let end = lf.unwrap_or(bytes.len());
        let content_end = match lf {
            Some(at) if bytes[at - 1] == b'\r' => at - 1,
            _ => end,
        };
        if content_end - start > MAX_LINE {
            long.push((start, content_end - start));
        }
        start = end + 1;
    }
    long
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain per-line scan the jumping one must agree with.
    fn naive(bytes: &[u8]) -> ByteScan {
        let mut scan = ByteScan::default();
        let mut line_start = 0;
        for (at, &b) in bytes.iter().enumerate() {
            match b {
                0 => scan.nul.push(at),
                b'\r' if bytes.get(at + 1) != Some(&b'\n') => scan.bare_cr.push(at),
                b'\n' => {
                    let content_end = if at > 0 && bytes[at - 1] == b'\r' {
                        scan.crlf += 1;
                        at - 1
                    } else {
                        scan.bare_lf += 1;
                        scan.first_bare_lf.get_or_insert(at);
                        at
                    };
                    if content_end - line_start > MAX_LINE {
                        scan.long_lines.push((line_start, content_end - line_start));
                    }
                    line_start = at + 1;
                }
                _ => {}
            }
        }
        if bytes.len() - line_start > MAX_LINE {
            scan.long_lines.push((line_start, bytes.len() - line_start));
        }
        scan
    }

    #[test]
    fn agrees_with_a_per_line_scan() {
        // Lines around the limit, in both line endings, with stray CRs and NULs.
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || crate::test_rng::xorshift64(&mut seed);
        for _ in 0..300 {
            let mut bytes = Vec::new();
            for _ in 0..(next() % 12) {
                let len = match next() % 4 {
                    0 => 996 + (next() % 6) as usize,
                    1 => (next() % 3000) as usize,
                    _ => (next() % 80) as usize,
                };
                for _ in 0..len {
                    bytes.push(match next() % 500 {
                        0 => 0,
                        1 => b'\r',
                        _ => b'x',
                    });
                }
                match next() % 3 {
                    0 => bytes.extend_from_slice(b"\r\n"),
                    1 => bytes.push(b'\n'),
                    _ if next() % 2 == 0 => bytes.push(b'\n'),
                    _ => {}
                }
            }
            assert_eq!(ByteScan::scan(&bytes), naive(&bytes), "{bytes:?}");
        }
    }

    #[test]
    fn limit_is_998_octets_without_the_line_end() {
        let line = |n: usize, end: &str| format!("{}{end}", "a".repeat(n)).into_bytes();
        assert!(ByteScan::scan(&line(998, "\r\n")).long_lines.is_empty());
        assert!(ByteScan::scan(&line(998, "\n")).long_lines.is_empty());
        assert_eq!(ByteScan::scan(&line(999, "\r\n")).long_lines, [(0, 999)]);
        assert_eq!(ByteScan::scan(&line(999, "\n")).long_lines, [(0, 999)]);
        assert_eq!(ByteScan::scan(&line(1500, "")).long_lines, [(0, 1500)]);
        let mut two = line(10, "\n");
        two.extend(line(2000, "\r\n"));
        assert_eq!(ByteScan::scan(&two).long_lines, [(11, 2000)]);
    }

    #[test]
    fn counts_line_ends() {
        let scan = ByteScan::scan(b"a\r\nb\nc\rd\n\0");
        assert_eq!(scan.crlf, 1);
        assert_eq!(scan.bare_lf, 2);
        assert_eq!(scan.first_bare_lf, Some(4));
        assert_eq!(scan.bare_cr, [6]);
        assert_eq!(scan.nul, [9]);
    }
}
