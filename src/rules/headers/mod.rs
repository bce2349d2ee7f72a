//! Headers rules.

mod missing_date;
mod missing_from;
mod missing_to;
mod missing_message_id;
mod missing_subject;
mod invalid_date;
mod date_skew;
mod invalid_message_id;
mod duplicate_header;
mod invalid_address;
mod multiple_from_without_sender;
mod non_ascii_header;
mod malformed_header;
mod header_too_large;
mod missing_mime_version;
mod display_name_spoof;
mod fake_reply;

pub use missing_date::MissingDate;
pub use missing_from::MissingFrom;
pub use missing_to::MissingTo;
pub use missing_message_id::MissingMessageId;
pub use missing_subject::MissingSubject;
pub use invalid_date::InvalidDate;
pub use date_skew::DateSkew;
pub use invalid_message_id::InvalidMessageId;
pub use duplicate_header::DuplicateHeader;
pub use invalid_address::InvalidAddress;
pub use multiple_from_without_sender::MultipleFromWithoutSender;
pub use non_ascii_header::NonAsciiHeader;
pub use malformed_header::MalformedHeader;
pub use header_too_large::HeaderTooLarge;
pub use missing_mime_version::MissingMimeVersion;
pub use display_name_spoof::DisplayNameSpoof;
pub use fake_reply::FakeReply;
