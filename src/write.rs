//! Writing files safely, for every command that writes one (`migrate --write`, `--junit`,
//! `--output`, `--kubeconfig-out`, `--suggest-dir`): a temporary file in the same directory
//! (tempfile's, removed if anything fails) persisted over the target, so a reader sees the old
//! file or the new one, never half of one; a backup of what was replaced; and a refusal when
//! the file is not what was read.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use tempfile::NamedTempFile;

use crate::{Error, Result};

/// A file as read: its bytes and modification time, to notice a change before writing.
#[derive(Clone, Debug)]
pub struct Snapshot {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
    pub modified: Option<SystemTime>,
}

impl Snapshot {
    pub fn read(path: &Path) -> Result<Snapshot> {
        let bytes = fs::read(path)
            .map_err(|e| Error::invalid(format!("cannot read {}: {e}", path.display())))?;
        let modified = fs::metadata(path).and_then(|m| m.modified()).ok();
        Ok(Snapshot {
            path: path.to_path_buf(),
            bytes,
            modified,
        })
    }

    /// Whether the file on disk is still exactly what was read.
    fn unchanged(&self) -> bool {
        let modified = fs::metadata(&self.path).and_then(|m| m.modified()).ok();
        modified == self.modified && fs::read(&self.path).is_ok_and(|b| b == self.bytes)
    }
}

/// A new content for a file that was read.
#[derive(Clone, Debug)]
pub struct Pending {
    pub snapshot: Snapshot,
    pub new: Vec<u8>,
}

/// A file replaced, and where its previous content is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Written {
    pub path: PathBuf,
    pub backup: PathBuf,
}

/// Replaces every file of `pending`, or none: all are checked (writable, unchanged since
/// read) and their new contents written to temporary files before the first one is renamed
/// into place. Each replaced file is kept as `FILE.bak` (`FILE.bak.1`, ... when taken).
pub fn commit(pending: &[Pending]) -> Result<Vec<Written>> {
    // Dropping a temporary file removes it: an early return cleans up what was prepared.
    let mut temps: Vec<NamedTempFile> = Vec::new();
    for p in pending {
        let path = &p.snapshot.path;
        let perms = check_writable(path)?;
        if !p.snapshot.unchanged() {
            return Err(Error::invalid(format!(
                "{} changed on disk since it was read; nothing was written: run the command again",
                path.display()
            )));
        }
        temps.push(write_temp(path, &p.new, Some(perms))?);
    }
    let mut written = Vec::new();
    for (p, temp) in pending.iter().zip(temps) {
        let path = &p.snapshot.path;
        // Checked again just before the rename, to keep the window small.
        if !p.snapshot.unchanged() {
            return Err(Error::invalid(format!(
                "{} changed on disk since it was read; it was not written{}",
                path.display(),
                done_so_far(&written)
            )));
        }
        let backup = backup(path)?;
        if let Err(e) = temp.persist(path) {
            return Err(Error::Write(format!(
                "cannot replace {}: {}{}",
                path.display(),
                e.error,
                done_so_far(&written)
            )));
        }
        written.push(Written {
            path: path.clone(),
            backup,
        });
    }
    Ok(written)
}

fn done_so_far(written: &[Written]) -> String {
    if written.is_empty() {
        "; nothing was written".into()
    } else {
        let names: Vec<String> = written
            .iter()
            .map(|w| w.path.display().to_string())
            .collect();
        format!(
            "; already replaced (backups next to them): {}",
            names.join(", ")
        )
    }
}

/// A file without any write permission is read-only for this tool even when the process
/// could write it anyway (root): the operator made it so.
fn check_writable(path: &Path) -> Result<fs::Permissions> {
    // Renaming over a link would replace the link with a copy and leave the file it points to
    // as it was: neither is what the operator asked for.
    if path
        .symlink_metadata()
        .is_ok_and(|m| m.file_type().is_symlink())
    {
        let target = fs::read_link(path)
            .map(|t| t.display().to_string())
            .unwrap_or_default();
        return Err(Error::invalid(format!(
            "{} is a symbolic link (to {target}); nothing was written: edit the file it \
             points to",
            path.display()
        )));
    }
    let meta = fs::metadata(path)
        .map_err(|e| Error::invalid(format!("cannot read {}: {e}", path.display())))?;
    let refuse = |why: String| {
        Error::invalid(format!(
            "{} is read-only ({why}); nothing was written",
            path.display()
        ))
    };
    if meta.permissions().readonly() {
        return Err(refuse("no write permission".into()));
    }
    fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| refuse(e.to_string()))?;
    Ok(meta.permissions())
}

