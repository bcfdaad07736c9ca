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

/// cm2kc's outputs hold test bytes, not a PEM certificate, as CA data: the YAML loads (kubectl
/// and the strict union take it), but a Prow component fails building the client. `--merge
/// prow` refuses it as Prow does, and lint says so in every mode, at the cluster's line.
#[test]
fn cm2kc_outputs_load_but_prow_refuses_their_ca_data() {
    let Some(c) = corpus() else { return };
    let case = c.join("kubeconfig-cases/prow-cm2kc-multiple-clusters");
    for mode in ["strict", "kubectl"] {
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
    let prow = run(kp().current_dir(&case).args([
        "--merge",
        "prow",
        "--kubeconfig",
        "multiple_clusters_out.yaml",
        "contexts",
    ]));
    assert_eq!(prow.code, 3, "{}", prow.stderr);
    for ctx in ["build", "default"] {
        assert!(
            prow.stderr.contains(&format!(
                "Prow would not start: create {ctx} kubernetes client: unable to load root \
                 certificates: unable to parse bytes as PEM block"
            )),
            "{}",
            prow.stderr
        );
    }
    for mode in ["strict", "kubectl", "prow"] {
        let lint = run(kp().current_dir(&case).args([
            "--merge",
            mode,
            "--kubeconfig",
            "multiple_clusters_out.yaml",
            "lint",
            "-o",
            "json",
        ]));
        let findings: Vec<serde_json::Value> = serde_json::from_str(&lint.stdout)
            .unwrap_or_else(|e| panic!("{mode}: {e}: {}{}", lint.stdout, lint.stderr));
        let ca: Vec<_> = findings
            .iter()
            .filter(|f| f["code"] == "prow-startup-error")
            .collect();
        assert_eq!(ca.len(), 2, "{mode}: {findings:#?}");
        for f in ca {
            assert_eq!(f["severity"], "error", "{mode}");
            assert!(
                f["message"]
                    .as_str()
                    .unwrap()
                    .contains("unable to load root certificates"),
                "{mode}: {f}"
            );
            // The cluster entry at fault: `name: build` is line 6, `name: default` line 10.
            assert_eq!(f["file"], "multiple_clusters_out.yaml", "{mode}: {f}");
            assert!(
                [6, 10].contains(&f["line"].as_u64().unwrap()),
                "{mode}: {f}"
            );
        }
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

/// Whatever stops a Prow component at start-up is a lint error under every rule, at the entry
/// at fault and in Prow's words; under `--merge prow` the load itself refuses it.
#[test]
fn every_startup_failure_is_a_lint_error_in_every_mode() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("k.yaml"),
        "clusters:\n\
         - name: noserver\n  cluster: {server: \"\", insecure-skip-tls-verify: true}\n\
         - name: badca\n  cluster: {server: \"https://b.example.com\", certificate-authority-data: YQo=}\n\
         - name: ok\n  cluster: {server: \"https://ok.example.com\"}\n\
         users:\n\
         - name: gone\n  user: {tokenFile: gone-token}\n\
         contexts:\n\
         - name: a\n  context: {cluster: noserver}\n\
         - name: b\n  context: {cluster: badca}\n\
         - name: c\n  context: {cluster: ok, user: gone}\n\
         current-context: c\n",
    )
    .unwrap();
    let gone = dir.path().join("gone-token");
    let want = [
        (
            2,
            "invalid configuration: no server found for cluster \"noserver\"".to_string(),
        ),
        (
            4,
            "unable to load root certificates: unable to parse bytes as PEM block".to_string(),
        ),
        (
            9,
            format!("open {}: no such file or directory", gone.display()),
        ),
    ];
    for mode in ["strict", "kubectl", "prow"] {
        let out = run(kp().current_dir(dir.path()).args([
            "--merge",
            mode,
            "--kubeconfig",
            "k.yaml",
            "lint",
            "-o",
            "json",
        ]));
        assert_ne!(out.code, 0, "{mode}");
        let findings: Vec<serde_json::Value> = serde_json::from_str(&out.stdout)
            .unwrap_or_else(|e| panic!("{mode}: {e}: {}{}", out.stdout, out.stderr));
        for (line, message) in &want {
            let hit = findings.iter().any(|f| {
                f["severity"] == "error"
                    && f["file"] == "k.yaml"
                    && f["line"] == *line
                    && f["message"].as_str().unwrap().contains(message.as_str())
            });
            assert!(
                hit,
                "{mode}: no error at k.yaml:{line} saying {message:?}: {findings:#?}"
            );
        }
    }
    // The table never shows a token, and Prow's refusal names the contexts.
    let out = run(kp().current_dir(dir.path()).args([
        "--merge",
        "prow",
        "--kubeconfig",
        "k.yaml",
        "contexts",
    ]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("fail to load kubecfg from \"k.yaml\": create a client: invalid configuration: no server found for cluster \"noserver\""),
        "{}",
        out.stderr
    );
}

/// client-go keeps a server's path but drops its query and fragment, and sends no credentials
/// over plain http: the contexts Prow ends up with.
#[test]
fn servers_and_credentials_as_client_go_builds_them() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("k.yaml"),
        "clusters:\n\
         - name: p\n  cluster: {server: \"https://p.example.com/prefix?x=1#frag\"}\n\
         - name: q\n  cluster: {server: \"https://q.example.com?x=1\"}\n\
         - name: h\n  cluster: {server: \"http://h.example.com:8080\"}\n\
         users:\n\
         - name: t\n  user: {token: secret-token}\n\
         contexts:\n\
         - name: p\n  context: {cluster: p, user: t}\n\
         - name: q\n  context: {cluster: q, user: t}\n\
         - name: h\n  context: {cluster: h, user: t}\n\
         current-context: p\n",
    )
    .unwrap();
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
    assert!(!out.stdout.contains("secret-token") && !out.stderr.contains("secret-token"));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let server = |n: &str| common::row(&rows, n)["server"].clone();
    assert_eq!(server("p"), "https://p.example.com/prefix");
    // Without a path client-go keeps the query (its values are not printed).
    assert_eq!(server("q"), "https://q.example.com?x=REDACTED");
    assert_eq!(common::row(&rows, "p")["auth"], "token");
    assert_eq!(common::row(&rows, "h")["auth"], "none");
    assert!(
        out.stderr
            .contains("context \"h\" at k.yaml:16: its server is not https"),
        "{}",
        out.stderr
    );
}

