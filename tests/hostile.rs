//! Hostile inputs lint in bounded time and memory, and each gets the finding it deserves:
//! a 50 MB single line, 100,000 headers, 10,000 MIME parts, `message/rfc822` nested 1,000
//! deep, a boundary that never closes, a zip declaring 4 GB and 1,000,000 entries, base64
//! with garbage, invalid UTF-8 everywhere and a 10 MB header. All are generated here.
//!
//! The time bounds are for debug builds on 2 cores (release is 10–30× faster); they catch a
//! hang or a quadratic walk, not a regression of a few percent (that is the benches' job).

mod common;

use std::time::{Duration, Instant};

use presend::{Linter, Report};

fn linter() -> Linter {
    common::outgoing_linter()
}

/// Lints `bytes`, asserting it takes less than `limit`, and returns the report.
fn lint_within(what: &str, bytes: &[u8], limit: Duration) -> Report {
    let linter = linter();
    let start = Instant::now();
    let report = linter.check(bytes);
    let took = start.elapsed();
    eprintln!("{what}: {} bytes in {took:?}", bytes.len());
    assert!(took < limit, "{what} took {took:?} (limit {limit:?})");
    report
}

fn codes(report: &Report) -> Vec<&'static str> {
    report.diagnostics.iter().map(|d| d.code).collect()
}

const HEAD: &str = "From: Acme <orders@shop.example.com>\r\nTo: jane@example.org\r\nSubject: Test\r\nDate: Sun, 06 Dec 2026 09:00:00 +0000\r\nMessage-ID: <h@shop.example.com>\r\nMIME-Version: 1.0\r\n";

#[test]
fn fifty_megabyte_single_line() {
    let mut bytes = format!("{HEAD}Content-Type: text/plain\r\n\r\n").into_bytes();
    bytes.resize(bytes.len() + 50_000_000, b'a');
    bytes.extend_from_slice(b"\r\n");
    let report = lint_within("50 MB line", &bytes, Duration::from_secs(60));
    let codes = codes(&report);
    assert!(codes.contains(&"PS203"), "line-too-long: {codes:?}");
    assert!(codes.contains(&"PS301"), "message-too-large: {codes:?}");
}

#[test]
fn hundred_thousand_headers() {
    let mut text = String::from(HEAD);
    for i in 0..100_000 {
        text.push_str(&format!("X-Filler-{i}: value\r\n"));
    }
    text.push_str("\r\nbody\r\n");
    let report = lint_within("100,000 headers", text.as_bytes(), Duration::from_secs(30));
    assert!(
        codes(&report).contains(&"PS114"),
        "header-too-large: {:?}",
        codes(&report)
    );
}

#[test]
fn ten_thousand_parts() {
    let mut text = format!("{HEAD}Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n");
    for i in 0..10_000 {
        text.push_str(&format!(
            "--b\r\nContent-Type: application/octet-stream; name=\"f{i}.bin\"\r\nContent-Disposition: attachment; filename=\"f{i}.bin\"\r\n\r\nx\r\n"
        ));
    }
    text.push_str("--b--\r\n");
    let report = lint_within("10,000 parts", text.as_bytes(), Duration::from_secs(30));
    assert!(
        codes(&report).contains(&"PS311"),
        "not-fully-inspected: {:?}",
        codes(&report)
    );
}

#[test]
fn rfc822_nested_a_thousand_deep() {
    let mut text = String::new();
    for _ in 0..1_000 {
        text.push_str(HEAD);
        text.push_str("Content-Type: message/rfc822\r\n\r\n");
    }
    text.push_str(HEAD);
    text.push_str("Content-Type: text/plain\r\n\r\ninnermost\r\n");
    let report = lint_within(
        "1,000-deep rfc822",
        text.as_bytes(),
        Duration::from_secs(30),
    );
    assert!(
        codes(&report).contains(&"PS311"),
        "not-fully-inspected: {:?}",
        codes(&report)
    );
}

#[test]
fn boundary_that_never_closes() {
    let mut text = format!(
        "{HEAD}Content-Type: multipart/mixed; boundary=\"never\"\r\n\r\n--never\r\nContent-Type: text/plain\r\n\r\n"
    );
    for _ in 0..200_000 {
        text.push_str("still in the first part\r\n");
    }
    let report = lint_within(
        "unclosed boundary",
        text.as_bytes(),
        Duration::from_secs(30),
    );
    assert!(
        codes(&report).contains(&"PS207"),
        "broken-mime: {:?}",
        codes(&report)
    );
}

