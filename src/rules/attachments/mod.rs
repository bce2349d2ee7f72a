//! Attachment rules.
