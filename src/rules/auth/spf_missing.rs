use mail_auth::spf::Spf;

use crate::context::CheckContext;
use crate::declare_rule;
use crate::dns::Lookup;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Looks up the SPF record (`v=spf1` TXT) of the envelope sender's domain: `--mail-from`
    /// / `[auth] mail-from`, the envelope's `MAIL FROM`, else Return-Path, Sender or From.
    /// Reports a domain without one. Needs DNS.
    ///
    /// ## Why is this bad
    /// Gmail requires SPF or DKIM from every sender (`550 5.7.26`) and SPF from bulk senders
    /// (`550 5.7.27`); Microsoft requires SPF from high-volume senders (`550 5.7.515`).
    ///
    /// ## Example
    /// ```text
    /// acme.example.com  TXT  (no v=spf1 record)
    /// ```
    ///
    /// ## How to fix
    /// Publish `v=spf1 ip4:<your sending range> include:<your ESP> -all` at the domain.
    ///
    /// ## References
    /// - RFC 7208 §4; SpamAssassin `SPF_NONE`; rspamd `R_SPF_NA`; Gmail 550 5.7.27
    pub SpfMissing {
        code: "PS705",
        name: "spf-missing",
        group: Auth,
        level: Warn,
        smtp: "550 5.7.27",
        score: 2.0,
        summary: "the envelope sender's domain has no SPF record",
        fix: "publish a `v=spf1 … -all` TXT record for the sending domain",
    }
}

impl Rule for SpfMissing {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(dns) = ctx.dns() else { return };
        let Some((sender, span)) = super::spf_sender(ctx) else {
            return;
        };
        let domain = super::sender_domain(&sender);
        if let Lookup::Missing = dns.txt::<Spf>(&domain) {
            sink.report(
                span,
                format!("{domain} (the envelope sender's domain) publishes no SPF record"),
            );
        }
    }
}
