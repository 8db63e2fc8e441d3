//! `checksum(x)`: Trino's order-insensitive checksum of a column, an 8-byte VARBINARY.
//!
//! Each row adds `xxHash64(value) × 0x9E3779B185EBCA87` (a NULL adds the constant
//! alone) to a 64-bit sum that wraps around; the answer is the sum's 8 bytes,
//! little-endian (Trino returns the bytes of a one-long slice), NULL over no rows.
//! The value is hashed as Trino's type hashes it (its XX_HASH_64 operator):
//!
//! ```text
//! boolean                    xxh64 of the 8 little-endian bytes of 1 or 0
//! tinyint…bigint, date       xxh64 of the value as 8 little-endian bytes
//! double                     xxh64 of its bits (-0 as 0, one NaN)
//! real                       xxh64 of its 32 bits, sign-extended to 64
//! varchar, varbinary         xxh64 of the bytes
//! decimal(p ≤ 18, s)         xxh64 of the unscaled value as 8 bytes
//! timestamp(p ≤ 6)           xxh64 of the epoch microseconds as 8 bytes
//! array(T)                   h = 31·h + hash(element) from h = 0 (a NULL element: 0)
//! ```
//!
//! Other types (long decimals, timestamps with a zone or nanoseconds, maps, rows) are
//! refused when planning.

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray};
use arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Field, FieldRef, Float32Type, Float64Type, Int8Type,
    Int16Type, Int32Type, Int64Type, TimeUnit, TimestampMicrosecondType, TimestampMillisecondType,
    TimestampSecondType,
};
use datafusion::common::{ScalarValue, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility,
};

use crate::functions::aggregate::trino_xxhash::{hash_bytes, hash_double, hash_long, hash_real};
use crate::functions::support::{documented, trino_type_name};

/// The multiplier of every row's hash (and the whole contribution of a NULL).
pub const PRIME64: u64 = 0x9E37_79B1_85EB_CA87;

/// `checksum(x)`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Checksum {
    signature: Signature,
}

impl Checksum {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
        }
    }
}

impl Default for Checksum {
    fn default() -> Self {
        Self::new()
    }
}

/// The function, to register.
pub fn udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::new_from_impl(Checksum::new()))
}

/// Whether values of type `t` can be hashed as Trino hashes them.
fn supported(t: &DataType) -> bool {
    match t {
        DataType::Null
        | DataType::Boolean
        | DataType::Int8
        | DataType::Int16
        | DataType::Int32
        | DataType::Int64
        | DataType::Date32
        | DataType::Float32
        | DataType::Float64
        | DataType::Utf8
        | DataType::LargeUtf8
        | DataType::Utf8View
        | DataType::Binary
        | DataType::LargeBinary
        | DataType::BinaryView => true,
        DataType::Decimal128(p, _) => *p <= 18,
        DataType::Timestamp(unit, None) => *unit != TimeUnit::Nanosecond,
        DataType::List(f) | DataType::LargeList(f) => supported(f.data_type()),
        _ => false,
    }
}

/// Trino's xxHash64 of the non-NULL value at `row` of `array` (a [`supported`] type).
fn value_hash(array: &dyn Array, row: usize) -> u64 {
    match array.data_type() {
        DataType::Boolean => hash_long(i64::from(array.as_boolean().value(row))),
        DataType::Int8 => hash_long(i64::from(array.as_primitive::<Int8Type>().value(row))),
        DataType::Int16 => hash_long(i64::from(array.as_primitive::<Int16Type>().value(row))),
        DataType::Int32 => hash_long(i64::from(array.as_primitive::<Int32Type>().value(row))),
        DataType::Int64 => hash_long(array.as_primitive::<Int64Type>().value(row)),
        DataType::Date32 => hash_long(i64::from(array.as_primitive::<Date32Type>().value(row))),
        DataType::Float64 => hash_double(array.as_primitive::<Float64Type>().value(row)),
        DataType::Float32 => hash_real(array.as_primitive::<Float32Type>().value(row)),
        DataType::Utf8 => hash_bytes(array.as_string::<i32>().value(row).as_bytes()),
        DataType::LargeUtf8 => hash_bytes(array.as_string::<i64>().value(row).as_bytes()),
        DataType::Utf8View => hash_bytes(array.as_string_view().value(row).as_bytes()),
        DataType::Binary => hash_bytes(array.as_binary::<i32>().value(row)),
        DataType::LargeBinary => hash_bytes(array.as_binary::<i64>().value(row)),
        DataType::BinaryView => hash_bytes(array.as_binary_view().value(row)),
        // A short decimal's unscaled value fits 64 bits (at most 18 digits).
        DataType::Decimal128(_, _) => {
            hash_long(array.as_primitive::<Decimal128Type>().value(row) as i64)
        }
        DataType::Timestamp(TimeUnit::Second, _) => hash_long(
            array
                .as_primitive::<TimestampSecondType>()
                .value(row)
                .wrapping_mul(1_000_000),
        ),
        DataType::Timestamp(TimeUnit::Millisecond, _) => hash_long(
            array
                .as_primitive::<TimestampMillisecondType>()
                .value(row)
                .wrapping_mul(1_000),
        ),
        DataType::Timestamp(TimeUnit::Microsecond, _) => {
            hash_long(array.as_primitive::<TimestampMicrosecondType>().value(row))
        }
        DataType::List(_) => elements_hash(array.as_list::<i32>().value(row).as_ref()),
        DataType::LargeList(_) => elements_hash(array.as_list::<i64>().value(row).as_ref()),
        // Unreachable for a supported type.
        _ => 0,
    }
}

