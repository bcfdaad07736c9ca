//! What decides what gets loaded: the files named, the merge rule, Prow's options, and the
//! environment (`$KUBECONFIG`, the home directory, the pod).

use std::ffi::OsString;
use std::fmt;
use std::path::{Path, PathBuf};

use super::PodServiceAccount;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum MergeMode {
    Strict,
    Kubectl,
    Prow,
}

impl fmt::Display for MergeMode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            MergeMode::Strict => "strict",
            MergeMode::Kubectl => "kubectl",
            MergeMode::Prow => "prow",
        })
    }
}

/// Everything that decides what gets loaded. The environment (the `KUBECONFIG` variable, the
/// home directory, the pod) is part of it so that tests can play any machine.
#[derive(Clone, Debug, Default)]
pub struct LoadOptions {
    /// `--kubeconfig`, repeatable, in order.
    pub kubeconfigs: Vec<PathBuf>,
    pub kubeconfig_dir: Option<PathBuf>,
    pub kubeconfig_suffix: Option<String>,
    /// `--merge`; `None` picks strict for explicit files and kubectl otherwise.
    pub merge: Option<MergeMode>,
    /// Prow's `--no-in-cluster-config`: no `""` and no synthesized `default`.
    pub no_in_cluster_config: bool,
    /// Prow's `disabled_clusters`: contexts dropped by its loader.
    pub disabled_contexts: Vec<String>,
    /// `--prow-job-context`, as given (checked by the commands, which report it differently).
    pub prow_job_context: Option<String>,
    /// The value of `$KUBECONFIG`.
    pub kubeconfig_var: Option<OsString>,
    pub home: Option<PathBuf>,
    /// The pod's ServiceAccount, when running in a pod.
    pub pod: Option<PodServiceAccount>,
}

impl LoadOptions {
    /// Fills the environment part from this process: `$KUBECONFIG`, the home directory and
    /// the pod's ServiceAccount (honouring `--projected-token-file`).
    pub fn with_process_environment(mut self, projected_token_file: Option<&Path>) -> Self {
        self.kubeconfig_var = std::env::var_os("KUBECONFIG");
        self.home = dirs::home_dir();
        self.pod = PodServiceAccount::detect(projected_token_file);
        self
    }
}
