//! `migrate plan`: the federated design's migration checklist, each step done, to do (with the command
//! that does it) or blocked (with what it waits for), from the loaded kubeconfigs, Prow
//! configuration and jobs, and, online, the answers of the ProwJob context.

use std::collections::BTreeSet;

use serde::Serialize;

use crate::kubeconfig::ContextSet;
use crate::prow::JobConfig;
use crate::rbac::appliers::Applier;
use crate::rbac::suggest::quote;
use crate::rbac::{ContextReport, Status};

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum StepStatus {
    Done,
    Todo,
    Blocked,
}

impl StepStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            StepStatus::Done => "done",
            StepStatus::Todo => "to do",
            StepStatus::Blocked => "blocked",
        }
    }
}

/// One step of the checklist.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Step {
    pub step: &'static str,
    pub status: StepStatus,
    pub detail: String,
    /// What to run for a step to do.
    pub command: Option<String>,
}

/// What the checklist is made from.
pub struct Inputs<'a> {
    pub set: &'a ContextSet,
    pub config: Option<&'a JobConfig>,
    /// `--online`: the check-rbac reports of the ProwJob context (and job contexts).
    pub online: Option<&'a [ContextReport]>,
    /// `--online`: for each API server and namespace with denials, the loaded context that may
    /// create Roles and RoleBindings there (check-rbac `--suggest`'s question).
    pub appliers: &'a [Applier],
    /// `kubectl prow` with the loading flags the plan was run with, for the commands.
    pub prefix: String,
}

pub fn steps(i: &Inputs) -> Vec<Step> {
    let mut out = vec![
        contexts_namespace(i),
        jobs_cluster(i),
        explicit_credentials(i),
        namespace_fields(i),
    ];
    if let Some(reports) = i.online {
        out.push(prowjob_context(&i.prefix, reports, i.appliers));
        out.push(job_contexts(&i.prefix, reports, i.appliers));
    }
    out
}

fn step(step: &'static str, status: StepStatus, detail: String, command: Option<String>) -> Step {
    Step {
        step,
        status,
        detail,
        command,
    }
}

fn contexts_namespace(i: &Inputs) -> Step {
    let name = "contexts-name-namespaces";
    let real: Vec<_> = i
        .set
        .contexts
        .iter()
        .filter(|c| c.alias_of.is_none())
        .collect();
    if real.is_empty() {
        return step(
            name,
            StepStatus::Blocked,
            "no context loaded: give the kubeconfigs with --kubeconfig or --kubeconfig-dir".into(),
            None,
        );
    }
    let missing: Vec<_> = real
        .iter()
        .filter(|c| c.namespace.as_deref().is_none_or(str::is_empty))
        .collect();
    if missing.is_empty() {
        return step(
            name,
            StepStatus::Done,
            format!("all {} context(s) name a namespace", real.len()),
            None,
        );
    }
    let ns = i
        .config
        .and_then(|c| c.prow_config.as_ref())
        .map_or("NAMESPACE", |p| p.pod_namespace());
    let commands: Vec<String> = missing
        .iter()
        .map(|c| {
            format!(
                "kubectl config set-context {} --namespace={ns} --kubeconfig {}",
                c.name,
                c.origin.file.display()
            )
        })
        .collect();
    let names: Vec<&str> = missing.iter().map(|c| c.name.as_str()).collect();
    step(
        name,
        StepStatus::Todo,
        format!(
            "{} context(s) name no namespace: {}",
            missing.len(),
            names.join(", ")
        ),
        Some(commands.join(" && ")),
    )
}

fn needs_cluster(config: &JobConfig) -> usize {
    config
        .jobs
        .iter()
        .filter(|j| j.cluster().is_none() && j.agent.runs_in_context())
        .count()
}

fn jobs_cluster(i: &Inputs) -> Step {
    let name = "jobs-set-cluster";
    let Some(config) = i.config else {
        return step(
            name,
            StepStatus::Blocked,
            "no job configuration: give --config-path and/or --job-config-path".into(),
            None,
        );
    };
    match needs_cluster(config) {
        0 => step(
            name,
            StepStatus::Done,
            format!(
                "all {} job(s) that run in a context set cluster",
                config.jobs.len()
            ),
            None,
        ),
        n => step(
            name,
            StepStatus::Todo,
            format!("{n} job(s) set no cluster and run in `default` only by defaulting"),
            Some(format!("{} migrate jobs --write", i.prefix)),
        ),
    }
}

