//! Trino's conditional, array and miscellaneous functions that DataFusion lacks.
//!
//! `if(…)` and `try(…)` are syntax rewrites (see `dialect`). `coalesce`, `nullif`,
//! `greatest`, `least`, `array_distinct`,
//! `array_agg`, `UNNEST` and `TRY_CAST` are DataFusion's, checked against Trino's
//! tests in `tests/slt/functions_misc.slt`.

pub mod array_extreme;
pub mod cardinality;
pub mod cast_label;
pub mod element_at;
pub mod float_constants;
pub mod sequence;
pub mod type_of;

use std::sync::Arc;

use datafusion::logical_expr::ScalarUDF;

/// The scalar functions of this family.
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    vec![
        Arc::new(ScalarUDF::new_from_impl(type_of::TypeOf::new())),
        Arc::new(ScalarUDF::new_from_impl(cardinality::Cardinality::new())),
        Arc::new(ScalarUDF::new_from_impl(cast_label::CastLabel::new())),
        Arc::new(ScalarUDF::new_from_impl(array_extreme::ArrayExtreme::min())),
        Arc::new(ScalarUDF::new_from_impl(array_extreme::ArrayExtreme::max())),
        Arc::new(ScalarUDF::new_from_impl(element_at::ElementAt::new())),
        Arc::new(ScalarUDF::new_from_impl(sequence::Sequence::new())),
        Arc::new(ScalarUDF::new_from_impl(
            float_constants::FloatConstant::infinity(),
        )),
        Arc::new(ScalarUDF::new_from_impl(
            float_constants::FloatConstant::nan(),
        )),
    ]
}
