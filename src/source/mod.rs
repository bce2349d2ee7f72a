//! Input sources: the raw bytes of a message and a line index over them.

mod line_index;

pub use line_index::{LineIndex, Position};

/// The raw bytes of one message, with a line index for turning byte offsets into positions.
#[derive(Debug)]
pub struct Source<'a> {
    bytes: &'a [u8],
    lines: LineIndex,
}

impl<'a> Source<'a> {
    /// Wraps `bytes` and indexes its lines.
    pub fn new(bytes: &'a [u8]) -> Self {
        Source {
            bytes,
            lines: LineIndex::new(bytes),
        }
    }

    /// The raw bytes, exactly as given.
    pub fn bytes(&self) -> &'a [u8] {
        self.bytes
    }

    /// The line index over [`Source::bytes`].
    pub fn lines(&self) -> &LineIndex {
        &self.lines
    }

    /// The 1-based line and column of a byte offset (clamped to the input).
    pub fn position(&self, offset: usize) -> Position {
        self.lines.position(self.bytes, offset)
    }
}
