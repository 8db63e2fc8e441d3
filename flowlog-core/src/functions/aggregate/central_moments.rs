//! `skewness(x)` and `kurtosis(x)` as Trino computes them: the count and the first four
//! central moments, updated one value at a time and merged pairwise with the same
//! formulas as Trino's `CentralMomentsState`, so the answers agree to the last bit.
//!
//! ```text
//! skewness = sqrt(n) * M3 / M2^1.5                                        (n ≥ 3)
//! kurtosis = (n-1) n (n+1) / ((n-2)(n-3)) * M4 / M2² - 3 (n-1)² / ((n-2)(n-3))   (n ≥ 4)
//! ```
//!
//! (`M2`, `M3`, `M4`: sums of the squared, cubed and fourth-power deviations from the
//! mean; fewer values give NULL.)

use std::sync::Arc;

use arrow::array::{ArrayRef, AsArray};
use arrow::datatypes::{DataType, Field, FieldRef, Float64Type, Int64Type};
use datafusion::common::{ScalarValue, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{
    Accumulator, AggregateUDF, AggregateUDFImpl, Signature, Volatility,
};

use crate::functions::support::{documented, unexpected_parameters};

/// Which statistic of the moments.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Statistic {
    Skewness,
    Kurtosis,
}

/// `skewness(x)` or `kurtosis(x)` over DOUBLE (any number is read as one).
#[derive(Debug, PartialEq, Eq, Hash)]
pub struct CentralMoments {
    statistic: Statistic,
    signature: Signature,
}

/// `skewness` and `kurtosis`, for registration.
pub(crate) fn udafs() -> Vec<Arc<AggregateUDF>> {
    [Statistic::Skewness, Statistic::Kurtosis]
        .into_iter()
        .map(|statistic| {
            Arc::new(AggregateUDF::new_from_impl(CentralMoments {
                statistic,
                signature: Signature::user_defined(Volatility::Immutable),
            }))
        })
        .collect()
}

impl AggregateUDFImpl for CentralMoments {
    fn name(&self) -> &str {
        match self.statistic {
            Statistic::Skewness => "skewness",
            Statistic::Kurtosis => "kurtosis",
        }
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [t] if t.is_numeric() || t.is_null() => Ok(vec![DataType::Float64]),
            _ => {
                let expected = [
                    format!("{}(double)", self.name()),
                    format!("{}(bigint)", self.name()),
                ];
                let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
                Err(unexpected_parameters(self.name(), arg_types, &expected))
            }
        }
    }

    fn return_type(&self, _arg_types: &[DataType]) -> Result<DataType> {
        Ok(DataType::Float64)
    }

    fn state_fields(&self, _args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let f = |name: &str, t: DataType| Arc::new(Field::new(name, t, true));
        Ok(vec![
            f("count", DataType::Int64),
            f("m1", DataType::Float64),
            f("m2", DataType::Float64),
            f("m3", DataType::Float64),
            f("m4", DataType::Float64),
        ])
    }

    fn accumulator(&self, _args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(MomentsAccumulator {
            statistic: self.statistic,
            moments: Moments::default(),
        }))
    }

    documented!(
        "Aggregate Functions",
        "skewness(x) / kurtosis(x)",
        "Returns the skewness (3 values or more) or the excess kurtosis (4 values or more) of all input values.",
        "SELECT skewness(x), kurtosis(x) FROM (VALUES 1, 2, 3, 10) t(x);"
    );
}

/// The count and central moments of the values seen.
#[derive(Debug, Default, Clone, Copy, PartialEq)]
struct Moments {
    n: i64,
    m1: f64,
    m2: f64,
    m3: f64,
    m4: f64,
}

impl Moments {
    /// Add one value (Trino's `updateCentralMomentsState`).
    fn add(&mut self, value: f64) {
        let n1 = self.n;
        let n = n1 + 1;
        let (nf, n1f) = (n as f64, n1 as f64);
        let delta = value - self.m1;
        let delta_n = delta / nf;
        let delta_n2 = delta_n * delta_n;
        let dm2 = delta * delta_n * n1f;
        let (m2, m3) = (self.m2, self.m3);
        self.n = n;
        self.m1 += delta_n;
        self.m2 = m2 + dm2;
        self.m3 = m3 + dm2 * delta_n * (nf - 2.0) - 3.0 * delta_n * m2;
        // Added in Trino's order (left to right), so the sum rounds as Trino's does.
        self.m4 = self.m4 + dm2 * delta_n2 * (nf * nf - 3.0 * nf + 3.0) + 6.0 * delta_n2 * m2
            - 4.0 * delta_n * m3;
    }

