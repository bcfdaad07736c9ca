//! Property: whatever a cluster's `server` holds, no command panics. Every command that reads a
//! kubeconfig (and those that then talk to the server) runs over generated kubeconfigs whose
//! servers lack a scheme, put an IPv6 address without brackets, give port 0 or 99999, carry
//! userinfo, paths, queries, fragments, spaces, unicode or nothing at all. A panic shows as
//! exit 101 or as `panicked` on standard error (a panic in a tokio worker does not end the
//! process, so both are checked). Servers that are URLs point at closed local ports, so the
//! network commands fail fast on every context and their error paths run too.

mod common;

use std::sync::atomic::{AtomicUsize, Ordering};

use common::{kp, run};
use proptest::prelude::*;

/// A `server` value assembled from hostile parts.
fn server() -> impl Strategy<Value = String> {
    let scheme = prop::sample::select(vec![
        "", "https://", "http://", "HTTPS://", "ftp://", "https:/", "://",
    ]);
    let userinfo = prop::sample::select(vec!["", "admin@", "admin:pw@", "@", ":@"]);
    let host = prop::sample::select(vec![
        "127.0.0.1",
        "localhost",
        "::1",
        "[::1]",
        "[::1",
        "fe80::1%eth0",
        "h st",
        "h\u{e9}te.example",
        "",
        "0",
        "http.buildme.com",
    ]);
    let port = prop::sample::select(vec![
        "", ":1", ":0", ":99999", ":65536", ":-1", ":abc", ":", ":6443:1",
    ]);
    let path = prop::sample::select(vec!["", "/", "/p", "/p/q/", "/a b", "/\u{2603}", "//"]);
    let query = prop::sample::select(vec!["", "?x=1", "?", "?a=b&c"]);
    let fragment = prop::sample::select(vec!["", "#f", "#"]);
    prop_oneof![
        8 => (scheme, userinfo, host, port, path, query, fragment)
            .prop_map(|(s, u, h, p, pa, q, f)| format!("{s}{u}{h}{p}{pa}{q}{f}")),
        1 => prop::sample::select(vec![
            "", " ", "host:6443", "http.buildme.com", "https://", "https://:6443", "\t",
            "https://127.0.0.1:1 ", " https://127.0.0.1:1",
        ])
        .prop_map(str::to_string),
    ]
}

/// A kubeconfig with one context per server, each with a token user, the first current.
fn kubeconfig(servers: &[String]) -> String {
    let mut clusters = String::new();
    let mut contexts = String::new();
    for (i, s) in servers.iter().enumerate() {
        // JSON string syntax is YAML's double-quoted syntax for these characters.
        let quoted = serde_json::to_string(s).unwrap();
        clusters.push_str(&format!("- name: c{i}\n  cluster:\n    server: {quoted}\n"));
        contexts.push_str(&format!(
            "- name: x{i}\n  context: {{cluster: c{i}, user: u, namespace: test-pods}}\n"
        ));
    }
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n{clusters}users:\n- name: u\n  user: {{token: t0k3n}}\n\
         contexts:\n{contexts}current-context: x0\n"
    )
}

const COMMANDS: &[&[&str]] = &[
    &["contexts"],
    &["contexts", "-o", "json"],
    &["view"],
    &["view", "--minify", "--flatten"],
    &["lint"],
    &["lint", "-o", "json"],
    &["graph"],
    &["check-rbac", "--request-timeout", "1s"],
    &["check-rbac", "--request-timeout", "1s", "--suggest"],
    &["grant", "--service-account", "prow"],
    &["migrate", "plan"],
    &["migrate", "plan", "--online", "--request-timeout", "1s"],
    &[
        "--prow-job-context",
        "x0",
        "--request-timeout",
        "1s",
        "status",
    ],
];

static CASES: AtomicUsize = AtomicUsize::new(0);

proptest! {
    #![proptest_config(ProptestConfig { cases: 40, ..ProptestConfig::default() })]

    #[test]
    fn no_command_panics_on_any_server(servers in prop::collection::vec(server(), 1..4)) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config.yaml");
        std::fs::write(&path, kubeconfig(&servers)).unwrap();
        for args in COMMANDS {
            let out = run(kp().arg("--kubeconfig").arg(&path).args(*args));
            prop_assert!(
                out.code != 101 && !out.stderr.contains("panicked"),
                "`kubectl prow {}` panicked on servers {:?} (exit {}):\n{}",
                args.join(" "),
                servers,
                out.code,
                out.stderr
            );
            // Every outcome is one of the documented exit codes.
            prop_assert!((0..=5).contains(&out.code), "exit {} for {:?}: {}", out.code, args, out.stderr);
        }
        CASES.fetch_add(1, Ordering::Relaxed);
    }
}

/// The README's own example: `http.buildme.com` is a configuration failure of its context,
/// asked of no one, not a panic in kube's worker.
#[test]
fn the_design_documents_example_server_is_a_config_failure_not_a_panic() {
    let example = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/examples/separate-cluster.yaml"
    );
    let out = run(kp().args([
        "--kubeconfig",
        example,
        "check-rbac",
        "--request-timeout",
        "1s",
        "-o",
        "json",
    ]));
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert_eq!(
        out.code, 4,
        "stderr: {}\nstdout: {}",
        out.stderr, out.stdout
    );
    let rows: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    let text = rows.to_string();
    assert!(
        text.contains("\\\"http.buildme.com\\\" is not an https:// (or http://) URL"),
        "{text}"
    );
    assert!(!text.contains("worker closed"), "{text}");
}
