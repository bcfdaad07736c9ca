//! `kubectl prow contexts`: every context, what it points at, and where it was defined.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use crate::Result;
use crate::cli::{GlobalArgs, OutputArgs};
use crate::kubeconfig::view::redact_url;
use crate::kubeconfig::{Context, ContextSet};
use crate::output::{self, Format};
use crate::prow::{JobConfig, KindCounts};

pub const AFTER_HELP: &str = "\
Columns:
  CURRENT    * marks the current context, P the ProwJob (service) context
  AUTH       token, token-file, client-cert, basic, exec:<command>,
             auth-provider:<name>, serviceaccount (in-cluster) or none
  SOURCE     file:line where the context is defined
  JOBS       with --job-config-path/--config-path: jobs that run there (per type
             with -o wide); a context jobs name but no file defines gets a row
             marked missing
No server is contacted. Secrets are never printed.

Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow contexts
  kubectl prow --kubeconfig service.yaml --kubeconfig build01.yaml \\
      contexts -o json
  KUBECONFIG=a.yaml:b.yaml kubectl prow contexts -o name";

#[derive(Debug, Clone, Args)]
pub struct ContextsArgs {
    #[command(flatten)]
    pub output: OutputArgs,
}

/// One context as scripts see it (`-o json|yaml`). The keys are an interface: add, never rename.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextRow {
    pub name: String,
    pub cluster: Option<String>,
    pub server: Option<String>,
    pub namespace: Option<String>,
    pub user: Option<String>,
    pub auth: String,
    /// The file the context is defined in, as given.
    pub source: String,
    pub line: u32,
    pub current: bool,
    pub prow_job_context: bool,
    pub in_cluster: bool,
    /// For Prow's synthesized `""` and `default`: the context they stand for.
    pub alias_of: Option<String>,
    /// Jobs that run in this context, when job configuration is given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub jobs: Option<JobCounts>,
    /// A `cluster` value that jobs use but no loaded context defines.
    pub missing: bool,
    /// Listed in Prow's `disabled_clusters` (and so not loaded).
    pub disabled: bool,
}

#[derive(Debug, Clone, Copy, Default, Serialize)]
pub struct JobCounts {
    pub presubmits: usize,
    pub postsubmits: usize,
    pub periodics: usize,
    pub total: usize,
}

impl From<KindCounts> for JobCounts {
    fn from(k: KindCounts) -> Self {
        JobCounts {
            presubmits: k.presubmit,
            postsubmits: k.postsubmit,
            periodics: k.periodic,
            total: k.total(),
        }
    }
}

impl ContextRow {
    pub fn new(set: &ContextSet, c: &Context) -> Self {
        ContextRow {
            name: c.name.to_string(),
            cluster: c.cluster.clone(),
            // Credentials inside a URL are never printed.
            server: c.server().map(|s| redact_url(&s)),
            namespace: c.namespace.clone(),
            user: c.user.clone(),
            auth: c.auth().to_string(),
            source: c.origin.file.display().to_string(),
            line: c.origin.line,
            current: set.is_current(c),
            prow_job_context: set.is_prow_job_context(c),
            in_cluster: c.is_in_cluster(),
            alias_of: c.alias_of.as_ref().map(ToString::to_string),
            jobs: None,
            missing: false,
            disabled: false,
        }
    }

    /// A context that jobs name but no file defines.
    fn missing(name: &str, first_job: &crate::source::Origin) -> Self {
        ContextRow {
            name: name.to_string(),
            cluster: None,
            server: None,
            namespace: None,
            user: None,
            auth: "none".into(),
            source: first_job.file.display().to_string(),
            line: first_job.line,
            current: false,
            prow_job_context: false,
            in_cluster: false,
            alias_of: None,
            jobs: None,
            missing: true,
            disabled: false,
        }
    }
}

