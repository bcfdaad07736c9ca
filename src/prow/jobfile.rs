//! One file's jobs as the readers assemble them: what a file is read as ([`Role`]), what it
//! gave ([`ParsedFile`]), and a job's fields turned into a [`Job`] with Prow's name rule.
//! Both readers (the fast path in [`super::fast`] and the general one in [`super::parse`])
//! build their jobs here, so they cannot differ in it.

use std::path::Path;
use std::sync::Arc;

use serde_saphyr::Location;

use crate::finding::Finding;
use crate::source::{Origin, Sourced};

use super::config::ProwConfig;
use super::job::{Agent, Job, JobKind};

/// What a file is read as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Role {
    /// Prow's `config.yaml`: settings, and possibly jobs written inline.
    Config,
    /// A job-config file: only `presubmits`, `postsubmits` and `periodics` matter.
    Jobs,
    /// A repository's in-repo configuration (Prow's `ProwYAML`): `presubmits` and
    /// `postsubmits` are plain lists, the repository is implied, there are no periodics.
    InRepo,
}

/// What one file gave.
#[derive(Debug, Default)]
pub(crate) struct ParsedFile {
    pub jobs: Vec<Job>,
    /// Set for [`Role::Config`] when the file parsed.
    pub prow_config: Option<ProwConfig>,
    pub findings: Vec<Finding>,
}

/// A string value read from a file, and where it is written.
pub(crate) struct Text {
    pub value: String,
    pub origin: Origin,
}

impl Text {
    pub(crate) fn into_sourced(self) -> Sourced<String> {
        Sourced::new(self.value, self.origin)
    }
}

/// The fields of one job that kubectl-prow keeps, as read.
#[derive(Default)]
pub(crate) struct JobFields {
    pub name: Option<Text>,
    pub cluster: Option<Text>,
    pub agent: Option<String>,
    pub branches: Vec<Text>,
    pub skip_branches: Vec<Text>,
}

/// One entry of a job list.
pub(crate) enum Item {
    Job(Origin, JobFields),
    Null(Origin),
}

/// Turns one entry of a job list into a [`Job`].
pub(crate) fn push(kind: JobKind, repo: Option<&str>, item: Item, out: &mut ParsedFile) {
    match item {
        Item::Job(origin, fields) => push_job_fields(kind, repo, origin, fields, out),
        Item::Null(origin) => null_job(kind, repo, origin, out),
    }
}

/// A null entry in a job list: Prow decodes it as a job with every field unset (no name), and
/// refuses to start with it.
pub(crate) fn null_job(kind: JobKind, repo: Option<&str>, origin: Origin, out: &mut ParsedFile) {
    out.findings.push(Finding::error(
        "null-job",
        Some(origin.clone()),
        format!(
            "a {kind} entry is null: Prow reads it as a {kind} without a name, and refuses to start"
        ),
        "remove the empty `-` item",
    ));
    let fields = JobFields {
        name: None,
        cluster: None,
        agent: None,
        branches: Vec::new(),
        skip_branches: Vec::new(),
    };
    add_job(kind, repo, origin, fields, out);
}

/// Turns the fields of one job into a [`Job`]; a name Prow refuses is a finding at the job.
pub(crate) fn push_job_fields(
    kind: JobKind,
    repo: Option<&str>,
    origin: Origin,
    f: JobFields,
    out: &mut ParsedFile,
) {
    let name = f.name.as_ref().map_or("", |n| n.value.as_str());
    if !valid_job_name(name) {
        let (place, what) = match &f.name {
            Some(n) if !name.is_empty() => (n.origin.clone(), format!("`{name}`")),
            _ => (origin.clone(), "a job without a name".to_owned()),
        };
        out.findings.push(Finding::error(
            "invalid-job-name",
            Some(place),
            format!(
                "{what}: Prow refuses to start (`invalid {kind} job {name}: name: must match regex \"^[A-Za-z0-9-._]+$\"`)"
            ),
            "give the job a name of letters, digits, `-`, `.` and `_`",
        ));
    }
    add_job(kind, repo, origin, f, out);
}

/// Prow's job name rule (`config.validateJobBase`): `^[A-Za-z0-9-._]+$`.
fn valid_job_name(name: &str) -> bool {
    !name.is_empty()
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_'))
}

fn add_job(kind: JobKind, repo: Option<&str>, origin: Origin, f: JobFields, out: &mut ParsedFile) {
    let cluster = f.cluster.filter(|c| !c.value.is_empty());
    out.jobs.push(Job {
        name: f.name.map(|n| n.value).unwrap_or_default(),
        kind,
        repo: repo.map(str::to_owned),
        cluster: cluster.map(Text::into_sourced),
        agent: Agent::from_field(f.agent.as_deref()),
        branches: f.branches.into_iter().map(|b| b.value).collect(),
        skip_branches: f.skip_branches.into_iter().map(|b| b.value).collect(),
        origin,
        in_repo: false,
    });
}

/// Where a YAML event is, as a finding's place.
pub(crate) fn origin_at(file: &Arc<Path>, loc: Location) -> Origin {
    Origin::new(
        file.clone(),
        u32::try_from(loc.line()).unwrap_or(u32::MAX),
        u32::try_from(loc.column()).unwrap_or(u32::MAX),
    )
}
