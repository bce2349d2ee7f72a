//! The lettre guard around a stub transport: what is refused never reaches the transport,
//! what passes is sent byte for byte, and transport errors come back as transport errors.

#![cfg(feature = "lettre")]

use lettre::message::MessageBuilder;
use lettre::transport::stub::StubTransport;
use lettre::{Message, Transport};
use presend::lettre::{Checked, CheckedError, MessageExt};

fn order_mail() -> MessageBuilder {
    Message::builder()
        .from("Example Shop <orders@shop.example.com>".parse().unwrap())
        .to("Alice Example <alice@example.net>".parse().unwrap())
        .subject("Your order 1042 has shipped")
}

fn body() -> String {
    String::from("Hi Alice,\n\nyour order 1042 is on its way.\n")
}

#[test]
fn missing_message_id_is_refused_and_nothing_is_sent() {
    let mailer = Checked::new(StubTransport::new_ok());
    let message = order_mail().body(body()).unwrap();
    match mailer.send(&message) {
        Err(CheckedError::Rejected(report)) => {
            assert!(
                report
                    .diagnostics
                    .iter()
                    .any(|d| d.name == "missing-message-id")
            );
            let text = CheckedError::<lettre::transport::stub::Error>::Rejected(report).to_string();
            assert!(text.contains("PS104 missing-message-id"), "{text}");
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
    assert!(mailer.inner().messages().is_empty());
}

#[test]
fn a_fixed_message_is_sent_unchanged() {
    let mailer = Checked::new(StubTransport::new_ok());
    let message = order_mail().message_id(None).body(body()).unwrap();
    assert!(
        message
            .lint()
            .diagnostics
            .iter()
            .all(|d| d.severity != presend::Severity::Error)
    );
    mailer.send(&message).expect("sent");
    let sent = mailer.inner().messages();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].1.as_bytes(), message.formatted().as_slice());
}

#[test]
fn transport_errors_are_passed_through() {
    let mailer = Checked::new(StubTransport::new_error());
    let message = order_mail().message_id(None).body(body()).unwrap();
    assert!(matches!(
        mailer.send(&message),
        Err(CheckedError::Transport(_))
    ));
}

#[test]
fn envelope_recipients_reach_the_rules() {
    let mailer = Checked::new(StubTransport::new_ok());
    let message = order_mail().message_id(None).body(body()).unwrap();
    let envelope = lettre::address::Envelope::new(
        Some("bounces@shop.example.com".parse().unwrap()),
        vec!["bob@gmial.com".parse().unwrap()],
    )
    .unwrap();
    match mailer.send_raw(&envelope, &message.formatted()) {
        Err(CheckedError::Rejected(report)) => {
            let typo = report
                .diagnostics
                .iter()
                .find(|d| d.name == "recipient-domain-typo");
            assert!(
                typo.is_some_and(|d| d.message.contains("gmail.com")),
                "{:?}",
                report.diagnostics
            );
        }
        other => panic!("expected a rejection, got {other:?}"),
    }
}

#[cfg(feature = "tokio1")]
#[tokio::test(flavor = "current_thread")]
async fn the_async_guard_refuses_and_sends_the_same_way() {
    use lettre::AsyncTransport;
    use lettre::transport::stub::AsyncStubTransport;
    let mailer = Checked::new(AsyncStubTransport::new_ok());
    let refused = mailer.send(order_mail().body(body()).unwrap()).await;
    assert!(matches!(refused, Err(CheckedError::Rejected(_))));
    mailer
        .send(order_mail().message_id(None).body(body()).unwrap())
        .await
        .expect("sent");
    assert_eq!(mailer.inner().messages().await.len(), 1);
}
