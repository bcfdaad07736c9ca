//! Prow's loader (`--merge prow`), as `pkg/kube/config.go` and
//! `pkg/flagutil/kubernetes_cluster_clients.go` load: every file resolved on its own, only
//! context names collide, the last file's current-context becomes the service context `""`,
//! `default` is synthesized as its alias, and what stops a component building its clients
//! stops the load. Without explicit files, client-go's default rules, then the same.

use std::collections::BTreeMap;

use super::client;
use super::file::KubeconfigFile;
use super::options::{LoadOptions, MergeMode};
use super::report::{Dangling, Report, check_extra_documents, unique_in_file};
use super::{
    Context, ContextName, ContextSet, DEFAULT_CONTEXT, Entry, IN_CLUSTER, Kind,
    PROW_SERVICE_CONTEXT, Target, shown,
};
use crate::finding::Finding;
use crate::source::{Origin, Sourced};
use crate::{Error, Result};

/// Prow's `LoadClusterConfigs`: every file on its own.
pub(super) fn prow(files: &[KubeconfigFile], opts: &LoadOptions) -> Result<ContextSet> {
    let mut report = Report::default();
    check_extra_documents(files, Dangling::Warn, &mut report);
    let dir = opts
        .kubeconfig_dir
        .as_deref()
        .map(shown)
        .unwrap_or_default();
    let disabled = |name: &str| opts.disabled_contexts.iter().any(|d| d == name);
    let mut contexts: BTreeMap<String, Context> = BTreeMap::new();
    let mut all_clusters = Vec::new();
    let mut all_users = Vec::new();
    let mut current: Option<Sourced<String>> = None;
    for f in files {
        let clusters: BTreeMap<String, Entry> =
            unique_in_file(&f.clusters, Kind::Cluster, &mut report)
                .into_iter()
                .map(|e| (e.name.clone(), e))
                .collect();
        let users: BTreeMap<String, Entry> = unique_in_file(&f.users, Kind::User, &mut report)
            .into_iter()
            .map(|e| (e.name.clone(), e))
            .collect();
        for entry in unique_in_file(&f.contexts, Kind::Context, &mut report) {
            if let Some(first) = contexts.get(&entry.name) {
                // Prow's own wording when the files come from --kubeconfig-dir; plainer otherwise.
                let msg = if dir.is_empty() {
                    format!(
                        "context {:?} is defined in two files: {} and {}; Prow's loader refuses \
                         that",
                        entry.name,
                        first.origin.display_line(),
                        entry.origin.display_line(),
                    )
                } else {
                    format!(
                        "context {} occurred more than once in kubeconfig dir {dir:?} (first {}, \
                         again {})",
                        entry.name,
                        first.origin.display_line(),
                        entry.origin.display_line(),
                    )
                };
                report.error(
                    "duplicate-context",
                    &entry.origin,
                    msg,
                    "rename or remove one",
                );
                continue;
            }
            if let Some(ctx) = resolve_prow(&entry, &clusters, &users, f, &mut report) {
                // client-go's ClientConfig() runs while the file loads, disabled or not.
                if let Some(p) = client::problem(&ctx)
                    && p.stage == client::Stage::Load
                {
                    report.errors.push(client::startup_finding(
                        &ctx,
                        &p,
                        &format!("fail to load kubecfg from {:?}: ", shown(&f.path)),
                    ));
                }
                contexts.insert(entry.name.clone(), ctx);
            }
        }
        // The last file's current-context wins, an empty one included, unless it is disabled.
        let file_current = f.current_context.clone();
        if !file_current.as_ref().is_some_and(|c| disabled(&c.value)) {
            current = file_current;
        }
        all_clusters.extend(clusters.into_values());
        all_users.extend(users.into_values());
    }
    let gone: Vec<ContextName> = contexts
        .keys()
        .filter(|name| disabled(name))
        .map(|name| ContextName::new(name.clone()))
        .collect();
    contexts.retain(|name, _| !disabled(name));
    let mut set = ContextSet {
        mode: MergeMode::Prow,
        files: files.iter().map(|f| f.path.clone()).collect(),
        contexts: contexts.into_values().collect(),
        clusters: all_clusters,
        users: all_users,
        current_context: current,
        prow_job_context: None,
        disabled: gone,
        warnings: Vec::new(),
    };
    if report.errors.is_empty() {
        prow_servers(&mut set);
        prow_synthesize(&mut set, opts)?;
        // Then the component builds a client for every context it kept.
        prow_client_errors(&set)?;
    } else {
        // Prow would stop at the first problem; the rest are worth knowing in the same run.
        report.errors.extend(client_errors(&set));
    }
    let warnings = std::mem::take(&mut set.warnings);
    report.warnings.extend(warnings);
    report.finish(set)
}

