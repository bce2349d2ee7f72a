use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// When the message is bulk mail — `Precedence: bulk` or `list`, a `List-Id` header, or
    /// `[lint.bulk] mode = "always"` — and has no `List-Unsubscribe` header, reports it.
    /// `mode = "never"` turns bulk detection off (transactional-only senders).
    ///
    /// ## Why is this bad
    /// Since February 2024 Gmail and Yahoo require bulk senders (over 5,000 messages a day) to
    /// offer one-click unsubscribe in headers; mail without it is rejected or sent to spam, and
    /// a body link alone does not count.
    ///
    /// ## Example
    /// ```text
    /// Precedence: bulk
    /// List-Id: <news.shop.example.com>
    /// ```
    ///
    /// ## How to fix
    /// Add both headers:
    ///
    /// ```text
    /// List-Unsubscribe: <https://shop.example.com/unsubscribe?u=123>, <mailto:unsub@shop.example.com>
    /// List-Unsubscribe-Post: List-Unsubscribe=One-Click
    /// ```
    ///
    /// ## References
    /// - RFC 2369, RFC 8058; Gmail email sender guidelines (answer 81126); Yahoo sender requirements
    pub MissingListUnsubscribe {
        code: "PS601",
        name: "missing-list-unsubscribe",
        group: Bulk,
        level: Deny,
        smtp: "550 5.7.1",
        score: 3.0,
        summary: "bulk mail has no List-Unsubscribe header",
        fix: "add List-Unsubscribe and List-Unsubscribe-Post (RFC 8058)",
    }
}

impl Rule for MissingListUnsubscribe {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        if super::is_bulk(ctx) && ctx.field("List-Unsubscribe").is_none() {
            let span = ["List-Id", "Precedence"]
                .iter()
                .find_map(|n| ctx.field(n))
                .map(|f| f.first_line(ctx.bytes()))
                .unwrap_or_else(|| ctx.line_at(0));
            sink.report(span, "bulk mail without a List-Unsubscribe header");
        }
    }
}
