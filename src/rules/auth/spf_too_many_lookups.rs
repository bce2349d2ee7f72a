use std::collections::HashSet;

use mail_auth::spf::{Macro, Mechanism, Spf};

use crate::context::CheckContext;
use crate::declare_rule;
use crate::dns::{Dns, Lookup};
use crate::rules::{Rule, Sink};

/// RFC 7208 §4.6.4: at most 10 mechanisms and modifiers that query DNS.
pub(crate) const MAX_LOOKUPS: usize = 10;

declare_rule! {
    /// ## What it does
    /// Counts the DNS-querying terms of the envelope sender's SPF record, following every
    /// `include:` and `redirect=`: `include`, `a`, `mx`, `ptr`, `exists` and `redirect` each
    /// cost one lookup. Reports more than 10. Needs DNS.
    ///
    /// ## Why is this bad
    /// RFC 7208 §4.6.4 makes an evaluation that needs more than 10 lookups a `permerror`,
    /// which DMARC treats as an SPF fail: every receiver then rejects or junks mail that SPF
    /// would have passed (Gmail `550 5.7.24`, Microsoft `550 5.7.23`). It creeps in as ESPs
    /// are added one `include:` at a time.
    ///
    /// ## Example
    /// ```text
    /// v=spf1 include:a.example include:b.example … include:k.example -all   (11 includes)
    /// ```
    ///
    /// ## How to fix
    /// Remove unused includes, replace `a`/`mx`/`ptr` with `ip4:`/`ip6:`, or flatten the
    /// providers' ranges into the record.
    ///
    /// ## References
    /// - RFC 7208 §4.6.4; checkdmarc `TooManyDNSLookups`; SpamAssassin `T_SPF_PERMERROR`;
    ///   rspamd `R_SPF_PERMFAIL`
    pub SpfTooManyLookups {
        code: "PS707",
        name: "spf-too-many-lookups",
        group: Auth,
        level: Deny,
        smtp: "550 5.7.24",
        score: 3.0,
        summary: "the SPF record needs more than 10 DNS lookups",
        fix: "cut the SPF record to at most 10 include/a/mx/ptr/exists/redirect terms",
    }
}

/// The domain a macro-string names, when it is a plain literal (no `%{…}` macros).
fn literal(domain: &Macro) -> Option<String> {
    match domain {
        Macro::Literal(bytes) => Some(String::from_utf8_lossy(bytes).into_owned()),
        _ => None,
    }
}

/// The number of DNS lookups evaluating the SPF record of `domain` costs, and the
/// `include:`/`redirect=` chain in the order it is followed.
pub(crate) fn lookup_count(dns: &Dns, domain: &str) -> (usize, Vec<String>) {
    let mut seen = HashSet::new();
    let mut chain = Vec::new();
    let count = count(dns, domain, &mut seen, &mut chain, 0);
    (count, chain)
}

fn count(
    dns: &Dns,
    domain: &str,
    seen: &mut HashSet<String>,
    chain: &mut Vec<String>,
    depth: usize,
) -> usize {
    // A loop or an absurd depth is already far past the limit; stop walking.
    if depth > MAX_LOOKUPS || !seen.insert(domain.to_ascii_lowercase()) {
        return 0;
    }
    let Lookup::Found(record) = dns.txt::<Spf>(domain) else {
        return 0;
    };
    let mut total = 0;
    let mut follow = |target: Option<String>, total: &mut usize| {
        *total += 1;
        if let Some(target) = target {
            chain.push(target.clone());
            *total += count(dns, &target, seen, chain, depth + 1);
        }
    };
    for directive in record.directives.iter() {
        match &directive.mechanism {
            Mechanism::Include { macro_string } => follow(literal(macro_string), &mut total),
            Mechanism::A { .. }
            | Mechanism::Mx { .. }
            | Mechanism::Ptr { .. }
            | Mechanism::Exists { .. } => total += 1,
            Mechanism::All | Mechanism::Ip4 { .. } | Mechanism::Ip6 { .. } => {}
        }
    }
    if let Some(redirect) = &record.redirect {
        follow(literal(redirect), &mut total);
    }
    total
}

impl Rule for SpfTooManyLookups {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(dns) = ctx.dns() else { return };
        let Some((sender, span)) = super::spf_sender(ctx) else {
            return;
        };
        let domain = super::sender_domain(&sender);
        let (lookups, chain) = lookup_count(dns, &domain);
        if lookups > MAX_LOOKUPS {
            let shown: Vec<&str> = chain.iter().take(12).map(String::as_str).collect();
            sink.report(
                span,
                format!(
                    "the SPF record of {domain} needs {lookups} DNS lookups (at most {MAX_LOOKUPS}): {}{}",
                    shown.join(", "),
                    if chain.len() > shown.len() { ", …" } else { "" }
                ),
            );
        }
    }
}
