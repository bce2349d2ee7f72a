use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Reports a signed message none of whose DKIM signatures has a `d=` domain aligned with
    /// the From domain (relaxed alignment: the same organizational domain, RFC 7489 §3.1).
    /// A signature that is aligned but broken is `dkim-invalid`'s finding. Needs DNS.
    ///
    /// ## Why is this bad
    /// DMARC passes on DKIM only with an aligned signature. An ESP's signature
    /// (`d=mailer.example.net`) on mail from `acme.example.com` proves nothing for Acme's
    /// domain: Gmail answers `421 4.7.32` (From not aligned) or `550 5.7.26` under `p=reject`.
    ///
    /// ## Example
    /// ```text
    /// From: orders@acme.example.com
    /// DKIM-Signature: v=1; d=mailer.example.net; s=s1; …
    /// ```
    ///
    /// ## How to fix
    /// Sign with your own domain (a CNAME of the ESP's key under your `_domainkey`).
    ///
    /// ## References
    /// - RFC 7489 §3.1.1; Gmail 421 4.7.32; rspamd `DMARC_POLICY_REJECT`; SpamAssassin
    ///   `DKIM_VALID_AU`
    pub DkimMisaligned {
        code: "PS703",
        name: "dkim-misaligned",
        group: Auth,
        level: Warn,
        smtp: "421 4.7.32",
        score: 2.0,
        summary: "no DKIM signature's d= domain aligns with the From domain",
        fix: "sign with d= set to the From domain (or its organizational domain)",
    }
}

impl Rule for DkimMisaligned {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let checks = ctx.dkim();
        if checks.is_empty() || checks.iter().any(|c| c.unknown) {
            return;
        }
        let Some((from, span)) = super::from_domain(ctx) else {
            return;
        };
        if checks.iter().any(|c| super::aligned(&c.domain, &from)) {
            return;
        }
        let signers: Vec<&str> = checks
            .iter()
            .map(|c| c.domain.as_str())
            .filter(|d| !d.is_empty())
            .collect();
        sink.report(
            span,
            format!(
                "the From domain is {from}, but the message is signed only by d={}",
                if signers.is_empty() {
                    "(unreadable)".to_string()
                } else {
                    signers.join(", d=")
                }
            ),
        );
    }
}
