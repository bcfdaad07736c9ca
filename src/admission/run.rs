//! Asking every context at once: each pod as a `dryRun=All` create, each reference with a
//! metadata-only `get`. One connection per server and identity (`rbac::client`), at most
//! [`PER_SERVER`] requests in flight per server, 429 Retry-After honoured
//! (`rbac::transport`), a deadline per context.

use std::collections::HashMap;
use std::sync::Arc;

use futures::future::join_all;
use http::StatusCode;
use serde::Deserialize;
use tokio::sync::Semaphore;
use tokio::time::Instant;

use super::Target;
use super::refs::Kind;
use crate::rbac::client::Transports;
use crate::rbac::transport::{Asker, DryRun};
use crate::rbac::{Failure, FailureKind, RunOptions};

/// Requests in flight per API server: enough to fill an HTTP/2 connection, few enough not to
/// trip a server's max-in-flight limit.
pub const PER_SERVER: usize = 32;

/// What the server said about one pod.
#[derive(Clone, Debug, PartialEq)]
pub enum PodAnswer {
    Admitted,
    Refused {
        reason: Option<String>,
        message: String,
    },
    /// No answer about the pod itself (5xx, throttled, a cut connection).
    Failed(Failure),
}

/// One target's answers: the pods' in the target's order, the references' (`Err`: not
/// checked, and why), and the failure that stopped it.
#[derive(Clone, Debug, Default)]
pub struct TargetAnswer {
    pub pods: Vec<PodAnswer>,
    pub references: HashMap<(Kind, String), Result<bool, String>>,
    pub failure: Option<Failure>,
}

/// Asks every target concurrently, each under `opts.timeout`.
pub async fn run(targets: &[Target], opts: &RunOptions) -> Vec<TargetAnswer> {
    let transports = Arc::new(Transports::default());
    let gates: Arc<std::sync::Mutex<HashMap<String, Arc<Semaphore>>>> = Arc::default();
    let futures = targets.iter().map(|target| {
        let transports = Arc::clone(&transports);
        let gates = Arc::clone(&gates);
        async move {
            let deadline = opts.timeout.map(|t| Instant::now() + t);
            let work = ask(target, opts, &transports, &gates, deadline);
            match opts.timeout {
                Some(t) => match tokio::time::timeout(t, work).await {
                    Ok(a) => a,
                    Err(_) => TargetAnswer {
                        failure: Some(Failure::new(
                            FailureKind::Timeout,
                            format!("no answer within {} s (--request-timeout)", t.as_secs_f64()),
                        )),
                        ..TargetAnswer::default()
                    },
                },
                None => work.await,
            }
        }
    });
    join_all(futures).await
}

async fn ask(
    target: &Target,
    opts: &RunOptions,
    transports: &Transports,
    gates: &std::sync::Mutex<HashMap<String, Arc<Semaphore>>>,
    deadline: Option<Instant>,
) -> TargetAnswer {
    let failed = |f: Failure| TargetAnswer {
        failure: Some(f),
        ..TargetAnswer::default()
    };
    let conn = match transports
        .connect(&target.context, &opts.impersonate, deadline)
        .await
    {
        Ok(c) => c,
        Err(f) => return failed(f),
    };
    let asker = Asker {
        client: &conn.client,
        server: &conn.server,
        deadline,
    };
    if let Some(warm) = &conn.warm
        && let Some(f) = warm.get_or_init(|| asker.warm_up()).await
    {
        return failed(f.clone());
    }
    let gate = Arc::clone(
        gates
            .lock()
            .expect("no panics while locked")
            .entry(conn.server.clone())
            .or_insert_with(|| Arc::new(Semaphore::new(PER_SERVER))),
    );
    let ns = &target.namespace;
    let path = DryRun::create(&format!("/api/v1/namespaces/{ns}/pods"));
    let pods = join_all(target.pods.iter().map(|pod| {
        let gate = Arc::clone(&gate);
        let path = &path;
        let asker = &asker;
        async move {
            let _permit = gate.acquire().await.expect("never closed");
            let body = serde_json::to_vec(pod).expect("a pod serializes");
            match asker.dry_run_create(path, body).await {
                Ok((status, bytes)) => pod_answer(status, &bytes, asker.server),
                Err(f) => PodAnswer::Failed(f),
            }
        }
    }));
    let references = join_all(target.references.iter().map(|(kind, name)| {
        let gate = Arc::clone(&gate);
        let asker = &asker;
        async move {
            if !super::dns_name(name, 253) {
                return (
                    (*kind, name.clone()),
                    Err("not a valid object name".to_string()),
                );
            }
            let _permit = gate.acquire().await.expect("never closed");
            let path = format!("/api/v1/namespaces/{ns}/{}/{name}", kind.resource());
            let answer = match asker.get_metadata(&path).await {
                Ok((s, _)) if s.is_success() => Ok(true),
                Ok((StatusCode::NOT_FOUND, _)) => Ok(false),
                Ok((StatusCode::FORBIDDEN, _)) => {
                    Err(format!("may not get {} in {ns}", kind.resource()))
                }
                Ok((s, bytes)) => Err(format!(
                    "{} answered {}{}",
                    asker.server,
                    s.as_u16(),
                    status_of(&bytes)
                        .and_then(|s| s.message)
                        .map(|m| format!(": {m}"))
                        .unwrap_or_default()
                )),
                Err(f) => Err(f.message),
            };
            ((*kind, name.clone()), answer)
        }
    }));
    let (pods, references) = tokio::join!(pods, references);
    // A 401 is about the context, not the pod.
    let failure = pods.iter().find_map(|p| match p {
        PodAnswer::Failed(f) if f.kind == FailureKind::Unauthorized => Some(f.clone()),
        _ => None,
    });
    TargetAnswer {
        pods,
        references: references.into_iter().collect(),
        failure,
    }
}

#[derive(Deserialize)]
struct ApiStatus {
    reason: Option<String>,
    message: Option<String>,
}

fn status_of(bytes: &[u8]) -> Option<ApiStatus> {
    serde_json::from_slice(bytes).ok()
}

fn pod_answer(status: StatusCode, bytes: &[u8], server: &str) -> PodAnswer {
    if status.is_success() {
        return PodAnswer::Admitted;
    }
    let s = status_of(bytes);
    let reason = s.as_ref().and_then(|s| s.reason.clone());
    let message = s
        .and_then(|s| s.message)
        .unwrap_or_else(|| format!("{server} answered {}", status.as_u16()));
    match status {
        StatusCode::UNAUTHORIZED => PodAnswer::Failed(Failure::new(
            FailureKind::Unauthorized,
            format!("{server} rejected the credentials (401 Unauthorized): {message}"),
        )),
        s if s.is_server_error() => PodAnswer::Failed(Failure::new(
            FailureKind::ServerError,
            format!(
                "{server} failed to create the pod ({}): {message}",
                s.as_u16()
            ),
        )),
        _ => PodAnswer::Refused { reason, message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_create_path_is_a_dry_run() {
        for p in [
            "/api/v1/namespaces/ns/pods",
            "/api/v1/namespaces/ns/pods?dryRun=None",
            "/api/v1/namespaces/ns/pods#x",
        ] {
            assert_eq!(
                DryRun::create(p).as_str(),
                "/api/v1/namespaces/ns/pods?dryRun=All"
            );
        }
    }
}
