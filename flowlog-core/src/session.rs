//! A DataFusion session that speaks Athena: DDL, Trino functions, Athena's settings.
//!
//! ```text
//! script ──split──► CREATE EXTERNAL TABLE … ──► ddl::parse ──► FlowLogTable registered
//!                └► SELECT / WITH / …      ──► DataFusion SQL (Trino functions registered)
//! ```

use std::sync::Arc;

use chrono::{DateTime, Utc};
use datafusion::catalog::{MemorySchemaProvider, SchemaProvider};
use datafusion::dataframe::DataFrame;
use datafusion::error::DataFusionError;
use datafusion::prelude::{SessionConfig, SessionContext};
use datafusion::sql::sqlparser::parser::ParserError;
use object_store::ObjectStore;

pub mod evaluation_order;
mod explain;
pub mod filter_first;
mod hidden_columns;
pub mod identifiers;
pub mod messages;
pub mod row_position;
pub mod stable_order;
pub mod statements;
mod unload;
pub mod yielding_joins;

use crate::ddl::{self, CreateTable, Located};
use crate::error::{Error, Result, SqlPosition};
use crate::functions;
use crate::functions::datetime::zoned_comparison::SessionZone;
use crate::memory::MemoryOptions;
use crate::storage::{Mirror, Progress, S3Options, StoreResolver};
use crate::table::{FlowLogTable, TableOptions};
use crate::time::TrinoZone;

/// Athena's default database, which unqualified table names refer to.
pub const DEFAULT_DATABASE: &str = "default";

/// How a [`FlowLogSession`] is set up.
#[derive(Debug, Clone)]
pub struct SessionOptions {
    /// What `NOW` means in date projections (pin it for reproducible results).
    pub now: DateTime<Utc>,
    /// Local copies of S3 locations.
    pub mirrors: Vec<Mirror>,
    /// Planning limits for flow-log tables.
    pub table: TableOptions,
    /// Replaces the local file-system store (tests use this to observe listings).
    pub local_store: Option<Arc<dyn ObjectStore>>,
    /// When set, `current_date`, `current_timestamp`, `now()` and `localtimestamp` answer
    /// this instant instead of the query's start time, so results that depend on "today"
    /// are reproducible (`flowlog query --now` sets it together with [`Self::now`]).
    pub current_time: Option<DateTime<Utc>>,
    /// The session time zone (`UTC`, as on Athena): the zone of `from_unixtime(x)`,
    /// `current_timestamp`, `current_date` and of casts between timestamp types.
    /// `SET TIME ZONE 'Asia/Tokyo'` changes it for the rest of the session.
    pub time_zone: TrinoZone,
    /// How `s3://` locations that no mirror covers are read (region, profile, endpoint).
    pub s3: S3Options,
    /// Stores that serve whole buckets, instead of ones built from `s3` (bucket name, store).
    pub bucket_stores: Vec<(String, Arc<dyn ObjectStore>)>,
    /// Counters of objects listed and bytes read, readable while queries run.
    pub progress: Arc<Progress>,
    /// The memory queries may use and where they spill (default: no limit).
    pub memory: MemoryOptions,
    /// How many partitions a query is split into to run in parallel (DataFusion's
    /// `target_partitions`; default: the number of CPUs). The answer's bytes do not
    /// depend on it (see [`stable_order`]).
    pub threads: Option<usize>,
}

impl Default for SessionOptions {
    fn default() -> Self {
        Self {
            now: Utc::now(),
            mirrors: Vec::new(),
            table: TableOptions::default(),
            local_store: None,
            time_zone: TrinoZone::Utc,
            current_time: None,
            s3: S3Options::default(),
            bucket_stores: Vec::new(),
            progress: Arc::new(Progress::default()),
            memory: MemoryOptions::default(),
            threads: None,
        }
    }
}

/// A query session over flow-log tables with Athena's semantics.
pub struct FlowLogSession {
    ctx: SessionContext,
    resolver: StoreResolver,
    options: SessionOptions,
    /// The current session zone (starts as `options.time_zone`; `SET TIME ZONE` changes it),
    /// shared with the rewrites that read it while planning.
    time_zone: SessionZone,
    /// The DDL text of each table registered from DDL, for `SHOW CREATE TABLE`.
    ddl_texts: statements::DdlTexts,
}

