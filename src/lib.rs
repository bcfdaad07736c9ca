//! kubectl-prow: the library behind the `kubectl prow` plugin.
//!
//! Data flows one way: load → resolve → check → render.

pub mod finding;
pub mod prow;
pub mod source;
