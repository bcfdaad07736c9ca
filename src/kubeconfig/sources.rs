//! Which kubeconfig files to read, and in what order.

use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use crate::finding::Finding;
use crate::source::Origin;
use crate::{Error, Result};

/// A file to read and the flag (or variable) that named it, for messages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Candidate {
    pub path: PathBuf,
    pub flag: &'static str,
}

/// The explicit list: every `--kubeconfig` in the order given, then the files of
/// `--kubeconfig-dir` under Prow's rules: sorted by name, subdirectories and names starting with
/// `..` skipped (the `..data` links of a mounted Secret), and only names ending in `suffix`
/// (a plain string suffix, as Prow's `strings.HasSuffix`).
pub fn explicit(
    kubeconfigs: &[PathBuf],
    dir: Option<&Path>,
    suffix: Option<&str>,
) -> Result<Vec<Candidate>> {
    if suffix.is_some() && dir.is_none() {
        // Prow's own wording (pkg/flagutil/kubernetes_cluster_clients.go, Validate).
        return Err(Error::Usage(
            "--kubeconfig-dir must be set if --kubeconfig-suffix is set".into(),
        ));
    }
    let mut out: Vec<Candidate> = kubeconfigs
        .iter()
        .map(|p| Candidate {
            path: p.clone(),
            flag: "--kubeconfig",
        })
        .collect();
    if let Some(dir) = dir {
        out.extend(dir_entries(dir, suffix.unwrap_or(""))?);
    }
    Ok(out)
}

fn dir_entries(dir: &Path, suffix: &str) -> Result<Vec<Candidate>> {
    let shown = dir.display();
    let fail = |message: String, fix: &str| {
        Error::InvalidConfig(vec![Finding::error(
            "unreadable-kubeconfig-dir",
            Some(Origin::file(dir)),
            message,
            fix,
        )])
    };
    let meta = fs::metadata(dir).map_err(|err| {
        fail(
            format!(
                "{shown}: cannot access --kubeconfig-dir: {}",
                io_reason(&err)
            ),
            "check the path given to --kubeconfig-dir",
        )
    })?;
    if !meta.is_dir() {
        return Err(fail(
            format!("{shown}: --kubeconfig-dir must be a directory"),
            "use --kubeconfig for a single file",
        ));
    }
    let mut names = Vec::new();
    let listing = |err: std::io::Error| {
        fail(
            format!("{shown}: cannot list --kubeconfig-dir: {err}"),
            "check the directory's permissions",
        )
    };
    let reader = fs::read_dir(dir).map_err(listing)?;
    for entry in reader {
        let entry = entry.map_err(listing)?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with("..") || !name.ends_with(suffix) {
            continue;
        }
        // Follow links (Secret volumes link every key), then skip directories as Prow does.
        if fs::metadata(entry.path()).is_ok_and(|m| m.is_dir()) {
            continue;
        }
        names.push(name);
    }
    names.sort();
    Ok(names
        .into_iter()
        .map(|name| Candidate {
            path: dir.join(name),
            flag: "--kubeconfig-dir",
        })
        .collect())
}

/// kubectl's list when no `--kubeconfig` is given: `$KUBECONFIG` split on the path separator,
/// empty entries dropped, duplicates removed (first kept) and missing files skipped; when the
/// variable is unset or empty, `~/.kube/config` if it exists.
pub fn kubectl_default(kubeconfig_var: Option<&OsString>, home: Option<&Path>) -> Vec<Candidate> {
    // client-go uses the variable whenever it is non-empty, even if every entry in it is
    // empty (`KUBECONFIG=:` loads nothing); only an unset or empty variable means the home file.
    if let Some(var) = kubeconfig_var.filter(|v| !v.is_empty()) {
        let from_env: Vec<PathBuf> = std::env::split_paths(var)
            .filter(|p| !p.as_os_str().is_empty())
            .collect();
        let mut seen = Vec::new();
        for path in from_env {
            if !seen.contains(&path) {
                seen.push(path);
            }
        }
        // os.Stat: a link to nothing is a missing file, skipped like one.
        return seen
            .into_iter()
            .filter(|p| fs::metadata(p).is_ok())
            .map(|path| Candidate {
                path,
                flag: "KUBECONFIG",
            })
            .collect();
    }
    home.map(|h| h.join(".kube").join("config"))
        .filter(|p| p.exists())
        .map(|path| Candidate {
            path,
            flag: "~/.kube/config",
        })
        .into_iter()
        .collect()
}

fn io_reason(err: &std::io::Error) -> String {
    match err.kind() {
        std::io::ErrorKind::NotFound => "no such directory".into(),
        _ => err.to_string(),
    }
}
