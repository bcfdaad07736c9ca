//! `kubectl prow migrate`: the federated design's migration steps as reviewable edits.

use std::io::Write;

use clap::{Args, Subcommand};

use super::global::GlobalArgs;
use crate::migrate;
use crate::output::Format;
use crate::prow::DEFAULT_CONTEXT;
use crate::{Error, Result};

pub const AFTER_HELP: &str = "\
Each step prints what it would change (a unified diff, or the new file) and
changes nothing unless asked (--write, --output). Files are replaced
atomically; the replaced file is kept as FILE.bak (FILE.bak.1, ... when that
exists), and a file that changed on disk since it was read is not written.

Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow --config-path config.yaml --job-config-path jobs/ migrate jobs
  kubectl prow --config-path config.yaml --job-config-path jobs/ \\
      migrate jobs --write";

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
    /// The federated design's migration checklist: each step done, to do (with the command) or blocked
    #[command(after_help = PLAN_AFTER_HELP)]
    Plan(PlanArgs),
    /// Remove pod_namespace and prowjob_namespace from --config-path (a diff; --write to apply)
    #[command(after_help = CONFIG_AFTER_HELP)]
    Config(ConfigArgs),
    /// Move the ProwJob records to another context: a plan; --write copies, verified
    #[command(after_help = PROWJOBS_AFTER_HELP)]
    Prowjobs(ProwjobsArgs),
}

const PROWJOBS_AFTER_HELP: &str = "\
Preflight first (nothing is written if any check fails, one line each with its
fix): the target serves prowjobs.prow.k8s.io at the version the source serves,
the target namespace exists, and SelfSubjectAccessReviews allow list on the
source; list, get, create on the target (update prowjobs/status when the CRD
has that subresource; update with --force); delete on the source with
--delete-source. Then both sides are listed (paginated) and each source
ProwJob is copy, identical (same spec, status, labels and annotations),
conflict, or running (triggered or pending: skipped unless --include-running;
scale the old controllers down first). --write creates each copy with its
status (through prowjobs/status where discovery lists it), without server-set
metadata, re-reads it and compares. A rerun, or a run after an interruption,
copies only what is not yet identical. --delete-source deletes only the
verified ones, each with a uid and resourceVersion precondition.

Namespaces: --from-namespace/--to-namespace, else -n, else each context's
namespace, else --config-path's prowjob_namespace.

Exit codes: 0 all done (a plan: nothing but copies to make); 1 conflicts,
running jobs or changed source jobs left; 3 invalid configuration; 4 preflight
refused, a cluster could not be asked, or a copy or deletion failed.

Examples:
  kubectl prow migrate prowjobs --from old-service --to new-service
  kubectl prow migrate prowjobs --from old-service --to new-service --write
  kubectl prow migrate prowjobs --from old-service --to new-service \\
      --write --delete-source -o json";

#[derive(Debug, Clone, Args)]
pub struct ProwjobsArgs {
    /// The context the ProwJobs are in now (the old service cluster)
    #[arg(long, value_name = "CONTEXT")]
    pub from: String,
    /// The context to move them to
    #[arg(long, value_name = "CONTEXT")]
    pub to: String,
    /// The source namespace
    #[arg(long, value_name = "NS")]
    pub from_namespace: Option<String>,
    /// The target namespace
    #[arg(long, value_name = "NS")]
    pub to_namespace: Option<String>,
    /// Copy (without it, only the plan)
    #[arg(long)]
    pub write: bool,
    /// Overwrite conflicts, each saved to --backup-dir first
    #[arg(long, requires = "write")]
    pub force: bool,
    /// Where --force saves target objects (0600 files)
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub backup_dir: std::path::PathBuf,
    /// Copy triggered and pending ProwJobs too
    #[arg(long)]
    pub include_running: bool,
    /// Delete from the source the ProwJobs verified identical on the target
    #[arg(long, requires = "write")]
    pub delete_source: bool,
    /// Requests in flight at once
    #[arg(long, value_name = "N", default_value_t = 16,
          value_parser = clap::value_parser!(u16).range(1..=256))]
    pub concurrency: u16,
    /// Output format
    #[arg(short = 'o', long = "output", default_value_t = Format::Table,
          value_parser = super::global::format_parser(&[Format::Table, Format::Json, Format::Yaml]))]
    pub output: Format,
}