impl std::fmt::Debug for FlowLogSession {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FlowLogSession")
            .field("session_id", &self.ctx.session_id())
            .field("resolver", &self.resolver)
            .field("options", &self.options)
            .field("time_zone", &self.time_zone())
            .finish()
    }
}

impl FlowLogSession {
    /// A new session with flowlog's functions registered and Athena's settings:
    /// NULLs sort last in both directions, identifiers are case-insensitive, the session
    /// zone is `options.time_zone` (UTC by default), and unqualified names refer to the
    /// `default` database.
    pub fn new(options: SessionOptions) -> Self {
        // For benches/ only: with FLOWLOG_BENCH_ENGINE_ENV set, the engine's own DATAFUSION_*
        // environment variables tune it (thread count, batch size) without a rebuild.
        let base = match std::env::var_os("FLOWLOG_BENCH_ENGINE_ENV") {
            Some(_) => SessionConfig::from_env().unwrap_or_default(),
            None => SessionConfig::new(),
        };
        let mut config = base
            .with_information_schema(true)
            .with_default_catalog_and_schema("awsdatacatalog", DEFAULT_DATABASE);
        {
            let o = config.options_mut();
            o.sql_parser.default_null_ordering = "nulls_last".to_string();
            o.sql_parser.collect_spans = true;
            o.sql_parser.enable_ident_normalization = true;
            o.sql_parser.parse_float_as_decimal = true;
        }
        if let Some(threads) = options.threads {
            config = config.with_target_partitions(threads.max(1));
        }
        let mut builder = datafusion::execution::SessionStateBuilder::new()
            .with_config(config)
            .with_default_features()
            .with_query_planner(Arc::new(evaluation_order::TrinoQueryPlanner))
            .with_type_planner(Arc::new(crate::dialect::type_planner::TrinoTypePlanner))
            .with_physical_optimizer_rules(physical_optimizer_rules());
        match options.memory.runtime() {
            Ok(runtime) => builder = builder.with_runtime_env(runtime),
            // Only an unusable spill directory gets here; queries then run without one.
            Err(e) => log::warn!("cannot set up the memory limit or spill directory: {e}"),
        }
        let ctx = SessionContext::new_with_state(builder.build());
        let time_zone = SessionZone::new(options.time_zone);
        functions::register_all(&ctx, &time_zone);
        register_pinned_current_time(&ctx, options.time_zone, options.current_time);
        let mut resolver = StoreResolver::new(options.mirrors.clone())
            .with_progress(Arc::clone(&options.progress))
            .with_s3_options(options.s3.clone());
        if let Some(store) = &options.local_store {
            resolver = resolver.with_local_store(Arc::clone(store));
        }
        for (bucket, store) in &options.bucket_stores {
            resolver = resolver.with_bucket_store(bucket, Arc::clone(store));
        }
        let resolver = resolver.with_registry(Arc::clone(&ctx.runtime_env().object_store_registry));
        Self {
            ctx,
            resolver,
            options,
            time_zone,
            ddl_texts: statements::DdlTexts::default(),
        }
    }

    /// The session time zone now in effect.
    pub fn time_zone(&self) -> TrinoZone {
        self.time_zone.get()
    }

    /// Change the session time zone, as `SET TIME ZONE` does: the functions that depend on it
    /// are registered again for the new zone.
    pub fn set_time_zone(&self, zone: TrinoZone) {
        self.time_zone.set(zone);
        for f in functions::datetime::scalar_functions(zone) {
            self.ctx.register_udf(f.as_ref().clone());
        }
        register_pinned_current_time(&self.ctx, zone, self.options.current_time);
    }

    /// The instant `current_timestamp` and its kin answer, when pinned (`--now`).
    pub fn current_time(&self) -> Option<DateTime<Utc>> {
        self.options.current_time
    }