/// A zip whose end-of-central-directory record claims 1,000,000 entries of 4 GB each.
fn lying_zip() -> Vec<u8> {
    let mut zip = Vec::new();
    // One real local header + central directory entry, then an EOCD that lies.
    let name = b"payload.exe";
    zip.extend_from_slice(b"PK\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    zip.extend_from_slice(&0u32.to_le_bytes()); // crc
    zip.extend_from_slice(&u32::MAX.to_le_bytes()); // compressed size
    zip.extend_from_slice(&u32::MAX.to_le_bytes()); // uncompressed size
    zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes());
    zip.extend_from_slice(name);
    let cd_start = zip.len() as u32;
    zip.extend_from_slice(b"PK\x01\x02\x14\x00\x14\x00\x00\x00\x00\x00\x00\x00\x00\x00");
    zip.extend_from_slice(&0u32.to_le_bytes());
    zip.extend_from_slice(&u32::MAX.to_le_bytes());
    zip.extend_from_slice(&u32::MAX.to_le_bytes());
    zip.extend_from_slice(&(name.len() as u16).to_le_bytes());
    zip.extend_from_slice(&[0u8; 12]);
    zip.extend_from_slice(&0u32.to_le_bytes()); // local header offset
    zip.extend_from_slice(name);
    let cd_size = zip.len() as u32 - cd_start;
    zip.extend_from_slice(b"PK\x05\x06\x00\x00\x00\x00");
    zip.extend_from_slice(&u16::MAX.to_le_bytes()); // entries on disk
    zip.extend_from_slice(&u16::MAX.to_le_bytes()); // entries (the zip64 maximum marker)
    zip.extend_from_slice(&cd_size.to_le_bytes());
    zip.extend_from_slice(&cd_start.to_le_bytes());
    zip.extend_from_slice(&0u16.to_le_bytes());
    zip
}

#[test]
fn zip_declaring_four_gigabytes_and_a_million_entries() {
    use base64::Engine as _;
    let zip = base64::engine::general_purpose::STANDARD.encode(lying_zip());
    let text = format!(
        "{HEAD}Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nsee attached\r\n--b\r\nContent-Type: application/zip; name=\"a.zip\"\r\nContent-Disposition: attachment; filename=\"a.zip\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{zip}\r\n--b--\r\n"
    );
    let report = lint_within("lying zip", text.as_bytes(), Duration::from_secs(10));
    // The archive is read from its central directory only: the 4 GB are never inflated.
    assert!(
        codes(&report).contains(&"PS311"),
        "not-fully-inspected: {:?}",
        codes(&report)
    );
}

#[test]
fn base64_with_garbage() {
    let mut body = String::new();
    for i in 0..100_000 {
        body.push_str(if i % 7 == 0 {
            "!!@@##$$%%^^&&**(())\r\n"
        } else {
            "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo=\r\n"
        });
    }
    let text = format!(
        "{HEAD}Content-Type: multipart/mixed; boundary=\"b\"\r\n\r\n--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b\r\nContent-Type: application/pdf; name=\"a.pdf\"\r\nContent-Transfer-Encoding: base64\r\n\r\n{body}--b--\r\n"
    );
    let report = lint_within("garbage base64", text.as_bytes(), Duration::from_secs(30));
    assert!(
        codes(&report).contains(&"PS207"),
        "broken-mime: {:?}",
        codes(&report)
    );
}

#[test]
fn invalid_utf8_everywhere() {
    let mut bytes = Vec::new();
    for line in [
        &b"From: \xff\xfe <a\xc3@b\x80.example>\r\n"[..],
        b"To: \xed\xa0\x80@example.org\r\n",
        b"Subject: \xc0\xaf\xf8\x88\x80\x80\x80\r\n",
        b"Date: \xffSun, 06 Dec 2026\r\n",
        b"Content-Type: text/plain; charset=\xff\r\n\r\n",
    ] {
        bytes.extend_from_slice(line);
    }
    for i in 0..100_000u32 {
        bytes.push((i % 256) as u8 | 0x80);
        if i % 70 == 0 {
            bytes.extend_from_slice(b"\r\n");
        }
    }
    let report = lint_within("invalid UTF-8", &bytes, Duration::from_secs(30));
    assert!(
        codes(&report).contains(&"PS110"),
        "invalid-address: {:?}",
        codes(&report)
    );
}

#[test]
fn ten_megabyte_header() {
    let mut text = String::from(HEAD);
    text.push_str("X-Big: ");
    for _ in 0..200_000 {
        text.push_str("0123456789012345678901234567890123456789012345\r\n ");
    }
    text.push_str("end\r\n\r\nbody\r\n");
    let report = lint_within("10 MB header", text.as_bytes(), Duration::from_secs(30));
    assert!(
        codes(&report).contains(&"PS114"),
        "header-too-large: {:?}",
        codes(&report)
    );
}
