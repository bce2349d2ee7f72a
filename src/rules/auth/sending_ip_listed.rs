use crate::context::CheckContext;
use crate::declare_rule;
use crate::dns::blocklist::{Answer, interpret};
use crate::dns::{Lookup, reverse_name};
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Queries each address in `[auth] sending-ips` on every DNS blocklist of
    /// `[dns] ip-blocklists` (`<reversed ip>.<zone>` A) and reports a listing, with the
    /// operator's meaning of the return code (Spamhaus ZEN: 127.0.0.2 SBL, .3 CSS, .4–.7 XBL,
    /// .9 DROP, .10–.11 PBL). `127.255.255.x` is "query refused" (a public resolver, too many
    /// queries), not a listing, and answers outside 127/8 are ignored. Needs DNS.
    ///
    /// ## Why is this bad
    /// A listed address is refused at connection time by every server that uses the list:
    /// the classic `554 5.7.1 Service unavailable; Client host [192.0.2.10] blocked using
    /// zen.spamhaus.org`.
    ///
    /// ## Example
    /// ```toml
    /// [dns]
    /// ip-blocklists = ["zen.spamhaus.org"]
    /// ```
    ///
    /// ## How to fix
    /// Find and stop the cause (an infected host, a leaked account), then request delisting
    /// from the operator; send through a relay with a clean address meanwhile.
    ///
    /// ## References
    /// - RFC 5782; Spamhaus return codes; SpamAssassin `RCVD_IN_*`; rspamd `RBL_*`
    pub SendingIpListed {
        code: "PS712",
        name: "sending-ip-listed",
        group: Auth,
        level: Deny,
        smtp: "554 5.7.1",
        score: 5.0,
        summary: "a sending IP is listed on a DNS blocklist",
        fix: "stop the cause and request delisting, or send through a clean relay",
    }
}

impl Rule for SendingIpListed {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(dns) = ctx.dns() else { return };
        for &ip in &ctx.settings().auth.sending_ips {
            for zone in &dns.settings().ip_blocklists {
                let Lookup::Found(codes) = dns.ipv4(&reverse_name(ip, zone)) else {
                    continue;
                };
                for code in codes {
                    if let Answer::Listed(meaning) = interpret(zone, code) {
                        sink.report(
                            ctx.line_at(0),
                            format!("sending IP {ip} is listed on {zone}: {meaning}"),
                        );
                    }
                }
            }
        }
    }
}
