//! `approx_distinct(x, e)`'s maximum standard error `e` as Trino reads it: checked, then
//! turned into the HyperLogLog's number of buckets
//! (ApproximateCountDistinctAggregation.standardErrorToBuckets).
//!
//! Trino accepts `e` in [0.0040625, 0.26] and otherwise fails with "Max standard error must
//! be in [0.0040625, 0.26]: 0.0040624"; it reads `e` when a group's first non-NULL value
//! arrives, so a group with no value answers 0 whatever `e`. The buckets are
//! `2^ceil(log2(ceil(1.0816 / e²)))`: 2,048 for `approx_distinct(x)`'s 0.023.

use datafusion::common::exec_err;
use datafusion::error::Result;

/// Trino's smallest accepted maximum standard error.
const LOWEST: f64 = 0.0040625;

/// Trino's largest accepted maximum standard error.
const HIGHEST: f64 = 0.26;

/// The standard error `approx_distinct(x)` uses.
pub(crate) const DEFAULT_STANDARD_ERROR: f64 = 0.023;

/// Airlift's most buckets.
const MAX_BUCKETS: i64 = 65_536;

/// The base-2 logarithm of the number of buckets for the maximum standard error `e`,
/// after checking `e` as Trino does.
pub(crate) fn index_bits_for_error(e: f64) -> Result<u8> {
    if !(LOWEST..=HIGHEST).contains(&e) {
        return exec_err!(
            "Max standard error must be in [{}, {}]: {}",
            java_double(LOWEST),
            java_double(HIGHEST),
            java_double(e)
        );
    }
    // Java: (int) Math.ceil(1.0816 / (e * e)), then Integer.highestOneBit(v - 1) << 1.
    let v = (1.0816 / (e * e)).ceil() as i64;
    let buckets = highest_one_bit(v - 1) << 1;
    if buckets > MAX_BUCKETS {
        return exec_err!("numberOfBuckets must be <= {MAX_BUCKETS}, actual: {buckets}");
    }
    Ok(buckets.trailing_zeros() as u8)
}

/// Java's `Integer.highestOneBit` for a positive value.
fn highest_one_bit(v: i64) -> i64 {
    if v <= 0 {
        0
    } else {
        1 << (63 - v.leading_zeros())
    }
}

/// A double as Java's `Double.toString` prints one between 10^-3 and 10^7 (shortest digits,
/// at least one after the point); outside that range, Rust's shortest form.
fn java_double(v: f64) -> String {
    let text = format!("{v}");
    if text.contains('.') || text.contains('e') || text.contains("inf") || text.contains("NaN") {
        text
    } else {
        format!("{text}.0")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn buckets_as_trino() {
        assert_eq!(index_bits_for_error(DEFAULT_STANDARD_ERROR).unwrap(), 11);
        assert_eq!(index_bits_for_error(0.0115).unwrap(), 13);
        assert_eq!(index_bits_for_error(0.0040625).unwrap(), 16);
        assert_eq!(index_bits_for_error(0.26).unwrap(), 4);
        assert!(index_bits_for_error(0.26001).is_err());
    }
}