/// The `$KUBECONFIG` fallback: Prow loads client-go's merge and builds a client config for
/// every context; one failure and it logs "Cannot load kubecfg" and goes on with none of them
/// (nor their current-context).
pub(super) fn prow_fallback_clients(set: &mut ContextSet) {
    let problems: Vec<Finding> = set
        .contexts
        .iter()
        .filter_map(|c| {
            let p = client::problem(c).filter(|p| p.stage == client::Stage::Load)?;
            Some(Finding::warning(
                "prow-drops-kubeconfig",
                Some(p.origin),
                format!(
                    "context {:?} at {}: create {} client: {}; Prow logs \"Cannot load \
                     kubecfg\" and drops every context from $KUBECONFIG, as done here",
                    c.name.as_str(),
                    c.origin.display_line(),
                    c.name,
                    p.message
                ),
                "fix the entry as client-go's message says, or remove the context",
            ))
        })
        .collect();
    if !problems.is_empty() {
        set.warnings.extend(problems);
        set.contexts.clear();
        set.current_context = None;
    }
}

/// Client creation for the contexts Prow kept: any failure stops it.
pub(super) fn prow_client_errors(set: &ContextSet) -> Result<()> {
    let errors = client_errors(set);
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidConfig(errors))
    }
}

fn client_errors(set: &ContextSet) -> Vec<Finding> {
    set.contexts
        .iter()
        // Prow's "" and default are copies: their problem is reported at the original.
        .filter(|c| c.alias_of.is_none())
        .filter_map(|c| {
            let p = client::problem(c).filter(|p| p.stage == client::Stage::Client)?;
            Some(client::startup_finding(c, &p, ""))
        })
        .collect()
}

/// Contexts as client-go builds them: the server's query and fragment dropped when it has a
/// path, and no credentials over plain http.
pub(super) fn prow_servers(set: &mut ContextSet) {
    for c in &mut set.contexts {
        if c.credentials.is_some() && !client::sends_credentials(c) {
            set.warnings.push(Finding::warning(
                "credentials-over-http",
                Some(c.origin.clone()),
                format!(
                    "context {:?} at {}: its server is not https, so Prow (client-go) sends none \
                     of user {:?}'s credentials",
                    c.name.as_str(),
                    c.origin.display_line(),
                    c.user.as_deref().unwrap_or("")
                ),
                "use an https:// server",
            ));
            c.credentials = None;
        }
        if let Target::Cluster(entry) = &mut c.target
            && let Some(server) = entry.field("server")
        {
            let kept = client::client_go_server(server);
            if kept != server {
                std::sync::Arc::make_mut(&mut entry.body)["server"] =
                    serde_json::Value::String(kept);
            }
        }
    }
}

/// Prow's `mergeConfigs`: `""` is the pod's ServiceAccount, else the current context, else an
/// error; `default` is an alias of `""` unless a context has that name.
pub(super) fn prow_synthesize(set: &mut ContextSet, opts: &LoadOptions) -> Result<()> {
    if set.prow_job_context.is_none() {
        set.prow_job_context = Some(ContextName::new(
            opts.prow_job_context
                .as_deref()
                .unwrap_or(PROW_SERVICE_CONTEXT),
        ));
    }
    if opts.no_in_cluster_config {
        if opts.prow_job_context.is_none() {
            set.prow_job_context = None;
        }
        return Ok(());
    }
    let service = if let Some(pod) = &opts.pod {
        Context {
            name: ContextName::new(PROW_SERVICE_CONTEXT),
            origin: crate::source::Origin::file("(the pod's ServiceAccount)"),
            cluster: None,
            user: None,
            namespace: pod.namespace.clone(),
            target: Target::InCluster(Some(pod.clone())),
            credentials: None,
            alias_of: None,
        }
    } else {
        let Some(current) = set.current_context.clone() else {
            // Prow's own wording (pkg/kube/config.go, mergeConfigs).
            return Err(Error::InvalidConfig(vec![Finding::error(
                "no-service-context",
                set.files.last().map(|f| Origin::file(&**f)),
                "no prow cluster access: in-cluster current kubecfg context required \
                 (outside a pod, Prow uses the current-context of the last kubeconfig file as \
                 the service cluster)",
                "set one, or use --no-in-cluster-config",
            )]));
        };
        match set.get(&current.value) {
            Some(target) => Context {
                name: ContextName::new(PROW_SERVICE_CONTEXT),
                alias_of: Some(target.name.clone()),
                ..target.clone()
            },
            None => {
                set.warnings.push(Finding::warning(
                    "unknown-current-context",
                    Some(current.origin.clone()),
                    format!(
                        "current-context {:?} ({}) names no loaded context; Prow would use an \
                         empty client configuration for its service cluster",
                        current.value,
                        current.origin.display_line()
                    ),
                    "set current-context to a context the files define",
                ));
                Context {
                    name: ContextName::new(PROW_SERVICE_CONTEXT),
                    origin: current.origin.clone(),
                    cluster: None,
                    user: None,
                    namespace: None,
                    target: Target::Missing,
                    credentials: None,
                    alias_of: Some(ContextName::new(current.value.clone())),
                }
            }
        }
    };
    if let Some(pos) = set
        .contexts
        .iter()
        .position(|c| c.name == *PROW_SERVICE_CONTEXT)
    {
        // Prow's mergeConfigs overwrites ret[""]: a context of that name in a file is lost.
        let lost = set.contexts.remove(pos);
        set.warnings.push(Finding::warning(
            "replaced-service-context",
            Some(lost.origin.clone()),
            format!(
                "context \"\" at {} is replaced by Prow's service context, as Prow replaces it",
                lost.origin.display_line()
            ),
            "give it a name",
        ));
    }
    if set.get(DEFAULT_CONTEXT).is_none() {
        set.contexts.push(Context {
            name: ContextName::new(DEFAULT_CONTEXT),
            alias_of: Some(service.name.clone()),
            ..service.clone()
        });
    }
    set.contexts.push(service);
    Ok(())
}

