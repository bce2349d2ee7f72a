use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags a Subject with at least `[lint.content] min-subject-letters` letters (default 10) of
    /// which `caps-ratio` (default 0.75) or more are upper case. Acronyms in a normal subject
    /// ("Your AWS invoice") stay far below the ratio.
    ///
    /// ## Why is this bad
    /// Shouting subjects are a classic spam trait: SpamAssassin `SUBJ_ALL_CAPS`, rspamd
    /// `SUBJ_ALL_CAPS` (3.0, "mostly capital").
    ///
    /// ## Example
    /// ```text
    /// Subject: FINAL NOTICE: YOUR ACCOUNT WILL BE CLOSED
    /// ```
    ///
    /// Use instead: `Subject: Final notice: your account will be closed`.
    ///
    /// ## How to fix
    /// Write the Subject in sentence case.
    ///
    /// ## References
    /// - SpamAssassin `SUBJ_ALL_CAPS`; rspamd `SUBJ_ALL_CAPS` (rules/subject_checks.lua)
    pub AllCapsSubject {
        code: "PS501",
        name: "all-caps-subject",
        group: Content,
        level: Warn,
        smtp: "554 5.7.1",
        score: 1.5,
        summary: "the Subject is written in capital letters",
        fix: "write the Subject in sentence case",
    }
}

impl Rule for AllCapsSubject {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.content;
        let Some(subject) = ctx.message().and_then(|m| m.subject()) else {
            return;
        };
        let (letters, upper) = super::letter_case(subject);
        if letters >= options.min_subject_letters
            && upper as f64 >= options.caps_ratio * letters as f64
        {
            sink.report(
                ctx.field_span("Subject"),
                format!(
                    "{upper} of the Subject's {letters} letters are capitals (`{}`)",
                    crate::rules::sample(subject, 60)
                ),
            );
        }
    }
}
