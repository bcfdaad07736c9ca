//! Kubeconfig loading and merging.
//!
//! `sources` decides which files to read (kubectl's rules, or the explicit `--kubeconfig` and
//! `--kubeconfig-dir` lists), `file` reads one file keeping the line of every entry
//! (`scanned` reads plain YAML quickly, serde-saphyr the rest), `merge` loads them under one of
//! three rules (`union`: the federated design's strict union and kubectl's first-wins;
//! `prow_mode`: Prow's per-file loader) into a [`ContextSet`], `client` and `server` check what
//! a client-go client would refuse, and `view` turns a `ContextSet` back into kubeconfig YAML
//! with secrets redacted. Every problem is a [`crate::finding::Finding`] at its entry.

pub mod client;
mod doc;
pub mod file;
pub mod incluster;
pub mod merge;
pub mod options;
pub mod prow_mode;
pub mod report;
mod scanned;
pub mod server;
pub mod sources;
pub mod union;
pub mod usable;
pub mod view;

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde_json::Value;

use crate::source::{Origin, Sourced};

pub use file::KubeconfigFile;
pub use incluster::PodServiceAccount;
pub use merge::load;
pub use options::{LoadOptions, MergeMode};

/// The reserved cluster name that, in a context without a user, means the pod's ServiceAccount.
pub const IN_CLUSTER: &str = "in-cluster";

/// Prow's key for the service (ProwJob) cluster in its own loader.
pub const PROW_SERVICE_CONTEXT: &str = "";

/// Prow's default context for jobs without `cluster:`.
pub const DEFAULT_CONTEXT: &str = "default";

/// The three kinds of named entries in a kubeconfig.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Cluster,
    Context,
    User,
}

impl Kind {
    pub fn singular(self) -> &'static str {
        match self {
            Kind::Cluster => "cluster",
            Kind::Context => "context",
            Kind::User => "user",
        }
    }

    pub fn plural(self) -> &'static str {
        match self {
            Kind::Cluster => "clusters",
            Kind::Context => "contexts",
            Kind::User => "users",
        }
    }

    pub const ALL: [Kind; 3] = [Kind::Cluster, Kind::Context, Kind::User];
}

/// A named cluster, context or user as defined in one file. `body` is the inner mapping
/// (`cluster:`, `context:` or `user:`) with relative paths already resolved; it is kept as a
/// JSON value so that fields this tool does not know survive a round trip through `view`.
/// Its `Debug` shows the body redacted as `view` redacts it: the body may hold a user's token.
///
/// The body is shared: every context that names a cluster or user holds that entry, and a
/// body is kilobytes of CA data and tokens (cloning them was a quarter of `contexts` on 1,000
/// contexts).
#[derive(Clone, PartialEq)]
pub struct Entry {
    pub name: String,
    pub origin: Origin,
    pub body: Arc<Value>,
}

impl fmt::Debug for Entry {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // The kind is unknown here; redacting as a user covers every secret-bearing field
        // (a cluster's CA data and URL credentials included).
        let mut body = Value::clone(&self.body);
        view::redact(Kind::User, &mut body);
        if let Some(map) = body.as_object_mut()
            && let Some(v) = map.get_mut("certificate-authority-data")
            && !(v.is_null() || v.as_str() == Some(""))
        {
            *v = Value::String(view::DATA_OMITTED.into());
        }
        f.debug_struct("Entry")
            .field("name", &self.name)
            .field("origin", &self.origin)
            .field("body", &body)
            .finish()
    }
}

impl Entry {
    /// A string field of the body, `None` when absent or empty.
    pub fn field(&self, key: &str) -> Option<&str> {
        self.body
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
    }
}

/// The name of a context: what a Prow job's `cluster` field refers to.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize)]
#[serde(transparent)]
pub struct ContextName(String);

impl ContextName {
    pub fn new(name: impl Into<String>) -> Self {
        ContextName(name.into())
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ContextName {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for ContextName {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

/// Where a context's requests go.
#[derive(Clone, Debug, PartialEq)]
pub enum Target {
    /// A cluster entry from a kubeconfig file.
    Cluster(Entry),
    /// The `in-cluster` pseudo-cluster: the pod's ServiceAccount. `None` outside a pod, where
    /// it is listed as in-cluster and never guessed at.
    InCluster(Option<PodServiceAccount>),
    /// The context names a cluster that no file defines (only tolerated under kubectl's rules,
    /// which tolerate it too; the other rules refuse to load).
    Missing,
}

/// How a context authenticates, as the AUTH column shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Auth {
    Token,
    TokenFile,
    ClientCert,
    Basic,
    Exec(String),
    AuthProvider(String),
    ServiceAccount,
    None,
}

impl fmt::Display for Auth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Auth::Token => f.write_str("token"),
            Auth::TokenFile => f.write_str("token-file"),
            Auth::ClientCert => f.write_str("client-cert"),
            Auth::Basic => f.write_str("basic"),
            Auth::Exec(cmd) => write!(f, "exec:{cmd}"),
            Auth::AuthProvider(name) => write!(f, "auth-provider:{name}"),
            Auth::ServiceAccount => f.write_str("serviceaccount"),
            Auth::None => f.write_str("none"),
        }
    }
}

