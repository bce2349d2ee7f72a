// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
// expect: the patterns are constants, compiled on first use by every test run.
#![allow(clippy::expect_used)]
use std::sync::LazyLock;

use regex::Regex;

use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::addresses::domain_of;
use crate::rules::{Rule, Sink};

/// An email address, or a domain ending in a common top-level domain, inside a display name.
static NAMED_DOMAIN: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:[a-z0-9._%+-]+@)?((?:[a-z0-9](?:[a-z0-9-]*[a-z0-9])?\.)+(?:com|net|org|info|biz|io|co|me|app|dev|edu|gov|us|uk|de|fr|es|it|nl|ru|cn|jp|in|br|au|ca|ch|se|pl|eu))\b",
    )
    .expect("valid regex")
});

declare_rule! {
    /// ## What it does
    /// Checks that the `From:` display name does not show an email address or domain other
    /// than the sender's own: `"support@paypal.com" <x@mailer.example>`. A name that shows the
    /// sending domain, or a parent or subdomain of it, is fine.
    ///
    /// ## Why is this bad
    /// Clients show the display name, not the address, so this is the commonest phishing
    /// disguise: rspamd scores `SPOOF_DISPLAY_NAME` (8.0) and `FROM_NEQ_DISPLAY_NAME` (4.0),
    /// and Gmail's phishing filters weigh it. Legitimate senders trip it when a platform sends
    /// "on behalf of" a customer with the customer's address as the name.
    ///
    /// ## Example
    /// ```text
    /// From: "billing@bank.example.com" <noreply@mailer.example.net>
    /// ```
    ///
    /// Use instead:
    /// ```text
    /// From: "Example Bank Billing" <billing@bank.example.com>
    /// ```
    ///
    /// ## How to fix
    /// Use a plain name ("Example Bank Billing"); send from the domain you name, or put the
    /// customer's address in `Reply-To:`.
    ///
    /// ## References
    /// - rspamd `SPOOF_DISPLAY_NAME`, `FROM_NEQ_DISPLAY_NAME` (rules/misc.lua)
    /// - RFC 5322 §3.4 (display-name); M3AAWG sender best practices
    pub DisplayNameSpoof {
        code: "PS116",
        name: "display-name-spoof",
        group: Headers,
        level: Warn,
        smtp: "550 5.7.1",
        score: 6.0,
        summary: "the From display name shows another domain",
        fix: "use a plain display name, or send from the domain the name shows",
    }
}

fn related(a: &str, b: &str) -> bool {
    crate::content::links::is_under(a, b) || crate::content::links::is_under(b, a)
}

impl Rule for DisplayNameSpoof {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(field) = ctx.field("From") else {
            return;
        };
        let Some(addr) = ctx.message().and_then(|m| m.from()).and_then(|a| a.first()) else {
            return;
        };
        let (Some(name), Some(address)) = (addr.name(), addr.address()) else {
            return;
        };
        // A domain holds a dot: most display names are ruled out without the regex.
        if memchr::memchr(b'.', name.as_bytes()).is_none() {
            return;
        }
        let Some(from_domain) = domain_of(address) else {
            return;
        };
        for found in NAMED_DOMAIN.captures_iter(name) {
            let shown = found[1].to_ascii_lowercase();
            if !related(&shown, &from_domain) {
                sink.report(
                    field.first_line(ctx.bytes()),
                    format!(
                        "`From` display name `{}` shows `{shown}` but the address is on `{from_domain}`",
                        crate::rules::sample(name, 60)
                    ),
                );
                return;
            }
        }
    }
}
