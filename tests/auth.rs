//! The auth rules (PS7xx) end to end: messages DKIM-signed at test time with mail-auth's
//! signer, the static zone of `lints/auth.presend.toml`, the same zone served live by a DNS
//! server on 127.0.0.1, and `mode = "off"` opening no socket.
//!
//! `PRESEND_WRITE_FIXTURES=1 cargo test --test auth write_fixtures` rewrites the signed
//! fixtures of `lints/PS7*` from the specifications below.

mod common;
#[path = "common/dns_server.rs"]
mod dns_server;

use std::net::{SocketAddr, UdpSocket};
use std::path::Path;
use std::time::Duration;

use mail_auth::common::crypto::{Algorithm, DkimKey, RsaKey, Sha256, SigningKey};
use mail_auth::common::headers::{HeaderWriter, Writable};
use mail_auth::dkim::DkimSigner;
use presend::settings::{Newlines, load_config_onto};
use presend::{Linter, Report, Settings};

const HEADERS: [&str; 6] = [
    "From",
    "To",
    "Subject",
    "Date",
    "Message-ID",
    "MIME-Version",
];

fn key_der(pem_name: &str) -> Vec<u8> {
    use base64::Engine as _;
    let pem = std::fs::read_to_string(common::repo_root().join("tests/data/dkim").join(pem_name))
        .unwrap();
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .unwrap()
}

/// The 2048-bit test key, through mail-auth's own (ring) signer.
fn strong_key() -> DkimKey {
    let der = key_der("acme-2048.pem");
    let key = RsaKey::<Sha256>::from_key_der(rustls::pki_types::PrivateKeyDer::Pkcs8(der.into()))
        .unwrap();
    DkimKey::Rsa(key)
}

/// A 512-bit RSA key: ring refuses to sign with it, so it signs through the `rsa` crate
/// behind mail-auth's `SigningKey` trait.
struct WeakKey(rsa::pkcs1v15::SigningKey<rsa::sha2::Sha256>);

impl SigningKey for WeakKey {
    type Hasher = Sha256;

    fn sign(&self, input: impl Writable) -> mail_auth::Result<Vec<u8>> {
        use rsa::signature::{SignatureEncoding as _, Signer as _};
        let mut data = Vec::new();
        input.write(&mut data);
        Ok(self.0.sign(&data).to_vec())
    }

    fn algorithm(&self) -> Algorithm {
        Algorithm::RsaSha256
    }
}

fn weak_key() -> WeakKey {
    use rsa::pkcs8::DecodePrivateKey as _;
    let key = rsa::RsaPrivateKey::from_pkcs8_der(&key_der("weak-512.pem")).unwrap();
    WeakKey(rsa::pkcs1v15::SigningKey::new(key))
}

/// How a fixture is signed.
#[derive(Clone, Copy)]
enum Signing {
    None,
    /// `d=`, `s=`, with the 2048-bit key.
    Strong(&'static str, &'static str),
    /// `d=`, `s=`, with the 512-bit key.
    Weak(&'static str, &'static str),
}

/// A change made after signing.
#[derive(Clone, Copy)]
enum Tamper {
    None,
    /// A footer appended to the body.
    Body,
    /// The Subject rewritten.
    Subject,
}

/// An unsigned message as CRLF wire bytes.
fn message(from: &str, to: &str, subject: &str, body: &str) -> Vec<u8> {
    let text = format!(
        "From: {from}\r\nTo: {to}\r\nSubject: {subject}\r\nDate: Sun, 06 Dec 2026 09:00:00 +0000\r\nMessage-ID: <{}@acme.example.com>\r\nMIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 7bit\r\n\r\n{}",
        subject.to_ascii_lowercase().replace(' ', "-"),
        body.replace('\n', "\r\n"),
    );
    text.into_bytes()
}

fn sign(bytes: &[u8], signing: Signing) -> Vec<u8> {
    let header = match signing {
        Signing::None => return bytes.to_vec(),
        Signing::Strong(d, s) => DkimSigner::from_key(strong_key())
            .domain(d)
            .selector(s)
            .headers(HEADERS)
            .sign(bytes)
            .unwrap()
            .to_header(),
        Signing::Weak(d, s) => DkimSigner::from_key(weak_key())
            .domain(d)
            .selector(s)
            .headers(HEADERS)
            .sign(bytes)
            .unwrap()
            .to_header(),
    };
    let mut out = header.into_bytes();
    out.extend_from_slice(bytes);
    out
}

