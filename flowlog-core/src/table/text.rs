//! Text flow logs (`.log.gz`): AWS's plain-text delivery, read beside or instead of Parquet.
//!
//! An object is one gzip stream of lines: a header of the hyphenated field names in the
//! flow log's configured order, then one record per line, fields separated by a single
//! space. A scan of text objects is DataFusion's CSV reader (space-delimited, streaming
//! the gzip, no quoting) with every field read as a string, under a projection that types
//! the fields as the table declares them:
//!
//! ```text
//! objects grouped by header ─► CSV scan (fields as strings) ─► typed as the table's columns
//!                                                               string: kept as written ("-" too)
//!                                                               other:  TRY_CAST ("-", bad → NULL)
//! ```
//!
//! This is what Athena does with a text table (Hive's `LazySimpleSerDe`): a field that does
//! not parse as the column's type is NULL, and a string field keeps its text, so a `-`
//! stays `-` in a string column and is NULL in a number column — the same values AWS's
//! Parquet files hold for the same records.
//!
//! How fields meet columns depends on the table ([`TextColumns`]): a text DDL maps them by
//! position, as Athena does; a Parquet table that also reads text objects (and a table
//! found with `--logs`) maps them by the names in each object's header, as Athena maps
//! Parquet columns by name.

use std::io::Read;
use std::sync::Arc;

use arrow::datatypes::{DataType, Field, FieldRef, Schema, SchemaRef};
use datafusion::catalog::Session;
use datafusion::common::config::CsvOptions;
use datafusion::common::{DFSchema, ScalarValue};
use datafusion::datasource::file_format::file_compression_type::FileCompressionType;
use datafusion::datasource::listing::PartitionedFile;
use datafusion::datasource::physical_plan::{CsvSource, FileGroup, FileScanConfigBuilder};
use datafusion::datasource::source::DataSourceExec;
use datafusion::datasource::table_schema::TableSchema;
use datafusion::error::Result as DfResult;
use datafusion::execution::object_store::ObjectStoreUrl;
use datafusion::logical_expr::{Expr, cast, col, lit, try_cast};
use datafusion::physical_plan::ExecutionPlan;
use datafusion::physical_plan::projection::ProjectionExec;
use futures::{StreamExt, TryStreamExt};
use object_store::ObjectStoreExt;

use super::listing::ListedFile;
use super::text_source::TextSource;
use crate::error::{Error, Result};

/// How the fields of a text object meet the table's columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextColumns {
    /// The i-th field is the i-th column (a text DDL, as Athena reads it); the first line
    /// is skipped when `skip_header` (`"skip.header.line.count"="1"`), else read as a
    /// record.
    Positional {
        /// Whether each object's first line is a header, not a record.
        skip_header: bool,
        /// The byte between fields (`FIELDS TERMINATED BY`; `b' '` for flow logs).
        delimiter: u8,
    },
    /// Each object's header names its fields (`log-status` is column `log_status`);
    /// columns no header names read as NULL, fields no column names are ignored.
    ByHeader,
}

/// Bytes fetched to find an object's header line: headers are a few hundred bytes, and
/// gzip's own header and first block fit many times over.
const HEADER_PREFIX: u64 = 64 * 1024;

/// The quote byte given to the CSV reader: 0xFF never occurs in UTF-8, so no field is
/// ever read as quoted (Hive's text format has no quoting).
const NO_QUOTE: u8 = 0xFF;

/// The fields of an object's first line (its header, when AWS wrote it), read from the
/// start of the object only; `header`: the line must name flow-log fields.
pub(crate) async fn read_first_line(
    file: &ListedFile,
    header: bool,
    delimiter: u8,
) -> Result<Vec<String>> {
    let key = super::listing::shown(file);
    let end = file.meta.size.min(HEADER_PREFIX);
    let bytes = file
        .store
        .get_range(&file.meta.location, 0..end)
        .await
        .map_err(|error| Error::ObjectStore {
            key: key.clone(),
            error,
        })?;
    let fields = if header {
        header_fields(&bytes)
    } else {
        first_line_fields(&bytes, delimiter)
    };
    fields.map_err(|reason| Error::NotText { key, reason })
}

