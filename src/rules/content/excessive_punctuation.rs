use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags a Subject with a run of two or more `!`/`?` (`!!`, `?!`) or three or more `!` in all,
    /// and a body with a run of four or more.
    ///
    /// ## Why is this bad
    /// SpamAssassin scores `PLING_QUERY` and exclamation runs; rspamd `SUBJECT_ENDS_QUESTION`
    /// and friends. It reads as pressure selling.
    ///
    /// ## Example
    /// ```text
    /// Subject: Last chance!!! Don't miss out?!
    /// ```
    ///
    /// Use instead: `Subject: Last chance: the sale ends tonight`.
    ///
    /// ## How to fix
    /// Use one exclamation or question mark at most.
    ///
    /// ## References
    /// - SpamAssassin `PLING_QUERY`; rspamd `SUBJECT_ENDS_QUESTION`
    pub ExcessivePunctuation {
        code: "PS503",
        name: "excessive-punctuation",
        group: Content,
        level: Warn,
        smtp: "554 5.7.1",
        score: 1.0,
        summary: "the Subject or body uses runs of exclamation or question marks",
        fix: "use one exclamation or question mark at most",
    }
}

impl Rule for ExcessivePunctuation {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        if let Some(subject) = ctx.message().and_then(|m| m.subject()) {
            let run = super::longest_run(subject, &['!', '?']);
            let bangs = subject.matches('!').count();
            if run >= 2 || bangs >= 3 {
                sink.report(
                    ctx.field_span("Subject"),
                    format!(
                        "the Subject `{}` has {} exclamation or question marks",
                        crate::rules::sample(subject, 60),
                        subject.matches(['!', '?']).count()
                    ),
                );
            }
        }
        let content = ctx.content();
        if super::longest_run(content.visible_text(), &['!', '?']) >= 4 {
            let span = ctx.body_span();
            sink.report(
                span,
                "the body has a run of four or more exclamation or question marks",
            );
        }
    }
}
