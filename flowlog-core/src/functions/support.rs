//! Shared plumbing for flowlog's scalar functions: Trino-style signature checks,
//! documentation records, and row-wise evaluation over Arrow arrays.
//!
//! ```text
//! SQL types ──coerce──► Varchar / Bigint / Double / Boolean / Any ──rows──► builder
//! ```

use std::sync::Arc;

use arrow::array::{Array, ArrayRef, AsArray};
use arrow::datatypes::{DataType, Int64Type};
use datafusion::common::ScalarValue;
use datafusion::error::Result;
use datafusion::logical_expr::{ColumnarValue, DocSection, Documentation, ScalarFunctionArgs};

/// The argument kinds flowlog's functions accept, named as Trino names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// Any string type, coerced to `Utf8`.
    Varchar,
    /// Any integer type, coerced to `Int64`.
    Bigint,
}

impl Kind {
    fn trino_name(self) -> &'static str {
        match self {
            Kind::Varchar => "varchar",
            Kind::Bigint => "bigint",
        }
    }

    fn target(self) -> DataType {
        match self {
            Kind::Varchar => DataType::Utf8,
            Kind::Bigint => DataType::Int64,
        }
    }

    fn accepts(self, t: &DataType) -> bool {
        t.is_null()
            || match self {
                Kind::Varchar => {
                    matches!(t, DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View)
                }
                Kind::Bigint => t.is_integer(),
            }
    }
}

/// The Trino name of an Arrow type, for error messages and `typeof`.
pub(crate) fn trino_type_name(t: &DataType) -> String {
    match t {
        DataType::Null => "unknown".into(),
        DataType::Boolean => "boolean".into(),
        DataType::Int8 => "tinyint".into(),
        DataType::Int16 => "smallint".into(),
        DataType::Int32 => "integer".into(),
        DataType::Int64 => "bigint".into(),
        DataType::UInt8 | DataType::UInt16 | DataType::UInt32 | DataType::UInt64 => {
            format!("{t} (unsigned)").to_lowercase()
        }
        DataType::Float16 | DataType::Float32 => "real".into(),
        DataType::Float64 => "double".into(),
        DataType::Decimal128(p, s) | DataType::Decimal256(p, s) => format!("decimal({p},{s})"),
        DataType::Utf8 | DataType::LargeUtf8 | DataType::Utf8View => "varchar".into(),
        DataType::Binary | DataType::LargeBinary | DataType::BinaryView => "varbinary".into(),
        DataType::FixedSizeBinary(16) => "ipaddress".into(),
        DataType::Date32 | DataType::Date64 => "date".into(),
        // every TIME is Time64(ns) whatever its precision (functions/datetime/time.rs)
        DataType::Time32(_) | DataType::Time64(_) => "time".into(),
        DataType::Timestamp(unit, tz) => {
            let p = match unit {
                arrow::datatypes::TimeUnit::Second => 0,
                arrow::datatypes::TimeUnit::Millisecond => 3,
                arrow::datatypes::TimeUnit::Microsecond => 6,
                arrow::datatypes::TimeUnit::Nanosecond => 9,
            };
            match tz {
                Some(_) => format!("timestamp({p}) with time zone"),
                None => format!("timestamp({p})"),
            }
        }
        DataType::List(f) | DataType::LargeList(f) | DataType::FixedSizeList(f, _) => {
            format!("array({})", trino_type_name(f.data_type()))
        }
        DataType::Map(f, _) => match f.data_type() {
            DataType::Struct(kv) if kv.len() == 2 => format!(
                "map({}, {})",
                trino_type_name(kv[0].data_type()),
                trino_type_name(kv[1].data_type())
            ),
            other => format!("map({other})"),
        },
        DataType::Struct(fields) => format!(
            "row({})",
            fields
                .iter()
                .enumerate()
                // An anonymous field (`ROW(1, 'a')`) is named `c0`, `c1`, … here.
                .map(|(i, f)| match f.name().strip_prefix('c') {
                    Some(n) if n == i.to_string() => trino_type_name(f.data_type()),
                    _ => format!("{} {}", f.name(), trino_type_name(f.data_type())),
                })
                .collect::<Vec<_>>()
                .join(", ")
        ),
        DataType::Interval(_) | DataType::Duration(_) => "interval day to second".into(),
        other => other.to_string().to_lowercase(),
    }
}

