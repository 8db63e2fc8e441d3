//! `"$top_n"(values, n, 'max_by')`: the first `n` of an aggregate's ordered values, with
//! Trino's checks of `n` (`max_by(x, y, n)`, `min_by(x, y, n)`, `max(x, n)` and
//! `min(x, n)` are rewritten to it in `dialect/aggregate.rs`).
//!
//! Trino fails when `n` is not positive or above 10,000: "third argument of max_by must
//! be a positive integer", "second argument of max_n must be less than or equal to 10000;
//! found 10001".

use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::functions::array::lists::{Lists, element_type, is_list_or_null, list_of, take_lists};
use crate::functions::support::{Rows, scalar_udf, unexpected_parameters};

/// The name the dialect calls the function by.
pub const TOP_N: &str = "$top_n";

/// Trino's largest `n`.
const MAX_N: i64 = 10_000;

scalar_udf! {
    /// `"$top_n"(array, n, function)`: the first `n` elements, `n` checked as `function`
    /// (`max_by`, `min_by`, `max` or `min`) checks it.
    pub struct TopN;
}

impl ScalarUDFImpl for TopN {
    fn name(&self) -> &str {
        TOP_N
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, n, _] if is_list_or_null(a) && (n.is_null() || n.is_integer()) => {
                Ok(vec![a.clone(), DataType::Int64, DataType::Utf8])
            }
            _ => Err(unexpected_parameters(TOP_N, arg_types, &[])),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(list_of(element_type(&arg_types[0])))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let lists = Lists::new(rows.array(0))?;
        let mut out = Vec::with_capacity(rows.len());
        for r in 0..rows.len() {
            let (Some(range), Some(n)) = (lists.range(r), rows.i64(1, r)) else {
                out.push(None);
                continue;
            };
            check(rows.str(2, r).unwrap_or("max_by"), n)?;
            let keep = usize::try_from(n).unwrap_or(usize::MAX);
            out.push(Some(range.take(keep).map(Some).collect()));
        }
        rows.finish(take_lists(lists.values(), &out)?)
    }
}

/// Trino's checks of `n` for `function`.
fn check(function: &str, n: i64) -> Result<()> {
    let (position, name, positive) = match function {
        "max" | "min" => ("second", format!("{function}_n"), "positive"),
        other => ("third", other.to_string(), "a positive integer"),
    };
    if n <= 0 {
        return exec_err!("{position} argument of {name} must be {positive}");
    }
    if n > MAX_N {
        return exec_err!(
            "{position} argument of {name} must be less than or equal to {MAX_N}; found {n}"
        );
    }
    Ok(())
}
