// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags HTML text hidden from the reader by inline style — `display:none`,
    /// `visibility:hidden`, a zero font size, white text, zero opacity, off-page positioning —
    /// when the hidden text adds up to `[lint.content] min-hidden-chars` characters (default
    /// 200). A short hidden preheader (the inbox preview line, usually under 150 characters) is
    /// common practice and stays below the default.
    ///
    /// ## Why is this bad
    /// Hidden text is how spam feeds classifiers words the reader never sees: rspamd
    /// `R_WHITE_ON_WHITE` (4.0), `ZERO_FONT`, `MANY_INVISIBLE_PARTS`; SpamAssassin
    /// `HTML_FONT_LOW_CONTRAST`, `HTML_OFF_PAGE`; Gmail's bulk guidance says not to hide
    /// content.
    ///
    /// ## Example
    /// ```html
    /// <div style="display:none">free money free money free money …</div>
    /// ```
    ///
    /// ## How to fix
    /// Remove the hidden text; keep a preheader short.
    ///
    /// ## References
    /// - rspamd `R_WHITE_ON_WHITE`, `ZERO_FONT`; SpamAssassin `HTML_OFF_PAGE`
    pub HiddenText {
        code: "PS509",
        name: "hidden-text",
        group: Content,
        level: Warn,
        smtp: "554 5.7.1",
        score: 2.0,
        summary: "the HTML hides text from the reader",
        fix: "remove hidden text, or show it",
    }
}

impl Rule for HiddenText {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.content;
        for part in &ctx.content().parts {
            let Some(html) = &part.html else { continue };
            let chars: usize = html.hidden.iter().map(|t| t.chars().count()).sum();
            if chars >= options.min_hidden_chars {
                sink.report(
                    part.span.clone(),
                    format!(
                        "the HTML hides {chars} characters of text from the reader (first: `{}`)",
                        crate::rules::sample(&html.hidden[0], 50)
                    ),
                );
            }
        }
    }
}