    /// The underlying DataFusion context, for registering more tables or functions.
    pub fn context(&self) -> &SessionContext {
        &self.ctx
    }

    /// Objects listed and bytes read so far by this session's queries.
    pub fn progress(&self) -> Arc<Progress> {
        self.resolver.progress()
    }

    /// The error to report for a query that failed while running: exhausting the memory
    /// limit becomes [`Error::MemoryLimitExceeded`], naming the limit.
    pub fn explain_error(&self, error: DataFusionError) -> Error {
        self.options.memory.explain(error)
    }

    /// The store resolver (mirrors and the local store).
    pub fn resolver(&self) -> &StoreResolver {
        &self.resolver
    }

    /// Register the table of an Athena `CREATE EXTERNAL TABLE` statement; returns its name.
    pub fn register_ddl(&self, sql: &str) -> Result<String> {
        let ddl = ddl::parse_create_table(sql)?;
        self.register_create_table(&ddl, sql)
    }

    fn register_create_table(&self, ddl: &CreateTable, text: &str) -> Result<String> {
        let table = FlowLogTable::from_ddl(
            ddl,
            self.resolver.clone(),
            self.options.now,
            self.options.table.clone(),
        )?;
        let database = ddl.database.as_deref().unwrap_or(DEFAULT_DATABASE);
        let schema = self.schema(database)?;
        if schema.table_exist(&ddl.name) {
            if ddl.if_not_exists {
                return Ok(ddl.name.clone());
            }
            return Err(Error::TableExists {
                database: database.to_string(),
                table: ddl.name.clone(),
            });
        }
        schema.register_table(ddl.name.clone(), Arc::new(table))?;
        self.ddl_texts.remember(database, &ddl.name, text);
        Ok(ddl.name.clone())
    }

    /// Register an `AWSLogs` tree found under `root` (a directory, or an S3 URL with a
    /// mirror) as table `name`, with no DDL.
    pub async fn register_logs(&self, name: &str, root: &str) -> Result<()> {
        // Athena's names are lower case; queries name tables case-insensitively.
        let name = name.to_lowercase();
        let name = name.as_str();
        let table = FlowLogTable::discover(
            name,
            root,
            self.resolver.clone(),
            self.options.table.clone(),
        )
        .await?;
        let schema = self.schema(DEFAULT_DATABASE)?;
        schema.deregister_table(name)?;
        schema.register_table(name.to_string(), Arc::new(table))?;
        Ok(())
    }

    fn schema(&self, database: &str) -> Result<Arc<dyn SchemaProvider>> {
        let catalog = self.ctx.catalog("awsdatacatalog").ok_or_else(|| {
            DataFusionError::Execution("the session has no catalog awsdatacatalog".into())
        })?;
        if let Some(s) = catalog.schema(database) {
            return Ok(s);
        }
        let s: Arc<dyn SchemaProvider> = Arc::new(MemorySchemaProvider::new());
        catalog.register_schema(database, Arc::clone(&s))?;
        Ok(s)
    }

    /// Run a script of `;`-separated statements: Athena DDL registers tables, anything
    /// else goes to the SQL engine. Returns the result of the last statement that
    /// produces rows, if any.
    ///
    /// Errors carry the line and column in `script` where they are known.
    pub async fn run_script(&self, script: &str) -> Result<Option<DataFrame>> {
        let mut last = None;
        for statement in ddl::split_statements(script) {
            last = self.run_statement(&statement).await?.or(last);
        }
        Ok(last)
    }

