use crate::context::CheckContext;
use crate::declare_rule;
use crate::inspect::extensions::{self, Provider};
use crate::rules::{Rule, Sink};
use crate::settings::AttachmentOptions;

declare_rule! {
    /// ## What it does
    /// Checks each attachment's file extension — case-insensitive, trailing dots and spaces
    /// ignored, as Windows ignores them — against the built-in blocked list: the union of
    /// Gmail's blocked file types, Microsoft 365's common attachments filter and Outlook on the
    /// web's default `BlockedFileTypes`. The message names every provider that blocks it.
    ///
    /// ## Why is this bad
    /// Gmail refuses the whole message with `552 5.7.0 … blocked because its content presents a
    /// potential security issue` (illegal attachment); Microsoft 365 rejects it with an NDR
    /// (`550 5.0.350`); Outlook on the web hides the file from the recipient.
    ///
    /// ## Example
    /// ```text
    /// Content-Disposition: attachment; filename="setup.exe"
    /// ```
    ///
    /// Use instead: a download link to the installer on your site.
    ///
    /// ## How to fix
    /// Link to the file instead of attaching it. Options (`[lint.attachments]`):
    /// `blocked-extensions = ["xyz"]` adds to the list, `allowed-extensions = ["cer"]` removes
    /// from it.
    ///
    /// ## References
    /// - Gmail "File types blocked in Gmail" (support.google.com/mail/answer/6590), `552 5.7.0`
    /// - Microsoft `Set-MalwareFilterPolicy` FileTypes, `Set-OwaMailboxPolicy` BlockedFileTypes
    /// - rspamd `MIME_BAD_EXTENSION`; SpamAssassin `MICROSOFT_EXECUTABLE`
    pub BlockedAttachment {
        code: "PS303",
        name: "blocked-attachment",
        group: Attachments,
        level: Deny,
        smtp: "552 5.7.0",
        score: 8.0,
        summary: "an attachment has a file type that Gmail or Microsoft blocks",
        fix: "do not attach this file type; link to the file instead",
    }
}

/// Why `ext` is blocked: the providers that block it, and whether configuration adds it.
/// `None` when it is not blocked or configuration allows it.
pub(crate) fn blocked_by(
    ext: &str,
    options: &AttachmentOptions,
) -> Option<(Vec<&'static Provider>, bool)> {
    if options.allowed_extensions.iter().any(|e| e == ext) {
        return None;
    }
    let providers = extensions::blocking_providers(ext);
    let configured = options.blocked_extensions.iter().any(|e| e == ext);
    (configured || !providers.is_empty()).then_some((providers, configured))
}

/// "blocked by Gmail (rejects it with 552 5.7.0) and Microsoft 365 (…)".
pub(crate) fn describe_blockers(providers: &[&Provider], configured: bool) -> String {
    let mut parts: Vec<String> = providers
        .iter()
        .map(|p| format!("{} ({})", p.name, p.action))
        .collect();
    if configured {
        parts.push("your `blocked-extensions` setting".to_string());
    }
    parts.join(", ")
}

impl Rule for BlockedAttachment {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.attachments;
        for attachment in ctx.attachments() {
            let Some(ext) = attachment.extension() else {
                continue;
            };
            let Some((providers, configured)) = blocked_by(&ext, options) else {
                continue;
            };
            sink.report(
                attachment.span.clone(),
                format!(
                    "{}: `.{ext}` files are blocked by {}",
                    attachment.label(),
                    describe_blockers(&providers, configured)
                ),
            );
        }
    }
}
