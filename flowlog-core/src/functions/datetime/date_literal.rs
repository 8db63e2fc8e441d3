//! `DATE '…'` literals: a DATE constant, with Trino's error for text that is not a date.
//!
//! The text is read as `CAST(… AS DATE)` reads it (`literal::parse_date`: optional sign,
//! surrounding whitespace, one- or two-digit month and day); text that is not a date, or
//! is past DATE's range, fails when the query is planned with
//! `'2013-02-29' is not a valid DATE literal`.

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl, Signature,
};

use super::literal::parse_date;
use super::value::{constant_str, is_string};
use crate::functions::support::scalar_udf;

/// The name `DATE '…'` literals are rewritten to (see `dialect::datetime`).
pub const DATE_LITERAL: &str = "$date";

scalar_udf! {
    /// `DATE '…'`: a DATE constant.
    pub struct DateLiteral;
}

impl DateLiteral {
    fn parse(arg: Option<&ScalarValue>) -> Result<ScalarValue> {
        let Some(Some(text)) = constant_str(arg) else {
            return plan_err!("DATE literal: the value must be a string constant");
        };
        match parse_date(&text).and_then(|d| i32::try_from(d).ok()) {
            Some(days) => Ok(ScalarValue::Date32(Some(days))),
            None => plan_err!("'{text}' is not a valid DATE literal"),
        }
    }
}

impl ScalarUDFImpl for DateLiteral {
    fn name(&self) -> &str {
        DATE_LITERAL
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if is_string(t) => Ok(vec![DataType::Utf8]),
            _ => plan_err!("DATE literal: expected a string"),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Date32)
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        Self::parse(args.scalar_arguments.first().copied().flatten())?;
        Ok(Arc::new(Field::new(self.name(), DataType::Date32, false)))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let ColumnarValue::Scalar(s) = &args.args[0] else {
            return exec_err!("DATE literal: the value must be a string constant");
        };
        Ok(ColumnarValue::Scalar(Self::parse(Some(s))?))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::time::calendar::days_from_civil;

    fn text(s: &str) -> ScalarValue {
        ScalarValue::Utf8(Some(s.to_string()))
    }

    #[test]
    fn dates_and_their_errors_read_as_trino() {
        assert_eq!(
            DateLiteral::parse(Some(&text(" -2013-02-02"))).unwrap(),
            ScalarValue::Date32(Some(days_from_civil(-2013, 2, 2) as i32))
        );
        for bad in ["2013-02-29", "2013-02-002", "+ 2013-02-02", "5881580-07-12"] {
            let e = DateLiteral::parse(Some(&text(bad)))
                .unwrap_err()
                .to_string();
            assert!(
                e.contains(&format!("'{bad}' is not a valid DATE literal")),
                "{e}"
            );
        }
    }
}
