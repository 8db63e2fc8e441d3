//! Runs the `.slt` files in `tests/slt/`, each in a fresh session.
//!
//! Every session has the bundled sample (`testdata/s3/<bucket>`) reachable as
//! `s3://<bucket>` through mirrors, `NOW` pinned to 2026-11-20T00:00:00Z, and the four
//! sample buckets registered without DDL as `sample_daily`, `sample_hourly`,
//! `sample_hive` and `sample_hive_hourly`.
//!
//! Every file runs twice: once through the mirrors (`slt::`), once with no mirror, every
//! `s3://` location read on the local S3 server that `scripts/test` starts
//! (`slt-s3::`, endpoint in `FLOWLOG_TEST_S3_ENDPOINT`); both must give the same results.
//! Without the server the second pass fails, naming the variable.
//!
//! `cargo test -p flowlog-core --test sqllogictests [-- FILTER]`; with `COMPLETE=1`
//! the expected results are rewritten (review the diff before committing).

use std::path::{Path, PathBuf};

use async_trait::async_trait;
use chrono::{TimeZone, Utc};
use datafusion::arrow::record_batch::RecordBatch;
use flowlog_core::render::render_value;
use flowlog_core::storage::{Mirror, S3Options, StaticCredentials};
use flowlog_core::{FlowLogSession, SessionOptions};
use sqllogictest::{DBOutput, DefaultColumnType};

const BUCKETS: [(&str, &str); 4] = [
    ("sample_daily", "flowlog-sample-daily"),
    ("sample_hourly", "flowlog-sample-hourly"),
    ("sample_hive", "flowlog-sample-hive"),
    ("sample_hive_hourly", "flowlog-sample-hive-hourly"),
];

fn testdata() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../testdata")
}

struct FlowLogDb {
    session: FlowLogSession,
}

#[derive(Debug)]
struct DbError(String);

impl std::fmt::Display for DbError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DbError {}

impl FlowLogDb {
    /// A session over the sample: through mirrors, or on the S3 server at `endpoint`.
    async fn new(endpoint: Option<String>) -> Result<Self, DbError> {
        let root = testdata().join("s3");
        let mirrors = match endpoint {
            Some(_) => Vec::new(),
            None => BUCKETS
                .iter()
                .map(|(_, bucket)| Mirror::new(&format!("s3://{bucket}"), root.join(bucket)))
                .collect::<Result<Vec<_>, _>>()
                .map_err(|e| DbError(e.to_string()))?,
        };
        let s3 = S3Options {
            region: Some("us-east-1".into()),
            static_credentials: Some(StaticCredentials {
                key_id: "test".into(),
                secret_key: "test".into(),
                token: None,
            }),
            endpoint,
            ..S3Options::default()
        };
        let now = Utc
            .with_ymd_and_hms(2026, 11, 20, 0, 0, 0)
            .single()
            .ok_or_else(|| DbError("bad now".into()))?;
        let session = FlowLogSession::new(SessionOptions {
            now,
            mirrors,
            s3,
            ..SessionOptions::default()
        });
        for (table, bucket) in BUCKETS {
            session
                .register_logs(table, &format!("s3://{bucket}"))
                .await
                .map_err(|e| DbError(e.to_string()))?;
        }
        Ok(Self { session })
    }
}

fn column_type(t: &datafusion::arrow::datatypes::DataType) -> DefaultColumnType {
    if t.is_integer() {
        DefaultColumnType::Integer
    } else if t.is_floating()
        || matches!(t, datafusion::arrow::datatypes::DataType::Decimal128(_, _))
    {
        DefaultColumnType::FloatingPoint
    } else {
        DefaultColumnType::Text
    }
}

#[async_trait]
impl sqllogictest::AsyncDB for FlowLogDb {
    type Error = DbError;
    type ColumnType = DefaultColumnType;

    async fn run(&mut self, sql: &str) -> Result<DBOutput<DefaultColumnType>, DbError> {
        let df = self
            .session
            .run_script(sql)
            .await
            .map_err(|e| DbError(e.to_string()))?;
        let Some(df) = df else {
            return Ok(DBOutput::StatementComplete(0));
        };
        let schema = df.schema().as_arrow().clone();
        let batches: Vec<RecordBatch> = df
            .collect()
            .await
            .map_err(|e| DbError(flowlog_core::Error::from(e).to_string()))?;
        let types = schema
            .fields()
            .iter()
            .map(|f| column_type(f.data_type()))
            .collect();
        let mut rows = Vec::new();
        for batch in &batches {
            for r in 0..batch.num_rows() {
                rows.push(
                    batch
                        .columns()
                        .iter()
                        .map(|c| match render_value(c.as_ref(), r) {
                            None => "NULL".to_string(),
                            Some(s) if s.is_empty() => "(empty)".to_string(),
                            Some(s) => s,
                        })
                        .collect(),
                );
            }
        }
        Ok(DBOutput::Rows { types, rows })
    }

    async fn shutdown(&mut self) {}

    fn engine_name(&self) -> &str {
        "flowlog"
    }
}

fn main() {
    let filter: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let complete = std::env::var_os("COMPLETE").is_some();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/slt");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("tests/slt exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "slt"))
        .filter(|p| {
            filter
                .as_deref()
                .is_none_or(|f| p.to_string_lossy().contains(f))
        })
        .collect();
    files.sort();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let mut passed = 0;
    let mut failed = Vec::new();
    let s3_endpoint = std::env::var("FLOWLOG_TEST_S3_ENDPOINT")
        .ok()
        .filter(|e| !e.is_empty());
    let mut passes = vec![("slt", None)];
    if !complete {
        passes.push(("slt-s3", Some(s3_endpoint.clone())));
    }
    for (pass, file) in passes
        .iter()
        .flat_map(|p| files.iter().map(move |f| (p, f)))
    {
        let (pass, endpoint) = pass;
        let name = format!(
            "{pass}::{}",
            file.file_name().unwrap_or_default().to_string_lossy()
        );
        if let Some(None) = endpoint {
            println!(
                "test {name} ... FAILED\nFLOWLOG_TEST_S3_ENDPOINT is not set: the S3 pass needs the local S3 server; run the suite with scripts/test"
            );
            failed.push(name);
            continue;
        }
        let endpoint = endpoint.clone().flatten();
        let result = runtime.block_on(async {
            let mut runner = sqllogictest::Runner::new(|| {
                let endpoint = endpoint.clone();
                async move { FlowLogDb::new(endpoint).await }
            });
            if complete {
                runner
                    .update_test_file(
                        file,
                        " ",
                        sqllogictest::default_validator,
                        sqllogictest::default_normalizer,
                        sqllogictest::default_column_validator,
                    )
                    .await
                    .map_err(|e| e.to_string())
            } else {
                runner
                    .run_file_async(file)
                    .await
                    .map_err(|e| e.display(true).to_string())
            }
        });
        match result {
            Ok(()) => {
                println!("test {name} ... ok");
                passed += 1;
            }
            Err(e) => {
                println!("test {name} ... FAILED\n{e}");
                failed.push(name);
            }
        }
    }
    println!(
        "\ntest result: {}. {passed} passed; {} failed; 0 ignored; 0 measured; 0 filtered out\n",
        if failed.is_empty() { "ok" } else { "FAILED" },
        failed.len()
    );
    if !failed.is_empty() {
        std::process::exit(1);
    }
}
