//! The `presend` binary: formats, exit codes, unreadable paths, folder walks, configuration.

mod common;

use std::path::Path;
use std::process::{Command, Output};

use serde_json::Value;

/// A well-formed message (CRLF) that no default rule reports.
const CLEAN: &str = "Date: Sun, 06 Dec 2026 09:00:00 +0000\r\n\
From: Example Shop <orders@shop.example.com>\r\n\
To: Alice Example <alice@example.net>\r\n\
Subject: Your order 1042 has shipped\r\n\
Message-ID: <order-1042.shipped@shop.example.com>\r\n\
MIME-Version: 1.0\r\n\
Content-Type: text/plain; charset=utf-8\r\n\
Content-Transfer-Encoding: 7bit\r\n\
\r\n\
Hi Alice,\r\n\
\r\n\
your order 1042 is on its way.\r\n";

/// The clean message without its Date header: one deny-level finding (PS101 missing-date).
fn no_date() -> String {
    CLEAN.replace("Date: Sun, 06 Dec 2026 09:00:00 +0000\r\n", "")
}

fn presend(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_presend"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("presend runs")
}

/// Snapshots CLI output in `snapshots/cli/NAME.snap`.
fn assert_cli_snapshot(name: &str, text: &str) {
    insta::with_settings!({
        snapshot_path => "../snapshots/cli",
        prepend_module_to_snapshot => false,
        omit_expression => true,
    }, {
        insta::assert_snapshot!(name, text);
    });
}

fn stdout(output: &Output) -> String {
    String::from_utf8(output.stdout.clone()).expect("stdout is UTF-8")
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).to_string()
}

fn code(output: &Output) -> i32 {
    output.status.code().expect("exit code")
}

/// A scratch folder with `files` (path → contents) written into it.
fn tree(files: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for (path, contents) in files {
        let path = dir.path().join(path);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }
    dir
}

fn json(output: &Output) -> Value {
    serde_json::from_str(&stdout(output))
        .unwrap_or_else(|e| panic!("not one JSON document ({e}):\n{}", stdout(output)))
}

fn assert_matches_schema(document: &Value) {
    let schema_path = common::repo_root().join("tests/data/presend-check-output.schema.json");
    let schema: Value =
        serde_json::from_str(&std::fs::read_to_string(schema_path).unwrap()).unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(document)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect();
    assert!(
        errors.is_empty(),
        "schema violations: {errors:#?}\n{document:#}"
    );
}

fn codes_of(file: &Value) -> Vec<String> {
    file["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn schema_copy_matches_shared() {
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let ours = std::fs::read_to_string(
        common::repo_root().join("tests/data/presend-check-output.schema.json"),
    )
    .unwrap();
    let theirs =
        std::fs::read_to_string(shared.join("data/presend-check-output.schema.json")).unwrap();
    assert_eq!(
        ours, theirs,
        "tests/data schema drifted from ../shared/data"
    );
}

#[test]
fn clean_message_exits_zero() {
    let dir = tree(&[("clean.eml", CLEAN)]);
    let out = presend(dir.path(), &["check", "clean.eml"]);
    assert_eq!(code(&out), 0, "{}{}", stdout(&out), stderr(&out));
    assert_eq!(stdout(&out), "All checks passed (1 file checked).\n");
}

#[test]
fn deny_finding_exits_one_and_exit_zero_overrides() {
    let dir = tree(&[("bad.eml", &no_date())]);
    let out = presend(dir.path(), &["check", "bad.eml"]);
    assert_eq!(code(&out), 1, "{}", stdout(&out));
    let out = presend(dir.path(), &["check", "--exit-zero", "bad.eml"]);
    assert_eq!(code(&out), 0);
    assert!(stdout(&out).contains("PS101"), "{}", stdout(&out));
}

#[test]
fn full_format_shows_source_help_and_reply() {
    let dir = tree(&[("bad.eml", &no_date())]);
    let out = presend(dir.path(), &["check", "bad.eml"]);
    assert_cli_snapshot("full_format_missing_date", &stdout(&out));
}

#[test]
fn concise_format_is_one_line_per_finding() {
    let dir = tree(&[("bad.eml", &no_date()), ("clean.eml", CLEAN)]);
    let out = presend(dir.path(), &["check", "--format", "concise", "."]);
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0], "./bad.eml:1:1: PS101 [error] message has no `Date` header (missing-date)",
        "{text}"
    );
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[1], "Found 1 error, 0 warnings in 2 files.");
}

