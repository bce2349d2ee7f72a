//! `presend smtp-check` against a real SMTP server on 127.0.0.1 that the test starts
//! (`common/smtp_server.rs`: STARTTLS or implicit TLS with a CA generated here, AUTH, SIZE):
//! every PS8xx fixture in `lints/` (a server description) fires or stays quiet, plus the
//! configurations the issue names, the CLI in several formats, and secrets never printed.

mod common;
#[path = "common/smtp_server.rs"]
mod smtp_server;

use std::time::Duration;

use presend::smtp::{Credentials, SmtpCheck, SmtpOptions, Target, check};
use presend::{Report, Settings};
use smtp_server::{Server, ServerConfig};

const USER: &str = "app@shop.example.com";
const PASSWORD: &str = "s3cret-Pa55word";

/// A `lints/PS8xx-*/{fail,pass}-*.toml` fixture: the server, and how presend is pointed at it.
#[derive(Debug, serde::Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Fixture {
    /// What the application is configured with (the server really listens on port 0).
    url: String,
    /// The wire size of the message to be sent.
    message_size: Option<u64>,
    /// Credentials presend authenticates with.
    username: Option<String>,
    password: Option<String>,
    /// Trust the test CA (default true).
    trust_ca: Option<bool>,
    server: ServerConfig,
}

fn run(
    server: &Server,
    url: &str,
    trust: bool,
    size: Option<u64>,
    creds: Option<(&str, &str)>,
) -> SmtpCheck {
    let target = Target::parse(url).unwrap();
    let options = SmtpOptions {
        ehlo_name: "app.shop.example.com".into(),
        timeout: Duration::from_secs(5),
        ca_file: trust.then(|| server.ca_file.clone()),
        connect_to: Some(server.addr),
        message_size: size,
    };
    let credentials = creds.map(|(u, p)| Credentials {
        username: u.into(),
        password: p.into(),
    });
    check(
        &target,
        &options,
        credentials.as_ref(),
        &Settings::default(),
    )
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code).collect()
}

fn render(outcome: &SmtpCheck) -> String {
    match &outcome.result {
        Ok(report) => common::finding_lines(report),
        Err(e) => format!("error: {e}\n"),
    }
}

#[test]
fn every_transport_fixture_fires_or_stays_quiet() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for dir in common::fixture_dirs()
        .into_iter()
        .filter(|d| d.code.starts_with("PS8"))
    {
        for (prefix, must_fire) in [("fail-", true), ("pass-", false)] {
            for file in common::fixtures(&dir.path, prefix) {
                checked += 1;
                let text = std::fs::read_to_string(&file).unwrap();
                let fixture: Fixture =
                    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
                let server = smtp_server::start(fixture.server);
                let creds = fixture.username.as_deref().zip(fixture.password.as_deref());
                let outcome = run(
                    &server,
                    &fixture.url,
                    fixture.trust_ca.unwrap_or(true),
                    fixture.message_size,
                    creds,
                );
                let label = format!(
                    "{}/{}",
                    dir.path.file_name().unwrap().to_string_lossy(),
                    file.file_name().unwrap().to_string_lossy()
                );
                let fired = outcome
                    .result
                    .as_ref()
                    .is_ok_and(|r| r.diagnostics.iter().any(|d| d.code == dir.code));
                if fired != must_fire || outcome.result.is_err() {
                    failures.push(format!(
                        "{label}: expected {} to {}\n{}",
                        dir.code,
                        if must_fire { "fire" } else { "stay quiet" },
                        render(&outcome)
                    ));
                }
                insta::with_settings!({
                    snapshot_path => "../snapshots/lints",
                    prepend_module_to_snapshot => false,
                    omit_expression => true,
                }, {
                    insta::assert_snapshot!(label.replace('/', "__"), render(&outcome));
                });
            }
        }
    }
    assert!(checked >= 10, "only {checked} transport fixtures");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn server_without_starttls_and_auth_reports_both() {
    let server = smtp_server::start(ServerConfig::default());
    let outcome = run(&server, "smtp://localhost:587", true, None, None);
    let report = outcome.result.unwrap();
    assert_eq!(codes(&report), ["PS801", "PS802"], "{report:?}");
    assert!(report.has_errors());
    let transcript = String::from_utf8(outcome.transcript).unwrap();
    assert!(transcript.starts_with("S: 220 mail.test"), "{transcript}");
    assert!(
        transcript.contains("C: EHLO app.shop.example.com"),
        "{transcript}"
    );
}

