//! The command line: kubectl's global flags with kubectl's spellings, Prow's loader flags,
//! and one subcommand per file under `commands/`.

use std::path::PathBuf;
use std::time::Duration;

use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::kubeconfig::{LoadOptions, MergeMode, Overrides};
use crate::output::Format;

const ABOUT: &str = "kubectl prow: see which Prow jobs run in which kubeconfig context, and check \
that each context is what Prow needs.";

const AFTER_HELP: &str = "\
Kubeconfig loading:
  Without --kubeconfig, kubectl's rules: $KUBECONFIG (files separated by ':'; missing ones
  skipped; the first file to define a name wins, with a warning here) or ~/.kube/config.
  With one or more --kubeconfig (and/or --kubeconfig-dir), $KUBECONFIG is ignored and the
  files are merged as a strict union: a cluster, context or user defined twice is an error.
  --merge kubectl|prow selects kubectl's first-wins merge or Prow's own loader instead.

Exit codes:
  0  success
  1  the command ran and found problems (lint errors, missing permissions)
  2  usage error (unknown flag, bad value)
  3  invalid configuration (unreadable file, bad YAML, merge collision, unknown context)
  4  a cluster could not be reached or refused the credentials
  5  the output could not be written

Global flags (--kubeconfig, --context, -n, --merge, --job-config-path, ...): see
`kubectl prow options`; `--help` shows them too.

Examples:
  kubectl prow contexts
  kubectl prow --kubeconfig build01.yaml --kubeconfig build02.yaml \\
      contexts -o wide
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --merge prow contexts
  kubectl prow --config-path config.yaml --job-config-path jobs/ jobs --unknown
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --job-config-path jobs/ \\
      lint --strict
  kubectl prow view --minify --flatten --context build01";

#[derive(Debug, Parser)]
#[command(
    name = "kubectl-prow",
    bin_name = "kubectl prow",
    version,
    about = ABOUT,
    after_help = AFTER_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the contexts Prow can use, with cluster, server, namespace, user, auth and source
    #[command(after_help = crate::commands::contexts::AFTER_HELP)]
    Contexts(crate::commands::contexts::ContextsArgs),
    /// List Prow jobs and the context each one runs in
    #[command(after_help = crate::commands::jobs::AFTER_HELP)]
    Jobs(crate::commands::jobs::JobsArgs),
    /// Check kubeconfigs and Prow job configuration together, without contacting a cluster
    #[command(
        after_help = crate::commands::lint::AFTER_HELP,
        after_long_help = crate::commands::lint::AFTER_LONG_HELP
    )]
    Lint(crate::commands::lint::LintArgs),
    /// Print the merged configuration as one kubeconfig, secrets redacted
    #[command(after_help = crate::commands::view::AFTER_HELP)]
    View(crate::commands::view::ViewArgs),
    /// Ask each context's API server whether Prow may do its work there
    #[command(
        name = "check-rbac",
        after_help = crate::commands::check_rbac::AFTER_HELP,
        after_long_help = crate::commands::check_rbac::AFTER_LONG_HELP
    )]
    CheckRbac(crate::commands::check_rbac::CheckRbacArgs),
    /// Draw contexts, clusters and users as Mermaid or Graphviz DOT
    #[command(after_help = crate::commands::graph::AFTER_HELP)]
    Graph(crate::commands::graph::GraphArgs),
    /// Print the flags every command accepts (kubectl's global flags, Prow's loader flags)
    Options,
    /// Create the ServiceAccount, Role and RoleBinding a Prow component needs in a namespace
    #[command(
        after_help = crate::commands::grant::AFTER_HELP,
        after_long_help = crate::commands::grant::AFTER_LONG_HELP
    )]
    Grant(crate::commands::grant::GrantArgs),
    /// Move to explicit contexts: jobs name their cluster, no namespace fields, kubeconfigs
    /// from the old build-cluster YAML, and a checklist
    #[command(after_help = crate::commands::migrate::AFTER_HELP)]
    Migrate(crate::commands::migrate::MigrateArgs),
    /// Print a shell completion script (kubectl: the kubectl_complete-prow plugin helper)
    #[command(after_help = crate::commands::completion::AFTER_HELP)]
    Completion(crate::commands::completion::CompletionArgs),
}