    /// Merge another group's moments (Trino's `mergeCentralMomentsState`).
    fn merge(&mut self, other: &Moments) {
        if other.n == 0 {
            return;
        }
        let (na, nb) = (self.n as f64, other.n as f64);
        let n = na + nb;
        let delta = other.m1 - self.m1;
        let delta2 = delta * delta;
        let delta3 = delta * delta2;
        let delta4 = delta2 * delta2;
        let (m2a, m3a, m2b, m3b) = (self.m2, self.m3, other.m2, other.m3);
        self.n += other.n;
        self.m1 = (na * self.m1 + nb * other.m1) / n;
        self.m2 = m2a + m2b + delta2 * na * nb / n;
        self.m3 = m3a
            + m3b
            + delta3 * na * nb * (na - nb) / (n * n)
            + 3.0 * delta * (na * m2b - nb * m2a) / n;
        self.m4 = self.m4
            + other.m4
            + delta4 * na * nb * (na * na - na * nb + nb * nb) / (n * n * n)
            + 6.0 * delta2 * (na * na * m2b + nb * nb * m2a) / (n * n)
            + 4.0 * delta * (na * m3b - nb * m3a) / n;
    }

    fn skewness(&self) -> Option<f64> {
        (self.n >= 3).then(|| (self.n as f64).sqrt() * self.m3 / self.m2.powf(1.5))
    }

    fn kurtosis(&self) -> Option<f64> {
        let n = self.n as f64;
        (self.n >= 4).then(|| {
            (n - 1.0) * n * (n + 1.0) / ((n - 2.0) * (n - 3.0)) * self.m4 / (self.m2 * self.m2)
                - 3.0 * ((n - 1.0) * (n - 1.0)) / ((n - 2.0) * (n - 3.0))
        })
    }
}

#[derive(Debug)]
struct MomentsAccumulator {
    statistic: Statistic,
    moments: Moments,
}

impl Accumulator for MomentsAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let [xs] = values else {
            return plan_err!("central moments take one argument");
        };
        if xs.data_type().is_null() {
            return Ok(());
        }
        for x in xs.as_primitive::<Float64Type>().iter().flatten() {
            self.moments.add(x);
        }
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [n, m1, m2, m3, m4] = states else {
            return plan_err!(
                "central moments: state has {} columns, expected 5",
                states.len()
            );
        };
        let n = n.as_primitive::<Int64Type>();
        let [m1, m2, m3, m4] = [m1, m2, m3, m4].map(|m| m.as_primitive::<Float64Type>());
        for row in 0..n.len() {
            self.moments.merge(&Moments {
                n: n.value(row),
                m1: m1.value(row),
                m2: m2.value(row),
                m3: m3.value(row),
                m4: m4.value(row),
            });
        }
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let m = self.moments;
        Ok(vec![
            ScalarValue::Int64(Some(m.n)),
            ScalarValue::Float64(Some(m.m1)),
            ScalarValue::Float64(Some(m.m2)),
            ScalarValue::Float64(Some(m.m3)),
            ScalarValue::Float64(Some(m.m4)),
        ])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        Ok(ScalarValue::Float64(match self.statistic {
            Statistic::Skewness => self.moments.skewness(),
            Statistic::Kurtosis => self.moments.kurtosis(),
        }))
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self)
    }
}

#[cfg(test)]
mod tests {
    use super::Moments;

    #[test]
    fn merging_halves_matches_adding_all() {
        let values = [1.0, 2.0, 3.0, 10.0, -4.5, 7.25];
        let mut all = Moments::default();
        values.iter().for_each(|v| all.add(*v));
        let (mut a, mut b) = (Moments::default(), Moments::default());
        values[..2].iter().for_each(|v| a.add(*v));
        values[2..].iter().for_each(|v| b.add(*v));
        a.merge(&b);
        assert_eq!(a.n, all.n);
        for (x, y) in [(a.m2, all.m2), (a.m3, all.m3), (a.m4, all.m4)] {
            assert!((x - y).abs() <= 1e-9 * y.abs().max(1.0), "{x} {y}");
        }
    }
}
