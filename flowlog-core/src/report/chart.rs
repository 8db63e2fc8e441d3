//! Charts as inline SVG: a line over time labels, or horizontal bars over categories.
//!
//! Drawn on the server side, so the report needs no script to show them and prints as
//! it looks. Every mark carries a `<title>` with its label and exact value.

use std::fmt::Write;

use super::answer::AnswerTable;
use super::html::escape;
use crate::questions::Chart;

const WIDTH: f64 = 760.0;
const FONT: &str = "font-family=\"system-ui, sans-serif\" font-size=\"11\"";

/// One labelled value per row.
struct Series {
    labels: Vec<String>,
    values: Vec<f64>,
    label_title: String,
    value_title: String,
}

impl Series {
    fn of(chart: Chart, table: &AnswerTable) -> Option<Self> {
        let (label_columns, value): (Vec<usize>, &str) = match chart {
            Chart::Line { value } => (vec![0], value),
            Chart::Bar { label, value } => (
                label
                    .iter()
                    .map(|l| table.column(l))
                    .collect::<Option<_>>()?,
                value,
            ),
        };
        let value_column = table.column(value)?;
        let mut labels = Vec::new();
        let mut values = Vec::new();
        for row in &table.rows {
            let label: Vec<&str> = label_columns
                .iter()
                .map(|c| row[*c].as_deref().unwrap_or("NULL"))
                .collect();
            labels.push(label.join(" → "));
            values.push(
                row[value_column]
                    .as_deref()
                    .and_then(|v| v.parse().ok())
                    .unwrap_or(0.0),
            );
        }
        let label_title = label_columns
            .iter()
            .map(|c| table.columns[*c].as_str())
            .collect::<Vec<_>>()
            .join(" → ");
        Some(Self {
            labels,
            values,
            label_title,
            value_title: value.to_string(),
        })
    }

    fn max(&self) -> f64 {
        self.values.iter().copied().fold(0.0, f64::max)
    }
}

/// The chart of `table` as an SVG element, or `None` when it has no rows or lacks the
/// chart's columns.
pub(crate) fn svg(chart: Chart, table: &AnswerTable, name: &str) -> Option<String> {
    let series = Series::of(chart, table)?;
    if series.values.is_empty() {
        return None;
    }
    Some(match chart {
        Chart::Line { .. } => line(&series, name),
        Chart::Bar { .. } => bars(&series, name),
    })
}

/// Axis ticks from 0 past `max`: steps of 1, 2 or 5 × 10ⁿ, about five of them.
fn ticks(max: f64) -> Vec<f64> {
    if max <= 0.0 {
        return vec![0.0, 1.0];
    }
    let raw = max / 5.0;
    let magnitude = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * magnitude)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * magnitude);
    let count = (max / step).ceil() as usize;
    (0..=count).map(|i| i as f64 * step).collect()
}

/// A short label for an axis: `1.5k`, `20M`, `3G`.
fn short(value: f64) -> String {
    let (scaled, suffix) = [(1e12, "T"), (1e9, "G"), (1e6, "M"), (1e3, "k")]
        .iter()
        .find(|(unit, _)| value.abs() >= *unit)
        .map_or((value, ""), |(unit, s)| (value / unit, *s));
    let text = format!("{scaled:.1}");
    let text = text.strip_suffix(".0").unwrap_or(&text);
    format!("{text}{suffix}")
}

/// A value as its exact text for a tooltip (integers without a fraction).
fn exact(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        value.to_string()
    }
}

fn truncate(text: &str, chars: usize) -> String {
    if text.chars().count() <= chars {
        text.to_string()
    } else {
        let mut t: String = text.chars().take(chars - 1).collect();
        t.push('…');
        t
    }
}

fn line(series: &Series, name: &str) -> String {
    let (left, right, top, bottom) = (72.0, 16.0, 16.0, 84.0);
    let height = 300.0;
    let (pw, ph) = (WIDTH - left - right, height - top - bottom);
    let ticks = ticks(series.max());
    let top_value = *ticks.last().unwrap_or(&1.0);
    let n = series.values.len();
    let x = |i: usize| left + (i as f64 + 0.5) * pw / n as f64;
    let y = |v: f64| top + ph - v / top_value * ph;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart line\" data-question=\"{}\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" {FONT}>",
        escape(name),
        escape(&format!("{} / {}", series.value_title, series.label_title)),
    );
    for t in &ticks {
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{left}\" x2=\"{}\" y1=\"{y:.1}\" y2=\"{y:.1}\" stroke=\"#ddd\"/><text class=\"tick y\" x=\"{}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            left + pw,
            left - 6.0,
            y(*t) + 4.0,
            short(*t),
            y = y(*t),
        );
    }
    let every = n.div_ceil(12).max(1);
    for (i, label) in series.labels.iter().enumerate() {
        if i % every == 0 {
            let _ = write!(
                s,
                "<text class=\"tick x\" transform=\"translate({:.1},{:.1}) rotate(-35)\" text-anchor=\"end\">{}</text>",
                x(i),
                top + ph + 14.0,
                escape(label)
            );
        }
    }
    let points: Vec<String> = series
        .values
        .iter()
        .enumerate()
        .map(|(i, v)| format!("{:.1},{:.1}", x(i), y(*v)))
        .collect();
    let _ = write!(
        s,
        "<polyline class=\"series\" fill=\"none\" stroke=\"#2563eb\" stroke-width=\"2\" points=\"{}\"/>",
        points.join(" ")
    );
    for (i, (label, v)) in series.labels.iter().zip(&series.values).enumerate() {
        let _ = write!(
            s,
            "<circle class=\"mark\" cx=\"{:.1}\" cy=\"{:.1}\" r=\"3\" fill=\"#2563eb\"><title>{}: {}</title></circle>",
            x(i),
            y(*v),
            escape(label),
            exact(*v)
        );
    }
    let _ = write!(
        s,
        "<text class=\"axis-label y\" transform=\"translate(14,{:.1}) rotate(-90)\" text-anchor=\"middle\">{}</text><text class=\"axis-label x\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text></svg>",
        top + ph / 2.0,
        escape(&series.value_title),
        left + pw / 2.0,
        height - 6.0,
        escape(&series.label_title)
    );
    s
}

