//! Asking every context at once. Each context gets its own deadline; a context that fails ends
//! as its own report and never holds up the others.

use std::sync::Arc;
use std::time::Duration;

use futures::StreamExt;
use futures::future::join_all;
use tokio::time::Instant;

use super::client::{Impersonation, Transports};
use super::plan::{Plan, PlannedCheck, Target};
use super::review::Subject;
use super::tls::{Seen, ServerCertificate};
use super::transport::Asker;
use super::{CheckResult, ContextReport, Crd, Failure, FailureKind, Identity, Status};
use crate::credentials::{Credential, Expiry, Kind, Window};
use crate::kubeconfig::{Context, Target as Reach};

/// How to ask.
#[derive(Clone, Debug, Default)]
pub struct RunOptions {
    /// The per-context deadline; `None` for no limit.
    pub timeout: Option<Duration>,
    pub impersonate: Impersonation,
    /// `--in-cluster-via`: in-cluster contexts are asked about through this context, with
    /// SubjectAccessReviews for this ServiceAccount.
    pub via: Option<Via>,
}

#[derive(Clone, Debug)]
pub struct Via {
    pub context: Context,
    pub namespace: String,
    pub name: String,
}

/// Asks every target of `plan`, concurrently, and returns one report per reported name, in the
/// plan's order.
pub async fn run(plan: &Plan, opts: &RunOptions) -> Vec<ContextReport> {
    let transports = Arc::new(Transports::default());
    let futures = plan.targets.iter().map(|target| {
        let transports = Arc::clone(&transports);
        async move {
            let deadline = opts.timeout.map(|t| Instant::now() + t);
            let mut learned = Learned::default();
            let work = ask(target, opts, &transports, deadline, &mut learned);
            let outcome = match opts.timeout {
                Some(t) => match tokio::time::timeout(t, work).await {
                    Ok(o) => o,
                    Err(_) => Outcome::failed(Failure::new(
                        FailureKind::Timeout,
                        format!("no answer within {} (--request-timeout)", humanize(t)),
                    )),
                },
                None => work.await,
            };
            reports(target, learned.into_outcome(outcome))
        }
    });
    // In the plan's order, at most IN_FLIGHT at a time (each target's timeout starts when it
    // does).
    futures::stream::iter(futures)
        .buffered(IN_FLIGHT)
        .collect::<Vec<_>>()
        .await
        .into_iter()
        .flatten()
        .collect()
}

/// Targets asked at once. Enough to keep every connection busy (an API server takes 100
/// streams on one HTTP/2 connection by default; a context's nine reviews go out together),
/// and a bound on memory: with every target at once, 2,000 contexts on one server took 206 MB.
const IN_FLIGHT: usize = 256;

/// What a target's credentials and connection showed, kept even when the asking fails or
/// runs out of time: the credentials (with the exec plugin's expiry) and the server's
/// certificate.
#[derive(Default)]
struct Learned {
    credentials: Vec<Credential>,
    seen: Option<Arc<Seen>>,
}

impl Learned {
    fn into_outcome(self, mut outcome: Outcome) -> Outcome {
        let now = crate::credentials::now();
        // The server is the judge: an expired credential is still sent, and a 401 then names
        // it as the likely cause.
        if let Some(f) = &mut outcome.failure
            && f.kind == FailureKind::Unauthorized
            && let Some(c) = self
                .credentials
                .iter()
                .find(|c| c.kind != Kind::CertificateAuthority && c.status(now).is_invalid())
        {
            let when = match (c.status(now), c.not_after(), c.not_before) {
                (crate::credentials::Status::Expired, Some(t), _) => {
                    format!("expired on {}", crate::credentials::rfc3339(t))
                }
                (_, _, Some(t)) => {
                    format!("is not valid before {}", crate::credentials::rfc3339(t))
                }
                _ => "is not valid now".to_string(),
            };
            *f = Failure::new(
                f.kind,
                format!(
                    "{}; likely cause: {} {when}",
                    f.message,
                    crate::credentials::describe(c)
                ),
            );
        }
        outcome.server_certificate = self.seen.and_then(|s| s.get());
        outcome.credentials = self
            .credentials
            .iter()
            .map(|c| c.row(now, Window::Lifetime))
            .collect();
        outcome
    }
}

/// What asking one target gave.
#[derive(Default)]
struct Outcome {
    identity: Option<Identity>,
    failure: Option<Failure>,
    crd: Option<Crd>,
    answers: Vec<Option<(bool, Option<String>)>>,
    via: Option<String>,
    server: Option<String>,
    server_certificate: Option<ServerCertificate>,
    credentials: Vec<crate::credentials::CredentialRow>,
}

impl Outcome {
    fn failed(f: Failure) -> Self {
        Outcome {
            failure: Some(f),
            ..Outcome::default()
        }
    }
}