/// A context after merging: its own entry, and the cluster and user it resolved to.
#[derive(Clone, Debug, PartialEq)]
pub struct Context {
    pub name: ContextName,
    pub origin: Origin,
    /// The `cluster:` field as written.
    pub cluster: Option<String>,
    /// The `user:` field as written.
    pub user: Option<String>,
    /// The context's namespace; for an in-cluster context without one, inside a pod, the
    /// ServiceAccount's namespace.
    pub namespace: Option<String>,
    pub target: Target,
    /// The resolved user entry, if the context names one that exists.
    pub credentials: Option<Entry>,
    /// For contexts Prow's loader synthesizes (`""` and `default`): the context they stand for.
    pub alias_of: Option<ContextName>,
}

impl Context {
    pub fn server(&self) -> Option<String> {
        match &self.target {
            Target::Cluster(entry) => entry.field("server").map(str::to_string),
            Target::InCluster(Some(sa)) => Some(sa.server.clone()),
            Target::InCluster(None) | Target::Missing => None,
        }
    }

    pub fn is_in_cluster(&self) -> bool {
        matches!(self.target, Target::InCluster(_))
    }

    pub fn auth(&self) -> Auth {
        if let Target::InCluster(_) = self.target {
            return Auth::ServiceAccount;
        }
        let Some(user) = &self.credentials else {
            return Auth::None;
        };
        // When a user carries several methods, show the one client-go prefers for the
        // Authorization header; a client certificate is presented alongside any of them.
        if user.field("token").is_some() {
            Auth::Token
        } else if user.field("tokenFile").is_some() {
            Auth::TokenFile
        } else if let Some(exec) = user.body.get("exec") {
            let cmd = exec.get("command").and_then(Value::as_str).unwrap_or("");
            let base = Path::new(cmd)
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default();
            Auth::Exec(base)
        } else if let Some(provider) = user.body.get("auth-provider") {
            let name = provider.get("name").and_then(Value::as_str).unwrap_or("");
            Auth::AuthProvider(name.to_string())
        } else if user.field("client-certificate").is_some()
            || user.field("client-certificate-data").is_some()
        {
            Auth::ClientCert
        } else if user.field("username").is_some() || user.field("password").is_some() {
            Auth::Basic
        } else {
            Auth::None
        }
    }
}

/// Every context the loaded kubeconfigs define, resolved, plus what an operator needs to know
/// about how they were merged.
#[derive(Clone, Debug)]
pub struct ContextSet {
    pub mode: MergeMode,
    /// The files read, in the order they were merged.
    pub files: Vec<Arc<Path>>,
    /// Contexts sorted by name.
    pub contexts: Vec<Context>,
    /// The cluster and user entries that were kept, for `view`.
    pub clusters: Vec<Entry>,
    pub users: Vec<Entry>,
    /// The merged `current-context`, and where it came from.
    pub current_context: Option<Sourced<String>>,
    /// The context that holds ProwJobs (the service cluster), when known.
    pub prow_job_context: Option<ContextName>,
    /// Contexts dropped because Prow's `disabled_clusters` names them (`--merge prow`).
    pub disabled: Vec<ContextName>,
    /// What loading found that does not stop it (warnings), each at its entry with its fix;
    /// errors stop the load as [`crate::Error::InvalidConfig`] findings.
    pub warnings: Vec<crate::finding::Finding>,
}

impl ContextSet {
    pub fn get(&self, name: &str) -> Option<&Context> {
        self.contexts.iter().find(|c| c.name == *name)
    }

    pub fn is_current(&self, context: &Context) -> bool {
        self.current_context
            .as_ref()
            .is_some_and(|cc| context.name == *cc.value.as_str())
    }

    /// Whether `context` reaches the ProwJob (service) cluster: it is the named ProwJob
    /// context, or an alias Prow synthesized for it.
    pub fn is_prow_job_context(&self, context: &Context) -> bool {
        match &self.prow_job_context {
            // Prow's `""` and what it aliases are one cluster: a job naming either runs there.
            Some(pj) => {
                context.name == *pj
                    || context.alias_of.as_ref() == Some(pj)
                    || self
                        .get(pj.as_str())
                        .and_then(|p| p.alias_of.as_ref())
                        .is_some_and(|target| *target == context.name)
            }
            // No named one: the design says ProwJobs live where the pod's ServiceAccount points.
            None => self.mode != MergeMode::Prow && context.is_in_cluster(),
        }
    }

    /// The context names, for completion and for error hints.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.contexts.iter().map(|c| c.name.as_str())
    }
}

/// The kubectl flags that pick or override parts of the active context.
#[derive(Clone, Debug, Default)]
pub struct Overrides {
    pub context: Option<String>,
    pub cluster: Option<String>,
    pub user: Option<String>,
    pub namespace: Option<String>,
    /// For a command that lists every context (contexts, jobs, lint, graph, view): without a
    /// current context, `--cluster`, `--user` and `-n` have nothing to change and are ignored,
    /// as `kubectl config get-contexts -n x` ignores them; a command that acts through the
    /// current context refuses instead.
    pub listing: bool,
}

