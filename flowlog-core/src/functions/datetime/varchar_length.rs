//! `CAST(x AS varchar(n))` with Trino's length rule, which DataFusion drops (it plans every
//! `varchar(n)` as unbounded text).
//!
//! ```text
//! CAST(x AS varchar(n))      → "$varchar_length"(x, CAST(x AS varchar), n)
//! TRY_CAST(x AS varchar(n))  → "$varchar_length"(x, TRY_CAST(x AS varchar), n, true)
//! ```
//!
//! Text cast to a shorter `varchar(n)` is cut to its first n characters; any other value whose
//! text is longer than n fails with `Value 2013-02-02 cannot be represented as varchar(9)`
//! (NULL under `TRY_CAST`). The value itself is passed only for its type; its text is the
//! ordinary cast's, so each type keeps its own Trino text. Lives with the date/time functions
//! because the length errors Trino's date/time tests check are what it was written for.

use std::sync::Arc;

use arrow::array::{Array, StringArray};
use arrow::datatypes::DataType;
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::value::{is_string, strings};
use crate::functions::support::scalar_udf;

/// The name the casts are rewritten to.
pub const VARCHAR_LENGTH: &str = "$varchar_length";

scalar_udf! {
    /// `"$varchar_length"(value, text, n[, lenient])`: `text` (the value cast to varchar) held to
    /// `n` characters as Trino's cast to `varchar(n)` does (see the module docs).
    pub struct VarcharLength;
}

impl ScalarUDFImpl for VarcharLength {
    fn name(&self) -> &str {
        VARCHAR_LENGTH
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [x, t, n, rest @ ..] if n.is_integer() && rest.len() <= 1 => {
                let mut types = vec![x.clone(), t.clone(), DataType::Int64];
                if !rest.is_empty() {
                    types.push(DataType::Boolean);
                }
                Ok(types)
            }
            _ => plan_err!("{VARCHAR_LENGTH}: unexpected arguments"),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let ColumnarValue::Scalar(ScalarValue::Int64(Some(length))) = &args.args[2] else {
            return exec_err!("{VARCHAR_LENGTH}: the length must be a constant");
        };
        let length = usize::try_from(*length).unwrap_or(0);
        let lenient = matches!(
            args.args.get(3),
            Some(ColumnarValue::Scalar(ScalarValue::Boolean(Some(true))))
        );
        let truncate = is_string(&args.args[0].data_type());
        let mut out = Vec::with_capacity(n);
        for text in strings(&args.args[1], n)? {
            out.push(match text {
                None => None,
                Some(t) if t.chars().count() <= length => Some(t),
                Some(t) if truncate => Some(t.chars().take(length).collect()),
                Some(_) if lenient => None,
                Some(t) => {
                    return exec_err!("Value {t} cannot be represented as varchar({length})");
                }
            });
        }
        let array: Arc<dyn Array> = Arc::new(StringArray::from(out));
        if args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)))
        {
            Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(
                &array, 0,
            )?))
        } else {
            Ok(ColumnarValue::Array(array))
        }
    }
}
