//! The console's queries: each runs on its own task and keeps its result batches here,
//! by id, so the page can ask for any page of rows, the stats and downloads while (and
//! after) it runs. Cancel aborts the task, which drops the query's stream. What is held
//! is capped: past the cap the query is stopped and its first rows stay browsable.
//!
//! Queries run on a runtime of their own, not on the one that serves the page: a
//! CPU-bound plan (a cross join computes batch after batch without waiting on I/O)
//! keeps its worker threads busy, and on a small machine the page's requests —
//! Cancel among them — would otherwise wait behind it.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use datafusion::arrow::datatypes::{DataType, SchemaRef};
use datafusion::arrow::record_batch::RecordBatch;
use flowlog_core::render::render_value;
use flowlog_core::session::statements::hive_type;
use futures::StreamExt;

use crate::commands::query::Opened;

/// How far a query got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Status {
    /// Still reading.
    Running,
    /// Every row is held.
    Done,
    /// Stopped at the memory cap: the rows held are the first ones.
    Truncated,
    /// Stopped by the user.
    Cancelled,
    /// Failed with flowlog's one-line message.
    Failed(String),
}

impl Status {
    /// The name the page sees.
    pub(crate) fn name(&self) -> &'static str {
        match self {
            Status::Running => "running",
            Status::Done => "done",
            Status::Truncated => "truncated",
            Status::Cancelled => "cancelled",
            Status::Failed(_) => "failed",
        }
    }
}

/// What one query has produced so far.
#[derive(Debug)]
pub(crate) struct Held {
    /// How far it got.
    pub(crate) status: Status,
    /// The result's columns, once known (`None` for DDL-only SQL).
    pub(crate) schema: Option<SchemaRef>,
    /// The batches read, in order.
    pub(crate) batches: Vec<RecordBatch>,
    /// Rows held.
    pub(crate) rows: u64,
    /// Memory held by the batches.
    pub(crate) bytes_held: usize,
    /// Objects read (Athena's "data scanned" counts).
    pub(crate) objects: u64,
    /// Bytes read.
    pub(crate) bytes_read: u64,
    /// Elapsed time, when it ended.
    pub(crate) elapsed: Option<Duration>,
}

/// One query of the console.
#[derive(Debug)]
pub(crate) struct Run {
    /// Its id.
    pub(crate) id: u64,
    /// The SQL.
    pub(crate) sql: String,
    /// When it started.
    pub(crate) started: Instant,
    /// What it has produced.
    pub(crate) held: Mutex<Held>,
    task: Mutex<Option<tokio::task::AbortHandle>>,
}

impl Run {
    /// The held state (never poisoned: no code panics while holding it).
    pub(crate) fn held(&self) -> std::sync::MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn finish(&self, status: Status) {
        let mut held = self.held();
        if held.status == Status::Running {
            held.status = status;
            held.elapsed = Some(self.started.elapsed());
        }
    }
}

/// The queries of one console and the session they run in.
pub(crate) struct Runs {
    opened: Arc<Opened>,
    /// Where the queries run (not the runtime serving the page).
    engine: tokio::runtime::Handle,
    next: AtomicU64,
    runs: Mutex<BTreeMap<u64, Arc<Run>>>,
    /// The most result memory one query may hold.
    cap: usize,
}

/// The most memory of result batches one query holds in the console (beyond it, the
/// query is stopped and the page says to use `flowlog query -o`).
pub(crate) const HELD_CAP: usize = 512 * 1024 * 1024;
/// The most queries whose results are kept; older ones are dropped.
const KEPT_RUNS: usize = 20;

impl Runs {
    /// The queries of a console over `opened`, run on `engine`.
    pub(crate) fn new(opened: Arc<Opened>, engine: tokio::runtime::Handle, cap: usize) -> Self {
        Self {
            opened,
            engine,
            next: AtomicU64::new(1),
            runs: Mutex::default(),
            cap,
        }
    }

    /// The session's query setup.
    pub(crate) fn opened(&self) -> &Arc<Opened> {
        &self.opened
    }

    /// Starts `sql` on its own task; returns its id at once.
    pub(crate) fn start(&self, sql: String) -> Arc<Run> {
        let id = self.next.fetch_add(1, Ordering::Relaxed);
        let run = Arc::new(Run {
            id,
            sql,
            started: Instant::now(),
            held: Mutex::new(Held {
                status: Status::Running,
                schema: None,
                batches: Vec::new(),
                rows: 0,
                bytes_held: 0,
                objects: 0,
                bytes_read: 0,
                elapsed: None,
            }),
            task: Mutex::default(),
        });
        {
            let mut runs = self.runs.lock().unwrap_or_else(|e| e.into_inner());
            runs.insert(id, run.clone());
            while runs.len() > KEPT_RUNS {
                let Some((&oldest, _)) = runs.iter().next() else {
                    break;
                };
                if let Some(old) = runs.remove(&oldest) {
                    old.cancel();
                }
            }
        }
        let task = self
            .engine
            .spawn(execute(self.opened.clone(), run.clone(), self.cap));
        *run.task.lock().unwrap_or_else(|e| e.into_inner()) = Some(task.abort_handle());
        run
    }

    /// The query with `id`.
    pub(crate) fn get(&self, id: u64) -> Option<Arc<Run>> {
        self.runs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .get(&id)
            .cloned()
    }

    /// Every query kept, oldest first (the history).
    pub(crate) fn all(&self) -> Vec<Arc<Run>> {
        self.runs
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .values()
            .cloned()
            .collect()
    }

