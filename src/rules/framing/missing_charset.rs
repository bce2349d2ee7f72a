// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::raw_bytes::{base64_has_8bit, first_8bit, header_line, qp_has_8bit};
use crate::rules::{Rule, Sink};

/// How much encoded base64 is decoded to look for non-ASCII text.
const BASE64_SNIFF: usize = 64 * 1024;

declare_rule! {
    /// ## What it does
    /// Checks that a `text/*` part whose content is not plain ASCII — raw 8-bit bytes, or
    /// bytes ≥ 0x80 once quoted-printable or base64 is decoded — names its `charset` in
    /// `Content-Type`. ASCII text without a charset is fine (RFC 2045 defaults it to US-ASCII).
    ///
    /// ## Why is this bad
    /// Without a charset the receiver guesses: UTF-8 shown as Latin-1 mojibake ("GrÃ¼ÃŸe") or
    /// the reverse. rspamd scores `R_MISSING_CHARSET` (0.5), SpamAssassin
    /// `PP_MIME_FAKE_ASCII_TEXT`; filters also cannot read the text to score it.
    ///
    /// ## Example
    /// ```text
    /// Content-Type: text/plain
    /// Content-Transfer-Encoding: 8bit
    ///
    /// Schöne Grüße
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Content-Type: text/plain; charset=utf-8
    /// ```
    ///
    /// ## How to fix
    /// Always send `charset=utf-8` with text parts (lettre's `ContentType::TEXT_PLAIN` does).
    ///
    /// ## References
    /// - RFC 2045 §5.2; RFC 2046 §4.1.2
    /// - rspamd `R_MISSING_CHARSET`; SpamAssassin `PP_MIME_FAKE_ASCII_TEXT`
    pub MissingCharset {
        code: "PS206",
        name: "missing-charset",
        group: Framing,
        level: Warn,
        smtp: "550 5.7.1",
        score: 0.5,
        summary: "non-ASCII text part without a charset",
        fix: "add `charset=utf-8` to the part's Content-Type",
    }
}

impl Rule for MissingCharset {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let bytes = ctx.bytes();
        for part in ctx.parts() {
            if part.is_multipart
                || !part.content_type.starts_with("text/")
                || part.charset.is_some()
            {
                continue;
            }
            let start = part.body.start.min(bytes.len());
            let body = &bytes[start..part.body.end.clamp(start, bytes.len())];
            let non_ascii = match part.transfer_encoding.as_deref() {
                Some("base64") => base64_has_8bit(body, BASE64_SNIFF),
                Some("quoted-printable") => qp_has_8bit(body),
                _ => first_8bit(bytes, part.body.clone()).is_some(),
            };
            if !non_ascii {
                continue;
            }
            let span = header_line(bytes, part.header_start..part.body.start, "Content-Type")
                .unwrap_or_else(|| ctx.line_at(part.body.start));
            let how = if part.has_content_type {
                "its Content-Type has no `charset` parameter"
            } else {
                "it has no Content-Type (so US-ASCII)"
            };
            sink.report(
                span,
                format!(
                    "`{}` part holds non-ASCII text but {how}",
                    part.content_type
                ),
            );
        }
    }
}
