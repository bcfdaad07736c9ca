//! `check-pods` without a cluster: the pods it would send (`--print-pods`), what it skips, what
//! it reports as missing, and that identical pods of a context are asked once.

mod common;

use std::path::Path;

use common::{kp, run};
use kubectl_prow::admission::{self, Documents, PlanOptions, Status};
use kubectl_prow::kubeconfig::{self, LoadOptions};
use kubectl_prow::placement::place;
use kubectl_prow::prow;
use serde_json::Value;

const KUBECONFIG: &str = "\
apiVersion: v1
kind: Config
clusters:
- name: build
  cluster: {server: 'https://127.0.0.1:9'}
users:
- name: plank
  user: {token: not-a-real-token}
contexts:
- name: build01
  context: {cluster: build, user: plank, namespace: ci-pods}
current-context: build01
";

const CONFIG: &str = "\
pod_namespace: test-pods
plank:
  default_decoration_config_entries:
  - config:
      timeout: 2h
      grace_period: 15m
      utility_images: {clonerefs: 'clonerefs:v1', initupload: 'initupload:v1', entrypoint: 'entrypoint:v1', sidecar: 'sidecar:v1'}
      gcs_configuration: {bucket: logs, path_strategy: explicit}
      gcs_credentials_secret: gcs
presets:
- labels: {preset-token: 'true'}
  env: [{name: TOKEN_FILE, value: /etc/token}]
";

const JOBS: &str = "\
presubmits:
  org/repo:
  - name: pull-unit
    cluster: build01
    branches: [main]
    decorate: true
    labels: {preset-token: 'true'}
    spec:
      containers:
      - {image: golang, command: [make], args: [test]}
  - name: pull-unit
    cluster: build01
    branches: [release-1.0]
    decorate: true
    labels: {preset-token: 'true'}
    spec:
      containers:
      - {image: golang, command: [make], args: [test]}
periodics:
- name: ci-tekton
  cluster: build01
  agent: tekton-pipeline
  interval: 1h
  pipeline_run_spec: {pipelineRef: {name: p}}
- name: ci-elsewhere
  cluster: build99
  interval: 1h
  spec:
    containers:
    - {image: busybox}
";

fn setup(dir: &Path) {
    std::fs::write(dir.join("kubeconfig.yaml"), KUBECONFIG).unwrap();
    std::fs::write(dir.join("config.yaml"), CONFIG).unwrap();
    std::fs::write(dir.join("jobs.yaml"), JOBS).unwrap();
}

fn cmd(dir: &Path) -> assert_cmd::Command {
    let mut c = kp();
    c.arg("--kubeconfig")
        .arg(dir.join("kubeconfig.yaml"))
        .arg("--config-path")
        .arg(dir.join("config.yaml"))
        .arg("--job-config-path")
        .arg(dir.join("jobs.yaml"))
        .arg("check-pods");
    c
}

