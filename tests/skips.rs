//! Skipped tests are visible: a test that skips (tests/common/mod.rs, `skip`) prints a marker
//! line past libtest's capture, fails instead under CI, and scripts/test.sh's closing line
//! counts skips by reason apart from passes. The benchmark target, which scripts/test.sh runs
//! with the other test binaries, takes their arguments (`-- --test-threads=1`).

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

/// Set in the environment of this test binary when it runs itself as the skipping test.
const PROBE: &str = "KUBECTL_PROW_SKIP_PROBE";

/// Runs this test binary again, only this test, as the skipping test (`PROBE` set), with libtest
/// capturing output as usual; the skip must show anyway, and under CI the test must fail.
#[test]
fn a_skipped_test_says_so_and_why_and_fails_under_ci() {
    if std::env::var_os(PROBE).is_some() {
        common::skip("the reason, stated once");
        return;
    }
    let probe = |ci: &str| {
        let out = Command::new(std::env::current_exe().unwrap())
            .args([
                "--exact",
                "a_skipped_test_says_so_and_why_and_fails_under_ci",
                "--test-threads=1",
            ])
            .env(PROBE, "1")
            .env("CI", ci)
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.success(), text)
    };
    let (ok, text) = probe("");
    assert!(ok, "{text}");
    assert!(
        text.lines().any(|l| l
            == "SKIP: a_skipped_test_says_so_and_why_and_fails_under_ci: the reason, stated once"),
        "no marker line: {text}"
    );
    let (ok, text) = probe("true");
    assert!(!ok, "a skip under CI passed: {text}");
    assert!(text.contains("under CI no test may skip"), "{text}");
}

fn repo() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// scripts/test.sh's closing line, from cargo's output: skips counted by reason (the most
/// frequent first) and not as passes, whatever else shares their line.
#[test]
fn the_closing_line_counts_skips_by_reason() {
    let log = "\
running 3 tests
test a ... SKIP: a: no ../shared/corpus
ok
SKIP: m::b: no groff (.ci/run installs it)
test b ... ok
test c ... ok
test result: ok. 3 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s

running 2 tests
test d ... ok
SKIP: d: no ../shared/corpus
test e ... FAILED
test result: FAILED. 1 passed; 1 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.01s

running 0 tests
test result: ok. 0 passed; 0 failed; 0 ignored; 0 measured; 0 filtered out; finished in 0.00s
";
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cargo-test.log");
    std::fs::write(&path, log).unwrap();
    let summary = |path: &Path| {
        let out = Command::new(repo().join("scripts/test-summary.sh"))
            .arg(path)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    assert_eq!(
        summary(&path),
        "tests: 1 passed, 1 failed, 3 skipped \
         (no ../shared/corpus: 2; no groff (.ci/run installs it): 1)\n"
    );
    std::fs::write(&path, "test result: ok. 5 passed; 0 failed; 0 ignored;\n").unwrap();
    assert_eq!(summary(&path), "tests: 5 passed, 0 failed, 0 skipped\n");
}

/// The newest build of the `load` benchmark, as `cargo test` builds it (scripts/test.sh builds
/// every target first), next to this test binary.
fn bench_binary() -> Option<PathBuf> {
    let deps = std::env::current_exe()
        .unwrap()
        .parent()
        .unwrap()
        .to_path_buf();
    let newest = std::fs::read_dir(&deps)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            let name = p.file_name().unwrap().to_string_lossy();
            name.starts_with("load-") && p.extension().is_none()
        })
        .max_by_key(|p| p.metadata().unwrap().modified().unwrap());
    if newest.is_none() {
        common::skip("the load benchmark is not built (cargo test --all-targets builds it)");
    }
    newest
}

/// `scripts/test.sh -- --test-threads=1` passes that to every test binary, the benchmark's
/// among them: it must run, not refuse the flag.
#[test]
fn the_benchmark_takes_test_binary_arguments() {
    let Some(bench) = bench_binary() else { return };
    let out = Command::new(&bench)
        .args(["--test-threads=1", "--quiet"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{} --test-threads=1: {}",
        bench.display(),
        String::from_utf8_lossy(&out.stderr)
    );
}
