//! The built-in questions on the command line: `--list-named`, and the parameters
//! (`--named`'s table, `--since`/`--until`, `--limit`, the time zone) for one of them.

use anyhow::{Result, anyhow, bail};
use flowlog_core::FlowLogSession;
use flowlog_core::questions::{self, Lang, Params, Period, PeriodColumn, Question};
use flowlog_core::time::TrinoZone;

use crate::args_report::PeriodArgs;

/// `flowlog query --list-named`: each question's name, title and description, in the
/// locale's language.
pub(crate) fn list() -> Result<()> {
    let lang = Lang::from_env();
    let width = questions::names().map(str::len).max().unwrap_or(0);
    let mut out = String::new();
    for q in questions::QUESTIONS {
        out.push_str(&format!(
            "{:width$}  {}\n{:width$}  {}\n",
            q.name,
            q.title.get(lang),
            "",
            q.description.get(lang)
        ));
    }
    out.push_str(match lang {
        Lang::En => "\nRun one with: flowlog query --ddl … | --logs … --named NAME [--since DAY] [--until DAY] [--limit N] [--time-zone ZONE]\n",
        Lang::Ja => "\n実行: flowlog query --ddl … | --logs … --named 名前 [--since 日付] [--until 日付] [--limit 件数] [--time-zone ゾーン]\n",
    });
    print!("{out}");
    Ok(())
}

/// The question named `name`, or an error listing the names (the closest first).
pub(crate) fn question(name: &str) -> Result<&'static Question> {
    questions::find(name).ok_or_else(|| {
        anyhow!(
            "--named {name}: no such question; did you mean {}? (flowlog query --list-named lists them: {})",
            questions::closest(name),
            questions::names().collect::<Vec<_>>().join(", ")
        )
    })
}

/// The zone a question counts hours in: `--time-zone` (or the config's), else Asia/Tokyo
/// for a Japanese locale and UTC otherwise.
pub(crate) fn zone(time_zone: Option<TrinoZone>, lang: Lang) -> TrinoZone {
    time_zone.unwrap_or_else(|| lang.default_zone())
}

/// The parameters for the session's flow-log table: `table` (`--table`) when the session has it
/// (always so with `--logs`), else the one table the DDL registered.
pub(crate) async fn params(
    session: &FlowLogSession,
    table: &str,
    period: &PeriodArgs,
    zone: TrinoZone,
) -> Result<Params> {
    let tables = session.flow_log_tables().await;
    let wanted = table.to_lowercase();
    let table = if tables.contains(&wanted) {
        wanted
    } else {
        match tables.as_slice() {
            [one] => one.clone(),
            [] => bail!(
                "no flow-log table to ask: give --ddl with a CREATE EXTERNAL TABLE, or --logs DIR"
            ),
            many => bail!(
                "several flow-log tables ({}); say which with --table NAME",
                many.join(", ")
            ),
        }
    };
    let column = match session.day_partition(&table).await {
        Some((column, pattern)) => PeriodColumn::DatePartition { column, pattern },
        None => PeriodColumn::Start,
    };
    let limit = period.limit();
    let period = Period::new(period.since, period.until, column)?;
    Ok(Params {
        table,
        period,
        zone,
        limit,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_name_suggests_the_closest() {
        let e = question("top-talker").unwrap_err().to_string();
        assert!(
            e.starts_with("--named top-talker: no such question; did you mean top-talkers?"),
            "{e}"
        );
    }
}
