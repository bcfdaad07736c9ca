//! What a Prow component meets when it builds a client for a context, beyond loading the YAML:
//! client-go's `ClientConfig()` (validation, reading the token file) and then
//! `kubernetes.NewForConfig` (the TLS set-up). Either failing stops the component at start-up,
//! so `--merge prow` refuses what they refuse, and `lint` reports it in every mode.
//!
//! Checked against Prow's own code with tests/prowloader (client-go v0.28.3; the wording is the
//! same in newer releases).

use base64::Engine;

use super::{Context, Target};
use crate::finding::Finding;
use crate::source::Origin;

/// What stops a Prow component as a finding at the entry at fault, in Prow's words
/// (`prefix` is the loader's wrapping, when the problem shows while loading).
pub fn startup_finding(ctx: &Context, p: &Problem, prefix: &str) -> Finding {
    let name = ctx.name.as_str();
    let client = match p.stage {
        Stage::Load => "client",
        Stage::Client => "kubernetes client",
    };
    Finding::error(
        "prow-startup-error",
        Some(p.origin.clone()),
        format!(
            "Prow would not start: {prefix}create {name} {client}: {} (context {name:?} at {})",
            p.message,
            ctx.origin.display_line()
        ),
        p.fix,
    )
}

/// When the problem shows, which decides how Prow words and handles it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// While loading (client-go's `ClientConfig()`): Prow's loader fails with `create CTX
    /// client: …`, and in the `$KUBECONFIG` fallback drops every context with a warning.
    Load,
    /// While building the client (`kubernetes.NewForConfig`): the component fails with
    /// `create CTX kubernetes client: …` however the kubeconfig was found.
    Client,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Problem {
    pub stage: Stage,
    /// The entry at fault (the cluster or the user), for the finding's location.
    pub origin: Origin,
    /// client-go's own words.
    pub message: String,
    /// What to do about it, chosen where the problem is found.
    pub fix: &'static str,
}

const FIX_CLUSTER: &str = "point the context at a cluster defined in the same file";
const FIX_VALIDATION: &str =
    "fix the entry as client-go's message says (kubectl refuses to use this context too)";
const FIX_PEM: &str =
    "client-certificate and client-key must be base64 of PEM blocks (or paths to PEM files)";
const FIX_SERVER: &str = "set `server: https://HOST[:PORT]` on the cluster";

/// client-go's message for a context whose cluster is empty or missing.
const EMPTY_CONFIG: &str = "invalid configuration: no configuration has been provided, try \
                            setting KUBERNETES_MASTER environment variable";

