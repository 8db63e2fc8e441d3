//! Airlift's HyperLogLog (`io.airlift.stats.cardinality`), the estimator behind Trino's
//! `approx_distinct`, written from its definition so that estimates match Athena's.
//!
//! ```text
//! new ──► sparse: sorted entries (26-bit hash prefix << 6 | zeros after the prefix)
//!           │ estimate: linear counting over 2^26 buckets (exact for small inputs
//!           │           barring prefix collisions)
//!           │ turns dense when Java would hold it in more memory than a dense one
//!           ▼
//!         dense: 2^p registers, each the largest (leading zeros + 1) seen in its bucket
//!           estimate: linear counting while more than 40% of the registers are empty,
//!                     else the raw HyperLogLog estimate less Airlift's empirical bias
//! ```
//!
//! Airlift packs dense registers into 4-bit deltas over a baseline plus overflow entries;
//! those represent exactly the per-bucket maxima kept here as bytes, so the estimate is
//! the same. The one place where Airlift's memory layout shows is the sparse-to-dense
//! switch, which compares the JVM sizes of the two forms (`estimatedInMemorySize`): it is
//! reproduced with HotSpot's defaults (compressed oops, 8-byte alignment), including
//! the way a sparse instance's entry array grows (by 10) and is trimmed by a merge.

use super::approx_distinct_bias::{BIAS, RAW_ESTIMATES};

/// Bits of the hash prefix a sparse entry keeps.
const PREFIX_BITS: u32 = 26;

/// Bits of a sparse entry holding the zeros after the prefix.
const VALUE_BITS: u32 = 6;

/// Masks a sparse entry's value bits.
const VALUE_MASK: u32 = (1 << VALUE_BITS) - 1;

/// Below this share of empty registers a dense instance stops linear counting.
const LINEAR_COUNTING_MIN_EMPTY_BUCKETS: f64 = 0.4;

/// Java's size of a `SparseHll` object (header and fields, compressed oops), bytes.
const SPARSE_INSTANCE_SIZE: usize = 24;

/// Java's size of a `DenseHll` object (header and fields, compressed oops), bytes.
const DENSE_INSTANCE_SIZE: usize = 40;

/// Java's array header (compressed class pointers), bytes.
const ARRAY_HEADER_SIZE: usize = 16;

/// One HyperLogLog instance with `2^index_bits` buckets.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Hll {
    index_bits: u8,
    form: Form,
}

#[derive(Debug, Clone, PartialEq)]
enum Form {
    /// Sorted by prefix; `capacity` is the length of Java's backing array.
    Sparse { entries: Vec<u32>, capacity: usize },
    /// One register per bucket.
    Dense { registers: Vec<u8> },
}

/// Serialized-state tags.
const SPARSE_TAG: u8 = 1;
const DENSE_TAG: u8 = 2;

impl Hll {
    /// An empty (sparse) instance with `2^index_bits` buckets (`index_bits` in 4..=16).
    pub(crate) fn new(index_bits: u8) -> Self {
        Self {
            index_bits,
            form: Form::Sparse {
                entries: Vec::new(),
                capacity: 1,
            },
        }
    }

    /// Adds a value's 64-bit hash (`HyperLogLog.addHash`).
    #[inline]
    pub(crate) fn add_hash(&mut self, hash: u64) {
        match &mut self.form {
            Form::Dense { registers } => {
                let bits = u32::from(self.index_bits);
                let bucket = (hash >> (64 - bits)) as usize;
                let value = leading_zeros(hash, bits) as u8 + 1;
                if registers[bucket] < value {
                    registers[bucket] = value;
                }
            }
            Form::Sparse { entries, capacity } => {
                let prefix = (hash >> (64 - PREFIX_BITS)) as u32;
                let zeros = leading_zeros(hash, PREFIX_BITS);
                match entries.binary_search_by_key(&prefix, |e| e >> VALUE_BITS) {
                    Ok(at) => {
                        if entries[at] & VALUE_MASK < zeros {
                            entries[at] = (prefix << VALUE_BITS) | zeros;
                        }
                    }
                    Err(at) => {
                        if entries.len() + 1 > *capacity {
                            *capacity += 10;
                        }
                        entries.insert(at, (prefix << VALUE_BITS) | zeros);
                        self.dense_if_larger();
                    }
                }
            }
        }
    }

    /// Merges `other` in (`HyperLogLog.mergeWith`).
    pub(crate) fn merge(&mut self, other: &Hll) -> Result<(), (usize, usize)> {
        if self.index_bits != other.index_bits {
            return Err((1 << self.index_bits, 1 << other.index_bits));
        }
        match (&mut self.form, &other.form) {
            (
                Form::Sparse { entries, capacity },
                Form::Sparse {
                    entries: theirs, ..
                },
            ) => {
                let merged = merge_entries(entries, theirs);
                *capacity = merged.len();
                *entries = merged;
                self.dense_if_larger();
            }
            (Form::Dense { registers }, Form::Sparse { entries, .. }) => {
                for_each_bucket(self.index_bits, entries, |bucket, value| {
                    if registers[bucket] < value {
                        registers[bucket] = value;
                    }
                });
            }
            (_, Form::Dense { registers: theirs }) => {
                self.make_dense();
                if let Form::Dense { registers } = &mut self.form {
                    for (mine, theirs) in registers.iter_mut().zip(theirs) {
                        *mine = (*mine).max(*theirs);
                    }
                }
            }
        }
        Ok(())
    }

