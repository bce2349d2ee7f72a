//! Meta-tests of the rule catalogue: every rule registered once with a unique code and name, a
//! complete doc, its own source file and a fixture folder with both kinds of fixture.

mod common;

use std::collections::BTreeSet;

use presend::registry;

const SECTIONS: &[&str] = &[
    "## What it does",
    "## Why is this bad",
    "## Example",
    "## How to fix",
    "## References",
];

/// Helper modules inside a group folder that are not rules.
const NOT_RULES: &[&str] = &["mod.rs"];

#[test]
fn codes_and_names_are_unique_and_well_formed() {
    let code_re = regex::Regex::new(r"^PS[1-9][0-9]{2}$").unwrap();
    let name_re = regex::Regex::new(r"^[a-z0-9]+(-[a-z0-9]+)*$").unwrap();
    let mut codes = BTreeSet::new();
    let mut names = BTreeSet::new();
    let mut previous = "";
    for meta in registry::metas() {
        assert!(code_re.is_match(meta.code), "bad code {}", meta.code);
        assert!(name_re.is_match(meta.name), "bad name {}", meta.name);
        assert!(codes.insert(meta.code), "duplicate code {}", meta.code);
        assert!(names.insert(meta.name), "duplicate name {}", meta.name);
        assert!(
            meta.code > previous,
            "registry not in code order at {}",
            meta.code
        );
        previous = meta.code;
        let prefix = match meta.group.as_str() {
            "headers" => "PS1",
            "framing" => "PS2",
            "attachments" => "PS3",
            "links" => "PS4",
            "content" => "PS5",
            "bulk" => "PS6",
            "auth" => "PS7",
            "transport" => "PS8",
            other => panic!("no code range for group {other}"),
        };
        assert!(
            meta.code.starts_with(prefix),
            "{} is in group {}",
            meta.code,
            meta.group.as_str()
        );
        assert_eq!(registry::find(meta.code).map(|m| m.name), Some(meta.name));
        assert_eq!(registry::find(meta.name).map(|m| m.code), Some(meta.code));
    }
}

#[test]
fn every_rule_is_documented() {
    let mut problems = Vec::new();
    for meta in registry::metas() {
        let doc = meta.doc();
        let mut last = 0;
        for section in SECTIONS {
            match doc.find(section) {
                Some(at) if at >= last => last = at,
                Some(_) => problems.push(format!("{}: `{section}` out of order", meta.code)),
                None => problems.push(format!("{}: no `{section}`", meta.code)),
            }
        }
        for (what, text) in [
            ("doc", doc.as_str()),
            ("summary", meta.summary),
            ("fix", meta.fix),
        ] {
            if text.contains("TODO") || text.trim().is_empty() {
                problems.push(format!("{}: {what} is unfinished", meta.code));
            }
        }
        if !meta
            .smtp
            .chars()
            .next()
            .is_some_and(|c| c == '4' || c == '5')
        {
            problems.push(format!("{}: smtp reply `{}`", meta.code, meta.smtp));
        }
        if !(meta.score.is_finite() && meta.score >= 0.0) {
            problems.push(format!("{}: score {}", meta.code, meta.score));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_has_one_source_file() {
    let root = common::repo_root().join("src/rules");
    let mut files = BTreeSet::new();
    for group in std::fs::read_dir(&root).unwrap().flatten() {
        if !group.path().is_dir() {
            continue;
        }
        let group_name = group.file_name().to_string_lossy().to_string();
        for file in std::fs::read_dir(group.path()).unwrap().flatten() {
            let name = file.file_name().to_string_lossy().to_string();
            if name.ends_with(".rs") && !NOT_RULES.contains(&name.as_str()) {
                files.insert(format!("{group_name}/{name}"));
            }
        }
    }
    let expected: BTreeSet<String> = registry::metas()
        .map(|m| format!("{}/{}.rs", m.group.as_str(), m.name.replace('-', "_")))
        .collect();
    assert_eq!(files, expected, "rule files and registry disagree");
}

#[test]
fn every_rule_has_fixtures_of_both_kinds() {
    let dirs = common::fixture_dirs();
    let folders: BTreeSet<String> = dirs
        .iter()
        .map(|d| format!("{}-{}", d.code, d.name))
        .collect();
    let expected: BTreeSet<String> = registry::metas()
        .map(|m| format!("{}-{}", m.code, m.name))
        .collect();
    assert_eq!(folders, expected, "lints/ folders and registry disagree");
    for dir in &dirs {
        for prefix in ["fail-", "pass-"] {
            assert!(
                !common::fixtures(&dir.path, prefix).is_empty(),
                "{} has no {prefix}*.eml fixture",
                dir.path.display()
            );
        }
    }
}
