use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags a message whose body parts have no visible text, no images and which has no
/// attachments (an image-only body is `image-only`'s business).
    ///
    /// ## Why is this bad
    /// SpamAssassin `EMPTY_MESSAGE` (2.2), rspamd `COMPLETELY_EMPTY` (15 when the subject is
    /// empty too). In application mail it usually means a template rendered to nothing.
    ///
    /// ## Example
    /// A message with a Subject and an empty `text/plain` part.
    ///
    /// ## How to fix
    /// Check the template and the data it was rendered with.
    ///
    /// ## References
    /// - SpamAssassin `EMPTY_MESSAGE`; rspamd `COMPLETELY_EMPTY`
    pub EmptyBody {
        code: "PS507",
        name: "empty-body",
        group: Content,
        level: Warn,
        smtp: "554 5.7.1",
        score: 2.0,
        summary: "the message has no text and no attachments",
        fix: "add the text the message is meant to carry",
    }
}

impl Rule for EmptyBody {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        if ctx.message().is_none() || !ctx.attachments().is_empty() {
            return;
        }
        let content = ctx.content();
        let has_images = content
            .parts
            .iter()
            .any(|p| p.html.as_ref().is_some_and(|h| h.images > 0));
        if !has_images && content.parts.iter().all(|p| p.visible.trim().is_empty()) {
            let span = ctx.body_span();
            sink.report(span, "the message has no visible text and no attachments");
        }
    }
}
