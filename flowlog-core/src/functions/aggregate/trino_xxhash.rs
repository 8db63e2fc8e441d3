//! Trino's `XX_HASH_64` operator per type: the 64-bit hash `approx_distinct` feeds its
//! HyperLogLog (and `checksum` sums), computed a batch at a time.
//!
//! ```text
//! BIGINT, INTEGER, SMALLINT, TINYINT, DATE   xxHash64(value as a 64-bit integer)
//! TIMESTAMP(p ≤ 6)                           xxHash64(microseconds since the epoch)
//! DOUBLE                                     xxHash64(doubleToLongBits(v)), -0.0 as 0.0
//! REAL                                       xxHash64(floatToIntBits(v)), -0.0 as 0.0
//! DECIMAL(p ≤ 18, s)                         xxHash64(the unscaled value)
//! DECIMAL(p > 18, s)                         xxHash64(the unscaled value's 16
//!                                              little-endian bytes)
//! VARCHAR, VARBINARY                         xxHash64(the bytes)
//! BOOLEAN                                    xxHash64(1 or 0)
//! IPADDRESS                                  xxHash64(bytes 0..8 as a little-endian
//!                                              integer) ^ xxHash64(bytes 8..16 likewise)
//! ```
//!
//! "xxHash64 of a 64-bit integer" is Airlift's `XxHash64.hash(long)`: the xxHash64 (seed 0)
//! of the integer's 8 little-endian bytes. `doubleToLongBits` and `floatToIntBits` map
//! every NaN to one canonical NaN; the REAL bits are a Java `int`, widened with its sign.
//! Other types have no Trino operator here ([`trino_xxhash64`] answers `None`).

use arrow::array::{Array, AsArray};
use arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Float32Type, Float64Type, Int8Type, Int16Type, Int32Type,
    Int64Type, TimeUnit, TimestampMicrosecondType, TimestampMillisecondType, TimestampSecondType,
    UInt8Type, UInt16Type, UInt32Type, UInt64Type,
};
use twox_hash::XxHash64;

/// xxHash64 (seed 0) of a 64-bit integer's little-endian bytes (Airlift `XxHash64.hash(long)`).
#[inline]
pub(crate) fn hash_long(value: i64) -> u64 {
    XxHash64::oneshot(0, &value.to_le_bytes())
}

/// xxHash64 (seed 0) of a byte string (Airlift `XxHash64.hash(Slice)`).
#[inline]
pub(crate) fn hash_bytes(value: &[u8]) -> u64 {
    XxHash64::oneshot(0, value)
}

/// Trino's DOUBLE hash: the canonical bits, `-0.0` taken as `0.0`.
#[inline]
pub(crate) fn hash_double(value: f64) -> u64 {
    let value = if value == 0.0 { 0.0 } else { value };
    let bits = if value.is_nan() {
        0x7ff8_0000_0000_0000
    } else {
        value.to_bits() as i64
    };
    hash_long(bits)
}

/// Trino's REAL hash: the canonical `int` bits (sign-extended), `-0.0` taken as `0.0`.
#[inline]
pub(crate) fn hash_real(value: f32) -> u64 {
    let value = if value == 0.0 { 0.0 } else { value };
    let bits: i32 = if value.is_nan() {
        0x7fc0_0000
    } else {
        value.to_bits() as i32
    };
    hash_long(i64::from(bits))
}

/// Trino's IPADDRESS hash: the two halves of the 16 bytes, each read as a little-endian
/// 64-bit integer, hashed and combined with XOR.
#[inline]
pub(crate) fn hash_ipaddress(value: &[u8]) -> u64 {
    let mut low = [0u8; 8];
    let mut high = [0u8; 8];
    low.copy_from_slice(&value[..8]);
    high.copy_from_slice(&value[8..16]);
    hash_long(i64::from_le_bytes(low)) ^ hash_long(i64::from_le_bytes(high))
}

