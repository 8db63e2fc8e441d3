//! `flowlog shell` (and `flowlog` or `flowlog query` with no SQL on a terminal): an
//! interactive SQL shell over the tables the query flags register.
//!
//! ```text
//! flowlog> select action, count(*)      statements end at ';' and may span lines;
//!       -> from vpc_flow_logs group by 1;  each runs through the query command's path
//! flowlog> \d vpc_flow_logs             backslash commands act at once (meta.rs)
//! ```
//!
//! The session, the writers and the explanations of empty results are the query
//! command's ([`Opened`]); the shell only reads lines, keeps history and completion, and
//! catches Ctrl-C so that it cancels the running query, not the shell.

pub(crate) mod complete;
mod help;
mod meta;
mod statements;

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use anyhow::{Context, Result, bail};
use clap::Parser;
use rustyline::error::ReadlineError;
use rustyline::history::DefaultHistory;
use rustyline::{CompletionType, Config, Editor};

use crate::args::{Cli, Command, Format, ShellArgs};
use crate::commands::query::{self, Opened, Target};
use crate::signals::Interrupted;

use complete::{ShellHelper, Vocabulary};
use meta::Meta;

/// Examples for `flowlog shell --help`.
pub(crate) const SHELL_EXAMPLES: &str = "\
Examples:
  # The runbook's table, then type SQL ending with ';' (\\? lists the commands)
  flowlog shell --ddl create-table.sql \\
      --mirror s3://my-log-bucket=./my-log-bucket

  # A downloaded AWSLogs tree, no DDL (table vpc_flow_logs)
  flowlog shell --logs ./my-log-bucket";

/// What `flowlog --help` adds about running with no command.
pub(crate) const NO_COMMAND_HELP: &str = "\
With no command, flowlog opens the interactive shell (flowlog shell) when stdin is a
terminal, and runs the SQL piped into it otherwise:
  flowlog
  echo 'select 1' | flowlog";

/// `flowlog` with no command: `flowlog query` with no flags (the shell on a terminal,
/// piped SQL otherwise).
pub(crate) async fn run_default() -> Result<()> {
    match Cli::try_parse_from(["flowlog", "query"])?.command {
        Some(Command::Query(mut args)) => {
            crate::commands::configure(&mut args.session, &mut args.output)?;
            query::run(args).await
        }
        _ => unreachable!("parsed as the query command"),
    }
}

/// Opens the session the flags describe and reads statements until `\q` or Ctrl-D.
pub(crate) async fn run(args: ShellArgs) -> Result<()> {
    if args.stray_sql.is_some() {
        bail!(
            "flowlog shell takes no SQL; run a file inside the shell with \\i FILE, or use flowlog query"
        );
    }
    let opened = Opened::open(&args.session, None, args.output.output.as_deref()).await?;
    #[cfg(feature = "cluster")]
    let opened = opened.with_cluster(args.cluster.clone());
    let vocabulary = Arc::new(Mutex::new(Vocabulary::default()));
    let mut shell = Shell {
        opened,
        format: args.output.format,
        output: args.output.output.clone(),
        timing: false,
        args,
        vocabulary: Arc::clone(&vocabulary),
    };
    shell.refresh_vocabulary().await;

    let config = Config::builder()
        .auto_add_history(false)
        .completion_type(CompletionType::List)
        .build();
    let mut editor: Editor<ShellHelper, DefaultHistory> =
        Editor::with_config(config).context("cannot start the line editor")?;
    editor.set_helper(Some(ShellHelper { vocabulary }));
    let history = history_path();
    if let Some(path) = &history {
        // A first run has no history yet.
        let _ = editor.load_history(path);
    }
    let history_name = history
        .as_ref()
        .map_or_else(|| "(nowhere)".to_string(), |p| p.display().to_string());
    eprintln!("{}", help::greeting());

    let mut pending = String::new();
    loop {
        let prompt = if pending.is_empty() {
            "flowlog> "
        } else {
            "      -> "
        };
        let line = match editor.readline(prompt) {
            Ok(line) => line,
            // Ctrl-C at the prompt drops the statement being typed.
            Err(ReadlineError::Interrupted) => {
                pending.clear();
                continue;
            }
            Err(ReadlineError::Eof) => break,
            Err(e) => return Err(e).context("cannot read from the terminal"),
        };
        if pending.is_empty() && line.trim_start().starts_with('\\') {
            let _ = editor.add_history_entry(line.trim());
            match meta::parse(&line) {
                Ok(Meta::Quit) => break,
                Ok(Meta::Help) => eprint!("{}", help::text(&history_name)),
                Ok(meta) => shell.meta(meta).await?,
                Err(message) => eprintln!("flowlog: {message}"),
            }
            continue;
        }
        pending.push_str(&line);
        pending.push('\n');
        let (complete, rest) = statements::split(&pending);
        if !complete.is_empty() {
            // The lines typed up to the last complete statement, as one history entry.
            let all = pending.trim_end();
            let typed = all
                .strip_suffix(rest.trim_end())
                .filter(|_| !rest.is_empty())
                .unwrap_or(all)
                .trim_end();
            let _ = editor.add_history_entry(typed);
        }
        pending = rest;
        for statement in complete {
            shell.statement(&statement).await?;
        }
    }
    if let Some(path) = &history
        && let Err(e) = editor.save_history(path)
    {
        log::warn!("cannot save the shell history to {}: {e}", path.display());
    }
    Ok(())
}

