//! The complete generated tree as (relative path → bytes), and writing or checking it on disk.
//!
//! ```text
//! <DIR>/s3/<bucket>/<key>   one Parquet file per generated log file
//! <DIR>/records.csv         every record (see `records_csv`)
//! ```

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::generate::{LogFile, generate_bucket};
use crate::layout::BUCKETS;
use crate::parquet_file::encode;
use crate::records_csv::render;

/// The directory under the output directory that mirrors S3 (one subdirectory per bucket).
pub const S3_DIR: &str = "s3";
/// The ground-truth CSV, relative to the output directory.
pub const RECORDS_CSV: &str = "records.csv";

/// Every generated log file of the sample buckets, in bucket and key order.
fn all_files() -> Result<Vec<LogFile>> {
    let mut files: Vec<LogFile> = Vec::new();
    for bucket in &BUCKETS {
        files.extend(generate_bucket(bucket)?);
    }
    files.sort_by(|a, b| (a.bucket.name, &a.key).cmp(&(b.bucket.name, &b.key)));
    Ok(files)
}

/// Which log files a text copy of the sample writes as text (`.log.gz`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextCopy {
    /// Every file.
    All,
    /// Every other file of each bucket (the 1st, 3rd, …); the others stay Parquet, so
    /// partitions, days and hours hold both formats.
    Mixed,
}

/// The sample's log files with some or all of them as text objects (same records, the
/// key's extension `.log.gz`), keyed like [`build`]; no `records.csv` (it is the same).
pub fn build_text(copy: TextCopy) -> Result<BTreeMap<String, Vec<u8>>> {
    let mut out = BTreeMap::new();
    let mut previous_bucket = "";
    let mut index = 0usize;
    for f in &all_files()? {
        if f.bucket.name != previous_bucket {
            previous_bucket = f.bucket.name;
            index = 0;
        }
        let as_text = copy == TextCopy::All || index.is_multiple_of(2);
        index += 1;
        let (key, bytes) = if as_text {
            (
                crate::text_file::text_key(&f.key),
                crate::text_file::encode(f.bucket.columns, &f.records),
            )
        } else {
            (f.key.clone(), encode(f.bucket.columns, &f.records))
        };
        let bytes = bytes.with_context(|| format!("encoding {}/{key}", f.bucket.name))?;
        out.insert(format!("{S3_DIR}/{}/{key}", f.bucket.name), bytes);
    }
    Ok(out)
}

/// Every output file, keyed by its `/`-separated path relative to the output directory.
pub fn build() -> Result<BTreeMap<String, Vec<u8>>> {
    let files = all_files()?;
    let mut out = BTreeMap::new();
    for f in &files {
        let bytes = encode(f.bucket.columns, &f.records)
            .with_context(|| format!("encoding {}/{}", f.bucket.name, f.key))?;
        out.insert(format!("{S3_DIR}/{}/{}", f.bucket.name, f.key), bytes);
    }
    out.insert(RECORDS_CSV.to_string(), render(&files).into_bytes());
    Ok(out)
}

fn full_path(dir: &Path, relative: &str) -> PathBuf {
    relative
        .split('/')
        .fold(dir.to_path_buf(), |p, c| p.join(c))
}

