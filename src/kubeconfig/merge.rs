//! Loading kubeconfigs: the one entry point [`load`], which reads the selected files and merges
//! them under the chosen rule. The rules live beside it:
//!
//! - **strict** (the federated design, the default for explicit files) and **kubectl** (the
//!   default without `--kubeconfig`): [`super::union`];
//! - **prow** (Prow's loader as deployed): [`super::prow_mode`].
//!
//! Which files are read is [`super::sources`]; reading one is [`super::file`]; what the rules
//! share is [`super::report`]; the options are [`super::options`].

use super::file::{self, KubeconfigFile};
use super::options::{LoadOptions, MergeMode};
use super::report::drop_disabled;
use super::sources::{self, Candidate};
use super::{ContextSet, prow_mode, union};
use crate::finding::Finding;
use crate::{Error, Result};

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
