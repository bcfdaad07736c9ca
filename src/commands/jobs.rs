//! `kubectl prow jobs`: every static Prow job and the context it runs in.

use std::io::Write;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::cli::{GlobalArgs, OutputArgs};
use crate::output::{self, Format};
use crate::placement::{Placed, place};
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
#[derive(Debug, Serialize)]
pub struct JobRow {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub repo: Option<String>,
    /// `cluster` as written.
    pub cluster: Option<String>,
    /// The effective context.
    pub context: Option<String>,
    pub agent: String,
    pub file: String,
    pub line: u32,
    pub known: bool,
    pub branches: Vec<String>,
}

impl JobRow {
    fn new(p: &Placed) -> Self {
        JobRow {
            name: p.job.name.clone(),
            kind: p.job.kind.as_str(),
            repo: p.job.repo.clone(),
            cluster: p.job.cluster().map(str::to_string),
            context: p.context.map(str::to_string),
            agent: p.job.agent.to_string(),
            file: p.job.origin.file.display().to_string(),
            line: p.job.origin.line,
            known: p.known,
            branches: p.job.branches.clone(),
        }
    }
}

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
    let rows: Vec<JobRow> = placed
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
        .map(JobRow::new)
        .collect();
    let text = match args.output.output {
        Format::Json => output::json(&rows),
        Format::Yaml => output::yaml(&rows),
        Format::Name => rows.iter().map(|r| format!("{}\n", r.name)).collect(),
        Format::Table | Format::Wide if rows.is_empty() => {
            writeln!(err, "No resources found")?;
            String::new()
        }
        Format::Table | Format::Wide => table(
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

/// The table; also used by the golden tests with a fixed width. A column whose value is the
/// same on every row (AGENT, usually) is left out and said once below the table.
pub fn table(
    rows: &[JobRow],
    disabled: &[crate::kubeconfig::ContextName],
    wide: bool,
    no_headers: bool,
    width: Option<usize>,
) -> String {
    let mut headers = vec!["NAME", "TYPE", "REPO", "CONTEXT", "AGENT", "SOURCE"];
    if wide {
        headers.extend(["CLUSTER", "BRANCHES"]);
    }
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let context = match (&r.context, r.known) {
                (Some(c), true) => c.clone(),
                (Some(c), false) if disabled.iter().any(|d| d.as_str() == c) => {
                    format!("{c} (disabled)")
                }
                (Some(c), false) => format!("{c} (not loaded)"),
                (None, _) => output::NONE.to_string(),
            };
            let mut row = vec![
                output::sanitize(&r.name),
                r.kind.to_string(),
                r.repo.clone().unwrap_or_else(|| output::NONE.into()),
                context,
                r.agent.clone(),
                format!("{}:{}", r.file, r.line),
            ];
            if wide {
                row.push(r.cluster.clone().unwrap_or_else(|| output::NONE.into()));
                row.push(if r.branches.is_empty() {
                    output::NONE.into()
                } else {
                    r.branches.join(",")
                });
            }
            row
        })
        .collect();
    let mut note = String::new();
    if !wide && rows.len() > 1 {
        for name in ["AGENT", "TYPE"] {
            let Some(col) = headers.iter().position(|h| *h == name) else {
                continue;
            };
            let first = cells[0][col].clone();
            if cells.iter().all(|r| r[col] == first) {
                headers.remove(col);
                for r in &mut cells {
                    r.remove(col);
                }
                note.push_str(&format!("{name} is {first} for every job\n"));
            }
        }
    }
    let mut text = output::table(
        &headers,
        cells,
        no_headers,
        if wide { None } else { width },
        &["NAME", "SOURCE", "REPO", "TYPE", "AGENT"],
    );
    if !no_headers {
        text.push_str(&note);
    }
    text
}
