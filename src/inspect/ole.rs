//! OLE compound files (doc, xls, ppt): whether they carry VBA macros or are encrypted Office
//! packages, read from the directory with the `cfb` crate (streams are not read).

use std::io::Cursor;

/// Most directory entries looked at.
const MAX_ENTRIES: usize = 10_000;

/// Facts about one compound file.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct OleFacts {
    /// A VBA project storage (`VBA`, `_VBA_PROJECT_CUR`, `Macros`).
    pub has_vba: bool,
    /// An `EncryptedPackage` stream: a password-protected OOXML document.
    pub encrypted_package: bool,
}

/// Reads the directory of a compound file; `None` when it is not one or is unreadable.
pub fn inspect(bytes: &[u8]) -> Option<OleFacts> {
    if !bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        return None;
    }
    super::guarded(|| {
        let file = cfb::CompoundFile::open(Cursor::new(bytes)).ok()?;
        let mut facts = OleFacts::default();
        for entry in file.walk().take(MAX_ENTRIES) {
            let name = entry.name();
            if entry.is_storage() && matches!(name, "VBA" | "_VBA_PROJECT_CUR" | "Macros") {
                facts.has_vba = true;
            }
            if entry.is_stream() && name == "EncryptedPackage" {
                facts.encrypted_package = true;
            }
        }
        Some(facts)
    })
}
