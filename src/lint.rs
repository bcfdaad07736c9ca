//! Static checks over the loaded contexts and the Prow job configuration together: what Prow
//! would only find out at run time (a job stuck in `triggered` or ended in `error`).
//! No cluster is contacted. Each finding says how to fix it.

use std::collections::BTreeMap;

use crate::finding::Finding;
use crate::kubeconfig::{ContextSet, DEFAULT_CONTEXT};
use crate::placement::place;
use crate::prow::{Agent, JobConfig, JobKind};
use crate::source::Origin;

#[derive(Clone, Copy, Debug, Default)]
pub struct LintOptions {
    /// The federated design's `--use-explicit-credentials` (explicit credentials).
    pub explicit_credentials: bool,
    /// The time credentials are judged at (seconds since the epoch); `None`: the system clock.
    pub now: Option<i64>,
    /// `--expiry-warning`: `credential-expiring` within this many seconds, instead of under a
    /// fifth of the lifetime and under 30 days.
    pub expiry_warning: Option<i64>,
}

/// Every finding about `set` and `config`, sorted: errors first, then by code and place.
/// The loader's own findings (bad files, duplicate base names) are included.
pub fn check(set: &ContextSet, config: Option<&JobConfig>, opts: LintOptions) -> Vec<Finding> {
    let mut out = Vec::new();
    out.extend(set.warnings.iter().cloned());
    out.extend(in_cluster_from_file(set));
    check_prow_job_context(set, &mut out);
    check_duplicate_endpoints(set, &mut out);
    check_entries(set, &mut out);
    out.extend(crate::credentials::check_within(
        set,
        opts.now.unwrap_or_else(crate::credentials::now),
        opts.expiry_warning.map_or(
            crate::credentials::Window::Lifetime,
            crate::credentials::Window::Fixed,
        ),
    ));
    if let Some(config) = config {
        out.extend(config.findings.iter().cloned());
        check_jobs(set, config, opts, &mut out);
        check_prow_config(set, config, opts, &mut out);
    }
    out.sort_by(|a, b| {
        (a.severity, a.code, &a.origin, &a.message)
            .cmp(&(b.severity, b.code, &b.origin, &b.message))
    });
    out
}

/// The federated design's in-cluster context in a file: kubectl and today's Prow cannot load it (Prow needs
/// no context for its own ServiceAccount). Under the federated design's rules (the strict union) that is by
/// design, so only worth knowing; under `--merge kubectl|prow`, whose point is loading what
/// they load, a warning. `view` prints the same findings.
pub fn in_cluster_from_file(set: &ContextSet) -> Vec<Finding> {
    let severity = if set.mode == crate::kubeconfig::MergeMode::Strict {
        crate::finding::Severity::Info
    } else {
        crate::finding::Severity::Warning
    };
    set.contexts
        .iter()
        .filter(|c| c.is_in_cluster() && c.alias_of.is_none() && c.origin.line > 0)
        .map(|c| {
            Finding::new(
                severity,
                "in-cluster-context",
                Some(c.origin.clone()),
                format!(
                    "context {:?} uses the in-cluster pseudo-cluster: kubectl and today's Prow \
                     cannot load it from a file",
                    c.name.as_str()
                ),
                "keep it for kubectl-prow and the federated design's loader; give today's Prow and kubectl a \
                 file without it",
            )
        })
        .collect()
}

