//! Input sources: the raw bytes of a message and a line index over them.

mod line_index;

pub use line_index::{LineIndex, Position};

/// The raw bytes of one message, with a line index for turning byte offsets into positions
/// (built on first use: a message without findings never needs it).
#[derive(Debug)]
pub struct Source<'a> {
    bytes: &'a [u8],
    lines: std::sync::OnceLock<LineIndex>,
}

impl<'a> Source<'a> {
    /// Wraps `bytes`.
    pub fn new(bytes: &'a [u8]) -> Self {
        Source {
            bytes,
            lines: std::sync::OnceLock::new(),
        }
    }

    /// The raw bytes, exactly as given.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The line index over [`Source::bytes`].
    pub fn lines(&self) -> &LineIndex {
        self.lines.get_or_init(|| LineIndex::new(self.bytes))
    }

    /// The 1-based line and column of a byte offset (clamped to the input).
    pub fn position(&self, offset: usize) -> Position {
        self.lines().position(self.bytes, offset)
    }
}
