//! `format(format, args…)`: Java's `String.format` over the arguments as the Java objects
//! Trino passes for them (`java_value.rs`), with Trino's errors.

use arrow::array::{Array, ArrayRef, AsArray};
use arrow::datatypes::{
    DataType, Date32Type, Decimal128Type, Float16Type, Float32Type, Float64Type, Int8Type,
    Int16Type, Int32Type, Int64Type, Time32MillisecondType, Time32SecondType,
    Time64MicrosecondType, Time64NanosecondType, TimeUnit, TimestampMicrosecondType,
    TimestampMillisecondType, TimestampNanosecondType, TimestampSecondType, UInt8Type, UInt16Type,
    UInt32Type, UInt64Type,
};
use datafusion::common::{exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::java_formatter::java_format;
use super::java_value::JavaValue;
use crate::functions::support::{Rows, documented, scalar_udf, strings, trino_type_name};
use crate::time::TrinoZone;

scalar_udf! {
    /// `format(format, args…)`: the arguments formatted with a Java format string.
    pub struct Format;
}

fn is_string(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View | DataType::Null
    )
}

/// Types Trino cannot cast to varchar, which `format` therefore refuses.
fn unsupported(t: &DataType) -> bool {
    matches!(
        t,
        DataType::List(_)
            | DataType::LargeList(_)
            | DataType::FixedSizeList(_, _)
            | DataType::Map(_, _)
            | DataType::Struct(_)
            | DataType::Binary
            | DataType::LargeBinary
            | DataType::BinaryView
    )
}

impl ScalarUDFImpl for Format {
    fn name(&self) -> &str {
        "format"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let Some((first, rest)) = arg_types.split_first() else {
            return plan_err!("format() requires at least two arguments");
        };
        if rest.is_empty() {
            return plan_err!("format() requires at least two arguments");
        }
        if !is_string(first) {
            return plan_err!(
                "Type of first argument to format() must be VARCHAR (actual: {})",
                trino_type_name(first)
            );
        }
        if let Some(t) = rest.iter().find(|t| unsupported(t)) {
            return plan_err!("Type not supported for formatting: {}", trino_type_name(t));
        }
        let mut types = vec![DataType::Utf8];
        types.extend(rest.iter().cloned());
        Ok(types)
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let n = args.args.len();
        let mut values = Vec::with_capacity(n - 1);
        strings(&rows, |r| {
            let Some(format) = rows.str(0, r) else {
                return Ok(None);
            };
            values.clear();
            for i in 1..n {
                values.push(java_value(rows.array(i), r)?);
            }
            match java_format(format, &values) {
                Ok(text) => Ok(Some(text)),
                Err(e) => exec_err!("Invalid format string: {format} ({e})"),
            }
        })
    }

    documented!(
        "String Functions",
        "format(format, args...)",
        "Returns a formatted string using the specified format string and arguments (Java's String.format: %s, %d, %,d, %x, %05d, %.2f, %e, %b, %n, %%, argument indexes %1$s, dates and times with %t).",
        "SELECT format('%s:%d %,d bytes', srcaddr, srcport, bytes) FROM vpc_flow_logs;"
    );
}

