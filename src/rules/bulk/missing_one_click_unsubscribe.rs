use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// For a message with a `List-Unsubscribe` header, checks the RFC 8058
    /// one-click pair: `List-Unsubscribe` must hold an `https:` URI in angle brackets, and
    /// `List-Unsubscribe-Post` must be exactly `List-Unsubscribe=One-Click`.
    ///
    /// ## Why is this bad
    /// Gmail and Yahoo accept only the one-click form for bulk mail; a `mailto:`-only header,
    /// an `http:` URI, or a missing Post header does not satisfy the requirement.
    ///
    /// ## Example
    /// ```text
    /// List-Unsubscribe: <mailto:unsub@shop.example.com>
    /// ```
    ///
    /// ## How to fix
    /// ```text
    /// List-Unsubscribe: <https://shop.example.com/unsubscribe?u=123>, <mailto:unsub@shop.example.com>
    /// List-Unsubscribe-Post: List-Unsubscribe=One-Click
    /// ```
    ///
    /// ## References
    /// - RFC 8058 §3.1; Gmail email sender guidelines (answer 81126)
    pub MissingOneClickUnsubscribe {
        code: "PS602",
        name: "missing-one-click-unsubscribe",
        group: Bulk,
        level: Deny,
        smtp: "550 5.7.1",
        score: 3.0,
        summary: "List-Unsubscribe lacks an https URI or the RFC 8058 List-Unsubscribe-Post header",
        fix: "add an https unsubscribe URI and `List-Unsubscribe-Post: List-Unsubscribe=One-Click`",
    }
}

impl Rule for MissingOneClickUnsubscribe {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let Some(unsubscribe) = ctx.field("List-Unsubscribe") else {
            return;
        };
        if ctx.settings().options.bulk.mode == crate::settings::BulkMode::Never {
            return;
        }
        let value = unsubscribe.unfolded(ctx.bytes());
        let has_https = value
            .split(',')
            .filter_map(|item| item.trim().strip_prefix('<')?.split('>').next())
            .any(|uri| uri.trim().to_ascii_lowercase().starts_with("https://"));
        let span = unsubscribe.first_line(ctx.bytes());
        if !has_https {
            sink.report(
                span.clone(),
                "List-Unsubscribe has no <https://…> URI, so one-click unsubscribe is impossible",
            );
        }
        match ctx.field("List-Unsubscribe-Post") {
            None => {
                sink.report(
                    span,
                    "List-Unsubscribe-Post: List-Unsubscribe=One-Click is missing (RFC 8058)",
                );
            }
            Some(post) => {
                let value = post.unfolded(ctx.bytes());
                if value.trim() != "List-Unsubscribe=One-Click" {
                    sink.report(
                        post.first_line(ctx.bytes()),
                        format!(
                            "List-Unsubscribe-Post is `{}`, not `List-Unsubscribe=One-Click`",
                            value.trim()
                        ),
                    );
                }
            }
        }
    }
}
