//! Integer `+ - *` that fail on overflow, as Trino's operators do.

use arrow::array::ArrayRef;
use arrow::compute::kernels::numeric;
use arrow::datatypes::DataType;
use arrow::error::ArrowError;
use datafusion::common::{exec_err, plan_err};
use datafusion::error::{DataFusionError, Result};
use datafusion::logical_expr::{
    ColumnarValue, Documentation, ScalarFunctionArgs, ScalarUDFImpl, Signature,
};

use super::common_integer;
use crate::functions::support::{doc, scalar_udf, trino_type_name, unexpected_parameters};

/// One of the checked operators.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Op {
    /// `+`
    Add,
    /// `-`
    Subtract,
    /// `*`
    Multiply,
}

impl Op {
    /// Every operator.
    pub const ALL: [Op; 3] = [Op::Add, Op::Subtract, Op::Multiply];

    /// The operation a function of this family implements, from the function's name.
    pub fn of_function(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|op| op.function_name() == name)
    }

    fn function_name(self) -> &'static str {
        match self {
            Op::Add => "checked_add",
            Op::Subtract => "checked_subtract",
            Op::Multiply => "checked_multiply",
        }
    }

    fn word(self) -> &'static str {
        match self {
            Op::Add => "addition",
            Op::Subtract => "subtraction",
            Op::Multiply => "multiplication",
        }
    }
}

scalar_udf! {
    /// `checked_add(x, y)` etc.: what integer `x + y` is planned as.
    pub struct CheckedArithmetic {
        /// The function for `op`.
        fn new(op: Op);
    }
}

impl CheckedArithmetic {
    /// The operator this function implements.
    pub fn op(&self) -> Op {
        self.op
    }
}

impl ScalarUDFImpl for CheckedArithmetic {
    fn name(&self) -> &str {
        self.op.function_name()
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, b] if (a.is_integer() || a.is_null()) && (b.is_integer() || b.is_null()) => {
                let t = common_integer(a, b);
                Ok(vec![t.clone(), t])
            }
            _ => {
                let expected = format!("{}(bigint, bigint)", self.name());
                Err(unexpected_parameters(self.name(), arg_types, &[&expected]))
            }
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types {
            [a, b] => Ok(common_integer(a, b)),
            _ => plan_err!("{} takes two arguments", self.name()),
        }
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let [a, b] = args.args.as_slice() else {
            return exec_err!("{} takes two arguments", self.name());
        };
        let scalar = matches!((a, b), (ColumnarValue::Scalar(_), ColumnarValue::Scalar(_)));
        let (la, lb) = (a.to_array(args.number_rows)?, b.to_array(args.number_rows)?);
        let out = step(self.op, &la, &lb, args.return_field.data_type())?;
        if scalar {
            return Ok(ColumnarValue::Scalar(
                datafusion::common::ScalarValue::try_from_array(&out, 0)?,
            ));
        }
        Ok(ColumnarValue::Array(out))
    }

    fn documentation(&self) -> Option<&Documentation> {
        static DOCS: std::sync::OnceLock<[Documentation; 3]> = std::sync::OnceLock::new();
        let docs = DOCS.get_or_init(|| {
            let make = |op: Op, sym: &str| {
                doc(
                    "Mathematical Operators",
                    &format!("{}(x, y)", op.function_name()),
                    &format!(
                        "x {sym} y on integers, failing on overflow as Trino does; integer `{sym}` in a query is planned as this function."
                    ),
                    &format!("SELECT 9223372036854775807 {sym} 2; -- error: bigint {} overflow", op.word()),
                )
            };
            [
                make(Op::Add, "+"),
                make(Op::Subtract, "-"),
                make(Op::Multiply, "*"),
            ]
        });
        Some(&docs[self.op as usize])
    }
}

/// `a op b` for two arrays of the integer type `t`, failing as Trino does on overflow
/// (`bigint addition overflow: 9223372036854775807 + 1`).
pub(super) fn step(op: Op, a: &ArrayRef, b: &ArrayRef, t: &DataType) -> Result<ArrayRef> {
    let result = match op {
        Op::Add => numeric::add(a, b),
        Op::Subtract => numeric::sub(a, b),
        Op::Multiply => numeric::mul(a, b),
    };
    result.map_err(|e| match e {
        ArrowError::ArithmeticOverflow(msg) => {
            let operands = msg
                .split_once("Overflow happened on: ")
                .map_or(msg.as_str(), |(_, rest)| rest)
                .to_string();
            DataFusionError::Execution(format!(
                "{} {} overflow: {operands}",
                trino_type_name(t),
                op.word()
            ))
        }
        other => DataFusionError::ArrowError(Box::new(other), None),
    })
}
