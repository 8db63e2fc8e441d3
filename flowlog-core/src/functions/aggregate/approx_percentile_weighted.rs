//! `approx_percentile(x, w, p)` (Trino's weighted form), reached through the rewrite in
//! `dialect/aggregate.rs` as `"$approx_percentile_weighted"(x, w, p)`; the unweighted
//! `approx_percentile(x, p)` is the same with weight 1.
//!
//! Trino adds each `(x, w)` to an Airlift `TDigest` and answers `TDigest.valueAt(p)`. A
//! digest keeps one centroid per input until it has to compress (well over a hundred
//! inputs), so for the small groups of Trino's tests its answer is `valueAt` over the
//! sorted inputs themselves. flowlog keeps the inputs and applies the same `valueAt`
//! rule ([`value_at`]): the same answers where Trino's digest has not compressed. Past
//! twice `EXACT_POINTS` inputs a group's points are merged into equal-weight centroids
//! (`compress`), bounding its memory; the answer then approximates the exact weighted
//! percentile, as Trino's does.
//!
//! Result type as Trino's: BIGINT (rounded half up) for integer input, REAL for REAL,
//! DOUBLE otherwise. Rows with a NULL value or weight are skipped; none left gives NULL.
//! Weights must be finite and at least 1; the percentile between 0 and 1.

use crate::functions::support::scalar_udf;
use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray, Float64Array};
use arrow::datatypes::{DataType, Field, FieldRef, Float64Type};
use datafusion::common::{ScalarValue, exec_err, plan_err};
use datafusion::error::Result;
use datafusion::logical_expr::function::{AccumulatorArgs, StateFieldsArgs};
use datafusion::logical_expr::{Accumulator, AggregateUDF, AggregateUDFImpl, Signature};

/// Name the rewrite calls.
pub const APPROX_PERCENTILE_WEIGHTED: &str = "$approx_percentile_weighted";

scalar_udf! {
    /// The weighted `approx_percentile`.
    pub struct ApproxPercentileWeighted;
}

/// The type Trino computes and returns for an input of type `t`.
fn value_type(t: &DataType) -> Option<DataType> {
    match t {
        t if t.is_integer() => Some(DataType::Int64),
        DataType::Float32 => Some(DataType::Float32),
        DataType::Null | DataType::Float16 | DataType::Float64 => Some(DataType::Float64),
        DataType::Decimal128(..) | DataType::Decimal256(..) => Some(DataType::Float64),
        _ => None,
    }
}

fn numeric(t: &DataType) -> bool {
    t.is_numeric() || t == &DataType::Null
}

impl AggregateUDFImpl for ApproxPercentileWeighted {
    fn name(&self) -> &str {
        APPROX_PERCENTILE_WEIGHTED
    }

    fn signature(&self) -> &Signature {
        &self.signature
    }

    fn coerce_types(&self, arg_types: &[DataType]) -> Result<Vec<DataType>> {
        match arg_types {
            [x, w, p] if numeric(w) && numeric(p) => match value_type(x) {
                Some(x) => Ok(vec![x, DataType::Float64, DataType::Float64]),
                None => plan_err!(
                    "approx_percentile: the value must be a number, not {x} (weighted form: approx_percentile(x, weight, percentage))"
                ),
            },
            _ => plan_err!(
                "approx_percentile: unexpected arguments for approx_percentile(x, weight, percentage): {arg_types:?}"
            ),
        }
    }

    fn return_type(&self, arg_types: &[DataType]) -> Result<DataType> {
        match arg_types.first().and_then(value_type) {
            Some(t) => Ok(t),
            None => plan_err!("approx_percentile: the value must be a number"),
        }
    }

    fn state_fields(&self, args: StateFieldsArgs) -> Result<Vec<FieldRef>> {
        let list = |name: &str| {
            Arc::new(Field::new(
                format!("{}[{name}]", args.name),
                DataType::new_list(DataType::Float64, true),
                true,
            ))
        };
        Ok(vec![
            list("values"),
            list("weights"),
            Arc::new(Field::new(
                format!("{}[percentile]", args.name),
                DataType::Float64,
                true,
            )),
        ])
    }

    fn accumulator(&self, args: AccumulatorArgs) -> Result<Box<dyn Accumulator>> {
        Ok(Box::new(WeightedAccumulator {
            output: args.return_field.data_type().clone(),
            points: Vec::new(),
            percentile: None,
        }))
    }
}

/// Every aggregated `(value, weight)` and the last percentile seen.
#[derive(Debug)]
struct WeightedAccumulator {
    output: DataType,
    points: Vec<(f64, f64)>,
    percentile: Option<f64>,
}

/// Inputs a group keeps one by one; past this many they are merged into centroids
/// ([`compress`]), as Trino's digest merges its own past about a hundred.
const EXACT_POINTS: usize = 8192;

