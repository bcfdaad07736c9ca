//! Jobs resolved against the loaded contexts: where each job would run, and whether that
//! context exists. The step between loading (kubeconfig, Prow config) and checking (lint).

use serde::Serialize;

use crate::kubeconfig::view::redact_url;
use crate::kubeconfig::{Context, ContextSet};
use crate::prow::{Job, JobConfig, KindCounts};

/// One job and the context it lands in.
#[derive(Clone, Debug)]
pub struct Placed<'a> {
    pub job: &'a Job,
    /// The effective context: `cluster`, else `default` (none under explicit credentials);
    /// none for agents that do not run in a context.
    pub context: Option<&'a str>,
    /// The context is loaded.
    pub known: bool,
}

impl Placed<'_> {
    /// The job should run in a context but lands nowhere: its context is not loaded, or it
    /// names none under explicit credentials.
    pub fn lands_nowhere(&self) -> bool {
        self.job.agent.runs_in_context() && !self.known
    }
}

pub fn place<'a>(jobs: &'a [Job], set: &ContextSet, explicit_credentials: bool) -> Vec<Placed<'a>> {
    // One lookup per job: at 100,000 jobs and 500 contexts a scan of the list each time
    // was a few percent of `jobs`.
    let names: std::collections::HashSet<&str> =
        set.contexts.iter().map(|c| c.name.as_str()).collect();
    jobs.iter()
        .map(|job| {
            let context = job.effective_context(explicit_credentials);
            Placed {
                job,
                context,
                known: context.is_some_and(|c| names.contains(c)),
            }
        })
        .collect()
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextRow {
    pub name: String,
    pub cluster: Option<String>,
    pub server: Option<String>,
    pub namespace: Option<String>,
    pub user: Option<String>,
    pub auth: String,
    /// The file the context is defined in, as given.
    pub source: String,
    pub line: u32,
    pub current: bool,
    pub prow_job_context: bool,
    pub in_cluster: bool,
    /// For Prow's synthesized `""` and `default`: the context they stand for.
    pub alias_of: Option<String>,
    /// Jobs that run in this context, when job configuration is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jobs: Option<JobCounts>,
    /// A `cluster` value that jobs use but no loaded context defines.
    pub missing: bool,
    /// Listed in Prow's `disabled_clusters` (and so not loaded).
    pub disabled: bool,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct JobCounts {
    pub presubmits: usize,
    pub postsubmits: usize,
    pub periodics: usize,
    pub total: usize,
}

impl From<KindCounts> for JobCounts {
    fn from(k: KindCounts) -> Self {
        JobCounts {
            presubmits: k.presubmit,
            postsubmits: k.postsubmit,
            periodics: k.periodic,
            total: k.total(),
        }
    }
}

impl ContextRow {
    pub fn new(set: &ContextSet, c: &Context) -> Self {
        ContextRow {
            name: c.name.to_string(),
            cluster: c.cluster.clone(),
            // Credentials inside a URL are never printed.
            server: c.server().map(|s| redact_url(&s)),
            namespace: c.namespace.clone(),
            user: c.user.clone(),
            auth: c.auth().to_string(),
            source: c.origin.file.display().to_string(),
            line: c.origin.line,
            current: set.is_current(c),
            prow_job_context: set.is_prow_job_context(c),
            in_cluster: c.is_in_cluster(),
            alias_of: c.alias_of.as_ref().map(ToString::to_string),
            jobs: None,
            missing: false,
            disabled: false,
        }
    }

    /// A context that jobs name but no file defines.
    fn missing(name: &str, first_job: &crate::source::Origin) -> Self {
        ContextRow {
            name: name.to_string(),
            cluster: None,
            server: None,
            namespace: None,
            user: None,
            auth: "none".into(),
            source: first_job.file.display().to_string(),
            line: first_job.line,
            current: false,
            prow_job_context: false,
            in_cluster: false,
            alias_of: None,
            jobs: None,
            missing: true,
            disabled: false,
        }
    }
}

/// One row per context, sorted by name; with job configuration, job counts on each and a
/// row for every `cluster` value that jobs use but no context defines: what `contexts` and
/// `graph` show.
pub fn rows(
    set: &ContextSet,
    config: Option<&JobConfig>,
    explicit_credentials: bool,
) -> Vec<ContextRow> {
    let mut rows: Vec<ContextRow> = set
        .contexts
        .iter()
        .map(|c| ContextRow::new(set, c))
        .collect();
    let Some(config) = config else { return rows };
    let counts = crate::prow::count_by_context(&config.jobs, explicit_credentials);
    for row in &mut rows {
        row.jobs = Some(
            counts
                .by_context
                .get(&row.name)
                .copied()
                .unwrap_or_default()
                .into(),
        );
    }
    for (name, k) in &counts.by_context {
        if set.get(name).is_none() {
            let first = config
                .jobs
                .iter()
                .find(|j| j.effective_context(explicit_credentials) == Some(name.as_str()))
                .map(|j| {
                    j.cluster
                        .as_ref()
                        .map_or(j.origin.clone(), |c| c.origin.clone())
                })
                .expect("a counted context has a job");
            let mut row = ContextRow::missing(name, &first);
            row.disabled = set.disabled.iter().any(|d| d.as_str() == name);
            row.jobs = Some((*k).into());
            rows.push(row);
        }
    }
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}
