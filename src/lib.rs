//! kubectl-prow: the library behind the `kubectl prow` plugin.
//!
//! Data flows one way: load ([`kubeconfig`], [`prow`]) → resolve ([`placement`]) → check
//! ([`lint`], [`rbac`], [`migrate`]) → render ([`output`]). The command line (its parser and one
//! file per subcommand wiring these together) is the binary's, not part of this API; see
//! ARCHITECTURE.md.

pub mod admission;
pub mod credentials;
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
pub mod status;
pub mod write;
pub(crate) mod yaml;

pub use error::{Error, Result};
