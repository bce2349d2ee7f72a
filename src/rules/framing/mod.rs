//! Framing rules.

mod bare_cr;
mod bare_lf;
mod broken_mime;
mod line_too_long;
mod mbox_from_line;
mod missing_charset;
mod nul_byte;
mod undeclared_8bit;
mod unparseable_message;

pub use bare_cr::BareCr;
pub use bare_lf::BareLf;
pub use broken_mime::BrokenMime;
pub use line_too_long::LineTooLong;
pub use mbox_from_line::MboxFromLine;
pub use missing_charset::MissingCharset;
pub use nul_byte::NulByte;
pub use undeclared_8bit::Undeclared8bit;
pub use unparseable_message::UnparseableMessage;
