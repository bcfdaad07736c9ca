//! What `kubectl prow contexts` and `view` print: golden tables, the JSON keys scripts rely on,
//! and the rule that no secret is ever printed outside `view --raw`.

mod common;

use common::{kp, run};

const FLEET: [&str; 8] = [
    "--kubeconfig",
    "service.yaml",
    "--kubeconfig",
    "build01.yaml",
    "--kubeconfig",
    "build02.yaml",
    "--kubeconfig",
    "seed-custom-namespace.yaml",
];

#[test]
fn table_golden() {
    let out = run(kp().args(FLEET).arg("contexts"));
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("contexts_table", out.stdout);
}

#[test]
fn wide_and_no_headers_golden() {
    let out = run(kp()
        .args(FLEET)
        .args(["contexts", "-o", "wide", "--no-headers"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("contexts_wide_no_headers", out.stdout);
}

#[test]
fn the_seed_separate_cluster_example() {
    let out = run(kp().args([
        "--kubeconfig",
        "../../../examples/separate-cluster.yaml",
        "contexts",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("contexts_seed_separate_cluster", out.stdout);
}

#[test]
fn table_fits_a_narrow_terminal() {
    let set = kubectl_prow::kubeconfig::load(&kubectl_prow::kubeconfig::LoadOptions {
        kubeconfigs: kubectl_prow::kubeconfig::paths([
            common::fixtures().join("service.yaml"),
            common::fixtures().join("build01.yaml"),
        ]),
        ..Default::default()
    })
    .unwrap();
    let rows = kubectl_prow::placement::rows(&set, None, false);
    let credentials = kubectl_prow::credentials::read_with_aliases(&set);
    let now = kubectl_prow::credentials::now();
    let text =
        kubectl_prow::output::contexts::table(&rows, &credentials, now, false, false, Some(80));
    for line in text.lines() {
        assert!(
            line.chars().count() <= 80,
            "{} chars: {line}",
            line.chars().count()
        );
    }
    assert!(text.contains("build01"), "names survive: {text}");
}

#[test]
fn json_has_the_documented_keys() {
    let out = run(kp().args(FLEET).args(["contexts", "-o", "json"]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    for r in &rows {
        for key in [
            "name",
            "cluster",
            "server",
            "namespace",
            "user",
            "auth",
            "source",
            "current",
            "prowJobContext",
            "inCluster",
        ] {
            assert!(r.get(key).is_some(), "{key} missing in {r}");
        }
        assert!(
            r["current"].is_boolean()
                && r["prowJobContext"].is_boolean()
                && r["inCluster"].is_boolean()
        );
    }
    insta::assert_json_snapshot!("contexts_json", rows);
}

#[test]
fn yaml_carries_the_same_rows_as_json() {
    let json: Vec<serde_json::Value> =
        serde_json::from_str(&run(kp().args(FLEET).args(["contexts", "-o", "json"])).stdout)
            .unwrap();
    let yaml: Vec<serde_json::Value> =
        serde_saphyr::from_str(&run(kp().args(FLEET).args(["contexts", "-o", "yaml"])).stdout)
            .unwrap();
    assert_eq!(json, yaml);
}

#[test]
fn name_output_is_one_name_per_line() {
    let out = run(kp().args(FLEET).args(["contexts", "-o", "name"]));
    assert_eq!(
        out.stdout,
        "build01\nbuild02\ncustom-namespace\ndefault\nservice\n"
    );
}

#[test]
fn auth_column_names_each_method() {
    let out = run(kp().args(["--kubeconfig", "auth-kinds.yaml", "contexts", "-o", "json"]));
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let auth = |n: &str| common::row(&rows, n)["auth"].as_str().unwrap().to_string();
    assert_eq!(auth("token"), "token");
    assert_eq!(auth("token-file"), "token-file");
    assert_eq!(auth("client-cert"), "client-cert");
    assert_eq!(auth("basic"), "basic");
    assert_eq!(auth("exec"), "exec:gke-gcloud-auth-plugin");
    assert_eq!(auth("auth-provider"), "auth-provider:oidc");
    assert_eq!(auth("anonymous"), "none");
}

/// Every secret value in auth-kinds.yaml, as written and as it would look decoded.
const SECRETS: [&str; 11] = [
    "s3cr3t-url-password",
    "s3cr3t-bearer-token-value",
    "s3cr3t-basic-password",
    "s3cr3t-exec-env-value",
    "s3cr3t-oidc-client-secret",
    "s3cr3t-oidc-id-token",
    "s3cr3t-oidc-refresh-token",
    "UzNDUjNULUNMSUVOVC1DRVJU",
    "UzNDUjNULUNMSUVOVC1LRVk=",
    "QVVUSC1DQS1EQVRBLVNFQ1JFVA==",
    "S3CR3T",
];

#[test]
fn no_secret_is_printed_by_any_output_but_view_raw() {
    let mut runs: Vec<Vec<&str>> = ["table", "wide", "json", "yaml", "name"]
        .iter()
        .map(|o| vec!["contexts", "-o", o])
        .collect();
    runs.push(vec!["view"]);
    runs.push(vec!["view", "-o", "json"]);
    runs.push(vec!["view", "--minify", "--context", "auth-provider"]);
    for args in runs {
        let out = run(kp().args(["--kubeconfig", "auth-kinds.yaml"]).args(&args));
        assert_eq!(out.code, 0, "{args:?}: {}", out.stderr);
        for secret in SECRETS {
            assert!(
                !out.stdout.contains(secret) && !out.stderr.contains(secret),
                "{secret} printed by {args:?}:\n{}",
                out.stdout
            );
        }
    }
    let raw = run(kp().args(["--kubeconfig", "auth-kinds.yaml", "view", "--raw"]));
    for secret in &SECRETS[..10] {
        assert!(raw.stdout.contains(secret), "--raw must print {secret}");
    }
}

#[test]
fn view_redacts_as_kubectl_does() {
    let out = run(kp().args(["--kubeconfig", "auth-kinds.yaml", "view"]));
    insta::assert_snapshot!("view_auth_kinds", out.stdout);
}

#[test]
fn view_minify_keeps_only_the_current_context() {
    let out =
        run(kp()
            .args(FLEET)
            .args(["--context", "build01", "view", "--minify", "-o", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(doc["current-context"], "build01");
    assert_eq!(doc["contexts"].as_array().unwrap().len(), 1);
    assert_eq!(doc["clusters"][0]["name"], "build01");
    assert_eq!(doc["users"][0]["name"], "plank-build01");
}

#[test]
fn view_output_loads_back_to_the_same_contexts() {
    let dir = tempfile::tempdir().unwrap();
    let merged = dir.path().join("merged.yaml");
    let out = run(kp().args(FLEET).args(["view", "--raw"]));
    std::fs::write(&merged, out.stdout).unwrap();
    let before: Vec<serde_json::Value> =
        serde_json::from_str(&run(kp().args(FLEET).args(["contexts", "-o", "json"])).stdout)
            .unwrap();
    let after: Vec<serde_json::Value> = serde_json::from_str(
        &run(kp()
            .arg("--kubeconfig")
            .arg(&merged)
            .args(["contexts", "-o", "json"]))
        .stdout,
    )
    .unwrap();
    let strip = |rows: Vec<serde_json::Value>| -> Vec<serde_json::Value> {
        rows.into_iter()
            .map(|mut r| {
                r.as_object_mut().unwrap().remove("source");
                r.as_object_mut().unwrap().remove("line");
                // Where each credential sits moves with the file, too.
                for c in r["credentials"].as_array_mut().unwrap() {
                    c.as_object_mut().unwrap().remove("source");
                }
                r
            })
            .collect()
    };
    assert_eq!(strip(before), strip(after));
}

#[test]
fn a_closed_pipe_is_not_an_error() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kubectl-prow"))
        .current_dir(common::fixtures())
        .env_remove("KUBECONFIG")
        .args(FLEET)
        .args(["contexts", "-o", "yaml"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(status.code().is_some(), "killed by a signal: {status:?}");
}

#[test]
fn view_warns_that_in_cluster_contexts_do_not_load_elsewhere() {
    let out = run(kp().args(["--kubeconfig", "seed-custom-namespace.yaml", "view"]));
    assert_eq!(out.code, 0);
    assert_eq!(out.stderr.lines().count(), 2, "{}", out.stderr);
    assert!(out.stderr.contains("seed-custom-namespace.yaml:4:9: info[in-cluster-context]: context \"default\" uses the in-cluster pseudo-cluster"), "{}", out.stderr);
}
