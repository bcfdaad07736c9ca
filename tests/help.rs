//! Help that an operator can read: `-h` of every command is short (the global flags are in
//! `kubectl prow options` and `--help`), and no line of it is wider than 80 columns.

mod common;

use common::{kp, run};

const COMMANDS: &[&str] = &[
    "contexts",
    "jobs",
    "lint",
    "check-rbac",
    "view",
    "completion",
    "grant",
    "migrate",
    "graph",
];

#[test]
fn short_help_is_short_and_fits_80_columns() {
    for cmd in COMMANDS {
        let out = run(kp().env("COLUMNS", "80").args([cmd, "-h"]));
        assert_eq!(out.code, 0, "{cmd}: {}", out.stderr);
        assert!(
            !out.stdout.contains("--kubeconfig-dir <DIR>"),
            "{cmd} -h lists global flags"
        );
        assert!(
            out.stdout.contains("kubectl prow options"),
            "{cmd} -h: {}",
            out.stdout
        );
        assert!(
            out.stdout.lines().count() <= 50,
            "{cmd} -h: {} lines",
            out.stdout.lines().count()
        );
        for line in out.stdout.lines() {
            assert!(
                line.chars().count() <= 80,
                "{cmd} -h: {} columns: {line}",
                line.chars().count()
            );
        }
    }
}

/// The text below the flags is written for 80 columns: at a wider terminal (no wrapping by
/// clap) no line of it exceeds 80, so at 80 nothing is re-wrapped into ragged lines.
#[test]
fn text_below_the_flags_is_written_for_80_columns() {
    for cmd in COMMANDS {
        let out = run(kp().env("COLUMNS", "100").args([cmd, "-h"]));
        let below = out
            .stdout
            .split_once("Print version\n")
            .map(|(_, rest)| rest)
            .unwrap_or("");
        assert!(!below.is_empty(), "{cmd}: {}", out.stdout);
        for line in below.lines() {
            assert!(line.chars().count() <= 80, "{cmd} -h: {line}");
        }
    }
}

#[test]
fn options_lists_every_global_flag_and_long_help_still_has_them() {
    let out = run(kp().arg("options"));
    assert_eq!(out.code, 0);
    for flag in [
        "--kubeconfig <FILE>",
        "--context <NAME>",
        "--namespace",
        "--request-timeout",
        "--as <USER>",
        "--prow-job-context",
        "--use-explicit-credentials",
    ] {
        assert!(
            out.stdout.contains(flag),
            "{flag} missing from options:\n{}",
            out.stdout
        );
    }
    let out = run(kp().args(["contexts", "--help"]));
    assert!(out.stdout.contains("--kubeconfig-dir <DIR>"));
}

#[test]
fn colour_only_on_a_terminal_and_never_with_no_color() {
    // Piped (as here): no escape sequences, whatever NO_COLOR says.
    let mut cmd = kp();
    cmd.env_remove("NO_COLOR").args([
        "--kubeconfig",
        "../lint/kubeconfig.yaml",
        "--job-config-path",
        "../lint/jobs",
        "lint",
    ]);
    let out = run(&mut cmd);
    assert!(!out.stdout.contains('\x1b'), "{}", out.stdout);
    assert!(out.stdout.contains("error[unknown-context]"));
}

#[test]
fn colour_on_a_terminal_unless_no_color() {
    // `script` (util-linux) gives the command a real pseudo-terminal.
    let bin = assert_cmd::cargo::cargo_bin("kubectl-prow");
    let line = format!(
        "{} --kubeconfig ../lint/kubeconfig.yaml --job-config-path ../lint/jobs lint",
        bin.display()
    );
    let on_tty = |no_color: Option<&str>| {
        let mut cmd = std::process::Command::new("script");
        cmd.args(["-qec", &line, "/dev/null"])
            .current_dir(common::fixtures())
            .env_remove("KUBECONFIG")
            .env("HOME", common::empty_home());
        match no_color {
            Some(v) => cmd.env("NO_COLOR", v),
            None => cmd.env_remove("NO_COLOR"),
        };
        String::from_utf8(cmd.output().expect("script(1) from util-linux").stdout).unwrap()
    };
    assert!(on_tty(None).contains("\x1b[31merror\x1b[0m[unknown-context]"));
    assert!(!on_tty(Some("1")).contains('\x1b'));
}
