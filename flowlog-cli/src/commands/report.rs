//! `flowlog report`: every built-in question over the session's table, written as one
//! self-contained HTML page (see [`flowlog_core::report`]).

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use chrono::Utc;
use flowlog_core::questions::{Lang, Params, Period, QUESTIONS};
use flowlog_core::report::{Answer, AnswerTable, Report, Section};
use flowlog_core::time::TrinoZone;
use futures::TryStreamExt;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

use super::query::Opened;
use crate::args_report::ReportArgs;
use crate::progress::ProgressMode;
use crate::sink::{bytes, thousands};

pub(crate) async fn run(args: ReportArgs) -> Result<()> {
    let started = Instant::now();
    if args.stray_sql.is_some() {
        bail!(
            "flowlog report runs every built-in question; it takes no SQL (use flowlog query for that)"
        );
    }
    let session = &args.session;
    let Some(output) = args.output.clone() else {
        bail!("flowlog report needs -o FILE.html: the report is one HTML file");
    };
    let extension = output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    if !matches!(extension.as_deref(), Some("html" | "htm")) {
        bail!(
            "-o {}: a report is an HTML page; name the file with .html",
            output.display()
        );
    }
    let lang = args.lang.map(Lang::from).unwrap_or_else(Lang::from_env);
    let zone = super::named::zone(session.time_zone, lang);
    let opened = Opened::open(session, None, Some(&output)).await?;
    let params = super::named::params(&opened.session, &session.table, &args.period, zone).await?;

    let bar = progress_bar(session.engine.progress, QUESTIONS.len() as u64);
    let mut sections = Vec::new();
    for question in QUESTIONS {
        bar.set_message(question.name);
        let sql = question.sql(&params);
        let answer = match answer(&opened, &sql).await {
            Ok(table) => Answer::Rows(table),
            Err(e) => {
                log::warn!("report: {}: {e:#}", question.name);
                Answer::Failed(format!("{e:#}"))
            }
        };
        sections.push(Section {
            question,
            sql,
            answer,
        });
        bar.inc(1);
    }
    bar.finish_and_clear();

    let read = opened.session.progress().snapshot();
    let report = Report {
        lang,
        title: args
            .title
            .clone()
            .unwrap_or_else(|| default_title(lang, &params.table)),
        facts: facts(lang, session, &params, zone, &read),
        sections,
    };
    write_atomically(&output, report.to_html().as_bytes())?;
    opened.skipped_result()?;
    if std::io::stderr().is_terminal() && log::log_enabled!(target: "flowlog", log::Level::Warn)
        || log::log_enabled!(target: "flowlog", log::Level::Info)
    {
        eprintln!(
            "flowlog: wrote {} ({} questions) in {:.1} s; read {} objects, {}",
            output.display(),
            QUESTIONS.len(),
            started.elapsed().as_secs_f64(),
            thousands(read.objects_scanned),
            bytes(read.bytes_scanned)
        );
    }
    Ok(())
}

/// The rows of one question.
async fn answer(opened: &Opened, sql: &str) -> Result<AnswerTable> {
    let session = &opened.session;
    let Some(df) = session.run_script(sql).await? else {
        bail!("the question's SQL has no query");
    };
    let batches: Vec<_> = df
        .execute_stream()
        .await
        .map_err(|e| session.explain_error(e))?
        .map_err(|e| session.explain_error(e))
        .try_collect()
        .await?;
    Ok(AnswerTable::from_batches(&batches))
}

fn default_title(lang: Lang, table: &str) -> String {
    match lang {
        Lang::En => format!("VPC Flow Logs report — {table}"),
        Lang::Ja => format!("VPC フローログ レポート — {table}"),
    }
}

/// What the report covers, shown under its title.
fn facts(
    lang: Lang,
    args: &crate::args_session::SessionArgs,
    params: &Params,
    zone: TrinoZone,
    read: &flowlog_core::storage::ProgressSnapshot,
) -> Vec<(String, String)> {
    let ja = lang == Lang::Ja;
    let label = |en: &str, jp: &str| if ja { jp.to_string() } else { en.to_string() };
    let mut facts = vec![(label("Table", "テーブル"), params.table.clone())];
    let source: Vec<String> = args
        .ddl
        .iter()
        .map(|d| format!("--ddl {}", d.display()))
        .chain(args.logs.iter().map(|l| format!("--logs {l}")))
        .collect();
    facts.push((label("Source", "データ"), source.join(" ")));
    facts.push((label("Period", "期間"), period_text(&params.period, ja)));
    facts.push((label("Time zone of hours", "時刻のタイムゾーン"), zone.id()));
    if let Some(now) = args.now {
        facts.push((
            label("NOW (partition projection)", "NOW (パーティション射影)"),
            now.to_rfc3339(),
        ));
    }
    facts.push((
        label("Data read", "読み込んだデータ"),
        if ja {
            format!(
                "{} 件のクエリで計 {} オブジェクト、{}",
                QUESTIONS.len(),
                thousands(read.objects_scanned),
                bytes(read.bytes_scanned)
            )
        } else {
            format!(
                "{} objects, {} in all over {} queries",
                thousands(read.objects_scanned),
                bytes(read.bytes_scanned),
                QUESTIONS.len()
            )
        },
    ));
    facts.push((
        label("Generated", "作成日時"),
        Utc::now()
            .with_timezone(&zone.offset_at(Utc::now().naive_utc()))
            .format("%Y-%m-%d %H:%M:%S %:z")
            .to_string(),
    ));
    facts
}

fn period_text(period: &Period, ja: bool) -> String {
    let day = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y/%m/%d").to_string());
    match (day(period.since), day(period.until), ja) {
        (None, None, false) => "every day the table selects".into(),
        (None, None, true) => "テーブルが選ぶすべての日".into(),
        (s, u, false) => format!(
            "{} – {} (UTC days of the logs' S3 prefixes)",
            s.unwrap_or_default(),
            u.unwrap_or_default()
        ),
        (s, u, true) => format!(
            "{} – {} (ログの S3 プレフィックスの日付、UTC)",
            s.unwrap_or_default(),
            u.unwrap_or_default()
        ),
    }
}

/// A bar of questions answered, on a terminal (as `--progress` says).
fn progress_bar(mode: ProgressMode, len: u64) -> ProgressBar {
    let quiet = !log::log_enabled!(target: "flowlog", log::Level::Warn);
    let show = match mode {
        ProgressMode::Off => false,
        ProgressMode::On | ProgressMode::Auto => !quiet && std::io::stderr().is_terminal(),
    };
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("report {pos}/{len} {wide_msg} · {elapsed}")
            .unwrap_or_else(|_| ProgressStyle::default_bar()),
    );
    bar
}

/// Writes `bytes` to `path` through a temporary file in the same directory (the CLI's
/// [`AtomicFile`](crate::output::AtomicFile)), so the path holds either the old file or
/// the whole new one.
fn write_atomically(path: &Path, bytes: &[u8]) -> Result<()> {
    let file = crate::output::AtomicFile::create(path)?;
    let mut writer = file.writer()?;
    writer
        .write_all(bytes)
        .and_then(|()| writer.flush())
        .with_context(|| format!("cannot write {}", path.display()))?;
    drop(writer);
    file.commit()
}
