//! The two merges that make one namespace of names, references crossing files: the federated
//! design's strict union (a name defined twice anywhere is an error naming both places) and
//! kubectl's (client-go's) merge, where the first file to define a name wins and we warn about
//! every entry it drops.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

use super::file::KubeconfigFile;
use super::options::{LoadOptions, MergeMode};
use super::report::{Dangling, Report, check_extra_documents, same_or_differ, unique_in_file};
use super::{Context, ContextName, ContextSet, Entry, IN_CLUSTER, Kind, Target};
use crate::Result;
use crate::source::Sourced;

/// The federated design's strict union: any name defined twice, anywhere, is an error.
pub(super) fn strict(files: &[KubeconfigFile], opts: &LoadOptions) -> Result<ContextSet> {
    union(MergeMode::Strict, files, opts)
}

/// client-go's merge: a name defined twice in one file is an error, across files the first
/// file wins; we warn about everything dropped.
pub(super) fn kubectl(files: &[KubeconfigFile], opts: &LoadOptions) -> Result<ContextSet> {
    union(MergeMode::Kubectl, files, opts)
}

/// The two merges that make one namespace of names (references may cross files); they differ
/// only in what a second definition of a name is.
fn union(mode: MergeMode, files: &[KubeconfigFile], opts: &LoadOptions) -> Result<ContextSet> {
    let mut report = Report::default();
    let policy = if mode == MergeMode::Strict {
        Dangling::Error
    } else {
        Dangling::Warn
    };
    check_extra_documents(files, policy, &mut report);
    let mut kept: HashMap<Kind, BTreeMap<String, Entry>> = HashMap::new();
    for kind in Kind::ALL {
        let map = kept.entry(kind).or_default();
        for f in files {
            let entries = match mode {
                // The cross-file check below already names both places of an in-file repeat.
                MergeMode::Strict => f.entries(kind).to_vec(),
                _ => unique_in_file(f.entries(kind), kind, &mut report),
            };
            for entry in entries {
                let Some(first) = map.get(&entry.name) else {
                    map.insert(entry.name.clone(), entry);
                    continue;
                };
                let (name, kind_name) = (&entry.name, kind.singular());
                let (at_first, at_again) =
                    (first.origin.display_line(), entry.origin.display_line());
                let same = same_or_differ(first, &entry);
                if mode == MergeMode::Strict {
                    report.error(
                        "duplicate-name",
                        &entry.origin,
                        format!(
                            "{kind_name} {name:?} is defined twice: {at_first} and {at_again} \
                             ({same}); the strict union allows each name once"
                        ),
                        "rename or remove one (or use --merge kubectl to let the first win)",
                    );
                } else {
                    report.warn(
                        "shadowed-entry",
                        &entry.origin,
                        format!(
                            "{kind_name} {name:?} at {at_again} is ignored: {at_first} defines it \
                             first and kubectl keeps the first ({same})"
                        ),
                        "rename or remove one of them",
                    );
                }
            }
        }
    }
    let dangling = policy;
    let current_context = first_current_context(files, &mut report);
    let clusters = kept.remove(&Kind::Cluster).unwrap_or_default();
    let users = kept.remove(&Kind::User).unwrap_or_default();
    let contexts = kept.remove(&Kind::Context).unwrap_or_default();
    check_reserved_cluster(clusters.values(), &mut report);
    let contexts = contexts
        .values()
        .filter_map(|e| resolve(e, &clusters, &users, opts, dangling, &mut report))
        .collect();
    let set = assemble(
        mode,
        files,
        contexts,
        clusters,
        users,
        current_context,
        opts,
    );
    warn_unknown_current(&set, &mut report);
    report.finish(set)
}

fn first_current_context(files: &[KubeconfigFile], report: &mut Report) -> Option<Sourced<String>> {
    let all: Vec<&Sourced<String>> = files
        .iter()
        .filter_map(|f| f.current_context.as_ref())
        .collect();
    let chosen = all.first().map(|cc| (*cc).clone());
    if let Some(first) = &chosen {
        let others: Vec<String> = all
            .iter()
            .filter(|cc| cc.value != first.value)
            .map(|cc| format!("{} ({:?})", cc.origin.file.display(), cc.value))
            .collect();
        if !others.is_empty() {
            // One line however many files disagree: which wins, then the others, briefly.
            let shown: Vec<&str> = others.iter().take(3).map(String::as_str).collect();
            let more = if others.len() > 3 {
                format!(" and {} more", others.len() - 3)
            } else {
                String::new()
            };
            report.warn(
                "current-context-differs",
                &first.origin,
                format!(
                    "current-context {:?} from {} wins (kubectl keeps the first); {} {} \
                     another{more}",
                    first.value,
                    first.origin.display_line(),
                    shown.join(", "),
                    if others.len() == 1 { "sets" } else { "set" },
                ),
                "set current-context in one file only",
            );
        }
    }
    chosen
}

