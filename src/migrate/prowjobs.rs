//! Moving the ProwJob records from one context (the old service cluster) to another: the step
//! the federated design leaves open once every Prow service runs with `--prow-job-context`.
//!
//! [`run`] is preflight (nothing is read in bulk or written until the target serves the
//! source's ProwJob version, its namespace exists and both identities may do what the run
//! needs), then the plan (both sides listed page by page, each source ProwJob sorted into
//! copy, identical, conflict or running), then, with `write`, the copies (created with their
//! status, or through `prowjobs/status` where discovery lists that subresource; re-read and
//! compared), and with `delete_source` the deletion of what is verified on the target, each
//! with a uid and resourceVersion precondition. A rerun copies only what is not yet identical,
//! so an interrupted run is resumed by running it again. The source is never written except
//! by that deletion.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

use futures::stream::{self, StreamExt};
use http::Method;
use kube::api::{Api, DynamicObject, ListParams};
use serde::Serialize;
use serde_json::{Map, Value, json};
use tokio::time::Instant;

use crate::finding::Finding;
use crate::kubeconfig::Context;
use crate::rbac::client::{Impersonation, Transports};
use crate::rbac::components::Permission;
use crate::rbac::review::ProwJobVersion;
use crate::rbac::transport::{Asker, CallError, kube_failure};
use crate::rbac::{Failure, FailureKind};
use crate::status::live::{list_all, prowjob_resource};

/// One end of the move: a context and the namespace its ProwJobs are in.
#[derive(Clone, Debug)]
pub struct Side {
    pub context: Context,
    pub namespace: String,
}

/// What to do, and how.
#[derive(Clone, Debug)]
pub struct Options {
    /// Copy (without it, only the plan).
    pub write: bool,
    /// Overwrite conflicts, after a backup of each target object in `backup_dir`.
    pub force: bool,
    /// Copy triggered and pending ProwJobs too.
    pub include_running: bool,
    /// Delete from the source what is verified identical on the target.
    pub delete_source: bool,
    pub backup_dir: PathBuf,
    /// Requests in flight at once, per side.
    pub concurrency: usize,
    /// Page size of the lists.
    pub page: u32,
    /// Per request (and per page); `None` for no limit.
    pub timeout: Option<Duration>,
    pub impersonate: Impersonation,
}

/// Where a run is, for a progress bar.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    Copy,
    Delete,
}

impl Stage {
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Copy => "copying",
            Stage::Delete => "deleting from the source",
        }
    }
}

/// Why a run stopped before its plan: preflight refusals (nothing read in bulk, nothing
/// written), or a side that could not be listed.
#[derive(Clone, Debug)]
pub struct Stopped {
    pub findings: Vec<Finding>,
    /// A cluster could not be asked (rather than said no).
    pub unreachable: bool,
}

/// One ProwJob that was not moved as asked.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Failed {
    pub name: String,
    pub error: String,
}

/// A ProwJob present on both sides with different content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Conflict {
    pub name: String,
    /// Which of spec, status, labels and annotations differ.
    pub differs: Vec<&'static str>,
    /// With `force`: where the target's object was saved before it was overwritten.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backup: Option<String>,
}

/// What a run found and did. The counts `copy`, `identical`, `conflict` and `running` are the
/// plan (every source ProwJob is in exactly one); `copied`, `verified` and `deleted` what
/// was done.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub from: String,
    pub to: String,
    pub from_namespace: String,
    pub to_namespace: String,
    /// The `prow.k8s.io` version both sides serve.
    pub version: String,
    /// The target lists `prowjobs/status`: status is written through it after the create.
    pub status_subresource: bool,
    pub write: bool,
    pub copy: usize,
    pub identical: usize,
    pub conflict: usize,
    pub running: usize,
    pub copied: usize,
    pub verified: usize,
    pub deleted: usize,
    pub failed: Vec<Failed>,
    pub conflicts: Vec<Conflict>,
    /// The triggered and pending ProwJobs left on the source.
    pub running_jobs: Vec<String>,
    /// Source ProwJobs not deleted because they changed after they were read.
    pub kept: Vec<Failed>,
}

