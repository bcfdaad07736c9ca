//! `kubectl prow migrate`: the seed's migration steps as reviewable edits.

use std::io::Write;

use clap::{Args, Subcommand};

use crate::cli::GlobalArgs;
use crate::migrate;
use crate::prow::DEFAULT_CONTEXT;
use crate::{Error, Result};

pub const AFTER_HELP: &str = "\
Each step prints what it would change (a unified diff, or the new file) and changes nothing
unless asked (--write, --output). Files are replaced atomically; the replaced file is kept as
FILE.bak (FILE.bak.1, ... when that exists), and a file that changed on disk since it was read
is not written.

Examples:
  kubectl prow --config-path config.yaml --job-config-path jobs/ migrate jobs
  kubectl prow --config-path config.yaml --job-config-path jobs/ migrate jobs --write";

#[derive(Debug, Clone, Args)]
pub struct MigrateArgs {
    #[command(subcommand)]
    pub step: Step,
}

#[derive(Debug, Clone, Subcommand)]
pub enum Step {
    /// Add `cluster: <context>` to every job that sets none (a diff; --write to apply)
    #[command(after_help = JOBS_AFTER_HELP)]
    Jobs(JobsArgs),
    /// Convert Prow's old build-cluster YAML into a kubeconfig (as Prow's cm2kc, plus namespaces)
    #[command(name = "build-clusters", after_help = BUILD_CLUSTERS_AFTER_HELP)]
    BuildClusters(BuildClustersArgs),
}

const BUILD_CLUSTERS_AFTER_HELP: &str = "\
The input is what Prow's removed --build-cluster flag read: a map of alias to {endpoint,
clientCertificate, clientKey, clusterCaCertificate} (base64), or one such cluster (alias
default). The output is what Prow's cm2kc writes (aliases sorted; cluster, user and context
named after the alias; current-context: default) with a namespace in every context:
-n ALIAS=NS for one alias, -n NS for the others, else --config-path's pod_namespace, else
default. It goes to stdout, or with --output FILE to a new file (mode 0600, atomically;
replaced only with --force). A field that is not base64, or -n naming an unknown alias, is an
error (exit 3) and nothing is written.

Examples:
  kubectl prow migrate build-clusters build-cluster.yaml -n test-pods --output prow.kubeconfig
  kubectl prow migrate build-clusters cluster.yaml -n test-pods -n trusted=trusted-pods";

#[derive(Debug, Clone, Args)]
pub struct BuildClustersArgs {
    /// The old build-cluster YAML
    pub file: std::path::PathBuf,
    /// Write the kubeconfig to FILE instead of stdout
    #[arg(long, value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
    /// Replace an existing --output file
    #[arg(long, requires = "output")]
    pub force: bool,
}

const JOBS_AFTER_HELP: &str = "\
--cluster CONTEXT names the context to write [default: default, where Prow runs such jobs
today]. Reads --config-path (inline jobs) and --job-config-path with Prow's rules. Each job that runs
in a context (agent kubernetes or tekton-pipeline) and sets no cluster gets one line,
`cluster: <context>`, right after its `name:` line and indented like it; nothing else in the
file changes. Jobs where that is not a safe edit are left alone and listed: aliases, anchored
entries, merge keys (<<:), flow-style mappings, gzip files, a null or empty cluster key.
Every edited file is read back before it is offered: same jobs, the new cluster set.
Exit codes: 0 nothing left to do by hand, 1 some jobs were left alone, 3 a file could not be
read or written (nothing is written then).";

#[derive(Debug, Clone, Args)]
pub struct JobsArgs {
    /// Apply the edits (atomically, keeping FILE.bak) instead of printing a diff
    #[arg(long)]
    pub write: bool,
}

pub fn run(
    global: &GlobalArgs,
    args: &MigrateArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    match &args.step {
        Step::Jobs(a) => jobs(global, a, out, err),
        Step::BuildClusters(a) => build_clusters(global, a, out, err),
    }
}

fn build_clusters(
    global: &GlobalArgs,
    args: &BuildClustersArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    use migrate::build_clusters as bc;
    let text = std::fs::read_to_string(&args.file)
        .map_err(|e| Error::invalid(format!("cannot read {}: {e}", args.file.display())))?;
    let clusters = bc::parse(&args.file, &text)?;
    let fallback = match super::load_job_config(global)? {
        Some(c) => c.prow_config.map(|p| p.pod_namespace().to_string()),
        None => None,
    }
    .unwrap_or_else(|| crate::prow::DEFAULT_NAMESPACE.to_string());
    let namespaces = bc::namespaces(&args.file, &clusters, &global.namespace, &fallback)?;
    let kubeconfig = bc::kubeconfig(&clusters, &namespaces);
    match &args.output {
        Some(path) => {
            migrate::write::write_private(path, kubeconfig.as_bytes(), args.force)?;
            let list: Vec<String> = namespaces
                .iter()
                .map(|(alias, ns)| format!("{alias} (namespace {ns})"))
                .collect();
            writeln!(err, "wrote {}: {}", path.display(), list.join(", "))?;
        }
        None => out.write_all(kubeconfig.as_bytes())?,
    }
    Ok(crate::exit::OK)
}

fn jobs(
    global: &GlobalArgs,
    args: &JobsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    let Some(config) = super::load_job_config(global)? else {
        return Err(Error::Usage(
            "migrate jobs needs --job-config-path and/or --config-path".into(),
        ));
    };
    super::print_findings(&config.findings, err)?;
    // kubectl's global --cluster names, here, the context to write into `cluster:`.
    let cluster = global.cluster.as_deref().unwrap_or(DEFAULT_CONTEXT);
    if cluster.is_empty() {
        return Err(Error::Usage("--cluster must name a context".into()));
    }
    let plan = migrate::jobs::plan(&config, global.config_path.as_deref(), cluster)?;
    let value = migrate::jobs::yaml_scalar(cluster);
    let (n, files) = (plan.jobs_added(), plan.files.len());
    if args.write {
        let pending: Vec<_> = plan.files.iter().map(|f| f.pending()).collect();
        let written = migrate::write::commit(&pending)?;
        if !written.is_empty() {
            writeln!(
                err,
                "added `cluster: {value}` to {n} job(s) in {files} file(s); each replaced file \
                 is kept as FILE.bak"
            )?;
            for w in &written {
                writeln!(
                    err,
                    "  {} (backup {})",
                    w.path.display(),
                    w.backup.display()
                )?;
            }
        }
    } else {
        for f in &plan.files {
            out.write_all(f.diff().as_bytes())?;
        }
        if n > 0 {
            writeln!(
                err,
                "would add `cluster: {value}` to {n} job(s) in {files} file(s); run with --write \
                 to apply"
            )?;
        }
    }
    if n == 0 && plan.left_alone.is_empty() {
        writeln!(
            err,
            "every job that runs in a context sets cluster: nothing to change"
        )?;
    }
    if plan.no_context_agents > 0 {
        writeln!(
            err,
            "{} job(s) without cluster run in no context (agent jenkins or unknown) and need none",
            plan.no_context_agents
        )?;
    }
    for l in &plan.left_alone {
        writeln!(
            err,
            "{}: job {:?} left alone: {}; add `cluster: {value}` by hand",
            l.origin,
            crate::output::sanitize(&l.job),
            l.reason
        )?;
    }
    Ok(if plan.left_alone.is_empty() {
        crate::exit::OK
    } else {
        crate::exit::PROBLEMS
    })
}
