//! One file per subcommand: each wires library calls to output and returns an exit code.

pub mod contexts;
pub mod view;

use std::io::Write;

use crate::cli::{Cli, Command, GlobalArgs};
use crate::kubeconfig::{self, ContextSet};
use crate::{Error, Result};

/// Runs the parsed command line, writing results to `out` and warnings to `err`.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<i32> {
    match &cli.command {
        Command::Contexts(args) => contexts::run(&cli.global, args, out, err),
        Command::View(args) => view::run(&cli.global, args, out, err),
    }
}

/// Load → apply kubectl's overrides → print the warnings: what every command starts with.
pub(crate) fn load_contexts(global: &GlobalArgs, err: &mut dyn Write) -> Result<ContextSet> {
    let mut set = kubeconfig::load(&global.load_options())?;
    kubeconfig::apply_overrides(&mut set, &global.overrides())?;
    for w in &set.warnings {
        writeln!(err, "warning: {w}")?;
    }
    Ok(set)
}

/// `--prow-job-context` must name a loaded context for commands that act on it.
pub(crate) fn require_prow_job_context(set: &ContextSet) -> Result<()> {
    if let Some(name) = &set.prow_job_context
        && set.get(name.as_str()).is_none()
    {
        return Err(Error::UnknownName(format!(
            "--prow-job-context {:?}: no such context; loaded contexts: {}",
            name.as_str(),
            kubeconfig::list_or_none(set.names())
        )));
    }
    Ok(())
}
