//! Encoding records as a Parquet log file: one row group, GZIP-compressed column chunks
//! (dictionary-encoded where parquet-rs chooses to), every column nullable, column-chunk min/max
//! statistics but no page index (it would double the size of these tiny files), no embedded Arrow
//! schema (AWS's writer is not Arrow-based) and a fixed `created_by`, so the footer does not change
//! when the parquet crate's version does.

use std::sync::Arc;

use anyhow::{Result, bail};
use arrow::array::{ArrayRef, Int32Array, Int64Array, RecordBatch, StringArray};
use arrow::datatypes::{Field as ArrowField, Schema};
use parquet::arrow::ArrowWriter;
use parquet::arrow::arrow_writer::ArrowWriterOptions;
use parquet::basic::{Compression, GzipLevel};
use parquet::file::properties::{EnabledStatistics, WriterProperties};

use crate::fields::{ColumnSet, Field, Kind};
use crate::record::{FlowRecord, Value};

/// The `created_by` string written in the file footer.
pub const CREATED_BY: &str = "flowlog-testdata gen-testdata (parquet-rs)";

/// The Arrow schema of a column set (every column nullable).
pub fn schema(columns: ColumnSet) -> Schema {
    Schema::new(
        columns
            .fields()
            .iter()
            .map(|f| ArrowField::new(f.name(), f.kind().data_type(), true))
            .collect::<Vec<_>>(),
    )
}

fn column(field: Field, records: &[FlowRecord]) -> Result<ArrayRef> {
    let values = records.iter().map(|r| r.value(field));
    Ok(match field.kind() {
        Kind::Int32 => {
            let mut out = Vec::with_capacity(records.len());
            for v in values {
                let Value::Int32(v) = v else {
                    bail!("field {} is not INT_32", field.name());
                };
                out.push(v);
            }
            Arc::new(Int32Array::from(out))
        }
        Kind::Int64 => {
            let mut out = Vec::with_capacity(records.len());
            for v in values {
                let Value::Int64(v) = v else {
                    bail!("field {} is not INT_64", field.name());
                };
                out.push(v);
            }
            Arc::new(Int64Array::from(out))
        }
        Kind::Utf8 => {
            let mut out = Vec::with_capacity(records.len());
            for v in values {
                let Value::Utf8(v) = v else {
                    bail!("field {} is not STRING", field.name());
                };
                out.push(Some(v));
            }
            Arc::new(StringArray::from(out))
        }
    })
}