/// How `--merge` names the rules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MergeArg {
    /// The federated design's strict union: any name defined twice is an error (default with --kubeconfig)
    Strict,
    /// kubectl's rule: the first file to define a name wins (default without --kubeconfig)
    Kubectl,
    /// Prow's loader as deployed: each file on its own, only context names collide
    Prow,
}

impl From<MergeArg> for MergeMode {
    fn from(m: MergeArg) -> Self {
        match m {
            MergeArg::Strict => MergeMode::Strict,
            MergeArg::Kubectl => MergeMode::Kubectl,
            MergeArg::Prow => MergeMode::Prow,
        }
    }
}

#[derive(Debug, Clone, Args)]
pub struct GlobalArgs {
    /// Path to a kubeconfig file; repeat to merge several as a strict union ($KUBECONFIG is
    /// then ignored)
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_name = "FILE",
        help_heading = "Kubeconfig"
    )]
    pub kubeconfig: Vec<PathBuf>,

    /// Directory of kubeconfig files, read in name order (Prow's flag: subdirectories and
    /// names starting with '..' are skipped)
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_name = "DIR",
        help_heading = "Kubeconfig"
    )]
    pub kubeconfig_dir: Option<PathBuf>,

    /// Only read files of --kubeconfig-dir whose names end with this string
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_name = "SUFFIX",
        help_heading = "Kubeconfig"
    )]
    pub kubeconfig_suffix: Option<String>,

    /// How to merge several files [default: strict with --kubeconfig, kubectl otherwise]
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_enum,
        help_heading = "Kubeconfig"
    )]
    pub merge: Option<MergeArg>,

    /// The name of the kubeconfig context to use (check-rbac: repeat to check several)
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_name = "NAME",
        help_heading = "Kubeconfig"
    )]
    pub context: Vec<String>,

    /// The name of the kubeconfig cluster to use (changes the current context)
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_name = "NAME",
        help_heading = "Kubeconfig"
    )]
    pub cluster: Option<String>,

    /// The name of the kubeconfig user to use (changes the current context)
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_name = "NAME",
        help_heading = "Kubeconfig"
    )]
    pub user: Option<String>,

    /// The namespace for this request (changes the current context; migrate build-clusters:
    /// NS for every alias, or ALIAS=NS, repeatable)
    #[arg(
        short = 'n',
        long,
        global = true,
        hide_short_help = true,
        value_name = "NAMESPACE",
        help_heading = "Kubeconfig"
    )]
    pub namespace: Vec<String>,

    /// How long to wait for a cluster (check-rbac: per context, default 10s); 0 means no
    /// limit (e.g. 1s, 2m, 3h)
    #[arg(long, global = true, hide_short_help = true, value_name = "DURATION",
          value_parser = parse_duration, help_heading = "Kubeconfig")]
    pub request_timeout: Option<Duration>,

    /// Username to impersonate for the operation
    #[arg(
        long = "as",
        global = true,
        hide_short_help = true,
        value_name = "USER",
        help_heading = "Kubeconfig"
    )]
    pub as_user: Option<String>,

    /// Group to impersonate; repeat for several
    #[arg(
        long = "as-group",
        global = true,
        hide_short_help = true,
        value_name = "GROUP",
        help_heading = "Kubeconfig"
    )]
    pub as_group: Vec<String>,

    /// The context of the service cluster, which holds ProwJobs [default: the in-cluster
    /// context; with --merge prow, Prow's "" context]
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_name = "NAME",
        help_heading = "Prow"
    )]
    pub prow_job_context: Option<String>,

    /// A projected ServiceAccount token file to use for in-cluster contexts (Prow's flag)
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_name = "FILE",
        help_heading = "Prow"
    )]
    pub projected_token_file: Option<PathBuf>,

    /// With --merge prow: do not add Prow's "" and "default" contexts (Prow's flag)
    #[arg(long, global = true, hide_short_help = true, help_heading = "Prow")]
    pub no_in_cluster_config: bool,

    /// Prow's config.yaml (pod_namespace, prowjob_namespace, disabled_clusters,
    /// in_repo_config.allowed_clusters, inline jobs)
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_name = "FILE",
        help_heading = "Prow"
    )]
    pub config_path: Option<PathBuf>,

    /// Prow job configuration: a file, or a directory walked with Prow's rules
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_name = "PATH",
        help_heading = "Prow"
    )]
    pub job_config_path: Option<PathBuf>,

    /// A repository checkout whose .prow.yaml or .prow/ to read as in-repo jobs:
    /// ORG/REPO=DIR, or DIR (the repository from its origin remote); repeatable
    #[arg(
        long,
        global = true,
        hide_short_help = true,
        value_name = "[ORG/REPO=]DIR",
        help_heading = "Prow"
    )]
    pub in_repo_config: Vec<String>,

    /// Explicit credentials, the federated design's mode: no defaulting, so every job must set `cluster`
    #[arg(long, global = true, hide_short_help = true, help_heading = "Prow")]
    pub use_explicit_credentials: bool,
}

