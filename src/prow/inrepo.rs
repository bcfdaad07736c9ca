//! A repository's in-repo configuration, read with Prow's rules (`pkg/config/inrepoconfig.go`):
//! a `.prow/` directory (walked like `--job-config-path`, `.prowignore` honoured) or, only when
//! there is none, `.prow.yaml`. Its presubmits and postsubmits belong to that repository.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::finding::Finding;
use crate::source::Origin;

use super::job::Job;
use super::parse::{self, Role};

/// What one repository's in-repo configuration gave.
#[derive(Debug, Default)]
pub struct InRepo {
    pub jobs: Vec<Job>,
    pub findings: Vec<Finding>,
}

/// Reads `dir`'s in-repo configuration as the jobs of `repo` (`org/repo`). A directory with
/// neither `.prow/` nor `.prow.yaml` has none (a warning: the flag named it for a reason).
pub fn read(repo: &str, dir: &Path) -> std::io::Result<InRepo> {
    let mut out = InRepo::default();
    if !std::fs::metadata(dir)?.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::NotADirectory,
            "not a directory (give the repository's checkout)",
        ));
    }
    let prow_dir = dir.join(".prow");
    let prow_yaml = dir.join(".prow.yaml");
    let files: Vec<PathBuf> = if prow_dir.is_dir() {
        if prow_yaml.is_file() {
            out.findings.push(Finding::warning(
                "in-repo-prow-yaml-ignored",
                Some(Origin::file(prow_yaml.clone())),
                format!(
                    "{} is not read: {} exists, and Prow then reads only the directory",
                    prow_yaml.display(),
                    prow_dir.display()
                ),
                "move its jobs into .prow/, or remove it",
            ));
        }
        let found = super::discover::discover(&prow_dir, true);
        out.findings.extend(found.findings);
        found.files
    } else if prow_yaml.is_file() {
        vec![prow_yaml]
    } else {
        out.findings.push(Finding::warning(
            "no-in-repo-config",
            Some(Origin::file(dir.to_path_buf())),
            format!("{} has neither .prow/ nor .prow.yaml", dir.display()),
            "point --in-repo-config at the repository's checkout",
        ));
        Vec::new()
    };
    for path in files {
        let bytes = match parse::read_maybe_gzip(&path) {
            Ok(b) => b,
            Err(e) => {
                out.findings.push(Finding::error(
                    "unreadable-file",
                    Some(Origin::file(path.clone())),
                    format!("cannot read {}: {e}; the file is left out", path.display()),
                    "check the file and its permissions",
                ));
                continue;
            }
        };
        let file: Arc<Path> = Arc::from(path.as_path());
        let parsed = parse::parse_file(&file, &bytes, Role::InRepo);
        out.findings.extend(parsed.findings);
        out.jobs.extend(parsed.jobs.into_iter().map(|mut j| {
            j.repo = Some(repo.to_string());
            j
        }));
    }
    Ok(out)
}

/// `org/repo` from a checkout's `origin` remote (`.git/config`), for `--in-repo-config DIR`.
pub fn repo_of_checkout(dir: &Path) -> Option<String> {
    let config = std::fs::read_to_string(dir.join(".git/config")).ok()?;
    let mut in_origin = false;
    for line in config.lines().map(str::trim) {
        if line.starts_with('[') {
            in_origin = line == "[remote \"origin\"]";
        } else if in_origin && let Some(url) = line.strip_prefix("url") {
            let url = url.trim_start().strip_prefix('=')?.trim();
            let path = url.trim_end_matches('/').trim_end_matches(".git");
            // https://host/org/repo, git@host:org/repo, ssh://git@host/org/repo
            let path = path.rsplit_once(':').map_or(path, |(_, p)| p);
            let mut parts = path.rsplit('/');
            let repo = parts.next()?;
            let org = parts.next()?;
            if !org.is_empty() && !repo.is_empty() {
                return Some(format!("{org}/{repo}"));
            }
        }
    }
    None
}
