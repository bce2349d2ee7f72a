use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that the message has a non-empty `Subject:` header field.
    ///
    /// ## Why is this bad
    /// A subject is optional in RFC 5322, but mail without one is typical of spam and of
    /// broken templates: rspamd scores `MISSING_SUBJECT` (2.0) and `EMPTY_SUBJECT` (1.0),
    /// SpamAssassin `MISSING_SUBJECT`. Recipients also ignore it.
    ///
    /// ## Example
    /// ```text
    /// Subject:
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// Subject: Your order 1042 has shipped
    /// ```
    ///
    /// ## How to fix
    /// Give every message a subject that says what it is about; check that the template
    /// variable it comes from is set.
    ///
    /// ## References
    /// - RFC 5322 §3.6.5
    /// - SpamAssassin `MISSING_SUBJECT`; rspamd `MISSING_SUBJECT`, `EMPTY_SUBJECT`
    pub MissingSubject {
        code: "PS105",
        name: "missing-subject",
        group: Headers,
        level: Warn,
        smtp: "550 5.7.1",
        score: 2.0,
        summary: "message has no Subject or an empty one",
        fix: "add a `Subject:` that says what the message is about",
    }
}

impl Rule for MissingSubject {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        match ctx.field("Subject") {
            None => {
                sink.report(0..0, "message has no `Subject` header");
            }
            Some(field) if field.unfolded(ctx.bytes()).is_empty() => {
                sink.report(field.first_line(ctx.bytes()), "`Subject` header is empty");
            }
            Some(_) => {}
        }
    }
}
