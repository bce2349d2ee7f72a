// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
// expect: the patterns are constants, compiled on first use by every test run.
#![allow(clippy::expect_used)]
use std::sync::LazyLock;

use regex::Regex;

use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

/// Reply prefixes in the languages clients use (`Re:`, `AW:`, `SV:`, `Antw:` …). Forward
/// prefixes are not included: clients forward without threading headers.
static REPLY_PREFIX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(re|aw|sv|vs|antw|odp|ynt|rif|r[ée]f)\s*(\[\d+\]|\(\d+\))?\s*:")
        .expect("valid regex")
});

declare_rule! {
    /// ## What it does
    /// Checks that a message whose subject starts with a reply prefix (`Re:`, `AW:`, `SV:`,
    /// `Antw:` …) is a reply: it has an `In-Reply-To:` or `References:` header. Forward
    /// prefixes (`Fwd:`) are not checked: mail clients forward without threading headers.
    ///
    /// ## Why is this bad
    /// A fake `Re:` is a well-known trick to look like an ongoing conversation; rspamd scores
    /// `FAKE_REPLY` (1.0) and SpamAssassin has similar meta rules. Real replies carry the
    /// threading headers (RFC 5322 §3.6.4).
    ///
    /// ## Example
    /// ```text
    /// Subject: Re: your invoice
    /// ```
    /// with no `In-Reply-To:`.
    ///
    /// Use instead:
    /// ```text
    /// Subject: Re: your invoice
    /// In-Reply-To: <original-id@example.net>
    /// References: <original-id@example.net>
    /// ```
    ///
    /// ## How to fix
    /// Drop the prefix on new messages, or set `In-Reply-To`/`References` to the Message-ID of
    /// the message being answered.
    ///
    /// ## References
    /// - RFC 5322 §3.6.4, §3.6.5
    /// - rspamd `FAKE_REPLY` (rules/misc.lua)
    pub FakeReply {
        code: "PS117",
        name: "fake-reply",
        group: Headers,
        level: Warn,
        smtp: "550 5.7.1",
        score: 1.0,
        summary: "subject says reply but there are no threading headers",
        fix: "remove the `Re:` prefix or add `In-Reply-To` and `References`",
    }
}

impl Rule for FakeReply {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        if ctx.field("In-Reply-To").is_some() || ctx.field("References").is_some() {
            return;
        }
        let Some(field) = ctx.field("Subject") else {
            return;
        };
        let Some(subject) = ctx.message().and_then(|m| m.subject()) else {
            return;
        };
        // Every reply prefix ends in a colon: a subject without one skips the regex.
        if memchr::memchr(b':', subject.as_bytes()).is_none() {
            return;
        }
        if let Some(prefix) = REPLY_PREFIX.find(subject) {
            sink.report(
                field.first_line(ctx.bytes()),
                format!(
                    "subject starts with `{}` but there is no `In-Reply-To` or `References` header",
                    prefix.as_str().trim()
                ),
            );
        }
    }
}
