use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags `http:` links and image sources (reported once per host).
    ///
    /// ## Why is this bad
    /// Plain HTTP links can be rewritten in transit, browsers warn on them, and filters
    /// count them against the sender (rspamd and SpamAssassin both weigh non-TLS links in
    /// phishing checks; Gmail shows a warning on insecure images). It is a small signal,
    /// but a cheap one to fix, so the rule reports at `info` level by default (a quarter
    /// of the real mail in the test corpus still has http links).
    ///
    /// ## Example
    /// ```text
    /// http://shop.example.com/orders/1042
    /// ```
    ///
    /// Use instead: `https://shop.example.com/orders/1042`.
    ///
    /// ## How to fix
    /// Serve the site over HTTPS and use `https:` in every link.
    ///
    /// ## References
    /// - Gmail sender guidelines (TLS); rspamd phishing checks on http links
    pub InsecureLink {
        code: "PS405",
        name: "insecure-link",
        group: Links,
        level: Info,
        smtp: "554 5.7.1",
        score: 0.5,
        summary: "a link or image uses plain http",
        fix: "use https: links",
    }
}

impl Rule for InsecureLink {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let mut hosts: Vec<String> = Vec::new();
        for link in &ctx.content().links {
            if link.scheme().as_deref() != Some("http") || super::is_local_host(link) {
                continue;
            }
            let host = link
                .url
                .as_ref()
                .and_then(|u| u.host_str())
                .unwrap_or("")
                .to_string();
            if hosts.contains(&host) {
                continue;
            }
            hosts.push(host);
            sink.report(
                link.span.clone(),
                format!(
                    "{} `{}` uses plain http",
                    link.source.describe(),
                    link.shown()
                ),
            );
        }
    }
}
