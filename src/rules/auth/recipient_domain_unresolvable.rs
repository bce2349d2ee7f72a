use std::collections::HashSet;

use crate::context::CheckContext;
use crate::declare_rule;
use crate::dns::{Lookup, MailDomain};
use crate::rules::addresses::{domain_of, parse_address_list};
use crate::rules::{Rule, Sink};

/// At most this many distinct recipient domains are resolved per message.
const MAX_DOMAINS: usize = 50;

declare_rule! {
    /// ## What it does
    /// Resolves the domain of every recipient in To, Cc and Bcc, and of the envelope
    /// recipients (`--rcpt`, the lettre envelope): each needs an MX record or an A/AAAA
    /// record. Reports a domain with neither, and a null MX (RFC 7505). Needs DNS.
    ///
    /// ## Why is this bad
    /// Mail to a domain that does not exist bounces: `550 5.1.2 Host unknown` (or `5.1.1`
    /// from a relay that checks), and every such bounce counts against the sender's
    /// reputation. Typos (`gmial.com` is `recipient-domain-typo`), expired domains and test
    /// data left in templates are the causes.
    ///
    /// ## Example
    /// ```text
    /// To: jane@no-such-domain.example
    /// ```
    ///
    /// ## How to fix
    /// Correct or remove the address; validate addresses when they are collected.
    ///
    /// ## References
    /// - RFC 5321 §5.1; RFC 3463 5.1.2; RFC 7505; Sisimai `HostUnknown`
    pub RecipientDomainUnresolvable {
        code: "PS710",
        name: "recipient-domain-unresolvable",
        group: Auth,
        level: Deny,
        smtp: "550 5.1.2",
        score: 4.0,
        summary: "a recipient's domain has no MX, A or AAAA record (or a null MX)",
        fix: "correct or remove the recipient address",
    }
}

impl Rule for RecipientDomainUnresolvable {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(dns) = ctx.dns() else { return };
        let mut recipients: Vec<(String, std::ops::Range<usize>)> = Vec::new();
        for name in ["To", "Cc", "Bcc"] {
            for field in ctx.fields(name) {
                let Ok(list) = parse_address_list(&field.unfolded(ctx.bytes())) else {
                    continue;
                };
                let span = field.first_line(ctx.bytes());
                recipients.extend(list.into_iter().map(|m| (m.addr_spec, span.clone())));
            }
        }
        let envelope = ctx.envelope().map(|e| e.rcpt_to.as_slice()).unwrap_or(&[]);
        for rcpt in ctx
            .settings()
            .options
            .content
            .envelope_recipients
            .iter()
            .chain(envelope)
        {
            recipients.push((rcpt.trim().to_string(), ctx.line_at(0)));
        }
        let mut judged = HashSet::new();
        for (address, span) in recipients {
            let Some(domain) = domain_of(&address) else {
                continue;
            };
            if domain.is_empty() || !judged.insert(domain.clone()) {
                continue;
            }
            if judged.len() > MAX_DOMAINS {
                break;
            }
            match dns.mail_domain(&domain) {
                Lookup::Missing => {
                    sink.report(
                        span,
                        format!("{address}: the domain {domain} has no MX, A or AAAA record"),
                    );
                }
                Lookup::Found(MailDomain::NullMx) => {
                    sink.report(
                        span,
                        format!("{address}: the domain {domain} has a null MX (MX 0 .) and accepts no mail"),
                    );
                }
                Lookup::Found(_) | Lookup::Failed(_) => {}
            }
        }
    }
}
