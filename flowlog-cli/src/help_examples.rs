//! The examples under each command's `--help` paste cleanly: clap wraps that text to the
//! terminal's width, so no indented line (an example command or a file's content) may
//! be longer than a narrow terminal (80 columns), or it would be split where the shell
//! cannot join it. Prose, at the left margin, may wrap.

use clap::CommandFactory;

use crate::args::Cli;

/// The narrowest terminal the examples must fit.
const WIDTH: usize = 80;

/// Every line of every command's text after the options, with the command's name.
fn after_help_lines(command: &clap::Command, out: &mut Vec<(String, String)>) {
    for text in [command.get_after_help(), command.get_after_long_help()]
        .into_iter()
        .flatten()
    {
        for line in text.to_string().lines() {
            out.push((command.get_name().to_string(), line.to_string()));
        }
    }
    for sub in command.get_subcommands() {
        after_help_lines(sub, out);
    }
}

#[test]
fn no_example_line_is_wrapped_on_an_80_column_terminal() {
    let mut lines = Vec::new();
    after_help_lines(&Cli::command(), &mut lines);
    assert!(lines.len() > 20, "the examples were found");
    let long: Vec<_> = lines
        .iter()
        .filter(|(_, l)| l.starts_with(' '))
        .filter(|(_, l)| unicode_width::UnicodeWidthStr::width(l.as_str()) > WIDTH)
        .collect();
    assert!(
        long.is_empty(),
        "lines longer than {WIDTH} columns: {long:#?}"
    );
}

#[test]
fn continued_example_lines_end_with_one_backslash() {
    let mut lines = Vec::new();
    after_help_lines(&Cli::command(), &mut lines);
    for (command, line) in lines {
        let trimmed = line.trim_end();
        assert_eq!(
            trimmed, line,
            "{command}: trailing blanks break a paste: {line:?}"
        );
        assert!(!trimmed.ends_with("\\\\"), "{command}: {line:?}");
    }
}
