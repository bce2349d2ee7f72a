use mail_auth::dmarc::Dmarc;

use crate::content::links::registrable_domain;
use crate::context::CheckContext;
use crate::declare_rule;
use crate::dns::Lookup;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Looks up the DMARC record of the From domain: `_dmarc.<From domain>`, then
    /// `_dmarc.<organizational domain>` (RFC 7489 §6.6.3). Reports a domain with neither.
    /// Needs DNS.
    ///
    /// ## Why is this bad
    /// Since 2024 Gmail and Yahoo require a DMARC record (at least `p=none`) from bulk
    /// senders: without it Gmail answers `550 5.7.26` and Yahoo `550 5.7.9`.
    ///
    /// ## Example
    /// ```text
    /// _dmarc.acme.example.com  (no TXT record)
    /// ```
    ///
    /// ## How to fix
    /// Publish `_dmarc.<domain> TXT "v=DMARC1; p=none; rua=mailto:dmarc@<domain>"`, then
    /// tighten `p=` once reports show aligned mail.
    ///
    /// ## References
    /// - RFC 7489 §6.1; SpamAssassin `DMARC_MISSING`; rspamd `DMARC_NA`; Gmail 550 5.7.26
    pub DmarcMissing {
        code: "PS708",
        name: "dmarc-missing",
        group: Auth,
        level: Warn,
        smtp: "550 5.7.26",
        score: 2.0,
        summary: "the From domain has no DMARC record",
        fix: "publish `_dmarc.<domain> TXT \"v=DMARC1; p=none; rua=mailto:…\"`",
    }
}

impl Rule for DmarcMissing {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(dns) = ctx.dns() else { return };
        let Some((domain, span)) = super::from_domain(ctx) else {
            return;
        };
        let org = registrable_domain(&domain);
        let mut names = vec![format!("_dmarc.{domain}")];
        if org != domain {
            names.push(format!("_dmarc.{org}"));
        }
        for name in &names {
            match dns.txt::<Dmarc>(name) {
                Lookup::Missing => {}
                Lookup::Found(_) | Lookup::Failed(_) => return,
            }
        }
        sink.report(
            span,
            format!(
                "{domain} publishes no DMARC record (looked up {})",
                names.join(" and ")
            ),
        );
    }
}
