use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that the message has a `To:` header field.
    ///
    /// ## Why is this bad
    /// RFC 5322 allows a message addressed only through `Cc:` or `Bcc:`, but filters treat a
    /// missing `To:` as a mark of bulk or hand-crafted mail: rspamd scores `MISSING_TO` (2.0) and
    /// `R_UNDISC_RCPT`, SpamAssassin `MISSING_HEADERS`. A template that forgot to set the
    /// recipient is also the commonest cause.
    ///
    /// ## Example
    /// ```text
    /// From: Example Shop <orders@shop.example.com>
    /// Bcc: alice@example.net
    /// Subject: Your order
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// To: Alice Example <alice@example.net>
    /// ```
    ///
    /// ## How to fix
    /// Address the recipient in `To:`; for a blind list use `To: undisclosed-recipients:;`.
    ///
    /// ## References
    /// - RFC 5322 §3.6.3
    /// - SpamAssassin `MISSING_HEADERS`; rspamd `MISSING_TO`, `R_UNDISC_RCPT`
    pub MissingTo {
        code: "PS103",
        name: "missing-to",
        group: Headers,
        level: Warn,
        smtp: "550 5.7.1",
        score: 2.0,
        summary: "message has no To header",
        fix: "add a `To:` header with the recipient (or `To: undisclosed-recipients:;`)",
    }
}

impl Rule for MissingTo {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        if ctx.field("To").is_some() {
            return;
        }
        let others: Vec<&str> = ["Cc", "Bcc"]
            .into_iter()
            .filter(|name| ctx.field(name).is_some())
            .collect();
        let message = if others.is_empty() {
            "message has no `To` header and no other recipient header".to_string()
        } else {
            format!(
                "message has no `To` header, only `{}`: use `To: undisclosed-recipients:;`",
                others.join("` and `")
            )
        };
        sink.report(0..0, message);
    }
}