/// Entries that load but cannot work: files that are not there, servers that are not URLs,
/// contexts with nobody to authenticate as.
fn check_entries(set: &ContextSet, out: &mut Vec<Finding>) {
    use crate::kubeconfig::Target;
    let mut seen_clusters = std::collections::BTreeSet::new();
    let mut seen_users = std::collections::BTreeSet::new();
    let first = out.len();
    let mut startup = Vec::new();
    for c in set.contexts.iter().filter(|c| c.alias_of.is_none()) {
        // What stops a Prow component at start-up, whichever rule loaded it (under --merge prow
        // the load itself fails with the same finding). The in-cluster pseudo-cluster has its
        // own finding.
        if !c.is_in_cluster()
            && let Some(p) = crate::kubeconfig::client::problem(c)
        {
            startup.push((crate::kubeconfig::client::startup_finding(c, &p, ""), p));
        }
        if let Target::Cluster(cluster) = &c.target
            && seen_clusters.insert(cluster.name.clone())
        {
            match cluster.field("server") {
                None => out.push(Finding::error(
                    "invalid-server",
                    Some(cluster.origin.clone()),
                    format!("cluster {:?} has no server", cluster.name),
                    "set `server: https://HOST[:PORT]`",
                )),
                Some(server) => {
                    if let Some(p) = crate::kubeconfig::server::problem(server) {
                        out.push(Finding::error(
                            "invalid-server",
                            Some(cluster.origin.clone()),
                            format!("cluster {:?}: {}", cluster.name, p.message),
                            p.fix,
                        ));
                    }
                }
            }
            check_files(
                &cluster.body,
                &["certificate-authority"],
                &cluster.origin,
                "cluster",
                &cluster.name,
                out,
            );
        }
        if let Some(user) = &c.credentials
            && seen_users.insert(user.name.clone())
        {
            check_files(
                &user.body,
                &["client-certificate", "client-key", "tokenFile"],
                &user.origin,
                "user",
                &user.name,
                out,
            );
        }
        if !c.is_in_cluster() && c.user.as_deref().is_none_or(str::is_empty) {
            out.push(Finding::warning(
                "context-without-user",
                Some(c.origin.clone()),
                format!(
                    "context {:?} names no user: requests would be anonymous",
                    c.name.as_str()
                ),
                "add `user:` with the context's credentials (only an in-cluster context may omit it)",
            ));
        }
    }
    // A missing token file or server is already an error here: it gets Prow's words, once.
    for (finding, p) in startup {
        let said = out[first..].iter_mut().find(|f| {
            f.severity == crate::finding::Severity::Error && f.origin.as_ref() == Some(&p.origin)
        });
        match said {
            Some(f) if f.message.contains(&p.message) => {}
            Some(f) => f.message = format!("{}; Prow would not start: {}", f.message, p.message),
            None => out.push(finding),
        }
    }
}

fn check_files(
    body: &serde_json::Value,
    keys: &[&str],
    origin: &Origin,
    kind: &str,
    name: &str,
    out: &mut Vec<Finding>,
) {
    for key in keys {
        let Some(path) = body
            .get(*key)
            .and_then(|v| v.as_str())
            .filter(|p| !p.is_empty())
        else {
            continue;
        };
        if !std::path::Path::new(path).is_file() {
            out.push(Finding::error(
                "missing-file",
                Some(origin.clone()),
                format!(
                    "{kind} {name:?}: {key} {} does not exist (or is not a file)",
                    path
                ),
                "fix the path (a relative path resolves against the kubeconfig file's directory)",
            ));
        }
    }
}

fn check_prow_job_context(set: &ContextSet, out: &mut Vec<Finding>) {
    if let Some(name) = &set.prow_job_context
        && !name.as_str().is_empty()
        && set.get(name.as_str()).is_none()
    {
        out.push(Finding::error(
            "unknown-prow-job-context",
            None,
            format!(
                "--prow-job-context {:?} is not a loaded context",
                name.as_str()
            ),
            "name a context from `kubectl prow contexts`, or add one for the service cluster",
        ));
    }
}

/// Prow's Tekton controller refuses contexts that resolve to the same endpoint
/// (kubernetes-sigs/prow#749); two aliases of one cluster have deleted PipelineRuns before.
fn check_duplicate_endpoints(set: &ContextSet, out: &mut Vec<Finding>) {
    let mut groups: BTreeMap<(String, String, String), Vec<&crate::kubeconfig::Context>> =
        BTreeMap::new();
    for c in set.contexts.iter().filter(|c| c.alias_of.is_none()) {
        let Some(server) = c.server().map(|s| crate::kubeconfig::view::redact_url(&s)) else {
            continue;
        };
        let key = (
            server,
            c.namespace.clone().unwrap_or_default(),
            c.user.clone().unwrap_or_default(),
        );
        groups.entry(key).or_default().push(c);
    }
    for ((server, namespace, user), contexts) in groups {
        if contexts.len() < 2 {
            continue;
        }
        let names: Vec<String> = contexts
            .iter()
            .map(|c| format!("{:?}", c.name.as_str()))
            .collect();
        out.push(Finding::warning(
            "duplicate-endpoint",
            Some(contexts[1].origin.clone()),
            format!(
                "contexts {} use the same server {server}, namespace {namespace:?} and user \
                 {user:?}; Prow's Tekton controller rejects contexts that resolve to one endpoint",
                names.join(", ")
            ),
            "keep one context per cluster, namespace and identity, and point jobs at it",
        ));
    }
}

