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

#[test]
fn alternative_with_links_to_the_senders_own_https_domain() {
    let bytes = base()
        .subject("Your order 1042 has shipped")
        .text_body(
            "Hi Alice,\n\nyour order 1042 is on its way. Track it at \
             https://shop.example.com/orders/1042 or manage your account at \
             https://shop.example.com/account.\n\nThanks for shopping with us.\n",
        )
        .html_body(
            "<html><body><p>Hi Alice,</p><p>your order 1042 is on its way. \
             <a href=\"https://shop.example.com/orders/1042\">Track it</a> or \
             <a href=\"https://www.shop.example.com/account\">www.shop.example.com/account</a>.</p>\
             <p><img src=\"https://shop.example.com/logo.png\" alt=\"Example Shop\"></p>\
             <p>Thanks for shopping with us.</p></body></html>",
        )
        .write_to_vec()
        .unwrap();
    assert_no_errors("links", &bytes);
    let report = outgoing_linter().check(&bytes);
    let content_findings: Vec<&str> = report
        .diagnostics
        .iter()
        .filter(|d| d.code.starts_with("PS4") || d.code.starts_with("PS5"))
        .map(|d| d.code)
        .collect();
    assert_eq!(content_findings, Vec::<&str>::new());
}

#[test]
fn bulk_mail_with_a_correct_rfc_8058_pair() {
    let bytes = base()
        .subject("Our winter collection is here")
        .header("Precedence", mail_builder::headers::raw::Raw::new("bulk"))
        .header(
            "List-Id",
            mail_builder::headers::raw::Raw::new("Example Shop news <news.shop.example.com>"),
        )
        .header(
            "List-Unsubscribe",
            mail_builder::headers::raw::Raw::new(
                "<https://shop.example.com/unsubscribe?u=42>, <mailto:unsubscribe@shop.example.com>",
            ),
        )
        .header(
            "List-Unsubscribe-Post",
            mail_builder::headers::raw::Raw::new("List-Unsubscribe=One-Click"),
        )
        .text_body("Hi Alice,\n\nnew coats and boots are in: https://shop.example.com/winter\n")
        .html_body(
            "<p>Hi Alice,</p><p>new coats and boots are in: \
             <a href=\"https://shop.example.com/winter\">see the collection</a></p>",
        )
        .write_to_vec()
        .unwrap();
    assert_no_errors("bulk", &bytes);
    // The same message without the Post header is refused by Gmail's bulk rules.
    let without_post = String::from_utf8(bytes)
        .unwrap()
        .replace("List-Unsubscribe-Post: List-Unsubscribe=One-Click\r\n", "");
    let report = outgoing_linter().check(without_post.as_bytes());
    assert!(
        report.diagnostics.iter().any(|d| d.code == "PS602"),
        "{:?}",
        report.diagnostics
    );
}
