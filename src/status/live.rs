//! What is running where: the ProwJobs of the ProwJob context and Prow's pods in each build
//! context, read at once (each context under its own deadline), counted per context. Read
//! only: lists, paginated with `limit`/`continue`.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use futures::future::join_all;
use k8s_openapi::api::core::v1::Pod;
use k8s_openapi::jiff::Timestamp;
use kube::api::{Api, ApiResource, DynamicObject, ListParams};
use serde::Serialize;
use serde_json::Value;

use crate::kubeconfig::{Context, ContextSet};
use crate::rbac::client::{Impersonation, Transports};
use crate::rbac::transport::kube_failure;
use crate::rbac::{Failure, FailureKind};

/// The ProwJob states Prow knows, in the order the table shows them.
pub const STATES: [&str; 6] = [
    "triggered",
    "pending",
    "success",
    "failure",
    "aborted",
    "error",
];

/// The label plank puts on every pod it creates.
const PROW_POD_LABEL: &str = "created-by-prow=true";

/// How to read.
#[derive(Clone, Debug)]
pub struct Options {
    /// Only ProwJobs started within this long before `now` are counted by state.
    pub since: Duration,
    /// A triggered or pending ProwJob older than this is stuck.
    pub stuck_after: Duration,
    pub timeout: Option<Duration>,
    pub impersonate: Impersonation,
    /// Page size of every list.
    pub page: u32,
    pub now: Timestamp,
}

/// One context to read: the ProwJob context, or a build context jobs use.
#[derive(Clone, Debug)]
pub struct Place {
    pub context: Context,
    pub namespace: String,
}

/// Pods of one build context.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Pods {
    pub phases: BTreeMap<String, usize>,
    /// Waiting reasons that leave a pod stuck (`ErrImagePull`, `ImagePullBackOff`,
    /// `CreateContainerConfigError`, `Unschedulable`, ...), by reason.
    pub waiting: BTreeMap<String, usize>,
    /// Pods whose ProwJob is not in the ProwJob context.
    pub without_prow_job: usize,
}

/// One row: a context (a ProwJob's `spec.cluster`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ContextStatus {
    pub context: String,
    pub namespace: Option<String>,
    /// Every state, 0 when none.
    pub states: BTreeMap<String, usize>,
    pub stuck: usize,
    /// Seconds since the oldest pending ProwJob started.
    pub oldest_pending: Option<u64>,
    /// Pending ProwJobs whose pod is not in the build context.
    pub pending_without_pod: usize,
    pub pods: Option<Pods>,
    pub error: Option<Failure>,
}

/// ProwJobs naming a context no loaded file defines.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct UnknownContext {
    pub cluster: String,
    pub prowjobs: usize,
    pub newest: String,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Status {
    pub prow_job_context: String,
    pub namespace: String,
    /// `--since`, in seconds.
    pub since: u64,
    pub contexts: Vec<ContextStatus>,
    pub unknown_contexts: Vec<UnknownContext>,
    /// The ProwJob context could not be read.
    pub error: Option<Failure>,
}

/// The fields of a ProwJob that count.
#[derive(Clone, Debug)]
struct Job {
    name: String,
    cluster: String,
    state: String,
    start: Option<Timestamp>,
    pod_name: Option<String>,
}

/// `prowjobs.prow.k8s.io` at `version` (Prow serves `v1`), for kube's dynamic API.
pub fn prowjob_resource(version: &str) -> ApiResource {
    ApiResource {
        group: "prow.k8s.io".into(),
        version: version.into(),
        api_version: format!("prow.k8s.io/{version}"),
        kind: "ProwJob".into(),
        plural: "prowjobs".into(),
    }
}

