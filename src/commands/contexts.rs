//! `kubectl prow contexts`: every context, what it points at, and where it was defined.

use std::io::Write;

use clap::Args;
use serde::Serialize;

use crate::Result;
use crate::cli::{GlobalArgs, OutputArgs};
use crate::kubeconfig::{Context, ContextSet, Target};
use crate::output::{self, Format};

pub const AFTER_HELP: &str = "\
Columns:
  CURRENT    * marks the current context, P the ProwJob (service) context
  AUTH       token, token-file, client-cert, basic, exec:<command>, auth-provider:<name>,
             serviceaccount (in-cluster) or none
  SOURCE     file:line where the context is defined
No server is contacted. Secrets are never printed.

Examples:
  kubectl prow contexts
  kubectl prow --kubeconfig service.yaml --kubeconfig build01.yaml contexts -o json
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
}

impl ContextRow {
    pub fn new(set: &ContextSet, c: &Context) -> Self {
        ContextRow {
            name: c.name.to_string(),
            cluster: c.cluster.clone(),
            server: c.server(),
            namespace: c.namespace.clone(),
            user: c.user.clone(),
            auth: c.auth().to_string(),
            source: c.origin.file.display().to_string(),
            line: c.origin.line,
            current: set.is_current(c),
            prow_job_context: set.is_prow_job_context(c),
            in_cluster: c.is_in_cluster(),
            alias_of: c.alias_of.as_ref().map(ToString::to_string),
        }
    }
}

pub fn run(
    global: &GlobalArgs,
    args: &ContextsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<i32> {
    let set = super::load_contexts(global, err)?;
    super::require_prow_job_context(&set)?;
    let rows: Vec<ContextRow> = set
        .contexts
        .iter()
        .map(|c| ContextRow::new(&set, c))
        .collect();
    let text = match args.output.output {
        Format::Json => output::json(&rows),
        Format::Yaml => output::yaml(&rows),
        Format::Name => rows.iter().map(|r| format!("{}\n", r.name)).collect(),
        Format::Table | Format::Wide => {
            let wide = args.output.output == Format::Wide;
            table(&set, wide, args.output.no_headers, output::terminal_width())
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(crate::exit::OK)
}

/// The table, also used by the golden tests with a fixed width.
pub fn table(set: &ContextSet, wide: bool, no_headers: bool, width: Option<usize>) -> String {
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
    if wide {
        headers.push("ALIAS-OF");
    }
    let rows = set
        .contexts
        .iter()
        .map(|c| {
            let mut mark = String::new();
            if set.is_current(c) {
                mark.push('*');
            }
            if set.is_prow_job_context(c) {
                mark.push('P');
            }
            let server = match &c.target {
                Target::InCluster(None) => "(in-cluster)".to_string(),
                Target::Missing => "(missing)".to_string(),
                _ => c.server().unwrap_or_default(),
            };
            let name = if c.name.as_str().is_empty() {
                "\"\"".to_string()
            } else {
                c.name.to_string()
            };
            let source = match &c.alias_of {
                Some(target) if target.as_str().is_empty() => "alias of \"\"".to_string(),
                Some(target) => format!("alias of {target}"),
                None => c.origin.display_line(),
            };
            let mut row = vec![
                mark,
                name,
                c.cluster.clone().unwrap_or_default(),
                server,
                c.namespace.clone().unwrap_or_default(),
                c.user.clone().unwrap_or_default(),
                c.auth().to_string(),
                source,
            ];
            if wide {
                row.push(
                    c.alias_of
                        .as_ref()
                        .map(ToString::to_string)
                        .unwrap_or_default(),
                );
            }
            row
        })
        .collect();
    output::table(&headers, rows, no_headers, if wide { None } else { width })
}
