//! `check-rbac` against misbehaving servers and exec plugins (a loopback fault server of the
//! tests' own; see tests/common/fault.rs): every fault ends in its own row, of the right kind,
//! within the deadline, while the healthy contexts of the same run still answer. The real API
//! servers are in tests/check_rbac_realk8s.rs.

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::time::{Duration, Instant};

use common::fault::{Fault, FaultServer, kubeconfig};
use common::{kp, run};
use serde_json::Value;

const SECRET: &str = "tok-SECRET-4f2a9c";

fn token_user() -> String {
    format!("    token: {SECRET}")
}

fn exec_user(command: &Path) -> String {
    format!(
        "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {}\n      interactiveMode: Never",
        command.display()
    )
}

fn script(dir: &Path, name: &str, body: &str) -> std::path::PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn by_name(rows: &[Value]) -> std::collections::BTreeMap<String, &Value> {
    rows.iter()
        .map(|r| (r["context"].as_str().unwrap().to_string(), r))
        .collect()
}

#[test]
fn every_fault_is_its_own_row_of_the_right_kind_and_the_healthy_contexts_still_answer() {
    let dir = tempfile::tempdir().unwrap();
    let healthy = FaultServer::start(Fault::Healthy);
    let servers = [
        ("healthy", healthy.url.clone(), token_user()),
        (
            "refused",
            FaultServer::start(Fault::Refused).url,
            token_user(),
        ),
        ("hang", FaultServer::start(Fault::Hang).url, token_user()),
        (
            "tls-unknown-ca",
            FaultServer::start_tls_unknown_ca().url,
            token_user(),
        ),
        (
            "unauthorized",
            FaultServer::start(Fault::Unauthorized).url,
            token_user(),
        ),
        (
            "forbidden",
            FaultServer::start(Fault::ForbiddenReviews).url,
            token_user(),
        ),
        (
            "throttled",
            FaultServer::start(Fault::Throttle).url,
            token_user(),
        ),
        (
            "server-error",
            FaultServer::start(Fault::ServerError).url,
            token_user(),
        ),
        ("html", FaultServer::start(Fault::Html).url, token_user()),
        (
            "cut-off",
            FaultServer::start(Fault::CutOff).url,
            token_user(),
        ),
        (
            "exec-missing",
            healthy.url.clone(),
            exec_user(&dir.path().join("no-such-plugin")),
        ),
        (
            "exec-fails",
            healthy.url.clone(),
            exec_user(&script(
                dir.path(),
                "fails",
                "echo 'token expired, run login' >&2; exit 3",
            )),
        ),
        (
            "exec-bad-json",
            healthy.url.clone(),
            exec_user(&script(dir.path(), "bad-json", "echo '{not json'")),
        ),
        (
            "exec-hangs",
            healthy.url.clone(),
            exec_user(&script(dir.path(), "hangs", "exec sleep 60")),
        ),
        (
            "exec-ok",
            healthy.url.clone(),
            exec_user(&script(
                dir.path(),
                "ok",
                &format!(
                    r#"echo '{{"apiVersion":"client.authentication.k8s.io/v1","kind":"ExecCredential","status":{{"token":"{SECRET}"}}}}'"#
                ),
            )),
        ),
    ];
    let entries: Vec<(&str, &str, &str)> = servers
        .iter()
        .map(|(n, s, u)| (*n, s.as_str(), u.as_str()))
        .collect();
    let file = dir.path().join("faults.yaml");
    std::fs::write(&file, kubeconfig(&entries)).unwrap();

    let started = Instant::now();
    let out = run(kp().args([
        "--kubeconfig",
        file.to_str().unwrap(),
        "--request-timeout",
        "3s",
        "check-rbac",
        "-o",
        "json",
    ]));
    let took = started.elapsed();
    assert_eq!(
        out.code, 4,
        "a failed context is exit 4; stderr: {}",
        out.stderr
    );
    // Every context has the same 3 s deadline, all run at once: the whole run ends soon after.
    assert!(took < Duration::from_secs(8), "took {took:?}");
    assert!(!out.stdout.contains(SECRET) && !out.stderr.contains(SECRET));

    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let rows = by_name(&rows);
    let kind = |name: &str| {
        let r = rows[name];
        assert_eq!(r["status"], "error", "{name}: {r:#}");
        r["error"]["kind"].as_str().unwrap().to_string()
    };
    for (name, expected) in [
        ("refused", "unreachable"),
        ("hang", "timeout"),
        ("tls-unknown-ca", "tls"),
        ("unauthorized", "unauthorized"),
        ("forbidden", "forbidden"),
        ("throttled", "throttled"),
        ("server-error", "server-error"),
        ("html", "bad-response"),
        ("cut-off", "bad-response"),
        ("exec-missing", "exec"),
        ("exec-fails", "exec"),
        ("exec-bad-json", "exec"),
        ("exec-hangs", "exec"),
    ] {
        assert_eq!(kind(name), expected, "{name}: {:#}", rows[name]);
    }
    assert!(
        rows["exec-fails"]["error"]["message"]
            .as_str()
            .unwrap()
            .contains("token expired, run login"),
        "the plugin's own message is passed on"
    );
    for name in ["healthy", "exec-ok"] {
        let r = rows[name];
        assert_eq!(r["status"], "ok", "{name}: {r:#}");
        assert_eq!(r["identity"]["username"], "healthy");
        assert!(
            r["checks"]
                .as_array()
                .unwrap()
                .iter()
                .all(|c| c["allowed"] == true)
        );
    }
    // The forbidden context still says who it is: only the reviews were refused.
    assert_eq!(rows["forbidden"]["identity"]["username"], "healthy");
}

