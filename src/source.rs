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