impl Summary {
    /// Conflicts left alone or running jobs skipped: the move is not complete.
    pub fn left_over(&self) -> bool {
        self.running > 0
            || self.conflicts.iter().any(|c| c.backup.is_none())
            || !self.kept.is_empty()
    }
}

/// The sorted plan of one source ProwJob.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    Copy,
    Identical,
    Conflict,
    Running,
}

struct Item {
    name: String,
    source: Value,
    target: Option<Value>,
    class: Class,
}

/// Runs preflight, the plan and, as `opts` asks, the copy and the deletion. `progress` is
/// called as objects are done (stage, done, total).
pub async fn run(
    from: &Side,
    to: &Side,
    opts: &Options,
    progress: &mut dyn FnMut(Stage, usize, usize),
) -> Result<Summary, Stopped> {
    let transports = Transports::default();
    let (src, dst) = tokio::join!(
        transports.connect(&from.context, &opts.impersonate, None),
        transports.connect(&to.context, &opts.impersonate, None)
    );
    let unreachable = |f: Failure, side: &Side| Stopped {
        findings: vec![unreachable_finding(&f, side)],
        unreachable: true,
    };
    let src = src.map_err(|f| unreachable(f, from))?;
    let dst = dst.map_err(|f| unreachable(f, to))?;
    let ask_src = Ask {
        client: &src.client,
        server: &src.server,
        timeout: opts.timeout,
    };
    let ask_dst = Ask {
        client: &dst.client,
        server: &dst.server,
        timeout: opts.timeout,
    };
    let version = preflight(from, to, &ask_src, &ask_dst, opts).await?;

    let list = |client: &kube::Client, ns: &str| {
        let api: Api<DynamicObject> =
            Api::namespaced_with(client.clone(), ns, &prowjob_resource(&version.version));
        async move { list_all(&api, ListParams::default(), opts.page, opts.timeout, |o| o).await }
    };
    let (sources, targets) = tokio::join!(
        list(&src.client, &from.namespace),
        list(&dst.client, &to.namespace)
    );
    let listed = |r: kube::Result<Vec<DynamicObject>>, side: &Side, server: &str| {
        r.map_err(|e| {
            let f = kube_failure(&e, server, "list prowjobs");
            Stopped {
                findings: vec![unreachable_finding(&f, side)],
                unreachable: true,
            }
        })
    };
    let sources = listed(sources, from, &src.server)?;
    let targets = listed(targets, to, &dst.server)?;
    let mut targets: BTreeMap<String, Value> = targets
        .into_iter()
        .filter_map(|o| Some((o.metadata.name.clone()?, serde_json::to_value(o).ok()?)))
        .collect();
    let mut items: Vec<Item> = sources
        .into_iter()
        .filter_map(|o| {
            let name = o.metadata.name.clone()?;
            let source = serde_json::to_value(o).ok()?;
            let target = targets.remove(&name);
            let class = classify(&source, target.as_ref(), opts.include_running);
            Some(Item {
                name,
                source,
                target,
                class,
            })
        })
        .collect();
    items.sort_by(|a, b| a.name.cmp(&b.name));

    let count = |c: Class| items.iter().filter(|i| i.class == c).count();
    let mut summary = Summary {
        from: from.context.name.to_string(),
        to: to.context.name.to_string(),
        from_namespace: from.namespace.clone(),
        to_namespace: to.namespace.clone(),
        version: version.version.clone(),
        status_subresource: version.status_subresource,
        write: opts.write,
        copy: count(Class::Copy),
        identical: count(Class::Identical),
        conflict: count(Class::Conflict),
        running: count(Class::Running),
        copied: 0,
        verified: 0,
        deleted: 0,
        failed: Vec::new(),
        conflicts: items
            .iter()
            .filter(|i| i.class == Class::Conflict)
            .map(|i| Conflict {
                name: i.name.clone(),
                differs: differences(&i.source, i.target.as_ref().unwrap_or(&Value::Null)),
                backup: None,
            })
            .collect(),
        running_jobs: items
            .iter()
            .filter(|i| i.class == Class::Running)
            .map(|i| i.name.clone())
            .collect(),
        kept: Vec::new(),
    };
    if !opts.write {
        return Ok(summary);
    }

    // Copy: what is missing or unfinished on the target, and with --force the conflicts.
    let work: Vec<&Item> = items
        .iter()
        .filter(|i| i.class == Class::Copy || (opts.force && i.class == Class::Conflict))
        .collect();
    let total = work.len();
    let copy_ctx = CopyCtx {
        ask: &ask_dst,
        namespace: &to.namespace,
        version: &version,
        backup_dir: &opts.backup_dir,
    };
    let mut results = stream::iter(work.iter().map(|i| copy_ctx.copy(i)))
        .buffer_unordered(opts.concurrency.max(1));
    let by_name: BTreeMap<&str, &Item> = work.iter().map(|i| (i.name.as_str(), *i)).collect();
    let mut written: Vec<&Item> = Vec::new();
    let mut done = 0;
    progress(Stage::Copy, 0, total);
    while let Some(r) = results.next().await {
        done += 1;
        progress(Stage::Copy, done, total);
        if let Some(path) = &r.backup
            && let Some(c) = summary.conflicts.iter_mut().find(|c| c.name == r.name)
        {
            c.backup = Some(path.display().to_string());
        }
        summary.copied += usize::from(r.written);
        match r.error {
            None => written.extend(by_name.get(r.name.as_str())),
            Some(error) => summary.failed.push(Failed {
                name: r.name,
                error,
            }),
        }
    }
    drop(results);

    // Read every copy back and compare it with its source: many at once through the list
    // (one request per page, not one per object), a few one by one.
    let mut verified_names: Vec<String> = Vec::new();
    let read_back: Result<Option<BTreeMap<String, Value>>, Failure> =
        if written.len() > usize::try_from(opts.page).unwrap_or(500) / 10 {
            let api: Api<DynamicObject> = Api::namespaced_with(
                dst.client.clone(),
                &to.namespace,
                &prowjob_resource(&version.version),
            );
            list_all(&api, ListParams::default(), opts.page, opts.timeout, |o| o)
                .await
                .map(|all| {
                    Some(
                        all.into_iter()
                            .filter_map(|o| {
                                Some((o.metadata.name.clone()?, serde_json::to_value(o).ok()?))
                            })
                            .collect(),
                    )
                })
                .map_err(|e| kube_failure(&e, &dst.server, "list prowjobs"))
        } else {
            Ok(None)
        };
    for item in written {
        let result = match &read_back {
            Ok(Some(all)) => match all.get(&item.name) {
                Some(copy) => compare(&item.source, copy),
                None => Err("the copy is not on the target when read back".into()),
            },
            Ok(None) => copy_ctx.verify(item).await,
            Err(f) => Err(format!("written, but not read back: {}", f.message)),
        };
        match result {
            Ok(()) => {
                summary.verified += 1;
                verified_names.push(item.name.clone());
            }
            Err(error) => summary.failed.push(Failed {
                name: item.name.clone(),
                error,
            }),
        }
    }

    if opts.delete_source {
        let mut doomed: Vec<&Item> = items
            .iter()
            .filter(|i| i.class == Class::Identical || verified_names.contains(&i.name))
            .collect();
        doomed.sort_by(|a, b| a.name.cmp(&b.name));
        let total = doomed.len();
        let mut results = stream::iter(
            doomed
                .iter()
                .map(|i| delete_one(&ask_src, &from.namespace, &version.version, i)),
        )
        .buffer_unordered(opts.concurrency.max(1));
        let mut done = 0;
        progress(Stage::Delete, 0, total);
        while let Some((name, outcome)) = results.next().await {
            done += 1;
            progress(Stage::Delete, done, total);
            match outcome {
                Deleted::Yes => summary.deleted += 1,
                Deleted::Gone => {}
                Deleted::Changed(error) => summary.kept.push(Failed { name, error }),
                Deleted::Failed(error) => summary.failed.push(Failed { name, error }),
            }
        }
    }
    summary.failed.sort_by(|a, b| a.name.cmp(&b.name));
    summary.kept.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(summary)
}

