//! Framing rules.

mod bare_lf;
mod bare_cr;
mod line_too_long;
mod nul_byte;
mod undeclared_8bit;
mod missing_charset;
mod broken_mime;
mod mbox_from_line;
mod unparseable_message;

pub use bare_lf::BareLf;
pub use bare_cr::BareCr;
pub use line_too_long::LineTooLong;
pub use nul_byte::NulByte;
pub use undeclared_8bit::Undeclared8bit;
pub use missing_charset::MissingCharset;
pub use broken_mime::BrokenMime;
pub use mbox_from_line::MboxFromLine;
pub use unparseable_message::UnparseableMessage;