fn tamper(mut bytes: Vec<u8>, how: Tamper) -> Vec<u8> {
    match how {
        Tamper::None => bytes,
        Tamper::Body => {
            bytes.extend_from_slice(b"\r\n--\r\nSent from the Acme shop\r\n");
            bytes
        }
        Tamper::Subject => {
            let text = String::from_utf8(bytes).unwrap();
            text.replacen("Subject: Your order", "Subject: Your order has shipped", 1)
                .into_bytes()
        }
    }
}

const ACME: &str = "Acme Shop <orders@acme.example.com>";
const CUSTOMER: &str = "Jane Doe <jane@customers.example.com>";
const BODY: &str = "Hello Jane,\n\nthank you for your order 1042. We will let you know when it ships.\n\nAcme Shop\n";
const ACME_SIGNED: Signing = Signing::Strong("acme.example.com", "s1");

/// One fixture: folder, file name, From, To, body, signing, tampering.
struct Spec {
    dir: &'static str,
    file: &'static str,
    from: &'static str,
    to: &'static str,
    body: &'static str,
    signing: Signing,
    tamper: Tamper,
}

const fn spec(dir: &'static str, file: &'static str) -> Spec {
    Spec {
        dir,
        file,
        from: ACME,
        to: CUSTOMER,
        body: BODY,
        signing: ACME_SIGNED,
        tamper: Tamper::None,
    }
}

fn specs() -> Vec<Spec> {
    vec![
        Spec {
            signing: Signing::None,
            ..spec("PS701-missing-dkim-signature", "fail-unsigned.eml")
        },
        spec("PS701-missing-dkim-signature", "pass-signed.eml"),
        Spec {
            tamper: Tamper::Body,
            ..spec("PS702-dkim-invalid", "fail-body-changed.eml")
        },
        Spec {
            tamper: Tamper::Subject,
            ..spec("PS702-dkim-invalid", "fail-header-changed.eml")
        },
        Spec {
            signing: Signing::Strong("acme.example.com", "missing"),
            ..spec("PS702-dkim-invalid", "fail-key-not-found.eml")
        },
        spec("PS702-dkim-invalid", "pass-signed.eml"),
        Spec {
            signing: Signing::Strong("mailer.example.net", "s1"),
            ..spec("PS703-dkim-misaligned", "fail-other-domain.eml")
        },
        spec("PS703-dkim-misaligned", "pass-aligned.eml"),
        Spec {
            signing: Signing::Weak("acme.example.com", "weak"),
            ..spec("PS704-dkim-weak-key", "fail-512-bit.eml")
        },
        spec("PS704-dkim-weak-key", "pass-2048-bit.eml"),
        Spec {
            from: "Acme <orders@nospf.example.org>",
            signing: Signing::Strong("nospf.example.org", "s1"),
            ..spec("PS705-spf-missing", "fail-no-spf-record.eml")
        },
        spec("PS705-spf-missing", "pass-spf-record.eml"),
        spec("PS706-spf-fail", "fail-ip-not-permitted.eml"),
        spec("PS706-spf-fail", "pass-ip-permitted.eml"),
        Spec {
            from: "Acme <orders@toomany.example.org>",
            signing: Signing::Strong("toomany.example.org", "s1"),
            ..spec("PS707-spf-too-many-lookups", "fail-eleven-includes.eml")
        },
        spec("PS707-spf-too-many-lookups", "pass-one-lookup.eml"),
        Spec {
            from: "Acme <orders@nodmarc.example.org>",
            signing: Signing::Strong("nodmarc.example.org", "s1"),
            ..spec("PS708-dmarc-missing", "fail-no-dmarc-record.eml")
        },
        spec("PS708-dmarc-missing", "pass-dmarc-record.eml"),
        Spec {
            from: "Acme <orders@nowhere.test>",
            signing: Signing::None,
            ..spec("PS709-from-domain-unresolvable", "fail-nxdomain.eml")
        },
        Spec {
            from: "Acme <orders@nullmx.example.org>",
            signing: Signing::None,
            ..spec("PS709-from-domain-unresolvable", "fail-null-mx.eml")
        },
        spec("PS709-from-domain-unresolvable", "pass-mx.eml"),
        Spec {
            to: "Jane Doe <jane@no-such-domain.example.com>",
            ..spec("PS710-recipient-domain-unresolvable", "fail-nxdomain.eml")
        },
        Spec {
            to: "Jane Doe <jane@customers.example.com>, ops@nullmx.example.org",
            ..spec("PS710-recipient-domain-unresolvable", "fail-null-mx.eml")
        },
        spec("PS710-recipient-domain-unresolvable", "pass-mx.eml"),
        spec("PS711-sending-ip-no-ptr", "fail-no-ptr.eml"),
        spec("PS711-sending-ip-no-ptr", "fail-ptr-not-confirmed.eml"),
        spec("PS711-sending-ip-no-ptr", "pass-confirmed-ptr.eml"),
        spec("PS712-sending-ip-listed", "fail-listed.eml"),
        spec("PS712-sending-ip-listed", "pass-query-refused.eml"),
        spec("PS712-sending-ip-listed", "pass-not-listed.eml"),
        Spec {
            body: "Hello Jane,\n\nour partner has an offer for you: https://offers.badlinks-shop.com/spring\n\nAcme Shop\n",
            ..spec("PS713-link-domain-listed", "fail-listed-link.eml")
        },
        Spec {
            body: "Hello Jane,\n\nour partner has an offer for you: https://offers.refused-shop.com/spring\n\nAcme Shop\n",
            ..spec("PS713-link-domain-listed", "pass-query-refused.eml")
        },
        Spec {
            body: "Hello Jane,\n\nyour order: https://acme.example.com/orders/1042\n\nAcme Shop\n",
            ..spec("PS713-link-domain-listed", "pass-clean-link.eml")
        },
    ]
}

