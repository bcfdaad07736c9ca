//! Credential health offline (issue 25): certificates generated here with chosen validity
//! (rcgen), JWTs with chosen claims, through `kubectl prow credentials`, `lint` and the library
//! (with "now" injected).

mod common;

use std::path::{Path, PathBuf};

use base64::Engine;
use common::{kp, run};
use kubectl_prow::credentials::{self, Expiry, Kind, Status};
use kubectl_prow::kubeconfig::{LoadOptions, load};

const DAY: i64 = 24 * 3600;

fn now() -> i64 {
    credentials::now()
}

/// A self-signed certificate (PEM) and its key (PEM).
fn cert(cn: &str, org: Option<&str>, not_before: i64, not_after: i64) -> (String, String) {
    let key = rcgen::KeyPair::generate().unwrap();
    (
        cert_with(&key, cn, org, not_before, not_after),
        key.serialize_pem(),
    )
}

fn cert_with(
    key: &rcgen::KeyPair,
    cn: &str,
    org: Option<&str>,
    not_before: i64,
    not_after: i64,
) -> String {
    let mut p = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    p.distinguished_name = rcgen::DistinguishedName::new();
    p.distinguished_name.push(rcgen::DnType::CommonName, cn);
    if let Some(o) = org {
        p.distinguished_name
            .push(rcgen::DnType::OrganizationName, o);
    }
    p.not_before = time::OffsetDateTime::from_unix_timestamp(not_before).unwrap();
    p.not_after = time::OffsetDateTime::from_unix_timestamp(not_after).unwrap();
    p.self_signed(key).unwrap().pem()
}

fn b64(s: &str) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// An unsigned-looking JWT with these claims (the signature is never checked).
fn jwt(claims: serde_json::Value) -> String {
    let e = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    format!(
        "{}.{}.{}",
        e(r#"{"alg":"RS256","kid":"k"}"#),
        e(&claims.to_string()),
        e("SIGNATURE-BYTES-NOT-CHECKED")
    )
}

/// A TokenRequest token of `ns/sa` issued at `iat`, expiring at `exp`.
fn sa_token(ns: &str, sa: &str, iat: i64, exp: i64) -> String {
    jwt(serde_json::json!({
        "aud": ["https://kubernetes.default.svc"],
        "exp": exp, "iat": iat, "nbf": iat,
        "iss": "https://kubernetes.default.svc",
        "sub": format!("system:serviceaccount:{ns}:{sa}"),
        "kubernetes.io": {"namespace": ns, "serviceaccount": {"name": sa, "uid": "u-1"}}
    }))
}

/// A legacy Secret-based ServiceAccount token: no `exp`.
fn legacy_token(ns: &str, sa: &str) -> String {
    jwt(serde_json::json!({
        "iss": "kubernetes/serviceaccount",
        "kubernetes.io/serviceaccount/namespace": ns,
        "kubernetes.io/serviceaccount/secret.name": format!("{sa}-token-abcde"),
        "kubernetes.io/serviceaccount/service-account.name": sa,
        "sub": format!("system:serviceaccount:{ns}:{sa}")
    }))
}

/// One context: its user's fields and its cluster's extra fields (YAML lines, indented by
/// the caller's convention: `key: value`).
struct Ctx<'a> {
    name: &'a str,
    user: Vec<String>,
    cluster: Vec<String>,
}

fn kubeconfig(dir: &Path, file: &str, contexts: &[Ctx]) -> PathBuf {
    let mut y = String::from("apiVersion: v1\nkind: Config\nclusters:\n");
    for c in contexts {
        y += &format!(
            "- name: {n}\n  cluster:\n    server: https://127.0.0.1:6443\n",
            n = c.name
        );
        for l in &c.cluster {
            y += &format!("    {l}\n");
        }
    }
    y += "contexts:\n";
    for c in contexts {
        y += &format!(
            "- name: {n}\n  context:\n    cluster: {n}\n    user: {n}\n",
            n = c.name
        );
    }
    y += "users:\n";
    for c in contexts {
        y += &format!("- name: {n}\n  user:\n", n = c.name);
        for l in &c.user {
            y += &format!("    {l}\n");
        }
    }
    let path = dir.join(file);
    std::fs::write(&path, y).unwrap();
    path
}

fn client_cert(cert: &str, key: &str) -> Vec<String> {
    vec![
        format!("client-certificate-data: {}", b64(cert)),
        format!("client-key-data: {}", b64(key)),
    ]
}

fn ca(pems: &[&str]) -> Vec<String> {
    vec![format!(
        "certificate-authority-data: {}",
        b64(&pems.concat())
    )]
}

