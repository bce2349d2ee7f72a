//! Every file of the shared real-mail corpus (`../shared/corpus/`) is linted as a stored file
//! (`--stored-newlines` semantics, no clock): nothing may panic, and the number of findings per
//! rule is snapshotted so a change in behaviour on real mail shows up in review.
//!
//! `PRESEND_CORPUS_SHOW=PS203` prints the files (and messages) where that rule fires, to hunt
//! false positives. The test skips with a notice when `../shared/` is absent.

mod common;

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use presend::settings::{Newlines, Origin};
use presend::{Linter, Settings};

fn corpus_files(root: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
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

#[test]
fn corpus_lints_without_panic() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let root = shared.join("corpus");
    let mut settings = Settings::default();
    settings.input.newlines = Newlines::Stored;
    settings.input.origin = Origin::Stored;
    let linter = Linter::new(settings);
    let show = std::env::var("PRESEND_CORPUS_SHOW").ok();

    let files = corpus_files(&root);
    let mut per_rule: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut verdicts: BTreeMap<&'static str, usize> = BTreeMap::new();
    for file in &files {
        let bytes = std::fs::read(file).unwrap();
        let report =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| linter.check(&bytes)))
                .unwrap_or_else(|_| panic!("presend panicked on {}", file.display()));
        *verdicts.entry(report.verdict.as_str()).or_default() += 1;
        let mut seen = Vec::new();
        for d in &report.diagnostics {
            let key = format!("{} {}", d.code, d.name);
            let entry = per_rule.entry(key).or_default();
            entry.0 += 1;
            if !seen.contains(&d.code) {
                seen.push(d.code);
                entry.1 += 1;
            }
            if show.as_deref().is_some_and(|s| d.code == s || d.name == s) {
                let rel = file.strip_prefix(&root).unwrap_or(file);
                eprintln!(
                    "{}:{}:{} {}",
                    rel.display(),
                    d.location.line,
                    d.location.column,
                    d.message
                );
            }
        }
    }

    let mut summary = format!("files: {}\n", files.len());
    for (verdict, n) in &verdicts {
        writeln!(summary, "verdict {verdict}: {n}").unwrap();
    }
    summary.push_str("rule: findings / files\n");
    for (rule, (findings, in_files)) in &per_rule {
        writeln!(summary, "{rule}: {findings} / {in_files}").unwrap();
    }
    insta::with_settings!({
        snapshot_path => "../snapshots/corpus",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!("corpus_summary", summary);
    });
}
