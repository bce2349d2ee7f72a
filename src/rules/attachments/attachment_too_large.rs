use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};
use crate::settings::format_size;

declare_rule! {
    /// ## What it does
    /// Checks each attachment's size as encoded on the wire against `max-attachment-size`
    /// (default 20 MB, Outlook.com's attachment limit). A nested message is reported only when
    /// none of its own attachments is.
    ///
    /// ## Why is this bad
    /// Many receivers cap single attachments below the whole-message limit (Outlook.com at
    /// 20 MB, many corporate gateways at 10 MB) and bounce with `552 5.3.4`; even where the
    /// message is accepted, a recipient on a phone will not download it.
    ///
    /// ## Example
    /// `backup.zip`, 22 MB after base64.
    ///
    /// Use instead: a download link.
    ///
    /// ## How to fix
    /// Link to the file, split or compress it. Option: `[lint.attachments]
    /// max-attachment-size = "10MB"`.
    ///
    /// ## References
    /// - Gmail and Microsoft `552 5.3.4` size replies (see `../shared/ANCHORS.md`); Sisimai
    ///   `MesgTooBig` / `ExceedLimit`
    pub AttachmentTooLarge {
        code: "PS302",
        name: "attachment-too-large",
        group: Attachments,
        level: Warn,
        smtp: "552 5.3.4",
        score: 2.0,
        summary: "an attachment is larger than many receivers accept",
        fix: "send the file as a link, or compress or split it",
    }
}

impl Rule for AttachmentTooLarge {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let limit = ctx.settings().options.attachments.max_attachment_size;
        let attachments = ctx.attachments();
        let over: Vec<_> = attachments.iter().filter(|a| a.wire_size > limit).collect();
        for attachment in &over {
            let inner_reported = attachment.is_message
                && over.iter().any(|other| {
                    other.chain.len() > attachment.chain.len()
                        && other.chain.starts_with(&attachment.chain)
                });
            if inner_reported {
                continue;
            }
            sink.report(
                attachment.span.clone(),
                format!(
                    "{} is {} encoded, over the {} attachment limit",
                    attachment.label(),
                    format_size(attachment.wire_size),
                    format_size(limit)
                ),
            );
        }
    }
}