/// The shell's state between statements.
struct Shell {
    /// The session and the query command's execution path.
    opened: Opened,
    /// `\format` (or `--format`); `None` follows the output file's extension.
    format: Option<Format>,
    /// `\o FILE` (or `--output`).
    output: Option<PathBuf>,
    /// `\timing`.
    timing: bool,
    /// The flags the shell was opened with (rows per Excel part, `--max-rows`, …).
    args: ShellArgs,
    /// What completion offers.
    vocabulary: Arc<Mutex<Vocabulary>>,
}

impl Shell {
    /// Runs one backslash command (not `\q` or `\?`).
    async fn meta(&mut self, meta: Meta) -> Result<()> {
        match meta {
            Meta::Quit | Meta::Help => {}
            Meta::Tables => {
                self.statement("SHOW TABLES").await?;
            }
            Meta::Describe(table) => {
                self.statement(&format!("DESCRIBE {table}")).await?;
            }
            Meta::Preview(table) => {
                self.statement(&format!("SELECT * FROM {table} LIMIT 10"))
                    .await?;
            }
            Meta::Timing(on) => {
                self.timing = on.unwrap_or(!self.timing);
                eprintln!("timing is {}", if self.timing { "on" } else { "off" });
            }
            Meta::Format(None) => match self.resolve_format() {
                Ok(format) => eprintln!("format is {}", format.name()),
                Err(e) => eprintln!("flowlog: {}", crate::one_line(&e)),
            },
            Meta::Format(Some(format)) => self.format = Some(format),
            Meta::Output(None) => self.output = None,
            Meta::Output(Some(path)) => match self.opened.check_output(&path) {
                Ok(()) => self.output = Some(path),
                Err(e) => eprintln!("flowlog: {}", crate::one_line(&e)),
            },
            Meta::Include(path) => self.include(&path).await?,
        }
        Ok(())
    }

    /// Runs the statements of a file, stopping at the first error.
    async fn include(&mut self, path: &Path) -> Result<()> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("flowlog: cannot read {}: {e}", path.display());
                return Ok(());
            }
        };
        let (mut all, rest) = statements::split(&text);
        if !rest.trim().is_empty() {
            all.push(rest);
        }
        for statement in all {
            if !self.statement(&statement).await? {
                break;
            }
        }
        Ok(())
    }

    /// The format in effect: `\format`, else the output file's extension, else table.
    fn resolve_format(&self) -> Result<Format> {
        crate::output_format::resolve(self.format, self.output.as_deref(), self.args.output.excel)
            .map_err(Into::into)
    }

    /// Runs one statement through the query command's path and prints its result; an
    /// error is printed and the shell goes on. Ctrl-C cancels the statement; another
    /// signal (SIGTERM, SIGHUP) ends the shell. Returns whether it succeeded.
    async fn statement(&mut self, sql: &str) -> Result<bool> {
        let started = Instant::now();
        let outcome = match self.resolve_format() {
            Ok(format) => {
                let target = Target {
                    format,
                    output: self.output.clone(),
                    max_rows: self.args.output.max_rows,
                    max_width: self.args.output.max_width,
                    excel: self.args.output.excel,
                    excel_rows_per_part: self.args.output.excel_rows_per_part,
                    progress: self.args.session.engine.progress,
                };
                self.opened.execute(sql, &target, started).await
            }
            Err(e) => Err(e),
        };
        let ok = match outcome {
            Ok(_) => true,
            Err(e) => match e.downcast_ref::<Interrupted>() {
                Some(signal) if signal.name == "SIGINT" || signal.name == "Ctrl-C" => {
                    eprintln!("flowlog: query cancelled");
                    false
                }
                Some(_) => return Err(e),
                None => {
                    eprintln!("flowlog: {}", crate::one_line(&e));
                    false
                }
            },
        };
        if self.timing {
            eprintln!("Time: {:.3} s", started.elapsed().as_secs_f64());
        }
        if let Err(e) = self.opened.skipped_result() {
            eprintln!("flowlog: warning: {e}");
        }
        self.refresh_vocabulary().await;
        Ok(ok)
    }

    /// Re-reads the tables, their columns and the functions for completion.
    async fn refresh_vocabulary(&self) {
        let vocabulary = Vocabulary::read(&self.opened.session).await;
        *self.vocabulary.lock().expect("not poisoned") = vocabulary;
    }
}

/// The history file: `$XDG_DATA_HOME/flowlog/history`, else
/// `~/.local/share/flowlog/history` (`%APPDATA%\flowlog\history` on Windows); its folder
/// is created. `None` when there is no home.
fn history_path() -> Option<PathBuf> {
    let data = std::env::var_os("XDG_DATA_HOME")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            if cfg!(windows) {
                std::env::var_os("APPDATA").map(PathBuf::from)
            } else {
                std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share"))
            }
        })?;
    let dir = data.join("flowlog");
    std::fs::create_dir_all(&dir).ok()?;
    Some(dir.join("history"))
}
