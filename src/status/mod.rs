//! Live status and what a change moves: [`live`] reads the ProwJobs of the ProwJob context and
//! Prow's pods in each build context and counts them per context (`status`); [`diff`] places
//! two job configurations side by side, a git revision and the working tree, and lists the
//! jobs whose context changes (offline). Both sit on `placement` and `rbac`'s connections.

pub mod diff;
pub mod live;
