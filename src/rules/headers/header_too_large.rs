use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

/// Fields Gmail exempts from the per-field limit.
const EXEMPT: &[&str] = &["To", "Cc", "References"];

declare_rule! {
    /// ## What it does
    /// Checks the header against Gmail's published limits: one field over `max-field-size`
    /// (32 KiB; To, Cc and References are exempt), a header block over `max-header-size`
    /// (500 KiB), or more than `max-header-count` (5,000) fields.
    ///
    /// ## Why is this bad
    /// Gmail rejects such mail with `552 5.3.4` ("header … exceeds size limit"); other
    /// providers have similar or lower limits. Runaway headers usually come from a loop that
    /// appends instead of replacing (a growing `X-` header, a `References` chain copied forever).
    ///
    /// ## Example
    /// ```text
    /// X-Tracking: 4f1c…  (40,000 bytes)
    /// ```
    ///
    /// Use instead: keep custom headers short; put data in the body or behind an ID.
    ///
    /// ## How to fix
    /// Remove or shorten the oversized field; check that the code building headers does not
    /// append on every retry. Options: `[lint.header-too-large] max-field-size`,
    /// `max-header-size`, `max-header-count`.
    ///
    /// ## References
    /// - Gmail header limits, `552 5.3.4` (support.google.com/a/answer/14016360)
    /// - RFC 5322 §2.1.1; SpamAssassin `HEAD_LONG`
    pub HeaderTooLarge {
        code: "PS114",
        name: "header-too-large",
        group: Headers,
        level: Deny,
        smtp: "552 5.3.4",
        score: 3.0,
        summary: "a header field or the header block is over Gmail's size limits",
        fix: "shorten or remove the oversized header fields",
    }
}

impl Rule for HeaderTooLarge {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let limits = ctx.settings().options.header_size;
        let bytes = ctx.bytes();
        let headers = ctx.headers();
        for field in &headers.fields {
            let size = field.span.len() as u64;
            if size > limits.max_field_size && !EXEMPT.iter().any(|n| field.is(bytes, n)) {
                sink.report(
                    field.first_line(bytes),
                    format!(
                        "`{}` header is {size} bytes, over the {}-byte limit per field",
                        field.name(bytes),
                        limits.max_field_size
                    ),
                );
            }
        }
        let block = headers.end as u64;
        if block > limits.max_header_size {
            sink.report(
                0..0,
                format!(
                    "the header block is {block} bytes, over the {}-byte limit",
                    limits.max_header_size
                ),
            );
        }
        let count = headers.fields.len() as u64;
        if count > limits.max_header_count {
            sink.report(
                0..0,
                format!(
                    "the message has {count} header fields, over the limit of {}",
                    limits.max_header_count
                ),
            );
        }
    }
}
