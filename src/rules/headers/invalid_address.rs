use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::addresses::ADDRESS_FIELDS;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that From, Sender, Reply-To, To, Cc and Bcc hold valid RFC 5322 address lists:
    /// every mailbox is `local@domain` or `Name <local@domain>`, quotes, comments and angle
    /// brackets are balanced, display names with specials (`,` `@` `:` …) are quoted, and the
    /// domain is a plausible public name (at least one dot, labels of 1–63 letters, digits or
    /// hyphens, no leading or trailing hyphen) or a `[literal]`.
    ///
    /// ## Why is this bad
    /// Gmail answers `553 5.1.3` for a recipient that is not a valid address; an invalid `From:`
    /// makes DMARC alignment impossible and is scored by rspamd (`FROM_INVALID`,
    /// `REPLYTO_INVALID`) and SpamAssassin (`FROM_NO_USER`, `FROM_UNBAL1`, `FROM_UNBAL2`).
    /// `To: Smith, John <john@example.com>` is two broken mailboxes, not one.
    ///
    /// ## Example
    /// ```text
    /// To: Smith, John <john@example.com>
    /// From: orders@shop
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// To: "Smith, John" <john@example.com>
    /// From: orders@shop.example.com
    /// ```
    ///
    /// ## How to fix
    /// Build addresses with a library (lettre's `Mailbox`, mail-builder's `Address`) that quotes
    /// display names; validate user-entered addresses before sending.
    ///
    /// ## References
    /// - RFC 5322 §3.4, §3.4.1; RFC 5321 §4.1.2
    /// - Gmail `553 5.1.3`; rspamd `FROM_INVALID`, `REPLYTO_INVALID`; SpamAssassin `FROM_NO_USER`,
    ///   `FROM_UNBAL1`
    pub InvalidAddress {
        code: "PS110",
        name: "invalid-address",
        group: Headers,
        level: Deny,
        smtp: "553 5.1.3",
        score: 2.0,
        summary: "an address header does not hold valid addresses",
        fix: "write each address as `local@domain` or `\"Display Name\" <local@domain>`",
    }
}

impl Rule for InvalidAddress {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let bytes = ctx.bytes();
        for name in ADDRESS_FIELDS {
            for field in ctx.fields(name) {
                let Some(parsed) = ctx.address_list(field) else {
                    continue;
                };
                let problem = if parsed.empty {
                    if field.is(bytes, "From") {
                        continue; // missing-from reports an empty From
                    }
                    Some("it is empty")
                } else {
                    parsed.list.as_ref().err().map(String::as_str)
                };
                if let Some(problem) = problem {
                    sink.report(
                        field.first_line(bytes),
                        format!(
                            "`{}` header is not a valid address list: {problem}",
                            field.name(bytes)
                        ),
                    );
                }
            }
        }
    }
}
