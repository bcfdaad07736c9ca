//! `migrate prowjobs` on the real clusters of tests/realk8s/. Every test works in namespaces of
//! its own (`mpj-*-<pid>`), so the concurrent status and check-rbac tests see nothing new in
//! `prow`.
//!
//! - Prow's CRD (no status subresource: status travels in the created object): the service
//!   cluster, from one namespace to another.
//! - A CRD with a status subresource (status written through `prowjobs/status` after the
//!   create): the build cluster must keep having no ProwJob CRD (check_rbac_realk8s and the
//!   smoke test rely on it), so that variant runs on a private API server this test starts on
//!   the realk8s binaries, the build cluster's certificates and the shared etcd under a prefix
//!   of its own; it stops with the test.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{kp, realk8s, run};
use serde_json::{Value, json};

type Env = BTreeMap<String, String>;

fn kubectl_with(
    env: &Env,
    kubeconfig: &str,
    context: &str,
    args: &[&str],
    stdin: Option<&str>,
) -> String {
    use std::io::Write;
    let mut child = Command::new(Path::new(&env["REALK8S_BIN"]).join("kubectl"))
        .args(["--kubeconfig", kubeconfig, "--context", context])
        .args(args)
        .env_remove("KUBECONFIG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(stdin.unwrap_or("").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "kubectl {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn kubectl(env: &Env, context: &str, args: &[&str], stdin: Option<&str>) -> String {
    kubectl_with(env, &env["REALK8S_ADMIN_KUBECONFIG"], context, args, stdin)
}

/// A fresh namespace on the service cluster, deleted when dropped.
struct Namespace<'a> {
    env: &'a Env,
    name: String,
}

impl<'a> Namespace<'a> {
    fn new(env: &'a Env, tag: &str) -> Self {
        let name = format!("mpj-{tag}-{}", std::process::id());
        kubectl(env, "service-admin", &["create", "namespace", &name], None);
        Namespace { env, name }
    }
}

impl Drop for Namespace<'_> {
    fn drop(&mut self) {
        let _ = Command::new(Path::new(&self.env["REALK8S_BIN"]).join("kubectl"))
            .args(["--kubeconfig", &self.env["REALK8S_ADMIN_KUBECONFIG"]])
            .args([
                "--context",
                "service-admin",
                "delete",
                "namespace",
                &self.name,
            ])
            .args(["--wait=false"])
            .output();
    }
}

const STATES: [&str; 6] = [
    "success",
    "failure",
    "aborted",
    "error",
    "pending",
    "triggered",
];

/// A ProwJob with everything Prow puts in one: labels, annotations, spec, and a full status
/// (times, url, build id, pod name, description, report states).
fn prowjob(name: &str, state: &str) -> Value {
    let mut status = json!({
        "state": state,
        "startTime": "2026-11-30T10:00:00Z",
        "pendingTime": "2026-11-30T10:00:05Z",
        "url": format!("https://prow.example.com/view/gs/logs/{name}/1234"),
        "build_id": "1234567890",
        "pod_name": format!("{name}-pod"),
        "description": format!("Job {state}."),
        "prev_report_states": {"gerritreporter": state, "github-reporter": state},
    });
    if state != "pending" && state != "triggered" {
        status["completionTime"] = json!("2026-11-30T10:20:00Z");
    }
    json!({
        "apiVersion": "prow.k8s.io/v1",
        "kind": "ProwJob",
        "metadata": {
            "name": name,
            "labels": {
                "created-by-prow": "true",
                "prow.k8s.io/job": name,
                "prow.k8s.io/type": "periodic",
                "prow.k8s.io/build-id": "1234567890",
            },
            "annotations": {"prow.k8s.io/job": name, "prow.k8s.io/context": "ci/x"},
        },
        "spec": {
            "type": "periodic",
            "agent": "kubernetes",
            "cluster": "build-plank",
            "namespace": "test-pods",
            "job": name,
            "report": true,
            "max_concurrency": 1,
            "pod_spec": {"containers": [{"image": "alpine", "command": ["/bin/date"]}]},
            "decoration_config": {"timeout": "2h0m0s", "utility_images": {"clonerefs": "c:1"}},
        },
        "status": status,
    })
}

/// Creates `jobs` in `ns` (in chunks: one kubectl process per hundred).
fn create(env: &Env, kubeconfig: &str, context: &str, ns: &str, jobs: &[Value]) {
    for chunk in jobs.chunks(100) {
        let list = json!({"apiVersion": "v1", "kind": "List", "items": chunk});
        kubectl_with(
            env,
            kubeconfig,
            context,
            &["create", "-n", ns, "-f", "-", "-o", "name"],
            Some(&list.to_string()),
        );
    }
}

/// Every ProwJob of `ns`, by name.
fn list(env: &Env, kubeconfig: &str, context: &str, ns: &str) -> BTreeMap<String, Value> {
    let out = kubectl_with(
        env,
        kubeconfig,
        context,
        &["get", "prowjobs", "-n", ns, "-o", "json"],
        None,
    );
    let list: Value = serde_json::from_str(&out).unwrap();
    list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| {
            (
                o["metadata"]["name"].as_str().unwrap().to_string(),
                o.clone(),
            )
        })
        .collect()
}

