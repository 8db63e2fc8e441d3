//! `substr`, `lpad`, `rpad`, `reverse` and `concat` over VARBINARY. Each shares its name
//! with a string (or array) function: a call whose first argument is VARBINARY is answered
//! here, byte by byte; every other call is handed to that function unchanged.

use std::hash::{Hash, Hasher};
use std::sync::Arc;

use arrow::array::{Array, AsArray, Int64Array};
use arrow::datatypes::{DataType, Field, FieldRef, Int64Type};
use datafusion::common::{DataFusionError, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::type_coercion::functions::fields_with_udf;
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDF, ScalarUDFImpl,
    Signature, TypeSignature, Volatility,
};

use super::function::{Output, Value, build};
use crate::functions::support::{Rows, unexpected_parameters};

/// Which byte operation a call on VARBINARY performs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum BytesOp {
    /// `substr(binary, start[, length])`: 1-based, a negative start counts from the end.
    Substr,
    /// `lpad(binary, size, padbinary)`.
    Lpad,
    /// `rpad(binary, size, padbinary)`.
    Rpad,
    /// `reverse(binary)`.
    Reverse,
    /// `concat(binary, binary, …)`.
    Concat,
}

/// The VARBINARY form of a function, in front of its other forms.
#[derive(Debug)]
pub struct BytesOverload {
    signature: Signature,
    op: BytesOp,
    inner: Arc<ScalarUDF>,
}

impl PartialEq for BytesOverload {
    fn eq(&self, other: &Self) -> bool {
        self.op == other.op && self.inner.name() == other.inner.name()
    }
}

impl Eq for BytesOverload {}

impl Hash for BytesOverload {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.op.hash(state);
        self.inner.name().hash(state);
    }
}

impl BytesOverload {
    /// `op` on VARBINARY, `inner` (of the same name) for everything else.
    pub fn new(op: BytesOp, inner: Arc<ScalarUDF>) -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Immutable),
            op,
            inner,
        }
    }
}

fn is_binary(t: &DataType) -> bool {
    matches!(
        t,
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView
    )
}

fn binary_or_null(t: &DataType) -> bool {
    t.is_null() || is_binary(t)
}

fn integer_or_null(t: &DataType) -> bool {
    t.is_null() || t.is_integer()
}

/// Whether a call with these argument types is the VARBINARY form.
fn binary_call(op: BytesOp, arg_types: &[DataType]) -> bool {
    match op {
        BytesOp::Concat => arg_types.iter().any(is_binary) && arg_types.iter().all(binary_or_null),
        _ => arg_types.first().is_some_and(is_binary),
    }
}

/// The first `size` bytes of `bytes`, or `bytes` padded to `size` with `pad` repeated.
fn pad(bytes: &[u8], size: i64, padding: &[u8], left: bool) -> Result<Vec<u8>> {
    let size = usize::try_from(size)
        .ok()
        .filter(|&s| s <= i32::MAX as usize)
        .ok_or_else(|| {
            DataFusionError::Execution(format!(
                "Target length must be in the range [0..{}]",
                i32::MAX
            ))
        })?;
    if padding.is_empty() {
        return Err(DataFusionError::Execution(
            "Padding bytes must not be empty".into(),
        ));
    }
    if size <= bytes.len() {
        return Ok(bytes[..size].to_vec());
    }
    let fill: Vec<u8> = padding
        .iter()
        .copied()
        .cycle()
        .take(size - bytes.len())
        .collect();
    Ok(if left {
        [fill.as_slice(), bytes].concat()
    } else {
        [bytes, fill.as_slice()].concat()
    })
}

/// Trino's `substr` on bytes.
fn substr(bytes: &[u8], start: i64, length: Option<i64>) -> Vec<u8> {
    let n = bytes.len() as i64;
    if start == 0 || length.is_some_and(|l| l <= 0) {
        return Vec::new();
    }
    let start = if start < 0 { n + start + 1 } else { start };
    if start < 1 || start > n {
        return Vec::new();
    }
    let take = length.map_or(n - start + 1, |l| l.min(n - start + 1));
    bytes[(start - 1) as usize..(start - 1 + take) as usize].to_vec()
}

impl ScalarUDFImpl for BytesOverload {
    fn name(&self) -> &str {
        self.inner.name()
    }

