//! `[lint.per-file-ignores]`: glob pattern → rules dropped from matching files' reports.

use std::path::Path;

use globset::{Glob, GlobMatcher};
use presend::settings::Selector;
use presend::{Diagnostic, registry};

/// Compiled per-file-ignore patterns.
pub struct PerFileIgnores {
    entries: Vec<(GlobMatcher, bool, Vec<Selector>)>,
}

impl PerFileIgnores {
    /// Compiles `(pattern, selectors)` pairs; patterns are relative to the configuration's folder.
    pub fn new(pairs: &[(String, Vec<String>)]) -> Result<PerFileIgnores, String> {
        let mut entries = Vec::new();
        for (pattern, selectors) in pairs {
            let glob = Glob::new(pattern)
                .map_err(|e| format!("`lint.per-file-ignores`: pattern `{pattern}`: {e}"))?;
            let selectors = selectors
                .iter()
                .map(|s| Selector::parse(s))
                .collect::<Result<Vec<_>, _>>()?;
            entries.push((glob.compile_matcher(), !pattern.contains('/'), selectors));
        }
        Ok(PerFileIgnores { entries })
    }

    /// True when there are no patterns.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The selectors that apply to `path` (as given, relative to `base_dir`, or by file name for
    /// patterns without a `/`).
    pub fn selectors_for(&self, path: &Path, base_dir: &Path) -> Vec<&Selector> {
        let given = path.strip_prefix(".").unwrap_or(path);
        let relative = std::path::absolute(path)
            .ok()
            .and_then(|abs| abs.strip_prefix(base_dir).ok().map(Path::to_path_buf));
        let name = path.file_name().map(Path::new);
        self.entries
            .iter()
            .filter(|(glob, by_name, _)| {
                glob.is_match(given)
                    || relative.as_deref().is_some_and(|r| glob.is_match(r))
                    || (*by_name && name.is_some_and(|n| glob.is_match(n)))
            })
            .flat_map(|(_, _, selectors)| selectors)
            .collect()
    }
}

/// Whether `diagnostic` is dropped by `selectors`.
pub fn is_ignored(diagnostic: &Diagnostic, selectors: &[&Selector]) -> bool {
    registry::find(diagnostic.code).is_some_and(|meta| selectors.iter().any(|s| s.matches(meta)))
}
