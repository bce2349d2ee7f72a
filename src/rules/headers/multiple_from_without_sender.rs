use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that a `From:` listing more than one mailbox comes with a `Sender:` naming the one
    /// who actually sent it.
    ///
    /// ## Why is this bad
    /// RFC 5322 §3.6.2 requires `Sender:` when `From:` has several authors. Gmail rejects mail
    /// with multiple From addresses (`550 5.7.1`), DMARC cannot pick a domain to align on, and
    /// rspamd scores `MULTIPLE_FROM` (8.0).
    ///
    /// ## Example
    /// ```text
    /// From: alice@shop.example.com, bob@shop.example.com
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// From: Example Shop <orders@shop.example.com>
    /// Reply-To: alice@shop.example.com, bob@shop.example.com
    /// ```
    ///
    /// ## How to fix
    /// Put one address in `From:`; move the others to `Reply-To:` (or add `Sender:`, which
    /// Gmail still rejects).
    ///
    /// ## References
    /// - RFC 5322 §3.6.2
    /// - Gmail `550 5.7.1`; rspamd `MULTIPLE_FROM`; RFC 7489 §6.6.1 (DMARC and multiple authors)
    pub MultipleFromWithoutSender {
        code: "PS111",
        name: "multiple-from-without-sender",
        group: Headers,
        level: Deny,
        smtp: "550 5.7.1",
        score: 8.0,
        summary: "From lists several mailboxes and there is no Sender",
        fix: "keep one address in `From:` and move the others to `Reply-To:`",
    }
}

impl Rule for MultipleFromWithoutSender {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(from) = ctx.field("From") else {
            return;
        };
        if ctx.field("Sender").is_some() {
            return;
        }
        let bytes = ctx.bytes();
        if let Some(Ok(mailboxes)) = ctx.address_list(from).map(|parsed| &parsed.list)
            && mailboxes.len() > 1
        {
            sink.report(
                from.first_line(bytes),
                format!(
                    "`From` lists {} mailboxes ({}) and there is no `Sender` header",
                    mailboxes.len(),
                    mailboxes
                        .iter()
                        .map(|m| m.addr_spec.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            );
        }
    }
}
