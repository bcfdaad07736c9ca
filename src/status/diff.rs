//! What a change moves: the job configuration at a git revision and in the working tree,
//! each job placed on its context with the same kubeconfigs, compared. Offline, for a
//! presubmit on every change to the job configuration.
//!
//! The revision's files are extracted with `git archive` into a temporary directory (never a
//! checkout: the user's tree and index are not touched).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde::Serialize;

use crate::finding::Finding;
use crate::kubeconfig::ContextSet;
use crate::prow::{self, Job, JobConfig, JobKind};
use crate::{Error, Result};

/// The job configuration as it was at a revision, in a temporary directory that lives as long
/// as this value.
pub struct Revision {
    _dir: tempfile::TempDir,
    pub config_path: Option<PathBuf>,
    pub job_config_path: Option<PathBuf>,
}

/// Extracts `config_path` and `job_config_path` (paths in the working tree of a git
/// repository) as they are at `rev`. A path that did not exist at `rev` is absent there (its
/// jobs are all added); a revision that is not a commit is invalid configuration.
pub fn at_revision(
    rev: &str,
    config_path: Option<&Path>,
    job_config_path: Option<&Path>,
) -> Result<Revision> {
    let dir = tempfile::tempdir()
        .map_err(|e| Error::Write(format!("cannot make a temporary directory: {e}")))?;
    let mut out = Revision {
        config_path: None,
        job_config_path: None,
        _dir: dir,
    };
    let root = out._dir.path().to_path_buf();
    for (path, slot) in [
        (config_path, &mut out.config_path),
        (job_config_path, &mut out.job_config_path),
    ] {
        let Some(path) = path else { continue };
        let (top, rel) = in_repository(path)?;
        verify(&top, rev)?;
        let copy = root.join(top.file_name().unwrap_or_default());
        extract(&top, rev, &rel, &copy)?;
        let dest = copy.join(&rel);
        // Absent at the revision: an empty directory (or no file) stands for it.
        if !dest.exists() {
            std::fs::create_dir_all(&dest)
                .map_err(|e| Error::Write(format!("cannot make {}: {e}", dest.display())))?;
        }
        *slot = Some(dest);
    }
    Ok(out)
}

/// A checkout's in-repo configuration (`.prow/` and `.prow.yaml`) as it was at `rev`, in a
/// temporary copy of the checkout's directory; the directory to read it from.
pub fn in_repo_at(rev: &str, checkout: &Path) -> Result<(tempfile::TempDir, PathBuf)> {
    let dir = tempfile::tempdir()
        .map_err(|e| Error::Write(format!("cannot make a temporary directory: {e}")))?;
    let (top, rel) = in_repository(checkout)?;
    verify(&top, rev)?;
    let dest = dir.path().join("checkout");
    for name in [".prow", ".prow.yaml"] {
        extract(&top, rev, &rel.join(name), &dest)?;
    }
    let at = dest.join(&rel);
    std::fs::create_dir_all(&at)
        .map_err(|e| Error::Write(format!("cannot make {}: {e}", at.display())))?;
    Ok((dir, at))
}

/// The repository's top directory and `path` relative to it.
fn in_repository(path: &Path) -> Result<(PathBuf, PathBuf)> {
    let real = std::fs::canonicalize(path)
        .map_err(|e| Error::invalid(format!("{}: {e}", path.display())))?;
    let dir = if real.is_dir() {
        real.clone()
    } else {
        real.parent().map(Path::to_path_buf).unwrap_or_default()
    };
    let top = git(&dir, &["rev-parse", "--show-toplevel"]).map_err(|e| {
        Error::invalid(format!(
            "--base needs the job configuration in a git repository: {}: {e}",
            path.display()
        ))
    })?;
    let top = std::fs::canonicalize(top.trim()).map_err(|e| Error::invalid(e.to_string()))?;
    let rel = real
        .strip_prefix(&top)
        .map(Path::to_path_buf)
        .unwrap_or_default();
    Ok((top, rel))
}

fn verify(top: &Path, rev: &str) -> Result<()> {
    if rev.starts_with('-') {
        return Err(Error::Usage(format!("--base {rev:?}: not a revision")));
    }
    git(
        top,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map(drop)
    .map_err(|_| {
        Error::invalid(format!(
            "--base {rev:?}: no such commit in {}",
            top.display()
        ))
    })
}

/// `git archive REV -- REL | tar -x -C DEST`.
fn extract(top: &Path, rev: &str, rel: &Path, dest: &Path) -> Result<()> {
    std::fs::create_dir_all(dest)
        .map_err(|e| Error::Write(format!("cannot make {}: {e}", dest.display())))?;
    // Nothing at that path at the revision: nothing to extract.
    let listed = git(
        top,
        &[
            "ls-tree",
            "-r",
            "--name-only",
            rev,
            "--",
            &rel.to_string_lossy(),
        ],
    )
    .unwrap_or_default();
    if listed.trim().is_empty() {
        return Ok(());
    }
    let fail = |what: String| Error::invalid(format!("--base {rev:?}: {what}"));
    let mut archive = Command::new("git")
        .arg("-C")
        .arg(top)
        .args(["archive", "--format=tar", rev, "--"])
        .arg(rel)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| fail(format!("cannot run git: {e}")))?;
    let stdout = archive.stdout.take().expect("piped");
    let untar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(dest)
        .stdin(stdout)
        .stderr(Stdio::piped())
        .output()
        .map_err(|e| fail(format!("cannot run tar: {e}")))?;
    let archived = archive
        .wait_with_output()
        .map_err(|e| fail(format!("git archive: {e}")))?;
    if !archived.status.success() {
        return Err(fail(format!(
            "git archive: {}",
            String::from_utf8_lossy(&archived.stderr).trim()
        )));
    }
    if !untar.status.success() {
        return Err(fail(format!(
            "tar: {}",
            String::from_utf8_lossy(&untar.stderr).trim()
        )));
    }
    Ok(())
}