/// The first problem client-go meets for `context`, in its order: validation, the token file,
/// then the TLS set-up. `None` when a component would build its client.
pub fn problem(context: &Context) -> Option<Problem> {
    let cluster = match &context.target {
        Target::Cluster(entry) => entry,
        // A cluster the context's file does not define: client-go sees an empty cluster, which
        // alone is "no configuration", and next to other errors "cluster has no server defined".
        Target::Missing | Target::InCluster(_) => {
            let mut invalid = Vec::new();
            if let Some(user) = &context.credentials {
                validate_user(user, &mut invalid);
            }
            let message = if invalid.is_empty() {
                EMPTY_CONFIG.to_string()
            } else {
                let mut all: Vec<&str> = invalid.iter().map(|(_, m)| m.as_str()).collect();
                all.push("cluster has no server defined");
                format!("invalid configuration: [{}]", all.join(", "))
            };
            return Some(Problem {
                stage: Stage::Load,
                origin: context.origin.clone(),
                message,
                fix: FIX_CLUSTER,
            });
        }
    };
    // ConfirmUsable: the user's entry, then the cluster's, all errors in one message.
    let mut invalid: Vec<(Origin, String)> = Vec::new();
    if let Some(user) = &context.credentials {
        validate_user(user, &mut invalid);
    }
    let server = cluster.field("server");
    let mut fix = FIX_VALIDATION;
    if server.is_none() {
        fix = FIX_SERVER;
        // A cluster entry read from a file is never "empty" to client-go (it records where it
        // came from), so this is the message, whatever else the entry holds.
        invalid.push((
            cluster.origin.clone(),
            format!("no server found for cluster {:?}", cluster.name),
        ));
    }
    validate_cluster(cluster, &mut invalid);
    if let Some((origin, _)) = invalid.first() {
        let all: Vec<&str> = invalid.iter().map(|(_, m)| m.as_str()).collect();
        let message = match all.as_slice() {
            [one] => format!("invalid configuration: {one}"),
            many => format!("invalid configuration: [{}]", many.join(", ")),
        };
        return Some(Problem {
            stage: Stage::Load,
            origin: origin.clone(),
            message,
            fix,
        });
    }
    let server = server.unwrap_or("");
    // Over plain http client-go uses neither the user's credentials nor the cluster's CA.
    if !is_tls(server) {
        return None;
    }
    // A bearer token inline wins; otherwise the token file is read now.
    if let Some(user) = &context.credentials
        && user.field("token").is_none()
        && let Some(token_file) = user.field("tokenFile")
        && let Err(e) = std::fs::read(token_file)
    {
        return Some(Problem {
            stage: Stage::Load,
            origin: user.origin.clone(),
            message: format!("open {token_file}: {}", go_io_error(&e)),
            fix: "create the token file, or fix its path (relative to the kubeconfig file)",
        });
    }
    // The CA: the data wins over the file (client-go's loadTLSFiles), and must hold at least
    // one PEM certificate (Go's AppendCertsFromPEM).
    let ca = data_or_file(
        cluster,
        "certificate-authority-data",
        "certificate-authority",
    );
    if let Some(bytes) = ca
        && let Some(message) = ca_problem(&bytes)
    {
        return Some(Problem {
            stage: Stage::Client,
            origin: cluster.origin.clone(),
            message: format!("unable to load root certificates: {message}"),
            fix: "certificate-authority-data must be base64 of a PEM CA certificate (-----BEGIN \
                  CERTIFICATE-----); remove it to use the system's CAs",
        });
    }
    // Then the client certificate (Go's tls.X509KeyPair: a certificate block, a key block).
    if let Some(user) = &context.credentials {
        let cert = data_or_file(user, "client-certificate-data", "client-certificate");
        let key = data_or_file(user, "client-key-data", "client-key");
        if let (Some(cert), Some(key)) = (cert, key) {
            let certs = pem_certificates(&cert);
            let (message, fix) = if certs.is_empty() {
                (
                    "tls: failed to find any PEM data in certificate input",
                    FIX_PEM,
                )
            } else if !has_pem_block(&key, |label| label.ends_with("PRIVATE KEY")) {
                ("tls: failed to find any PEM data in key input", FIX_PEM)
            } else if let Some(x509) = x509_error(&certs[0]) {
                // The first certificate is the client's; Go parses it before the key.
                (
                    x509,
                    "client-certificate-data holds a PEM block that is no X.509 certificate: \
                     write the certificate again (`kubectl config set-credentials USER \
                     --client-certificate=FILE --embed-certs`)",
                )
            } else if key_mismatch(&certs[0], &key) {
                (
                    "tls: private key does not match public key",
                    "client-certificate and client-key must be a pair: write the key issued \
                     with this certificate (`kubectl config set-credentials USER \
                     --client-certificate=FILE --client-key=FILE --embed-certs`)",
                )
            } else {
                ("", "")
            };
            if !message.is_empty() {
                return Some(Problem {
                    stage: Stage::Client,
                    origin: user.origin.clone(),
                    message: message.into(),
                    fix,
                });
            }
        }
    }
    None
}

/// client-go's `validateAuthInfo`, the parts a kubeconfig for Prow can get wrong.
fn validate_user(user: &super::Entry, out: &mut Vec<(Origin, String)>) {
    let name = &user.name;
    let mut say = |m: String| out.push((user.origin.clone(), m));
    let has = |k: &str| user.field(k).is_some();
    let mut methods = Vec::new();
    if has("token") {
        methods.push("token");
    }
    if has("username") || has("password") {
        methods.push("basicAuth");
    }
    if has("client-certificate") || has("client-certificate-data") {
        if has("client-certificate") && has("client-certificate-data") {
            say(format!(
                "client-cert-data and client-cert are both specified for {name}. client-cert-data \
                 will override."
            ));
        }
        if has("client-key") && has("client-key-data") {
            say(format!(
                "client-key-data and client-key are both specified for {name}; client-key-data \
                 will override"
            ));
        }
        if !has("client-key") && !has("client-key-data") {
            say(format!(
                "client-key-data or client-key must be specified for {name} to use the \
                 clientCert authentication method."
            ));
        }
        for (key, what) in [
            ("client-certificate", "client-cert"),
            ("client-key", "client-key"),
        ] {
            if let Some(path) = user.field(key)
                && let Err(e) = std::fs::File::open(path)
            {
                say(format!(
                    "unable to read {what} {path} for {name} due to open {path}: {}",
                    go_io_error(&e)
                ));
            }
        }
    }
    for m in super::usable::exec_problems(name, &user.body) {
        say(m);
    }
    if methods.len() > 1 {
        say(format!(
            "more than one authentication method found for {name}; found [{}], only one is \
             allowed",
            methods.join(" ")
        ));
    }
    if let Some(m) = super::usable::impersonation_problem(name, &user.body) {
        say(m);
    }
}

