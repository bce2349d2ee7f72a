//! Input sources: the raw bytes of a message, a line index over them, and the byte-level
//! facts ([`ByteScan`]) the framing rules read, and searches for fixed needles ([`literal`]).

mod byte_scan;
mod line_index;
pub mod literal;

pub use byte_scan::ByteScan;
pub use line_index::{LineIndex, Position};

/// The raw bytes of one message, with a line index for turning byte offsets into positions
/// (built on first use, and only for a position past the first 64 KiB: a message whose
/// findings all point near its start never needs it).
#[derive(Debug)]
pub struct Source<'a> {
    bytes: &'a [u8],
    lines: std::sync::OnceLock<LineIndex>,
}

/// Offsets up to here are turned into positions by counting line feeds, not by building the
/// line index (a vectorised count of 64 KiB costs less than indexing a large message).
const DIRECT_POSITION_LIMIT: usize = 64 * 1024;

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
    ///
    /// Offsets near the start (most findings point into the header block) are counted
    /// directly; the line index is built only for an offset further in.
    pub fn position(&self, offset: usize) -> Position {
        match self.lines.get() {
            Some(lines) => lines.position(self.bytes, offset),
            None if offset <= DIRECT_POSITION_LIMIT => {
                let offset = offset.min(self.bytes.len());
                let before = self.bytes.get(..offset).unwrap_or_default();
                let line = memchr::memchr_iter(b'\n', before).count();
                let start = memchr::memrchr(b'\n', before).map_or(0, |i| i + 1);
                Position {
                    line: line + 1,
                    column: line_index::column(self.bytes.get(start..offset).unwrap_or_default()),
                }
            }
            None => self.lines().position(self.bytes, offset),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn direct_positions_match_the_line_index() {
        let mut bytes = Vec::new();
        for i in 0..5000 {
            bytes.extend_from_slice(format!("line {i} é\r\n").as_bytes());
        }
        let direct = Source::new(&bytes);
        let indexed = Source::new(&bytes);
        indexed.lines();
        for offset in [0, 1, 7, 12, 13, 4095, 40_000, DIRECT_POSITION_LIMIT] {
            assert_eq!(
                direct.position(offset),
                indexed.position(offset),
                "{offset}"
            );
        }
        assert!(
            direct.lines.get().is_none(),
            "no index for offsets near the start"
        );
        for offset in [bytes.len() - 1, bytes.len(), 1 << 30] {
            assert_eq!(
                direct.position(offset),
                indexed.position(offset),
                "{offset}"
            );
        }
    }
}
