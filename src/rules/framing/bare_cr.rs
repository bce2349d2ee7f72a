use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks for carriage returns not followed by a line feed, once per message, at the first
    /// such line, with the count.
    ///
    /// ## Why is this bad
    /// A lone CR is not a line ending in SMTP or RFC 5322 (§2.3: CR and LF "MUST only occur
    /// together as CRLF"). Receivers answer `554 5.6.0`, or treat it as a line break where the
    /// sender did not — the ambiguity SMTP smuggling exploits, so hardened MTAs reject it.
    /// Classic Mac OS line endings and `\r` left in template variables are the usual cause.
    ///
    /// ## Example
    /// ```text
    /// Hi Alice,\r
    /// your order shipped.\r\n
    /// ```
    ///
    /// Use instead: end every line with `\r\n`.
    ///
    /// ## How to fix
    /// Normalise line endings of every inserted value; strip `\r` from text before building the
    /// message.
    ///
    /// ## References
    /// - RFC 5322 §2.3; RFC 5321 §2.3.8
    /// - CVE-2023-51764 (SMTP smuggling); SpamAssassin `CR_IN_SUBJ` (sb)
    pub BareCr {
        code: "PS202",
        name: "bare-cr",
        group: Framing,
        level: Deny,
        smtp: "554 5.6.0",
        score: 3.0,
        summary: "carriage returns not followed by a line feed",
        fix: "remove stray `\\r` characters or turn them into CRLF",
    }
}

impl Rule for BareCr {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let scan = ctx.byte_scan();
        let Some(&first) = scan.bare_cr.first() else {
            return;
        };
        let count = scan.bare_cr.len();
        sink.report(
            ctx.line_at(first),
            format!(
                "{count} carriage return{} not followed by a line feed (first on line {})",
                if count == 1 { "" } else { "s" },
                ctx.source().position(first).line
            ),
        );
    }
}
