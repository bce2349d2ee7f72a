use crate::context::CheckContext;
use crate::declare_rule;
use crate::dns::{Lookup, MailDomain};
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Resolves the From domain: it needs an MX record, or at least an A/AAAA record (the
    /// implicit MX). Reports a domain with neither, and a null MX (`MX 0 .`, RFC 7505: "this
    /// domain sends no mail"). Needs DNS.
    ///
    /// ## Why is this bad
    /// Receivers check that the sender's domain exists so that bounces can be delivered:
    /// Postfix `reject_unknown_sender_domain` answers `553 5.1.8 Sender address rejected:
    /// Domain not found`, and RFC 7505 §4.2 lets servers refuse mail from a null-MX domain
    /// (`550 5.7.27`). A typo in the From domain or a domain not yet delegated is the cause.
    ///
    /// ## Example
    /// ```text
    /// From: orders@acme-shop.example   (NXDOMAIN)
    /// ```
    ///
    /// ## How to fix
    /// Send from a domain you own and publish an MX (or A) record for it.
    ///
    /// ## References
    /// - RFC 5321 §5.1; RFC 7505 §4.2; Postfix `reject_unknown_sender_domain`; rspamd
    ///   `FROM_NO_MX`-style checks (`R_MX_INVALID`)
    pub FromDomainUnresolvable {
        code: "PS709",
        name: "from-domain-unresolvable",
        group: Auth,
        level: Deny,
        smtp: "553 5.1.8",
        score: 4.0,
        summary: "the From domain has no MX, A or AAAA record (or a null MX)",
        fix: "send from a domain that exists and publishes an MX record",
    }
}

impl Rule for FromDomainUnresolvable {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(dns) = ctx.dns() else { return };
        let Some((domain, span)) = super::from_domain(ctx) else {
            return;
        };
        match dns.mail_domain(&domain) {
            Lookup::Missing => {
                sink.report(
                    span,
                    format!("the From domain {domain} has no MX, A or AAAA record"),
                );
            }
            Lookup::Found(MailDomain::NullMx) => {
                sink.report(
                    span,
                    format!("the From domain {domain} has a null MX (MX 0 .): it declares that it sends and receives no mail"),
                );
            }
            Lookup::Found(_) | Lookup::Failed(_) => {}
        }
    }
}
