//! `flowlog report` opened from disk in a real browser with networking cut off: every
//! chart drew, and the numbers the page shows are the independent answers
//! (`testdata/expected/questions.py`).

use std::time::Duration;

use crate::browser::{Browser, Options, file_url};
use crate::support::{flowlog, root, stderr};

/// Per section of the page: its id, the marks and axis labels its chart drew (with the
/// chart's rendered width), and its table as Athena's CSV.
const READ_PAGE: &str = r#"[...document.querySelectorAll('section')].map(s => {
  const svg = s.querySelector('svg.chart');
  const csv = [...s.querySelectorAll('table.answer tr')]
    .map(tr => [...tr.children]
      .map(c => c.textContent === '' ? '' : '"' + c.textContent.replaceAll('"', '""') + '"')
      .join(','))
    .join('\n');
  return {
    id: s.id,
    marks: svg ? svg.querySelectorAll('.mark').length : 0,
    width: svg ? svg.getBoundingClientRect().width : 0,
    labels: svg ? [...svg.querySelectorAll('.axis-label')].map(t => t.textContent) : [],
    empty: !!s.querySelector('p.empty'),
    csv: csv === '' ? '' : csv + '\n',
  };
})"#;

#[test]
fn the_report_opens_offline_with_every_chart_and_the_independent_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("report.html");
    let o = flowlog(&[
        "report",
        "--logs",
        "testdata/s3/flowlog-sample-daily",
        "--time-zone",
        "Asia/Tokyo",
        "--lang",
        "en",
        "-o",
        page.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", stderr(&o));

    let mut browser = Browser::launch(&Options::default());
    browser.go_offline();
    let url = file_url(&page);
    browser.goto(&url);
    browser.wait_for(
        "document.querySelectorAll('section').length === 9",
        Duration::from_secs(30),
    );
    let sections = browser.eval(READ_PAGE);
    let sections = sections.as_array().expect("an array of sections");
    assert_eq!(sections.len(), 9);
    for s in sections {
        let id = s["id"].as_str().unwrap();
        let expected = std::fs::read_to_string(
            root()
                .join("testdata/expected/questions")
                .join(format!("{id}.csv")),
        )
        .unwrap_or_else(|e| panic!("{id}: {e}"));
        let rows = expected.lines().count() - 1;
        if rows == 0 {
            assert_eq!(s["empty"], true, "{id} says it has no rows");
            assert_eq!(s["marks"], 0, "{id}");
            continue;
        }
        assert_eq!(
            s["csv"].as_str(),
            Some(expected.as_str()),
            "{id}: the numbers shown"
        );
        assert_eq!(
            s["marks"].as_u64(),
            Some(rows as u64),
            "{id}: one mark per row"
        );
        assert!(
            s["width"].as_f64().unwrap() > 300.0,
            "{id}: the chart has a size: {s}"
        );
        assert_eq!(
            s["labels"].as_array().unwrap().len(),
            2,
            "{id}: both axes are labelled"
        );
    }
    // Nothing but the page itself was asked for.
    let requests = browser.requests();
    assert!(requests.iter().all(|r| r == &url), "{requests:?}");
}
