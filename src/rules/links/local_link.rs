use url::Host;

use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

/// Top-level names reserved for local or internal use (RFC 6761, RFC 6762, ICANN's
/// `.internal`).
const LOCAL_SUFFIXES: &[&str] = &[
    "localhost",
    "local",
    "test",
    "internal",
    "invalid",
    "lan",
    "home.arpa",
];

declare_rule! {
    /// ## What it does
    /// Flags links that can only work on the sender's own machine or network: `localhost`
    /// (and `*.localhost`), loopback, private (RFC 1918, fc00::/7) and link-local addresses,
    /// and hosts under `.local`, `.test`, `.internal`, `.invalid`, `.lan`, `.home.arpa` —
    /// typically a staging or development URL that leaked into a template.
    ///
    /// ## Why is this bad
    /// Every recipient gets a dead link; filters read links to private addresses as
    /// malformed or malicious (rspamd `HTTP_TO_IP`, SpamAssassin `NUMERIC_HTTP_ADDR`) and
    /// the message looks broken to the people who click.
    ///
    /// ## Example
    /// ```text
    /// Confirm your address: http://localhost:3000/confirm?token=abc
    /// ```
    ///
    /// Use instead: `https://shop.example.com/confirm?token=abc`.
    ///
    /// ## How to fix
    /// Build links from the production base URL (check the environment the template is
    /// rendered in).
    ///
    /// ## References
    /// - RFC 6761 (special-use domain names), RFC 1918, RFC 4193
    pub LocalLink {
        code: "PS403",
        name: "local-link",
        group: Links,
        level: Deny,
        smtp: "554 5.7.1",
        score: 3.0,
        summary: "a link points at localhost, a private address or an internal host name",
        fix: "build links from the production base URL",
    }
}

impl Rule for LocalLink {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for link in &ctx.content().links {
            let why = match link.host() {
                Some(Host::Ipv4(ip)) if super::is_local_ip(ip.into()) => {
                    format!("the private or loopback address {ip}")
                }
                Some(Host::Ipv6(ip)) if super::is_local_ip(ip.into()) => {
                    format!("the private or loopback address {ip}")
                }
                Some(Host::Domain(domain)) => {
                    let domain = domain.trim_end_matches('.');
                    let Some(suffix) = LOCAL_SUFFIXES
                        .iter()
                        .find(|s| crate::content::links::is_under(domain, s))
                    else {
                        continue;
                    };
                    if domain == "localhost" {
                        "localhost".to_string()
                    } else {
                        format!("`{domain}`, a name under the local-only `.{suffix}`")
                    }
                }
                _ => continue,
            };
            sink.report(
                link.span.clone(),
                format!(
                    "{} `{}` points at {why}, which recipients cannot reach",
                    link.source.describe(),
                    link.shown()
                ),
            );
        }
    }
}
