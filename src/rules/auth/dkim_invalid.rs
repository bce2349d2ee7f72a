use crate::context::CheckContext;
use crate::declare_rule;
use crate::inspect::dkim::DkimFailure;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Verifies every `DKIM-Signature` against the key in DNS (mail-auth `verify_dkim`) and
    /// reports each that does not verify: the body hash differs (the body changed after
    /// signing), the signature does not match (a signed header changed, or the wrong key is
    /// published), the key is missing or revoked, or the signature has expired. Needs DNS.
    ///
    /// ## Why is this bad
    /// A broken signature counts as no signature: DMARC then rests on SPF alone, and Gmail
    /// answers `550 5.7.26` when nothing passes. The classic cause is a change after signing:
    /// a footer added, a header re-encoded (lettre#1125), a body re-wrapped as
    /// quoted-printable (stalwart#437).
    ///
    /// ## Example
    /// ```text
    /// DKIM-Signature: v=1; a=rsa-sha256; d=acme.example.com; s=s1; bh=…; b=…
    /// (a footer appended after signing)
    /// ```
    ///
    /// ## How to fix
    /// Sign last, after every change to the message, and publish the matching key.
    ///
    /// ## References
    /// - RFC 6376 §6.1; SpamAssassin `DKIM_INVALID`; rspamd `R_DKIM_REJECT`, `R_DKIM_PERMFAIL`
    pub DkimInvalid {
        code: "PS702",
        name: "dkim-invalid",
        group: Auth,
        level: Deny,
        smtp: "550 5.7.26",
        score: 3.0,
        summary: "a DKIM signature does not verify",
        fix: "sign after the last change to the message and publish the matching key",
    }
}

impl Rule for DkimInvalid {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for check in ctx.dkim() {
            let Some(failure) = &check.failure else {
                continue;
            };
            let who = if check.domain.is_empty() {
                "a DKIM signature".to_string()
            } else {
                format!(
                    "the DKIM signature of d={} s={}",
                    check.domain, check.selector
                )
            };
            let why = match failure {
                DkimFailure::BodyChanged => {
                    "the body hash does not match: the body changed after signing".to_string()
                }
                DkimFailure::SignatureMismatch => "the signature does not match: a signed header \
                    changed after signing, or the published key is not the signing key"
                    .to_string(),
                DkimFailure::KeyNotFound => format!("no key is published at {}", check.key_name()),
                DkimFailure::KeyRevoked => format!("the key at {} is revoked", check.key_name()),
                DkimFailure::Expired => "the signature has expired (x=)".to_string(),
                DkimFailure::Other(e) => format!("it does not verify: {e}"),
            };
            sink.report(check.span.clone(), format!("{who} fails: {why}"));
        }
    }
}
