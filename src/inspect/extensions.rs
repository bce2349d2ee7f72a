//! File extensions: extracting them from attachment names and the built-in blocked lists.
//!
//! The lists are `lints/data/blocked_extensions.txt` (a copy of the shared data file), compiled
//! in. Each section names its source; a provider blocks an extension when one of its sections
//! lists it.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

use std::collections::HashMap;
use std::sync::OnceLock;

static LISTS: &str = include_str!("../../lints/data/blocked_extensions.txt");

/// A receiving provider with a published list of blocked attachment types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Provider {
    /// Human-readable name, used in messages.
    pub name: &'static str,
    /// What the provider does with such mail.
    pub action: &'static str,
    /// Sections of the data file that hold its list.
    sections: &'static [&'static str],
}

/// The providers whose lists make up the built-in blocked list.
pub const PROVIDERS: &[Provider] = &[
    Provider {
        name: "Gmail",
        action: "552 5.7.0 at SMTP time",
        sections: &["gmail_current_fr", "gmail_older_en"],
    },
    Provider {
        name: "Microsoft 365",
        action: "NDR from the common attachments filter",
        sections: &["microsoft_eop_common_attachments_filter_default"],
    },
    Provider {
        name: "Outlook on the web",
        action: "removed on receipt",
        sections: &["microsoft_owa_blockedfiletypes_default"],
    },
];

/// Extension → indexes into [`PROVIDERS`] of the providers that block it.
fn table() -> &'static HashMap<&'static str, Vec<usize>> {
    static TABLE: OnceLock<HashMap<&'static str, Vec<usize>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table: HashMap<&'static str, Vec<usize>> = HashMap::new();
        let mut section = "";
        for line in LISTS.lines().map(str::trim) {
            if let Some(rest) = line.strip_prefix('[') {
                section = rest.split(']').next().unwrap_or("");
                continue;
            }
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let Some(provider) = PROVIDERS.iter().position(|p| p.sections.contains(&section))
            else {
                continue;
            };
            for ext in line.split_whitespace() {
                let entry = table.entry(ext).or_default();
                if !entry.contains(&provider) {
                    entry.push(provider);
                    entry.sort_unstable();
                }
            }
        }
        table
    })
}

/// The providers whose default lists block `ext` (lower-case, no dot).
pub fn blocking_providers(ext: &str) -> Vec<&'static Provider> {
    table()
        .get(ext)
        .map(|ids| ids.iter().map(|&i| &PROVIDERS[i]).collect())
        .unwrap_or_default()
}

/// The last path component of an attachment name (some clients send `C:\dir\file.exe`).
pub fn base_name(name: &str) -> &str {
    name.rsplit(['/', '\\']).next().unwrap_or(name)
}

/// The name with what mail clients ignore at its end removed: trailing dots, spaces and other
/// whitespace (Windows drops them, so `virus.exe. ` opens as `virus.exe`).
pub fn trimmed_name(name: &str) -> &str {
    base_name(name).trim_end_matches(|c: char| c == '.' || c.is_whitespace())
}

/// The extension of an attachment name, lower-cased, without the dot; `None` when there is none.
pub fn extension(name: &str) -> Option<String> {
    let name = trimmed_name(name);
    let (stem, ext) = name.rsplit_once('.')?;
    let ext = ext.trim();
    (!stem.is_empty() && !ext.is_empty() && ext.len() <= 24).then(|| ext.to_lowercase())
}

/// Every extension of a name, innermost last: `a.tar.gz` → `["tar", "gz"]`.
pub fn extensions(name: &str) -> Vec<String> {
    let name = trimmed_name(name);
    let mut parts: Vec<&str> = name.split('.').collect();
    if parts.len() < 2 {
        return Vec::new();
    }
    parts.remove(0);
    parts
        .into_iter()
        .map(|p| p.trim().to_lowercase())
        .filter(|p| !p.is_empty())
        .collect()
}

/// Extensions of archive formats (an archive in an archive is suspicious).
pub const ARCHIVE_EXTENSIONS: &[&str] = &[
    "zip", "zipx", "rar", "7z", "gz", "tgz", "bz2", "tbz", "xz", "txz", "tar", "cab", "arj", "lha",
    "lzh", "ace", "z", "iso", "img", "vhd", "vhdx", "zpaq", "wim", "jar",
];

/// Whether `ext` names an archive or disk-image format.
pub fn is_archive_extension(ext: &str) -> bool {
    ARCHIVE_EXTENSIONS.contains(&ext)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_strips_trailing_dots_and_spaces() {
        assert_eq!(extension("Invoice.PDF").as_deref(), Some("pdf"));
        assert_eq!(extension("virus.exe. . ").as_deref(), Some("exe"));
        assert_eq!(extension(r"C:\tmp\run.Scr").as_deref(), Some("scr"));
        assert_eq!(extension(".bashrc"), None);
        assert_eq!(extension("README"), None);
        assert_eq!(extensions("a.tar.gz"), vec!["tar", "gz"]);
    }

    #[test]
    fn lists_are_loaded_per_provider() {
        let exe: Vec<_> = blocking_providers("exe").iter().map(|p| p.name).collect();
        assert_eq!(exe, vec!["Gmail", "Microsoft 365", "Outlook on the web"]);
        let docm: Vec<_> = blocking_providers("docm").iter().map(|p| p.name).collect();
        assert_eq!(docm, vec!["Microsoft 365"]);
        assert!(blocking_providers("pdf").is_empty());
        assert!(blocking_providers("zip").is_empty());
    }
}
