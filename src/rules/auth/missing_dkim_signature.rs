use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Reports a message without a `DKIM-Signature` header. It runs when DNS checks are on
    /// (`[dns] mode = "static"` or `"live"`) or when `[auth] require-dkim = true`; it needs no
    /// DNS itself. Its level is `info`, and `deny` with `require-dkim = true`.
    ///
    /// ## Why is this bad
    /// Gmail requires every sender to pass SPF or DKIM (`550 5.7.26 … unauthenticated`) and
    /// bulk senders to sign with DKIM (`550 5.7.30`); Microsoft requires SPF and DKIM from
    /// high-volume senders (`550 5.7.515`). When the signing happens later (the relay signs),
    /// this is only information; when the application signs, an unsigned message is a bug.
    ///
    /// ## Example
    /// ```text
    /// From: Acme <orders@acme.example.com>
    /// Subject: Your order
    /// ```
    ///
    /// ## How to fix
    /// Sign with a key published at `<selector>._domainkey.<your domain>` (mail-auth's
    /// `DkimSigner`, lettre's `dkim` feature, or the relay's DKIM signing).
    ///
    /// ## References
    /// - RFC 6376; Gmail sender guidelines (answer 81126); SpamAssassin `DKIM_VALID` / rspamd
    ///   `R_DKIM_NA`; Microsoft NDR 5.7.515
    pub MissingDkimSignature {
        code: "PS701",
        name: "missing-dkim-signature",
        group: Auth,
        level: Info,
        smtp: "550 5.7.30",
        score: 1.0,
        summary: "the message has no DKIM signature",
        fix: "sign the message with DKIM (a key at <selector>._domainkey.<From domain>)",
    }
}

impl Rule for MissingDkimSignature {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        if ctx.dns().is_none() && !ctx.settings().auth.require_dkim {
            return;
        }
        if ctx.field("DKIM-Signature").is_some() {
            return;
        }
        let domain = super::from_domain(ctx).map(|(d, _)| d);
        let message = match &domain {
            Some(d) => format!("the message has no DKIM-Signature (expected d={d})"),
            None => "the message has no DKIM-Signature".to_string(),
        };
        sink.report(ctx.field_span("From"), message);
    }
}
