use crate::context::CheckContext;
use crate::declare_rule;
use crate::inspect::extensions;
use crate::rules::{Rule, Sink};

/// Extensions used as decoys before a dangerous one (`invoice.pdf.exe`).
const DECOYS: &[&str] = &[
    "pdf", "doc", "docx", "xls", "xlsx", "ppt", "pptx", "txt", "rtf", "csv", "odt", "jpg", "jpeg",
    "png", "gif", "bmp", "tif", "tiff", "mp3", "mp4", "wav", "avi", "mov", "htm", "html", "zip",
    "rar", "eml", "msg", "ics", "xml", "json",
];

/// Characters that reorder or hide text in a file name: bidirectional overrides and
/// isolates, and zero-width characters.
fn is_deceptive_char(c: char) -> bool {
    matches!(c,
        '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        | '\u{2060}' | '\u{FEFF}' | '\u{061C}')
}

declare_rule! {
    /// ## What it does
    /// Flags attachment names built to look like something else: a harmless-looking extension
    /// followed by a dangerous one (`invoice.pdf.exe`, `scan.jpg.scr`), a run of spaces hiding
    /// the real extension (`report.doc      .scr`), or Unicode right-to-left overrides and
    /// zero-width characters (`invoice\u{202E}fdp.exe`, shown as `invoiceexe.pdf`).
    ///
    /// ## Why is this bad
    /// These are classic malware disguises; rspamd scores `MIME_DOUBLE_BAD_EXTENSION` (3.0)
    /// and `MIME_BAD_UNICODE` (2.0), and gateways that see them next to other signals reject
    /// the message (`554 5.7.1`). Legitimate mail almost never needs them.
    ///
    /// ## Example
    /// ```text
    /// Content-Disposition: attachment; filename="statement.pdf.exe"
    /// ```
    ///
    /// Use instead: `statement.pdf`, the document itself. A compressed file such as
    /// `report.xml.gz` is not a disguise and is not flagged.
    ///
    /// ## How to fix
    /// Give the file one honest extension and no control characters.
    ///
    /// ## References
    /// - rspamd `MIME_DOUBLE_BAD_EXTENSION`, `MIME_BAD_UNICODE` (mime_types.lua)
    /// - Unicode TR 36 §2.2 (bidirectional text spoofing)
    pub DoubleExtension {
        code: "PS304",
        name: "double-extension",
        group: Attachments,
        level: Deny,
        smtp: "554 5.7.1",
        score: 4.0,
        summary: "an attachment name hides its real extension",
        fix: "rename the file with a single, truthful extension and no control characters",
    }
}

impl Rule for DoubleExtension {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for attachment in ctx.attachments() {
            let Some(name) = attachment.name.as_deref() else {
                continue;
            };
            if let Some(c) = name.chars().find(|&c| is_deceptive_char(c)) {
                sink.report(
                    attachment.span.clone(),
                    format!(
                        "{} contains the invisible character U+{:04X}, which hides or reverses \
                         its real extension",
                        attachment.label(),
                        c as u32
                    ),
                );
                continue;
            }
            if let Some(reason) = disguise(name) {
                sink.report(
                    attachment.span.clone(),
                    format!("{} {reason}", attachment.label()),
                );
            }
        }
    }
}

/// Why the name is a disguise, if it is one.
fn disguise(name: &str) -> Option<String> {
    let trimmed = extensions::trimmed_name(name);
    let (stem, last) = trimmed.rsplit_once('.')?;
    let last = last.trim().to_lowercase();
    let archive = extensions::is_archive_extension(&last);
    if stem.ends_with("   ") && (archive || !extensions::blocking_providers(&last).is_empty()) {
        return Some(format!(
            "pads its name with spaces to hide the `.{last}` extension"
        ));
    }
    // `report.xml.gz` and `data.csv.bz2` are ordinary compressed files, not disguises: only a
    // blocked, non-archive extension after a decoy counts.
    if archive || extensions::blocking_providers(&last).is_empty() {
        return None;
    }
    let (_, previous) = stem.rsplit_once('.')?;
    let previous = previous.trim().to_lowercase();
    (DECOYS.contains(&previous.as_str()) && previous != last).then(|| {
        format!("looks like a `.{previous}` file but is a `.{last}` file (double extension)")
    })
}

#[cfg(test)]
mod tests {
    use super::disguise;

    #[test]
    fn decoy_then_dangerous() {
        assert!(disguise("invoice.pdf.exe").is_some());
        assert!(disguise("scan.JPG.scr").is_some());
        assert!(disguise("report.doc      .zip").is_some());
        assert!(disguise("dmarc-report.xml.gz").is_none());
        assert!(disguise("foo.txt.bz2").is_none());
        assert!(disguise("photos.jpg.zip").is_none());
        assert!(disguise("report.doc      .scr").is_some());
        assert!(disguise("archive.tar.gz").is_none());
        assert!(disguise("jquery.min.js").is_none());
        assert!(disguise("setup-1.2.exe").is_none());
        assert!(disguise("report.pdf").is_none());
    }
}
