use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that the message has a `Message-ID:` header field.
    ///
    /// ## Why is this bad
    /// Gmail rejects such mail outright: `550 5.7.1 Messages missing a valid Message-ID header
    /// are not accepted.` rspamd scores `MISSING_MID` (2.5), SpamAssassin `MISSING_MID`. Threads,
    /// bounces and deduplication all rely on it (RFC 5322 §3.6.4 says it SHOULD be present).
    ///
    /// ## Example
    /// ```text
    /// Date: Sun, 06 Dec 2026 09:00:00 +0000
    /// From: Example Shop <orders@shop.example.com>
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Message-ID: <order-1042.shipped@shop.example.com>
    /// ```
    ///
    /// ## How to fix
    /// Generate one per message: a unique left part (UUID, random) `@` your sending domain.
    /// lettre's `MessageBuilder` and mail-builder add one unless told otherwise.
    ///
    /// ## References
    /// - RFC 5322 §3.6.4
    /// - Gmail `550 5.7.1` (support.google.com/mail/answer/81126)
    /// - SpamAssassin `MISSING_MID`; rspamd `MISSING_MID`
    pub MissingMessageId {
        code: "PS104",
        name: "missing-message-id",
        group: Headers,
        level: Deny,
        smtp: "550 5.7.1",
        score: 2.5,
        summary: "message has no Message-ID header",
        fix: "add a Message-ID such as `<uuid@your-domain>`",
    }
}

impl Rule for MissingMessageId {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        if ctx.field("Message-ID").is_none() {
            sink.report(0..0, "message has no `Message-ID` header");
        }
    }
}
