//! `grant`: the ServiceAccount, Role and RoleBinding that let one ServiceAccount do exactly
//! what the chosen Prow components need in one namespace (from [`permissions_for`]), applied
//! with server-side apply; and a kubeconfig holding a TokenRequest token for it.

use base64::Engine;
use k8s_openapi::api::authentication::v1::{TokenRequest, TokenRequestSpec};
use k8s_openapi::api::core::v1::ServiceAccount;
use k8s_openapi::api::rbac::v1::{Role, RoleBinding};
use kube::Client;
use kube::api::{Api, ApiResource, DynamicObject, Patch, PatchParams, PostParams};
use serde_json::{Value, json};

use super::components::{Component, Scope, permissions_for, verb_rank};
use super::transport::kube_failure as failure;
use super::{Failure, FailureKind};
use crate::kubeconfig::{Context, Target};
use crate::secret::Secret;

/// The field manager of every object `grant --apply` writes.
pub const FIELD_MANAGER: &str = "kubectl-prow";

/// What to grant: who, where, and for which components.
#[derive(Clone, Debug)]
pub struct Grant {
    pub namespace: String,
    pub service_account: String,
    /// All components when empty.
    pub components: Vec<Component>,
    /// Pods in a job context, and/or ProwJobs in the ProwJob context: a Role and RoleBinding
    /// each (a scope whose rules are empty for the components gets none).
    pub scopes: Vec<Scope>,
}

impl Grant {
    /// `kubectl-prow-NAME` (`-prowjobs` for the ProwJob verbs), so that the two grants of one
    /// ServiceAccount do not replace each other.
    pub fn role_name(&self, scope: Scope) -> String {
        match scope {
            Scope::JobContext => format!("kubectl-prow-{}", self.service_account),
            Scope::ProwJobContext => format!("kubectl-prow-{}-prowjobs", self.service_account),
        }
    }

    /// The scopes that grant anything to the chosen components.
    pub fn granted_scopes(&self) -> Vec<Scope> {
        self.scopes
            .iter()
            .copied()
            .filter(|s| !self.rules(*s).is_empty())
            .collect()
    }

    /// The Role's rules for `scope`: one per resource, in the table's order (pods, pods/log,
    /// events, prowjobs), verbs in kubectl's order.
    pub fn rules(&self, scope: Scope) -> Vec<Value> {
        let mut rules: Vec<(&str, String, Vec<&str>)> = Vec::new();
        for (p, _) in permissions_for(scope, &self.components) {
            let resource = p.short_resource();
            match rules
                .iter_mut()
                .find(|(g, r, _)| *g == p.group && *r == resource)
            {
                Some((_, _, verbs)) => verbs.push(p.verb),
                None => rules.push((p.group, resource, vec![p.verb])),
            }
        }
        rules
            .into_iter()
            .map(|(group, resource, mut verbs)| {
                verbs.sort_by_key(|v| verb_rank(v));
                verbs.dedup();
                json!({ "apiGroups": [group], "resources": [resource], "verbs": verbs })
            })
            .collect()
    }

    /// The objects, in the order they must be applied: the ServiceAccount, then a Role and
    /// its RoleBinding per granted scope.
    pub fn objects(&self) -> Vec<Value> {
        let labels = json!({ "app.kubernetes.io/managed-by": FIELD_MANAGER });
        let mut out = vec![json!({
            "apiVersion": "v1",
            "kind": "ServiceAccount",
            "metadata": {
                "name": self.service_account,
                "namespace": self.namespace,
                "labels": labels,
            },
        })];
        for scope in self.granted_scopes() {
            let name = self.role_name(scope);
            out.push(json!({
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "Role",
                "metadata": { "name": name, "namespace": self.namespace, "labels": labels },
                "rules": self.rules(scope),
            }));
            out.push(json!({
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "RoleBinding",
                "metadata": { "name": name, "namespace": self.namespace, "labels": labels },
                "roleRef": {
                    "apiGroup": "rbac.authorization.k8s.io",
                    "kind": "Role",
                    "name": name,
                },
                "subjects": [{
                    "kind": "ServiceAccount",
                    "name": self.service_account,
                    "namespace": self.namespace,
                }],
            }));
        }
        out
    }

    /// The objects as a YAML stream for `kubectl apply -f -`, with a comment saying for whom.
    pub fn yaml(&self) -> String {
        let who = if self.components.is_empty() {
            "every Prow component".to_string()
        } else {
            self.components
                .iter()
                .map(|c| c.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        let what: Vec<&str> = self
            .granted_scopes()
            .iter()
            .map(|s| match s {
                Scope::JobContext => "pods (job context)",
                Scope::ProwJobContext => "ProwJobs (ProwJob context)",
            })
            .collect();
        let mut out = format!(
            "# ServiceAccount {}/{}: what {who} needs with {} in namespace {}\n",
            self.namespace,
            self.service_account,
            what.join(" and "),
            self.namespace
        );
        for doc in self.objects() {
            out.push_str("---\n");
            out.push_str(&serde_saphyr::to_string(&doc).expect("serializable"));
        }
        out
    }
}

/// What server-side apply did to one object.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Change {
    Created,
    Configured,
    Unchanged,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Change::Created => "created",
            Change::Configured => "configured",
            Change::Unchanged => "unchanged",
        }
    }
}

/// One applied object: `serviceaccount/NAME`, `role.rbac.authorization.k8s.io/NAME`, ...
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Applied {
    pub object: String,
    pub change: Change,
}

