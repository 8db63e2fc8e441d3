//! The aligned table for a terminal, capped like DuckDB's: at most `max_rows` rows are
//! kept (the first half and the last half), the rest are counted, so `select *` over
//! months of logs prints forty lines, not gigabytes. Widths count East Asian wide
//! characters (日本語 column names and values) as two columns.
//!
//! A table wider than `max_width` (the terminal's width by default) is fitted to it:
//! the widest columns are cut first, their values ending in `…`, down to
//! [`MIN_COLUMN_WIDTH`]; if that is still too wide, columns in the middle are left out
//! behind one `…` column (the others kept readable, up to 24 columns wide each), and a
//! line says how many are shown.

use std::collections::VecDeque;
use std::io::Write;

use unicode_width::UnicodeWidthStr;

/// One row as rendered text; `None` is SQL NULL.
type Row = Vec<Option<String>>;

/// The narrowest a column is cut to when the table is fitted to the terminal.
pub(crate) const MIN_COLUMN_WIDTH: usize = 6;
/// When columns must be left out, the width each kept one is first given (enough for
/// an IPv4 address or an ENI id): fewer columns, each readable.
const KEPT_COLUMN_WIDTH: usize = 24;

/// Rows kept for the table, which needs every width before it prints.
#[derive(Debug)]
pub(crate) struct TableView {
    names: Vec<String>,
    numeric: Vec<bool>,
    /// The most rows shown; 0 shows all.
    max_rows: usize,
    /// The widest a line may be, in terminal columns; 0: no limit.
    max_width: usize,
    head: Vec<Row>,
    tail: VecDeque<Row>,
    total: u64,
}

impl TableView {
    /// An empty table with these columns; `numeric` columns are right-aligned. Lines
    /// are fitted to `max_width` terminal columns (0: no limit).
    pub(crate) fn new(
        names: Vec<String>,
        numeric: Vec<bool>,
        max_rows: usize,
        max_width: usize,
    ) -> Self {
        Self {
            names,
            numeric,
            max_rows,
            max_width,
            head: Vec::new(),
            tail: VecDeque::new(),
            total: 0,
        }
    }

    /// Whether the next row would be kept (the caller may skip rendering it otherwise):
    /// rows in the middle of a long result are only counted.
    pub(crate) fn wants_head(&self) -> bool {
        self.max_rows == 0 || self.head.len() < self.max_rows.div_ceil(2)
    }

    /// Add one row.
    pub(crate) fn push(&mut self, row: Row) {
        self.total += 1;
        if self.wants_head() {
            self.head.push(row);
            return;
        }
        let tail_cap = self.max_rows / 2;
        if tail_cap == 0 {
            return;
        }
        self.tail.push_back(row);
        if self.tail.len() > tail_cap {
            self.tail.pop_front();
        }
    }

    /// Print the table and its row count.
    pub(crate) fn write<W: Write>(&self, out: &mut W) -> std::io::Result<()> {
        let hidden = self.total - (self.head.len() + self.tail.len()) as u64;
        let shown = || self.head.iter().chain(self.tail.iter());
        let mut natural: Vec<usize> = self.names.iter().map(|n| width(n)).collect();
        for row in shown() {
            for (i, v) in row.iter().enumerate() {
                natural[i] = natural[i].max(width(v.as_deref().unwrap_or("NULL")));
            }
        }
        let columns = fit(&natural, self.max_width);
        let cells = |text: &dyn Fn(usize) -> String, numeric: bool| -> String {
            let parts: Vec<String> = columns
                .iter()
                .map(|c| match c {
                    Shown::Column { index, width } => pad(
                        &cut(&text(*index), *width),
                        *width,
                        numeric && self.numeric[*index],
                    ),
                    Shown::Elided => "…".to_string(),
                })
                .collect();
            format!(" {} ", parts.join(" | "))
        };
        writeln!(out, "{}", cells(&|i| self.names[i].clone(), false))?;
        let rule: Vec<String> = columns
            .iter()
            .map(|c| match c {
                Shown::Column { width, .. } => "-".repeat(*width),
                Shown::Elided => "-".to_string(),
            })
            .collect();
        writeln!(out, "-{}-", rule.join("-+-"))?;
        let line = |row: &Row| {
            cells(
                &|i| row[i].clone().unwrap_or_else(|| "NULL".to_string()),
                true,
            )
        };
        for row in &self.head {
            writeln!(out, "{}", line(row))?;
        }
        if hidden > 0 {
            writeln!(out, "{}", cells(&|_| "…".to_string(), false))?;
        }
        for row in &self.tail {
            writeln!(out, "{}", line(row))?;
        }
        let n = self.total;
        if hidden > 0 {
            writeln!(
                out,
                "({n} rows, {} shown; --max-rows N shows more, 0 all, or write the result with -o result.csv)",
                n - hidden
            )?;
        } else {
            writeln!(out, "({n} row{})", if n == 1 { "" } else { "s" })?;
        }
        let kept = columns.iter().filter(|c| **c != Shown::Elided).count();
        if kept < self.names.len() {
            writeln!(
                out,
                "({} columns, {kept} shown to fit {} terminal columns; --max-width 0 shows all, or name fewer columns in the SELECT)",
                self.names.len(),
                self.max_width
            )?;
        }
        Ok(())
    }
}

