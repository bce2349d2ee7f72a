//! Bulk-sender rules (PS6xx): the 2024 Gmail and Yahoo requirements for bulk mail.

mod missing_list_unsubscribe;
mod missing_one_click_unsubscribe;

pub use missing_list_unsubscribe::MissingListUnsubscribe;
pub use missing_one_click_unsubscribe::MissingOneClickUnsubscribe;

use crate::context::CheckContext;
use crate::settings::BulkMode;

/// Whether the message is bulk mail: by configuration, or (`auto`) by `Precedence: bulk` /
/// `list`, a `List-Id` or a `List-Unsubscribe` header — unless it is an automatic reply or a
/// delivery report (RFC 3834 `Auto-Submitted`, `multipart/report`), which use
/// `Precedence: bulk` to stop loops, not to mark marketing mail.
pub(crate) fn is_bulk(ctx: &CheckContext<'_>) -> bool {
    match ctx.settings().options.bulk.mode {
        BulkMode::Always => true,
        BulkMode::Never => false,
        BulkMode::Auto => {
            let precedence = ctx
                .field("Precedence")
                .map(|f| f.unfolded(ctx.bytes()).trim().to_ascii_lowercase());
            let listed = matches!(precedence.as_deref(), Some("bulk" | "list"))
                || ctx.field("List-Id").is_some()
                || ctx.field("List-Unsubscribe").is_some();
            listed && !is_automatic_reply(ctx)
        }
    }
}

/// RFC 3834 auto-replies and RFC 3464/6522 reports.
fn is_automatic_reply(ctx: &CheckContext<'_>) -> bool {
    let auto_submitted = ctx
        .field("Auto-Submitted")
        .map(|f| f.unfolded(ctx.bytes()).trim().to_ascii_lowercase())
        .is_some_and(|v| v != "no");
    let report = ctx
        .field("Content-Type")
        .map(|f| f.unfolded(ctx.bytes()).to_ascii_lowercase())
        .is_some_and(|v| v.trim_start().starts_with("multipart/report"));
    auto_submitted || report
}
