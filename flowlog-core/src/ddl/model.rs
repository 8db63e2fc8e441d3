//! What a parsed `CREATE EXTERNAL TABLE` statement says.

use super::hive_type::HiveType;

/// The class of Hive's Parquet SerDe.
pub const PARQUET_SERDE: &str = "org.apache.hadoop.hive.ql.io.parquet.serde.ParquetHiveSerDe";
/// The class of Hive's Parquet input format.
pub const PARQUET_INPUT_FORMAT: &str =
    "org.apache.hadoop.hive.ql.io.parquet.MapredParquetInputFormat";
/// The class of Hive's default text SerDe (what `ROW FORMAT DELIMITED` selects).
pub const LAZY_SIMPLE_SERDE: &str = "org.apache.hadoop.hive.serde2.lazy.LazySimpleSerDe";
/// The class of Hadoop's text input format (what `STORED AS TEXTFILE` selects).
pub const TEXT_INPUT_FORMAT: &str = "org.apache.hadoop.mapred.TextInputFormat";

/// Pre-Apache names of the Parquet classes, still accepted by Hive.
const LEGACY_PARQUET_SERDE: &str = "parquet.hive.serde.ParquetHiveSerDe";
const LEGACY_PARQUET_INPUT_FORMATS: [&str; 2] = [
    "parquet.hive.DeprecatedParquetInputFormat",
    "parquet.hive.MapredParquetInputFormat",
];

/// A value with the 1-based line and column (counted in characters) where it was written.
///
/// ```
/// use flowlog_core::ddl::Located;
/// let l = Located { value: "s3://bucket/".to_string(), line: 3, column: 10 };
/// assert_eq!(l.value, "s3://bucket/");
/// ```
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Located<T> {
    /// The value.
    pub value: T,
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
}

/// One column or partition column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ColumnDef {
    /// The name, lower-cased. Unquoted names match `[a-z0-9_]+`; backquoted ones may hold
    /// other characters (e.g. AWS's `aws-account-id`).
    pub name: String,
    /// The declared type.
    pub data_type: HiveType,
    /// The `COMMENT '…'`, if any.
    pub comment: Option<String>,
}

/// The `ROW FORMAT` clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RowFormat {
    /// `ROW FORMAT SERDE 'class' [WITH SERDEPROPERTIES (…)]`.
    Serde {
        /// The SerDe class, as written.
        class: String,
        /// The SERDEPROPERTIES in written order.
        properties: Vec<(String, String)>,
    },
    /// `ROW FORMAT DELIMITED …` (Hive's `LazySimpleSerDe`). Values are the unescaped strings.
    Delimited {
        /// `FIELDS TERMINATED BY`.
        fields_terminated_by: Option<String>,
        /// `ESCAPED BY` (only after `FIELDS TERMINATED BY`).
        escaped_by: Option<String>,
        /// `COLLECTION ITEMS TERMINATED BY`.
        collection_items_terminated_by: Option<String>,
        /// `MAP KEYS TERMINATED BY`.
        map_keys_terminated_by: Option<String>,
        /// `LINES TERMINATED BY` (Hive accepts only `'\n'`).
        lines_terminated_by: Option<String>,
        /// `NULL DEFINED AS`.
        null_defined_as: Option<String>,
    },
}

/// The `STORED AS` clause.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StorageFormat {
    /// `STORED AS PARQUET`, `TEXTFILE`, `ORC`, …; the name upper-cased.
    Named(String),
    /// `STORED AS INPUTFORMAT 'class' OUTPUTFORMAT 'class'`.
    InputOutput {
        /// The input format class, as written.
        input_format: String,
        /// The output format class, as written.
        output_format: String,
    },
}

/// How the table's files are read, as far as flowlog is concerned.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FileFormat {
    /// Parquet files, columns matched by name.
    Parquet,
    /// Delimited text read by `LazySimpleSerDe` (flow logs: space-separated, positional).
    Text,
    /// Anything else: the format name, input format class or SerDe class that decided it.
    Other(String),
}