const CONFIG_AFTER_HELP: &str = "\
Deletes the lines of the top-level pod_namespace and prowjob_namespace keys of
--config-path (a comment on the same line goes with them; nothing else
changes), prints the diff, and says where pods and ProwJobs go afterwards:
Prow's default namespace `default`; under the federated design, the namespace of
each job's context (listed when kubeconfigs are given). --write replaces the
file atomically, keeping FILE.bak. Exit codes: 0 done or nothing to do, 3 the
file cannot be read or edited minimally, 5 it could not be written.";

#[derive(Debug, Clone, Args)]
pub struct ConfigArgs {
    /// Apply the edit (atomically, keeping FILE.bak) instead of printing a diff
    #[arg(long)]
    pub write: bool,
}

const PLAN_AFTER_HELP: &str = "\
Steps, from the kubeconfigs (--kubeconfig, --kubeconfig-dir), --config-path
and --job-config-path given: every context names a namespace; every job sets
cluster; --use-explicit-credentials strands no job (every job's cluster is a
loaded context); pod_namespace and prowjob_namespace are unset; with --online,
the ProwJob context and the job contexts answer and allow what Prow's
components need (check-rbac's questions). Exit codes: 0 every step done, 1 a
step to do or blocked, 3 invalid configuration.";

#[derive(Debug, Clone, Args)]
pub struct PlanArgs {
    /// Also ask the ProwJob context and the job contexts (check-rbac)
    #[arg(long)]
    pub online: bool,
    /// Output format
    #[arg(short = 'o', long = "output", default_value_t = Format::Table,
          value_parser = super::global::format_parser(&[Format::Table, Format::Json, Format::Yaml]))]
    pub output: Format,
}

const BUILD_CLUSTERS_AFTER_HELP: &str = "\
The input is what Prow's removed --build-cluster flag read: a map of alias to
{endpoint, clientCertificate, clientKey, clusterCaCertificate} (base64), or
one such cluster (alias default). The output is what Prow's cm2kc writes
(aliases sorted; cluster, user and context named after the alias;
current-context: default) with a namespace in every context: -n ALIAS=NS for
one alias, -n NS for the others, else --config-path's pod_namespace, else
default. It goes to stdout, or with --output FILE to a new file (mode 0600,
atomically; replaced only with --force). A field that is not base64, or -n
naming an unknown alias, is an error (exit 3) and nothing is written.

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
--cluster CONTEXT names the context to write [default: default, where Prow
runs such jobs today]. Reads --config-path (inline jobs) and --job-config-path
with Prow's rules. Each job that runs in a context (agent kubernetes or
tekton-pipeline) and sets no cluster gets one line, `cluster: <context>`,
right after its `name:` line and indented like it; nothing else in the file
changes. Jobs where that is not a safe edit are left alone and listed:
aliases, anchored entries, merge keys (<<:), flow-style mappings, gzip files,
a null or empty cluster key. Every edited file is read back before it is
offered: same jobs, the new cluster set. Exit codes: 0 nothing left to do by
hand, 1 some jobs were left alone, 3 a file could not be read or written
(nothing is written then).";

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
) -> Result<crate::exit::Exit> {
    match &args.step {
        Step::Jobs(a) => jobs(global, a, out, err),
        Step::BuildClusters(a) => build_clusters(global, a, out, err),
        Step::Plan(a) => plan(global, a, out, err),
        Step::Config(a) => config(global, a, out, err),
        Step::Prowjobs(a) => prowjobs(global, a, out, err),
    }
}

