// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]
use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Finds template syntax that was not rendered: `{{ first_name }}`, `{% if %}`, `${name}`,
    /// `%FIRSTNAME%`, `*|FNAME|*`, `[[name]]`, `<%= name %>`, `#{name}` — in the Subject, the
    /// From/To display names, the visible text and the link URLs.
    ///
    /// Text inside `<pre>` or `<code>` is not checked: that is where a message shows template
    /// syntax on purpose (documentation, support replies).
    ///
    /// ## Why is this bad
    /// Every recipient sees `Hi {{ first_name }}`; SpamAssassin scores `UNRESOLVED_TEMPLATE`
    /// (up to 3.0), and a link with `{{url}}` in it is dead.
    ///
    /// ## Example
    /// ```text
    /// Subject: {{ first_name }}, your order has shipped
    /// ```
    ///
    /// ## How to fix
    /// Fix the variable name or pass the missing value when rendering.
    ///
    /// ## References
    /// - SpamAssassin `UNRESOLVED_TEMPLATE`, `PERCENT_RANDOM`
    pub UnresolvedPlaceholder {
        code: "PS508",
        name: "unresolved-placeholder",
        group: Content,
        level: Deny,
        smtp: "554 5.7.1",
        score: 3.0,
        summary: "template syntax was left in the message",
        fix: "fix the template variable or the data passed to it",
    }
}

impl Rule for UnresolvedPlaceholder {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let header_fields = ["Subject", "From", "To", "Reply-To"];
        for name in header_fields {
            for field in ctx.fields(name) {
                // Folding only adds line breaks before whitespace, which no opener holds:
                // the raw value shows whether unfolding is worth it.
                if !super::may_hold_placeholder(&ctx.bytes()[field.value.clone()]) {
                    continue;
                }
                let value = field.unfolded(ctx.bytes());
                if let Some(found) = super::placeholder(&value) {
                    sink.report(
                        field.first_line(ctx.bytes()),
                        format!("the {name} header contains the unrendered placeholder `{found}`"),
                    );
                }
            }
        }
        let content = ctx.content();
        for part in &content.parts {
            let code = part.html.as_ref().map_or("", |h| h.code.as_str());
            if let Some(found) =
                super::placeholder(&part.visible).filter(|f| !code.contains(f.as_str()))
            {
                let span = memchr::memmem::find(&ctx.bytes()[part.body.clone()], found.as_bytes())
                    .map(|at| ctx.line_at(part.body.start + at))
                    .unwrap_or_else(|| part.span.clone());
                sink.report(
                    span,
                    format!("the body contains the unrendered placeholder `{found}`"),
                );
            }
        }
        for link in &content.links {
            let decoded: std::borrow::Cow<'_, str> = if link.raw.contains("%7") {
                link.raw
                    .replace("%7B", "{")
                    .replace("%7D", "}")
                    .replace("%7b", "{")
                    .replace("%7d", "}")
                    .into()
            } else {
                link.raw.as_str().into()
            };
            if let Some(found) = super::placeholder(&decoded) {
                sink.report(
                    link.span.clone(),
                    format!(
                        "{} `{}` contains the unrendered placeholder `{found}`",
                        link.source.describe(),
                        link.shown()
                    ),
                );
            }
        }
    }
}
