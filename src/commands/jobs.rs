//! `kubectl prow jobs`: every static Prow job and the context it runs in.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::global::{GlobalArgs, OutputArgs};
use crate::output::{self, Format};
use crate::placement::place;
use crate::prow::JobKind;
use crate::{Error, Result};

pub const AFTER_HELP: &str = "\
A job runs in the context its `cluster` field names; without one, in `default`
(Prow's defaulting), or nowhere under --use-explicit-credentials. Jenkins jobs
run in no context. SOURCE is the file and line of the job. Needs --config-path
and/or --job-config-path. Here kubectl's --context filters: only jobs that run
in that context (loaded or not).

Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow --job-config-path config/jobs jobs
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --job-config-path config/jobs \\
      jobs --unknown
  kubectl prow --config-path config.yaml --job-config-path config/jobs \\
      jobs --context build01 -o json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TypeFilter {
    Presubmit,
    Postsubmit,
    Periodic,
}

#[derive(Debug, Clone, Args)]
pub struct JobsArgs {
    /// Only jobs of this type
    #[arg(long = "type", value_enum)]
    pub kind: Option<TypeFilter>,
    /// Only jobs of this repository (org/repo, or a Gerrit URL as written)
    #[arg(long, value_name = "REPO")]
    pub repo: Option<String>,
    /// Only jobs that land nowhere: their context is not loaded, or (explicit credentials)
    /// they name none
    #[arg(long)]
    pub unknown: bool,
    #[command(flatten)]
    pub output: OutputArgs,
}

/// One job as scripts see it. The keys are an interface: add, never rename.
pub fn run(
    global: &GlobalArgs,
    args: &JobsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
    let Some(config) = super::load_job_config(global)? else {
        return Err(Error::Usage(
            "jobs needs Prow's configuration: pass --job-config-path and/or --config-path".into(),
        ));
    };
    super::print_findings(&config.findings, err)?;
    // A job file that cannot be read, or two with one base name: Prow refuses the whole
    // configuration, so the listing is incomplete (exit code 3 after showing what was read).
    let broken = config
        .findings
        .iter()
        .any(|f| f.severity == crate::finding::Severity::Error);
    // --context selects jobs here; it may name a context that is not loaded (that is what
    // --unknown finds), so it is not applied as kubectl's context override.
    let filter_context = global.context.last().cloned();
    let loading = GlobalArgs {
        context: Vec::new(),
        ..global.clone()
    };
    let set = super::load_for_listing(&loading, config.prow_config.as_ref(), err)?;
    let placed = place(&config.jobs, &set, global.use_explicit_credentials);
    let wanted_kind = args.kind.map(|k| match k {
        TypeFilter::Presubmit => JobKind::Presubmit,
        TypeFilter::Postsubmit => JobKind::Postsubmit,
        TypeFilter::Periodic => JobKind::Periodic,
    });
    let rows: Vec<output::jobs::JobRow> = placed
        .iter()
        .filter(|p| {
            filter_context
                .as_deref()
                .is_none_or(|c| p.context == Some(c))
        })
        .filter(|p| wanted_kind.is_none_or(|k| p.job.kind == k))
        .filter(|p| {
            args.repo
                .as_deref()
                .is_none_or(|r| p.job.repo.as_deref() == Some(r))
        })
        .filter(|p| !args.unknown || p.lands_nowhere())
        .map(output::jobs::JobRow::new)
        .collect();
    let text = match args.output.output {
        Format::Json => {
            output::write_json(out, &rows)?;
            String::new()
        }
        Format::Yaml => output::yaml(&rows),
        Format::Name => rows.iter().map(|r| format!("{}\n", r.name)).collect(),
        Format::Table | Format::Wide if rows.is_empty() => {
            writeln!(err, "No resources found")?;
            String::new()
        }
        Format::Table | Format::Wide => output::jobs::table(
            &rows,
            &set.disabled,
            args.output.output == Format::Wide,
            args.output.no_headers,
            output::terminal_width(),
        ),
    };
    out.write_all(text.as_bytes())?;
    Ok(if broken {
        crate::exit::Exit::InvalidConfig
    } else if args.unknown && !rows.is_empty() {
        // A script asks "does any job land nowhere?": yes is a problem.
        crate::exit::Exit::Problems
    } else {
        crate::exit::Exit::Ok
    })
}
