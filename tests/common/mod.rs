//! Shared helpers for the CLI tests: a `kubectl-prow` command with a clean environment, so no
//! test sees the developer's own kubeconfig or a pod it happens to run in.
#![allow(dead_code)]

pub mod fault;
pub mod recorder;
pub mod rng;
pub mod tls;

use std::path::{Path, PathBuf};

use assert_cmd::Command;

pub fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/kubeconfig")
}

/// `../shared/corpus`, or `None` (a skip) in a clone that has no `../shared`; under CI a
/// missing corpus fails the test instead.
pub fn corpus() -> Option<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus");
    if dir.is_dir() {
        Some(dir)
    } else {
        skip("no ../shared/corpus");
        None
    }
}

/// `kubectl-prow` run in the fixtures directory, with `KUBECONFIG` unset, `HOME` pointing at an
/// empty directory and no pod environment.
pub fn kp() -> Command {
    let mut cmd = Command::cargo_bin("kubectl-prow").unwrap();
    cmd.current_dir(fixtures())
        .env_remove("KUBECONFIG")
        .env_remove("KUBERNETES_SERVICE_HOST")
        .env_remove("KUBERNETES_SERVICE_PORT")
        .env_remove("KUBECTL_PROW_SERVICEACCOUNT_DIR")
        .env("HOME", empty_home())
        .env("NO_COLOR", "1");
    cmd
}

/// A writable copy of a directory tree.
pub fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            copy_tree(&e.path(), &target);
        } else {
            std::fs::write(&target, std::fs::read(e.path()).unwrap()).unwrap();
        }
    }
}

pub fn empty_home() -> PathBuf {
    let dir = std::env::temp_dir().join("kubectl-prow-test-empty-home");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

pub fn run(cmd: &mut Command) -> Output {
    let out = cmd.output().unwrap();
    Output {
        code: out.status.code().unwrap_or(-1),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    }
}

/// `contexts -o json`, parsed.
pub fn contexts_json(cmd: &mut Command) -> Vec<serde_json::Value> {
    let out = run(cmd.args(["contexts", "-o", "json"]));
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

pub fn names(rows: &[serde_json::Value]) -> Vec<String> {
    rows.iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect()
}

pub fn row<'a>(rows: &'a [serde_json::Value], name: &str) -> &'a serde_json::Value {
    rows.iter()
        .find(|r| r["name"] == name)
        .unwrap_or_else(|| panic!("no context {name:?} in {rows:#?}"))
}

/// `contexts -o json` already in the arguments, parsed.
pub fn contexts_json_raw(cmd: &mut Command) -> Vec<serde_json::Value> {
    let out = run(cmd);
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

/// The real clusters' env file (`$KUBECTL_PROW_REALK8S/env`, written by tests/realk8s/up.sh),
/// or `None` (a skip) when they are not running. Under CI a missing cluster fails the test
/// instead.
pub fn realk8s() -> Option<std::collections::BTreeMap<String, String>> {
    let state = realk8s_dir()?;
    let path = Path::new(&state).join("env");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!(
            "KUBECTL_PROW_REALK8S={}: cannot read {}: {e} (are the clusters up? tests/realk8s/up.sh)",
            state.display(),
            path.display()
        )
    });
    Some(
        text.lines()
            .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
            .map(|l| {
                let (k, v) = l
                    .split_once('=')
                    .unwrap_or_else(|| panic!("{}: not KEY=VALUE: {l:?}", path.display()));
                (k.to_string(), v.to_string())
            })
            .collect(),
    )
}

/// Whether CI is set (non-empty): tests that would skip for a missing tool fail instead.
pub fn ci() -> bool {
    std::env::var_os("CI").is_some_and(|v| !v.is_empty())
}

/// The marker a skipped test prints; scripts/test.sh counts these lines by reason.
pub const SKIP_MARKER: &str = "SKIP: ";

/// Skips the calling test, which then returns: libtest has no "skipped" result, so the test
/// reports `ok` and this line is what tells it apart. The line goes to the process's real
/// stderr, past libtest's capture (which would hide it with the output of a passing test), as
/// `SKIP: <test>: <reason>`; keep `reason` free of run-specific detail (paths, numbers) so
/// that scripts/test.sh's summary groups equal reasons. Under CI there are no skips: the test
/// fails instead, since a skip there would pass silently.
pub fn skip(reason: &str) {
    assert!(!ci(), "{reason}, and CI is set: under CI no test may skip");
    use std::io::Write;
    let thread = std::thread::current();
    let test = thread.name().unwrap_or("(unnamed test)");
    // One write, so that parallel tests' lines do not interleave.
    let line = format!("{SKIP_MARKER}{test}: {reason}\n");
    let _ = std::io::stderr().lock().write_all(line.as_bytes());
}

/// The real kubectl: `$KUBECTL_PROW_KUBECTL` (scripts/test.sh sets it to the one it builds) or
/// `kubectl` on PATH. `None` with a message when there is none; under CI that fails the test.
pub fn kubectl() -> Option<PathBuf> {
    // As an absolute path: tests run it with a PATH of their own.
    let kubectl = std::env::var_os("KUBECTL_PROW_KUBECTL")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(|| {
            std::env::split_paths(&std::env::var_os("PATH")?)
                .map(|d| d.join("kubectl"))
                .find(|p| p.is_file())
        })
        .unwrap_or_else(|| "kubectl".into());
    let works = std::process::Command::new(&kubectl)
        .args(["version", "--client"])
        .output()
        .is_ok_and(|o| o.status.success());
    if works {
        return Some(kubectl);
    }
    skip(
        "no kubectl (set KUBECTL_PROW_KUBECTL or put kubectl on PATH; scripts/test.sh builds one)",
    );
    None
}

/// `$KUBECTL_PROW_REALK8S`, the real clusters' state directory (tests/realk8s/up.sh), or
/// `None` (a skip) when they are not running.
pub fn realk8s_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("KUBECTL_PROW_REALK8S").filter(|s| !s.is_empty());
    if dir.is_none() {
        skip("real clusters not started (scripts/test.sh starts them)");
    }
    dir.map(PathBuf::from)
}

/// The first line (1-based) where two texts differ, or `None` when they are equal; for
/// freshness checks of generated files, whose full diff would be too long to print.
pub fn first_difference(a: &str, b: &str) -> Option<usize> {
    if a == b {
        return None;
    }
    let (mut x, mut y) = (a.lines(), b.lines());
    let mut n = 1;
    loop {
        match (x.next(), y.next()) {
            (Some(l), Some(r)) if l == r => n += 1,
            // Also (None, None): then they differ only in a final newline.
            _ => return Some(n),
        }
    }
}
