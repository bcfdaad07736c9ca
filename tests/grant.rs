//! `grant`: the printed objects (golden), and on the real clusters of tests/realk8s/: apply
//! into a fresh namespace, a kubeconfig with a TokenRequest token, `check-rbac` through it
//! (all allowed for the granted components, denied one step outside), and a second apply
//! that changes nothing.

mod common;

use std::path::Path;
use std::process::Command;

use common::{fixtures, kp, realk8s, run};
use serde_json::Value;

#[test]
fn grant_prints_the_objects_for_the_chosen_components() {
    let kc = fixtures().join("build01.yaml");
    let kc = kc.to_str().unwrap();
    let out = run(kp().args([
        "--kubeconfig",
        kc,
        "grant",
        "--service-account",
        "plank",
        "--component",
        "prow-controller-manager",
        "--component",
        "deck",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("grant_job_context", out.stdout);

    // -n overrides the context's namespace; --prowjobs gives the ProwJob verbs.
    let out = run(kp().args([
        "--kubeconfig",
        kc,
        "-n",
        "prow",
        "grant",
        "--service-account",
        "hook",
        "--component",
        "hook",
        "--prowjobs",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("grant_prowjob_context", out.stdout);

    // --prowjobs adds the ProwJob verbs to the pod verbs: one ServiceAccount, two Roles and
    // two RoleBindings (plank creates pods and updates ProwJobs).
    let out = run(kp().args([
        "--kubeconfig",
        kc,
        "grant",
        "--service-account",
        "plank",
        "--component",
        "prow-controller-manager",
        "--prowjobs",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let kinds: Vec<&str> = out
        .stdout
        .lines()
        .filter_map(|l| l.strip_prefix("kind: "))
        .collect();
    assert_eq!(
        kinds,
        [
            "ServiceAccount",
            "Role",
            "RoleBinding",
            "Role",
            "RoleBinding"
        ],
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("name: kubectl-prow-plank\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("name: kubectl-prow-plank-prowjobs\n"),
        "{}",
        out.stdout
    );
    assert!(out.stdout.contains("- prowjobs\n"), "{}", out.stdout);
    assert!(out.stdout.contains("- pods\n"), "{}", out.stdout);

    // Components that need nothing in that scope: a usage error, not an empty Role.
    let out = run(kp().args([
        "--kubeconfig",
        kc,
        "grant",
        "--service-account",
        "x",
        "--component",
        "tide",
    ]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("add --prowjobs"), "{}", out.stderr);
}

/// `--kubeconfig-out` is checked before anything is applied: an existing file without
/// `--force` (exit 3) or a directory that cannot take it (exit 5) stops the command before it
/// talks to the server (which here does not answer: talking to it would be exit 4).
#[test]
fn kubeconfig_out_is_checked_before_anything_is_applied() {
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("k.yaml");
    std::fs::write(
        &kc,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: https://127.0.0.1:1}\n\
         users:\n- name: u\n  user: {token: t}\n\
         contexts:\n- name: c\n  context: {cluster: c, user: u, namespace: ns}\ncurrent-context: c\n",
    )
    .unwrap();
    let existing = dir.path().join("exists.kubeconfig");
    std::fs::write(&existing, "keep me").unwrap();
    let grant = |out: &Path| {
        run(kp().args(["--kubeconfig", kc.to_str().unwrap()]).args([
            "grant",
            "--service-account",
            "prow",
            "--apply",
            "--kubeconfig-out",
            out.to_str().unwrap(),
        ]))
    };
    let out = grant(&existing);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("exists; nothing was applied"),
        "{}",
        out.stderr
    );
    assert_eq!(std::fs::read_to_string(&existing).unwrap(), "keep me");

    let out = grant(&dir.path().join("no/such/dir/prow.kubeconfig"));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(out.stderr.contains("nothing was applied"), "{}", out.stderr);
}

#[test]
fn grant_needs_a_namespace() {
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("k.yaml");
    std::fs::write(
        &kc,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: https://x}\n\
         contexts:\n- name: c\n  context: {cluster: c}\ncurrent-context: c\n",
    )
    .unwrap();
    let out = run(kp().args([
        "--kubeconfig",
        kc.to_str().unwrap(),
        "grant",
        "--service-account",
        "x",
    ]));
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("-n NAMESPACE"), "{}", out.stderr);
}

type Env = std::collections::BTreeMap<String, String>;

fn kubectl(env: &Env, args: &[&str]) -> std::process::Output {
    Command::new(Path::new(&env["REALK8S_BIN"]).join("kubectl"))
        .arg("--kubeconfig")
        .arg(&env["REALK8S_ADMIN_KUBECONFIG"])
        .args(["--context", "build-admin"])
        .args(args)
        .env_remove("KUBECONFIG")
        .output()
        .unwrap()
}

fn check_rbac(kc: &str, extra: &[&str]) -> (i32, Vec<Value>) {
    let mut cmd = kp();
    cmd.args(["--kubeconfig", kc, "check-rbac", "-o", "json"])
        .args(extra);
    let out = run(&mut cmd);
    let rows = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} {}", out.stdout, out.stderr));
    (out.code, rows)
}

#[test]
fn grant_apply_and_kubeconfig_out_on_a_real_cluster() {
    let Some(env) = realk8s() else { return };
    let admin = env["REALK8S_ADMIN_KUBECONFIG"].clone();
    let ns = format!("grant-{}", std::process::id());
    let other = format!("grant-other-{}", std::process::id());
    for n in [&ns, &other] {
        let o = kubectl(&env, &["create", "namespace", n]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    let dir = tempfile::tempdir().unwrap();
    let out_file = dir.path().join("prow.kubeconfig");
    let out_path = out_file.to_str().unwrap();
    let grant = |extra: &[&str]| {
        let mut cmd = kp();
        cmd.args([
            "--kubeconfig",
            &admin,
            "--context",
            "build-admin",
            "-n",
            &ns,
        ])
        .args(["grant", "--service-account", "prow"])
        .args(["--component", "sinker", "--component", "deck", "--apply"])
        .args(extra);
        run(&mut cmd)
    };

    let first = grant(&["--kubeconfig-out", out_path, "--duration", "1h"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    assert_eq!(
        first.stdout,
        "serviceaccount/prow created\n\
         role.rbac.authorization.k8s.io/kubectl-prow-prow created\n\
         rolebinding.rbac.authorization.k8s.io/kubectl-prow-prow created\n"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&out_file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600);
    }
    let text = std::fs::read_to_string(&out_file).unwrap();
    let doc: Value = serde_saphyr::from_str(&text).unwrap();
    let token = doc["users"][0]["user"]["token"].as_str().unwrap();
    assert!(token.len() > 100, "a JWT");
    assert!(!first.stdout.contains(token) && !first.stderr.contains(token));
    // Named after the target cluster ("build"), not the admin context that made it.
    let name = format!("build-{ns}-prow");
    assert_eq!(doc["contexts"][0]["name"], name.as_str());
    assert_eq!(doc["contexts"][0]["context"]["namespace"], ns.as_str());
    assert_eq!(
        doc["clusters"][0]["cluster"]["server"],
        env["BUILD_SERVER"].as_str()
    );
    assert!(
        first.stderr.contains(&format!("context {name:?}")),
        "{}",
        first.stderr
    );

    // Through the new kubeconfig: exactly the granted components are allowed.
    let (code, rows) = check_rbac(out_path, &["--component", "sinker", "--component", "deck"]);
    assert_eq!(code, 0, "{rows:#?}");
    assert_eq!(rows.len(), 1);
    assert_eq!(
        rows[0]["identity"]["username"],
        format!("system:serviceaccount:{ns}:prow")
    );
    assert_eq!(rows[0]["checks"].as_array().unwrap().len(), 6);
    // One step outside: another component's verb (create pods) ...
    let (code, rows) = check_rbac(out_path, &["--component", "prow-controller-manager"]);
    assert_eq!(code, 1);
    let denied: Vec<&str> = rows[0]["checks"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|c| c["allowed"] == false)
        .map(|c| c["verb"].as_str().unwrap())
        .collect();
    assert_eq!(denied, ["create"]);
    // ... and another namespace.
    let (code, rows) = check_rbac(out_path, &["-n", &other, "--component", "sinker"]);
    assert_eq!(code, 1);
    assert!(
        rows[0]["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["allowed"] == false)
    );

    // Again: nothing changes, and an existing kubeconfig is not replaced without --force.
    let second = grant(&[]);
    assert_eq!(second.code, 0, "{}", second.stderr);
    assert!(
        second.stdout.lines().all(|l| l.ends_with(" unchanged")),
        "{}",
        second.stdout
    );
    assert!(
        second.stderr.contains("nothing changed"),
        "{}",
        second.stderr
    );
    let refused = grant(&["--kubeconfig-out", out_path]);
    assert_eq!(refused.code, 3, "{}", refused.stderr);
    assert!(refused.stderr.contains("--force"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(&out_file).unwrap(), text);
    let forced = grant(&["--kubeconfig-out", out_path, "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert_ne!(
        std::fs::read_to_string(&out_file).unwrap(),
        text,
        "a new token"
    );

    // Widening the grant updates the Role in place.
    let mut cmd = kp();
    cmd.args([
        "--kubeconfig",
        &admin,
        "--context",
        "build-admin",
        "-n",
        &ns,
    ])
    .args(["grant", "--service-account", "prow", "--apply"]);
    let wider = run(&mut cmd);
    assert_eq!(wider.code, 0, "{}", wider.stderr);
    assert!(
        wider
            .stdout
            .contains("role.rbac.authorization.k8s.io/kubectl-prow-prow configured")
    );
    let (code, _) = check_rbac(out_path, &[]);
    assert_eq!(code, 0);

    for n in [&ns, &other] {
        let _ = kubectl(&env, &["delete", "namespace", n, "--wait=false"]);
    }
}

#[test]
fn grant_prowjobs_on_the_service_cluster() {
    let Some(env) = realk8s() else { return };
    let admin = env["REALK8S_ADMIN_KUBECONFIG"].clone();
    let ns = format!("grant-pj-{}", std::process::id());
    let o = Command::new(Path::new(&env["REALK8S_BIN"]).join("kubectl"))
        .args(["--kubeconfig", &admin, "--context", "service-admin"])
        .args(["create", "namespace", &ns])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("hook.kubeconfig");
    let out = run(kp()
        .args([
            "--kubeconfig",
            &admin,
            "--context",
            "service-admin",
            "-n",
            &ns,
        ])
        .args(["grant", "--service-account", "hook", "--component", "hook"])
        .args([
            "--prowjobs",
            "--apply",
            "--kubeconfig-out",
            kc.to_str().unwrap(),
        ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("role.rbac.authorization.k8s.io/kubectl-prow-hook-prowjobs created"),
        "{}",
        out.stdout
    );
    // Named after the target cluster, not the admin context that made it.
    let name = format!("service-{ns}-hook");
    let (code, rows) = check_rbac(
        kc.to_str().unwrap(),
        &["--prow-job-context", &name, "--component", "hook"],
    );
    assert_eq!(code, 0, "{rows:#?}");
    let checks = rows[0]["checks"].as_array().unwrap();
    assert!(checks.iter().any(|c| c["resource"] == "prowjobs"));
    let (code, _) = check_rbac(
        kc.to_str().unwrap(),
        &["--prow-job-context", &name, "--component", "tide"],
    );
    assert_eq!(code, 1, "tide also watches, which hook was not granted");
    let _ = Command::new(Path::new(&env["REALK8S_BIN"]).join("kubectl"))
        .args(["--kubeconfig", &admin, "--context", "service-admin"])
        .args(["delete", "namespace", &ns, "--wait=false"])
        .output();
}
