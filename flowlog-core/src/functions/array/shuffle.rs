//! `shuffle(array)`: the elements of an array in a random order.

use std::hash::{BuildHasher, Hasher};

use arrow::datatypes::DataType;
use datafusion::error::Result;
use datafusion::logical_expr::{
    ColumnarValue, ScalarFunctionArgs, ScalarUDFImpl, Signature, Volatility,
};

use super::lists::{Lists, element_type, is_list_or_null, list_of, take_lists};
use crate::functions::support::{Rows, documented, unexpected_parameters};

/// `shuffle`: a random permutation of an array (volatile: each call differs).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct Shuffle {
    signature: Signature,
}

impl Shuffle {
    /// The function.
    pub fn new() -> Self {
        Self {
            signature: Signature::user_defined(Volatility::Volatile),
        }
    }
}

impl Default for Shuffle {
    fn default() -> Self {
        Self::new()
    }
}

/// A fresh pseudo-random sequence (xorshift), seeded from the process's hash keys.
struct Random(u64);

impl Random {
    fn new() -> Self {
        let mut h = std::collections::hash_map::RandomState::new().build_hasher();
        h.write_u64(0x9E37_79B9_7F4A_7C15);
        Self(h.finish() | 1)
    }

    /// A value in `0..bound` (`bound` > 0).
    fn below(&mut self, bound: usize) -> usize {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x % bound as u64) as usize
    }
}

impl ScalarUDFImpl for Shuffle {
    fn name(&self) -> &str {
        "shuffle"
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [a] if is_list_or_null(a) => Ok(vec![a.clone()]),
            _ => Err(unexpected_parameters(
                "shuffle",
                arg_types,
                &["shuffle(array(E))"],
            )),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        Ok(list_of(element_type(&arg_types[0])))
    }

    fn invoke_with_args(&self, args: ScalarFunctionArgs) -> Result<ColumnarValue> {
        let rows = Rows::new(&args)?;
        let lists = Lists::new(rows.array(0))?;
        let mut random = Random::new();
        let out: Vec<Option<Vec<Option<usize>>>> = (0..rows.len())
            .map(|r| {
                lists.range(r).map(|range| {
                    let mut items: Vec<Option<usize>> = range.map(Some).collect();
                    // Fisher-Yates.
                    for i in (1..items.len()).rev() {
                        items.swap(i, random.below(i + 1));
                    }
                    items
                })
            })
            .collect();
        rows.finish(take_lists(lists.values(), &out)?)
    }

    documented!(
        "Array Functions",
        "shuffle(x)",
        "Generate a random permutation of the given array x.",
        "SELECT shuffle(ARRAY[1, 2, 3]);"
    );
}