fn prowjobs(
    global: &GlobalArgs,
    args: &ProwjobsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
    use crate::exit::Exit;
    use crate::kubeconfig::{Context, MergeMode};
    use migrate::prowjobs::{self as pj, Side, Stage};
    let config = super::load_job_config(global)?;
    if let Some(c) = &config {
        super::print_findings(&c.findings, err)?;
    }
    let prow_config = config.as_ref().and_then(|c| c.prow_config.as_ref());
    let set = super::load_for_listing(global, prow_config, err)?;
    let defaults = prow_config.cloned().unwrap_or_default();
    let side = |name: &str, flag: &Option<String>, which: &str| -> Result<Side> {
        let ctx: &Context = set.get(name).ok_or_else(|| {
            Error::UnknownName(format!(
                "--{which} {name:?}: no such context{}; loaded contexts: {}",
                crate::kubeconfig::did_you_mean(name, set.names()),
                crate::kubeconfig::list_or_none(set.names())
            ))
        })?;
        let namespace = flag
            .clone()
            .or_else(|| global.namespace())
            .or_else(|| {
                (set.mode != MergeMode::Prow)
                    .then(|| ctx.namespace.clone())
                    .flatten()
            })
            .unwrap_or_else(|| defaults.prowjob_namespace().to_string());
        Ok(Side {
            context: super::real(&set, ctx).clone(),
            namespace,
        })
    };
    let from = side(&args.from, &args.from_namespace, "from")?;
    let to = side(&args.to, &args.to_namespace, "to")?;
    if from.context.name == to.context.name && from.namespace == to.namespace {
        return Err(Error::Usage(format!(
            "--from and --to are the same context and namespace ({}, {}): nothing to move",
            args.from, from.namespace
        )));
    }
    let opts = pj::Options {
        write: args.write,
        force: args.force,
        include_running: args.include_running,
        delete_source: args.delete_source,
        backup_dir: args.backup_dir.clone(),
        concurrency: usize::from(args.concurrency),
        page: 500,
        timeout: super::check_rbac::request_timeout(global),
        impersonate: super::check_rbac::impersonation(global),
    };
    // A progress line on a terminal, redrawn at most ten times a second.
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let mut last = std::time::Instant::now();
    let mut shown = false;
    let mut progress = |stage: Stage, done: usize, total: usize| {
        if !terminal || total < 50 {
            return;
        }
        if done == total || last.elapsed() >= std::time::Duration::from_millis(100) {
            last = std::time::Instant::now();
            shown = true;
            eprint!("\r\x1b[K{} {done}/{total}", stage.as_str());
        }
    };
    let runtime = super::check_rbac::runtime()?;
    let result = runtime.block_on(pj::run(&from, &to, &opts, &mut progress));
    runtime.shutdown_background();
    if shown {
        eprint!("\r\x1b[K");
    }
    let summary = match result {
        Ok(s) => s,
        Err(stopped) => {
            for f in &stopped.findings {
                writeln!(err, "error: {}", crate::output::sanitize(&f.with_fix()))?;
            }
            writeln!(err, "nothing was written")?;
            return Ok(Exit::Cluster);
        }
    };
    let text = match args.output {
        Format::Json => crate::output::json(&summary),
        Format::Yaml => crate::output::yaml(&summary),
        _ => crate::output::migrate::prowjobs_text(&summary, crate::output::terminal_width()),
    };
    out.write_all(text.as_bytes())?;
    Ok(if !summary.failed.is_empty() {
        Exit::Cluster
    } else if summary.left_over() {
        Exit::Problems
    } else {
        Exit::Ok
    })
}

fn config(
    global: &GlobalArgs,
    args: &ConfigArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
    let Some(path) = &global.config_path else {
        return Err(Error::Usage("migrate config needs --config-path".into()));
    };
    let edit = migrate::config::plan(path)?;
    if edit.removed.is_empty() {
        writeln!(
            err,
            "neither pod_namespace nor prowjob_namespace is set: nothing to change"
        )?;
    } else if args.write {
        let written = crate::write::commit(&[crate::write::Pending {
            snapshot: edit.snapshot.clone(),
            new: edit.new.clone().into_bytes(),
        }])?;
        for w in written {
            writeln!(
                err,
                "removed {} from {} (backup {})",
                fields(&edit),
                w.path.display(),
                w.backup.display()
            )?;
        }
    } else {
        out.write_all(edit.diff().as_bytes())?;
        writeln!(
            err,
            "would remove {}; run with --write to apply",
            fields(&edit)
        )?;
    }
    // Where things go afterwards: Prow's defaults, and the contexts' namespaces.
    writeln!(
        err,
        "afterwards Prow puts test pods and ProwJobs in namespace {:?} (its default); under the \
         federated design each job's pods go to its context's namespace",
        crate::prow::DEFAULT_NAMESPACE
    )?;
    if !global.kubeconfig.is_empty() || global.kubeconfig_dir.is_some() {
        let set = super::load_contexts(global, err)?;
        for c in set.contexts.iter().filter(|c| c.alias_of.is_none()) {
            writeln!(
                err,
                "  context {}: namespace {}",
                c.name,
                c.namespace
                    .as_deref()
                    .unwrap_or("(none: set one, or pods go to \"default\")")
            )?;
        }
    }
    Ok(crate::exit::Exit::Ok)
}