/// The signed (and tampered) CRLF bytes of a fixture.
fn build(spec: &Spec) -> Vec<u8> {
    let subject = "Your order";
    let unsigned = message(spec.from, spec.to, subject, spec.body);
    tamper(sign(&unsigned, spec.signing), spec.tamper)
}

fn lf(bytes: &[u8]) -> Vec<u8> {
    String::from_utf8_lossy(bytes)
        .replace("\r\n", "\n")
        .into_bytes()
}

#[test]
fn write_fixtures() {
    if std::env::var_os("PRESEND_WRITE_FIXTURES").is_none() {
        // The committed fixtures are the ones the lint tests read; check they all exist.
        for spec in specs() {
            let path = common::repo_root()
                .join("lints")
                .join(spec.dir)
                .join(spec.file);
            assert!(
                path.is_file(),
                "{} is missing: run with PRESEND_WRITE_FIXTURES=1",
                path.display()
            );
        }
        return;
    }
    for spec in specs() {
        let dir = common::repo_root().join("lints").join(spec.dir);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(spec.file), lf(&build(&spec))).unwrap();
    }
}

/// Settings with the fixture zone in `mode`, plus `extra` configuration.
fn zone_settings(extra: &str) -> Settings {
    let mut settings = common::outgoing_settings();
    load_config_onto(&common::auth_zone_path(), &mut settings).unwrap();
    presend::settings::apply_config(extra, &mut settings).unwrap();
    settings
}

fn codes(report: &Report) -> Vec<&'static str> {
    let mut codes: Vec<&str> = report.diagnostics.iter().map(|d| d.code).collect();
    codes.sort();
    codes.dedup();
    codes
}

