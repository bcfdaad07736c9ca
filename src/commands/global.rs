//! The flags every command shares: kubectl's global flags with kubectl's spellings, Prow's
//! loader flags, and the output flags; turned here into the library's loading options.

use std::path::PathBuf;
use std::time::Duration;

use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
use clap::{Args, ValueEnum};

use crate::kubeconfig::{LoadOptions, MergeMode, Overrides};
use crate::output::Format;
use crate::rbac::Component;

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
    #[arg(short = 'o', long = "output", default_value_t = Format::Table,
          value_parser = format_parser(&Format::ALL))]
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
          value_parser = format_parser(&[Format::Table, Format::Wide, Format::Json, Format::Yaml]))]
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

/// A duration that may start with days: `7d`, `1d12h`, or anything [`parse_duration`]
/// takes (`72h`, `90m`; a bare number is seconds).
pub fn parse_long_duration(s: &str) -> Result<Duration, String> {
    let bad = || format!("invalid duration {s:?}: use e.g. 7d, 1d12h, 72h or 30m");
    let (days, rest) = match s.split_once('d') {
        Some((n, rest)) if !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()) => {
            (n.parse::<u64>().map_err(|_| bad())?, rest)
        }
        _ => (0, s),
    };
    let rest = if rest.is_empty() {
        Duration::ZERO
    } else {
        parse_duration(rest).map_err(|_| bad())?
    };
    days.checked_mul(24 * 3600)
        .and_then(|d| Duration::from_secs(d).checked_add(rest))
        .ok_or_else(bad)
}

/// A parser for `-o` that offers and accepts only `allowed`, each with its help line, so a
/// command's help lists exactly the formats it prints. The library's `Format` knows nothing of
/// clap.
pub fn format_parser(allowed: &'static [Format]) -> impl TypedValueParser<Value = Format> {
    PossibleValuesParser::new(
        allowed
            .iter()
            .map(|f| PossibleValue::new(f.as_str()).help(f.help())),
    )
    .map(|name| Format::from_name(&name).expect("a possible value of Format"))
}

/// `--component NAME`: Prow's components by their deployment names.
pub fn component_parser() -> impl TypedValueParser<Value = Component> {
    PossibleValuesParser::new(
        Component::ALL
            .iter()
            .map(|c| PossibleValue::new(c.as_str())),
    )
    .map(|name| Component::from_name(&name).expect("a possible value of Component"))
}
