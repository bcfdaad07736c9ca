//! Property: random secrets placed in every secret-bearing kubeconfig field never appear in any
//! command's output, in any `-o` format, nor in an error message; only `view --raw` prints
//! them (checked too, so that the secrets are known to be in what was loaded).
//!
//! The fields follow `kubectl config view`'s redaction: token, password, client key and
//! certificate data, certificate-authority data; and what an operator's CI log should not show
//! either: exec environment values, auth-provider secrets, credentials and query values in the
//! server and proxy URLs. Servers are unreachable (`127.0.0.1:1`), so `check-rbac` fails on
//! every context and its error messages are covered too. Secrets are sometimes all digits and
//! written unquoted, so they reach the reader as YAML numbers (a path where a parser's own
//! message could quote the value).

mod common;

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::{kp, run};
use proptest::prelude::*;

/// The fields, in the order the secrets are generated.
const FIELDS: [&str; 14] = [
    "token",
    "password",
    "client-key-data",
    "client-certificate-data",
    "certificate-authority-data",
    "exec env value",
    "auth-provider access-token",
    "auth-provider client-secret",
    "auth-provider refresh-token",
    "server URL password",
    "proxy URL password",
    "server URL query token",
    "auth-provider id-token",
    "JWT token signature",
];

/// A secret unlikely to occur in output by chance: long, letters and digits, or only digits.
fn secret() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => "[A-Za-z][A-Za-z0-9]{17,23}",
        1 => "[1-9][0-9]{15,17}",
    ]
}

/// A YAML scalar: plain (digits become a number) or quoted.
fn scalar(s: &str, quote: bool) -> String {
    if quote {
        format!("\"{s}\"")
    } else {
        s.to_string()
    }
}

/// `quote[i]`: whether field `i` is written quoted. The reader refuses a number in the fields
/// client-go types as strings (token, password, data fields), so those are unquoted only in
/// cases that test that refusal.
fn kubeconfig(s: &[String], quote: &[bool]) -> String {
    let q = |i: usize| scalar(&s[i], quote[i]);
    // Data fields hold base64 (client-go refuses anything else): the secret, padded with `A`s
    // to a whole number of base64 quanta, so it is still found if printed.
    let data = |i: usize| {
        let pad = "A".repeat((4 - s[i].len() % 4) % 4);
        scalar(&format!("{}{pad}", s[i]), quote[i])
    };
    format!(
        "apiVersion: v1
kind: Config
clusters:
- name: plain
  cluster:
    server: https://127.0.0.1:1
    certificate-authority-data: {ca}
- name: userinfo
  cluster:
    server: \"https://admin:{url_pass}@127.0.0.1:1\"
- name: proxied
  cluster:
    server: \"https://127.0.0.1:1/?token={query}\"
    proxy-url: \"http://proxy:{proxy_pass}@127.0.0.1:1\"
users:
- name: token
  user:
    token: {token}
- name: basic
  user:
    username: admin
    password: {password}
- name: cert
  user:
    client-certificate-data: {cert}
    client-key-data: {key}
- name: exec
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      interactiveMode: Never
      command: /nonexistent/credential-plugin
      env:
      - name: PLUGIN_SECRET
        value: {env}
- name: jwt
  user:
    token: {jwt}.{jwt_sig}
- name: provider
  user:
    auth-provider:
      name: oidc
      config:
        access-token: {access}
        client-secret: {client_secret}
        refresh-token: {refresh}
        id-token: {id}
        client-id: kubectl-prow
contexts:
- name: token
  context: {{cluster: plain, user: token}}
- name: basic
  context: {{cluster: userinfo, user: basic}}
- name: cert
  context: {{cluster: plain, user: cert}}
- name: exec
  context: {{cluster: proxied, user: exec}}
- name: provider
  context: {{cluster: plain, user: provider}}
- name: jwt
  context: {{cluster: plain, user: jwt}}
current-context: token
",
        token = q(0),
        password = q(1),
        key = data(2),
        cert = data(3),
        ca = data(4),
        env = q(5),
        access = q(6),
        client_secret = q(7),
        refresh = q(8),
        url_pass = s[9],
        proxy_pass = s[10],
        query = s[11],
        id = q(12),
        jwt = jwt_prefix(),
        jwt_sig = s[13],
    )
}

/// A TokenRequest JWT's header and payload (decoded by `credentials` and `lint`: its `sub` and
/// times are printed, never the token); the secret is its signature.
fn jwt_prefix() -> String {
    use base64::Engine;
    let e = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    format!(
        "{}.{}",
        e(r#"{"alg":"RS256"}"#),
        e(
            r#"{"exp":4102444800,"iat":1700000000,"sub":"system:serviceaccount:ns:sa","kubernetes.io":{"namespace":"ns","serviceaccount":{"name":"sa"}}}"#
        )
    )
}

const JOBS: &str = "presubmits:
  org/repo:
  - name: unit
    cluster: token
    spec: {containers: [{image: alpine}]}
  - name: no-cluster
    spec: {containers: [{image: alpine}]}
periodics:
- name: nightly
  cluster: exec
  interval: 24h
  spec: {containers: [{image: alpine}]}
";

/// Every command that reads a kubeconfig, in every output format, and ways to make them fail.
fn commands() -> Vec<Vec<&'static str>> {
    let mut all: Vec<Vec<&str>> = Vec::new();
    for o in ["table", "wide", "json", "yaml", "name"] {
        all.push(vec!["contexts", "-o", o]);
    }
    for o in ["table", "wide", "json", "yaml"] {
        all.push(vec!["credentials", "-o", o]);
    }
    all.push(vec!["view"]);
    all.push(vec!["view", "-o", "json"]);
    all.push(vec!["view", "--minify", "--context", "basic"]);
    all.push(vec!["view", "--flatten"]);
    for o in ["table", "wide", "json", "yaml", "name"] {
        all.push(vec!["jobs", "-o", o]);
    }
    for o in ["text", "json", "yaml"] {
        all.push(vec!["lint", "-o", o]);
    }
    all.push(vec!["lint", "--junit", JUNIT]);
    all.push(vec![
        "check-rbac",
        "--request-timeout",
        "3s",
        "--junit",
        JUNIT,
    ]);
    all.push(vec!["lint", "-v"]);
    for o in ["table", "wide", "json", "yaml"] {
        all.push(vec!["check-rbac", "--request-timeout", "3s", "-o", o]);
    }
    all.push(vec![
        "check-rbac",
        "--request-timeout",
        "3s",
        "--context",
        "provider",
    ]);
    for o in ["mermaid", "dot"] {
        all.push(vec!["graph", "-o", o]);
    }
    all.push(vec!["migrate", "plan"]);
    all.push(vec!["migrate", "plan", "-o", "json"]);
    all.push(vec!["migrate", "jobs"]);
    // Errors that name loaded entries.
    all.push(vec!["--context", "nope", "contexts"]);
    all.push(vec!["--user", "nope", "contexts"]);
    all.push(vec!["--merge", "prow", "contexts", "-o", "json"]);
    all.push(vec!["--merge", "kubectl", "lint"]);
    all
}

