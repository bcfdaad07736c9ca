//! Which files `--job-config-path` names, by Prow's rules (`ReadJobConfig`).
//!
//! - A file is read whatever its extension.
//! - A directory is walked recursively in lexical order (`filepath.Walk`), without following
//!   symbolic links to directories (links to files are read).
//! - A name starting with `..` is skipped, and so is everything under such a directory
//!   (Kubernetes volumes keep their real files under `..data`).
//! - Only names whose extension is exactly `.yaml` or `.yml` are read.
//! - `.prowignore` files (gitignore syntax) exclude paths, as Prow's go-gitignore
//!   "repository" does: a path is ignored when its directory is; otherwise the nearest
//!   `.prowignore` with a matching pattern decides, then the ones above it.
//! - Base names must be unique across the tree; a repeat is Prow's error
//!   `duplicated basename is not allowed: NAME`, and the repeat is not read.

use std::collections::HashMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};

use ignore::gitignore::{Gitignore, GitignoreBuilder};

use crate::finding::Finding;
use crate::source::Origin;

/// The name of Prow's ignore file.
pub const PROWIGNORE: &str = ".prowignore";

/// The files to read, in Prow's order, and what was noticed on the way.
#[derive(Debug, Default)]
pub(crate) struct Discovered {
    pub files: Vec<PathBuf>,
    pub findings: Vec<Finding>,
}

/// Lists the job-config files under `root`, which must exist (the caller checked).
pub(crate) fn discover(root: &Path, root_is_dir: bool) -> Discovered {
    let mut walk = Walk::default();
    if root_is_dir {
        walk.dir(root, false);
    } else {
        walk.out.files.push(root.to_path_buf());
    }
    walk.out
}

#[derive(Default)]
struct Walk {
    out: Discovered,
    /// `.prowignore` matchers of the directories being walked, outermost first.
    ignores: Vec<Gitignore>,
    basenames: HashMap<OsString, PathBuf>,
}

impl Walk {
    fn dir(&mut self, dir: &Path, dir_ignored: bool) {
        let pushed = self.load_prowignore(dir);
        let mut entries: Vec<(OsString, PathBuf)> = match std::fs::read_dir(dir) {
            Ok(rd) => rd
                .filter_map(|e| match e {
                    Ok(e) => Some((e.file_name(), e.path())),
                    Err(err) => {
                        self.unreadable(dir, &err);
                        None
                    }
                })
                .collect(),
            Err(err) => {
                self.unreadable(dir, &err);
                Vec::new()
            }
        };
        entries.sort_by(|a, b| a.0.as_encoded_bytes().cmp(b.0.as_encoded_bytes()));
        for (name, path) in entries {
            if name.as_encoded_bytes().starts_with(b"..") {
                continue;
            }
            let meta = match std::fs::symlink_metadata(&path) {
                Ok(m) => m,
                Err(err) => {
                    self.unreadable(&path, &err);
                    continue;
                }
            };
            if meta.is_dir() {
                let ignored = dir_ignored || self.ignored(&path, true);
                self.dir(&path, ignored);
                continue;
            }
            if !has_yaml_extension(&name) {
                continue;
            }
            if dir_ignored || self.ignored(&path, false) {
                continue;
            }
            if let Some(first) = self.basenames.get(&name) {
                self.out.findings.push(Finding::error(
                    "duplicate-basename",
                    Some(Origin::file(path.clone())),
                    format!(
                        "duplicated basename is not allowed: {} ({} and {}); Prow stops here, and this file is left out",
                        name.to_string_lossy(),
                        first.display(),
                        path.display()
                    ),
                    "rename one of the files: Prow's config-updater uses the base name as the ConfigMap key",
                ));
                continue;
            }
            self.basenames.insert(name, path.clone());
            self.out.files.push(path);
        }
        if pushed {
            self.ignores.pop();
        }
    }

    /// Reads `dir/.prowignore` when there is one; returns whether a matcher was pushed.
    fn load_prowignore(&mut self, dir: &Path) -> bool {
        let file = dir.join(PROWIGNORE);
        if !file.is_file() {
            return false;
        }
        let mut builder = GitignoreBuilder::new(dir);
        if let Some(err) = builder.add(&file) {
            self.out.findings.push(Finding::warning(
                "invalid-prowignore",
                Some(Origin::file(file.clone())),
                format!("part of {} could not be read: {err}", file.display()),
                "fix the pattern; the other patterns still apply",
            ));
        }
        match builder.build() {
            Ok(gi) => {
                self.ignores.push(gi);
                true
            }
            Err(err) => {
                self.out.findings.push(Finding::warning(
                    "invalid-prowignore",
                    Some(Origin::file(file.clone())),
                    format!("{} is not used: {err}", file.display()),
                    "fix the file's patterns",
                ));
                false
            }
        }
    }

    /// Whether the innermost `.prowignore` with an opinion on `path` ignores it.
    fn ignored(&self, path: &Path, is_dir: bool) -> bool {
        for gi in self.ignores.iter().rev() {
            let m = gi.matched(path, is_dir);
            if !m.is_none() {
                return m.is_ignore();
            }
        }
        false
    }

    fn unreadable(&mut self, path: &Path, err: &std::io::Error) {
        self.out.findings.push(Finding::warning(
            "unreadable-path",
            Some(Origin::file(path.to_path_buf())),
            format!(
                "cannot read {}: {err}; skipped, as Prow does",
                path.display()
            ),
            "check the permissions",
        ));
    }
}

/// Go's `filepath.Ext(name)` is exactly `.yaml` or `.yml` (case-sensitive; a name that is
/// only `.yaml` counts too).
fn has_yaml_extension(name: &OsString) -> bool {
    let b = name.as_encoded_bytes();
    match b.iter().rposition(|&c| c == b'.') {
        Some(i) => matches!(&b[i..], b".yaml" | b".yml"),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extension_rules() {
        for (name, yes) in [
            ("a.yaml", true),
            ("a.yml", true),
            (".yaml", true),
            ("a.YAML", false),
            ("a.yaml.gz", false),
            ("a.yaml.tpl", false),
            ("yaml", false),
        ] {
            assert_eq!(has_yaml_extension(&OsString::from(name)), yes, "{name}");
        }
    }
}
