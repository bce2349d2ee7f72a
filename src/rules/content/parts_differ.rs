use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Compares the words of the `text/plain` and `text/html` alternatives and flags them when
    /// fewer than `[lint.content] parts-min-similarity` (default 0.5) of their distinct words
    /// are shared (Jaccard similarity over the first 5,000 words of each). Messages where both
/// parts are under 10 words are skipped.
    ///
    /// ## Why is this bad
    /// Spam often carries an innocent text part and the real pitch in HTML. rspamd scores
    /// `R_PARTS_DIFFER` and SpamAssassin `MPART_ALT_DIFF` (2.2) / `MPART_ALT_DIFF_COUNT` (2.8).
    /// A stub text part ("Your client does not support HTML") trips it too, and is what the
    /// filter sees.
    ///
    /// ## Example
    /// Text part: `Please view this message in a browser.`; HTML part: a full newsletter.
    ///
    /// ## How to fix
    /// Generate the text part from the same content as the HTML part.
    ///
    /// ## References
    /// - rspamd `R_PARTS_DIFFER`; SpamAssassin `MPART_ALT_DIFF`
    pub PartsDiffer {
        code: "PS506",
        name: "parts-differ",
        group: Content,
        level: Warn,
        smtp: "554 5.7.1",
        score: 1.5,
        summary: "the text and HTML alternatives say different things",
        fix: "generate the text part from the same content as the HTML",
    }
}

impl Rule for PartsDiffer {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.content;
        let content = ctx.content();
        let text = content
            .parts
            .iter()
            .find(|p| p.kind == crate::content::BodyKind::Plain);
        let html = content
            .parts
            .iter()
            .find(|p| p.kind == crate::content::BodyKind::Html);
        let (Some(text), Some(html)) = (text, html) else {
            return;
        };
        let a = super::word_set(&text.visible);
        let b = super::word_set(&html.visible);
        if a.len().max(b.len()) < 10 {
            return;
        }
        let shared = a.shared_with(&b);
        let union = a.len() + b.len() - shared;
        let similarity = shared as f64 / union.max(1) as f64;
        if similarity < options.parts_min_similarity {
            sink.report(
                html.span.clone(),
                format!(
                    "the text and HTML parts share {:.0}% of their words ({} and {} distinct words)",
                    similarity * 100.0,
                    a.len(),
                    b.len()
                ),
            );
        }
    }
}
