use crate::context::CheckContext;
use crate::declare_rule;
use crate::rules::{Rule, Sink};

/// Office extensions whose format carries macros.
const MACRO_EXTENSIONS: &[&str] = &[
    "docm", "dotm", "xlsm", "xltm", "xlam", "xlsb", "pptm", "potm", "ppsm", "ppam", "sldm",
];

declare_rule! {
    /// ## What it does
    /// Flags Office documents that carry VBA macros: a macro-enabled extension (`.docm`,
    /// `.xlsm`, `.pptm`, `.dotm`, `.ppam`…), an OOXML package containing `vbaProject.bin`
    /// whatever its name, or an OLE document (`.doc`, `.xls`, `.ppt`) with a `VBA` or
    /// `Macros` storage.
    ///
    /// ## Why is this bad
    /// Macros are the most common malware carrier in mail. Microsoft 365's common attachments
    /// filter rejects `.docm` and `.ppam` by default (NDR), Gmail blocks "documents with
    /// malicious macros" (`552 5.7.0`), and SpamAssassin's `OLEMACRO*` rules score them.
    ///
    /// ## Example
    /// `report.docx` that is really a macro-enabled document (`word/vbaProject.bin` inside).
    ///
    /// Use instead: save as `.docx`/`.xlsx` without macros, or as PDF.
    ///
    /// ## How to fix
    /// Remove the macros (save in the macro-free format) or send a PDF.
    ///
    /// ## References
    /// - SpamAssassin `OLEMACRO`, `OLEMACRO_RENAME` (Plugin/OLEVBMacro.pm)
    /// - Microsoft EOP common attachments filter (docm, ppam); Gmail blocked file types
    pub MacroEnabledDocument {
        code: "PS308",
        name: "macro-enabled-document",
        group: Attachments,
        level: Deny,
        smtp: "552 5.7.0",
        score: 5.0,
        summary: "an attachment is an Office document with macros",
        fix: "save the document without macros (docx, xlsx, pptx) or as PDF",
    }
}

impl Rule for MacroEnabledDocument {
    fn check(&self, ctx: &CheckContext<'_>, sink: &mut Sink<'_>) {
        for attachment in ctx.attachments() {
            let vba_in_zip = attachment.listing.as_ref().and_then(|l| {
                l.entries
                    .iter()
                    .find(|e| e.name.to_ascii_lowercase().ends_with("vbaproject.bin"))
            });
            let reason = if let Some(entry) = vba_in_zip {
                format!(
                    "contains a VBA project (`{}`)",
                    crate::rules::sample(&entry.name, 60)
                )
            } else if attachment.ole.is_some_and(|o| o.has_vba) {
                "contains a VBA macro storage".to_string()
            } else if let Some(ext) = attachment.extension()
                && MACRO_EXTENSIONS.contains(&ext.as_str())
            {
                format!("has the macro-enabled extension `.{ext}`")
            } else {
                continue;
            };
            sink.report(
                attachment.span.clone(),
                format!("{} is an Office document that {reason}", attachment.label()),
            );
        }
    }
}
