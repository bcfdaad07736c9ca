//! Which kubeconfig files to read, and in what order.

use std::collections::HashMap;
use std::ffi::OsString;
use std::fs;
use std::path::{Path, PathBuf};

use super::options::{LoadOptions, MergeMode};
use super::shown;

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

/// What to read and under which rule: the files (each named once where the rule wants it), the
/// merge mode (strict for explicit files, kubectl's otherwise, unless `--merge` says), whether
/// Prow would load them file by file, and what choosing them found.
pub struct Selection {
    pub mode: MergeMode,
    pub candidates: Vec<Candidate>,
    pub per_file: bool,
    pub warnings: Vec<Finding>,
}

pub fn select(opts: &LoadOptions) -> Result<Selection> {
    let explicit = explicit(
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
                warnings.push(Finding::warning(
                    "empty-kubeconfig-dir",
                    None,
                    format!(
                        "--kubeconfig-dir {dir}: no file matches suffix {suffix:?}; as Prow does, \
                         falling back to $KUBECONFIG or ~/.kube/config"
                    ),
                    "check --kubeconfig-dir and --kubeconfig-suffix",
                ));
            } else {
                warnings.push(Finding::warning(
                    "empty-kubeconfig-dir",
                    None,
                    format!(
                        "--kubeconfig-dir {dir}: no file matches suffix {suffix:?}; nothing loaded"
                    ),
                    "check --kubeconfig-dir and --kubeconfig-suffix",
                ));
            }
        }
        if given_explicitly && mode != MergeMode::Prow {
            Vec::new()
        } else {
            let found = kubectl_default(opts.kubeconfig_var.as_ref(), opts.home.as_deref());
            if found.is_empty() {
                let why = if opts.kubeconfig_var.as_ref().is_some_and(|v| !v.is_empty()) {
                    "$KUBECONFIG names no existing file"
                } else {
                    "$KUBECONFIG is not set and ~/.kube/config does not exist"
                };
                warnings.push(Finding::warning(
                    "no-kubeconfig",
                    None,
                    format!("no kubeconfig found: {why}"),
                    "name one with --kubeconfig, or set $KUBECONFIG",
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
    Ok(Selection {
        mode,
        candidates,
        per_file,
        warnings,
    })
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
pub(super) fn once_each(candidates: Vec<Candidate>, warnings: &mut Vec<Finding>) -> Vec<Candidate> {
    let later = repeats(&candidates);
    for &(first, again) in &later {
        let c = &candidates[again];
        warnings.push(Finding::warning(
            "repeated-file",
            Some(Origin::file(&*c.path)),
            format!(
                "{} {} names the same file as {}; it is read once",
                c.flag,
                shown(&c.path),
                shown(&candidates[first].path)
            ),
            "name each file once",
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
pub(super) fn reject_repeated_files(candidates: &[Candidate]) -> Result<()> {
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
            Finding::error(
                "repeated-file",
                Some(Origin::file(&*c.path)),
                what,
                "give each kubeconfig file once",
            )
        })
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Error::InvalidConfig(errors))
    }
}
