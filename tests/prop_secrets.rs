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
//!
//! Credential expiry (issue 25) adds what is read from credentials and servers: a context
//! served over TLS by the fault server (its certificate recorded in check-rbac's JSON), whose
//! user is an exec plugin printing a secret token with an `expirationTimestamp`, and a user
//! with a real client certificate about to expire (its subject and dates printed by
//! `contexts`, `credentials` and `lint`, never its body or its key).

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use base64::Engine;
use common::fault::{Fault, FaultServer};

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
/// The TLS server (healthy, its own CA) and a client certificate and key about to expire:
/// real material, made once per run; their bodies must never be printed.
struct Real {
    server: FaultServer,
    ca_pem: String,
    cert_pem: String,
    key_pem: String,
}

fn real() -> &'static Real {
    static REAL: OnceLock<Real> = OnceLock::new();
    REAL.get_or_init(|| {
        let now = kubectl_prow::credentials::now();
        let (config, ca_pem, _) =
            common::tls::ca_signed("served-apiserver", now - 360 * 86400, now + 3 * 86400);
        let key = rcgen::KeyPair::generate().unwrap();
        let mut p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
        p.distinguished_name
            .push(rcgen::DnType::CommonName, "expiring-user");
        p.not_before = time::OffsetDateTime::from_unix_timestamp(now - 360 * 86400).unwrap();
        p.not_after = time::OffsetDateTime::from_unix_timestamp(now + 5 * 86400).unwrap();
        Real {
            server: FaultServer::start_tls(Fault::Healthy, config),
            ca_pem,
            cert_pem: p.self_signed(&key).unwrap().pem(),
            key_pem: key.serialize_pem(),
        }
    })
}

/// Lines of base64 in the real material (PEM bodies, and the base64 of each whole PEM as a
/// kubeconfig embeds it): none may be printed.
fn real_bodies() -> Vec<String> {
    let r = real();
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    let mut out: Vec<String> = [&r.ca_pem, &r.cert_pem, &r.key_pem]
        .iter()
        .flat_map(|pem| {
            pem.lines()
                .filter(|l| !l.starts_with("-----") && l.len() >= 40)
        })
        .map(str::to_string)
        .collect();
    for pem in [&r.ca_pem, &r.cert_pem, &r.key_pem] {
        out.push(b64(pem)[..60].to_string());
    }
    out
}

/// An exec plugin in `dir` that prints `token` with an expiry.
fn plugin(dir: &Path, token: &str) -> std::path::PathBuf {
    let path = dir.join("plugin");
    let expires = kubectl_prow::credentials::rfc3339(kubectl_prow::credentials::now() + 3600);
    std::fs::write(
        &path,
        format!(
            "#!/bin/sh\necho '{{\"apiVersion\":\"client.authentication.k8s.io/v1\",\
             \"kind\":\"ExecCredential\",\"status\":{{\"token\":\"{token}\",\
             \"expirationTimestamp\":\"{expires}\"}}}}'\n"
        ),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn kubeconfig(s: &[String], quote: &[bool], plugin: &Path) -> String {
    let q = |i: usize| scalar(&s[i], quote[i]);
    let r = real();
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
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
- name: served
  cluster:
    server: {served}
    certificate-authority-data: {served_ca}
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
- name: plugin
  user:
    exec:
      apiVersion: client.authentication.k8s.io/v1
      interactiveMode: Never
      command: {plugin}
- name: expiring
  user:
    client-certificate-data: {real_cert}
    client-key-data: {real_key}
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
- name: served
  context: {{cluster: served, user: plugin}}
- name: expiring
  context: {{cluster: served, user: expiring}}
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
        served = r.server.url,
        served_ca = b64(&r.ca_pem),
        plugin = plugin.display(),
        real_cert = b64(&r.cert_pem),
        real_key = b64(&r.key_pem),
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
- name: served
  cluster: served
  interval: 24h
  spec: {containers: [{image: alpine}]}
- name: expiring
  cluster: expiring
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
        all.push(vec!["lint", "--expiry-warning", "400d", "-o", o]);
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
        plugin_token in secret(),
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
        let plugin = plugin(dir.path(), &plugin_token);
        std::fs::write(&file, kubeconfig(&secrets, &quote, &plugin)).unwrap();
        let second = dir.path().join("k2.yaml");
        std::fs::write(&second, kubeconfig(&other, &quote, &plugin)).unwrap();
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
            prop_assert!(
                !printed.contains(plugin_token.as_str()),
                "the exec plugin's token printed by {:?}:\n{}", args, printed
            );
            for body in real_bodies() {
                prop_assert!(
                    !printed.contains(body.as_str()),
                    "a certificate or key body printed by {:?}:\n{}", args, printed
                );
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

/// The property above covers the credential-expiry fields only if they are printed: the
/// served context's certificate and exec expiry reach check-rbac's JSON, the expiring client
/// certificate's subject reaches `contexts` and `lint`.
#[test]
fn the_credential_expiry_fields_are_printed_for_the_property_to_cover() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("k.yaml");
    let secrets: Vec<String> = (0..FIELDS.len())
        .map(|i| format!("Secret{i}xyzzy"))
        .collect();
    let plugin = plugin(dir.path(), "PluginTokenSecret");
    std::fs::write(&file, kubeconfig(&secrets, &[true; FIELDS.len()], &plugin)).unwrap();
    std::fs::write(dir.path().join("jobs.yaml"), JOBS).unwrap();
    let rbac = output(
        dir.path(),
        &[&file],
        &["check-rbac", "--context", "served", "-o", "json"],
    );
    assert!(rbac.contains("\"serverCertificate\": {"), "{rbac}");
    assert!(rbac.contains("CN=served-apiserver") && rbac.contains("\"kind\": \"exec\""));
    let contexts = output(dir.path(), &[&file], &["contexts"]);
    let expiring = contexts.lines().find(|l| l.contains(" expiring ")).unwrap();
    assert!(
        contexts.starts_with("CURRENT")
            && contexts.contains("EXPIRES")
            && expiring.contains(" in "),
        "{contexts}"
    );
    let lint = output(dir.path(), &[&file], &["lint"]);
    assert!(lint.contains("CN=expiring-user"), "{lint}");
}