/// The header's field names from the first bytes of a gzip object.
fn header_fields(prefix: &[u8]) -> std::result::Result<Vec<String>, String> {
    let fields = first_line_fields(prefix, b' ')?;
    if !fields
        .iter()
        .any(|f| crate::provision::fields::field(f).is_some())
    {
        return Err(format!(
            "its first line is not a header of flow-log field names: {}",
            fields.join(" ").chars().take(80).collect::<String>()
        ));
    }
    Ok(fields)
}

/// The fields of the first line of a gzip object, from its first bytes; with a space
/// delimiter, repeated spaces count as one.
fn first_line_fields(prefix: &[u8], delimiter: u8) -> std::result::Result<Vec<String>, String> {
    if prefix.len() < 2 || prefix[..2] != [0x1f, 0x8b] {
        return Err("it does not start with the gzip magic bytes (1f 8b)".into());
    }
    let mut decoder = flate2::read::MultiGzDecoder::new(prefix);
    let mut line = Vec::new();
    let mut chunk = [0u8; 4096];
    loop {
        match decoder.read(&mut chunk) {
            Ok(0) => break,
            Ok(n) => {
                line.extend_from_slice(&chunk[..n]);
                if line.contains(&b'\n') {
                    break;
                }
            }
            // The prefix may end inside the stream: what was inflated so far is kept.
            Err(e) if e.kind() == std::io::ErrorKind::UnexpectedEof => break,
            Err(e) => return Err(format!("its gzip data cannot be read ({e})")),
        }
    }
    let Some(end) = line.iter().position(|&b| b == b'\n') else {
        return Err(if line.is_empty() {
            "it holds no lines".into()
        } else {
            "its first line is longer than a flow-log record".into()
        });
    };
    let text = std::str::from_utf8(&line[..end])
        .map_err(|_| "its first line is not UTF-8 text".to_string())?;
    let line = text.trim_end_matches('\r');
    let fields = line.split(char::from(delimiter));
    Ok(if delimiter == b' ' {
        fields
            .filter(|f| !f.is_empty())
            .map(str::to_string)
            .collect()
    } else {
        fields.map(str::to_string).collect()
    })
}

/// Text objects that share a field layout, and that layout: one CSV scan reads them.
pub(crate) struct TextGroup {
    /// The column each field is read as (its index among the table's data columns), or
    /// `None` for a field no column names.
    pub(crate) fields: Vec<Option<usize>>,
    /// Whether the first line of each object is skipped.
    pub(crate) skip_header: bool,
    /// The byte between fields.
    pub(crate) delimiter: u8,
    /// The store the objects are in.
    pub(crate) store_url: ObjectStoreUrl,
    /// The objects, in key order.
    pub(crate) files: Vec<PartitionedFile>,
}

/// Groups `files` by how their fields meet the table's data columns `columns` (lower-case
/// names), reading headers when `mode` is [`TextColumns::ByHeader`].
pub(crate) async fn group_files(
    files: Vec<ListedFile>,
    columns: &[String],
    mode: TextColumns,
    concurrency: usize,
) -> Result<Vec<TextGroup>> {
    let delimiter = match mode {
        TextColumns::Positional { delimiter, .. } => delimiter,
        TextColumns::ByHeader => b' ',
    };
    let skip_header = match mode {
        TextColumns::Positional { skip_header, .. } => skip_header,
        TextColumns::ByHeader => true,
    };
    // With a header: its field names; without: the first record's fields (only counted).
    let lines = first_lines(&files, skip_header, delimiter, concurrency).await?;
    if let TextColumns::Positional {
        skip_header: true, ..
    } = mode
    {
        warn_if_reordered(&files, &lines, columns);
    }
    // Transit Gateway flow logs have other fields: never read as rows of a VPC table.
    let tgw_table = columns.iter().any(|c| c == "tgw_id");
    let mut transit_gateway: Vec<&ListedFile> = Vec::new();
    let layouts: Vec<Option<Vec<Option<usize>>>> = files
        .iter()
        .zip(&lines)
        .map(|(file, line)| {
            if skip_header && !tgw_table && is_transit_gateway(line) {
                transit_gateway.push(file);
                return None;
            }
            Some(match mode {
                // Fields by position (fields past the table's columns are ignored, as Hive
                // ignores them).
                TextColumns::Positional { .. } => (0..line.len())
                    .map(|i| (i < columns.len()).then_some(i))
                    .collect(),
                TextColumns::ByHeader => line
                    .iter()
                    .map(|name| columns.iter().position(|c| *c == column_name(name)))
                    .collect(),
            })
        })
        .collect();
    if let Some(first) = transit_gateway.first() {
        log::warn!(
            "skipping {} Transit Gateway flow log{} (their header has tgw-id; this table has VPC flow-log columns), e.g. {}",
            transit_gateway.len(),
            if transit_gateway.len() == 1 { "" } else { "s" },
            super::listing::shown(first)
        );
    }
    let mut groups: Vec<TextGroup> = Vec::new();
    for (f, fields) in files.into_iter().zip(layouts) {
        let Some(fields) = fields else { continue };
        let pf = PartitionedFile::new_from_meta(f.meta).with_partition_values(f.values);
        match groups.iter_mut().find(|g| {
            g.fields == fields && g.skip_header == skip_header && g.store_url == f.store_url
        }) {
            Some(g) => g.files.push(pf),
            None => groups.push(TextGroup {
                fields,
                skip_header,
                delimiter,
                store_url: f.store_url,
                files: vec![pf],
            }),
        }
    }
    Ok(groups)
}