/// A side's connection, asked one request at a time under the per-request limit.
struct Ask<'a> {
    client: &'a kube::Client,
    server: &'a str,
    timeout: Option<Duration>,
}

impl Ask<'_> {
    async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<&Value>,
        what: &str,
    ) -> Result<Value, CallError> {
        let asker = Asker {
            client: self.client,
            server: self.server,
            deadline: self.timeout.map(|t| Instant::now() + t),
        };
        let body = body.map(|b| serde_json::to_vec(b).expect("JSON serializes"));
        let work = asker.call(method, path, body, what);
        let (_, bytes) = match self.timeout {
            Some(t) => tokio::time::timeout(t, work).await.map_err(|_| {
                CallError::Refused(Failure::new(
                    FailureKind::Timeout,
                    format!(
                        "{} did not answer within {}s (--request-timeout)",
                        self.server,
                        t.as_secs()
                    ),
                ))
            })??,
            None => work.await?,
        };
        serde_json::from_slice(&bytes).map_err(|_| {
            CallError::Refused(Failure::new(
                FailureKind::BadResponse,
                format!(
                    "{} answered {what} with something that is not JSON",
                    self.server
                ),
            ))
        })
    }

    fn asker(&self) -> Asker<'_> {
        Asker {
            client: self.client,
            server: self.server,
            deadline: self.timeout.map(|t| Instant::now() + t),
        }
    }
}

