//! One Prow job as kubectl-prow needs it: where it is, what kind it is, and where it runs.

use std::fmt;

use crate::source::{Origin, Sourced};

/// The context Prow gives a job that does not set `cluster` (`kube.DefaultClusterAlias`).
pub const DEFAULT_CONTEXT: &str = "default";

/// Which of Prow's three job lists a job comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum JobKind {
    Presubmit,
    Postsubmit,
    Periodic,
}

impl JobKind {
    pub const ALL: [JobKind; 3] = [JobKind::Presubmit, JobKind::Postsubmit, JobKind::Periodic];

    /// `presubmit`, `postsubmit` or `periodic`.
    pub fn as_str(self) -> &'static str {
        match self {
            JobKind::Presubmit => "presubmit",
            JobKind::Postsubmit => "postsubmit",
            JobKind::Periodic => "periodic",
        }
    }
}

impl fmt::Display for JobKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The controller that runs a job (`agent`; Prow's default is `kubernetes`).
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Agent {
    /// Prow creates a pod in the job's context (prow-controller-manager).
    Kubernetes,
    /// Prow creates a Tekton PipelineRun in the job's context (`cmd/pipeline`).
    TektonPipeline,
    /// The job runs on Jenkins: no Kubernetes context is involved.
    Jenkins,
    /// Any other value, kept as written. Prow only warns ("agent %s is unknown and cannot be
    /// validated"), and no Prow controller places such a job in a context.
    Other(String),
}

impl Agent {
    /// Reads `agent` as written: absent, null and `""` all mean `kubernetes`.
    pub fn from_field(value: Option<&str>) -> Agent {
        match value.unwrap_or("") {
            "" | "kubernetes" => Agent::Kubernetes,
            "tekton-pipeline" => Agent::TektonPipeline,
            "jenkins" => Agent::Jenkins,
            other => Agent::Other(other.to_owned()),
        }
    }

    /// The value as Prow spells it.
    pub fn as_str(&self) -> &str {
        match self {
            Agent::Kubernetes => "kubernetes",
            Agent::TektonPipeline => "tekton-pipeline",
            Agent::Jenkins => "jenkins",
            Agent::Other(s) => s,
        }
    }

    /// Whether a job with this agent runs in a Kubernetes context named by `cluster`.
    pub fn runs_in_context(&self) -> bool {
        matches!(self, Agent::Kubernetes | Agent::TektonPipeline)
    }
}

impl fmt::Display for Agent {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One job from a job-config file or from the Prow config file.
///
/// A job's name is not an identity: the same name may appear for several repositories, on
/// several branches, or (by mistake) twice; jobs are kept in the order they were read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Job {
    /// `name` as written (`""` when absent).
    pub name: String,
    pub kind: JobKind,
    /// The key the job is listed under for presubmits and postsubmits: `org/repo`, or a
    /// Gerrit clone URL such as `https://host/repo`, kept whole. `None` for periodics.
    pub repo: Option<String>,
    /// `cluster` as written, with where its value is written (through a YAML anchor or merge
    /// key, that is the anchored definition). `None` when unset, null or empty.
    pub cluster: Option<Sourced<String>>,
    pub agent: Agent,
    /// `branches` as written (presubmits and postsubmits).
    pub branches: Vec<String>,
    /// `skip_branches` as written (presubmits and postsubmits).
    pub skip_branches: Vec<String>,
    /// The file as found and the position of the job's entry (its first key, on the line of
    /// the `- ` item in the usual layout).
    pub origin: Origin,
    /// Read from a repository's in-repo configuration (`.prow.yaml` or `.prow/`), where
    /// `in_repo_config.allowed_clusters` limits the contexts it may use.
    pub in_repo: bool,
}

impl Job {
    /// `cluster` as written, if set.
    pub fn cluster(&self) -> Option<&str> {
        self.cluster.as_ref().map(|c| c.value.as_str())
    }

    /// The kubeconfig context the job runs in, as Prow decides it.
    ///
    /// - Agents that do not run in a context (`jenkins`, unknown agents): `None`, whatever
    ///   `cluster` says (it is still in [`Job::cluster`] for lint).
    /// - `cluster` set: that context.
    /// - `cluster` unset: `default`, as Prow's `defaultJobBase` does; but with explicit
    ///   credentials (the design document's `--use-explicit-credentials`) nothing is defaulted,
    ///   so the job has no context: `None`.
    pub fn effective_context(&self, explicit_credentials: bool) -> Option<&str> {
        if !self.agent.runs_in_context() {
            return None;
        }
        match self.cluster() {
            Some(cluster) => Some(cluster),
            None if explicit_credentials => None,
            None => Some(DEFAULT_CONTEXT),
        }
    }
}
