//! A guard around any [`lettre`] transport: every message is linted, as the exact bytes lettre
//! sends, before it leaves, and a message a receiver would reject is not sent.
//!
//! ```
//! use lettre::transport::stub::StubTransport;
//! use lettre::{Message, Transport};
//! use presend::lettre::{Checked, CheckedError};
//!
//! let mailer = Checked::new(StubTransport::new_ok());
//! let builder = || {
//!     Message::builder()
//!         .from("Example Shop <orders@shop.example.com>".parse().unwrap())
//!         .to("Alice <alice@example.net>".parse().unwrap())
//!         .subject("Your order has shipped")
//! };
//!
//! // lettre adds no Message-ID unless asked to: Gmail bounces that with 550 5.7.1.
//! let message = builder().body(String::from("Your order is on its way.\n")).unwrap();
//! match mailer.send(&message) {
//!     Err(CheckedError::Rejected(report)) => {
//!         assert!(report.diagnostics.iter().any(|d| d.name == "missing-message-id"));
//!     }
//!     other => panic!("expected a rejection, got {other:?}"),
//! }
//!
//! // `.message_id(None)` makes lettre generate one; now the message goes out.
//! let message = builder()
//!     .message_id(None)
//!     .body(String::from("Your order is on its way.\n"))
//!     .unwrap();
//! assert!(mailer.send(&message).is_ok());
//! ```
//!
//! Warning-level findings are logged through the [`log`] facade (target `presend`), never
//! printed.

use std::fmt;

use lettre::address::Envelope as LettreEnvelope;
use lettre::{Message, Transport};

use crate::{Envelope, Linter, Report, Severity};

/// A [`Transport`] that lints every message before handing it to the inner transport.
pub struct Checked<T> {
    inner: T,
    linter: Linter,
}

/// Why [`Checked`] did not send a message.
#[derive(Debug)]
pub enum CheckedError<E> {
    /// presend predicts a permanent rejection; the report says why. Nothing was sent.
    Rejected(Box<Report>),
    /// The inner transport failed.
    Transport(E),
}

impl<E: fmt::Display> fmt::Display for CheckedError<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CheckedError::Rejected(report) => {
                let reply = report.predicted_reply.as_deref().unwrap_or("a rejection");
                write!(
                    f,
                    "presend refused to send: a receiver would likely answer {reply}"
                )?;
                for d in report
                    .diagnostics
                    .iter()
                    .filter(|d| d.severity == Severity::Error)
                {
                    write!(f, "; {} {}: {}", d.code, d.name, d.message)?;
                }
                Ok(())
            }
            CheckedError::Transport(e) => write!(f, "transport error: {e}"),
        }
    }
}

impl<E: fmt::Debug + fmt::Display> std::error::Error for CheckedError<E> {}

impl<T> Checked<T> {
    /// Wraps `inner` with the default linter: error-level findings stop the send.
    pub fn new(inner: T) -> Self {
        Checked::with_linter(inner, Linter::default())
    }

    /// Wraps `inner` with a linter of your own settings.
    pub fn with_linter(inner: T, linter: Linter) -> Self {
        Checked { inner, linter }
    }

    /// The wrapped transport.
    pub fn inner(&self) -> &T {
        &self.inner
    }

    /// The linter in use.
    pub fn linter(&self) -> &Linter {
        &self.linter
    }

    /// Lints `email` with `envelope`; `Err` when it must not be sent.
    fn gate<E>(&self, envelope: &LettreEnvelope, email: &[u8]) -> Result<(), CheckedError<E>> {
        let report = self.linter.check_with_envelope(email, &convert(envelope));
        for d in report
            .diagnostics
            .iter()
            .filter(|d| d.severity != Severity::Error)
        {
            log::warn!(target: "presend", "{} {}: {}", d.code, d.name, d.message);
        }
        if report.has_errors() {
            return Err(CheckedError::Rejected(Box::new(report)));
        }
        Ok(())
    }
}

fn convert(envelope: &LettreEnvelope) -> Envelope {
    Envelope {
        mail_from: envelope.from().map(ToString::to_string),
        rcpt_to: envelope.to().iter().map(ToString::to_string).collect(),
    }
}

impl<T: Transport> Transport for Checked<T> {
    type Ok = T::Ok;
    type Error = CheckedError<T::Error>;

    fn send_raw(&self, envelope: &LettreEnvelope, email: &[u8]) -> Result<Self::Ok, Self::Error> {
        self.gate(envelope, email)?;
        self.inner
            .send_raw(envelope, email)
            .map_err(CheckedError::Transport)
    }
}

/// The same guard for lettre's async transports (feature `tokio1`).
#[cfg(feature = "tokio1")]
#[async_trait::async_trait]
impl<T> lettre::AsyncTransport for Checked<T>
where
    T: lettre::AsyncTransport + Send + Sync,
    T::Error: Send,
{
    type Ok = T::Ok;
    type Error = CheckedError<T::Error>;

    async fn send_raw(
        &self,
        envelope: &LettreEnvelope,
        email: &[u8],
    ) -> Result<Self::Ok, Self::Error> {
        self.gate(envelope, email)?;
        self.inner
            .send_raw(envelope, email)
            .await
            .map_err(CheckedError::Transport)
    }
}

/// Linting a built [`lettre::Message`] directly.
pub trait MessageExt {
    /// Lints the message as lettre would send it, with the default linter.
    fn lint(&self) -> Report;
}

impl MessageExt for Message {
    fn lint(&self) -> Report {
        Linter::default().check_with_envelope(&self.formatted(), &convert(self.envelope()))
    }
}
