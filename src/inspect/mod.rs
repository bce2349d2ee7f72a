//! Looking inside attachments without running or unpacking them: file names and extensions,
//! the true type of the content, archive listings (central directory and headers only) and
//! OLE storages. Everything here is bounded: no decompression, capped entry counts.

pub mod archive;
pub mod attachments;
pub mod clamd;
pub mod dkim;
pub mod extensions;
pub mod ole;
pub mod sniff;

/// Runs a third-party parser on hostile input; a panic inside it becomes `None`.
pub(crate) fn guarded<T>(f: impl FnOnce() -> Option<T>) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f))
        .ok()
        .flatten()
}
