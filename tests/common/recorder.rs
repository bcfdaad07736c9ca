//! A loopback HTTPS server of the tests' own that answers just enough of the Kubernetes API for
//! `kubectl get configmaps` (discovery, then the list) and records, for each list request, the
//! path it came in on, its bearer token and its namespace. kubectl's `config` subcommands do not
//! show what `--cluster`, `--user` and `-n` do; the request kubectl really sends does.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::Duration;

use base64::Engine;

/// One list request: the path before `/api/v1/...`, the token (if any) and the namespace.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    pub prefix: String,
    pub token: Option<String>,
    pub namespace: String,
}

pub struct Recorder {
    /// `https://127.0.0.1:PORT`
    pub url: String,
    /// The server certificate, base64 PEM, for `certificate-authority-data`.
    pub ca_data: String,
    seen: Arc<Mutex<Vec<Request>>>,
    /// The path of every request, discovery and reviews included.
    paths: Arc<Mutex<Vec<String>>>,
}

impl Recorder {
    pub fn start() -> Self {
        let (config, pem) = super::tls::self_signed();
        let ca_data = base64::engine::general_purpose::STANDARD.encode(pem);
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("https://{}", listener.local_addr().unwrap());
        let seen: Arc<Mutex<Vec<Request>>> = Arc::default();
        let paths: Arc<Mutex<Vec<String>>> = Arc::default();
        let log = Arc::clone(&seen);
        let all = Arc::clone(&paths);
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let config = Arc::clone(&config);
                let log = Arc::clone(&log);
                let all = Arc::clone(&all);
                thread::spawn(move || {
                    let _ = stream.set_read_timeout(Some(Duration::from_secs(30)));
                    let conn = rustls::ServerConnection::new(config).unwrap();
                    let tls = rustls::StreamOwned::new(conn, stream);
                    serve(tls, &log, &all);
                });
            }
        });
        Recorder {
            url,
            ca_data,
            seen,
            paths,
        }
    }

    /// How many requests of any kind came in under `prefix`.
    pub fn hits_under(&self, prefix: &str) -> usize {
        let dir = format!("{prefix}/");
        self.paths
            .lock()
            .unwrap()
            .iter()
            .filter(|p| p.starts_with(&dir))
            .count()
    }

    /// The list requests whose path starts with `prefix`.
    pub fn requests_under(&self, prefix: &str) -> Vec<Request> {
        self.seen
            .lock()
            .unwrap()
            .iter()
            .filter(|r| r.prefix == prefix || r.prefix.starts_with(&format!("{prefix}/")))
            .cloned()
            .collect()
    }
}

fn serve<S: Read + Write>(stream: S, log: &Mutex<Vec<Request>>, all: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream);
    loop {
        let mut request_line = String::new();
        if reader.read_line(&mut request_line).unwrap_or(0) == 0 {
            return;
        }
        let mut token = None;
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
            if let Some((k, v)) = line.split_once(':') {
                if k.eq_ignore_ascii_case("authorization") {
                    token = v.trim().strip_prefix("Bearer ").map(str::to_string);
                } else if k.eq_ignore_ascii_case("content-length") {
                    length = v.trim().parse().unwrap_or(0);
                }
            }
        }
        let mut body = vec![0u8; length];
        if reader.read_exact(&mut body).is_err() {
            return;
        }
        let target = request_line.split_whitespace().nth(1).unwrap_or("");
        let path = target.split('?').next().unwrap_or("");
        all.lock().unwrap().push(path.to_string());
        let (status, json) = answer(path, token, log);
        let response = format!(
            "HTTP/1.1 {status}\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{json}",
            json.len()
        );
        let stream = reader.get_mut();
        if stream.write_all(response.as_bytes()).is_err() || stream.flush().is_err() {
            return;
        }
    }
}

fn answer(path: &str, token: Option<String>, log: &Mutex<Vec<Request>>) -> (&'static str, String) {
    if let Some((prefix, rest)) = path.split_once("/api/v1/namespaces/")
        && let Some(namespace) = rest.strip_suffix("/configmaps")
    {
        log.lock().unwrap().push(Request {
            prefix: prefix.to_string(),
            token,
            namespace: namespace.to_string(),
        });
        return (
            "200 OK",
            r#"{"kind":"ConfigMapList","apiVersion":"v1","metadata":{},"items":[]}"#.into(),
        );
    }
    if path.ends_with("/api") || path == "/api" {
        return (
            "200 OK",
            r#"{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[]}"#.into(),
        );
    }
    if path.ends_with("/apis") {
        return (
            "200 OK",
            r#"{"kind":"APIGroupList","apiVersion":"v1","groups":[]}"#.into(),
        );
    }
    if path.ends_with("/api/v1") {
        return (
            "200 OK",
            r#"{"kind":"APIResourceList","groupVersion":"v1","resources":[{"name":"configmaps","singularName":"configmap","namespaced":true,"kind":"ConfigMap","verbs":["get","list"],"shortNames":["cm"]}]}"#.into(),
        );
    }
    (
        "404 Not Found",
        r#"{"kind":"Status","apiVersion":"v1","status":"Failure","reason":"NotFound","code":404}"#
            .into(),
    )
}
