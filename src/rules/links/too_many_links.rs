use std::collections::BTreeSet;

use crate::content::LinkSource;
use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags a message with more distinct link targets than `[lint.links] max-links`
    /// (default 100: long newsletter digests reach 60), or whose links outweigh its text: at least `min-links-for-ratio`
    /// (default 5) distinct targets with fewer than `min-words-per-link` (default 5) visible
    /// words per target. Images, `mailto:` and `tel:` links are not counted.
    ///
    /// ## Why is this bad
    /// Link-stuffed mail with little text is how spam looks to a classifier; Microsoft's
    /// and Gmail's guidance both say to avoid excessive links, and SpamAssassin/rspamd
    /// score link-heavy, text-light HTML (`HTML_SHORT_LINK_IMG_*`, `MANY_INVISIBLE_PARTS`).
    ///
    /// ## Example
    /// A message of one sentence and twelve links to different pages.
    ///
    /// ## How to fix
    /// Keep the links that matter; add the text that explains them.
    ///
    /// ## References
    /// - Microsoft "Remove excessive links" (NDR guidance for 5.7.1 spam rejections)
    /// - SpamAssassin `HTML_SHORT_LINK_IMG_1`…`3`
    pub TooManyLinks {
        code: "PS409",
        name: "too-many-links",
        group: Links,
        level: Warn,
        smtp: "554 5.7.1",
        score: 1.5,
        summary: "the message has too many links for its amount of text",
        fix: "cut the links down to the ones that matter and add explaining text",
    }
}

impl Rule for TooManyLinks {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.links;
        let content = ctx.content();
        let targets: BTreeSet<&str> = content
            .links
            .iter()
            .filter(|l| l.source != LinkSource::ImgSrc && l.is_web())
            .map(|l| l.raw.trim_end_matches('/'))
            .collect();
        let n = targets.len();
        if n < options.min_links_for_ratio && n <= options.max_links {
            return;
        }
        // The richest alternative counts: a stub text part beside a full HTML part is common.
        let words = content.parts.iter().map(|p| p.words()).max().unwrap_or(0);
        let message = if n > options.max_links {
            format!(
                "the message links to {n} different targets (more than {})",
                options.max_links
            )
        } else if n >= options.min_links_for_ratio && words < n * options.min_words_per_link {
            format!(
                "the message has {n} different links and only {words} words of text \
                 (fewer than {} words per link)",
                options.min_words_per_link
            )
        } else {
            return;
        };
        let span = ctx.body_span();
        sink.report(span, message);
    }
}
