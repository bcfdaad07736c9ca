//! The library's error type. Every message says what is wrong, where, and how to fix it, on one
//! line; `exit_code` maps it to the documented exit codes.

use std::fmt;

use crate::exit;
use crate::finding::Finding;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// One or more problems in the kubeconfig or Prow configuration files, as findings with
    /// stable codes (so `lint` reports them like any other, JUnit included). All are reported,
    /// not just the first, so an operator can fix them in one pass; each prints as one line.
    #[error("{}", .0.iter().map(Finding::with_fix).collect::<Vec<_>>().join("\n"))]
    InvalidConfig(Vec<Finding>),
    /// A flag value that cannot work with the loaded configuration (an unknown `--context`).
    #[error("{0}")]
    UnknownName(String),
    /// The command line itself is wrong in a way clap cannot see.
    #[error("{0}")]
    Usage(String),
    /// A cluster could not be reached, or refused the credentials.
    #[error("{0}")]
    Cluster(String),
    /// A file could not be written (a report, an edited job file, a new kubeconfig): exit 5,
    /// like output that could not be written, never "problems found".
    #[error("{0}")]
    Write(String),
    /// Writing the output failed (a closed pipe is not an error: see main).
    #[error("writing output: {0}")]
    Output(#[from] std::io::Error),
}

impl Error {
    pub fn invalid(message: impl fmt::Display) -> Self {
        Error::invalid_as("invalid-config", message)
    }

    /// A problem in an input file, at its place, with its fix: exit 3, and `lint` and JUnit
    /// report it like any finding.
    pub fn in_file(
        code: &'static str,
        origin: crate::source::Origin,
        message: impl fmt::Display,
        fix: &str,
    ) -> Self {
        Error::InvalidConfig(vec![Finding::error(
            code,
            Some(origin),
            message.to_string(),
            fix,
        )])
    }

    /// Invalid configuration with a specific finding code.
    pub fn invalid_as(code: &'static str, message: impl fmt::Display) -> Self {
        Error::InvalidConfig(vec![Finding::error(code, None, message.to_string(), "")])
    }

    /// The problems as findings: what `lint` reports when loading stops.
    pub fn findings(&self) -> Vec<Finding> {
        match self {
            Error::InvalidConfig(f) => f.clone(),
            Error::UnknownName(m) => vec![Finding::error("unknown-name", None, m.clone(), "")],
            other => vec![Finding::error("error", None, other.to_string(), "")],
        }
    }

    pub fn exit_code(&self) -> crate::exit::Exit {
        match self {
            Error::InvalidConfig(_) | Error::UnknownName(_) => exit::Exit::InvalidConfig,
            Error::Usage(_) => exit::Exit::Usage,
            Error::Cluster(_) => exit::Exit::Cluster,
            Error::Output(_) | Error::Write(_) => exit::Exit::Output,
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
