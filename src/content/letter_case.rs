//! Counting letters and capitals in text, for the all-caps rules.

/// Letters sampled by [`letter_case`].
pub(crate) const MAX_LETTERS: usize = 20_000;

/// Bytes counted at a time: `u8` counters cannot overflow, and the cap is checked between
/// blocks.
const BLOCK: usize = 64;

/// Letters and upper-case letters in `text`, counting about [`MAX_LETTERS`] letters (a
/// sample that large decides the ratio; huge bodies are not walked to the end).
///
/// All-ASCII blocks are counted without branches (so the compiler vectorises them); a block
/// with other characters is walked a character at a time.
pub(crate) fn letter_case(text: &str) -> (usize, usize) {
    let bytes = text.as_bytes();
    let (mut letters, mut upper) = (0, 0);
    let mut pos = 0;
    while pos < bytes.len() && letters < MAX_LETTERS {
        let end = bytes.len().min(pos + BLOCK);
        let block = bytes.get(pos..end).unwrap_or_default();
        if block.iter().fold(0, |all, &b| all | b) < 0x80 {
            let (mut l, mut u) = (0u8, 0u8);
            for &b in block {
                l += u8::from((b | 0x20).wrapping_sub(b'a') < 26);
                u += u8::from(b.wrapping_sub(b'A') < 26);
            }
            letters += usize::from(l);
            upper += usize::from(u);
            pos = end;
            continue;
        }
        // `pos` is always a character boundary: blocks of ASCII end on one, and this walk
        // stops at the first boundary at or after `end`.
        for c in text.get(pos..).unwrap_or_default().chars() {
            let (letter, capital) = classify(c);
            letters += usize::from(letter);
            upper += usize::from(capital);
            pos += c.len_utf8();
            if pos >= end {
                break;
            }
        }
    }
    (letters, upper)
}

/// Whether `c` is alphabetic, and whether it is upper-case. The scripts mail is mostly written
/// in are decided by range; anything else asks the Unicode tables (an upper-case character is
/// always alphabetic, so the second lookup is made only for letters).
fn classify(c: char) -> (bool, bool) {
    match u32::from(c) {
        0..=0x7f => (c.is_ascii_alphabetic(), c.is_ascii_uppercase()),
        0xc0..=0xde if c != '×' => (true, true),
        0xdf..=0xff if c != '÷' => (true, false),
        0x410..=0x42f => (true, true),
        0x430..=0x44f => (true, false),
        // Greek (U+03A2 is unassigned), Hebrew and Arabic letters.
        0x391..=0x3a9 if c != '\u{3a2}' => (true, true),
        0x3b1..=0x3c9 | 0x5d0..=0x5ea | 0x621..=0x64a => (true, false),
        // Hiragana, Katakana, CJK ideographs and Hangul syllables: letters without case.
        0x3041..=0x3096 | 0x30a1..=0x30fa | 0x4e00..=0x9fff | 0xac00..=0xd7a3 => (true, false),
        // Latin-1 punctuation (but `ª` `µ` `º`), general punctuation (`—` `’` `“` zero-width
        // spaces), currency, arrows, mathematical and technical signs, box drawing, shapes,
        // dingbats, the byte-order mark, the specials (`�`, which stands for every byte a
        // charset could not decode) and emoji: never letters.
        0x80..=0xbf if !matches!(c, 'ª' | 'µ' | 'º') => (false, false),
        0x2000..=0x206f
        | 0x20a0..=0x20cf
        | 0x2190..=0x23ff
        | 0x2500..=0x27bf
        | 0xfeff
        | 0xfff0..=0xffff
        | 0x1f300..=0x1faff => (false, false),
        _ if c.is_alphabetic() => (true, c.is_uppercase()),
        _ => (false, false),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_agree_with_the_unicode_tables() {
        for c in (0..0x20000).filter_map(char::from_u32) {
            assert_eq!(
                classify(c),
                (c.is_alphabetic(), c.is_uppercase()),
                "{c:?} U+{:04X}",
                u32::from(c)
            );
        }
    }

    #[test]
    fn counts_agree_with_a_per_character_count() {
        let pool = [
            'a', 'Z', ' ', '1', 'é', 'É', 'ß', '×', 'Ж', 'ж', '日', 'ア', '한', '—', '😀',
        ];
        let mut seed = 0x2545_f491_4f6c_dd1du64;
        for _ in 0..500 {
            crate::test_rng::xorshift64(&mut seed);
            let len = (seed % 400) as usize;
            let text: String = (0..len)
                .map(|i| pool[((seed >> (i % 50)) as usize + i * 7) % pool.len()])
                .collect();
            let letters = text.chars().filter(|c| c.is_alphabetic()).count();
            let upper = text.chars().filter(|c| c.is_uppercase()).count();
            assert_eq!(letter_case(&text), (letters, upper), "{text}");
        }
    }

    #[test]
    fn stops_near_the_cap() {
        let text = "Ab ".repeat(MAX_LETTERS);
        let (letters, upper) = letter_case(&text);
        assert!(
            (MAX_LETTERS..MAX_LETTERS + BLOCK).contains(&letters),
            "{letters}"
        );
        assert!(letters.abs_diff(2 * upper) <= 1, "{letters} {upper}");
        let text = "Жж ".repeat(MAX_LETTERS);
        let (letters, _) = letter_case(&text);
        assert!(
            (MAX_LETTERS..MAX_LETTERS + BLOCK).contains(&letters),
            "{letters}"
        );
    }
}
