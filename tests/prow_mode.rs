//! `--merge prow`: Prow's loader as deployed, checked against the cases from Prow's own unit
//! tests in `../shared/corpus/kubeconfig-cases` (each case's expected.md gives Prow's result).

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{corpus, kp, run};

/// Runs `contexts -o json` in a corpus case directory; returns name → server, or the failure.
fn prow_load(
    case: &Path,
    args: &[&str],
    envs: &[(&str, &Path)],
) -> Result<BTreeMap<String, String>, (i32, String)> {
    let mut cmd = kp();
    cmd.current_dir(case)
        .args(["--merge", "prow"])
        .args(args)
        .args(["contexts", "-o", "json"]);
    for (k, v) in envs {
        cmd.env(k, v);
    }
    let out = run(&mut cmd);
    if out.code != 0 {
        return Err((out.code, out.stderr));
    }
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    Ok(rows
        .into_iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap().to_string(),
                r["server"].as_str().unwrap_or("").to_string(),
            )
        })
        .collect())
}

const APP_CI: &str = "https://api.ci.l2s4.p1.openshiftapps.com:6443";
const BUILD01: &str = "https://api.build01.ci.devcluster.openshift.com:6443";
const BUILD02: &str = "https://api.build02.gcp.ci.openshift.org:6443";
const HIVE: &str = "https://api.hive.9xw5.p1.openshiftapps.com:6443";

fn expect(pairs: &[(&str, &str)]) -> BTreeMap<String, String> {
    pairs
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

#[test]
fn load_from_kubeconfig() {
    let Some(c) = corpus() else { return };
    let got = prow_load(
        &c.join("kubeconfig-cases/prow-load-from-kubeconfig"),
        &["--kubeconfig", "kubeconfig"],
        &[],
    )
    .unwrap();
    assert_eq!(
        got,
        expect(&[
            ("", APP_CI),
            ("app.ci", APP_CI),
            ("build01", BUILD01),
            ("build02", BUILD02),
            ("default", APP_CI),
            ("hive", HIVE)
        ])
    );
}

#[test]
fn load_from_kubeconfig_dir_with_suffix_last_file_is_the_service_context() {
    let Some(c) = corpus() else { return };
    let got = prow_load(
        &c.join("kubeconfig-cases/prow-load-from-kubeconfig-dir"),
        &[
            "--kubeconfig-dir",
            "kubeconfig-dir",
            "--kubeconfig-suffix",
            "yaml",
        ],
        &[],
    )
    .unwrap();
    assert_eq!(
        got,
        expect(&[
            ("", BUILD02),
            ("app.ci", APP_CI),
            ("build01", BUILD01),
            ("build02", BUILD02),
            ("default", BUILD02),
            ("hive", HIVE)
        ])
    );
}

#[test]
fn without_the_suffix_the_text_file_is_read_and_fails() {
    let Some(c) = corpus() else { return };
    let (code, err) = prow_load(
        &c.join("kubeconfig-cases/prow-load-from-kubeconfig-dir"),
        &["--kubeconfig-dir", "kubeconfig-dir"],
        &[],
    )
    .unwrap_err();
    assert_eq!(code, 3);
    assert!(
        err.contains("kubeconfig-dir/3.token.txt: invalid kubeconfig YAML"),
        "{err}"
    );
}

#[test]
fn kubeconfig_file_then_dir_the_dir_file_is_last() {
    let Some(c) = corpus() else { return };
    let got = prow_load(
        &c.join("kubeconfig-cases/prow-kubeconfig-and-kubeconfig-dir"),
        &[
            "--kubeconfig",
            "kubeconfig2",
            "--kubeconfig-dir",
            "kubeconfig-dir",
        ],
        &[],
    )
    .unwrap();
    assert_eq!(
        got,
        expect(&[
            ("", BUILD01),
            ("app.ci", APP_CI),
            ("build01", BUILD01),
            ("build02", BUILD02),
            ("default", BUILD01),
            ("hive", HIVE)
        ])
    );
}

#[test]
fn duplicate_context_uses_prows_message_plus_both_places() {
    let Some(c) = corpus() else { return };
    let (code, err) = prow_load(
        &c.join("kubeconfig-cases/prow-kubeconfig-dir-duplicate-context"),
        &["--kubeconfig-dir", "kubeconfig-dir"],
        &[],
    )
    .unwrap_err();
    assert_eq!(code, 3);
    // Unlike Prow (Go map order), both repeats are reported, deterministically.
    assert!(err.contains("error: context build01 occurred more than once in kubeconfig dir \"kubeconfig-dir\" (first kubeconfig-dir/1.yaml:"), "{err}");
    assert!(
        err.contains(
            "error: context hive occurred more than once in kubeconfig dir \"kubeconfig-dir\""
        ),
        "{err}"
    );
}

#[test]
fn duplicate_cluster_and_user_names_across_files_are_fine_for_prow() {
    let out = run(kp().args([
        "--merge",
        "prow",
        "--kubeconfig",
        "collide-a.yaml",
        "--kubeconfig",
        "collide-b.yaml",
        "--no-in-cluster-config",
        "contexts",
        "-o",
        "name",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "build01\nother\n");
}

#[test]
fn a_context_cannot_use_a_cluster_from_another_file() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("a.yaml"),
        "clusters:\n- name: c\n  cluster: {server: https://c}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("b.yaml"),
        "contexts:\n- name: ctx\n  context: {cluster: c}\ncurrent-context: ctx\n",
    )
    .unwrap();
    let out = run(kp().current_dir(dir.path()).args([
        "--merge",
        "prow",
        "--kubeconfig",
        "a.yaml",
        "--kubeconfig",
        "b.yaml",
        "contexts",
    ]));
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("fail to load kubecfg from \"b.yaml\": context \"ctx\" at b.yaml:2 names cluster \"c\", which this file does not define"), "{}", out.stderr);
}

