//! Which format a result is written in: `--format` when given, else what the `-o`
//! file's extension says (`.csv`, `.tsv`, `.json`, `.jsonl`, `.ndjson`, `.parquet`,
//! `.xlsx`), else the aligned table. Parquet and xlsx go only to a file. A `--format` that contradicts the extension is refused, so a table
//! never lands in a `.csv` that Excel would then misread.

use std::path::Path;

use crate::args::Format;

/// A format choice that cannot be honoured.
#[derive(Debug, thiserror::Error)]
pub(crate) enum FormatError {
    /// `--format X -o file.Y` where `.Y` means another format.
    #[error(
        "--format {given} does not match --output {path}, whose extension means {implied}; drop --format, or name the file for the format (e.g. result.{suggested_ext})"
    )]
    Mismatch {
        /// The format given.
        given: &'static str,
        /// The output path.
        path: String,
        /// The format its extension means.
        implied: &'static str,
        /// An extension for the format given.
        suggested_ext: &'static str,
    },
    /// An extension flowlog knows but cannot write yet.
    #[error("--output {path}: flowlog cannot write {what} yet; {instead}")]
    Unsupported {
        /// The output path.
        path: String,
        /// What the extension asks for.
        what: &'static str,
        /// What to do instead.
        instead: &'static str,
    },
    /// A binary format with no `-o` file.
    #[error("--format {given} writes a file; give one with -o (e.g. -o result.{given})")]
    NeedsFile {
        /// The format.
        given: &'static str,
    },
    /// `--excel` with a format other than CSV.
    #[error("--excel shapes CSV for Excel; it cannot be used with --format {given}")]
    ExcelNotCsv {
        /// The format in effect.
        given: &'static str,
    },
}

/// What an output file's extension asks for.
enum Extension {
    Format(Format),
    Unsupported {
        what: &'static str,
        instead: &'static str,
    },
}

fn extension(path: &Path) -> Option<Extension> {
    let ext = path.extension()?.to_str()?.to_ascii_lowercase();
    Some(match ext.as_str() {
        "csv" => Extension::Format(Format::Csv),
        "tsv" | "tab" => Extension::Format(Format::Tsv),
        "json" | "jsonl" | "ndjson" => Extension::Format(Format::Json),
        "parquet" => Extension::Format(Format::Parquet),
        "xlsx" => Extension::Format(Format::Xlsx),
        "xls" => Extension::Unsupported {
            what: "old-style .xls workbooks",
            instead: "write -o result.xlsx, or a CSV that Excel opens whole: -o result.csv --excel",
        },
        _ => return None,
    })
}

/// The format in effect for `--format` (if given), `-o` (if given) and `--excel`.
pub(crate) fn resolve(
    explicit: Option<Format>,
    output: Option<&Path>,
    excel: bool,
) -> Result<Format, FormatError> {
    let implied = output.and_then(extension);
    let format = match (explicit, implied) {
        (_, Some(Extension::Unsupported { what, instead })) => {
            return Err(FormatError::Unsupported {
                path: output.map(|p| p.display().to_string()).unwrap_or_default(),
                what,
                instead,
            });
        }
        (Some(given), Some(Extension::Format(implied))) if given != implied => {
            return Err(FormatError::Mismatch {
                given: given.name(),
                path: output.map(|p| p.display().to_string()).unwrap_or_default(),
                implied: implied.name(),
                suggested_ext: given.extension(),
            });
        }
        (Some(given), _) => given,
        (None, Some(Extension::Format(implied))) => implied,
        // --excel alone means CSV.
        (None, None) if excel => Format::Csv,
        (None, None) => Format::Table,
    };
    if output.is_none() && matches!(format, Format::Parquet | Format::Xlsx) {
        return Err(FormatError::NeedsFile {
            given: format.name(),
        });
    }
    if excel && format != Format::Csv {
        return Err(FormatError::ExcelNotCsv {
            given: format.name(),
        });
    }
    Ok(format)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(f: Option<Format>, o: Option<&str>) -> Result<Format, String> {
        resolve(f, o.map(Path::new), false).map_err(|e| e.to_string())
    }

    #[test]
    fn the_extension_decides_unless_format_is_given() {
        assert_eq!(r(None, Some("r.csv")), Ok(Format::Csv));
        assert_eq!(r(None, Some("R.TSV")), Ok(Format::Tsv));
        assert_eq!(r(None, Some("r.ndjson")), Ok(Format::Json));
        assert_eq!(r(None, Some("r.txt")), Ok(Format::Table));
        assert_eq!(r(None, None), Ok(Format::Table));
        assert_eq!(r(Some(Format::Csv), Some("r.txt")), Ok(Format::Csv));
        assert!(
            r(Some(Format::Table), Some("r.csv"))
                .unwrap_err()
                .contains("does not match")
        );
        assert!(r(None, Some("r.xls")).unwrap_err().contains("--excel"));
        assert_eq!(r(None, Some("r.xlsx")), Ok(Format::Xlsx));
        assert_eq!(r(None, Some("R.Parquet")), Ok(Format::Parquet));
        assert!(r(Some(Format::Parquet), None).unwrap_err().contains("-o"));
        assert!(resolve(Some(Format::Json), None, true).is_err());
        assert_eq!(resolve(None, None, true).unwrap(), Format::Csv);
    }
}