fn explicit_credentials(i: &Inputs) -> Step {
    let name = "use-explicit-credentials";
    let Some(config) = i.config else {
        return step(
            name,
            StepStatus::Blocked,
            "no job configuration to check".into(),
            None,
        );
    };
    let n = needs_cluster(config);
    if n > 0 {
        return step(
            name,
            StepStatus::Blocked,
            format!("{n} job(s) would run nowhere: do jobs-set-cluster first"),
            None,
        );
    }
    let unknown: BTreeSet<&str> = config
        .jobs
        .iter()
        .filter_map(|j| j.effective_context(true))
        .filter(|c| i.set.get(c).is_none())
        .collect();
    if !unknown.is_empty() {
        let list: Vec<&str> = unknown.into_iter().collect();
        return step(
            name,
            StepStatus::Todo,
            format!(
                "jobs name contexts no kubeconfig defines: {}; add them (kubectl prow grant \
                 --kubeconfig-out writes one per cluster and namespace)",
                list.join(", ")
            ),
            None,
        );
    }
    step(
        name,
        StepStatus::Done,
        "no job would be stranded: --use-explicit-credentials can be set on Prow's components"
            .into(),
        None,
    )
}

fn namespace_fields(i: &Inputs) -> Step {
    let name = "unset-namespace-fields";
    let Some(prow) = i.config.and_then(|c| c.prow_config.as_ref()) else {
        return step(
            name,
            StepStatus::Blocked,
            "no Prow config: give --config-path".into(),
            None,
        );
    };
    let set: Vec<String> = [
        ("pod_namespace", &prow.pod_namespace),
        ("prowjob_namespace", &prow.prowjob_namespace),
    ]
    .into_iter()
    .filter_map(|(k, v)| v.as_ref().map(|v| format!("{k} ({})", v.origin)))
    .collect();
    if set.is_empty() {
        return step(
            name,
            StepStatus::Done,
            "neither pod_namespace nor prowjob_namespace is set".into(),
            None,
        );
    }
    step(
        name,
        StepStatus::Todo,
        format!("still set: {}", set.join(", ")),
        Some(format!("{} migrate config --write", i.prefix)),
    )
}

fn prowjob_context(prefix: &str, reports: &[ContextReport], appliers: &[Applier]) -> Step {
    let name = "prowjob-context-permitted";
    let pj: Vec<&ContextReport> = reports.iter().filter(|r| r.prow_job_context).collect();
    if pj.is_empty() {
        return step(
            name,
            StepStatus::Blocked,
            "no ProwJob context: name it with --prow-job-context (or load an in-cluster context \
             from a pod)"
                .into(),
            None,
        );
    }
    if let Some(step) = asked(prefix, name, &pj, appliers) {
        return step;
    }
    if let Some(r) = pj.iter().find(|r| r.crd == Some(crate::rbac::Crd::Missing)) {
        return step(
            name,
            StepStatus::Todo,
            format!(
                "the ProwJob CRD (prowjobs.prow.k8s.io) is not installed in context {:?}: Prow \
                 cannot run there",
                r.context
            ),
            None,
        );
    }
    step(
        name,
        StepStatus::Done,
        format!(
            "the ProwJob context {:?} answers and allows what Prow needs",
            pj[0].context
        ),
        None,
    )
}

/// The job (build) contexts, each asked as check-rbac asks: a step of their own, so that a
/// build cluster that cannot be asked is not reported as the ProwJob context's problem.
fn job_contexts(prefix: &str, reports: &[ContextReport], appliers: &[Applier]) -> Step {
    let name = "job-contexts-permitted";
    let jobs: Vec<&ContextReport> = reports.iter().filter(|r| !r.prow_job_context).collect();
    if let Some(step) = asked(prefix, name, &jobs, appliers) {
        return step;
    }
    step(
        name,
        StepStatus::Done,
        match jobs.len() {
            0 => "no job context besides the ProwJob context".into(),
            n => format!("{n} job context(s) answer and allow what Prow's components need"),
        },
        None,
    )
}

/// `blocked` naming every context that could not be asked, else `to do` naming every one that
/// denies something (or that jobs name and no file defines); `None` when all answered yes.
fn asked(
    prefix: &str,
    name: &'static str,
    reports: &[&ContextReport],
    appliers: &[Applier],
) -> Option<Step> {
    let failed: Vec<String> = reports
        .iter()
        .filter(|r| r.status == Status::Error)
        .map(|r| {
            let why = r
                .error
                .as_ref()
                .map(ToString::to_string)
                .unwrap_or_default();
            format!("{:?} ({why})", r.context)
        })
        .collect();
    if !failed.is_empty() {
        return Some(step(
            name,
            StepStatus::Blocked,
            format!("could not be asked: {}", failed.join(", ")),
            None,
        ));
    }
    let bad: Vec<&str> = reports
        .iter()
        .filter(|r| r.status != Status::Ok)
        .map(|r| r.context.as_str())
        .collect();
    if bad.is_empty() {
        return None;
    }
    let (command, note) = apply_command(prefix, reports, appliers);
    Some(step(
        name,
        StepStatus::Todo,
        format!("denied or missing in: {}{note}", bad.join(", ")),
        Some(command),
    ))
}

