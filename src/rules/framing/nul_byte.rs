use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks for NUL (0x00) bytes anywhere in the message; reports once, at the first.
    ///
    /// ## Why is this bad
    /// RFC 5322 §2.3 and RFC 2045 §2.7 forbid NUL outside `binary` transfers, which SMTP
    /// without BINARYMIME cannot carry. Many MTAs reject the message (`554 5.6.0`), others
    /// truncate it at the NUL — a C string ending in the middle of your mail. It usually means
    /// binary data (an attachment, UTF-16 text) was inserted without encoding.
    ///
    /// ## Example
    /// A `text/plain` body holding UTF-16 text: `H\0e\0l\0l\0o\0`.
    ///
    /// Use instead: UTF-8 text, or base64 for binary content.
    ///
    /// ## How to fix
    /// Encode binary content with base64 (attachments), convert text to UTF-8, and strip NUL
    /// from inserted values.
    ///
    /// ## References
    /// - RFC 5322 §2.3; RFC 2045 §2.7, §2.8; RFC 3030 (BINARYMIME)
    pub NulByte {
        code: "PS204",
        name: "nul-byte",
        group: Framing,
        level: Deny,
        smtp: "554 5.6.0",
        score: 3.0,
        summary: "NUL bytes in the message",
        fix: "remove NUL bytes; send binary data base64-encoded",
    }
}

impl Rule for NulByte {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let nul = &ctx.byte_scan().nul;
        let Some(&first) = nul.first() else {
            return;
        };
        let count = nul.len();
        sink.report(
            first..first + 1,
            format!(
                "{count} NUL byte{} (first on line {})",
                if count == 1 { "" } else { "s" },
                ctx.source().position(first).line
            ),
        );
    }
}
