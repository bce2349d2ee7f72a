use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that a message which uses MIME — a `Content-Type` or
    /// `Content-Transfer-Encoding` header, several parts, or 8-bit bytes — declares
    /// `MIME-Version: 1.0`. A plain ASCII message without MIME headers does not need it.
    ///
    /// ## Why is this bad
    /// Without `MIME-Version` a receiver may treat the message as RFC 822 plain text: a
    /// multipart message is then shown as raw boundaries and base64. rspamd scores
    /// `MISSING_MIME_VERSION` and `MIME_HEADER_CTYPE_ONLY` (2.0), SpamAssassin
    /// `MIME_HEADER_CTYPE_ONLY`.
    ///
    /// ## Example
    /// ```text
    /// Content-Type: text/html; charset=utf-8
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// MIME-Version: 1.0
    /// Content-Type: text/html; charset=utf-8
    /// ```
    ///
    /// ## How to fix
    /// Add `MIME-Version: 1.0` to the top-level header (lettre and mail-builder add it).
    ///
    /// ## References
    /// - RFC 2045 §4
    /// - rspamd `MISSING_MIME_VERSION`, `MIME_HEADER_CTYPE_ONLY`; SpamAssassin `MIME_HEADER_CTYPE_ONLY`
    pub MissingMimeVersion {
        code: "PS115",
        name: "missing-mime-version",
        group: Headers,
        level: Warn,
        smtp: "554 5.6.0",
        score: 2.0,
        summary: "a MIME message has no MIME-Version header",
        fix: "add `MIME-Version: 1.0` to the header",
    }
}

impl Rule for MissingMimeVersion {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        if ctx.field("MIME-Version").is_some() {
            return;
        }
        let reason = if let Some(field) = ctx
            .field("Content-Type")
            .or_else(|| ctx.field("Content-Transfer-Encoding"))
        {
            format!("it has a `{}` header", field.name(ctx.bytes()))
        } else if ctx.parts().len() > 1 {
            "it has several MIME parts".to_string()
        } else if !ctx.bytes().is_ascii() {
            "it contains 8-bit data".to_string()
        } else {
            return;
        };
        sink.report(
            0..0,
            format!("message has no `MIME-Version` header but {reason}"),
        );
    }
}
