//! RBAC: what Prow needs in each context ([`components`]), which contexts and namespaces to ask
//! about ([`plan`]), and asking the API servers ([`client`], [`review`], [`run`]), all at once.
//! The result is one [`ContextReport`] per context name: data, rendered by `output::rbac`.

pub mod appliers;
pub mod client;
pub mod components;
pub mod exec;
pub mod grant;
pub mod plan;
pub mod review;
pub mod run;
pub mod suggest;
pub mod tls;
pub mod transport;

use std::fmt;

use serde::Serialize;

pub use components::{Component, Permission, Scope};
pub use plan::{Plan, PlanOptions, Target};
pub use run::{RunOptions, run};

/// The answer to one permission, in one namespace.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CheckResult {
    /// The components that need this permission.
    pub component: Vec<Component>,
    /// The API group (`""` for the core group).
    pub group: String,
    pub resource: String,
    pub subresource: String,
    pub verb: String,
    pub namespace: String,
    /// `None` when the question could not be asked (the context failed).
    pub allowed: Option<bool>,
    /// The API server's reason (or its evaluation error), when it gave one.
    pub reason: Option<String>,
    #[serde(skip)]
    pub permission: Permission,
    #[serde(skip)]
    pub scope: Scope,
}

/// How a context ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every check allowed.
    Ok,
    /// At least one check denied.
    Denied,
    /// The context could not be asked (see [`Failure`]).
    Error,
    /// Jobs name this context, and no file defines it.
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Denied => "denied",
            Status::Error => "error",
            Status::Missing => "missing",
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Why a context could not be asked. The kinds are stable (`-o json` carries them).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FailureKind {
    /// The kubeconfig entry cannot be used (bad server URL, unreadable CA, key or token file).
    Config,
    /// An in-cluster context outside a pod, without `--in-cluster-via`.
    NotInPod,
    /// The exec credential plugin is missing, failed, printed nonsense or hung.
    Exec,
    /// No TCP connection (refused, no route, name not found).
    Unreachable,
    /// TLS failed: unknown certificate authority, wrong name, bad handshake.
    Tls,
    /// The deadline (`--request-timeout`) passed.
    Timeout,
    /// 401: the server rejected the credentials (expired or wrong).
    Unauthorized,
    /// 403 on the review itself: the identity may not ask.
    Forbidden,
    /// 429: the server is throttling, and did not recover within the deadline.
    Throttled,
    /// 5xx from the server.
    ServerError,
    /// A response that is not a Kubernetes review (HTML, a cut connection, another API).
    BadResponse,
}

impl FailureKind {
    pub fn as_str(self) -> &'static str {
        match self {
            FailureKind::Config => "config",
            FailureKind::NotInPod => "not-in-pod",
            FailureKind::Exec => "exec",
            FailureKind::Unreachable => "unreachable",
            FailureKind::Tls => "tls",
            FailureKind::Timeout => "timeout",
            FailureKind::Unauthorized => "unauthorized",
            FailureKind::Forbidden => "forbidden",
            FailureKind::Throttled => "throttled",
            FailureKind::ServerError => "server-error",
            FailureKind::BadResponse => "bad-response",
        }
    }
}

impl fmt::Display for FailureKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A context that could not be asked: the kind, and one line for the operator (never a secret).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failure {
    pub kind: FailureKind,
    pub message: String,
}

impl Failure {
    /// The message is made safe here, once for every output: URLs redacted (a proxy's
    /// password, a token in a query); control characters are escaped when it is rendered.
    pub fn new(kind: FailureKind, message: impl Into<String>) -> Self {
        let message = crate::kubeconfig::view::redact_urls_in(&message.into());
        Failure { kind, message }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.kind, self.message)
    }
}

/// Who a context authenticates as.
#[derive(Clone, Debug, PartialEq, Eq, Default, Serialize)]
pub struct Identity {
    /// `None` when the server could not say (no SelfSubjectReview API).
    pub username: Option<String>,
    pub groups: Vec<String>,
}

impl Identity {
    /// `system:serviceaccount:NS:NAME` as (NS, NAME).
    pub fn service_account(&self) -> Option<(&str, &str)> {
        let rest = self
            .username
            .as_deref()?
            .strip_prefix("system:serviceaccount:")?;
        rest.split_once(':')
    }
}

/// Whether the ProwJob CRD is served on the ProwJob context.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Crd {
    Installed,
    Missing,
    /// Discovery failed (the context failed, or discovery was refused).
    Unknown,
}

/// Everything `check-rbac` learned about one context name.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextReport {
    pub context: String,
    /// For Prow's `""` and `default`: the context they stand for (checked once).
    pub alias_of: Option<String>,
    /// The namespaces the checks ran in, comma-separated when pods and ProwJobs differ.
    pub namespace: String,
    /// The API server asked (credentials in the URL redacted).
    pub server: Option<String>,
    pub identity: Option<Identity>,
    pub status: Status,
    pub error: Option<Failure>,
    /// Checked as the ProwJob (service) context.
    pub prow_job_context: bool,
    /// `prowjobs.prow.k8s.io` served here (ProwJob context only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub crd: Option<Crd>,
    /// For an in-cluster context checked from outside: the context the reviews went through.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub via: Option<String>,
    /// The certificate the API server presented in the TLS handshake (none over plain HTTP,
    /// through a proxy, or when no connection was made).
    pub server_certificate: Option<tls::ServerCertificate>,
    /// The context's certificates and tokens (as `credentials` shows them), with the
    /// expiry its exec plugin reported.
    pub credentials: Vec<crate::credentials::CredentialRow>,
    pub checks: Vec<CheckResult>,
}

impl ContextReport {
    pub fn denied(&self) -> impl Iterator<Item = &CheckResult> {
        self.checks.iter().filter(|c| c.allowed == Some(false))
    }
}
