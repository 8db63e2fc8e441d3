//! Trino's lambda functions: `transform(a, x -> x + 1)` and its kin, as DataFusion
//! higher-order functions (the parser reads lambdas through [`crate::dialect::parser`]).
//!
//! | function | what the lambda does |
//! |---|---|
//! | `transform(a, x -> y)` | maps each element |
//! | `filter(a, x -> b)` | keeps the elements where it is true |
//! | `any_match` / `all_match` / `none_match(a, x -> b)` | tests the elements (Trino's NULL rules) |
//! | `reduce(a, s0, (s, x) -> s, s -> r)` | folds the elements into a state, then finishes it |
//! | `zip_with(a, b, (x, y) -> z)` | combines two arrays element by element (the shorter padded with NULLs) |
//! | `map_filter(m, (k, v) -> b)` | keeps the entries where it is true |
//! | `transform_keys` / `transform_values(m, (k, v) -> x)` | maps keys or values |
//! | `map_zip_with(m1, m2, (k, v1, v2) -> v)` | combines two maps key by key |
//! | `array_sort(a, (x, y) -> c)` | sorts with a comparator (`$array_sort_lambda`) |
//! | `regexp_replace(s, p, g -> r)` | replaces each match by the lambda of its groups (`$regexp_replace_lambda`) |
//!
//! Each lambda body is evaluated once per call over the elements of all rows together
//! ([`elements`]), or once per step for `reduce` and `array_sort`, never once per row.
//! `array_sort` and `regexp_replace` already name scalar functions, which DataFusion's
//! planner looks up first, so `dialect/lambda.rs` renames their lambda forms.

pub(crate) mod elements;
pub mod map_filter;
pub mod map_transform;
pub mod map_zip_with;
pub mod matches;
pub mod reduce;
pub mod regexp_replace;
pub mod sort;
pub mod transform;
pub mod zip_with;

use std::sync::Arc;

use arrow::datatypes::{DataType, FieldRef};
use datafusion::error::Result;
use datafusion::logical_expr::{HigherOrderUDF, LambdaParametersProgress, ValueOrLambda};

use crate::functions::support::unexpected_parameters;

/// Declares a higher-order function's type: a struct holding its signature (value types
/// checked by its own `coerce_value_types`, immutable), with `new()` and `Default`.
macro_rules! higher_order_udf {
    ($(#[$meta:meta])* pub struct $name:ident;) => {
        $(#[$meta])*
        #[derive(Debug, PartialEq, Eq, Hash)]
        pub struct $name {
            signature: datafusion::logical_expr::HigherOrderSignature,
        }

        impl $name {
            /// The function.
            pub fn new() -> Self {
                Self {
                    signature: datafusion::logical_expr::HigherOrderSignature::user_defined(
                        datafusion::logical_expr::Volatility::Immutable,
                    ),
                }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }
    };
}
pub(crate) use higher_order_udf;

/// Every lambda function.
pub fn higher_order_functions() -> Vec<Arc<HigherOrderUDF>> {
    let mut all = vec![
        Arc::new(HigherOrderUDF::from(transform::Transform::new())),
        Arc::new(HigherOrderUDF::from(transform::Filter::new())),
        Arc::new(HigherOrderUDF::from(matches::Match::any())),
        Arc::new(HigherOrderUDF::from(matches::Match::all())),
        Arc::new(HigherOrderUDF::from(matches::Match::none())),
        Arc::new(HigherOrderUDF::from(reduce::Reduce::new())),
        Arc::new(HigherOrderUDF::from(zip_with::ZipWith::new())),
        Arc::new(HigherOrderUDF::from(map_filter::MapFilter::new())),
        Arc::new(HigherOrderUDF::from(map_zip_with::MapZipWith::new())),
        Arc::new(HigherOrderUDF::from(sort::ArraySortLambda::new())),
        Arc::new(HigherOrderUDF::from(
            regexp_replace::RegexpReplaceLambda::new(),
        )),
    ];
    all.extend(map_transform::functions());
    all
}

/// The argument types of a call whose value arguments are `arg_types` and whose
/// lambdas are somewhere among them (for error messages).
pub(crate) fn wrong_arguments(
    name: &str,
    arg_types: &[DataType],
    expected: &str,
) -> datafusion::error::DataFusionError {
    unexpected_parameters(name, arg_types, &[expected])
}

/// The value fields and the lambda count of a call, checked against `values` value
/// arguments and `lambdas` lambdas.
pub(crate) fn split_fields<L>(
    name: &str,
    fields: &[ValueOrLambda<FieldRef, L>],
    values: usize,
    lambdas: usize,
) -> Result<Vec<FieldRef>> {
    let value_fields: Vec<FieldRef> = fields
        .iter()
        .filter_map(|f| match f {
            ValueOrLambda::Value(v) => Some(Arc::clone(v)),
            ValueOrLambda::Lambda(_) => None,
        })
        .collect();
    if value_fields.len() != values || fields.len() != values + lambdas {
        return datafusion::common::plan_err!(
            "{name} expects {values} value argument(s) and {lambdas} lambda(s)"
        );
    }
    Ok(value_fields)
}

/// The lambda outputs' fields of a call, in order.
pub(crate) fn lambda_fields(fields: &[ValueOrLambda<FieldRef, FieldRef>]) -> Vec<FieldRef> {
    fields
        .iter()
        .filter_map(|f| match f {
            ValueOrLambda::Lambda(l) => Some(Arc::clone(l)),
            ValueOrLambda::Value(_) => None,
        })
        .collect()
}

/// Every lambda's parameters as fields of the given types (names are the lambda's own).
pub(crate) fn parameters(types: Vec<Vec<DataType>>) -> LambdaParametersProgress {
    LambdaParametersProgress::Complete(
        types
            .into_iter()
            .map(|ts| {
                ts.into_iter()
                    .map(|t| Arc::new(arrow::datatypes::Field::new("", t, true)))
                    .collect()
            })
            .collect(),
    )
}

/// The value arguments and lambdas of one invocation, in order.
pub(crate) struct Invocation<'a> {
    /// The value arguments as arrays, one row per result row.
    pub(crate) values: Vec<arrow::array::ArrayRef>,
    /// The lambdas.
    pub(crate) lambdas: Vec<&'a datafusion::logical_expr::LambdaArgument>,
}

impl<'a> Invocation<'a> {
    /// Split `args` into value arrays and lambdas.
    pub(crate) fn new(args: &'a datafusion::logical_expr::HigherOrderFunctionArgs) -> Result<Self> {
        let mut values = Vec::new();
        let mut lambdas = Vec::new();
        for arg in &args.args {
            match arg {
                ValueOrLambda::Value(v) => values.push(v.to_array(args.number_rows)?),
                ValueOrLambda::Lambda(l) => lambdas.push(l),
            }
        }
        Ok(Self { values, lambdas })
    }
}