    /// The estimate (`HyperLogLog.cardinality`).
    pub(crate) fn cardinality(&self) -> i64 {
        match &self.form {
            Form::Sparse { entries, .. } => {
                let total = 1u32 << PREFIX_BITS;
                java_round(linear_counting(total - entries.len() as u32, total))
            }
            Form::Dense { registers } => dense_cardinality(self.index_bits, registers),
        }
    }

    /// Memory held, bytes.
    pub(crate) fn size(&self) -> usize {
        std::mem::size_of::<Self>()
            + match &self.form {
                Form::Sparse { entries, .. } => entries.capacity() * 4,
                Form::Dense { registers } => registers.capacity(),
            }
    }

    /// Appends the instance's bytes: tag, index bits, then the sparse entries (4 bytes
    /// each, little-endian) or the dense registers.
    pub(crate) fn write(&self, out: &mut Vec<u8>) {
        match &self.form {
            Form::Sparse { entries, .. } => {
                out.reserve(2 + entries.len() * 4);
                out.extend([SPARSE_TAG, self.index_bits]);
                for e in entries {
                    out.extend(e.to_le_bytes());
                }
            }
            Form::Dense { registers } => {
                out.extend([DENSE_TAG, self.index_bits]);
                out.extend_from_slice(registers);
            }
        }
    }

    /// Reads what [`Hll::write`] wrote (`None` when malformed). A sparse instance comes
    /// back with an entry array of exactly its size, as Airlift deserializes one.
    pub(crate) fn read(bytes: &[u8]) -> Option<Self> {
        let (&tag, rest) = bytes.split_first()?;
        let (&index_bits, body) = rest.split_first()?;
        if !(4..=16).contains(&index_bits) {
            return None;
        }
        let form = match tag {
            SPARSE_TAG if body.len() % 4 == 0 => {
                let entries: Vec<u32> = body
                    .chunks_exact(4)
                    .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
                    .collect();
                Form::Sparse {
                    capacity: entries.len(),
                    entries,
                }
            }
            DENSE_TAG if body.len() == 1 << index_bits => Form::Dense {
                registers: body.to_vec(),
            },
            _ => return None,
        };
        Some(Self { index_bits, form })
    }

    /// Turns dense when Java would hold the sparse form in more memory than a new dense
    /// one (`HyperLogLog.makeDenseIfNecessary`).
    fn dense_if_larger(&mut self) {
        if let Form::Sparse { capacity, .. } = &self.form {
            let sparse = SPARSE_INSTANCE_SIZE + array_size(*capacity * 4);
            let dense = DENSE_INSTANCE_SIZE
                + array_size((1usize << self.index_bits) / 2)
                + array_size(0)
                + array_size(0);
            if sparse > dense {
                self.make_dense();
            }
        }
    }

    /// The dense form of the same buckets (`SparseHll.toDense`).
    fn make_dense(&mut self) {
        if let Form::Sparse { entries, .. } = &self.form {
            let mut registers = vec![0u8; 1 << self.index_bits];
            for_each_bucket(self.index_bits, entries, |bucket, value| {
                if registers[bucket] < value {
                    registers[bucket] = value;
                }
            });
            self.form = Form::Dense { registers };
        }
    }
}

/// Leading zeros of `hash` after its first `bits` bits, at most `64 - bits`
/// (`Utils.numberOfLeadingZeros`: a 1 placed below the shifted hash bounds the count).
#[inline]
fn leading_zeros(hash: u64, bits: u32) -> u32 {
    ((hash << bits) | (1u64 << (bits - 1))).leading_zeros()
}

/// A Java array of `payload` bytes, with its header, aligned to 8 bytes.
fn array_size(payload: usize) -> usize {
    (ARRAY_HEADER_SIZE + payload).div_ceil(8) * 8
}

/// Each sparse entry as a dense bucket and register value (`SparseHll.eachBucket`).
fn for_each_bucket(index_bits: u8, entries: &[u32], mut visit: impl FnMut(usize, u8)) {
    let bits = u32::from(index_bits);
    let between = PREFIX_BITS - bits;
    for &entry in entries {
        let bucket = (entry >> (32 - bits)) as usize;
        let mut zeros = (entry << bits).leading_zeros();
        if zeros >= between {
            zeros = between + (entry & VALUE_MASK);
        }
        visit(bucket, (zeros + 1) as u8);
    }
}

