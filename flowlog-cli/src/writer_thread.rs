//! Rendering and writing the result on a thread of its own.
//!
//! A sorted result is produced by one merge on the thread that drives the query; if the
//! same thread also rendered every row as CSV, the merge would wait for the rendering and
//! one core would idle. Here the batches go through a short channel to a writer thread,
//! so merging and rendering run side by side.

use std::path::{Path, PathBuf};
use std::thread::JoinHandle;

use anyhow::{Context, Result, anyhow};
use datafusion::arrow::datatypes::SchemaRef;
use datafusion::arrow::record_batch::RecordBatch;
use tokio::sync::{mpsc, oneshot};

use crate::args::Format;
use crate::output::WriterOptions;
use crate::sink::ResultSink;

/// Batches that may wait for the writer: enough to keep both sides busy, few enough to
/// bound memory (each is at most one batch of the query's size).
const QUEUE: usize = 4;

/// What the writer thread is told.
enum Message {
    /// Render and write these rows.
    Batch(RecordBatch),
    /// The query succeeded: finish the output and move it into place.
    Finish,
}

/// A [`ResultSink`] owned by a writer thread.
///
/// Dropping it without [`WriterThread::finish`] (an error, a signal) abandons the output:
/// the thread drops its sink, which removes any temporary file, and the drop waits for
/// that, so nothing half-written survives the process.
pub(crate) struct WriterThread {
    sender: Option<mpsc::Sender<Message>>,
    handle: Option<JoinHandle<Result<Vec<PathBuf>>>>,
}

impl WriterThread {
    /// Open the sink for `output` on a new thread (stdout when `None`); an error opening
    /// it (a missing directory, a refused path) is returned here, before any row.
    pub(crate) async fn open(
        format: Format,
        output: Option<&Path>,
        schema: SchemaRef,
        options: WriterOptions,
        rows_per_part: u64,
    ) -> Result<Self> {
        let (sender, mut receiver) = mpsc::channel::<Message>(QUEUE);
        let (opened_tx, opened_rx) = oneshot::channel::<Result<()>>();
        let output = output.map(Path::to_path_buf);
        let handle = std::thread::Builder::new()
            .name("flowlog-writer".into())
            .spawn(move || -> Result<Vec<PathBuf>> {
                let mut sink = match ResultSink::open(
                    format,
                    output.as_deref(),
                    &schema,
                    options,
                    rows_per_part,
                ) {
                    Ok(sink) => {
                        let _ = opened_tx.send(Ok(()));
                        sink
                    }
                    Err(e) => {
                        let _ = opened_tx.send(Err(e));
                        return Err(anyhow!("the output could not be opened"));
                    }
                };
                while let Some(message) = receiver.blocking_recv() {
                    match message {
                        Message::Batch(batch) => sink.write(&batch)?,
                        Message::Finish => return sink.finish(),
                    }
                }
                Err(anyhow!("the query stopped before its result was complete"))
            })
            .context("cannot start the thread that writes the result")?;
        let mut thread = Self {
            sender: Some(sender),
            handle: Some(handle),
        };
        match opened_rx.await {
            Ok(Ok(())) => Ok(thread),
            Ok(Err(e)) => Err(e),
            Err(_) => Err(thread.failure()),
        }
    }

    /// Queue one batch for writing; waits while the writer is [`QUEUE`] batches behind.
    /// An error here is the writer's (a full disk, a closed pipe).
    pub(crate) async fn write(&mut self, batch: RecordBatch) -> Result<()> {
        let sent = match &self.sender {
            Some(sender) => sender.send(Message::Batch(batch)).await.is_ok(),
            None => false,
        };
        if sent { Ok(()) } else { Err(self.failure()) }
    }

    /// Finish the output once every batch is written; returns the files written.
    pub(crate) async fn finish(mut self) -> Result<Vec<PathBuf>> {
        if let Some(sender) = self.sender.take() {
            // If the writer already stopped, its error comes from the join below.
            let _ = sender.send(Message::Finish).await;
        }
        let handle = self.handle.take().expect("joined only here or on drop");
        tokio::task::spawn_blocking(move || join(handle))
            .await
            .map_err(|e| anyhow!("the thread that writes the result failed: {e}"))?
    }

    /// The writer's own error, after it stopped early.
    fn failure(&mut self) -> anyhow::Error {
        self.sender = None;
        match self.handle.take() {
            Some(handle) => match join(handle) {
                Err(e) => e,
                Ok(_) => anyhow!("the thread that writes the result stopped early"),
            },
            None => anyhow!("the thread that writes the result stopped early"),
        }
    }
}

impl Drop for WriterThread {
    fn drop(&mut self) {
        // Closing the channel without `Finish` makes the writer drop its sink (and its
        // temporary file); wait for that.
        self.sender = None;
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

/// The thread's result; a panic in it becomes an error.
fn join(handle: JoinHandle<Result<Vec<PathBuf>>>) -> Result<Vec<PathBuf>> {
    handle
        .join()
        .unwrap_or_else(|_| Err(anyhow!("the thread that writes the result panicked")))
}
