//! Every fixture of every rule: `fail-*` must fire its rule, `pass-*` must not. Each fixture
//! runs as the LF-stored file it is and, where line endings are not the point, converted to
//! CRLF wire bytes; both must give the same findings. Findings are snapshotted.

mod common;

use common::{fixture_dirs, fixture_settings, fixtures, to_crlf};
use presend::settings::Newlines;
use presend::{Linter, Report};

/// Rules whose fixtures are about line endings, so the CRLF conversion would change the point.
const LINE_ENDING_RULES: &[&str] = &["bare-lf", "bare-cr"];

fn render(report: &Report) -> String {
    let mut out = format!(
        "verdict: {} score: {} reply: {}\n",
        report.verdict.as_str(),
        report.score,
        report.predicted_reply.as_deref().unwrap_or("-")
    );
    out.push_str(&common::finding_lines(report));
    out
}

fn findings(report: &Report) -> Vec<(String, usize)> {
    report
        .diagnostics
        .iter()
        .map(|d| (d.code.to_string(), d.location.line))
        .collect()
}

#[test]
fn every_fixture_fires_or_stays_quiet() {
    let mut failures = Vec::new();
    let mut checked = 0;
    // `PRESEND_LINTS=PS1,PS203` limits the run to folders whose code starts with one of these.
    let filter: Vec<String> = std::env::var("PRESEND_LINTS")
        .map(|v| v.split(',').map(|s| s.trim().to_string()).collect())
        .unwrap_or_default();
    for dir in fixture_dirs() {
        // Transport rules (PS8xx) read an SMTP session: tests/smtp.rs runs their fixtures.
        if dir.code.starts_with("PS8") {
            continue;
        }
        if !filter.is_empty() && !filter.iter().any(|f| dir.code.starts_with(f.as_str())) {
            continue;
        }
        let settings = fixture_settings(&dir.path);
        let linter = Linter::new(settings.clone());
        let mut wire = settings;
        wire.input.newlines = Newlines::Wire;
        let wire_linter = Linter::new(wire);
        for (prefix, must_fire) in [("fail-", true), ("pass-", false)] {
            for file in fixtures(&dir.path, prefix) {
                checked += 1;
                let bytes = std::fs::read(&file).unwrap();
                // A fixture with its own overlay configuration gets its own linters.
                let own = common::overlay_path(&file).map(|_| {
                    let settings = common::fixture_file_settings(&dir.path, &file);
                    let mut wire = settings.clone();
                    wire.input.newlines = Newlines::Wire;
                    (Linter::new(settings), Linter::new(wire))
                });
                let (linter, wire_linter) = match &own {
                    Some((l, w)) => (l, w),
                    None => (&linter, &wire_linter),
                };
                let report = linter.check(&bytes);
                let fired = report.diagnostics.iter().any(|d| d.code == dir.code);
                let label = format!(
                    "{}/{}",
                    dir.path.file_name().unwrap().to_string_lossy(),
                    file.file_name().unwrap().to_string_lossy()
                );
                if fired != must_fire {
                    failures.push(format!(
                        "{label}: expected {} to {}\n{}",
                        dir.code,
                        if must_fire { "fire" } else { "stay quiet" },
                        render(&report)
                    ));
                }
                insta::with_settings!({
                    snapshot_path => "../snapshots/lints",
                    prepend_module_to_snapshot => false,
                    omit_expression => true,
                }, {
                    insta::assert_snapshot!(label.replace('/', "__"), render(&report));
                });
                if !LINE_ENDING_RULES.contains(&dir.name.as_str()) {
                    let crlf = wire_linter.check(&to_crlf(&bytes));
                    if findings(&crlf) != findings(&report) {
                        failures.push(format!(
                            "{label}: CRLF variant differs\nLF:\n{}CRLF:\n{}",
                            render(&report),
                            render(&crlf)
                        ));
                    }
                }
            }
        }
    }
    assert!(checked > 0, "no fixtures found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
