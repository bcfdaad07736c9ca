//! `check-pods` on the real build cluster of tests/realk8s/: each test makes its own namespace
//! (Pod Security `restricted`, a LimitRange, a full ResourceQuota, or none), contexts that point
//! at it with the admin credentials, and jobs whose pods admission must refuse or admit. For every
//! job, the answer equals `kubectl create --dry-run=server -f` on the very pod check-pods built
//! (`--print-pods`); after every run no pod of check-pods exists anywhere.

mod common;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use common::{kp, realk8s, run};
use serde_json::Value;

type Env = std::collections::BTreeMap<String, String>;

/// The pod name check-pods gives every pod (Prow's ProwJob name, a placeholder).
const POD_NAME: &str = "00000000-0000-4000-8000-000000000000";

fn kubectl(
    env: &Env,
    kubeconfig: &str,
    context: &str,
    args: &[&str],
    stdin: &str,
) -> (bool, String, String) {
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
        .write_all(stdin.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn admin(env: &Env, args: &[&str], stdin: &str) -> String {
    let (ok, out, err) = kubectl(
        env,
        &env["REALK8S_ADMIN_KUBECONFIG"],
        "build-admin",
        args,
        stdin,
    );
    assert!(ok, "kubectl {args:?}: {err}");
    out
}

/// A namespace of this test's own, with `extra` objects in it; deleted when dropped.
struct Namespace<'a> {
    env: &'a Env,
    name: String,
}

impl<'a> Namespace<'a> {
    fn new(env: &'a Env, what: &str, labels: &str, extra: &str) -> Self {
        let name = format!("cp-{what}-{}", std::process::id());
        admin(
            env,
            &["apply", "-f", "-"],
            &format!(
                "apiVersion: v1\nkind: Namespace\nmetadata: {{name: {name}, labels: {{{labels}}}}}\n{}",
                extra.replace("NS", &name)
            ),
        );
        // The namespace controller creates the default ServiceAccount; pods need it.
        for _ in 0..100 {
            let (ok, ..) = kubectl(
                env,
                &env["REALK8S_ADMIN_KUBECONFIG"],
                "build-admin",
                &["-n", &name, "get", "serviceaccount", "default"],
                "",
            );
            if ok {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(100));
        }
        Namespace { env, name }
    }
}

impl Drop for Namespace<'_> {
    fn drop(&mut self) {
        let _ = kubectl(
            self.env,
            &self.env["REALK8S_ADMIN_KUBECONFIG"],
            "build-admin",
            &["delete", "namespace", &self.name, "--wait=false"],
            "",
        );
    }
}

/// A kubeconfig with the admin's build cluster and user, and one context per (name, namespace),
/// plus `unreachable` (nothing listens on its port).
fn kubeconfig(env: &Env, dir: &Path, contexts: &[(&str, &str)]) -> PathBuf {
    let text = std::fs::read_to_string(&env["REALK8S_ADMIN_KUBECONFIG"]).unwrap();
    let section = |start: &str, end: &str| -> String {
        let from = text.find(start).unwrap() + start.len();
        let to = text[from..].find(end).map_or(text.len(), |i| from + i);
        text[from..to].to_string()
    };
    let clusters = section("clusters:\n", "users:");
    let users = section("users:\n", "contexts:");
    let mut out = format!(
        "apiVersion: v1\nkind: Config\nclusters:\n{clusters}- name: unreachable\n  cluster:\n    server: https://127.0.0.1:9\n    insecure-skip-tls-verify: true\nusers:\n{users}contexts:\n"
    );
    for (name, ns) in contexts {
        out.push_str(&format!(
            "- name: {name}\n  context: {{cluster: build, user: build-admin, namespace: {ns}}}\n"
        ));
    }
    out.push_str("- name: unreachable\n  context: {cluster: unreachable, user: build-admin, namespace: default}\n");
    out.push_str(&format!("current-context: {}\n", contexts[0].0));
    let path = dir.join("kubeconfig.yaml");
    std::fs::write(&path, out).unwrap();
    path
}

