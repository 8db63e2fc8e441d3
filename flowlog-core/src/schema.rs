//! Flow-log columns and the mapping from Hive (Athena DDL) types to Arrow types.
//!
//! The table that `flowlog query --logs DIR` registers without any DDL has the 28 columns
//! of the users' runbook DDL (AWS's v2–v5 fields without `region`, which is a partition
//! there), with the DDL's types; `protocol` is declared `bigint` although AWS writes it as
//! Parquet INT32, as in the runbook.

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, Fields, TimeUnit};

use crate::ddl::HiveType;
use crate::projection::PartitionKind;

/// The runbook DDL's columns, in order, with their Hive types.
///
/// ```
/// let cols = flowlog_core::schema::runbook_columns();
/// assert_eq!(cols.len(), 28);
/// assert_eq!(cols[7].0, "protocol");
/// assert_eq!(cols[7].1.to_string(), "bigint");
/// ```
pub fn runbook_columns() -> Vec<(&'static str, HiveType)> {
    // AWS's v2–v5 fields without `region` (a partition in the runbook), typed as AWS
    // writes them, except `protocol`, which the runbook (like AWS's Athena guide) declares
    // `bigint`.
    crate::provision::fields::FIELDS
        .iter()
        .filter(|f| f.version <= 5 && f.column != "region")
        .map(|f| match f.column {
            "protocol" => (f.column, HiveType::BigInt),
            _ => (f.column, f.parquet.hive_type()),
        })
        .collect()
}

/// The Arrow type a Hive type is read as.
///
/// Athena's `timestamp` columns have millisecond precision, so they map to
/// `Timestamp(Millisecond, None)`.
///
/// ```
/// use arrow::datatypes::DataType;
/// use flowlog_core::ddl::HiveType;
/// assert_eq!(flowlog_core::schema::arrow_type(&HiveType::BigInt), DataType::Int64);
/// ```
pub fn arrow_type(t: &HiveType) -> DataType {
    match t {
        HiveType::Boolean => DataType::Boolean,
        HiveType::TinyInt => DataType::Int8,
        HiveType::SmallInt => DataType::Int16,
        HiveType::Int => DataType::Int32,
        HiveType::BigInt => DataType::Int64,
        HiveType::Float => DataType::Float32,
        HiveType::Double => DataType::Float64,
        HiveType::Decimal { precision, scale } => {
            DataType::Decimal128(*precision, i8::try_from(*scale).unwrap_or(i8::MAX))
        }
        HiveType::String | HiveType::Varchar(_) | HiveType::Char(_) => DataType::Utf8,
        HiveType::Date => DataType::Date32,
        HiveType::Timestamp => DataType::Timestamp(TimeUnit::Millisecond, None),
        HiveType::Binary => DataType::Binary,
        HiveType::Array(inner) => {
            DataType::List(Arc::new(Field::new("element", arrow_type(inner), true)))
        }
        HiveType::Map(k, v) => DataType::Map(
            Arc::new(Field::new(
                "key_value",
                DataType::Struct(Fields::from(vec![
                    Field::new("key", arrow_type(k), false),
                    Field::new("value", arrow_type(v), true),
                ])),
                false,
            )),
            false,
        ),
        HiveType::Struct(fields) => DataType::Struct(
            fields
                .iter()
                .map(|(n, t)| Field::new(n, arrow_type(t), true))
                .collect::<Vec<_>>()
                .into(),
        ),
    }
}

/// The Arrow type a table's data column is scanned as: [`arrow_type`], except that
/// top-level strings are read as string views (`Utf8View`).
///
/// A view keeps strings of up to 12 bytes (most IPv4 addresses, ports, `ACCEPT`, `OK`)
/// inline beside their length, so comparisons, hashing and `GROUP BY` on them never
/// follow a pointer, and Parquet's dictionary pages are read without copying every value.
/// The values, and everything Athena shows, are the same as for `Utf8`. Nested strings
/// (inside `array`, `map`, `struct`) and partition values keep `Utf8`.
///
/// ```
/// use arrow::datatypes::DataType;
/// use flowlog_core::ddl::HiveType;
/// use flowlog_core::schema::scan_type;
/// assert_eq!(scan_type(&HiveType::String), DataType::Utf8View);
/// assert_eq!(scan_type(&HiveType::BigInt), DataType::Int64);
/// ```
pub fn scan_type(t: &HiveType) -> DataType {
    match arrow_type(t) {
        DataType::Utf8 => DataType::Utf8View,
        other => other,
    }
}

