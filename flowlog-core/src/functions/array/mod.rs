//! Trino's array functions that DataFusion lacks or answers differently.
//!
//! | function | why flowlog has its own |
//! |---|---|
//! | `=`, `<>` on arrays and maps | NULL when only NULL elements could differ; maps in any order |
//! | `arrays_overlap` | NULL (not false) when no common element but a NULL in either |
//! | `combinations`, `ngrams`, `trim_array`, `contains_sequence`, `array_histogram`, `shuffle`, `zip` | missing in DataFusion |
//! | `array_join` | elements as Trino's varchar casts write them; `''` for only NULLs |
//! | `array_position` | 0 (not NULL) when absent; NULL for a NULL element |
//! | `array_remove` | removes every occurrence, not the first |
//! | `array_sort` | NULLs last |
//! | `repeat` | Trino's builds an array; DataFusion's repeats a string |
//! | `reverse` | also reverses arrays |
//! | `slice` | Trino's third argument is a length, DataFusion's an end index |
//! | `subscript` (`x[i]`) | an index out of bounds or a missing map key is an error, not NULL |
//!
//! `cardinality`, `element_at`, `array_min` / `array_max` and `sequence` are in
//! [`crate::functions::misc`]. Every function is checked against Trino's tests in
//! `tests/slt/array_*.slt`.

pub mod arrays_overlap;
pub mod combinations;
pub mod container_cast;
pub(crate) mod contains;
pub mod contains_sequence;
pub mod equality;
pub mod histogram;
pub mod join;
pub(crate) mod lists;
pub mod ngrams;
pub mod position;
pub mod remove;
pub mod repeat;
pub mod reverse;
pub mod shuffle;
pub mod slice;
pub mod sort;
pub mod subscript;
pub mod trim_array;
pub mod zip;

use std::sync::Arc;

use arrow::datatypes::DataType;
use datafusion::logical_expr::ScalarUDF;
use datafusion::logical_expr::type_coercion::binary::comparison_coercion;

use lists::{element_type, list_of};

/// The array type both `a` and `b` (array types or untyped NULLs) can be cast to.
pub(crate) fn common_list_type(a: &DataType, b: &DataType) -> Option<DataType> {
    match (a.is_null(), b.is_null()) {
        (true, true) => return Some(a.clone()),
        (true, false) => return Some(list_of(element_type(b))),
        (false, true) => return Some(list_of(element_type(a))),
        (false, false) => {}
    }
    let (x, y) = (element_type(a), element_type(b));
    if x == y {
        return Some(list_of(x));
    }
    comparison_coercion(&x, &y).map(list_of)
}

/// The scalar functions of this family.
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    vec![
        Arc::new(ScalarUDF::new_from_impl(
            arrays_overlap::ArraysOverlap::new(),
        )),
        Arc::new(ScalarUDF::new_from_impl(combinations::Combinations::new())),
        Arc::new(ScalarUDF::new_from_impl(
            container_cast::ContainerCast::new(),
        )),
        Arc::new(ScalarUDF::new_from_impl(
            contains_sequence::ContainsSequence::new(),
        )),
        Arc::new(ScalarUDF::new_from_impl(equality::StructuralEqual::new())),
        Arc::new(ScalarUDF::new_from_impl(histogram::ArrayHistogram::new())),
        Arc::new(ScalarUDF::new_from_impl(join::ArrayJoin::new())),
        Arc::new(ScalarUDF::new_from_impl(ngrams::Ngrams::new())),
        Arc::new(ScalarUDF::new_from_impl(position::ArrayPosition::new())),
        Arc::new(ScalarUDF::new_from_impl(remove::ArrayRemove::new())),
        Arc::new(ScalarUDF::new_from_impl(repeat::Repeat::new())),
        Arc::new(ScalarUDF::new_from_impl(reverse::Reverse::new())),
        Arc::new(ScalarUDF::new_from_impl(shuffle::Shuffle::new())),
        Arc::new(ScalarUDF::new_from_impl(slice::Slice::new())),
        Arc::new(ScalarUDF::new_from_impl(sort::ArraySort::new())),
        Arc::new(ScalarUDF::new_from_impl(subscript::Subscript::new())),
        Arc::new(ScalarUDF::new_from_impl(trim_array::TrimArray::new())),
        Arc::new(ScalarUDF::new_from_impl(zip::Zip::new())),
    ]
}
