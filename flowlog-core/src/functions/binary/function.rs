//! One scalar function over a single value (bytes, a string, an integer or a float) that
//! returns one value: the shape of nearly every Trino binary function. Each function is a
//! name, the argument kind it takes, the kind it returns and a plain Rust function.

use std::hash::{Hash, Hasher};
use std::sync::{Arc, OnceLock};

use arrow::array::{
    Array, ArrayRef, AsArray, BinaryBuilder, Float32Builder, Float64Builder, Int32Builder,
    Int64Builder, StringBuilder,
};
use arrow::datatypes::{DataType, Float32Type, Float64Type, Int64Type};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};

use crate::functions::support::{Rows, doc, unexpected_parameters};

/// The argument a function takes, named as Trino names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Input {
    /// `varbinary` only.
    Varbinary,
    /// `varchar` only (its UTF-8 bytes are passed on).
    Varchar,
    /// `varchar` or `varbinary` (the bytes of either).
    Text,
    /// `bigint` (any integer type).
    Bigint,
    /// `integer` (any integer type, checked to fit 32 bits).
    Integer,
    /// `double` (any number).
    Double,
    /// `real`.
    Real,
}

/// The type a function returns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Output {
    /// `varbinary`.
    Varbinary,
    /// `varchar`.
    Varchar,
    /// `bigint`.
    Bigint,
    /// `integer`.
    Integer,
    /// `double`.
    Double,
    /// `real`.
    Real,
}

impl Output {
    fn data_type(self) -> DataType {
        match self {
            Output::Varbinary => DataType::Binary,
            Output::Varchar => DataType::Utf8,
            Output::Bigint => DataType::Int64,
            Output::Integer => DataType::Int32,
            Output::Double => DataType::Float64,
            Output::Real => DataType::Float32,
        }
    }
}

/// One argument value (never NULL: NULL in gives NULL out without a call).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    /// The bytes of a varbinary or the UTF-8 bytes of a varchar.
    Bytes(&'a [u8]),
    /// An integer.
    Int(i64),
    /// A double.
    Double(f64),
    /// A real.
    Real(f32),
}

/// One result value, of the function's [`Output`] kind.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Bytes.
    Bytes(Vec<u8>),
    /// Text.
    Text(String),
    /// An integer (`bigint` or `integer`).
    Int(i64),
    /// A double (also `real`, narrowed).
    Double(f64),
}

/// The plain function: the value for one non-NULL argument, or Trino's error.
pub type Eval = fn(Arg<'_>) -> Result<Value>;

/// Documentation of a function: syntax, one line, an example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Doc {
    /// `to_hex(binary)`.
    pub syntax: &'static str,
    /// One line.
    pub description: &'static str,
    /// A SQL example with its answer in a comment.
    pub example: &'static str,
}

/// A one-argument function over bytes, strings or numbers.
#[derive(Debug)]
pub struct BinaryFunction {
    signature: Signature,
    name: &'static str,
    input: Input,
    output: Output,
    eval: Eval,
    doc: Doc,
    documentation: OnceLock<Documentation>,
}

impl PartialEq for BinaryFunction {
    fn eq(&self, other: &Self) -> bool {
        self.name == other.name && self.input == other.input && self.output == other.output
    }
}

impl Eq for BinaryFunction {}

impl Hash for BinaryFunction {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.name.hash(state);
        self.input.hash(state);
        self.output.hash(state);
    }
}

impl BinaryFunction {
    /// The function `name(input) → output` computed by `eval`.
    pub fn new(name: &'static str, input: Input, output: Output, eval: Eval, doc: Doc) -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
            name,
            input,
            output,
            eval,
            doc,
            documentation: OnceLock::new(),
        }
    }

    fn expected(&self) -> String {
        let name = self.name;
        match self.input {
            Input::Varbinary => format!("{name}(varbinary)"),
            Input::Varchar => format!("{name}(varchar)"),
            Input::Text => format!("{name}(varchar), {name}(varbinary)"),
            Input::Bigint => format!("{name}(bigint)"),
            Input::Integer => format!("{name}(integer)"),
            Input::Double => format!("{name}(double)"),
            Input::Real => format!("{name}(real)"),
        }
    }
}

fn is_binary(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView
    )
}

