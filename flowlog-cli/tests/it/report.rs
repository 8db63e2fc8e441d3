//! `flowlog report`: one HTML file with nothing to fetch, whose tables show exactly the
//! answers `testdata/expected/questions.py` computes, and which is written whole or not
//! at all.

use crate::support::{flowlog, root, stderr};

const LOGS: &str = "testdata/s3/flowlog-sample-daily";

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The text between each `open…>` and `close` inside `html`.
fn cells<'a>(html: &'a str, open: &str, close: &str) -> Vec<&'a str> {
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(open) {
        let after = &rest[i + open.len()..];
        // `<th` is not `<thead`.
        if !after.starts_with(['>', ' ']) {
            rest = after;
            continue;
        }
        let start = after.find('>').expect("tag ends") + 1;
        let end = after[start..].find(close).expect("closed") + start;
        out.push(&after[start..end]);
        rest = &after[end..];
    }
    out
}

/// The `<section>` of question `name`.
fn section<'a>(html: &'a str, name: &str) -> &'a str {
    let start = html
        .find(&format!("<section id=\"{name}\""))
        .unwrap_or_else(|| panic!("no section {name}"));
    &html[start..start + html[start..].find("</section>").expect("closed")]
}

/// `flowlog report --logs <sample> ARGS -o <tmp>/report.html`: the page.
fn report(args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report.html");
    let mut all = vec!["report", "--logs", LOGS];
    all.extend_from_slice(args);
    all.extend_from_slice(&["-o", out.to_str().unwrap()]);
    let o = flowlog(&all);
    assert!(o.status.success(), "{}", stderr(&o));
    std::fs::read_to_string(&out).unwrap()
}

/// A section's table as Athena's CSV (header and rows), read back from the page.
fn section_csv(html: &str, name: &str) -> Option<String> {
    let section = section(html, name);
    let table = &section[section.find("<table")?..section.find("</table>")?];
    let quote = |v: &str| format!("\"{}\"", unescape(v).replace('"', "\"\""));
    let mut csv: Vec<String> = vec![
        cells(table, "<th", "</th>")
            .into_iter()
            .map(quote)
            .collect::<Vec<_>>()
            .join(","),
    ];
    for row in cells(table, "<tr", "</tr>").into_iter().skip(1) {
        let fields: Vec<String> = cells(row, "<td", "</td>")
            .into_iter()
            .map(|v| {
                if v.is_empty() {
                    String::new()
                } else {
                    quote(v)
                }
            })
            .collect();
        csv.push(fields.join(","));
    }
    Some(csv.join("\n") + "\n")
}

#[test]
fn the_report_shows_every_answer_and_needs_nothing_from_the_network() {
    let html = report(&["--time-zone", "Asia/Tokyo", "--lang", "en"]);
    assert!(html.starts_with("<!DOCTYPE html>"));
    for forbidden in ["<script", "src=", "href=\"http", "@import", "url("] {
        assert!(!html.contains(forbidden), "{forbidden} in the report");
    }
    let expected_dir = root().join("testdata/expected/questions");
    let mut sections = 0;
    for entry in std::fs::read_dir(&expected_dir).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        let Some(name) = file.strip_suffix(".csv").filter(|n| !n.contains('@')) else {
            continue;
        };
        sections += 1;
        let expected = std::fs::read_to_string(expected_dir.join(&file)).unwrap();
        if expected.lines().count() == 1 {
            // No rows: the section says so, and draws no chart.
            let section = section(&html, name);
            assert!(section.contains("class=\"empty\""), "{name}");
            assert!(!section.contains("<svg"), "{name}");
            continue;
        }
        assert_eq!(
            section_csv(&html, name).as_deref(),
            Some(expected.as_str()),
            "{name}"
        );
        let section = section(&html, name);
        assert!(section.contains("<svg class=\"chart"), "{name} has a chart");
        assert!(
            section.contains("class=\"axis-label"),
            "{name} has axis labels"
        );
        assert!(
            section.contains("<pre class=\"sql\">SELECT"),
            "{name} shows its SQL"
        );
    }
    assert_eq!(sections, 9);
}

#[test]
fn a_japanese_report_speaks_japanese() {
    let html = report(&["--lang", "ja"]);
    assert!(html.contains("<html lang=\"ja\">"));
    assert!(html.contains("時間帯別のトラフィック"));
    // Japanese defaults to hours in JST when no --time-zone is given.
    assert!(html.contains("<dd>Asia/Tokyo</dd>"), "zone shown");
}

#[test]
fn a_report_is_written_whole_or_not_at_all() {
    let dir = tempfile::tempdir().unwrap();
    // Not HTML.
    let csv = dir.path().join("report.csv");
    let o = flowlog(&["report", "--logs", LOGS, "-o", csv.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).contains("name the file with .html"),
        "{}",
        stderr(&o)
    );
    // A table that cannot be registered: nothing written, no temporary file left.
    let html = dir.path().join("report.html");
    let bad = dir.path().join("bad.sql");
    std::fs::write(&bad, "CREATE EXTERNAL TABLE t (x int) LOCATION").unwrap();
    let o = flowlog(&[
        "report",
        "--ddl",
        bad.to_str().unwrap(),
        "-o",
        html.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    let left: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(left.len(), 1, "only bad.sql: {left:?}");
    // Never inside the log tree.
    let inside = format!("{LOGS}/report.html");
    let o = flowlog(&["report", "--logs", LOGS, "-o", &inside]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("inside the log tree"), "{}", stderr(&o));
    assert!(!root().join(&inside).exists());
    // No SQL.
    let o = flowlog(&[
        "report",
        "--logs",
        LOGS,
        "-o",
        html.to_str().unwrap(),
        "select 1",
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("takes no SQL"), "{}", stderr(&o));
}
