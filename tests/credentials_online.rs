//! Credential expiry online (issue 25), through `check-rbac`: the certificate an API server
//! presents, recorded during the TLS handshake; an exec plugin's `expirationTimestamp`; a
//! context with expired credentials still asked, its 401 naming them. The real clusters
//! (tests/realk8s/) where they can answer; the fault server (tests/common/fault.rs) for what a
//! real one cannot do on purpose (serve an expired certificate).

mod common;

use std::os::unix::fs::PermissionsExt;
use std::path::Path;
use std::process::Command;

use base64::Engine;
use common::fault::{Fault, FaultServer, kubeconfig};
use common::{kp, run};
use kubectl_prow::credentials::{now, rfc3339};
use serde_json::Value;

const DAY: i64 = 24 * 3600;

fn b64(s: &[u8]) -> String {
    base64::engine::general_purpose::STANDARD.encode(s)
}

/// An unsigned-looking JWT with these claims (no server can verify it).
fn jwt(claims: serde_json::Value) -> String {
    let e = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    format!(
        "{}.{}.{}",
        e(r#"{"alg":"RS256","kid":"k"}"#),
        e(&claims.to_string()),
        e("SIGNATURE-NOT-CHECKED")
    )
}

/// `kubeconfig(entries)` with `ca` (PEM) as every cluster's CA.
fn kubeconfig_with_ca(entries: &[(&str, &str, &str)], ca: &str) -> String {
    let mut text = kubeconfig(entries);
    for (_, server, _) in entries {
        text = text.replace(
            &format!("    server: {server}\n"),
            &format!(
                "    server: {server}\n    certificate-authority-data: {}\n",
                b64(ca.as_bytes())
            ),
        );
    }
    text
}

fn check_rbac_json(dir: &Path, config: &str, extra: &[&str]) -> (i32, Vec<Value>, String) {
    let path = dir.join("k.yaml");
    std::fs::write(&path, config).unwrap();
    let out = run(kp()
        .arg("--kubeconfig")
        .arg(&path)
        .args(["check-rbac", "-o", "json"])
        .args(extra));
    let rows = serde_json::from_str(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}\n{}", out.stdout, out.stderr));
    (out.code, rows, out.stderr)
}

fn check_rbac_text(dir: &Path, config: &str) -> String {
    let path = dir.join("k.yaml");
    std::fs::write(&path, config).unwrap();
    run(kp().arg("--kubeconfig").arg(&path).arg("check-rbac")).stdout
}

/// openssl's reading of a certificate file: (subject as RFC 2253, NotAfter as RFC 3339).
fn openssl_reads(cert: &str) -> (String, String) {
    let out = Command::new("openssl")
        .args(["x509", "-noout", "-subject", "-nameopt", "RFC2253"])
        .args(["-enddate", "-dateopt", "iso_8601", "-in", cert])
        .output()
        .expect("openssl (tests/realk8s needs it too)");
    let text = String::from_utf8(out.stdout).unwrap();
    let field = |k: &str| {
        text.lines()
            .find_map(|l| l.strip_prefix(k))
            .unwrap_or_else(|| panic!("no {k} in {text}"))
            .trim()
            .to_string()
    };
    // "2027-01-03 18:15:35Z" → RFC 3339.
    (field("subject="), field("notAfter=").replacen(' ', "T", 1))
}

#[test]
fn check_rbac_reports_each_real_apiservers_serving_certificate_to_the_second() {
    let Some(env) = common::realk8s() else { return };
    let state = &env["REALK8S_STATE_DIR"];
    let out = run(kp().args([
        "--kubeconfig",
        &env["REALK8S_KUBECONFIG_ALL"],
        "--context",
        "build-plank",
        "--context",
        "service-prow",
        "check-rbac",
        "-o",
        "json",
    ]));
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    for (context, cluster) in [("build-plank", "build"), ("service-prow", "service")] {
        let (subject, not_after) = openssl_reads(&format!("{state}/{cluster}/pki/apiserver.crt"));
        let row = rows.iter().find(|r| r["context"] == context).unwrap();
        let cert = &row["serverCertificate"];
        assert_eq!(cert["notAfter"], not_after.as_str(), "{context}: {cert}");
        assert_eq!(cert["subject"], subject.as_str(), "{context}: {cert}");
        // The serving certificate is sent alone: the chain's earliest is its own.
        assert_eq!(cert["chainNotAfter"], not_after.as_str());
        assert_eq!(cert["status"], "valid");
        // The context's TokenRequest token joins its credentials, never the token itself.
        let token = row["credentials"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["kind"] == "token")
            .unwrap();
        assert!(token["notAfter"].is_string(), "{token}");
    }
    // The same certificate through openssl's own handshake (s_client), for one server.
    let server = env["BUILD_SERVER"]
        .trim_start_matches("https://")
        .to_string();
    let s_client = Command::new("sh")
        .arg("-c")
        .arg(format!(
            "openssl s_client -connect {server} </dev/null 2>/dev/null | \
             openssl x509 -noout -enddate -dateopt iso_8601"
        ))
        .output()
        .unwrap();
    let seen = String::from_utf8(s_client.stdout).unwrap();
    let build = rows.iter().find(|r| r["context"] == "build-plank").unwrap();
    assert_eq!(
        seen.trim()
            .strip_prefix("notAfter=")
            .unwrap()
            .replacen(' ', "T", 1),
        build["serverCertificate"]["notAfter"].as_str().unwrap()
    );
}

#[test]
fn a_context_with_an_expired_token_is_still_asked_and_its_401_names_the_token() {
    let Some(env) = common::realk8s() else { return };
    let dir = tempfile::tempdir().unwrap();
    let t = now();
    let expired = jwt(serde_json::json!({
        "iss": "https://kubernetes.default.svc", "sub": "system:serviceaccount:test-pods:gone",
        "iat": t - 3 * DAY, "nbf": t - 3 * DAY, "exp": t - 2 * DAY,
        "kubernetes.io": {"namespace": "test-pods", "serviceaccount": {"name": "gone"}}
    }));
    let ca = std::fs::read_to_string(&env["BUILD_CA"]).unwrap();
    let config = kubeconfig_with_ca(
        &[(
            "gone",
            &env["BUILD_SERVER"],
            &format!("    token: {expired}"),
        )],
        &ca,
    );
    let (code, rows, stderr) = check_rbac_json(dir.path(), &config, &[]);
    assert_eq!(code, 4, "{stderr}");
    let error = &rows[0]["error"];
    assert_eq!(error["kind"], "unauthorized", "{error}");
    let message = error["message"].as_str().unwrap();
    assert!(
        message.contains(&format!(
            "likely cause: the token of user \"gone\" (ServiceAccount test-pods/gone) expired on {}",
            rfc3339(t - 2 * DAY)
        )),
        "{message}"
    );
    // The server was reached: its certificate is known even though the credentials were not.
    assert_eq!(rows[0]["serverCertificate"]["subject"], "CN=kube-apiserver");
    assert_eq!(rows[0]["credentials"][0]["status"], "expired");
    let text = check_rbac_text(dir.path(), &config);
    assert!(text.contains("likely cause: the token"), "{text}");
    assert!(!text.contains(&expired) && !rows[0].to_string().contains(&expired));
}

#[test]
fn an_expired_serving_certificate_says_when_it_expired() {
    let dir = tempfile::tempdir().unwrap();
    let t = now();
    let not_after = t - 3 * DAY;
    let (config, ca, _) = common::tls::ca_signed("old-apiserver", t - 400 * DAY, not_after);
    let server = FaultServer::start_tls(Fault::Healthy, config);
    let kubeconfig = kubeconfig_with_ca(&[("stale", &server.url, "    token: t")], &ca);
    let (code, rows, _) = check_rbac_json(dir.path(), &kubeconfig, &[]);
    assert_eq!(code, 4);
    let error = &rows[0]["error"];
    assert_eq!(error["kind"], "tls");
    assert!(
        error["message"].as_str().unwrap().contains(&format!(
            "the server's certificate expired on {}",
            rfc3339(not_after)
        )),
        "{error}"
    );
    // Recorded during the refused handshake.
    let cert = &rows[0]["serverCertificate"];
    assert_eq!(cert["subject"], "CN=old-apiserver");
    assert_eq!(cert["notAfter"], rfc3339(not_after).as_str());
    assert_eq!(cert["status"], "expired");
    let text = check_rbac_text(dir.path(), &kubeconfig);
    assert!(
        text.contains(&format!(
            "stale: the server's certificate (CN=old-apiserver) expired on {}",
            rfc3339(not_after)
        )),
        "{text}"
    );
}

#[test]
fn a_serving_certificate_within_its_warning_window_is_named_in_the_text_output() {
    let dir = tempfile::tempdir().unwrap();
    let t = now();
    // A year's certificate with 5 days left: expiring. A fresh one beside it: not mentioned.
    let (soon, soon_ca, _) = common::tls::ca_signed("soon", t - 360 * DAY, t + 5 * DAY);
    let (fresh, fresh_ca, _) = common::tls::ca_signed("fresh", t - DAY, t + 364 * DAY);
    let soon = FaultServer::start_tls(Fault::Healthy, soon);
    let fresh = FaultServer::start_tls(Fault::Healthy, fresh);
    let a = kubeconfig_with_ca(&[("soon", &soon.url, "    token: t")], &soon_ca);
    let (code, rows, stderr) = check_rbac_json(dir.path(), &a, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(rows[0]["serverCertificate"]["status"], "expiring");
    assert_eq!(
        rows[0]["serverCertificate"]["notAfter"],
        rfc3339(t + 5 * DAY).as_str()
    );
    let text = check_rbac_text(dir.path(), &a);
    assert!(
        text.contains(&format!(
            "soon: the server's certificate (CN=soon) expires on {}",
            rfc3339(t + 5 * DAY)
        )),
        "{text}"
    );
    let b = kubeconfig_with_ca(&[("fresh", &fresh.url, "    token: t")], &fresh_ca);
    let (_, rows, _) = check_rbac_json(dir.path(), &b, &[]);
    assert_eq!(rows[0]["serverCertificate"]["status"], "valid");
    let text = check_rbac_text(dir.path(), &b);
    assert!(!text.contains("certificate"), "{text}");
}

#[test]
fn an_exec_plugins_expiration_timestamp_joins_the_contexts_credentials() {
    let dir = tempfile::tempdir().unwrap();
    let healthy = FaultServer::start(Fault::Healthy);
    let expires = now() + 50 * 60;
    let plugin = dir.path().join("plugin");
    std::fs::write(
        &plugin,
        format!(
            "#!/bin/sh\necho '{{\"apiVersion\":\"client.authentication.k8s.io/v1\",\
             \"kind\":\"ExecCredential\",\"status\":{{\"token\":\"EXEC-SECRET-TOKEN\",\
             \"expirationTimestamp\":\"{}\"}}}}'\n",
            rfc3339(expires)
        ),
    )
    .unwrap();
    std::fs::set_permissions(&plugin, std::fs::Permissions::from_mode(0o755)).unwrap();
    let user = format!(
        "    exec:\n      apiVersion: client.authentication.k8s.io/v1\n      command: {}\n      interactiveMode: Never",
        plugin.display()
    );
    let config = kubeconfig(&[("plugin", &healthy.url, &user)]);
    let (code, rows, stderr) = check_rbac_json(dir.path(), &config, &[]);
    assert_eq!(code, 0, "{stderr}");
    let exec = &rows[0]["credentials"][0];
    assert_eq!(exec["kind"], "exec");
    assert_eq!(exec["notAfter"], rfc3339(expires).as_str());
    assert_eq!(exec["status"], "valid");
    assert_eq!(exec["source"]["line"], 8);
    assert!(!rows[0].to_string().contains("EXEC-SECRET-TOKEN"));
    // Plain HTTP: no certificate to report.
    assert!(rows[0]["serverCertificate"].is_null());
    // Offline the plugin is not run: its expiry is unknown.
    let path = dir.path().join("k.yaml");
    let out = run(kp()
        .arg("--kubeconfig")
        .arg(&path)
        .args(["contexts", "-o", "json"]));
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(rows[0]["credentials"][0]["kind"], "exec");
    assert!(rows[0]["credentials"][0]["notAfter"].is_null());
    assert!(rows[0]["expires"].is_null());
}

#[test]
fn contexts_and_lint_on_the_real_clusters_credentials() {
    let Some(env) = common::realk8s() else { return };
    let state = &env["REALK8S_STATE_DIR"];
    let all = &env["REALK8S_KUBECONFIG_ALL"];
    let out = run(kp().args(["--kubeconfig", all, "contexts", "-o", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let row = |n: &str| rows.iter().find(|r| r["name"] == n).unwrap();
    // The sinker client certificate, as openssl reads its file.
    let (subject, not_after) = openssl_reads(&format!("{state}/build/pki/sinker.crt"));
    let sinker = &row("build-sinker")["credentials"][0];
    assert_eq!(sinker["kind"], "client-certificate");
    assert_eq!(sinker["notAfter"], not_after.as_str());
    // openssl's RFC 2253 lists the last RDN first.
    let mut parts: Vec<&str> = subject.split(',').collect();
    parts.sort();
    let mut ours: Vec<&str> = sinker["subject"].as_str().unwrap().split(',').collect();
    ours.sort();
    assert_eq!(ours, parts);
    // The TokenRequest token's exp, decoded here from the kubeconfig kubectl reads.
    let kubectl = common::kubectl().expect("kubectl with the real clusters");
    let token = Command::new(kubectl)
        .args(["--kubeconfig", all, "config", "view", "--raw", "-o"])
        .arg("jsonpath={.users[?(@.name==\"build-plank\")].user.token}")
        .output()
        .unwrap();
    let token = String::from_utf8(token.stdout).unwrap();
    let payload = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(token.split('.').nth(1).unwrap())
        .unwrap();
    let exp = serde_json::from_slice::<Value>(&payload).unwrap()["exp"]
        .as_i64()
        .unwrap();
    let plank = row("build-plank");
    assert_eq!(plank["credentials"][0]["notAfter"], rfc3339(exp).as_str());
    // The token (24 h) expires before the CA (30 days): it is the context's expiry.
    assert_eq!(plank["expires"], rfc3339(exp).as_str());
    assert!(!out.stdout.contains(token.trim()));
    // -o wide: hours for the token, days for the certificates.
    let wide = run(kp().args(["--kubeconfig", all, "contexts", "-o", "wide"])).stdout;
    let line = |n: &str| {
        wide.lines()
            .find(|l| {
                l.split_whitespace().next() == Some(n) || l.split_whitespace().nth(1) == Some(n)
            })
            .unwrap()
            .to_string()
    };
    assert!(line("build-plank").contains("   in ") && line("build-plank").contains("h   "));
    assert!(line("build-sinker").contains("d   "), "{wide}");
    // A day's token is within a 2-day window, not within the fifth-of-lifetime rule.
    let lint = |extra: &[&str]| {
        let out = run(kp()
            .args(["--kubeconfig", all, "lint", "-o", "json"])
            .args(extra));
        serde_json::from_str::<Vec<Value>>(&out.stdout)
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "credential-expiring")
            .count()
    };
    assert_eq!(lint(&[]), 0);
    assert_eq!(
        lint(&["--expiry-warning", "2d"]),
        3,
        "build-plank, its tokenFile, service-prow"
    );
}
