//! Pod admission: would each job's pod be admitted in its context? The Pod Prow's plank would
//! create for each job ([`prowjob`]: Prow's config defaulting and `pjutil.NewProwJob`;
//! [`pod`]: `decorate.ProwJobToPod`), sent with `dryRun=All` through `rbac::transport` to the
//! job's context ([`run`]); what admission refuses, and what it lets through but leaves a pod
//! stuck on ([`refs`]: missing Secrets, ConfigMaps, PersistentVolumeClaims). It reads
//! `placement`'s placed jobs and sits beside `rbac`.

pub mod pod;
pub mod prowjob;
pub mod refs;
pub mod run;

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::Serialize;
use serde_json::Value;

use crate::kubeconfig::{Context, ContextSet, MergeMode};
use crate::placement::Placed;
use crate::prow::{Agent, Job};

pub use prowjob::Settings;

/// How a job ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// The API server would create the pod.
    Admitted,
    /// The API server refused the pod (its `reason` and `message` say why).
    Refused,
    /// The context could not be asked, or the pod could not be built.
    Error,
    /// Not asked: the job does not run as a pod in a context (Tekton, in-repo).
    Skipped,
    /// The job's context is defined in no loaded file.
    Missing,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Admitted => "admitted",
            Status::Refused => "refused",
            Status::Error => "error",
            Status::Skipped => "skipped",
            Status::Missing => "missing",
        }
    }
}

/// A Secret, ConfigMap or PersistentVolumeClaim the pod names.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Reference {
    pub kind: &'static str,
    pub name: String,
    /// `None`: not checked (the identity may not `get` it, or the context failed).
    pub exists: Option<bool>,
    /// Why it was not checked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reason: Option<String>,
}

/// One job's answer. The keys are an interface (`-o json`): add, never rename.
#[derive(Clone, Debug, Serialize)]
pub struct JobResult {
    pub job: String,
    #[serde(rename = "type")]
    pub kind: String,
    pub repo: Option<String>,
    pub context: Option<String>,
    pub namespace: Option<String>,
    pub file: String,
    pub line: u32,
    pub status: Status,
    /// The Status `reason` of a refusal (`Forbidden`, `Invalid`, ...), or the failure kind.
    pub reason: Option<String>,
    /// The API server's message (or why the job was skipped or failed).
    pub message: Option<String>,
    pub references: Vec<Reference>,
    /// The pod that was (or would have been) sent.
    #[serde(skip)]
    pub pod: Option<Value>,
}

impl JobResult {
    /// A reference that does not exist.
    pub fn references_absent(&self) -> bool {
        self.references.iter().any(|r| r.exists == Some(false))
    }
}

/// What to ask one context: its distinct pods and references.
#[derive(Clone, Debug)]
pub struct Target {
    pub context: Context,
    pub namespace: String,
    pub pods: Vec<Value>,
    pub references: Vec<(refs::Kind, String)>,
}

/// Every job with the pod it sends (an index into its target's pods), and the targets.
#[derive(Clone, Debug, Default)]
pub struct Plan {
    pub jobs: Vec<(JobResult, Option<(usize, usize)>)>,
    pub targets: Vec<Target>,
}

/// Where the pods go.
#[derive(Clone, Debug, Default)]
pub struct PlanOptions {
    /// `-n`: every pod in this namespace.
    pub namespace: Option<String>,
    /// `--use-explicit-credentials`.
    pub explicit_credentials: bool,
}

/// Prow's documents, read once: the config file's, and every job file's (presets are global).
#[derive(Debug, Default)]
pub struct Documents {
    docs: HashMap<PathBuf, Option<Value>>,
    pub settings: Settings,
}

impl Documents {
    /// Reads the config file and every job-config file under `job_config_path`.
    pub fn read(
        config_path: Option<&Path>,
        job_config_path: Option<&Path>,
    ) -> Result<Documents, String> {
        let mut docs = HashMap::new();
        let read =
            |p: &Path| crate::prow::read_document(p).map_err(|e| format!("{}: {e}", p.display()));
        let config = match config_path {
            Some(p) => {
                let d = read(p)?;
                docs.insert(p.to_path_buf(), d.clone());
                d
            }
            None => None,
        };
        let mut settings = Settings::from_config(config.as_ref())
            .map_err(|e| format!("{}: {e}", config_path.unwrap_or(Path::new("")).display()))?;
        if let Some(root) = job_config_path {
            for file in crate::prow::job_files(root) {
                let d = read(&file)?;
                if let Some(d) = &d {
                    settings.add_presets(d);
                }
                docs.insert(file, d);
            }
        }
        Ok(Documents { docs, settings })
    }

