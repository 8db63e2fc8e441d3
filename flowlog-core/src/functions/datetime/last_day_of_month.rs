//! `last_day_of_month(x)`: the last day of the month of a date or timestamp, as a DATE (in the
//! value's own zone for `timestamp with time zone`).

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use crate::time::calendar::days_in_month;

use super::value::{Civil, NANOS_PER_DAY, Temporal, build, finish, nanos, wall};
use crate::functions::support::{DATETIME, documented, scalar_udf, unexpected_parameters};

scalar_udf! {
    /// `last_day_of_month(x)`.
    pub struct LastDayOfMonth;
}

impl ScalarUDFImpl for LastDayOfMonth {
    fn name(&self) -> &str {
        "last_day_of_month"
    }
    fn signature(&self) -> &Signature {
        &self.signature
    }
    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t @ (DataType::Timestamp(..) | DataType::Date32)] => Ok(vec![t.clone()]),
            [DataType::Null] => Ok(vec![DataType::Date32]),
            _ => Err(unexpected_parameters(
                "last_day_of_month",
                arg_types,
                &[
                    "last_day_of_month(date)",
                    "last_day_of_month(timestamp(p))",
                    "last_day_of_month(timestamp(p) with time zone)",
                ],
            )),
        }
    }
    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Date32)
    }
    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let x = args.args[0].to_array(args.number_rows)?;
        let t = Temporal::of(x.data_type(), self.name())?.unwrap_or(Temporal::Date);
        let values: Vec<Option<i128>> = nanos(x.as_ref())?
            .into_iter()
            .map(|v| {
                v.map(|v| {
                    let c = Civil::of(wall(v, t.zone().as_ref()));
                    let last = Civil {
                        day: days_in_month(c.year, c.month),
                        time: 0,
                        ..c
                    };
                    i128::from(last.days()) * NANOS_PER_DAY
                })
            })
            .collect();
        finish(build(&values, &Temporal::Date, self.name())?, &args.args)
    }
    documented!(
        DATETIME,
        "last_day_of_month(x)",
        "Returns the last day of the month.",
        "SELECT last_day_of_month(DATE '2020-02-10'); -- 2020-02-29"
    );
}