fn git(dir: &Path, args: &[&str]) -> std::result::Result<String, String> {
    let out = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .output()
        .map_err(|e| format!("cannot run git: {e}"))?;
    if out.status.success() {
        Ok(String::from_utf8_lossy(&out.stdout).into_owned())
    } else {
        Err(String::from_utf8_lossy(&out.stderr).trim().to_string())
    }
}

/// A job in a diff.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Change {
    pub job: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub repo: Option<String>,
    /// Where an added job runs, or a removed one ran (`null` for a job that runs in no context).
    #[serde(skip_serializing_if = "Moved::is_moved")]
    pub context: Moved,
    /// Where a moved job ran.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub from: Option<String>,
    /// Where a moved job runs now.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
}

/// An added or removed job's context, or nothing for a moved job (which has `from` and `to`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(untagged)]
pub enum Moved {
    Context(Option<String>),
    #[serde(skip)]
    Moved,
}

impl Moved {
    fn is_moved(&self) -> bool {
        *self == Moved::Moved
    }
}

/// Jobs per context before and after.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ContextCount {
    pub context: String,
    pub before: usize,
    pub after: usize,
}

/// What the change moves.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Diff {
    pub base: String,
    pub added: Vec<Change>,
    pub removed: Vec<Change>,
    pub moved: Vec<Change>,
    /// Contexts whose job count changes.
    pub contexts: Vec<ContextCount>,
    /// Jobs added to, or moved into, a context no loaded file defines.
    #[serde(skip)]
    pub findings: Vec<Finding>,
}

type Key = (JobKind, Option<String>, String);

fn key(j: &Job) -> Key {
    (j.kind, j.repo.clone(), j.name.clone())
}

/// Compares the jobs at the base with those in the working tree, placed on `set`'s contexts.
pub fn diff(
    base_rev: &str,
    base: &JobConfig,
    head: &JobConfig,
    set: &ContextSet,
    explicit_credentials: bool,
) -> Diff {
    let place = |j: &Job| {
        j.effective_context(explicit_credentials)
            .map(str::to_string)
    };
    let before: BTreeMap<Key, &Job> = base.jobs.iter().map(|j| (key(j), j)).collect();
    let after: BTreeMap<Key, &Job> = head.jobs.iter().map(|j| (key(j), j)).collect();
    let change = |j: &Job, context: Moved, from: Option<String>, to: Option<String>| Change {
        job: j.name.clone(),
        kind: j.kind.as_str(),
        repo: j.repo.clone(),
        context,
        from,
        to,
    };
    let mut out = Diff {
        base: base_rev.to_string(),
        ..Diff::default()
    };
    for (k, j) in &after {
        let to = place(j);
        match before.get(k) {
            None => out
                .added
                .push(change(j, Moved::Context(to.clone()), None, None)),
            Some(b) if place(b) != to => {
                out.moved
                    .push(change(j, Moved::Moved, place(b), to.clone()))
            }
            Some(_) => continue,
        }
        if let Some(ctx) = to.as_deref()
            && j.agent.runs_in_context()
            && set.get(ctx).is_none()
        {
            out.findings.push(Finding::error(
                "diff-unknown-context",
                Some(
                    j.cluster
                        .as_ref()
                        .map_or(j.origin.clone(), |c| c.origin.clone()),
                ),
                format!(
                    "{} {:?} {} context {ctx:?}, which no loaded kubeconfig defines: Prow cannot \
                     run it there",
                    j.kind.as_str(),
                    j.name,
                    if before.contains_key(k) {
                        "moves to"
                    } else {
                        "is added in"
                    }
                ),
                "fix the job's `cluster`, or add the context to the kubeconfigs Prow loads",
            ));
        }
    }
    for (k, j) in &before {
        if !after.contains_key(k) {
            out.removed
                .push(change(j, Moved::Context(place(j)), None, None));
        }
    }
    let counts = |c: &JobConfig| prow::count_by_context(&c.jobs, explicit_credentials).by_context;
    let (b, a) = (counts(base), counts(head));
    let names: std::collections::BTreeSet<&String> = b.keys().chain(a.keys()).collect();
    for name in names {
        let before = b.get(name).map_or(0, |k| k.total());
        let after = a.get(name).map_or(0, |k| k.total());
        if before != after {
            out.contexts.push(ContextCount {
                context: name.clone(),
                before,
                after,
            });
        }
    }
    out
}