    /// The body of each job, matched by file, kind, repository and name in reading order.
    fn bodies<'a>(&'a self, jobs: &[&Job]) -> Vec<Option<&'a Value>> {
        let mut index: HashMap<&Path, Vec<prowjob::Body<'_>>> = HashMap::new();
        let mut used: HashMap<(&Path, usize), bool> = HashMap::new();
        jobs.iter()
            .map(|job| {
                let file: &Path = &job.origin.file;
                let entries = index.entry(file).or_insert_with(|| {
                    self.docs
                        .get(file)
                        .and_then(Option::as_ref)
                        .map(prowjob::bodies)
                        .unwrap_or_default()
                });
                let found = entries.iter().enumerate().position(|(i, (k, r, b))| {
                    *k == job.kind
                        && r.as_deref() == job.repo.as_deref()
                        && b.get("name").and_then(Value::as_str).unwrap_or("") == job.name
                        && !used.contains_key(&(file, i))
                });
                found.map(|i| {
                    used.insert((file, i), true);
                    entries[i].2
                })
            })
            .collect()
    }
}

/// The pod plank would create for each job, in `pod_namespace`, without asking anything:
/// `None` for a job whose entry is not found again, `Err` for what Prow refuses while loading
/// or decorating. `undecorated`: the job's pod with its decoration removed (Prow's
/// undecorated path, for the differential test against Prow's own code).
pub fn pods(
    docs: &Documents,
    jobs: &[&Job],
    undecorated: bool,
) -> Vec<Option<Result<Value, String>>> {
    docs.bodies(jobs)
        .into_iter()
        .zip(jobs)
        .map(|(body, job)| {
            body.map(|body| {
                prowjob::prowjob(
                    &docs.settings,
                    job.kind,
                    job.repo.as_deref(),
                    body,
                    undecorated,
                )
                .and_then(|pj| {
                    if undecorated && pj.decoration.is_none() && !decorated(docs, job, body) {
                        return Err("not decorated".into());
                    }
                    pod::plank_pod(&pj, &docs.settings.pod_namespace)
                })
            })
        })
        .collect()
}

/// Whether Prow decorates the job (its own `decorate`, else `decorate_all_jobs`).
fn decorated(docs: &Documents, _job: &Job, body: &Value) -> bool {
    body.get("decorate")
        .and_then(Value::as_bool)
        .unwrap_or(docs.settings.decorate_all_jobs)
        || body.get("decoration_config").is_some_and(|d| !d.is_null())
}