/// The `$KUBECONFIG` fallback: one context that cannot load and Prow drops them all (and with
/// them the current-context), so outside a pod it has no service cluster.
#[test]
fn in_the_kubeconfig_fallback_one_broken_context_drops_them_all() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("k.yaml"),
        "clusters:\n\
         - name: ok\n  cluster: {server: \"https://ok.example.com\"}\n\
         users:\n\
         - name: gone\n  user: {tokenFile: gone-token}\n\
         contexts:\n\
         - name: good\n  context: {cluster: ok}\n\
         - name: bad\n  context: {cluster: ok, user: gone}\n\
         current-context: good\n",
    )
    .unwrap();
    let out = run(kp()
        .current_dir(dir.path())
        .env("KUBECONFIG", "k.yaml")
        .args(["--merge", "prow", "contexts"]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("context \"bad\" at k.yaml:10: create bad client: open "),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("no prow cluster access: in-cluster current kubecfg context required"),
        "{}",
        out.stderr
    );
}

/// `$KUBECONFIG` naming one file twice (two spellings): client-go reads it twice and Prow does
/// not complain; the strict union would.
#[test]
fn prow_takes_a_kubeconfig_listed_twice() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("k.yaml"),
        "clusters:\n- name: c\n  cluster: {server: \"https://c.example.com\"}\n\
         contexts:\n- name: x\n  context: {cluster: c}\ncurrent-context: x\n",
    )
    .unwrap();
    let out = run(kp()
        .current_dir(dir.path())
        .env("KUBECONFIG", "k.yaml:./k.yaml")
        .args(["--merge", "prow", "contexts", "-o", "name"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "default\nx\n");
}

/// `--kubeconfig-dir` with no matching file falls back to `$KUBECONFIG` loaded as client-go
/// loads it: the current-context is taken before disabled contexts go, so a disabled one leaves
/// Prow's `""` with an empty client configuration (no server), and Prow starts.
#[test]
fn empty_kubeconfig_dir_falls_back_and_a_disabled_current_context_leaves_no_server() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("empty")).unwrap();
    std::fs::write(
        dir.path().join("k.yaml"),
        "clusters:\n- name: c\n  cluster: {server: \"https://c.example.com\"}\n\
         contexts:\n- name: x\n  context: {cluster: c}\n- name: y\n  context: {cluster: c}\n\
         current-context: x\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("config.yaml"), "disabled_clusters: [x]\n").unwrap();
    let out = run(kp()
        .current_dir(dir.path())
        .env("KUBECONFIG", "k.yaml")
        .args([
            "--merge",
            "prow",
            "--kubeconfig-dir",
            "empty",
            "--kubeconfig-suffix",
            ".yaml",
            "--config-path",
            "config.yaml",
            "contexts",
            "-o",
            "json",
        ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(common::names(&rows), ["", "default", "y"]);
    assert_eq!(common::row(&rows, "")["server"], serde_json::Value::Null);
    assert_eq!(common::row(&rows, "y")["server"], "https://c.example.com");
}
