use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// TODO
    pub MissingMessageId {
        code: "PS104",
        name: "missing-message-id",
        group: Headers,
        level: Deny,
        smtp: "554 5.6.0",
        score: 1.0,
        summary: "TODO",
        fix: "TODO",
    }
}

impl Rule for MissingMessageId {
    fn check(&self, _ctx: &CheckContext<'_>, _sink: &mut Sink<'_>) {}
}
