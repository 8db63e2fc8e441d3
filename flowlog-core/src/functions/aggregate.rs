//! Trino aggregate functions (Athena engine v3) that DataFusion lacks. Aggregates that
//! are another DataFusion aggregate under a different name are rewritten in
//! `dialect/aggregate.rs` instead.

pub mod approx_distinct;
mod approx_distinct_bias;
mod approx_distinct_error;
mod approx_distinct_hll;
pub mod approx_percentile_weighted;
pub mod average;
pub mod central_moments;
pub mod checksum;
mod decimal_total;
pub mod histogram;
pub mod map_agg;
mod map_value;
pub mod multimap_agg;
pub mod nan_key;
pub mod sum;
pub mod top_n;
pub(crate) mod trino_xxhash;

use std::sync::Arc;

use datafusion::logical_expr::{AggregateUDF, ScalarUDF};

/// The aggregate functions of this family.
pub fn aggregate_functions() -> Vec<Arc<AggregateUDF>> {
    let mut all = vec![
        map_agg::udaf(),
        multimap_agg::udaf(),
        histogram::udaf(),
        approx_percentile_weighted::udaf(),
        sum::udaf(),
        average::udaf(),
        Arc::new(AggregateUDF::new_from_impl(
            approx_distinct::ApproxDistinct::new(),
        )),
        checksum::udaf(),
    ];
    all.extend(central_moments::udafs());
    all
}

/// The scalar helpers of this family (what the dialect rewrites aggregates to).
pub fn scalar_functions() -> Vec<Arc<ScalarUDF>> {
    vec![
        Arc::new(ScalarUDF::new_from_impl(top_n::TopN::new())),
        Arc::new(ScalarUDF::new_from_impl(nan_key::IsNanKey::new())),
    ]
}
