//! Archive listings read from metadata only — the zip central directory, tar headers, the gzip
//! header's original name, rar and 7z headers — never by inflating anything. Entry counts and
//! name lengths are bounded, so a zip bomb costs no more than its central directory.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

use std::io::Cursor;

/// Most entries listed from one archive; the rest are counted, not named.
pub const MAX_ENTRIES: usize = 10_000;
/// Longest entry name kept, in bytes.
pub const MAX_NAME_LEN: usize = 1024;

/// An archive format recognised by its magic bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// PKZIP (also jar, docx/xlsx/pptx, odt, apk).
    Zip,
    /// RAR 4 or 5.
    Rar,
    /// 7-Zip.
    SevenZip,
    /// gzip stream.
    Gzip,
    /// bzip2 stream.
    Bzip2,
    /// xz stream.
    Xz,
    /// POSIX/ustar tar.
    Tar,
    /// Microsoft cabinet.
    Cab,
    /// ISO 9660 disk image.
    Iso,
}

impl Format {
    /// The format's usual name.
    pub fn name(self) -> &'static str {
        match self {
            Format::Zip => "zip",
            Format::Rar => "rar",
            Format::SevenZip => "7z",
            Format::Gzip => "gzip",
            Format::Bzip2 => "bzip2",
            Format::Xz => "xz",
            Format::Tar => "tar",
            Format::Cab => "cab",
            Format::Iso => "iso",
        }
    }

    /// Whether the format compresses a single stream (so a tar inside is normal).
    pub fn is_single_stream(self) -> bool {
        matches!(self, Format::Gzip | Format::Bzip2 | Format::Xz)
    }

    /// Recognises the format from the first bytes.
    pub fn detect(bytes: &[u8]) -> Option<Format> {
        let starts = |magic: &[u8]| bytes.starts_with(magic);
        if starts(b"PK\x03\x04") || starts(b"PK\x05\x06") || starts(b"PK\x07\x08") {
            Some(Format::Zip)
        } else if starts(b"Rar!\x1a\x07") {
            Some(Format::Rar)
        } else if starts(b"7z\xbc\xaf\x27\x1c") {
            Some(Format::SevenZip)
        } else if starts(b"\x1f\x8b") {
            Some(Format::Gzip)
        } else if starts(b"BZh") {
            Some(Format::Bzip2)
        } else if starts(b"\xfd7zXZ\0") {
            Some(Format::Xz)
        } else if starts(b"MSCF") {
            Some(Format::Cab)
        } else if bytes.len() > 262 && &bytes[257..262] == b"ustar" {
            Some(Format::Tar)
        } else if bytes.len() >= 0x8006 && &bytes[0x8001..0x8006] == b"CD001" {
            Some(Format::Iso)
        } else {
            None
        }
    }
}

/// One file listed in an archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The stored name (path inside the archive), lossily decoded and bounded.
    pub name: String,
    /// Whether the entry is encrypted.
    pub encrypted: bool,
}

/// What could be read of an archive without unpacking it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Listing {
    /// The format.
    pub format: Format,
    /// Entries named in the metadata, at most [`MAX_ENTRIES`].
    pub entries: Vec<Entry>,
    /// Entries the archive declares in all.
    pub total_entries: usize,
    /// Whether the archive's headers are encrypted (names hidden behind a password).
    pub encrypted_headers: bool,
    /// Whether some content is encrypted (entries or headers).
    pub encrypted: bool,
    /// Why the listing is incomplete, when it is.
    pub problem: Option<String>,
    /// The archive's metadata could not be read at all (not merely left unlisted).
    pub unreadable: bool,
}

impl Listing {
    /// Whether this zip is a document package (OOXML's `[Content_Types].xml`, or the
    /// `mimetype` entry of ODF and EPUB) rather than an archive of files: its entries are the
    /// parts of one document, and scripts inside it (an EPUB's `book.js`) are not attachments.
    pub fn is_document_package(&self) -> bool {
        self.format == Format::Zip
            && self
                .entries
                .iter()
                .any(|e| e.name == "[Content_Types].xml" || e.name == "mimetype")
    }

    fn new(format: Format) -> Listing {
        Listing {
            format,
            entries: Vec::new(),
            total_entries: 0,
            encrypted_headers: false,
            encrypted: false,
            problem: None,
            unreadable: false,
        }
    }
}

impl Listing {
    /// Whether the listing stopped at [`MAX_ENTRIES`] with entries left unlisted.
    pub fn is_cut_short(&self) -> bool {
        self.entries.len() >= MAX_ENTRIES && self.total_entries > self.entries.len()
    }
}

/// Lists `bytes` when they are an archive.
pub fn list(bytes: &[u8]) -> Option<Listing> {
    let format = Format::detect(bytes)?;
    let mut listing = Listing::new(format);
    match format {
        Format::Zip => list_zip(bytes, &mut listing),
        Format::Tar => list_tar(bytes, &mut listing),
        Format::Gzip => list_gzip(bytes, &mut listing),
        Format::Rar => inspect_rar(bytes, &mut listing),
        Format::SevenZip => inspect_7z(bytes, &mut listing),
        Format::Bzip2 | Format::Xz | Format::Cab | Format::Iso => {}
    }
    listing.encrypted |= listing.encrypted_headers || listing.entries.iter().any(|e| e.encrypted);
    Some(listing)
}

fn bounded_name(raw: &[u8]) -> String {
    String::from_utf8_lossy(&raw[..raw.len().min(MAX_NAME_LEN)]).into_owned()
}