    /// Run one statement that starts at the given line and column of its script.
    async fn run_statement(&self, statement: &Located<String>) -> Result<Option<DataFrame>> {
        if ddl::is_hive_ddl(&statement.value) {
            let ddl =
                ddl::parse_create_table_at(&statement.value, statement.line, statement.column)?;
            self.register_create_table(&ddl, &statement.value)?;
            return Ok(None);
        }
        if let Some(unload) = crate::unload::parse(&statement.value)? {
            return self.run_unload(statement, unload).await.map(Some);
        }
        if let Some(catalog) = statements::parse(&statement.value) {
            return self.run_catalog_statement(&catalog).await.map(Some);
        }
        let state = self.ctx.state();
        let dialect = state.config().options().sql_parser.dialect;
        let text = crate::dialect::rewrite_text(&statement.value);
        let names = identifiers::output_names(&text, &dialect);
        // Pad the statement so the SQL parser's line and column are those of the script.
        let padded = format!(
            "{}{}{}",
            "\n".repeat(statement.line.saturating_sub(1)),
            " ".repeat(statement.column.saturating_sub(1)),
            identifiers::fold_quoted(&text)
        );
        let mut parsed = crate::dialect::parser::parse_statement(&state, &padded, &dialect)
            .map_err(|e| self.sql_error(e, &padded))?;
        if let Some(zone) = self.set_time_zone_statement(&parsed)? {
            self.set_time_zone(zone);
            return Ok(None);
        }
        crate::dialect::rewrite(&mut parsed)?;
        if let Some(position) = crate::dialect::aggregate_filter::filter_on_scalar(&parsed, |f| {
            state.aggregate_functions().contains_key(f)
        }) {
            return Err(Error::Sql {
                position: Some(position),
                message: crate::dialect::aggregate_filter::MESSAGE.into(),
            });
        }
        hidden_columns::hide_pseudo_columns(&mut parsed, &self.flow_log_tables().await);
        // `EXPLAIN [ANALYZE] query` in flowlog's layout; with VERBOSE or a FORMAT, DataFusion's.
        if let datafusion::sql::parser::Statement::Explain(explain) = &parsed
            && !explain.options.verbose
            && explain.options.format.is_none()
        {
            let analyze = explain.options.analyze;
            let inner = (*explain.statement).clone();
            let plan = state
                .statement_to_plan(inner)
                .await
                .map_err(|e| self.sql_error(e, &padded))?;
            return self.explain(plan, analyze).await.map(Some);
        }
        let plan = state
            .statement_to_plan(parsed)
            .await
            .map_err(|e| self.sql_error(e, &padded))?;
        let plan = names.apply(plan).map_err(|e| self.sql_error(e, &padded))?;
        let df = self
            .ctx
            .execute_logical_plan(plan)
            .await
            .map_err(|e| self.sql_error(e, &padded))?;
        Ok(Some(df))
    }
}

impl FlowLogSession {
    /// The zone of a `SET TIME ZONE 'zone'` / `SET TIME ZONE LOCAL` statement, if it is one.
    fn set_time_zone_statement(
        &self,
        statement: &datafusion::sql::parser::Statement,
    ) -> Result<Option<TrinoZone>> {
        use datafusion::sql::parser::Statement as DfStatement;
        use datafusion::sql::sqlparser::ast::{Expr, Set, Statement, Value};
        let DfStatement::Statement(statement) = statement else {
            return Ok(None);
        };
        let Statement::Set(Set::SetTimeZone { value, .. }) = statement.as_ref() else {
            return Ok(None);
        };
        match value {
            Expr::Identifier(ident) if ident.value.eq_ignore_ascii_case("local") => {
                Ok(Some(self.options.time_zone))
            }
            Expr::Value(v) => match &v.value {
                Value::SingleQuotedString(zone) => TrinoZone::parse(zone)
                    .map(Some)
                    .map_err(|error| Error::SessionZone { error }),
                _ => Err(Error::SessionZoneSyntax {
                    found: value.to_string(),
                }),
            },
            other => Err(Error::SessionZoneSyntax {
                found: other.to_string(),
            }),
        }
    }
}

/// Replace the current-time functions by ones that answer `now`, when it is pinned.
fn register_pinned_current_time(ctx: &SessionContext, zone: TrinoZone, now: Option<DateTime<Utc>>) {
    let Some(now) = now else { return };
    for f in functions::datetime::current::functions(zone) {
        ctx.register_udf(datafusion::logical_expr::ScalarUDF::new_from_impl(
            f.pinned_at(now),
        ));
    }
}

impl FlowLogSession {
    /// Make a SQL error one line in Athena's words, with its position when the parser or
    /// planner knows it.
    fn sql_error(&self, err: DataFusionError, statement: &str) -> Error {
        sql_error(err, &self.table_names(), statement)
    }