/// Stands for a JUnit report file in `dir`, whose content counts as output.
const JUNIT: &str = "JUNIT";

/// Runs `args` on the kubeconfig files (two files define every entry twice, with different
/// secrets: a strict-union collision, so the error messages are covered) and returns
/// everything the command printed or wrote.
fn output(dir: &Path, files: &[&Path], args: &[&str]) -> String {
    let mut cmd = kp();
    for f in files {
        cmd.arg("--kubeconfig").arg(f);
    }
    cmd.arg("--job-config-path").arg(dir.join("jobs.yaml"));
    let junit = dir.join("junit.xml");
    let _ = std::fs::remove_file(&junit);
    for a in args {
        if *a == JUNIT {
            cmd.arg(&junit);
        } else {
            cmd.arg(a);
        }
    }
    let out = run(&mut cmd);
    // A usage error would mean the command never ran.
    assert_ne!(out.code, 2, "{args:?}: {}", out.stderr);
    let written = std::fs::read_to_string(&junit).unwrap_or_default();
    format!("{}\n{}\n{written}", out.stdout, out.stderr)
}

/// Rotates through every command, so each runs in several cases whatever the random picks.
static NEXT: AtomicUsize = AtomicUsize::new(0);

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    #[test]
    fn no_secret_reaches_any_output_but_view_raw(
        secrets in prop::collection::vec(secret(), FIELDS.len()),
        other in prop::collection::vec(secret(), FIELDS.len()),
        quote in prop::collection::vec(any::<bool>(), FIELDS.len()),
        numbers_refused in prop::bool::weighted(0.1),
        pick in any::<prop::sample::Index>(),
        twice in prop::bool::weighted(0.25),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("k.yaml");
        let quote: Vec<bool> = quote
            .iter()
            .enumerate()
            .map(|(i, q)| *q || (i <= 4 && !numbers_refused))
            .collect();
        std::fs::write(&file, kubeconfig(&secrets, &quote)).unwrap();
        let second = dir.path().join("k2.yaml");
        std::fs::write(&second, kubeconfig(&other, &quote)).unwrap();
        std::fs::write(dir.path().join("jobs.yaml"), JOBS).unwrap();
        let files: Vec<&Path> = if twice { vec![&file, &second] } else { vec![&file] };

        let all = commands();
        let rotating = &all[NEXT.fetch_add(1, Ordering::Relaxed) % all.len()];
        let random = pick.get(&all);
        for args in [rotating, random] {
            let printed = output(dir.path(), &files, args);
            for (field, s) in FIELDS.iter().zip(&secrets) {
                prop_assert!(
                    !printed.contains(s.as_str()),
                    "{} ({}) printed by {:?}:\n{}", field, s, args, printed
                );
            }
            for s in &other {
                prop_assert!(!printed.contains(s.as_str()), "{:?}:\n{}", args, printed);
            }
        }

        // The exception, and the proof that the secrets were there to leak: `view --raw`.
        if !twice && !numbers_refused {
            let raw = output(dir.path(), &files, &["view", "--raw"]);
            for (field, s) in FIELDS.iter().zip(&secrets) {
                prop_assert!(raw.contains(s.as_str()), "--raw must print {}:\n{}", field, raw);
            }
        }
    }
}

/// Found by the property above: serde's "invalid type: integer `…`" quoted an exec environment
/// value written as a number in check-rbac's error.
#[test]
fn a_numeric_exec_env_value_is_not_quoted_in_check_rbacs_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.yaml");
    std::fs::write(
        &file,
        "clusters:\n- {name: c, cluster: {server: \"https://127.0.0.1:1\"}}\n\
         users:\n- {name: u, user: {exec: {command: /nonexistent/p, apiVersion: client.authentication.k8s.io/v1beta1, \
         env: [{name: S, value: 61619311041580471}]}}}\n\
         contexts:\n- {name: x, context: {cluster: c, user: u}}\n",
    )
    .unwrap();
    let out = run(kp()
        .arg("--kubeconfig")
        .arg(&file)
        .args(["check-rbac", "-o", "wide"]));
    assert!(
        out.stdout
            .contains("invalid type: integer, expected a string"),
        "{}",
        out.stdout
    );
    assert!(!format!("{}{}", out.stdout, out.stderr).contains("61619311041580471"));
}