fn job_label(job: &crate::prow::Job) -> String {
    match &job.repo {
        Some(repo) => format!("{} {:?} of {repo}", job.kind, job.name),
        None => format!("{} {:?}", job.kind, job.name),
    }
}

fn check_jobs(set: &ContextSet, config: &JobConfig, opts: LintOptions, out: &mut Vec<Finding>) {
    let placed = place(&config.jobs, set, opts.explicit_credentials);
    // Prow's defaults when no config file is given (`"*": ["default"]`), for in-repo jobs.
    let defaults = crate::prow::ProwConfig::default();
    let prow_config = config.prow_config.as_ref().unwrap_or(&defaults);
    let mut used: BTreeMap<&str, usize> = BTreeMap::new();
    let mut in_service: BTreeMap<&str, (usize, Origin)> = BTreeMap::new();
    let mut defaulted = 0usize;
    let mut first_defaulted: Option<Origin> = None;
    for p in &placed {
        let job = p.job;
        let at = job
            .cluster
            .as_ref()
            .map(|c| c.origin.clone())
            .unwrap_or_else(|| job.origin.clone());
        if job.agent == Agent::Jenkins && job.cluster().is_some() {
            out.push(Finding::warning(
                "jenkins-with-cluster",
                Some(at.clone()),
                format!(
                    "{} runs on Jenkins but sets cluster {:?}, which Jenkins ignores",
                    job_label(job),
                    job.cluster().unwrap_or("")
                ),
                "remove `cluster:` from Jenkins jobs (Prow's checkconfig refuses it)",
            ));
        }
        if !job.agent.runs_in_context() {
            continue;
        }
        if job.cluster().is_none() {
            defaulted += 1;
            first_defaulted.get_or_insert_with(|| job.origin.clone());
        }
        let Some(context) = p.context else {
            out.push(Finding::error(
                "missing-cluster",
                Some(job.origin.clone()),
                format!("{} sets no cluster; with --use-explicit-credentials nothing is defaulted, so it runs nowhere", job_label(job)),
                "add `cluster: <context>` to the job (`kubectl prow migrate jobs` does it for every job)",
            ).about("jobs without `cluster`"));
            continue;
        };
        *used.entry(context).or_default() += 1;
        if job.in_repo {
            let repo = job.repo.as_deref().unwrap_or("");
            let allowed = prow_config.in_repo_allows_cluster(repo, context);
            if !allowed {
                out.push(
                    Finding::error(
                        "in-repo-cluster-not-allowed",
                        Some(at.clone()),
                        format!(
                            "{}: cluster {context:?} is not allowed for repository {repo:?} \
                             (Prow rejects the job when it loads the in-repo config)",
                            job_label(job)
                        ),
                        format!(
                            "add {context:?} to in_repo_config.allowed_clusters for {repo:?} \
                             (or its org, or \"*\") in the Prow config, or use an allowed context"
                        ),
                    )
                    .about(format!("repository {repo:?}")),
                );
            }
        }
        if !p.known {
            let disabled = set.disabled.iter().any(|d| d.as_str() == context);
            if job.cluster().is_none() && !disabled {
                // The implicit "default" is not loaded. Prow's loader makes it an alias of its
                // service context, so such a job does run: no-default-context (below) says
                // where, once for all of them. An unknown-context error here would contradict it.
                continue;
            }
            let (why, fix) = if disabled {
                (
                    "is listed in disabled_clusters",
                    format!(
                        "point the job at another context, or remove {context:?} from disabled_clusters"
                    ),
                )
            } else {
                (
                    "is not loaded",
                    format!(
                        "add a context named {context:?} to the kubeconfig files, or fix the job's `cluster:`"
                    ),
                )
            };
            let how = if job.cluster().is_some() {
                "targets"
            } else {
                "sets no cluster, so it runs in"
            };
            out.push(
                Finding::error(
                    "unknown-context",
                    Some(at),
                    format!(
                        "{} {how} context {context:?}, which {why}; Prow would end it in error",
                        job_label(job)
                    ),
                    fix,
                )
                .about(format!(
                    "context {context:?} ({})",
                    why.trim_start_matches("is ")
                )),
            );
            continue;
        }
        if job.kind == JobKind::Presubmit
            && let Some(ctx) = set.get(context)
            && set.is_prow_job_context(ctx)
        {
            in_service
                .entry(context)
                .or_insert_with(|| (0, at.clone()))
                .0 += 1;
        }
    }
    for (context, (count, first)) in in_service {
        out.push(Finding::warning(
            "presubmit-in-service-cluster",
            Some(first),
            format!(
                "{count} presubmit(s) run in context {context:?}, the service cluster: untrusted \
                 pull-request code would run next to Prow's own credentials (first here)"
            ),
            "run presubmits in a separate build cluster context",
        ));
    }
    if defaulted > 0 && !opts.explicit_credentials {
        out.push(Finding::warning(
            "implicit-default-context",
            first_defaulted.clone(),
            format!(
                "{defaulted} job(s) set no cluster and rely on Prow's implicit \"default\" \
                 context (first here)"
            ),
            "set `cluster` on every job (`kubectl prow migrate jobs`), then turn on \
             --use-explicit-credentials: the federated design's migration step",
        ));
        let default = set.get(DEFAULT_CONTEXT);
        // A disabled "default" is unknown-context's to report (the jobs fail there).
        let disabled = set.disabled.iter().any(|d| d.as_str() == DEFAULT_CONTEXT);
        if !disabled && default.is_none_or(|d| d.alias_of.is_some()) {
            let target = match default.and_then(|d| d.alias_of.as_ref()) {
                Some(t) if t.as_str().is_empty() => {
                    " (Prow aliases it to the service context \"\")".to_string()
                }
                Some(t) => format!(" (Prow aliases it to {t:?}, the service cluster)"),
                // Not synthesized here (strict or kubectl merge); Prow's own loader would.
                None => " (Prow's loader would alias it to its service context)".to_string(),
            };
            out.push(Finding::warning(
                "no-default-context",
                first_defaulted,
                format!(
                    "no context is named \"default\"{target}: {defaulted} job(s) without `cluster` \
                     fall to the service cluster"
                ),
                "add a \"default\" context for build jobs, or set `cluster` on every job",
            ));
        }
    }
    for c in set.contexts.iter().filter(|c| c.alias_of.is_none()) {
        if !used.contains_key(c.name.as_str()) && !set.is_prow_job_context(c) {
            out.push(Finding::info(
                "unused-context",
                Some(c.origin.clone()),
                format!("no job runs in context {:?}", c.name.as_str()),
                "nothing to do if other Prow components use it; otherwise remove it",
            ));
        }
    }
}

