//! The errors that stop loading Prow's configuration altogether.
//!
//! Everything else (a file that does not parse, a duplicate base name, an unreadable directory
//! entry) is a [`Finding`](crate::finding::Finding), and loading carries on.

use std::io;
use std::path::PathBuf;

/// A configuration path given by the user cannot be used at all.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// `--config-path` does not exist or cannot be read.
    #[error("--config-path {}: cannot read", path.display())]
    ReadConfig {
        path: PathBuf,
        #[source]
        source: io::Error,
    },

    /// `--config-path` names a directory; Prow says "prowConfig cannot be a dir".
    #[error("Prow config {} is a directory, not a file", path.display())]
    ConfigIsDirectory { path: PathBuf },

    /// `--job-config-path` does not exist or cannot be read.
    #[error("--job-config-path {}: cannot read", path.display())]
    ReadJobConfig {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

impl Error {
    /// The path the user gave that could not be used.
    pub fn path(&self) -> &std::path::Path {
        match self {
            Error::ReadConfig { path, .. }
            | Error::ConfigIsDirectory { path }
            | Error::ReadJobConfig { path, .. } => path,
        }
    }
}
