use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that the message has a `Date:` header field.
    ///
    /// ## Why is this bad
    /// RFC 5322 §3.6 requires exactly one origination date. SpamAssassin scores a missing
    /// Date with `MISSING_DATE` (up to 2.7) and rspamd with `MISSING_DATE` (1.0); OpenDMARC's
    /// RequiredHeaders check rejects mail that has "not exactly one Date field" with
    /// `550 5.7.1`, and Gmail asks for RFC 5322 format.
    ///
    /// ## Example
    /// ```text
    /// From: Shop <orders@example.com>
    /// To: alice@example.net
    /// Subject: Your order
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Date: Sun, 06 Dec 2026 09:00:00 +0000
    /// From: Shop <orders@example.com>
    /// ```
    ///
    /// ## How to fix
    /// Add a `Date:` header with the time of sending (lettre's `MessageBuilder` adds one;
    /// `presend fix` can add it).
    ///
    /// ## References
    /// - RFC 5322 §3.6, §3.6.1
    /// - SpamAssassin `MISSING_DATE` (20_head_tests.cf); rspamd `MISSING_DATE` (rules/misc.lua)
    /// - OpenDMARC RequiredHeaders (`550 5.7.1`)
    pub MissingDate {
        code: "PS101",
        name: "missing-date",
        group: Headers,
        level: Deny,
        smtp: "550 5.7.1",
        score: 2.0,
        summary: "message has no Date header",
        fix: "add a `Date:` header with the time of sending, e.g. `Date: Sun, 06 Dec 2026 09:00:00 +0000`",
    }
}

impl Rule for MissingDate {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        if ctx.field("Date").is_none() {
            sink.report(0..0, "message has no `Date` header");
        }
    }
}
