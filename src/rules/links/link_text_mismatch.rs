use crate::content::LinkSource;
use crate::content::links::registrable_domain;
use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags HTML links whose visible text shows a URL or domain name that belongs to a
    /// different registrable domain than the link's target: `<a href="https://evil.example">
    /// https://bank.example.com</a>`. Domains are compared by registrable domain (public
    /// suffix list), so `www.shop.example.com` text over `https://links.shop.example.com/…`
    /// is fine.
    ///
    /// ## Why is this bad
    /// It is how phishing disguises a link, and filters check it: SpamAssassin
    /// `HTTPS_HTTP_MISMATCH` / `URI_MISMATCH`-style rules, rspamd `PHISHING` (up to 5
    /// points). Legitimate mail hits it through click-tracking domains — which is still
    /// what the filter sees.
    ///
    /// ## Example
    /// ```html
    /// <a href="https://click.tracker.example/r/123">https://shop.example.com/order</a>
    /// ```
    ///
    /// Use instead: link text that is not a URL ("View your order"), or a tracking domain
    /// under your own domain (`click.shop.example.com`).
    ///
    /// ## How to fix
    /// Use words as link text, or make the link go where its text says.
    ///
    /// ## References
    /// - rspamd `PHISHING` (phishing.lua); SpamAssassin `HTTPS_HTTP_MISMATCH`
    pub LinkTextMismatch {
        code: "PS404",
        name: "link-text-mismatch",
        group: Links,
        level: Warn,
        smtp: "554 5.7.1",
        score: 4.0,
        summary: "a link's text shows a different domain than where it goes",
        fix: "use words as link text, or link to the domain the text shows",
    }
}

/// The domain shown by anchor text that looks like a URL or a bare domain name.
fn shown_domain(text: &str) -> Option<String> {
    let text = text.trim().trim_end_matches(['/', '.', ',']);
    if text.is_empty() || text.contains(char::is_whitespace) || text.contains('@') {
        return None;
    }
    let with_scheme = if text.contains("://") {
        text.to_string()
    } else {
        format!("http://{text}")
    };
    let url = url::Url::parse(&with_scheme).ok()?;
    let domain = url.domain()?.trim_end_matches('.').to_string();
    // A bare word with a dot (`Node.js`, `v1.2`) is not a domain: require a known suffix.
    let suffix = psl::suffix_str(&domain)?;
    let known = psl::suffix(domain.as_bytes()).is_some_and(|s| s.is_known());
    (known && domain.len() > suffix.len() && domain.contains('.')).then_some(domain)
}

impl Rule for LinkTextMismatch {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for link in &ctx.content().links {
            if link.source != LinkSource::Href {
                continue;
            }
            let (Some(anchor), Some(target)) = (link.anchor.as_deref(), link.domain()) else {
                continue;
            };
            let Some(shown) = shown_domain(anchor) else {
                continue;
            };
            if registrable_domain(&shown) != registrable_domain(target) {
                sink.report(
                    link.span.clone(),
                    format!(
                        "a link shows `{}` but goes to `{target}`",
                        crate::rules::sample(anchor, 60)
                    ),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::shown_domain;

    #[test]
    fn recognises_domains_in_text() {
        assert_eq!(
            shown_domain("https://Bank.example.com/login").as_deref(),
            Some("bank.example.com")
        );
        assert_eq!(
            shown_domain("www.shop.co.uk").as_deref(),
            Some("www.shop.co.uk")
        );
        assert_eq!(shown_domain("View your order"), None);
        assert_eq!(shown_domain("Node.js"), None);
        assert_eq!(shown_domain("v1.2"), None);
        assert_eq!(shown_domain("alice@example.com"), None);
    }
}