#[test]
fn messages_signed_at_test_time() {
    let linter = Linter::new(zone_settings(""));
    let check = |spec: Spec| linter.check(&build(&spec));

    // A correctly signed, aligned message from a domain with SPF and DMARC: no error.
    let good = check(spec("", ""));
    assert!(common::errors(&good).is_empty(), "{:#?}", good.diagnostics);
    assert!(
        good.diagnostics.iter().all(|d| !d.code.starts_with("PS7")),
        "{:#?}",
        good.diagnostics
    );

    let cases: [(Spec, &str); 6] = [
        (
            Spec {
                tamper: Tamper::Body,
                ..spec("", "")
            },
            "PS702",
        ),
        (
            Spec {
                tamper: Tamper::Subject,
                ..spec("", "")
            },
            "PS702",
        ),
        (
            Spec {
                signing: Signing::Strong("mailer.example.net", "s1"),
                ..spec("", "")
            },
            "PS703",
        ),
        (
            Spec {
                signing: Signing::Weak("acme.example.com", "weak"),
                ..spec("", "")
            },
            "PS704",
        ),
        (
            Spec {
                signing: Signing::None,
                ..spec("", "")
            },
            "PS701",
        ),
        (
            Spec {
                from: "Acme <orders@toomany.example.org>",
                signing: Signing::Strong("toomany.example.org", "s1"),
                ..spec("", "")
            },
            "PS707",
        ),
    ];
    for (case, code) in cases {
        let report = check(case);
        assert!(
            codes(&report).contains(&code),
            "{code} expected: {:#?}",
            report.diagnostics
        );
    }

    // An unsigned message is information, and an error under `require-dkim`.
    let unsigned = build(&Spec {
        signing: Signing::None,
        ..spec("", "")
    });
    let info = linter.check(&unsigned);
    assert!(common::errors(&info).is_empty(), "{:#?}", info.diagnostics);
    let strict = Linter::new(zone_settings("[auth]\nrequire-dkim = true\n"));
    let errors = common::errors(&strict.check(&unsigned));
    assert!(errors.iter().any(|e| e.starts_with("PS701")), "{errors:?}");
}

#[test]
fn dkim_results_are_mail_auth_results() {
    // The verdicts come from mail-auth: the same bytes pass with the key and fail without.
    let bytes = build(&spec("", ""));
    let linter = Linter::new(zone_settings(""));
    assert!(!codes(&linter.check(&bytes)).contains(&"PS702"));
    let mut other_key = zone_settings("");
    let weak =
        std::fs::read_to_string(common::repo_root().join("tests/data/dkim/weak-512.pub.b64"))
            .unwrap();
    presend::settings::apply_config(
        &format!("[dns.records]\n\"s1._domainkey.acme.example.com\" = [\"TXT v=DKIM1; k=rsa; p={weak}\"]\n"),
        &mut other_key,
    )
    .unwrap();
    let report = Linter::new(other_key).check(&bytes);
    assert!(
        codes(&report).contains(&"PS702"),
        "{:#?}",
        report.diagnostics
    );
}

/// Every PS7 fixture with the settings the lint tests use, for another DNS mode.
fn auth_fixtures() -> Vec<(String, Vec<u8>, Settings)> {
    let mut out = Vec::new();
    for dir in common::fixture_dirs()
        .into_iter()
        .filter(|d| d.code.starts_with("PS7"))
    {
        for prefix in ["fail-", "pass-"] {
            for file in common::fixtures(&dir.path, prefix) {
                let settings = common::fixture_file_settings(&dir.path, &file);
                let label = format!(
                    "{}/{}",
                    dir.path.file_name().unwrap().to_string_lossy(),
                    file.file_name().unwrap().to_string_lossy()
                );
                out.push((label, std::fs::read(&file).unwrap(), settings));
            }
        }
    }
    assert!(out.len() >= 26, "auth fixtures missing: {}", out.len());
    out
}

fn findings(report: &Report) -> Vec<String> {
    report
        .diagnostics
        .iter()
        .map(|d| {
            format!(
                "{} {}:{} {}",
                d.code, d.location.line, d.location.column, d.message
            )
        })
        .collect()
}

#[test]
fn static_and_live_modes_agree() {
    let settings = zone_settings("");
    let server = dns_server::start(&settings.dns.records);
    let mut compared = 0;
    for (label, bytes, mut settings) in auth_fixtures() {
        let expected = Linter::new(settings.clone()).check(&bytes);
        settings.dns.mode = presend::dns::DnsMode::Live;
        settings.dns.nameservers = vec![server.address()];
        settings.dns.timeout = Duration::from_secs(2);
        let live = Linter::new(settings).check(&bytes);
        assert_eq!(
            findings(&live),
            findings(&expected),
            "{label}: live differs from static"
        );
        if expected
            .diagnostics
            .iter()
            .any(|d| d.code.starts_with("PS7"))
        {
            compared += 1;
        }
    }
    assert!(
        compared >= 14,
        "only {compared} fixtures had PS7 findings to compare"
    );
}