/// Every object's first line, `concurrency` objects at a time; `header`: see
/// [`read_first_line`].
async fn first_lines(
    files: &[ListedFile],
    header: bool,
    delimiter: u8,
    concurrency: usize,
) -> Result<Vec<Vec<String>>> {
    // Each future owns its file: a future borrowing the closure's argument is not
    // accepted inside the table provider's `scan` future.
    futures::stream::iter(
        files
            .iter()
            .cloned()
            .map(move |f| async move { read_first_line(&f, header, delimiter).await }),
    )
    .buffered(concurrency.max(1))
    .try_collect()
    .await
}

/// Whether a header is a Transit Gateway flow log's (its own field set, AWS's version 6).
fn is_transit_gateway(header: &[String]) -> bool {
    header
        .iter()
        .any(|f| f == "tgw-id" || f == "tgw-attachment-id")
}

/// The column a header field names: `log-status` is `log_status`.
fn column_name(field: &str) -> String {
    field.replace('-', "_").to_ascii_lowercase()
}

/// A text DDL maps fields by position: warn once when an object's header names, at some
/// position, a field that the table declares at another position (its values land in the
/// column declared there, as they would in Athena). Columns named otherwise than the
/// fields (`sourceaddress` for `srcaddr`) are not compared.
fn warn_if_reordered(files: &[ListedFile], headers: &[Vec<String>], columns: &[String]) {
    for (file, header) in files.iter().zip(headers) {
        let clash = header.iter().enumerate().find_map(|(i, field)| {
            let declared = columns.iter().position(|c| *c == column_name(field))?;
            (declared != i).then_some((i, field, declared))
        });
        if let Some((i, field, declared)) = clash {
            let read_as = columns.get(i).map_or("no column", String::as_str);
            log::warn!(
                "{}: field {} of the header is {field}, but the table declares {} as column {}; \
                 text tables map fields by position, so {read_as} reads the {field} values \
                 (declare the columns in the header's order)",
                super::listing::shown(file),
                i + 1,
                columns[declared],
                declared + 1,
            );
            return;
        }
    }
}

