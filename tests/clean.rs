//! Well-formed mail, built the way applications build it (mail-builder, CRLF on the wire),
//! must get no error-level finding: text only, multipart/alternative, a PDF attachment and an
//! RFC 2047 encoded subject — checked as outgoing wire bytes at the time of sending.

mod common;

use common::{PDF, errors, outgoing_linter, shop_message as base};

fn assert_no_errors(name: &str, bytes: &[u8]) {
    assert!(
        bytes.windows(2).any(|w| w == b"\r\n"),
        "{name}: not CRLF wire bytes"
    );
    let errors = errors(&outgoing_linter().check(bytes));
    assert!(
        errors.is_empty(),
        "{name}: {errors:#?}\n{}",
        String::from_utf8_lossy(bytes)
    );
}

#[test]
fn plain_text_message() {
    let bytes = base()
        .subject("Your order 1042 has shipped")
        .text_body("Hi Alice,\n\nyour order 1042 is on its way.\n")
        .write_to_vec()
        .unwrap();
    assert_no_errors("text", &bytes);
}

#[test]
fn multipart_alternative_with_encoded_subject() {
    let bytes = base()
        .subject("Ihre Bestellung ist unterwegs — Größe M, 10 € Rabatt")
        .text_body("Hallo Alice,\n\nIhre Bestellung 1042 ist unterwegs. Schöne Grüße!\n")
        .html_body("<html><body><p>Hallo Alice,</p><p>Ihre Bestellung <b>1042</b> ist unterwegs. Schöne Grüße!</p></body></html>")
        .write_to_vec()
        .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    assert!(text.contains("Subject: =?"), "subject is RFC 2047 encoded");
    assert!(text.contains("multipart/alternative"));
    assert_no_errors("alternative", &bytes);
}

#[test]
fn message_with_pdf_attachment() {
    let bytes = base()
        .subject("Invoice 2026-1042")
        .text_body("Hi Alice,\n\nyour invoice is attached.\n")
        .html_body("<p>Hi Alice,</p><p>your invoice is attached.</p>")
        .attachment("application/pdf", "invoice-2026-1042.pdf", PDF)
        .write_to_vec()
        .unwrap();
    assert!(String::from_utf8_lossy(&bytes).contains("multipart/mixed"));
    assert_no_errors("attachment", &bytes);
}

#[test]
fn the_shipped_example_is_linted_in_the_readme() {
    // README's first command runs on examples/welcome.eml; it must stay a real message.
    let bytes =
        std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/examples/welcome.eml")).unwrap();
    let report = presend::check(&bytes);
    assert!(!report.diagnostics.is_empty(), "the example shows findings");
}
