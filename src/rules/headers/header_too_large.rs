use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// TODO
    pub HeaderTooLarge {
        code: "PS114",
        name: "header-too-large",
        group: Headers,
        level: Deny,
        smtp: "554 5.6.0",
        score: 1.0,
        summary: "TODO",
        fix: "TODO",
    }
}

impl Rule for HeaderTooLarge {
    fn check(&self, _ctx: &CheckContext<'_>, _sink: &mut Sink<'_>) {}
}
