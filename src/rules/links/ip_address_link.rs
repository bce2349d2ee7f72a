use url::Host;

use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags web links whose host is an IP address instead of a domain name:
    /// `http://203.0.113.7/login`, `http://[2001:db8::1]/`, and the disguised forms browsers
    /// also accept (`http://3405803783/`, `http://0xCB.0.113.7/`), which the URL parser
    /// normalises to the same address.
    ///
    /// ## Why is this bad
    /// Legitimate senders link to their domain; a bare IP is a phishing hallmark.
    /// SpamAssassin scores `NUMERIC_HTTP_ADDR` and `HTTPS_IP_MISMATCH`, rspamd
    /// `HTTP_TO_IP` / `URI_COUNT_ODD`… and Microsoft treats them as phishing signals.
    ///
    /// ## Example
    /// ```text
    /// <a href="http://203.0.113.7/account">Sign in</a>
    /// ```
    ///
    /// Use instead: `https://account.example.com/`.
    ///
    /// ## How to fix
    /// Serve the page under a domain name and link to that.
    ///
    /// ## References
    /// - SpamAssassin `NUMERIC_HTTP_ADDR`; rspamd `HTTP_TO_IP`
    pub IpAddressLink {
        code: "PS402",
        name: "ip-address-link",
        group: Links,
        level: Warn,
        smtp: "554 5.7.1",
        score: 3.0,
        summary: "a link points at an IP address instead of a domain",
        fix: "link to a domain name, not an IP address",
    }
}

impl Rule for IpAddressLink {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for link in &ctx.content().links {
            let address = match link.host() {
                Some(Host::Ipv4(ip)) if !super::is_local_ip(ip.into()) => ip.to_string(),
                Some(Host::Ipv6(ip)) if !super::is_local_ip(ip.into()) => ip.to_string(),
                _ => continue,
            };
            let written = super::written_host(&link.raw);
            let disguise = if written.eq_ignore_ascii_case(&address)
                || written
                    .trim_matches(['[', ']'])
                    .eq_ignore_ascii_case(&address)
            {
                String::new()
            } else {
                format!(" (written `{written}`)")
            };
            sink.report(
                link.span.clone(),
                format!(
                    "{} `{}` points at the IP address {address}{disguise}",
                    link.source.describe(),
                    link.shown()
                ),
            );
        }
    }
}
