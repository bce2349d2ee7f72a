use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags a body whose visible text has at least `[lint.content] min-body-letters` letters
    /// (default 200) of which `caps-ratio` (default 0.75) or more are upper case (the first
/// 20,000 letters are sampled).
    ///
    /// ## Why is this bad
    /// SpamAssassin's `UPPERCASE_75_100` (1.2–1.5 points) and `UPPERCASE_50_75` score exactly
    /// this; readers read it as shouting.
    ///
    /// ## Example
    /// A body that reads `ACT NOW TO CLAIM YOUR FREE GIFT CARD BEFORE IT EXPIRES…`.
    ///
    /// ## How to fix
    /// Write the text in normal case; emphasise with bold, not capitals.
    ///
    /// ## References
    /// - SpamAssassin `UPPERCASE_75_100`, `UPPERCASE_50_75`
    pub AllCapsBody {
        code: "PS502",
        name: "all-caps-body",
        group: Content,
        level: Warn,
        smtp: "554 5.7.1",
        score: 1.5,
        summary: "the body text is mostly capital letters",
        fix: "write the text in normal case",
    }
}

impl Rule for AllCapsBody {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.content;
        let content = ctx.content();
        let text = content.visible_text();
        let (letters, upper) = super::letter_case(text);
        if letters >= options.min_body_letters
            && upper as f64 >= options.caps_ratio * letters as f64
        {
            let span = ctx.body_span();
            sink.report(
                span,
                format!(
                    "{:.0}% of the body's {letters} letters are capitals",
                    100.0 * upper as f64 / letters as f64
                ),
            );
        }
    }
}
