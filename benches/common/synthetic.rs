//! The synthetic message set of the performance targets: a 1 KB transactional text message,
//! a 20 KB HTML newsletter, 2 MB with attachments, and 25 MB with attachments. Built with
//! mail-builder, deterministic.
#![allow(dead_code)] // each bench uses part of it

use mail_builder::MessageBuilder;
use mail_builder::headers::address::Address;

/// Deterministic bytes that do not compress (a PDF header, then xorshift noise).
pub fn noise(n: usize, seed: u32) -> Vec<u8> {
    let mut bytes = b"%PDF-1.4\n".to_vec();
    let mut state = 0x9E37_79B9u32 ^ seed;
    while bytes.len() < n {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        bytes.extend_from_slice(&state.to_le_bytes());
    }
    bytes.truncate(n);
    bytes
}

fn base() -> MessageBuilder<'static> {
    MessageBuilder::new()
        .from(Address::new_address(
            "Acme Shop".into(),
            "orders@shop.example.com",
        ))
        .to(Address::new_address("Jane Doe".into(), "jane@example.org"))
        .message_id("bench.1042@shop.example.com")
        .date(1_796_547_600i64)
}

fn words(n: usize) -> String {
    const WORDS: &[&str] = &[
        "order", "thank", "you", "for", "shopping", "with", "us", "your", "parcel", "will",
        "arrive", "soon", "and", "we", "hope", "enjoy", "the", "new", "items",
    ];
    let mut out = String::new();
    for i in 0..n {
        out.push_str(WORDS[i % WORDS.len()]);
        out.push(if i % 12 == 11 { '\n' } else { ' ' });
    }
    out
}

/// About 1 KB: a plain-text order confirmation.
pub fn text_1k() -> Vec<u8> {
    base()
        .subject("Your order 1042")
        .text_body(format!(
            "Hello Jane,\n\n{}\nTrack it at https://shop.example.com/orders/1042\n\nAcme Shop\n",
            words(110)
        ))
        .write_to_vec()
        .unwrap()
}

/// About 20 KB: a newsletter with text and HTML alternatives and 30 links.
pub fn html_20k() -> Vec<u8> {
    let mut html = String::from("<html><body><h1>Spring news</h1>");
    let mut text = String::from("Spring news\n\n");
    for i in 0..30 {
        let para = words(50);
        html.push_str(&format!(
            "<p>{para}</p><p><a href=\"https://shop.example.com/item/{i}\">Item {i}</a> \
             <img src=\"https://cdn.shop.example.com/i/{i}.jpg\" alt=\"item {i}\"></p>"
        ));
        text.push_str(&format!(
            "{para}\nItem {i}: https://shop.example.com/item/{i}\n\n"
        ));
    }
    html.push_str("</body></html>");
    base()
        .subject("Spring news from Acme")
        .header(
            "List-Unsubscribe",
            mail_builder::headers::raw::Raw::new("<https://shop.example.com/u/1>"),
        )
        .header(
            "List-Unsubscribe-Post",
            mail_builder::headers::raw::Raw::new("List-Unsubscribe=One-Click"),
        )
        .text_body(text)
        .html_body(html)
        .write_to_vec()
        .unwrap()
}

fn with_attachments(total: usize) -> Vec<u8> {
    let mut builder = base()
        .subject("Your documents")
        .text_body(format!("Hello Jane,\n\n{}\nAcme Shop\n", words(80)));
    let parts = (total / 1_500_000).max(1);
    for i in 0..parts {
        // base64 grows the content by 4/3 (and line ends): aim at `total` on the wire.
        let size = total * 3 / 4 / parts;
        builder = builder.attachment(
            "application/pdf",
            format!("invoice-{i}.pdf"),
            noise(size, i as u32),
        );
    }
    builder.write_to_vec().unwrap()
}

/// About 2 MB: a text body and PDF attachments.
pub fn attachments_2m() -> Vec<u8> {
    with_attachments(2_000_000)
}

/// About 25 MB: a text body and PDF attachments.
pub fn attachments_25m() -> Vec<u8> {
    with_attachments(24_500_000)
}

/// The names of the set, in [`one`]'s order.
pub const NAMES: [&str; 4] = [
    "1 KB text",
    "20 KB HTML newsletter",
    "2 MB with attachments",
    "25 MB with attachments",
];

/// The set, named.
pub fn all() -> Vec<(&'static str, Vec<u8>)> {
    NAMES
        .iter()
        .enumerate()
        .map(|(i, name)| (*name, one(i)))
        .collect()
}

/// Message `index` of [`all`], built alone.
pub fn one(index: usize) -> Vec<u8> {
    match index {
        0 => text_1k(),
        1 => html_20k(),
        2 => attachments_2m(),
        _ => attachments_25m(),
    }
}