/// Trino's array hash: `h = 31·h + element hash`, a NULL element hashing to 0.
fn elements_hash(items: &dyn Array) -> u64 {
    (0..items.len()).fold(0u64, |h, i| {
        let element = if items.is_null(i) {
            0
        } else {
            value_hash(items, i)
        };
        h.wrapping_mul(31).wrapping_add(element)
    })
}

/// A NULL of Arrow's Null type has no validity bitmap: every row is NULL.
fn is_null_at(array: &dyn Array, row: usize) -> bool {
    array.data_type() == &DataType::Null || array.is_null(row)
}

impl AggregateUDFImpl for Checksum {
    fn name(&self) -> &str {
        "checksum"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if supported(t) => Ok(vec![t.clone()]),
            [t] => plan_err!(
                "checksum is not supported here for type {}",
                trino_type_name(t)
            ),
            _ => plan_err!(
                "Unexpected parameters ({}) for function checksum. Expected: checksum(T)",
                crate::functions::support::type_list(arg_types)
            ),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Binary)
    }

    fn state_fields(&self, _args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        Ok(vec![
            Arc::new(Field::new("sum", DataType::Int64, false)),
            Arc::new(Field::new("rows", DataType::Int64, false)),
        ])
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(ChecksumAccumulator::default()))
    }

    documented!(
        "Aggregate Functions",
        "checksum(x)",
        "Returns an order-insensitive checksum of the given values.",
        "SELECT checksum(srcaddr) FROM vpc_flow_logs; -- 8 bytes, e.g. 3e 1a 2b …"
    );
}

/// The wrapping sum and the number of rows seen (none: the answer is NULL).
#[derive(Debug, Default)]
struct ChecksumAccumulator {
    sum: u64,
    rows: i64,
}

impl Accumulator for ChecksumAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let array = values[0].as_ref();
        for row in 0..array.len() {
            let term = if is_null_at(array, row) {
                PRIME64
            } else {
                value_hash(array, row).wrapping_mul(PRIME64)
            };
            self.sum = self.sum.wrapping_add(term);
        }
        self.rows += array.len() as i64;
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let sums = states[0].as_primitive::<Int64Type>();
        let rows = states[1].as_primitive::<Int64Type>();
        for i in 0..sums.len() {
            self.sum = self.sum.wrapping_add(sums.value(i) as u64);
            self.rows += rows.value(i);
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        Ok(vec![
            ScalarValue::Int64(Some(self.sum as i64)),
            ScalarValue::Int64(Some(self.rows)),
        ])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        if self.rows == 0 {
            return Ok(ScalarValue::Binary(None));
        }
        Ok(ScalarValue::Binary(Some(self.sum.to_le_bytes().to_vec())))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_adds_the_constant() {
        let mut acc = ChecksumAccumulator::default();
        let values: ArrayRef = Arc::new(arrow::array::Int64Array::from(vec![None::<i64>]));
        acc.update_batch(&[values]).unwrap();
        let ScalarValue::Binary(Some(bytes)) = acc.evaluate().unwrap() else {
            panic!("no answer")
        };
        assert_eq!(bytes, PRIME64.to_le_bytes());
        let mut none = ChecksumAccumulator::default();
        assert_eq!(none.evaluate().unwrap(), ScalarValue::Binary(None));
    }
}
