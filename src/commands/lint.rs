//! `kubectl prow lint`: every static finding about the kubeconfigs and the job configuration.

use std::io::Write;

use clap::{Args, ValueEnum};
use serde::Serialize;

use crate::Result;
use crate::cli::GlobalArgs;
use crate::finding::{Finding, Severity};
use crate::lint::{LintOptions, check};
use crate::output;

pub const AFTER_HELP: &str = "\
Checks (no cluster is contacted):
  error    unknown-context             a job targets a context that is not loaded
  error    missing-cluster             a job sets no cluster under --use-explicit-credentials
  error    unknown-prow-job-context    --prow-job-context is not loaded
  error    duplicate-basename          two job files share a base name (Prow refuses them)
  error    invalid-yaml, ...           a job file cannot be read; the rest is still checked
  warning  duplicate-endpoint          two contexts share server, namespace and user
  warning  no-default-context          jobs without cluster fall to the service cluster
  warning  presubmit-in-service-cluster  presubmits run next to Prow's own credentials
  warning  jenkins-with-cluster        a Jenkins job sets cluster
  warning  namespace-with-explicit-credentials  pod_namespace/prowjob_namespace still set
  warning  unknown-disabled-cluster, unknown-allowed-cluster
  info     unused-context              no job runs in a context
Exit code 1 when an error is found; warnings count too with --strict.

Examples:
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --config-path config.yaml --job-config-path jobs lint
  kubectl prow --kubeconfig k.yaml --job-config-path jobs --use-explicit-credentials lint --strict -o json";

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
) -> Result<i32> {
    let config = super::load_job_config(global)?;
    let set = super::load_contexts_disabling(
        global,
        config.as_ref().and_then(|c| c.prow_config.as_ref()),
        err,
    )?;
    let findings = check(
        &set,
        config.as_ref(),
        LintOptions {
            explicit_credentials: global.use_explicit_credentials,
        },
    );
    let count = |s: Severity| findings.iter().filter(|f| f.severity == s).count();
    let (errors, warnings, infos) = (
        count(Severity::Error),
        count(Severity::Warning),
        count(Severity::Info),
    );
    let text = match args.output {
        LintFormat::Json => {
            output::json(&findings.iter().map(FindingRow::from).collect::<Vec<_>>())
        }
        LintFormat::Yaml => {
            output::yaml(&findings.iter().map(FindingRow::from).collect::<Vec<_>>())
        }
        LintFormat::Text => {
            let mut text = String::new();
            let mut last: Option<(Severity, &str)> = None;
            for f in &findings {
                if last != Some((f.severity, f.code)) {
                    let n = findings
                        .iter()
                        .filter(|g| g.code == f.code && g.severity == f.severity)
                        .count();
                    text.push_str(&format!("{}[{}] ({n}):\n", f.severity, f.code));
                    last = Some((f.severity, f.code));
                }
                let place = f
                    .origin
                    .as_ref()
                    .map(|o| format!("{o}: "))
                    .unwrap_or_default();
                text.push_str(&format!("  {place}{}\n", f.message));
                if !f.fix.is_empty() {
                    text.push_str(&format!("    fix: {}\n", f.fix));
                }
            }
            text.push_str(&format!(
                "{errors} error(s), {warnings} warning(s), {infos} info\n"
            ));
            text
        }
    };
    out.write_all(text.as_bytes())?;
    let failed = errors > 0 || (args.strict && warnings > 0);
    Ok(if failed {
        crate::exit::PROBLEMS
    } else {
        crate::exit::OK
    })
}