#[test]
fn server_with_starttls_and_auth_reports_neither() {
    let server = smtp_server::start(ServerConfig {
        starttls: true,
        user: Some(USER.into()),
        password: Some(PASSWORD.into()),
        size: Some(10_000_000),
        ..ServerConfig::default()
    });
    let outcome = run(
        &server,
        "smtp://localhost:587",
        true,
        Some(20_000),
        Some((USER, PASSWORD)),
    );
    let report = outcome.result.unwrap();
    assert!(report.diagnostics.is_empty(), "{report:?}");
    let transcript = String::from_utf8(outcome.transcript).unwrap();
    assert!(transcript.contains("-- TLS established"), "{transcript}");
    assert!(transcript.contains("S: 235 2.7.0"), "{transcript}");
    assert!(!transcript.contains(PASSWORD), "password in transcript");
    use base64::Engine;
    let token = base64::engine::general_purpose::STANDARD.encode(format!("\0{USER}\0{PASSWORD}"));
    assert!(!transcript.contains(&token), "credentials in transcript");
}

#[test]
fn bad_credentials_are_reported_with_the_servers_words() {
    for mechanisms in ["PLAIN LOGIN", "LOGIN"] {
        let server = smtp_server::start(ServerConfig {
            starttls: true,
            user: Some(USER.into()),
            password: Some(PASSWORD.into()),
            mechanisms: Some(mechanisms.into()),
            ..ServerConfig::default()
        });
        let outcome = run(
            &server,
            "smtp://localhost:587",
            true,
            None,
            Some((USER, "old-password")),
        );
        let report = outcome.result.unwrap();
        assert_eq!(codes(&report), ["PS805"], "{mechanisms}: {report:?}");
        let d = &report.diagnostics[0];
        assert!(
            d.message.contains("535 5.7.8 Error: authentication failed"),
            "{}",
            d.message
        );
        assert!(d.help.as_deref().unwrap().contains("update it everywhere"));
        let transcript = String::from_utf8(outcome.transcript).unwrap();
        assert!(!transcript.contains("old-password"));
    }
}

#[test]
fn untrusted_certificate_is_no_tls() {
    let server = smtp_server::start(ServerConfig {
        starttls: true,
        ..ServerConfig::default()
    });
    let report = run(&server, "smtp://localhost:587", false, None, None)
        .result
        .unwrap();
    assert_eq!(codes(&report), ["PS801"], "{report:?}");
    assert!(
        report.diagnostics[0].message.contains("certificate"),
        "{:?}",
        report.diagnostics[0].message
    );
    // A name the certificate does not cover fails too, even with the CA trusted.
    let report = run(&server, "smtp://mail.other.test:587", true, None, None)
        .result
        .unwrap();
    assert_eq!(codes(&report), ["PS801"], "{report:?}");
}

#[test]
fn implicit_tls_and_plain_connection_to_465() {
    let server = smtp_server::start(ServerConfig {
        implicit_tls: true,
        user: Some(USER.into()),
        password: Some(PASSWORD.into()),
        ..ServerConfig::default()
    });
    let report = run(
        &server,
        "smtps://localhost",
        true,
        None,
        Some((USER, PASSWORD)),
    )
    .result
    .unwrap();
    assert!(report.diagnostics.is_empty(), "{report:?}");
    let error = run(&server, "smtp://localhost:465", true, None, None)
        .result
        .unwrap_err();
    assert!(error.contains("use smtps://"), "{error}");
}

#[test]
fn unreachable_server_is_an_error_not_a_pass() {
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let target = Target::parse(&format!("smtp://127.0.0.1:{port}")).unwrap();
    let outcome = check(&target, &SmtpOptions::default(), None, &Settings::default());
    let error = outcome.result.unwrap_err();
    assert!(error.contains("cannot connect"), "{error}");
}

#[test]
fn configuration_turns_rules_off() {
    let server = smtp_server::start(ServerConfig::default());
    let target = Target::parse("smtp://localhost:587").unwrap();
    let options = SmtpOptions {
        connect_to: Some(server.addr),
        ..SmtpOptions::default()
    };
    let settings = presend::settings::parse_config(
        "[lint.levels]\nsmtp-no-auth = \"allow\"\n[smtp]\ntimeout = \"3s\"\n",
    )
    .unwrap();
    assert_eq!(settings.smtp.timeout, Duration::from_secs(3));
    let report = check(&target, &options, None, &settings).result.unwrap();
    assert_eq!(codes(&report), ["PS801"]);
    assert!(presend::settings::parse_config("[smtp]\nurl = \"smtp://u:pw@h:587\"\n").is_err());
    assert!(
        presend::settings::parse_config("[smtp]\nport = 25\n")
            .unwrap_err()
            .contains("port")
    );
}

