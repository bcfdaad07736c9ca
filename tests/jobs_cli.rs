//! `jobs`, `lint` and the job columns of `contexts`, through the binary, on a fixture fleet
//! that triggers every check, on the seed document's examples and on real job configuration.

mod common;

use std::collections::BTreeMap;

use common::{kp, run};
use serde_json::Value;

fn lint_fleet() -> Vec<&'static str> {
    vec![
        "--kubeconfig",
        "../lint/kubeconfig.yaml",
        "--config-path",
        "../lint/config.yaml",
        "--job-config-path",
        "../lint/jobs",
    ]
}

fn json(args: &[&str]) -> Vec<Value> {
    let out = run(kp().args(args));
    // `jobs --unknown` exits 1 when it lists jobs.
    let expected = if args.contains(&"--unknown") { 1 } else { 0 };
    assert_eq!(out.code, expected, "{args:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

// --- jobs -----------------------------------------------------------------------------------

#[test]
fn jobs_json_has_the_documented_keys_and_values() {
    let rows = json(&[lint_fleet(), vec!["jobs", "-o", "json"]].concat());
    assert_eq!(rows.len(), 8);
    for r in &rows {
        for key in [
            "name", "type", "repo", "cluster", "context", "agent", "file", "line", "known",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
    }
    let by_name = |n: &str| rows.iter().find(|r| r["name"] == n).unwrap().clone();
    let unit = by_name("unit");
    assert_eq!(unit["type"], "presubmit");
    assert_eq!(unit["repo"], "org/repo");
    assert_eq!(
        (
            unit["cluster"].as_str(),
            unit["context"].as_str(),
            unit["known"].as_bool()
        ),
        (Some("build01"), Some("build01"), Some(true))
    );
    assert_eq!(unit["file"], "../lint/jobs/org-repo.yaml");
    assert_eq!(unit["line"], 3);
    let defaulted = by_name("no-cluster");
    assert_eq!(
        (
            defaulted["cluster"].clone(),
            defaulted["context"].as_str(),
            defaulted["known"].as_bool()
        ),
        (Value::Null, Some("default"), Some(false))
    );
    let jenkins = by_name("on-jenkins");
    assert_eq!(
        (jenkins["agent"].as_str(), jenkins["context"].clone()),
        (Some("jenkins"), Value::Null)
    );
    assert_eq!(by_name("nightly")["repo"], Value::Null);
    assert_eq!(by_name("tekton")["agent"], "tekton-pipeline");
}

#[test]
fn jobs_filters() {
    let names = |extra: &[&str]| -> Vec<String> {
        let out = run(kp()
            .args(lint_fleet())
            .arg("jobs")
            .args(extra)
            .args(["-o", "name"]));
        let expected = i32::from(extra.contains(&"--unknown") && !out.stdout.is_empty());
        assert_eq!(out.code, expected, "{}", out.stderr);
        out.stdout.lines().map(str::to_string).collect()
    };
    assert_eq!(names(&["--type", "periodic"]), ["nightly", "tekton"]);
    assert_eq!(names(&["--unknown"]), ["no-cluster", "typo"]);
    assert_eq!(
        names(&["--repo", "org/repo", "--type", "postsubmit"]),
        ["push"]
    );
    let out = run(kp()
        .args(lint_fleet())
        .args(["--context", "build99", "jobs", "-o", "name"]));
    assert_eq!(
        out.stdout, "typo\n",
        "--context filters, even for a context that is not loaded"
    );
    let out = run(kp()
        .args(lint_fleet())
        .args(["--context", "build01", "jobs", "-o", "name"]));
    assert_eq!(out.stdout, "unit\npush\ntekton\n");
}

#[test]
fn explicit_credentials_leave_jobs_without_cluster_nowhere() {
    let rows = json(
        &[
            lint_fleet(),
            vec![
                "--use-explicit-credentials",
                "jobs",
                "--unknown",
                "-o",
                "json",
            ],
        ]
        .concat(),
    );
    let defaulted = rows.iter().find(|r| r["name"] == "no-cluster").unwrap();
    assert_eq!(defaulted["context"], Value::Null);
}

#[test]
fn jobs_table_golden() {
    let out = run(kp().args(lint_fleet()).args(["jobs"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("jobs_table", out.stdout);
    let wide = run(kp().args(lint_fleet()).args(["jobs", "-o", "wide"]));
    insta::assert_snapshot!("jobs_wide", wide.stdout);
}

#[test]
fn jobs_needs_job_configuration() {
    let out = run(kp().args(["jobs"]));
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("pass --job-config-path and/or --config-path"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_missing_job_config_path_is_invalid_configuration() {
    let out = run(kp().args(["--job-config-path", "nowhere", "jobs"]));
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("nowhere"), "{}", out.stderr);
}

// --- contexts with jobs -----------------------------------------------------------------------

#[test]
fn contexts_count_jobs_and_list_missing_ones() {
    let rows = json(&[lint_fleet(), vec!["contexts", "-o", "json"]].concat());
    let jobs = |n: &str| {
        rows.iter()
            .find(|r| r["name"] == n)
            .unwrap_or_else(|| panic!("{n}"))["jobs"]
            .clone()
    };
    assert_eq!(
        jobs("build01"),
        serde_json::json!({"presubmits": 1, "postsubmits": 1, "periodics": 1, "total": 3})
    );
    assert_eq!(jobs("service")["total"], 1);
    assert_eq!(jobs("idle")["total"], 0);
    for missing in ["build99", "default"] {
        let r = rows.iter().find(|r| r["name"] == missing).unwrap();
        assert_eq!(r["missing"], true);
        assert_eq!(r["jobs"]["presubmits"], 1);
    }
    assert!(rows.iter().filter(|r| r["missing"] == true).count() == 2);
    let out = run(kp().args(lint_fleet()).args(["contexts", "-o", "wide"]));
    insta::assert_snapshot!("contexts_with_jobs_wide", out.stdout);
}

/// The per-context counts of `contexts` agree with grouping the rows of `jobs` by context:
/// two code paths over the same configuration.
fn cross_check(args: Vec<&str>) {
    let ctx = json(&[args.clone(), vec!["contexts", "-o", "json"]].concat());
    let jobs = json(&[args, vec!["jobs", "-o", "json"]].concat());
    let mut grouped: BTreeMap<String, BTreeMap<String, u64>> = BTreeMap::new();
    for j in jobs.iter().filter(|j| !j["context"].is_null()) {
        *grouped
            .entry(j["context"].as_str().unwrap().into())
            .or_default()
            .entry(j["type"].as_str().unwrap().into())
            .or_default() += 1;
    }
    for (context, kinds) in &grouped {
        let row = ctx
            .iter()
            .find(|r| r["name"] == context.as_str())
            .unwrap_or_else(|| panic!("no row for {context}"));
        for (kind, n) in kinds {
            assert_eq!(
                row["jobs"][format!("{kind}s")].as_u64(),
                Some(*n),
                "{context} {kind}"
            );
        }
    }
    let counted: u64 = ctx
        .iter()
        .map(|r| r["jobs"]["total"].as_u64().unwrap())
        .sum();
    assert_eq!(
        counted,
        jobs.iter().filter(|j| !j["context"].is_null()).count() as u64
    );
}

#[test]
fn context_counts_agree_with_job_rows() {
    cross_check(lint_fleet());
}

#[test]
fn context_counts_agree_with_job_rows_on_real_configuration() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let root = corpus.join("prow-jobs/test-infra/config");
    let cfg = root.join("prow/config.yaml");
    let jobs = root.join("jobs");
    cross_check(vec![
        "--config-path",
        cfg.to_str().unwrap(),
        "--job-config-path",
        jobs.to_str().unwrap(),
    ]);
}

// --- lint -----------------------------------------------------------------------------------

#[test]
fn lint_finds_every_problem_and_exits_1() {
    let out = run(kp().args(lint_fleet()).arg("lint"));
    assert_eq!(out.code, 1, "{}", out.stderr);
    insta::assert_snapshot!("lint_text", out.stdout);
    let rows = json_any(&[lint_fleet(), vec!["lint", "-o", "json"]].concat(), 1);
    let codes: Vec<&str> = rows.iter().map(|r| r["code"].as_str().unwrap()).collect();
    for code in [
        "unknown-context",
        "duplicate-endpoint",
        "jenkins-with-cluster",
        "no-default-context",
        "presubmit-in-service-cluster",
        "unknown-allowed-cluster",
        "unknown-disabled-cluster",
        "unused-context",
    ] {
        assert!(codes.contains(&code), "{code} not in {codes:?}");
    }
    for r in &rows {
        assert!(
            !r["fix"].as_str().unwrap().is_empty(),
            "every finding says how to fix it: {r}"
        );
    }
}

/// A job without `cluster` whose implicit "default" context is not loaded gets one verdict,
/// no-default-context (Prow's loader sends it to its service cluster), and not also an
/// unknown-context error saying it runs in a "default" that is not loaded.
#[test]
fn a_job_without_cluster_gets_one_verdict_on_where_it_runs() {
    let rows = json_any(&[lint_fleet(), vec!["lint", "-o", "json"]].concat(), 1);
    let about_default: Vec<&str> = rows
        .iter()
        .filter(|r| r["message"].as_str().unwrap().contains("\"default\""))
        .map(|r| r["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        about_default,
        ["implicit-default-context", "no-default-context"],
        "{rows:#?}"
    );
}

fn json_any(args: &[&str], code: i32) -> Vec<Value> {
    let out = run(kp().args(args));
    assert_eq!(out.code, code, "{args:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

#[test]
fn lint_under_explicit_credentials() {
    let rows = json_any(
        &[
            lint_fleet(),
            vec!["--use-explicit-credentials", "lint", "-o", "json"],
        ]
        .concat(),
        1,
    );
    let has = |code: &str, needle: &str| {
        rows.iter()
            .any(|r| r["code"] == code && r["message"].as_str().unwrap().contains(needle))
    };
    assert!(has("missing-cluster", "\"no-cluster\""));
    assert!(has("namespace-with-explicit-credentials", "pod_namespace"));
    assert!(has(
        "namespace-with-explicit-credentials",
        "prowjob_namespace"
    ));
    assert!(
        !rows.iter().any(|r| r["code"] == "no-default-context"),
        "nothing is defaulted"
    );
}

#[test]
fn lint_warnings_fail_only_with_strict() {
    let base = [
        "--kubeconfig",
        "../lint/clean/kubeconfig.yaml",
        "--job-config-path",
        "../lint/clean/jobs.yaml",
    ];
    let out = run(kp().args(base).arg("lint"));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.ends_with("0 error(s), 0 warning(s), 1 info\n"),
        "{}",
        out.stdout
    );
    let named_service = [
        "--kubeconfig",
        "../lint/clean/kubeconfig.yaml",
        "--job-config-path",
        "../lint/clean/jobs.yaml",
        "--prow-job-context",
        "service",
    ];
    assert_eq!(run(kp().args(named_service).arg("lint")).code, 0);
    // A second build context with build01's identity: a warning.
    let dir = tempfile::tempdir().unwrap();
    let extra = dir.path().join("extra.yaml");
    std::fs::write(&extra, "contexts:\n- name: build01-again\n  context: {cluster: b1, namespace: test-pods, user: plank}\n").unwrap();
    let mut cmd = kp();
    cmd.args(base).arg("--kubeconfig").arg(&extra);
    assert_eq!(run(cmd.arg("lint")).code, 0, "warnings alone pass");
    let mut cmd = kp();
    cmd.args(base)
        .arg("--kubeconfig")
        .arg(&extra)
        .args(["lint", "--strict"]);
    let out = run(&mut cmd);
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(out.stdout.contains("warning[duplicate-endpoint]"));
}

#[test]
fn an_unknown_prow_job_context_is_a_lint_error() {
    let rows = json_any(
        &[
            "--kubeconfig",
            "../lint/clean/kubeconfig.yaml",
            "--prow-job-context",
            "svc",
            "lint",
            "-o",
            "json",
        ],
        1,
    );
    assert_eq!(rows[0]["code"], "unknown-prow-job-context");
}

#[test]
fn a_bad_job_file_is_one_finding_and_the_rest_is_checked() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.yaml"),
        "periodics:\n- name: x\n  cluster: [a\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("good.yaml"),
        "periodics:\n- name: good\n  cluster: build99\n",
    )
    .unwrap();
    let mut cmd = kp();
    cmd.args([
        "--kubeconfig",
        "../lint/clean/kubeconfig.yaml",
        "--job-config-path",
    ])
    .arg(dir.path())
    .args(["lint", "-o", "json"]);
    let out = run(&mut cmd);
    assert_eq!(out.code, 1);
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let bad = rows
        .iter()
        .find(|r| r["file"].as_str().is_some_and(|f| f.ends_with("bad.yaml")))
        .expect("a finding for bad.yaml");
    assert_eq!(bad["severity"], "error");
    assert!(
        bad["line"].as_u64().is_some() && bad["column"].as_u64().is_some(),
        "{bad}"
    );
    assert!(
        rows.iter().any(|r| r["code"] == "unknown-context"
            && r["message"].as_str().unwrap().contains("build99")),
        "good.yaml still checked"
    );
}

#[test]
fn duplicate_basenames_are_an_error() {
    let out = run(kp().args([
        "--kubeconfig",
        "../lint/clean/kubeconfig.yaml",
        "--job-config-path",
        "../prow/walk",
        "lint",
    ]));
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("duplicated basename is not allowed"),
        "{}",
        out.stdout
    );
}

// --- seed examples and Prow's disabled_clusters ---------------------------------------------

#[test]
fn the_seed_custom_namespace_example_lints_clean() {
    let out = run(kp().args([
        "--kubeconfig",
        "seed-custom-namespace.yaml",
        "--config-path",
        "../prow/seed/config.yaml",
        "--job-config-path",
        "../prow/seed/jobs/custom-namespace.yaml",
        "--use-explicit-credentials",
        "lint",
    ]));
    // The seed keeps pod_namespace/prowjob_namespace in its config: only that is warned about.
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout.contains("0 error(s), 2 warning(s)"),
        "{}",
        out.stdout
    );
}

#[test]
fn the_seeds_unmigrated_job_fails_under_explicit_credentials() {
    let out = run(kp().args([
        "--kubeconfig",
        "../../../examples/separate-cluster.yaml",
        "--job-config-path",
        "../prow/seed/before/existing.yaml",
        "--use-explicit-credentials",
        "lint",
    ]));
    assert_eq!(out.code, 1);
    assert!(
        out.stdout.contains("error[missing-cluster]"),
        "{}",
        out.stdout
    );
    let out = run(kp().args([
        "--kubeconfig",
        "../../../examples/separate-cluster.yaml",
        "--job-config-path",
        "../prow/seed/before/existing.yaml",
        "lint",
    ]));
    // Without explicit credentials the job defaults to "default" (a warning that says so), and
    // the design document's own example server `http.buildme.com` is not a URL: an error.
    assert_eq!(out.code, 1, "{}", out.stdout);
    assert!(!out.stdout.contains("missing-cluster"), "{}", out.stdout);
    assert!(
        out.stdout.contains("warning[implicit-default-context]"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("server \"http.buildme.com\" is not an https:// (or http://) URL"),
        "{}",
        out.stdout
    );
}

#[test]
fn prow_mode_drops_disabled_clusters_from_config() {
    let Some(c) = common::corpus() else { return };
    let case = c.join("kubeconfig-cases/prow-kubeconfig-dir-disabled-cluster");
    let out = run(kp().current_dir(&case).args([
        "--merge",
        "prow",
        "--kubeconfig-dir",
        "kubeconfig-dir",
        "--kubeconfig-suffix",
        "yaml",
        "--config-path",
        "prow-config.yaml",
        "contexts",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let names: Vec<&str> = rows.iter().map(|r| r["name"].as_str().unwrap()).collect();
    assert_eq!(names, ["", "app.ci", "build01", "default", "hive"]);
    let svc = rows.iter().find(|r| r["name"] == "").unwrap();
    assert_eq!(
        svc["server"], "https://api.build01.ci.devcluster.openshift.com:6443",
        "build02 is disabled, so build01 stays current"
    );
}

#[test]
fn disabled_clusters_apply_whatever_the_merge() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("config.yaml"),
        "disabled_clusters: [build01]\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("jobs.yaml"),
        "periodics:\n- name: p\n  cluster: build01\n  interval: 1h\n",
    )
    .unwrap();
    let mut cmd = kp();
    cmd.args([
        "--kubeconfig",
        "../lint/clean/kubeconfig.yaml",
        "--config-path",
    ])
    .arg(dir.path().join("config.yaml"))
    .arg("--job-config-path")
    .arg(dir.path().join("jobs.yaml"))
    .args(["lint", "-o", "json"]);
    let rows = json_any_cmd(&mut cmd, 1);
    let f = rows
        .iter()
        .find(|r| r["code"] == "unknown-context")
        .expect("the job lands nowhere");
    assert!(
        f["message"]
            .as_str()
            .unwrap()
            .contains("which is listed in disabled_clusters"),
        "{f}"
    );
    assert!(
        f["fix"]
            .as_str()
            .unwrap()
            .contains("remove \"build01\" from disabled_clusters"),
        "{f}"
    );
}

fn json_any_cmd(cmd: &mut assert_cmd::Command, code: i32) -> Vec<Value> {
    let out = run(cmd);
    assert_eq!(out.code, code, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}