/// Writes the tree under `dir`, first removing the sample buckets' old directories so that no
/// stale file survives a change of plan.
pub fn write(dir: &Path, tree: &BTreeMap<String, Vec<u8>>) -> Result<()> {
    for bucket in &BUCKETS {
        let old = dir.join(S3_DIR).join(bucket.name);
        if old.exists() {
            fs::remove_dir_all(&old).with_context(|| format!("removing {}", old.display()))?;
        }
    }
    for (relative, bytes) in tree {
        let path = full_path(dir, relative);
        if let Some(parent) = path.parent() {
            fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
        }
        fs::write(&path, bytes).with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

/// All files under `root`, as `/`-separated paths relative to `base`.
fn list_files(base: &Path, root: &Path, out: &mut Vec<String>) -> Result<()> {
    let entries = fs::read_dir(root).with_context(|| format!("listing {}", root.display()))?;
    for entry in entries {
        let path = entry?.path();
        if path.is_dir() {
            list_files(base, &path, out)?;
        } else {
            let relative = path
                .strip_prefix(base)
                .with_context(|| format!("{} is not under {}", path.display(), base.display()))?;
            let parts: Vec<String> = relative
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            out.push(parts.join("/"));
        }
    }
    Ok(())
}

/// The first difference between `tree` and the files under `dir`, as a message naming the file,
/// or `None` when the sample buckets and `records.csv` match byte for byte.
pub fn first_difference(dir: &Path, tree: &BTreeMap<String, Vec<u8>>) -> Result<Option<String>> {
    for (relative, bytes) in tree {
        let path = full_path(dir, relative);
        match fs::read(&path) {
            Ok(found) if &found == bytes => {}
            Ok(found) => {
                return Ok(Some(format!(
                    "{} differs ({} bytes on disk, {} generated)",
                    path.display(),
                    found.len(),
                    bytes.len()
                )));
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Some(format!("{} is missing", path.display())));
            }
            Err(e) => {
                return Err(e).with_context(|| format!("reading {}", path.display()));
            }
        }
    }
    let mut on_disk = Vec::new();
    for bucket in &BUCKETS {
        let root = dir.join(S3_DIR).join(bucket.name);
        if root.is_dir() {
            list_files(dir, &root, &mut on_disk)?;
        }
    }
    on_disk.sort();
    Ok(on_disk
        .into_iter()
        .find(|relative| !tree.contains_key(relative))
        .map(|relative| {
            format!(
                "{} is not produced by the generator",
                full_path(dir, &relative).display()
            )
        }))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_then_check_round_trips_and_detects_changes() {
        let tree = build().expect("build");
        let dir = tempfile::tempdir().expect("temp dir");
        write(dir.path(), &tree).expect("write");
        assert_eq!(first_difference(dir.path(), &tree).expect("check"), None);

        // A stray file in a bucket is reported.
        let stray = dir
            .path()
            .join("s3/flowlog-sample-hive/AWSLogs/stray.log.parquet");
        fs::write(&stray, b"x").expect("write stray");
        let msg = first_difference(dir.path(), &tree)
            .expect("check")
            .expect("difference");
        assert!(msg.contains("stray.log.parquet"), "{msg}");

        // Writing again removes it; then a modified records.csv is reported.
        write(dir.path(), &tree).expect("rewrite");
        assert!(!stray.exists());
        fs::write(dir.path().join("records.csv"), b"bucket,key\n").expect("clobber");
        let msg = first_difference(dir.path(), &tree)
            .expect("check")
            .expect("difference");
        assert!(msg.contains("records.csv"), "{msg}");
    }

    /// Reads every Parquet file back and checks it against its `records.csv` rows, by column
    /// name, with NULL as an empty field.
    #[test]
    fn parquet_files_agree_with_records_csv() {
        use arrow::array::{Array, Int32Array, Int64Array, StringArray};
        use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
        use std::io::Write;

        let tree = build().expect("build");
        let csv = String::from_utf8(tree[RECORDS_CSV].clone()).expect("utf-8");
        let mut lines = csv.lines();
        let header: Vec<&str> = lines.next().expect("header").split(',').collect();
        let mut expected: BTreeMap<String, Vec<Vec<String>>> = BTreeMap::new();
        for line in lines {
            let cells: Vec<String> = line.split(',').map(str::to_string).collect();
            let path = format!("s3/{}/{}", cells[0], cells[1]);
            expected.entry(path).or_default().push(cells);
        }
        let mut checked = 0;
        for (path, bytes) in tree.iter().filter(|(k, _)| k.starts_with("s3/")) {
            let mut file = tempfile::tempfile().expect("temp file");
            file.write_all(bytes).expect("write");
            let reader = ParquetRecordBatchReaderBuilder::try_new(file)
                .expect("parquet")
                .build()
                .expect("reader");
            let rows = &expected[path];
            let mut row = 0;
            for batch in reader {
                let batch = batch.expect("batch");
                for i in 0..batch.num_rows() {
                    let cells = &rows[row];
                    for (col, name) in header.iter().enumerate().skip(2) {
                        let Some(array) = batch.column_by_name(name) else {
                            assert_eq!(cells[col], "", "{path} {name} absent ⇒ NULL");
                            continue;
                        };
                        let text = if array.is_null(i) {
                            String::new()
                        } else if let Some(a) = array.as_any().downcast_ref::<Int32Array>() {
                            a.value(i).to_string()
                        } else if let Some(a) = array.as_any().downcast_ref::<Int64Array>() {
                            a.value(i).to_string()
                        } else if let Some(a) = array.as_any().downcast_ref::<StringArray>() {
                            a.value(i).to_string()
                        } else {
                            panic!("{path}: unexpected type for {name}")
                        };
                        assert_eq!(cells[col], text, "{path} row {row} {name}");
                    }
                    row += 1;
                    checked += 1;
                }
            }
            assert_eq!(row, rows.len(), "{path}");
        }
        assert_eq!(checked, csv.lines().count() - 1);
    }

    #[test]
    fn tree_shape() {
        let tree = build().expect("build");
        let count = |bucket: &str| {
            tree.keys()
                .filter(|k| k.starts_with(&format!("s3/{bucket}/")))
                .count()
        };
        assert_eq!(count("flowlog-sample-daily"), 16);
        assert_eq!(count("flowlog-sample-hourly"), 13);
        assert_eq!(count("flowlog-sample-hive"), 13);
        assert_eq!(count("flowlog-sample-hive-hourly"), 13);
        assert!(tree.contains_key("records.csv"));
        // The brief: testdata/s3 well under 600 KB.
        let s3: usize = tree
            .iter()
            .filter(|(k, _)| k.starts_with("s3/"))
            .map(|(_, v)| v.len())
            .sum();
        assert!(s3 < 400 * 1024, "{s3} bytes");
    }
}