    /// Stops every running query (at shutdown).
    pub(crate) fn cancel_all(&self) {
        for run in self.all() {
            run.cancel();
        }
    }
}

impl Run {
    /// Stops the query: its task is aborted, which drops the engine's stream.
    pub(crate) fn cancel(&self) {
        if let Some(task) = self.task.lock().unwrap_or_else(|e| e.into_inner()).take() {
            task.abort();
        }
        self.finish(Status::Cancelled);
    }
}

/// Runs the query and keeps its batches; the outcome lands in `run`.
async fn execute(opened: Arc<Opened>, run: Arc<Run>, cap: usize) {
    let session = &opened.session;
    let progress = session.progress();
    let before = progress.snapshot();
    let outcome: anyhow::Result<Status> = async {
        let Some(df) = session.run_script(&run.sql).await? else {
            return Ok(Status::Done);
        };
        run.held().schema = Some(Arc::new(df.schema().as_arrow().clone()));
        let mut stream = df
            .execute_stream()
            .await
            .map_err(|e| session.explain_error(e))?;
        while let Some(batch) = stream.next().await {
            let batch = batch.map_err(|e| session.explain_error(e))?;
            let counted = progress.snapshot().since(&before);
            let mut held = run.held();
            held.objects = counted.objects_scanned;
            held.bytes_read = counted.bytes_scanned;
            if held.bytes_held + batch.get_array_memory_size() > cap {
                return Ok(Status::Truncated);
            }
            held.rows += batch.num_rows() as u64;
            held.bytes_held += batch.get_array_memory_size();
            held.batches.push(batch);
        }
        Ok(Status::Done)
    }
    .await;
    let counted = progress.snapshot().since(&before);
    {
        let mut held = run.held();
        held.objects = counted.objects_scanned;
        held.bytes_read = counted.bytes_scanned;
    }
    run.finish(match outcome {
        Ok(status) => status,
        Err(err) => Status::Failed(crate::one_line(&err)),
    });
}

/// How the page treats a column: numbers can be plotted, times make a time axis.
fn kind(data_type: &DataType) -> &'static str {
    match data_type {
        DataType::Timestamp(_, _) | DataType::Date32 | DataType::Date64 => "time",
        DataType::Decimal128(_, _) | DataType::Decimal256(_, _) => "number",
        t if t.is_numeric() => "number",
        _ => "text",
    }
}

/// The columns as the page sees them: name, Hive type and kind.
pub(crate) fn columns(schema: &SchemaRef) -> serde_json::Value {
    schema
        .fields()
        .iter()
        .map(|f| {
            serde_json::json!({
                "name": f.name(),
                "type": hive_type(f.data_type()),
                "kind": kind(f.data_type()),
            })
        })
        .collect()
}

/// Rows `offset .. offset + limit` of `batches`, each value as Athena prints it (`null`
/// for NULL).
pub(crate) fn page(batches: &[RecordBatch], offset: u64, limit: u64) -> Vec<Vec<Option<String>>> {
    let mut out = Vec::new();
    let mut skip = offset;
    for batch in batches {
        if out.len() as u64 >= limit {
            break;
        }
        let n = batch.num_rows() as u64;
        if skip >= n {
            skip -= n;
            continue;
        }
        for row in skip..n {
            if out.len() as u64 >= limit {
                break;
            }
            out.push(
                batch
                    .columns()
                    .iter()
                    .map(|c| render_value(c.as_ref(), row as usize))
                    .collect(),
            );
        }
        skip = 0;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use datafusion::arrow::array::Int64Array;
    use datafusion::arrow::datatypes::{Field, Schema};

    fn batch(values: &[Option<i64>]) -> RecordBatch {
        let schema = Arc::new(Schema::new(vec![Field::new("n", DataType::Int64, true)]));
        RecordBatch::try_new(schema, vec![Arc::new(Int64Array::from(values.to_vec()))]).unwrap()
    }

    fn flat(rows: Vec<Vec<Option<String>>>) -> Vec<Option<String>> {
        rows.into_iter().map(|mut r| r.remove(0)).collect()
    }

    #[test]
    fn pages_cross_batch_boundaries() {
        let batches = vec![
            batch(&[Some(0), Some(1), Some(2)]),
            batch(&[]),
            batch(&[Some(3), None]),
            batch(&[Some(5)]),
        ];
        let s = |v: &[&str]| -> Vec<Option<String>> {
            v.iter()
                .map(|x| (*x != "null").then(|| x.to_string()))
                .collect()
        };
        assert_eq!(flat(page(&batches, 0, 2)), s(&["0", "1"]));
        assert_eq!(flat(page(&batches, 2, 2)), s(&["2", "3"]));
        assert_eq!(flat(page(&batches, 3, 10)), s(&["3", "null", "5"]));
        assert_eq!(flat(page(&batches, 5, 10)), s(&["5"]));
        assert!(page(&batches, 6, 10).is_empty());
        assert!(page(&batches, 0, 0).is_empty());
        assert_eq!(page(&batches, 0, 100).len(), 6);
    }

    #[test]
    fn columns_carry_hive_types_and_kinds() {
        let schema = Arc::new(Schema::new(vec![
            Field::new("bytes", DataType::Int64, true),
            Field::new("srcaddr", DataType::Utf8, true),
        ]));
        let c = columns(&schema);
        assert_eq!(c[0]["type"], "bigint");
        assert_eq!(c[0]["kind"], "number");
        assert_eq!(c[1]["type"], "string");
        assert_eq!(c[1]["kind"], "text");
    }
}
