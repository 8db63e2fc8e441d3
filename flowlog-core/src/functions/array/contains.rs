//! `contains(array, element)` with Trino's NULL semantics: true if the array holds the
//! element, else NULL if the array holds a NULL (or the element is NULL), else false.
//! DataFusion's `array_has` answers false where Trino answers NULL. The function itself
//! is `network::contains`, which also has the CIDR form.

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::type_coercion::binary::comparison_coercion;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs};

use super::lists::{Lists, element_keys, element_type, list_of, null_at};
use crate::functions::support::{Rows, booleans};

/// The argument types `contains(array, element)` is evaluated in: the array's element
/// type and the element's common type (the element's own type for an empty array).
pub(crate) fn coerce(array: &DataType, element: &DataType) -> Option<Vec<DataType>> {
    let items = element_type(array);
    let common = if items.is_null() {
        element.clone()
    } else if element.is_null() || *element == items {
        items
    } else {
        comparison_coercion(&items, element)?
    };
    Some(vec![list_of(common.clone()), common])
}

/// Evaluate `contains(array, element)` on arguments of the types [`coerce`] chose.
pub(crate) fn invoke(args: &ScalarFunctionArgs) -> Result<ColumnarValue> {
    let rows = Rows::new(args)?;
    let lists = Lists::new(rows.array(0))?;
    let needles = rows.array(1);
    let keys = element_keys(&[lists.values(), needles])?;
    booleans(&rows, |r| {
        let Some(range) = lists.range(r) else {
            return Ok(None);
        };
        if null_at(needles.as_ref(), r) {
            return Ok(None);
        }
        let mut has_null = false;
        for i in range {
            if null_at(lists.values().as_ref(), i) {
                has_null = true;
            } else if keys[0][i] == keys[1][r] {
                return Ok(Some(true));
            }
        }
        Ok(if has_null { None } else { Some(false) })
    })
}
