//! Live status and what a change moves (not built yet; this is its home). ProwJobs read from
//! the ProwJob context and Prow's pods from each build context, counted per context
//! (`status`); and two job configurations placed side by side, the jobs whose context changes
//! (`diff`, offline). It reads `placement` and uses `rbac::transport` for the API servers.

pub mod diff;
pub mod live;
