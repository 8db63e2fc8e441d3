//! The aligned table for a terminal, capped like DuckDB's: at most `max_rows` rows are
//! kept (the first half and the last half), the rest are counted, so `select *` over
//! months of logs prints forty lines, not gigabytes. Widths count East Asian wide
//! characters (日本語 column names and values) as two columns.

use std::collections::VecDeque;
use std::io::Write;

use unicode_width::UnicodeWidthStr;

/// One row as rendered text; `None` is SQL NULL.
type Row = Vec<Option<String>>;

/// Rows kept for the table, which needs every width before it prints.
#[derive(Debug)]
pub(crate) struct TableView {
    names: Vec<String>,
    numeric: Vec<bool>,
    /// The most rows shown; 0 shows all.
    max_rows: usize,
    head: Vec<Row>,
    tail: VecDeque<Row>,
    total: u64,
}

impl TableView {
    /// An empty table with these columns; `numeric` columns are right-aligned.
    pub(crate) fn new(names: Vec<String>, numeric: Vec<bool>, max_rows: usize) -> Self {
        Self {
            names,
            numeric,
            max_rows,
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
        let mut widths: Vec<usize> = self.names.iter().map(|n| width(n)).collect();
        for row in shown() {
            for (i, v) in row.iter().enumerate() {
                widths[i] = widths[i].max(width(v.as_deref().unwrap_or("NULL")));
            }
        }
        let header: Vec<String> = self
            .names
            .iter()
            .enumerate()
            .map(|(i, n)| pad(n, widths[i], false))
            .collect();
        writeln!(out, " {} ", header.join(" | "))?;
        let rule: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
        writeln!(out, "-{}-", rule.join("-+-"))?;
        let line = |row: &Row| {
            let cells: Vec<String> = row
                .iter()
                .enumerate()
                .map(|(i, v)| pad(v.as_deref().unwrap_or("NULL"), widths[i], self.numeric[i]))
                .collect();
            format!(" {} ", cells.join(" | "))
        };
        for row in &self.head {
            writeln!(out, "{}", line(row))?;
        }
        if hidden > 0 {
            let dots: Vec<String> = widths.iter().map(|w| pad("…", *w, false)).collect();
            writeln!(out, " {} ", dots.join(" | "))?;
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
        Ok(())
    }
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
        let mut view = TableView::new(vec!["送信元".into(), "n".into()], vec![false, true], 40);
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
        let mut view = TableView::new(vec!["x".into()], vec![true], 4);
        for i in 1..=10 {
            view.push(vec![Some(i.to_string())]);
        }
        assert_eq!(
            render(&view),
            " x  \n----\n  1 \n  2 \n …  \n  9 \n 10 \n\
             (10 rows, 4 shown; --max-rows N shows more, 0 all, or write the result with -o result.csv)\n"
        );
    }
}
