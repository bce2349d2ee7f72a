//! The true type of attachment content, from its first bytes (the `infer` crate plus a few
//! magic numbers it lacks), and the types that a file name or Content-Type claims.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

/// How many leading bytes sniffing looks at (ISO 9660 needs 32 KiB + 6).
pub const SNIFF_LEN: usize = 64 * 1024;

/// A broad kind of file; two kinds that are interchangeable in practice share a family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Family {
    /// Native code: PE (Windows .exe/.dll), ELF, Mach-O, Android DEX, Java class.
    Executable,
    /// A script with a `#!` line.
    Script,
    /// A zip container (also docx/xlsx/pptx, odt, epub, jar, apk).
    Zip,
    /// An OLE compound file (doc, xls, ppt, msi, msg).
    Ole,
    /// Another archive or compressed stream (rar, 7z, gzip, bzip2, xz, tar, cab…).
    Archive,
    /// A disk image (ISO 9660).
    DiskImage,
    /// A PDF document.
    Pdf,
    /// A raster image.
    Image,
    /// An HTML document.
    Html,
    /// An RTF document.
    Rtf,
    /// Audio.
    Audio,
    /// Video.
    Video,
    /// Plain text (only ever claimed, never sniffed).
    Text,
}

impl Family {
    /// A short description for messages ("a Windows executable").
    pub fn describe(self) -> &'static str {
        match self {
            Family::Executable => "an executable program",
            Family::Script => "a script",
            Family::Zip => "a zip archive",
            Family::Ole => "an OLE document (doc/xls/ppt/msi)",
            Family::Archive => "an archive",
            Family::DiskImage => "a disk image",
            Family::Pdf => "a PDF document",
            Family::Image => "an image",
            Family::Html => "an HTML document",
            Family::Rtf => "an RTF document",
            Family::Audio => "audio",
            Family::Video => "video",
            Family::Text => "plain text",
        }
    }
}

/// What sniffing found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sniffed {
    /// The family.
    pub family: Family,
    /// The MIME type of the precise format.
    pub mime: &'static str,
    /// The usual extension of the precise format.
    pub extension: &'static str,
}

/// Sniffs the content; `None` when the format is not recognised (plain text usually).
pub fn sniff(content: &[u8]) -> Option<Sniffed> {
    let head = &content[..content.len().min(SNIFF_LEN)];
    if head.len() >= 8 && head.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        // infer would parse the whole compound file to tell doc from xls; the family is enough.
        return Some(Sniffed {
            family: Family::Ole,
            mime: "application/x-ole-storage",
            extension: "ole",
        });
    }
    if head.len() >= 0x8006 && &head[0x8001..0x8006] == b"CD001" {
        return Some(Sniffed {
            family: Family::DiskImage,
            mime: "application/x-iso9660-image",
            extension: "iso",
        });
    }
    let kind = infer::get(head)?;
    let mime = kind.mime_type();
    let family = match kind.matcher_type() {
        infer::MatcherType::App => match kind.extension() {
            "exe" | "dll" if !has_pe_header(head) => return None,
            "exe" | "dll" | "elf" | "mach" | "dex" | "dey" | "class" | "wasm" => Family::Executable,
            _ => return None,
        },
        infer::MatcherType::Archive => match kind.extension() {
            "zip" | "epub" | "crx" => Family::Zip,
            "pdf" => Family::Pdf,
            "rtf" => Family::Rtf,
            "msi" => Family::Ole,
            "swf" | "nes" | "eot" | "ps" | "sqlite" | "dcm" => return None,
            "deb" | "rpm" | "ar" => Family::Archive,
            _ => Family::Archive,
        },
        infer::MatcherType::Doc => match kind.extension() {
            "doc" | "xls" | "ppt" => Family::Ole,
            _ => Family::Zip,
        },
        infer::MatcherType::Book => Family::Zip,
        infer::MatcherType::Image => Family::Image,
        infer::MatcherType::Audio => Family::Audio,
        infer::MatcherType::Video => Family::Video,
        infer::MatcherType::Text => match kind.extension() {
            "html" => Family::Html,
            "sh" => Family::Script,
            _ => return None,
        },
        _ => return None,
    };
    Some(Sniffed {
        family,
        mime,
        extension: kind.extension(),
    })
}

