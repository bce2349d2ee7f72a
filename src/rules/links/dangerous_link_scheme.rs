use crate::content::LinkSource;
use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags links with a scheme that runs code or reaches local files: `javascript:`,
    /// `vbscript:`, `file:`, and `data:` in a link or form (a `data:` image is left alone).
    ///
    /// ## Why is this bad
    /// Mail clients never run them, and filters treat them as an attack: rspamd and
    /// Microsoft Defender flag script URLs, SpamAssassin scores `HTML_JAVASCRIPT`-style
    /// content; `data:text/html` links are a known phishing carrier.
    ///
    /// ## Example
    /// ```html
    /// <a href="javascript:openInvoice()">Open invoice</a>
    /// ```
    ///
    /// Use instead: `<a href="https://shop.example.com/invoices/1042">`.
    ///
    /// ## How to fix
    /// Link to an https page.
    ///
    /// ## References
    /// - rspamd url checks; Microsoft Defender for Office 365 (malicious URL patterns)
    pub DangerousLinkScheme {
        code: "PS406",
        name: "dangerous-link-scheme",
        group: Links,
        level: Deny,
        smtp: "554 5.7.1",
        score: 4.0,
        summary: "a link uses javascript:, vbscript:, data: or file:",
        fix: "link to an https page instead",
    }
}

impl Rule for DangerousLinkScheme {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for link in &ctx.content().links {
            let Some(scheme) = link.scheme() else {
                continue;
            };
            let dangerous = match scheme.as_ref() {
                "javascript" | "vbscript" | "file" => true,
                "data" => link.source != LinkSource::ImgSrc,
                _ => false,
            };
            if dangerous {
                sink.report(
                    link.span.clone(),
                    format!(
                        "{} uses the `{scheme}:` scheme (`{}`)",
                        link.source.describe(),
                        crate::rules::sample(&link.raw, 60)
                    ),
                );
            }
        }
    }
}