/// Calls `each(row, hash)` for every non-NULL row of `array`, with Trino's hash of the
/// row's value. Answers `false` (and calls nothing) where the type has no Trino hash here.
pub(crate) fn trino_xxhash64(array: &dyn Array, mut each: impl FnMut(usize, u64)) -> bool {
    macro_rules! longs {
        ($t:ty, $scale:expr) => {{
            let values = array.as_primitive::<$t>();
            for (row, v) in values.iter().enumerate() {
                if let Some(v) = v {
                    #[allow(clippy::unnecessary_cast)]
                    each(row, hash_long($scale(v as i64)));
                }
            }
        }};
    }
    let same = |v: i64| v;
    match array.data_type() {
        DataType::Int8 => longs!(Int8Type, same),
        DataType::Int16 => longs!(Int16Type, same),
        DataType::Int32 => longs!(Int32Type, same),
        DataType::Int64 => longs!(Int64Type, same),
        DataType::UInt8 => longs!(UInt8Type, same),
        DataType::UInt16 => longs!(UInt16Type, same),
        DataType::UInt32 => longs!(UInt32Type, same),
        DataType::UInt64 => longs!(UInt64Type, same),
        DataType::Date32 => longs!(Date32Type, same),
        // Trino's TIMESTAMP(p <= 6) is a count of microseconds.
        DataType::Timestamp(unit, None) => match unit {
            TimeUnit::Second => longs!(TimestampSecondType, |v: i64| v.saturating_mul(1_000_000)),
            TimeUnit::Millisecond => {
                longs!(TimestampMillisecondType, |v: i64| v.saturating_mul(1_000))
            }
            TimeUnit::Microsecond => longs!(TimestampMicrosecondType, same),
            // TIMESTAMP(7..9) is a different representation in Trino.
            TimeUnit::Nanosecond => return false,
        },
        DataType::Decimal128(precision, _) => {
            let short = *precision <= 18;
            for (row, v) in array.as_primitive::<Decimal128Type>().iter().enumerate() {
                if let Some(v) = v {
                    each(
                        row,
                        if short {
                            hash_long(v as i64)
                        } else {
                            hash_bytes(&v.to_le_bytes())
                        },
                    );
                }
            }
        }
        DataType::Float64 => {
            for (row, v) in array.as_primitive::<Float64Type>().iter().enumerate() {
                if let Some(v) = v {
                    each(row, hash_double(v));
                }
            }
        }
        DataType::Float32 => {
            for (row, v) in array.as_primitive::<Float32Type>().iter().enumerate() {
                if let Some(v) = v {
                    each(row, hash_real(v));
                }
            }
        }
        DataType::Boolean => {
            for (row, v) in array.as_boolean().iter().enumerate() {
                if let Some(v) = v {
                    each(row, hash_long(i64::from(v)));
                }
            }
        }
        DataType::Utf8 => bytes(array.as_string::<i32>().iter(), each),
        DataType::LargeUtf8 => bytes(array.as_string::<i64>().iter(), each),
        DataType::Utf8View => bytes(array.as_string_view().iter(), each),
        DataType::Binary => bytes(array.as_binary::<i32>().iter(), each),
        DataType::LargeBinary => bytes(array.as_binary::<i64>().iter(), each),
        DataType::BinaryView => bytes(array.as_binary_view().iter(), each),
        DataType::FixedSizeBinary(16) => {
            for (row, v) in array.as_fixed_size_binary().iter().enumerate() {
                if let Some(v) = v {
                    each(row, hash_ipaddress(v));
                }
            }
        }
        _ => return false,
    }
    true
}

/// Hashes each non-NULL byte string of an iterator.
fn bytes<'a, T: AsRef<[u8]> + ?Sized + 'a>(
    values: impl Iterator<Item = Option<&'a T>>,
    mut each: impl FnMut(usize, u64),
) {
    for (row, v) in values.enumerate() {
        if let Some(v) = v {
            each(row, hash_bytes(v.as_ref()));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_xxhash64_values() {
        // xxHash64 reference values (seed 0): the empty input and "abc".
        assert_eq!(hash_bytes(b""), 0xef46_db37_51d8_e999);
        assert_eq!(hash_bytes(b"abc"), 0x44bc_2cf5_ad77_0999);
        // A long is hashed as its 8 little-endian bytes.
        assert_eq!(hash_long(1), hash_bytes(&1i64.to_le_bytes()));
    }

    #[test]
    fn zero_and_nan_are_canonical() {
        assert_eq!(hash_double(-0.0), hash_double(0.0));
        assert_eq!(hash_double(f64::NAN), hash_double(-f64::NAN));
        assert_eq!(hash_real(-0.0), hash_real(0.0));
        assert_eq!(
            hash_real(-1.5),
            hash_long(i64::from((-1.5f32).to_bits() as i32))
        );
    }
}