fn fields(edit: &migrate::config::ConfigEdit) -> String {
    edit.removed
        .iter()
        .map(|(f, line)| format!("{f} (line {line})"))
        .collect::<Vec<_>>()
        .join(" and ")
}

/// `kubectl prow` and the loading flags of this run, for the commands the plan suggests.
fn prefix(global: &GlobalArgs) -> String {
    let mut p = vec!["kubectl prow".to_string()];
    let q = |s: &std::path::Path| {
        let s = s.display().to_string();
        if s.chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./=:@".contains(c))
        {
            s
        } else {
            format!("'{}'", s.replace('\'', "'\\''"))
        }
    };
    for k in &global.kubeconfig {
        p.push(format!("--kubeconfig {}", q(k)));
    }
    if let Some(d) = &global.kubeconfig_dir {
        p.push(format!("--kubeconfig-dir {}", q(d)));
    }
    if let Some(c) = &global.prow_job_context {
        p.push(format!("--prow-job-context {}", q(std::path::Path::new(c))));
    }
    if let Some(c) = &global.config_path {
        p.push(format!("--config-path {}", q(c)));
    }
    if let Some(j) = &global.job_config_path {
        p.push(format!("--job-config-path {}", q(j)));
    }
    p.join(" ")
}

fn plan(
    global: &GlobalArgs,
    args: &PlanArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
    use migrate::plan::{Inputs, StepStatus, steps};
    let config = super::load_job_config(global)?;
    if let Some(c) = &config {
        super::print_findings(&c.findings, err)?;
    }
    let prow_config = config.as_ref().and_then(|c| c.prow_config.as_ref());
    let set = super::load_contexts_disabling(global, prow_config, err)?;
    let reports = if args.online {
        super::require_prow_job_context(&set)?;
        let defaults = prow_config.cloned().unwrap_or_default();
        let job_contexts = config.as_ref().map(|c| {
            c.jobs
                .iter()
                .filter_map(|j| j.effective_context(global.use_explicit_credentials))
                .map(str::to_string)
                .collect()
        });
        let plan = crate::rbac::Plan::new(
            &set,
            &crate::rbac::PlanOptions {
                job_contexts,
                pod_namespace: defaults.pod_namespace().to_string(),
                prowjob_namespace: defaults.prowjob_namespace().to_string(),
                ..Default::default()
            },
        )?;
        let opts = super::check_rbac::bounded_run_options(global);
        let reports = super::check_rbac::ask(&plan, &opts)?;
        let appliers = super::check_rbac::appliers(&set, &reports, &opts)?;
        Some((reports, appliers))
    } else {
        None
    };
    let list = steps(&Inputs {
        set: &set,
        config: config.as_ref(),
        online: reports.as_ref().map(|(r, _)| r.as_slice()),
        appliers: reports.as_ref().map_or(&[][..], |(_, a)| a.as_slice()),
        prefix: prefix(global),
    });
    let text = match args.output {
        Format::Json => crate::output::json(&list),
        Format::Yaml => crate::output::yaml(&list),
        _ => crate::output::migrate::plan_table(&list),
    };
    out.write_all(text.as_bytes())?;
    Ok(if list.iter().all(|s| s.status == StepStatus::Done) {
        crate::exit::Exit::Ok
    } else {
        crate::exit::Exit::Problems
    })
}

fn build_clusters(
    global: &GlobalArgs,
    args: &BuildClustersArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
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
            crate::write::write_private(path, kubeconfig.as_bytes(), args.force)?;
            let list: Vec<String> = namespaces
                .iter()
                .map(|(alias, ns)| format!("{alias} (namespace {ns})"))
                .collect();
            writeln!(err, "wrote {}: {}", path.display(), list.join(", "))?;
        }
        None => out.write_all(kubeconfig.as_bytes())?,
    }
    Ok(crate::exit::Exit::Ok)
}

fn jobs(
    global: &GlobalArgs,
    args: &JobsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
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
        let written = crate::write::commit(&pending)?;
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
        crate::exit::Exit::Ok
    } else {
        crate::exit::Exit::Problems
    })
}
