//! JUnit XML for Prow's Spyglass: read back with an independent reader (Python's
//! `xml.etree.ElementTree`) and checked against the findings and answers the same run reports.

mod common;

use std::path::Path;
use std::process::Command;

use common::fault::{Fault, FaultServer, kubeconfig};
use common::{kp, run};
use serde_json::Value;

/// Per suite: (name, tests, failures, errors), counted from the elements, not the attributes;
/// and the attributes must agree with the elements.
fn read_junit(path: &Path) -> Vec<(String, usize, usize, usize)> {
    let script = r#"
import json, sys, xml.etree.ElementTree as ET
root = ET.parse(sys.argv[1]).getroot()
assert root.tag == "testsuites", root.tag
out = []
for s in root.findall("testsuite"):
    cases = s.findall("testcase")
    f = sum(1 for c in cases if c.find("failure") is not None)
    e = sum(1 for c in cases if c.find("error") is not None)
    assert int(s.get("tests")) == len(cases), (s.get("name"), s.get("tests"), len(cases))
    assert int(s.get("failures")) == f and int(s.get("errors")) == e, s.get("name")
    out.append([s.get("name"), len(cases), f, e])
print(json.dumps(out))
"#;
    let out = Command::new("python3")
        .args(["-c", script])
        .arg(path)
        .output()
        .expect("python3");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice::<Vec<(String, usize, usize, usize)>>(&out.stdout).unwrap()
}

#[test]
fn lint_writes_a_suite_per_check_and_a_case_per_finding() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("lint.xml");
    let base = [
        "--kubeconfig",
        "../lint/kubeconfig.yaml",
        "--config-path",
        "../lint/config.yaml",
        "--job-config-path",
        "../lint/jobs",
        "lint",
    ];
    let out = run(kp().args(base).args(["-o", "json", "--junit"]).arg(&xml));
    assert_eq!(out.code, 1);
    let findings: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let suites = read_junit(&xml);
    let mut codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    codes.sort();
    codes.dedup();
    assert_eq!(
        suites.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
        codes
    );
    let cases: usize = suites.iter().map(|s| s.1).sum();
    assert_eq!(cases, findings.len());
    let errors = findings.iter().filter(|f| f["severity"] == "error").count();
    let warnings = findings
        .iter()
        .filter(|f| f["severity"] == "warning")
        .count();
    assert_eq!(suites.iter().map(|s| s.2).sum::<usize>(), errors);
    // --strict: warnings fail too.
    let out = run(kp().args(base).args(["--strict", "--junit"]).arg(&xml));
    assert_eq!(out.code, 1);
    assert_eq!(
        read_junit(&xml).iter().map(|s| s.2).sum::<usize>(),
        errors + warnings
    );
}

