//! The shared real-mail corpus (`../shared/corpus/`), read the same way by every bench.
#![allow(dead_code)] // each bench uses part of it

use std::path::{Path, PathBuf};

/// `../shared/corpus` beside the checkout.
pub fn default_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus")
}

/// Every file under `root` but the `SOURCES.md` notes, sorted.
pub fn files_under(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.file_name().is_some_and(|n| n != "SOURCES.md") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The bytes of every readable file under `root`, in [`files_under`] order.
pub fn messages(root: &Path) -> Vec<Vec<u8>> {
    files_under(root)
        .iter()
        .filter_map(|p| std::fs::read(p).ok())
        .collect()
}
