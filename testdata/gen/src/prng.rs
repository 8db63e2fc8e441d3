//! A small seeded pseudo-random number generator (SplitMix64) and the FNV-1a hashes used to derive
//! seeds and file-name hashes from labels.
//!
//! The generator must be byte-for-byte reproducible on every machine and across dependency
//! upgrades, so it uses no external RNG crate and no wall clock: every random choice comes from a
//! [`SplitMix64`] whose seed is a hash of a human-readable label (bucket, account, window, …).

/// FNV-1a, 64-bit: offset basis `0xcbf29ce484222325`, prime `0x100000001b3`.
pub fn fnv1a64(bytes: &[u8]) -> u64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(0x0000_0100_0000_01b3);
    }
    hash
}

/// FNV-1a, 32-bit: offset basis `0x811c9dc5`, prime `0x01000193`.
pub fn fnv1a32(bytes: &[u8]) -> u32 {
    let mut hash: u32 = 0x811c_9dc5;
    for &b in bytes {
        hash ^= u32::from(b);
        hash = hash.wrapping_mul(0x0100_0193);
    }
    hash
}

/// SplitMix64 (Steele, Lea, Flood 2014; the seeding generator of `java.util.SplittableRandom`).
#[derive(Debug, Clone)]
pub struct SplitMix64 {
    state: u64,
}

impl SplitMix64 {
    /// A generator whose first output is derived from `seed`.
    pub fn new(seed: u64) -> Self {
        Self { state: seed }
    }

    /// A generator seeded with the FNV-1a-64 hash of `label`.
    pub fn from_label(label: &str) -> Self {
        Self::new(fnv1a64(label.as_bytes()))
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A value in `0..n` (0 when `n` is 0). The modulo bias is irrelevant for test data.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// A value in `lo..=hi` (`lo` when the range is empty).
    pub fn range(&mut self, lo: i64, hi: i64) -> i64 {
        if hi <= lo {
            return lo;
        }
        let span = hi.abs_diff(lo).saturating_add(1);
        lo.saturating_add_unsigned(self.below(span))
    }

    /// True with probability `percent`/100.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    /// One element of a non-empty array (checked at compile time).
    pub fn pick<'a, T, const N: usize>(&mut self, items: &'a [T; N]) -> &'a T {
        const { assert!(N > 0, "pick needs a non-empty array") };
        // `below(N)` is `< N`, so the index is in bounds.
        &items[self.below(N as u64) as usize]
    }

    /// `digits` lowercase hexadecimal characters.
    pub fn hex(&mut self, digits: usize) -> String {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        (0..digits)
            .map(|_| char::from(HEX[self.below(16) as usize]))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_reference_sequence() {
        // Reference outputs for seed 1234567 published with the algorithm's public-domain C
        // implementation (Vigna, prng.di.unimi.it/splitmix64.c) and reproduced on Rosetta Code
        // ("Pseudo-random numbers/Splitmix64").
        let mut rng = SplitMix64::new(1_234_567);
        let expected: [u64; 5] = [
            6_457_827_717_110_365_317,
            3_203_168_211_198_807_973,
            9_817_491_932_198_370_423,
            4_593_380_528_125_082_431,
            16_408_922_859_458_223_821,
        ];
        for want in expected {
            assert_eq!(rng.next_u64(), want);
        }
    }

    #[test]
    fn fnv1a_reference_vectors() {
        // Test vectors from the FNV reference (Fowler/Noll/Vo, isthe.com/chongo/tech/comp/fnv).
        assert_eq!(fnv1a64(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a64(b"a"), 0xaf63_dc4c_8601_ec8c);
        assert_eq!(fnv1a64(b"foobar"), 0x8594_4171_f739_67e8);
        assert_eq!(fnv1a32(b""), 0x811c_9dc5);
        assert_eq!(fnv1a32(b"a"), 0xe40c_292c);
        assert_eq!(fnv1a32(b"foobar"), 0xbf9c_f968);
    }

    #[test]
    fn helpers_stay_in_range() {
        let mut rng = SplitMix64::from_label("range-test");
        for _ in 0..10_000 {
            let v = rng.range(-3, 5);
            assert!((-3..=5).contains(&v), "{v}");
            assert!(rng.below(7) < 7);
        }
        assert_eq!(rng.range(9, 9), 9);
        assert_eq!(rng.range(9, 2), 9);
        assert_eq!(rng.below(0), 0);
        let h = rng.hex(17);
        assert_eq!(h.len(), 17);
        assert!(
            h.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        );
    }

    #[test]
    fn same_label_same_stream() {
        let mut a = SplitMix64::from_label("bucket/acct/window");
        let mut b = SplitMix64::from_label("bucket/acct/window");
        let mut c = SplitMix64::from_label("bucket/acct/window2");
        let xs: Vec<u64> = (0..4).map(|_| a.next_u64()).collect();
        let ys: Vec<u64> = (0..4).map(|_| b.next_u64()).collect();
        let zs: Vec<u64> = (0..4).map(|_| c.next_u64()).collect();
        assert_eq!(xs, ys);
        assert_ne!(xs, zs);
    }
}