impl WeightedAccumulator {
    /// Keep the group's memory bounded: merge the points into centroids once there are
    /// more than twice [`EXACT_POINTS`] of them.
    fn bound(&mut self) {
        if self.points.len() > 2 * EXACT_POINTS {
            self.points.sort_by(|a, b| a.0.total_cmp(&b.0));
            self.points = compress(&self.points, EXACT_POINTS);
        }
    }
}

/// Merge sorted `points` into about `target` centroids of equal weight (each the weighted
/// mean of its points), keeping the smallest and the largest point as they are so that
/// percentiles 0 and 1 still answer the minimum and the maximum.
fn compress(points: &[(f64, f64)], target: usize) -> Vec<(f64, f64)> {
    let n = points.len();
    if n <= target.max(2) {
        return points.to_vec();
    }
    let inner = &points[1..n - 1];
    let total: f64 = inner.iter().map(|p| p.1).sum();
    let per_centroid = total / (target - 2).max(1) as f64;
    let mut out = Vec::with_capacity(target + 2);
    out.push(points[0]);
    let (mut sum, mut weight) = (0.0, 0.0);
    for &(x, w) in inner {
        sum += x * w;
        weight += w;
        if weight >= per_centroid {
            out.push((sum / weight, weight));
            (sum, weight) = (0.0, 0.0);
        }
    }
    if weight > 0.0 {
        out.push((sum / weight, weight));
    }
    out.push(points[n - 1]);
    out
}

/// Java's `String.valueOf(double)` for the numbers in error messages.
fn java_double(v: f64) -> String {
    if v.is_nan() {
        "NaN".into()
    } else if v.is_infinite() {
        if v > 0.0 { "Infinity" } else { "-Infinity" }.into()
    } else if v == 0.0 || (1e-3..1e7).contains(&v.abs()) {
        let plain = v.to_string();
        if plain.contains('.') {
            plain
        } else {
            plain + ".0"
        }
    } else {
        crate::functions::arithmetic::float_text::double_text(v)
    }
}

fn floats(array: &ArrayRef) -> Result<Float64Array> {
    match arrow::compute::cast(array, &DataType::Float64)?.as_primitive_opt::<Float64Type>() {
        Some(a) => Ok(a.clone()),
        None => exec_err!("approx_percentile: expected a number"),
    }
}

impl Accumulator for WeightedAccumulator {
    fn update_batch(&mut self, values: &[ArrayRef]) -> Result<()> {
        let [xs, ws, ps] = values else {
            return exec_err!("approx_percentile: expected (x, weight, percentage)");
        };
        let (xs, ws, ps) = (floats(xs)?, floats(ws)?, floats(ps)?);
        for row in 0..xs.len() {
            if xs.is_null(row) || ws.is_null(row) || ps.is_null(row) {
                continue;
            }
            let w = ws.value(row);
            if !w.is_finite() {
                return exec_err!("weight must be finite, was {}", java_double(w));
            }
            if w < 1.0 {
                return exec_err!("weight must be >= 1, was {}", java_double(w));
            }
            self.points.push((xs.value(row), w));
            self.percentile = Some(ps.value(row));
        }
        self.bound();
        Ok(())
    }

    fn merge_batch(&mut self, states: &[ArrayRef]) -> Result<()> {
        let [values, weights, percentiles] = states else {
            return exec_err!("approx_percentile: state has {} columns", states.len());
        };
        let percentiles = floats(percentiles)?;
        for row in 0..values.len() {
            if values.is_null(row) || weights.is_null(row) {
                continue;
            }
            let vs = values.as_list::<i32>().value(row);
            let ws = weights.as_list::<i32>().value(row);
            let (vs, ws) = (floats(&vs)?, floats(&ws)?);
            self.points
                .extend(vs.values().iter().copied().zip(ws.values().iter().copied()));
            if !percentiles.is_null(row) {
                self.percentile = Some(percentiles.value(row));
            }
        }
        self.bound();
        Ok(())
    }

    fn state(&mut self) -> Result<Vec<ScalarValue>> {
        let list = |f: fn(&(f64, f64)) -> f64| {
            let a: Float64Array = self.points.iter().map(|p| Some(f(p))).collect();
            ScalarValue::List(Arc::new(arrow::array::ListArray::new(
                Arc::new(Field::new_list_field(DataType::Float64, true)),
                arrow::buffer::OffsetBuffer::from_lengths([a.len()]),
                Arc::new(a),
                None,
            )))
        };
        Ok(vec![
            list(|p| p.0),
            list(|p| p.1),
            ScalarValue::Float64(self.percentile),
        ])
    }

    fn evaluate(&mut self) -> Result<ScalarValue> {
        let null = ScalarValue::try_from(&self.output)?;
        let Some(p) = self.percentile else {
            return Ok(null);
        };
        if self.points.is_empty() {
            return Ok(null);
        }
        if !(0.0..=1.0).contains(&p) {
            return exec_err!("Percentile must be between 0 and 1");
        }
        self.points.sort_by(|a, b| a.0.total_cmp(&b.0));
        let v = value_at(&self.points, p);
        Ok(match self.output {
            // Java's Math.round: half up.
            DataType::Int64 => ScalarValue::Int64(Some((v + 0.5).floor() as i64)),
            DataType::Float32 => ScalarValue::Float32(Some(v as f32)),
            _ => ScalarValue::Float64(Some(v)),
        })
    }

