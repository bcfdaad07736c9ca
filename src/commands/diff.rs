//! `kubectl prow diff --base REF`: which jobs a change adds, removes or moves to another
//! context, from the job configuration at a git revision to the working tree.

use std::io::Write;

use clap::Args;

use super::global::GlobalArgs;
use crate::exit::Exit;
use crate::finding::Severity;
use crate::output::{self, Format};
use crate::status::diff;
use crate::{Error, Result, prow};

pub const AFTER_HELP: &str = "\
Reads --config-path, --job-config-path and each --in-repo-config checkout's
.prow/ or .prow.yaml as they are at the git revision REF
(with git archive, into a temporary directory: the working tree is not
touched) and as they are now, places every job on its context with the same
kubeconfigs, and lists the jobs added, removed and moved (context changed),
then the contexts whose job count changes. A job added to, or moved into, a
context no loaded kubeconfig defines is an error (exit 1). Offline, unless
--check-rbac asks check-rbac's questions of the contexts that gain jobs
(exit 1 denied, 4 not answered).

Global flags (--kubeconfig, --context, -n, ...): kubectl prow options

Examples:
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --config-path config.yaml \\
      --job-config-path config/jobs diff --base origin/main
  kubectl prow --kubeconfig-dir /etc/kubeconfigs --job-config-path jobs/ \\
      diff --base HEAD~1 -o json";

#[derive(Debug, Clone, Args)]
pub struct DiffArgs {
    /// The git revision to compare the working tree with (a commit, branch or tag)
    #[arg(long, value_name = "REF")]
    pub base: String,
    /// Output format
    #[arg(short = 'o', long = "output", default_value_t = Format::Table,
          value_parser = super::global::format_parser(&[Format::Table, Format::Json, Format::Yaml]))]
    pub output: Format,
    /// Also ask check-rbac's questions of the contexts that gain jobs (pods, pods/log and
    /// events in their namespaces)
    #[arg(long)]
    pub check_rbac: bool,
    /// Also write the errors as JUnit XML [default in a Prow job:
    /// $ARTIFACTS/junit_kubectl-prow.xml]
    #[arg(long, value_name = "FILE")]
    pub junit: Option<std::path::PathBuf>,
}

pub fn run(
    global: &GlobalArgs,
    args: &DiffArgs,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> Result<Exit> {
    if !global.has_job_config() {
        return Err(Error::Usage(
            "diff compares job configuration: give --config-path and/or --job-config-path".into(),
        ));
    }
    let head = super::load_job_config(global)?.unwrap_or_default();
    super::print_findings(&head.findings, err)?;
    let at = diff::at_revision(
        &args.base,
        global.config_path.as_deref(),
        global.job_config_path.as_deref(),
    )?;
    let mut base = if at.config_path.is_some() || at.job_config_path.is_some() {
        prow::load(at.config_path.as_deref(), at.job_config_path.as_deref())
            .map_err(|e| Error::invalid(format!("--base {:?}: {e}", args.base)))?
    } else {
        prow::JobConfig::default()
    };
    // Each checkout's in-repo configuration at the same revision of its own repository.
    let mut kept = Vec::new();
    for (repo, dir) in super::in_repo_checkouts(global)? {
        let (tmp, at) = diff::in_repo_at(&args.base, &dir)?;
        let found = prow::inrepo::read(&repo, &at).map_err(|e| {
            Error::invalid(format!("--base {:?}: {}: {e}", args.base, dir.display()))
        })?;
        base.jobs.extend(found.jobs);
        kept.push(tmp);
    }
    let set = super::load_for_listing(global, head.prow_config.as_ref(), err)?;
    let d = diff::diff(
        &args.base,
        &base,
        &head,
        &set,
        global.use_explicit_credentials,
    );
    // The contexts that gain jobs and that a file defines: the ones whose permissions the
    // change starts to rely on.
    let gaining: Vec<String> = d
        .contexts
        .iter()
        .filter(|c| c.after > c.before && set.get(&c.context).is_some())
        .map(|c| c.context.clone())
        .collect();
    let reports = if args.check_rbac && !gaining.is_empty() {
        let defaults = head.prow_config.clone().unwrap_or_default();
        let plan = crate::rbac::Plan::new(
            &set,
            &crate::rbac::PlanOptions {
                only: gaining,
                namespace: global.namespace(),
                pod_namespace: defaults.pod_namespace().to_string(),
                prowjob_namespace: defaults.prowjob_namespace().to_string(),
                ..Default::default()
            },
        )?;
        let opts = super::check_rbac::bounded_run_options(global);
        Some(super::check_rbac::ask(&plan, &opts)?)
    } else {
        None
    };
    #[derive(serde::Serialize)]
    struct WithRbac<'a> {
        #[serde(flatten)]
        diff: &'a diff::Diff,
        #[serde(skip_serializing_if = "Option::is_none")]
        rbac: Option<&'a [crate::rbac::ContextReport]>,
    }
    let whole = WithRbac {
        diff: &d,
        rbac: reports.as_deref(),
    };
    let text = match args.output {
        Format::Json => output::json(&whole),
        Format::Yaml => output::yaml(&whole),
        _ => {
            let mut t = output::diff::table(&d, output::terminal_width());
            if let Some(r) = &reports {
                t.push('\n');
                t.push_str(&output::rbac::table(
                    r,
                    output::rbac::By::Summary,
                    false,
                    false,
                    output::terminal_width(),
                    output::findings::use_color(),
                ));
                t.push_str(&output::rbac::notes(r));
            }
            t
        }
    };
    out.write_all(text.as_bytes())?;
    super::print_findings(&d.findings, err)?;
    if let Some(path) = output::junit::destination(args.junit.as_deref()) {
        output::junit::write(&output::junit::lint(&d.findings, false), &path)?;
    }
    let rbac = reports
        .as_deref()
        .map_or(Exit::Ok, super::check_rbac::exit_code);
    if rbac != Exit::Ok {
        return Ok(rbac);
    }
    Ok(
        if d.findings.iter().any(|f| f.severity == Severity::Error) {
            Exit::Problems
        } else {
            Exit::Ok
        },
    )
}
