use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Reports what presend did not inspect: MIME parts past `[limits] max-parts`, nested
    /// messages deeper than `[limits] max-nesting`, and archives whose directory cannot be
    /// read. A limit that is hit is never silent (an archive listed only up to its entry
    /// limit is `archive-with-blocked-content`'s possible-zip-bomb finding).
    ///
    /// ## Why is this bad
    /// What presend cannot open, a receiving virus scanner often cannot either, and gateways
    /// refuse content they cannot scan: ClamAV reports `Heuristics.Limits.Exceeded` and
    /// `Heuristics.Broken.Executable`, Exchange Online and Gmail reject unscannable or
    /// corrupt archives (`554 5.7.1`). Structures this large or deep are also how scanners
    /// are attacked, so they score as suspicious.
    ///
    /// ## Example
    /// ```text
    /// multipart/mixed with 10,000 parts; message/rfc822 nested 1,000 deep;
    /// a zip whose end record claims 65,535 entries it does not have
    /// ```
    ///
    /// ## How to fix
    /// Send fewer, flatter parts (one archive instead of thousands of attachments, a link for
    /// bulk files), and regenerate archives that do not open. Raise `[limits]` only if such
    /// mail is intended.
    ///
    /// ## References
    /// - ClamAV `MaxFiles`/`MaxRecursion` limits (`Heuristics.Limits.Exceeded`); rspamd
    ///   `MIME_ARCHIVE_IN_ARCHIVE`; SpamAssassin `body_part_scan_size`
    pub NotFullyInspected {
        code: "PS311",
        name: "not-fully-inspected",
        group: Attachments,
        level: Warn,
        smtp: "554 5.7.1",
        score: 1.0,
        summary: "part of the message was not inspected: a limit was reached or an archive is unreadable",
        fix: "send fewer or flatter parts, or repair the archive; raise [limits] only if intended",
    }
}

impl Rule for NotFullyInspected {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(message) = ctx.message() else { return };
        let max_parts = ctx.settings().limits.max_parts;
        if message.parts.len() > max_parts {
            sink.report(
                ctx.line_at(0),
                format!(
                    "the message has {} MIME parts; only the first {max_parts} were inspected ([limits] max-parts)",
                    message.parts.len()
                ),
            );
        } else if ctx.attachments_cut() {
            sink.report(
                ctx.line_at(0),
                format!(
                    "the message and the messages nested in it have more than {max_parts} MIME parts; the rest were not inspected ([limits] max-parts)"
                ),
            );
        }
        let max_nesting = ctx.settings().options.attachments.max_depth;
        for attachment in ctx.attachments() {
            if attachment.nesting_cut {
                sink.report(
                    attachment.span.clone(),
                    format!(
                        "{} holds a message nested deeper than {max_nesting} levels, which was not inspected ([limits] max-nesting)",
                        attachment.label()
                    ),
                );
            }
            let Some(listing) = &attachment.listing else {
                continue;
            };
            if listing.unreadable {
                sink.report(
                    attachment.span.clone(),
                    format!(
                        "{}: {}",
                        attachment.label(),
                        listing.problem.as_deref().unwrap_or("unreadable archive")
                    ),
                );
            }
        }
    }
}
