//! `kubectl prow credentials`: every certificate and token of every context, when it stops
//! working, read without contacting a cluster.

use std::io::Write;

use clap::Args;

use super::global::{GlobalArgs, ReportOutputArgs};
use crate::Result;
use crate::output::{self, Format};

pub const AFTER_HELP: &str = "\
Columns (one row per credential):
  KIND        client-cert, ca (each certificate of the CA bundle), token or
              exec (a plugin: expiry unknown until check-rbac runs it)
  SUBJECT     a certificate's CN and O (the user name and groups it
              authenticates as), or a JWT token's sub; never the token
  NOT-AFTER   the day it expires (-o json: to the second, and notBefore);
              left out first on a narrow terminal (-o wide shows it)
  EXPIRES-IN  in 36h, in 287d, expired 2d ago, never (a legacy
              ServiceAccount token), - (an opaque token: unknown)
  STATUS      valid, expiring (under a fifth of its lifetime and under 30
              days left), expired, not-yet-valid, long-lived, unknown,
              unreadable
Tokens are decoded, not verified. No server is contacted. Exit code 1 when a
credential is expired or not yet valid (a CA certificate only when no other
of its bundle is valid), else 0; `lint` reports the same.

Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow credentials
  kubectl prow --kubeconfig-dir /etc/kubeconfigs credentials -o json";

#[derive(Debug, Clone, Args)]
pub struct CredentialsArgs {
    #[command(flatten)]
    pub output: ReportOutputArgs,
}

pub fn run(
    global: &GlobalArgs,
    args: &CredentialsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
    let set = super::load_for_listing(global, None, err)?;
    let now = crate::credentials::now();
    let all = crate::credentials::read(&set);
    let text = match args.output.output {
        Format::Json => output::json(&output::credentials::rows(&all, now)),
        Format::Yaml => output::yaml(&output::credentials::rows(&all, now)),
        _ if all.iter().all(|c| c.credentials.is_empty()) => {
            writeln!(err, "No resources found")?;
            String::new()
        }
        // -o wide: every column, never cut.
        Format::Wide => output::credentials::table(&all, now, args.output.no_headers, None),
        _ => {
            output::credentials::table(&all, now, args.output.no_headers, output::terminal_width())
        }
    };
    out.write_all(text.as_bytes())?;
    let invalid = all.iter().any(|c| c.broken(now));
    Ok(if invalid {
        crate::exit::Exit::Problems
    } else {
        crate::exit::Exit::Ok
    })
}