/// Whether a file column of type `file` can be read as a table column of type `table`:
/// the same type, a widening (int → bigint, float → double, …), or the same values in
/// another Arrow encoding (string views, large strings).
///
/// ```
/// use arrow::datatypes::DataType;
/// use flowlog_core::schema::can_read_as;
/// assert!(can_read_as(&DataType::Int32, &DataType::Int64));
/// assert!(!can_read_as(&DataType::Int64, &DataType::Int32));
/// ```
pub fn can_read_as(file: &DataType, table: &DataType) -> bool {
    use DataType::*;
    if file == table {
        return true;
    }
    match (file, table) {
        (Int8, Int16 | Int32 | Int64) | (Int16, Int32 | Int64) | (Int32, Int64) => true,
        (UInt8, Int16 | Int32 | Int64) | (UInt16, Int32 | Int64) | (UInt32, Int64) => true,
        (Float32, Float64) => true,
        (Utf8 | LargeUtf8 | Utf8View, Utf8 | LargeUtf8 | Utf8View) => true,
        (Binary | LargeBinary | BinaryView, Binary | LargeBinary | BinaryView) => true,
        (Date32 | Date64, Date32) => true,
        (Timestamp(_, _), Timestamp(_, None)) => true,
        (Decimal128(p1, s1), Decimal128(p2, s2)) => s1 == s2 && p1 <= p2,
        (List(a) | LargeList(a), List(b)) => can_read_as(a.data_type(), b.data_type()),
        (Struct(_), Struct(_)) | (Map(_, _), Map(_, _)) => true,
        _ => false,
    }
}

/// A short Hive-style spelling of an Arrow type, for messages.
pub fn describe(t: &DataType) -> String {
    match t {
        DataType::Int8 => "tinyint".into(),
        DataType::Int16 => "smallint".into(),
        DataType::Int32 => "int (INT32)".into(),
        DataType::Int64 => "bigint (INT64)".into(),
        DataType::Float32 => "float".into(),
        DataType::Float64 => "double".into(),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "string".into(),
        DataType::Boolean => "boolean".into(),
        DataType::Date32 | DataType::Date64 => "date".into(),
        other => other.to_string(),
    }
}

/// What a partition column of this Hive type can hold, as far as partitions care: the one
/// mapping the table and `provision check` share. `None` for types Athena does not allow
/// as partition columns here (`timestamp`, `double`, …).
///
/// ```
/// use flowlog_core::ddl::HiveType;
/// use flowlog_core::projection::PartitionKind;
/// use flowlog_core::schema::partition_kind;
///
/// assert_eq!(partition_kind(&HiveType::Varchar(64)), Some(PartitionKind::String));
/// assert_eq!(partition_kind(&HiveType::BigInt), Some(PartitionKind::Integer));
/// assert_eq!(partition_kind(&HiveType::Date), Some(PartitionKind::Date));
/// assert_eq!(partition_kind(&HiveType::Double), None);
/// ```
pub fn partition_kind(hive_type: &HiveType) -> Option<PartitionKind> {
    match hive_type {
        HiveType::String | HiveType::Varchar(_) | HiveType::Char(_) => Some(PartitionKind::String),
        HiveType::TinyInt | HiveType::SmallInt | HiveType::Int | HiveType::BigInt => {
            Some(PartitionKind::Integer)
        }
        HiveType::Date => Some(PartitionKind::Date),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widening_is_allowed_and_narrowing_is_not() {
        use DataType::*;
        for (f, t, ok) in [
            (Int32, Int64, true),
            (Int16, Int32, true),
            (Float32, Float64, true),
            (Utf8View, Utf8, true),
            (Int64, Int32, false),
            (Float64, Float32, false),
            (Utf8, Int64, false),
            (Int64, Utf8, false),
            (Int32, Float64, false),
        ] {
            assert_eq!(can_read_as(&f, &t), ok, "{f} -> {t}");
        }
    }

    #[test]
    fn runbook_types() {
        let cols = runbook_columns();
        let names: Vec<_> = cols.iter().map(|c| c.0).collect();
        assert_eq!(names[10..12], ["start", "end"]);
        assert_eq!(arrow_type(&cols[0].1), DataType::Int32);
        assert_eq!(arrow_type(&cols[7].1), DataType::Int64);
        assert_eq!(arrow_type(&cols[27].1), DataType::Int32);
    }
}
