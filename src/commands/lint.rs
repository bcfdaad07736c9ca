//! `kubectl prow lint`: every static finding about the kubeconfigs and the job configuration.

use std::io::Write;

use clap::{Args, ValueEnum};
use serde::Serialize;

use super::global::GlobalArgs;
use crate::Result;
use crate::finding::{Finding, Severity};
use crate::lint::{LintOptions, check};
use crate::output;

/// Shared by `-h` and `--help`: where the global flags are, and the examples.
macro_rules! help_tail {
    () => {
        "Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --config-path config.yaml \\
      --job-config-path jobs lint
  kubectl prow --kubeconfig k.yaml --job-config-path jobs \\
      --use-explicit-credentials lint --strict -o json"
    };
}

pub const AFTER_HELP: &str = concat!(
    "\
Every check, its code and severity: kubectl prow lint --help

Text groups findings by check and by what they are about (first 3 places
each; --verbose for all); -o json|yaml lists every finding. Exit code 1 when
an error is found (warnings too with --strict), 3 when the configuration does
not load.

",
    help_tail!()
);

/// `--help`: the checks too.
pub const AFTER_LONG_HELP: &str = concat!(
    "\
Checks (no cluster is contacted):
  error    unknown-context             a job targets a context that is not loaded
  error    missing-cluster             a job sets no cluster under
                                       --use-explicit-credentials
  error    in-repo-cluster-not-allowed an in-repo job's context is not in
                                       in_repo_config.allowed_clusters
  error    unknown-prow-job-context    --prow-job-context is not loaded
  error    duplicate-basename          two job files share a base name
  error    invalid-file, ...           a job file cannot be read; the rest is
                                       still checked
  error    missing-file                a certificate, key, CA or token file is
                                       not there
  error    invalid-server              a server is not an https:// (or http://)
                                       URL
  error    prow-startup-error          a Prow component would not start: a CA
                                       that is not PEM, a missing token file, a
                                       cluster without server, a certificate
                                       that does not parse, a key that does not
                                       match its certificate, ...
  error    credential-expired          a certificate or token has expired
  error    credential-not-yet-valid    a certificate or token is not valid yet
  warning  credential-expiring         under a fifth of its lifetime and under
                                       30 days left, or within --expiry-warning
                                       (kubectl prow credentials)
  warning  long-lived-token            a ServiceAccount token that never expires
  warning  duplicate-endpoint          two contexts share server, namespace and
                                       user
  warning  no-default-context          jobs without cluster fall to the service
                                       cluster
  warning  presubmit-in-service-cluster
                                       presubmits run next to Prow's credentials
  warning  context-without-user        a context (not in-cluster) names no user
  warning  implicit-default-context    jobs without cluster rely on Prow's
                                       default context
  warning  jenkins-with-cluster        a Jenkins job sets cluster
  warning  namespace-with-explicit-credentials
                                       pod_namespace/prowjob_namespace still set
  warning  unknown-disabled-cluster, unknown-allowed-cluster
  warning  shadowed-entry, dangling-reference, current-context-differs, ...
                                       what loading the kubeconfigs warned about
  warning  in-cluster-context          kubectl and today's Prow cannot load it
           (info under the strict union, where it is the federated design)
  info     unused-context              no job runs in a context

Text groups findings by check and by what they are about (first 3 places
each; --verbose for all); -o json|yaml lists every finding. Exit code 1 when
an error is found (warnings too with --strict), 3 when the configuration does
not load.

",
    help_tail!()
);

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LintFormat {
    Text,
    Json,
    Yaml,
}

#[derive(Debug, Clone, Args)]
pub struct LintArgs {
    /// Fail (exit code 1) on warnings too
    #[arg(long)]
    pub strict: bool,
    /// Output format
    #[arg(short = 'o', long = "output", value_enum, default_value = "text")]
    pub output: LintFormat,
    /// List every finding of a group, not just the first few
    #[arg(short = 'v', long)]
    pub verbose: bool,
    /// Also write the findings as JUnit XML (a suite per check) [default in a Prow job:
    /// $ARTIFACTS/junit_kubectl-prow.xml]
    #[arg(long, value_name = "FILE")]
    pub junit: Option<std::path::PathBuf>,
    /// credential-expiring when under DURATION is left (e.g. 7d, 72h), instead of under a
    /// fifth of the lifetime and under 30 days
    #[arg(long, value_name = "DURATION", value_parser = super::global::parse_long_duration)]
    pub expiry_warning: Option<std::time::Duration>,
}

