//! `any_match`, `all_match` and `none_match(a, x -> b)` with Trino's NULL rules: a
//! deciding element decides (true for `any_match`, false for the others); otherwise a
//! NULL result of the lambda makes the answer NULL; otherwise the answer is the
//! undecided one (an empty array: `any_match` false, the others true).

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, BooleanArray};
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature,
    HigherOrderUDFImpl, LambdaParametersProgress, ValueOrLambda, Volatility,
};

use super::Invocation;
use super::elements::{Elements, call};
use super::transform::{coerce_one_list, element_parameter, predicate};

/// Which of the three match functions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Quantifier {
    Any,
    All,
    None,
}

/// `any_match`, `all_match` or `none_match(array(T), function(T, boolean))`.
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Match {
    quantifier: Quantifier,
    signature: HigherOrderSignature,
}

impl Match {
    fn new(quantifier: Quantifier) -> Self {
        Self {
            quantifier,
            signature: HigherOrderSignature::user_defined(Volatility::Immutable),
        }
    }

    /// `any_match`: whether the lambda is true for some element.
    pub fn any() -> Self {
        Self::new(Quantifier::Any)
    }

    /// `all_match`: whether the lambda is true for every element.
    pub fn all() -> Self {
        Self::new(Quantifier::All)
    }

    /// `none_match`: whether the lambda is true for no element.
    pub fn none() -> Self {
        Self::new(Quantifier::None)
    }

    /// The answer for one array given its elements' lambda results.
    fn answer(&self, results: impl Iterator<Item = Option<bool>>) -> Option<bool> {
        // The lambda result that decides, and the answer it gives.
        let (decisive, decided) = match self.quantifier {
            Quantifier::Any => (true, true),
            Quantifier::All => (false, false),
            Quantifier::None => (true, false),
        };
        let mut saw_null = false;
        for r in results {
            match r {
                Some(b) if b == decisive => return Some(decided),
                Some(_) => {}
                None => saw_null = true,
            }
        }
        (!saw_null).then_some(!decided)
    }
}

impl HigherOrderUDFImpl for Match {
    fn name(&self) -> &str {
        match self.quantifier {
            Quantifier::Any => "any_match",
            Quantifier::All => "all_match",
            Quantifier::None => "none_match",
        }
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn coerce_value_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let expected = format!("{}(array(T), function(T,boolean))", self.name());
        coerce_one_list(self.name(), arg_types, &expected)
    }

    fn lambda_parameters(
        &self,
        _step: usize,
        fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
    ) -> Result<LambdaParametersProgress> {
        element_parameter(self.name(), fields)
    }

    fn return_field_from_args(&self, _args: HigherOrderReturnFieldArgs) -> Result<FieldRef> {
        Ok(Arc::new(Field::new("", DataType::Boolean, true)))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let call_args = Invocation::new(&args)?;
        let elements = Elements::of_list(&call_args.values[0])?;
        let results = call(
            call_args.lambdas[0],
            &[Arc::clone(&elements.values)],
            &elements.rows,
        )?;
        let results = predicate(self.name(), &results)?;
        let answers: BooleanArray = elements
            .ranges
            .iter()
            .map(|range| {
                let range = range.clone()?;
                self.answer(range.map(|i| results.is_valid(i).then(|| results.value(i))))
            })
            .collect();
        Ok(ColumnarValue::Array(Arc::new(answers) as ArrayRef))
    }
}