    fn size(&self) -> usize {
        std::mem::size_of_val(self) + 16 * self.points.capacity()
    }
}

/// `(x1·w1 + x2·w2) / (w1 + w2)`, kept between `x1` and `x2`.
fn weighted_average(x1: f64, w1: f64, x2: f64, w2: f64) -> f64 {
    let (x1, w1, x2, w2) = if x1 <= x2 {
        (x1, w1, x2, w2)
    } else {
        (x2, w2, x1, w1)
    };
    let x = (x1 * w1 + x2 * w2) / (w1 + w2);
    x.min(x2).max(x1)
}

/// The value at quantile `q` of `centroids` (sorted by value, not empty), by Airlift's
/// `TDigest.valueAt` rule: a centroid of weight 1 is a point owning half a unit on each
/// side; between centroids the value is interpolated by weight.
pub(crate) fn value_at(centroids: &[(f64, f64)], q: f64) -> f64 {
    let n = centroids.len();
    let (means, weights): (Vec<f64>, Vec<f64>) = centroids.iter().copied().unzip();
    if n == 1 {
        return means[0];
    }
    let (min, max) = (means[0], means[n - 1]);
    let total: f64 = weights.iter().sum();
    let index = q * total;
    if index < 1.0 {
        return min;
    }
    if weights[0] > 1.0 && index < weights[0] / 2.0 {
        return min + (index - 1.0) / (weights[0] / 2.0 - 1.0) * (means[0] - min);
    }
    if index > total - 1.0 {
        return max;
    }
    if weights[n - 1] > 1.0 && total - index <= weights[n - 1] / 2.0 {
        return max - (total - index - 1.0) / (weights[n - 1] / 2.0 - 1.0) * (max - means[n - 1]);
    }
    let mut so_far = weights[0] / 2.0;
    for i in 0..n - 1 {
        let dw = (weights[i] + weights[i + 1]) / 2.0;
        if so_far + dw > index {
            let mut left_unit = 0.0;
            if weights[i] == 1.0 {
                if index - so_far < 0.5 {
                    return means[i];
                }
                left_unit = 0.5;
            }
            let mut right_unit = 0.0;
            if weights[i + 1] == 1.0 {
                if so_far + dw - index <= 0.5 {
                    return means[i + 1];
                }
                right_unit = 0.5;
            }
            let z1 = index - so_far - left_unit;
            let z2 = so_far + dw - index - right_unit;
            return weighted_average(means[i], z2, means[i + 1], z1);
        }
        so_far += dw;
    }
    let z1 = index - total - weights[n - 1] / 2.0;
    let z2 = weights[n - 1] / 2.0 - z1;
    weighted_average(means[n - 1], z1, max, z2)
}

/// `Arc` form, for registration.
pub(crate) fn udaf() -> Arc<AggregateUDF> {
    Arc::new(AggregateUDF::new_from_impl(ApproxPercentileWeighted::new()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn points(xs: &[f64], ws: &[f64]) -> Vec<(f64, f64)> {
        xs.iter().copied().zip(ws.iter().copied()).collect()
    }

    #[test]
    fn trino_weighted_cases() {
        let xs = [1.0, 2.0, 2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 5.0, 6.0, 7.0];
        let ws = [1.0, 2.0, 2.0, 2.0, 2.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0];
        assert_eq!(value_at(&points(&xs, &ws), 0.5), 2.75);
        let p = points(&[1.0, 2.0, 3.0], &[4.0, 2.0, 1.0]);
        assert_eq!(value_at(&p, 0.5), 1.5);
        assert_eq!(value_at(&p, 0.8), 2.6000000000000005);
        assert_eq!(value_at(&points(&[-1.0, 1.0], &[1.0, 1.0]), 0.5), 1.0);
        let seq: Vec<(f64, f64)> = (0..10000).map(|i| (f64::from(i), 1.0)).collect();
        assert_eq!(value_at(&seq, 0.99), 9900.0);
    }

    #[test]
    fn compressed_groups_stay_close() {
        let seq: Vec<(f64, f64)> = (0..100_000).map(|i| (f64::from(i), 1.0)).collect();
        let small = compress(&seq, EXACT_POINTS);
        assert!(small.len() <= EXACT_POINTS + 2);
        assert_eq!(small.iter().map(|p| p.1).sum::<f64>(), 100_000.0);
        assert_eq!(value_at(&small, 0.0), 0.0);
        assert_eq!(value_at(&small, 1.0), 99_999.0);
        let median = value_at(&small, 0.5);
        assert!((median - 50_000.0).abs() < 20.0, "{median}");
    }
}
