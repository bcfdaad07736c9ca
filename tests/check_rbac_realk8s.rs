//! `check-rbac` on the real API servers of tests/realk8s/ (Kubernetes v1.37.2, RBAC on): every
//! cell of the fixture matrix, every identity, the ProwJob CRD present and absent, the
//! in-cluster paths, `--as`, and `--suggest` applied for real; with a differential check
//! against the real `kubectl auth can-i` for every cell.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::fault::{Fault, FaultServer};
use common::{kp, realk8s, run};
use serde_json::Value;

type Env = BTreeMap<String, String>;

fn kubectl(env: &Env) -> Command {
    let mut cmd = Command::new(Path::new(&env["REALK8S_BIN"]).join("kubectl"));
    let cache = std::env::temp_dir().join("kubectl-prow-test-kubectl-cache");
    cmd.arg("--cache-dir").arg(cache).env_remove("KUBECONFIG");
    cmd
}

/// `kubectl auth can-i` for one cell: Some(true|false), None when kubectl errs.
fn can_i(env: &Env, kubeconfig: &str, context: &str, ns: &str, check: &Value) -> bool {
    let mut resource = check["resource"].as_str().unwrap().to_string();
    let group = check["group"].as_str().unwrap();
    if !group.is_empty() {
        resource = format!("{resource}.{group}");
    }
    let mut cmd = kubectl(env);
    cmd.args(["--kubeconfig", kubeconfig, "--context", context, "-n", ns])
        .args(["auth", "can-i", check["verb"].as_str().unwrap(), &resource]);
    let sub = check["subresource"].as_str().unwrap();
    if !sub.is_empty() {
        cmd.arg(format!("--subresource={sub}"));
    }
    let out = cmd.output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert!(
        said == "yes" || said == "no",
        "kubectl auth can-i {resource} as {context}: {said:?} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    said == "yes"
}

fn json(out: &common::Output) -> Vec<Value> {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\nstderr: {}", out.stdout, out.stderr))
}

/// The matrix: (context, namespace, group, resource, verb) -> expected.
fn matrix(env: &Env) -> BTreeMap<(String, String, String, String, String), bool> {
    let text = std::fs::read_to_string(&env["REALK8S_MATRIX"]).unwrap();
    let mut rows = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    rows.next(); // header
    rows.map(|l| {
        let f: Vec<&str> = l.split('\t').collect();
        let group = if f[2] == "core" { "" } else { f[2] };
        (
            (
                f[0].into(),
                f[1].into(),
                group.into(),
                f[3].into(),
                f[4].into(),
            ),
            f[5] == "yes",
        )
    })
    .collect()
}

#[test]
fn every_cell_of_the_matrix_agrees_with_the_matrix_and_with_kubectl() {
    let Some(env) = realk8s() else { return };
    let all = env["REALK8S_KUBECONFIG_ALL"].clone();
    let expected = matrix(&env);
    let mut contexts: Vec<(String, String)> = expected
        .keys()
        .map(|(c, ns, ..)| (c.clone(), ns.clone()))
        .collect();
    contexts.dedup();
    let mut covered = 0;
    let mut disagreements = Vec::new();
    for (context, ns) in &contexts {
        // Each context as the ProwJob context too, so that prowjobs are asked everywhere.
        let out = run(kp().args([
            "--kubeconfig",
            &all,
            "--context",
            context,
            "--prow-job-context",
            context,
            "-n",
            ns,
            "check-rbac",
            "-o",
            "json",
        ]));
        assert!(out.code == 0 || out.code == 1, "{context}: {}", out.stderr);
        let rows = json(&out);
        assert_eq!(rows.len(), 1);
        for check in rows[0]["checks"].as_array().unwrap() {
            let ours = check["allowed"].as_bool().expect("answered");
            let key = (
                context.clone(),
                ns.clone(),
                check["group"].as_str().unwrap().to_string(),
                check["resource"].as_str().unwrap().to_string(),
                check["verb"].as_str().unwrap().to_string(),
            );
            if check["subresource"] == ""
                && let Some(&want) = expected.get(&key)
            {
                covered += 1;
                if ours != want {
                    disagreements.push(format!("{key:?}: matrix {want}, check-rbac {ours}"));
                }
            }
            let theirs = can_i(&env, &all, context, ns, check);
            if ours != theirs {
                disagreements.push(format!(
                    "{key:?} {check}: kubectl {theirs}, check-rbac {ours}"
                ));
            }
        }
    }
    assert!(disagreements.is_empty(), "{}", disagreements.join("\n"));
    // Every matrix row except prowjobs `update`/`delete` variants we do not ask is covered.
    assert!(
        covered >= expected.len() * 9 / 10,
        "covered {covered} of {}",
        expected.len()
    );
}

#[test]
fn identities_come_from_the_server() {
    let Some(env) = realk8s() else { return };
    let out = run(kp().args([
        "--kubeconfig-dir",
        &env["REALK8S_KUBECONFIG_SPLIT"],
        "check-rbac",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 1, "some contexts are denied: {}", out.stderr);
    let rows = json(&out);
    let text = std::fs::read_to_string(&env["REALK8S_IDENTITIES"]).unwrap();
    let mut lines = text
        .lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'));
    lines.next();
    for line in lines {
        let f: Vec<&str> = line.split('\t').collect();
        let row = rows
            .iter()
            .find(|r| r["context"] == f[0])
            .unwrap_or_else(|| panic!("no row for {}", f[0]));
        assert_eq!(row["identity"]["username"], f[1], "{}", f[0]);
        if f[2] != "-" {
            let groups = row["identity"]["groups"].as_array().unwrap();
            assert!(groups.iter().any(|g| g == f[2]), "{}: {groups:?}", f[0]);
        }
    }
    // The token-file and certificate-file contexts resolve their relative paths and work.
    for name in ["build-plank-tokenfile", "build-sinker-certfile"] {
        let row = rows.iter().find(|r| r["context"] == name).unwrap();
        assert_ne!(row["status"], "error", "{row:#}");
    }
}

#[test]
fn the_prowjob_crd_is_reported_apart_and_rbac_is_right_without_it() {
    let Some(env) = realk8s() else { return };
    let admin = env["REALK8S_ADMIN_KUBECONFIG"].clone();
    let ns = format!("crdless-{}", std::process::id());
    // On the build cluster (no ProwJob CRD), let a fresh ServiceAccount manage prowjobs.
    let manifest = format!(
        "apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}\n---\n\
         apiVersion: v1\nkind: ServiceAccount\nmetadata: {{name: hook, namespace: {ns}}}\n---\n\
         apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {{name: pj, namespace: {ns}}}\n\
         rules: [{{apiGroups: [prow.k8s.io], resources: [prowjobs], verbs: [create, get, list, update]}}]\n---\n\
         apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {{name: pj, namespace: {ns}}}\n\
         roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: pj}}\n\
         subjects: [{{kind: ServiceAccount, name: hook, namespace: {ns}}}]\n"
    );
    apply(&env, &admin, "build-admin", &manifest);
    let dir = tempfile::tempdir().unwrap();
    let kc = service_account_kubeconfig(&env, dir.path(), "build", &ns, "hook");
    let out = run(kp().args([
        "--kubeconfig",
        kc.to_str().unwrap(),
        "--prow-job-context",
        "sa",
        "check-rbac",
        "--component",
        "hook",
        "-o",
        "json",
    ]));
    // Every verb hook needs is granted, and still exit 1: Prow cannot run without the CRD.
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    let rows = json(&out);
    assert_eq!(rows[0]["crd"], "missing");
    assert!(
        rows[0]["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["allowed"] == true)
    );
    // kubectl goes through discovery, finds no prowjobs, and says no: it is the one that is wrong.
    let check = &rows[0]["checks"][0];
    assert!(!can_i(&env, kc.to_str().unwrap(), "sa", &ns, check));
    // The table says so below the rows.
    let out = run(kp().args([
        "--kubeconfig",
        kc.to_str().unwrap(),
        "--prow-job-context",
        "sa",
        "check-rbac",
        "--component",
        "hook",
    ]));
    assert!(
        out.stdout
            .contains("ProwJob CRD (prowjobs.prow.k8s.io) is not installed"),
        "{}",
        out.stdout
    );

    // On the service cluster the CRD is there.
    let out = run(kp().args([
        "--kubeconfig",
        &env["REALK8S_KUBECONFIG_ALL"],
        "--prow-job-context",
        "service-prow",
        "--context",
        "service-prow",
        "check-rbac",
        "-o",
        "json",
    ]));
    assert_eq!(json(&out)[0]["crd"], "installed", "{}", out.stderr);
    delete_namespace(&env, &admin, "build-admin", &ns);
}

#[test]
fn in_cluster_contexts_are_checked_inside_a_pod_and_from_outside_through_another_context() {
    let Some(env) = realk8s() else { return };
    let dir = tempfile::tempdir().unwrap();
    let incluster = dir.path().join("incluster.yaml");
    std::fs::write(
        &incluster,
        "apiVersion: v1\nkind: Config\ncontexts:\n- name: prow\n  context:\n    cluster: in-cluster\n    namespace: test-pods\n",
    )
    .unwrap();
    // Outside a pod, without a route: its own row, not a guess.
    let out = run(kp().args([
        "--kubeconfig",
        incluster.to_str().unwrap(),
        "check-rbac",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 4);
    assert_eq!(json(&out)[0]["error"]["kind"], "not-in-pod");

    // From a workstation: SubjectAccessReviews for the ServiceAccount through the admin context.
    let out = run(kp().args([
        "--kubeconfig",
        &env["REALK8S_ADMIN_KUBECONFIG"],
        "--kubeconfig",
        incluster.to_str().unwrap(),
        "--prow-job-context",
        "build-admin",
        "--context",
        "prow",
        "check-rbac",
        "--in-cluster-via",
        "build-admin",
        "--service-account",
        "test-pods/plank",
        "--component",
        "prow-controller-manager",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let row = &json(&out)[0];
    assert_eq!(row["via"], "build-admin");
    assert_eq!(
        row["identity"]["username"],
        "system:serviceaccount:test-pods:plank"
    );
    // The same ServiceAccount's sinker-only rights are not enough for deck: the SAR says no.
    let out = run(kp().args([
        "--kubeconfig",
        &env["REALK8S_ADMIN_KUBECONFIG"],
        "--kubeconfig",
        incluster.to_str().unwrap(),
        "--prow-job-context",
        "build-admin",
        "--context",
        "prow",
        "check-rbac",
        "--in-cluster-via",
        "build-admin",
        "--service-account",
        "test-pods/plank",
        "--component",
        "deck",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 1, "{}", out.stderr);

    // Inside a pod: the mounted token and CA, as client-go finds them.
    let sa = dir.path().join("sa");
    std::fs::create_dir(&sa).unwrap();
    let creds = Path::new(&env["REALK8S_KUBECONFIGS"]).join("credentials");
    std::fs::copy(creds.join("build-plank.token"), sa.join("token")).unwrap();
    std::fs::copy(&env["BUILD_CA"], sa.join("ca.crt")).unwrap();
    std::fs::write(sa.join("namespace"), "test-pods").unwrap();
    let (host, port) = env["BUILD_SERVER"]
        .trim_start_matches("https://")
        .rsplit_once(':')
        .map(|(h, p)| (h.to_string(), p.to_string()))
        .unwrap();
    let out = run(kp()
        .env("KUBERNETES_SERVICE_HOST", host)
        .env("KUBERNETES_SERVICE_PORT", port)
        .env("KUBECTL_PROW_SERVICEACCOUNT_DIR", &sa)
        .args([
            "--kubeconfig",
            incluster.to_str().unwrap(),
            "check-rbac",
            "--component",
            "prow-controller-manager",
            "-o",
            "json",
        ]));
    // By the seed's rule the in-cluster context is also the ProwJob context: plank may run pods
    // there, and has no ProwJob rights.
    assert_eq!(out.code, 1, "{}\n{}", out.stdout, out.stderr);
    let row = &json(&out)[0];
    assert_eq!(
        row["identity"]["username"],
        "system:serviceaccount:test-pods:plank"
    );
    assert!(row.get("via").is_none());
    for check in row["checks"].as_array().unwrap() {
        assert_eq!(check["allowed"], check["resource"] == "pods", "{check}");
    }
}

#[test]
fn as_impersonates_like_kubectl() {
    let Some(env) = realk8s() else { return };
    let out = run(kp().args([
        "--kubeconfig",
        &env["REALK8S_ADMIN_KUBECONFIG"],
        "--context",
        "build-admin",
        "--as",
        "system:serviceaccount:test-pods:plank",
        "-n",
        "test-pods",
        "check-rbac",
        "-o",
        "json",
    ]));
    assert_eq!(
        out.code, 1,
        "plank lacks events and pods/log: {}",
        out.stderr
    );
    let row = &json(&out)[0];
    assert_eq!(
        row["identity"]["username"],
        "system:serviceaccount:test-pods:plank"
    );
    for check in row["checks"].as_array().unwrap() {
        let want = check["resource"] == "pods" && check["subresource"] == "";
        assert_eq!(check["allowed"], want, "{check}");
    }
    // As a group: system:masters may do anything.
    let out = run(kp().args([
        "--kubeconfig",
        &env["REALK8S_ADMIN_KUBECONFIG"],
        "--context",
        "build-admin",
        "--as",
        "someone",
        "--as-group",
        "system:masters",
        "check-rbac",
    ]));
    assert_eq!(out.code, 0, "{}", out.stdout);
}

#[test]
fn suggest_round_trip_applied_as_admin_makes_the_context_allowed() {
    let Some(env) = realk8s() else { return };
    let admin = env["REALK8S_ADMIN_KUBECONFIG"].clone();
    let ns = format!("suggest-{}", std::process::id());
    apply(
        &env,
        &admin,
        "build-admin",
        &format!(
            "apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {{name: prow, namespace: {ns}}}\n"
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let kc = service_account_kubeconfig(&env, dir.path(), "build", &ns, "prow");
    let kc = kc.to_str().unwrap();
    let before = run(kp().args(["--kubeconfig", kc, "check-rbac", "-o", "json"]));
    assert_eq!(before.code, 1);
    assert_eq!(json(&before)[0]["status"], "denied");
    let suggestion = run(kp().args(["--kubeconfig", kc, "check-rbac", "--suggest"]));
    assert_eq!(suggestion.code, 1);
    assert!(
        suggestion.stdout.contains("kind: Role"),
        "{}",
        suggestion.stdout
    );
    insta::assert_snapshot!(
        suggestion
            .stdout
            .replace(&ns, "NS")
            .replace(&env["BUILD_SERVER"], "BUILD_SERVER")
    );
    apply(&env, &admin, "build-admin", &suggestion.stdout);
    let after = run(kp().args(["--kubeconfig", kc, "check-rbac"]));
    assert_eq!(after.code, 0, "{}", after.stdout);
    delete_namespace(&env, &admin, "build-admin", &ns);
}

/// The denied context may not create Roles itself: `--suggest` names the loaded context on the
/// same API server that may (asked with SelfSubjectAccessReviews), and says so when none may.
/// With `--suggest-dir` each stream is a file and the printed command applies it for real.
#[test]
fn suggest_names_a_context_that_may_apply_it_and_its_command_works() {
    let Some(env) = realk8s() else { return };
    let admin = env["REALK8S_ADMIN_KUBECONFIG"].clone();
    let ns = format!("applier-{}", std::process::id());
    apply(
        &env,
        &admin,
        "build-admin",
        &format!(
            "apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}\n---\napiVersion: v1\nkind: ServiceAccount\nmetadata: {{name: prow, namespace: {ns}}}\n"
        ),
    );
    let dir = tempfile::tempdir().unwrap();
    let kc = service_account_kubeconfig(&env, dir.path(), "build", &ns, "prow");
    let kc = kc.to_str().unwrap();

    // Alone, the ServiceAccount's context is the only one on that server, and it may not.
    let alone = run(kp().args(["--kubeconfig", kc, "check-rbac", "--suggest"]));
    assert_eq!(alone.code, 1, "{}", alone.stderr);
    assert!(
        alone.stdout.contains(
            "# No loaded context on this server may create Roles and RoleBindings there (asked: sa)"
        ),
        "{}",
        alone.stdout
    );
    assert!(
        !alone.stdout.contains("kubectl --context sa apply"),
        "{}",
        alone.stdout
    );

    // With the admin kubeconfig loaded too: build-admin may (service-admin is another server).
    let out_dir = dir.path().join("rbac");
    let with_admin = run(kp().args([
        "--kubeconfig",
        kc,
        "--kubeconfig",
        &admin,
        "--context",
        "sa",
        "check-rbac",
        "--suggest",
        "--suggest-dir",
        out_dir.to_str().unwrap(),
    ]));
    assert_eq!(with_admin.code, 1, "{}", with_admin.stderr);
    let lines: Vec<&str> = with_admin.stdout.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "one server, one stream: {}",
        with_admin.stdout
    );
    let (command, file) = lines[0].split_once(" < ").unwrap();
    assert_eq!(command, "kubectl --context build-admin apply -f -");
    let stream = std::fs::read_to_string(file).unwrap();
    assert!(
        stream.contains("# Context \"build-admin\" may create Roles"),
        "{stream}"
    );
    // The command as printed, with the kubeconfig that defines build-admin.
    let applied = kubectl(&env)
        .args([
            "--kubeconfig",
            &admin,
            "--context",
            "build-admin",
            "apply",
            "-f",
            file,
        ])
        .output()
        .unwrap();
    assert!(
        applied.status.success(),
        "{}",
        String::from_utf8_lossy(&applied.stderr)
    );
    let after = run(kp().args(["--kubeconfig", kc, "check-rbac"]));
    assert_eq!(after.code, 0, "{}", after.stdout);
    delete_namespace(&env, &admin, "build-admin", &ns);
}

#[test]
fn a_dead_server_beside_the_real_ones_is_its_own_row_and_the_others_answer() {
    let Some(env) = realk8s() else { return };
    let dead = FaultServer::start(Fault::Hang);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("dead.yaml");
    std::fs::write(
        &file,
        common::fault::kubeconfig(&[("dead", &dead.url, "    token: x")]),
    )
    .unwrap();
    let started = std::time::Instant::now();
    let out = run(kp().args([
        "--kubeconfig-dir",
        &env["REALK8S_KUBECONFIG_SPLIT"],
        "--kubeconfig",
        file.to_str().unwrap(),
        "--request-timeout",
        "2s",
        "check-rbac",
        "-o",
        "json",
    ]));
    assert!(started.elapsed() < std::time::Duration::from_secs(6));
    assert_eq!(out.code, 4, "{}", out.stderr);
    let rows = json(&out);
    for r in &rows {
        if r["context"] == "dead" {
            assert_eq!(r["error"]["kind"], "timeout");
        } else {
            assert!(r["status"] == "ok" || r["status"] == "denied", "{r:#}");
        }
    }
}

fn apply(env: &Env, kubeconfig: &str, context: &str, manifest: &str) {
    use std::io::Write;
    let mut child = kubectl(env)
        .args([
            "--kubeconfig",
            kubeconfig,
            "--context",
            context,
            "apply",
            "-f",
            "-",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(manifest.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "kubectl apply: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn delete_namespace(env: &Env, kubeconfig: &str, context: &str, ns: &str) {
    let _ = kubectl(env)
        .args([
            "--kubeconfig",
            kubeconfig,
            "--context",
            context,
            "delete",
            "namespace",
            ns,
            "--wait=false",
        ])
        .output();
}

/// A kubeconfig with one context `sa` holding a fresh TokenRequest token for NS/NAME.
fn service_account_kubeconfig(
    env: &Env,
    dir: &Path,
    cluster: &str,
    ns: &str,
    name: &str,
) -> PathBuf {
    let out = kubectl(env)
        .args([
            "--kubeconfig",
            &env["REALK8S_ADMIN_KUBECONFIG"],
            "--context",
            &format!("{cluster}-admin"),
            "-n",
            ns,
            "create",
            "token",
            name,
            "--duration=1h",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let token = String::from_utf8(out.stdout).unwrap().trim().to_string();
    let (server, ca) = match cluster {
        "build" => (&env["BUILD_SERVER"], &env["BUILD_CA"]),
        _ => (&env["SERVICE_SERVER"], &env["SERVICE_CA"]),
    };
    let path = dir.join(format!("{name}.yaml"));
    std::fs::write(
        &path,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: sa\n  cluster:\n    server: {server}\n    certificate-authority: {ca}\nusers:\n- name: sa\n  user:\n    token: {token}\ncontexts:\n- name: sa\n  context:\n    cluster: sa\n    user: sa\n    namespace: {ns}\ncurrent-context: sa\n"
        ),
    )
    .unwrap();
    path
}

/// The API server closes an HTTP/2 connection (GOAWAY) after a 401: contexts that share the
/// connection with one whose token is bad must still get their answers, every time.
#[test]
fn a_rejected_token_does_not_disturb_the_contexts_that_share_its_connection() {
    let Some(env) = realk8s() else { return };
    let split = Path::new(&env["REALK8S_KUBECONFIG_SPLIT"]);
    let dir = tempfile::tempdir().unwrap();
    for name in [
        "build-plank",
        "build-viewer",
        "build-nobody",
        "build-wrongns",
    ] {
        std::fs::copy(
            split.join(format!("{name}.yaml")),
            dir.path().join(format!("{name}.yaml")),
        )
        .unwrap();
    }
    let garbage = std::fs::read_to_string(split.join("build-nobody.yaml"))
        .unwrap()
        .replace("build-nobody", "build-garbage");
    let garbage = regex_free_replace_token(&garbage, "not-a-valid-token");
    std::fs::write(dir.path().join("build-garbage.yaml"), garbage).unwrap();
    for round in 0..15 {
        let out = run(kp().args([
            "--kubeconfig-dir",
            dir.path().to_str().unwrap(),
            "check-rbac",
            "-o",
            "json",
        ]));
        let rows = json(&out);
        for r in &rows {
            if r["context"] == "build-garbage" {
                assert_eq!(r["error"]["kind"], "unauthorized", "round {round}: {r:#}");
            } else {
                assert_ne!(r["status"], "error", "round {round}: {r:#}");
            }
        }
    }
}

/// The `token: ...` line of a kubeconfig written by up.sh, replaced.
fn regex_free_replace_token(text: &str, token: &str) -> String {
    text.lines()
        .map(|l| match l.find("token:") {
            Some(i) => format!("{}token: \"{token}\"", &l[..i]),
            None => l.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Prow's loader aliases the service context as `""` and `default`, and two contexts may be one
/// ServiceAccount: `--suggest` gives one Role per server, namespace and identity.
#[test]
fn suggest_gives_one_role_per_identity_and_namespace() {
    let Some(env) = realk8s() else { return };
    let out = run(kp().args([
        "--merge",
        "prow",
        "--kubeconfig-dir",
        &env["REALK8S_KUBECONFIG_SPLIT"],
        "check-rbac",
        "--suggest",
    ]));
    // (server from the comment, Role name, namespace) for every Role: each must be unique.
    let mut server = String::new();
    let mut roles: Vec<(String, String, String)> = Vec::new();
    for doc in out.stdout.split("---\n") {
        if let Some(comment) = doc.lines().find(|l| l.starts_with("# context")) {
            server = comment.split(['(', ')']).nth(1).unwrap_or("").to_string();
        }
        if doc.lines().any(|l| l == "kind: Role") {
            let field = |key: &str| {
                doc.lines()
                    .find(|l| l.starts_with(&format!("  {key}:")))
                    .unwrap()
                    .trim()
                    .to_string()
            };
            roles.push((server.clone(), field("name"), field("namespace")));
        }
    }
    assert!(!roles.is_empty(), "{}", out.stdout);
    let n = roles.len();
    roles.sort();
    roles.dedup();
    assert_eq!(roles.len(), n, "duplicate Roles: {}", out.stdout);
    // The service context and its aliases `""` and `default`: one Role for its ServiceAccount.
    let pcm = roles
        .iter()
        .filter(|r| r.1 == "name: kubectl-prow-prow-controller-manager")
        .count();
    assert_eq!(pcm, 1, "{}", out.stdout);
}
