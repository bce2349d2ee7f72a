// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags `<script>`, `<form>`, `<iframe>`, `<object>`, `<embed>` and `<applet>` in an HTML
    /// body.
    ///
    /// ## Why is this bad
    /// No mail client runs them, and filters read them as an attack or phishing form:
    /// SpamAssassin `HTML_IFRAME_SRC`, `HTML_EMBEDS`, `HTML_FORMACTION_*`; rspamd scores forms
    /// and scripts in phishing checks; Gmail strips them.
    ///
    /// ## Example
    /// ```html
    /// <form action="https://login.example.net/"><input name="password"></form>
    /// ```
    ///
    /// ## How to fix
    /// Link to a page on your site for anything interactive.
    ///
    /// ## References
    /// - SpamAssassin `HTML_IFRAME_SRC`, `HTML_EMBEDS`, `HTML_FORMACTION_MAILTO`
    pub ScriptOrForm {
        code: "PS510",
        name: "script-or-form",
        group: Content,
        level: Warn,
        smtp: "554 5.7.1",
        score: 3.0,
        summary: "the HTML contains script, form, iframe, object or embed elements",
        fix: "link to a web page instead of embedding active content",
    }
}

impl Rule for ScriptOrForm {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for part in &ctx.content().parts {
            let Some(html) = &part.html else { continue };
            if html.active.is_empty() {
                continue;
            }
            let tags: Vec<String> = html.active.iter().map(|t| format!("<{t}>")).collect();
            let first = format!("<{}", html.active[0]);
            let span = memchr::memmem::find(&ctx.bytes()[part.body.clone()], first.as_bytes())
                .map(|at| ctx.line_at(part.body.start + at))
                .unwrap_or_else(|| part.span.clone());
            sink.report(span, format!("the HTML contains {}", tags.join(", ")));
        }
    }
}
