//! The shell's backslash commands (`\d`, `\o file`, …), parsed from one line.

use std::path::PathBuf;

use clap::ValueEnum;

use crate::args::Format;

/// A backslash command.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Meta {
    /// `\q`: leave.
    Quit,
    /// `\?`: the help.
    Help,
    /// `\d`: the tables.
    Tables,
    /// `\d TABLE`: a table's columns (DESCRIBE).
    Describe(String),
    /// `\timing [on|off]`: print each query's elapsed time (no argument: toggle).
    Timing(Option<bool>),
    /// `\format [NAME]`: set the output format (no argument: show it).
    Format(Option<Format>),
    /// `\o FILE`: write results to FILE; `\o`: back to the terminal.
    Output(Option<PathBuf>),
    /// `\i FILE`: run the statements in FILE.
    Include(PathBuf),
    /// `\preview TABLE`: Athena's "Preview table", the first ten rows.
    Preview(String),
}

/// The names, for completion and help.
pub(crate) const NAMES: [&str; 9] = [
    "\\q",
    "\\?",
    "\\d",
    "\\timing",
    "\\format",
    "\\o",
    "\\i",
    "\\preview",
    "\\help",
];

/// Parses a line that starts with `\`; the error says what is wrong in one line.
pub(crate) fn parse(line: &str) -> Result<Meta, String> {
    let line = line.trim().trim_end_matches(';').trim_end();
    let (name, arg) = match line.split_once(char::is_whitespace) {
        Some((name, arg)) => (name, Some(arg.trim()).filter(|a| !a.is_empty())),
        None => (line, None),
    };
    let need = |what: &str| format!("{name} needs {what}");
    Ok(match (name, arg) {
        ("\\q" | "\\quit", None) => Meta::Quit,
        ("\\?" | "\\h" | "\\help", _) => Meta::Help,
        ("\\d" | "\\dt", None) => Meta::Tables,
        ("\\d", Some(table)) => Meta::Describe(table.to_string()),
        ("\\timing", None) => Meta::Timing(None),
        ("\\timing", Some("on")) => Meta::Timing(Some(true)),
        ("\\timing", Some("off")) => Meta::Timing(Some(false)),
        ("\\timing", Some(_)) => return Err("\\timing takes on or off".into()),
        ("\\format", None) => Meta::Format(None),
        ("\\format", Some(f)) => Meta::Format(Some(Format::from_str(f, true).map_err(|_| {
            let names: Vec<String> = Format::value_variants()
                .iter()
                .filter_map(|v| v.to_possible_value())
                .map(|v| v.get_name().to_string())
                .collect();
            format!(
                "\\format {f}: not a format; use one of {}",
                names.join(", ")
            )
        })?)),
        ("\\o" | "\\out", path) => Meta::Output(path.map(PathBuf::from)),
        ("\\i" | "\\include", Some(path)) => Meta::Include(PathBuf::from(path)),
        ("\\i" | "\\include", None) => return Err(need("a file")),
        ("\\preview", Some(table)) => Meta::Preview(table.to_string()),
        ("\\preview", None) => return Err(need("a table")),
        _ => return Err(format!("unknown command {name}; \\? lists the commands")),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_each_command() {
        assert_eq!(parse("\\q"), Ok(Meta::Quit));
        assert_eq!(parse("\\d"), Ok(Meta::Tables));
        assert_eq!(parse("\\d  flows ;"), Ok(Meta::Describe("flows".into())));
        assert_eq!(parse("\\timing off"), Ok(Meta::Timing(Some(false))));
        assert_eq!(parse("\\format CSV"), Ok(Meta::Format(Some(Format::Csv))));
        assert_eq!(parse("\\o"), Ok(Meta::Output(None)));
        assert_eq!(parse("\\o r.csv"), Ok(Meta::Output(Some("r.csv".into()))));
        assert_eq!(parse("\\preview t"), Ok(Meta::Preview("t".into())));
        assert!(parse("\\format xml").unwrap_err().contains("csv"));
        assert!(parse("\\zz").unwrap_err().contains("\\?"));
    }
}