/// A parsed `CREATE EXTERNAL TABLE` statement.
///
/// Invariants: `name` and `database` match `[a-z0-9_]{1,255}`; column names are lower-case and
/// unique across `columns` and `partition_columns`; `properties` keys are unique.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CreateTable {
    /// `IF NOT EXISTS` was given.
    pub if_not_exists: bool,
    /// The `db_name.` prefix, validated and lower-cased.
    pub database: Option<String>,
    /// The table name, validated and lower-cased.
    pub name: String,
    /// The data columns, in order.
    pub columns: Vec<ColumnDef>,
    /// The `PARTITIONED BY` columns, in order.
    pub partition_columns: Vec<ColumnDef>,
    /// The table `COMMENT`.
    pub comment: Option<String>,
    /// The `ROW FORMAT` clause.
    pub row_format: Option<RowFormat>,
    /// The `STORED AS` clause.
    pub storage: Option<StorageFormat>,
    /// The `LOCATION`, with the position of its string literal.
    pub location: Option<Located<String>>,
    /// The `TBLPROPERTIES`, in written order.
    pub properties: Vec<(String, String)>,
}

impl CreateTable {
    /// The TBLPROPERTIES value of `key` (exact, case-sensitive key match).
    ///
    /// ```
    /// let t = flowlog_core::ddl::parse_create_table(
    ///     "CREATE EXTERNAL TABLE t (a int) TBLPROPERTIES ('projection.enabled'='true')",
    /// ).unwrap();
    /// assert_eq!(t.property("projection.enabled"), Some("true"));
    /// assert_eq!(t.property("Projection.Enabled"), None);
    /// ```
    #[must_use]
    pub fn property(&self, key: &str) -> Option<&str> {
        self.properties
            .iter()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }

    /// The file format the table implies.
    ///
    /// * A `STORED AS` clause decides first: `PARQUET` or the Parquet input format class gives
    ///   [`FileFormat::Parquet`]; `TEXTFILE` or `TextInputFormat` gives [`FileFormat::Text`]
    ///   when the SerDe is absent, `DELIMITED` or `LazySimpleSerDe` (otherwise
    ///   `Other(serde class)`, e.g. a JSON or regex SerDe over text); any other name or class
    ///   gives `Other(it)`.
    /// * Without `STORED AS`, the SerDe decides: `ParquetHiveSerDe` gives Parquet;
    ///   `LazySimpleSerDe`, `DELIMITED` or no `ROW FORMAT` (Hive's default, TEXTFILE) gives Text;
    ///   another SerDe gives `Other(class)`.
    ///
    /// ```
    /// use flowlog_core::ddl::{parse_create_table, FileFormat};
    /// let t = parse_create_table("CREATE EXTERNAL TABLE t (a int) STORED AS parquet").unwrap();
    /// assert_eq!(t.file_format(), FileFormat::Parquet);
    /// let t = parse_create_table(
    ///     "CREATE EXTERNAL TABLE t (a int) ROW FORMAT DELIMITED FIELDS TERMINATED BY ' '",
    /// ).unwrap();
    /// assert_eq!(t.file_format(), FileFormat::Text);
    /// ```
    #[must_use]
    pub fn file_format(&self) -> FileFormat {
        enum Serde<'a> {
            Absent,
            Parquet,
            Text,
            Other(&'a str),
        }
        let serde = match &self.row_format {
            None => Serde::Absent,
            Some(RowFormat::Delimited { .. }) => Serde::Text,
            Some(RowFormat::Serde { class, .. }) => {
                if class == PARQUET_SERDE || class == LEGACY_PARQUET_SERDE {
                    Serde::Parquet
                } else if class == LAZY_SIMPLE_SERDE {
                    Serde::Text
                } else {
                    Serde::Other(class)
                }
            }
        };
        let text = |serde: Serde<'_>| match serde {
            Serde::Absent | Serde::Text => FileFormat::Text,
            Serde::Parquet => FileFormat::Other(PARQUET_SERDE.to_string()),
            Serde::Other(class) => FileFormat::Other(class.to_string()),
        };
        match &self.storage {
            Some(StorageFormat::Named(name)) => match name.as_str() {
                "PARQUET" => FileFormat::Parquet,
                "TEXTFILE" => text(serde),
                _ => FileFormat::Other(name.clone()),
            },
            Some(StorageFormat::InputOutput { input_format, .. }) => {
                if input_format == PARQUET_INPUT_FORMAT
                    || LEGACY_PARQUET_INPUT_FORMATS.contains(&input_format.as_str())
                {
                    FileFormat::Parquet
                } else if input_format == TEXT_INPUT_FORMAT {
                    text(serde)
                } else {
                    FileFormat::Other(input_format.clone())
                }
            }
            None => match serde {
                Serde::Parquet => FileFormat::Parquet,
                other => text(other),
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table(row_format: Option<RowFormat>, storage: Option<StorageFormat>) -> CreateTable {
        CreateTable {
            if_not_exists: false,
            database: None,
            name: "t".into(),
            columns: vec![],
            partition_columns: vec![],
            comment: None,
            row_format,
            storage,
            location: None,
            properties: vec![("a".into(), "1".into()), ("b".into(), "2".into())],
        }
    }

    fn serde(class: &str) -> Option<RowFormat> {
        Some(RowFormat::Serde {
            class: class.into(),
            properties: vec![],
        })
    }

    fn named(n: &str) -> Option<StorageFormat> {
        Some(StorageFormat::Named(n.into()))
    }

    fn io(input: &str) -> Option<StorageFormat> {
        Some(StorageFormat::InputOutput {
            input_format: input.into(),
            output_format: "x".into(),
        })
    }

    fn delimited() -> Option<RowFormat> {
        Some(RowFormat::Delimited {
            fields_terminated_by: Some(" ".into()),
            escaped_by: None,
            collection_items_terminated_by: None,
            map_keys_terminated_by: None,
            lines_terminated_by: None,
            null_defined_as: None,
        })
    }

    #[test]
    fn property_lookup_is_exact() {
        let t = table(None, None);
        assert_eq!(t.property("a"), Some("1"));
        assert_eq!(t.property("b"), Some("2"));
        assert_eq!(t.property("A"), None);
        assert_eq!(t.property("c"), None);
    }

    #[test]
    fn file_format_rules() {
        use FileFormat::*;
        let json = "org.openx.data.jsonserde.JsonSerDe";
        let cases = [
            // The runbook / AWS 4.2 form.
            (serde(PARQUET_SERDE), io(PARQUET_INPUT_FORMAT), Parquet),
            (None, named("PARQUET"), Parquet),
            (serde(PARQUET_SERDE), None, Parquet),
            (serde(LEGACY_PARQUET_SERDE), None, Parquet),
            (
                None,
                io("parquet.hive.DeprecatedParquetInputFormat"),
                Parquet,
            ),
            // AWS 4.1 / 4.3 text forms.
            (delimited(), None, Text),
            (None, None, Text),
            (serde(LAZY_SIMPLE_SERDE), None, Text),
            (delimited(), named("TEXTFILE"), Text),
            (None, io(TEXT_INPUT_FORMAT), Text),
            (serde(json), None, Other(json.into())),
            (serde(json), named("TEXTFILE"), Other(json.into())),
            (serde(json), io(TEXT_INPUT_FORMAT), Other(json.into())),
            (
                serde(PARQUET_SERDE),
                named("TEXTFILE"),
                Other(PARQUET_SERDE.into()),
            ),
            (None, named("ORC"), Other("ORC".into())),
            (
                None,
                io("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat"),
                Other("org.apache.hadoop.hive.ql.io.orc.OrcInputFormat".into()),
            ),
        ];
        for (row_format, storage, expected) in cases {
            let t = table(row_format.clone(), storage.clone());
            assert_eq!(t.file_format(), expected, "{row_format:?} {storage:?}");
        }
    }
}
