//! kubectl-prow's loader on the kubeconfigs the real test clusters hand out (tests/realk8s):
//! split the way operators split them, with token files, certificate files and collisions.
//! Needs `KUBECTL_PROW_REALK8S` (scripts/test.sh); skips without it, fails without it in CI.

mod common;

use std::collections::BTreeMap;
use std::path::PathBuf;

use common::{kp, run};
use serde_json::Value;

fn state() -> Option<BTreeMap<String, String>> {
    common::realk8s()
}

fn kubeconfigs(env: &BTreeMap<String, String>) -> PathBuf {
    PathBuf::from(&env["REALK8S_KUBECONFIGS"])
}

#[test]
fn split_files_merge_into_every_context_with_real_servers() {
    let Some(env) = state() else { return };
    let out = run(kp()
        .arg("--kubeconfig-dir")
        .arg(kubeconfigs(&env).join("split"))
        .args(["contexts", "-o", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let row = |n: &str| {
        rows.iter()
            .find(|r| r["name"] == n)
            .unwrap_or_else(|| panic!("{n} missing: {rows:#?}"))
    };
    assert_eq!(row("build-plank")["server"], env["BUILD_SERVER"].as_str());
    assert_eq!(
        row("service-prow")["server"],
        env["SERVICE_SERVER"].as_str()
    );
    assert_eq!(row("build-plank-tokenfile")["auth"], "token-file");
    assert_eq!(row("build-sinker")["auth"], "client-cert");
    assert_eq!(row("build-plank")["auth"], "token");
    // No credential reaches the output.
    for secret in std::fs::read_dir(kubeconfigs(&env).join("credentials"))
        .into_iter()
        .flatten()
        .flatten()
    {
        if let Ok(text) = std::fs::read_to_string(secret.path()) {
            let text = text.trim();
            if text.len() > 16 {
                assert!(
                    !out.stdout.contains(text),
                    "{} printed",
                    secret.path().display()
                );
            }
        }
    }
}

#[test]
fn the_merged_file_and_the_split_files_resolve_alike() {
    let Some(env) = state() else { return };
    let strip = |out: String| -> Vec<Value> {
        let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
        rows.into_iter()
            .map(|mut r| {
                // What each context resolves to; which is current differs by design (every split
                // file names its own current-context).
                let o = r.as_object_mut().unwrap();
                o.retain(|k, _| {
                    ["name", "cluster", "server", "namespace", "user", "auth"].contains(&k.as_str())
                });
                r
            })
            .collect()
    };
    let split = run(kp()
        .arg("--kubeconfig-dir")
        .arg(kubeconfigs(&env).join("split"))
        .args(["contexts", "-o", "json"]));
    let merged = run(kp()
        .arg("--kubeconfig")
        .arg(&env["REALK8S_KUBECONFIG_ALL"])
        .args(["contexts", "-o", "json"]));
    assert_eq!(merged.code, 0, "{}", merged.stderr);
    assert_eq!(strip(split.stdout), strip(merged.stdout));
}

#[test]
fn colliding_context_files_are_refused_naming_both_places() {
    let Some(env) = state() else { return };
    let dir = kubeconfigs(&env).join("collide-context");
    let out = run(kp()
        .arg("--kubeconfig")
        .arg(dir.join("1.yaml"))
        .arg("--kubeconfig")
        .arg(dir.join("2.yaml"))
        .arg("contexts"));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("context \"collide\" is defined twice"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("(the two definitions differ)"),
        "{}",
        out.stderr
    );
    let prow = run(kp()
        .arg("--merge")
        .arg("prow")
        .arg("--kubeconfig-dir")
        .arg(&dir)
        .arg("contexts"));
    assert_eq!(prow.code, 3);
    assert!(
        prow.stderr
            .contains("context collide occurred more than once in kubeconfig dir"),
        "{}",
        prow.stderr
    );
}

#[test]
fn colliding_cluster_and_user_names_are_refused_strictly_but_shadowed_by_kubectl() {
    let Some(env) = state() else { return };
    let dir = kubeconfigs(&env).join("collide-names");
    let (a, b) = (dir.join("1.yaml"), dir.join("2.yaml"));
    let strict = run(kp()
        .arg("--kubeconfig")
        .arg(&a)
        .arg("--kubeconfig")
        .arg(&b)
        .arg("contexts"));
    assert_eq!(strict.code, 3);
    assert!(
        strict
            .stderr
            .contains("cluster \"shared\" is defined twice"),
        "{}",
        strict.stderr
    );
    assert!(
        strict.stderr.contains("user \"shared\" is defined twice"),
        "{}",
        strict.stderr
    );
    // kubectl's rules: the second file's context silently uses the first file's cluster; we
    // load the same and say so.
    let var = std::env::join_paths([&a, &b]).unwrap();
    let loose = run(kp()
        .env("KUBECONFIG", &var)
        .args(["contexts", "-o", "json"]));
    assert_eq!(loose.code, 0, "{}", loose.stderr);
    assert!(
        loose.stderr.contains("cluster \"shared\" at "),
        "{}",
        loose.stderr
    );
    let rows: Vec<Value> = serde_json::from_str(&loose.stdout).unwrap();
    let servers: Vec<&str> = rows.iter().map(|r| r["server"].as_str().unwrap()).collect();
    assert!(
        servers.iter().all(|s| *s == servers[0]),
        "both contexts reach one server under kubectl's rules: {servers:?}"
    );
}
