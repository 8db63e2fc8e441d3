//! Micro-benchmarks of flowlog's hot functions, as a regression guard (STYLE §14).
//!
//! `cargo bench -p flowlog-core --bench hot_functions` times them; `cargo test --workspace`
//! only builds this target and runs each benchmark once (criterion's test mode), so a broken
//! benchmark fails the tests but timing never does. Speed against other engines is measured by
//! `benches/run.py`, not here.

use std::hint::black_box;
use std::sync::Arc;

use arrow::array::{Int64Array, RecordBatch};
use arrow::datatypes::{DataType, Field, Schema};
use chrono::{TimeZone, Utc};
use criterion::{Criterion, criterion_group, criterion_main};
use flowlog_core::functions::datetime::format_cache::{Granularity, format_column};
use flowlog_core::layout::FlowLogKey;
use flowlog_core::projection::{PartitionColumn, PartitionKind, Projection};
use flowlog_core::time::TrinoZone;
use flowlog_core::time::joda::JodaPattern;
use flowlog_core::{FlowLogSession, SessionOptions};

/// A batch's worth of flow-log `start` values in milliseconds: a day, 10.5 s apart.
fn epoch_millis() -> Vec<Option<i64>> {
    (0..8192_i64)
        .map(|i| Some(1_795_132_800_000 + i * 10_547))
        .collect()
}

fn format_datetime(c: &mut Criterion) {
    let millis = epoch_millis();
    let tokyo = TrinoZone::parse("+09:00").expect("zone");
    let mut group = c.benchmark_group("format_datetime");
    for pattern in ["yyyy-MM-dd HH:mm:ss", "yyyy-MM-dd HH"] {
        let compiled = JodaPattern::parse(pattern).expect("pattern");
        group.bench_function(format!("per_row/{pattern}"), |b| {
            let mut text = String::new();
            b.iter(|| {
                let mut total = 0;
                for m in millis.iter().flatten() {
                    text.clear();
                    compiled.format_into(*m, &tokyo, &mut text);
                    total += text.len();
                }
                black_box(total)
            })
        });
        let granularity = Granularity::of_pattern(pattern).expect("cacheable");
        group.bench_function(format!("cached/{pattern}"), |b| {
            b.iter(|| black_box(format_column(&millis, &compiled, granularity, &tokyo)))
        });
    }
    group.finish();
}

fn from_unixtime_in_sql(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .expect("runtime");
    let session = FlowLogSession::new(SessionOptions::default());
    let starts: Int64Array = (0..65_536_i64).map(|i| 1_795_132_800 + i * 7).collect();
    let schema = Arc::new(Schema::new(vec![Field::new(
        "start",
        DataType::Int64,
        false,
    )]));
    let batch = RecordBatch::try_new(schema, vec![Arc::new(starts)]).expect("batch");
    session
        .context()
        .register_batch("flows", batch)
        .expect("register");
    let mut group = c.benchmark_group("sql");
    for (name, sql) in [
        (
            "from_unixtime",
            "select count(from_unixtime(\"start\", 9, 0)) from flows",
        ),
        (
            "format_datetime_hour",
            "select count(distinct format_datetime(from_unixtime(\"start\", 9, 0), 'yyyy-MM-dd HH')) from flows",
        ),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                runtime.block_on(async {
                    let df = session
                        .run_script(sql)
                        .await
                        .expect("query")
                        .expect("a query");
                    black_box(df.collect().await.expect("collect"))
                })
            })
        });
    }
    group.finish();
}

fn key_parser(c: &mut Criterion) {
    let key = "prefix/AWSLogs/111111111111/vpcflowlogs/ap-northeast-1/2026/11/19/\
               111111111111_vpcflowlogs_ap-northeast-1_fl-0123456789abcdef0_20261119T0005Z_1a2b3c4d.log.parquet";
    c.bench_function("key_parser/daily", |b| {
        b.iter(|| black_box(FlowLogKey::parse(black_box(key)).expect("key")))
    });
}

fn projection_enumeration(c: &mut Criterion) {
    let columns = [
        PartitionColumn::new("account", PartitionKind::String),
        PartitionColumn::new("date", PartitionKind::String),
    ];
    let properties: Vec<(String, String)> = [
        ("projection.enabled", "true"),
        ("projection.account.type", "enum"),
        (
            "projection.account.values",
            "111111111111,222222222222,333333333333,444444444444,555555555555,666666666666",
        ),
        ("projection.date.type", "date"),
        ("projection.date.format", "yyyy/MM/dd"),
        ("projection.date.range", "2021/01/01,NOW"),
        ("projection.date.interval", "1"),
        ("projection.date.interval.unit", "DAYS"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let now = Utc.with_ymd_and_hms(2026, 11, 20, 0, 0, 0).unwrap();
    c.bench_function("projection/enumerate_account_by_day", |b| {
        b.iter(|| {
            let projection = Projection::from_properties(&columns, &properties, now)
                .expect("projection")
                .expect("enabled");
            let total: usize = projection
                .columns()
                .iter()
                .map(|c| c.values(1_000_000).expect("values").len())
                .product();
            black_box(total)
        })
    });
}

criterion_group!(
    hot,
    format_datetime,
    from_unixtime_in_sql,
    key_parser,
    projection_enumeration
);
criterion_main!(hot);
