use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Checks that the message does not start with an mbox `From ` separator line
    /// (`From sender@example.com Sun Dec  6 09:00:00 2026`).
    ///
    /// ## Why is this bad
    /// That line belongs to the mbox storage format, not to the message. Sent as is, it is the
    /// first header line and it is not a header field: receivers answer `554 5.6.0` or treat
    /// the whole header as body. It appears when a message is copied out of an mbox file or a
    /// local spool.
    ///
    /// ## Example
    /// ```text
    /// From orders@shop.example.com Sun Dec  6 09:00:00 2026
    /// Date: Sun, 06 Dec 2026 09:00:00 +0000
    /// ```
    ///
    /// Use instead: start with the first header field (`Date:` …).
    ///
    /// ## How to fix
    /// Strip the first line when extracting messages from mbox files (and unescape `>From `
    /// lines in the body).
    ///
    /// ## References
    /// - RFC 4155 (the mbox format); RFC 5322 §2.2
    /// - SpamAssassin `MISSING_HB_SEP` / rspamd `BROKEN_HEADERS` (what receivers see)
    pub MboxFromLine {
        code: "PS208",
        name: "mbox-from-line",
        group: Framing,
        level: Deny,
        smtp: "554 5.6.0",
        score: 3.0,
        summary: "the message starts with an mbox `From ` line",
        fix: "remove the leading `From ` separator line",
    }
}

impl Rule for MboxFromLine {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        if let Some(line) = &ctx.headers().mbox_from_line {
            sink.report(
                line.clone(),
                "the message starts with an mbox `From ` separator, which is not a header field",
            );
        }
    }
}
