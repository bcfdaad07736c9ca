//! `diff --base REF`: a git repository made by the test, with commits that add, remove, move
//! and rename jobs; the working tree is compared with a revision, and the user's tree is never
//! touched. On a copy of a real job configuration, a revision against itself moves nothing.

mod common;

use std::path::Path;
use std::process::Command;

use common::{corpus, kp, run};
use serde_json::{Value, json};

fn git(dir: &Path, args: &[&str]) {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=t", "-c", "user.email=t@example.com"])
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "git {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

const KUBECONFIG: &str = "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"https://h:6443\"}\n\
users:\n- name: u\n  user: {token: t}\n\
contexts:\n- name: build01\n  context: {cluster: c, user: u, namespace: test-pods}\n\
- name: build02\n  context: {cluster: c, user: u, namespace: test-pods}\n\
- name: default\n  context: {cluster: c, user: u, namespace: test-pods}\n";

fn job(name: &str, cluster: &str) -> String {
    format!(
        "  - name: {name}\n    cluster: {cluster}\n    spec: {{containers: [{{image: alpine}}]}}\n"
    )
}

#[test]
fn added_removed_moved_and_renamed_jobs_since_a_revision() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().join("repo");
    let jobs = repo.join("config/jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    let kc = dir.path().join("kubeconfig.yaml");
    std::fs::write(&kc, KUBECONFIG).unwrap();
    let write = |body: String| std::fs::write(jobs.join("org.yaml"), body).unwrap();
    git(&repo, &["init", "-q"]);
    write(format!(
        "presubmits:\n  org/repo:\n{}{}{}{}",
        job("stays", "build01"),
        job("moves", "build01"),
        job("goes", "build02"),
        job("old-name", "build01"),
    ));
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    // The working tree: one moves, one goes, one is renamed in place, one is added in a
    // context no kubeconfig defines.
    write(format!(
        "presubmits:\n  org/repo:\n{}{}{}{}",
        job("stays", "build01"),
        job("moves", "build02"),
        job("new-name", "build01"),
        job("added", "build99"),
    ));
    let before = std::fs::read_to_string(jobs.join("org.yaml")).unwrap();
    let out = run(kp().args([
        "--kubeconfig",
        kc.to_str().unwrap(),
        "--job-config-path",
        jobs.to_str().unwrap(),
        "diff",
        "--base",
        "HEAD",
        "-o",
        "json",
    ]));
    // A job added in a context no file defines is an error.
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("diff-unknown-context"),
        "{}",
        out.stderr
    );
    let d: Value = serde_json::from_str(&out.stdout).unwrap();
    let pre = |name: &str, context: &str| json!({"job": name, "type": "presubmit", "repo": "org/repo", "context": context});
    assert_eq!(d["base"], "HEAD");
    assert_eq!(
        d["added"],
        json!([pre("added", "build99"), pre("new-name", "build01")])
    );
    assert_eq!(
        d["removed"],
        json!([pre("goes", "build02"), pre("old-name", "build01")])
    );
    assert_eq!(
        d["moved"],
        json!([{"job": "moves", "type": "presubmit", "repo": "org/repo", "from": "build01", "to": "build02"}])
    );
    assert_eq!(
        d["contexts"],
        json!([
            {"context": "build01", "before": 3, "after": 2},
            {"context": "build99", "before": 0, "after": 1},
        ])
    );
    // Nothing of the user's tree changed: the file and git's view of it.
    assert_eq!(
        std::fs::read_to_string(jobs.join("org.yaml")).unwrap(),
        before
    );
    let status = Command::new("git")
        .args(["-C", repo.to_str().unwrap(), "status", "--porcelain"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&status.stdout),
        " M config/jobs/org.yaml\n"
    );

    // The table names each change once, and fits 80 columns.
    let table = run(kp()
        .env("KUBECTL_PROW_COLUMNS", "80")
        .args(["--kubeconfig", kc.to_str().unwrap()])
        .args([
            "--job-config-path",
            jobs.to_str().unwrap(),
            "diff",
            "--base",
            "HEAD",
        ]));
    assert!(
        table.stdout.lines().all(|l| l.chars().count() <= 80),
        "{}",
        table.stdout
    );
    assert!(
        table
            .stdout
            .contains("2 added, 1 moved, 2 removed since HEAD"),
        "{}",
        table.stdout
    );

    // A revision that is not a commit, and a path outside git, are configuration errors.
    let bad = run(kp().args(["--kubeconfig", kc.to_str().unwrap()]).args([
        "--job-config-path",
        jobs.to_str().unwrap(),
        "diff",
        "--base",
        "nope",
    ]));
    assert_eq!(bad.code, 3, "{}", bad.stderr);
    assert!(
        bad.stderr.contains("--base \"nope\": no such commit"),
        "{}",
        bad.stderr
    );
}

