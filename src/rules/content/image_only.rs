use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags an HTML body with at least one image and fewer than `[lint.content]
    /// image-only-max-words` visible words (default 10: a short transactional note beside a logo has more).
    ///
    /// ## Why is this bad
    /// Image-only mail is how spam dodges text classifiers, so filters punish it: SpamAssassin
    /// `HTML_IMAGE_ONLY_04`…`_32` (up to 2.8), rspamd `R_SUSPICIOUS_IMAGES` (5.0). Images are
    /// often blocked by default, leaving the reader an empty message.
    ///
    /// ## Example
    /// ```html
    /// <a href="https://shop.example.com/sale"><img src="https://cdn.example.com/sale.png"></a>
    /// ```
    ///
    /// ## How to fix
    /// Put the message in text and use images to illustrate it.
    ///
    /// ## References
    /// - SpamAssassin `HTML_IMAGE_ONLY_*`; rspamd `R_SUSPICIOUS_IMAGES`
    pub ImageOnly {
        code: "PS505",
        name: "image-only",
        group: Content,
        level: Warn,
        smtp: "554 5.7.1",
        score: 2.0,
        summary: "the HTML body is images with little or no text",
        fix: "add real text that says what the images show",
    }
}

impl Rule for ImageOnly {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.content;
        for part in &ctx.content().parts {
            let Some(html) = &part.html else { continue };
            if html.images == 0 {
                continue;
            }
            let words = part.words();
            if words < options.image_only_max_words {
                sink.report(
                    part.span.clone(),
                    format!(
                        "the HTML body has {} image{} and only {words} word{} of text",
                        html.images,
                        if html.images == 1 { "" } else { "s" },
                        if words == 1 { "" } else { "s" }
                    ),
                );
            }
        }
    }
}
