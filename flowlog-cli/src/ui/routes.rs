//! What each URL of the console answers. Every request must carry the launch token
//! (query parameter or cookie); the API speaks JSON.

use std::sync::Arc;

use serde_json::json;

use super::Console;
use super::assets;
use super::download::{self, Download};
use super::http::{Request, Response};
use super::runs::{self, Status};
use crate::shell::complete::{KEYWORDS, Vocabulary};

/// The most rows one page request returns.
const MAX_PAGE: u64 = 10_000;

/// Answers one request.
pub(crate) async fn handle(console: &Arc<Console>, request: Request) -> Response {
    if !console.token.admits(&request) {
        return Response::new(
            403,
            "text/plain; charset=utf-8",
            "flowlog ui: open the URL that flowlog ui printed (it carries ?token=…)\n",
        );
    }
    let method = request.method.as_str();
    match (method, request.path.as_str()) {
        ("GET", "/") => Response::new(200, "text/html; charset=utf-8", assets::INDEX)
            .with_header("Set-Cookie", console.token.cookie())
            .with_header(
                "Content-Security-Policy",
                "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'".into(),
            ),
        ("GET", "/app.js") => Response::new(200, "text/javascript; charset=utf-8", assets::SCRIPT),
        ("GET", "/app.css") => Response::new(200, "text/css; charset=utf-8", assets::STYLE),
        ("GET", "/api/info") => info(console),
        ("GET", "/api/vocabulary") => vocabulary(console).await,
        ("GET", "/api/describe") => describe(console, &request).await,
        ("POST", "/api/run") => run(console, &request),
        ("GET", "/api/status") => with_run(console, &request, status),
        ("GET", "/api/page") => with_run(console, &request, |run| page(run, &request)),
        ("POST", "/api/cancel") => with_run(console, &request, |run| {
            run.cancel();
            status(run)
        }),
        ("GET", "/api/download") => with_run(console, &request, |run| download(run, &request)),
        ("GET", "/api/history") => history(console),
        ("GET", "/api/saved") => saved_get(console, &request),
        ("POST", "/api/saved") => saved_put(console, &request),
        (_, "/" | "/app.js" | "/app.css") => Response::error(405, "method not allowed"),
        _ => Response::error(404, "not found"),
    }
}

fn info(console: &Console) -> Response {
    Response::json(
        200,
        &json!({
            "version": env!("CARGO_PKG_VERSION"),
            "queriesDir": console.saved.dir().display().to_string(),
            "initialSql": console.initial_sql,
        }),
    )
}

async fn vocabulary(console: &Console) -> Response {
    let v = Vocabulary::read(&console.runs.opened().session).await;
    Response::json(
        200,
        &json!({
            "tables": v.tables,
            "columns": v.columns,
            "functions": v.functions,
            "keywords": KEYWORDS,
        }),
    )
}

/// `DESCRIBE table`: the rows of Hive's layout (columns, then the partition section).
async fn describe(console: &Console, request: &Request) -> Response {
    let Some(table) = request.param("table") else {
        return Response::error(400, "describe needs ?table=");
    };
    let quoted = format!("\"{}\"", table.replace('"', "\"\""));
    let session = &console.runs.opened().session;
    let outcome: anyhow::Result<Vec<Vec<Option<String>>>> = async {
        let df = session
            .run_script(&format!("DESCRIBE {quoted}"))
            .await?
            .ok_or_else(|| anyhow::anyhow!("DESCRIBE returned nothing"))?;
        let batches = df.collect().await.map_err(|e| session.explain_error(e))?;
        Ok(runs::page(&batches, 0, u64::MAX))
    }
    .await;
    match outcome {
        Ok(rows) => Response::json(200, &json!({ "table": table, "rows": rows })),
        Err(e) => Response::error(400, &crate::one_line(&e)),
    }
}

fn run(console: &Console, request: &Request) -> Response {
    let sql = String::from_utf8_lossy(&request.body).into_owned();
    if sql.trim().is_empty() {
        return Response::error(400, "no SQL to run");
    }
    let run = console.runs.start(sql);
    Response::json(200, &json!({ "id": run.id }))
}

