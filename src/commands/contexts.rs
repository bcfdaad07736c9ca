//! `kubectl prow contexts`: every context, what it points at, and where it was defined.

use std::io::Write;

use clap::Args;

use super::global::{GlobalArgs, OutputArgs};
use crate::Result;
use crate::output::{self, Format};

pub const AFTER_HELP: &str = "\
Columns:
  CURRENT    * marks the current context, P the ProwJob (service) context
  AUTH       token, token-file, client-cert, basic, exec:<command>,
             auth-provider:<name>, serviceaccount (in-cluster) or none
  EXPIRES    the earliest expiry of the context's certificates and tokens:
             in 36h, in 287d, expired 2d ago, never, - (unknown: an opaque
             token, an exec plugin); in -o wide, and in the table when some
             context has expired or is within its warning window (-o json:
             credentials and expires; details: kubectl prow credentials)
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
    let rows = crate::placement::rows(&set, config.as_ref(), global.use_explicit_credentials);
    let now = crate::credentials::now();
    // Names need no credentials; reading every certificate is most of the rest of the work.
    let credentials = if args.output.output == Format::Name {
        Vec::new()
    } else {
        crate::credentials::read_with_aliases(&set)
    };
    let text = match args.output.output {
        Format::Json => output::json(&output::contexts::json_rows(&rows, &credentials, now)),
        Format::Yaml => output::yaml(&output::contexts::json_rows(&rows, &credentials, now)),
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
            output::contexts::table(
                &rows,
                &credentials,
                now,
                wide,
                args.output.no_headers,
                output::terminal_width(),
            )
        }
    };
    out.write_all(text.as_bytes())?;
    Ok(crate::exit::Exit::Ok)
}