/// Reads the ProwJob context and every build context at once.
pub async fn read(set: &ContextSet, prowjobs: &Place, builds: &[Place], opts: &Options) -> Status {
    let transports = Transports::default();
    let jobs_read = within(opts.timeout, read_prowjobs(&transports, prowjobs, opts));
    let pods_read = join_all(
        builds
            .iter()
            .map(|b| within(opts.timeout, read_pods(&transports, b, opts))),
    );
    let (jobs, pods) = tokio::join!(jobs_read, pods_read);
    let mut status = Status {
        prow_job_context: prowjobs.context.name.to_string(),
        namespace: prowjobs.namespace.clone(),
        since: opts.since.as_secs(),
        contexts: Vec::new(),
        unknown_contexts: Vec::new(),
        error: None,
    };
    let jobs = match jobs {
        Ok(j) => j,
        Err(f) => {
            status.error = Some(f);
            Vec::new()
        }
    };
    let pods: BTreeMap<String, Result<Vec<Pod>, Failure>> = builds
        .iter()
        .map(|b| b.context.name.to_string())
        .zip(pods)
        .collect();
    let names: BTreeSet<String> = jobs.iter().map(|j| j.name.clone()).collect();
    let since = opts.now - opts.since;
    let mut rows: BTreeMap<String, ContextStatus> = BTreeMap::new();
    for b in builds {
        rows.insert(
            b.context.name.to_string(),
            empty(&b.context.name.to_string(), Some(&b.namespace)),
        );
    }
    let mut unknown: BTreeMap<String, (usize, Option<Timestamp>, String)> = BTreeMap::new();
    for j in &jobs {
        if set.get(&j.cluster).is_none() {
            let u = unknown
                .entry(j.cluster.clone())
                .or_insert((0, None, String::new()));
            u.0 += 1;
            if u.1.is_none() || j.start > u.1 {
                u.1 = j.start;
                u.2 = j.name.clone();
            }
            continue;
        }
        let row = rows
            .entry(j.cluster.clone())
            .or_insert_with(|| empty(&j.cluster, None));
        let running = j.state == "triggered" || j.state == "pending";
        if running || j.start.is_some_and(|s| s >= since) {
            *row.states.entry(j.state.clone()).or_default() += 1;
        }
        if running {
            let age = j.start.map(|s| (opts.now - s).get_seconds().max(0) as u64);
            if age.is_some_and(|a| a >= opts.stuck_after.as_secs()) {
                row.stuck += 1;
            }
            if j.state == "pending" {
                row.oldest_pending = row.oldest_pending.max(age);
                if let Some(Ok(list)) = pods.get(&j.cluster) {
                    let pod = j.pod_name.as_deref().unwrap_or(&j.name);
                    if !list.iter().any(|p| p.metadata.name.as_deref() == Some(pod)) {
                        row.pending_without_pod += 1;
                    }
                }
            }
        }
    }
    for (context, result) in pods {
        let row = rows.get_mut(&context).expect("a row per build context");
        match result {
            Ok(list) => row.pods = Some(count_pods(&list, &names)),
            Err(f) => row.error = Some(f),
        }
    }
    status.contexts = rows.into_values().collect();
    status.unknown_contexts = unknown
        .into_iter()
        .map(|(cluster, (prowjobs, _, newest))| UnknownContext {
            cluster,
            prowjobs,
            newest,
        })
        .collect();
    status
}

fn empty(context: &str, namespace: Option<&str>) -> ContextStatus {
    ContextStatus {
        context: context.to_string(),
        namespace: namespace.map(str::to_string),
        states: STATES.iter().map(|s| (s.to_string(), 0)).collect(),
        stuck: 0,
        oldest_pending: None,
        pending_without_pod: 0,
        pods: None,
        error: None,
    }
}

async fn within<T>(
    timeout: Option<Duration>,
    work: impl std::future::Future<Output = Result<T, Failure>>,
) -> Result<T, Failure> {
    match timeout {
        Some(t) => tokio::time::timeout(t, work).await.unwrap_or_else(|_| {
            Err(Failure::new(
                FailureKind::Timeout,
                format!("no answer within {}s (--request-timeout)", t.as_secs()),
            ))
        }),
        None => work.await,
    }
}

async fn read_prowjobs(t: &Transports, place: &Place, opts: &Options) -> Result<Vec<Job>, Failure> {
    let conn = t.connect(&place.context, &opts.impersonate, None).await?;
    let api: Api<DynamicObject> = Api::namespaced_with(
        conn.client.clone(),
        &place.namespace,
        &prowjob_resource("v1"),
    );
    // Each page is boiled down to the few fields status counts as it arrives: 20,000 whole
    // ProwJobs held at once were 177 MB.
    list_all(&api, ListParams::default(), opts.page, None, |o| job_of(&o))
        .await
        .map_err(|e| kube_failure(&e, &conn.server, "list prowjobs"))
}

