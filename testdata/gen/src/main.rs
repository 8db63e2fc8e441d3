//! `gen-testdata`: writes flowlog's bundled sample of AWS VPC Flow Logs (Parquet objects in AWS's
//! four S3 key layouts, plus `records.csv`), deterministically.
//!
//! ```text
//! gen-testdata --out DIR     write DIR/s3/<bucket>/… and DIR/records.csv
//! gen-testdata --check DIR   regenerate and compare byte for byte with DIR (exit 1 on difference)
//! gen-testdata --text DIR    the same log files as text (.log.gz) under DIR/s3/<bucket>/…
//! gen-testdata --mixed DIR   every other log file as text, the rest as Parquet
//! gen-testdata --bench DIR [--files N] [--rows-per-file M | --total-rows TOTAL] [--accounts K]
//!                            write the benchmark data set under DIR/flowlog-bench/ (see `bench`)
//! ```
//! `--progress auto|on|off` (anywhere) shows the benchmark data set's progress on stderr: a bar
//! on a terminal (`auto`, the default), the final line only to a pipe (`on`), or nothing.
//! Run from the workspace root: `cargo run -p flowlog-testdata -- --out testdata`, or
//! `cargo run --release -p flowlog-testdata -- --bench target/bench-data` for the benchmarks.

mod bench;
mod dataset;
mod fields;
mod fleet;
mod generate;
mod layout;
mod parquet_file;
mod plan;
mod prng;
mod progress;
mod record;
mod records_csv;
mod text_file;
mod traffic;

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};

const USAGE: &str = "usage: gen-testdata --out DIR | --check DIR | --text DIR | --mixed DIR | --bench DIR [--files N] [--rows-per-file M | --total-rows TOTAL] [--accounts K] [--progress auto|on|off]";

/// What the command line asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Command {
    Out(PathBuf),
    Check(PathBuf),
    /// The sample with log files as text (`--text`: all, `--mixed`: every other one).
    Text(PathBuf, dataset::TextCopy),
    Bench(bench::BenchOptions),
    Help,
}

fn parse_args(args: &[String]) -> Result<Command> {
    match args {
        [flag] if flag == "-h" || flag == "--help" => Ok(Command::Help),
        [flag, dir] if flag == "--out" => Ok(Command::Out(PathBuf::from(dir))),
        [flag, dir] if flag == "--check" => Ok(Command::Check(PathBuf::from(dir))),
        [flag, dir] if flag == "--text" => {
            Ok(Command::Text(PathBuf::from(dir), dataset::TextCopy::All))
        }
        [flag, dir] if flag == "--mixed" => {
            Ok(Command::Text(PathBuf::from(dir), dataset::TextCopy::Mixed))
        }
        [flag, dir, rest @ ..] if flag == "--bench" => {
            let mut options = bench::BenchOptions {
                dir: PathBuf::from(dir),
                files: bench::DEFAULT_FILES,
                rows_per_file: bench::DEFAULT_ROWS_PER_FILE,
                accounts: bench::ACCOUNTS.len(),
            };
            let mut total_rows = None;
            for pair in rest.chunks(2) {
                let [name, value] = pair else {
                    bail!("{} needs a value; {USAGE}", pair[0]);
                };
                let number: usize =
                    value.parse().ok().filter(|n| *n > 0).ok_or_else(|| {
                        anyhow::anyhow!("{name} {value:?} is not a positive integer")
                    })?;
                match name.as_str() {
                    "--files" => options.files = number,
                    "--rows-per-file" => options.rows_per_file = number,
                    "--total-rows" => total_rows = Some(number),
                    "--accounts" => options.accounts = number,
                    _ => bail!("unknown option {name}; {USAGE}"),
                }
            }
            if let Some(rows) = total_rows {
                // The total, spread evenly (rounded up) over the files.
                options.rows_per_file = rows.div_ceil(options.files);
            }
            Ok(Command::Bench(options))
        }
        _ => bail!("{USAGE}"),
    }
}

