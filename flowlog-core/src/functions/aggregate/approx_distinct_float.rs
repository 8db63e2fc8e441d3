//! `approx_distinct(x)` over DOUBLE and REAL, which DataFusion's `approx_distinct` does not
//! take ("Support for 'approx_distinct' for data type double is not implemented").
//!
//! ```text
//! approx_distinct(x)   (x DOUBLE or REAL)  ──►  approx_distinct(CAST(x AS varchar))
//! ```
//!
//! Distinct floating-point values have distinct texts (Arrow writes the shortest text that
//! reads back to the value), so the estimate counts the same set. Trino hashes the value's
//! bits with 0.0 and -0.0 taken as one value; here their texts differ, so a group holding
//! both counts them twice.

use arrow::datatypes::DataType;
use datafusion::common::DFSchema;
use datafusion::common::tree_node::Transformed;
use datafusion::config::ConfigOptions;
use datafusion::error::Result;
use datafusion::logical_expr::expr::AggregateFunction;
use datafusion::logical_expr::expr_rewriter::FunctionRewrite;
use datafusion::logical_expr::{Cast, Expr, ExprSchemable};

/// Feeds `approx_distinct` the text of a DOUBLE or REAL argument (see the module docs).
#[derive(Debug, Default)]
pub struct ApproxDistinctFloats;

impl FunctionRewrite for ApproxDistinctFloats {
    fn name(&self) -> &str {
        "trino_approx_distinct_floats"
    }

    fn rewrite(
        &self,
        expr: Expr,
        schema: &DFSchema,
        _config: &ConfigOptions,
    ) -> Result<Transformed<Expr>> {
        let Expr::AggregateFunction(AggregateFunction { func, mut params }) = expr else {
            return Ok(Transformed::no(expr));
        };
        let float = func.name() == "approx_distinct"
            && params.args.len() == 1
            && matches!(
                params.args[0].get_type(schema),
                Ok(DataType::Float16 | DataType::Float32 | DataType::Float64)
            );
        if !float {
            return Ok(Transformed::no(Expr::AggregateFunction(
                AggregateFunction { func, params },
            )));
        }
        let arg = params.args.remove(0);
        params
            .args
            .push(Expr::Cast(Cast::new(Box::new(arg), DataType::Utf8)));
        Ok(Transformed::yes(Expr::AggregateFunction(
            AggregateFunction { func, params },
        )))
    }
}