async fn ask(
    target: &Target,
    opts: &RunOptions,
    transports: &Transports,
    deadline: Option<Instant>,
    learned: &mut Learned,
) -> Outcome {
    let Some(ctx) = &target.context else {
        return Outcome::default();
    };
    // An in-cluster context outside a pod: ask about the ServiceAccount through another context.
    let (through, subject, via) = match (&ctx.target, &opts.via) {
        (Reach::InCluster(None), Some(via)) => (
            &via.context,
            Some(Subject::service_account(&via.namespace, &via.name)),
            Some(via.context.name.to_string()),
        ),
        _ => (ctx, None, None),
    };
    let server = through
        .server()
        .map(|s| crate::kubeconfig::view::redact_url(&s));
    learned.credentials = crate::credentials::of_context(through);
    let conn = match transports
        .connect(through, &opts.impersonate, deadline)
        .await
    {
        Ok(c) => {
            learned.seen.clone_from(&c.seen);
            if let Some(t) = c.exec_expiration {
                for cred in &mut learned.credentials {
                    if cred.kind == Kind::Exec {
                        cred.expiry = Expiry::At(t);
                    }
                }
            }
            c
        }
        Err(f) => {
            return Outcome {
                via,
                server,
                ..Outcome::failed(f)
            };
        }
    };
    let asker = Asker {
        client: &conn.client,
        server: &conn.server,
        deadline,
    };
    if let Some(warm) = &conn.warm
        && let Some(f) = warm.get_or_init(|| asker.warm_up()).await
    {
        return Outcome {
            via,
            server,
            ..Outcome::failed(f.clone())
        };
    }
    // Who it is, first: a context whose credentials are refused stops here, rather than
    // sending a burst of doomed requests (each 401 makes the API server close the HTTP/2
    // connection that other contexts share).
    let identity = match &subject {
        // The subject is who we ask about; the server is not asked who we are.
        Some(s) => Some(Identity {
            username: Some(s.user.clone()),
            groups: s.groups.clone(),
        }),
        None => match asker.identity().await {
            Ok(i) => i,
            Err(f) => {
                return Outcome {
                    via,
                    server,
                    ..Outcome::failed(f)
                };
            }
        },
    };
    let crd = async {
        if target.prow_job_context {
            Some(asker.prowjob_crd().await)
        } else {
            None
        }
    };
    let checks = join_all(
        target
            .checks
            .iter()
            .map(|c| asker.access(&c.permission, &c.namespace, subject.as_ref())),
    );
    let (crd, checks) = tokio::join!(crd, checks);
    let mut out = Outcome {
        via,
        server,
        crd,
        ..Outcome::default()
    };
    out.identity = identity;
    for answer in checks {
        match answer {
            Ok(a) => out.answers.push(Some((a.allowed, a.reason))),
            Err(f) => {
                out.answers.push(None);
                // Credentials and transport failures matter more than a single odd answer.
                if out.failure.is_none() {
                    out.failure = Some(f);
                }
            }
        }
    }
    out
}

fn reports(target: &Target, outcome: Outcome) -> Vec<ContextReport> {
    let checks: Vec<CheckResult> = target
        .checks
        .iter()
        .enumerate()
        .map(|(i, c)| result(c, outcome.answers.get(i).cloned().flatten()))
        .collect();
    let status = if target.context.is_none() {
        Status::Missing
    } else if outcome.failure.is_some() {
        Status::Error
    } else if checks.iter().any(|c| c.allowed == Some(false)) {
        Status::Denied
    } else {
        Status::Ok
    };
    let mut namespaces: Vec<&str> = Vec::new();
    for c in &target.checks {
        if !namespaces.contains(&c.namespace.as_str()) {
            namespaces.push(&c.namespace);
        }
    }
    let crd = match (target.prow_job_context, outcome.crd) {
        (true, Some(c)) => Some(c),
        (true, None) if target.context.is_some() => Some(Crd::Unknown),
        _ => None,
    };
    target
        .names
        .iter()
        .map(|(name, alias)| ContextReport {
            context: name.clone(),
            alias_of: alias.clone(),
            namespace: namespaces.join(","),
            server: outcome.server.clone(),
            identity: outcome.identity.clone(),
            status,
            error: outcome.failure.clone(),
            prow_job_context: target.prow_job_context,
            crd,
            via: outcome.via.clone(),
            server_certificate: outcome.server_certificate.clone(),
            credentials: outcome.credentials.clone(),
            checks: checks.clone(),
        })
        .collect()
}

fn result(c: &PlannedCheck, answer: Option<(bool, Option<String>)>) -> CheckResult {
    let (allowed, reason) = match answer {
        Some((a, r)) => (Some(a), r),
        None => (None, None),
    };
    CheckResult {
        component: c.components.clone(),
        group: c.permission.group.to_string(),
        resource: c.permission.resource.to_string(),
        subresource: c.permission.subresource.to_string(),
        verb: c.permission.verb.to_string(),
        namespace: c.namespace.clone(),
        allowed,
        reason,
        permission: c.permission,
        scope: c.scope,
    }
}

fn humanize(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{}s", d.as_secs())
    } else {
        format!("{}ms", d.as_millis())
    }
}
