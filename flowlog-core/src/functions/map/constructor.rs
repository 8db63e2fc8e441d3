//! `map(keys, values)`: DataFusion's, with Trino's error messages for arrays of unequal
//! length and duplicate keys; and `map()`, the empty map (DataFusion's needs arguments).

use std::sync::Arc;

use arrow::array::{MapArray, StructArray};
use arrow::buffer::OffsetBuffer;
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{DataFusionError, exec_datafusion_err, exec_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl,
    Signature, TypeSignature, Volatility,
};

/// `map`: DataFusion's map constructor, its errors worded as Trino's.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct MapConstructor {
    inner: Arc<ScalarUDF>,
    signature: Signature,
}

impl MapConstructor {
    /// The function.
    pub fn new() -> Self {
        Self {
            inner: datafusion::functions_nested::map::map_udf(),
            signature: Signature::one_of(
                vec![TypeSignature::Nullary, TypeSignature::VariadicAny],
                Volatility::Immutable,
            ),
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

/// `number_rows` empty maps of unknown key and value types.
fn empty_maps(number_rows: usize) -> Result<ColumnarValue> {
    let field = super::entries_field(DataType::Null, DataType::Null);
    let fields = match field.data_type() {
        DataType::Struct(fields) => fields.clone(),
        other => return exec_err!("map: unexpected entries type {other}"),
    };
    let entries = StructArray::try_new(
        fields,
        vec![
            arrow::array::new_empty_array(&DataType::Null),
            arrow::array::new_empty_array(&DataType::Null),
        ],
        None,
    )?;
    let map = MapArray::try_new(
        field,
        OffsetBuffer::new_zeroed(number_rows),
        entries,
        None,
        false,
    )?;
    Ok(ColumnarValue::Array(Arc::new(map)))
}

impl ScalarUDFImpl for MapConstructor {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        self.inner.coerce_types(arg_types)
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        if arg_types.is_empty() {
            return Ok(super::map_type(DataType::Null, DataType::Null));
        }
        self.inner.return_type(arg_types)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        if args.arg_fields.is_empty() {
            return Ok(Arc::new(Field::new(
                self.name(),
                super::map_type(DataType::Null, DataType::Null),
                true,
            )));
        }
        self.inner.return_field_from_args(args)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        if args.args.is_empty() {
            return empty_maps(args.number_rows);
        }
        self.inner.invoke_with_args(args).map_err(trino_error)
    }

    fn documentation(&self) -> Option<&Documentation> {
        self.inner.documentation()
    }
}
