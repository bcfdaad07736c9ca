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
