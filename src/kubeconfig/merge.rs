//! Merging kubeconfig files into a [`ContextSet`] under one of three rules.
//!
//! - **strict** (the federated design, the default for explicit files): a union of clusters,
//!   contexts and users; a name defined twice anywhere is an error naming both places.
//! - **kubectl** (the default without `--kubeconfig`): client-go's merge, where the first file
//!   to define a name wins; we load the same result and warn about every shadowed entry.
//! - **prow** (Prow's loader as deployed): each file resolved on its own, only context names
//!   collide, the last file's current-context becomes the service context `""`, and `default`
//!   is synthesized as its alias.

use std::collections::{BTreeMap, HashMap};
use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::client;
use super::file::{self, KubeconfigFile};
use super::sources::{self, Candidate};
use super::{
    Context, ContextName, ContextSet, DEFAULT_CONTEXT, Entry, IN_CLUSTER, Kind,
    PROW_SERVICE_CONTEXT, PodServiceAccount, Target, Warning, shown,
};
use crate::finding::Finding;
use crate::source::Sourced;
use crate::{Error, Result};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MergeMode {
    Strict,
    Kubectl,
    Prow,
}

impl fmt::Display for MergeMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MergeMode::Strict => "strict",
            MergeMode::Kubectl => "kubectl",
            MergeMode::Prow => "prow",
        })
    }
}

/// Everything that decides what gets loaded. The environment (the `KUBECONFIG` variable, the
/// home directory, the pod) is part of it so that tests can play any machine.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// `--kubeconfig`, repeatable, in order.
    pub kubeconfigs: Vec<PathBuf>,
    pub kubeconfig_dir: Option<PathBuf>,
    pub kubeconfig_suffix: Option<String>,
    /// `--merge`; `None` picks strict for explicit files and kubectl otherwise.
    pub merge: Option<MergeMode>,
    /// Prow's `--no-in-cluster-config`: no `""` and no synthesized `default`.
    pub no_in_cluster_config: bool,
    /// Prow's `disabled_clusters`: contexts dropped by its loader.
    pub disabled_contexts: Vec<String>,
    /// `--prow-job-context`, as given (checked by the commands, which report it differently).
    pub prow_job_context: Option<String>,
    /// The value of `$KUBECONFIG`.
    pub kubeconfig_var: Option<OsString>,
    pub home: Option<PathBuf>,
    /// The pod's ServiceAccount, when running in a pod.
    pub pod: Option<PodServiceAccount>,
}

impl LoadOptions {
    /// Fills the environment part from this process: `$KUBECONFIG`, the home directory and
    /// the pod's ServiceAccount (honouring `--projected-token-file`).
    pub fn with_process_environment(mut self, projected_token_file: Option<&Path>) -> Self {
        self.kubeconfig_var = std::env::var_os("KUBECONFIG");
        self.home = dirs::home_dir();
        self.pod = PodServiceAccount::detect(projected_token_file);
        self
    }
}