fn unreachable_finding(f: &Failure, side: &Side) -> Finding {
    Finding::error(
        "migrate-cluster-unreachable",
        None,
        format!(
            "context {}: {}",
            side.context.name,
            crate::output::sanitize(&f.message)
        ),
        "check the context with `kubectl prow check-rbac` and run again; nothing was written",
    )
}

/// The checks before anything is read in bulk: the version both sides serve, the target
/// namespace, and every right the run needs. Returns the version to use.
async fn preflight(
    from: &Side,
    to: &Side,
    src: &Ask<'_>,
    dst: &Ask<'_>,
    opts: &Options,
) -> Result<ProwJobVersion, Stopped> {
    let cluster = |f: Failure, side: &Side| Stopped {
        findings: vec![unreachable_finding(&f, side)],
        unreachable: true,
    };
    let (src_asker, dst_asker) = (src.asker(), dst.asker());
    let (sv, tv) = tokio::join!(src_asker.prowjob_versions(), dst_asker.prowjob_versions());
    let sv = sv.map_err(|f| cluster(f, from))?;
    let tv = tv.map_err(|f| cluster(f, to))?;
    let mut findings = Vec::new();
    let Some(version) = sv.first().cloned() else {
        return Err(Stopped {
            findings: vec![Finding::error(
                "prowjob-crd-missing",
                None,
                format!(
                    "context {} serves no prowjobs.prow.k8s.io: there are no ProwJobs to move",
                    from.context.name
                ),
                "check --from: it names the old service cluster, where the ProwJobs are",
            )],
            unreachable: false,
        });
    };
    let target = tv.iter().find(|v| v.version == version.version).cloned();
    let crd_fix = format!(
        "install Prow's ProwJob CRD there (config/prow/cluster/prowjob-crd/ in \
         kubernetes-sigs/prow): kubectl --context {} apply --server-side -f \
         prowjob_customresourcedefinition.yaml",
        to.context.name
    );
    match &target {
        None if tv.is_empty() => findings.push(Finding::error(
            "prowjob-crd-missing",
            None,
            format!(
                "context {} does not serve prowjobs.prow.k8s.io (the ProwJob CRD is not installed)",
                to.context.name
            ),
            crd_fix,
        )),
        None => findings.push(Finding::error(
            "prowjob-crd-version",
            None,
            format!(
                "context {} serves prowjobs.prow.k8s.io only as {}, not as {} (what {} serves)",
                to.context.name,
                tv.iter()
                    .map(|v| v.version.as_str())
                    .collect::<Vec<_>>()
                    .join(", "),
                version.version,
                from.context.name
            ),
            crd_fix,
        )),
        Some(_) => {}
    }
    let status_subresource = target.as_ref().is_some_and(|t| t.status_subresource);

    // The target namespace: asked directly, or (an identity that may not read namespaces)
    // through a server-side dry-run create, which persists nothing.
    let ns_path = format!("/api/v1/namespaces/{}", to.namespace);
    let exists = match dst
        .call(Method::GET, &ns_path, None, "get namespaces")
        .await
    {
        Ok(_) => Some(true),
        Err(CallError::NotServed) => Some(false),
        Err(CallError::Refused(f)) if f.kind == FailureKind::Forbidden && target.is_some() => {
            let probe = json!({
                "apiVersion": format!("prow.k8s.io/{}", version.version),
                "kind": "ProwJob",
                "metadata": {"generateName": "kubectl-prow-preflight-"},
            });
            let path = format!("{}?dryRun=All", collection(&to.namespace, &version.version));
            match dst
                .call(Method::POST, &path, Some(&probe), "create prowjobs")
                .await
            {
                Err(CallError::NotServed) => Some(false),
                Ok(_) | Err(CallError::Conflict(_)) => Some(true),
                // Forbidden: the access reviews below say so, with their fix.
                Err(CallError::Refused(_)) => None,
            }
        }
        Err(CallError::Refused(f)) if f.kind == FailureKind::Forbidden => None,
        Err(CallError::Refused(f) | CallError::Conflict(f)) => return Err(cluster(f, to)),
    };
    if exists == Some(false) {
        findings.push(Finding::error(
            "namespace-missing",
            None,
            format!(
                "namespace {} does not exist on context {}",
                to.namespace, to.context.name
            ),
            format!(
                "create it (kubectl --context {} create namespace {}) or name another with \
                 --to-namespace",
                to.context.name, to.namespace
            ),
        ));
    }

    // The rights, as check-rbac asks them (SelfSubjectAccessReviews).
    let pj = |verb: &'static str, subresource: &'static str| Permission {
        group: "prow.k8s.io",
        resource: "prowjobs",
        subresource,
        verb,
    };
    let mut wanted: Vec<(&Side, &Ask, Permission)> = vec![
        (from, src, pj("list", "")),
        (to, dst, pj("list", "")),
        (to, dst, pj("get", "")),
        (to, dst, pj("create", "")),
    ];
    if status_subresource {
        wanted.push((to, dst, pj("update", "status")));
    }
    if opts.force {
        wanted.push((to, dst, pj("update", "")));
    }
    if opts.delete_source {
        wanted.push((from, src, pj("delete", "")));
    }
    let answers = futures::future::join_all(wanted.iter().map(|(side, ask, perm)| async move {
        let asker = ask.asker();
        asker.access(perm, &side.namespace, None).await
    }))
    .await;
    for ((side, _, perm), answer) in wanted.iter().zip(answers) {
        let answer = answer.map_err(|f| cluster(f, side))?;
        if !answer.allowed {
            let what = if perm.subresource.is_empty() {
                "prowjobs.prow.k8s.io".to_string()
            } else {
                format!("prowjobs.prow.k8s.io/{}", perm.subresource)
            };
            findings.push(Finding::error(
                "migrate-access-denied",
                None,
                format!(
                    "context {} may not {} {what} in namespace {}",
                    side.context.name, perm.verb, side.namespace
                ),
                format!(
                    "grant it (a Role with verb {} on {what}, bound in {}); check with \
                     `kubectl prow check-rbac`",
                    perm.verb, side.namespace
                ),
            ));
        }
    }
    if findings.is_empty() {
        Ok(ProwJobVersion {
            version: version.version,
            status_subresource,
        })
    } else {
        Err(Stopped {
            findings,
            unreachable: false,
        })
    }
}