#[test]
fn a_job_directory_new_since_the_revision_adds_all_its_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let repo = dir.path().to_path_buf();
    std::fs::write(repo.join("README"), "x").unwrap();
    git(&repo, &["init", "-q"]);
    git(&repo, &["add", "."]);
    git(&repo, &["commit", "-q", "-m", "base"]);
    let jobs = repo.join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    std::fs::write(
        jobs.join("a.yaml"),
        format!("presubmits:\n  org/repo:\n{}", job("first", "build01")),
    )
    .unwrap();
    let kc = repo.join("kc.yaml");
    std::fs::write(&kc, KUBECONFIG).unwrap();
    let out = run(kp().args([
        "--kubeconfig",
        kc.to_str().unwrap(),
        "--job-config-path",
        jobs.to_str().unwrap(),
        "diff",
        "--base",
        "HEAD",
        "-o",
        "yaml",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("job: first"), "{}", out.stdout);
}

/// A real deployment's job configuration, committed, against itself: nothing moves.
#[test]
fn a_revision_against_itself_is_empty_on_a_real_configuration() {
    let Some(corpus) = corpus() else { return };
    let src = corpus.join("prow-jobs/test-infra/config/jobs");
    let dir = tempfile::tempdir().unwrap();
    let jobs = dir.path().join("config/jobs");
    common::copy_tree(&src, &jobs);
    git(dir.path(), &["init", "-q"]);
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "all"]);
    let out = run(kp().args([
        "--kubeconfig",
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/bench/test-infra-kubeconfig.yaml"
        ),
        "--job-config-path",
        jobs.to_str().unwrap(),
        "diff",
        "--base",
        "HEAD",
        "-o",
        "json",
    ]));
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let d: Value = serde_json::from_str(&out.stdout).unwrap();
    for k in ["added", "removed", "moved", "contexts"] {
        assert_eq!(d[k], json!([]), "{k}");
    }
}

/// `--check-rbac` asks check-rbac's questions of just the contexts that gain jobs, on the real
/// clusters: a job moved to `build-nobody` (which may do nothing) is denied there.
#[test]
fn check_rbac_asks_only_the_contexts_that_gain_jobs() {
    let Some(env) = common::realk8s() else { return };
    let dir = tempfile::tempdir().unwrap();
    let jobs = dir.path().join("jobs");
    std::fs::create_dir_all(&jobs).unwrap();
    let write = |cluster: &str| {
        std::fs::write(
            jobs.join("a.yaml"),
            format!(
                "presubmits:\n  org/repo:\n{}{}",
                job("stays", "build-plank"),
                job("moves", cluster)
            ),
        )
        .unwrap()
    };
    git(dir.path(), &["init", "-q"]);
    write("build-plank");
    git(dir.path(), &["add", "."]);
    git(dir.path(), &["commit", "-q", "-m", "base"]);
    write("build-nobody");
    let out = run(kp().args([
        "--kubeconfig-dir",
        &env["REALK8S_KUBECONFIG_SPLIT"],
        "--job-config-path",
        jobs.to_str().unwrap(),
        "diff",
        "--base",
        "HEAD",
        "--check-rbac",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let d: Value = serde_json::from_str(&out.stdout).unwrap();
    let asked: Vec<&str> = d["rbac"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["context"].as_str().unwrap())
        .collect();
    assert_eq!(asked, ["build-nobody"]);
    assert_eq!(d["rbac"][0]["status"], "denied");
}

/// A repository's in-repo configuration (`.prow.yaml`) is compared at the same revision of
/// its own repository.
#[test]
fn in_repo_configuration_is_compared_too() {
    let dir = tempfile::tempdir().unwrap();
    let checkout = dir.path().join("checkout");
    std::fs::create_dir_all(&checkout).unwrap();
    let kc = dir.path().join("kc.yaml");
    std::fs::write(&kc, KUBECONFIG).unwrap();
    let write = |cluster: &str| {
        std::fs::write(
            checkout.join(".prow.yaml"),
            format!(
                "presubmits:\n- name: unit\n  cluster: {cluster}\n  spec: {{containers: [{{image: alpine}}]}}\n"
            ),
        )
        .unwrap()
    };
    git(&checkout, &["init", "-q"]);
    write("build01");
    git(&checkout, &["add", "."]);
    git(&checkout, &["commit", "-q", "-m", "base"]);
    write("build02");
    let spec = format!("org/repo={}", checkout.display());
    let out = run(kp().args([
        "--kubeconfig",
        kc.to_str().unwrap(),
        "--in-repo-config",
        &spec,
        "diff",
        "--base",
        "HEAD",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let d: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(
        d["moved"],
        json!([{"job": "unit", "type": "presubmit", "repo": "org/repo", "from": "build01", "to": "build02"}])
    );
    assert_eq!(d["added"], json!([]));
}
