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
        && !has_pem_certificate(&bytes)
    {
        return Some(Problem {
            stage: Stage::Client,
            origin: cluster.origin.clone(),
            message: "unable to load root certificates: unable to parse bytes as PEM block".into(),
            fix: "certificate-authority-data must be base64 of a PEM CA certificate (-----BEGIN \
                  CERTIFICATE-----); remove it to use the system's CAs",
        });
    }
    // Then the client certificate (Go's tls.X509KeyPair: a certificate block, a key block).
    if let Some(user) = &context.credentials {
        let cert = data_or_file(user, "client-certificate-data", "client-certificate");
        let key = data_or_file(user, "client-key-data", "client-key");
        if let (Some(cert), Some(key)) = (cert, key) {
            let message = if !has_pem_certificate(&cert) {
                Some("tls: failed to find any PEM data in certificate input")
            } else if !has_pem_block(&key, |label| label.ends_with("PRIVATE KEY")) {
                Some("tls: failed to find any PEM data in key input")
            } else {
                None
            };
            if let Some(message) = message {
                return Some(Problem {
                    stage: Stage::Client,
                    origin: user.origin.clone(),
                    message: message.into(),
                    fix: "client-certificate and client-key must be base64 of PEM blocks (or \
                          paths to PEM files)",
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
fn data_or_file(entry: &super::Entry, data: &str, file: &str) -> Option<Vec<u8>> {
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

/// Whether `bytes` hold a PEM `CERTIFICATE` block whose body is base64 of a DER sequence:
/// what Go's `CertPool.AppendCertsFromPEM` needs to accept a CA bundle (it parses the
/// certificate fully; a well-formed DER sequence is the part that real mistakes miss).
fn has_pem_certificate(bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    let mut rest = text.as_ref();
    while let Some(start) = rest.find("-----BEGIN CERTIFICATE-----") {
        let body = &rest[start + "-----BEGIN CERTIFICATE-----".len()..];
        let Some(end) = body.find("-----END CERTIFICATE-----") else {
            return false;
        };
        let b64: String = body[..end].split_whitespace().collect();
        if let Ok(der) = base64::engine::general_purpose::STANDARD.decode(b64)
            && der.first() == Some(&0x30)
            && der.len() > 16
        {
            return true;
        }
        rest = &body[end..];
    }
    false
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
    fn only_a_certificate_block_makes_a_ca() {
        assert!(!has_pem_certificate(b"a\n"));
        assert!(!has_pem_certificate(
            b"-----BEGIN CERTIFICATE-----\nnot base64!\n-----END CERTIFICATE-----\n"
        ));
        let der = base64::engine::general_purpose::STANDARD.encode([0x30u8; 64]);
        let pem = format!("-----BEGIN CERTIFICATE-----\n{der}\n-----END CERTIFICATE-----\n");
        assert!(has_pem_certificate(pem.as_bytes()));
    }
}