fn collection(namespace: &str, version: &str) -> String {
    format!("/apis/prow.k8s.io/{version}/namespaces/{namespace}/prowjobs")
}

fn field<'a>(o: &'a Value, path: &[&str]) -> &'a Value {
    let mut v = o;
    for p in path {
        match v.get(p) {
            Some(x) => v = x,
            None => return &Value::Null,
        }
    }
    v
}

/// An empty map and no map are the same labels (or status).
fn normal(v: &Value) -> &Value {
    match v {
        Value::Object(m) if m.is_empty() => &Value::Null,
        v => v,
    }
}

/// What a copy must carry: spec, status, labels and annotations; which of them differ.
fn differences(a: &Value, b: &Value) -> Vec<&'static str> {
    let parts: [(&'static str, &[&str]); 4] = [
        ("spec", &["spec"]),
        ("status", &["status"]),
        ("labels", &["metadata", "labels"]),
        ("annotations", &["metadata", "annotations"]),
    ];
    parts
        .iter()
        .filter(|(_, path)| normal(field(a, path)) != normal(field(b, path)))
        .map(|(name, _)| *name)
        .collect()
}

/// A copy as read back against its source.
fn compare(source: &Value, copy: &Value) -> Result<(), String> {
    let d = differences(source, copy);
    if d.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the copy read back differs from the source in {}",
            d.join(", ")
        ))
    }
}

