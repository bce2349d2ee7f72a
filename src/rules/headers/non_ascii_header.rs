// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that top-level header fields hold only ASCII: raw bytes 0x80–0xFF (UTF-8 or any
    /// 8-bit charset) must be RFC 2047 encoded (`=?UTF-8?B?…?=`).
    ///
    /// Raw UTF-8 headers are legal only with SMTPUTF8 (RFC 6532), which the receiving server
    /// must announce and the sending library must use; typical application mail does not.
    ///
    /// ## Why is this bad
    /// Gmail rejects messages with "a unicode character in a disallowed header"; rspamd scores
    /// `SUBJECT_NEEDS_ENCODING`, `FROM_NEEDS_ENCODING`, `TO_NEEDS_ENCODING`; SpamAssassin
    /// `SUBJ_ILLEGAL_CHARS`, `FROM_ILLEGAL_CHARS`, `HEAD_ILLEGAL_CHARS`. Relays without SMTPUTF8
    /// must reject or mangle the message.
    ///
    /// ## Example
    /// ```text
    /// Subject: Schöne Grüße
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Subject: =?UTF-8?Q?Sch=C3=B6ne_Gr=C3=BC=C3=9Fe?=
    /// ```
    ///
    /// ## How to fix
    /// Let the library encode headers (lettre and mail-builder do it for `Subject` and display
    /// names); never write non-ASCII text into a raw header by string formatting.
    ///
    /// ## References
    /// - RFC 5322 §2.2; RFC 2047; RFC 6532 (SMTPUTF8)
    /// - Gmail "unicode character in a disallowed header"; rspamd `SUBJECT_NEEDS_ENCODING`;
    ///   SpamAssassin `SUBJ_ILLEGAL_CHARS`, `HEAD_ILLEGAL_CHARS`
    pub NonAsciiHeader {
        code: "PS112",
        name: "non-ascii-header",
        group: Headers,
        level: Deny,
        smtp: "550 5.7.1",
        score: 2.0,
        summary: "a header holds raw non-ASCII bytes",
        fix: "encode non-ASCII header text with RFC 2047, e.g. `=?UTF-8?B?...?=`",
    }
}

impl Rule for NonAsciiHeader {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let bytes = ctx.bytes();
        let headers = ctx.headers();
        // Most header blocks are ASCII: one word-at-a-time pass over the block rules them out.
        if bytes.get(..headers.end).is_none_or(<[u8]>::is_ascii) {
            return;
        }
        for field in &headers.fields {
            if !bytes[field.span.clone()].is_ascii() {
                let value = field.unfolded(bytes);
                let sample: String = value.chars().take(40).collect();
                sink.report(
                    field.first_line(bytes),
                    format!(
                        "`{}` header contains raw non-ASCII bytes (`{sample}`): encode it with RFC 2047",
                        field.name(bytes)
                    ),
                );
            }
        }
    }
}
