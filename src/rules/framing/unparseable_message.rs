// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Reports input that is not an email message at all: empty, or not starting with header
    /// fields (`Name: value` lines), so that there is nothing to check as a message. The other
    /// header rules do not run then; framing rules still do.
    ///
    /// ## Why is this bad
    /// Every receiver rejects it (`554 5.6.0`, rspamd `MISSING_ESSENTIAL_HEADERS`,
    /// SpamAssassin `NO_HEADERS_MESSAGE`). In practice the bytes handed to the sender are not
    /// the message: a rendered body without its headers, an empty template, a file in another
    /// format.
    ///
    /// ## Example
    /// ```text
    /// <html><body>Hi Alice, your order shipped.</body></html>
    /// ```
    ///
    /// Use instead: a complete message with headers, an empty line, then the body.
    ///
    /// ## How to fix
    /// Pass the whole formatted message (lettre's `Message::formatted()`), not only the body.
    ///
    /// ## References
    /// - RFC 5322 §2.1, §3.5
    /// - SpamAssassin `NO_HEADERS_MESSAGE`; rspamd `MISSING_ESSENTIAL_HEADERS`
    pub UnparseableMessage {
        code: "PS209",
        name: "unparseable-message",
        group: Framing,
        level: Deny,
        smtp: "554 5.6.0",
        score: 10.0,
        summary: "the input is not an email message",
        fix: "pass the complete message: header fields, an empty line, then the body",
    }
}

impl Rule for UnparseableMessage {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        if !ctx.is_unparseable() {
            return;
        }
        let bytes = ctx.bytes();
        let message = if bytes.trim_ascii().is_empty() {
            "the input is empty: there is no message".to_string()
        } else if ctx.headers().fields.is_empty() {
            let first = ctx.line_at(0);
            let text = String::from_utf8_lossy(&bytes[first]);
            let sample: String = text.chars().take(40).collect();
            format!("the input does not start with header fields (first line: `{sample}`)")
        } else {
            "the message cannot be parsed".to_string()
        };
        sink.report(0..0, message);
    }
}
