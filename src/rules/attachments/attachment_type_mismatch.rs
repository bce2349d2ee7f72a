use crate::context::CheckContext;
use crate::declare_rule;
use crate::inspect::extensions;
use crate::inspect::sniff::{self, Family};
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Sniffs the true type of each attachment from its first bytes (PE, ELF and Mach-O
    /// executables, scripts, zip/rar/7z/gzip/tar archives, ISO images, PDF, images, OLE and
    /// OOXML documents, HTML) and compares it with what the file name's extension and the
    /// declared Content-Type claim. Only what sniffing needs is decoded. Also flags an
    /// executable hidden behind an extension that claims nothing (`data.bin`).
    ///
    /// ## Why is this bad
    /// Microsoft 365's malware filter detects the true type, so an executable renamed `.pdf`
    /// is still rejected; rspamd scores `MIME_BAD_ATTACHMENT` (4.0) when the extension does
    /// not match the type, and SpamAssassin's `OBFU_*_ATTACH` rules look for the same lie.
    /// An honest mismatch (a zip saved as `.pdf`) also makes the file unopenable.
    ///
    /// ## Example
    /// ```text
    /// Content-Type: application/pdf; name="invoice.pdf"     (content starts with MZ…PE)
    /// ```
    ///
    /// Use instead: attach the real PDF.
    ///
    /// ## How to fix
    /// Check the code that picks the file and its name: attach what the name says, with the
    /// Content-Type of what it is.
    ///
    /// ## References
    /// - rspamd `MIME_BAD_ATTACHMENT`, lua_magic true-type detection (mime_types.lua)
    /// - Microsoft EOP common attachments filter: true-type detection
    /// - SpamAssassin `OBFU_PDF_ATTACH`, `OBFU_DOC_ATTACH`, `MIME_SUSPECT_NAME`
    pub AttachmentTypeMismatch {
        code: "PS305",
        name: "attachment-type-mismatch",
        group: Attachments,
        level: Deny,
        smtp: "554 5.7.1",
        score: 4.0,
        summary: "an attachment's content is not the type its name or Content-Type claims",
        fix: "attach the file its name describes, with the Content-Type of its real content",
    }
}

impl Rule for AttachmentTypeMismatch {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for attachment in ctx.attachments() {
            let Some(found) = attachment.sniffed else {
                continue;
            };
            // A password-protected OOXML file is an OLE container holding `EncryptedPackage`;
            // that is its normal form, and encrypted-archive reports it.
            let encrypted_ooxml = found.family == Family::Ole
                && attachment.ole.as_ref().is_some_and(|o| o.encrypted_package);
            if encrypted_ooxml {
                continue;
            }
            let what = format!("{} ({})", found.family.describe(), found.mime);
            let ext = attachment.extension();
            if let Some(ext) = &ext {
                let claimed = sniff::claimed_by_extension(ext);
                if !claimed.is_empty() && !claimed.contains(&found.family) {
                    sink.report(
                        attachment.span.clone(),
                        format!(
                            "{} is named `.{ext}` but its content is {what}",
                            attachment.label()
                        ),
                    );
                    continue;
                }
            }
            let claimed = sniff::claimed_by_content_type(&attachment.content_type);
            if !claimed.is_empty() && !claimed.contains(&found.family) {
                sink.report(
                    attachment.span.clone(),
                    format!(
                        "{} is declared `{}` but its content is {what}",
                        attachment.label(),
                        attachment.content_type
                    ),
                );
                continue;
            }
            let named_executable = ext.as_deref().is_some_and(|e| {
                sniff::claimed_by_extension(e).contains(&Family::Executable)
                    || !extensions::blocking_providers(e).is_empty()
            });
            if found.family == Family::Executable && !named_executable {
                sink.report(
                    attachment.span.clone(),
                    format!(
                        "{} is {what} under a name that does not say so",
                        attachment.label()
                    ),
                );
            }
        }
    }
}
