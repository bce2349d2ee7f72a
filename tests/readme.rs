//! README.md stays true: its example output is what the binary prints, and its rule table
//! lists every registered rule.

mod common;

use std::process::Command;

fn readme() -> String {
    std::fs::read_to_string(common::repo_root().join("README.md")).unwrap()
}

#[test]
fn example_output_matches_the_binary() {
    let out = Command::new(env!("CARGO_BIN_EXE_presend"))
        .args(["check", "examples/welcome.eml"])
        .current_dir(common::repo_root())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    let printed = String::from_utf8(out.stdout).unwrap();
    let readme = readme();
    let start = readme
        .find("$ cargo run -- check examples/welcome.eml\n")
        .expect("README shows the example command");
    let block = &readme[start..];
    let block = &block[block.find('\n').unwrap() + 1..];
    let block = &block[..block.find("```").unwrap()];
    assert_eq!(
        block.trim_end(),
        printed.trim_end(),
        "README example output is stale; paste the new output"
    );
}

#[test]
fn rule_table_lists_every_rule() {
    let readme = readme();
    for meta in presend::registry::metas() {
        let row = format!(
            "| {} | `{}` | {} |",
            meta.code,
            meta.name,
            meta.default_level.as_str()
        );
        assert!(readme.contains(&row), "README rule table lacks `{row}`");
    }
}
