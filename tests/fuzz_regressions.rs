//! Every input the fuzzers (`fuzz/`) ever crashed on, kept in `tests/data/fuzz-regressions/`:
//! each must lint without a panic, with every finding inside the input.

mod common;

use presend::Linter;
use presend::settings::{Newlines, parse_config};

#[test]
fn fuzz_crash_reproducers_lint_cleanly() {
    let dir = common::repo_root().join("tests/data/fuzz-regressions");
    let mut wire = parse_config(
        "[lint]\nselect = [\"ALL\"]\n[dns]\nmode = \"static\"\n[auth]\nsending-ips = [\"192.0.2.1\"]\n",
    )
    .unwrap();
    wire.now = Some(common::SENT_AT);
    let mut stored = wire.clone();
    stored.input.newlines = Newlines::Stored;
    let linters = [Linter::new(wire), Linter::new(stored)];
    let mut checked = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let bytes = std::fs::read(&path).unwrap();
        for linter in &linters {
            let report = linter.check(&bytes);
            for d in &report.diagnostics {
                assert!(d.span.end <= bytes.len(), "{}: {d:?}", path.display());
            }
        }
        checked += 1;
    }
    assert!(checked > 0, "no reproducers in {}", dir.display());
}