fn bars(series: &Series, name: &str) -> String {
    let (left, right, top) = (280.0, 72.0, 8.0);
    let (bar, gap) = (18.0, 6.0);
    let n = series.values.len() as f64;
    let pw = WIDTH - left - right;
    let ph = n * (bar + gap);
    let height = top + ph + 44.0;
    let ticks = ticks(series.max());
    let top_value = *ticks.last().unwrap_or(&1.0);
    let x = |v: f64| left + v / top_value * pw;
    let mut s = String::new();
    let _ = write!(
        s,
        "<svg class=\"chart bar\" data-question=\"{}\" viewBox=\"0 0 {WIDTH} {height}\" width=\"100%\" role=\"img\" aria-label=\"{}\" xmlns=\"http://www.w3.org/2000/svg\" {FONT}>",
        escape(name),
        escape(&format!("{} / {}", series.value_title, series.label_title)),
    );
    for t in &ticks {
        let _ = write!(
            s,
            "<line class=\"grid\" x1=\"{x:.1}\" x2=\"{x:.1}\" y1=\"{top}\" y2=\"{:.1}\" stroke=\"#ddd\"/><text class=\"tick x\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
            top + ph,
            top + ph + 14.0,
            short(*t),
            x = x(*t),
        );
    }
    for (i, (label, v)) in series.labels.iter().zip(&series.values).enumerate() {
        let y = top + i as f64 * (bar + gap);
        let _ = write!(
            s,
            "<text class=\"tick y\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text><rect class=\"mark\" x=\"{left}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{bar}\" fill=\"#2563eb\"><title>{}: {}</title></rect><text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            left - 6.0,
            y + bar / 2.0 + 4.0,
            escape(&truncate(label, 44)),
            (x(*v) - left).max(0.5),
            escape(label),
            exact(*v),
            x(*v) + 4.0,
            y + bar / 2.0 + 4.0,
            short(*v),
        );
    }
    let _ = write!(
        s,
        "<text class=\"axis-label x\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text><text class=\"axis-label y\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text></svg>",
        left + pw / 2.0,
        height - 6.0,
        escape(&series.value_title),
        left - 6.0,
        height - 6.0,
        escape(&series.label_title),
    );
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(columns: &[&str], rows: &[&[&str]]) -> AnswerTable {
        AnswerTable {
            columns: columns.iter().map(|c| c.to_string()).collect(),
            rows: rows
                .iter()
                .map(|r| r.iter().map(|v| Some(v.to_string())).collect())
                .collect(),
        }
    }

    #[test]
    fn ticks_are_round_and_cover_the_maximum() {
        assert_eq!(ticks(9.0), [0.0, 2.0, 4.0, 6.0, 8.0, 10.0]);
        assert_eq!(ticks(123_456.0), [0.0, 50_000.0, 100_000.0, 150_000.0]);
        assert_eq!(ticks(0.0), [0.0, 1.0]);
    }

    #[test]
    fn short_labels() {
        assert_eq!(short(0.0), "0");
        assert_eq!(short(1_500.0), "1.5k");
        assert_eq!(short(20_000_000.0), "20M");
        assert_eq!(short(999.0), "999");
    }

    #[test]
    fn a_line_has_one_mark_per_row_and_both_axis_titles() {
        let t = table(
            &["hour", "bytes"],
            &[&["2026-11-19 09:00", "100"], &["2026-11-19 10:00", "250"]],
        );
        let svg = svg(Chart::Line { value: "bytes" }, &t, "traffic-per-hour").unwrap();
        assert_eq!(svg.matches("<circle class=\"mark\"").count(), 2);
        assert!(svg.contains("<title>2026-11-19 10:00: 250</title>"));
        assert!(svg.contains(">bytes</text>") && svg.contains(">hour</text>"));
    }

    #[test]
    fn bars_are_labelled_by_their_columns_and_escaped() {
        let t = table(&["srcaddr", "flows"], &[&["<x>", "3"], &["10.0.0.1", "1"]]);
        let chart = Chart::Bar {
            label: &["srcaddr"],
            value: "flows",
        };
        let svg = svg(chart, &t, "q").unwrap();
        assert_eq!(svg.matches("<rect class=\"mark\"").count(), 2);
        assert!(svg.contains("&lt;x&gt;: 3"));
        assert!(!svg.contains("<x>"));
    }

    #[test]
    fn no_rows_no_chart() {
        let t = table(&["srcaddr", "flows"], &[]);
        let chart = Chart::Bar {
            label: &["srcaddr"],
            value: "flows",
        };
        assert!(svg(chart, &t, "q").is_none());
    }
}
