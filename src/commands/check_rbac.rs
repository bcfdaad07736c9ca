//! `kubectl prow check-rbac`: ask every context's API server, at once, whether Prow may do its
//! work there.

use std::collections::BTreeSet;
use std::io::{IsTerminal, Write};
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::global::{GlobalArgs, ReportOutputArgs};
use crate::exit::Exit;
use crate::output::rbac::By;
use crate::output::{self, Format};
use crate::rbac::client::Impersonation;
use crate::rbac::run::Via;
use crate::rbac::{self, Component, Plan, PlanOptions, RunOptions};
use crate::{Error, Result};

/// Shared by `-h` and `--help`: where the global flags are, and the examples.
macro_rules! help_tail {
    () => {
        "Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow --kubeconfig build.yaml --kubeconfig service.yaml \\
      --prow-job-context service check-rbac --by component
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --config-path config.yaml \\
      --job-config-path jobs/ check-rbac -o json
  kubectl prow --kubeconfig prow.yaml check-rbac --in-cluster-via admin \\
      --service-account prow/prow-controller-manager
  kubectl prow check-rbac --context build01 --suggest --suggest-dir rbac/"
    };
}

pub const AFTER_HELP: &str = concat!(
    "\
Which contexts, namespaces and verbs are checked, and what the columns mean:
kubectl prow check-rbac --help

Exit codes: 0 all allowed; 1 something denied or missing (a ProwJob CRD too);
3 invalid configuration; 4 a context could not be asked (4 wins over 1).

",
    help_tail!()
);

/// `--help`: how contexts, namespaces and verbs are chosen, and the columns.
pub const AFTER_LONG_HELP: &str = concat!(
    "\
Which contexts: every loaded context; with --config-path/--job-config-path, the
  contexts jobs run in plus the ProwJob context; with --context (repeatable),
  just those.
Where: pods in each context's namespace, ProwJobs in the ProwJob context's;
  under --merge prow, or when a context has none, Prow's pod_namespace /
  prowjob_namespace. -n overrides both.
What: the verbs each Prow component needs (--component), one
  SelfSubjectAccessReview each; the identity from SelfSubjectReview; whether
  the ProwJob CRD is served on the ProwJob context.
Columns: IDENTITY is who the server says the context is (sa:NS:NAME for a
  ServiceAccount); ALLOWED is allowed/asked. What is denied, failures and the
  CRD are listed below the table. --by resource|component gives a column each:
  yes, no, no:VERBS (by component ALLOWED/ASKED), ? (not answered), - (not
  asked); -o wide gives a column per check and the API server's reason.
Credentials: the certificate each API server presents, recorded during the
  handshake (-o json serverCertificate: subject, notAfter, the chain's earliest
  chainNotAfter, status), named below the table when expired or within its
  warning window; each context's certificates and tokens, with the expiry its
  exec plugin reports (-o json credentials). A context whose credentials have
  expired is still asked: its 401 names the expired one.

Exit codes: 0 all allowed; 1 something denied or missing (a ProwJob CRD too);
3 invalid configuration; 4 a context could not be asked (4 wins over 1).

",
    help_tail!()
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ByArg {
    /// An ALLOWED (n/m) column, and what is denied below the table
    Summary,
    /// A column per resource (pods, pods/log, events, prowjobs)
    Resource,
    /// A column per Prow component
    Component,
}

#[derive(Debug, Clone, Args)]
pub struct CheckRbacArgs {
    /// Only what this Prow component needs (repeatable) [default: all]
    #[arg(long = "component", value_name = "NAME", value_parser = super::global::component_parser())]
    pub components: Vec<Component>,
    /// Table columns
    #[arg(long, value_enum, default_value_t = ByArg::Summary)]
    pub by: ByArg,
    /// Print the missing Roles and RoleBindings (YAML), not the table
    #[arg(long)]
    pub suggest: bool,
    /// With --suggest: one file per API server in DIR, and how to apply each
    #[arg(long, value_name = "DIR", requires = "suggest")]
    pub suggest_dir: Option<std::path::PathBuf>,
    /// Check in-cluster contexts from outside the pod: send SubjectAccessReviews for
    /// --service-account through this context
    #[arg(long, value_name = "CONTEXT", requires = "service_account")]
    pub in_cluster_via: Option<String>,
    /// The pod's ServiceAccount, NAMESPACE/NAME (with --in-cluster-via)
    #[arg(long, value_name = "NAMESPACE/NAME", requires = "in_cluster_via",
          value_parser = parse_service_account)]
    pub service_account: Option<(String, String)>,
    /// Also write the answers as JUnit XML (a suite per context, a case per check) [default in
    /// a Prow job: $ARTIFACTS/junit_kubectl-prow.xml]
    #[arg(long, value_name = "FILE")]
    pub junit: Option<std::path::PathBuf>,
    #[command(flatten)]
    pub output: ReportOutputArgs,
}

