//! `parse_datetime(string, format)`: parse with a Joda-Time pattern into a
//! `timestamp(3) with time zone`.
//!
//! The zone is the one the text gives (`Z`, `ZZ`, `ZZZ`, `z` in the pattern), else the session
//! zone. When both arguments are constants the result carries the parsed zone exactly; a column
//! of texts is typed with the session zone (exact instants, see `DEVIATIONS.md`).

use std::sync::Arc;

use arrow::datatypes::{DataType, Field, FieldRef, TimeUnit};
use datafusion::common::{exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ReturnFieldArgs, ScalarFunctionArgs, ScalarUDFImpl, Signature,
};

use crate::time::TrinoZone;
use crate::time::joda::JodaPattern;

use super::value::{Temporal, build, constant_str, finish, is_string, strings};
use crate::functions::support::{DATETIME, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `parse_datetime(string, format)`.
    pub struct ParseDatetime {
        /// Texts without a zone are read in `session_zone`.
        fn new(session_zone: TrinoZone);
    }
}

fn compile(pattern: &str) -> Result<JodaPattern> {
    match JodaPattern::parse(pattern) {
        Ok(p) => Ok(p),
        Err(e) => exec_err!("parse_datetime: {e}"),
    }
}

impl ScalarUDFImpl for ParseDatetime {
    fn name(&self) -> &str {
        "parse_datetime"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [s, f] if is_string(s) && is_string(f) => Ok(vec![DataType::Utf8, DataType::Utf8]),
            _ => Err(unexpected_parameters(
                "parse_datetime",
                arg_types,
                &["parse_datetime(varchar, varchar)"],
            )),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        plan_err!("parse_datetime: return_field_from_args should be used")
    }
    fn return_field_from_args(&self, args: ReturnFieldArgs) -> Result<FieldRef> {
        let text = constant_str(args.scalar_arguments[0]).flatten();
        let pattern = constant_str(args.scalar_arguments[1]).flatten();
        let zone = match (text, pattern) {
            (Some(text), Some(pattern)) => JodaPattern::parse(&pattern)
                .ok()
                .and_then(|p| p.parse_instant(&text, &self.session_zone).ok())
                .map_or(self.session_zone, |parsed| parsed.zone),
            _ => self.session_zone,
        };
        Ok(Arc::new(Field::new(
            self.name(),
            Temporal::tstz(TimeUnit::Millisecond, zone).data_type(),
            true,
        )))
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let n = args.number_rows;
        let target =
            Temporal::of(args.return_field.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let texts = strings(&args.args[0], n)?;
        let patterns = strings(&args.args[1], n)?;
        let mut compiled: Option<(String, JodaPattern)> = None;
        let mut values = Vec::with_capacity(n);
        for (text, pattern) in texts.into_iter().zip(patterns) {
            let (Some(text), Some(pattern)) = (text, pattern) else {
                values.push(None);
                continue;
            };
            if compiled.as_ref().is_none_or(|(p, _)| *p != pattern) {
                compiled = Some((pattern.clone(), compile(&pattern)?));
            }
            let Some((_, joda)) = &compiled else {
                continue;
            };
            match joda.parse_instant(&text, &self.session_zone) {
                Ok(parsed) => values.push(Some(i128::from(parsed.epoch_millis) * 1_000_000)),
                Err(e) => return exec_err!("parse_datetime: {e}"),
            }
        }
        finish(build(&values, &target, self.name())?, &args.args)
    }
    documented!(
        DATETIME,
        "parse_datetime(string, format)",
        "Parses string into a timestamp with time zone using format (JodaTime's DateTimeFormat pattern).",
        "SELECT parse_datetime('1960/01/22 03:04 +0500', 'yyyy/MM/dd HH:mm Z'); -- 1960-01-22 03:04:00.000 +05:00"
    );
}
