use std::collections::HashSet;

use url::Host;

use crate::content::links::registrable_domain;
use crate::context::CheckContext;
use crate::declare_rule;
use crate::dns::blocklist::{Answer, interpret};
use crate::dns::{Lookup, fqdn};
use crate::rules::{Rule, Sink};

/// At most this many distinct linked domains are queried per message.
const MAX_DOMAINS: usize = 50;

declare_rule! {
    /// ## What it does
    /// Queries the registrable domain of every link in the body on each domain blocklist of
    /// `[dns] domain-blocklists` (`<domain>.<zone>` A), the receive-time URIBL/DBL check done
    /// before sending, and reports a listed domain with the operator's meaning of the code
    /// (Spamhaus DBL: 127.0.1.2 spam, .4 phishing, .5 malware, .102–.106 abused legitimate).
    /// Refusal codes (127.0.1.255, 127.255.255.x, URIBL's 127.0.0.1) are not listings.
    /// Needs DNS.
    ///
    /// ## Why is this bad
    /// One listed link is enough for `554 5.7.1 … URL in message listed` and for rspamd's
    /// `DBL_*`/`URIBL_*` and SpamAssassin's `URIBL_*` scores; a compromised or expired domain
    /// in an old template is the usual cause.
    ///
    /// ## Example
    /// ```text
    /// <a href="https://promo.listed-domain.example/offer">Offer</a>
    /// ```
    ///
    /// ## How to fix
    /// Remove the link or replace the domain; if the domain is yours, find why it is listed
    /// and request delisting.
    ///
    /// ## References
    /// - RFC 5782 §2.3; Spamhaus DBL return codes; SpamAssassin `25_uribl.cf`; rspamd
    ///   `surbl_group.conf`
    pub LinkDomainListed {
        code: "PS713",
        name: "link-domain-listed",
        group: Auth,
        level: Deny,
        smtp: "554 5.7.1",
        score: 5.0,
        summary: "a linked domain is listed on a domain blocklist",
        fix: "remove the link or replace the listed domain",
    }
}

impl Rule for LinkDomainListed {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(dns) = ctx.dns() else { return };
        let zones = &dns.settings().domain_blocklists;
        if zones.is_empty() {
            return;
        }
        let mut seen = HashSet::new();
        for link in &ctx.content().links {
            let Some(Host::Domain(host)) = link.host() else {
                continue;
            };
            let domain = registrable_domain(host);
            if !seen.insert(domain.clone()) {
                continue;
            }
            if seen.len() > MAX_DOMAINS {
                break;
            }
            for zone in zones {
                let name = fqdn(&format!("{domain}.{zone}"));
                let Lookup::Found(codes) = dns.ipv4(&name) else {
                    continue;
                };
                for code in codes {
                    if let Answer::Listed(meaning) = interpret(zone, code) {
                        sink.report(
                            link.span.clone(),
                            format!(
                                "linked domain {domain} ({}) is listed on {zone}: {meaning}",
                                link.shown()
                            ),
                        );
                    }
                }
            }
        }
    }
}
