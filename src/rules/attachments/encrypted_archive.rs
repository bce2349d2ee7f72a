use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

declare_rule! {
    /// ## What it does
    /// Flags password-protected attachments that no scanner can look into: a zip with an
    /// encrypted entry, a rar or 7z archive with encrypted headers or AES-coded content, and
    /// a password-protected Office document (an OLE file with an `EncryptedPackage` stream).
    ///
    /// ## Why is this bad
    /// Encryption is how malware gets past virus scanners, so receivers distrust it: Gmail
    /// blocks password-protected archives that contain archives (`552 5.7.0`) and warns on the
    /// rest, rspamd scores `MIME_ENCRYPTED_ARCHIVE` (2.0), SpamAssassin `OLEMACRO_ZIP_PW`, and
    /// many corporate gateways quarantine or reject every encrypted archive.
    ///
    /// ## Example
    /// `payroll.zip`, created with `zip -e`.
    ///
    /// Use instead: a link to a file share with access control, or S/MIME or PGP encryption
    /// of the whole message.
    ///
    /// ## How to fix
    /// Share protected files through a link; if they must be mailed, encrypt the message
    /// (S/MIME, PGP), not the attachment.
    ///
    /// ## References
    /// - rspamd `MIME_ENCRYPTED_ARCHIVE`; SpamAssassin `OLEMACRO_ZIP_PW` (OLEVBMacro plugin)
    /// - Gmail blocked file types (support.google.com/mail/answer/6590)
    pub EncryptedArchive {
        code: "PS307",
        name: "encrypted-archive",
        group: Attachments,
        level: Warn,
        smtp: "552 5.7.0",
        score: 3.0,
        summary: "an attachment is a password-protected archive or document",
        fix: "share protected files through a link, or encrypt the whole message (S/MIME, PGP)",
    }
}

impl Rule for EncryptedArchive {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for attachment in ctx.attachments() {
            if let Some(listing) = &attachment.listing
                && listing.encrypted
            {
                let format = listing.format.name();
                let detail = if listing.encrypted_headers {
                    "its headers are encrypted, so not even the file names can be checked"
                        .to_string()
                } else {
                    let encrypted = listing.entries.iter().filter(|e| e.encrypted).count();
                    match listing.entries.iter().find(|e| e.encrypted) {
                        Some(first) => format!(
                            "{encrypted} of {} entries are encrypted (first: `{}`)",
                            listing.total_entries,
                            crate::rules::sample(&first.name, 60)
                        ),
                        None => "its content is encrypted".to_string(),
                    }
                };
                sink.report(
                    attachment.span.clone(),
                    format!(
                        "{} is a password-protected {format} archive: {detail}",
                        attachment.label()
                    ),
                );
            } else if attachment.ole.is_some_and(|o| o.encrypted_package) {
                sink.report(
                    attachment.span.clone(),
                    format!(
                        "{} is a password-protected Office document",
                        attachment.label()
                    ),
                );
            }
        }
    }
}