    /// The flow-log tables of the default database (registered by DDL or `--logs`),
    /// sorted by name.
    pub async fn flow_log_tables(&self) -> Vec<String> {
        let Ok(schema) = self.schema(DEFAULT_DATABASE) else {
            return Vec::new();
        };
        let mut names = Vec::new();
        for name in schema.table_names() {
            if let Ok(Some(t)) = schema.table(&name).await
                && t.downcast_ref::<FlowLogTable>().is_some()
            {
                names.push(name);
            }
        }
        names.sort();
        names
    }

    /// The day partition of the flow-log table `name` (see
    /// [`FlowLogTable::day_partition`]).
    pub async fn day_partition(
        &self,
        name: &str,
    ) -> Option<(String, crate::projection::DatePattern)> {
        let schema = self.schema(DEFAULT_DATABASE).ok()?;
        let table = schema.table(name).await.ok()??;
        table.downcast_ref::<FlowLogTable>()?.day_partition()
    }

    /// The names of the tables of the default database.
    fn table_names(&self) -> Vec<String> {
        self.schema(DEFAULT_DATABASE)
            .map(|s| s.table_names())
            .unwrap_or_default()
    }
}

/// A SQL error on one line in Athena's words, with its position when the parser or
/// planner knows it, or when it can be found in `statement` (the statement, padded to its
/// place in the script): the call of a function given the wrong arguments, the end of a
/// statement that stops too early.
fn sql_error(err: DataFusionError, tables: &[String], statement: &str) -> Error {
    let planner_position = err.diagnostic().and_then(|d| d.span).map(|s| SqlPosition {
        line: s.start.line,
        column: s.start.column,
    });
    // A parser error may come wrapped (in a diagnostic, a context).
    if let DataFusionError::SQL(parser_error, _) = err.find_root() {
        let (message, position) = parser_message(parser_error);
        let at_end = message.ends_with("found: EOF");
        return Error::Sql {
            position: position
                .or(planner_position)
                .or_else(|| at_end.then(|| messages::position::end_position(statement))),
            message,
        };
    }
    let message = messages::athena_message(&err, tables);
    let message = one_line(message.strip_prefix("SQL error: ").unwrap_or(&message));
    let position = planner_position.or_else(|| {
        messages::function_named(&message)
            .and_then(|name| messages::position::call_position(statement, name))
    });
    Error::Sql { position, message }
}

/// The message of a sqlparser error and the position it reports.
///
/// sqlparser 0.62 keeps no structured position in `ParserError`: its `Location` is only
/// appended to the text (` at Line: 2, Column: 8`), so the suffix it wrote is matched
/// here to move the position to the front of our message.
fn parser_message(err: &ParserError) -> (String, Option<SqlPosition>) {
    let text = match err {
        ParserError::ParserError(text) | ParserError::TokenizerError(text) => text.clone(),
        ParserError::RecursionLimitExceeded => err.to_string(),
    };
    let text = one_line(&text);
    let located = text.rsplit_once(" at Line: ").and_then(|(message, at)| {
        let (line, column) = at.split_once(", Column: ")?;
        let position = SqlPosition {
            line: line.parse().ok()?,
            column: column.parse().ok()?,
        };
        Some((message.to_string(), position))
    });
    match located {
        Some((message, position)) => (message, Some(position)),
        None => (text, None),
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// DataFusion's physical optimizer rules as flowlog runs them: projections that compute
/// stay above filters ([`filter_first`]), the row order is made stable
/// ([`stable_order`]), and joins that multiply rows give their thread back between
/// batches ([`yielding_joins`]).
fn physical_optimizer_rules()
-> Vec<Arc<dyn datafusion::physical_optimizer::PhysicalOptimizerRule + Send + Sync>> {
    let mut rules = filter_first::physical_optimizer_rules();
    rules.push(Arc::new(stable_order::StableOrder));
    rules.push(Arc::new(yielding_joins::YieldingJoins));
    rules
}
