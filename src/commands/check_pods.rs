//! `kubectl prow check-pods`: would each job's pod be admitted in its context? Every pod is
//! sent with `dryRun=All`; nothing is created.

use std::io::{IsTerminal, Write};
use std::time::Duration;

use clap::{Args, ValueEnum};

use super::global::GlobalArgs;
use crate::admission::{self, Documents, JobResult, PlanOptions, Status};
use crate::exit::Exit;
use crate::output;
use crate::placement::place;
use crate::prow::JobKind;
use crate::rbac::RunOptions;
use crate::{Error, Result};

pub const AFTER_HELP: &str = "\
Builds the pod Prow's plank would create for every job that runs in a context
(decoration, presets, Prow's labels and environment; run-time values such as
the build id and the pull request are placeholders) and sends it to that
context's API server with dryRun=All: admission (Pod Security, LimitRanges,
ResourceQuotas, ServiceAccounts, webhooks, validation) answers; nothing is
created. Secrets, ConfigMaps and PersistentVolumeClaims the pods name are
looked up with a metadata-only get where the context may. The namespace is
the context's; under --merge prow or without one, Prow's pod_namespace; -n
overrides. It cannot know what happens after admission: scheduling, image
pulls, node capacity.

Exit codes: 0 all admitted; 1 something refused, a context missing, or a
reference absent; 3 invalid configuration; 4 a context could not be asked (4
wins over 1).

Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --config-path config.yaml \\
      --job-config-path jobs/ check-pods
  kubectl prow --config-path config.yaml --job-config-path jobs/ \\
      check-pods --context build01 --job 'pull-*' -o json
  kubectl prow --config-path config.yaml --job-config-path jobs/ \\
      check-pods --job ci-foo --print-pods > pods.json";

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TypeFilter {
    Presubmit,
    Postsubmit,
    Periodic,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum PodsFormat {
    /// Per-context counts, refusals grouped by message, a summary
    Text,
    /// One object per job
    Json,
    /// One object per job
    Yaml,
}

#[derive(Debug, Clone, Args)]
pub struct CheckPodsArgs {
    /// Only jobs of this type
    #[arg(long = "type", value_enum)]
    pub kind: Option<TypeFilter>,
    /// Only jobs of this repository (org/repo, or a Gerrit URL as written)
    #[arg(long, value_name = "REPO")]
    pub repo: Option<String>,
    /// Only jobs whose name matches (repeatable; `*` and `?` globs)
    #[arg(long = "job", value_name = "NAME")]
    pub jobs: Vec<String>,
    /// Print the pods (a JSON v1 List, one pod per job) instead of asking any server
    #[arg(long)]
    pub print_pods: bool,
    /// List every job of a group, not the first 3
    #[arg(long)]
    pub verbose: bool,
    /// Also write the answers as JUnit XML (a suite per context, a case per job) [default in
    /// a Prow job: $ARTIFACTS/junit_kubectl-prow.xml]
    #[arg(long, value_name = "FILE")]
    pub junit: Option<std::path::PathBuf>,
    /// Output format
    #[arg(short = 'o', long = "output", value_enum, default_value_t = PodsFormat::Text)]
    pub output: PodsFormat,
}

pub fn run(
    global: &GlobalArgs,
    args: &CheckPodsArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit> {
    let Some(config) = super::load_job_config(global)? else {
        return Err(Error::Usage(
            "check-pods needs Prow's configuration: pass --job-config-path and/or --config-path"
                .into(),
        ));
    };
    super::print_findings(&config.findings, err)?;
    let broken = config
        .findings
        .iter()
        .any(|f| f.severity == crate::finding::Severity::Error);
    let docs = Documents::read(
        global.config_path.as_deref(),
        global.job_config_path.as_deref(),
    )
    .map_err(Error::invalid)?;
    // --context selects jobs (it may name a context no file defines: those are `missing`).
    let filter_contexts = global.context.clone();
    let loading = GlobalArgs {
        context: Vec::new(),
        namespace: Vec::new(),
        ..global.clone()
    };
    let set = super::load_contexts_disabling(&loading, config.prow_config.as_ref(), err)?;
    let placed = place(&config.jobs, &set, global.use_explicit_credentials);
    let wanted_kind = args.kind.map(|k| match k {
        TypeFilter::Presubmit => JobKind::Presubmit,
        TypeFilter::Postsubmit => JobKind::Postsubmit,
        TypeFilter::Periodic => JobKind::Periodic,
    });
    let selected: Vec<_> = placed
        .into_iter()
        .filter(|p| {
            filter_contexts.is_empty()
                || p.context
                    .is_some_and(|c| filter_contexts.iter().any(|f| f == c))
        })
        .filter(|p| wanted_kind.is_none_or(|k| p.job.kind == k))
        .filter(|p| {
            args.repo
                .as_deref()
                .is_none_or(|r| p.job.repo.as_deref() == Some(r))
        })
        .filter(|p| args.jobs.is_empty() || args.jobs.iter().any(|g| glob(g, &p.job.name)))
        .collect();
    let plan = admission::plan(
        &selected,
        &set,
        &docs,
        &PlanOptions {
            namespace: global.namespace(),
            explicit_credentials: global.use_explicit_credentials,
        },
    );
    if args.print_pods {
        let items: Vec<&serde_json::Value> = plan
            .jobs
            .iter()
            .filter_map(|(r, _)| r.pod.as_ref())
            .collect();
        let list = serde_json::json!({"apiVersion": "v1", "kind": "List", "items": items});
        out.write_all(output::json(&list).as_bytes())?;
        return Ok(if broken {
            Exit::InvalidConfig
        } else {
            Exit::Ok
        });
    }
    let opts = RunOptions {
        timeout: super::check_rbac::request_timeout(global),
        impersonate: super::check_rbac::impersonation(global),
        via: None,
    };
    let answers = ask(&plan.targets, &opts)?;
    let mut results = admission::results(plan, &answers);
    // What servers and files say reaches every output escaped (JSON escapes control characters
    // but not bidirectional overrides).
    for r in &mut results {
        for text in [&mut r.message, &mut r.reason].into_iter().flatten() {
            *text = output::sanitize(text);
        }
        for x in &mut r.references {
            x.name = output::sanitize(&x.name);
        }
    }
    if results.is_empty() {
        writeln!(err, "No resources found: no jobs to check")?;
    }
    let text = match args.output {
        PodsFormat::Json => output::json(&results),
        PodsFormat::Yaml => output::yaml(&results),
        PodsFormat::Text if results.is_empty() => String::new(),
        PodsFormat::Text => {
            output::admission::text(&results, args.verbose, output::terminal_width())
        }
    };
    out.write_all(text.as_bytes())?;
    if let Some(path) = output::junit::destination(args.junit.as_deref()) {
        output::junit::write(&output::junit::check_pods(&results), &path)?;
    }
    Ok(
        if broken
            || results
                .iter()
                .any(|r| r.status == Status::Error && r.reason.as_deref() == Some("Config"))
        {
            Exit::InvalidConfig
        } else {
            exit_code(&results)
        },
    )
}

/// 4 when a context could not be asked, else 1 when something is refused, missing or absent.
pub(crate) fn exit_code(results: &[JobResult]) -> Exit {
    if results.iter().any(|r| r.status == Status::Error) {
        Exit::Cluster
    } else if results
        .iter()
        .any(|r| matches!(r.status, Status::Refused | Status::Missing) || r.references_absent())
    {
        Exit::Problems
    } else {
        Exit::Ok
    }
}

/// Asks on a small runtime of its own, with progress on a terminal after a second.
fn ask(
    targets: &[admission::Target],
    opts: &RunOptions,
) -> Result<Vec<admission::run::TargetAnswer>> {
    let runtime = super::check_rbac::runtime()?;
    let n: usize = targets.iter().map(|t| t.pods.len()).sum();
    let answers = runtime.block_on(async {
        let progress = std::io::stderr().is_terminal().then(|| {
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_secs(1)).await;
                eprint!("asking about {n} pod(s)…");
            })
        });
        let answers = admission::run::run(targets, opts).await;
        if let Some(p) = progress {
            if p.is_finished() {
                eprint!("\r\x1b[K");
            }
            p.abort();
        }
        answers
    });
    runtime.shutdown_background();
    Ok(answers)
}

/// A shell-style glob: `*` any run, `?` one character.
pub(crate) fn glob(pattern: &str, name: &str) -> bool {
    let p: Vec<char> = pattern.chars().collect();
    let n: Vec<char> = name.chars().collect();
    let (mut pi, mut ni) = (0, 0);
    let (mut star, mut mark) = (None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    while pi < p.len() && p[pi] == '*' {
        pi += 1;
    }
    pi == p.len()
}

#[cfg(test)]
mod tests {
    use super::glob;

    #[test]
    fn globs() {
        assert!(glob("pull-*", "pull-test-infra"));
        assert!(glob("*infra*", "pull-test-infra-bazel"));
        assert!(glob("ci-?", "ci-a"));
        assert!(!glob("ci-?", "ci-ab"));
        assert!(glob("exact", "exact"));
        assert!(!glob("exact", "exactly"));
    }
}
