//! Headers rules.

mod date_skew;
mod display_name_spoof;
mod duplicate_header;
mod fake_reply;
mod header_too_large;
mod invalid_address;
mod invalid_date;
mod invalid_message_id;
mod malformed_header;
mod missing_date;
mod missing_from;
mod missing_message_id;
mod missing_mime_version;
mod missing_subject;
mod missing_to;
mod multiple_from_without_sender;
mod non_ascii_header;

pub use date_skew::DateSkew;
pub use display_name_spoof::DisplayNameSpoof;
pub use duplicate_header::DuplicateHeader;
pub use fake_reply::FakeReply;
pub use header_too_large::HeaderTooLarge;
pub use invalid_address::InvalidAddress;
pub use invalid_date::InvalidDate;
pub use invalid_message_id::InvalidMessageId;
pub use malformed_header::MalformedHeader;
pub use missing_date::MissingDate;
pub use missing_from::MissingFrom;
pub use missing_message_id::MissingMessageId;
pub use missing_mime_version::MissingMimeVersion;
pub use missing_subject::MissingSubject;
pub use missing_to::MissingTo;
pub use multiple_from_without_sender::MultipleFromWithoutSender;
pub use non_ascii_header::NonAsciiHeader;