/// Two sorted entry lists as one, the larger value where both hold a prefix.
fn merge_entries(left: &[u32], right: &[u32]) -> Vec<u32> {
    let mut out = Vec::with_capacity(left.len() + right.len());
    let (mut i, mut j) = (0, 0);
    while i < left.len() && j < right.len() {
        let (l, r) = (left[i] >> VALUE_BITS, right[j] >> VALUE_BITS);
        if l < r {
            out.push(left[i]);
            i += 1;
        } else if l > r {
            out.push(right[j]);
            j += 1;
        } else {
            out.push((l << VALUE_BITS) | (left[i] & VALUE_MASK).max(right[j] & VALUE_MASK));
            i += 1;
            j += 1;
        }
    }
    out.extend_from_slice(&left[i..]);
    out.extend_from_slice(&right[j..]);
    out
}

/// `DenseHll.cardinality` over the registers.
fn dense_cardinality(index_bits: u8, registers: &[u8]) -> i64 {
    let buckets = registers.len() as u32;
    let empty = registers.iter().filter(|&&r| r == 0).count() as u32;
    if empty > 0 && f64::from(empty) > LINEAR_COUNTING_MIN_EMPTY_BUCKETS * f64::from(buckets) {
        return java_round(linear_counting(empty, buckets));
    }
    let mut sum = 0.0;
    for &r in registers {
        sum += 1.0 / (1u64 << r) as f64;
    }
    let m = f64::from(buckets);
    let raw = (alpha(index_bits) * m * m) / sum;
    java_round(correct_bias(index_bits, raw))
}

/// `Utils.alpha`.
fn alpha(index_bits: u8) -> f64 {
    match index_bits {
        4 => 0.673,
        5 => 0.697,
        6 => 0.709,
        _ => 0.7213 / (1.0 + 1.079 / f64::from(1u32 << index_bits)),
    }
}

/// `DenseHll.correctBias`: the raw estimate less the interpolated empirical bias, inside
/// the table's range.
fn correct_bias(index_bits: u8, raw: f64) -> f64 {
    let row = usize::from(index_bits) - 4;
    let estimates = RAW_ESTIMATES[row];
    let biases = BIAS[row];
    let (Some(&first), Some(&last)) = (estimates.first(), estimates.last()) else {
        return raw;
    };
    if raw < first || raw > last {
        return raw;
    }
    let bias = match estimates.binary_search_by(|e| e.total_cmp(&raw)) {
        Ok(at) => biases[at],
        Err(at) => {
            let (x0, y0) = (estimates[at - 1], biases[at - 1]);
            let (x1, y1) = (estimates[at], biases[at]);
            (((raw - x0) * (y1 - y0)) / (x1 - x0)) + y0
        }
    };
    raw - bias
}

/// `Utils.linearCounting`.
fn linear_counting(empty: u32, total: u32) -> f64 {
    f64::from(total) * (f64::from(total) / f64::from(empty)).ln()
}

/// Java's `Math.round(double)`: the nearest integer, halves up.
fn java_round(v: f64) -> i64 {
    (v + 0.5).floor() as i64
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A well-spread hash of `i` (splitmix64), for tests that need many distinct hashes.
    fn spread(i: u64) -> u64 {
        let mut z = i.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    #[test]
    fn sparse_turns_dense_at_the_262nd_entry_with_2048_buckets() {
        let mut hll = Hll::new(11);
        for i in 0..261 {
            hll.add_hash(spread(i));
        }
        assert!(matches!(hll.form, Form::Sparse { .. }));
        assert_eq!(hll.cardinality(), 261);
        hll.add_hash(spread(261));
        assert!(matches!(hll.form, Form::Dense { .. }));
    }

    #[test]
    fn a_merge_trims_and_turns_dense_from_269_entries() {
        let mut left = Hll::new(11);
        let mut right = Hll::new(11);
        for i in 0..134 {
            left.add_hash(spread(i));
            right.add_hash(spread(1000 + i));
        }
        left.merge(&right).unwrap();
        assert!(matches!(left.form, Form::Sparse { .. }));
        assert_eq!(left.cardinality(), 268);
        let mut one = Hll::new(11);
        one.add_hash(spread(5000));
        left.merge(&one).unwrap();
        assert!(matches!(left.form, Form::Dense { .. }));
    }

    #[test]
    fn dense_and_sparse_see_the_same_registers() {
        let mut through_sparse = Hll::new(11);
        let mut dense = Hll::new(11);
        dense.make_dense();
        for i in 0..200 {
            through_sparse.add_hash(spread(i));
            dense.add_hash(spread(i));
        }
        through_sparse.make_dense();
        assert_eq!(through_sparse, dense);
    }

    #[test]
    fn state_round_trips() {
        let mut hll = Hll::new(11);
        for i in 0..100 {
            hll.add_hash(spread(i));
        }
        let mut bytes = Vec::new();
        hll.write(&mut bytes);
        let back = Hll::read(&bytes).unwrap();
        assert_eq!(back.cardinality(), 100);
    }
}
