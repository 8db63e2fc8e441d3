//! Numbers as bytes and back: `to_big_endian_64`/`from_big_endian_64`,
//! `to_big_endian_32`/`from_big_endian_32`, `to_ieee754_64`/`from_ieee754_64`,
//! `to_ieee754_32`/`from_ieee754_32`, with Trino's errors.

use datafusion::common::DataFusionError;
use datafusion::error::Result;

use super::function::{Arg, Value};

fn invalid(message: String) -> DataFusionError {
    DataFusionError::Execution(message)
}

fn exact<const N: usize>(arg: Arg<'_>, message: impl Fn(usize) -> String) -> Result<[u8; N]> {
    let bytes = match arg {
        Arg::Bytes(b) => b,
        _ => &[],
    };
    bytes.try_into().map_err(|_| invalid(message(bytes.len())))
}

/// `to_big_endian_64(bigint)`.
pub fn to_big_endian_64(arg: Arg<'_>) -> Result<Value> {
    match arg {
        Arg::Int(i) => Ok(Value::Bytes(i.to_be_bytes().to_vec())),
        _ => Err(invalid("to_big_endian_64 takes a bigint".into())),
    }
}

/// `from_big_endian_64(varbinary)`: exactly 8 bytes.
pub fn from_big_endian_64(arg: Arg<'_>) -> Result<Value> {
    let b = exact::<8>(arg, |n| {
        format!("expected 8-byte input, but got instead: {n}")
    })?;
    Ok(Value::Int(i64::from_be_bytes(b)))
}

/// `to_big_endian_32(integer)`.
pub fn to_big_endian_32(arg: Arg<'_>) -> Result<Value> {
    match arg {
        Arg::Int(i) => i32::try_from(i)
            .map(|i| Value::Bytes(i.to_be_bytes().to_vec()))
            .map_err(|_| invalid(format!("Out of range for integer: {i}"))),
        _ => Err(invalid("to_big_endian_32 takes an integer".into())),
    }
}

/// `from_big_endian_32(varbinary)`: exactly 4 bytes.
pub fn from_big_endian_32(arg: Arg<'_>) -> Result<Value> {
    let b = exact::<4>(arg, |n| {
        format!("expected 4-byte input, but got instead: {n}")
    })?;
    Ok(Value::Int(i64::from(i32::from_be_bytes(b))))
}

/// `to_ieee754_64(double)`: the IEEE 754 bits, big-endian, NaN as Java's canonical NaN.
pub fn to_ieee754_64(arg: Arg<'_>) -> Result<Value> {
    match arg {
        Arg::Double(d) => {
            let d = if d.is_nan() { f64::NAN } else { d };
            Ok(Value::Bytes(d.to_bits().to_be_bytes().to_vec()))
        }
        _ => Err(invalid("to_ieee754_64 takes a double".into())),
    }
}

/// `from_ieee754_64(varbinary)`: exactly 8 bytes.
pub fn from_ieee754_64(arg: Arg<'_>) -> Result<Value> {
    let b = exact::<8>(arg, |_| {
        "Input floating-point value must be exactly 8 bytes long".into()
    })?;
    Ok(Value::Double(f64::from_bits(u64::from_be_bytes(b))))
}

/// `to_ieee754_32(real)`: the IEEE 754 bits, big-endian, NaN as Java's canonical NaN.
pub fn to_ieee754_32(arg: Arg<'_>) -> Result<Value> {
    match arg {
        Arg::Real(f) => {
            let f = if f.is_nan() { f32::NAN } else { f };
            Ok(Value::Bytes(f.to_bits().to_be_bytes().to_vec()))
        }
        _ => Err(invalid("to_ieee754_32 takes a real".into())),
    }
}

/// `from_ieee754_32(varbinary)`: exactly 4 bytes.
pub fn from_ieee754_32(arg: Arg<'_>) -> Result<Value> {
    let b = exact::<4>(arg, |_| {
        "Input floating-point value must be exactly 4 bytes long".into()
    })?;
    Ok(Value::Double(f64::from(f32::from_bits(
        u32::from_be_bytes(b),
    ))))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn canonical_nan() {
        assert_eq!(
            to_ieee754_64(Arg::Double(f64::NAN)).unwrap(),
            Value::Bytes(vec![0x7f, 0xf8, 0, 0, 0, 0, 0, 0])
        );
        assert_eq!(
            to_ieee754_32(Arg::Real(f32::NAN)).unwrap(),
            Value::Bytes(vec![0x7f, 0xc0, 0, 0])
        );
    }
}