#[test]
fn in_a_prow_job_the_report_goes_to_artifacts() {
    let dir = tempfile::tempdir().unwrap();
    let out = run(kp().env("ARTIFACTS", dir.path()).args([
        "--kubeconfig",
        "../lint/clean/kubeconfig.yaml",
        "--job-config-path",
        "../lint/clean/jobs.yaml",
        "lint",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let suites = read_junit(&dir.path().join("junit_kubectl-prow.xml"));
    assert!(suites.iter().all(|s| s.2 == 0 && s.3 == 0), "{suites:?}");
}

#[test]
fn check_rbac_writes_a_suite_per_context_and_a_case_per_check() {
    let healthy = FaultServer::start(Fault::Healthy);
    let refused = FaultServer::start(Fault::Refused);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.yaml");
    std::fs::write(
        &file,
        kubeconfig(&[
            ("good", &healthy.url, "    token: t"),
            ("gone", &refused.url, "    token: t"),
        ]),
    )
    .unwrap();
    let jobs = dir.path().join("jobs.yaml");
    std::fs::write(
        &jobs,
        "periodics:\n- {name: a, cluster: good, interval: 1h, spec: {containers: [{image: x}]}}\n\
         - {name: b, cluster: gone, interval: 1h, spec: {containers: [{image: x}]}}\n\
         - {name: c, cluster: nowhere, interval: 1h, spec: {containers: [{image: x}]}}\n",
    )
    .unwrap();
    let xml = dir.path().join("rbac.xml");
    let out = run(kp()
        .args(["--kubeconfig", file.to_str().unwrap(), "--job-config-path"])
        .arg(&jobs)
        .args(["check-rbac", "-o", "json", "--junit"])
        .arg(&xml));
    assert_eq!(out.code, 4, "{}", out.stderr);
    let reports: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let suites = read_junit(&xml);
    assert_eq!(
        suites.iter().map(|s| s.0.as_str()).collect::<Vec<_>>(),
        ["context gone", "context good", "context nowhere"]
    );
    let checks = |name: &str| {
        reports.iter().find(|r| r["context"] == name).unwrap()["checks"]
            .as_array()
            .unwrap()
            .len()
    };
    assert_eq!(suites[1], ("context good".into(), checks("good"), 0, 0));
    assert_eq!(
        suites[0],
        ("context gone".into(), checks("gone"), 0, checks("gone"))
    );
    assert_eq!(suites[2], ("context nowhere".into(), 1, 1, 0));
}

#[test]
fn a_configuration_that_cannot_load_is_reported_too() {
    let dir = tempfile::tempdir().unwrap();
    let xml = dir.path().join("lint.xml");
    let out = run(kp()
        .args([
            "--kubeconfig",
            "collide-a.yaml",
            "--kubeconfig",
            "collide-b.yaml",
            "lint",
            "--junit",
        ])
        .arg(&xml));
    assert_eq!(out.code, 3, "{}", out.stderr);
    let suites = read_junit(&xml);
    assert_eq!(suites.len(), 1);
    assert_eq!(suites[0].0, "duplicate-name");
    assert_eq!(suites[0].2, out.stderr.lines().count());
    // Scripts get the same problems as findings.
    let out = run(kp().args([
        "--kubeconfig",
        "collide-a.yaml",
        "--kubeconfig",
        "collide-b.yaml",
        "lint",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 3);
    let findings: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    assert!(!findings.is_empty());
    assert!(
        findings
            .iter()
            .all(|f| f["code"] == "duplicate-name" && f["severity"] == "error")
    );
}

/// examples/prow: the presubmit and periodic that run kubectl-prow on a Prow configuration
/// repository, read with the plugin's own job reader and linted clean with its own kubeconfig.
#[test]
fn the_example_prow_jobs_load_and_lint_clean() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/prow");
    let out = run(kp()
        .arg("--kubeconfig")
        .arg(examples.join("kubeconfig.yaml"))
        .arg("--job-config-path")
        .arg(&examples)
        .args(["jobs", "-o", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let jobs: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let kinds: Vec<(&str, &str)> = jobs
        .iter()
        .map(|j| (j["type"].as_str().unwrap(), j["context"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("presubmit", "build"),
            ("presubmit", "build"),
            ("periodic", "service")
        ]
    );
    assert!(jobs.iter().all(|j| j["known"] == true));
    let text = std::fs::read_to_string(examples.join("kubectl-prow-jobs.yaml")).unwrap();
    assert!(text.contains("- lint\n        - --strict"));
    assert!(text.contains("- check-rbac"));
    assert!(text.contains("- diff\n        - --base=origin/main"));
    // The example lints clean, the way its own presubmit would run it (the missing token file
    // is the one error: it is mounted in the pod, not in this repository).
    let out = run(kp()
        .arg("--kubeconfig")
        .arg(examples.join("kubeconfig.yaml"))
        .arg("--job-config-path")
        .arg(&examples)
        .args(["--use-explicit-credentials", "lint", "-o", "json"]));
    let findings: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let codes: Vec<&str> = findings
        .iter()
        .map(|f| f["code"].as_str().unwrap())
        .collect();
    assert_eq!(
        codes,
        ["missing-file", "in-cluster-context"],
        "{findings:#?}"
    );
}