/// How to apply what is missing: with the loaded context that may create Roles and
/// RoleBindings on that server (never the denied one, unless it may); with `--suggest-dir` when
/// several servers or contexts are involved; as a cluster administrator when no loaded context
/// may, said in the detail.
fn apply_command(
    prefix: &str,
    reports: &[&ContextReport],
    appliers: &[Applier],
) -> (String, String) {
    let mut who: Vec<Option<&str>> = Vec::new();
    let mut nobody: Vec<String> = Vec::new();
    for r in reports {
        let Some(server) = &r.server else { continue };
        for c in r.denied() {
            let a = appliers
                .iter()
                .find(|a| a.server == *server && a.namespace == c.namespace);
            let ctx = a.and_then(|a| a.context.as_deref());
            if ctx.is_none() {
                let place = format!("{server} (namespace {})", c.namespace);
                if !nobody.contains(&place) {
                    nobody.push(place);
                }
            }
            if !who.contains(&ctx) {
                who.push(ctx);
            }
        }
    }
    let note = if nobody.is_empty() {
        String::new()
    } else {
        format!(
            "; no loaded context may create Roles and RoleBindings on {}: apply as a cluster \
             administrator (or a user bound to the `admin` ClusterRole there)",
            nobody.join(", ")
        )
    };
    let command = match who.as_slice() {
        [Some(ctx)] => format!(
            "{prefix} check-rbac --suggest | kubectl --context {} apply -f -",
            quote(ctx)
        ),
        [None] | [] => {
            format!("{prefix} check-rbac --suggest | kubectl --context ADMIN apply -f -")
        }
        _ => format!("{prefix} check-rbac --suggest --suggest-dir rbac/"),
    };
    (command, note)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rbac::{Crd, Failure, FailureKind};

    fn report(context: &str, prow_job_context: bool, status: Status) -> ContextReport {
        ContextReport {
            context: context.into(),
            alias_of: None,
            namespace: "test-pods".into(),
            server: Some("https://127.0.0.1:6443".into()),
            identity: None,
            status,
            error: (status == Status::Error)
                .then(|| Failure::new(FailureKind::Unreachable, "connection refused")),
            prow_job_context,
            crd: prow_job_context.then_some(Crd::Installed),
            via: None,
            server_certificate: None,
            credentials: Vec::new(),
            checks: Vec::new(),
        }
    }

    fn statuses(reports: &[ContextReport]) -> [(StepStatus, String); 2] {
        let pj = prowjob_context("kubectl prow", reports, &[]);
        let jobs = job_contexts("kubectl prow", reports, &[]);
        [(pj.status, pj.detail), (jobs.status, jobs.detail)]
    }

    /// A build context that cannot be asked blocks the job contexts' step, not the ProwJob
    /// context's, which answered.
    #[test]
    fn a_dead_build_context_is_the_job_step_not_the_prowjob_step() {
        let [pj, jobs] = statuses(&[
            report("service", true, Status::Ok),
            report("build01", false, Status::Error),
        ]);
        assert_eq!(pj.0, StepStatus::Done, "{}", pj.1);
        assert_eq!(jobs.0, StepStatus::Blocked);
        assert_eq!(
            jobs.1,
            "could not be asked: \"build01\" (unreachable: connection refused)"
        );
    }

    #[test]
    fn a_dead_prowjob_context_is_the_prowjob_step() {
        let [pj, jobs] = statuses(&[
            report("service", true, Status::Error),
            report("build01", false, Status::Ok),
        ]);
        assert_eq!(pj.0, StepStatus::Blocked);
        assert!(pj.1.contains("\"service\""), "{}", pj.1);
        assert_eq!(jobs.0, StepStatus::Done, "{}", jobs.1);
    }

    #[test]
    fn denials_and_a_missing_crd_are_to_do_where_they_are() {
        let mut service = report("service", true, Status::Ok);
        service.crd = Some(Crd::Missing);
        let [pj, jobs] = statuses(&[service, report("build01", false, Status::Denied)]);
        assert_eq!(pj.0, StepStatus::Todo);
        assert!(pj.1.contains("ProwJob CRD"), "{}", pj.1);
        assert_eq!(
            jobs,
            (StepStatus::Todo, "denied or missing in: build01".into())
        );
    }
}
