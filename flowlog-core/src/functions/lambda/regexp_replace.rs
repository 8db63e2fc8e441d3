//! `regexp_replace(string, pattern, x -> r)`: every match replaced by the lambda of its
//! capturing groups (an array, group 1 first; NULL for a group that took no part). The
//! whole result is NULL when the lambda returns NULL for any match.

use std::ops::Range;
use std::sync::Arc;

use arrow::array::{
    Array, ArrayBuilder, ArrayRef, AsArray, StringArray, StringBuilder, UInt32Array,
};
use arrow::datatypes::{DataType, Field, FieldRef};
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, HigherOrderFunctionArgs, HigherOrderReturnFieldArgs, HigherOrderSignature,
    HigherOrderUDFImpl, LambdaParametersProgress, ValueOrLambda,
};

use super::elements::{call, index, list_from_ranges};
use super::{Invocation, higher_order_udf, parameters, split_fields, wrong_arguments};
use crate::functions::array::lists::list_of;
use crate::functions::regexp::pattern::{PatternCache, find_all};

/// The name the dialect gives `regexp_replace` calls with a lambda (the plain name is
/// the scalar function's).
pub const NAME: &str = "$regexp_replace_lambda";

higher_order_udf! {
    /// `regexp_replace(varchar, varchar, function(array(varchar), varchar))`.
    pub struct RegexpReplaceLambda;
}

/// One match: the row, its byte range in the row's string.
struct Match {
    row: usize,
    span: Range<usize>,
}

impl HigherOrderUDFImpl for RegexpReplaceLambda {
    fn name(&self) -> &str {
        NAME
    }

    fn signature(&self) -> &HigherOrderSignature {
        &self.signature
    }

    fn coerce_value_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        let text = |t: &DataType| {
            matches!(
                t,
                DataType::Null | DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View
            )
        };
        match arg_types {
            [s, p] if text(s) && text(p) => Ok(vec![DataType::Utf8, DataType::Utf8]),
            _ => Err(wrong_arguments(
                "regexp_replace",
                arg_types,
                "regexp_replace(varchar, JoniRegExp, function(array(varchar),varchar))",
            )),
        }
    }

    fn lambda_parameters(
        &self,
        _step: usize,
        fields: &[ValueOrLambda<FieldRef, Option<FieldRef>>],
    ) -> Result<LambdaParametersProgress> {
        split_fields("regexp_replace", fields, 2, 1)?;
        Ok(parameters(vec![vec![list_of(DataType::Utf8)]]))
    }

    fn return_field_from_args(&self, _args: HigherOrderReturnFieldArgs) -> Result<FieldRef> {
        Ok(Arc::new(Field::new("", DataType::Utf8, true)))
    }

    fn invoke_with_args(&self, args: HigherOrderFunctionArgs) -> Result<ColumnarValue> {
        let call_args = Invocation::new(&args)?;
        let strings = call_args.values[0].as_string::<i32>();
        let patterns = call_args.values[1].as_string::<i32>();
        let mut cache = PatternCache::default();
        let mut matches = Vec::new();
        let mut groups = StringBuilder::new();
        let mut group_ranges = Vec::new();
        for row in 0..strings.len() {
            if strings.is_null(row) || patterns.is_null(row) {
                continue;
            }
            let (s, re) = (
                strings.value(row),
                cache.get("regexp_replace", patterns.value(row))?,
            );
            for caps in find_all(re, s) {
                let Some(whole) = caps.get(0) else { continue };
                let start = groups.len();
                for g in 1..caps.len() {
                    groups.append_option(caps.get(g).map(|m| m.as_str()));
                }
                group_ranges.push(Some(start..groups.len()));
                matches.push(Match {
                    row,
                    span: whole.range(),
                });
            }
        }
        let groups = list_from_ranges(&group_ranges, Arc::new(groups.finish()) as ArrayRef)?;
        let rows = UInt32Array::from(
            matches
                .iter()
                .map(|m| index(m.row))
                .collect::<Result<Vec<_>>>()?,
        );
        let replaced = call(call_args.lambdas[0], &[groups], &rows)?;
        let replaced = arrow::compute::cast(&replaced, &DataType::Utf8)?;
        let replaced = replaced.as_string::<i32>();
        let mut out: Vec<Option<String>> = (0..strings.len())
            .map(|r| (strings.is_valid(r) && patterns.is_valid(r)).then(String::new))
            .collect();
        let mut last = vec![0usize; strings.len()];
        for (i, m) in matches.iter().enumerate() {
            let Some(text) = out[m.row].as_mut() else {
                continue;
            };
            if replaced.is_null(i) {
                out[m.row] = None;
                continue;
            }
            let s = strings.value(m.row);
            text.push_str(&s[last[m.row]..m.span.start]);
            text.push_str(replaced.value(i));
            last[m.row] = m.span.end;
        }
        for (row, text) in out.iter_mut().enumerate() {
            if let Some(text) = text {
                text.push_str(&strings.value(row)[last[row]..]);
            }
        }
        Ok(ColumnarValue::Array(Arc::new(StringArray::from(out))))
    }
}
