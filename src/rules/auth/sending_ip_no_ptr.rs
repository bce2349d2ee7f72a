use std::net::IpAddr;

use crate::context::CheckContext;
use crate::declare_rule;
use crate::dns::Lookup;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// For each address in `[auth] sending-ips`, looks up its PTR record and checks that the
    /// name resolves back to the address (forward-confirmed reverse DNS). Reports an address
    /// with no PTR or whose PTR names do not resolve back to it. Needs DNS and `sending-ips`.
    ///
    /// ## Why is this bad
    /// Gmail answers `550 5.7.25 The IP address sending this message does not have a PTR
    /// record setup` (and `550 5.7.1` over IPv6); many servers greylist or refuse hosts
    /// without forward-confirmed rDNS (SpamAssassin `RDNS_NONE`, rspamd `RDNS_NONE`).
    ///
    /// ## Example
    /// ```text
    /// 10.2.0.192.in-addr.arpa  PTR  (none)
    /// ```
    ///
    /// ## How to fix
    /// Ask whoever owns the address (the hosting provider) to set a PTR to a name whose A
    /// record is the address, ideally a name in your domain.
    ///
    /// ## References
    /// - RFC 8601 §3 (iprev); Gmail 550 5.7.25; SpamAssassin `RDNS_NONE`; rspamd
    ///   `HFILTER_HOSTNAME_UNKNOWN`
    pub SendingIpNoPtr {
        code: "PS711",
        name: "sending-ip-no-ptr",
        group: Auth,
        level: Deny,
        smtp: "550 5.7.25",
        score: 3.0,
        summary: "a sending IP has no PTR record, or its PTR name does not resolve back to it",
        fix: "set a PTR for the sending IP to a name whose A/AAAA record is that IP",
    }
}

impl Rule for SendingIpNoPtr {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(dns) = ctx.dns() else { return };
        for &ip in &ctx.settings().auth.sending_ips {
            let names = match dns.ptr(ip) {
                Lookup::Found(names) => names,
                Lookup::Missing => {
                    sink.report(ctx.line_at(0), format!("sending IP {ip} has no PTR record"));
                    continue;
                }
                Lookup::Failed(_) => continue,
            };
            let confirms = |name: &str| match ip {
                IpAddr::V4(v4) => matches!(dns.ipv4(name), Lookup::Found(a) if a.contains(&v4)),
                IpAddr::V6(v6) => matches!(dns.ipv6(name), Lookup::Found(a) if a.contains(&v6)),
            };
            if !names.iter().any(|n| confirms(n)) {
                let shown: Vec<&str> = names.iter().map(|n| n.trim_end_matches('.')).collect();
                sink.report(
                    ctx.line_at(0),
                    format!(
                        "sending IP {ip} has PTR {}, which does not resolve back to {ip}",
                        shown.join(", ")
                    ),
                );
            }
        }
    }
}
