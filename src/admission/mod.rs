//! Pod admission (not built yet; this is its home). The Pod Prow's plank would create for each
//! job, built as Prow's `pkg/pod-utils/decorate` builds it, sent with `dryRun=All` through
//! `rbac::transport` to the job's context; what admission refuses, and what it lets through but
//! leaves a pod stuck on (missing Secrets, ConfigMaps, volumes), as findings at the job. It reads
//! `placement`'s placed jobs and sits beside `rbac`.