const CONFIG: &str = "\
pod_namespace: test-pods
plank:
  default_decoration_config_entries:
  - config:
      timeout: 2h
      grace_period: 15m
      utility_images: {clonerefs: 'clonerefs:v1', initupload: 'initupload:v1', entrypoint: 'entrypoint:v1', sidecar: 'sidecar:v1'}
      gcs_configuration: {bucket: logs, path_strategy: explicit}
";

/// A periodic in `cluster` with this container (YAML flow mapping) and extra pod fields.
fn job(name: &str, cluster: &str, container: &str, pod: &str) -> String {
    format!(
        "- name: {name}\n  cluster: {cluster}\n  interval: 1h\n  spec:\n    {pod}\n    containers:\n    - {container}\n"
    )
}

const RESTRICTED_CONTAINER: &str = "{image: busybox, command: ['true'], securityContext: {runAsNonRoot: true, runAsUser: 1000, allowPrivilegeEscalation: false, capabilities: {drop: [ALL]}, seccompProfile: {type: RuntimeDefault}}}";

struct Run {
    code: i32,
    results: Vec<Value>,
    pods: Vec<Value>,
    text: String,
}

/// Runs check-pods (-o json, then text, then --print-pods) over `jobs` and checks, after each,
/// that no pod of check-pods exists anywhere.
fn check_pods(env: &Env, kubeconfig: &Path, jobs: &str, extra: &[&str]) -> Run {
    let dir = kubeconfig.parent().unwrap();
    std::fs::write(dir.join("config.yaml"), CONFIG).unwrap();
    std::fs::write(dir.join("jobs.yaml"), format!("periodics:\n{jobs}")).unwrap();
    let base = |cmd: &mut assert_cmd::Command| {
        cmd.arg("--kubeconfig")
            .arg(kubeconfig)
            .arg("--config-path")
            .arg(dir.join("config.yaml"))
            .arg("--job-config-path")
            .arg(dir.join("jobs.yaml"))
            .arg("check-pods")
            .args(extra);
    };
    let mut cmd = kp();
    base(&mut cmd);
    let out = run(cmd.args(["-o", "json"]));
    assert_no_pods(env);
    let results: Vec<Value> = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {} {}", out.stdout, out.stderr));
    let mut cmd = kp();
    base(&mut cmd);
    let text = run(&mut cmd);
    assert_eq!(text.code, out.code, "text and json exit alike");
    assert_no_pods(env);
    let mut cmd = kp();
    base(&mut cmd);
    let printed = run(cmd.arg("--print-pods"));
    let list: Value = serde_json::from_str(&printed.stdout).unwrap();
    Run {
        code: out.code,
        results,
        pods: list["items"].as_array().unwrap().clone(),
        text: text.stdout,
    }
}

/// No pod check-pods could have created exists, in any namespace.
fn assert_no_pods(env: &Env) {
    let pods = admin(
        env,
        &[
            "get",
            "pods",
            "-A",
            "-o",
            "name",
            "-l",
            &format!("prow.k8s.io/id={POD_NAME}"),
        ],
        "",
    );
    assert_eq!(pods.trim(), "", "check-pods created pods");
    let named = admin(
        env,
        &[
            "get",
            "pods",
            "-A",
            "-o",
            "name",
            "--field-selector",
            &format!("metadata.name={POD_NAME}"),
        ],
        "",
    );
    assert_eq!(named.trim(), "", "check-pods created pods");
}

fn result<'a>(run: &'a Run, job: &str) -> &'a Value {
    run.results
        .iter()
        .find(|r| r["job"] == job)
        .unwrap_or_else(|| panic!("no result for {job}: {:#?}", run.results))
}

