//! `CAST(double|real AS VARCHAR)` with Trino's text (see [`super::float_text`]).
//!
//! DataFusion prints floats with Rust's shortest text (`37.7`, `1200.0`, `inf`); the
//! rewrite routes the cast through a function that prints Trino's (`3.77E1`, `1.2E3`,
//! `Infinity`):
//!
//! ```text
//! CAST(x AS VARCHAR)       ──► CAST("$float_to_varchar"(x) AS VARCHAR)   (x DOUBLE or REAL)
//! TRY_CAST(x AS VARCHAR)   ──► the same (the text cannot fail)
//! ```
//!
//! Only casts change: a DOUBLE column in a result keeps its usual rendering.

use std::sync::{Arc, OnceLock};

use arrow::array::{Array, AsArray, StringArray};
use arrow::datatypes::{DataType, Float32Type, Float64Type};
use datafusion::common::tree_node::Transformed;
use datafusion::common::{DFSchema, ScalarValue, exec_err};
use datafusion::config::ConfigOptions;
use datafusion::error::Result;
use datafusion::logical_expr::expr::{Cast, ScalarFunction, TryCast};
use datafusion::logical_expr::expr_rewriter::FunctionRewrite;
use datafusion::logical_expr::{
    ColumnarValue, Expr, ExprSchemable, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl, Signature,
    Volatility,
};

use super::float_text::{double_text, real_text};

/// Name of the function that `CAST(<double/real> AS VARCHAR)` goes through.
pub const FLOAT_TO_VARCHAR: &str = "$float_to_varchar";

/// `"$float_to_varchar"(x)`: Trino's text of a DOUBLE or REAL.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct FloatToVarchar {
    signature: Signature,
}

impl FloatToVarchar {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::uniform(
                1,
                vec![DataType::Float64, DataType::Float32],
                Volatility::Immutable,
            ),
        }
    }
}

impl Default for FloatToVarchar {
    fn default() -> Self {
        Self::new()
    }
}

impl ScalarUDFImpl for FloatToVarchar {
    fn name(&self) -> &str {
        FLOAT_TO_VARCHAR
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Utf8)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        match &args.args[0] {
            ColumnarValue::Scalar(ScalarValue::Float64(v)) => {
                Ok(ColumnarValue::Scalar(ScalarValue::Utf8(v.map(double_text))))
            }
            ColumnarValue::Scalar(ScalarValue::Float32(v)) => {
                Ok(ColumnarValue::Scalar(ScalarValue::Utf8(v.map(real_text))))
            }
            ColumnarValue::Array(a) => {
                let text: StringArray = match a.data_type() {
                    DataType::Float64 => a
                        .as_primitive::<Float64Type>()
                        .iter()
                        .map(|v| v.map(double_text))
                        .collect(),
                    DataType::Float32 => a
                        .as_primitive::<Float32Type>()
                        .iter()
                        .map(|v| v.map(real_text))
                        .collect(),
                    other => return exec_err!("{FLOAT_TO_VARCHAR}: unexpected {other}"),
                };
                Ok(ColumnarValue::Array(Arc::new(text)))
            }
            ColumnarValue::Scalar(other) => {
                exec_err!("{FLOAT_TO_VARCHAR}: unexpected {}", other.data_type())
            }
        }
    }
}

/// Rewrites `CAST(<double/real> AS VARCHAR)` to Trino's text.
#[derive(Debug, Default)]
pub struct FloatCasts;

fn to_varchar(inner: Expr) -> Expr {
    static UDF: OnceLock<Arc<ScalarUDF>> = OnceLock::new();
    let udf = UDF.get_or_init(|| Arc::new(ScalarUDF::new_from_impl(FloatToVarchar::new())));
    Expr::ScalarFunction(ScalarFunction::new_udf(Arc::clone(udf), vec![inner]))
}

fn is_float(expr: &Expr, schema: &DFSchema) -> bool {
    matches!(
        expr.get_type(schema),
        Ok(DataType::Float64 | DataType::Float32)
    )
}

fn is_text(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

impl FunctionRewrite for FloatCasts {
    fn name(&self) -> &str {
        "trino_float_casts"
    }

    fn rewrite(
        &self,
        expr: Expr,
        schema: &DFSchema,
        _config: &ConfigOptions,
    ) -> Result<Transformed<Expr>> {
        Ok(match expr {
            Expr::Cast(Cast { expr, field })
                if is_text(field.data_type()) && is_float(&expr, schema) =>
            {
                Transformed::yes(Expr::Cast(Cast::new_from_field(
                    Box::new(to_varchar(*expr)),
                    field,
                )))
            }
            Expr::TryCast(TryCast { expr, field })
                if is_text(field.data_type()) && is_float(&expr, schema) =>
            {
                Transformed::yes(Expr::Cast(Cast::new_from_field(
                    Box::new(to_varchar(*expr)),
                    field,
                )))
            }
            other => Transformed::no(other),
        })
    }
}
