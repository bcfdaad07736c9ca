//! `kubectl prow graph`: contexts → clusters → users as Mermaid or Graphviz DOT.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::global::GlobalArgs;
use crate::Result;
use crate::output::graph::{self, Node};

pub const AFTER_HELP: &str = "\
Draws every context (namespace, job count with --job-config-path, the ProwJob
context in blue) -> its cluster (server) -> its user; contexts that jobs name
but no file defines are red. No server is contacted; no secret is printed.

Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow --kubeconfig-dir /etc/kubeconfigs graph -o mermaid
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --job-config-path jobs/ \\
      graph -o dot | dot -Tsvg > contexts.svg";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum GraphFormat {
    Mermaid,
    Dot,
}

#[derive(Debug, Clone, Args)]
pub struct GraphArgs {
    /// Output format
    #[arg(short = 'o', long = "output", value_enum, default_value = "mermaid")]
    pub output: GraphFormat,
}

pub fn run(
    global: &GlobalArgs,
    args: &GraphArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
    let config = super::load_job_config(global)?;
    if let Some(config) = &config {
        super::print_findings(&config.findings, err)?;
    }
    let set = super::load_for_listing(
        global,
        config.as_ref().and_then(|c| c.prow_config.as_ref()),
        err,
    )?;
    // The same rows `contexts` lists: one rule for job counts and missing contexts.
    let rows = crate::placement::rows(&set, config.as_ref(), global.use_explicit_credentials);
    let nodes: Vec<Node> = rows
        .iter()
        .map(|r| Node {
            name: r.name.clone(),
            cluster: r.cluster.clone(),
            server: r.server.clone(),
            user: r.user.clone(),
            namespace: r.namespace.clone(),
            jobs: r.jobs.map(|j| j.total),
            prow_job_context: r.prow_job_context,
            in_cluster: r.in_cluster,
            missing: r.missing,
            alias_of: r.alias_of.clone(),
        })
        .collect();
    let text = match args.output {
        GraphFormat::Mermaid => graph::mermaid(&nodes),
        GraphFormat::Dot => graph::dot(&nodes),
    };
    out.write_all(text.as_bytes())?;
    Ok(crate::exit::Exit::Ok)
}