/// One column of the printed table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shown {
    /// Column `index`, printed `width` terminal columns wide.
    Column { index: usize, width: usize },
    /// The `…` that stands for the columns left out.
    Elided,
}

/// The width of a line of `columns`: the cells, ` | ` between them and a space at
/// each end.
fn line_width(columns: &[Shown]) -> usize {
    let cells: usize = columns
        .iter()
        .map(|c| match c {
            Shown::Column { width, .. } => *width,
            Shown::Elided => 1,
        })
        .sum();
    cells + 3 * columns.len().saturating_sub(1) + 2
}

/// The columns to print and their widths, for columns of `natural` widths in lines of
/// at most `max_width` (0: no limit): the widest are cut first (to no less than
/// [`MIN_COLUMN_WIDTH`]), then middle columns are left out.
fn fit(natural: &[usize], max_width: usize) -> Vec<Shown> {
    let all: Vec<usize> = (0..natural.len()).collect();
    let capped = |indices: &[usize], cap: usize| -> Vec<Shown> {
        let mut out: Vec<Shown> = indices
            .iter()
            .map(|&index| Shown::Column {
                index,
                width: natural[index].min(cap.max(MIN_COLUMN_WIDTH)),
            })
            .collect();
        if indices.len() < natural.len() {
            // The left-out columns sit between the first ones kept and the last ones.
            let split = indices
                .windows(2)
                .position(|w| w[1] != w[0] + 1)
                .map_or(indices.len(), |p| p + 1);
            out.insert(split, Shown::Elided);
        }
        out
    };
    let widest = natural.iter().copied().max().unwrap_or(0);
    if max_width == 0 || line_width(&capped(&all, widest)) <= max_width {
        return capped(&all, widest);
    }
    // The largest cap on every column's width that fits, if any does.
    let best_cap = |indices: &[usize]| -> Option<usize> {
        if line_width(&capped(indices, MIN_COLUMN_WIDTH)) > max_width {
            return None;
        }
        let (mut lo, mut hi) = (MIN_COLUMN_WIDTH, widest);
        while lo < hi {
            let mid = (lo + hi).div_ceil(2);
            if line_width(&capped(indices, mid)) <= max_width {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        Some(lo)
    };
    if let Some(cap) = best_cap(&all) {
        return capped(&all, cap);
    }
    // Keep columns from both ends, the first ones first, while they fit at a readable
    // width; then widen them as far as the line allows.
    let (mut left, mut right) = (0usize, natural.len());
    let mut kept: Vec<usize> = Vec::new();
    let mut take_left = true;
    while left < right {
        let next = if take_left { left } else { right - 1 };
        let mut trial = kept.clone();
        trial.push(next);
        trial.sort_unstable();
        if line_width(&capped(&trial, KEPT_COLUMN_WIDTH)) > max_width {
            break;
        }
        kept = trial;
        if take_left {
            left += 1;
        } else {
            right -= 1;
        }
        take_left = !take_left;
    }
    if kept.is_empty() {
        // Not even one column fits: show the first one anyway.
        kept.push(0);
    }
    let cap = best_cap(&kept).unwrap_or(MIN_COLUMN_WIDTH);
    capped(&kept, cap)
}

/// `s` cut to `w` terminal columns, ending in `…` when it was longer.
fn cut(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    let mut out = out.trim_end().to_string();
    out.push('…');
    out
}

/// The width of the terminal stdout prints to, or 0 (no limit) when stdout is not a
/// terminal.
pub(crate) fn terminal_width() -> usize {
    let term = console::Term::stdout();
    if !term.is_term() {
        return 0;
    }
    term.size_checked()
        .map_or(0, |(_, columns)| usize::from(columns))
}

/// Columns a string takes in a terminal: East Asian wide characters count two.
fn width(s: &str) -> usize {
    UnicodeWidthStr::width(s)
}

fn pad(s: &str, w: usize, right: bool) -> String {
    let fill = " ".repeat(w.saturating_sub(width(s)));
    if right {
        format!("{fill}{s}")
    } else {
        format!("{s}{fill}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn render(view: &TableView) -> String {
        let mut out = Vec::new();
        view.write(&mut out).unwrap();
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn wide_characters_count_double() {
        let mut view = TableView::new(vec!["送信元".into(), "n".into()], vec![false, true], 40, 0);
        view.push(vec![Some("10.0.0.1".into()), Some("1".into())]);
        view.push(vec![None, Some("22".into())]);
        assert_eq!(
            render(&view),
            " 送信元   | n  \n\
             ----------+----\n \
             10.0.0.1 |  1 \n \
             NULL     | 22 \n\
             (2 rows)\n"
        );
    }

    #[test]
    fn long_results_keep_the_first_and_last_rows() {
        let mut view = TableView::new(vec!["x".into()], vec![true], 4, 0);
        for i in 1..=10 {
            view.push(vec![Some(i.to_string())]);
        }
        assert_eq!(
            render(&view),
            " x  \n----\n  1 \n  2 \n …  \n  9 \n 10 \n\
             (10 rows, 4 shown; --max-rows N shows more, 0 all, or write the result with -o result.csv)\n"
        );
    }
    /// Every line of the table (not the notes under it) is at most `max` terminal
    /// columns wide.
    fn assert_fits(text: &str, max: usize) {
        for line in text.lines().filter(|l| !l.starts_with('(')) {
            assert!(
                width(line) <= max,
                "{} > {max}: {line:?}\n{text}",
                width(line)
            );
        }
    }

    #[test]
    fn a_wide_table_cuts_its_widest_columns_first() {
        let names = vec!["srcaddr".into(), "note".into(), "n".into()];
        let mut view = TableView::new(names, vec![false, false, true], 40, 30);
        view.push(vec![
            Some("10.0.0.1".into()),
            Some("a very long value that will not fit".into()),
            Some("7".into()),
        ]);
        let text = render(&view);
        assert_fits(&text, 30);
        // srcaddr (8) and n (1) keep their width; the note gets the other 13 of the 30
        // columns and is cut with an ellipsis (the space before it dropped).
        assert_eq!(
            text,
            " srcaddr  | note          | n \n\
             ----------+---------------+---\n \
             10.0.0.1 | a very long…  | 7 \n\
             (1 row)\n"
        );
    }

    #[test]
    fn wide_characters_are_cut_on_character_boundaries() {
        assert_eq!(cut("送信元アドレス", 7), "送信元…");
        assert_eq!(width(&cut("送信元アドレス", 7)), 7);
        assert_eq!(cut("送信元アドレス", 8), "送信元…");
        assert_eq!(cut("abc", 3), "abc");
    }

    #[test]
    fn too_many_columns_leave_out_the_middle_and_say_so() {
        let names: Vec<String> = (1..=12).map(|i| format!("column_{i:02}")).collect();
        let mut view = TableView::new(names, vec![false; 12], 40, 60);
        view.push((1..=12).map(|i| Some(format!("value_{i:02}"))).collect());
        let text = render(&view);
        assert_fits(&text, 60);
        // Whole columns from both ends (first, last, second, second to last) while they
        // fit; the rest are one `…` column.
        assert_eq!(
            text,
            " column_01 | column_02 | … | column_11 | column_12 \n\
             -----------+-----------+---+-----------+-----------\n \
             value_01  | value_02  | … | value_11  | value_12  \n\
             (1 row)\n\
             (12 columns, 4 shown to fit 60 terminal columns; --max-width 0 shows all, or name fewer columns in the SELECT)\n"
        );
    }

    #[test]
    fn no_limit_prints_every_column_whole() {
        let names: Vec<String> = (1..=12).map(|i| format!("column_{i:02}")).collect();
        let mut view = TableView::new(names, vec![false; 12], 40, 0);
        view.push((1..=12).map(|i| Some(format!("value_{i:02}"))).collect());
        let text = render(&view);
        assert!(text.lines().next().unwrap().contains("column_06"), "{text}");
        assert!(!text.contains('…'), "{text}");
    }
}