/// client-go's `validateClusterInfo` after the server: the CA given twice, or unreadable.
fn validate_cluster(cluster: &super::Entry, out: &mut Vec<(Origin, String)>) {
    let name = &cluster.name;
    let file = cluster.field("certificate-authority");
    if file.is_some() && cluster.field("certificate-authority-data").is_some() {
        out.push((
            cluster.origin.clone(),
            format!(
                "certificate-authority-data and certificate-authority are both specified for \
                 {name}. certificate-authority-data will override."
            ),
        ));
    }
    if let Some(path) = file
        && let Err(e) = std::fs::File::open(path)
    {
        out.push((
            cluster.origin.clone(),
            format!(
                "unable to read certificate-authority {path} for {name} due to open {path}: {}",
                go_io_error(&e)
            ),
        ));
    }
}

/// Inline data (base64) wins over the file, as client-go's loadTLSFiles has it.
pub(crate) fn data_or_file(entry: &super::Entry, data: &str, file: &str) -> Option<Vec<u8>> {
    match (entry.field(data), entry.field(file)) {
        (Some(d), _) => Some(
            base64::engine::general_purpose::STANDARD
                .decode(d.trim())
                .unwrap_or_default(),
        ),
        (None, Some(f)) => Some(std::fs::read(f).unwrap_or_default()),
        (None, None) => None,
    }
}

/// Whether `bytes` hold a PEM block whose label satisfies `label_ok` and whose body decodes.
fn has_pem_block(bytes: &[u8], label_ok: impl Fn(&str) -> bool) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("-----BEGIN ") {
        let after = &rest[start + "-----BEGIN ".len()..];
        let Some(label_end) = after.find("-----") else {
            return false;
        };
        let label = &after[..label_end];
        let body = &after[label_end + 5..];
        let Some(end) = body.find("-----END ") else {
            return false;
        };
        let b64: String = body[..end].split_whitespace().collect();
        if label_ok(label)
            && base64::engine::general_purpose::STANDARD
                .decode(b64)
                .is_ok()
        {
            return true;
        }
        rest = &body[end..];
    }
    false
}

/// Whether client-go uses the user's credentials at all: only over TLS (an http:// server gets
/// none, token or not).
pub fn sends_credentials(context: &Context) -> bool {
    match &context.target {
        Target::Cluster(cluster) => is_tls(cluster.field("server").unwrap_or("")),
        _ => true,
    }
}

/// client-go's `IsConfigTransportTLS`, as `ClientConfig()` asks it: before the CA is merged in,
/// so only an https:// server is TLS (one without a scheme is plain http).
fn is_tls(server: &str) -> bool {
    server
        .split_once("://")
        .is_some_and(|(scheme, _)| scheme.eq_ignore_ascii_case("https"))
}

/// Go's text for the common I/O errors (what `os.ReadFile` says after the path).
fn go_io_error(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or directory".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        std::io::ErrorKind::IsADirectory => "is a directory".into(),
        _ => e.to_string(),
    }
}

/// The DER bodies of the PEM `CERTIFICATE` blocks in `bytes` (base64 that decodes), in order.
pub(crate) fn pem_certificates(bytes: &[u8]) -> Vec<Vec<u8>> {
    let text = String::from_utf8_lossy(bytes);
    let mut rest = text.as_ref();
    let mut out = Vec::new();
    let (begin, finish) = (
        memchr::memmem::Finder::new("-----BEGIN CERTIFICATE-----"),
        memchr::memmem::Finder::new("-----END CERTIFICATE-----"),
    );
    while let Some(start) = begin.find(rest.as_bytes()) {
        let body = &rest[start + begin.needle().len()..];
        let Some(end) = finish.find(body.as_bytes()) else {
            break;
        };
        let b64: String = body[..end].split_whitespace().collect();
        if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(b64) {
            out.push(der);
        }
        rest = &body[end..];
    }
    out
}

