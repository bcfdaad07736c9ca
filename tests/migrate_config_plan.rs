//! `migrate config` (golden diff, --write, second run) and `migrate plan` walking a small
//! installation from "to do" to every step done, by running the commands it suggests.

mod common;

use std::fs;
use std::path::Path;

use common::{kp, run};
use serde_json::Value;

fn fixture() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/migrate")
}

#[test]
fn config_removes_the_namespace_lines_only() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.yaml");
    fs::copy(fixture().join("config.yaml"), &cfg).unwrap();
    let before = fs::read_to_string(&cfg).unwrap();
    let diff = run(kp().current_dir(dir.path()).args([
        "--config-path",
        "config.yaml",
        "migrate",
        "config",
    ]));
    assert_eq!(diff.code, 0, "{}", diff.stderr);
    insta::assert_snapshot!("migrate_config_diff", diff.stdout);
    assert!(
        diff.stderr.contains("namespace \"default\""),
        "{}",
        diff.stderr
    );
    assert_eq!(fs::read_to_string(&cfg).unwrap(), before);

    let write = run(kp().current_dir(dir.path()).args([
        "--config-path",
        "config.yaml",
        "migrate",
        "config",
        "--write",
    ]));
    assert_eq!(write.code, 0, "{}", write.stderr);
    let after = fs::read_to_string(&cfg).unwrap();
    let kept: String = before
        .lines()
        .filter(|l| !l.starts_with("pod_namespace") && !l.starts_with("prowjob_namespace"))
        .map(|l| format!("{l}\n"))
        .collect();
    assert_eq!(after, kept);
    assert_eq!(
        fs::read_to_string(dir.path().join("config.yaml.bak")).unwrap(),
        before
    );
    let again = run(kp().current_dir(dir.path()).args([
        "--config-path",
        "config.yaml",
        "migrate",
        "config",
        "--write",
    ]));
    assert_eq!(again.code, 0);
    assert!(
        again.stderr.contains("nothing to change"),
        "{}",
        again.stderr
    );
    assert_eq!(fs::read_to_string(&cfg).unwrap(), after);
}

#[test]
fn config_refuses_a_field_sharing_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let cfg = dir.path().join("config.yaml");
    fs::write(&cfg, "{pod_namespace: x, a: 1}\n").unwrap();
    let out = run(kp().args([
        "--config-path",
        cfg.to_str().unwrap(),
        "migrate",
        "config",
        "--write",
    ]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1);
    assert_eq!(
        fs::read_to_string(&cfg).unwrap(),
        "{pod_namespace: x, a: 1}\n"
    );
}

fn plan(dir: &Path) -> (i32, Vec<Value>) {
    let out = run(kp().current_dir(dir).args([
        "--kubeconfig",
        "k.yaml",
        "--config-path",
        "config.yaml",
        "--job-config-path",
        "jobs",
        "migrate",
        "plan",
        "-o",
        "json",
    ]));
    (
        out.code,
        serde_json::from_str(&out.stdout).unwrap_or_else(|e| panic!("{e}: {}", out.stderr)),
    )
}

/// `-o yaml` says what `-o json` says (the help offers both).
#[test]
fn plan_as_yaml_is_the_json_plan() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("k.yaml"),
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: https://x}\n\
         contexts:\n- name: default\n  context: {cluster: c}\n",
    )
    .unwrap();
    fs::write(d.join("config.yaml"), "pod_namespace: test-pods\n").unwrap();
    fs::create_dir(d.join("jobs")).unwrap();
    fs::write(
        d.join("jobs/j.yaml"),
        "periodics:\n- name: p\n  interval: 1h\n",
    )
    .unwrap();
    let (_, json) = plan(d);
    let out = run(kp().current_dir(d).args([
        "--kubeconfig",
        "k.yaml",
        "--config-path",
        "config.yaml",
        "--job-config-path",
        "jobs",
        "migrate",
        "plan",
        "-o",
        "yaml",
    ]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let yaml: Vec<Value> = serde_saphyr::from_str(&out.stdout).unwrap();
    assert_eq!(yaml, json);
}

fn status(steps: &[Value]) -> Vec<(String, String)> {
    steps
        .iter()
        .map(|s| {
            (
                s["step"].as_str().unwrap().into(),
                s["status"].as_str().unwrap().into(),
            )
        })
        .collect()
}

#[test]
fn plan_goes_from_to_do_to_done_by_its_own_commands() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(
        d.join("k.yaml"),
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: https://x}\n\
         contexts:\n- name: default\n  context: {cluster: c}\n",
    )
    .unwrap();
    fs::write(d.join("config.yaml"), "pod_namespace: test-pods\n").unwrap();
    fs::create_dir(d.join("jobs")).unwrap();
    fs::write(
        d.join("jobs/j.yaml"),
        "periodics:\n- name: p\n  interval: 1h\n",
    )
    .unwrap();

    let (code, steps) = plan(d);
    assert_eq!(code, 1);
    assert_eq!(
        status(&steps),
        [
            ("contexts-name-namespaces".into(), "todo".into()),
            ("jobs-set-cluster".into(), "todo".into()),
            ("use-explicit-credentials".into(), "blocked".into()),
            ("unset-namespace-fields".into(), "todo".into()),
        ]
    );
    assert_eq!(
        steps[1]["command"],
        "kubectl prow --kubeconfig k.yaml --config-path config.yaml --job-config-path jobs migrate jobs --write"
    );
    assert_eq!(
        steps[0]["command"],
        "kubectl config set-context default --namespace=test-pods --kubeconfig k.yaml"
    );

    // Do what the plan says (kubectl's set-context by hand: the same one-line change).
    let kc = fs::read_to_string(d.join("k.yaml")).unwrap();
    fs::write(
        d.join("k.yaml"),
        kc.replace("{cluster: c}", "{cluster: c, namespace: test-pods}"),
    )
    .unwrap();
    for step in [&steps[1], &steps[3]] {
        let cmd = step["command"].as_str().unwrap();
        let args: Vec<&str> = cmd
            .strip_prefix("kubectl prow ")
            .unwrap()
            .split(' ')
            .collect();
        let out = run(kp().current_dir(d).args(&args));
        assert_eq!(out.code, 0, "{cmd}: {}", out.stderr);
    }
    for bak in ["jobs/j.yaml.bak", "config.yaml.bak"] {
        fs::remove_file(d.join(bak)).unwrap();
    }
    let (code, steps) = plan(d);
    assert_eq!(code, 0, "{steps:#?}");
    assert!(steps.iter().all(|s| s["status"] == "done"));

    // A job naming a context no file defines strands it under explicit credentials.
    fs::write(
        d.join("jobs/j.yaml"),
        "periodics:\n- name: p\n  cluster: build99\n  interval: 1h\n",
    )
    .unwrap();
    let (code, steps) = plan(d);
    assert_eq!(code, 1);
    assert_eq!(steps[2]["status"], "todo");
    assert!(steps[2]["detail"].as_str().unwrap().contains("build99"));
}