/// Loads and merges the kubeconfig files that `opts` names.
pub fn load(opts: &LoadOptions) -> Result<ContextSet> {
    let explicit = sources::explicit(
        &opts.kubeconfigs,
        opts.kubeconfig_dir.as_deref(),
        opts.kubeconfig_suffix.as_deref(),
    )?;
    let given_explicitly = !opts.kubeconfigs.is_empty() || opts.kubeconfig_dir.is_some();
    let mode = opts.merge.unwrap_or(if given_explicitly {
        MergeMode::Strict
    } else {
        MergeMode::Kubectl
    });
    let mut warnings = Vec::new();
    // Prow loads file by file only what its flags name; anything else through client-go.
    let per_file = !explicit.is_empty();
    let candidates = if per_file {
        explicit
    } else {
        if given_explicitly {
            let dir = opts
                .kubeconfig_dir
                .as_deref()
                .map(shown)
                .unwrap_or_default();
            let suffix = opts.kubeconfig_suffix.as_deref().unwrap_or("");
            if mode == MergeMode::Prow {
                // Prow's loader falls back to the default rules here (config.go, step 3).
                warnings.push(Warning::new(
                    "empty-kubeconfig-dir",
                    format!(
                        "--kubeconfig-dir {dir}: no file matches suffix {suffix:?}; as Prow does, \
                         falling back to $KUBECONFIG or ~/.kube/config"
                    ),
                ));
            } else {
                warnings.push(Warning::new(
                    "empty-kubeconfig-dir",
                    format!(
                        "--kubeconfig-dir {dir}: no file matches suffix {suffix:?}; nothing loaded"
                    ),
                ));
            }
        }
        if given_explicitly && mode != MergeMode::Prow {
            Vec::new()
        } else {
            let found =
                sources::kubectl_default(opts.kubeconfig_var.as_ref(), opts.home.as_deref());
            if found.is_empty() {
                let why = if opts.kubeconfig_var.as_ref().is_some_and(|v| !v.is_empty()) {
                    "$KUBECONFIG names no existing file"
                } else {
                    "$KUBECONFIG is not set and ~/.kube/config does not exist"
                };
                warnings.push(Warning::new(
                    "no-kubeconfig",
                    format!("no kubeconfig found: {why}"),
                ));
            }
            found
        }
    };
    let candidates = match mode {
        // kubectl reads a file named twice under two spellings twice; the second reading adds
        // nothing (the first value of every name wins), so it is read once, with a note.
        MergeMode::Kubectl => once_each(candidates, &mut warnings),
        // Prow reads a file given twice twice (its contexts then collide, which it reports).
        MergeMode::Prow => candidates,
        MergeMode::Strict => {
            reject_repeated_files(&candidates)?;
            candidates
        }
    };
    let files = read_all(&candidates)?;
    let mut set = match mode {
        MergeMode::Strict => strict(&files, opts)?,
        MergeMode::Kubectl => kubectl(&files, opts)?,
        MergeMode::Prow if per_file => prow(&files, opts)?,
        // Without explicit files Prow loads through client-go's default rules, then adds its
        // service and default contexts.
        MergeMode::Prow => {
            let mut set = kubectl(&files, opts)?;
            set.mode = MergeMode::Prow;
            prow_fallback_clients(&mut set);
            // Before synthesis: Prow removes disabled contexts, then picks its service context.
            drop_disabled(&mut set, opts);
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
                        .map(|w| Finding::error(w.code, w.origin.clone(), w.message.clone(), ""));
                    errors.extend(dropped);
                    return Err(Error::InvalidConfig(errors));
                }
                Err(other) => return Err(other),
            }
            prow_client_errors(&set)?;
            set
        }
    };
    if mode != MergeMode::Prow {
        // Prow drops the contexts `disabled_clusters` names whichever way it loaded them.
        drop_disabled(&mut set, opts);
    }
    warnings.append(&mut set.warnings);
    set.warnings = warnings;
    set.contexts.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(set)
}

/// Removes the contexts Prow's `disabled_clusters` names, remembering which.
fn drop_disabled(set: &mut ContextSet, opts: &LoadOptions) {
    let (gone, kept) = std::mem::take(&mut set.contexts)
        .into_iter()
        .partition(|c| opts.disabled_contexts.iter().any(|d| c.name == *d.as_str()));
    set.contexts = kept;
    set.disabled = gone.into_iter().map(|c: Context| c.name).collect();
}

/// Each later naming of a file already named (by its real path; a path that does not resolve
/// is left to the reader), as `(first, later)` indexes into `candidates`.
fn repeats(candidates: &[Candidate]) -> Vec<(usize, usize)> {
    let mut seen: HashMap<PathBuf, usize> = HashMap::new();
    let mut out = Vec::new();
    for (i, c) in candidates.iter().enumerate() {
        let Ok(real) = std::fs::canonicalize(&c.path) else {
            continue;
        };
        match seen.get(&real) {
            Some(&first) => out.push((first, i)),
            None => {
                seen.insert(real, i);
            }
        }
    }
    out
}

