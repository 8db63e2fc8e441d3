//! Athena's `"$path"`, `"$file_size"` and `"$file_modified_time"` pseudo-columns.

use std::time::{Duration, SystemTime};

use crate::support::{flowlog, stderr};

const SAMPLE: &str = "AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/20/23/\
                      111111111111_vpcflowlogs_ap-northeast-1_fl-4f8d8c44d69824981_20261120T2355Z_50ab2aba.log.parquet";
const OTHER: &str = "AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/15/\
                     111111111111_vpcflowlogs_ap-northeast-1_fl-4f8d8c44d69824981_20261119T1500Z_4ef5551e.log.parquet";

/// A local tree with no bucket: `"$path"` is the object's `file://` URL, the size and
/// last-modified time are the file's, and a filter on `"$path"` reads one object.
#[test]
fn a_local_tree_gives_file_urls_sizes_and_modified_times() {
    let tmp = tempfile::tempdir().unwrap();
    let hourly = crate::support::root().join("testdata/s3/flowlog-sample-hourly");
    for key in [SAMPLE, OTHER] {
        let to = tmp.path().join(key);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(hourly.join(key), &to).unwrap();
        // 2026-11-20 01:02:03 UTC.
        let modified = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_136_523);
        std::fs::File::options()
            .write(true)
            .open(&to)
            .unwrap()
            .set_modified(modified)
            .unwrap();
    }
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let path = format!("file://{}/{SAMPLE}", root.display());
    let sql = format!(
        "select \"$path\", \"$file_size\", \"$file_modified_time\", count(*) as n \
         from vpc_flow_logs where \"$path\" = '{path}' group by 1, 2, 3"
    );
    let logs = tmp.path().to_string_lossy().to_string();
    let out = flowlog(&["query", "--logs", &logs, "--format", "csv", "-v", &sql]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "\"$path\",\"$file_size\",\"$file_modified_time\",\"n\"\n\
             \"{path}\",\"3858\",\"2026-11-20 01:02:03.000 UTC\",\"20\"\n"
        )
    );
    let err = stderr(&out);
    assert!(err.contains("1 objects to read"), "{err}");
}

/// Read through a mirror, `"$path"` is the object's `s3://bucket/key`; `SELECT *` and
/// `DESCRIBE` do not show the pseudo-columns.
#[test]
fn a_mirror_gives_s3_urls_and_star_hides_them() {
    let mirror = "s3://flowlog-sample-hourly=testdata/s3/flowlog-sample-hourly";
    let sql = "select distinct \"$path\" from vpc_flow_logs where hour = '23'";
    let out = flowlog(&[
        "query",
        "--mirror",
        mirror,
        "--logs",
        "s3://flowlog-sample-hourly",
        "--format",
        "csv",
        sql,
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!("\"$path\"\n\"s3://flowlog-sample-hourly/{SAMPLE}\"\n")
    );

    let out = flowlog(&[
        "query",
        "--mirror",
        mirror,
        "--logs",
        "s3://flowlog-sample-hourly",
        "--format",
        "csv",
        "select * from vpc_flow_logs where hour = '23' limit 1",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    let text = String::from_utf8_lossy(&out.stdout);
    let header = text.lines().next().unwrap_or_default();
    assert!(header.ends_with("\"hour\""), "{header}");
    assert!(!text.contains("$path") && !text.contains("$file"), "{text}");
}

/// A text flow log (`.log.gz`) has them too: its `file://` URL and its size.
#[test]
fn a_text_object_has_its_path_and_size() {
    use std::io::Write;
    let tmp = tempfile::tempdir().unwrap();
    let day = tmp
        .path()
        .join("AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19");
    std::fs::create_dir_all(&day).unwrap();
    let text = "version account-id interface-id srcaddr dstaddr srcport dstport protocol packets bytes start end action log-status\n\
                2 111111111111 eni-0a 10.0.0.1 10.0.0.2 443 50000 6 10 1000 1795046400 1795046460 ACCEPT OK\n\
                2 111111111111 eni-0a 10.0.0.2 10.0.0.1 50000 443 6 12 2000 1795046400 1795046460 ACCEPT OK\n";
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    gz.write_all(text.as_bytes()).unwrap();
    let bytes = gz.finish().unwrap();
    let name =
        "111111111111_vpcflowlogs_ap-northeast-1_fl-0text0000000000_20261119T2355Z_0a0b0c0d.log.gz";
    std::fs::write(day.join(name), &bytes).unwrap();
    let root = std::fs::canonicalize(tmp.path()).unwrap();
    let logs = tmp.path().to_string_lossy().to_string();
    let out = flowlog(&[
        "query",
        "--logs",
        &logs,
        "--format",
        "csv",
        "select \"$path\", \"$file_size\", sum(bytes) as b from vpc_flow_logs group by 1, 2",
    ]);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        format!(
            "\"$path\",\"$file_size\",\"b\"\n\"file://{}/AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/{name}\",\"{}\",\"3000\"\n",
            root.display(),
            bytes.len()
        )
    );
}
