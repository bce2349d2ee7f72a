//! The distinct words of a text, kept as 64-bit hashes in a small open-addressing table:
//! what `parts-differ` compares. No word is copied, and a word that repeats (a newsletter
//! repeats most of its words) costs one probe.

// Indexing: slot indices are masked by the table's length (a power of two); byte offsets come
// from the scan over the slice they index.
#![allow(clippy::indexing_slicing)]

/// Words of each alternative that `parts-differ` compares.
pub(crate) const MAX_COMPARED_WORDS: usize = 5_000;

/// Distinct words, by hash (see [`word_set`]).
#[derive(Debug, Clone)]
pub(crate) struct WordSet {
    /// Linear-probing slots; `0` is empty (a hash of `0` is stored as `1`).
    slots: Vec<u64>,
    len: usize,
}

impl Default for WordSet {
    fn default() -> Self {
        WordSet {
            slots: vec![0; 64],
            len: 0,
        }
    }
}

impl WordSet {
    /// The number of distinct words.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Adds the word hash `hash`; whether it was new.
    #[inline(always)]
    pub(crate) fn insert(&mut self, hash: u64) -> bool {
        let hash = hash.max(1);
        if (self.len + 1) * 2 > self.slots.len() {
            self.grow();
        }
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            match self.slots[at] {
                0 => {
                    self.slots[at] = hash;
                    self.len += 1;
                    return true;
                }
                h if h == hash => return false,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// Whether the word hash `hash` is in the set.
    pub(crate) fn contains(&self, hash: u64) -> bool {
        let hash = hash.max(1);
        let mask = self.slots.len() - 1;
        let mut at = hash as usize & mask;
        loop {
            match self.slots[at] {
                0 => return false,
                h if h == hash => return true,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The number of words in both sets.
    pub(crate) fn shared_with(&self, other: &WordSet) -> usize {
        let (small, large) = if self.len <= other.len {
            (self, other)
        } else {
            (other, self)
        };
        small.hashes().filter(|&h| large.contains(h)).count()
    }

    /// The stored hashes, in no particular order.
    fn hashes(&self) -> impl Iterator<Item = u64> + '_ {
        self.slots.iter().copied().filter(|&h| h != 0)
    }

    #[cold]
    #[inline(never)]
    fn grow(&mut self) {
        let doubled = vec![0; self.slots.len() * 2];
        let old = std::mem::replace(&mut self.slots, doubled);
        self.len = 0;
        for hash in old.into_iter().filter(|&h| h != 0) {
            self.insert(hash);
        }
    }
}

/// Bit `j` is set when `block[j]` is an ASCII letter or digit: the bytes are tested without
/// branches (a loop the compiler vectorises), then packed 8 to a byte by a multiply.
fn word_mask(block: &[u8; 64]) -> u64 {
    let mut flags = [0u8; 64];
    for (flag, &b) in flags.iter_mut().zip(block) {
        let letter = (b | 0x20).wrapping_sub(b'a') < 26;
        let digit = b.wrapping_sub(b'0') < 10;
        *flag = u8::from(letter | digit);
    }
    let (lanes, _) = flags.as_chunks::<8>();
    let mut mask = 0u64;
    for (i, lane) in lanes.iter().enumerate() {
        // Each byte is 0 or 1; the multiply gathers byte k's bit into bit 56 + k.
        let bits = u64::from_le_bytes(*lane).wrapping_mul(0x0102_0408_1020_4080) >> 56;
        mask |= bits << (8 * i);
    }
    mask
}

/// [`word_mask`] of a block shorter than 64 bytes (the end of the text).
fn tail_mask(tail: &[u8]) -> u64 {
    let mut block = [0u8; 64];
    block[..tail.len()].copy_from_slice(tail);
    word_mask(&block)
}

/// Calls `each(start, end)` for the first `limit` ASCII words (runs of letters and digits) of
/// `bytes` of two or more bytes, found 64 bytes at a time from the blocks' word masks.
fn ascii_words(bytes: &[u8], limit: usize, mut each: impl FnMut(usize, usize)) {
    let mut taken = 0;
    // Where the word that runs into the current block started.
    let mut open: Option<usize> = None;
    let mut base = 0;
    while base < bytes.len() {
        let rest = &bytes[base..];
        let mask = match rest.first_chunk::<64>() {
            Some(block) => word_mask(block),
            None => tail_mask(rest),
        };
        let carried = u64::from(open.is_some());
        let before = (mask << 1) | carried;
        let starts = mask & !before;
        let mut events = starts | (!mask & before);
        while events != 0 {
            let j = events.trailing_zeros() as usize;
            events &= events - 1;
            if starts >> j & 1 == 1 {
                open = Some(base + j);
            } else if let Some(start) = open.take()
                && base + j - start > 1
            {
                each(start, base + j);
                taken += 1;
                if taken == limit {
                    return;
                }
            }
        }
        base += 64;
    }
    if let Some(start) = open
        && bytes.len() - start > 1
    {
        each(start, bytes.len());
    }
}

/// Distinct lower-case words of `text` (of its first [`MAX_COMPARED_WORDS`] words of two or
/// more characters; a word is a run of alphanumeric characters), each kept as a 64-bit hash of
/// its lower-case UTF-8 so that no word is copied.
pub(crate) fn word_set(text: &str) -> WordSet {
    let mut set = WordSet::default();
    if text.is_ascii() {
        let bytes = text.as_bytes();
        // For alphanumeric ASCII, `| 0x20` (in `hash_word`) is lower-casing: digits already
        // have the bit.
        ascii_words(bytes, MAX_COMPARED_WORDS, |start, end| {
            set.insert(hash_word(bytes, start, end));
        });
    } else {
        for word in text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| w.len() > 1 && (w.len() > 4 || w.chars().nth(1).is_some()))
            .take(MAX_COMPARED_WORDS)
        {
            let lower: std::borrow::Cow<'_, str> = if word.chars().any(char::is_uppercase) {
                word.to_lowercase().into()
            } else {
                word.into()
            };
            let lower = lower.as_bytes();
            set.insert(hash_word(lower, 0, lower.len()));
        }
    }
    set
}

/// The hash of the word `bytes[start..end]`: 8 bytes at a time, each lane `| 0x20` (so that
/// ASCII words hash alike on the ASCII and the Unicode path), the last lane zero-padded
/// before that.
fn hash_word(bytes: &[u8], start: usize, end: usize) -> u64 {
    let mut hash = WordHash::new();
    let mut at = start;
    while at < end {
        let take = (end - at).min(8);
        let lane = match bytes.get(at..at + 8) {
            // A whole 8-byte load, masked to the word: no copy for the short tail.
            Some(eight) => {
                let mut array = [0u8; 8];
                array.copy_from_slice(eight);
                let lane = u64::from_le_bytes(array);
                if take == 8 {
                    lane
                } else {
                    lane & ((1u64 << (take * 8)) - 1)
                }
            }
            None => {
                let mut array = [0u8; 8];
                array[..take].copy_from_slice(&bytes[at..at + take]);
                u64::from_le_bytes(array)
            }
        };
        hash.add_lane(lane | 0x2020_2020_2020_2020);
        at += take;
    }
    hash.finish()
}

/// A multiply-rotate hash over a word's bytes, 8 at a time, finished with MurmurHash3's mixer
/// so that every bit of the result is usable as a table index.
struct WordHash(u64);

impl WordHash {
    fn new() -> Self {
        WordHash(0xcbf2_9ce4_8422_2325)
    }

    fn add_lane(&mut self, lane: u64) {
        self.0 = (self.0 ^ lane)
            .wrapping_mul(0x9e37_79b9_7f4a_7c15)
            .rotate_left(29);
    }

    fn finish(self) -> u64 {
        let mut h = self.0;
        h ^= h >> 33;
        h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
        h ^ (h >> 33)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_sets_fold_case_and_agree_across_scripts() {
        let ascii = word_set("Hello, hello WORLD a 42 x");
        assert_eq!(ascii.len(), 3);
        let mixed = word_set("HELLO Wörld world");
        assert_eq!(mixed.len(), 3);
        assert_eq!(ascii.shared_with(&mixed), 2);
    }

    #[test]
    fn long_words_hash_whole_and_at_the_end_of_the_text() {
        // Words over 8 bytes, a word ending the text (the tail path), and one that does not.
        let a = word_set("internationalisation abcdefghij abcdefghik");
        assert_eq!(a.len(), 3);
        let b = word_set("abcdefghik INTERNATIONALISATION");
        assert_eq!(b.len(), 2);
        assert_eq!(a.shared_with(&b), 2);
        // The same word hashes alike wherever it sits in the text.
        assert_eq!(hash_word(b"xx word yy", 3, 7), hash_word(b"word", 0, 4));
    }

    #[test]
    fn sets_grow_and_stay_exact() {
        let text: String = (0..3_000).map(|i| format!("w{i} ")).collect();
        let set = word_set(&text);
        assert_eq!(set.len(), 3_000);
        let half: String = (0..1_500).map(|i| format!("w{i} ")).collect();
        assert_eq!(set.shared_with(&word_set(&half)), 1_500);
        let mut small = WordSet::default();
        assert!(small.insert(0));
        assert!(!small.insert(0));
        assert!(small.contains(0));
        assert!(!small.contains(7));
    }

    #[test]
    fn words_are_found_across_block_boundaries() {
        // Words that straddle a 64-byte block, end one exactly, or fill whole blocks.
        for text in [
            format!("{} straddling word", "a".repeat(60)),
            format!("{} next", "b".repeat(64)),
            format!("{}x", " ".repeat(63)),
            format!("{} {}", "c".repeat(63), "d".repeat(130)),
            "z".repeat(200),
            "ab ".repeat(100),
        ] {
            let mut found = Vec::new();
            ascii_words(text.as_bytes(), usize::MAX, |a, b| found.push(&text[a..b]));
            let expected: Vec<&str> = text
                .split(|c: char| !c.is_ascii_alphanumeric())
                .filter(|w| w.len() > 1)
                .collect();
            assert_eq!(found, expected, "{text:?}");
        }
    }

    #[test]
    fn sets_match_naive_sets_of_lower_case_words() {
        use std::collections::HashSet;
        let naive = |text: &str| -> HashSet<String> {
            text.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.chars().count() > 1)
                .map(str::to_lowercase)
                .collect()
        };
        let mut seed = 0x9e37_79b9u32;
        let mut next = move || crate::test_rng::xorshift32(&mut seed);
        const PIECES: [&str; 9] = [
            "ab",
            "Cd",
            "x",
            " ",
            "-",
            "\n",
            "LONGWORDLONGWORD",
            "é",
            "7",
        ];
        for _ in 0..500 {
            let mut texts = [String::new(), String::new()];
            for text in &mut texts {
                let ascii_only = next() % 2 == 0;
                for _ in 0..(next() % 200) {
                    let piece = PIECES[next() as usize % PIECES.len()];
                    if !(ascii_only && piece == "é") {
                        text.push_str(piece);
                    }
                }
            }
            let (a, b) = (word_set(&texts[0]), word_set(&texts[1]));
            let (na, nb) = (naive(&texts[0]), naive(&texts[1]));
            assert_eq!(a.len(), na.len(), "{:?}", texts[0]);
            assert_eq!(a.shared_with(&b), na.intersection(&nb).count(), "{texts:?}");
        }
    }

    #[test]
    fn words_past_the_cap_are_not_compared() {
        let text: String = (0..MAX_COMPARED_WORDS + 10)
            .map(|i| format!("w{i} "))
            .collect();
        assert_eq!(word_set(&text).len(), MAX_COMPARED_WORDS);
    }
}
