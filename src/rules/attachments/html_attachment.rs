use crate::context::CheckContext;
use crate::declare_rule;
use crate::inspect::sniff::Family;
use crate::rules::{Rule, Sink};

/// Extensions of HTML documents.
const HTML_EXTENSIONS: &[&str] = &["htm", "html", "shtm", "shtml", "xhtml", "mht", "mhtml"];

declare_rule! {
    /// ## What it does
    /// Flags HTML files sent as attachments (`.htm`, `.html`, `.shtml`, `.mht`…, or a named
    /// attachment whose content is HTML). The message's own HTML body is not an attachment
    /// and is not reported.
    ///
    /// ## Why is this bad
    /// An HTML attachment opens in the browser with local-file privileges and can assemble a
    /// payload there ("HTML smuggling") or show a fake login page; it is a top phishing
    /// vector. rspamd lists htm/html/shtm/shtml in `bad_extensions`, SpamAssassin scores
    /// `HTML_ATTACH`, Outlook on the web blocks `.mht`/`.mhtml`, and many gateways reject it.
    ///
    /// ## Example
    /// ```text
    /// Content-Disposition: attachment; filename="invoice.html"
    /// ```
    ///
    /// Use instead: put the content in the HTML body, or attach a PDF.
    ///
    /// ## How to fix
    /// Render the content into the message body or a PDF instead of attaching a page.
    ///
    /// ## References
    /// - rspamd `bad_extensions` htm/html/shtm/shtml (PR #4519); SpamAssassin `HTML_ATTACH`
    pub HtmlAttachment {
        code: "PS309",
        name: "html-attachment",
        group: Attachments,
        level: Warn,
        smtp: "554 5.7.1",
        score: 2.0,
        summary: "an attachment is an HTML file (HTML smuggling, phishing pages)",
        fix: "put the content in the message body or attach a PDF instead",
    }
}

impl Rule for HtmlAttachment {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for attachment in ctx.attachments() {
            if attachment.name.is_none() {
                continue;
            }
            let by_name = attachment
                .extension()
                .filter(|e| HTML_EXTENSIONS.contains(&e.as_str()));
            let by_content = attachment.sniffed.is_some_and(|s| s.family == Family::Html);
            let why = match by_name {
                Some(ext) => format!("is an `.{ext}` file"),
                None if by_content => "contains an HTML page".to_string(),
                None => continue,
            };
            sink.report(
                attachment.span.clone(),
                format!("{} {why}, which opens in the browser", attachment.label()),
            );
        }
    }
}
