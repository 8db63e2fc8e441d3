//! `arrays_overlap(x, y)` with Trino's NULL semantics: true if the arrays share a
//! non-NULL element, else NULL if either holds a NULL, else false (false too when either
//! is empty). DataFusion's answers false where Trino answers NULL.

use std::collections::HashSet;

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, element_keys, is_list_or_null, null_at};
use crate::functions::support::{Rows, booleans, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `arrays_overlap`: whether two arrays have a non-NULL element in common.
    pub struct ArraysOverlap;
}

impl ScalarUDFImpl for ArraysOverlap {
    fn name(&self) -> &str {
        "arrays_overlap"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let error = || {
            unexpected_parameters(
                "arrays_overlap",
                arg_types,
                &["arrays_overlap(array(E), array(E))"],
            )
        };
        match arg_types {
            [a, b] if is_list_or_null(a) && is_list_or_null(b) => {
                let common = super::common_list_type(a, b).ok_or_else(error)?;
                Ok(vec![common.clone(), common])
            }
            _ => Err(error()),
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Boolean)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let left = Lists::new(rows.array(0))?;
        let right = Lists::new(rows.array(1))?;
        let keys = element_keys(&[left.values(), right.values()])?;
        booleans(&rows, |r| {
            let (Some(a), Some(b)) = (left.range(r), right.range(r)) else {
                return Ok(None);
            };
            if a.is_empty() || b.is_empty() {
                return Ok(Some(false));
            }
            let mut has_null = false;
            let mut seen = HashSet::new();
            for i in a {
                if null_at(left.values().as_ref(), i) {
                    has_null = true;
                } else {
                    seen.insert(&keys[0][i]);
                }
            }
            for j in b {
                if null_at(right.values().as_ref(), j) {
                    has_null = true;
                } else if seen.contains(&keys[1][j]) {
                    return Ok(Some(true));
                }
            }
            Ok(if has_null { None } else { Some(false) })
        })
    }

    documented!(
        "Array Functions",
        "arrays_overlap(x, y)",
        "Tests if arrays x and y have any non-null elements in common. Returns null if there are no non-null elements in common but either array contains null.",
        "SELECT arrays_overlap(ARRAY[1, 2], ARRAY[2, 3]); -- true"
    );
}
