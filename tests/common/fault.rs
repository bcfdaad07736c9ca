//! A loopback fault server of the tests' own (real sockets, plain HTTP/1.1 or TLS): each
//! instance misbehaves in one way, so that `check-rbac` can be shown to end every fault in its
//! own row, of the right kind, within the deadline. It supplements the real API servers of
//! `tests/realk8s/`; it never stands in for them.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

#[derive(Clone, Copy, Debug)]
pub enum Fault {
    /// Nothing listens: the port was bound, then closed.
    Refused,
    /// Accepts and never answers.
    Hang,
    /// Answers like an API server that allows everything, as user `healthy`.
    Healthy,
    /// 401 to everything.
    Unauthorized,
    /// Says who you are, then 403 on every access review.
    ForbiddenReviews,
    /// 429 with Retry-After: 1 to everything.
    Throttle,
    /// 500 to everything.
    ServerError,
    /// 200 with an HTML login page.
    Html,
    /// Sends half a response, then closes.
    CutOff,
    /// Healthy, except that it refuses every pod with a message full of terminal escapes and
    /// bidirectional overrides.
    HostileRefusal,
}

pub struct FaultServer {
    pub url: String,
}

impl FaultServer {
    /// A plain-HTTP server (`http://127.0.0.1:PORT`) with this fault.
    pub fn start(fault: Fault) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        if let Fault::Refused = fault {
            drop(listener);
            return FaultServer { url };
        }
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                thread::spawn(move || serve_tcp(stream, fault));
            }
        });
        FaultServer { url }
    }

    /// A TLS server with this fault, serving `config`'s certificate.
    #[allow(dead_code)]
    pub fn start_tls(fault: Fault, config: Arc<rustls::ServerConfig>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("https://{}", listener.local_addr().unwrap());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let config = Arc::clone(&config);
                thread::spawn(move || {
                    stream
                        .set_read_timeout(Some(Duration::from_secs(60)))
                        .unwrap();
                    let conn = rustls::ServerConnection::new(config).unwrap();
                    serve(rustls::StreamOwned::new(conn, stream), fault);
                });
            }
        });
        FaultServer { url }
    }

    /// A TLS server whose certificate comes from a CA the client does not know.
    pub fn start_tls_unknown_ca() -> Self {
        let (config, _) = super::tls::self_signed();
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("https://{}", listener.local_addr().unwrap());
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let config = Arc::clone(&config);
                thread::spawn(move || {
                    let conn = rustls::ServerConnection::new(config).unwrap();
                    let mut tls = rustls::StreamOwned::new(conn, stream);
                    // The handshake fails on the client's side; read until it hangs up.
                    let mut buf = [0u8; 1024];
                    let _ = tls.read(&mut buf);
                });
            }
        });
        FaultServer { url }
    }
}

fn serve_tcp(stream: TcpStream, fault: Fault) {
    stream
        .set_read_timeout(Some(Duration::from_secs(60)))
        .unwrap();
    serve(stream, fault);
}

fn serve<S: Read + Write>(stream: S, fault: Fault) {
    let mut reader = BufReader::new(stream);
    loop {
        // Request line and headers.
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut length = 0usize;
        loop {
            let mut line = String::new();
            if reader.read_line(&mut line).unwrap_or(0) == 0 {
                return;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case("content-length")
            {
                length = v.trim().parse().unwrap_or(0);
            }
        }
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let path = request_line.split_whitespace().nth(1).unwrap_or("");
        let response = match fault {
            Fault::Refused => unreachable!(),
            Fault::Hang => {
                thread::sleep(Duration::from_secs(120));
                return;
            }
            Fault::Healthy => ok_json(&healthy(path, &body)),
            Fault::HostileRefusal if path.contains("/pods") => status(
                403,
                "Forbidden",
                "pods \"x\" is forbidden: \u{1b}]0;pwned\u{7}\u{1b}[31mred\u{202e}desrever",
            ),
            Fault::HostileRefusal => ok_json(&healthy(path, &body)),
            Fault::Unauthorized => status(401, "Unauthorized", "Unauthorized"),
            Fault::ForbiddenReviews if path.contains("selfsubjectreviews") => {
                ok_json(&healthy(path, &body))
            }
            Fault::ForbiddenReviews => status(
                403,
                "Forbidden",
                "selfsubjectaccessreviews.authorization.k8s.io is forbidden: User \"healthy\" \
                 cannot create resource \"selfsubjectaccessreviews\"",
            ),
            Fault::Throttle => "HTTP/1.1 429 Too Many Requests\r\nRetry-After: 1\r\nContent-Type: \
                 application/json\r\nContent-Length: 2\r\n\r\n{}"
                .to_string(),
            Fault::ServerError => {
                status(500, "Internal Server Error", "etcdserver: leader changed")
            }
            Fault::Html => {
                let page = "<html><body>Please log in</body></html>";
                format!(
                    "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {}\r\n\r\n{page}",
                    page.len()
                )
            }
            Fault::CutOff => {
                let _ = reader.get_mut().write_all(
                    b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n{\"kind\":",
                );
                return;
            }
        };
        if reader.get_mut().write_all(response.as_bytes()).is_err() {
            return;
        }
        let _ = reader.get_mut().flush();
    }
}

fn healthy(path: &str, body: &[u8]) -> String {
    if path.contains("selfsubjectreviews") {
        return r#"{"kind":"SelfSubjectReview","apiVersion":"authentication.k8s.io/v1","status":{"userInfo":{"username":"healthy","groups":["system:authenticated"]}}}"#.to_string();
    }
    if path.contains("accessreviews") {
        let mut review: serde_json::Value = serde_json::from_slice(body).unwrap();
        review["status"] =
            serde_json::json!({ "allowed": true, "reason": "fault server allows all" });
        return review.to_string();
    }
    if path == "/version" {
        return r#"{"major":"1","minor":"37"}"#.to_string();
    }
    r#"{"kind":"APIResourceList","resources":[{"name":"prowjobs"}]}"#.to_string()
}

fn ok_json(body: &str) -> String {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

fn status(code: u16, text: &str, message: &str) -> String {
    let body = serde_json::json!({
        "kind": "Status", "apiVersion": "v1", "status": "Failure",
        "message": message, "code": code,
    })
    .to_string();
    format!(
        "HTTP/1.1 {code} {text}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
}

/// A kubeconfig with one context per `(name, server, user YAML)`, each context in `test-pods`.
pub fn kubeconfig(entries: &[(&str, &str, &str)]) -> String {
    let mut clusters = String::new();
    let mut users = String::new();
    let mut contexts = String::new();
    for (name, server, user) in entries {
        clusters.push_str(&format!(
            "- name: {name}\n  cluster:\n    server: {server}\n"
        ));
        users.push_str(&format!("- name: {name}\n  user:\n{user}\n"));
        contexts.push_str(&format!(
            "- name: {name}\n  context:\n    cluster: {name}\n    user: {name}\n    namespace: test-pods\n"
        ));
    }
    format!(
        "apiVersion: v1\nkind: Config\nclusters:\n{clusters}users:\n{users}contexts:\n{contexts}"
    )
}