/// A ProwJob a controller still acts on (a missing state is Prow's `triggered`).
fn running(o: &Value) -> bool {
    matches!(
        field(o, &["status", "state"]).as_str(),
        None | Some("triggered" | "pending")
    )
}

fn classify(source: &Value, target: Option<&Value>, include_running: bool) -> Class {
    if running(source) && !include_running {
        return Class::Running;
    }
    match target {
        None => Class::Copy,
        Some(t) => {
            let d = differences(source, t);
            if d.is_empty() {
                Class::Identical
            } else if d == ["status"] && normal(field(t, &["status"])).is_null() {
                // Created, and cut off before its status was written (a CRD with a status
                // subresource): finishing it is part of the copy.
                Class::Copy
            } else {
                Class::Conflict
            }
        }
    }
}

/// The object to create on the target: name, labels, annotations and everything outside
/// metadata (spec, status). Server-set metadata (uid, resourceVersion, creationTimestamp,
/// managedFields, generation) is the target's own; owner references name uids of the source
/// cluster and finalizers would wait for its controllers, so neither travels.
fn copy_body(source: &Value, namespace: &str, version: &str) -> Value {
    let mut meta = Map::new();
    meta.insert("name".into(), field(source, &["metadata", "name"]).clone());
    meta.insert("namespace".into(), Value::String(namespace.into()));
    for key in ["labels", "annotations"] {
        let v = field(source, &["metadata", key]);
        if !normal(v).is_null() {
            meta.insert(key.into(), v.clone());
        }
    }
    let mut body = Map::new();
    body.insert(
        "apiVersion".into(),
        Value::String(format!("prow.k8s.io/{version}")),
    );
    body.insert("kind".into(), Value::String("ProwJob".into()));
    body.insert("metadata".into(), Value::Object(meta));
    if let Value::Object(top) = source {
        for (k, v) in top {
            if !matches!(k.as_str(), "apiVersion" | "kind" | "metadata") {
                body.insert(k.clone(), v.clone());
            }
        }
    }
    Value::Object(body)
}

