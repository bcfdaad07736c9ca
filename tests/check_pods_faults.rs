//! `check-pods` against servers that misbehave (tests/common/fault.rs): every fault ends as its
//! own job's `error`, of the right kind, within the deadline, and the exit code is 4; what a
//! hostile server says reaches no output raw.

mod common;

use common::fault::{Fault, FaultServer, kubeconfig};
use common::{kp, run};
use serde_json::Value;

const TOKEN: &str = "    token: not-a-real-token";

fn jobs(contexts: &[&str]) -> String {
    let mut out = String::from("periodics:\n");
    for c in contexts {
        out.push_str(&format!(
            "- name: ci-{c}\n  cluster: {c}\n  interval: 1h\n  spec:\n    containers:\n    - {{image: busybox, command: [sh]}}\n"
        ));
    }
    out
}

#[test]
fn every_fault_is_its_own_jobs_error_of_the_right_kind() {
    let faults = [
        ("refused", Fault::Refused, "unreachable"),
        ("hang", Fault::Hang, "timeout"),
        ("unauthorized", Fault::Unauthorized, "unauthorized"),
        ("throttle", Fault::Throttle, "throttled"),
        ("server-error", Fault::ServerError, "server-error"),
        ("html", Fault::Html, "bad-response"),
        ("cut-off", Fault::CutOff, "bad-response"),
    ];
    let servers: Vec<FaultServer> = faults
        .iter()
        .map(|(_, f, _)| FaultServer::start(*f))
        .collect();
    let tls = FaultServer::start_tls_unknown_ca();
    let healthy = FaultServer::start(Fault::Healthy);
    let mut entries: Vec<(&str, &str, &str)> = faults
        .iter()
        .zip(&servers)
        .map(|((name, ..), s)| (*name, s.url.as_str(), TOKEN))
        .collect();
    entries.push(("tls", tls.url.as_str(), TOKEN));
    entries.push(("healthy", healthy.url.as_str(), TOKEN));
    let names: Vec<&str> = entries.iter().map(|e| e.0).collect();
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("kc.yaml"), kubeconfig(&entries)).unwrap();
    std::fs::write(dir.path().join("jobs.yaml"), jobs(&names)).unwrap();
    let out = run(kp()
        .arg("--kubeconfig")
        .arg(dir.path().join("kc.yaml"))
        .arg("--job-config-path")
        .arg(dir.path().join("jobs.yaml"))
        .args(["--request-timeout", "3s", "check-pods", "-o", "json"]));
    assert_eq!(out.code, 4, "{}\n{}", out.stdout, out.stderr);
    let results: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let by = |job: &str| results.iter().find(|r| r["job"] == job).unwrap();
    for (name, _, kind) in faults.iter().chain([&("tls", Fault::Healthy, "tls")]) {
        let r = by(&format!("ci-{name}"));
        assert_eq!(r["status"], "error", "{r}");
        assert_eq!(r["reason"], *kind, "{name}: {r}");
    }
    assert_eq!(by("ci-healthy")["status"], "admitted");
}

#[test]
fn a_hostile_refusal_is_escaped_in_text_and_json() {
    let server = FaultServer::start(Fault::HostileRefusal);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("kc.yaml"),
        kubeconfig(&[("hostile", server.url.as_str(), TOKEN)]),
    )
    .unwrap();
    std::fs::write(dir.path().join("jobs.yaml"), jobs(&["hostile"])).unwrap();
    for format in ["text", "json", "yaml"] {
        let out = run(kp()
            .arg("--kubeconfig")
            .arg(dir.path().join("kc.yaml"))
            .arg("--job-config-path")
            .arg(dir.path().join("jobs.yaml"))
            .args(["check-pods", "-o", format]));
        assert_eq!(out.code, 1, "{}", out.stderr);
        for bad in ['\u{1b}', '\u{7}', '\u{202e}'] {
            assert!(!out.stdout.contains(bad), "{format}: {:?}", out.stdout);
        }
        assert!(out.stdout.contains("pwned"), "{format}: {}", out.stdout);
    }
}
