//! The lettre guard: a message built without `.message_id(None)` is refused with
//! `missing-message-id` (the most common real bounce of lettre users), and sent once fixed.
//!
//! Run with `cargo run --example lettre_guard`.

use lettre::message::MessageBuilder;
use lettre::transport::stub::StubTransport;
use lettre::{Message, Transport};
use presend::lettre::{Checked, CheckedError};

fn order_mail() -> MessageBuilder {
    Message::builder()
        .from("Example Shop <orders@shop.example.com>".parse().unwrap())
        .to("Alice Example <alice@example.net>".parse().unwrap())
        .subject("Your order 1042 has shipped")
}

fn main() {
    let mailer = Checked::new(StubTransport::new_ok());

    let without_id = order_mail()
        .body(String::from(
            "Hi Alice,\n\nyour order 1042 is on its way.\n",
        ))
        .unwrap();
    match mailer.send(&without_id) {
        Err(e @ CheckedError::Rejected(_)) => println!("refused: {e}"),
        Err(e) => println!("transport error: {e}"),
        Ok(()) => println!("sent (unexpected)"),
    }

    let fixed = order_mail()
        .message_id(None)
        .body(String::from(
            "Hi Alice,\n\nyour order 1042 is on its way.\n",
        ))
        .unwrap();
    match mailer.send(&fixed) {
        Ok(()) => println!(
            "sent: {} message(s) reached the transport",
            mailer.inner().messages().len()
        ),
        Err(e) => println!("refused: {e}"),
    }
}
