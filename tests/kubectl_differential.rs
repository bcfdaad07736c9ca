//! Differential test: without --kubeconfig, kubectl-prow loads exactly what the real kubectl
//! loads for the same `$KUBECONFIG`: the same contexts with the same clusters, users and
//! namespaces, the same cluster and user entries, and the same current-context.
//!
//! kubectl comes from `$KUBECTL_PROW_KUBECTL` (scripts/test.sh sets it to the kubectl built from
//! the same Kubernetes release as the test API servers) or from PATH.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use common::{fixtures, kp, run};
use serde_json::Value;

fn kubectl() -> Option<PathBuf> {
    common::kubectl()
}

/// name → body for a kubeconfig list (`clusters`, `contexts`, `users`).
fn by_name(doc: &Value, list: &str, inner: &str) -> BTreeMap<String, Value> {
    doc[list]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|i| {
                    (
                        i["name"].as_str().unwrap().to_string(),
                        i.get(inner).cloned().unwrap_or(Value::Null),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

/// kubectl prints Go zero values of the exec struct (`args: null`, `provideClusterInfo: false`);
/// an absent field means the same, so compare without them.
fn without_exec_zero_values(mut users: BTreeMap<String, Value>) -> BTreeMap<String, Value> {
    for user in users.values_mut() {
        if let Some(Value::Object(exec)) = user.get_mut("exec") {
            exec.retain(|_, v| !(v.is_null() || *v == Value::Bool(false)));
        }
    }
    users
}

/// kubectl's `config view` prints relative file paths as written; kubectl-prow prints them
/// resolved against the file's directory (both load the same file; only the resolved form still
/// works once several files are merged into one). Accept ours when it is that resolution.
fn align_resolved_paths(ours: &mut BTreeMap<String, Value>, theirs: &BTreeMap<String, Value>) {
    for (name, body) in ours.iter_mut() {
        let Some(their_body) = theirs.get(name) else {
            continue;
        };
        for key in [
            "certificate-authority",
            "client-certificate",
            "client-key",
            "tokenFile",
        ] {
            align(body.get_mut(key), their_body.get(key));
        }
        align(
            body.get_mut("exec").and_then(|e| e.get_mut("command")),
            their_body.get("exec").and_then(|e| e.get("command")),
        );
    }
}

fn align(ours: Option<&mut Value>, theirs: Option<&Value>) {
    if let (Some(Value::String(o)), Some(Value::String(t))) = (ours, theirs) {
        let rel = std::path::Path::new(t.trim_start_matches("./"));
        if rel.is_relative()
            && std::path::Path::new(o.as_str()).is_absolute()
            && std::path::Path::new(o.as_str()).ends_with(rel)
        {
            *o = t.clone();
        }
    }
}

/// kubectl's `get-contexts` table: (name, current) per row.
fn get_contexts(kubectl: &PathBuf, var: &str) -> Vec<(String, bool)> {
    let out = Command::new(kubectl)
        .args(["config", "get-contexts"])
        .env("KUBECONFIG", var)
        .env("HOME", common::empty_home())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|line| {
            let current = line.starts_with('*');
            let name = line
                .trim_start_matches('*')
                .split_whitespace()
                .next()
                .unwrap()
                .to_string();
            (name, current)
        })
        .collect()
}

fn check(kubectl: &PathBuf, files: &[PathBuf]) {
    let var = std::env::join_paths(files).unwrap().into_string().unwrap();
    let theirs = Command::new(kubectl)
        .args(["config", "view", "--raw", "-o", "json"])
        .env("KUBECONFIG", &var)
        .env("HOME", common::empty_home())
        .output()
        .unwrap();
    let ours = run(kp()
        .env("KUBECONFIG", &var)
        .args(["view", "--raw", "-o", "json"]));
    if !theirs.status.success() {
        assert_eq!(
            ours.code,
            3,
            "kubectl refused {var} ({}) but we loaded it",
            String::from_utf8_lossy(&theirs.stderr)
        );
        return;
    }
    assert_eq!(
        ours.code, 0,
        "kubectl loaded {var} but we failed: {}",
        ours.stderr
    );
    let theirs: Value = serde_json::from_slice(&theirs.stdout).unwrap();
    let ours: Value = serde_json::from_str(&ours.stdout).unwrap();
    for (list, inner) in [
        ("clusters", "cluster"),
        ("contexts", "context"),
        ("users", "user"),
    ] {
        let theirs_list = by_name(&theirs, list, inner);
        let mut ours_list = by_name(&ours, list, inner);
        align_resolved_paths(&mut ours_list, &theirs_list);
        assert_eq!(
            without_exec_zero_values(ours_list),
            without_exec_zero_values(theirs_list),
            "{list} differ for KUBECONFIG={var}"
        );
    }
    assert_eq!(
        ours["current-context"], theirs["current-context"],
        "current-context for {var}"
    );

    let rows: Vec<Value> = serde_json::from_str(
        &run(kp()
            .env("KUBECONFIG", &var)
            .args(["contexts", "-o", "json"]))
        .stdout,
    )
    .unwrap();
    let ours: Vec<(String, bool)> = rows
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["current"].as_bool().unwrap(),
            )
        })
        .collect();
    assert_eq!(ours, get_contexts(kubectl, &var), "get-contexts for {var}");
}

#[test]
fn kubeconfig_variable_matches_kubectl() {
    let Some(kubectl) = kubectl() else { return };
    let f = |name: &str| fixtures().join(name);
    let mut cases: Vec<Vec<PathBuf>> = vec![
        vec![f("collide-a.yaml"), f("collide-b.yaml")],
        vec![f("collide-b.yaml"), f("collide-a.yaml")],
        vec![
            f("service.yaml"),
            f("build01.yaml"),
            f("build02.yaml"),
            f("auth-kinds.yaml"),
        ],
        vec![f("build02.yaml"), f("build01.yaml"), f("service.yaml")],
        vec![
            f("relative/kubeconfig.yaml"),
            f("dangling.yaml"),
            f("seed-custom-namespace.yaml"),
        ],
        vec![
            f("service.yaml"),
            f("missing.yaml"),
            f("build01.yaml"),
            f("service.yaml"),
        ],
        vec![f("empty.yaml"), f("build01.yaml")],
        vec![f("duplicate-in-file.yaml"), f("service.yaml")],
        vec![f("collide-a.yaml"), f("build01.yaml")],
        vec![f("multi-document.yaml"), f("service.yaml")],
        vec![f("duplicate-key.yaml"), f("build01.yaml")],
    ];
    if let Some(corpus) = common::corpus() {
        let k = corpus.join("kubeconfig-cases");
        cases.push(vec![
            k.join("prow-kubeconfig-and-kubeconfig-dir/kubeconfig2"),
            k.join("prow-kubeconfig-and-kubeconfig-dir/kubeconfig-dir/kubeconfig"),
        ]);
        cases.push(vec![
            k.join("prow-load-from-kubeconfig-dir/kubeconfig-dir/1.yaml"),
            k.join("prow-load-from-kubeconfig-dir/kubeconfig-dir/2.yaml"),
        ]);
        cases.push(vec![
            k.join("prow-kubeconfig-dir-duplicate-context/kubeconfig-dir/2.yaml"),
            k.join("prow-kubeconfig-dir-duplicate-context/kubeconfig-dir/1.yaml"),
        ]);
        cases.push(vec![
            k.join("prow-cm2kc-multiple-clusters/multiple_clusters_out.yaml"),
            k.join("prow-flagutil-current-context-is-infra/kubeconfig"),
        ]);
    }
    for files in &cases {
        check(&kubectl, files);
    }
}
