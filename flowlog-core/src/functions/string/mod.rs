//! Trino string functions (Athena engine v3) whose DataFusion namesakes answer
//! differently, or which DataFusion lacks.
//!
//! | function | why flowlog has its own |
//! |---|---|
//! | `split_part` | NULL past the last field, error on index ≤ 0, empty delimiter splits characters |
//! | `strpos` | third argument `instance` (negative counts from the end) |
//! | `substr` / `substring` | start 0 is empty, negative start counts from the end |
//! | `concat` | NULL if any argument is NULL; at least two arguments |
//! | `replace` | two-argument form removes the search string |
//! | `split` | missing in DataFusion; optional limit |
//! | `format` | missing in DataFusion; Java's `String.format` (`java_formatter.rs`) |
//!
//! `length`, `lower`, `upper`, `trim`, `ltrim`, `rtrim`, `reverse`, `starts_with`,
//! `lpad`, `rpad` are DataFusion's, checked against Trino's tests in
//! `tests/slt/functions_string.slt`.

pub mod concat;
pub mod format;
mod java_datetime;
mod java_decimal;
pub mod java_formatter;
pub mod java_value;
pub mod replace;
pub mod split;
pub mod split_part;
pub mod strpos;
pub mod substr;

use std::sync::Arc;

use datafusion::logical_expr::ScalarUDF;

/// The scalar functions of this family.
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    vec![
        Arc::new(ScalarUDF::new_from_impl(split_part::SplitPart::new())),
        Arc::new(ScalarUDF::new_from_impl(strpos::Strpos::new())),
        Arc::new(ScalarUDF::new_from_impl(substr::Substr::new())),
        Arc::new(ScalarUDF::new_from_impl(concat::Concat::new())),
        Arc::new(ScalarUDF::new_from_impl(replace::Replace::new())),
        Arc::new(ScalarUDF::new_from_impl(split::Split::new())),
        Arc::new(ScalarUDF::new_from_impl(format::Format::new())),
    ]
}
