//! `map(keys, values)`: DataFusion's, with Trino's error messages for arrays of unequal
//! length and duplicate keys.

use std::sync::Arc;

use arrow::datatypes::{DataType, FieldRef};
use datafusion::common::{DataFusionError, exec_datafusion_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl,
    Signature,
};

/// `map`: DataFusion's map constructor, its errors worded as Trino's.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct MapConstructor {
    inner: Arc<ScalarUDF>,
}

impl MapConstructor {
    /// The function.
    pub fn new() -> Self {
        Self {
            inner: datafusion::functions_nested::map::map_udf(),
        }
    }
}

impl Default for MapConstructor {
    fn default() -> Self {
        Self::new()
    }
}

/// DataFusion's message for a map error, reworded as Trino's.
fn trino_error(e: DataFusionError) -> DataFusionError {
    let text = e.to_string();
    if text.contains("map requires key and value lists to have the same length") {
        return exec_datafusion_err!("Key and value arrays must be the same length");
    }
    if let Some((_, key)) = text.split_once("map key must be unique, duplicate key found: ") {
        return exec_datafusion_err!("Duplicate map keys ({key}) are not allowed");
    }
    e
}

impl ScalarUDFImpl for MapConstructor {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(arg_types)
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        self.inner.return_type(arg_types)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        self.inner.return_field_from_args(args)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        self.inner.invoke_with_args(args).map_err(trino_error)
    }

    fn documentation(&self) -> Option<&Documentation> {
        self.inner.documentation()
    }
}