/// Runs the command; `Ok(false)` means `--check` found a difference.
fn run(command: Command, progress: progress::Mode) -> Result<bool> {
    match command {
        Command::Help => {
            println!("{USAGE}");
            Ok(true)
        }
        Command::Out(dir) => {
            let tree = dataset::build()?;
            dataset::write(&dir, &tree)?;
            let bytes: usize = tree.values().map(Vec::len).sum();
            println!(
                "wrote {} files ({bytes} bytes) under {}",
                tree.len(),
                dir.display()
            );
            Ok(true)
        }
        Command::Text(dir, copy) => {
            let tree = dataset::build_text(copy)?;
            dataset::write(&dir, &tree)?;
            println!("wrote {} files under {}", tree.len(), dir.display());
            Ok(true)
        }
        Command::Bench(options) => {
            let summary = bench::write(&options, progress)?;
            println!(
                "wrote {} files, {} records ({} bytes) under {}",
                summary.files,
                summary.rows,
                summary.bytes,
                options.dir.join(bench::BUCKET_NAME).display()
            );
            Ok(true)
        }
        Command::Check(dir) => {
            let tree = dataset::build()?;
            match dataset::first_difference(&dir, &tree)? {
                None => {
                    println!(
                        "{} matches the generator ({} files)",
                        dir.display(),
                        tree.len()
                    );
                    Ok(true)
                }
                Some(difference) => {
                    eprintln!("gen-testdata: {difference}");
                    Ok(false)
                }
            }
        }
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let parsed = progress::take_flag(&args)
        .and_then(|(mode, args)| Ok((parse_args(&args)?, mode)))
        .and_then(|(command, mode)| run(command, mode));
    match parsed {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(err) => {
            eprintln!("gen-testdata: {err:#}");
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(xs: &[&str]) -> Vec<String> {
        xs.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn command_line() {
        assert_eq!(
            parse_args(&args(&["--out", "testdata"])).expect("out"),
            Command::Out(PathBuf::from("testdata"))
        );
        assert_eq!(
            parse_args(&args(&["--check", "t"])).expect("check"),
            Command::Check(PathBuf::from("t"))
        );
        assert_eq!(parse_args(&args(&["--help"])).expect("help"), Command::Help);
        assert!(parse_args(&args(&[])).is_err());
        assert!(parse_args(&args(&["--out"])).is_err());
        assert!(parse_args(&args(&["--frobnicate", "x"])).is_err());
        assert_eq!(
            parse_args(&args(&[
                "--bench",
                "b",
                "--rows-per-file",
                "7",
                "--files",
                "3"
            ]))
            .expect("bench"),
            Command::Bench(bench::BenchOptions {
                dir: PathBuf::from("b"),
                files: 3,
                rows_per_file: 7,
                accounts: bench::ACCOUNTS.len(),
            })
        );
        assert_eq!(
            parse_args(&args(&["--bench", "b"])).expect("bench defaults"),
            Command::Bench(bench::BenchOptions {
                dir: PathBuf::from("b"),
                files: bench::DEFAULT_FILES,
                rows_per_file: bench::DEFAULT_ROWS_PER_FILE,
                accounts: bench::ACCOUNTS.len(),
            })
        );
        assert_eq!(
            parse_args(&args(&[
                "--bench",
                "b",
                "--files",
                "1008",
                "--total-rows",
                "30000000",
                "--accounts",
                "3"
            ]))
            .expect("bench total rows"),
            Command::Bench(bench::BenchOptions {
                dir: PathBuf::from("b"),
                files: 1008,
                rows_per_file: 29_762,
                accounts: 3,
            })
        );
        assert!(parse_args(&args(&["--bench", "b", "--files"])).is_err());
        assert!(parse_args(&args(&["--bench", "b", "--files", "0"])).is_err());
        assert!(parse_args(&args(&["--bench", "b", "--rows", "3"])).is_err());
    }
}