#[test]
fn a_hung_exec_plugin_is_killed_at_the_deadline() {
    let dir = tempfile::tempdir().unwrap();
    let marker = dir.path().join("still-running");
    // The plugin's own child would outlive a kill of the plugin alone.
    let plugin = script(
        dir.path(),
        "hangs",
        &format!("(sleep 3; touch {}) &\nwait", marker.display()),
    );
    let healthy = FaultServer::start(Fault::Healthy);
    let file = dir.path().join("k.yaml");
    std::fs::write(
        &file,
        kubeconfig(&[("hung", &healthy.url, &exec_user(&plugin))]),
    )
    .unwrap();
    let out = run(kp().args([
        "--kubeconfig",
        file.to_str().unwrap(),
        "--request-timeout",
        "1s",
        "check-rbac",
    ]));
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stdout.contains("hung: exec: exec plugin")
            && out.stdout.contains("did not finish within 1.0s"),
        "{}",
        out.stdout
    );
    std::thread::sleep(Duration::from_secs(4));
    assert!(
        !marker.exists(),
        "the plugin (or its child) outlived the deadline"
    );
}

#[test]
fn the_table_names_each_failure_below_it() {
    let refused = FaultServer::start(Fault::Refused);
    let healthy = FaultServer::start(Fault::Healthy);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.yaml");
    std::fs::write(
        &file,
        kubeconfig(&[
            ("good", &healthy.url, &token_user()),
            ("gone", &refused.url, &token_user()),
        ]),
    )
    .unwrap();
    let out = run(kp().args(["--kubeconfig", file.to_str().unwrap(), "check-rbac"]));
    assert_eq!(out.code, 4);
    let port = refused.url.rsplit(':').next().unwrap();
    let text = out.stdout.replace(port, "PORT");
    let port = healthy.url.rsplit(':').next().unwrap();
    let text = text.replace(port, "PORT");
    insta::assert_snapshot!(text);
}

