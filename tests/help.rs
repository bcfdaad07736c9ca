//! Help that an operator can read: `-h` of every command is short (the global flags are in
//! `kubectl prow options` and `--help`), and no line of it is wider than 80 columns.

mod common;

use common::{kp, run};

const COMMANDS: &[&str] = &[
    "contexts",
    "credentials",
    "jobs",
    "lint",
    "check-rbac",
    "check-pods",
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

/// Every subcommand path under `path` (as words), found by reading the "Commands:" section of
/// each command's `--help`.
fn commands_under(path: Vec<String>) -> Vec<Vec<String>> {
    let out = run(kp().env("COLUMNS", "1000").args(&path).arg("--help"));
    assert_eq!(out.code, 0, "{path:?} --help: {}", out.stderr);
    let mut all = vec![path.clone()];
    let listed = out
        .stdout
        .split_once("Commands:\n")
        .map(|(_, rest)| rest.split("\n\n").next().unwrap_or(""))
        .unwrap_or("");
    // A command's line is indented by two; deeper lines continue its description.
    let names = listed
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next());
    for name in names {
        if name != "help" {
            let mut sub = path.clone();
            sub.push(name.to_string());
            all.extend(commands_under(sub));
        }
    }
    all
}

/// The values `-o` offers in a command's `-h` (`[possible values: a, b]`, maybe wrapped over
/// lines), none without `-o`.
fn offered_formats(path: &[String]) -> Vec<String> {
    let out = run(kp().args(path).arg("-h"));
    let Some((_, flag)) = out.stdout.split_once("-o, --output <") else {
        return Vec::new();
    };
    // The flag's own text ends where the next flag begins.
    let flag = flag.split("\n  -").next().unwrap();
    let values = flag
        .split_once("[possible values: ")
        .and_then(|(_, rest)| rest.split_once(']'))
        .unwrap_or_else(|| panic!("{path:?}: -o lists no values: {flag}"))
        .0;
    values.split(',').map(|v| v.trim().to_string()).collect()
}

/// A command accepts every `-o` value its help offers: none ends in a usage error (exit 2).
/// Each runs on a small valid setup (one context whose server refuses connections at once, one
/// job), so it gets as far as printing.
#[test]
fn every_offered_output_format_is_accepted() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kubeconfig.yaml"),
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n\
         contexts:\n- name: default\n  context:\n    cluster: c\n    namespace: test-pods\n    user: u\n\
         current-context: default\nusers:\n- name: u\n  user:\n    token: t\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("jobs.yaml"),
        "periodics:\n- name: p\n  cluster: default\n  interval: 1h\n  spec:\n    containers:\n    - image: i\n",
    )
    .unwrap();
    let mut tried = Vec::new();
    for path in commands_under(Vec::new()) {
        for format in offered_formats(&path) {
            let out = run(kp()
                .current_dir(dir.path())
                .args([
                    "--kubeconfig",
                    "kubeconfig.yaml",
                    "--job-config-path",
                    "jobs.yaml",
                ])
                .args(["--prow-job-context", "default", "--request-timeout", "1s"])
                .args(&path)
                // What a command requires besides -o (diff compares with a git revision; here
                // no repository, so it fails with its own configuration error, not a usage one).
                .args(if path == ["diff"] {
                    &["--base", "HEAD"][..]
                } else if path == ["migrate", "prowjobs"] {
                    &[
                        "--from",
                        "default",
                        "--to",
                        "default",
                        "--to-namespace",
                        "other",
                    ][..]
                } else {
                    &[][..]
                })
                .args(["-o", &format]));
            assert_ne!(
                out.code,
                2,
                "`{} -o {format}` is offered by its help and refused: {}",
                path.join(" "),
                out.stderr
            );
            tried.push(format!("{} -o {format}", path.join(" ")));
        }
    }
    // The walk found the commands (and their -o values) that have them.
    for expected in [
        "contexts -o name",
        "check-rbac -o wide",
        "migrate plan -o json",
        "migrate prowjobs -o yaml",
        "graph -o dot",
    ] {
        assert!(
            tried.iter().any(|t| t == expected),
            "{expected} not tried: {tried:?}"
        );
    }
}

/// What a user reads names the design, never "the seed" (this project's name for the design
/// document): every command's `--help`, the man pages, and every lint finding and fix.
#[test]
fn user_facing_text_says_the_federated_design_not_the_seed() {
    let mut texts: Vec<(String, String)> = Vec::new();
    for path in commands_under(Vec::new()) {
        let out = run(kp().args(&path).arg("--help"));
        texts.push((format!("{path:?} --help"), out.stdout));
    }
    let man = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("man");
    for page in std::fs::read_dir(man).unwrap() {
        let page = page.unwrap().path();
        texts.push((
            page.display().to_string(),
            std::fs::read_to_string(&page).unwrap(),
        ));
    }
    let fleet = [
        "--kubeconfig",
        "../lint/kubeconfig.yaml",
        "--config-path",
        "../lint/config.yaml",
        "--job-config-path",
        "../lint/jobs",
    ];
    for explicit in [false, true] {
        let mut cmd = kp();
        cmd.args(fleet).args(["lint", "-o", "json"]);
        if explicit {
            cmd.arg("--use-explicit-credentials");
        }
        let out = run(&mut cmd);
        assert!(out.stdout.contains("\"fix\""), "{}", out.stderr);
        texts.push((format!("lint (explicit: {explicit})"), out.stdout));
    }
    for (what, text) in texts {
        assert!(
            !text.to_lowercase().contains("seed"),
            "{what} speaks of the seed: {}",
            text.lines()
                .find(|l| l.to_lowercase().contains("seed"))
                .unwrap()
        );
    }
}
