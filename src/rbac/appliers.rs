//! Who can apply a suggestion. The Role and RoleBinding that `--suggest` prints must be created
//! by an identity that may create Roles and RoleBindings in that namespace; the context that was
//! just denied is usually not one. This asks every loaded context on the same API server, with
//! a SelfSubjectAccessReview each, and names the first that may.

use std::collections::BTreeMap;
use std::sync::Arc;

use futures::future::join_all;
use tokio::time::Instant;

use super::client::Transports;
use super::transport::Asker;
use super::{ContextReport, Permission, RunOptions};
use crate::kubeconfig::view::redact_url;
use crate::kubeconfig::{Context, ContextSet, Target};

/// What applying a suggestion takes: creating the Role and the RoleBinding.
pub const APPLY: [Permission; 2] = [
    Permission {
        group: "rbac.authorization.k8s.io",
        resource: "roles",
        subresource: "",
        verb: "create",
    },
    Permission {
        group: "rbac.authorization.k8s.io",
        resource: "rolebindings",
        subresource: "",
        verb: "create",
    },
];

/// For one API server and namespace: the context that may apply there, if any.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applier {
    /// The server, as the reports show it (credentials in the URL redacted).
    pub server: String,
    pub namespace: String,
    /// The first context, by name, whose identity may create Roles and RoleBindings there.
    pub context: Option<String>,
    /// The contexts on that server that were asked.
    pub asked: Vec<String>,
}

/// The (server, namespace) pairs of every report with denials.
pub fn wanted(reports: &[ContextReport]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for r in reports {
        let Some(server) = &r.server else { continue };
        for c in r.denied() {
            let key = (server.clone(), c.namespace.clone());
            if !out.contains(&key) {
                out.push(key);
            }
        }
    }
    out
}

/// Asks, for every (server, namespace) in `wanted`, every context of `set` that reaches that
/// server (aliases once), concurrently, each under `opts.timeout`.
pub async fn find(
    set: &ContextSet,
    wanted: &[(String, String)],
    opts: &RunOptions,
) -> Vec<Applier> {
    let mut by_server: BTreeMap<String, Vec<&Context>> = BTreeMap::new();
    for c in set.contexts.iter().filter(|c| c.alias_of.is_none()) {
        if !matches!(c.target, Target::Cluster(_)) {
            continue;
        }
        if let Some(s) = c.server() {
            by_server.entry(redact_url(&s)).or_default().push(c);
        }
    }
    let transports = Arc::new(Transports::default());
    let asks = wanted.iter().map(|(server, namespace)| {
        let candidates = by_server.get(server).cloned().unwrap_or_default();
        let transports = Arc::clone(&transports);
        async move {
            let answers = join_all(
                candidates
                    .iter()
                    .map(|c| may_apply(c, namespace, opts, &transports)),
            )
            .await;
            Applier {
                server: server.clone(),
                namespace: namespace.clone(),
                context: candidates
                    .iter()
                    .zip(&answers)
                    .find(|(_, ok)| **ok)
                    .map(|(c, _)| c.name.to_string()),
                asked: candidates.iter().map(|c| c.name.to_string()).collect(),
            }
        }
    });
    join_all(asks).await
}

/// Whether `ctx`'s identity may create Roles and RoleBindings in `namespace`. A context that
/// cannot be asked may not, as far as anyone can tell.
async fn may_apply(ctx: &Context, namespace: &str, opts: &RunOptions, t: &Transports) -> bool {
    let work = async {
        let deadline = opts.timeout.map(|t| Instant::now() + t);
        let Ok(conn) = t.connect(ctx, &opts.impersonate, deadline).await else {
            return false;
        };
        let asker = Asker {
            client: &conn.client,
            server: &conn.server,
            deadline,
        };
        if let Some(warm) = &conn.warm
            && warm.get_or_init(|| asker.warm_up()).await.is_some()
        {
            return false;
        }
        let answers = join_all(APPLY.iter().map(|p| asker.access(p, namespace, None))).await;
        answers.iter().all(|a| a.as_ref().is_ok_and(|a| a.allowed))
    };
    match opts.timeout {
        Some(t) => tokio::time::timeout(t, work).await.unwrap_or(false),
        None => work.await,
    }
}
