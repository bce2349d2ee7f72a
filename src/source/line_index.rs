//! Byte offset → line/column mapping.

// Indexing: offsets are found in (memchr, char_indices) or checked against the slice they index; the fuzzers and tests/robustness.rs exercise these paths.
#![allow(clippy::indexing_slicing)]

use serde::Serialize;

/// A 1-based line and column. Columns count characters (UTF-8 sequences, or single bytes
/// where the input is not valid UTF-8), so they match what an editor shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Position {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column number.
    pub column: usize,
}

/// Start offsets of every line of a byte buffer. A line ends after `\n`; a lone `\r` does not
/// end a line (that is how receiving MTAs see it, too).
#[derive(Debug, Clone)]
pub struct LineIndex {
    starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes the lines of `bytes`.
    pub fn new(bytes: &[u8]) -> Self {
        let mut starts = Vec::with_capacity(bytes.len() / 64 + 1);
        starts.push(0);
        starts.extend(memchr::memchr_iter(b'\n', bytes).map(|i| i + 1));
        LineIndex { starts }
    }

    /// Number of lines (a trailing newline does not open a new line).
    pub fn len(&self) -> usize {
        self.starts.len()
    }

    /// True when the buffer was empty.
    pub fn is_empty(&self) -> bool {
        self.starts.len() == 1
    }

    /// The 0-based line that contains `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        }
    }

    /// Byte offset where 0-based `line` starts.
    pub fn line_start(&self, line: usize) -> usize {
        self.starts[line.min(self.starts.len() - 1)]
    }

    /// The 1-based position of `offset` in `bytes` (offsets past the end are clamped).
    pub fn position(&self, bytes: &[u8], offset: usize) -> Position {
        let offset = offset.min(bytes.len());
        let line = self.line_of(offset);
        let start = self.starts[line];
        Position {
            line: line + 1,
            column: column(&bytes[start..offset]),
        }
    }
}

/// The 1-based column after `prefix`, the start of a line (see [`Position`]).
pub(super) fn column(prefix: &[u8]) -> usize {
    let chars = match std::str::from_utf8(prefix) {
        Ok(s) => s.chars().count(),
        Err(_) => String::from_utf8_lossy(prefix).chars().count(),
    };
    chars + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_are_one_based() {
        let text = b"ab\r\ncd\nef";
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 0), Position { line: 1, column: 1 });
        assert_eq!(index.position(text, 4), Position { line: 2, column: 1 });
        assert_eq!(index.position(text, 8), Position { line: 3, column: 2 });
        assert_eq!(index.position(text, 99), Position { line: 3, column: 3 });
    }

    #[test]
    fn columns_count_characters() {
        let text = "é: x".as_bytes();
        let index = LineIndex::new(text);
        assert_eq!(index.position(text, 2).column, 2);
    }
}