#[test]
fn json_is_one_valid_document_for_many_files() {
    let dir = tree(&[("a.eml", CLEAN), ("b.eml", &no_date()), ("c.eml", CLEAN)]);
    let out = presend(
        dir.path(),
        &["check", "--format", "json", "c.eml", "a.eml", "b.eml"],
    );
    assert_eq!(code(&out), 1);
    let doc = json(&out);
    assert_matches_schema(&doc);
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["a.eml", "b.eml", "c.eml"], "sorted, stable order");
    assert_eq!(doc["presend"], presend::VERSION);
    let b = &doc["files"][1];
    assert_eq!(b["verdict"], "reject");
    assert_eq!(b["predicted_reply"], "550 5.7.1");
    assert_eq!(codes_of(b), ["PS101"]);
    let d = &b["diagnostics"][0];
    assert_eq!(d["name"], "missing-date");
    assert_eq!(d["group"], "headers");
    assert_eq!(d["severity"], "error");
    assert_eq!(d["location"]["line"], 1);
    assert_eq!(doc["files"][0]["verdict"], "deliver");
    assert_eq!(doc["files"][0]["predicted_reply"], Value::Null);
    assert_eq!(doc["summary"]["files"], 3);
    assert_eq!(doc["summary"]["errors"], 1);
    assert_eq!(doc["summary"]["failed"], 1);
}

#[test]
fn json_lines_has_one_object_per_finding_with_path() {
    let dir = tree(&[("b.eml", &no_date()), ("c.eml", &no_date())]);
    let out = presend(
        dir.path(),
        &["check", "--format", "json-lines", "b.eml", "c.eml"],
    );
    let text = stdout(&out);
    let objects: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("each line is JSON"))
        .collect();
    assert_eq!(objects.len(), 2, "{text}");
    assert_eq!(objects[0]["path"], "b.eml");
    assert_eq!(objects[1]["path"], "c.eml");
    assert_eq!(objects[0]["code"], "PS101");
}

#[test]
fn unreadable_path_is_reported_and_the_rest_is_linted() {
    let dir = tree(&[("bad.eml", &no_date())]);
    let out = presend(
        dir.path(),
        &["check", "--format", "json", "missing.eml", "bad.eml"],
    );
    assert_eq!(code(&out), 2, "an I/O error exits 2");
    let doc = json(&out);
    assert_matches_schema(&doc);
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files.len(), 2);
    assert_eq!(files[0]["path"], "bad.eml");
    assert_eq!(codes_of(&files[0]), ["PS101"]);
    assert_eq!(files[1]["path"], "missing.eml");
    assert!(
        files[1]["error"].as_str().unwrap().contains("No such file"),
        "{doc:#}"
    );
    assert_eq!(doc["summary"]["unreadable"], 1);

    let out = presend(dir.path(), &["check", "missing.eml"]);
    assert_eq!(code(&out), 2);
    assert!(
        stdout(&out).contains("cannot read `missing.eml`"),
        "{}",
        stdout(&out)
    );
}