/// Resolves a context inside its own file, as Prow builds one client per context per file.
fn resolve_prow(
    entry: &Entry,
    clusters: &BTreeMap<String, Entry>,
    users: &BTreeMap<String, Entry>,
    file: &KubeconfigFile,
    report: &mut Report,
) -> Option<Context> {
    let at = entry.origin.display_line();
    let path = shown(&file.path);
    let name = &entry.name;
    let cluster = entry.field("cluster").map(str::to_string);
    let user = entry.field("user").map(str::to_string);
    let Some(target) = cluster.as_ref().and_then(|c| clusters.get(c)) else {
        let fix = if cluster.as_deref() == Some(IN_CLUSTER) {
            "Prow has no in-cluster pseudo-cluster (that is the federated design's: --merge \
             strict)"
        } else {
            "Prow resolves each file on its own, so the cluster must be in the same file"
        };
        // Prow's own words for it too (client-go sees an empty cluster).
        let prow_says = client::problem(&Context {
            name: ContextName::new(name.clone()),
            origin: entry.origin.clone(),
            cluster: cluster.clone(),
            user: user.clone(),
            namespace: None,
            target: Target::Missing,
            credentials: user.as_ref().and_then(|u| users.get(u).cloned()),
            alias_of: None,
        })
        .map(|p| format!(" (Prow: create {name} client: {})", p.message))
        .unwrap_or_default();
        report.error(
            "dangling-reference",
            &entry.origin,
            format!(
                "fail to load kubecfg from {path:?}: context {name:?} at {at} names cluster {:?}, \
             which this file does not define{prow_says}",
                cluster.unwrap_or_default()
            ),
            fix,
        );
        return None;
    };
    let credentials = match &user {
        Some(u) => {
            let found = users.get(u).cloned();
            if found.is_none() {
                report.warn(
                    "unknown-user",
                    &entry.origin,
                    format!(
                        "context {name:?} at {at} names user {u:?}, which {path} does not \
                             define; Prow would connect anonymously"
                    ),
                    "define the user in the same file, or fix the name",
                );
            }
            found
        }
        None => None,
    };
    Some(Context {
        name: ContextName::new(name.clone()),
        origin: entry.origin.clone(),
        cluster,
        user,
        namespace: entry.field("namespace").map(str::to_string),
        target: Target::Cluster(target.clone()),
        credentials,
        alias_of: None,
    })
}

/// Prow without explicit files: client-go's default rules (kubectl's merge), then Prow's
/// service and default contexts, dropping every context when one cannot load as Prow does.
pub(super) fn fallback(files: &[KubeconfigFile], opts: &LoadOptions) -> Result<ContextSet> {
    let mut set = super::union::kubectl(files, opts)?;
    set.mode = MergeMode::Prow;
    prow_fallback_clients(&mut set);
    // Before synthesis: Prow removes disabled contexts, then picks its service context.
    super::report::drop_disabled(&mut set, opts);
    prow_servers(&mut set);
    // Prow picks its service context before it builds any client; when it finds none
    // because it dropped every context, the reason goes with the error.
    match prow_synthesize(&mut set, opts) {
        Ok(()) => {}
        Err(Error::InvalidConfig(mut errors)) => {
            let dropped = set
                .warnings
                .iter()
                .filter(|w| w.code == "prow-drops-kubeconfig")
                .map(|w| Finding {
                    severity: crate::finding::Severity::Error,
                    ..w.clone()
                });
            errors.extend(dropped);
            return Err(Error::InvalidConfig(errors));
        }
        Err(other) => return Err(other),
    }
    prow_client_errors(&set)?;
    Ok(set)
}