/// Go's words for a certificate its x509 parser refuses, `None` when it parses (all of it:
/// Go refuses trailing bytes). Go names the part that is malformed; the two outer parts are
/// told apart here, any fault inside the body is "malformed certificate".
fn x509_error(der: &[u8]) -> Option<&'static str> {
    use x509_parser::asn1_rs::{Any, Tag};
    use x509_parser::prelude::FromDer;
    match x509_parser::certificate::X509Certificate::from_der(der) {
        Ok(([], _)) => None,
        Ok(_) => Some("x509: trailing data"),
        Err(_) => {
            let sequence = |bytes| {
                Any::from_der(bytes)
                    .ok()
                    .filter(|(_, a)| a.tag() == Tag::Sequence)
                    .map(|(_, a)| a.data)
            };
            match sequence(der) {
                Some(body) if sequence(body).is_none() => Some("x509: malformed tbs certificate"),
                _ => Some("x509: malformed certificate"),
            }
        }
    }
}

fn parses(der: &[u8]) -> bool {
    x509_error(der).is_none()
}

/// client-go's `rootCertPool`: Go's `AppendCertsFromPEM` keeps every CERTIFICATE block that
/// parses and fails only when none does; then client-go says why (the first block that does
/// not parse, else that there is no PEM at all).
fn ca_problem(bytes: &[u8]) -> Option<String> {
    let certs = pem_certificates(bytes);
    if certs.iter().any(|der| parses(der)) {
        return None;
    }
    Some(match certs.first() {
        None => "unable to parse bytes as PEM block".into(),
        Some(first) => format!(
            "failed to parse certificate: {}",
            x509_error(first).unwrap_or_default()
        ),
    })
}

/// Whether the client key's public key differs from the certificate's (Go's
/// `tls.X509KeyPair`). A key this parser cannot read (a curve or size ring does not support)
/// is given the benefit of the doubt: `false`.
fn key_mismatch(cert_der: &[u8], key_pem: &[u8]) -> bool {
    use rustls::pki_types::PrivateKeyDer;
    use rustls::pki_types::pem::PemObject;
    use x509_parser::prelude::FromDer;
    let Ok(key) = PrivateKeyDer::from_pem_slice(key_pem) else {
        return false;
    };
    let Ok(signer) = rustls::crypto::ring::sign::any_supported_type(&key) else {
        return false;
    };
    let Some(spki) = signer.public_key() else {
        return false;
    };
    let Ok((_, cert)) = x509_parser::certificate::X509Certificate::from_der(cert_der) else {
        return false;
    };
    let Ok((_, from_key)) = x509_parser::x509::SubjectPublicKeyInfo::from_der(spki.as_ref()) else {
        return false;
    };
    cert.public_key().subject_public_key.data != from_key.subject_public_key.data
}

/// The server as client-go keeps it: with a path, the query and fragment are dropped
/// (`url.ParseRequestURI`, so a `#` in the path is a character, escaped as `%23`).
pub fn client_go_server(server: &str) -> String {
    let Some((scheme, rest)) = server.split_once("://") else {
        return server.to_string();
    };
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return server.to_string();
    }
    // ParseRequestURI cuts the query at the first '?' and keeps any '#' in the path.
    let before_query = rest.split('?').next().unwrap_or(rest);
    let path = before_query.find('/').map_or("", |i| &before_query[i..]);
    if path.len() <= 1 {
        return server.to_string();
    }
    format!("{scheme}://{}", before_query.replace('#', "%23"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_and_fragment_are_dropped_only_with_a_path() {
        assert_eq!(client_go_server("https://h/p/x?q=1#frag"), "https://h/p/x");
        assert_eq!(client_go_server("https://h/p#f"), "https://h/p%23f");
        assert_eq!(client_go_server("https://h?q=1"), "https://h?q=1");
        assert_eq!(client_go_server("https://h/?q=1"), "https://h/?q=1");
        assert_eq!(client_go_server("https://h:6443"), "https://h:6443");
    }

    #[test]
    fn only_a_certificate_that_parses_makes_a_ca() {
        assert_eq!(
            ca_problem(b"a\n").as_deref(),
            Some("unable to parse bytes as PEM block")
        );
        assert_eq!(
            ca_problem(b"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n")
                .as_deref(),
            Some("unable to parse bytes as PEM block")
        );
        // A DER sequence that is no certificate: what the framing check used to accept.
        let der = base64::engine::general_purpose::STANDARD.encode([0x30u8; 64]);
        let pem = format!("-----BEGIN CERTIFICATE-----\n{der}\n-----END CERTIFICATE-----\n");
        assert_eq!(
            ca_problem(pem.as_bytes()).as_deref(),
            Some("failed to parse certificate: x509: malformed tbs certificate")
        );
    }
}