pub fn run(
    global: &GlobalArgs,
    args: &ContextsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
    let config = super::load_job_config(global)?;
    if let Some(config) = &config {
        super::print_findings(&config.findings, err)?;
    }
    let prow_config = config.as_ref().and_then(|c| c.prow_config.as_ref());
    let set = super::load_for_listing(global, prow_config, err)?;
    super::require_prow_job_context(&set)?;
    let rows = rows(&set, config.as_ref(), global.use_explicit_credentials);
    let text = match args.output.output {
        Format::Json => output::json(&rows),
        Format::Yaml => output::yaml(&rows),
        // Only names that can be passed back to --context: not Prow's "" (a flag cannot name
        // it) and not contexts that no file defines.
        Format::Name => rows
            .iter()
            .filter(|r| !r.name.is_empty() && !r.missing)
            .map(|r| format!("{}\n", r.name))
            .collect(),
        Format::Table | Format::Wide if rows.is_empty() => {
            writeln!(err, "No resources found")?;
            String::new()
        }
        Format::Table | Format::Wide => {
            let wide = args.output.output == Format::Wide;
            table(
                &rows,
                wide,
                args.output.no_headers,
                output::terminal_width(),
            )
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(crate::exit::Exit::Ok)
}

/// One row per context, sorted by name; with job configuration, job counts on each and a
/// row for every `cluster` value that jobs use but no context defines.
pub fn rows(
    set: &ContextSet,
    config: Option<&JobConfig>,
    explicit_credentials: bool,
) -> Vec<ContextRow> {
    let mut rows: Vec<ContextRow> = set
        .contexts
        .iter()
        .map(|c| ContextRow::new(set, c))
        .collect();
    let Some(config) = config else { return rows };
    let counts = crate::prow::count_by_context(&config.jobs, explicit_credentials);
    for row in &mut rows {
        row.jobs = Some(
            counts
                .by_context
                .get(&row.name)
                .copied()
                .unwrap_or_default()
                .into(),
        );
    }
    for (name, k) in &counts.by_context {
        if set.get(name).is_none() {
            let first = config
                .jobs
                .iter()
                .find(|j| j.effective_context(explicit_credentials) == Some(name.as_str()))
                .map(|j| {
                    j.cluster
                        .as_ref()
                        .map_or(j.origin.clone(), |c| c.origin.clone())
                })
                .expect("a counted context has a job");
            let mut row = ContextRow::missing(name, &first);
            row.disabled = set.disabled.iter().any(|d| d.as_str() == name);
            row.jobs = Some((*k).into());
            rows.push(row);
        }
    }
    rows.sort_by(|a, b| a.name.cmp(&b.name));
    rows
}

/// The table, also used by the golden tests with a fixed width.
pub fn table(rows: &[ContextRow], wide: bool, no_headers: bool, width: Option<usize>) -> String {
    let with_jobs = rows.iter().any(|r| r.jobs.is_some());
    let mut headers = vec![
        "CURRENT",
        "NAME",
        "CLUSTER",
        "SERVER",
        "NAMESPACE",
        "USER",
        "AUTH",
        "SOURCE",
    ];
    if with_jobs {
        if wide {
            headers.extend(["PRESUBMITS", "POSTSUBMITS", "PERIODICS"]);
        }
        headers.push("JOBS");
    }
    let cells = rows
        .iter()
        .map(|r| {
            let mut mark = String::new();
            if r.current {
                mark.push('*');
            }
            if r.prow_job_context {
                mark.push('P');
            }
            let server = if r.disabled {
                "(disabled)".to_string()
            } else if r.missing {
                "(missing: no such context)".to_string()
            } else if r.in_cluster && r.server.is_none() {
                "(in-cluster)".to_string()
            } else if r.server.is_none() && r.alias_of.is_none() {
                "(missing)".to_string()
            } else {
                r.server.clone().unwrap_or_default()
            };
            let name = if r.name.is_empty() {
                "\"\"".to_string()
            } else {
                r.name.clone()
            };
            let source = match &r.alias_of {
                Some(target) if target.is_empty() => "alias of \"\"".to_string(),
                Some(target) => format!("alias of {target}"),
                None if r.missing => format!("first used at {}:{}", r.source, r.line),
                None if r.line == 0 => r.source.clone(),
                None => format!("{}:{}", r.source, r.line),
            };
            let none = || output::NONE.to_string();
            let mut row = vec![
                mark,
                name,
                r.cluster.clone().unwrap_or_else(none),
                server,
                r.namespace.clone().unwrap_or_else(none),
                r.user.clone().unwrap_or_else(none),
                r.auth.clone(),
                source,
            ];
            if let Some(j) = r.jobs.filter(|_| with_jobs) {
                if wide {
                    row.extend([j.presubmits, j.postsubmits, j.periodics].map(|n| n.to_string()));
                }
                row.push(j.total.to_string());
            } else if with_jobs {
                row.extend(std::iter::repeat_n(none(), if wide { 4 } else { 1 }));
            }
            row
        })
        .collect();
    output::table(
        &headers,
        cells,
        no_headers,
        if wide { None } else { width },
        // Cut first, left out last: what identifies a context beyond its name.
        &["SERVER", "NAMESPACE", "USER", "SOURCE", "CLUSTER", "AUTH"],
    )
}