fn cli(server: &Server, args: &[&str], creds: Option<(&str, &str)>) -> (i32, String) {
    let mut command = std::process::Command::new(env!("CARGO_BIN_EXE_presend"));
    command
        .arg("smtp-check")
        .arg("--isolated")
        .arg("--connect-to")
        .arg(server.addr.to_string())
        .arg("--ca-file")
        .arg(&server.ca_file)
        .args(args);
    command
        .env_remove("PRESEND_SMTP_USERNAME")
        .env_remove("PRESEND_SMTP_PASSWORD");
    if let Some((u, p)) = creds {
        command
            .env("PRESEND_SMTP_USERNAME", u)
            .env("PRESEND_SMTP_PASSWORD", p);
    }
    let out = command.output().unwrap();
    let stdout = String::from_utf8(out.stdout).unwrap();
    assert!(!stdout.contains(PASSWORD) && !String::from_utf8_lossy(&out.stderr).contains(PASSWORD));
    (out.status.code().unwrap(), stdout)
}

#[test]
fn cli_renders_every_format_with_the_url_as_path() {
    let server = smtp_server::start(ServerConfig {
        size: Some(1000),
        ..ServerConfig::default()
    });
    let dir = tempfile::tempdir().unwrap();
    let message = dir.path().join("big.eml");
    std::fs::write(
        &message,
        format!("From: a@shop.example.com\n\n{}\n", "x".repeat(3000)),
    )
    .unwrap();
    let message = message.to_string_lossy().to_string();
    let (code, full) = cli(
        &server,
        &["smtp://localhost:25", "--message", &message],
        None,
    );
    assert_eq!(code, 1, "{full}");
    insta::with_settings!({ snapshot_path => "../snapshots", prepend_module_to_snapshot => false }, {
        insta::assert_snapshot!("smtp_check_full", full);
    });
    let (_, json) = cli(
        &server,
        &[
            "smtp://localhost:25",
            "--message",
            &message,
            "--format",
            "json",
        ],
        None,
    );
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(doc["files"][0]["path"], "smtp://localhost:25");
    let found: Vec<&str> = doc["files"][0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["code"].as_str().unwrap())
        .collect();
    for code in ["PS801", "PS802", "PS803", "PS804"] {
        assert!(found.contains(&code), "{code} missing: {json}");
    }
    if let Some(shared) = common::shared_dir() {
        let schema: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(shared.join("data/presend-check-output.schema.json")).unwrap(),
        )
        .unwrap();
        let validator = jsonschema::validator_for(&schema).unwrap();
        assert!(validator.is_valid(&doc), "{json}");
        let sarif_schema: serde_json::Value = serde_json::from_str(
            &std::fs::read_to_string(shared.join("data/sarif-schema-2.1.0.json")).unwrap(),
        )
        .unwrap();
        let (_, sarif) = cli(&server, &["smtp://localhost:25", "--format", "sarif"], None);
        let sarif: serde_json::Value = serde_json::from_str(&sarif).unwrap();
        assert!(
            jsonschema::validator_for(&sarif_schema)
                .unwrap()
                .is_valid(&sarif)
        );
    }
    for format in ["github", "junit", "gitlab", "concise", "json-lines"] {
        let (code, out) = cli(&server, &["smtp://localhost:25", "--format", format], None);
        assert_eq!(code, 1);
        assert!(
            out.contains("PS801") || out.contains("smtp-no-tls"),
            "{format}: {out}"
        );
    }
    let (code, _) = cli(&server, &["smtp://localhost:25", "--exit-zero"], None);
    assert_eq!(code, 0);
}

#[test]
fn cli_authenticates_from_the_environment() {
    let server = smtp_server::start(ServerConfig {
        starttls: true,
        user: Some(USER.into()),
        password: Some(PASSWORD.into()),
        ..ServerConfig::default()
    });
    let (code, out) = cli(&server, &["smtp://localhost:587"], Some((USER, PASSWORD)));
    assert_eq!(code, 0, "{out}");
    let (code, out) = cli(&server, &["smtp://localhost:587"], Some((USER, "wrong")));
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("smtp-auth-failed") && out.contains("535 5.7.8"),
        "{out}"
    );
    let (code, _) = cli(&server, &["smtp://user:pw@localhost:587"], None);
    assert_eq!(code, 2);
}