/// The value at `row` as the Java object Trino hands to the formatter.
fn java_value(array: &ArrayRef, row: usize) -> Result<JavaValue> {
    if array.is_null(row) {
        return Ok(JavaValue::Null);
    }
    let long = |v: i64| Ok(JavaValue::Long(v));
    Ok(match array.data_type() {
        DataType::Null => JavaValue::Null,
        DataType::Boolean => JavaValue::Boolean(array.as_boolean().value(row)),
        DataType::Int8 => return long(i64::from(array.as_primitive::<Int8Type>().value(row))),
        DataType::Int16 => return long(i64::from(array.as_primitive::<Int16Type>().value(row))),
        DataType::Int32 => return long(i64::from(array.as_primitive::<Int32Type>().value(row))),
        DataType::Int64 => return long(array.as_primitive::<Int64Type>().value(row)),
        DataType::UInt8 => return long(i64::from(array.as_primitive::<UInt8Type>().value(row))),
        DataType::UInt16 => return long(i64::from(array.as_primitive::<UInt16Type>().value(row))),
        DataType::UInt32 => return long(i64::from(array.as_primitive::<UInt32Type>().value(row))),
        DataType::UInt64 => {
            return long(array.as_primitive::<UInt64Type>().value(row).cast_signed());
        }
        DataType::Float16 => {
            JavaValue::Float(f32::from(array.as_primitive::<Float16Type>().value(row)))
        }
        DataType::Float32 => JavaValue::Float(array.as_primitive::<Float32Type>().value(row)),
        DataType::Float64 => JavaValue::Double(array.as_primitive::<Float64Type>().value(row)),
        DataType::Decimal128(_, scale) => JavaValue::Decimal {
            unscaled: array.as_primitive::<Decimal128Type>().value(row),
            scale: u32::try_from(*scale).unwrap_or(0),
        },
        DataType::Utf8 => JavaValue::Str(array.as_string::<i32>().value(row).to_string()),
        DataType::LargeUtf8 => JavaValue::Str(array.as_string::<i64>().value(row).to_string()),
        DataType::Utf8View => JavaValue::Str(array.as_string_view().value(row).to_string()),
        DataType::Date32 => JavaValue::Date {
            days: i64::from(array.as_primitive::<Date32Type>().value(row)),
        },
        DataType::Timestamp(unit, zone) => {
            let nanos = timestamp_nanos(array, *unit, row);
            match zone {
                None => JavaValue::DateTime { local_nanos: nanos },
                Some(tz) => match TrinoZone::parse(tz) {
                    Ok(zone) => JavaValue::Zoned {
                        epoch_nanos: nanos,
                        zone,
                    },
                    Err(e) => return exec_err!("format: {e}"),
                },
            }
        }
        DataType::Time32(TimeUnit::Second) => JavaValue::Time {
            nanos_of_day: i64::from(array.as_primitive::<Time32SecondType>().value(row))
                * 1_000_000_000,
        },
        DataType::Time32(_) => JavaValue::Time {
            nanos_of_day: i64::from(array.as_primitive::<Time32MillisecondType>().value(row))
                * 1_000_000,
        },
        DataType::Time64(TimeUnit::Microsecond) => JavaValue::Time {
            nanos_of_day: array.as_primitive::<Time64MicrosecondType>().value(row) * 1000,
        },
        DataType::Time64(_) => JavaValue::Time {
            nanos_of_day: array.as_primitive::<Time64NanosecondType>().value(row),
        },
        DataType::FixedSizeBinary(16) => {
            let bytes = array.as_fixed_size_binary().value(row);
            let mut address = [0u8; 16];
            address.copy_from_slice(bytes);
            JavaValue::Str(crate::functions::network::address::format(&address))
        }
        DataType::Interval(_) | DataType::Duration(_) => {
            match crate::functions::datetime::interval::interval_text(array.as_ref(), row) {
                Some(text) => JavaValue::Str(text),
                None => return exec_err!("format: cannot format {}", array.data_type()),
            }
        }
        other => {
            let one = array.slice(row, 1);
            let text = arrow::compute::cast(&one, &DataType::Utf8).map_err(|_| {
                datafusion::error::DataFusionError::Plan(format!(
                    "Type not supported for formatting: {}",
                    trino_type_name(other)
                ))
            })?;
            JavaValue::Str(text.as_string::<i32>().value(0).to_string())
        }
    })
}

fn timestamp_nanos(array: &ArrayRef, unit: TimeUnit, row: usize) -> i128 {
    match unit {
        TimeUnit::Second => {
            i128::from(array.as_primitive::<TimestampSecondType>().value(row)) * 1_000_000_000
        }
        TimeUnit::Millisecond => {
            i128::from(array.as_primitive::<TimestampMillisecondType>().value(row)) * 1_000_000
        }
        TimeUnit::Microsecond => {
            i128::from(array.as_primitive::<TimestampMicrosecondType>().value(row)) * 1000
        }
        TimeUnit::Nanosecond => {
            i128::from(array.as_primitive::<TimestampNanosecondType>().value(row))
        }
    }
}
