//! Turning the command line's paths into the list of inputs to lint.

use std::path::{Path, PathBuf};

/// One input to lint, or a path that could not be walked.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Input {
    /// The path to show.
    pub path: PathBuf,
    /// Why the path cannot be linted, when walking it already failed.
    pub error: Option<String>,
}

/// File extensions linted when walking a folder.
const EXTENSIONS: &[&str] = &["eml"];

/// Every input under `paths`: files as given (whatever their extension), folders walked for
/// `.eml` files and templates (`.html`/`.txt` with front matter or a `NAME.headers.toml`)
/// honouring `.gitignore`/`.ignore` and skipping hidden entries; sorted and deduplicated
/// (`NAME.txt` beside `NAME.html` is its alternative, not an input of its own). A missing path is kept so that reading it reports the error.
pub fn collect(paths: &[PathBuf]) -> Vec<Input> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.is_dir() {
            walk(path, &mut inputs);
        } else {
            inputs.push(Input {
                path: path.clone(),
                error: None,
            });
        }
    }
    inputs.sort();
    inputs.dedup_by(|a, b| a.path == b.path);
    // `NAME.html` and `NAME.txt` are one message (the text alternative rides along).
    let html_partners: Vec<PathBuf> = inputs
        .iter()
        .filter(|i| {
            i.path
                .extension()
                .is_some_and(|e| e.eq_ignore_ascii_case("txt"))
        })
        .filter(|i| {
            inputs
                .iter()
                .any(|o| o.path == i.path.with_extension("html"))
        })
        .map(|i| i.path.clone())
        .collect();
    inputs.retain(|i| !html_partners.contains(&i.path));
    inputs
}

fn walk(dir: &Path, inputs: &mut Vec<Input>) {
    let walker = ignore::WalkBuilder::new(dir).require_git(false).build();
    for entry in walker {
        match entry {
            Ok(entry) => {
                let is_file = entry.file_type().is_some_and(|t| t.is_file());
                let path = entry.path();
                if is_file
                    && (has_lint_extension(path) || presend::template::looks_like_template(path))
                {
                    inputs.push(Input {
                        path: entry.into_path(),
                        error: None,
                    });
                }
            }
            Err(error) => inputs.push(Input {
                path: error_path(&error).unwrap_or_else(|| dir.to_path_buf()),
                error: Some(error.to_string()),
            }),
        }
    }
}

fn has_lint_extension(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

fn error_path(error: &ignore::Error) -> Option<PathBuf> {
    match error {
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}