/// Every object of a list, page by page (`limit` and `continue`), as large Prows keep tens of
/// thousands of ProwJobs; each page within `per_page` when given (a timed-out page is an I/O
/// timeout, which [`kube_failure`] reports as one). `keep` turns each object into what the
/// caller holds on to, page by page.
pub async fn list_all<K, T>(
    api: &Api<K>,
    params: ListParams,
    page: u32,
    per_page: Option<Duration>,
    mut keep: impl FnMut(K) -> T,
) -> kube::Result<Vec<T>>
where
    K: Clone + serde::de::DeserializeOwned + std::fmt::Debug,
{
    let mut out = Vec::new();
    let mut token: Option<String> = None;
    loop {
        let mut lp = params.clone().limit(page);
        if let Some(c) = &token {
            lp = lp.continue_token(c);
        }
        let list = match per_page {
            Some(t) => tokio::time::timeout(t, api.list(&lp)).await.map_err(|_| {
                kube::Error::Service(Box::new(std::io::Error::new(
                    std::io::ErrorKind::TimedOut,
                    format!("no page of the list within {}s", t.as_secs()),
                )))
            })??,
            None => api.list(&lp).await?,
        };
        out.extend(list.items.into_iter().map(&mut keep));
        token = list.metadata.continue_.filter(|c| !c.is_empty());
        if token.is_none() {
            return Ok(out);
        }
    }
}

fn job_of(o: &DynamicObject) -> Job {
    let field = |path: &[&str]| -> Option<String> {
        let mut v: &Value = &o.data;
        for p in path {
            v = v.get(p)?;
        }
        v.as_str().map(str::to_string)
    };
    Job {
        name: o.metadata.name.clone().unwrap_or_default(),
        cluster: field(&["spec", "cluster"]).unwrap_or_else(|| "default".into()),
        state: field(&["status", "state"]).unwrap_or_else(|| "triggered".into()),
        start: field(&["status", "startTime"]).and_then(|s| s.parse().ok()),
        pod_name: field(&["status", "pod_name"]),
    }
}

async fn read_pods(t: &Transports, place: &Place, opts: &Options) -> Result<Vec<Pod>, Failure> {
    let conn = t.connect(&place.context, &opts.impersonate, None).await?;
    let api: Api<Pod> = Api::namespaced(conn.client.clone(), &place.namespace);
    list_all(
        &api,
        ListParams::default().labels(PROW_POD_LABEL),
        opts.page,
        None,
        |p| p,
    )
    .await
    .map_err(|e| kube_failure(&e, &conn.server, "list pods"))
}

fn count_pods(pods: &[Pod], prowjobs: &BTreeSet<String>) -> Pods {
    let mut out = Pods::default();
    for p in pods {
        let status = p.status.as_ref();
        let phase = status
            .and_then(|s| s.phase.clone())
            .unwrap_or_else(|| "Unknown".into());
        *out.phases.entry(phase).or_default() += 1;
        let mut reasons: BTreeSet<String> = BTreeSet::new();
        for c in status.into_iter().flat_map(|s| {
            s.init_container_statuses
                .iter()
                .flatten()
                .chain(s.container_statuses.iter().flatten())
        }) {
            if let Some(w) = c.state.as_ref().and_then(|s| s.waiting.as_ref())
                && let Some(r) = &w.reason
                && r != "ContainerCreating"
                && r != "PodInitializing"
            {
                reasons.insert(r.clone());
            }
        }
        for cond in status
            .into_iter()
            .flat_map(|s| s.conditions.iter().flatten())
        {
            if cond.type_ == "PodScheduled"
                && cond.status == "False"
                && cond.reason.as_deref() == Some("Unschedulable")
            {
                reasons.insert("Unschedulable".into());
            }
        }
        for r in reasons {
            *out.waiting.entry(r).or_default() += 1;
        }
        let name = p.metadata.name.as_deref().unwrap_or("");
        let job = p
            .metadata
            .labels
            .as_ref()
            .and_then(|l| l.get("prow.k8s.io/id"))
            .map_or(name, String::as_str);
        if !prowjobs.contains(name) && !prowjobs.contains(job) {
            out.without_prow_job += 1;
        }
    }
    out
}