/// The candidates with every file's later namings dropped, each noted in a warning.
fn once_each(candidates: Vec<Candidate>, warnings: &mut Vec<Warning>) -> Vec<Candidate> {
    let later = repeats(&candidates);
    for &(first, again) in &later {
        let c = &candidates[again];
        warnings.push(Warning::new(
            "repeated-file",
            format!(
                "{} {} names the same file as {}; it is read once",
                c.flag,
                shown(&c.path),
                shown(&candidates[first].path)
            ),
        ));
    }
    candidates
        .into_iter()
        .enumerate()
        .filter(|(i, _)| !later.iter().any(|&(_, again)| again == *i))
        .map(|(_, c)| c)
        .collect()
}

/// The same file named twice (say `--kubeconfig dir/a.yaml` and `--kubeconfig-dir dir`) would
/// collide with itself entry by entry; say what really happened, once.
fn reject_repeated_files(candidates: &[Candidate]) -> Result<()> {
    let errors: Vec<Finding> = repeats(candidates)
        .into_iter()
        .map(|(first, again)| {
            let (first, c) = (&candidates[first], &candidates[again]);
            // Name both spellings when they differ, and the flag each came from.
            let how = |cand: &Candidate| format!("{} {}", cand.flag, shown(&cand.path));
            let what = if first.path == c.path && first.flag == c.flag {
                format!("{} is given twice ({})", shown(&c.path), first.flag)
            } else if first.path == c.path {
                format!(
                    "{} is given twice (as {} and as {})",
                    shown(&c.path),
                    first.flag,
                    c.flag
                )
            } else {
                format!("one file is given twice: {} and {}", how(first), how(c))
            };
            problem(
                "repeated-file",
                format!("{what}; give each kubeconfig file once"),
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidConfig(errors))
    }
}

/// Reads every candidate, collecting all failures so that one run reports them all. Parsing is
/// most of the work for a large fleet, so the files are read on all cores, order kept.
fn read_all(candidates: &[Candidate]) -> Result<Vec<KubeconfigFile>> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let chunk = candidates.len().div_ceil(threads).max(8);
    let results: Vec<_> = std::thread::scope(|scope| {
        let handles: Vec<_> = candidates
            .chunks(chunk)
            .map(|part| {
                scope.spawn(move || {
                    part.iter()
                        .map(|c| file::read(&c.path, c.flag))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("reading a kubeconfig does not panic"))
            .collect()
    });
    let mut files = Vec::with_capacity(candidates.len());
    let mut errors = Vec::new();
    for (result, candidate) in results.into_iter().zip(candidates) {
        match result {
            Err(e @ file::ReadError::Invalid { .. }) if candidate.flag == "--kubeconfig-dir" => {
                errors.push(problem(
                    "invalid-kubeconfig",
                    format!(
                        "{e} (every file in --kubeconfig-dir is read; --kubeconfig-suffix .yaml \
                         reads only the kubeconfigs)"
                    ),
                ))
            }
            Ok(f) => files.push(f),
            Err(e) => errors.push(problem(e.code(), e.to_string())),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(Error::InvalidConfig(errors))
    }
}

fn same_or_differ(a: &Entry, b: &Entry) -> &'static str {
    if a.body == b.body {
        "the two definitions are identical"
    } else {
        "the two definitions differ"
    }
}

/// Errors and warnings gathered while merging; errors win.
#[derive(Default)]
struct Report {
    errors: Vec<Finding>,
    warnings: Vec<Warning>,
}

/// An error found while loading, as a finding (its message names the file and line).
fn problem(code: &'static str, message: String) -> Finding {
    Finding::error(code, None, message, "")
}

impl Report {
    fn error(&mut self, code: &'static str, message: String) {
        self.errors.push(problem(code, message));
    }

    fn warn(&mut self, code: &'static str, message: String) {
        self.warnings.push(Warning::new(code, message));
    }

    /// A reference to something missing: an error or a warning, as the rule says.
    fn dangling(&mut self, policy: Dangling, message: String) {
        match policy {
            Dangling::Error => self.errors.push(problem("dangling-reference", message)),
            Dangling::Warn => self.warn("dangling-reference", message),
        }
    }

    fn finish(self, mut set: ContextSet) -> Result<ContextSet> {
        if self.errors.is_empty() {
            set.warnings = self.warnings;
            Ok(set)
        } else {
            Err(Error::InvalidConfig(self.errors))
        }
    }
}

/// How a context that refers to something missing is treated.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Dangling {
    Error,
    Warn,
}

/// The federated design's strict union: any name defined twice, anywhere, is an error.
fn strict(files: &[KubeconfigFile], opts: &LoadOptions) -> Result<ContextSet> {
    union(MergeMode::Strict, files, opts)
}

/// client-go's merge: a name defined twice in one file is an error, across files the first
/// file wins; we warn about everything dropped.
fn kubectl(files: &[KubeconfigFile], opts: &LoadOptions) -> Result<ContextSet> {
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
                    report.error("duplicate-name", format!(
                        "{kind_name} {name:?} is defined twice: {at_first} and {at_again} ({same}); \
                         the strict union allows each name once: rename or remove one (or use \
                         --merge kubectl to let the first win)"
                    ));
                } else {
                    report.warn("shadowed-entry", format!(
                        "{kind_name} {name:?} at {at_again} is ignored: {at_first} defines it first \
                         and kubectl keeps the first ({same})"
                    ));
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

/// Prow's `LoadClusterConfigs`: every file on its own.
fn prow(files: &[KubeconfigFile], opts: &LoadOptions) -> Result<ContextSet> {
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
                         that: rename or remove one",
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
                report.error("duplicate-context", msg);
                continue;
            }
            if let Some(ctx) = resolve_prow(&entry, &clusters, &users, f, &mut report) {
                // client-go's ClientConfig() runs while the file loads, disabled or not.
                if let Some(p) = client::problem(&ctx)
                    && p.stage == client::Stage::Load
                {
                    report.errors.push(startup_finding(
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

/// What stops a Prow component as a finding at the entry at fault, in Prow's words
/// (`prefix` is the loader's wrapping, when the problem shows while loading).
pub fn startup_finding(ctx: &Context, p: &client::Problem, prefix: &str) -> Finding {
    let name = ctx.name.as_str();
    let client = match p.stage {
        client::Stage::Load => "client",
        client::Stage::Client => "kubernetes client",
    };
    let fix = if p.message.contains("root certificates") {
        "certificate-authority-data must be base64 of a PEM CA certificate (-----BEGIN \
         CERTIFICATE-----); remove it to use the system's CAs"
    } else if p.message.starts_with("open ") {
        "create the token file, or fix its path (relative to the kubeconfig file)"
    } else if p.message.contains("no server found") {
        "set `server: https://HOST[:PORT]` on the cluster"
    } else if p.message.starts_with("invalid configuration") && p.origin != ctx.origin {
        "fix the entry as client-go's message says (kubectl refuses to use this context too)"
    } else if p.message.starts_with("tls: ") {
        "client-certificate and client-key must be base64 of PEM blocks (or paths to PEM files)"
    } else {
        "point the context at a cluster defined in the same file"
    };
    Finding::error(
        "prow-startup-error",
        Some(p.origin.clone()),
        format!(
            "Prow would not start: {prefix}create {name} {client}: {} (context {name:?} at {})",
            p.message,
            ctx.origin.display_line()
        ),
        fix,
    )
}

/// The `$KUBECONFIG` fallback: Prow loads client-go's merge and builds a client config for
/// every context; one failure and it logs "Cannot load kubecfg" and goes on with none of them
/// (nor their current-context).
fn prow_fallback_clients(set: &mut ContextSet) {
    let problems: Vec<Warning> = set
        .contexts
        .iter()
        .filter_map(|c| {
            let p = client::problem(c).filter(|p| p.stage == client::Stage::Load)?;
            Some(
                Warning::new(
                    "prow-drops-kubeconfig",
                    format!(
                        "context {:?} at {}: create {} client: {}; Prow logs \"Cannot load \
                         kubecfg\" and drops every context from $KUBECONFIG, as done here",
                        c.name.as_str(),
                        c.origin.display_line(),
                        c.name,
                        p.message
                    ),
                )
                .at(p.origin),
            )
        })
        .collect();
    if !problems.is_empty() {
        set.warnings.extend(problems);
        set.contexts.clear();
        set.current_context = None;
    }
}

/// Client creation for the contexts Prow kept: any failure stops it.
fn prow_client_errors(set: &ContextSet) -> Result<()> {
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
            Some(startup_finding(c, &p, ""))
        })
        .collect()
}

/// Contexts as client-go builds them: the server's query and fragment dropped when it has a
/// path, and no credentials over plain http.
fn prow_servers(set: &mut ContextSet) {
    for c in &mut set.contexts {
        if c.credentials.is_some() && !client::sends_credentials(c) {
            set.warnings.push(Warning::new(
                "credentials-over-http",
                format!(
                    "context {:?} at {}: its server is not https, so Prow (client-go) sends none \
                     of user {:?}'s credentials",
                    c.name.as_str(),
                    c.origin.display_line(),
                    c.user.as_deref().unwrap_or("")
                ),
            ));
            c.credentials = None;
        }
        if let Target::Cluster(entry) = &mut c.target
            && let Some(server) = entry.field("server")
        {
            let kept = client::client_go_server(server);
            if kept != server {
                entry.body["server"] = serde_json::Value::String(kept);
            }
        }
    }
}

/// Prow's `mergeConfigs`: `""` is the pod's ServiceAccount, else the current context, else an
/// error; `default` is an alias of `""` unless a context has that name.
fn prow_synthesize(set: &mut ContextSet, opts: &LoadOptions) -> Result<()> {
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
            return Err(Error::invalid(
                "no prow cluster access: in-cluster current kubecfg context required \
                 (outside a pod, Prow uses the current-context of the last kubeconfig file as \
                 the service cluster; set one, or use --no-in-cluster-config)",
            ));
        };
        match set.get(&current.value) {
            Some(target) => Context {
                name: ContextName::new(PROW_SERVICE_CONTEXT),
                alias_of: Some(target.name.clone()),
                ..target.clone()
            },
            None => {
                set.warnings.push(Warning::new("unknown-current-context", format!(
                    "current-context {:?} ({}) names no loaded context; Prow would use an empty \
                     client configuration for its service cluster",
                    current.value,
                    current.origin.display_line()
                )));
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
        set.warnings.push(Warning::new(
            "replaced-service-context",
            format!(
                "context \"\" at {} is replaced by Prow's service context, as Prow replaces it; \
             give it a name",
                lost.origin.display_line()
            ),
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

/// A second YAML document in a kubeconfig: client-go reads the first and drops the rest without
/// a word; the strict union refuses to guess.
fn check_extra_documents(files: &[KubeconfigFile], policy: Dangling, report: &mut Report) {
    for dup in files.iter().filter_map(|f| f.duplicate_key.as_ref()) {
        let what = format!(
            "{}: key `{}` is written twice",
            dup.origin.display_line(),
            dup.value
        );
        report.dangling(
            policy,
            match policy {
                Dangling::Error => format!(
                    "{what} in one mapping; remove one (kubectl would silently keep the last)"
                ),
                Dangling::Warn => {
                    format!("{what} in one mapping; the last value is used, as kubectl does")
                }
            },
        );
    }
    for at in files.iter().filter_map(|f| f.extra_document.as_ref()) {
        let what = format!("{}: a second YAML document starts here", at.display_line());
        report.dangling(
            policy,
            match policy {
                Dangling::Error => format!(
                    "{what}; kubectl and Prow would silently read only the first: split it into \
                     separate files"
                ),
                Dangling::Warn => format!("{what}; it is ignored, as kubectl and Prow ignore it"),
            },
        );
    }
}

/// client-go refuses a file that names an entry twice (`duplicate name "c" in list`, checked
/// with kubectl), so kubectl and Prow both fail to load it; say where both definitions are.
fn unique_in_file(entries: &[Entry], kind: Kind, report: &mut Report) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
    for entry in entries {
        if let Some(first) = out.iter().find(|e| e.name == entry.name) {
            report.error("duplicate-name-in-file", format!(
                "{} {:?} is defined twice in one file, at {} and {} ({}); kubectl and Prow refuse \
                 such a file (client-go: duplicate name {:?} in list): remove one",
                kind.singular(),
                entry.name,
                first.origin.display_line(),
                entry.origin.display_line(),
                same_or_differ(first, entry),
                entry.name,
            ));
            continue;
        }
        out.push(entry.clone());
    }
    out
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
                format!(
                    "current-context {:?} from {} wins (kubectl keeps the first); {} {} \
                     another{more}",
                    first.value,
                    first.origin.display_line(),
                    shown.join(", "),
                    if others.len() == 1 { "sets" } else { "set" },
                ),
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
            format!(
                "current-context {:?} ({}) names no loaded context",
                cc.value,
                cc.origin.display_line()
            ),
        );
    }
}

/// A real cluster entry may not be called `in-cluster`: that name is the pod's ServiceAccount.
fn check_reserved_cluster<'a>(clusters: impl Iterator<Item = &'a Entry>, report: &mut Report) {
    for c in clusters.filter(|c| c.name == IN_CLUSTER) {
        report.error(
            "reserved-cluster-name",
            format!(
                "cluster {IN_CLUSTER:?} at {}: the name is reserved: a context whose cluster is \
             {IN_CLUSTER:?} and that names no user means the pod's ServiceAccount; rename this \
             cluster entry",
                c.origin.display_line()
            ),
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
        let msg = format!("context {name:?} at {at} names no cluster; add `cluster:` to it");
        report.dangling(dangling, msg);
        return Some(context);
    };
    if cluster == IN_CLUSTER {
        if let Some(user) = &user {
            report.error("in-cluster-with-user", format!(
                "context {name:?} at {at}: cluster {IN_CLUSTER:?} means the pod's ServiceAccount \
                 and takes no user, but it names user {user:?}; remove `user:`, or point the \
                 context at a real cluster"
            ));
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
                "context {name:?} at {at} names cluster {cluster:?}, which no loaded file defines; \
                 add the cluster or fix the name"
            );
            report.dangling(dangling, msg);
        }
    }
    if let Some(user) = &user {
        match users.get(user) {
            Some(u) => context.credentials = Some(u.clone()),
            None => {
                let msg = format!(
                    "context {name:?} at {at} names user {user:?}, which no loaded file defines; \
                     add the user or fix the name"
                );
                report.dangling(dangling, msg);
            }
        }
    }
    Some(context)
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
        let hint = if cluster.as_deref() == Some(IN_CLUSTER) {
            "; Prow has no in-cluster pseudo-cluster (that is the federated design: --merge strict)"
        } else {
            "; Prow resolves each file on its own, so the cluster must be in the same file"
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
            format!(
                "fail to load kubecfg from {path:?}: context {name:?} at {at} names cluster {:?}, \
             which this file does not define{hint}{prow_says}",
                cluster.unwrap_or_default()
            ),
        );
        return None;
    };
    let credentials =
        match &user {
            Some(u) => {
                let found = users.get(u).cloned();
                if found.is_none() {
                    report.warn("unknown-user", format!(
                    "context {name:?} at {at} names user {u:?}, which {path} does not define; \
                     Prow would connect anonymously"
                ));
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
