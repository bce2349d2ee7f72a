use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that every line ends in CRLF: it reports line feeds not preceded by a carriage
    /// return, once per message, at the first such line, with the count.
    ///
    /// A file stored with Unix newlines (every line LF) is fine when the input is declared
    /// stored (`--stored-newlines`, `input.newlines = "stored"`): the sender converts it. Mixed
    /// endings — some CRLF, some bare LF — are reported either way: a sender that passes bytes
    /// through unchanged sends them as they are.
    ///
    /// ## Why is this bad
    /// SMTP (RFC 5321 §2.3.8) and RFC 5322 §2.3 allow CR and LF only together. Microsoft answers
    /// `550 5.6.11 SMTPSEND.BareLinefeedsAreIllegal`, and since the 2023 SMTP-smuggling fixes
    /// Postfix, Exim and Sendmail reject or rewrite bare LF too.
    ///
    /// ## Example
    /// ```text
    /// Subject: Hello\r\n
    /// \r\n
    /// first line\n
    /// second line\r\n
    /// ```
    ///
    /// Use instead: end every line with `\r\n`.
    ///
    /// ## How to fix
    /// Normalise line endings when building the message (lettre does for string bodies; for raw
    /// bytes replace `\n` not preceded by `\r` with `\r\n`); `presend fix` can do it.
    ///
    /// ## References
    /// - RFC 5321 §2.3.8, §4.1.1.4; RFC 5322 §2.3
    /// - Microsoft `550 5.6.11`; CVE-2023-51764 (SMTP smuggling); lettre PR #588
    pub BareLf {
        code: "PS201",
        name: "bare-lf",
        group: Framing,
        level: Deny,
        smtp: "550 5.6.11",
        score: 3.0,
        summary: "lines end in a bare LF instead of CRLF",
        fix: "end every line with CRLF (`\\r\\n`)",
    }
}

impl Rule for BareLf {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let scan = ctx.byte_scan();
        let Some(first) = scan.first_bare_lf else {
            return;
        };
        if ctx.newlines_converted() {
            return;
        }
        let count = scan.bare_lf;
        let line = ctx.source().position(first).line;
        let message = if scan.crlf > 0 {
            format!(
                "mixed line endings: {count} line{} in a bare LF and {} in CRLF (first bare LF on line {line})",
                if count == 1 { " ends" } else { "s end" },
                scan.crlf
            )
        } else {
            format!(
                "{count} line{} in a bare LF, none in CRLF; SMTP requires CRLF",
                if count == 1 { " ends" } else { "s end" }
            )
        };
        sink.report(ctx.line_at(first), message);
    }
}