fn check_prow_config(
    set: &ContextSet,
    config: &JobConfig,
    opts: LintOptions,
    out: &mut Vec<Finding>,
) {
    let Some(pc) = &config.prow_config else {
        return;
    };
    let known =
        |name: &str| set.get(name).is_some() || set.disabled.iter().any(|d| d.as_str() == name);
    if opts.explicit_credentials {
        let fields = [
            ("pod_namespace", &pc.pod_namespace),
            ("prowjob_namespace", &pc.prowjob_namespace),
        ];
        for (which, field) in fields {
            let Some(field) = field else { continue };
            out.push(Finding::warning(
                "namespace-with-explicit-credentials",
                Some(field.origin.clone()),
                format!(
                    "{which} is set ({:?}) while using explicit credentials",
                    field.value
                ),
                "unset it, and put the namespace on each context (the federated design's migration step)",
            ));
        }
    }
    for d in &pc.disabled_clusters {
        if !known(&d.value) {
            out.push(Finding::warning(
                "unknown-disabled-cluster",
                Some(d.origin.clone()),
                format!(
                    "disabled_clusters names {:?}, which is not a loaded context",
                    d.value
                ),
                "remove it from disabled_clusters, or fix the name",
            ));
        }
    }
    for entry in pc.allowed_clusters.iter().flatten() {
        for c in entry.clusters.iter().flatten() {
            if !known(&c.value) {
                out.push(Finding::warning(
                    "unknown-allowed-cluster",
                    Some(c.origin.clone()),
                    format!(
                        "in_repo_config.allowed_clusters[{:?}] names {:?}, which is not a loaded context",
                        entry.key.value, c.value
                    ),
                    "fix the name, or add the context",
                ));
            }
        }
    }
}