/// Applies `--context`, `--cluster`, `--user` and `-n` the way kubectl does: `--context`
/// replaces the current context, the others change the current context only. Unknown names
/// are errors (exit code 3) that list what is loaded.
pub fn apply_overrides(set: &mut ContextSet, overrides: &Overrides) -> crate::Result<()> {
    if let Some(name) = &overrides.context {
        if set.get(name).is_none() {
            return Err(crate::Error::UnknownName(format!(
                "--context {name:?}: no such context{} in {}; loaded contexts: {}",
                did_you_mean(name, set.names()),
                describe_files(&set.files),
                list_or_none(set.names())
            )));
        }
        set.current_context = Some(Sourced::new(name.clone(), Origin::file("--context")));
    }
    let wants_change =
        overrides.cluster.is_some() || overrides.user.is_some() || overrides.namespace.is_some();
    if !wants_change {
        return Ok(());
    }
    let Some(current) = set.current_context.as_ref().map(|c| c.value.clone()) else {
        if overrides.listing {
            return Ok(());
        }
        return Err(crate::Error::Usage(
            "--cluster, --user and --namespace change the current context, and none is set; \
             name one with --context"
                .into(),
        ));
    };
    if set.get(&current).is_none() {
        // kubectl: "context was not found for specified context"; changing a context that
        // does not exist would silently change nothing.
        let from = set
            .current_context
            .as_ref()
            .map(|c| c.origin.display_line())
            .unwrap_or_default();
        return Err(crate::Error::UnknownName(format!(
            "current-context {current:?} (from {from}) names no loaded context, so --cluster, \
             --user and --namespace have nothing to change; name one with --context; loaded \
             contexts: {}",
            list_or_none(set.names())
        )));
    }
    let cluster = match &overrides.cluster {
        Some(name) => Some(
            set.clusters
                .iter()
                .find(|c| c.name == *name)
                .cloned()
                .ok_or_else(|| {
                    crate::Error::UnknownName(format!(
                        "--cluster {name:?}: no such cluster{}; loaded clusters: {}",
                        did_you_mean(name, set.clusters.iter().map(|c| c.name.as_str())),
                        list_or_none(set.clusters.iter().map(|c| c.name.as_str()))
                    ))
                })?,
        ),
        None => None,
    };
    let user = match &overrides.user {
        Some(name) => Some(
            set.users
                .iter()
                .find(|u| u.name == *name)
                .cloned()
                .ok_or_else(|| {
                    crate::Error::UnknownName(format!(
                        "--user {name:?}: no such user{}; loaded users: {}",
                        did_you_mean(name, set.users.iter().map(|u| u.name.as_str())),
                        list_or_none(set.users.iter().map(|u| u.name.as_str()))
                    ))
                })?,
        ),
        None => None,
    };
    if let Some(ctx) = set
        .contexts
        .iter_mut()
        .find(|c| c.name == *current.as_str())
    {
        if let Some(entry) = cluster {
            ctx.cluster = Some(entry.name.clone());
            ctx.target = Target::Cluster(entry);
        }
        if let Some(entry) = user {
            ctx.user = Some(entry.name.clone());
            ctx.credentials = Some(entry);
        }
        if let Some(ns) = &overrides.namespace {
            ctx.namespace = Some(ns.clone());
        }
    }
    Ok(())
}

pub(crate) fn describe_files(files: &[Arc<Path>]) -> String {
    match files {
        [] => "the loaded kubeconfig (no files)".to_string(),
        [one] => one.display().to_string(),
        many => format!("{} kubeconfig files", many.len()),
    }
}

/// ` (did you mean "NAME"?)` for the known name nearest to a mistyped one, or nothing when none
/// is near: Jaro-Winkler similarity above 0.8, which weighs a shared start (`buil01` and
/// `build01`); the first of equally near names wins.
pub fn did_you_mean<'a>(name: &str, known: impl Iterator<Item = &'a str>) -> String {
    let mut best: Option<(f64, &str)> = None;
    for k in known.filter(|k| *k != name) {
        let score = strsim::jaro_winkler(name, k);
        if score > 0.8 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, k));
        }
    }
    best.map(|(_, k)| format!(" (did you mean {k:?}?)"))
        .unwrap_or_default()
}

pub fn list_or_none<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<String> = names.map(|n| format!("{n:?}")).collect();
    if names.is_empty() {
        "none".to_string()
    } else {
        names.join(", ")
    }
}

/// A path for messages: as given.
pub(crate) fn shown(path: &Path) -> String {
    path.display().to_string()
}

/// `PathBuf` helper for tests and callers that have strings.
pub fn paths<I: IntoIterator<Item = S>, S: Into<PathBuf>>(items: I) -> Vec<PathBuf> {
    items.into_iter().map(Into::into).collect()
}