/// Reads the zip central directory (the `zip` crate, no decompression features).
fn list_zip(bytes: &[u8], listing: &mut Listing) {
    let read = super::guarded(|| {
        let archive = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string());
        Some(archive.map(|archive| {
            let total = archive.len();
            let entries: Vec<Entry> = (0..total.min(MAX_ENTRIES))
                .filter_map(|i| archive.by_index_data(i).ok())
                .map(|entry| Entry {
                    name: bounded_name(entry.name_raw()),
                    encrypted: entry.encrypted(),
                })
                .collect();
            (total, entries)
        }))
    });
    match read {
        Some(Ok((total, entries))) => {
            listing.total_entries = total;
            listing.entries = entries;
        }
        Some(Err(e)) => {
            listing.problem = Some(format!("unreadable zip central directory: {e}"));
            listing.unreadable = true;
        }
        None => {
            listing.problem = Some("unreadable zip central directory".to_string());
            listing.unreadable = true;
        }
    }
}

/// Walks tar headers (512-byte blocks), skipping file data by the declared sizes.
fn list_tar(bytes: &[u8], listing: &mut Listing) {
    let mut pos = 0usize;
    while pos + 512 <= bytes.len() && listing.total_entries < MAX_ENTRIES {
        let header = &bytes[pos..pos + 512];
        if header.iter().all(|&b| b == 0) {
            break;
        }
        let field = |range: std::ops::Range<usize>| {
            let raw = &header[range];
            &raw[..memchr::memchr(0, raw).unwrap_or(raw.len())]
        };
        let size = std::str::from_utf8(field(124..136))
            .ok()
            .and_then(|s| u64::from_str_radix(s.trim(), 8).ok());
        let Some(size) = size else {
            listing.problem = Some(format!("unreadable tar header at offset {pos}"));
            listing.unreadable = true;
            break;
        };
        let mut name = field(0..100).to_vec();
        let prefix = field(345..500);
        if &header[257..262] == b"ustar" && !prefix.is_empty() {
            name = [prefix, b"/", &name].concat();
        }
        if matches!(header[156], 0 | b'0' | b'7') {
            listing.entries.push(Entry {
                name: bounded_name(&name),
                encrypted: false,
            });
        }
        listing.total_entries += 1;
        let blocks = size.div_ceil(512).saturating_add(1);
        pos = match usize::try_from(blocks.saturating_mul(512))
            .ok()
            .and_then(|skip| pos.checked_add(skip))
        {
            Some(next) => next,
            None => break,
        };
    }
}

/// The gzip header's FNAME field names the one compressed file.
fn list_gzip(bytes: &[u8], listing: &mut Listing) {
    listing.total_entries = 1;
    if bytes.len() < 10 {
        return;
    }
    let flags = bytes[3];
    let mut pos = 10;
    if flags & 0x04 != 0 {
        let Some(xlen) = bytes.get(pos..pos + 2) else {
            return;
        };
        pos += 2 + u16::from_le_bytes([xlen[0], xlen[1]]) as usize;
    }
    if flags & 0x08 != 0 && pos < bytes.len() {
        let rest = &bytes[pos..];
        let end = memchr::memchr(0, rest).unwrap_or(rest.len());
        listing.entries.push(Entry {
            name: bounded_name(&rest[..end]),
            encrypted: false,
        });
    }
}

/// RAR: only whether the headers are encrypted (RAR5 archive encryption header, RAR4
/// `MHD_PASSWORD`); names are not listed.
fn inspect_rar(bytes: &[u8], listing: &mut Listing) {
    if bytes.starts_with(b"Rar!\x1a\x07\x01\x00") {
        // RAR5: CRC32, then vint header size, then vint header type; type 4 = encryption.
        let mut pos = 8 + 4;
        let mut vint = || {
            let mut value = 0u64;
            for shift in (0..64).step_by(7) {
                let byte = *bytes.get(pos)?;
                pos += 1;
                value |= u64::from(byte & 0x7f) << shift;
                if byte & 0x80 == 0 {
                    return Some(value);
                }
            }
            None
        };
        let _size = vint();
        listing.encrypted_headers = vint() == Some(4);
    } else if bytes.len() >= 7 + 5 {
        // RAR4: marker block (7 bytes), then the main header: CRC16, type 0x73, flags.
        let main = &bytes[7..];
        let flags = u16::from_le_bytes([main[3], main[4]]);
        listing.encrypted_headers = main[2] == 0x73 && flags & 0x0080 != 0;
    }
    listing.problem = Some("rar entries are not listed".to_string());
}

/// 7z: the header at the end names the coders; AES-256 (06 F1 07 01) means encryption.
fn inspect_7z(bytes: &[u8], listing: &mut Listing) {
    let Some(start) = bytes.get(12..28) else {
        return;
    };
    let offset = u64::from_le_bytes(start[..8].try_into().unwrap_or_default());
    let size = u64::from_le_bytes(start[8..].try_into().unwrap_or_default());
    let begin = 32u64.saturating_add(offset);
    let end = begin
        .saturating_add(size.min(1 << 20))
        .min(bytes.len() as u64);
    if begin >= end {
        listing.problem = Some("7z header is out of range".to_string());
        listing.unreadable = true;
        return;
    }
    let header = &bytes[begin as usize..end as usize];
    let aes = memchr::memmem::find(header, &[0x06, 0xf1, 0x07, 0x01]).is_some();
    listing.encrypted_headers = aes && header.first() == Some(&0x17);
    listing.encrypted = aes;
    listing.problem = Some("7z entries are not listed".to_string());
}
