//! Attachment and size rules (PS3xx): what Gmail, Microsoft and rspamd refuse to carry.

mod archive_with_blocked_content;
mod attachment_too_large;
mod attachment_type_mismatch;
mod blocked_attachment;
mod double_extension;
mod encrypted_archive;
mod html_attachment;
mod macro_enabled_document;
mod message_too_large;
mod not_fully_inspected;
mod virus_detected;

pub use archive_with_blocked_content::ArchiveWithBlockedContent;
pub use attachment_too_large::AttachmentTooLarge;
pub use attachment_type_mismatch::AttachmentTypeMismatch;
pub use blocked_attachment::BlockedAttachment;
pub use double_extension::DoubleExtension;
pub use encrypted_archive::EncryptedArchive;
pub use html_attachment::HtmlAttachment;
pub use macro_enabled_document::MacroEnabledDocument;
pub use message_too_large::MessageTooLarge;
pub use not_fully_inspected::NotFullyInspected;
pub use virus_detected::VirusDetected;