/// The Trino names of argument types, comma-separated, for messages.
pub(crate) fn type_list(types: &[DataType]) -> String {
    types
        .iter()
        .map(trino_type_name)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Trino's error for a call whose argument types match none of the signatures:
/// `Unexpected parameters (varchar, integer) for function split_part. Expected:
/// split_part(varchar, varchar, bigint)`.
///
/// `expected` lists the accepted signatures as Trino writes them (`split_part(varchar,
/// varchar, bigint)`); when it is empty the message stops after the function name.
pub(crate) fn unexpected_parameters(
    name: &str,
    arg_types: &[DataType],
    expected: &[&str],
) -> datafusion::error::DataFusionError {
    let got = type_list(arg_types);
    let mut message = format!("Unexpected parameters ({got}) for function {name}");
    if !expected.is_empty() {
        message.push_str(". Expected: ");
        message.push_str(&expected.join(", "));
    }
    datafusion::error::DataFusionError::Plan(message)
}

/// Pick the first signature of `signatures` the argument types fit, and return the
/// Arrow types to coerce to; otherwise Trino's "Unexpected parameters" error.
pub(crate) fn coerce(
    name: &str,
    arg_types: &[DataType],
    signatures: &[&[Kind]],
) -> Result<Vec<DataType>> {
    for sig in signatures {
        if sig.len() == arg_types.len() && sig.iter().zip(arg_types).all(|(k, t)| k.accepts(t)) {
            return Ok(sig.iter().map(|k| k.target()).collect());
        }
    }
    let expected: Vec<String> = signatures
        .iter()
        .map(|sig| {
            let kinds: Vec<&str> = sig.iter().map(|k| k.trino_name()).collect();
            format!("{name}({})", kinds.join(", "))
        })
        .collect();
    let expected: Vec<&str> = expected.iter().map(String::as_str).collect();
    Err(unexpected_parameters(name, arg_types, &expected))
}

/// The documentation section of the date and time functions.
pub(crate) const DATETIME: &str = "Date and time functions";

/// A documentation record in Trino's wording: its section, syntax, one line, one SQL
/// example. The one builder of function documentation.
pub(crate) fn doc(
    section: &'static str,
    syntax: &str,
    description: &str,
    example: &str,
) -> Documentation {
    Documentation::builder(
        DocSection {
            include: true,
            label: section,
            description: None,
        },
        description,
        syntax,
    )
    .with_sql_example(example)
    .build()
}

/// Defines `fn documentation()` returning a lazily built, static [`Documentation`].
macro_rules! documented {
    ($section:expr, $syntax:expr, $description:expr, $example:expr) => {
        fn documentation(&self) -> Option<&datafusion::logical_expr::Documentation> {
            static DOC: std::sync::OnceLock<datafusion::logical_expr::Documentation> =
                std::sync::OnceLock::new();
            Some(DOC.get_or_init(|| {
                $crate::functions::support::doc($section, $syntax, $description, $example)
            }))
        }
    };
}
pub(crate) use documented;

/// Declares a scalar function's type: a struct holding its [`Signature`] (argument types
/// checked by the function's own `coerce_types`, immutable), with `new()` and `Default`;
/// or, given a constructor's arguments, a struct also holding them, with that `new`.
///
/// ```text
/// scalar_udf! {
///     /// `strpos`: the position of a substring.
///     pub struct Strpos;
/// }
/// scalar_udf! {
///     /// `to_unixtime`.
///     pub struct ToUnixtime {
///         /// Plain timestamps are read in `session_zone`.
///         fn new(session_zone: TrinoZone);
///     }
/// }
/// ```
///
/// [`Signature`]: datafusion::logical_expr::Signature
macro_rules! scalar_udf {
    ($(#[$meta:meta])* pub struct $name:ident;) => {
        $(#[$meta])*
        #[derive(Debug, PartialEq, Eq, Hash)]
        pub struct $name {
            signature: datafusion::logical_expr::Signature,
        }

        impl $name {
            /// The function.
            pub fn new() -> Self {
                Self {
                    signature: datafusion::logical_expr::Signature::user_defined(
                        datafusion::logical_expr::Volatility::Immutable,
                    ),
                }
            }
        }

        impl Default for $name {
            fn default() -> Self {
                Self::new()
            }
        }
    };
    ($(#[$meta:meta])* pub struct $name:ident {
        $(#[$new_meta:meta])* fn new($($field:ident: $ty:ty),+ $(,)?);
    }) => {
        $(#[$meta])*
        #[derive(Debug, PartialEq, Eq, Hash)]
        pub struct $name {
            signature: datafusion::logical_expr::Signature,
            $($field: $ty,)+
        }

        impl $name {
            $(#[$new_meta])*
            pub fn new($($field: $ty),+) -> Self {
                Self {
                    signature: datafusion::logical_expr::Signature::user_defined(
                        datafusion::logical_expr::Volatility::Immutable,
                    ),
                    $($field,)+
                }
            }
        }
    };
}
pub(crate) use scalar_udf;

/// The arguments of one call as arrays of the coerced types, with typed row access.
#[derive(Debug)]
pub(crate) struct Rows {
    arrays: Vec<ArrayRef>,
    scalar: bool,
    len: usize,
}

impl Rows {
    /// Materialise the arguments (already coerced to the types `coerce` chose).
    pub(crate) fn new(args: &ScalarFunctionArgs) -> Result<Self> {
        let scalar = args
            .args
            .iter()
            .all(|a| matches!(a, ColumnarValue::Scalar(_)));
        let len = if scalar { 1 } else { args.number_rows };
        let arrays = args
            .args
            .iter()
            .map(|a| a.to_array(len))
            .collect::<Result<Vec<_>>>()?;
        Ok(Self {
            arrays,
            scalar,
            len,
        })
    }

    /// Number of rows to produce.
    pub(crate) fn len(&self) -> usize {
        self.len
    }

    /// Argument `i` as a string at `row`; `None` for NULL.
    pub(crate) fn str(&self, i: usize, row: usize) -> Option<&str> {
        let a = &self.arrays[i];
        if a.is_null(row) {
            return None;
        }
        match a.data_type() {
            DataType::Utf8 => Some(a.as_string::<i32>().value(row)),
            DataType::LargeUtf8 => Some(a.as_string::<i64>().value(row)),
            DataType::Utf8View => Some(a.as_string_view().value(row)),
            _ => None,
        }
    }

    /// Argument `i` as a bigint at `row`; `None` for NULL.
    pub(crate) fn i64(&self, i: usize, row: usize) -> Option<i64> {
        let a = &self.arrays[i];
        if a.is_null(row) || a.data_type() != &DataType::Int64 {
            return None;
        }
        Some(a.as_primitive::<Int64Type>().value(row))
    }

    /// Argument `i` as an array.
    pub(crate) fn array(&self, i: usize) -> &ArrayRef {
        &self.arrays[i]
    }

    /// Wrap a result array: a scalar when every argument was a scalar.
    pub(crate) fn finish(&self, out: ArrayRef) -> Result<ColumnarValue> {
        if self.scalar {
            return Ok(ColumnarValue::Scalar(ScalarValue::try_from_array(&out, 0)?));
        }
        Ok(ColumnarValue::Array(out))
    }
}

/// Build a `Utf8` result row by row.
pub(crate) fn strings(
    rows: &Rows,
    mut f: impl FnMut(usize) -> Result<Option<String>>,
) -> Result<ColumnarValue> {
    let mut b = arrow::array::StringBuilder::with_capacity(rows.len(), rows.len() * 8);
    for r in 0..rows.len() {
        b.append_option(f(r)?);
    }
    rows.finish(Arc::new(b.finish()))
}

/// Build an `Int64` result row by row.
pub(crate) fn bigints(
    rows: &Rows,
    mut f: impl FnMut(usize) -> Result<Option<i64>>,
) -> Result<ColumnarValue> {
    let mut b = arrow::array::Int64Builder::with_capacity(rows.len());
    for r in 0..rows.len() {
        b.append_option(f(r)?);
    }
    rows.finish(Arc::new(b.finish()))
}

/// Build a `Boolean` result row by row.
pub(crate) fn booleans(
    rows: &Rows,
    mut f: impl FnMut(usize) -> Result<Option<bool>>,
) -> Result<ColumnarValue> {
    let mut b = arrow::array::BooleanBuilder::with_capacity(rows.len());
    for r in 0..rows.len() {
        b.append_option(f(r)?);
    }
    rows.finish(Arc::new(b.finish()))
}

/// Build a `List<Utf8>` result row by row.
pub(crate) fn string_lists(
    rows: &Rows,
    mut f: impl FnMut(usize) -> Result<Option<Vec<Option<String>>>>,
) -> Result<ColumnarValue> {
    let mut b = arrow::array::ListBuilder::new(arrow::array::StringBuilder::new());
    for r in 0..rows.len() {
        match f(r)? {
            Some(items) => {
                for item in items {
                    b.values().append_option(item);
                }
                b.append(true);
            }
            None => b.append(false),
        }
    }
    rows.finish(Arc::new(b.finish()))
}

/// The Arrow type of `array(varchar)`.
pub(crate) fn string_list_type() -> DataType {
    DataType::new_list(DataType::Utf8, true)
}
