use mail_auth::SpfResult;

use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Evaluates SPF (mail-auth `verify_spf`, RFC 7208 `check_host`) for each address in
    /// `[auth] sending-ips` against the envelope sender's domain, and reports an address the
    /// record does not permit (`fail` or `softfail`) or a record that is a permanent error for
    /// another reason than its lookup count. Needs DNS and `sending-ips`.
    ///
    /// ## Why is this bad
    /// An SPF `-all` fail draws Gmail's `550 5.7.26` under DMARC, Microsoft's `550 5.7.23`,
    /// and a softfail lowers reputation everywhere; the cause is usually a new relay or ESP
    /// not yet added to the record.
    ///
    /// ## Example
    /// ```toml
    /// [auth]
    /// sending-ips = ["198.51.100.7"]   # not in v=spf1 ip4:192.0.2.0/24 -all
    /// ```
    ///
    /// ## How to fix
    /// Add the address (`ip4:`) or the provider (`include:`) to the SPF record.
    ///
    /// ## References
    /// - RFC 7208 §2.6; SpamAssassin `SPF_FAIL`/`SPF_SOFTFAIL`; rspamd `R_SPF_FAIL`;
    ///   Microsoft NDR 5.7.23
    pub SpfFail {
        code: "PS706",
        name: "spf-fail",
        group: Auth,
        level: Deny,
        smtp: "550 5.7.26",
        score: 3.0,
        summary: "SPF does not permit a configured sending IP",
        fix: "add the sending IP (ip4:/ip6:) or the provider's include: to the SPF record",
    }
}

impl Rule for SpfFail {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(dns) = ctx.dns() else { return };
        let ips = &ctx.settings().auth.sending_ips;
        if ips.is_empty() {
            return;
        }
        let Some((sender, span)) = super::spf_sender(ctx) else {
            return;
        };
        let domain = super::sender_domain(&sender);
        // Whether the record stays within the lookup limit: counted once, and only when an
        // evaluation is a permanent error (spf-too-many-lookups reports the other case).
        let within_limit = std::cell::OnceCell::new();
        let within_limit = || {
            *within_limit.get_or_init(|| {
                super::spf_too_many_lookups::lookup_count(dns, &domain).0
                    <= super::spf_too_many_lookups::MAX_LOOKUPS
            })
        };
        for ip in ips {
            let Ok(output) = dns.verify_spf(*ip, &sender) else {
                continue;
            };
            let what = match output.result() {
                SpfResult::Fail => "fails (-all)",
                SpfResult::SoftFail => "soft-fails (~all)",
                SpfResult::PermError if within_limit() => {
                    "is a permanent error (the record does not parse)"
                }
                _ => continue,
            };
            sink.report(
                span.clone(),
                format!("SPF of {domain} {what} for sending IP {ip}"),
            );
        }
    }
}
