use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags an HTML body larger than `[lint.content] max-html-size` (default 102 KB, decoded).
    ///
    /// ## Why is this bad
    /// Gmail clips HTML over about 102 KB behind "[Message clipped] View entire message": the
    /// rest — often the unsubscribe link and footer — is not shown, and open tracking stops.
    /// Not a rejection, but what the recipient gets is broken.
    ///
    /// ## Example
    /// A newsletter with 140 KB of inlined CSS.
    ///
    /// ## How to fix
    /// Remove unused CSS and repeated inline styles; move long content to a web page.
    ///
    /// ## References
    /// - Gmail message clipping at 102 KB (Google Workspace admin help)
    pub HtmlTooLarge {
        code: "PS511",
        name: "html-too-large",
        group: Content,
        level: Warn,
        smtp: "554 5.7.1",
        score: 0.5,
        summary: "the HTML body is larger than Gmail shows before clipping",
        fix: "trim the HTML (inline CSS, tracking markup) under 102 KB",
    }
}

impl Rule for HtmlTooLarge {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.content;
        for part in &ctx.content().parts {
            if part.html.is_some() && part.decoded_size as u64 > options.max_html_size {
                sink.report(
                    part.span.clone(),
                    format!(
                        "the HTML body is {}, over the {} Gmail shows before clipping",
                        crate::settings::format_size(part.decoded_size as u64),
                        crate::settings::format_size(options.max_html_size)
                    ),
                );
            }
        }
    }
}
