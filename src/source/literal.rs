//! Substring search for fixed needles with searchers built once per process.
//!
//! `memchr::memmem::find` builds a searcher (and its SIMD prefilter) on every call, which
//! costs more than the search itself on the short texts most rules look at. The needles the
//! hot paths search for are known up front, so each gets one [`Finder`], built on first use.

use std::sync::OnceLock;

use memchr::memmem::Finder;

/// A fixed needle with its searcher, built on first use.
pub struct Literal {
    needle: &'static [u8],
    finder: OnceLock<Finder<'static>>,
}

impl Literal {
    /// A literal for `needle` (nothing is built until the first search).
    pub const fn new(needle: &'static [u8]) -> Literal {
        Literal {
            needle,
            finder: OnceLock::new(),
        }
    }

    fn finder(&self) -> &Finder<'static> {
        self.finder.get_or_init(|| Finder::new(self.needle))
    }

    /// Offset of the first occurrence in `haystack`.
    pub fn find(&self, haystack: &[u8]) -> Option<usize> {
        self.finder().find(haystack)
    }

    /// Whether `haystack` holds the needle.
    pub fn is_in(&self, haystack: &[u8]) -> bool {
        self.find(haystack).is_some()
    }

    /// Offsets of every non-overlapping occurrence in `haystack`, in order.
    pub fn find_iter<'h>(&'h self, haystack: &'h [u8]) -> impl Iterator<Item = usize> + 'h {
        self.finder().find_iter(haystack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_as_memmem_does() {
        static SEP: Literal = Literal::new(b"://");
        for text in ["", ":", "://", "a://b://c", "x:/y://", "::////"] {
            let expected: Vec<usize> = memchr::memmem::find_iter(text.as_bytes(), b"://").collect();
            assert_eq!(SEP.find_iter(text.as_bytes()).collect::<Vec<_>>(), expected);
            assert_eq!(SEP.find(text.as_bytes()), expected.first().copied());
            assert_eq!(SEP.is_in(text.as_bytes()), !expected.is_empty());
        }
    }
}