/// Whether an `MZ` file has the `PE\0\0` header its DOS header points at (text that merely
/// starts with "MZ" does not).
fn has_pe_header(head: &[u8]) -> bool {
    let Some(offset) = head.get(0x3c..0x40) else {
        return false;
    };
    let offset = u32::from_le_bytes([offset[0], offset[1], offset[2], offset[3]]) as usize;
    offset >= 0x40 && head.get(offset..offset.saturating_add(4)) == Some(b"PE\0\0")
}

/// The families a file extension claims, empty when the extension makes no claim.
pub fn claimed_by_extension(ext: &str) -> &'static [Family] {
    use Family::*;
    match ext {
        "pdf" => &[Pdf],
        "jpg" | "jpeg" | "jpe" | "png" | "gif" | "bmp" | "tif" | "tiff" | "webp" | "heic"
        | "heif" | "ico" | "avif" => &[Image],
        // Word writes RTF under `.doc` as a matter of course.
        "doc" | "dot" => &[Ole, Zip, Rtf],
        "xls" | "xlt" | "ppt" | "pps" | "pot" | "msg" | "msi" | "vsd" => &[Ole, Zip],
        "docx" | "docm" | "dotx" | "dotm" | "xlsx" | "xlsm" | "xltx" | "xltm" | "xlsb" | "pptx"
        | "pptm" | "ppsx" | "ppsm" | "potx" | "potm" | "odt" | "ods" | "odp" | "epub" => &[Zip],
        "zip" | "zipx" => &[Zip, Archive],
        "rar" | "7z" | "gz" | "tgz" | "bz2" | "xz" | "tar" | "cab" | "zst" => &[Archive, Zip],
        "iso" => &[DiskImage],
        "txt" | "csv" | "log" | "md" | "json" | "xml" | "ics" | "vcf" | "eml" => {
            &[Text, Html, Script]
        }
        "htm" | "html" => &[Html, Text],
        "rtf" => &[Rtf],
        "mp3" | "wav" | "ogg" | "m4a" | "flac" => &[Audio, Video],
        "mp4" | "mov" | "avi" | "mkv" | "webm" => &[Video, Audio],
        "exe" | "dll" | "scr" | "com" | "sys" | "cpl" | "ocx" | "drv" | "efi" => &[Executable],
        _ => &[],
    }
}

/// The families a Content-Type (`type/subtype`, lower-case) claims, empty when it makes none.
pub fn claimed_by_content_type(content_type: &str) -> &'static [Family] {
    use Family::*;
    let (top, sub) = content_type.split_once('/').unwrap_or((content_type, ""));
    match (top, sub) {
        ("image", _) => &[Image],
        ("audio", _) => &[Audio, Video],
        ("video", _) => &[Video, Audio],
        ("text", "html") => &[Html, Text],
        ("text", "plain") | ("text", "csv") => &[Text, Html, Script],
        ("application", "pdf") => &[Pdf],
        ("application", "zip" | "x-zip-compressed" | "x-zip") => &[Zip, Archive],
        ("application", "msword") => &[Ole, Zip, Rtf],
        ("application", "rtf") | ("text", "rtf") => &[Rtf],
        ("application", "vnd.ms-excel" | "vnd.ms-powerpoint") => &[Ole, Zip],
        ("application", s) if s.starts_with("vnd.openxmlformats-officedocument") => &[Zip],
        ("application", s) if s.starts_with("vnd.oasis.opendocument") => &[Zip],
        (
            "application",
            "x-msdownload" | "x-dosexec" | "x-executable" | "vnd.microsoft.portable-executable",
        ) => &[Executable],
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognises_common_formats() {
        assert_eq!(sniff(b"%PDF-1.7\n").map(|s| s.family), Some(Family::Pdf));
        let mut pe = vec![0u8; 256];
        pe[0] = b'M';
        pe[1] = b'Z';
        assert_eq!(sniff(&pe), None, "MZ without a PE header");
        pe[0x3c] = 0x80;
        pe[0x80..0x84].copy_from_slice(b"PE\0\0");
        assert_eq!(sniff(&pe).map(|s| s.family), Some(Family::Executable));
        let mut elf = vec![0u8; 64];
        elf[..7].copy_from_slice(b"\x7fELF\x02\x01\x01");
        assert_eq!(sniff(&elf).map(|s| s.family), Some(Family::Executable));
        assert_eq!(
            sniff(b"PK\x03\x04\x14\0\0\0").map(|s| s.family),
            Some(Family::Zip)
        );
        assert_eq!(sniff(b"hello world\n"), None);
        assert_eq!(
            sniff(b"<!DOCTYPE html><html></html>").map(|s| s.family),
            Some(Family::Html)
        );
    }
}
