//! Every type that holds a credential prints it redacted, through `Debug` and (where it has
//! one) `Display`: a `{:?}` in a log line or an error must not carry a token.

use std::path::Path;
use std::sync::Arc;

use kubectl_prow::kubeconfig::{
    Context, ContextName, Entry, Kind, LoadOptions, PodServiceAccount, Target, file, load,
};
use kubectl_prow::rbac::exec::ExecOutput;
use kubectl_prow::secret::Secret;
use kubectl_prow::source::Origin;

/// One distinct secret per field, so a failure names the field that leaked.
const SECRETS: [(&str, &str); 11] = [
    ("token", "tok-5ecret-A1"),
    ("password", "pass-5ecret-B2"),
    ("client-key-data", "a2V5LTVlY3JldC1DMw=="),
    ("client-certificate-data", "Y2VydC01ZWNyZXQtRDQ="),
    ("certificate-authority-data", "Y2EtNWVjcmV0LUU1"),
    ("exec env value", "env-5ecret-F6"),
    ("auth-provider access-token", "access-5ecret-G7"),
    ("auth-provider client-secret", "client-5ecret-H8"),
    ("auth-provider refresh-token", "refresh-5ecret-I9"),
    ("server URL password", "url-5ecret-J10"),
    ("proxy URL password", "proxy-5ecret-K11"),
];

fn secret(field: &str) -> &'static str {
    SECRETS.iter().find(|(f, _)| *f == field).unwrap().1
}

fn assert_redacted(what: &str, printed: &str) {
    for (field, value) in SECRETS {
        assert!(
            !printed.contains(value),
            "{what} prints the {field}:\n{printed}"
        );
    }
}

const KUBECONFIG: &str = "apiVersion: v1
kind: Config
clusters:
- name: c
  cluster:
    server: https://admin:url-5ecret-J10@127.0.0.1:6443
    proxy-url: http://p:proxy-5ecret-K11@127.0.0.1:3128
    certificate-authority-data: Y2EtNWVjcmV0LUU1
users:
- name: u
  user:
    token: tok-5ecret-A1
    username: admin
    password: pass-5ecret-B2
    client-certificate-data: Y2VydC01ZWNyZXQtRDQ=
    client-key-data: a2V5LTVlY3JldC1DMw==
    exec:
      command: plugin
      env:
      - {name: SECRET, value: env-5ecret-F6}
    auth-provider:
      name: oidc
      config:
        access-token: access-5ecret-G7
        client-secret: client-5ecret-H8
        refresh-token: refresh-5ecret-I9
contexts:
- name: x
  context: {cluster: c, user: u}
current-context: x
";

#[test]
fn a_secret_prints_as_redacted_and_is_exposed_only_on_request() {
    let s = Secret::new(secret("token"));
    assert_eq!(format!("{s}"), "REDACTED");
    assert_eq!(format!("{s:?}"), "Secret(REDACTED)");
    assert_eq!(format!("{:?}", Some(s.clone())), "Some(Secret(REDACTED))");
    assert_eq!(s.expose(), secret("token"));
}

#[test]
fn exec_plugin_output_prints_no_token_or_key() {
    let token = ExecOutput::Token(Secret::new(secret("token")));
    let cert = ExecOutput::ClientCert {
        certificate: "-----BEGIN CERTIFICATE-----".into(),
        key: Secret::new(secret("client-key-data")),
    };
    assert_redacted("ExecOutput::Token", &format!("{token:?}"));
    assert_redacted("ExecOutput::ClientCert", &format!("{cert:?}"));
}

#[test]
fn kubeconfig_entries_and_what_holds_them_print_redacted() {
    let parsed = file::parse(Arc::from(Path::new("/k/config")), KUBECONFIG).unwrap();
    // The reader keeps every field: the secrets are in the values being printed.
    let user = &parsed.entries(Kind::User)[0];
    assert_eq!(user.field("token"), Some(secret("token")));
    assert_redacted("KubeconfigFile", &format!("{parsed:?}"));
    assert_redacted("KubeconfigFile (pretty)", &format!("{parsed:#?}"));
    for kind in Kind::ALL {
        for entry in parsed.entries(kind) {
            assert_redacted("Entry", &format!("{entry:?}"));
            assert!(format!("{entry:?}").contains(&entry.name));
        }
    }

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("k.yaml");
    std::fs::write(&path, KUBECONFIG).unwrap();
    let set = load(&LoadOptions {
        kubeconfigs: vec![path],
        ..LoadOptions::default()
    })
    .unwrap();
    assert!(set.get("x").unwrap().credentials.is_some());
    assert_redacted("ContextSet", &format!("{set:?}"));
    for ctx in &set.contexts {
        assert_redacted("Context", &format!("{ctx:?}"));
    }
}

#[test]
fn a_hand_built_context_prints_redacted() {
    let entry = |body: serde_json::Value| Entry {
        name: "e".into(),
        origin: Origin::file("/k"),
        body: std::sync::Arc::new(body),
    };
    let ctx = Context {
        name: ContextName::new("x"),
        origin: Origin::file("/k"),
        cluster: Some("e".into()),
        user: Some("e".into()),
        namespace: None,
        target: Target::Cluster(entry(serde_json::json!({
            "server": format!("https://a:{}@h", secret("server URL password")),
            "certificate-authority-data": secret("certificate-authority-data"),
        }))),
        credentials: Some(entry(serde_json::json!({
            "token": secret("token"),
            "password": secret("password"),
            "exec": {"env": [{"name": "S", "value": secret("exec env value")}]},
        }))),
        alias_of: None,
    };
    assert_redacted("Context", &format!("{ctx:?}"));
}

#[test]
fn a_pod_service_account_names_its_token_file_and_never_holds_the_token() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("token"), secret("token")).unwrap();
    let sa = PodServiceAccount::from_parts(
        Some("10.0.0.1".into()),
        Some("443".into()),
        dir.path(),
        None,
    )
    .unwrap();
    assert_eq!(sa.token_file, dir.path().join("token"));
    assert_redacted("PodServiceAccount", &format!("{sa:?}"));
}