/// For every job asked about, `kubectl create --dry-run=server -f` on the same pod gives the
/// same answer: success for admitted, the same message for refused.
fn same_as_kubectl(env: &Env, kubeconfig: &Path, run: &Run) {
    for r in &run.results {
        let status = r["status"].as_str().unwrap();
        if !matches!(status, "admitted" | "refused") {
            continue;
        }
        let job = r["job"].as_str().unwrap();
        let pod = run
            .pods
            .iter()
            .find(|p| p["metadata"]["annotations"]["prow.k8s.io/job"] == job)
            .unwrap();
        let (ok, _, err) = kubectl(
            env,
            kubeconfig.to_str().unwrap(),
            r["context"].as_str().unwrap(),
            &["create", "--dry-run=server", "-f", "-", "-o", "name"],
            &pod.to_string(),
        );
        match status {
            "admitted" => assert!(ok, "{job}: admitted, but kubectl says {err}"),
            _ => {
                assert!(!ok, "{job}: refused, but kubectl created it");
                let message = r["message"].as_str().unwrap();
                assert!(
                    err.contains(message),
                    "{job}: kubectl's words differ:\n kubectl: {err}\n ours: {message}"
                );
            }
        }
    }
    assert_no_pods(env);
}

#[test]
fn restricted_pod_security_refuses_a_privileged_pod_in_the_servers_words() {
    let Some(env) = realk8s() else { return };
    let ns = Namespace::new(
        &env,
        "restricted",
        "pod-security.kubernetes.io/enforce: restricted",
        "",
    );
    let dir = tempfile::tempdir().unwrap();
    let kc = kubeconfig(&env, dir.path(), &[("restricted", &ns.name)]);
    let jobs = [
        job("privileged", "restricted", "{image: docker:dind, command: [dockerd], securityContext: {privileged: true}}", "restartPolicy: Never"),
        job("root-with-capabilities", "restricted", "{image: docker:dind, command: [dockerd], securityContext: {capabilities: {add: [SYS_ADMIN]}}}", "restartPolicy: Never"),
        job("compliant", "restricted", RESTRICTED_CONTAINER, "securityContext: {runAsNonRoot: true}"),
    ]
    .concat();
    let run = check_pods(&env, &kc, &jobs, &[]);
    assert_eq!(run.code, 1, "{}", run.text);
    // This API server allows no privileged container at all (--allow-privileged is off):
    // validation refuses it before Pod Security is asked.
    let privileged = result(&run, "privileged");
    assert_eq!(privileged["status"], "refused");
    assert!(
        privileged["message"]
            .as_str()
            .unwrap()
            .contains("privileged"),
        "{privileged}"
    );
    let root = result(&run, "root-with-capabilities");
    assert_eq!(root["status"], "refused");
    assert_eq!(root["reason"], "Forbidden");
    let message = root["message"].as_str().unwrap();
    assert!(
        message.contains("violates PodSecurity \"restricted:latest\"")
            && message.contains("SYS_ADMIN"),
        "{message}"
    );
    assert_eq!(result(&run, "compliant")["status"], "admitted");
    assert_eq!(result(&run, "compliant")["namespace"], ns.name.as_str());
    assert!(run.text.contains("violates"), "{}", run.text);
    same_as_kubectl(&env, &kc, &run);
}