fn warn_unknown_current(set: &ContextSet, report: &mut Report) {
    if let Some(cc) = &set.current_context
        && set.get(&cc.value).is_none()
    {
        report.warn(
            "unknown-current-context",
            &cc.origin,
            format!(
                "current-context {:?} ({}) names no loaded context",
                cc.value,
                cc.origin.display_line()
            ),
            "set current-context to a context the files define",
        );
    }
}

/// A real cluster entry may not be called `in-cluster`: that name is the pod's ServiceAccount.
fn check_reserved_cluster<'a>(clusters: impl Iterator<Item = &'a Entry>, report: &mut Report) {
    for c in clusters.filter(|c| c.name == IN_CLUSTER) {
        report.error(
            "reserved-cluster-name",
            &c.origin,
            format!(
                "cluster {IN_CLUSTER:?} at {}: the name is reserved: a context whose cluster is \
             {IN_CLUSTER:?} and that names no user means the pod's ServiceAccount",
                c.origin.display_line()
            ),
            "rename this cluster entry",
        );
    }
}

/// Resolves a context against the merged clusters and users (strict and kubectl rules).
fn resolve(
    entry: &Entry,
    clusters: &BTreeMap<String, Entry>,
    users: &BTreeMap<String, Entry>,
    opts: &LoadOptions,
    dangling: Dangling,
    report: &mut Report,
) -> Option<Context> {
    let at = entry.origin.display_line();
    let name = &entry.name;
    let cluster = entry.field("cluster").map(str::to_string);
    let user = entry.field("user").map(str::to_string);
    let namespace = entry.field("namespace").map(str::to_string);
    let mut context = Context {
        name: ContextName::new(name.clone()),
        origin: entry.origin.clone(),
        cluster: cluster.clone(),
        user: user.clone(),
        namespace,
        target: Target::Missing,
        credentials: None,
        alias_of: None,
    };
    let Some(cluster) = cluster else {
        let msg = format!("context {name:?} at {at} names no cluster");
        report.dangling(dangling, &entry.origin, msg, "add `cluster:` to it");
        return Some(context);
    };
    if cluster == IN_CLUSTER {
        if let Some(user) = &user {
            report.error(
                "in-cluster-with-user",
                &entry.origin,
                format!(
                    "context {name:?} at {at}: cluster {IN_CLUSTER:?} means the pod's \
                     ServiceAccount and takes no user, but it names user {user:?}"
                ),
                "remove `user:`, or point the context at a real cluster",
            );
            return None;
        }
        if context.namespace.is_none() {
            context.namespace = opts.pod.as_ref().and_then(|p| p.namespace.clone());
        }
        context.target = Target::InCluster(opts.pod.clone());
        return Some(context);
    }
    match clusters.get(&cluster) {
        Some(c) => context.target = Target::Cluster(c.clone()),
        None => {
            let msg = format!(
                "context {name:?} at {at} names cluster {cluster:?}, which no loaded file defines"
            );
            report.dangling(
                dangling,
                &entry.origin,
                msg,
                "add the cluster or fix the name",
            );
        }
    }
    if let Some(user) = &user {
        match users.get(user) {
            Some(u) => context.credentials = Some(u.clone()),
            None => {
                let msg = format!(
                    "context {name:?} at {at} names user {user:?}, which no loaded file defines"
                );
                report.dangling(dangling, &entry.origin, msg, "add the user or fix the name");
            }
        }
    }
    Some(context)
}

fn assemble(
    mode: MergeMode,
    files: &[KubeconfigFile],
    contexts: Vec<Context>,
    clusters: BTreeMap<String, Entry>,
    users: BTreeMap<String, Entry>,
    current_context: Option<Sourced<String>>,
    opts: &LoadOptions,
) -> ContextSet {
    ContextSet {
        mode,
        files: files
            .iter()
            .map(|f| f.path.clone())
            .collect::<Vec<Arc<Path>>>(),
        contexts,
        clusters: clusters.into_values().collect(),
        users: users.into_values().collect(),
        current_context,
        prow_job_context: opts.prow_job_context.clone().map(ContextName::new),
        disabled: Vec::new(),
        warnings: Vec::new(),
    }
}