/// Builds every job's pod and groups them by context: identical pods of one context once.
pub fn plan(placed: &[Placed<'_>], set: &ContextSet, docs: &Documents, opts: &PlanOptions) -> Plan {
    let jobs: Vec<&Job> = placed.iter().map(|p| p.job).collect();
    let bodies = docs.bodies(&jobs);
    let mut out = Plan::default();
    let mut by_context: HashMap<String, usize> = HashMap::new();
    let mut pod_index: Vec<HashMap<String, usize>> = Vec::new();
    for (p, body) in placed.iter().zip(bodies) {
        let job = p.job;
        let mut result = JobResult {
            job: job.name.clone(),
            kind: job.kind.as_str().to_string(),
            repo: job.repo.clone(),
            context: p.context.map(str::to_string),
            namespace: None,
            file: job.origin.file.display().to_string(),
            line: job.origin.line,
            status: Status::Skipped,
            reason: None,
            message: None,
            references: Vec::new(),
            pod: None,
        };
        let skip = match &job.agent {
            Agent::Kubernetes if job.in_repo => {
                Some("an in-repo job: its configuration is read at run time".to_string())
            }
            Agent::Kubernetes => None,
            Agent::TektonPipeline => {
                Some("agent tekton-pipeline: Prow creates a PipelineRun, not a pod".into())
            }
            other => Some(format!("agent {other}: runs in no context")),
        };
        if let Some(reason) = skip {
            result.message = Some(reason);
            out.jobs.push((result, None));
            continue;
        }
        let Some(ctx_name) = p.context else {
            result.status = Status::Missing;
            result.message = Some("the job names no context (explicit credentials)".into());
            out.jobs.push((result, None));
            continue;
        };
        let ctx = set.get(ctx_name);
        let namespace = opts
            .namespace
            .clone()
            .or_else(|| {
                (set.mode != MergeMode::Prow)
                    .then(|| ctx.and_then(|c| c.namespace.clone()))
                    .flatten()
            })
            .unwrap_or_else(|| docs.settings.pod_namespace.clone());
        result.namespace = Some(namespace.clone());
        if !dns_name(&namespace, 63) {
            result.status = Status::Error;
            result.reason = Some("Config".into());
            result.message = Some(format!(
                "namespace {namespace:?} is not a Kubernetes name (lower-case letters, digits, '-')"
            ));
            out.jobs.push((result, None));
            continue;
        }
        let Some(body) = body else {
            result.status = Status::Error;
            result.message = Some("the job's entry could not be read again".into());
            out.jobs.push((result, None));
            continue;
        };
        let built = prowjob::prowjob(&docs.settings, job.kind, job.repo.as_deref(), body, false)
            .and_then(|pj| pod::plank_pod(&pj, &namespace));
        let pod = match built {
            Ok(pod) => pod,
            Err(e) => {
                result.status = Status::Error;
                result.reason = Some("Config".into());
                result.message = Some(e);
                out.jobs.push((result, None));
                continue;
            }
        };
        result.pod = Some(pod.clone());
        let Some(ctx) = ctx else {
            result.status = Status::Missing;
            result.message = Some(format!("no loaded file defines context {ctx_name:?}"));
            out.jobs.push((result, None));
            continue;
        };
        let t = *by_context.entry(ctx_name.to_string()).or_insert_with(|| {
            out.targets.push(Target {
                context: ctx.clone(),
                namespace: namespace.clone(),
                pods: Vec::new(),
                references: Vec::new(),
            });
            pod_index.push(HashMap::new());
            out.targets.len() - 1
        });
        let target = &mut out.targets[t];
        for r in refs::references(&pod["spec"]) {
            if !target.references.contains(&r) {
                target.references.push(r);
            }
        }
        let key = pod.to_string();
        let i = *pod_index[t].entry(key).or_insert_with(|| {
            target.pods.push(pod.clone());
            target.pods.len() - 1
        });
        out.jobs.push((result, Some((t, i))));
    }
    out
}

/// A DNS label (`max` 63) or subdomain (`max` 253) as Kubernetes names objects: what may go
/// into a request's path.
pub(crate) fn dns_name(name: &str, max: usize) -> bool {
    !name.is_empty()
        && name.len() <= max
        && name.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || (max > 63 && b == b'.')
        })
        && name.as_bytes()[0].is_ascii_alphanumeric()
        && name.as_bytes()[name.len() - 1].is_ascii_alphanumeric()
}

/// Every job's result from the answers ([`run::run`]), in the plan's order.
pub fn results(plan: Plan, answers: &[run::TargetAnswer]) -> Vec<JobResult> {
    plan.jobs
        .into_iter()
        .map(|(mut result, slot)| {
            let Some((t, i)) = slot else {
                return result;
            };
            let answer = &answers[t];
            let pod_refs = result
                .pod
                .as_ref()
                .map(|p| refs::references(&p["spec"]))
                .unwrap_or_default();
            result.references = pod_refs
                .iter()
                .map(|(kind, name)| {
                    let found = answer.references.get(&(*kind, name.clone()));
                    Reference {
                        kind: kind.as_str(),
                        name: name.clone(),
                        exists: found.and_then(|f| f.as_ref().ok().copied()),
                        reason: match found {
                            Some(Err(why)) => Some(why.clone()),
                            None => Some("not asked".into()),
                            _ => None,
                        },
                    }
                })
                .collect();
            match answer.pods.get(i) {
                Some(run::PodAnswer::Admitted) => result.status = Status::Admitted,
                Some(run::PodAnswer::Refused { reason, message }) => {
                    result.status = Status::Refused;
                    result.reason = reason.clone();
                    result.message = Some(message.clone());
                }
                Some(run::PodAnswer::Failed(f)) => {
                    result.status = Status::Error;
                    result.reason = Some(f.kind.to_string());
                    result.message = Some(f.message.clone());
                }
                None => {
                    let f = answer.failure.clone().unwrap_or_else(|| {
                        crate::rbac::Failure::new(
                            crate::rbac::FailureKind::BadResponse,
                            "no answer",
                        )
                    });
                    result.status = Status::Error;
                    result.reason = Some(f.kind.to_string());
                    result.message = Some(f.message);
                }
            }
            result
        })
        .collect()
}