/// Links (or copies) `path` to the first free `path.bak[.N]`.
fn backup(path: &Path) -> Result<PathBuf> {
    for n in 0..1000 {
        let mut name = path.as_os_str().to_owned();
        name.push(".bak");
        if n > 0 {
            name.push(format!(".{n}"));
        }
        let candidate = PathBuf::from(name);
        if candidate.symlink_metadata().is_ok() {
            continue;
        }
        match fs::hard_link(path, &candidate) {
            Ok(()) => return Ok(candidate),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(_) => {
                fs::copy(path, &candidate).map_err(|e| {
                    Error::invalid(format!(
                        "cannot keep a backup of {} as {}: {e}",
                        path.display(),
                        candidate.display()
                    ))
                })?;
                return Ok(candidate);
            }
        }
    }
    Err(Error::invalid(format!(
        "cannot keep a backup of {}: {}.bak to .bak.999 all exist",
        path.display(),
        path.display()
    )))
}

/// Writes `bytes` to a new temporary file next to `path` (same directory, so the rename is
/// atomic) and syncs it; `perms` are the permissions it gets (0600 when `None`). Its name is
/// hidden and does not end in `.yaml`: Prow's job walk never reads a leftover.
fn write_temp(path: &Path, bytes: &[u8], perms: Option<fs::Permissions>) -> Result<NamedTempFile> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    let base = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "file".into());
    let fail = |e: std::io::Error| {
        Error::Write(format!(
            "cannot write a temporary file in {}: {e}; nothing was written",
            dir.display()
        ))
    };
    let mut builder = tempfile::Builder::new();
    let prefix = format!(".{base}.");
    builder.prefix(&prefix).suffix(".kubectl-prow.tmp");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(perms.unwrap_or_else(|| fs::Permissions::from_mode(0o600)));
    }
    #[cfg(not(unix))]
    let _ = perms;
    let mut f = builder.tempfile_in(&dir).map_err(fail)?;
    f.write_all(bytes).map_err(fail)?;
    f.as_file().sync_all().map_err(fail)?;
    Ok(f)
}

/// Writes a new private file (mode 0600: it holds credentials) atomically. An existing file
/// is replaced only with `force`.
pub fn write_private(path: &Path, bytes: &[u8], force: bool) -> Result<()> {
    let exists = || {
        Error::invalid(format!(
            "{} exists; nothing was written (use --force to replace it)",
            path.display()
        ))
    };
    if !force && path.symlink_metadata().is_ok() {
        return Err(exists());
    }
    let temp = write_temp(path, bytes, None)?;
    // Without --force, a link (which never replaces) instead of a rename: no race with a
    // file that appears meanwhile.
    let placed = if force {
        temp.persist(path).map(drop)
    } else {
        temp.persist_noclobber(path).map(drop)
    };
    placed.map_err(|e| {
        if e.error.kind() == std::io::ErrorKind::AlreadyExists {
            return exists();
        }
        Error::Write(format!(
            "cannot write {}: {}; nothing was written",
            path.display(),
            e.error
        ))
    })
}

/// Replaces `path` with `bytes` atomically (a report: mode 0644, no backup), so a CI job never
/// reads half a file.
pub fn replace(path: &Path, bytes: &[u8]) -> Result<()> {
    #[cfg(unix)]
    let perms = {
        use std::os::unix::fs::PermissionsExt;
        Some(fs::Permissions::from_mode(0o644))
    };
    #[cfg(not(unix))]
    let perms = None;
    write_temp(path, bytes, perms)?
        .persist(path)
        .map(drop)
        .map_err(|e| Error::Write(format!("cannot write {}: {}", path.display(), e.error)))
}