#[test]
fn a_limit_range_and_a_full_quota_refuse_what_they_cap() {
    let Some(env) = realk8s() else { return };
    let limits = Namespace::new(
        &env,
        "limits",
        "",
        "---\napiVersion: v1\nkind: LimitRange\nmetadata: {name: cap, namespace: NS}\nspec: {limits: [{type: Container, max: {cpu: '1'}}]}\n",
    );
    let quota = Namespace::new(
        &env,
        "quota",
        "",
        "---\napiVersion: v1\nkind: ResourceQuota\nmetadata: {name: full, namespace: NS}\nspec: {hard: {pods: '1'}}\n",
    );
    let dir = tempfile::tempdir().unwrap();
    let kc = kubeconfig(
        &env,
        dir.path(),
        &[("limits", &limits.name), ("quota", &quota.name)],
    );
    // No quota controller runs on these clusters: record the quota's usage as it would, full.
    admin(
        &env,
        &[
            "-n",
            &quota.name,
            "patch",
            "resourcequota",
            "full",
            "--subresource=status",
            "--type=merge",
            "-p",
            r#"{"status":{"hard":{"pods":"1"},"used":{"pods":"1"}}}"#,
        ],
        "",
    );
    // Admission reads LimitRanges and quotas from caches: wait until they have these.
    let probe = format!(
        "apiVersion: v1\nkind: Pod\nmetadata: {{name: probe, namespace: {}}}\nspec: {{automountServiceAccountToken: false, containers: [{{name: a, image: busybox, resources: {{limits: {{cpu: '2'}}}}}}]}}\n",
        limits.name
    );
    let probe = format!("{probe}---\n{}", probe.replace(&limits.name, &quota.name));
    for _ in 0..100 {
        let (ok, _, err) = kubectl(
            &env,
            &env["REALK8S_ADMIN_KUBECONFIG"],
            "build-admin",
            &["create", "--dry-run=server", "-f", "-"],
            &probe,
        );
        let _ = ok;
        if err.matches("forbidden").count() >= 2 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    let jobs = [
        job(
            "too-much-cpu",
            "limits",
            "{image: busybox, command: ['true'], resources: {limits: {cpu: '2'}}}",
            "restartPolicy: Never",
        ),
        job(
            "within-limits",
            "limits",
            "{image: busybox, command: ['true'], resources: {limits: {cpu: 500m}}}",
            "restartPolicy: Never",
        ),
        job(
            "over-quota",
            "quota",
            "{image: busybox, command: ['true']}",
            "restartPolicy: Never",
        ),
    ]
    .concat();
    let run = check_pods(&env, &kc, &jobs, &[]);
    assert_eq!(run.code, 1, "{}", run.text);
    let cpu = result(&run, "too-much-cpu");
    assert_eq!(cpu["status"], "refused");
    assert!(
        cpu["message"]
            .as_str()
            .unwrap()
            .contains("maximum cpu usage per Container is 1"),
        "{cpu}"
    );
    assert_eq!(result(&run, "within-limits")["status"], "admitted");
    let q = result(&run, "over-quota");
    assert_eq!(q["status"], "refused");
    assert!(
        q["message"].as_str().unwrap().contains("exceeded quota"),
        "{q}"
    );
    same_as_kubectl(&env, &kc, &run);
}

#[test]
fn a_missing_service_account_a_request_over_its_limit_and_a_missing_secret() {
    let Some(env) = realk8s() else { return };
    let ns = Namespace::new(&env, "plain", "", "");
    let dir = tempfile::tempdir().unwrap();
    let kc = kubeconfig(&env, dir.path(), &[("plain", &ns.name)]);
    let jobs = [
        job("no-sa", "plain", "{image: busybox, command: ['true']}", "serviceAccountName: nobody-here"),
        job("over-limit", "plain", "{image: busybox, command: ['true'], resources: {requests: {cpu: '2'}, limits: {cpu: '1'}}}", "restartPolicy: Never"),
        job("no-secret", "plain", "{image: busybox, command: ['true'], env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: absent-secret, key: token}}}]}", "restartPolicy: Never"),
        job("fine", "plain", "{image: busybox, command: ['true']}", "restartPolicy: Never"),
    ]
    .concat();
    let run = check_pods(&env, &kc, &jobs, &[]);
    assert_eq!(run.code, 1, "{}", run.text);
    let sa = result(&run, "no-sa");
    assert_eq!(sa["status"], "refused");
    assert!(
        sa["message"].as_str().unwrap().contains("nobody-here"),
        "{sa}"
    );
    let q = result(&run, "over-limit");
    assert_eq!(q["status"], "refused");
    assert_eq!(q["reason"], "Invalid");
    assert!(
        q["message"]
            .as_str()
            .unwrap()
            .contains("must be less than or equal to cpu limit"),
        "{q}"
    );
    // Admission lets a pod through whose Secret is missing; it would never start.
    let s = result(&run, "no-secret");
    assert_eq!(s["status"], "admitted");
    assert_eq!(
        s["references"],
        serde_json::json!([{"kind": "Secret", "name": "absent-secret", "exists": false}])
    );
    assert!(run.text.contains("Secret/absent-secret"), "{}", run.text);
    assert_eq!(result(&run, "fine")["status"], "admitted");
    same_as_kubectl(&env, &kc, &run);

    // The same Secret once it exists: nothing is wrong any more.
    admin(
        &env,
        &[
            "-n",
            &ns.name,
            "create",
            "secret",
            "generic",
            "absent-secret",
            "--from-literal=token=x",
        ],
        "",
    );
    let run = check_pods(
        &env,
        &kc,
        &job(
            "no-secret",
            "plain",
            "{image: busybox, command: ['true'], env: [{name: TOKEN, valueFrom: {secretKeyRef: {name: absent-secret, key: token}}}]}",
            "restartPolicy: Never",
        ),
        &[],
    );
    assert_eq!(run.code, 0, "{}", run.text);
    assert_eq!(result(&run, "no-secret")["references"][0]["exists"], true);
}

#[test]
fn plank_may_create_pods_but_not_read_secrets() {
    let Some(env) = realk8s() else { return };
    let dir = tempfile::tempdir().unwrap();
    let jobs = job(
        "plank-job",
        "build-plank",
        "{image: busybox, command: ['true'], env: [{name: T, valueFrom: {secretKeyRef: {name: whatever, key: k}}}]}",
        "restartPolicy: Never",
    );
    let run = check_pods(
        &env,
        &PathBuf::from(&env["REALK8S_KUBECONFIG_ALL"])
            .canonicalize()
            .unwrap(),
        &jobs,
        &[],
    );
    let _ = dir;
    let r = result(&run, "plank-job");
    assert_eq!(r["status"], "admitted", "{r}");
    assert_eq!(r["namespace"], "test-pods");
    assert_eq!(r["references"][0]["exists"], Value::Null);
    assert!(
        r["references"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("may not get secrets")
    );
    assert_eq!(run.code, 0, "{}", run.text);
}

#[test]
fn a_context_that_cannot_be_reached_is_an_error_and_exit_4() {
    let Some(env) = realk8s() else { return };
    let ns = Namespace::new(&env, "reach", "", "");
    let dir = tempfile::tempdir().unwrap();
    let kc = kubeconfig(&env, dir.path(), &[("plain", &ns.name)]);
    let jobs = [
        job(
            "fine",
            "plain",
            "{image: busybox, command: ['true']}",
            "restartPolicy: Never",
        ),
        job(
            "far-away",
            "unreachable",
            "{image: busybox, command: ['true']}",
            "restartPolicy: Never",
        ),
        job(
            "refused",
            "plain",
            "{image: busybox, command: ['true'], resources: {requests: {cpu: '2'}, limits: {cpu: '1'}}}",
            "restartPolicy: Never",
        ),
    ]
    .concat();
    let run = check_pods(&env, &kc, &jobs, &["--request-timeout", "5s"]);
    assert_eq!(run.code, 4, "4 wins over 1: {}", run.text);
    let far = result(&run, "far-away");
    assert_eq!(far["status"], "error");
    assert_eq!(far["reason"], "unreachable");
    assert_eq!(result(&run, "fine")["status"], "admitted");
    assert_eq!(result(&run, "refused")["status"], "refused");
    same_as_kubectl(&env, &kc, &run);
}
