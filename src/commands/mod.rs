//! One file per subcommand: its arguments (clap types), and the wiring of library calls to
//! output that returns an exit code. `global` holds the flags they share.

pub mod check_pods;
pub mod check_rbac;
pub mod contexts;
pub mod credentials;
pub mod diff;
pub mod global;
pub mod grant;
pub mod graph;
pub mod jobs;
pub mod lint;
pub mod migrate;
pub mod status;
pub mod view;

use std::io::Write;
use std::path::PathBuf;

use crate::finding::{Finding, Severity};
use crate::kubeconfig::{self, ContextSet};
use crate::prow::{self, JobConfig};
use crate::{Error, Result};
use global::GlobalArgs;

/// Load → apply kubectl's overrides → print the warnings: what every command starts with.
pub(crate) fn load_contexts(global: &GlobalArgs, err: &mut dyn Write) -> Result<ContextSet> {
    load_contexts_disabling(global, None, err)
}

/// Prow's configuration, when `--config-path` or `--job-config-path` is given. A path that
/// cannot be used at all is invalid configuration (exit code 3); problems inside files are
/// findings in the result.
pub(crate) fn load_job_config(global: &GlobalArgs) -> Result<Option<JobConfig>> {
    if !global.has_job_config() {
        return Ok(None);
    }
    let mut config = prow::load(
        global.config_path.as_deref(),
        global.job_config_path.as_deref(),
    )
    .map_err(|e| {
        let reason =
            match std::error::Error::source(&e).and_then(|s| s.downcast_ref::<std::io::Error>()) {
                Some(io) if io.kind() == std::io::ErrorKind::NotFound => {
                    ": no such file or directory".to_string()
                }
                Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
                    ": permission denied".to_string()
                }
                _ => std::error::Error::source(&e)
                    .map(|s| format!(": {s}"))
                    .unwrap_or_default(),
            };
        Error::invalid(format!("{e}{reason}"))
    })?;
    for (repo, dir) in in_repo_checkouts(global)? {
        let found = prow::inrepo::read(&repo, &dir)
            .map_err(|e| Error::invalid(format!("--in-repo-config {}: {e}", dir.display())))?;
        config.jobs.extend(found.jobs);
        config.findings.extend(found.findings);
    }
    Ok(Some(config))
}

/// `--in-repo-config [ORG/REPO=]DIR`, each as (repository, checkout directory); the repository
/// from the checkout's `origin` remote when not given.
pub(crate) fn in_repo_checkouts(global: &GlobalArgs) -> Result<Vec<(String, PathBuf)>> {
    global
        .in_repo_config
        .iter()
        .map(|spec| match spec.split_once('=') {
            Some((repo, dir)) if repo.contains('/') => Ok((repo.to_string(), PathBuf::from(dir))),
            _ => {
                let dir = PathBuf::from(spec);
                let repo = prow::inrepo::repo_of_checkout(&dir).ok_or_else(|| {
                    Error::Usage(format!(
                        "--in-repo-config {spec}: cannot tell the repository from its origin \
                         remote; write ORG/REPO={spec}"
                    ))
                })?;
                Ok((repo, dir))
            }
        })
        .collect()
}

/// Like [`load_contexts`]; under `--merge prow`, the contexts Prow's `disabled_clusters`
/// names are dropped as Prow's loader drops them.
pub(crate) fn load_contexts_disabling(
    global: &GlobalArgs,
    prow_config: Option<&prow::ProwConfig>,
    err: &mut dyn Write,
) -> Result<ContextSet> {
    load(global, prow_config, false, err)
}

/// For commands that list every context (contexts, jobs, lint, graph, view without
/// `--minify`): `-n`, `--cluster` and `--user` need no current context here.
pub(crate) fn load_for_listing(
    global: &GlobalArgs,
    prow_config: Option<&prow::ProwConfig>,
    err: &mut dyn Write,
) -> Result<ContextSet> {
    load(global, prow_config, true, err)
}

fn load(
    global: &GlobalArgs,
    prow_config: Option<&prow::ProwConfig>,
    listing: bool,
    err: &mut dyn Write,
) -> Result<ContextSet> {
    let mut opts = global.load_options();
    if let Some(cfg) = prow_config {
        opts.disabled_contexts = cfg
            .disabled_clusters
            .iter()
            .map(|c| c.value.clone())
            .collect();
    }
    let mut set = kubeconfig::load(&opts)?;
    let overrides = kubeconfig::Overrides {
        listing,
        ..global.overrides()
    };
    kubeconfig::apply_overrides(&mut set, &overrides)?;
    for w in &set.warnings {
        writeln!(err, "warning: {}", crate::output::sanitize(&w.with_fix()))?;
    }
    Ok(set)
}

/// `--prow-job-context` must name a loaded context for commands that act on it.
pub(crate) fn require_prow_job_context(set: &ContextSet) -> Result<()> {
    if let Some(name) = &set.prow_job_context
        && set.get(name.as_str()).is_none()
    {
        return Err(Error::UnknownName(format!(
            "--prow-job-context {:?}: no such context{}; loaded contexts: {}",
            name.as_str(),
            kubeconfig::did_you_mean(name.as_str(), set.names()),
            kubeconfig::list_or_none(set.names())
        )));
    }
    Ok(())
}

/// Prints a loader's findings that matter outside `lint` (errors and warnings) to stderr.
pub(crate) fn print_findings(findings: &[Finding], err: &mut dyn Write) -> Result<()> {
    for f in findings.iter().filter(|f| f.severity != Severity::Info) {
        writeln!(err, "{}", crate::output::sanitize(&f.to_string()))?;
    }
    Ok(())
}

/// The context an alias stands for (Prow's `""` and `default`), which is the one to connect
/// with.
pub(crate) fn real<'a>(set: &'a ContextSet, c: &'a kubeconfig::Context) -> &'a kubeconfig::Context {
    c.alias_of
        .as_ref()
        .and_then(|a| set.get(a.as_str()))
        .map_or(c, |r| real(set, r))
}
