//! `avg` as Trino types it: over DECIMAL values the answer keeps the input's type,
//! `decimal(p, s)`, rounded half away from zero (`DecimalAverageAggregation`; DataFusion's
//! own `avg` widens it to `decimal(p + 4, s + 4)`, so `avg` of `1.25` and `1.30` printed
//! `1.275000` where Trino prints `1.28`). Every other input type is DataFusion's `avg`.

use std::sync::Arc;

use arrow::datatypes::{DataType, FieldRef};
use datafusion::error::Result;
use datafusion::functions_aggregate::average::Avg;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, Documentation, GroupsAccumulator, ReversedUDAF,
    Signature,
};

use super::decimal_total::{DecimalAnswer, DecimalTotal, decimal_input, decimal_state_fields};

/// `avg(x)`: Trino's DECIMAL average, DataFusion's `avg` otherwise.
#[derive(Debug, Default, PartialEq, Eq, Hash)]
pub struct TrinoAvg {
    inner: Avg,
}

/// The function, to register in place of DataFusion's `avg`.
pub fn udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::new_from_impl(TrinoAvg::default()))
}

/// The DECIMAL total for a DECIMAL input, `None` for DataFusion's accumulators.
fn decimal_total(args: &AccumulatorArgs) -> Option<DecimalTotal> {
    let (precision, scale) = decimal_input(args.expr_fields.first()?.data_type())?;
    Some(DecimalTotal::new(
        DecimalAnswer::Average,
        precision,
        scale,
        args.is_distinct,
    ))
}

impl AggregateUDFImpl for TrinoAvg {
    fn name(&self) -> &str {
        "avg"
    }

    fn aliases(&self) -> &[String] {
        self.inner.aliases()
    }

    fn signature(&self) -> &Signature {
        self.inner.signature()
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types.first().and_then(decimal_input) {
            Some((precision, scale)) => Ok(DataType::Decimal128(precision, scale)),
            None => self.inner.return_type(arg_types),
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        match decimal_state_fields(&args) {
            Some(fields) => Ok(fields),
            None => self.inner.state_fields(args),
        }
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        match decimal_total(&args) {
            Some(total) => Ok(Box::new(total)),
            None => self.inner.accumulator(args),
        }
    }

    fn groups_accumulator_supported(&self, args: AccumulatorArgs) -> bool {
        decimal_total(&args).is_none() && self.inner.groups_accumulator_supported(args)
    }

    fn create_groups_accumulator(
        &self,
        args: AccumulatorArgs,
    ) -> Result<Box<dyn GroupsAccumulator>> {
        self.inner.create_groups_accumulator(args)
    }

    fn create_sliding_accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        match decimal_total(&args) {
            Some(total) => Ok(Box::new(total)),
            None => self.inner.create_sliding_accumulator(args),
        }
    }

    fn reverse_expr(&self) -> ReversedUDAF {
        ReversedUDAF::Identical
    }

    fn documentation(&self) -> Option<&Documentation> {
        self.inner.documentation()
    }
}
