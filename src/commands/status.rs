//! `kubectl prow status`: what is running where, read live from the ProwJob context and the
//! build contexts.

use std::io::Write;
use std::time::Duration;

use clap::Args;

use super::global::{GlobalArgs, parse_duration};
use crate::exit::Exit;
use crate::kubeconfig::{Context, MergeMode, Target};
use crate::output::{self, Format};
use crate::status::live::{self, Place};
use crate::{Error, Result};

pub const AFTER_HELP: &str = "\
Reads the ProwJobs of the ProwJob context (--prow-job-context) and, in every
build context jobs use (every loaded context without job configuration), the
pods labelled created-by-prow=true, all at once, each under
--request-timeout. One row per context (a ProwJob's spec.cluster): ProwJobs
by state within --since, STUCK (triggered or pending for longer than
--stuck-after), the oldest pending one, and the build context's pods by
phase and stuck waiting reasons. ProwJobs whose cluster no file defines are
listed below. Namespaces: -n, else each context's namespace, else Prow's
pod_namespace / prowjob_namespace. Read only.

-w redraws every --interval (default 5s) until Ctrl-C, which exits 0.

Exit codes: 0; 4 the ProwJob context could not be read; 1 with
--fail-on-stuck when a job is stuck.

Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --prow-job-context service status
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --config-path config.yaml \\
      --job-config-path jobs/ --prow-job-context service status --since 2h -o json";

#[derive(Debug, Clone, Args)]
pub struct StatusArgs {
    /// Count ProwJobs that started within this long (e.g. 2h, 30m)
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "24h")]
    pub since: Duration,
    /// A triggered or pending ProwJob older than this is stuck
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "1h")]
    pub stuck_after: Duration,
    /// Exit 1 when any ProwJob is stuck
    #[arg(long)]
    pub fail_on_stuck: bool,
    /// Read again and redraw every --interval until Ctrl-C (which exits 0)
    #[arg(short = 'w', long)]
    pub watch: bool,
    /// How often --watch reads
    #[arg(long, value_name = "DURATION", value_parser = parse_duration, default_value = "5s",
          requires = "watch")]
    pub interval: Duration,
    /// Output format
    #[arg(short = 'o', long = "output", default_value_t = Format::Table,
          value_parser = super::global::format_parser(&[Format::Table, Format::Json, Format::Yaml]))]
    pub output: Format,
}

pub fn run(
    global: &GlobalArgs,
    args: &StatusArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit> {
    let config = super::load_job_config(global)?;
    if let Some(c) = &config {
        super::print_findings(&c.findings, err)?;
    }
    let prow_config = config.as_ref().and_then(|c| c.prow_config.as_ref());
    let set = super::load_for_listing(global, prow_config, err)?;
    super::require_prow_job_context(&set)?;
    let defaults = prow_config.cloned().unwrap_or_default();
    let pj = set
        .contexts
        .iter()
        .find(|c| set.is_prow_job_context(c))
        .ok_or_else(|| {
            Error::Usage(
                "status reads ProwJobs from the ProwJob context: name it with --prow-job-context"
                    .into(),
            )
        })?;
    let namespace = |ctx: &Context, configured: &str| {
        global
            .namespace()
            .or_else(|| {
                (set.mode != MergeMode::Prow)
                    .then(|| ctx.namespace.clone())
                    .flatten()
            })
            .unwrap_or_else(|| configured.to_string())
    };
    let prowjobs = Place {
        context: super::real(&set, pj).clone(),
        namespace: namespace(pj, defaults.prowjob_namespace()),
    };
    let wanted: Vec<&Context> = match &config {
        Some(c) if !c.jobs.is_empty() => {
            let names: std::collections::BTreeSet<&str> = c
                .jobs
                .iter()
                .filter(|j| j.agent.runs_in_context())
                .filter_map(|j| j.effective_context(global.use_explicit_credentials))
                .collect();
            names.into_iter().filter_map(|n| set.get(n)).collect()
        }
        _ => set
            .contexts
            .iter()
            .filter(|c| c.alias_of.is_none())
            .collect(),
    };
    let builds: Vec<Place> = wanted
        .into_iter()
        .filter(|c| !matches!(c.target, Target::InCluster(None) | Target::Missing))
        .map(|c| Place {
            context: super::real(&set, c).clone(),
            namespace: namespace(c, defaults.pod_namespace()),
        })
        .collect();
    let opts = |now| live::Options {
        since: args.since,
        stuck_after: args.stuck_after,
        timeout: super::check_rbac::request_timeout(global),
        impersonate: super::check_rbac::impersonation(global),
        page: 500,
        now,
    };
    let runtime = super::check_rbac::runtime()?;
    let render = |status: &live::Status| match args.output {
        Format::Json => output::json(status),
        Format::Yaml => output::yaml(status),
        _ => output::status::table(status, output::terminal_width()),
    };
    if args.watch {
        // As `kubectl get -w` users expect: read, redraw, wait; Ctrl-C ends it, exit 0.
        let result: Result<()> = runtime.block_on(async {
            loop {
                let now = k8s_openapi::jiff::Timestamp::now();
                let status = live::read(&set, &prowjobs, &builds, &opts(now)).await;
                let mut text = render(&status);
                if std::io::IsTerminal::is_terminal(&std::io::stdout()) {
                    text = format!("\x1b[H\x1b[2J{text}");
                }
                out.write_all(text.as_bytes())?;
                out.flush()?;
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => return Ok(()),
                    _ = tokio::time::sleep(args.interval) => {}
                }
            }
        });
        runtime.shutdown_background();
        result?;
        return Ok(Exit::Ok);
    }
    let now = k8s_openapi::jiff::Timestamp::now();
    let status = runtime.block_on(live::read(&set, &prowjobs, &builds, &opts(now)));
    runtime.shutdown_background();
    out.write_all(render(&status).as_bytes())?;
    if status.error.is_some() {
        return Ok(Exit::Cluster);
    }
    if args.fail_on_stuck && status.contexts.iter().any(|c| c.stuck > 0) {
        return Ok(Exit::Problems);
    }
    Ok(Exit::Ok)
}