/// Every kind of credential, one context each, relative to `t`; the secrets returned too,
/// for the no-secret checks.
fn fleet(dir: &Path, t: i64) -> (PathBuf, Vec<String>) {
    let (valid, valid_key) = cert(
        "plank",
        Some("prow:plank"),
        t - 100 * DAY,
        t + 265 * DAY + 3600,
    );
    let (expiring, expiring_key) = cert("sinker", None, t - 350 * DAY, t + 10 * DAY + 3600);
    let (expired, expired_key) = cert("hook", None, t - 400 * DAY, t - 2 * DAY - 3600);
    let (future, future_key) = cert("deck", None, t + 5 * DAY, t + 400 * DAY);
    let (ca_old, _) = cert("old-ca", None, t - 3000 * DAY, t + 20 * DAY);
    let (ca_new, _) = cert("new-ca", None, t - DAY, t + 3650 * DAY);
    let tokenrequest = sa_token(
        "test-pods",
        "plank",
        t - 12 * DAY / 24,
        t + 36 * 3600 + 1800,
    );
    let legacy = legacy_token("test-pods", "old");
    let expired_jwt = sa_token("test-pods", "gone", t - 3 * DAY, t - 2 * DAY);
    std::fs::write(dir.join("expired.token"), format!("{expired_jwt}\n")).unwrap();
    let path = kubeconfig(
        dir,
        "fleet.yaml",
        &[
            Ctx {
                name: "valid",
                user: client_cert(&valid, &valid_key),
                cluster: ca(&[&ca_old, &ca_new]),
            },
            Ctx {
                name: "expiring",
                user: client_cert(&expiring, &expiring_key),
                cluster: vec![],
            },
            Ctx {
                name: "expired",
                user: client_cert(&expired, &expired_key),
                cluster: vec![],
            },
            Ctx {
                name: "future",
                user: client_cert(&future, &future_key),
                cluster: vec![],
            },
            Ctx {
                name: "tokenrequest",
                user: vec![format!("token: {tokenrequest}")],
                cluster: vec![],
            },
            Ctx {
                name: "legacy",
                user: vec![format!("token: {legacy}")],
                cluster: vec![],
            },
            Ctx {
                name: "opaque",
                user: vec!["token: OPAQUE-TOKEN-SECRET".into()],
                cluster: vec![],
            },
            Ctx {
                name: "tokenfile",
                user: vec!["tokenFile: expired.token".into()],
                cluster: vec![],
            },
        ],
    );
    let secrets = vec![
        tokenrequest,
        legacy,
        expired_jwt,
        "OPAQUE-TOKEN-SECRET".into(),
        b64(&valid),
        b64(&valid_key),
        b64(&ca_old),
    ];
    (path, secrets)
}

fn body_lines(pem: &str) -> Vec<&str> {
    pem.lines().filter(|l| !l.starts_with("-----")).collect()
}

