use crate::context::CheckContext;
use crate::declare_rule;
use crate::inspect::archive::Format;
use crate::inspect::extensions;
use crate::rules::attachments::blocked_attachment::{blocked_by, describe_blockers};
use crate::rules::{Rule, Sink};

/// Entries named in one finding before "and N more".
const NAMES_SHOWN: usize = 3;

declare_rule! {
    /// ## What it does
    /// Reads the metadata of archive attachments — the zip central directory (jar and
    /// docx-style containers included), tar headers, the gzip header's original name — and
    /// reports entries whose extension is blocked (see `blocked-attachment`) or which are
    /// archives themselves. rar, 7z, gzip, bzip2, xz, tar, cab and ISO are recognised by their
    /// magic bytes. Nothing is ever inflated; entry counts and names are bounded, so a zip bomb
    /// costs no more than its directory. An archive with more entries than are checked
    /// (10,000) is reported too: its tail was not seen.
    ///
    /// ## Why is this bad
    /// Gmail blocks its listed file types "even if they're in a compressed file" with
    /// `552 5.7.0`; rspamd scores `MIME_ARCHIVE_IN_ARCHIVE` (5.0), `EXE_IN_ARCHIVE` and
    /// `SINGLE_FILE_ARCHIVE_WITH_EXE` (5.0). Zipping an executable does not get it through.
    ///
    /// ## Example
    /// `tools.zip` containing `install.exe`, or `photos.zip` containing `more.rar`.
    ///
    /// Use instead: a download link.
    ///
    /// ## How to fix
    /// Do not send executables or nested archives by mail; host them and send a link.
    ///
    /// ## References
    /// - Gmail blocked file types, including inside archives (support.google.com/mail/answer/6590)
    /// - rspamd `MIME_ARCHIVE_IN_ARCHIVE`, `EXE_IN_ARCHIVE`, `SINGLE_FILE_ARCHIVE_WITH_EXE`
    pub ArchiveWithBlockedContent {
        code: "PS306",
        name: "archive-with-blocked-content",
        group: Attachments,
        level: Deny,
        smtp: "552 5.7.0",
        score: 6.0,
        summary: "an archive attachment contains a blocked file type or another archive",
        fix: "remove the blocked files from the archive, or send a download link",
    }
}

impl Rule for ArchiveWithBlockedContent {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        let options = &ctx.settings().options.attachments;
        for attachment in ctx.attachments() {
            let Some(listing) = &attachment.listing else {
                continue;
            };
            if listing.is_document_package() {
                continue;
            }
            let mut blocked = Vec::new();
            let mut nested = Vec::new();
            for entry in &listing.entries {
                let name = extensions::base_name(&entry.name);
                let Some(ext) = extensions::extension(name) else {
                    continue;
                };
                if let Some((providers, configured)) = blocked_by(&ext, options) {
                    blocked.push((
                        entry.name.as_str(),
                        describe_blockers(&providers, configured),
                    ));
                } else if extensions::is_archive_extension(&ext)
                    && !(listing.format.is_single_stream() && ext == "tar")
                {
                    nested.push(entry.name.as_str());
                }
            }
            let format = listing.format.name();
            // Only when the listing hit its bound (a gzip without a stored name lists nothing
            // but is no bomb).
            if listing.is_cut_short() {
                sink.report(
                    attachment.span.clone(),
                    format!(
                        "{} is a {format} archive of {} entries; only the first {} were checked, \
                         and scanners treat archives this large as possible zip bombs",
                        attachment.label(),
                        listing.total_entries,
                        listing.entries.len()
                    ),
                );
            }
            if let Some((first, why)) = blocked.first() {
                sink.report(
                    attachment.span.clone(),
                    format!(
                        "{} is a {format} archive containing {}; `{first}` is blocked by {why}",
                        attachment.label(),
                        list(blocked.iter().map(|(n, _)| *n)),
                    ),
                );
            }
            if !nested.is_empty() && listing.format != Format::Iso {
                sink.report(
                    attachment.span.clone(),
                    format!(
                        "{} is a {format} archive containing another archive: {}",
                        attachment.label(),
                        list(nested.iter().copied()),
                    ),
                );
            }
        }
    }
}

/// "`a.exe`, `b.scr` and 4 more".
fn list<'n>(names: impl ExactSizeIterator<Item = &'n str>) -> String {
    let total = names.len();
    let shown: Vec<String> = names
        .take(NAMES_SHOWN)
        .map(|n| format!("`{}`", crate::rules::sample(n, 60)))
        .collect();
    match total.saturating_sub(NAMES_SHOWN) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}