fn parse_service_account(s: &str) -> std::result::Result<(String, String), String> {
    match s.split_once('/') {
        Some((ns, name)) if !ns.is_empty() && !name.is_empty() && !name.contains('/') => {
            Ok((ns.to_string(), name.to_string()))
        }
        _ => Err(format!("{s:?}: use NAMESPACE/NAME")),
    }
}

/// The per-context deadline when --request-timeout is not given.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(10);

pub fn run(
    global: &GlobalArgs,
    args: &CheckRbacArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
    let config = super::load_job_config(global)?;
    if let Some(config) = &config {
        super::print_findings(&config.findings, err)?;
    }
    let prow_config = config.as_ref().and_then(|c| c.prow_config.as_ref());
    // --context selects contexts here and -n applies to every check: neither changes the
    // current context.
    let loading = GlobalArgs {
        context: Vec::new(),
        namespace: Vec::new(),
        ..global.clone()
    };
    let set = super::load_contexts_disabling(&loading, prow_config, err)?;
    super::require_prow_job_context(&set)?;
    // Only jobs narrow the contexts: `--config-path` alone (for pod_namespace) checks every
    // context, as Prow's controllers do at start-up.
    let job_contexts = config.as_ref().filter(|c| !c.jobs.is_empty()).map(|c| {
        c.jobs
            .iter()
            .filter_map(|j| j.effective_context(global.use_explicit_credentials))
            .map(str::to_string)
            .collect::<BTreeSet<_>>()
    });
    let defaults = prow_config.cloned().unwrap_or_default();
    let plan = Plan::new(
        &set,
        &PlanOptions {
            components: args.components.clone(),
            only: global.context.clone(),
            namespace: global.namespace(),
            job_contexts,
            pod_namespace: defaults.pod_namespace().to_string(),
            prowjob_namespace: defaults.prowjob_namespace().to_string(),
        },
    )?;
    let via = match (&args.in_cluster_via, &args.service_account) {
        (Some(name), Some((namespace, sa))) => {
            let context = set.get(name).cloned().ok_or_else(|| {
                Error::UnknownName(format!(
                    "--in-cluster-via {name:?}: no such context{}; loaded contexts: {}",
                    crate::kubeconfig::did_you_mean(name, set.names()),
                    crate::kubeconfig::list_or_none(set.names())
                ))
            })?;
            Some(Via {
                context,
                namespace: namespace.clone(),
                name: sa.clone(),
            })
        }
        _ => None,
    };
    let opts = RunOptions {
        timeout: request_timeout(global),
        impersonate: impersonation(global),
        via,
    };
    if opts.via.is_some()
        && !plan.targets.iter().any(|t| {
            t.context
                .as_ref()
                .is_some_and(|c| matches!(c.target, crate::kubeconfig::Target::InCluster(None)))
        })
    {
        writeln!(
            err,
            "warning: --in-cluster-via: no in-cluster context is checked, so the ServiceAccount \
             is not asked about (add a context with `cluster: in-cluster` and no user)"
        )?;
    }
    let reports = ask(&plan, &opts)?;
    if reports.is_empty() {
        writeln!(err, "No resources found: no contexts to check")?;
        return Ok(crate::exit::Exit::Ok);
    }
    let text = if args.suggest {
        err.write_all(output::rbac::summary(&reports).as_bytes())?;
        suggestions(&set, &reports, &opts, args.suggest_dir.as_deref(), err)?
    } else {
        match args.output.output {
            Format::Json => output::json(&reports),
            Format::Yaml => output::yaml(&reports),
            _ => {
                let color = output::findings::use_color();
                let mut t = output::rbac::table(
                    &reports,
                    match args.by {
                        ByArg::Summary => By::Summary,
                        ByArg::Resource => By::Resource,
                        ByArg::Component => By::Component,
                    },
                    args.output.output == Format::Wide,
                    args.output.no_headers,
                    output::terminal_width(),
                    color,
                );
                t.push_str(&output::rbac::notes(&reports));
                t
            }
        }
    };
    out.write_all(text.as_bytes())?;
    if let Some(path) = output::junit::destination(args.junit.as_deref()) {
        output::junit::write(&output::junit::check_rbac(&reports), &path)?;
    }
    Ok(exit_code(&reports))
}

