use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};
use crate::settings::format_size;

declare_rule! {
    /// ## What it does
    /// Measures the message as it goes on the wire — attachments counted after base64 or
    /// quoted-printable encoding, CRs included when stored LF line ends are converted — and
    /// compares it with `max-message-size` (default 25 MB, Gmail's limit) and any
    /// `provider-limits` you configure.
    ///
    /// ## Why is this bad
    /// Gmail answers `552 5.3.4 Your message exceeded Google's message size limits`;
    /// Microsoft 365 answers `552 5.3.4 message size exceeds fixed maximum message size`.
    /// Base64 makes attachments a third larger than on disk, so a 20 MB file already makes a
    /// 27 MB message.
    ///
    /// ## Example
    /// A 19 MB video attached as base64 (≈ 26 MB encoded).
    ///
    /// Use instead: upload the file and send a link.
    ///
    /// ## How to fix
    /// Send large files as links, or compress them. Options (`[lint.attachments]`):
    /// `max-message-size = "25MB"`, `provider-limits = { microsoft365 = "35MB" }`.
    ///
    /// ## References
    /// - Gmail: 25 MB including encoding, `552 5.3.4` (support.google.com/mail/answer/6584)
    /// - Microsoft 365: `552 5.3.4` message size exceeds fixed maximum; Sisimai `MesgTooBig`
    pub MessageTooLarge {
        code: "PS301",
        name: "message-too-large",
        group: Attachments,
        level: Deny,
        smtp: "552 5.3.4",
        score: 5.0,
        summary: "the message is larger on the wire than the receiving server accepts",
        fix: "send large files as links instead of attachments, or compress them",
    }
}

impl Rule for MessageTooLarge {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.attachments;
        let size = ctx.wire_size();
        let default = crate::settings::AttachmentOptions::default().max_message_size;
        let mut over: Vec<String> = Vec::new();
        if size > options.max_message_size {
            over.push(if options.max_message_size == default {
                format!("Gmail's {} limit", format_size(default))
            } else {
                format!(
                    "the configured {} limit",
                    format_size(options.max_message_size)
                )
            });
        }
        for (provider, limit) in &options.provider_limits {
            if size > *limit {
                over.push(format!("{provider}'s {} limit", format_size(*limit)));
            }
        }
        if over.is_empty() {
            return;
        }
        let mut message = format!(
            "the message is {} on the wire, over {}",
            format_size(size),
            over.join(", ")
        );
        if let Some(largest) = ctx
            .attachments()
            .iter()
            .filter(|a| a.depth == 0)
            .max_by_key(|a| a.wire_size)
        {
            message.push_str(&format!(
                "; the largest attachment is {}, {} encoded",
                largest.label(),
                format_size(largest.wire_size)
            ));
        }
        sink.report(ctx.line_at(0), message);
    }
}
