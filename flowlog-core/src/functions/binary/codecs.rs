//! Text forms of bytes: `to_utf8`/`from_utf8`, `to_hex`/`from_hex`,
//! `to_base64`/`from_base64` and their URL-safe forms, with Trino's errors.

use base64::Engine;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use datafusion::common::DataFusionError;
use datafusion::error::Result;

use super::function::{Arg, Value};

fn bytes(arg: Arg<'_>) -> &[u8] {
    match arg {
        Arg::Bytes(b) => b,
        _ => &[],
    }
}

fn invalid(message: String) -> DataFusionError {
    DataFusionError::Execution(message)
}

/// `to_utf8(varchar)`: the string's UTF-8 bytes.
pub fn to_utf8(arg: Arg<'_>) -> Result<Value> {
    Ok(Value::Bytes(bytes(arg).to_vec()))
}

/// `from_utf8(varbinary)`: the bytes read as UTF-8, each invalid sequence replaced by
/// U+FFFD.
pub fn from_utf8(arg: Arg<'_>) -> Result<Value> {
    Ok(Value::Text(
        String::from_utf8_lossy(bytes(arg)).into_owned(),
    ))
}

/// `to_hex(varbinary)`: upper-case hex digits, two a byte.
pub fn to_hex(arg: Arg<'_>) -> Result<Value> {
    const DIGITS: &[u8; 16] = b"0123456789ABCDEF";
    let input = bytes(arg);
    let mut text = String::with_capacity(input.len() * 2);
    for b in input {
        text.push(char::from(DIGITS[usize::from(b >> 4)]));
        text.push(char::from(DIGITS[usize::from(b & 0x0f)]));
    }
    Ok(Value::Text(text))
}

fn hex_digit(c: u8) -> Result<u8> {
    match c {
        b'0'..=b'9' => Ok(c - b'0'),
        b'a'..=b'f' => Ok(c - b'a' + 10),
        b'A'..=b'F' => Ok(c - b'A' + 10),
        _ => Err(invalid(format!("invalid hex character: {}", char::from(c)))),
    }
}

/// `from_hex(varchar | varbinary)`: the bytes hex digits (either case) spell.
pub fn from_hex(arg: Arg<'_>) -> Result<Value> {
    let input = bytes(arg);
    if !input.len().is_multiple_of(2) {
        return Err(invalid(format!("invalid input length {}", input.len())));
    }
    let decoded = input
        .chunks_exact(2)
        .map(|pair| Ok((hex_digit(pair[0])? << 4) | hex_digit(pair[1])?))
        .collect::<Result<Vec<u8>>>()?;
    Ok(Value::Bytes(decoded))
}

/// Java's Base64 coder: padding written, padding optional when reading.
fn engine(url: bool) -> GeneralPurpose {
    let config = GeneralPurposeConfig::new()
        .with_encode_padding(true)
        .with_decode_padding_mode(DecodePaddingMode::Indifferent);
    let alphabet = if url {
        &alphabet::URL_SAFE
    } else {
        &alphabet::STANDARD
    };
    GeneralPurpose::new(alphabet, config)
}

fn decode(arg: Arg<'_>, url: bool) -> Result<Value> {
    engine(url)
        .decode(bytes(arg))
        .map(Value::Bytes)
        .map_err(|e| match e {
            base64::DecodeError::InvalidByte(_, b) => {
                invalid(format!("Illegal base64 character {b:x}"))
            }
            base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(..) => {
                invalid("Last unit does not have enough valid bits".into())
            }
            base64::DecodeError::InvalidPadding => {
                invalid("Input byte array has wrong 4-byte ending unit".into())
            }
        })
}

/// `to_base64(varbinary)`: base64 with `+`, `/` and `=` padding.
pub fn to_base64(arg: Arg<'_>) -> Result<Value> {
    Ok(Value::Text(engine(false).encode(bytes(arg))))
}

/// `from_base64(varchar | varbinary)`.
pub fn from_base64(arg: Arg<'_>) -> Result<Value> {
    decode(arg, false)
}

/// `to_base64url(varbinary)`: base64 with `-`, `_` and `=` padding.
pub fn to_base64url(arg: Arg<'_>) -> Result<Value> {
    Ok(Value::Text(engine(true).encode(bytes(arg))))
}

/// `from_base64url(varchar | varbinary)`.
pub fn from_base64url(arg: Arg<'_>) -> Result<Value> {
    decode(arg, true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn text(v: Result<Value>) -> String {
        match v {
            Ok(Value::Text(t)) => t,
            other => panic!("{other:?}"),
        }
    }

    fn bin(v: Result<Value>) -> Vec<u8> {
        match v {
            Ok(Value::Bytes(b)) => b,
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn hex_round_trip() {
        assert_eq!(
            text(to_hex(Arg::Bytes(b"hello world"))),
            "68656C6C6F20776F726C64"
        );
        assert_eq!(bin(from_hex(Arg::Bytes(b"617a6F"))), b"azo");
        assert!(from_hex(Arg::Bytes(b"fff")).is_err());
        assert!(from_hex(Arg::Bytes(b"fG")).is_err());
    }

    #[test]
    fn base64_forms() {
        assert_eq!(
            text(to_base64(Arg::Bytes(b"hello world"))),
            "aGVsbG8gd29ybGQ="
        );
        assert_eq!(text(to_base64url(Arg::Bytes(&[0xfb, 0xff]))), "-_8=");
        assert_eq!(bin(from_base64(Arg::Bytes(b"YQ"))), b"a");
        assert_eq!(bin(from_base64url(Arg::Bytes(b"-_8="))), [0xfb, 0xff]);
    }

    #[test]
    fn utf8_replacement() {
        assert_eq!(text(from_utf8(Arg::Bytes(b"a\xffb"))), "a\u{fffd}b");
    }
}
