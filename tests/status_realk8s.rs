//! `status` on the real clusters of tests/realk8s/: ProwJobs created with each state (Prow's
//! CRD has no status subresource, so the status is written with the object) over a build
//! context, a context that cannot be reached and one no file defines; pods with and without
//! ProwJobs. Every count in `-o json` is what the test created.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};

use common::{kp, realk8s, run};
use serde_json::{Value, json};

type Env = std::collections::BTreeMap<String, String>;

fn kubectl(env: &Env, context: &str, args: &[&str], stdin: Option<&str>) -> String {
    use std::io::Write;
    let mut child = Command::new(Path::new(&env["REALK8S_BIN"]).join("kubectl"))
        .args([
            "--kubeconfig",
            &env["REALK8S_ADMIN_KUBECONFIG"],
            "--context",
            context,
        ])
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

fn prowjob(ns: &str, name: &str, cluster: &str, state: &str, start: &str) -> String {
    format!(
        "---\napiVersion: prow.k8s.io/v1\nkind: ProwJob\nmetadata: {{name: {name}, namespace: {ns}}}\n\
         spec: {{cluster: {cluster}, job: {name}, type: periodic, agent: kubernetes}}\n\
         status: {{state: {state}, startTime: \"{start}\"}}\n"
    )
}

fn pod(ns: &str, name: &str) -> String {
    format!(
        "---\napiVersion: v1\nkind: Pod\nmetadata: {{name: {name}, namespace: {ns}, labels: {{created-by-prow: \"true\"}}}}\n\
         spec: {{automountServiceAccountToken: false, containers: [{{name: test, image: alpine}}]}}\n"
    )
}

#[test]
fn every_count_is_what_was_created() {
    let Some(env) = realk8s() else { return };
    let ns = format!("status-{}", std::process::id());
    let namespace = format!("apiVersion: v1\nkind: Namespace\nmetadata: {{name: {ns}}}\n");
    kubectl(
        &env,
        "service-admin",
        &["apply", "-f", "-"],
        Some(&namespace),
    );
    kubectl(&env, "build-admin", &["apply", "-f", "-"], Some(&namespace));
    let now = k8s_openapi::jiff::Timestamp::now();
    let at = |hours_ago: i64| {
        (now - k8s_openapi::jiff::SignedDuration::from_hours(hours_ago)).to_string()
    };
    let mut jobs = String::new();
    for (i, state) in ["success", "success", "failure", "aborted", "error"]
        .iter()
        .enumerate()
    {
        jobs.push_str(&prowjob(
            &ns,
            &format!("done-{i}"),
            "build-admin",
            state,
            &at(1),
        ));
    }
    // Older than --since: not counted.
    jobs.push_str(&prowjob(&ns, "old", "build-admin", "success", &at(48)));
    jobs.push_str(&prowjob(&ns, "running", "build-admin", "pending", &at(0)));
    jobs.push_str(&prowjob(&ns, "stuck", "build-admin", "pending", &at(3)));
    jobs.push_str(&prowjob(&ns, "queued", "build-admin", "triggered", &at(0)));
    jobs.push_str(&prowjob(&ns, "dead-0", "build-dead", "pending", &at(0)));
    jobs.push_str(&prowjob(&ns, "lost-0", "nowhere", "triggered", &at(2)));
    jobs.push_str(&prowjob(&ns, "lost-1", "nowhere", "triggered", &at(1)));
    kubectl(&env, "service-admin", &["apply", "-f", "-"], Some(&jobs));
    // The pending `running` job has its pod; `stuck` has none; one pod has no ProwJob. No
    // node runs them: they stay Pending.
    let pods = pod(&ns, "running") + &pod(&ns, "orphan");
    kubectl(&env, "build-admin", &["apply", "-f", "-"], Some(&pods));

    let dir = tempfile::tempdir().unwrap();
    let admin = std::fs::read_to_string(&env["REALK8S_ADMIN_KUBECONFIG"])
        .unwrap()
        .replace("namespace: default", &format!("namespace: {ns}"));
    let kc = dir.path().join("admin.yaml");
    std::fs::write(&kc, admin).unwrap();
    let dead = dir.path().join("dead.yaml");
    std::fs::write(
        &dead,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: dead\n  cluster: {{server: \"https://127.0.0.1:1\"}}\n\
             users:\n- name: dead\n  user: {{token: t}}\n\
             contexts:\n- name: build-dead\n  context: {{cluster: dead, user: dead, namespace: {ns}}}\n"
        ),
    )
    .unwrap();
    let status = |extra: &[&str]| {
        run(kp()
            .args(["--kubeconfig", kc.to_str().unwrap()])
            .args(["--kubeconfig", dead.to_str().unwrap()])
            .args([
                "--prow-job-context",
                "service-admin",
                "--request-timeout",
                "3s",
            ])
            .arg("status")
            .args(extra))
    };
    let out = status(&["-o", "json"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let s: Value = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(s["namespace"], ns.as_str());
    let row = |name: &str| {
        s["contexts"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["context"] == name)
            .unwrap_or_else(|| panic!("no row {name}: {s:#}"))
            .clone()
    };
    let build = row("build-admin");
    assert_eq!(
        build["states"],
        json!({"triggered": 1, "pending": 2, "success": 2, "failure": 1, "aborted": 1, "error": 1})
    );
    assert_eq!(build["stuck"], 1);
    assert!(
        build["oldestPending"].as_u64().unwrap() >= 3 * 3600 - 60,
        "{build}"
    );
    assert_eq!(build["pendingWithoutPod"], 1);
    assert_eq!(
        build["pods"],
        json!({"phases": {"Pending": 2}, "waiting": {}, "withoutProwJob": 1})
    );
    let dead_row = row("build-dead");
    assert_eq!(dead_row["error"]["kind"], "unreachable", "{dead_row}");
    assert_eq!(dead_row["states"]["pending"], 1);
    assert_eq!(
        s["unknownContexts"],
        json!([{"cluster": "nowhere", "prowjobs": 2, "newest": "lost-1"}])
    );

    // The table fits 80 columns and says what is wrong below it.
    let table = run(kp()
        .env("KUBECTL_PROW_COLUMNS", "80")
        .args(["--kubeconfig", kc.to_str().unwrap()])
        .args(["--kubeconfig", dead.to_str().unwrap()])
        .args([
            "--prow-job-context",
            "service-admin",
            "--request-timeout",
            "3s",
            "status",
        ]));
    // The table and its legend (the notes below are one line each, as check-rbac's).
    assert!(
        table
            .stdout
            .lines()
            .take_while(|l| !l.starts_with("TRIG "))
            .all(|l| l.chars().count() <= 80),
        "{}",
        table.stdout
    );
    assert!(
        table.stdout.contains("build-dead: unreachable"),
        "{}",
        table.stdout
    );
    assert!(
        table
            .stdout
            .contains("most failures and errors in the last 24h: build-admin (2)"),
        "{}",
        table.stdout
    );
    assert!(
        table
            .stdout
            .contains("2 ProwJob(s) name cluster \"nowhere\""),
        "{}",
        table.stdout
    );

    assert_eq!(status(&["--fail-on-stuck"]).code, 1);
    // The ProwJob context cannot be read: exit 4.
    let out = run(kp()
        .args(["--kubeconfig", kc.to_str().unwrap()])
        .args(["--kubeconfig", dead.to_str().unwrap()])
        .args([
            "--prow-job-context",
            "build-dead",
            "--request-timeout",
            "3s",
            "status",
        ]));
    assert_eq!(out.code, 4, "{}", out.stdout);

    for context in ["service-admin", "build-admin"] {
        kubectl(
            &env,
            context,
            &["delete", "namespace", &ns, "--wait=false"],
            None,
        );
    }
}

/// `-w` reads and redraws every `--interval` until Ctrl-C, which exits 0.
#[test]
fn watch_redraws_until_interrupted() {
    let Some(env) = realk8s() else { return };
    let child = Command::new(assert_cmd::cargo::cargo_bin("kubectl-prow"))
        .args(["--kubeconfig", &env["REALK8S_ADMIN_KUBECONFIG"]])
        .args(["--prow-job-context", "service-admin", "status", "-w"])
        .args(["--interval", "300ms", "-o", "json"])
        .env_remove("KUBECONFIG")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    // SAFETY: signalling our own child process by its pid.
    unsafe {
        libc::kill(child.id() as i32, libc::SIGINT);
    }
    let out = child.wait_with_output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.matches("\"prowJobContext\"").count() >= 2,
        "{stdout}"
    );
}
