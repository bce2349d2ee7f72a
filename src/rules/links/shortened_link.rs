use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags links whose host is a URL shortener or open redirector (bit.ly, t.co, tinyurl.com,
    /// … — about 1,400 domains from SpamAssassin's `url_shortener` list and rspamd's
    /// `redirectors` map), including any subdomain of a listed `.domain`.
    ///
    /// ## Why is this bad
    /// A shortener hides where the link goes, so spammers use them, and filters punish them:
    /// SpamAssassin `URI_SHORTENER` / `SHORT_URL_*`, rspamd `REDIRECTOR_URL`; Gmail's
    /// guidelines say not to use them in bulk mail. A shortener that is itself listed on a
    /// URI blocklist sinks the whole message (`554 5.7.1`).
    ///
    /// ## Example
    /// ```text
    /// Track your order: https://bit.ly/3xYz
    /// ```
    ///
    /// Use instead: `https://shop.example.com/orders/1042`.
    ///
    /// ## How to fix
    /// Link to the final URL on your own domain (track clicks there if you need to).
    /// Configure extra shorteners with `[lint.links] shorteners = ["..", "go.example"]`
    /// (`".."` keeps the built-in list).
    ///
    /// ## References
    /// - SpamAssassin `25_url_shortener.cf` (`URI_SHORTENER`); rspamd `REDIRECTOR_URL`
    /// - Gmail bulk sender guidelines: "Don't use URL shorteners"
    pub ShortenedLink {
        code: "PS401",
        name: "shortened-link",
        group: Links,
        level: Warn,
        smtp: "554 5.7.1",
        score: 2.0,
        summary: "a link goes through a URL shortener or redirector",
        fix: "link to the final URL on your own domain",
    }
}

impl Rule for ShortenedLink {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.links;
        // A newsletter's links share a few domains: each is looked up once.
        let mut judged: std::collections::HashMap<
            &str,
            Option<String>,
            foldhash::fast::RandomState,
        > = Default::default();
        for link in &ctx.content().links {
            let Some(domain) = link.domain() else {
                continue;
            };
            let listed = judged
                .entry(domain)
                .or_insert_with(|| crate::content::shorteners::listed(domain, &options.shorteners));
            if let Some(listed) = listed {
                sink.report(
                    link.span.clone(),
                    format!(
                        "{} `{}` goes through the URL shortener `{listed}`",
                        link.source.describe(),
                        link.shown()
                    ),
                );
            }
        }
    }
}