#[test]
fn the_json_lists_every_credential_with_its_subject_times_and_source() {
    let dir = tempfile::tempdir().unwrap();
    let (path, secrets) = fleet(dir.path(), now());
    let out = run(kp().args([
        "--kubeconfig",
        path.to_str().unwrap(),
        "credentials",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 1, "expired and not-yet-valid: {}", out.stderr);
    for s in &secrets {
        assert!(!out.stdout.contains(s.as_str()), "a secret in the output");
    }
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let ctx = |n: &str| rows.iter().find(|r| r["context"] == n).unwrap().clone();
    let file = path.to_str().unwrap();

    let valid = ctx("valid");
    let creds = valid["credentials"].as_array().unwrap();
    assert_eq!(creds.len(), 3, "{valid:#}");
    assert_eq!(creds[0]["kind"], "client-certificate");
    assert_eq!(creds[0]["subject"], "CN=plank,O=prow:plank");
    assert_eq!(creds[0]["issuer"], "CN=plank,O=prow:plank");
    assert_eq!(creds[0]["status"], "valid");
    assert_eq!(creds[0]["source"]["file"], file);
    // The user entry `- name: valid` under users:, line 1-based.
    let text = std::fs::read_to_string(&path).unwrap();
    let users_at = text.lines().position(|l| l == "users:").unwrap() as u64;
    assert_eq!(creds[0]["source"]["line"], users_at + 2);
    assert_eq!(creds[1]["kind"], "certificate-authority");
    assert_eq!(creds[1]["subject"], "CN=old-ca");
    assert_eq!(creds[1]["status"], "expiring");
    assert_eq!(creds[2]["subject"], "CN=new-ca");
    assert_eq!(creds[1]["source"]["line"], 4);
    // notBefore/notAfter in RFC 3339; the context expires with its earliest.
    let na = creds[1]["notAfter"].as_str().unwrap();
    assert!(
        na.len() == 20 && na.ends_with('Z') && na.as_bytes()[10] == b'T',
        "{na}"
    );
    assert_eq!(valid["expires"], creds[1]["notAfter"]);
    assert!(creds[0]["notBefore"].is_string());

    assert_eq!(ctx("expiring")["credentials"][0]["status"], "expiring");
    assert_eq!(ctx("expired")["credentials"][0]["status"], "expired");
    assert_eq!(ctx("future")["credentials"][0]["status"], "not-yet-valid");

    let tr = &ctx("tokenrequest")["credentials"][0];
    assert_eq!(tr["kind"], "token");
    assert_eq!(tr["subject"], "system:serviceaccount:test-pods:plank");
    assert_eq!(tr["serviceAccount"], "test-pods/plank");
    assert_eq!(tr["status"], "valid");
    assert!(tr["notAfter"].is_string() && tr["notBefore"].is_string());

    let legacy = &ctx("legacy");
    assert_eq!(legacy["credentials"][0]["status"], "long-lived");
    assert_eq!(
        legacy["credentials"][0]["notAfter"],
        serde_json::Value::Null
    );
    assert_eq!(legacy["expires"], serde_json::Value::Null);

    let opaque = &ctx("opaque")["credentials"][0];
    assert_eq!(opaque["status"], "unknown");
    assert_eq!(opaque["subject"], serde_json::Value::Null);
    assert_eq!(opaque["notAfter"], serde_json::Value::Null);

    let tf = &ctx("tokenfile")["credentials"][0];
    assert_eq!(tf["status"], "expired");
    assert_eq!(tf["subject"], "system:serviceaccount:test-pods:gone");
}

#[test]
fn yaml_has_the_same_fields() {
    let dir = tempfile::tempdir().unwrap();
    let (path, secrets) = fleet(dir.path(), now());
    let out = run(kp().args([
        "--kubeconfig",
        path.to_str().unwrap(),
        "credentials",
        "-o",
        "yaml",
    ]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    for key in [
        "context:",
        "credentials:",
        "kind: client-certificate",
        "kind: certificate-authority",
        "kind: token",
        "source:",
        "file:",
        "line:",
        "subject:",
        "notBefore:",
        "notAfter:",
        "expires:",
        "status: long-lived",
    ] {
        assert!(out.stdout.contains(key), "{key} missing:\n{}", out.stdout);
    }
    for s in &secrets {
        assert!(!out.stdout.contains(s.as_str()));
    }
}

#[test]
fn the_table_has_every_column_and_fits_80_columns() {
    let dir = tempfile::tempdir().unwrap();
    let (path, secrets) = fleet(dir.path(), now());
    let out = run(kp().env("KUBECTL_PROW_COLUMNS", "80").args([
        "--kubeconfig",
        path.to_str().unwrap(),
        "credentials",
    ]));
    // The dates come back with -o wide.
    let wide = run(kp().args([
        "--kubeconfig",
        path.to_str().unwrap(),
        "credentials",
        "-o",
        "wide",
    ]));
    assert!(wide.stdout.lines().next().unwrap().contains("NOT-AFTER"));
    let date = credentials::rfc3339(now() + 265 * DAY + 3600);
    assert!(wide.stdout.contains(&date[..10]), "{}", wide.stdout);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(
        wide.stdout.lines().next().unwrap().split_whitespace().eq([
            "CONTEXT",
            "KIND",
            "SUBJECT",
            "NOT-AFTER",
            "EXPIRES-IN",
            "STATUS"
        ]),
        "{}",
        wide.stdout
    );
    // At 80 columns, with these long names, NOT-AFTER gives way (and says so).
    assert!(
        lines.last().unwrap().contains("NOT-AFTER"),
        "{}",
        out.stdout
    );
    for l in &lines {
        assert!(l.chars().count() <= 80, "{l:?}");
    }
    let row = |ctx: &str, kind: &str| -> String {
        lines
            .iter()
            .find(|l| {
                let mut w = l.split_whitespace();
                w.next() == Some(ctx) && w.next() == Some(kind)
            })
            .unwrap_or_else(|| panic!("no {ctx} {kind} in\n{}", out.stdout))
            .to_string()
    };
    // Cut to fit at 80 columns; whole with -o wide.
    assert!(row("valid", "client-cert").contains("CN=plank,O=prow:p…"));
    assert!(wide.stdout.contains("CN=plank,O=prow:plank "));
    assert!(row("valid", "client-cert").contains("in 265d"));
    assert!(row("valid", "client-cert").ends_with("valid"));
    assert!(row("valid", "ca").contains("expiring"));
    assert!(row("expiring", "client-cert").contains("in 10d"));
    assert!(row("expired", "client-cert").contains("expired 2d ago"));
    assert!(row("expired", "client-cert").ends_with("expired"));
    assert!(row("future", "client-cert").ends_with("not-yet-valid"));
    assert!(row("tokenrequest", "token").contains("in 36h"));
    assert!(row("legacy", "token").contains("never"));
    assert!(row("legacy", "token").ends_with("long-lived"));
    assert!(row("opaque", "token").ends_with("unknown"));
    for s in &secrets {
        assert!(!out.stdout.contains(s.as_str()));
    }
}

#[test]
fn exit_zero_when_nothing_is_expired_or_not_yet_valid() {
    let dir = tempfile::tempdir().unwrap();
    let t = now();
    let (c, k) = cert("ok", None, t - DAY, t + 300 * DAY);
    let path = kubeconfig(
        dir.path(),
        "ok.yaml",
        &[
            Ctx {
                name: "ok",
                user: client_cert(&c, &k),
                cluster: vec![],
            },
            Ctx {
                name: "legacy",
                user: vec![format!("token: {}", legacy_token("a", "b"))],
                cluster: vec![],
            },
        ],
    );
    let out = run(kp().args(["--kubeconfig", path.to_str().unwrap(), "credentials"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
}

#[test]
fn lint_reports_each_credential_finding_at_the_entry_with_a_command() {
    let dir = tempfile::tempdir().unwrap();
    let (path, secrets) = fleet(dir.path(), now());
    let out = run(kp().args(["--kubeconfig", path.to_str().unwrap(), "lint", "-o", "json"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    for s in &secrets {
        assert!(!out.stdout.contains(s.as_str()));
    }
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let file = path.to_str().unwrap();
    let find = |code: &str, about: &str| {
        rows.iter()
            .find(|r| r["code"] == code && r["message"].as_str().unwrap().contains(about))
            .unwrap_or_else(|| panic!("no {code} about {about} in {rows:#?}"))
            .clone()
    };
    let e = find("credential-expired", "user \"expired\" (CN=hook)");
    assert_eq!(e["severity"], "error");
    assert_eq!(e["file"], file);
    assert!(e["line"].as_u64().unwrap() > 0);
    assert!(
        e["fix"]
            .as_str()
            .unwrap()
            .contains("kubeadm kubeconfig user")
    );
    let t = find("credential-expired", "test-pods/gone");
    assert!(t["fix"].as_str().unwrap().contains("kubectl prow grant"));
    let f = find("credential-not-yet-valid", "CN=deck");
    assert_eq!(f["severity"], "error");
    let w = find("credential-expiring", "CN=sinker");
    assert_eq!(w["severity"], "warning");
    let c = find("credential-expiring", "cluster \"valid\" (CN=old-ca)");
    assert_eq!(c["line"], 4);
    assert!(
        c["fix"]
            .as_str()
            .unwrap()
            .contains("kubectl config set-cluster valid")
    );
    let l = find("long-lived-token", "test-pods/old");
    assert_eq!(l["severity"], "warning");
    assert!(
        l["fix"]
            .as_str()
            .unwrap()
            .contains("kubectl prow grant ... --kubeconfig-out")
    );
    // Valid and unknown credentials are no finding.
    for quiet in ["CN=plank", "CN=new-ca", "test-pods/plank", "\"opaque\""] {
        assert!(
            !rows
                .iter()
                .any(|r| r["code"].as_str().unwrap().starts_with("credential")
                    && r["message"].as_str().unwrap().contains(quiet)),
            "{quiet}"
        );
    }
}

#[test]
fn a_malformed_certificate_and_a_mismatched_key_stop_prow() {
    let dir = tempfile::tempdir().unwrap();
    let t = now();
    let (good, key) = cert("ok", None, t - DAY, t + 300 * DAY);
    let other_key = rcgen::KeyPair::generate().unwrap().serialize_pem();
    // A PEM CERTIFICATE block around a DER sequence that is no certificate.
    let junk = base64::engine::general_purpose::STANDARD.encode([0x30u8; 64]);
    let malformed = format!("-----BEGIN CERTIFICATE-----\n{junk}\n-----END CERTIFICATE-----\n");
    let path = kubeconfig(
        dir.path(),
        "bad.yaml",
        &[
            Ctx {
                name: "mismatch",
                user: client_cert(&good, &other_key),
                cluster: vec![],
            },
            Ctx {
                name: "malformed",
                user: client_cert(&malformed, &key),
                cluster: vec![],
            },
            Ctx {
                name: "badca",
                user: vec!["token: t".into()],
                cluster: ca(&[&malformed]),
            },
            Ctx {
                name: "goodpair",
                user: client_cert(&good, &key),
                cluster: ca(&[&malformed, &good]),
            },
        ],
    );
    let out = run(kp().args(["--kubeconfig", path.to_str().unwrap(), "lint", "-o", "json"]));
    assert_eq!(out.code, 1, "{}", out.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let startup: Vec<&str> = rows
        .iter()
        .filter(|r| r["code"] == "prow-startup-error")
        .map(|r| r["message"].as_str().unwrap())
        .collect();
    let has = |needle: &str| startup.iter().any(|m| m.contains(needle));
    assert!(
        has("create mismatch kubernetes client: tls: private key does not match public key"),
        "{startup:#?}"
    );
    assert!(
        has("create malformed kubernetes client: x509: malformed tbs certificate"),
        "{startup:#?}"
    );
    assert!(
        has(
            "create badca kubernetes client: unable to load root certificates: failed to parse \
             certificate: x509: malformed tbs certificate"
        ),
        "{startup:#?}"
    );
    // A bundle with one good certificate loads (Go keeps the certificates that parse), and a
    // matching pair is a pair.
    assert!(
        !startup.iter().any(|m| m.contains("goodpair")),
        "{startup:#?}"
    );
    // The malformed ones show as unreadable in `credentials`, which does not fail on them.
    let out = run(kp().args(["--kubeconfig", path.to_str().unwrap(), "credentials"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("unreadable"));
    assert!(!out.stdout.contains(&body_lines(&good)[1].to_string()));
}

// --- The library, with "now" injected ------------------------------------------------------

const T0: i64 = 1_800_000_000; // 2027-01-15T08:00:00Z

fn load_one(path: &Path) -> kubectl_prow::kubeconfig::ContextSet {
    load(&LoadOptions {
        kubeconfigs: vec![path.to_path_buf()],
        ..LoadOptions::default()
    })
    .unwrap()
}

#[test]
fn statuses_follow_the_injected_clock() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = fleet(dir.path(), T0);
    let set = load_one(&path);
    let all = credentials::read(&set);
    let get = |ctx: &str| {
        all.iter()
            .find(|c| c.context == ctx)
            .unwrap()
            .credentials
            .clone()
    };
    let tr = &get("tokenrequest")[0];
    assert_eq!(tr.kind, Kind::Token);
    assert_eq!(tr.expiry, Expiry::At(T0 + 36 * 3600 + 1800));
    assert_eq!(tr.status(T0), Status::Valid);
    // 48.5h lifetime: a fifth is 9.7h; with 9h left it is expiring.
    assert_eq!(tr.status(T0 + 27 * 3600 + 1800), Status::Expiring);
    assert_eq!(tr.status(T0 + 37 * 3600), Status::Expired);
    assert_eq!(get("legacy")[0].expiry, Expiry::Never);
    assert_eq!(get("opaque")[0].expiry, Expiry::Unknown);
    let valid = &get("valid")[0];
    assert_eq!(valid.status(T0), Status::Valid);
    // 365 days of lifetime: under 30 days left (also under a fifth) is expiring.
    assert_eq!(valid.status(T0 + 230 * DAY), Status::Valid);
    assert_eq!(valid.status(T0 + 245 * DAY), Status::Expiring);
    assert_eq!(valid.status(T0 - 101 * DAY), Status::NotYetValid);
    // A long-lived CA with 20 days left: under 30 days, and under a fifth of its lifetime.
    assert_eq!(get("valid")[1].status(T0), Status::Expiring);
    // A short certificate (10 days) with 5 days left is not expiring: half its life is left.
    let (short, key) = cert("short", None, T0 - 5 * DAY, T0 + 5 * DAY);
    let p = kubeconfig(
        dir.path(),
        "short.yaml",
        &[Ctx {
            name: "short",
            user: client_cert(&short, &key),
            cluster: vec![],
        }],
    );
    let set = load_one(&p);
    let c = &credentials::read(&set)[0].credentials[0];
    assert_eq!(c.status(T0), Status::Valid);
    assert_eq!(c.status(T0 + 4 * DAY), Status::Expiring);
    assert_eq!(credentials::read(&set)[0].expires(), Some(T0 + 5 * DAY));
}

#[test]
fn lint_takes_now_as_a_parameter() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = fleet(dir.path(), T0);
    let set = load_one(&path);
    let codes = |now: i64| {
        let mut v: Vec<(String, &'static str)> = kubectl_prow::lint::check(
            &set,
            None,
            kubectl_prow::lint::LintOptions {
                now: Some(now),
                ..Default::default()
            },
        )
        .into_iter()
        .filter(|f| f.code.starts_with("credential") || f.code == "long-lived-token")
        .map(|f| (f.subject.unwrap_or_default(), f.code))
        .collect();
        v.sort();
        v
    };
    assert_eq!(
        codes(T0),
        [
            ("cluster \"valid\"".to_string(), "credential-expiring"),
            ("user \"expired\"".to_string(), "credential-expired"),
            ("user \"expiring\"".to_string(), "credential-expiring"),
            ("user \"future\"".to_string(), "credential-not-yet-valid"),
            ("user \"legacy\"".to_string(), "long-lived-token"),
            ("user \"tokenfile\"".to_string(), "credential-expired"),
        ]
    );
    // Ten years earlier, every certificate is not yet valid (and no token has expired).
    let before = codes(T0 - 3650 * DAY);
    assert!(before.contains(&("user \"valid\"".to_string(), "credential-not-yet-valid")));
    assert!(!before.iter().any(|(_, c)| *c == "credential-expired"));
}

#[test]
fn the_table_at_80_columns_is_stable() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = fleet(dir.path(), T0);
    let set = load_one(&path);
    let all = credentials::read(&set);
    let table = kubectl_prow::output::credentials::table(&all, T0, false, Some(80));
    assert!(table.lines().all(|l| l.chars().count() <= 80), "{table}");
    insta::assert_snapshot!(table);
    let wide = kubectl_prow::output::credentials::table(&all, T0, true, None);
    assert!(!wide.contains("CONTEXT"));
}

#[test]
fn real_clusters_credentials() {
    let Some(env) = common::realk8s() else { return };
    let out = run(kp().args([
        "--kubeconfig",
        &env["REALK8S_KUBECONFIG_ALL"],
        "credentials",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let text = std::fs::read_to_string(&env["REALK8S_IDENTITIES"]).unwrap();
    let mut seen = 0;
    for line in text.lines().filter(|l| !l.starts_with('#')).skip(1) {
        let f: Vec<&str> = line.split('\t').collect();
        let (context, user, group, kind) = (f[0], f[1], f[2], f[3]);
        let row = rows
            .iter()
            .find(|r| r["context"] == context)
            .unwrap_or_else(|| panic!("no {context}"));
        let creds = row["credentials"].as_array().unwrap();
        // Each cluster has its own CA, valid now.
        let ca = creds
            .iter()
            .find(|c| c["kind"] == "certificate-authority")
            .unwrap_or_else(|| panic!("{context}: no CA"));
        assert_eq!(ca["status"], "valid", "{context}");
        assert!(ca["notAfter"].is_string());
        if kind.starts_with("client-certificate") {
            let c = creds
                .iter()
                .find(|c| c["kind"] == "client-certificate")
                .unwrap();
            let subject = c["subject"].as_str().unwrap();
            assert!(
                subject.starts_with(&format!("CN={user}")),
                "{context}: {subject}"
            );
            if group != "-" {
                assert!(
                    subject.contains(&format!("O={group}")),
                    "{context}: {subject}"
                );
            }
            assert_eq!(c["status"], "valid");
        } else if kind.ends_with("tokenrequest") {
            let t = creds.iter().find(|c| c["kind"] == "token").unwrap();
            assert_eq!(t["subject"], user, "{context}");
            assert_eq!(t["status"], "valid", "{context}");
            assert!(t["notAfter"].is_string() && t["notBefore"].is_string());
            assert_eq!(
                row["expires"], t["notAfter"],
                "{context}: the token ends first"
            );
        } else {
            let t = creds.iter().find(|c| c["kind"] == "token").unwrap();
            assert_eq!(
                t["status"], "unknown",
                "{context}: a static token is opaque"
            );
        }
        seen += 1;
    }
    assert!(seen >= 10, "{seen} contexts checked");
}

#[test]
fn an_expired_ca_beside_a_valid_one_is_no_error_but_alone_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let t = now();
    let (old, _) = cert("old-ca", None, t - 800 * DAY, t - DAY);
    let (new, _) = cert("new-ca", None, t - DAY, t + 3000 * DAY);
    let rotated = kubeconfig(
        dir.path(),
        "rotated.yaml",
        &[Ctx {
            name: "rotated",
            user: vec!["token: t".into()],
            cluster: ca(&[&old, &new]),
        }],
    );
    let out = run(kp().args(["--kubeconfig", rotated.to_str().unwrap(), "credentials"]));
    assert_eq!(out.code, 0, "{}{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("expired 24h ago"), "{}", out.stdout);
    let lint = run(kp().args(["--kubeconfig", rotated.to_str().unwrap(), "lint"]));
    assert!(
        !lint.stdout.contains("credential-expired"),
        "{}",
        lint.stdout
    );

    let stale = kubeconfig(
        dir.path(),
        "stale.yaml",
        &[Ctx {
            name: "stale",
            user: vec!["token: t".into()],
            cluster: ca(&[&old]),
        }],
    );
    let out = run(kp().args(["--kubeconfig", stale.to_str().unwrap(), "credentials"]));
    assert_eq!(out.code, 1, "{}{}", out.stdout, out.stderr);
    let lint = run(kp().args(["--kubeconfig", stale.to_str().unwrap(), "lint"]));
    assert_eq!(lint.code, 1);
    assert!(
        lint.stdout.contains("error[credential-expired]"),
        "{}",
        lint.stdout
    );
    assert!(
        lint.stdout
            .contains("CA certificate 1 of cluster \"stale\" (CN=old-ca)")
    );
    assert!(lint.stdout.contains("kubectl config set-cluster stale"));
}

// --- contexts: the EXPIRES column and the credentials in -o json ---------------------------

/// The fleet, plus a context whose user is an exec plugin (its expiry unknown offline).
fn fleet_with_exec(dir: &Path, t: i64) -> (kubectl_prow::kubeconfig::ContextSet, Vec<String>) {
    let (path, secrets) = fleet(dir, t);
    let exec = kubeconfig(
        dir,
        "exec.yaml",
        &[Ctx {
            name: "gke",
            user: vec![
                "exec:".into(),
                "  apiVersion: client.authentication.k8s.io/v1".into(),
                "  command: gke-gcloud-auth-plugin".into(),
            ],
            cluster: vec![],
        }],
    );
    let set = load(&LoadOptions {
        kubeconfigs: vec![path, exec],
        ..LoadOptions::default()
    })
    .unwrap();
    (set, secrets)
}

/// `contexts`' table at `width` (None: -o wide), the temporary directory out of SOURCE.
fn contexts_table(
    set: &kubectl_prow::kubeconfig::ContextSet,
    wide: bool,
    width: Option<usize>,
) -> String {
    let mut rows = kubectl_prow::placement::rows(set, None, false);
    for r in &mut rows {
        r.source = Path::new(&r.source)
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
    }
    let all = credentials::read_with_aliases(set);
    kubectl_prow::output::contexts::table(&rows, &all, T0, wide, false, width)
}

#[test]
fn contexts_show_expires_when_a_context_is_expired_at_80_and_120_columns() {
    let dir = tempfile::tempdir().unwrap();
    let (set, _) = fleet_with_exec(dir.path(), T0);
    for width in [80, 120] {
        let table = contexts_table(&set, false, Some(width));
        assert!(table.lines().all(|l| l.chars().count() <= width), "{table}");
        assert!(
            table.starts_with("CURRENT") && table.contains("EXPIRES"),
            "{table}"
        );
        insta::assert_snapshot!(format!("contexts_expires_{width}"), table);
    }
    let wide = contexts_table(&set, true, None);
    for (context, expires) in [
        // The earliest of the client certificate (265 d) and the old CA (20 d).
        ("valid", "in 20d"),
        ("expiring", "in 10d"),
        ("expired", "expired 2d ago"),
        // Not valid yet; it expires in 400 days.
        ("future", "in 400d"),
        ("tokenrequest", "in 36h"),
        ("legacy", "never"),
        ("opaque", "-"),
        ("tokenfile", "expired 2d ago"),
        ("gke", "-"),
    ] {
        let line = wide
            .lines()
            .find(|l| l.split_whitespace().next() == Some(context))
            .unwrap_or_else(|| panic!("no {context} in {wide}"));
        assert!(
            line.contains(&format!("   {expires}   ")),
            "{context}: {line}"
        );
    }
}

#[test]
fn contexts_leave_expires_to_wide_while_every_credential_is_fine() {
    let dir = tempfile::tempdir().unwrap();
    let (good, good_key) = cert("plank", None, T0 - DAY, T0 + 287 * DAY + 3600);
    let path = kubeconfig(
        dir.path(),
        "good.yaml",
        &[
            Ctx {
                name: "good",
                user: client_cert(&good, &good_key),
                cluster: vec![],
            },
            Ctx {
                name: "legacy",
                user: vec![format!("token: {}", legacy_token("test-pods", "old"))],
                cluster: vec![],
            },
        ],
    );
    let set = load_one(&path);
    let table = contexts_table(&set, false, Some(120));
    assert!(!table.contains("EXPIRES"), "{table}");
    let wide = contexts_table(&set, true, None);
    assert!(wide.contains("EXPIRES") && wide.contains("in 287d") && wide.contains("never"));
    // One token expiring is enough for the column to appear.
    let soon = sa_token("test-pods", "plank", T0 - 44 * 3600, T0 + 4 * 3600);
    let path = kubeconfig(
        dir.path(),
        "soon.yaml",
        &[Ctx {
            name: "soon",
            user: vec![format!("token: {soon}")],
            cluster: vec![],
        }],
    );
    let table = contexts_table(&load_one(&path), false, Some(80));
    assert!(
        table.contains("EXPIRES") && table.contains("in 4h"),
        "{table}"
    );
}

#[test]
fn contexts_json_lists_each_contexts_credentials_and_when_it_expires() {
    let dir = tempfile::tempdir().unwrap();
    let t = now();
    let (path, secrets) = fleet(dir.path(), t);
    let out = run(kp().args([
        "--kubeconfig",
        path.to_str().unwrap(),
        "contexts",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    for s in &secrets {
        assert!(!out.stdout.contains(s.as_str()), "a secret in the output");
    }
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    let ctx = |n: &str| rows.iter().find(|r| r["name"] == n).unwrap().clone();
    let valid = ctx("valid");
    // The row's own keys stay; credentials and expires are added.
    assert_eq!(valid["auth"], "client-cert");
    let creds = valid["credentials"].as_array().unwrap();
    let kinds: Vec<&str> = creds.iter().map(|c| c["kind"].as_str().unwrap()).collect();
    assert_eq!(
        kinds,
        [
            "client-certificate",
            "certificate-authority",
            "certificate-authority"
        ]
    );
    assert_eq!(creds[0]["subject"], "CN=plank,O=prow:plank");
    assert_eq!(creds[0]["source"]["file"], path.to_str().unwrap());
    assert_eq!(
        creds[0]["notAfter"],
        credentials::rfc3339(t + 265 * DAY + 3600).as_str()
    );
    assert_eq!(
        valid["expires"],
        credentials::rfc3339(t + 20 * DAY).as_str()
    );
    assert_eq!(
        ctx("tokenrequest")["credentials"][0]["subject"],
        "system:serviceaccount:test-pods:plank"
    );
    assert_eq!(
        ctx("expired")["expires"],
        credentials::rfc3339(t - 2 * DAY - 3600).as_str()
    );
    assert!(ctx("legacy")["expires"].is_null());
    assert!(ctx("opaque")["credentials"][0]["notAfter"].is_null());
    let yaml = run(kp().args([
        "--kubeconfig",
        path.to_str().unwrap(),
        "contexts",
        "-o",
        "yaml",
    ]));
    assert!(yaml.stdout.contains("credentials:") && yaml.stdout.contains("expires:"));
    // The table: some context is expired, so EXPIRES is in the default table too.
    let table = run(kp().args(["--kubeconfig", path.to_str().unwrap(), "contexts"]));
    assert!(
        table.stdout.lines().next().unwrap().contains("EXPIRES"),
        "{}",
        table.stdout
    );
}

#[test]
fn lint_expiry_warning_sets_a_fixed_window() {
    let dir = tempfile::tempdir().unwrap();
    let (path, _) = fleet(dir.path(), now());
    let expiring = |extra: &[&str]| -> Vec<String> {
        let out = run(kp()
            .args(["--kubeconfig", path.to_str().unwrap(), "lint", "-o", "json"])
            .args(extra));
        let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
        let mut v: Vec<String> = rows
            .iter()
            .filter(|r| r["code"] == "credential-expiring")
            .map(|r| r["message"].as_str().unwrap().to_string())
            .collect();
        v.sort();
        v
    };
    let has = |v: &[String], s: &str| v.iter().any(|m| m.contains(s));
    // The fifth-of-lifetime rule: the sinker certificate (10 d of 360) and the old CA.
    let default = expiring(&[]);
    assert!(
        has(&default, "CN=sinker") && has(&default, "CN=old-ca"),
        "{default:?}"
    );
    assert!(!has(&default, "test-pods/plank"), "36 h of 48: not a fifth");
    // A week: the sinker certificate (10 d) is fine; the 48-hour token (36 h left) is not.
    let week = expiring(&["--expiry-warning", "7d"]);
    assert!(
        !has(&week, "CN=sinker") && has(&week, "test-pods/plank"),
        "{week:?}"
    );
    // 400 days: every certificate and token that expires is expiring, the plank one too.
    let long = expiring(&["--expiry-warning", "400d"]);
    assert!(
        has(&long, "CN=plank") && !has(&long, "CN=new-ca"),
        "{long:?}"
    );
    assert_eq!(
        expiring(&["--expiry-warning", "1d12h"]),
        expiring(&["--expiry-warning", "36h"])
    );
    let bad = run(kp().args([
        "--kubeconfig",
        path.to_str().unwrap(),
        "lint",
        "--expiry-warning",
        "soon",
    ]));
    assert_eq!(bad.code, 2);
    assert!(
        bad.stderr.contains("invalid duration \"soon\""),
        "{}",
        bad.stderr
    );
}
