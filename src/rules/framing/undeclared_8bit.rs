use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// TODO
    pub Undeclared8bit {
        code: "PS205",
        name: "undeclared-8bit",
        group: Framing,
        level: Deny,
        smtp: "554 5.6.0",
        score: 1.0,
        summary: "TODO",
        fix: "TODO",
    }
}

impl Rule for Undeclared8bit {
    fn check(&self, _ctx: &CheckContext<'_>, _sink: &mut Sink<'_>) {}
}