/// Lints auth fixtures with `mode` and a nameserver that is a bare UDP socket, and returns
/// whether a packet reached it. The linting runs on its own thread: a live lookup waits for
/// an answer the socket never sends.
fn packets_sent(mode: &str) -> bool {
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let address: SocketAddr = socket.local_addr().unwrap();
    let mut settings = zone_settings(&format!(
        "[dns]\nmode = \"{mode}\"\nnameservers = [\"{address}\"]\ntimeout = \"100ms\"\n"
    ));
    settings.input.newlines = Newlines::Stored;
    let fixtures: Vec<Vec<u8>> = auth_fixtures().into_iter().map(|(_, b, _)| b).collect();
    let done = std::thread::spawn(move || {
        let linter = Linter::new(settings);
        for bytes in fixtures.iter().take(3) {
            linter.check(bytes);
        }
    });
    if mode != "live" {
        // Off and static finish without waiting on anything; then nothing may be queued.
        done.join().unwrap();
        socket
            .set_read_timeout(Some(Duration::from_millis(200)))
            .unwrap();
    } else {
        socket
            .set_read_timeout(Some(Duration::from_secs(5)))
            .unwrap();
    }
    let mut buf = [0u8; 512];
    socket.recv_from(&mut buf).is_ok()
}

#[test]
fn off_and_static_modes_send_no_packet() {
    assert!(!packets_sent("off"), "mode = \"off\" sent a DNS query");
    assert!(
        !packets_sent("static"),
        "mode = \"static\" sent a DNS query"
    );
    // The probe can see a query: live mode sends one to the same socket.
    assert!(
        packets_sent("live"),
        "live mode did not reach the nameserver"
    );
}

#[test]
fn off_mode_runs_no_dns_rule() {
    let mut settings = zone_settings("[dns]\nmode = \"off\"\n");
    settings.input.newlines = Newlines::Stored;
    let linter = Linter::new(settings);
    for (label, bytes, _) in auth_fixtures() {
        let report = linter.check(&bytes);
        assert!(
            report
                .diagnostics
                .iter()
                .all(|d| !d.code.starts_with("PS7")),
            "{label}: {:#?}",
            report.diagnostics
        );
    }
}

#[test]
fn cli_reports_each_rule_with_the_zone_given_by_config() {
    let zone = common::auth_zone_path();
    for dir in common::fixture_dirs()
        .into_iter()
        .filter(|d| d.code.starts_with("PS7"))
    {
        for file in common::fixtures(&dir.path, "fail-") {
            // Fixtures with their own overlay need two configuration files; the lint tests
            // cover them.
            if common::overlay_path(&file).is_some() {
                continue;
            }
            let output = std::process::Command::new(env!("CARGO_BIN_EXE_presend"))
                .args([
                    "check",
                    "--stored-newlines",
                    "--format",
                    "concise",
                    "--config",
                ])
                .arg(&zone)
                .arg(&file)
                .output()
                .unwrap();
            let stdout = String::from_utf8_lossy(&output.stdout);
            assert!(
                stdout.contains(&dir.code),
                "{}: {} did not fire\n{stdout}",
                file.display(),
                dir.code
            );
        }
    }
    // `--dns off` overrides the file: nothing from PS7.
    let fixture = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("lints/PS708-dmarc-missing/fail-no-dmarc-record.eml");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_presend"))
        .args([
            "check",
            "--stored-newlines",
            "--format",
            "concise",
            "--dns",
            "off",
            "--config",
        ])
        .arg(&zone)
        .arg(&fixture)
        .output()
        .unwrap();
    assert!(!String::from_utf8_lossy(&output.stdout).contains("PS708"));
}

#[test]
fn unanswered_live_lookups_are_counted_not_silent() {
    // A nameserver that never answers: every question times out.
    let socket = UdpSocket::bind("127.0.0.1:0").unwrap();
    let address = socket.local_addr().unwrap();
    let settings = zone_settings(&format!(
        "[dns]\nmode = \"live\"\nnameservers = [\"{address}\"]\ntimeout = \"100ms\"\n"
    ));
    let linter = Linter::new(settings);
    let report = linter.check(&build(&spec("", "")));
    assert!(
        report
            .diagnostics
            .iter()
            .all(|d| !d.code.starts_with("PS7"))
    );
    let (failures, last) = linter.dns_failures();
    assert!(failures > 0, "no failure counted");
    assert!(last.is_some());
    // Static answers never fail.
    let fixed = Linter::new(zone_settings(""));
    fixed.check(&build(&spec("", "")));
    assert_eq!(fixed.dns_failures().0, 0);
    drop(socket);
}
