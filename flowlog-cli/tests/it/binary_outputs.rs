//! `-o x.parquet` and `-o x.xlsx` read back (the parquet crate; the workbook's sheet XML
//! through Python's zipfile), and UNLOAD from the command line into a mirrored directory.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use datafusion::arrow::array::AsArray;
use datafusion::arrow::datatypes::Int64Type;
use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;

fn flowlog(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .current_dir(dir)
        .args(args)
        .output()
        .expect("flowlog runs")
}

fn ok(out: &Output) {
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const ROWS: &str = "SELECT n, CAST(n AS varchar) AS s, \
    date_add('day', n, TIMESTAMP '2026-11-19 12:00:00') AS t, \
    IF(n = 2, NULL, n > 2) AS b \
    FROM UNNEST(sequence(1, 5)) AS x(n) ORDER BY n";

#[test]
fn parquet_output_keeps_the_results_types() {
    let tmp = tempfile::tempdir().unwrap();
    let out = flowlog(tmp.path(), &["query", "-q", "-o", "r.parquet", ROWS]);
    ok(&out);
    let file = std::fs::File::open(tmp.path().join("r.parquet")).unwrap();
    let reader = ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let batches: Vec<_> = reader.map(|b| b.unwrap()).collect();
    let schema = batches[0].schema();
    let names: Vec<&str> = schema.fields().iter().map(|f| f.name().as_str()).collect();
    assert_eq!(names, ["n", "s", "t", "b"]);
    assert!(matches!(
        schema.field(2).data_type(),
        datafusion::arrow::datatypes::DataType::Timestamp(_, _)
    ));
    let sum: i64 = batches
        .iter()
        .map(|b| {
            b.column(0)
                .as_primitive::<Int64Type>()
                .iter()
                .flatten()
                .sum::<i64>()
        })
        .sum();
    assert_eq!(sum, 15);
    assert_eq!(batches.iter().map(|b| b.num_rows()).sum::<usize>(), 5);
    // No temporary file is left beside it.
    assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
}

/// The cells of every sheet: `sheet\tref\ttype\tvalue` lines, sorted by sheet then by
/// position, strings resolved (shared or inline).
fn xlsx_cells(path: &Path) -> Vec<String> {
    let script = r#"
import re, sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    shared = [re.sub(r'<[^>]+>', '', s) for s in re.findall(r'<si>(.*?)</si>', z.read('xl/sharedStrings.xml').decode(), re.S)]
sheets = sorted(n for n in z.namelist() if re.match(r'xl/worksheets/sheet\d+\.xml$', n))
sheets.sort(key=lambda n: int(re.findall(r'\d+', n)[0]))
for i, name in enumerate(sheets, 1):
    xml = z.read(name).decode()
    for attrs, body in re.findall(r'<c ([^>]*?)(?:/>|>(.*?)</c>)', xml, re.S):
        ref = re.search(r'r="([A-Z]+\d+)"', attrs).group(1)
        kind = (re.search(r't="(\w+)"', attrs) or [None, 'n'])[1]
        style = 's' if re.search(r' s="[1-9]', ' ' + attrs) else ''
        value = re.findall(r'<v>(.*?)</v>', body or '')
        if kind == 's':
            value = shared[int(value[0])]
        elif kind == 'inlineStr':
            value = re.sub(r'<[^>]+>', '', body)
        else:
            value = value[0] if value else ''
        print(f"{i}\t{ref}\t{kind}{style}\t{value}")
"#;
    let out = Command::new("python3")
        .args(["-c", script, path.to_str().unwrap()])
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn xlsx_cells_are_typed_and_sheets_hold_the_header() {
    let tmp = tempfile::tempdir().unwrap();
    let out = flowlog(
        tmp.path(),
        &[
            "query",
            "-q",
            "-o",
            "r.xlsx",
            "--excel-rows-per-part",
            "2",
            ROWS,
        ],
    );
    ok(&out);
    let cells = xlsx_cells(&tmp.path().join("r.xlsx"));
    let sheet = |n: &str| -> Vec<String> {
        cells
            .iter()
            .filter(|c| c.starts_with(&format!("{n}\t")))
            .map(|c| c[n.len() + 1..].to_string())
            .collect()
    };
    // 5 rows, 2 per sheet: 3 sheets, each starting with the header.
    assert!(sheet("4").is_empty(), "{cells:?}");
    for n in ["1", "2", "3"] {
        let s = sheet(n);
        assert!(s.len() >= 4, "{cells:?}");
        let header: Vec<String> = s[..4]
            .iter()
            .map(|c| c.rsplit('\t').next().unwrap().to_string())
            .collect();
        assert_eq!(header, ["n", "s", "t", "b"], "{cells:?}");
    }
    let first = sheet("1");
    // Row 2: n = 1 a number, s = '1' text, t = 2026-11-20 12:00 as a date serial with a
    // display format (46346.5 days after 1899-12-30), b = false a boolean.
    let row2: Vec<&String> = first.iter().filter(|c| c.contains("2\t")).collect();
    let joined = first.join("\n");
    assert!(joined.contains("A2\tn\t1"), "{joined}");
    assert!(
        joined.contains("B2\ts\t1") || joined.contains("B2\tinlineStr\t1"),
        "{joined}"
    );
    assert!(joined.contains("C2\tns\t46346.5"), "{joined}");
    assert!(joined.contains("D2\tb\t0"), "{joined}");
    // Row 3 (n = 2) has b NULL: no D3 cell.
    assert!(!joined.contains("D3\t"), "{joined}");
    assert!(!row2.is_empty());
    let third = sheet("3").join("\n");
    assert!(third.contains("A2\tn\t5"), "{third}");
    assert!(third.contains("D2\tb\t1"), "{third}");
}

#[test]
fn binary_formats_need_a_file() {
    let tmp = tempfile::tempdir().unwrap();
    let out = flowlog(tmp.path(), &["query", "--format", "parquet", "SELECT 1"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("give one with -o"));
}

#[test]
fn unload_writes_into_the_mirrored_directory() {
    let tmp = tempfile::tempdir().unwrap();
    std::fs::create_dir(tmp.path().join("exports")).unwrap();
    let mirror = format!("s3://exports={}", tmp.path().join("exports").display());
    let out = flowlog(
        tmp.path(),
        &[
            "query",
            "--mirror",
            &mirror,
            "--format",
            "csv",
            "UNLOAD (SELECT n, CAST(n AS varchar) AS s FROM UNNEST(sequence(1, 3)) AS x(n) ORDER BY n) \
             TO 's3://exports/run1/' WITH (format = 'JSON', compression = 'NONE')",
        ],
    );
    ok(&out);
    assert_eq!(String::from_utf8_lossy(&out.stdout), "\"rows\"\n\"3\"\n");
    let dir: PathBuf = tmp.path().join("exports/run1");
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(files.len(), 1);
    let text = std::fs::read_to_string(files[0].as_ref().unwrap().path()).unwrap();
    assert_eq!(
        text,
        "{\"n\":1,\"s\":\"1\"}\n{\"n\":2,\"s\":\"2\"}\n{\"n\":3,\"s\":\"3\"}\n"
    );
}