fn is_string(t: &DataType) -> bool {
    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
}

/// The Arrow type an argument of type `t` is coerced to for `input`, if it fits.
fn coerce_one(input: Input, t: &DataType) -> Option<DataType> {
    let null = t.is_null();
    match input {
        Input::Varbinary if null || is_binary(t) => Some(DataType::Binary),
        Input::Varchar if null || is_string(t) => Some(DataType::Utf8),
        Input::Text if null || is_string(t) => Some(DataType::Utf8),
        Input::Text if is_binary(t) => Some(DataType::Binary),
        Input::Bigint | Input::Integer if null || t.is_integer() => Some(DataType::Int64),
        Input::Double if null || t.is_numeric() => Some(DataType::Float64),
        Input::Real if null || matches!(t, DataType::Float32) => Some(DataType::Float32),
        _ => None,
    }
}

/// The value of row `row` of `array` (coerced by [`coerce_one`]), `None` for NULL.
fn arg_at(array: &ArrayRef, row: usize) -> Option<Arg<'_>> {
    if array.is_null(row) {
        return None;
    }
    match array.data_type() {
        DataType::Binary => Some(Arg::Bytes(array.as_binary::<i32>().value(row))),
        DataType::Utf8 => Some(Arg::Bytes(array.as_string::<i32>().value(row).as_bytes())),
        DataType::Int64 => Some(Arg::Int(array.as_primitive::<Int64Type>().value(row))),
        DataType::Float64 => Some(Arg::Double(array.as_primitive::<Float64Type>().value(row))),
        DataType::Float32 => Some(Arg::Real(array.as_primitive::<Float32Type>().value(row))),
        _ => None,
    }
}

/// Build the result column of kind `output` from one value (or NULL) a row.
pub(crate) fn build(output: Output, values: Vec<Option<Value>>) -> ArrayRef {
    match output {
        Output::Varbinary => {
            let mut b = BinaryBuilder::new();
            for v in values {
                match v {
                    Some(Value::Bytes(bytes)) => b.append_value(bytes),
                    _ => b.append_null(),
                }
            }
            Arc::new(b.finish())
        }
        Output::Varchar => {
            let mut b = StringBuilder::new();
            for v in values {
                match v {
                    Some(Value::Text(text)) => b.append_value(text),
                    _ => b.append_null(),
                }
            }
            Arc::new(b.finish())
        }
        Output::Bigint | Output::Integer => {
            let ints = values.into_iter().map(|v| match v {
                Some(Value::Int(i)) => Some(i),
                _ => None,
            });
            if output == Output::Bigint {
                let mut b = Int64Builder::new();
                ints.for_each(|i| b.append_option(i));
                Arc::new(b.finish())
            } else {
                let mut b = Int32Builder::new();
                ints.for_each(|i| b.append_option(i.and_then(|i| i32::try_from(i).ok())));
                Arc::new(b.finish())
            }
        }
        Output::Double => {
            let mut b = Float64Builder::new();
            for v in values {
                match v {
                    Some(Value::Double(d)) => b.append_value(d),
                    _ => b.append_null(),
                }
            }
            Arc::new(b.finish())
        }
        Output::Real => {
            let mut b = Float32Builder::new();
            for v in values {
                match v {
                    // A real result is computed as a float and stored widened: exact.
                    Some(Value::Double(d)) => b.append_value(d as f32),
                    _ => b.append_null(),
                }
            }
            Arc::new(b.finish())
        }
    }
}

impl ScalarUDFImpl for BinaryFunction {
    fn name(&self) -> &str {
        self.name
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] => coerce_one(self.input, t).map(|c| vec![c]),
            _ => None,
        }
        .ok_or_else(|| unexpected_parameters(self.name, arg_types, &[&self.expected()]))
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(self.output.data_type())
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let array = rows.array(0);
        let values = (0..rows.len())
            .map(|r| arg_at(array, r).map(self.eval).transpose())
            .collect::<Result<Vec<_>>>()?;
        rows.finish(build(self.output, values))
    }

    fn documentation(&self) -> Option<&Documentation> {
        Some(self.documentation.get_or_init(|| {
            doc(
                "Binary Functions",
                self.doc.syntax,
                self.doc.description,
                self.doc.example,
            )
        }))
    }
}
