//! Arrow types for the SQL types DataFusion's planner does not know: Trino's `MAP(K, V)`
//! and `UNKNOWN` (the type of a bare NULL).
//!
//! DataFusion plans `ARRAY<T>` and `STRUCT<…>` (which `type_syntax` reads Trino's
//! `ARRAY(T)` and `ROW(…)` into) but no map type. A map's key and value types are planned
//! here too, since a type planner cannot hand them back to DataFusion's: the scalar types
//! Trino names, arrays, rows and maps, nested to any depth.

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, FieldRef, Fields, TimeUnit};
use datafusion::error::Result;
use datafusion::logical_expr::planner::TypePlanner;
use datafusion::sql::sqlparser::ast::{
    ArrayElemTypeDef, DataType as SqlType, ExactNumberInfo, TimezoneInfo,
};

use crate::functions::map::map_type;

/// The session's type planner: maps, and everything nested in them.
#[derive(Debug, Default)]
pub struct TrinoTypePlanner;

impl TypePlanner for TrinoTypePlanner {
    fn plan_type_field(&self, sql_type: &SqlType) -> Result<Option<FieldRef>> {
        Ok(match sql_type {
            SqlType::Map(_, _) | SqlType::Custom(_, _) => {
                arrow_type(sql_type).map(|t| Arc::new(Field::new("", t, true)))
            }
            _ => None,
        })
    }
}

/// The Arrow type of a SQL type inside a map; `None` for a type flowlog does not plan
/// there (the planner then reports it as unsupported).
fn arrow_type(sql_type: &SqlType) -> Option<DataType> {
    Some(match sql_type {
        SqlType::Boolean | SqlType::Bool => DataType::Boolean,
        SqlType::TinyInt(_) => DataType::Int8,
        SqlType::SmallInt(_) => DataType::Int16,
        SqlType::Int(_) | SqlType::Integer(_) => DataType::Int32,
        SqlType::BigInt(_) => DataType::Int64,
        SqlType::Real | SqlType::Float(_) => DataType::Float32,
        SqlType::Double(_) | SqlType::DoublePrecision => DataType::Float64,
        SqlType::Decimal(info) | SqlType::Numeric(info) | SqlType::Dec(info) => {
            let (p, s) = match info {
                ExactNumberInfo::None => (38, 0),
                ExactNumberInfo::Precision(p) => (*p, 0),
                ExactNumberInfo::PrecisionAndScale(p, s) => (*p, *s),
            };
            DataType::Decimal128(u8::try_from(p).ok()?, i8::try_from(s).ok()?)
        }
        SqlType::Varchar(_) | SqlType::Char(_) | SqlType::String(_) | SqlType::Text => {
            DataType::Utf8
        }
        SqlType::Varbinary(_) | SqlType::Bytea => DataType::Binary,
        SqlType::Date => DataType::Date32,
        SqlType::Timestamp(precision, zone) => {
            let unit = match precision.unwrap_or(3) {
                0 => TimeUnit::Second,
                1..=3 => TimeUnit::Millisecond,
                4..=6 => TimeUnit::Microsecond,
                _ => TimeUnit::Nanosecond,
            };
            let zone = match zone {
                TimezoneInfo::WithTimeZone | TimezoneInfo::Tz => Some("UTC".into()),
                _ => None,
            };
            DataType::Timestamp(unit, zone)
        }
        SqlType::Array(ArrayElemTypeDef::AngleBracket(inner)) => {
            DataType::new_list(arrow_type(inner)?, true)
        }
        SqlType::Struct(fields, _) => DataType::Struct(
            fields
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    let name = f
                        .field_name
                        .as_ref()
                        .map_or_else(|| format!("c{i}"), |n| field_name(&n.value, n.quote_style));
                    Some(Field::new(name, arrow_type(&f.field_type)?, true))
                })
                .collect::<Option<Fields>>()?,
        ),
        SqlType::Map(key, value) => map_type(arrow_type(key)?, arrow_type(value)?),
        // Trino's type of a bare NULL (`CAST(NULL AS ARRAY(UNKNOWN))`).
        SqlType::Custom(name, modifiers)
            if modifiers.is_empty() && name.to_string().eq_ignore_ascii_case("unknown") =>
        {
            DataType::Null
        }
        _ => return None,
    })
}

/// A row field's name as the planner normalizes identifiers: unquoted names lower-cased.
fn field_name(name: &str, quote: Option<char>) -> String {
    match quote {
        Some(_) => name.to_string(),
        None => name.to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use arrow::datatypes::DataType;
    use datafusion::sql::sqlparser::ast::{DataType as SqlType, ExactNumberInfo};

    use super::arrow_type;
    use crate::functions::map::map_type;

    #[test]
    fn plans_maps_of_nested_types() {
        let map = SqlType::Map(
            Box::new(SqlType::Varchar(None)),
            Box::new(SqlType::Decimal(ExactNumberInfo::PrecisionAndScale(10, 2))),
        );
        assert_eq!(
            arrow_type(&map),
            Some(map_type(DataType::Utf8, DataType::Decimal128(10, 2)))
        );
        assert_eq!(arrow_type(&SqlType::Uuid), None);
    }
}