impl GlobalArgs {
    /// The loader's options, with the process environment filled in.
    /// Whether any Prow configuration was given.
    pub fn has_job_config(&self) -> bool {
        self.config_path.is_some()
            || self.job_config_path.is_some()
            || !self.in_repo_config.is_empty()
    }

    pub fn load_options(&self) -> LoadOptions {
        LoadOptions {
            kubeconfigs: self.kubeconfig.clone(),
            kubeconfig_dir: self.kubeconfig_dir.clone(),
            kubeconfig_suffix: self.kubeconfig_suffix.clone(),
            merge: self.merge.map(Into::into),
            no_in_cluster_config: self.no_in_cluster_config,
            disabled_contexts: Vec::new(),
            prow_job_context: self.prow_job_context.clone(),
            ..LoadOptions::default()
        }
        .with_process_environment(self.projected_token_file.as_deref())
    }

    /// `-n`: pflag's rule for a repeated string flag, the last one wins.
    pub fn namespace(&self) -> Option<String> {
        self.namespace.last().cloned()
    }

    pub fn overrides(&self) -> Overrides {
        Overrides {
            // pflag's rule for a repeated string flag: the last one wins.
            context: self.context.last().cloned(),
            cluster: self.cluster.clone(),
            user: self.user.clone(),
            namespace: self.namespace(),
            listing: false,
        }
    }
}

/// Output flags shared by the listing commands.
#[derive(Debug, Clone, Args)]
pub struct OutputArgs {
    /// Output format
    #[arg(short = 'o', long = "output", value_enum, default_value_t = Format::Table)]
    pub output: Format,

    /// Print the table without the header line
    #[arg(long)]
    pub no_headers: bool,
}

/// Output flags of the commands that report on checks rather than list named objects: no
/// `-o name`.
#[derive(Debug, Clone, Args)]
pub struct ReportOutputArgs {
    /// Output format
    #[arg(short = 'o', long = "output", default_value_t = Format::Table,
          value_parser = Format::parser(&[Format::Table, Format::Wide, Format::Json, Format::Yaml]))]
    pub output: Format,

    /// Print the table without the header line
    #[arg(long)]
    pub no_headers: bool,
}

/// kubectl's `--request-timeout`: a bare number is seconds; otherwise a Go-style duration made
/// of `h`, `m`, `s` and `ms` parts ("1m30s").
pub fn parse_duration(s: &str) -> Result<Duration, String> {
    let bad = || format!("invalid duration {s:?}: use e.g. 0, 30, 10s, 1m30s or 500ms");
    if let Ok(secs) = s.parse::<u64>() {
        return Ok(Duration::from_secs(secs));
    }
    let mut total = Duration::ZERO;
    let mut rest = s;
    if rest.is_empty() {
        return Err(bad());
    }
    while !rest.is_empty() {
        let digits = rest
            .find(|c: char| !c.is_ascii_digit() && c != '.')
            .ok_or_else(bad)?;
        let (num, tail) = rest.split_at(digits);
        let value: f64 = num.parse().map_err(|_| bad())?;
        let unit_len = tail
            .find(|c: char| c.is_ascii_digit())
            .unwrap_or(tail.len());
        let (unit, tail) = tail.split_at(unit_len);
        let secs = match unit {
            "h" => value * 3600.0,
            "m" => value * 60.0,
            "s" => value,
            "ms" => value / 1000.0,
            _ => return Err(bad()),
        };
        let part = Duration::try_from_secs_f64(secs).map_err(|_| bad())?;
        total = total.checked_add(part).ok_or_else(bad)?;
        rest = tail;
    }
    Ok(total)
}
