use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// TODO
    pub InvalidMessageId {
        code: "PS108",
        name: "invalid-message-id",
        group: Headers,
        level: Deny,
        smtp: "554 5.6.0",
        score: 1.0,
        summary: "TODO",
        fix: "TODO",
    }
}

impl Rule for InvalidMessageId {
    fn check(&self, _ctx: &CheckContext<'_>, _sink: &mut Sink<'_>) {}
}