struct CopyCtx<'a> {
    ask: &'a Ask<'a>,
    namespace: &'a str,
    version: &'a ProwJobVersion,
    backup_dir: &'a Path,
}

struct Copied {
    name: String,
    /// An object was created or replaced.
    written: bool,
    backup: Option<PathBuf>,
    /// Why it could not be written.
    error: Option<String>,
}

impl CopyCtx<'_> {
    async fn copy(&self, item: &Item) -> Copied {
        let mut out = Copied {
            name: item.name.clone(),
            written: false,
            backup: None,
            error: None,
        };
        out.error = self.write(item, &mut out).await.err();
        out
    }

    async fn write(&self, item: &Item, out: &mut Copied) -> Result<(), String> {
        let coll = collection(self.namespace, &self.version.version);
        let one = format!("{coll}/{}", item.name);
        let mut body = copy_body(&item.source, self.namespace, &self.version.version);
        let message = |e: CallError| match e {
            CallError::NotServed => "the target answered 404 (namespace or CRD gone?)".into(),
            CallError::Conflict(f) | CallError::Refused(f) => f.message,
        };
        let written = match (&item.target, item.class) {
            (None, _) => self
                .ask
                .call(Method::POST, &coll, Some(&body), "create prowjobs")
                .await
                .map_err(|e| match e {
                    CallError::Conflict(_) => {
                        "created on the target by someone else since it was listed; run again"
                            .to_string()
                    }
                    e => message(e),
                })?,
            // Created before, status not yet written: only the status is missing.
            (Some(t), Class::Copy) => t.clone(),
            // --force: keep the target's object, then replace it.
            (Some(t), _) => {
                out.backup = Some(self.backup(t)?);
                body["metadata"]["resourceVersion"] =
                    field(t, &["metadata", "resourceVersion"]).clone();
                self.ask
                    .call(Method::PUT, &one, Some(&body), "update prowjobs")
                    .await
                    .map_err(message)?
            }
        };
        out.written = item.target.is_none() || item.class == Class::Conflict;
        let status = field(&item.source, &["status"]);
        if differences(&written, &item.source).contains(&"status") {
            let mut with_status = written;
            with_status["status"] = status.clone();
            let (path, what) = if self.version.status_subresource {
                (format!("{one}/status"), "update prowjobs/status")
            } else {
                (one, "update prowjobs")
            };
            self.ask
                .call(Method::PUT, &path, Some(&with_status), what)
                .await
                .map_err(message)?;
            out.written = true;
        }
        Ok(())
    }

    /// Re-reads the copy: spec, status, labels and annotations must equal the source's.
    async fn verify(&self, item: &Item) -> Result<(), String> {
        let one = format!(
            "{}/{}",
            collection(self.namespace, &self.version.version),
            item.name
        );
        match self.ask.call(Method::GET, &one, None, "get prowjobs").await {
            Ok(copy) => compare(&item.source, &copy),
            Err(CallError::NotServed) => Err("the copy is not on the target when read back".into()),
            Err(CallError::Conflict(f) | CallError::Refused(f)) => Err(f.message),
        }
    }

    /// The target's object as it was, in `backup_dir`: a new file (0600, written atomically),
    /// `prowjob-NS-NAME.json`, `.1.json`, ... when taken.
    fn backup(&self, target: &Value) -> Result<PathBuf, String> {
        let name = field(target, &["metadata", "name"])
            .as_str()
            .unwrap_or("unnamed");
        let bytes = serde_json::to_vec_pretty(target).expect("JSON serializes");
        for n in 0..1000 {
            let file = if n == 0 {
                format!("prowjob-{}-{name}.json", self.namespace)
            } else {
                format!("prowjob-{}-{name}.{n}.json", self.namespace)
            };
            let path = self.backup_dir.join(file);
            match crate::write::write_private(&path, &bytes, false) {
                Ok(()) => return Ok(path),
                Err(_) if path.symlink_metadata().is_ok() => continue,
                Err(e) => return Err(format!("not overwritten: no backup: {e}")),
            }
        }
        Err(format!(
            "not overwritten: no free backup name in {}",
            self.backup_dir.display()
        ))
    }
}