#[test]
fn folder_walk_finds_eml_and_honours_gitignore() {
    let dir = tree(&[
        ("mail/a.eml", CLEAN),
        ("mail/sub/b.EML", CLEAN),
        ("mail/skipped.eml", CLEAN),
        ("mail/notes.txt", "not a message"),
        ("mail/.hidden/c.eml", CLEAN),
        ("mail/.gitignore", "skipped.eml\n"),
    ]);
    let out = presend(dir.path(), &["check", "--format", "json", "mail"]);
    let doc = json(&out);
    let paths: Vec<&str> = doc["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(paths, ["mail/a.eml", "mail/sub/b.EML"]);
}

#[test]
fn output_file_receives_the_report() {
    let dir = tree(&[("bad.eml", &no_date())]);
    let out = presend(
        dir.path(),
        &["check", "--format", "json", "-o", "report.json", "bad.eml"],
    );
    assert_eq!(code(&out), 1);
    assert_eq!(stdout(&out), "");
    let text = std::fs::read_to_string(dir.path().join("report.json")).unwrap();
    let doc: Value = serde_json::from_str(&text).unwrap();
    assert_eq!(codes_of(&doc["files"][0]), ["PS101"]);
}

#[test]
fn select_and_ignore_flags() {
    let dir = tree(&[("bad.eml", &no_date())]);
    let out = presend(
        dir.path(),
        &["check", "--ignore", "missing-date", "bad.eml"],
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let out = presend(dir.path(), &["check", "--select", "PS104", "bad.eml"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let out = presend(dir.path(), &["check", "--select", "headers", "bad.eml"]);
    assert_eq!(code(&out), 1);
    let out = presend(dir.path(), &["check", "--select", "PS9999", "bad.eml"]);
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("--select") && stderr(&out).contains("PS9999"));
}

#[test]
fn max_warnings_turns_warnings_into_failure() {
    let dir = tree(&[
        ("bad.eml", &no_date()),
        ("presend.toml", "[lint.levels]\nmissing-date = \"warn\"\n"),
    ]);
    let out = presend(dir.path(), &["check", "--format", "json", "bad.eml"]);
    assert_eq!(code(&out), 0, "warnings alone pass");
    assert_eq!(
        json(&out)["files"][0]["diagnostics"][0]["severity"],
        "warning"
    );
    let out = presend(dir.path(), &["check", "--max-warnings", "0", "bad.eml"]);
    assert_eq!(code(&out), 1);
    let out = presend(dir.path(), &["check", "--max-warnings", "1", "bad.eml"]);
    assert_eq!(code(&out), 0);
}

#[test]
fn config_is_discovered_upward_and_isolated_skips_it() {
    let dir = tree(&[
        ("presend.toml", "[lint]\nignore = [\"PS101\"]\n"),
        ("templates/deep/bad.eml", &no_date()),
    ]);
    let deep = dir.path().join("templates/deep");
    let out = presend(&deep, &["check", "bad.eml"]);
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    let out = presend(&deep, &["check", "--isolated", "bad.eml"]);
    assert_eq!(code(&out), 1);
}

#[test]
fn explicit_config_and_per_file_ignores() {
    let dir = tree(&[
        (
            "ci.toml",
            "[lint.per-file-ignores]\n\"legacy/*.eml\" = [\"missing-date\"]\n",
        ),
        ("legacy/old.eml", &no_date()),
        ("new/bad.eml", &no_date()),
    ]);
    let out = presend(
        dir.path(),
        &["check", "--config", "ci.toml", "--format", "json", "."],
    );
    let doc = json(&out);
    let files = doc["files"].as_array().unwrap();
    assert_eq!(files[0]["path"], "./legacy/old.eml");
    assert!(codes_of(&files[0]).is_empty(), "{doc:#}");
    assert_eq!(codes_of(&files[1]), ["PS101"]);
}

#[test]
fn config_errors_name_the_file_and_key() {
    let dir = tree(&[
        ("presend.toml", "[lint]\nselekt = [\"PS1\"]\n"),
        ("clean.eml", CLEAN),
    ]);
    let out = presend(dir.path(), &["check", "clean.eml"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("presend.toml") && err.contains("selekt"),
        "{err}"
    );

    let dir = tree(&[
        ("presend.toml", "[lint.date-skew]\nmax-past = \"soon\"\n"),
        ("clean.eml", CLEAN),
    ]);
    let out = presend(dir.path(), &["check", "clean.eml"]);
    assert_eq!(code(&out), 2);
    let err = stderr(&out);
    assert!(
        err.contains("presend.toml") && err.contains("max-past"),
        "{err}"
    );

    let out = presend(
        dir.path(),
        &["check", "--config", "absent.toml", "clean.eml"],
    );
    assert_eq!(code(&out), 2);
    assert!(stderr(&out).contains("absent.toml"));
}

#[test]
fn stored_newlines_flag_quiets_all_lf_files_only() {
    let lf = CLEAN.replace("\r\n", "\n");
    let mixed = CLEAN.replacen("\r\n", "\n", 1);
    let dir = tree(&[("lf.eml", &lf), ("mixed.eml", &mixed)]);
    let run = |args: &[&str]| {
        let out = presend(dir.path(), args);
        let doc = json(&out);
        doc["files"]
            .as_array()
            .unwrap()
            .iter()
            .map(codes_of)
            .collect::<Vec<_>>()
    };
    let wire = run(&["check", "--format", "json", "lf.eml", "mixed.eml"]);
    assert!(wire[0].contains(&"PS201".to_string()), "{wire:?}");
    assert!(wire[1].contains(&"PS201".to_string()), "{wire:?}");
    let stored = run(&[
        "check",
        "--format",
        "json",
        "--stored-newlines",
        "lf.eml",
        "mixed.eml",
    ]);
    assert!(!stored[0].contains(&"PS201".to_string()), "{stored:?}");
    assert!(stored[1].contains(&"PS201".to_string()), "{stored:?}");
}

#[test]
fn rule_command_prints_docs_and_catalogue() {
    let dir = tempfile::tempdir().unwrap();
    let out = presend(dir.path(), &["rule", "missing-date"]);
    assert_eq!(code(&out), 0);
    let text = stdout(&out);
    assert!(text.starts_with("# missing-date (PS101)"), "{text}");
    for section in ["## What it does", "## Why is this bad", "## How to fix"] {
        assert!(text.contains(section), "{text}");
    }
    assert_eq!(stdout(&presend(dir.path(), &["rule", "PS101"])), text);

    let out = presend(dir.path(), &["rule", "--all", "--format", "json"]);
    let all: Value = serde_json::from_str(&stdout(&out)).unwrap();
    let all = all.as_array().unwrap();
    assert_eq!(all.len(), presend::registry::metas().count());
    assert_eq!(all[0]["code"], "PS101");
    assert_eq!(all[0]["default_level"], "deny");
    assert!(all[0]["doc"].as_str().unwrap().contains("## References"));

    let out = presend(dir.path(), &["rule", "missing-dates"]);
    assert_eq!(code(&out), 2);
    assert!(
        stderr(&out).contains("did you mean missing-date"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn usage_errors_exit_two() {
    let dir = tempfile::tempdir().unwrap();
    assert_eq!(code(&presend(dir.path(), &["check", "--format", "xml"])), 2);
    assert_eq!(code(&presend(dir.path(), &["frobnicate"])), 2);
}

#[test]
fn envelope_recipients_are_checked_for_typos() {
    let dir = tree(&[("clean.eml", CLEAN)]);
    let out = presend(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--rcpt",
            "bob@hotmial.com,carol@gmail.com",
            "clean.eml",
        ],
    );
    assert_eq!(code(&out), 1, "{}{}", stdout(&out), stderr(&out));
    let printed = stdout(&out);
    assert!(
        printed.contains("PS513")
            && printed.contains("`hotmial.com` looks like a misspelling of `hotmail.com`"),
        "{printed}"
    );
    assert!(!printed.contains("carol@gmail.com"), "{printed}");
}

#[test]
fn sarif_output_validates_against_the_sarif_schema() {
    let dir = tree(&[("bad.eml", &no_date()), ("clean.eml", CLEAN)]);
    let out = presend(
        dir.path(),
        &[
            "check",
            "--format",
            "sarif",
            "bad.eml",
            "clean.eml",
            "missing.eml",
        ],
    );
    let document: Value = serde_json::from_str(&stdout(&out)).expect("one SARIF document");
    let results = document["runs"][0]["results"].as_array().unwrap();
    assert!(
        results.iter().any(|r| r["ruleId"] == "PS101"),
        "{document:#}"
    );
    assert_eq!(
        document["runs"][0]["tool"]["driver"]["rules"][0]["id"],
        "PS101"
    );
    assert_eq!(
        document["runs"][0]["invocations"][0]["executionSuccessful"],
        false
    );
    let Some(shared) = common::shared_dir() else {
        return;
    };
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(shared.join("data/sarif-schema-2.1.0.json")).unwrap(),
    )
    .unwrap();
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    let errors: Vec<String> = validator
        .iter_errors(&document)
        .map(|e| e.to_string())
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
}

#[test]
fn ci_formats_are_snapshotted_and_parse() {
    let dir = tree(&[("bad.eml", &no_date()), ("clean.eml", CLEAN)]);
    for format in ["sarif", "github", "junit", "gitlab"] {
        let out = presend(
            dir.path(),
            &[
                "check",
                "--format",
                format,
                "bad.eml",
                "clean.eml",
                "gone.eml",
            ],
        );
        let text = stdout(&out);
        assert_cli_snapshot(&format!("format_{format}"), &text);
        match format {
            "gitlab" | "sarif" => {
                let _: Value = serde_json::from_str(&text).expect("valid JSON");
            }
            "github" => assert!(
                text.lines().all(|l| l.starts_with("::error ")
                    || l.starts_with("::warning ")
                    || l.starts_with("::notice ")),
                "{text}"
            ),
            _ => {
                let parsed = Command::new("python3")
                    .args(["-c", "import sys, xml.etree.ElementTree as E; E.fromstring(sys.stdin.buffer.read())"])
                    .stdin(std::process::Stdio::piped())
                    .spawn()
                    .and_then(|mut child| {
                        use std::io::Write;
                        child.stdin.take().unwrap().write_all(text.as_bytes())?;
                        child.wait()
                    });
                match parsed {
                    Ok(status) => assert!(status.success(), "JUnit XML does not parse:\n{text}"),
                    Err(_) => eprintln!("notice: no python3; JUnit XML not parsed"),
                }
            }
        }
    }
}

#[test]
fn html_and_text_templates_with_front_matter_are_one_message() {
    let html = "---\nfrom: Example Shop <orders@shop.example.com>\nto: Alice Example <alice@example.net>\n\
                subject: Welcome, {{ first_name }}\nheaders:\n  X-Campaign: welcome\n---\n\
                <html><body><p>Hi {{ first_name }}, welcome to Example Shop.</p>\
                <p><a href=\"https://shop.example.com/start\">Get started</a></p></body></html>\n";
    let txt = "Hi {{ first_name }}, welcome to Example Shop.\nGet started: https://shop.example.com/start\n";
    let toml_template = "+++\nfrom = \"orders@shop.example.com\"\nto = \"bob@gmial.com\"\nsubject = \"Receipt\"\n+++\nThanks for your order.\n";
    let broken = "---\nsubject: never closed\n";
    let dir = tree(&[
        ("emails/welcome.html", html),
        ("emails/welcome.txt", txt),
        ("emails/receipt.txt", toml_template),
        ("emails/broken.html", broken),
        ("emails/notes.txt", "just notes, not a template\n"),
    ]);
    let out = presend(dir.path(), &["check", "--format", "json", "emails"]);
    let document = json(&out);
    let files = document["files"].as_array().unwrap();
    let paths: Vec<&str> = files.iter().map(|f| f["path"].as_str().unwrap()).collect();
    assert_eq!(
        paths,
        [
            "emails/broken.html",
            "emails/receipt.txt",
            "emails/welcome.html"
        ],
        "{document:#}"
    );
    assert!(
        files[0]["error"].as_str().unwrap().contains("never closed"),
        "{document:#}"
    );
    assert!(
        codes_of(&files[1]).contains(&"PS513".to_string()),
        "{document:#}"
    );
    // Placeholders are expected in templates; nothing else is wrong with the welcome mail.
    assert_eq!(codes_of(&files[2]), Vec::<String>::new(), "{document:#}");

    // With placeholders denied, they are findings.
    let dir2 = tree(&[
        ("presend.toml", "[input]\nplaceholders = \"deny\"\n"),
        ("welcome.html", html),
        ("welcome.txt", txt),
    ]);
    let out = presend(dir2.path(), &["check", "--format", "json", "."]);
    let document = json(&out);
    assert!(
        codes_of(&document["files"][0]).contains(&"PS508".to_string()),
        "{document:#}"
    );
    // Sample values fill them in.
    let dir3 = tree(&[
        (
            "presend.toml",
            "[input]\nplaceholders = \"deny\"\n[input.sample-values]\nfirst_name = \"Alice\"\n",
        ),
        ("welcome.html", html),
    ]);
    let out = presend(dir3.path(), &["check", "--format", "json", "."]);
    let document = json(&out);
    assert!(
        !codes_of(&document["files"][0]).contains(&"PS508".to_string()),
        "{document:#}"
    );
}

#[test]
fn fix_writes_safe_fixes_and_diff_only_shows_them() {
    let broken = no_date().replace("\r\n", "\n");
    let dir = tree(&[("bad.eml", &broken), ("clean.eml", CLEAN)]);
    let out = presend(dir.path(), &["fix", "--diff", "."]);
    assert_eq!(code(&out), 0, "{}", stderr(&out));
    let printed = stdout(&out);
    assert!(
        printed.contains("./bad.eml: fixed bare-lf, missing-date"),
        "{printed}"
    );
    assert!(printed.contains("+ Date: "), "{printed}");
    assert!(printed.contains("would fix 1 file"), "{printed}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("bad.eml")).unwrap(),
        broken
    );

    let out = presend(dir.path(), &["fix", "."]);
    assert_eq!(code(&out), 0);
    let out = presend(
        dir.path(),
        &["check", "--format", "concise", "bad.eml", "clean.eml"],
    );
    assert_eq!(code(&out), 0, "{}", stdout(&out));
    assert_eq!(
        std::fs::read_to_string(dir.path().join("clean.eml")).unwrap(),
        CLEAN
    );
}

#[test]
fn a_recipient_in_both_envelope_and_header_is_reported_once() {
    let typo = CLEAN.replace("alice@example.net", "alice@gmial.com");
    let dir = tree(&[("typo.eml", &typo)]);
    let out = presend(
        dir.path(),
        &[
            "check",
            "--format",
            "concise",
            "--rcpt",
            "alice@gmial.com",
            "typo.eml",
        ],
    );
    let printed = stdout(&out);
    assert_eq!(printed.matches("PS513").count(), 1, "{printed}");
}

#[test]
fn template_findings_point_at_the_template_lines() {
    let html = "---\nfrom: Example Shop <orders@shop.example.com>\nto: alice@example.net\n\
                subject: FREE GIFT FOR EVERY CUSTOMER TODAY\n---\n<html><body>\n\
                <p>Claim your gift now.</p>\n<p><a href=\"http://192.0.2.7/claim\">Claim</a></p>\n\
                </body></html>\n";
    let dir = tree(&[("promo.html", html)]);
    let out = presend(dir.path(), &["check", "--format", "json", "promo.html"]);
    let document = json(&out);
    let diagnostics = document["files"][0]["diagnostics"].as_array().unwrap();
    let line_of = |code: &str| {
        diagnostics
            .iter()
            .find(|d| d["code"] == code)
            .map(|d| d["location"]["line"].as_u64().unwrap())
    };
    // The subject is on line 4 of the file, the IP link on line 8.
    assert_eq!(line_of("PS501"), Some(4), "{document:#}");
    assert_eq!(line_of("PS402"), Some(8), "{document:#}");
    // The full format quotes the template itself.
    let full = stdout(&presend(dir.path(), &["check", "promo.html"]));
    assert!(full.contains("4 | subject: FREE GIFT"), "{full}");
}