/// Applies the objects with server-side apply (field manager `kubectl-prow`). Whether each
/// changed is read from its resourceVersion before and after: an apply that changes nothing
/// leaves it as it was. `force` takes over fields another manager owns.
pub async fn apply(
    client: &Client,
    server: &str,
    grant: &Grant,
    force: bool,
) -> Result<Vec<Applied>, Failure> {
    let mut params = PatchParams::apply(FIELD_MANAGER);
    if force {
        params = params.force();
    }
    let mut out = Vec::new();
    for object in grant.objects() {
        let (resource, kind) = match object["kind"].as_str() {
            Some("ServiceAccount") => (ApiResource::erase::<ServiceAccount>(&()), "serviceaccount"),
            Some("Role") => (
                ApiResource::erase::<Role>(&()),
                "role.rbac.authorization.k8s.io",
            ),
            _ => (
                ApiResource::erase::<RoleBinding>(&()),
                "rolebinding.rbac.authorization.k8s.io",
            ),
        };
        let name = object["metadata"]["name"].as_str().unwrap_or_default();
        let api: Api<DynamicObject> =
            Api::namespaced_with(client.clone(), &grant.namespace, &resource);
        let what = format!("{kind}/{name}");
        let before = api
            .get_opt(name)
            .await
            .map_err(|e| failure(&e, server, &format!("get {what}")))?
            .and_then(|o| o.metadata.resource_version);
        let after = api
            .patch(name, &params, &Patch::Apply(&object))
            .await
            .map_err(|e| failure(&e, server, &format!("apply {what}")))?
            .metadata
            .resource_version;
        let change = match before {
            None => Change::Created,
            Some(b) if Some(&b) == after.as_ref() => Change::Unchanged,
            Some(_) => Change::Configured,
        };
        out.push(Applied {
            object: what,
            change,
        });
    }
    Ok(out)
}

/// A token for the ServiceAccount from the TokenRequest API, and when it expires (the API
/// server may shorten the asked lifetime).
pub async fn token(
    client: &Client,
    server: &str,
    namespace: &str,
    name: &str,
    seconds: i64,
) -> Result<(Secret, Option<String>), Failure> {
    let api: Api<ServiceAccount> = Api::namespaced(client.clone(), namespace);
    let request = TokenRequest {
        spec: TokenRequestSpec {
            expiration_seconds: Some(seconds),
            ..TokenRequestSpec::default()
        },
        ..TokenRequest::default()
    };
    let what = format!("request a token for serviceaccount {namespace}/{name}");
    let answer = api
        .create_token_request(name, &PostParams::default(), &request)
        .await
        .map_err(|e| failure(&e, server, &what))?;
    let status = answer.status.ok_or_else(|| {
        Failure::new(
            FailureKind::BadResponse,
            format!("{server} answered a TokenRequest without a token"),
        )
    })?;
    Ok((
        Secret::new(status.token),
        Some(status.expiration_timestamp.0.to_string()),
    ))
}

/// The default name of the cluster, user and context in a `--kubeconfig-out` file: the
/// target's cluster, namespace and ServiceAccount (`CLUSTER-NAMESPACE-SA`), so that it says
/// where it goes, not which admin context made it, and merges with the operator's files
/// without colliding.
pub fn kubeconfig_name(ctx: &Context, namespace: &str, service_account: &str) -> String {
    let cluster = match &ctx.target {
        Target::Cluster(entry) => entry.name.as_str(),
        _ => ctx.cluster.as_deref().unwrap_or(ctx.name.as_str()),
    };
    format!("{cluster}-{namespace}-{service_account}")
}

/// A kubeconfig with one cluster (the context's server and CA, embedded), one user (the
/// token) and one context in `namespace`, all named [`kubeconfig_name`]. No current-context:
/// under Prow's loader the last file's current-context becomes the service cluster.
pub fn kubeconfig(
    ctx: &Context,
    name: &str,
    namespace: &str,
    token: &Secret,
) -> Result<String, Failure> {
    let b64 = base64::engine::general_purpose::STANDARD;
    let read_ca = |path: &str| {
        std::fs::read(path).map(|b| b64.encode(b)).map_err(|e| {
            Failure::new(
                FailureKind::Config,
                format!("cannot read the certificate authority {path}: {e}"),
            )
        })
    };
    let mut cluster = serde_json::Map::new();
    match &ctx.target {
        Target::Cluster(entry) => {
            let server = entry.field("server").ok_or_else(|| {
                Failure::new(
                    FailureKind::Config,
                    format!("cluster {:?} has no server", entry.name),
                )
            })?;
            cluster.insert("server".into(), server.into());
            if let Some(data) = entry.field("certificate-authority-data") {
                cluster.insert("certificate-authority-data".into(), data.into());
            } else if let Some(path) = entry.field("certificate-authority") {
                cluster.insert("certificate-authority-data".into(), read_ca(path)?.into());
            }
            for key in ["insecure-skip-tls-verify", "tls-server-name", "proxy-url"] {
                if let Some(v) = entry.body.get(key) {
                    cluster.insert(key.into(), v.clone());
                }
            }
        }
        Target::InCluster(Some(sa)) => {
            cluster.insert("server".into(), sa.server.clone().into());
            let ca = read_ca(&sa.ca_file.display().to_string())?;
            cluster.insert("certificate-authority-data".into(), ca.into());
        }
        Target::InCluster(None) | Target::Missing => {
            return Err(Failure::new(
                FailureKind::Config,
                format!(
                    "context {:?} has no server to write into a kubeconfig",
                    ctx.name.as_str()
                ),
            ));
        }
    }
    let doc = json!({
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{ "name": name, "cluster": cluster }],
        "users": [{ "name": name, "user": { "token": token.expose() } }],
        "contexts": [{
            "name": name,
            "context": { "cluster": name, "user": name, "namespace": namespace },
        }],
    });
    Ok(serde_saphyr::to_string(&doc).expect("serializable"))
}