enum Deleted {
    Yes,
    /// Already gone.
    Gone,
    /// The precondition failed: it changed since it was read, and is kept.
    Changed(String),
    Failed(String),
}

async fn delete_one(
    ask: &Ask<'_>,
    namespace: &str,
    version: &str,
    item: &Item,
) -> (String, Deleted) {
    let path = format!("{}/{}", collection(namespace, version), item.name);
    let body = json!({
        "apiVersion": "v1",
        "kind": "DeleteOptions",
        "preconditions": {
            "uid": field(&item.source, &["metadata", "uid"]),
            "resourceVersion": field(&item.source, &["metadata", "resourceVersion"]),
        },
    });
    let outcome = match ask
        .call(Method::DELETE, &path, Some(&body), "delete prowjobs")
        .await
    {
        Ok(_) => Deleted::Yes,
        Err(CallError::NotServed) => Deleted::Gone,
        Err(CallError::Conflict(_)) => Deleted::Changed(
            "changed on the source since it was read: kept; run again to copy the new version"
                .into(),
        ),
        Err(CallError::Refused(f)) => Deleted::Failed(f.message),
    };
    (item.name.clone(), outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pj(state: Option<&str>, labels: Value) -> Value {
        let mut o = json!({
            "apiVersion": "prow.k8s.io/v1",
            "kind": "ProwJob",
            "metadata": {"name": "a", "namespace": "prow", "uid": "u1", "resourceVersion": "7",
                         "creationTimestamp": "2026-01-01T00:00:00Z", "managedFields": [],
                         "labels": labels, "ownerReferences": [{"uid": "x"}]},
            "spec": {"job": "j", "cluster": "build"},
        });
        if let Some(s) = state {
            o["status"] = json!({"state": s, "startTime": "2026-01-01T00:00:00Z"});
        }
        o
    }

    #[test]
    fn a_copy_keeps_content_and_drops_what_the_server_sets() {
        let body = copy_body(&pj(Some("success"), json!({"a": "b"})), "new", "v1");
        assert_eq!(
            body,
            json!({
                "apiVersion": "prow.k8s.io/v1", "kind": "ProwJob",
                "metadata": {"name": "a", "namespace": "new", "labels": {"a": "b"}},
                "spec": {"job": "j", "cluster": "build"},
                "status": {"state": "success", "startTime": "2026-01-01T00:00:00Z"},
            })
        );
    }

    #[test]
    fn jobs_are_sorted_into_the_plan() {
        let done = pj(Some("success"), json!({}));
        assert_eq!(classify(&done, None, false), Class::Copy);
        assert_eq!(classify(&done, Some(&done), false), Class::Identical);
        // No labels and empty labels are the same.
        assert_eq!(
            classify(&done, Some(&pj(Some("success"), Value::Null)), false),
            Class::Identical
        );
        assert_eq!(
            classify(&done, Some(&pj(Some("failure"), json!({}))), false),
            Class::Conflict
        );
        // Created, its status not yet written: the copy is finished, not a conflict.
        assert_eq!(
            classify(&done, Some(&pj(None, json!({}))), false),
            Class::Copy
        );
        for s in [None, Some("triggered"), Some("pending")] {
            assert_eq!(classify(&pj(s, json!({})), None, false), Class::Running);
            assert_eq!(classify(&pj(s, json!({})), None, true), Class::Copy);
        }
        assert_eq!(
            differences(&done, &pj(Some("failure"), json!({"x": "y"}))),
            vec!["status", "labels"]
        );
    }
}
