//! Deterministic xorshift generators for the differential tests, so failures reproduce.

/// The next value of a 32-bit xorshift (13, 17, 5) sequence.
pub(crate) fn xorshift32(seed: &mut u32) -> u32 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 17;
    *seed ^= *seed << 5;
    *seed
}

/// The next value of a 64-bit xorshift (13, 7, 17) sequence.
pub(crate) fn xorshift64(seed: &mut u64) -> u64 {
    *seed ^= *seed << 13;
    *seed ^= *seed >> 7;
    *seed ^= *seed << 17;
    *seed
}

/// `count` pieces drawn from `from` with [`xorshift32`], concatenated: the random texts of
/// the differential tests.
pub(crate) fn pieces(seed: &mut u32, from: &[&str], count: u32) -> String {
    (0..count)
        .map(|_| from[xorshift32(seed) as usize % from.len()])
        .collect()
}
