use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that the message has a `From:` header field with a value.
    ///
    /// ## Why is this bad
    /// RFC 5322 §3.6 requires exactly one `From:`; it is the author, the address DMARC aligns
    /// on and what the recipient sees. Without it Gmail answers `550 5.7.1` ("not RFC 5322
    /// compliant"), rspamd scores `MISSING_FROM` and `MISSING_ESSENTIAL_HEADERS`, SpamAssassin
    /// `MISSING_FROM`.
    ///
    /// ## Example
    /// ```text
    /// Date: Sun, 06 Dec 2026 09:00:00 +0000
    /// To: alice@example.net
    /// Subject: Your order
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// From: Example Shop <orders@shop.example.com>
    /// ```
    ///
    /// ## How to fix
    /// Set the sender on the message builder (lettre's `MessageBuilder::from`); use an address on
    /// the domain that signs the mail with DKIM.
    ///
    /// ## References
    /// - RFC 5322 §3.6, §3.6.2
    /// - SpamAssassin `MISSING_FROM`; rspamd `MISSING_FROM`, `MISSING_ESSENTIAL_HEADERS`
    /// - Gmail bulk sender guidelines (RFC 5322 format, `550 5.7.1`)
    pub MissingFrom {
        code: "PS102",
        name: "missing-from",
        group: Headers,
        level: Deny,
        smtp: "550 5.7.1",
        score: 3.0,
        summary: "message has no From header",
        fix: "add a `From:` header naming the sender, e.g. `From: Example Shop <orders@shop.example.com>`",
    }
}

impl Rule for MissingFrom {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        match ctx.field("From") {
            None => {
                sink.report(0..0, "message has no `From` header");
            }
            Some(field) if field.unfolded(ctx.bytes()).is_empty() => {
                sink.report(field.first_line(ctx.bytes()), "`From` header is empty");
            }
            Some(_) => {}
        }
    }
}
