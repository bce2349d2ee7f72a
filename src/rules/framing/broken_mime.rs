// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
use crate::context::{CheckContext, PartInfo};
use crate::declare_rule;
use crate::rules::raw_bytes::{Base64Problem, check_base64, header_line};
use crate::rules::{Rule, Sink};

/// Transfer encodings RFC 2045 §6.1 defines (`x-` tokens are private extensions).
const KNOWN_ENCODINGS: &[&str] = &["7bit", "8bit", "binary", "quoted-printable", "base64"];

declare_rule! {
    /// ## What it does
    /// Checks the MIME structure: a `multipart/*` part without a `boundary` parameter, a
    /// boundary that never appears in the body or is never closed (`--boundary--`), a
    /// `Content-Type` without a subtype, an unknown `Content-Transfer-Encoding`, and base64
    /// content with invalid characters or a truncated length. One finding per problem.
    ///
    /// ## Why is this bad
    /// Receivers answer `554 5.6.0` to malformed MIME, and where they accept it, parsers
    /// disagree on where parts start and end — attachments vanish, or text shows as base64.
    /// rspamd scores `BROKEN_CONTENT_TYPE` (1.5) and `MIME_BASE64_TEXT_BOGUS`; Python's email
    /// package reports `NoBoundaryInMultipartDefect`, `StartBoundaryNotFoundDefect`,
    /// `CloseBoundaryNotFoundDefect` and `InvalidBase64CharactersDefect`.
    ///
    /// ## Example
    /// ```text
    /// Content-Type: multipart/alternative
    ///
    /// --b1
    /// Content-Type: text/plain
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Content-Type: multipart/alternative; boundary="b1"
    /// …
    /// --b1--
    /// ```
    ///
    /// ## How to fix
    /// Build multipart messages with a library (lettre's `MultiPart`, mail-builder) instead of
    /// concatenating strings; check that a truncated attachment is not being sent.
    ///
    /// ## References
    /// - RFC 2045 §5, §6; RFC 2046 §5.1.1
    /// - rspamd `BROKEN_CONTENT_TYPE`, `MIME_BASE64_TEXT_BOGUS`; Python `email.errors` defects
    pub BrokenMime {
        code: "PS207",
        name: "broken-mime",
        group: Framing,
        level: Deny,
        smtp: "554 5.6.0",
        score: 2.0,
        summary: "broken MIME structure or encoding",
        fix: "build the MIME structure with a library; declare and close every boundary",
    }
}

/// What a multipart body's delimiter lines show, from its start on.
#[derive(Debug, PartialEq, Eq)]
enum Delimiters {
    /// No `--boundary` line at all.
    None,
    /// Delimiter lines, but no closing `--boundary--` one.
    Unclosed,
    /// A closing delimiter line.
    Closed,
}

/// Looks for `--boundary` delimiter lines (at a line start) from `from` on, stopping at the
/// first closing one: what follows it (a nested part's close is followed by its parent's
/// attachments) does not change the answer.
fn delimiters(bytes: &[u8], from: usize, boundary: &str) -> Delimiters {
    let mut needle = Vec::with_capacity(boundary.len() + 2);
    needle.extend_from_slice(b"--");
    needle.extend_from_slice(boundary.as_bytes());
    let from = from.min(bytes.len());
    let mut found = Delimiters::None;
    for at in memchr::memmem::find_iter(&bytes[from..], &needle).map(|i| from + i) {
        if at != 0 && bytes[at - 1] != b'\n' {
            continue;
        }
        if is_closing(bytes, at, boundary) {
            return Delimiters::Closed;
        }
        found = Delimiters::Unclosed;
    }
    found
}

fn is_closing(bytes: &[u8], at: usize, boundary: &str) -> bool {
    let end = at + 2 + boundary.len();
    bytes.get(end..end + 2) == Some(b"--")
}

impl Rule for BrokenMime {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let bytes = ctx.bytes();
        for part in ctx.parts() {
            let headers = part.header_start..part.body.start;
            let ct_line = || {
                header_line(bytes, headers.clone(), "Content-Type")
                    .unwrap_or_else(|| ctx.line_at(part.header_start))
            };
            if part.has_content_type && part.content_type.ends_with('/') {
                sink.report(
                    ct_line(),
                    format!(
                        "Content-Type `{}` has no subtype",
                        part.content_type.trim_end_matches('/')
                    ),
                );
            }
            if part.content_type.starts_with("multipart/") {
                check_multipart(ctx, part, sink, ct_line());
            }
            if let Some(te) = part.transfer_encoding.as_deref()
                && !te.is_empty()
                && !KNOWN_ENCODINGS.contains(&te)
                && !te.starts_with("x-")
            {
                let span = header_line(bytes, headers.clone(), "Content-Transfer-Encoding")
                    .unwrap_or_else(ct_line);
                sink.report(span, format!("unknown Content-Transfer-Encoding `{te}`"));
            }
            if !part.is_multipart && part.transfer_encoding.as_deref() == Some("base64") {
                let start = part.body.start.min(bytes.len());
                let body = &bytes[start..part.body.end.clamp(start, bytes.len())];
                match check_base64(body) {
                    Some(Base64Problem::InvalidByte(i)) => {
                        let byte = body[i];
                        sink.report(
                            ctx.line_at(start + i),
                            format!(
                                "`{}` part is declared base64 but holds `{}` (0x{byte:02X}), which is not base64",
                                part.content_type,
                                if byte.is_ascii_graphic() { (byte as char).to_string() } else { "?".into() }
                            ),
                        );
                    }
                    Some(Base64Problem::BadLength(n)) => {
                        sink.report(
                            ct_line(),
                            format!(
                                "`{}` part's base64 has {n} characters, not a multiple of 4: the content is truncated",
                                part.content_type
                            ),
                        );
                    }
                    None => {}
                }
            }
        }
    }
}

fn check_multipart(
    ctx: &CheckContext<'_>,
    part: &PartInfo,
    sink: &mut Sink<'_>,
    span: std::ops::Range<usize>,
) {
    let bytes = ctx.bytes();
    let Some(boundary) = part.boundary.as_deref().filter(|b| !b.is_empty()) else {
        sink.report(
            span,
            format!(
                "`{}` has no `boundary` parameter, so its parts cannot be found",
                part.content_type
            ),
        );
        return;
    };
    let found = delimiters(bytes, part.body.start, boundary);
    if found == Delimiters::None {
        sink.report(
            span,
            format!(
                "boundary `{boundary}` of `{}` never appears in the body",
                part.content_type
            ),
        );
    } else if found == Delimiters::Unclosed {
        sink.report(
            span,
            format!(
                "`{}` is never closed: no `--{boundary}--` line",
                part.content_type
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delimiter_lines_decide_closed_unclosed_or_absent() {
        let body = b"preamble\r\n--b\r\n\r\none\r\n--b\r\n\r\ntwo\r\n--b--\r\n";
        assert_eq!(delimiters(body, 0, "b"), Delimiters::Closed);
        assert_eq!(delimiters(body, 0, "c"), Delimiters::None);
        let open = b"--b\r\n\r\none\r\n--b\r\n\r\ntwo\r\n";
        assert_eq!(delimiters(open, 0, "b"), Delimiters::Unclosed);
        // Not at a line start, so not a delimiter line.
        assert_eq!(delimiters(b"x--b--\r\n", 0, "b"), Delimiters::None);
        // The search starts at `from`: a closing line before it does not count.
        assert_eq!(
            delimiters(b"--b--\r\n--b\r\n", 7, "b"),
            Delimiters::Unclosed
        );
    }
}
