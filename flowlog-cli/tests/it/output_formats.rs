//! The output format follows `-o`'s extension, a contradicting `--format` is refused,
//! TSV and NDJSON, `--excel` (BOM, CRLF, numbered parts), the warning past Excel's row
//! limit, the capped table and the summary line.

use crate::support::{flowlog, root, stderr};

const RUNBOOK: [&str; 9] = [
    "query",
    "--ddl",
    "testdata/runbook/create-table-multi-account.sql",
    "--mirror",
    "s3://flowlog-sample-daily=testdata/s3/flowlog-sample-daily",
    "--now",
    "2026-11-20T00:00:00Z",
    "-f",
    "testdata/runbook/query.sql",
];

fn expected_csv() -> Vec<u8> {
    std::fs::read(root().join("testdata/expected/runbook-multi-account.csv")).unwrap()
}

#[test]
fn a_csv_extension_writes_athenas_csv() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("result.csv");
    let mut args = RUNBOOK.to_vec();
    args.extend(["-q", "-o", target.to_str().unwrap()]);
    let out = flowlog(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&target).unwrap(), expected_csv());
}

#[test]
fn a_format_contradicting_the_extension_is_refused_before_the_query() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("result.csv");
    let mut args = RUNBOOK.to_vec();
    args.extend(["--format", "table", "-o", target.to_str().unwrap()]);
    let out = flowlog(&args);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.contains("--format table does not match --output ")
            && err.contains("whose extension means csv"),
        "{err}"
    );
    assert!(!target.exists());
    let xlsx = tmp.path().join("result.xls");
    let mut args = RUNBOOK.to_vec();
    args.extend(["-o", xlsx.to_str().unwrap()]);
    let out = flowlog(&args);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).contains("-o result.csv --excel"),
        "{}",
        stderr(&out)
    );
}

#[test]
fn tsv_and_ndjson() {
    let sql = "select 'a' || chr(9) || 'b' as x, cast(null as varchar) as y, 1 as z";
    let out = flowlog(&["query", "--format", "tsv", sql]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "x\ty\tz\na\\tb\t\t1\n"
    );
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("r.ndjson");
    let out = flowlog(&["query", "-q", "-o", target.to_str().unwrap(), sql]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "{\"x\":\"a\\tb\",\"y\":null,\"z\":1}\n"
    );
    let out = flowlog(&["query", "--format", "ndjson", sql]);
    assert!(out.status.success(), "{}", stderr(&out));
}

#[test]
fn excel_csv_has_a_bom_crlf_and_numbered_parts_with_the_header() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("result.csv");
    let mut args = RUNBOOK.to_vec();
    args.extend([
        "-q",
        "--excel",
        "--excel-rows-per-part",
        "100",
        "-o",
        target.to_str().unwrap(),
    ]);
    let out = flowlog(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert!(!target.exists(), "the parts replace the single file");
    let want = String::from_utf8(expected_csv()).unwrap();
    let lines: Vec<&str> = want.lines().collect();
    let part = |n: usize| std::fs::read(tmp.path().join(format!("result-{n}.csv"))).unwrap();
    let crlf = |ls: &[&str]| {
        let mut v = b"\xEF\xBB\xBF".to_vec();
        for l in ls {
            v.extend_from_slice(l.as_bytes());
            v.extend_from_slice(b"\r\n");
        }
        v
    };
    assert_eq!(part(1), crlf(&lines[..101]));
    let mut second = vec![lines[0]];
    second.extend(&lines[101..]);
    assert_eq!(part(2), crlf(&second));
    assert!(!tmp.path().join("result-3.csv").exists());
    // One part is enough: the file keeps its name.
    let single = tmp.path().join("single.csv");
    let mut args = RUNBOOK.to_vec();
    args.extend(["-q", "--excel", "-o", single.to_str().unwrap()]);
    let out = flowlog(&args);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(std::fs::read(&single).unwrap(), crlf(&lines));
}

#[test]
fn a_csv_longer_than_an_excel_sheet_is_warned_about() {
    let mut args = RUNBOOK.to_vec();
    args.extend(["--format", "csv", "--excel-rows-per-part", "100"]);
    let out = flowlog(&args);
    assert!(out.status.success());
    assert_eq!(
        stderr(&out),
        "flowlog: warning: the CSV has 131 rows under its header; Excel opens at most 101 rows, the header included, so it would open it cut short; write it with -o result.csv --excel to split it into parts\n"
    );
}

#[test]
fn the_table_is_capped_and_counts_wide_characters_double() {
    let out = flowlog(&[
        "query",
        "--max-rows",
        "2",
        "select x as \"件数\" from unnest(sequence(1, 5)) as t(x)",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        " 件数 \n------\n    1 \n …    \n    5 \n\
         (5 rows, 2 shown; --max-rows N shows more, 0 all, or write the result with -o result.csv)\n"
    );
}

#[test]
fn a_written_result_is_summarised_with_v_only_when_not_a_terminal() {
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("result.csv");
    let mut args = RUNBOOK.to_vec();
    args.extend(["-o", target.to_str().unwrap()]);
    let out = flowlog(&args);
    assert!(out.status.success());
    assert_eq!(stderr(&out), "", "stderr is not a terminal: quiet");
    args.push("-v");
    let out = flowlog(&args);
    let err = stderr(&out);
    let line = err
        .lines()
        .find(|l| l.starts_with("flowlog: wrote "))
        .unwrap_or_else(|| panic!("{err}"));
    assert!(
        line.starts_with(&format!(
            "flowlog: wrote 131 rows to {} in ",
            target.display()
        )),
        "{line}"
    );
    assert!(line.ends_with("; read 13 objects, 97.7 KiB"), "{line}");
}

/// Athena's CSV leaves a NULL field empty, whatever the column's type: an untyped
/// `NULL` (Arrow's Null type) too, not the text `NULL`.
#[test]
fn an_untyped_null_is_an_empty_csv_field() {
    let out = flowlog(&[
        "query",
        "--format",
        "csv",
        "select null as x, 1 as y, cast(null as bigint) as z",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "\"x\",\"y\",\"z\"\n,\"1\",\n"
    );
}
