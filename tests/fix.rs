//! `presend fix`: every fixable one-defect fixture comes out without that finding, and a
//! clean message is left byte for byte as it was.

mod common;

use presend::fix::{FixOptions, fix};
use presend::settings::Origin;
use presend::{Linter, Settings};

fn wire_linter() -> Linter {
    let mut settings = Settings::default();
    settings.input.origin = Origin::Stored;
    Linter::new(settings)
}

#[test]
fn each_fixer_removes_its_finding() {
    let linter = wire_linter();
    for (folder, name) in [
        ("PS101-missing-date", "missing-date"),
        ("PS104-missing-message-id", "missing-message-id"),
        ("PS201-bare-lf", "bare-lf"),
        ("PS202-bare-cr", "bare-cr"),
        ("PS112-non-ascii-header", "non-ascii-header"),
    ] {
        let dir = common::repo_root().join("lints").join(folder);
        let fails = common::fixtures(&dir, "fail-");
        assert!(!fails.is_empty(), "{folder} has fail fixtures");
        for file in fails {
            let bytes = std::fs::read(&file).unwrap();
            let before = linter.check(&bytes);
            assert!(
                before.diagnostics.iter().any(|d| d.name == name),
                "{}: {name} fires before fixing",
                file.display()
            );
            let fixed = fix(
                &bytes,
                FixOptions {
                    stored_newlines: false,
                    now: Some(common::SENT_AT),
                },
            );
            assert!(
                fixed.applied.contains(&name),
                "{}: {:?}",
                file.display(),
                fixed.applied
            );
            let after = linter.check(&fixed.bytes);
            let left: Vec<&str> = after
                .diagnostics
                .iter()
                .filter(|d| d.name == name)
                .map(|d| d.message.as_str())
                .collect();
            assert!(
                left.is_empty(),
                "{}: still {name}: {left:?}",
                file.display()
            );
        }
    }
}

#[test]
fn clean_messages_are_untouched() {
    let bytes = common::shop_message()
        .subject("Your order has shipped")
        .text_body("On its way.\n")
        .write_to_vec()
        .unwrap();
    let fixed = fix(&bytes, FixOptions::default());
    assert!(fixed.applied.is_empty(), "{:?}", fixed.applied);
    assert_eq!(fixed.bytes, bytes);
}

#[test]
fn stored_files_keep_unix_newlines() {
    let bytes = b"From: a@example.com\nTo: b@example.net\nSubject: x\nMessage-ID: <1@example.com>\n\nbody\r\nmore\n";
    let fixed = fix(
        bytes,
        FixOptions {
            stored_newlines: true,
            now: Some(common::SENT_AT),
        },
    );
    assert!(!fixed.bytes.windows(2).any(|w| w == b"\r\n"));
    assert!(
        fixed.bytes.starts_with(b"Date: "),
        "{}",
        String::from_utf8_lossy(&fixed.bytes)
    );
}

#[test]
fn long_header_lines_are_folded_until_line_too_long_is_gone() {
    let to: Vec<String> = (0..80)
        .map(|i| format!("User {i} <user{i}@example.net>"))
        .collect();
    let bytes = common::shop_message()
        .subject("Team update")
        .text_body("Hello team.\n")
        .write_to_vec()
        .unwrap();
    let text = String::from_utf8(bytes).unwrap();
    let long = text.replacen("To: ", &format!("Cc: {}\r\nTo: ", to.join(", ")), 1);
    let linter = wire_linter();
    assert!(
        linter
            .check(long.as_bytes())
            .diagnostics
            .iter()
            .any(|d| d.name == "line-too-long")
    );
    let fixed = fix(long.as_bytes(), FixOptions::default());
    assert_eq!(fixed.applied, ["line-too-long"]);
    let after = linter.check(&fixed.bytes);
    assert!(
        after.diagnostics.iter().all(|d| d.name != "line-too-long"),
        "{:?}",
        after.diagnostics
    );
    let cc = mail_parser::MessageParser::default()
        .parse(&fixed.bytes)
        .unwrap();
    assert_eq!(
        cc.cc().map(|c| c.iter().count()),
        Some(80),
        "the folded Cc still holds every address"
    );
}