#[test]
fn in_cluster_pseudo_cluster_is_not_special_to_prow() {
    let out = run(kp().args([
        "--merge",
        "prow",
        "--kubeconfig",
        "seed-custom-namespace.yaml",
        "contexts",
    ]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("Prow has no in-cluster pseudo-cluster"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_context_named_default_is_kept() {
    let Some(c) = corpus() else { return };
    let got = prow_load(
        &c.join("kubeconfig-cases/prow-merge-accept-foreign-with-default"),
        &["--kubeconfig", "kubeconfig"],
        &[],
    )
    .unwrap();
    assert_eq!(
        got,
        expect(&[
            ("", "https://random.example.com:6443"),
            ("default", "https://default.example.com:6443"),
            ("random-context", "https://random.example.com:6443")
        ])
    );
}

#[test]
fn current_context_becomes_service_and_default() {
    let Some(c) = corpus() else { return };
    let got = prow_load(
        &c.join("kubeconfig-cases/prow-merge-foreign-current-as-default"),
        &["--kubeconfig", "kubeconfig"],
        &[],
    )
    .unwrap();
    let s = "https://current.example.com:6443";
    assert_eq!(
        got,
        expect(&[("", s), ("current-context", s), ("default", s)])
    );
}

#[test]
fn no_current_context_and_no_pod_fails_with_prows_message() {
    let Some(c) = corpus() else { return };
    for (case, args) in [
        (
            "prow-merge-reject-foreign-without-current",
            vec!["--kubeconfig", "kubeconfig"],
        ),
        ("prow-merge-no-clusters", vec![]),
    ] {
        let (code, err) =
            prow_load(&c.join("kubeconfig-cases").join(case), &args, &[]).unwrap_err();
        assert_eq!(code, 3, "{case}");
        assert!(
            err.contains(
                "error: no prow cluster access: in-cluster current kubecfg context required"
            ),
            "{case}: {err}"
        );
    }
}

fn fake_pod() -> tempfile::TempDir {
    let sa = tempfile::tempdir().unwrap();
    std::fs::write(sa.path().join("token"), "t").unwrap();
    std::fs::write(sa.path().join("ca.crt"), "CA").unwrap();
    std::fs::write(sa.path().join("namespace"), "prow").unwrap();
    sa
}

#[test]
fn in_a_pod_the_service_account_is_the_service_context() {
    let Some(c) = corpus() else { return };
    let sa = fake_pod();
    let mut cmd = kp();
    cmd.current_dir(c.join("kubeconfig-cases/prow-merge-local-and-foreign"))
        .env("KUBERNETES_SERVICE_HOST", "10.96.0.1")
        .env("KUBERNETES_SERVICE_PORT", "443")
        .env("KUBECTL_PROW_SERVICEACCOUNT_DIR", sa.path())
        .args([
            "--merge",
            "prow",
            "--kubeconfig",
            "kubeconfig",
            "contexts",
            "-o",
            "json",
        ]);
    let rows = common::contexts_json_raw(&mut cmd);
    let svc = common::row(&rows, "");
    assert_eq!(svc["server"], "https://10.96.0.1:443");
    assert_eq!(svc["auth"], "serviceaccount");
    assert_eq!(svc["prowJobContext"], true);
    assert_eq!(
        common::row(&rows, "default")["server"],
        "https://10.96.0.1:443"
    );
    assert_eq!(
        common::row(&rows, "random-context")["server"],
        "https://random.example.com:6443"
    );
}

#[test]
fn in_a_pod_with_nothing_else_only_the_service_account() {
    let Some(c) = corpus() else { return };
    let sa = fake_pod();
    let got = prow_load(
        &c.join("kubeconfig-cases/prow-merge-only-local"),
        &[],
        &[
            ("KUBERNETES_SERVICE_HOST", Path::new("10.96.0.1")),
            ("KUBERNETES_SERVICE_PORT", Path::new("443")),
            ("KUBECTL_PROW_SERVICEACCOUNT_DIR", sa.path()),
        ],
    )
    .unwrap();
    assert_eq!(
        got,
        expect(&[
            ("", "https://10.96.0.1:443"),
            ("default", "https://10.96.0.1:443")
        ])
    );
}

#[test]
fn no_in_cluster_config_adds_neither_service_nor_default() {
    let Some(c) = corpus() else { return };
    let got = prow_load(
        &c.join("kubeconfig-cases/prow-no-in-cluster-config"),
        &[
            "--kubeconfig",
            "kubeconfig2",
            "--kubeconfig-dir",
            "kubeconfig-dir",
            "--no-in-cluster-config",
        ],
        &[],
    )
    .unwrap();
    assert_eq!(
        got,
        expect(&[
            ("app.ci", APP_CI),
            ("build01", BUILD01),
            ("build02", BUILD02),
            ("hive", HIVE)
        ])
    );
}

#[test]
fn current_context_comment_with_utf8_is_read() {
    let Some(c) = corpus() else { return };
    let got = prow_load(
        &c.join("kubeconfig-cases/prow-flagutil-current-context-is-infra"),
        &["--kubeconfig", "kubeconfig"],
        &[],
    )
    .unwrap();
    assert_eq!(
        got,
        expect(&[
            ("", "https://kubernetes.default"),
            ("build", "https://build"),
            ("default", "https://kubernetes.default"),
            ("incluster", "https://kubernetes.default")
        ])
    );
}

#[test]
fn cm2kc_outputs_load_in_every_mode() {
    let Some(c) = corpus() else { return };
    let case = c.join("kubeconfig-cases/prow-cm2kc-multiple-clusters");
    for mode in ["strict", "kubectl", "prow"] {
        let out = run(kp().current_dir(&case).args([
            "--merge",
            mode,
            "--kubeconfig",
            "multiple_clusters_out.yaml",
            "contexts",
            "-o",
            "json",
        ]));
        assert_eq!(out.code, 0, "{mode}: {}", out.stderr);
        let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
        assert_eq!(
            common::row(&rows, "build")["server"],
            "https://5.6.7.8",
            "{mode}"
        );
        assert_eq!(common::row(&rows, "default")["current"], true, "{mode}");
        assert_eq!(common::row(&rows, "build")["auth"], "client-cert", "{mode}");
    }
}

#[test]
fn the_service_alias_is_shown_in_the_table() {
    let Some(c) = corpus() else { return };
    let out = run(kp()
        .current_dir(c.join("kubeconfig-cases/prow-load-from-kubeconfig"))
        .args([
            "--merge",
            "prow",
            "--kubeconfig",
            "kubeconfig",
            "contexts",
            "--no-headers",
        ]));
    let first = out.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("P ") && first.contains("\"\"") && first.contains("alias of app.ci"),
        "{first}"
    );
}

#[test]
fn the_current_context_is_the_service_cluster_too() {
    // "" aliases svc: svc is marked P, and presubmits there are warned about.
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("k.yaml"), "clusters:\n- name: c\n  cluster: {server: https://svc.example.com}\n- name: b\n  cluster: {server: https://build.example.com}\ncontexts:\n- name: svc\n  context: {cluster: c}\n- name: build\n  context: {cluster: b}\ncurrent-context: svc\n").unwrap();
    std::fs::write(dir.path().join("jobs.yaml"), "presubmits:\n  org/repo:\n  - name: pre-svc\n    cluster: svc\n  - name: pre-build\n    cluster: build\n").unwrap();
    let rows = common::contexts_json_raw(kp().current_dir(dir.path()).args([
        "--merge",
        "prow",
        "--kubeconfig",
        "k.yaml",
        "contexts",
        "-o",
        "json",
    ]));
    let pj = |n: &str| common::row(&rows, n)["prowJobContext"].as_bool().unwrap();
    assert!(pj("") && pj("svc") && pj("default"));
    assert!(!pj("build"));
    let out = run(kp().current_dir(dir.path()).args([
        "--merge",
        "prow",
        "--kubeconfig",
        "k.yaml",
        "--job-config-path",
        "jobs.yaml",
        "lint",
    ]));
    assert!(
        out.stdout
            .contains("1 presubmit(s) run in context \"svc\", the service cluster"),
        "{}",
        out.stdout
    );
    assert!(
        !out.stdout.contains("no job runs in context \"svc\""),
        "the service cluster is not unused: {}",
        out.stdout
    );
}

#[test]
fn a_context_named_empty_is_replaced_by_prows_service_context() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("k.yaml"), "clusters:\n- name: c\n  cluster: {server: https://a.example.com}\n- name: d\n  cluster: {server: https://b.example.com}\ncontexts:\n- name: \"\"\n  context: {cluster: c}\n- name: x\n  context: {cluster: d}\ncurrent-context: x\n").unwrap();
    let out = run(kp().current_dir(dir.path()).args([
        "--merge",
        "prow",
        "--kubeconfig",
        "k.yaml",
        "contexts",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let empties: Vec<_> = rows.iter().filter(|r| r["name"] == "").collect();
    assert_eq!(empties.len(), 1);
    assert_eq!(empties[0]["server"], "https://b.example.com");
    assert!(
        out.stderr
            .contains("context \"\" at k.yaml:7 is replaced by Prow's service context"),
        "{}",
        out.stderr
    );
    let names = run(kp().current_dir(dir.path()).args([
        "--merge",
        "prow",
        "--kubeconfig",
        "k.yaml",
        "contexts",
        "-o",
        "name",
    ]));
    // -o name lists what --context accepts: Prow's "" is not a name a flag can give.
    assert_eq!(names.stdout, "default\nx\n");
}
