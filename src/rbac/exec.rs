//! Exec credential plugins (`users[].user.exec`), run the way client-go runs them, but never
//! interactively and never past the deadline: no terminal (stdin is closed), output captured,
//! and the process killed when the context's deadline passes. kube-client runs plugins with a
//! blocking `std::process::Command` that inherits the terminal and cannot be cancelled, so a
//! hung plugin would stall the whole run; hence this module.

use std::process::Stdio;

use kube::config::ExecConfig;
use serde::Deserialize;

use super::{Failure, FailureKind};
use crate::secret::Secret;

/// What a plugin hands back; its `Debug` shows no secret.
#[derive(Debug)]
pub enum ExecOutput {
    Token(Secret),
    /// PEM client certificate and key.
    ClientCert {
        certificate: String,
        key: Secret,
    },
}

#[derive(Deserialize)]
struct ExecCredential {
    status: Option<Status>,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Status {
    token: Option<Secret>,
    client_certificate_data: Option<String>,
    client_key_data: Option<Secret>,
    /// When the credential stops working (RFC 3339), if the plugin says.
    expiration_timestamp: Option<String>,
}

/// Runs the plugin of `exec` for a context whose cluster is `server` (with CA data, when the
/// plugin asks for cluster information): the credential, and its `expirationTimestamp` in
/// seconds since the epoch when the plugin gives one (an unreadable one counts as none).
pub async fn run(
    exec: &ExecConfig,
    server: &str,
    ca_data: Option<&str>,
    deadline: Option<tokio::time::Instant>,
) -> Result<(ExecOutput, Option<i64>), Failure> {
    let Some(command) = exec.command.as_deref().filter(|c| !c.is_empty()) else {
        return Err(Failure::new(
            FailureKind::Exec,
            "the user's exec entry has no command",
        ));
    };
    let shown = command;
    let api_version = exec
        .api_version
        .clone()
        .unwrap_or_else(|| "client.authentication.k8s.io/v1".to_string());
    let mut spec = serde_json::json!({ "interactive": false });
    if exec.provide_cluster_info {
        let mut cluster = serde_json::json!({ "server": server });
        if let Some(ca) = ca_data {
            cluster["certificate-authority-data"] = ca.into();
        }
        spec["cluster"] = cluster;
    }
    let info = serde_json::json!({
        "apiVersion": api_version,
        "kind": "ExecCredential",
        "spec": spec,
    });
    let mut cmd = tokio::process::Command::new(command);
    cmd.args(exec.args.iter().flatten())
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        // The deadline drops the future; the plugin must not outlive it, nor must anything it
        // started: it leads a process group of its own, killed whole (see `Group`).
        .kill_on_drop(true)
        .process_group(0)
        .env("KUBERNETES_EXEC_INFO", info.to_string());
    for env in exec.env.iter().flatten() {
        if let (Some(name), Some(value)) = (env.get("name"), env.get("value")) {
            cmd.env(name, value);
        }
    }
    for name in exec.drop_env.iter().flatten() {
        cmd.env_remove(name);
    }
    let started = std::time::Instant::now();
    let child = cmd.spawn().map_err(|e| {
        let hint = exec
            .install_hint
            .as_deref()
            .and_then(|h| h.lines().find(|l| !l.trim().is_empty()))
            .map(|h| format!(" ({})", h.trim()))
            .unwrap_or_default();
        if e.kind() == std::io::ErrorKind::NotFound {
            Failure::new(
                FailureKind::Exec,
                format!("exec plugin {shown:?} not found{hint}"),
            )
        } else {
            Failure::new(
                FailureKind::Exec,
                format!("exec plugin {shown:?} could not start: {e}"),
            )
        }
    })?;
    let mut group = Group(child.id().and_then(|p| i32::try_from(p).ok()));
    let waiting = child.wait_with_output();
    let out = match deadline {
        Some(d) => match tokio::time::timeout_at(d, waiting).await {
            Ok(out) => out,
            Err(_) => {
                return Err(Failure::new(
                    FailureKind::Exec,
                    format!(
                        "exec plugin {shown:?} did not finish within {:.1}s (--request-timeout); \
                         it was stopped",
                        started.elapsed().as_secs_f64()
                    ),
                ));
            }
        },
        None => waiting.await,
    }
    .map_err(|e| {
        Failure::new(
            FailureKind::Exec,
            format!("exec plugin {shown:?} could not be run: {e}"),
        )
    })?;
    // It ended by itself: whatever it left running is its own business, as with kubectl.
    group.0 = None;
    if !out.status.success() {
        // The plugin's own last words, as kubectl shows them; one line, escaped.
        let stderr = String::from_utf8_lossy(&out.stderr);
        let last = stderr
            .lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .map(|l| format!(": {}", truncate(l.trim(), 160)))
            .unwrap_or_default();
        return Err(Failure::new(
            FailureKind::Exec,
            format!("exec plugin {shown:?} failed ({}){last}", out.status),
        ));
    }
    let bad = |why: &str| {
        Failure::new(
            FailureKind::Exec,
            format!("exec plugin {shown:?} printed {why}, not an ExecCredential with a status"),
        )
    };
    // Never echo the output: it holds the credential.
    let cred: ExecCredential = serde_json::from_slice(&out.stdout).map_err(|_| bad("bad JSON"))?;
    let status = cred.status.ok_or_else(|| bad("no status"))?;
    let expires = status
        .expiration_timestamp
        .as_deref()
        .and_then(crate::credentials::parse_rfc3339);
    if let Some(token) = status.token {
        return Ok((ExecOutput::Token(token), expires));
    }
    match (status.client_certificate_data, status.client_key_data) {
        (Some(certificate), Some(key)) => {
            Ok((ExecOutput::ClientCert { certificate, key }, expires))
        }
        _ => Err(bad("neither a token nor a client certificate and key")),
    }
}

/// The plugin's process group, killed whole when the plugin is abandoned (a deadline), so that
/// a shell script's `sleep` does not outlive the run.
struct Group(Option<i32>);

impl Drop for Group {
    fn drop(&mut self) {
        if let Some(pid) = self.0.filter(|&p| p > 0) {
            // SAFETY: kill(2) with a negative pid signals the group the plugin leads; it has
            // no memory effects. The group exists: its leader is our unreaped child.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
    }
}

fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(max).collect::<String>())
    }
}
