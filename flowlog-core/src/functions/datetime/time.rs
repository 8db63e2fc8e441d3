//! Trino's TIME values: literals and their text.
//!
//! Every `time(p)` is Arrow `Time64(Nanosecond)`, the type DataFusion gives `CAST(… AS time)`
//! (and needs on both sides of a comparison): the precision is not carried, so a value prints
//! `HH:mm:ss` and the fraction digits it needs in groups of three (`03:04:05`,
//! `03:04:05.321`, `03:04:05.123456`), where Trino prints exactly p digits (`TIME
//! '03:04:05.000'` is `03:04:05.000` there); see `DEVIATIONS.md`. Digits past nanoseconds
//! are dropped. `TIME WITH TIME ZONE` has no Arrow type and is not supported.

use std::sync::Arc;

use arrow::array::{Array, AsArray};
use arrow::datatypes::{
    DataType, Field, FieldRef, Time32MillisecondType, Time32SecondType, Time64MicrosecondType,
    Time64NanosecondType, TimeUnit,
};
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl, Signature,
};

use super::value::{constant_str, is_string};
use crate::functions::support::scalar_udf;

/// The name `TIME '…'` literals are rewritten to (see `dialect::datetime`).
pub const TIME_LITERAL: &str = "$time";

const NANOS_PER_SECOND: i64 = 1_000_000_000;

/// A parsed TIME text: nanoseconds since midnight.
fn parse_time(text: &str) -> Option<i64> {
    let text = text.trim_matches(|c: char| c <= ' ');
    let (clock, fraction) = match text.split_once('.') {
        Some((c, f)) => (c, Some(f)),
        None => (text, None),
    };
    let parts: Vec<&str> = clock.split(':').collect();
    if !(2..=3).contains(&parts.len()) || (fraction.is_some() && parts.len() != 3) {
        return None;
    }
    let mut fields = [0_i64; 3];
    for (i, p) in parts.iter().enumerate() {
        if p.is_empty() || p.len() > 2 || !p.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        fields[i] = p.parse().ok()?;
    }
    let [h, m, s] = fields;
    if h > 23 || m > 59 || s > 59 {
        return None;
    }
    let mut nanos = (h * 3600 + m * 60 + s) * NANOS_PER_SECOND;
    if let Some(f) = fraction {
        if f.is_empty() || f.len() > 12 || !f.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let nine: String = format!("{f:0<9}").chars().take(9).collect();
        nanos += nine.parse::<i64>().ok()?;
    }
    Some(nanos)
}

/// Whether `t` is an Arrow time-of-day type.
pub fn is_time(t: &DataType) -> bool {
    matches!(t, DataType::Time32(_) | DataType::Time64(_))
}

/// The text of the TIME value at `row` (not NULL there): `HH:mm:ss` and the fraction digits
/// the value needs, in groups of three; `None` if the array is not a time array.
pub fn time_text(array: &dyn Array, row: usize) -> Option<String> {
    let nanos = match array.data_type() {
        DataType::Time32(TimeUnit::Second) => {
            i64::from(array.as_primitive::<Time32SecondType>().value(row)) * NANOS_PER_SECOND
        }
        DataType::Time32(TimeUnit::Millisecond) => {
            i64::from(array.as_primitive::<Time32MillisecondType>().value(row)) * 1_000_000
        }
        DataType::Time64(TimeUnit::Microsecond) => {
            array.as_primitive::<Time64MicrosecondType>().value(row) * 1_000
        }
        DataType::Time64(TimeUnit::Nanosecond) => {
            array.as_primitive::<Time64NanosecondType>().value(row)
        }
        _ => return None,
    };
    let seconds = nanos.div_euclid(NANOS_PER_SECOND);
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let mut text = format!("{h:02}:{m:02}:{s:02}");
    let fraction = nanos.rem_euclid(NANOS_PER_SECOND);
    let digits = match fraction {
        0 => 0,
        f if f % 1_000_000 == 0 => 3,
        f if f % 1_000 == 0 => 6,
        _ => 9,
    };
    if digits > 0 {
        text.push('.');
        text.push_str(&format!("{fraction:09}")[..digits]);
    }
    Some(text)
}

scalar_udf! {
    /// `TIME '…'`: a TIME constant (`H[H]:m[m][:s[s][.f…]]`), with Trino's errors for the
    /// texts that are not one.
    pub struct TimeLiteral;
}

impl TimeLiteral {
    fn parse(arg: Option<&ScalarValue>) -> Result<ScalarValue> {
        let Some(Some(text)) = constant_str(arg) else {
            return plan_err!("TIME literal: the value must be a string constant");
        };
        let Some(nanos) = parse_time(&text) else {
            if text.trim().contains([' ', '+', '-']) {
                return plan_err!("TIME WITH TIME ZONE is not supported: '{text}'");
            }
            return plan_err!("'{text}' is not a valid TIME literal");
        };
        Ok(ScalarValue::Time64Nanosecond(Some(nanos)))
    }
}

impl ScalarUDFImpl for TimeLiteral {
    fn name(&self) -> &str {
        TIME_LITERAL
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if is_string(t) => Ok(vec![DataType::Utf8]),
            _ => plan_err!("TIME literal: expected a string"),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        plan_err!("TIME literal: return_field_from_args should be used")
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let value = Self::parse(args.scalar_arguments.first().copied().flatten())?;
        Ok(Arc::new(Field::new(self.name(), value.data_type(), false)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let ColumnarValue::Scalar(s) = &args.args[0] else {
            return exec_err!("TIME literal: the value must be a string constant");
        };
        Ok(ColumnarValue::Scalar(Self::parse(Some(s))?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::{Time32MillisecondArray, Time32SecondArray, Time64NanosecondArray};

    #[test]
    fn time_texts_read_as_trino() {
        assert_eq!(parse_time("03:04"), Some(11_040 * NANOS_PER_SECOND));
        assert_eq!(
            parse_time("3:4:5.321"),
            Some(11_045 * NANOS_PER_SECOND + 321_000_000)
        );
        assert_eq!(parse_time("24:00:00"), None);
        assert_eq!(parse_time("03:04:05.321 +07:09"), None);
    }

    #[test]
    fn times_print_the_digits_they_need() {
        let ms = Time32MillisecondArray::from(vec![11_045_100]);
        assert_eq!(time_text(&ms, 0).as_deref(), Some("03:04:05.100"));
        let s = Time32SecondArray::from(vec![11_040]);
        assert_eq!(time_text(&s, 0).as_deref(), Some("03:04:00"));
        let ns = Time64NanosecondArray::from(vec![11_045_123_456_000]);
        assert_eq!(time_text(&ns, 0).as_deref(), Some("03:04:05.123456"));
    }
}