/// The scan of one [`TextGroup`], producing the table's columns `projection` (indices
/// into `table_schema`: data columns, then partition columns) with the table's types.
pub(crate) fn scan_group(
    state: &dyn Session,
    group: TextGroup,
    table_schema: &SchemaRef,
    partition_fields: &[FieldRef],
    projection: Option<&Vec<usize>>,
    limit: Option<usize>,
    target_partitions: usize,
) -> DfResult<Arc<dyn ExecutionPlan>> {
    let data_columns = table_schema.fields().len() - partition_fields.len();
    // Every field is read as a string; internal names keep them apart from partition
    // columns of the same name (a v5 header's `region` in a table partitioned by region).
    let file_fields: Vec<Field> = (0..group.fields.len())
        .map(|i| Field::new(format!("__text_field_{i}"), DataType::Utf8, true))
        .collect();
    let file_width = file_fields.len();
    let scan_schema = TableSchema::builder(Arc::new(Schema::new(file_fields)))
        .with_table_partition_cols(partition_fields.to_vec())
        .build();
    let wanted: Vec<usize> = match projection {
        Some(p) => p.clone(),
        None => (0..table_schema.fields().len()).collect(),
    };
    // The scan's own columns: the fields the wanted columns read, and wanted partition
    // columns. At least one field, so that a batch always knows its row count.
    let mut scan_columns: Vec<usize> = Vec::new();
    for &c in &wanted {
        let source = if c < data_columns {
            group.fields.iter().position(|f| *f == Some(c))
        } else {
            Some(file_width + c - data_columns)
        };
        if let Some(s) = source
            && !scan_columns.contains(&s)
        {
            scan_columns.push(s);
        }
    }
    if !scan_columns.iter().any(|&s| s < file_width) && file_width > 0 {
        scan_columns.push(0);
    }
    scan_columns.sort_unstable();

    let options = CsvOptions {
        has_header: Some(group.skip_header),
        delimiter: group.delimiter,
        quote: NO_QUOTE,
        // Fewer fields than the header: the missing ones read as NULL (as Hive does).
        truncated_rows: Some(true),
        ..CsvOptions::default()
    };
    let source = TextSource::new(
        CsvSource::new(scan_schema).with_csv_options(options),
        group.store_url.as_str(),
    );
    let file_groups = FileGroup::new(group.files).split_files(target_partitions);
    let config = FileScanConfigBuilder::new(group.store_url, Arc::new(source))
        .with_file_groups(file_groups)
        .with_file_compression_type(FileCompressionType::GZIP)
        .with_projection_indices(Some(scan_columns.clone()))?
        .with_limit(limit)
        .build();
    let scan: Arc<dyn ExecutionPlan> = DataSourceExec::from_data_source(config);

    // Type the fields as the table's columns.
    let scan_output = scan.schema();
    let df_schema = DFSchema::try_from(Schema::clone(&scan_output))?;
    let mut exprs = Vec::with_capacity(wanted.len());
    for &c in &wanted {
        let field = table_schema.field(c);
        let source = if c < data_columns {
            group.fields.iter().position(|f| *f == Some(c))
        } else {
            Some(file_width + c - data_columns)
        };
        let expr: Expr = match source {
            None => lit(ScalarValue::try_from(field.data_type())?),
            Some(s) => {
                let position = scan_columns.iter().position(|&x| x == s).unwrap_or(0);
                let column = col(datafusion::common::Column::from_name(
                    scan_output.field(position).name(),
                ));
                if c >= data_columns {
                    column
                } else {
                    typed(column, field.data_type())
                }
            }
        };
        let physical = state.create_physical_expr(expr, &df_schema)?;
        exprs.push((physical, field.name().clone()));
    }
    Ok(Arc::new(ProjectionExec::try_new(exprs, scan)?))
}

/// A string field as the column's type: strings keep their text, other types are the
/// value the text parses as, or NULL (`-`, or anything else that does not parse).
fn typed(field: Expr, data_type: &DataType) -> Expr {
    match data_type {
        DataType::Utf8 | DataType::Utf8View | DataType::LargeUtf8 => cast(field, data_type.clone()),
        other => try_cast(field, other.clone()),
    }
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn gzip(text: &str) -> Vec<u8> {
        let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        e.write_all(text.as_bytes()).unwrap();
        e.finish().unwrap()
    }

    #[test]
    fn the_header_is_the_first_line_split_on_spaces() {
        let data = gzip("version account-id  log-status\n2 123456789012 OK\n");
        assert_eq!(
            header_fields(&data).unwrap(),
            ["version", "account-id", "log-status"]
        );
    }

    #[test]
    fn a_header_is_found_in_a_prefix_cut_inside_the_stream() {
        let mut text = String::from("version srcaddr dstaddr\n");
        for i in 0..20_000 {
            text.push_str(&format!("2 10.0.0.{} 10.0.1.{}\n", i % 250, i % 7));
        }
        let data = gzip(&text);
        assert!(data.len() > 100);
        assert_eq!(
            header_fields(&data[..100]).unwrap(),
            ["version", "srcaddr", "dstaddr"]
        );
    }

    #[test]
    fn objects_that_are_not_gzip_text_with_a_header_are_named_as_such() {
        assert!(header_fields(b"PAR1....").unwrap_err().contains("gzip"));
        assert!(
            header_fields(&gzip("2 123456789012 eni-1 10.0.0.1\n"))
                .unwrap_err()
                .contains("not a header")
        );
        assert!(header_fields(&gzip("")).unwrap_err().contains("no lines"));
    }
}