#[test]
fn print_pods_shows_the_decorated_pod_plank_would_create() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let out = run(cmd(dir.path()).args(["--print-pods", "--job", "pull-*"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let list: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(list["kind"], "List");
    let pods = list["items"].as_array().unwrap();
    assert_eq!(pods.len(), 2, "one pod per job, the same pod twice");
    let pod = &pods[0];
    assert_eq!(
        pod["metadata"]["namespace"], "ci-pods",
        "the context's namespace"
    );
    assert_eq!(pod["metadata"]["labels"]["prow.k8s.io/job"], "pull-unit");
    assert_eq!(pod["metadata"]["labels"]["prow.k8s.io/refs.pull"], "1");
    assert_eq!(pod["spec"]["restartPolicy"], "Never");
    let names = |key: &str| -> Vec<String> {
        pod["spec"][key]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names("initContainers"),
        ["clonerefs", "initupload", "place-entrypoint"]
    );
    assert_eq!(names("containers"), ["test", "sidecar"]);
    let test = &pod["spec"]["containers"][0];
    assert_eq!(test["command"], serde_json::json!(["/tools/entrypoint"]));
    assert_eq!(test["workingDir"], "/home/prow/go/src/github.com/org/repo");
    let env: Vec<&str> = test["env"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["name"].as_str().unwrap())
        .collect();
    for name in [
        "TOKEN_FILE",
        "JOB_SPEC",
        "PULL_NUMBER",
        "ARTIFACTS",
        "ENTRYPOINT_OPTIONS",
    ] {
        assert!(env.contains(&name), "{name} in {env:?}");
    }
    assert_eq!(
        pod["spec"]["terminationGracePeriodSeconds"], 1125,
        "15m × 5/4"
    );
    assert_eq!(pod["spec"]["automountServiceAccountToken"], false);
}

#[test]
fn tekton_jobs_are_skipped_and_jobs_of_undefined_contexts_are_missing() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let out = run(cmd(dir.path()).args(["--job", "ci-*", "-o", "json"]));
    assert_eq!(out.code, 1, "missing is a problem: {}", out.stderr);
    let results: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let status = |job: &str| {
        results.iter().find(|r| r["job"] == job).unwrap()["status"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert_eq!(status("ci-tekton"), "skipped");
    assert_eq!(status("ci-elsewhere"), "missing");
}

#[test]
fn a_context_that_cannot_be_reached_exits_4_and_writes_junit() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let junit = dir.path().join("junit.xml");
    let out = run(cmd(dir.path())
        .args(["--request-timeout", "5s", "--junit"])
        .arg(&junit));
    assert_eq!(out.code, 4, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("unreachable"), "{}", out.stdout);
    let xml = std::fs::read_to_string(&junit).unwrap();
    assert_eq!(xml.matches("<testcase").count(), 4, "a case per job: {xml}");
    assert!(xml.contains("<skipped"), "{xml}");
}

#[test]
fn check_pods_needs_prow_configuration() {
    let out = run(kp().arg("check-pods"));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--job-config-path"), "{}", out.stderr);
}

#[test]
fn identical_pods_of_a_context_are_asked_once() {
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    let config = dir.path().join("config.yaml");
    let jobs_path = dir.path().join("jobs.yaml");
    let loaded = prow::load(Some(&config), Some(&jobs_path)).unwrap();
    let set = kubeconfig::load(&LoadOptions {
        kubeconfigs: vec![dir.path().join("kubeconfig.yaml")],
        ..LoadOptions::default()
    })
    .unwrap();
    let docs = Documents::read(Some(&config), Some(&jobs_path)).unwrap();
    let placed = place(&loaded.jobs, &set, false);
    let plan = admission::plan(&placed, &set, &docs, &PlanOptions::default());
    assert_eq!(plan.targets.len(), 1);
    assert_eq!(
        plan.targets[0].pods.len(),
        1,
        "the two branches' pull-unit pods are one pod"
    );
    let slots: Vec<_> = plan
        .jobs
        .iter()
        .filter(|(r, _)| r.job == "pull-unit")
        .map(|(_, slot)| *slot)
        .collect();
    assert_eq!(slots, [Some((0, 0)), Some((0, 0))]);
    assert!(
        plan.jobs
            .iter()
            .any(|(r, _)| r.job == "ci-elsewhere" && r.status == Status::Missing)
    );
}

#[test]
fn a_job_file_prow_cannot_read_is_a_configuration_error_before_any_server_is_asked() {
    // Prow's reader refuses the whole file for a malformed quantity, so plank never sees the
    // job: that is exit 3 naming the file, not an admission refusal.
    let dir = tempfile::tempdir().unwrap();
    setup(dir.path());
    std::fs::write(
        dir.path().join("jobs.yaml"),
        "periodics:\n- name: ci-bad\n  cluster: build01\n  interval: 1h\n  spec:\n    containers:\n    - image: busybox\n      resources: {requests: {cpu: lots}}\n",
    )
    .unwrap();
    let out = run(cmd(dir.path()).args(["--print-pods"]));
    assert_eq!(out.code, 3, "{}{}", out.stdout, out.stderr);
    assert!(out.stderr.contains("jobs.yaml"), "{}", out.stderr);
    assert!(
        out.stderr.contains("quantities must match"),
        "{}",
        out.stderr
    );
    // As `jobs` does: what could be read is still printed (here: no pod), then exit 3.
    let list: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(list["items"], serde_json::json!([]), "{}", out.stdout);
}
