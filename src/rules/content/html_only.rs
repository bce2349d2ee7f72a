use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags a message whose body is HTML with no `text/plain` alternative.
    ///
    /// ## Why is this bad
    /// Filters score it (SpamAssassin `MIME_HTML_ONLY`, rspamd `MIME_HTML_ONLY` and
    /// `MIME_MA_MISSING_TEXT` 2.0 for a multipart/alternative without text), and text-only
    /// clients and screen readers get nothing readable.
    ///
    /// ## Example
    /// A message whose only part is `Content-Type: text/html`.
    ///
    /// ## How to fix
    /// Send `multipart/alternative` with a `text/plain` version of the same content (every mail
    /// library can generate one).
    ///
    /// ## References
    /// - SpamAssassin `MIME_HTML_ONLY`; rspamd `MIME_HTML_ONLY`, `MIME_MA_MISSING_TEXT`
    pub HtmlOnly {
        code: "PS504",
        name: "html-only",
        group: Content,
        level: Warn,
        smtp: "554 5.7.1",
        score: 1.0,
        summary: "the message has an HTML body but no plain-text alternative",
        fix: "send multipart/alternative with a text/plain part",
    }
}

impl Rule for HtmlOnly {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let content = ctx.content();
        if content.has_html() && !content.has_plain() {
            let span = ctx.body_span();
            sink.report(
                span,
                "the body is HTML only, with no text/plain alternative",
            );
        }
    }
}