/// The bytes of a Parquet file holding `records` with the columns of `columns`.
pub fn encode(columns: ColumnSet, records: &[FlowRecord]) -> Result<Vec<u8>> {
    let schema = Arc::new(schema(columns));
    let arrays = columns
        .fields()
        .iter()
        .map(|&f| column(f, records))
        .collect::<Result<Vec<_>>>()?;
    let batch = RecordBatch::try_new(Arc::clone(&schema), arrays)?;
    let properties = WriterProperties::builder()
        .set_compression(Compression::GZIP(GzipLevel::default()))
        .set_created_by(CREATED_BY.to_string())
        .set_statistics_enabled(EnabledStatistics::Chunk)
        .build();
    let options = ArrowWriterOptions::new()
        .with_properties(properties)
        .with_skip_arrow_metadata(true);
    let mut bytes = Vec::new();
    let mut writer = ArrowWriter::try_new_with_options(&mut bytes, schema, options)?;
    writer.write(&batch)?;
    writer.close()?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;
    use arrow::array::Array;
    use arrow::datatypes::DataType;
    use parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder;
    use parquet::basic::{ConvertedType, LogicalType, Type as PhysicalType};
    use std::io::Write;

    fn sample() -> Vec<FlowRecord> {
        let mut ok = FlowRecord::without_traffic(
            5,
            "111111111111",
            "eni-0123456789abcdef0",
            1_795_100_340,
            1_795_100_400,
            "OK",
        );
        ok.srcaddr = "203.0.113.12".into();
        ok.dstaddr = "10.0.0.5".into();
        ok.srcport = Some(51_234);
        ok.dstport = Some(443);
        ok.protocol = Some(6);
        ok.packets = Some(10);
        ok.bytes = Some(840);
        ok.action = "ACCEPT".into();
        ok.tcp_flags = Some(3);
        let nodata = FlowRecord::without_traffic(
            5,
            "111111111111",
            "eni-0123456789abcdef0",
            1_795_100_341,
            1_795_100_401,
            "NODATA",
        );
        vec![ok, nodata]
    }

    fn write_temp(bytes: &[u8]) -> std::fs::File {
        let mut file = tempfile::tempfile().expect("temp file");
        file.write_all(bytes).expect("write");
        file
    }

    #[test]
    fn physical_types_compression_and_nullability() {
        let bytes = encode(ColumnSet::V5TableOrder, &sample()).expect("encode");
        let builder = ParquetRecordBatchReaderBuilder::try_new(write_temp(&bytes)).expect("reader");
        let meta = builder.metadata().clone();
        assert_eq!(meta.file_metadata().created_by(), Some(CREATED_BY));
        assert!(
            meta.file_metadata().key_value_metadata().is_none(),
            "no ARROW:schema"
        );
        let descr = meta.file_metadata().schema_descr();
        assert_eq!(descr.num_columns(), 29);
        for (i, f) in ColumnSet::V5TableOrder.fields().iter().enumerate() {
            let col = descr.column(i);
            assert_eq!(col.name(), f.name());
            assert!(col.self_type().is_optional(), "{} nullable", f.name());
            match f.kind() {
                Kind::Int32 => assert_eq!(col.physical_type(), PhysicalType::INT32),
                Kind::Int64 => assert_eq!(col.physical_type(), PhysicalType::INT64),
                Kind::Utf8 => {
                    assert_eq!(col.physical_type(), PhysicalType::BYTE_ARRAY);
                    assert!(
                        col.logical_type_ref() == Some(&LogicalType::String)
                            || col.converted_type() == ConvertedType::UTF8
                    );
                }
            }
        }
        assert_eq!(meta.num_row_groups(), 1);
        // Chunk statistics on `start` (column 11) allow min/max pruning.
        match meta.row_group(0).column(10).statistics() {
            Some(parquet::file::statistics::Statistics::Int64(s)) => {
                assert_eq!(s.min_opt(), Some(&1_795_100_340));
                assert_eq!(s.max_opt(), Some(&1_795_100_341));
            }
            other => panic!("start statistics: {other:?}"),
        }
        for c in meta.row_group(0).columns() {
            assert!(
                matches!(c.compression(), Compression::GZIP(_)),
                "{:?}",
                c.compression()
            );
        }

        let batch = builder
            .build()
            .expect("reader")
            .next()
            .expect("one batch")
            .expect("batch");
        assert_eq!(batch.num_rows(), 2);
        assert_eq!(
            batch
                .schema()
                .field_with_name("protocol")
                .expect("protocol")
                .data_type(),
            &DataType::Int32
        );
        let protocol = batch
            .column_by_name("protocol")
            .expect("protocol")
            .as_any()
            .downcast_ref::<Int32Array>()
            .expect("int32")
            .clone();
        assert_eq!(protocol.value(0), 6);
        assert!(protocol.is_null(1), "NODATA protocol is NULL");
        let action = batch
            .column_by_name("action")
            .expect("action")
            .as_any()
            .downcast_ref::<StringArray>()
            .expect("utf8")
            .clone();
        assert_eq!(action.value(0), "ACCEPT");
        assert_eq!(action.value(1), "-", "NODATA action is '-'");
    }

    #[test]
    fn column_orders() {
        for (set, first, last, n) in [
            (ColumnSet::DefaultV2, "version", "log_status", 14),
            (ColumnSet::V5TableOrder, "version", "traffic_path", 29),
            (ColumnSet::V5Alphabetical, "account_id", "vpc_id", 29),
        ] {
            let bytes = encode(set, &sample()).expect("encode");
            let builder =
                ParquetRecordBatchReaderBuilder::try_new(write_temp(&bytes)).expect("reader");
            let descr = builder.metadata().file_metadata().schema_descr();
            assert_eq!(descr.num_columns(), n);
            assert_eq!(descr.column(0).name(), first);
            assert_eq!(descr.column(n - 1).name(), last);
        }
    }

    #[test]
    fn encoding_is_deterministic() {
        let a = encode(ColumnSet::V5Alphabetical, &sample()).expect("encode");
        let b = encode(ColumnSet::V5Alphabetical, &sample()).expect("encode");
        assert_eq!(a, b);
        assert_eq!(&a[..4], b"PAR1");
        assert_eq!(&a[a.len() - 4..], b"PAR1");
    }
}
