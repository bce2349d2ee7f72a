// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks the structure of the top-level header block: every line is a field (`Name: value`,
    /// the name printable ASCII without spaces) or a folded continuation of the previous field
    /// (starting with a space or tab). It reports a line that is neither — typically a missing
    /// blank line between headers and body, or a header split by a stray newline — a
    /// continuation line before the first field, and whitespace between a field name and its
    /// colon (obsolete syntax that RFC 5322 §4.5 forbids generating).
    ///
    /// ## Why is this bad
    /// Receivers answer `554 5.6.0` to mail that is not RFC 5322 compliant; rspamd scores
    /// `BROKEN_HEADERS` (10.0), SpamAssassin `MISSING_HB_SEP`. Parsers disagree on where such a
    /// header block ends, so headers after the bad line may be silently treated as body.
    ///
    /// ## Example
    /// ```text
    /// Subject: Your order
    /// has shipped
    /// Message-ID: <1042@shop.example.com>
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Subject: Your order
    ///  has shipped
    /// Message-ID: <1042@shop.example.com>
    /// ```
    ///
    /// ## How to fix
    /// Strip CR and LF from values before putting them into headers (header injection starts
    /// the same way), fold long values with a leading space, and end the header block with one
    /// empty line.
    ///
    /// ## References
    /// - RFC 5322 §2.2, §2.2.3, §3.6.8, §4.5
    /// - rspamd `BROKEN_HEADERS`; SpamAssassin `MISSING_HB_SEP`
    pub MalformedHeader {
        code: "PS113",
        name: "malformed-header",
        group: Headers,
        level: Deny,
        smtp: "554 5.6.0",
        score: 5.0,
        summary: "the header block has a line that is not a header field",
        fix: "fold continuation lines with a leading space and separate headers from the body with an empty line",
    }
}

impl Rule for MalformedHeader {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let bytes = ctx.bytes();
        let headers = ctx.headers();
        if let Some(line) = &headers.leading_continuation {
            sink.report(
                line.clone(),
                "the header block starts with a continuation line (leading whitespace) before any field",
            );
        }
        for field in &headers.fields {
            if field.value.start > field.name.end + 1 {
                sink.report(
                    field.first_line(bytes),
                    format!(
                        "whitespace between the field name `{}` and its colon (obsolete syntax)",
                        field.name(bytes)
                    ),
                );
            }
        }
        if let Some(line) = &headers.malformed_line {
            let text = String::from_utf8_lossy(&bytes[line.clone()]);
            let sample: String = text.chars().take(40).collect();
            let message = if bytes[line.clone()].starts_with(b":") {
                format!("header line `{sample}` has an empty field name")
            } else {
                format!(
                    "line `{sample}` in the header block is neither a field nor a continuation (a missing empty line before the body, or an unfolded line break?)"
                )
            };
            sink.report(line.clone(), message);
        }
    }
}
