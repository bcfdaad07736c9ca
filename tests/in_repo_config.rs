//! `--in-repo-config`: a repository's `.prow.yaml` or `.prow/` read with Prow's rules; its jobs
//! appear in `jobs` and the counts, and `lint` checks each job's cluster against
//! `in_repo_config.allowed_clusters` (checked after defaulting: no cluster means `default`).

mod common;

use common::{kp, run};
use serde_json::Value;

fn jobs(extra: &[&str]) -> Vec<Value> {
    let out = run(kp().args(extra).args(["jobs", "-o", "json"]));
    assert!(out.code == 0, "{extra:?}: {}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

fn names(rows: &[Value]) -> Vec<(String, String, String)> {
    rows.iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["repo"].as_str().unwrap_or("").to_string(),
                r["context"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect()
}

#[test]
fn a_prow_yaml_gives_the_repositorys_presubmits_and_postsubmits() {
    let rows = jobs(&["--in-repo-config", "org/yaml-only=../inrepo/yaml-only"]);
    let s = |a: &str, b: &str, c: &str| (a.to_string(), b.to_string(), c.to_string());
    assert_eq!(
        names(&rows),
        [
            s("unit", "org/yaml-only", "default"),
            s("e2e", "org/yaml-only", "build01"),
            s("push", "org/yaml-only", "default"),
        ]
    );
    assert_eq!(rows[2]["type"], "postsubmit");
}

#[test]
fn a_prow_directory_is_walked_with_prowignore_and_wins_over_prow_yaml() {
    let rows = jobs(&["--in-repo-config", "org/dir-only=../inrepo/dir-only"]);
    let got: Vec<String> = rows
        .iter()
        .map(|r| r["name"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(got, ["lint", "publish"], "ignored/ is in .prowignore");

    let out = run(kp().args([
        "--in-repo-config",
        "org/both=../inrepo/both",
        "jobs",
        "-o",
        "name",
    ]));
    assert_eq!(out.stdout, "from-prow-dir\n");
    assert!(
        out.stderr.contains("in-repo-prow-yaml-ignored"),
        "{}",
        out.stderr
    );
}

#[test]
fn lint_checks_allowed_clusters_after_defaulting() {
    let out = run(kp().args([
        "--kubeconfig",
        "build01.yaml",
        "--config-path",
        "../inrepo/config.yaml",
        "--in-repo-config",
        "org/yaml-only=../inrepo/yaml-only",
        "--in-repo-config",
        "org/dir-only=../inrepo/dir-only",
        "lint",
        "-o",
        "json",
    ]));
    let findings: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let refused: Vec<String> = findings
        .iter()
        .filter(|f| f["code"] == "in-repo-cluster-not-allowed")
        .map(|f| f["message"].as_str().unwrap().to_string())
        .collect();
    // `"*": []` turns the global default off. yaml-only has no key: all three jobs are refused,
    // the two without cluster as `default`. dir-only may use build01 only: `lint` passes,
    // `publish` (no cluster: default) is refused.
    let refused_job = |name: &str| refused.iter().any(|m| m.contains(&format!("\"{name}\"")));
    assert_eq!(refused.len(), 4, "{refused:#?}");
    for name in ["unit", "e2e", "push", "publish"] {
        assert!(refused_job(name), "{name}: {refused:#?}");
    }
    assert!(!refused_job("lint"));
    assert!(
        refused
            .iter()
            .any(|m| m.contains("\"publish\"") && m.contains("cluster \"default\""))
    );
    assert_eq!(out.code, 1);
}

#[test]
fn in_repo_jobs_are_counted_per_context() {
    let out = run(kp().args([
        "--kubeconfig",
        "build01.yaml",
        "--in-repo-config",
        "org/yaml-only=../inrepo/yaml-only",
        "contexts",
        "-o",
        "json",
    ]));
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let build01 = rows.iter().find(|r| r["name"] == "build01").unwrap();
    assert_eq!(build01["jobs"]["presubmits"], 1);
    let default = rows.iter().find(|r| r["name"] == "default").unwrap();
    assert_eq!(default["missing"], true);
    assert_eq!(default["jobs"]["total"], 2);
}

#[test]
fn a_checkout_names_its_repository_through_its_origin_remote() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join(".git")).unwrap();
    std::fs::write(
        dir.path().join(".git/config"),
        "[core]\n\tbare = false\n[remote \"origin\"]\n\turl = git@github.com:kubernetes/test-infra.git\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join(".prow.yaml"),
        "presubmits:\n- name: x\n  spec: {containers: [{image: alpine}]}\n",
    )
    .unwrap();
    let rows = jobs(&["--in-repo-config", dir.path().to_str().unwrap()]);
    assert_eq!(rows[0]["repo"], "kubernetes/test-infra");
    let out = run(kp().args(["--in-repo-config", "../inrepo/yaml-only", "jobs"]));
    assert_eq!(out.code, 2, "no remote: ask for ORG/REPO=DIR");
    assert!(
        out.stderr.contains("write ORG/REPO=../inrepo/yaml-only"),
        "{}",
        out.stderr
    );
}
