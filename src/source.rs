//! Where a loaded thing came from: the file as the user named it, and the line in it.

use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A position in an input file. `file` keeps the path exactly as the user gave it (or as it
/// was found while walking a directory), because that is what an operator recognises in a
/// message; `line` and `column` are 1-based, 0 when unknown.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Origin {
    pub file: Arc<Path>,
    pub line: u32,
    pub column: u32,
}

impl Origin {
    pub fn new(file: Arc<Path>, line: u32, column: u32) -> Self {
        Origin { file, line, column }
    }

    /// A position for the whole file, when no line applies.
    pub fn file(file: impl Into<PathBuf>) -> Self {
        Origin {
            file: Arc::from(file.into().as_path()),
            line: 0,
            column: 0,
        }
    }

    /// `file:line`, or just `file` when the line is unknown.
    pub fn display_line(&self) -> String {
        if self.line == 0 {
            self.file.display().to_string()
        } else {
            format!("{}:{}", self.file.display(), self.line)
        }
    }
}

impl fmt::Display for Origin {
    /// `file:line:column`, dropping the parts that are unknown.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if self.line > 0 {
            write!(f, ":{}", self.line)?;
            if self.column > 0 {
                write!(f, ":{}", self.column)?;
            }
        }
        Ok(())
    }
}

/// A value together with where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sourced<T> {
    pub value: T,
    pub origin: Origin,
}

impl<T> Sourced<T> {
    pub fn new(value: T, origin: Origin) -> Self {
        Sourced { value, origin }
    }
}

/// The largest input file read, plain or decompressed. Prow keeps job configs in ConfigMaps
/// and kubeconfigs in Secrets, both limited to 1 MiB; a file many times that is a mistake (a
/// log, a disk image, `/dev/zero` behind a link), and reading it whole would cost its size in
/// memory.
pub const MAX_INPUT_BYTES: u64 = 32 * 1024 * 1024;

/// Reads a regular file of at most [`MAX_INPUT_BYTES`]. A FIFO, socket or device is refused
/// before it is opened: reading one may never end.
pub fn read_bounded(path: &std::path::Path) -> std::io::Result<Vec<u8>> {
    read_regular(path, &std::fs::metadata(path)?)
}

/// [`read_bounded`] for a caller that has already looked at the file (`meta`, following links).
pub fn read_regular(path: &std::path::Path, meta: &std::fs::Metadata) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    if !meta.is_file() {
        return Err(std::io::Error::other(
            "not a regular file (a FIFO, socket or device); reading it might never end",
        ));
    }
    if meta.len() > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    // Read with a limit all the same: the file may grow while it is read.
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0).min(1 << 20));
    std::fs::File::open(path)?
        .take(MAX_INPUT_BYTES + 1)
        .read_to_end(&mut bytes)?;
    if bytes.len() as u64 > MAX_INPUT_BYTES {
        return Err(too_big());
    }
    Ok(bytes)
}

/// The error for a file over [`MAX_INPUT_BYTES`].
pub fn too_big() -> std::io::Error {
    std::io::Error::other(format!(
        "larger than {} MiB (Prow's ConfigMaps and Secrets hold at most 1 MiB); is it the \
         right file?",
        MAX_INPUT_BYTES >> 20
    ))
}

/// The YAML parser's words for its safety limits, in an operator's words: these limits stop
/// alias bombs ("billion laughs") and absurd nesting from exhausting memory or the stack.
pub fn yaml_limit_reason(parser_message: &str) -> Option<&'static str> {
    if parser_message.contains("budget breached") || parser_message.contains("alias replay limit") {
        Some(
            "its aliases (`*name`) expand to far more YAML nodes than a configuration file \
             holds, which looks like an alias bomb; refused to keep memory bounded: write the \
             values out or nest fewer aliases",
        )
    } else if parser_message.contains("recursion limit exceeded") {
        Some(
            "it is nested too deeply (lists or mappings hundreds of levels deep); a \
             configuration file is a few levels deep: is it the right file?",
        )
    } else {
        None
    }
}
