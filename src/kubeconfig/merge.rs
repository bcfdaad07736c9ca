//! Loading kubeconfigs: the options, the one entry point [`load`], and what the merge rules
//! share (the report of findings, in-file checks). The rules themselves live beside it:
//!
//! - **strict** (the federated design, the default for explicit files) and **kubectl** (the
//!   default without `--kubeconfig`): [`super::union`];
//! - **prow** (Prow's loader as deployed): [`super::prow_mode`].
//!
//! Which files are read is [`super::sources`]; reading one is [`super::file`].

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use super::file::{self, KubeconfigFile};
use super::sources::{self, Candidate};
use super::{Context, ContextSet, Entry, Kind, PodServiceAccount};
use super::{prow_mode, union};
use crate::finding::Finding;
use crate::source::Origin;
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

/// Loads and merges the kubeconfig files that `opts` names: which files ([`sources`]), read
/// ([`file`]), then merged under the chosen rule ([`union`] for strict and kubectl, [`prow_mode`]
/// for Prow's loader).
pub fn load(opts: &LoadOptions) -> Result<ContextSet> {
    let sources::Selection {
        mode,
        candidates,
        per_file,
        mut warnings,
    } = sources::select(opts)?;
    let files = read_all(&candidates)?;
    let mut set = match mode {
        MergeMode::Strict => union::strict(&files, opts)?,
        MergeMode::Kubectl => union::kubectl(&files, opts)?,
        MergeMode::Prow if per_file => prow_mode::prow(&files, opts)?,
        // Without explicit files Prow loads through client-go's default rules, then adds its
        // service and default contexts.
        MergeMode::Prow => prow_mode::fallback(&files, opts)?,
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
pub(super) fn drop_disabled(set: &mut ContextSet, opts: &LoadOptions) {
    let (gone, kept) = std::mem::take(&mut set.contexts)
        .into_iter()
        .partition(|c| opts.disabled_contexts.iter().any(|d| c.name == *d.as_str()));
    set.contexts = kept;
    set.disabled = gone.into_iter().map(|c: Context| c.name).collect();
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
                errors.push(Finding::error(
                    "invalid-kubeconfig",
                    Some(e.origin(&candidate.path)),
                    format!("{e} (every file in --kubeconfig-dir is read)"),
                    "--kubeconfig-suffix .yaml reads only the kubeconfigs",
                ))
            }
            Ok(f) => files.push(f),
            Err(e) => errors.push(Finding::error(
                e.code(),
                Some(e.origin(&candidate.path)),
                e.to_string(),
                e.fix(),
            )),
        }
    }
    if errors.is_empty() {
        Ok(files)
    } else {
        Err(Error::InvalidConfig(errors))
    }
}

pub(super) fn same_or_differ(a: &Entry, b: &Entry) -> &'static str {
    if a.body == b.body {
        "the two definitions are identical"
    } else {
        "the two definitions differ"
    }
}

/// Errors and warnings gathered while merging, each at the entry it is about with its fix
/// apart from the message; errors win.
#[derive(Default)]
pub(super) struct Report {
    pub(super) errors: Vec<Finding>,
    pub(super) warnings: Vec<Finding>,
}

impl Report {
    pub(super) fn error(&mut self, code: &'static str, at: &Origin, message: String, fix: &str) {
        self.errors
            .push(Finding::error(code, Some(at.clone()), message, fix));
    }

    pub(super) fn warn(&mut self, code: &'static str, at: &Origin, message: String, fix: &str) {
        self.warnings
            .push(Finding::warning(code, Some(at.clone()), message, fix));
    }

    /// A reference to something missing: an error or a warning, as the rule says.
    pub(super) fn dangling(&mut self, policy: Dangling, at: &Origin, message: String, fix: &str) {
        match policy {
            Dangling::Error => self.error("dangling-reference", at, message, fix),
            Dangling::Warn => self.warn("dangling-reference", at, message, fix),
        }
    }

    pub(super) fn finish(self, mut set: ContextSet) -> Result<ContextSet> {
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
pub(super) enum Dangling {
    Error,
    Warn,
}

/// A second YAML document in a kubeconfig: client-go reads the first and drops the rest without
/// a word; the strict union refuses to guess.
pub(super) fn check_extra_documents(
    files: &[KubeconfigFile],
    policy: Dangling,
    report: &mut Report,
) {
    for dup in files.iter().filter_map(|f| f.duplicate_key.as_ref()) {
        let what = format!(
            "{}: key `{}` is written twice",
            dup.origin.display_line(),
            dup.value
        );
        match policy {
            Dangling::Error => report.error(
                "dangling-reference",
                &dup.origin,
                format!("{what} in one mapping"),
                "remove one (kubectl would silently keep the last)",
            ),
            Dangling::Warn => report.warn(
                "dangling-reference",
                &dup.origin,
                format!("{what} in one mapping; the last value is used, as kubectl does"),
                "remove one",
            ),
        }
    }
    for at in files.iter().filter_map(|f| f.extra_document.as_ref()) {
        let what = format!("{}: a second YAML document starts here", at.display_line());
        match policy {
            Dangling::Error => report.error(
                "dangling-reference",
                at,
                format!("{what}; kubectl and Prow would silently read only the first"),
                "split it into separate files",
            ),
            Dangling::Warn => report.warn(
                "dangling-reference",
                at,
                format!("{what}; it is ignored, as kubectl and Prow ignore it"),
                "split it into separate files",
            ),
        }
    }
}

/// client-go refuses a file that names an entry twice (`duplicate name "c" in list`, checked
/// with kubectl), so kubectl and Prow both fail to load it; say where both definitions are.
pub(super) fn unique_in_file(entries: &[Entry], kind: Kind, report: &mut Report) -> Vec<Entry> {
    let mut out: Vec<Entry> = Vec::with_capacity(entries.len());
    for entry in entries {
        if let Some(first) = out.iter().find(|e| e.name == entry.name) {
            report.error(
                "duplicate-name-in-file",
                &entry.origin,
                format!(
                    "{} {:?} is defined twice in one file, at {} and {} ({}); kubectl and Prow \
                     refuse such a file (client-go: duplicate name {:?} in list)",
                    kind.singular(),
                    entry.name,
                    first.origin.display_line(),
                    entry.origin.display_line(),
                    same_or_differ(first, entry),
                    entry.name,
                ),
                "remove one",
            );
            continue;
        }
        out.push(entry.clone());
    }
    out
}
