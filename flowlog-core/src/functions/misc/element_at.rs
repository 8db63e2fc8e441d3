//! `element_at(array, index)` and `element_at(map, key)` with Trino's results.

use arrow::datatypes::DataType;
use datafusion::common::plan_err;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};

use crate::functions::support::{documented, unexpected_parameters};

/// `element_at`: element `index` of an array (1-based, negative from the end, NULL out
/// of bounds; DataFusion's `array_element`), or the value of `key` in a map (NULL if
/// absent; DataFusion's `element_at` is `map_extract`, which returns a one-element
/// array, and rejects arrays).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct ElementAt {
    signature: Signature,
}

impl ElementAt {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::any(2, Volatility::Immutable),
        }
    }
}

impl Default for ElementAt {
    fn default() -> Self {
        Self::new()
    }
}

fn array_element() -> std::sync::Arc<datafusion::logical_expr::ScalarUDF> {
    datafusion::functions_nested::extract::array_element_udf()
}

fn map_extract() -> std::sync::Arc<datafusion::logical_expr::ScalarUDF> {
    datafusion::functions_nested::map_extract::map_extract_udf()
}

impl ScalarUDFImpl for ElementAt {
    fn name(&self) -> &str {
        "element_at"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types.first() {
            Some(DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _)) => {
                Ok(f.data_type().clone())
            }
            Some(DataType::Map(entries, _)) => match entries.data_type() {
                DataType::Struct(kv) if kv.len() == 2 => Ok(kv[1].data_type().clone()),
                _ => plan_err!("element_at: unexpected map type"),
            },
            _ => Err(unexpected_parameters(
                "element_at",
                arg_types,
                &["element_at(array(E), bigint)", "element_at(map(K,V), K)"],
            )),
        }
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<arrow::datatypes::FieldRef> {
        let types: Vec<DataType> = args
            .arg_fields
            .iter()
            .map(|f| f.data_type().clone())
            .collect();
        Ok(std::sync::Arc::new(arrow::datatypes::Field::new(
            self.name(),
            self.return_type(&types)?,
            true,
        )))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if matches!(args.arg_fields[0].data_type(), DataType::Map(_, _)) {
            let n = args.number_rows;
            let list_field = map_extract().return_field_from_args(ReturnFieldArgs {
                arg_fields: &args.arg_fields,
                scalar_arguments: &[None, None],
            })?;
            let listed = map_extract().invoke_with_args(ScalarFunctionArgs {
                args: args.args.clone(),
                arg_fields: args.arg_fields.clone(),
                number_rows: n,
                return_field: std::sync::Arc::clone(&list_field),
                config_options: std::sync::Arc::clone(&args.config_options),
            })?;
            let one =
                std::sync::Arc::new(arrow::datatypes::Field::new("i", DataType::Int64, false));
            return array_element().invoke_with_args(ScalarFunctionArgs {
                args: vec![
                    listed,
                    ColumnarValue::Scalar(datafusion::common::ScalarValue::Int64(Some(1))),
                ],
                arg_fields: vec![list_field, one],
                number_rows: n,
                return_field: args.return_field,
                config_options: args.config_options,
            });
        }
        array_element().invoke_with_args(args)
    }

    documented!(
        "Array Functions",
        "element_at(array, index), element_at(map, key)",
        "Returns the element of array at the given index (1-based; negative indexes count from the end; null if out of bounds), or the value of key in map (null if absent).",
        "SELECT element_at(split(srcaddr, '.'), -1) FROM vpc_flow_logs;"
    );
}
