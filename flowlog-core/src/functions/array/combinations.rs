//! `combinations(array, n)`: the `n`-element combinations of an array's elements, in
//! Trino's order (each combination's last position ascending first).

use arrow::datatypes::DataType;
use datafusion::common::exec_err;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature};

use super::lists::{Lists, element_type, is_list_or_null, list_of, take_nested_lists};
use crate::functions::support::{Rows, documented, scalar_udf, unexpected_parameters};

/// Trino's limit on the combination size.
const MAX_SIZE: i64 = 5;

/// Trino's limit on the number of combinations in one result.
const MAX_RESULTS: u64 = 100_000;

scalar_udf! {
    /// `combinations`: every combination of `n` elements (positions, not values, so
    /// repeated values give repeated combinations).
    pub struct Combinations;
}

/// The number of `k`-element combinations of `n` elements (saturating).
fn count(n: u64, k: u64) -> u64 {
    let k = k.min(n.saturating_sub(k));
    let mut c: u64 = 1;
    for i in 0..k {
        c = c.saturating_mul(n - i) / (i + 1);
    }
    c
}

/// The `k`-element combinations of positions `0..n` in colexicographic order.
fn colex(n: usize, k: usize) -> Vec<Vec<usize>> {
    if k > n {
        return Vec::new();
    }
    let mut out = Vec::new();
    let mut c: Vec<usize> = (0..k).collect();
    loop {
        out.push(c.clone());
        // The first position that can move up without reaching the next one.
        let Some(i) = (0..k).find(|&i| c[i] + 1 < if i + 1 < k { c[i + 1] } else { n }) else {
            return out;
        };
        c[i] += 1;
        for (j, slot) in c.iter_mut().enumerate().take(i) {
            *slot = j;
        }
    }
}

impl ScalarUDFImpl for Combinations {
    fn name(&self) -> &str {
        "combinations"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a, n] if is_list_or_null(a) && (n.is_null() || n.is_integer()) => {
                Ok(vec![a.clone(), DataType::Int64])
            }
            _ => Err(unexpected_parameters(
                "combinations",
                arg_types,
                &["combinations(array(T), integer)"],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(list_of(list_of(element_type(&arg_types[0]))))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let lists = Lists::new(rows.array(0))?;
        let mut out = Vec::with_capacity(rows.len());
        for r in 0..rows.len() {
            let (Some(range), Some(k)) = (lists.range(r), rows.i64(1, r)) else {
                out.push(None);
                continue;
            };
            if k < 0 {
                return exec_err!("combination size must not be negative: {k}");
            }
            if k > MAX_SIZE {
                return exec_err!("combination size must not exceed {MAX_SIZE}: {k}");
            }
            let n = range.len();
            let k = usize::try_from(k).unwrap_or(0);
            if count(n as u64, k as u64) > MAX_RESULTS {
                return exec_err!("combinations exceed max size");
            }
            let start = range.start;
            let combos = colex(n, k)
                .into_iter()
                .map(|c| c.into_iter().map(|i| start + i).collect())
                .collect();
            out.push(Some(combos));
        }
        rows.finish(take_nested_lists(lists.values(), &out)?)
    }

    documented!(
        "Array Functions",
        "combinations(array, n)",
        "Returns n-element sub-groups of input array. If the input array has no duplicates, combinations returns n-element subsets. n must be at most 5.",
        "SELECT combinations(ARRAY['foo', 'bar', 'baz'], 2); -- [[foo, bar], [foo, baz], [bar, baz]]"
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colex_order_and_counts() {
        assert_eq!(
            colex(4, 2),
            vec![
                vec![0, 1],
                vec![0, 2],
                vec![1, 2],
                vec![0, 3],
                vec![1, 3],
                vec![2, 3]
            ]
        );
        assert_eq!(colex(3, 0), vec![Vec::<usize>::new()]);
        assert!(colex(1, 2).is_empty());
        assert_eq!(count(42, 7), 26_978_328);
        assert_eq!(count(100, 4), 3_921_225);
    }
}