    fn aliases(&self) -> &[String] {
        self.inner.aliases()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        if !binary_call(self.op, arg_types) {
            // A user-defined signature coerces itself (its errors as they are written).
            if self.inner.signature().type_signature == TypeSignature::UserDefined {
                return self.inner.coerce_types(arg_types);
            }
            let fields: Vec<FieldRef> = arg_types
                .iter()
                .map(|t| Arc::new(Field::new("x", t.clone(), true)))
                .collect();
            return Ok(fields_with_udf(&fields, self.inner.as_ref())?
                .iter()
                .map(|f| f.data_type().clone())
                .collect());
        }
        let fits = match (self.op, arg_types) {
            (BytesOp::Substr, [_, s]) => integer_or_null(s),
            (BytesOp::Substr, [_, s, l]) => integer_or_null(s) && integer_or_null(l),
            (BytesOp::Lpad | BytesOp::Rpad, [_, s, p]) => integer_or_null(s) && binary_or_null(p),
            (BytesOp::Reverse, [_]) => true,
            (BytesOp::Concat, [_, _, ..]) => true,
            (BytesOp::Concat, _) => {
                return plan_err!("concat: There must be two or more concatenation arguments");
            }
            _ => false,
        };
        if !fits {
            let name = self.inner.name();
            let expected = match self.op {
                BytesOp::Substr => {
                    format!("{name}(varbinary, bigint), {name}(varbinary, bigint, bigint)")
                }
                BytesOp::Lpad | BytesOp::Rpad => format!("{name}(varbinary, bigint, varbinary)"),
                BytesOp::Reverse => format!("{name}(varbinary)"),
                BytesOp::Concat => format!("{name}(varbinary, varbinary, ...)"),
            };
            return Err(unexpected_parameters(name, arg_types, &[&expected]));
        }
        Ok(match self.op {
            BytesOp::Substr => {
                let mut types = vec![DataType::Int64; arg_types.len()];
                types[0] = DataType::Binary;
                types
            }
            BytesOp::Lpad | BytesOp::Rpad => {
                vec![DataType::Binary, DataType::Int64, DataType::Binary]
            }
            BytesOp::Reverse | BytesOp::Concat => vec![DataType::Binary; arg_types.len()],
        })
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        if binary_call(self.op, arg_types) {
            return Ok(DataType::Binary);
        }
        self.inner.return_type(arg_types)
    }

    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let types: Vec<DataType> = args
            .arg_fields
            .iter()
            .map(|f| f.data_type().clone())
            .collect();
        if binary_call(self.op, &types) {
            return Ok(Arc::new(Field::new(self.name(), DataType::Binary, true)));
        }
        self.inner.return_field_from_args(args)
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let types: Vec<DataType> = args
            .arg_fields
            .iter()
            .map(|f| f.data_type().clone())
            .collect();
        if !binary_call(self.op, &types) {
            return self.inner.invoke_with_args(args);
        }
        let rows = Rows::new(&args)?;
        let binaries: Vec<Option<&arrow::array::BinaryArray>> = (0..args.args.len())
            .map(|i| rows.array(i).as_binary_opt::<i32>())
            .collect();
        let ints: Vec<Option<&Int64Array>> = (0..args.args.len())
            .map(|i| rows.array(i).as_primitive_opt::<Int64Type>())
            .collect();
        let bytes_at =
            |i: usize, r: usize| binaries[i].filter(|a| a.is_valid(r)).map(|a| a.value(r));
        let int_at = |i: usize, r: usize| ints[i].filter(|a| a.is_valid(r)).map(|a| a.value(r));
        let values = (0..rows.len())
            .map(|r| -> Result<Option<Value>> {
                let out = match self.op {
                    BytesOp::Substr => {
                        // `None`: a NULL length; `Some(None)`: no length given.
                        let length = if args.args.len() == 3 {
                            int_at(2, r).map(Some)
                        } else {
                            Some(None)
                        };
                        match (bytes_at(0, r), int_at(1, r), length) {
                            (Some(b), Some(s), Some(l)) => Some(substr(b, s, l)),
                            _ => None,
                        }
                    }
                    BytesOp::Lpad | BytesOp::Rpad => {
                        match (bytes_at(0, r), int_at(1, r), bytes_at(2, r)) {
                            (Some(b), Some(s), Some(p)) => {
                                Some(pad(b, s, p, self.op == BytesOp::Lpad)?)
                            }
                            _ => None,
                        }
                    }
                    BytesOp::Reverse => bytes_at(0, r).map(|b| b.iter().rev().copied().collect()),
                    BytesOp::Concat => (0..args.args.len())
                        .map(|i| bytes_at(i, r))
                        .collect::<Option<Vec<&[u8]>>>()
                        .map(|parts| parts.concat()),
                };
                Ok(out.map(Value::Bytes))
            })
            .collect::<Result<Vec<_>>>()?;
        rows.finish(build(Output::Varbinary, values))
    }

    fn documentation(&self) -> Option<&Documentation> {
        self.inner.documentation()
    }
}

#[cfg(test)]
mod tests {
    use super::{pad, substr};

    #[test]
    fn trino_pads() {
        assert_eq!(
            pad(&[0x12, 0x34], 7, &[0x45, 0x24], true).unwrap(),
            [0x45, 0x24, 0x45, 0x24, 0x45, 0x12, 0x34]
        );
        assert_eq!(
            pad(&[0x12, 0x34], 3, &[0x45, 0x24], false).unwrap(),
            [0x12, 0x34, 0x45]
        );
        assert_eq!(pad(&[0x12, 0x34], 1, &[0x45], true).unwrap(), [0x12]);
        assert!(pad(&[0x12], -1, &[0x45], true).is_err());
        assert!(pad(&[0x12], 1, &[], true).is_err());
    }

    #[test]
    fn trino_substr() {
        assert_eq!(substr(b"Quadratically", 5, None), b"ratically");
        assert_eq!(substr(b"Quadratically", -5, Some(4)), b"call");
        assert_eq!(substr(b"Quadratically", 0, Some(4)), b"");
    }
}