/// One finding as scripts see it.
#[derive(Debug, Serialize)]
pub struct FindingRow {
    pub severity: &'static str,
    pub code: &'static str,
    pub file: Option<String>,
    pub line: Option<u32>,
    pub column: Option<u32>,
    pub message: String,
    pub fix: String,
}

impl From<&Finding> for FindingRow {
    fn from(f: &Finding) -> Self {
        let pos = |n: u32| (n > 0).then_some(n);
        FindingRow {
            severity: f.severity.as_str(),
            code: f.code,
            file: f.origin.as_ref().map(|o| o.file.display().to_string()),
            line: f.origin.as_ref().and_then(|o| pos(o.line)),
            column: f.origin.as_ref().and_then(|o| pos(o.column)),
            message: f.message.clone(),
            fix: f.fix.clone(),
        }
    }
}

pub fn run(
    global: &GlobalArgs,
    args: &LintArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<crate::exit::Exit> {
    // A configuration that cannot be loaded at all still reaches the JUnit report (as
    // `invalid-config` findings), so a Prow presubmit shows why it failed.
    let loaded = super::load_job_config(global).and_then(|config| {
        let set = super::load_for_listing(
            global,
            config.as_ref().and_then(|c| c.prow_config.as_ref()),
            err,
        )?;
        Ok((config, set))
    });
    let (config, set) = match loaded {
        Ok(l) => l,
        Err(e) => {
            if !matches!(
                e,
                crate::Error::InvalidConfig(_) | crate::Error::UnknownName(_)
            ) {
                return Err(e);
            }
            let findings = e.findings();
            // The configuration error decides the exit code (3); a report that could not be
            // written is said too, never dropped.
            if let Some(path) = output::junit::destination(args.junit.as_deref())
                && let Err(w) =
                    output::junit::write(&output::junit::lint(&findings, args.strict), &path)
            {
                writeln!(err, "error: {}", output::sanitize(&w.to_string()))?;
            }
            // Scripts get the load errors as findings, like any other; a terminal gets the
            // usual one-line errors on stderr.
            let rows: Vec<FindingRow> = findings.iter().map(FindingRow::from).collect();
            match args.output {
                LintFormat::Json => out.write_all(output::json(&rows).as_bytes())?,
                LintFormat::Yaml => out.write_all(output::yaml(&rows).as_bytes())?,
                LintFormat::Text => return Err(e),
            }
            return Ok(crate::exit::Exit::InvalidConfig);
        }
    };
    let findings = check(
        &set,
        config.as_ref(),
        LintOptions {
            explicit_credentials: global.use_explicit_credentials,
            now: None,
            expiry_warning: args
                .expiry_warning
                .map(|d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX)),
        },
    );
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings) = (count(Severity::Error), count(Severity::Warning));
    let text = match args.output {
        LintFormat::Json => {
            output::json(&findings.iter().map(FindingRow::from).collect::<Vec<_>>())
        }
        LintFormat::Yaml => {
            output::yaml(&findings.iter().map(FindingRow::from).collect::<Vec<_>>())
        }
        LintFormat::Text => {
            output::findings::text(&findings, args.verbose, output::findings::use_color())
        }
    };
    out.write_all(text.as_bytes())?;
    if let Some(path) = output::junit::destination(args.junit.as_deref()) {
        output::junit::write(&output::junit::lint(&findings, args.strict), &path)?;
    }
    let failed = errors > 0 || (args.strict && warnings > 0);
    Ok(if failed {
        crate::exit::Exit::Problems
    } else {
        crate::exit::Exit::Ok
    })
}