fn with_run(
    console: &Console,
    request: &Request,
    answer: impl FnOnce(&runs::Run) -> Response,
) -> Response {
    match request
        .param("id")
        .and_then(|id| id.parse().ok())
        .and_then(|id| console.runs.get(id))
    {
        Some(run) => answer(&run),
        None => Response::error(404, "no such query (the console keeps the last 20)"),
    }
}

fn status(run: &runs::Run) -> Response {
    let held = run.held();
    let elapsed = held.elapsed.unwrap_or_else(|| run.started.elapsed());
    Response::json(
        200,
        &json!({
            "id": run.id,
            "status": held.status.name(),
            "error": match &held.status { Status::Failed(m) => Some(m.as_str()), _ => None },
            "columns": held.schema.as_ref().map(runs::columns),
            "rows": held.rows,
            "objects": held.objects,
            "bytesRead": held.bytes_read,
            "elapsedMs": elapsed.as_millis() as u64,
            "heldLimit": super::runs::HELD_CAP,
        }),
    )
}

fn page(run: &runs::Run, request: &Request) -> Response {
    let number = |name: &str, default: u64| {
        request
            .param(name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let offset = number("offset", 0);
    let limit = number("limit", 100).min(MAX_PAGE);
    let held = run.held();
    let rows = runs::page(&held.batches, offset, limit);
    Response::json(
        200,
        &json!({ "offset": offset, "rows": rows, "total": held.rows, "status": held.status.name() }),
    )
}

fn download(run: &runs::Run, request: &Request) -> Response {
    let Some(kind) = request.param("format").and_then(Download::parse) else {
        return Response::error(400, "format must be csv, excel or xlsx");
    };
    let held = run.held();
    match &held.status {
        Status::Done => {}
        Status::Running => return Response::error(409, "the query is still running"),
        Status::Truncated => {
            return Response::error(
                409,
                "the result is larger than the console holds; write it with flowlog query -o FILE",
            );
        }
        Status::Cancelled => return Response::error(409, "the query was cancelled"),
        Status::Failed(m) => return Response::error(409, m),
    }
    let Some(schema) = &held.schema else {
        return Response::error(409, "the SQL returned no result");
    };
    match download::render(kind, schema, &held.batches, run.id) {
        Ok(bytes) => Response::new(200, kind.content_type(), bytes).with_header(
            "Content-Disposition",
            format!("attachment; filename=\"{}\"", kind.file_name(run.id)),
        ),
        Err(e) => Response::error(500, &crate::one_line(&e)),
    }
}

fn history(console: &Console) -> Response {
    let entries: Vec<serde_json::Value> = console
        .runs
        .all()
        .iter()
        .rev()
        .map(|run| {
            let held = run.held();
            json!({
                "id": run.id,
                "sql": run.sql,
                "status": held.status.name(),
                "rows": held.rows,
                "elapsedMs": held.elapsed.unwrap_or_else(|| run.started.elapsed()).as_millis() as u64,
            })
        })
        .collect();
    Response::json(200, &json!({ "history": entries }))
}

fn saved_get(console: &Console, request: &Request) -> Response {
    let outcome = match request.param("name") {
        Some(name) => console
            .saved
            .read(name)
            .map(|sql| json!({ "name": name, "sql": sql })),
        None => console.saved.list().map(
            |names| json!({ "dir": console.saved.dir().display().to_string(), "names": names }),
        ),
    };
    match outcome {
        Ok(value) => Response::json(200, &value),
        Err(e) => Response::error(400, &e.to_string()),
    }
}

fn saved_put(console: &Console, request: &Request) -> Response {
    let Some(name) = request.param("name") else {
        return Response::error(400, "saving needs ?name=");
    };
    let sql = String::from_utf8_lossy(&request.body);
    match console.saved.save(name, &sql) {
        Ok(name) => Response::json(200, &json!({ "name": name })),
        Err(e) => Response::error(400, &e.to_string()),
    }
}