/// `--suggest`: the streams, each naming the context that may apply it (asked of every loaded
/// context on the same server), on standard output or as files in `dir`.
fn suggestions(
    set: &crate::kubeconfig::ContextSet,
    reports: &[rbac::ContextReport],
    opts: &RunOptions,
    dir: Option<&std::path::Path>,
    err: &mut dyn Write,
) -> Result<String> {
    let appliers = appliers(set, reports, opts)?;
    let (streams, notes) = rbac::suggest::suggest(reports, &appliers);
    let Some(dir) = dir else {
        if streams.len() > 1 {
            writeln!(
                err,
                "warning: the suggestion is {} streams, for {} API server(s): apply each with its \
                 own command (--suggest-dir DIR writes one file each)",
                streams.len(),
                streams
                    .iter()
                    .map(|s| &s.server)
                    .collect::<BTreeSet<_>>()
                    .len()
            )?;
        }
        let mut text = notes;
        for s in &streams {
            text.push_str(&output::rbac::suggestion(s));
        }
        return Ok(text);
    };
    std::fs::create_dir_all(dir).map_err(|e| {
        Error::Write(format!(
            "--suggest-dir {}: cannot create the directory: {e}",
            crate::output::sanitize(&dir.display().to_string())
        ))
    })?;
    let mut text = notes;
    for s in &streams {
        let path = dir.join(rbac::suggest::file_name(s));
        crate::write::replace(&path, output::rbac::suggestion(s).as_bytes())?;
        text.push_str(&format!(
            "{} < {}\n",
            s.command(),
            crate::output::sanitize(&path.display().to_string())
        ));
    }
    Ok(text)
}

/// For every API server and namespace with denials, the loaded context that may create Roles
/// and RoleBindings there (asked with SelfSubjectAccessReviews).
pub(crate) fn appliers(
    set: &crate::kubeconfig::ContextSet,
    reports: &[rbac::ContextReport],
    opts: &RunOptions,
) -> Result<Vec<rbac::appliers::Applier>> {
    let wanted = rbac::appliers::wanted(reports);
    if wanted.is_empty() {
        return Ok(Vec::new());
    }
    let runtime = runtime()?;
    let found = runtime.block_on(rbac::appliers::find(set, &wanted, opts));
    runtime.shutdown_background();
    Ok(found)
}

/// `--request-timeout` for the commands that ask every context: 10 s when not given, no limit
/// for 0.
pub(crate) fn request_timeout(global: &GlobalArgs) -> Option<Duration> {
    match global.request_timeout {
        None => Some(DEFAULT_TIMEOUT),
        Some(Duration::ZERO) => None,
        Some(t) => Some(t),
    }
}

/// `--as` and `--as-group`, as kubectl applies them.
pub(crate) fn impersonation(global: &GlobalArgs) -> Impersonation {
    Impersonation {
        user: global.as_user.clone(),
        groups: global.as_group.clone(),
    }
}

/// How `migrate plan --online` and `diff --check-rbac` ask: check-rbac's questions, where a
/// `--request-timeout` of 0 means the default (they never wait without a limit).
pub(crate) fn bounded_run_options(global: &GlobalArgs) -> RunOptions {
    RunOptions {
        timeout: Some(match global.request_timeout {
            Some(t) if !t.is_zero() => t,
            _ => DEFAULT_TIMEOUT,
        }),
        impersonate: impersonation(global),
        via: None,
    }
}

pub(crate) fn runtime() -> Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .map_err(|e| Error::Cluster(format!("cannot start the async runtime: {e}")))
}

/// Runs the checks on a small runtime of its own; async stops here. Progress goes to a
/// terminal's stderr when the run takes over a second.
pub(crate) fn ask(plan: &Plan, opts: &RunOptions) -> Result<Vec<rbac::ContextReport>> {
    let runtime = runtime()?;
    let n = plan.targets.len();
    let reports = runtime.block_on(async {
        let progress = std::io::stderr().is_terminal().then(|| {
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_secs(1)).await;
                eprint!("asking {n} context(s)…");
            })
        });
        let reports = rbac::run(plan, opts).await;
        if let Some(p) = progress {
            if p.is_finished() {
                eprint!("\r\x1b[K");
            }
            p.abort();
        }
        reports
    });
    // Don't wait for stragglers (a hung plugin is killed on drop; a hung socket is dropped).
    runtime.shutdown_background();
    Ok(reports)
}

/// The exit code a run deserves: 4 when a context failed, else 1 when something is denied or
/// missing (a context, or the ProwJob CRD: Prow cannot run without it), else 0.
pub(crate) fn exit_code(reports: &[rbac::ContextReport]) -> Exit {
    if reports.iter().any(|r| r.status == rbac::Status::Error) {
        Exit::Cluster
    } else if reports.iter().any(|r| {
        matches!(r.status, rbac::Status::Denied | rbac::Status::Missing)
            || r.crd == Some(rbac::Crd::Missing)
    }) {
        Exit::Problems
    } else {
        Exit::Ok
    }
}
