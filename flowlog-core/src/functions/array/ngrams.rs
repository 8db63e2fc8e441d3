//! `ngrams(array, n)`: the `n`-grams (runs of `n` adjacent elements) of an array.

use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, element_type, is_list_or_null, list_of, take_nested_lists};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `ngrams`: every run of `n` adjacent elements; the whole array when it has at most
    /// `n` elements.
    pub struct Ngrams;
}

impl ScalarUDFImpl for Ngrams {
    fn name(&self) -> &str {
        "ngrams"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, n] if is_list_or_null(a) && (n.is_null() || n.is_integer()) => {
                Ok(vec![a.clone(), DataType::Int64])
            }
            _ => Err(unexpected_parameters(
                "ngrams",
                arg_types,
                &["ngrams(array(T), integer)"],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(list_of(list_of(element_type(&arg_types[0]))))
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
            if n <= 0 {
                return exec_err!("N must be positive");
            }
            let n = usize::try_from(n).unwrap_or(usize::MAX);
            let items: Vec<usize> = range.collect();
            if items.len() <= n {
                out.push(Some(vec![items]));
                continue;
            }
            out.push(Some(items.windows(n).map(<[usize]>::to_vec).collect()));
        }
        rows.finish(take_nested_lists(lists.values(), &out)?)
    }

    documented!(
        "Array Functions",
        "ngrams(array, n)",
        "Returns n-grams (sub-sequences of adjacent n elements) for the array. The order of the n-grams in the result is unspecified.",
        "SELECT ngrams(ARRAY['foo', 'bar', 'baz', 'foo'], 2); -- [[foo, bar], [bar, baz], [baz, foo]]"
    );
}
