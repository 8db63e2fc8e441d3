//! `flowlog completions SHELL`.

use std::process::{Command, Output};

fn flowlog(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_flowlog"))
        .args(args)
        .output()
        .expect("flowlog runs")
}

#[test]
fn every_shell_gets_a_script_that_knows_the_subcommands_and_flags() {
    for (shell, marker) in [
        ("bash", "_flowlog()"),
        ("zsh", "#compdef flowlog"),
        ("fish", "complete -c flowlog"),
        ("powershell", "Register-ArgumentCompleter"),
    ] {
        let out = flowlog(&["completions", shell]);
        assert!(out.status.success(), "{shell}");
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(marker), "{shell}: no {marker}");
        for word in [
            "query",
            "provision",
            "functions",
            "excel",
            "max-rows",
            "allow-multiple-roots",
        ] {
            assert!(text.contains(word), "{shell}: {word} missing");
        }
    }
}

#[test]
fn an_unknown_shell_is_refused() {
    let out = flowlog(&["completions", "tcsh"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("bash"));
}