#[test]
fn with_job_configuration_only_the_contexts_jobs_use_are_checked_and_a_missing_one_is_a_row() {
    let healthy = FaultServer::start(Fault::Healthy);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.yaml");
    std::fs::write(
        &file,
        kubeconfig(&[
            ("build01", &healthy.url, &token_user()),
            ("unused", &healthy.url, &token_user()),
            ("service", &healthy.url, &token_user()),
        ]),
    )
    .unwrap();
    let jobs = dir.path().join("jobs.yaml");
    std::fs::write(
        &jobs,
        "periodics:\n- name: a\n  cluster: build01\n  interval: 1h\n  spec: {containers: [{image: x}]}\n\
         - name: b\n  cluster: build99\n  interval: 1h\n  spec: {containers: [{image: x}]}\n",
    )
    .unwrap();
    let out = run(kp().args([
        "--kubeconfig",
        file.to_str().unwrap(),
        "--prow-job-context",
        "service",
        "--job-config-path",
        jobs.to_str().unwrap(),
        "check-rbac",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 1, "a missing context is exit 1: {}", out.stderr);
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let rows = by_name(&rows);
    assert_eq!(
        rows.keys().collect::<Vec<_>>(),
        ["build01", "build99", "service"]
    );
    assert_eq!(rows["build99"]["status"], "missing");
    assert_eq!(rows["build01"]["status"], "ok");
    // The ProwJob context runs no jobs: it is asked about ProwJobs only, in its namespace.
    let service = rows["service"];
    assert_eq!(service["crd"], "installed");
    assert!(
        service["checks"]
            .as_array()
            .unwrap()
            .iter()
            .all(|c| c["resource"] == "prowjobs" && c["group"] == "prow.k8s.io")
    );
}

#[test]
fn an_unknown_context_is_a_configuration_error() {
    let healthy = FaultServer::start(Fault::Healthy);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.yaml");
    std::fs::write(&file, kubeconfig(&[("a", &healthy.url, &token_user())])).unwrap();
    let out = run(kp().args([
        "--kubeconfig",
        file.to_str().unwrap(),
        "--context",
        "nope",
        "check-rbac",
    ]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("--context \"nope\": no such context"),
        "{}",
        out.stderr
    );
}

#[test]
fn on_a_terminal_a_slow_run_shows_progress_and_still_ends_at_the_deadline() {
    // `script` (util-linux) gives the command a real pseudo-terminal, where the progress line
    // is printed from another thread after a second.
    let hang = FaultServer::start(Fault::Hang);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.yaml");
    std::fs::write(&file, kubeconfig(&[("slow", &hang.url, &token_user())])).unwrap();
    let line = format!(
        "{} --kubeconfig {} --request-timeout 2s check-rbac",
        assert_cmd::cargo::cargo_bin("kubectl-prow").display(),
        file.display()
    );
    let started = Instant::now();
    let mut child = std::process::Command::new("script")
        .args(["-qec", &line, "/dev/null"])
        .env("HOME", common::empty_home())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("script(1) from util-linux");
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            assert_eq!(status.code(), Some(4));
            break;
        }
        assert!(
            started.elapsed() < Duration::from_secs(10),
            "hung on a terminal"
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    let mut text = String::new();
    std::io::Read::read_to_string(&mut child.stdout.take().unwrap(), &mut text).unwrap();
    assert!(text.contains("asking 1 context(s)"), "{text:?}");
    assert!(text.contains("slow: timeout"), "{text:?}");
}

#[test]
fn secrets_in_urls_never_reach_any_output() {
    let healthy = FaultServer::start(Fault::Healthy);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.yaml");
    let with_query = format!("{}/?token=QUERY-SECRET-77", healthy.url);
    std::fs::write(
        &file,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n\
             - name: proxied\n  cluster: {{server: \"{}\", proxy-url: \"http://bob:PROXY-SECRET-55@127.0.0.1:1\"}}\n\
             - name: query\n  cluster: {{server: \"{with_query}\"}}\n\
             users:\n- name: u\n  user: {{token: {SECRET}}}\n\
             contexts:\n- name: proxied\n  context: {{cluster: proxied, user: u}}\n\
             - name: query\n  context: {{cluster: query, user: u}}\n",
            healthy.url
        ),
    )
    .unwrap();
    let xml = dir.path().join("j.xml");
    for format in ["table", "wide", "json", "yaml"] {
        let out = run(kp()
            .args([
                "--kubeconfig",
                file.to_str().unwrap(),
                "--request-timeout",
                "3s",
            ])
            .args(["check-rbac", "-o", format, "--junit"])
            .arg(&xml));
        let junit = std::fs::read_to_string(&xml).unwrap();
        for secret in ["PROXY-SECRET-55", "QUERY-SECRET-77", SECRET] {
            assert!(
                !out.stdout.contains(secret)
                    && !out.stderr.contains(secret)
                    && !junit.contains(secret),
                "{format}: {secret} leaked:\n{}\n{}",
                out.stdout,
                out.stderr
            );
        }
    }
    // The proxy is used (kubectl supports proxy-url): nothing listens there, so unreachable.
    let out = run(kp().args([
        "--kubeconfig",
        file.to_str().unwrap(),
        "check-rbac",
        "-o",
        "json",
    ]));
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let rows = by_name(&rows);
    assert_eq!(
        rows["proxied"]["error"]["kind"], "unreachable",
        "{:#}",
        rows["proxied"]
    );
    assert!(
        rows["query"]["server"]
            .as_str()
            .unwrap()
            .contains("token=REDACTED")
    );
}

#[test]
fn config_path_alone_checks_every_context() {
    let healthy = FaultServer::start(Fault::Healthy);
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.yaml");
    std::fs::write(
        &file,
        kubeconfig(&[
            ("a", &healthy.url, &token_user()),
            ("b", &healthy.url, &token_user()),
        ]),
    )
    .unwrap();
    let config = dir.path().join("config.yaml");
    std::fs::write(
        &config,
        "pod_namespace: test-pods\nprowjob_namespace: prow\n",
    )
    .unwrap();
    let out = run(kp().args([
        "--kubeconfig",
        file.to_str().unwrap(),
        "--config-path",
        config.to_str().unwrap(),
        "check-rbac",
        "-o",
        "json",
    ]));
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows.len(), 2, "{}", out.stdout);
}
