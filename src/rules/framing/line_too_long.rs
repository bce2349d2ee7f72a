use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that no line is longer than 998 octets, not counting the CRLF; reports once per
    /// message, at the first long line, with the count and the longest length.
    ///
    /// ## Why is this bad
    /// RFC 5322 §2.1.1 sets 998 octets as a hard limit (RFC 5321 §4.5.3.1.6: 1000 with CRLF).
    /// Strict relays reject the message (`554 5.6.0`), others break the line at an arbitrary
    /// point — inside an HTML tag or a URL, which then no longer works. Minified HTML and
    /// generated one-line JSON bodies are the usual cause.
    ///
    /// ## Example
    /// A `text/html` part sent with `Content-Transfer-Encoding: 7bit` whose markup is one
    /// 40,000-character line.
    ///
    /// Use instead: `Content-Transfer-Encoding: quoted-printable` (or base64), which wraps lines.
    ///
    /// ## How to fix
    /// Encode long bodies with quoted-printable or base64 (lettre and mail-builder choose an
    /// encoding when asked to), or wrap the HTML source.
    ///
    /// ## References
    /// - RFC 5322 §2.1.1; RFC 5321 §4.5.3.1.6; RFC 2045 §2.8
    /// - dahlia/upyo#40, mikedilger/email-format#3 (real bounces)
    pub LineTooLong {
        code: "PS203",
        name: "line-too-long",
        group: Framing,
        level: Deny,
        smtp: "554 5.6.0",
        score: 2.0,
        summary: "lines longer than 998 octets",
        fix: "use quoted-printable or base64 transfer encoding, or wrap the lines",
    }
}

impl Rule for LineTooLong {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let long = &ctx.byte_scan().long_lines;
        let Some(&(start, len)) = long.first() else {
            return;
        };
        let longest = long.iter().map(|&(_, l)| l).max().unwrap_or(len);
        let count = long.len();
        let message = if count == 1 {
            format!("line is {len} octets long, over the 998-octet limit")
        } else {
            format!(
                "{count} lines are over the 998-octet limit (longest {longest} octets, first on line {})",
                ctx.source().position(start).line
            )
        };
        sink.report(start..start + len, message);
    }
}
