//! What the merge rules share: the report of findings (errors stop the load, warnings go on),
//! the in-file checks client-go also makes, and Prow's `disabled_clusters`.

use super::file::KubeconfigFile;
use super::options::LoadOptions;
use super::{Context, ContextSet, Entry, Kind};
use crate::finding::Finding;
use crate::source::Origin;
use crate::{Error, Result};

/// Removes the contexts Prow's `disabled_clusters` names, remembering which.
pub(super) fn drop_disabled(set: &mut ContextSet, opts: &LoadOptions) {
    let (gone, kept) = std::mem::take(&mut set.contexts)
        .into_iter()
        .partition(|c| opts.disabled_contexts.iter().any(|d| c.name == *d.as_str()));
    set.contexts = kept;
    set.disabled = gone.into_iter().map(|c: Context| c.name).collect();
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
