//! `kubectl prow view`: the merged configuration as one kubeconfig file.

use std::io::Write;

use clap::{Args, ValueEnum};

use super::global::GlobalArgs;
use crate::Result;
use crate::kubeconfig::view::{ViewOptions, view};
use crate::output;

pub const AFTER_HELP: &str = "\
Prints what Prow deployments consume today: one kubeconfig holding every
loaded context. Secrets are redacted as `kubectl config view` redacts them
(DATA+OMITTED, REDACTED), and auth-provider secrets and exec environment
values are redacted too; --raw prints them.

Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow --kubeconfig build01.yaml --kubeconfig build02.yaml view
  kubectl prow --kubeconfig-dir /etc/kubeconfigs view --flatten --raw \\
      > merged.yaml
  kubectl prow view --minify --context build01";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    Yaml,
    Json,
}

#[derive(Debug, Clone, Args)]
pub struct ViewArgs {
    /// Only the current context (or --context) and the cluster and user it uses
    #[arg(long)]
    pub minify: bool,
    /// Inline certificate and key files as base64 data
    #[arg(long)]
    pub flatten: bool,
    /// Print tokens, passwords, keys and certificate data instead of redacting them
    #[arg(long)]
    pub raw: bool,
    /// Output format
    #[arg(short = 'o', long = "output", value_enum, default_value = "yaml")]
    pub output: ViewFormat,
}

pub fn run(
    global: &GlobalArgs,
    args: &ViewArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
    let set = if args.minify {
        super::load_contexts(global, err)?
    } else {
        super::load_for_listing(global, None, err)?
    };
    // Only about contexts in the output: --minify keeps the current one.
    let current = set.current_context.as_ref().map(|c| c.value.clone());
    for f in crate::lint::in_cluster_from_file(&set) {
        let shown = !args.minify
            || current
                .as_deref()
                .is_some_and(|cc| f.message.contains(&format!("{cc:?}")));
        if shown {
            writeln!(err, "{f}")?;
        }
    }
    let doc = view(
        &set,
        ViewOptions {
            minify: args.minify,
            flatten: args.flatten,
            raw: args.raw,
        },
    )?;
    let text = match args.output {
        ViewFormat::Yaml => output::yaml(&doc),
        ViewFormat::Json => output::json(&doc),
    };
    out.write_all(text.as_bytes())?;
    Ok(crate::exit::Exit::Ok)
}
