//! `contains_sequence(array, seq)`: whether `seq` occurs in `array` as a run of adjacent
//! elements (NULL elements match NULL elements).

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, element_keys, is_list_or_null};
use crate::functions::support::{Rows, booleans, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `contains_sequence`: true if `seq` is a contiguous run in `array`.
    pub struct ContainsSequence;
}

impl ScalarUDFImpl for ContainsSequence {
    fn name(&self) -> &str {
        "contains_sequence"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, b] if is_list_or_null(a) && is_list_or_null(b) => {
                let common = super::common_list_type(a, b).ok_or_else(|| {
                    unexpected_parameters(
                        "contains_sequence",
                        arg_types,
                        &["contains_sequence(array(T), array(T))"],
                    )
                })?;
                Ok(vec![common.clone(), common])
            }
            _ => Err(unexpected_parameters(
                "contains_sequence",
                arg_types,
                &["contains_sequence(array(T), array(T))"],
            )),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Boolean)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let haystack = Lists::new(rows.array(0))?;
        let needle = Lists::new(rows.array(1))?;
        let keys = element_keys(&[haystack.values(), needle.values()])?;
        let (hay_keys, needle_keys) = (&keys[0], &keys[1]);
        booleans(&rows, |r| {
            let (Some(h), Some(n)) = (haystack.range(r), needle.range(r)) else {
                return Ok(None);
            };
            let h = &hay_keys[h];
            let n = &needle_keys[n];
            Ok(Some(n.is_empty() || h.windows(n.len()).any(|w| w == n)))
        })
    }

    documented!(
        "Array Functions",
        "contains_sequence(x, seq)",
        "Return true if array x contains all of array seq as a subsequence (all values in the same consecutive order).",
        "SELECT contains_sequence(ARRAY[1, 2, 3, 4], ARRAY[2, 3]); -- true"
    );
}
