//! The command line: the top-level parser, one subcommand per file under `commands/` (their
//! arguments live there), the shared flags of `commands::global`, and what is about the
//! command line itself (completion scripts, man pages); [`run`] dispatches.

pub mod completion;
pub mod man;

use std::io::Write;

use clap::{Parser, Subcommand};

use crate::Result;
use crate::commands::global::GlobalArgs;
use crate::commands::{
    check_pods, check_rbac, contexts, credentials, diff, grant, graph, jobs, lint, migrate, status,
    view,
};

const ABOUT: &str = "kubectl prow: see which Prow jobs run in which kubeconfig context, and check \
that each context is what Prow needs.";

const AFTER_HELP: &str = "\
Kubeconfig loading:
  Without --kubeconfig, kubectl's rules: $KUBECONFIG (files separated by ':'; missing ones
  skipped; the first file to define a name wins, with a warning here) or ~/.kube/config.
  With one or more --kubeconfig (and/or --kubeconfig-dir), $KUBECONFIG is ignored and the
  files are merged as a strict union: a cluster, context or user defined twice is an error.
  --merge kubectl|prow selects kubectl's first-wins merge or Prow's own loader instead.

Exit codes:
  0  success
  1  the command ran and found problems (lint errors, missing permissions)
  2  usage error (unknown flag, bad value)
  3  invalid configuration (unreadable file, bad YAML, merge collision, unknown context)
  4  a cluster could not be reached or refused the credentials
  5  the output could not be written

Global flags (--kubeconfig, --context, -n, --merge, --job-config-path, ...): see
`kubectl prow options`; `--help` shows them too.

Examples:
  kubectl prow contexts
  kubectl prow --kubeconfig build01.yaml --kubeconfig build02.yaml \\
      contexts -o wide
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --merge prow contexts
  kubectl prow --config-path config.yaml --job-config-path jobs/ jobs --unknown
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --job-config-path jobs/ \\
      lint --strict
  kubectl prow view --minify --flatten --context build01";

#[derive(Debug, Parser)]
#[command(
    name = "kubectl-prow",
    bin_name = "kubectl prow",
    version,
    about = ABOUT,
    after_help = AFTER_HELP,
    propagate_version = true,
    max_term_width = 100
)]
pub struct Cli {
    #[command(flatten)]
    pub global: GlobalArgs,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the contexts Prow can use, with cluster, server, namespace, user, auth and source
    #[command(after_help = contexts::AFTER_HELP)]
    Contexts(contexts::ContextsArgs),
    /// List every context's certificates and tokens and when they expire (no cluster is
    /// contacted)
    #[command(after_help = credentials::AFTER_HELP)]
    Credentials(credentials::CredentialsArgs),
    /// List Prow jobs and the context each one runs in
    #[command(after_help = jobs::AFTER_HELP)]
    Jobs(jobs::JobsArgs),
    /// Check kubeconfigs and Prow job configuration together, without contacting a cluster
    #[command(
        after_help = lint::AFTER_HELP,
        after_long_help = lint::AFTER_LONG_HELP
    )]
    Lint(lint::LintArgs),
    /// Print the merged configuration as one kubeconfig, secrets redacted
    #[command(after_help = view::AFTER_HELP)]
    View(view::ViewArgs),
    /// Ask each context's API server whether Prow may do its work there
    #[command(
        name = "check-rbac",
        after_help = check_rbac::AFTER_HELP,
        after_long_help = check_rbac::AFTER_LONG_HELP
    )]
    CheckRbac(check_rbac::CheckRbacArgs),
    /// Ask each job's context whether it would admit the job's pod (a dry run: nothing is
    /// created)
    #[command(name = "check-pods", after_help = check_pods::AFTER_HELP)]
    CheckPods(check_pods::CheckPodsArgs),
    /// Draw contexts, clusters and users as Mermaid or Graphviz DOT
    #[command(after_help = graph::AFTER_HELP)]
    Graph(graph::GraphArgs),
    /// What is running where: ProwJobs by state per context, and each build context's pods
    #[command(after_help = status::AFTER_HELP)]
    Status(status::StatusArgs),
    /// Which jobs a change adds, removes or moves to another context, since a git revision
    #[command(after_help = diff::AFTER_HELP)]
    Diff(diff::DiffArgs),
    /// Print the flags every command accepts (kubectl's global flags, Prow's loader flags)
    Options,
    /// Create the ServiceAccount, Role and RoleBinding a Prow component needs in a namespace
    #[command(
        after_help = grant::AFTER_HELP,
        after_long_help = grant::AFTER_LONG_HELP
    )]
    Grant(grant::GrantArgs),
    /// Move to explicit contexts: jobs name their cluster, no namespace fields, kubeconfigs
    /// from the old build-cluster YAML, and a checklist
    #[command(after_help = migrate::AFTER_HELP)]
    Migrate(migrate::MigrateArgs),
    /// Print a shell completion script (kubectl: the kubectl_complete-prow plugin helper)
    #[command(after_help = completion::AFTER_HELP)]
    Completion(completion::CompletionArgs),
}

/// Runs the parsed command line, writing results to `out` and warnings to `err`.
pub fn run(cli: &Cli, out: &mut dyn Write, err: &mut dyn Write) -> Result<crate::exit::Exit> {
    match &cli.command {
        Command::Contexts(args) => contexts::run(&cli.global, args, out, err),
        Command::Credentials(args) => credentials::run(&cli.global, args, out, err),
        Command::Jobs(args) => jobs::run(&cli.global, args, out, err),
        Command::Lint(args) => lint::run(&cli.global, args, out, err),
        Command::View(args) => view::run(&cli.global, args, out, err),
        Command::CheckRbac(args) => check_rbac::run(&cli.global, args, out, err),
        Command::CheckPods(args) => check_pods::run(&cli.global, args, out, err),
        Command::Grant(args) => grant::run(&cli.global, args, out, err),
        Command::Migrate(args) => migrate::run(&cli.global, args, out, err),
        Command::Completion(args) => completion::run(args, out),
        Command::Graph(args) => graph::run(&cli.global, args, out, err),
        Command::Diff(args) => diff::run(&cli.global, args, out, err),
        Command::Status(args) => status::run(&cli.global, args, out, err),
        Command::Options => {
            use clap::{Args, CommandFactory};
            let _ = Cli::command;
            let mut cmd = GlobalArgs::augment_args(
                clap::Command::new("kubectl prow")
                    .about("The following flags can be passed to any command:")
                    .disable_help_flag(true)
                    .max_term_width(100),
            );
            // Shown in full here: they are hidden from the short -h of every command.
            let args: Vec<clap::Arg> = cmd.get_arguments().cloned().collect();
            for a in args {
                cmd = cmd.mut_arg(a.get_id().clone(), |a| a.hide_short_help(false));
            }
            write!(out, "{}", cmd.render_long_help())?;
            Ok(crate::exit::Exit::Ok)
        }
    }
}
