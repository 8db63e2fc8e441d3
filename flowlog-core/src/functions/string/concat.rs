//! `concat(x, y, …)` with Trino's semantics.

use std::sync::Arc;

use arrow::datatypes::DataType;
use datafusion::common::plan_err;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
};

use crate::functions::support::{Rows, documented, scalar_udf, strings, unexpected_parameters};

scalar_udf! {
    /// `concat`: the concatenation of two or more strings, NULL if any is NULL (DataFusion
    /// skips NULLs); with arrays, the concatenation of the arrays (DataFusion's
    /// `array_concat`), NULL if any is NULL.
    pub struct Concat;
}

fn is_list(t: &DataType) -> bool {
    matches!(
        t,
        DataType::List(_) | DataType::LargeList(_) | DataType::FixedSizeList(_, _)
    )
}

fn array_concat() -> Arc<ScalarUDF> {
    datafusion::functions_nested::concat::array_concat_udf()
}

impl ScalarUDFImpl for Concat {
    fn name(&self) -> &str {
        "concat"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if arg_types.len() < 2 {
            return plan_err!("concat: There must be two or more concatenation arguments");
        }
        if arg_types.iter().any(is_list) {
            return array_concat().coerce_types(arg_types);
        }
        for t in arg_types {
            if !(t.is_null()
                || matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View))
            {
                return Err(unexpected_parameters(
                    "concat",
                    arg_types,
                    &["concat(varchar, varchar, ...) or concat(array(E), array(E), ...)"],
                ));
            }
        }
        Ok(vec![DataType::Utf8; arg_types.len()])
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        if arg_types.iter().any(is_list) {
            return array_concat().return_type(arg_types);
        }
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.arg_fields.iter().any(|f| is_list(f.data_type())) {
            // Trino: NULL if any array is NULL (DataFusion skips NULL arrays).
            let rows = Rows::new(&args)?;
            let any_null: arrow::array::BooleanArray = (0..rows.len())
                .map(|r| {
                    Some((0..args.args.len()).any(|i| {
                        crate::functions::array::lists::null_at(rows.array(i).as_ref(), r)
                    }))
                })
                .collect();
            let joined = array_concat()
                .invoke_with_args(args)?
                .to_array(rows.len())?;
            return rows.finish(arrow::compute::nullif(&joined, &any_null)?);
        }
        let rows = Rows::new(&args)?;
        let n = args.args.len();
        strings(&rows, |r| {
            let mut out = String::new();
            for i in 0..n {
                match rows.str(i, r) {
                    Some(s) => out.push_str(s),
                    None => return Ok(None),
                }
            }
            Ok(Some(out))
        })
    }

    documented!(
        "String Functions",
        "concat(string1, string2, ..., stringN)",
        "Returns the concatenation of string1, string2, ..., stringN; null if any argument is null. This function provides the same functionality as the SQL-standard concatenation operator (||).",
        "SELECT concat(srcaddr, ':', CAST(srcport AS varchar)) FROM vpc_flow_logs;"
    );
}