fn versions(objects: &BTreeMap<String, Value>) -> BTreeMap<String, String> {
    objects
        .iter()
        .map(|(k, v)| {
            (
                k.clone(),
                v["metadata"]["resourceVersion"]
                    .as_str()
                    .unwrap()
                    .to_string(),
            )
        })
        .collect()
}

/// What a copy must carry (empty maps and absent ones alike).
fn content(o: &Value) -> Value {
    let map = |v: &Value| {
        if v.as_object().is_some_and(|m| m.is_empty()) {
            Value::Null
        } else {
            v.clone()
        }
    };
    json!([
        o["spec"],
        o["status"],
        map(&o["metadata"]["labels"]),
        map(&o["metadata"]["annotations"])
    ])
}

fn migrate(kubeconfigs: &[&str], args: &[&str]) -> common::Output {
    let mut cmd = kp();
    for k in kubeconfigs {
        cmd.args(["--kubeconfig", k]);
    }
    run(cmd.args(["migrate", "prowjobs"]).args(args))
}

fn json_of(out: &common::Output) -> Value {
    serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", out.stdout, out.stderr))
}

#[test]
fn hundreds_of_prowjobs_move_whole_resumably_and_the_source_is_only_touched_by_delete_source() {
    let Some(env) = realk8s() else { return };
    let admin = env["REALK8S_ADMIN_KUBECONFIG"].clone();
    let (src, dst) = (Namespace::new(&env, "src"), Namespace::new(&env, "dst"));
    // 300 ProwJobs, 50 in each state: 200 finished, 100 running (pending, triggered).
    let jobs: Vec<Value> = (0..300)
        .map(|i| prowjob(&format!("job-{i:03}"), STATES[i % STATES.len()]))
        .collect();
    create(&env, &admin, "service-admin", &src.name, &jobs);
    // Already on the target: one identical, one with another status (a conflict).
    let mut other = jobs[1].clone();
    other["status"]["state"] = json!("success");
    create(
        &env,
        &admin,
        "service-admin",
        &dst.name,
        &[jobs[0].clone(), other],
    );
    let (finished, running) = (200, 100);

    let base = [
        "--from",
        "service-admin",
        "--to",
        "service-admin",
        "--from-namespace",
        &src.name,
        "--to-namespace",
        &dst.name,
    ];
    let with = |extra: &[&str]| -> Vec<String> {
        base.iter().chain(extra).map(|s| s.to_string()).collect()
    };
    let go = |extra: &[&str]| {
        let args = with(extra);
        migrate(
            &[&admin],
            &args.iter().map(String::as_str).collect::<Vec<_>>(),
        )
    };

    // The plan writes nothing: every resourceVersion on both sides is unchanged.
    let before = (
        versions(&list(&env, &admin, "service-admin", &src.name)),
        versions(&list(&env, &admin, "service-admin", &dst.name)),
    );
    let out = go(&["-o", "json"]);
    assert_eq!(
        out.code, 1,
        "conflict and running jobs left: {}",
        out.stderr
    );
    let plan = json_of(&out);
    assert_eq!(plan["copy"], finished - 2);
    assert_eq!(plan["identical"], 1);
    assert_eq!(plan["conflict"], 1);
    assert_eq!(plan["running"], running);
    assert_eq!(plan["copied"], 0);
    assert_eq!(
        plan["conflicts"],
        json!([{"name": "job-001", "differs": ["status"]}])
    );
    assert_eq!(plan["runningJobs"].as_array().unwrap().len(), running);
    let after = (
        versions(&list(&env, &admin, "service-admin", &src.name)),
        versions(&list(&env, &admin, "service-admin", &dst.name)),
    );
    assert_eq!(before, after, "a plan wrote something");

    // A write killed midway (SIGKILL once some copies exist), then resumed.
    let args = with(&["--write", "--concurrency", "1"]);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("kubectl-prow"))
        .args(["--kubeconfig", &admin, "migrate", "prowjobs"])
        .args(&args)
        .env_remove("KUBECONFIG")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(60);
    let mut copies_at_kill = 0;
    while Instant::now() < deadline {
        copies_at_kill = list(&env, &admin, "service-admin", &dst.name).len();
        if copies_at_kill >= 20 {
            break;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    child.kill().unwrap();
    let status = child.wait().unwrap();
    assert_eq!(
        std::os::unix::process::ExitStatusExt::signal(&status),
        Some(9),
        "the run finished before it could be killed ({copies_at_kill} copies seen)"
    );
    let cut = list(&env, &admin, "service-admin", &dst.name);
    assert!(
        cut.len() > 2 && cut.len() < finished,
        "killed midway: {} on the target",
        cut.len()
    );
    let out = go(&["-o", "json"]);
    let resumed_plan = json_of(&out);
    assert_eq!(resumed_plan["copy"], finished - cut.len());
    assert_eq!(resumed_plan["identical"], cut.len() - 1);

    let out = go(&["--write", "-o", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let done = json_of(&out);
    assert_eq!(done["copied"], finished - cut.len());
    assert_eq!(done["verified"], finished - cut.len());
    assert_eq!(done["failed"], json!([]));
    // Every copy equals its source; running jobs stay behind; the conflict is untouched.
    let source = list(&env, &admin, "service-admin", &src.name);
    let target = list(&env, &admin, "service-admin", &dst.name);
    assert_eq!(source.len(), 300, "the source is not modified");
    assert_eq!(versions(&source), before.0, "the source is not modified");
    assert_eq!(target.len(), finished);
    for (name, t) in &target {
        let s = &source[name];
        assert_eq!(t["metadata"]["namespace"], dst.name.as_str());
        assert_ne!(t["metadata"]["uid"], s["metadata"]["uid"]);
        if name == "job-001" {
            assert_eq!(
                t["metadata"]["resourceVersion"],
                before.1["job-001"].as_str()
            );
        } else {
            assert_eq!(content(t), content(s), "{name}");
        }
    }

    // A rerun copies nothing.
    let out = go(&["--write", "-o", "json"]);
    let again = json_of(&out);
    assert_eq!(
        (
            again["copy"].clone(),
            again["copied"].clone(),
            again["identical"].clone()
        ),
        (json!(0), json!(0), json!(finished - 1))
    );

    // --delete-source deletes exactly the ProwJobs identical on the target.
    let out = go(&["--write", "--delete-source", "-o", "json"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_eq!(json_of(&out)["deleted"], finished - 1);
    let left: Vec<String> = list(&env, &admin, "service-admin", &src.name)
        .into_keys()
        .collect();
    let mut expected: Vec<String> = jobs
        .iter()
        .filter(|j| matches!(j["status"]["state"].as_str(), Some("pending" | "triggered")))
        .map(|j| j["metadata"]["name"].as_str().unwrap().to_string())
        .collect();
    expected.push("job-001".into());
    expected.sort();
    assert_eq!(left, expected);

    // --force overwrites the conflict after saving the target's object (0600), and
    // --include-running takes the rest: nothing is left.
    let backups = tempfile::tempdir().unwrap();
    let out = go(&[
        "--write",
        "--force",
        "--include-running",
        "--delete-source",
        "--backup-dir",
        backups.path().to_str().unwrap(),
        "-o",
        "json",
    ]);
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let forced = json_of(&out);
    assert_eq!(forced["copied"], running + 1);
    assert_eq!(forced["deleted"], running + 1);
    let backup = PathBuf::from(forced["conflicts"][0]["backup"].as_str().unwrap());
    assert_eq!(
        backup,
        backups
            .path()
            .join(format!("prowjob-{}-job-001.json", dst.name))
    );
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        std::fs::metadata(&backup).unwrap().permissions().mode() & 0o777,
        0o600
    );
    let saved: Value = serde_json::from_slice(&std::fs::read(&backup).unwrap()).unwrap();
    assert_eq!(saved["status"]["state"], "success");
    assert!(list(&env, &admin, "service-admin", &src.name).is_empty());
    let target = list(&env, &admin, "service-admin", &dst.name);
    assert_eq!(target.len(), 300);
    for j in &jobs {
        let name = j["metadata"]["name"].as_str().unwrap();
        assert_eq!(content(&target[name]), content(&source[name]), "{name}");
    }
}

#[test]
fn a_target_without_the_crd_or_without_rights_is_refused_before_anything_is_written() {
    let Some(env) = realk8s() else { return };
    let admin = env["REALK8S_ADMIN_KUBECONFIG"].clone();
    let all = env["REALK8S_KUBECONFIG_ALL"].clone();
    let (src, dst) = (
        Namespace::new(&env, "pre-src"),
        Namespace::new(&env, "pre-dst"),
    );
    let jobs: Vec<Value> = (0..5)
        .map(|i| prowjob(&format!("p-{i}"), "success"))
        .collect();
    create(&env, &admin, "service-admin", &src.name, &jobs);
    let before = versions(&list(&env, &admin, "service-admin", &src.name));

    // The build cluster has no ProwJob CRD.
    let out = migrate(
        &[&admin],
        &[
            "--from",
            "service-admin",
            "--to",
            "build-admin",
            "--from-namespace",
            &src.name,
            "--to-namespace",
            "test-pods",
            "--write",
        ],
    );
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("context build-admin does not serve prowjobs.prow.k8s.io"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("apply --server-side"),
        "the fix: {}",
        out.stderr
    );
    assert!(
        out.stderr.ends_with("nothing was written\n"),
        "{}",
        out.stderr
    );
    assert!(out.stdout.is_empty());

    // A missing target namespace.
    let out = migrate(
        &[&admin],
        &[
            "--from",
            "service-admin",
            "--to",
            "service-admin",
            "--from-namespace",
            &src.name,
            "--to-namespace",
            "mpj-no-such-namespace",
            "--write",
        ],
    );
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "namespace mpj-no-such-namespace does not exist on context service-admin; create it"
        ),
        "{}",
        out.stderr
    );

    // nobody may do nothing (identities.tsv): one line per right, with its fix. deck may list
    // everywhere but not delete. Each source is read by deck.
    let out = migrate(
        &[&all],
        &[
            "--from",
            "service-deck",
            "--to",
            "service-nobody",
            "--from-namespace",
            &src.name,
            "--to-namespace",
            &dst.name,
            "--write",
        ],
    );
    assert_eq!(out.code, 4, "{}", out.stderr);
    for verb in ["list", "get", "create"] {
        assert!(
            out.stderr.contains(&format!("error: context service-nobody may not {verb} prowjobs.prow.k8s.io in namespace {}; grant it", dst.name)),
            "{verb}: {}", out.stderr
        );
    }
    // hook may create, get, list and update, here in the test's target namespace; deck may
    // not delete what it reads.
    let role = format!(
        "apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {{name: mpj-hook, namespace: {ns}}}\n\
         rules: [{{apiGroups: [prow.k8s.io], resources: [prowjobs], verbs: [create, get, list, update]}}]\n---\n\
         apiVersion: rbac.authorization.k8s.io/v1\nkind: RoleBinding\nmetadata: {{name: mpj-hook, namespace: {ns}}}\n\
         roleRef: {{apiGroup: rbac.authorization.k8s.io, kind: Role, name: mpj-hook}}\n\
         subjects: [{{apiGroup: rbac.authorization.k8s.io, kind: User, name: hook}}]\n",
        ns = dst.name
    );
    kubectl(&env, "service-admin", &["apply", "-f", "-"], Some(&role));
    let out = migrate(
        &[&all],
        &[
            "--from",
            "service-deck",
            "--to",
            "service-hook",
            "--from-namespace",
            &src.name,
            "--to-namespace",
            &dst.name,
            "--write",
            "--delete-source",
        ],
    );
    assert_eq!(out.code, 4, "{}", out.stderr);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    assert!(
        errors[0].contains(&format!(
            "context service-deck may not delete prowjobs.prow.k8s.io in namespace {}",
            src.name
        )),
        "{}",
        errors[0]
    );
    // Nothing was written anywhere; without --delete-source the same identities copy.
    assert!(list(&env, &admin, "service-admin", &dst.name).is_empty());
    assert_eq!(
        versions(&list(&env, &admin, "service-admin", &src.name)),
        before
    );
    let out = migrate(
        &[&all],
        &[
            "--from",
            "service-deck",
            "--to",
            "service-hook",
            "--from-namespace",
            &src.name,
            "--to-namespace",
            &dst.name,
            "--write",
            "-o",
            "json",
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(json_of(&out)["verified"], 5);
}

/// A kube-apiserver of this test's own, on the build cluster's certificates and tokens and
/// the shared etcd under a new prefix: a third cluster, with nothing in it but what the test
/// puts there. A shell watcher stops it when the test process goes, however it goes.
struct PrivateCluster {
    watcher: std::process::Child,
    kubeconfig: PathBuf,
    _dir: tempfile::TempDir,
}

impl PrivateCluster {
    fn start(env: &Env) -> Self {
        let state = Path::new(&env["REALK8S_STATE_DIR"]);
        let pki = state.join("build/pki");
        let tokens = std::fs::read_to_string(state.join("build/tokens.csv")).unwrap();
        let token = tokens
            .lines()
            .find(|l| l.split(',').nth(1) == Some("admin"))
            .and_then(|l| l.split(',').next())
            .unwrap()
            .to_string();
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let p = |f: &str| pki.join(f).display().to_string();
        let apiserver = Path::new(&env["REALK8S_BIN"]).join("kube-apiserver");
        let args = [
            "--bind-address=127.0.0.1".to_string(),
            "--advertise-address=127.0.0.1".into(),
            format!("--secure-port={port}"),
            format!("--tls-cert-file={}", p("apiserver.crt")),
            format!("--tls-private-key-file={}", p("apiserver.key")),
            format!("--client-ca-file={}", p("ca.crt")),
            format!("--etcd-servers={}", env["REALK8S_ETCD_URL"]),
            format!("--etcd-prefix=/registry-mpj-{}-{port}", std::process::id()),
            "--authorization-mode=RBAC".into(),
            format!(
                "--token-auth-file={}",
                state.join("build/tokens.csv").display()
            ),
            format!("--service-account-key-file={}", p("sa.pub")),
            format!("--service-account-signing-key-file={}", p("sa.key")),
            "--service-account-issuer=https://kubernetes.default.svc.cluster.local".into(),
            "--service-cluster-ip-range=10.0.0.0/24".into(),
            "--endpoint-reconciler-type=none".into(),
            "--profiling=false".into(),
            format!("--cert-dir={}", dir.path().display()),
        ];
        let log = std::fs::File::create(dir.path().join("apiserver.log")).unwrap();
        let watcher = Command::new("bash")
            .arg("-c")
            .arg(
                r#""$@" & c=$!; trap 'kill $c 2>/dev/null; wait $c; exit 0' TERM INT EXIT
                   while kill -0 "$PPID" 2>/dev/null && kill -0 $c 2>/dev/null; do sleep 1; done"#,
            )
            .arg("apiserver")
            .arg(&apiserver)
            .args(&args)
            .stdout(log.try_clone().unwrap())
            .stderr(log)
            .spawn()
            .unwrap();
        let kubeconfig = dir.path().join("private.yaml");
        std::fs::write(
            &kubeconfig,
            format!(
                "apiVersion: v1\nkind: Config\nclusters:\n- name: private\n  cluster: {{server: \"https://127.0.0.1:{port}\", certificate-authority: {ca}}}\n\
                 users:\n- name: private-admin\n  user: {{token: {token}}}\n\
                 contexts:\n- name: private-admin\n  context: {{cluster: private, user: private-admin, namespace: moved}}\n\
                 current-context: private-admin\n",
                ca = p("ca.crt")
            ),
        )
        .unwrap();
        let cluster = PrivateCluster {
            watcher,
            kubeconfig,
            _dir: dir,
        };
        let deadline = Instant::now() + Duration::from_secs(120);
        loop {
            let ready = Command::new(Path::new(&env["REALK8S_BIN"]).join("kubectl"))
                .args([
                    "--kubeconfig",
                    cluster.kubeconfig.to_str().unwrap(),
                    "get",
                    "--raw",
                    "/readyz",
                ])
                .output()
                .is_ok_and(|o| o.status.success());
            if ready {
                break;
            }
            assert!(
                Instant::now() < deadline,
                "the private kube-apiserver did not become ready: {}",
                std::fs::read_to_string(cluster._dir.path().join("apiserver.log"))
                    .unwrap_or_default()
            );
            std::thread::sleep(Duration::from_millis(200));
        }
        cluster
    }

    fn kubeconfig(&self) -> &str {
        self.kubeconfig.to_str().unwrap()
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        terminate(self.watcher.id());
        let _ = self.watcher.wait();
    }
}

/// SIGTERM by PID, through kill(1): the watcher stops its API server and exits.
fn terminate(pid: u32) {
    let _ = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status();
}

/// The ProwJob CRD as Prow's (schema-less here) plus a status subresource.
const CRD_WITH_STATUS: &str = r#"
apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: prowjobs.prow.k8s.io
  annotations: {api-approved.kubernetes.io: "https://github.com/kubernetes/test-infra/pull/8669"}
spec:
  group: prow.k8s.io
  scope: Namespaced
  names: {kind: ProwJob, listKind: ProwJobList, plural: prowjobs, singular: prowjob}
  versions:
  - name: v1
    served: true
    storage: true
    subresources: {status: {}}
    schema:
      openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}
"#;

#[test]
fn with_a_status_subresource_the_status_is_written_through_it_and_an_unfinished_copy_is_finished() {
    let Some(env) = realk8s() else { return };
    let admin = env["REALK8S_ADMIN_KUBECONFIG"].clone();
    let private = PrivateCluster::start(&env);
    let pk = private.kubeconfig().to_string();
    kubectl_with(
        &env,
        &pk,
        "private-admin",
        &["apply", "--server-side", "-f", "-"],
        Some(CRD_WITH_STATUS),
    );
    kubectl_with(
        &env,
        &pk,
        "private-admin",
        &["create", "namespace", "moved"],
        None,
    );
    let deadline = Instant::now() + Duration::from_secs(60);
    while !Command::new(Path::new(&env["REALK8S_BIN"]).join("kubectl"))
        .args(["--kubeconfig", &pk, "get", "prowjobs", "-n", "moved"])
        .output()
        .is_ok_and(|o| o.status.success())
    {
        assert!(Instant::now() < deadline, "the CRD was not established");
        std::thread::sleep(Duration::from_millis(200));
    }
    let src = Namespace::new(&env, "sub-src");
    let jobs: Vec<Value> = (0..60)
        .map(|i| prowjob(&format!("s-{i:02}"), STATES[i % 4]))
        .collect();
    create(&env, &admin, "service-admin", &src.name, &jobs);
    // A copy cut off between its create and its status write: created, status dropped (the
    // subresource ignores status on create).
    create(&env, &pk, "private-admin", "moved", &jobs[..3]);
    let unfinished = list(&env, &pk, "private-admin", "moved");
    assert!(
        unfinished.values().all(|o| o.get("status").is_none()),
        "create kept a status"
    );

    let args = [
        "--from",
        "service-admin",
        "--from-namespace",
        &src.name,
        "--to",
        "private-admin",
        "-o",
        "json",
    ];
    let out = migrate(&[&admin, &pk], &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let plan = json_of(&out);
    assert_eq!(plan["statusSubresource"], true);
    assert_eq!(plan["toNamespace"], "moved");
    assert_eq!(
        (plan["copy"].clone(), plan["conflict"].clone()),
        (json!(60), json!(0))
    );

    let out = migrate(&[&admin, &pk], &[&args[..], &["--write"]].concat());
    assert_eq!(out.code, 0, "{}", out.stderr);
    let done = json_of(&out);
    assert_eq!(
        (done["copied"].clone(), done["verified"].clone()),
        (json!(60), json!(60))
    );
    let source = list(&env, &admin, "service-admin", &src.name);
    let target = list(&env, &pk, "private-admin", "moved");
    assert_eq!(target.len(), 60);
    for (name, t) in &target {
        assert_eq!(content(t), content(&source[name]), "{name}");
        assert!(t["status"]["completionTime"].is_string(), "{name}: {t}");
    }
    let out = migrate(&[&admin, &pk], &args);
    assert_eq!(json_of(&out)["identical"], 60);
}

/// `--delete-source` deletes with the uid and resourceVersion read: a source ProwJob that
/// changes between the copy and its deletion is kept, and reported. The library's progress
/// callback, called once every copy is done and before any deletion, makes the change.
#[test]
fn a_source_prowjob_changed_after_it_was_read_is_kept() {
    use kubectl_prow::migrate::prowjobs::{self, Options, Side, Stage};
    let Some(env) = realk8s() else { return };
    let admin = env["REALK8S_ADMIN_KUBECONFIG"].clone();
    let (src, dst) = (
        Namespace::new(&env, "keep-src"),
        Namespace::new(&env, "keep-dst"),
    );
    let jobs: Vec<Value> = (0..5)
        .map(|i| prowjob(&format!("k-{i}"), "success"))
        .collect();
    create(&env, &admin, "service-admin", &src.name, &jobs);
    let set = kubectl_prow::kubeconfig::load(&kubectl_prow::kubeconfig::LoadOptions {
        kubeconfigs: vec![PathBuf::from(&admin)],
        ..Default::default()
    })
    .unwrap();
    let context = set.get("service-admin").unwrap().clone();
    let side = |ns: &str| Side {
        context: context.clone(),
        namespace: ns.to_string(),
    };
    let opts = Options {
        write: true,
        force: false,
        include_running: false,
        delete_source: true,
        backup_dir: PathBuf::from("."),
        concurrency: 4,
        page: 2,
        timeout: Some(Duration::from_secs(30)),
        impersonate: Default::default(),
    };
    let mut changed = false;
    let mut progress = |stage: Stage, done: usize, total: usize| {
        if stage == Stage::Copy && done == total && !changed {
            changed = true;
            kubectl(
                &env,
                "service-admin",
                &["label", "prowjob", "-n", &src.name, "k-2", "changed=yes"],
                None,
            );
        }
    };
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let summary = runtime
        .block_on(prowjobs::run(
            &side(&src.name),
            &side(&dst.name),
            &opts,
            &mut progress,
        ))
        .unwrap();
    assert!(changed);
    assert_eq!(
        (summary.copied, summary.verified, summary.deleted),
        (5, 5, 4)
    );
    assert!(summary.failed.is_empty(), "{:?}", summary.failed);
    assert_eq!(summary.kept.len(), 1);
    assert_eq!(summary.kept[0].name, "k-2");
    assert!(summary.kept[0].error.contains("changed on the source"));
    assert!(summary.left_over());
    let left: Vec<String> = list(&env, &admin, "service-admin", &src.name)
        .into_keys()
        .collect();
    assert_eq!(left, ["k-2"]);
}

/// Against kubectl: a copy made the way operators make one by hand (`kubectl get -o json`,
/// server fields removed, `kubectl create`) is what `migrate prowjobs` calls identical, so a
/// move started by hand is finished by the tool without a conflict, and copies nothing twice.
#[test]
fn a_copy_made_with_kubectl_is_identical() {
    let Some(env) = realk8s() else { return };
    let admin = env["REALK8S_ADMIN_KUBECONFIG"].clone();
    let (src, dst) = (
        Namespace::new(&env, "kc-src"),
        Namespace::new(&env, "kc-dst"),
    );
    let jobs: Vec<Value> = (0..12)
        .map(|i| prowjob(&format!("h-{i:02}"), STATES[i % 4]))
        .collect();
    create(&env, &admin, "service-admin", &src.name, &jobs);
    // By hand: the first eight, as `jq 'del(.metadata.uid, ...)'` would leave them.
    let by_hand: Vec<Value> = list(&env, &admin, "service-admin", &src.name)
        .into_values()
        .take(8)
        .map(|mut o| {
            let meta = o["metadata"].as_object_mut().unwrap();
            for k in [
                "uid",
                "resourceVersion",
                "creationTimestamp",
                "managedFields",
                "generation",
            ] {
                meta.remove(k);
            }
            meta.insert("namespace".into(), json!(dst.name));
            o
        })
        .collect();
    create(&env, &admin, "service-admin", &dst.name, &by_hand);
    let args = [
        "--from",
        "service-admin",
        "--to",
        "service-admin",
        "--from-namespace",
        &src.name,
        "--to-namespace",
        &dst.name,
        "--write",
        "-o",
        "json",
    ];
    let out = migrate(&[&admin], &args);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let s = json_of(&out);
    assert_eq!(
        (
            s["identical"].clone(),
            s["conflict"].clone(),
            s["copied"].clone()
        ),
        (json!(8), json!(0), json!(4))
    );
    let source = list(&env, &admin, "service-admin", &src.name);
    let target = list(&env, &admin, "service-admin", &dst.name);
    assert_eq!(target.len(), 12);
    for (name, t) in &target {
        assert_eq!(content(t), content(&source[name]), "{name}");
    }
}
