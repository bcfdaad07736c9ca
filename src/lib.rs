//! kubectl-prow: the library behind the `kubectl prow` plugin.
//!
//! Data flows one way: load ([`kubeconfig`], [`prow`]) → resolve → check ([`lint`]) → render
//! ([`output`]); [`commands`] wires them together, one file per subcommand.

pub mod cli;
pub mod commands;
pub mod error;
pub mod exit;
pub mod finding;
pub mod kubeconfig;
pub mod lint;
pub mod migrate;
pub mod output;
pub mod placement;
pub mod prow;
pub mod rbac;
pub mod secret;
pub mod source;
pub mod write;

pub use error::{Error, Result};
