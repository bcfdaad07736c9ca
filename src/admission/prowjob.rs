//! From a job as configured to the ProwJob plank turns into a pod, the way Prow gets there:
//! `config.Load`'s defaulting (`decorate_all_jobs`, `plank.default_decoration_config(s|_entries)`
//! merged with the job's `decoration_config` as `DecorationConfig.ApplyDefault` merges them,
//! presets), then the trigger's and horologium's `pjutil.NewProwJob` (refs, labels,
//! annotations). What exists only at run time (the ProwJob's name, the build id, a pull
//! request) is a fixed placeholder of the right form.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use crate::prow::JobKind;
use crate::prow::godecode::{format_duration, parse_duration};

/// The ProwJob's name (a UUID in Prow), which is also the pod's name and `PROW_JOB_ID`.
pub const PLACEHOLDER_NAME: &str = "00000000-0000-4000-8000-000000000000";
/// The build id (a snowflake id or a tot number in Prow).
pub const PLACEHOLDER_BUILD_ID: &str = "1000000000000000001";
/// The webhook event's GUID (`event-GUID` label of presubmits and postsubmits).
pub const PLACEHOLDER_EVENT_GUID: &str = "00000000-0000-0000-0000-000000000000";
/// Plank's version (`prow.k8s.io/plank-version` label).
pub const PLACEHOLDER_PLANK_VERSION: &str = "v20000101-0000000";
/// The base branch and commit of presubmits and postsubmits.
pub const PLACEHOLDER_BASE_REF: &str = "main";
pub const PLACEHOLDER_BASE_SHA: &str = "1111111111111111111111111111111111111111";
/// The pull request of presubmits.
pub const PLACEHOLDER_PULL_NUMBER: u64 = 1;
pub const PLACEHOLDER_PULL_SHA: &str = "2222222222222222222222222222222222222222";
pub const PLACEHOLDER_PULL_AUTHOR: &str = "author";
pub const PLACEHOLDER_PULL_HEAD_REF: &str = "head";
pub const PLACEHOLDER_PULL_TITLE: &str = "Placeholder pull request";

/// What Prow's config file says about pods, and the presets of every file.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// `pod_namespace` (`default` when unset).
    pub pod_namespace: String,
    pub decorate_all_jobs: bool,
    /// `plank.default_decoration_config_entries`, or `default_decoration_configs` turned into
    /// entries as Prow does (`*`, then orgs, then repositories).
    pub defaults: Vec<DefaultEntry>,
    /// Every preset: the config file's, then each job file's in Prow's walk order.
    pub presets: Vec<Value>,
}

#[derive(Clone, Debug)]
pub struct DefaultEntry {
    pub repo: String,
    pub cluster: String,
    /// Normalised (see [`decoration`]); `None` for `config: null`.
    pub config: Option<Value>,
}

impl Settings {
    /// From Prow's config document (`None`: no config file).
    pub fn from_config(doc: Option<&Value>) -> Result<Settings, String> {
        let empty = Map::new();
        let doc = doc.and_then(Value::as_object).unwrap_or(&empty);
        let pod_namespace = doc
            .get("pod_namespace")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .unwrap_or(crate::prow::DEFAULT_NAMESPACE)
            .to_string();
        let decorate_all_jobs = doc
            .get("decorate_all_jobs")
            .and_then(Value::as_bool)
            .unwrap_or(false);
        let plank = doc
            .get("plank")
            .and_then(Value::as_object)
            .unwrap_or(&empty);
        let map = plank
            .get("default_decoration_configs")
            .and_then(Value::as_object)
            .filter(|m| !m.is_empty());
        let list = plank
            .get("default_decoration_config_entries")
            .and_then(Value::as_array)
            .filter(|l| !l.is_empty());
        let mut defaults = Vec::new();
        match (map, list) {
            (Some(_), Some(_)) => {
                return Err("plank.default_decoration_configs and \
                            plank.default_decoration_config_entries are mutually exclusive"
                    .into());
            }
            (Some(map), None) => {
                let mut keys: Vec<&String> = map.keys().collect();
                // "*", then orgs, then repositories (Go's map order inside each is random).
                keys.sort_by_key(|k| (*k != "*", k.contains('/'), (*k).clone()));
                for k in keys {
                    defaults.push(DefaultEntry {
                        repo: k.clone(),
                        cluster: String::new(),
                        config: decoration_opt(&map[k])?,
                    });
                }
            }
            (None, Some(list)) => {
                for e in list {
                    let text = |k: &str| {
                        e.get(k)
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string()
                    };
                    defaults.push(DefaultEntry {
                        repo: text("repo"),
                        cluster: text("cluster"),
                        config: decoration_opt(e.get("config").unwrap_or(&Value::Null))?,
                    });
                }
            }
            (None, None) => {}
        }
        let mut settings = Settings {
            pod_namespace,
            decorate_all_jobs,
            defaults,
            presets: Vec::new(),
        };
        if let Some(list) = doc.get("presets").and_then(Value::as_array) {
            settings.presets.extend(list.iter().cloned());
        }
        Ok(settings)
    }

    /// Adds a job-config file's `presets`. Prow reads such a file into its `JobConfig`, so the
    /// YAML converter sees the presets' string fields and turns numbers and booleans written
    /// there back into strings (`value: 3600` is `"3600"`).
    pub fn add_presets(&mut self, doc: &Value) {
        if let Some(list) = doc.get("presets").and_then(Value::as_array) {
            self.presets.extend(list.iter().map(|p| {
                let mut p = stringify_preset(p);
                crate::prow::go_field_names(&mut p, None);
                p
            }));
        }
    }
}

/// The ProwJob plank reads, as far as the pod depends on it.
#[derive(Clone, Debug, PartialEq)]
pub struct ProwJob {
    pub name: String,
    pub build_id: String,
    pub kind: JobKind,
    pub job: String,
    /// The GitHub status context (`context`, else the job's name; `""` for periodics).
    pub context: String,
    pub agent: String,
    pub refs: Option<Value>,
    pub extra_refs: Vec<Value>,
    /// The decoration config; `None`: not decorated.
    pub decoration: Option<Value>,
    pub pod_spec: Option<Value>,
    pub labels: BTreeMap<String, String>,
    pub annotations: BTreeMap<String, String>,
}

/// One job entry of a document: its kind, repository key and body.
pub type Body<'a> = (JobKind, Option<String>, &'a Value);

/// The entries of one job-config (or config) document: kind, repository key, body.
pub fn bodies(doc: &Value) -> Vec<Body<'_>> {
    let mut out = Vec::new();
    for (key, kind) in [
        ("presubmits", JobKind::Presubmit),
        ("postsubmits", JobKind::Postsubmit),
    ] {
        if let Some(repos) = doc.get(key).and_then(Value::as_object) {
            for (repo, jobs) in repos {
                for job in jobs.as_array().into_iter().flatten() {
                    out.push((kind, Some(repo.clone()), job));
                }
            }
        }
    }
    if let Some(jobs) = doc.get("periodics").and_then(Value::as_array) {
        for job in jobs {
            out.push((JobKind::Periodic, None, job));
        }
    }
    out
}

/// The ProwJob of one job; `decorate: Some(false)` forces an undecorated one (for the
/// differential test of Prow's undecorated path). An error is what Prow refuses the job for
/// while loading (a preset that clashes, a duration that does not parse).
pub fn prowjob(
    settings: &Settings,
    kind: JobKind,
    repo: Option<&str>,
    body: &Value,
    force_undecorated: bool,
) -> Result<ProwJob, String> {
    let mut body = body.clone();
    crate::prow::go_field_names(&mut body, Some(kind));
    let body = &body;
    let name = str_field(body, "name");
    let cluster = Some(str_field(body, "cluster"))
        .filter(|c| !c.is_empty())
        .unwrap_or_else(|| crate::prow::DEFAULT_CONTEXT.to_string());
    let agent = Some(str_field(body, "agent"))
        .filter(|a| !a.is_empty())
        .unwrap_or_else(|| "kubernetes".into());
    let decorate = body
        .get("decorate")
        .and_then(Value::as_bool)
        .unwrap_or(settings.decorate_all_jobs);
    let job_dc = decoration_opt(body.get("decoration_config").unwrap_or(&Value::Null))?;
    let extra_refs_raw: Vec<&Value> = body
        .get("extra_refs")
        .and_then(Value::as_array)
        .map(|l| l.iter().collect())
        .unwrap_or_default();
    let mut dc = if decorate {
        let match_repo = match kind {
            JobKind::Periodic => extra_refs_raw
                .first()
                .map(|r| format!("{}/{}", str_field(r, "org"), str_field(r, "repo")))
                .unwrap_or_default(),
            _ => repo.unwrap_or_default().to_string(),
        };
        let mut merged: Option<Value> = None;
        for entry in &settings.defaults {
            if matches(&entry.repo, &entry.cluster, &match_repo, &cluster) {
                merged = apply_default(entry.config.as_ref(), merged.as_ref());
            }
        }
        Some(apply_default(job_dc.as_ref(), merged.as_ref()).unwrap_or_else(|| json!({})))
    } else {
        job_dc
    };
    if force_undecorated {
        dc = None;
    }

    let mut pod_spec = body.get("spec").filter(|s| !s.is_null()).cloned();
    let labels = string_map(body.get("labels"));
    if let Some(spec) = &mut pod_spec {
        for preset in &settings.presets {
            merge_preset(preset, &labels, spec)
                .map_err(|e| format!("job {name} failed to merge presets for podspec: {e}"))?;
        }
    }

    let refs = repo.filter(|_| kind != JobKind::Periodic).map(|repo| {
        let mut refs = placeholder_refs(repo, kind == JobKind::Presubmit);
        complete_primary_refs(&mut refs, body, dc.as_ref());
        Value::Object(refs)
    });
    let extra_refs = extra_refs_raw
        .iter()
        .map(|r| {
            let mut r = refs_fields(r);
            if let Some(dc) = &dc {
                decorate_refs(&mut r, dc);
            }
            Value::Object(r)
        })
        .collect();
    let context = match kind {
        JobKind::Periodic => String::new(),
        _ => Some(str_field(body, "context"))
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| name.clone()),
    };
    let mut extra_labels = labels.clone();
    match kind {
        JobKind::Presubmit => {
            extra_labels.insert("event-GUID".into(), PLACEHOLDER_EVENT_GUID.into());
            let optional = body
                .get("optional")
                .and_then(Value::as_bool)
                .unwrap_or(false);
            extra_labels.insert("prow.k8s.io/is-optional".into(), optional.to_string());
        }
        JobKind::Postsubmit => {
            extra_labels.insert("event-GUID".into(), PLACEHOLDER_EVENT_GUID.into());
        }
        JobKind::Periodic => {}
    }
    let mut pj = ProwJob {
        name: PLACEHOLDER_NAME.into(),
        build_id: PLACEHOLDER_BUILD_ID.into(),
        kind,
        job: name,
        context,
        agent,
        refs,
        extra_refs,
        decoration: dc,
        pod_spec,
        labels: BTreeMap::new(),
        annotations: BTreeMap::new(),
    };
    let (l, a) = labels_and_annotations(&pj, extra_labels, string_map(body.get("annotations")));
    pj.labels = l;
    pj.annotations = a;
    Ok(pj)
}

/// A preset with the string fields Prow's converter sees written as strings.
fn stringify_preset(preset: &Value) -> Value {
    fn text(v: &mut Value) {
        let s = match v {
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => match n.as_i64() {
                Some(i) => i.to_string(),
                None => match n.as_u64() {
                    Some(u) => u.to_string(),
                    None => crate::prow::go_format_float32_g(n.as_f64().unwrap_or(0.0)),
                },
            },
            _ => return,
        };
        *v = Value::String(s);
    }
    let mut p = preset.clone();
    if let Some(labels) = p.get_mut("labels").and_then(Value::as_object_mut) {
        labels.values_mut().for_each(text);
    }
    for (list, fields) in [
        ("env", &["name", "value"][..]),
        ("volumes", &["name"][..]),
        ("volumeMounts", &["name", "mountPath", "subPath"][..]),
    ] {
        for item in p
            .get_mut(list)
            .and_then(Value::as_array_mut)
            .into_iter()
            .flatten()
        {
            for f in fields {
                if let Some(v) = item.get_mut(*f) {
                    text(v);
                }
            }
        }
    }
    p
}

fn str_field(v: &Value, key: &str) -> String {
    match v.get(key) {
        Some(Value::String(s)) => s.clone(),
        _ => String::new(),
    }
}

fn string_map(v: Option<&Value>) -> BTreeMap<String, String> {
    v.and_then(Value::as_object)
        .map(|m| {
            m.iter()
                .filter_map(|(k, v)| v.as_str().map(|s| (k.clone(), s.to_string())))
                .collect()
        })
        .unwrap_or_default()
}

/// Prow's `matches` for default entries: cluster, then `*`/org/org-repo (Gerrit URLs without
/// their scheme and `-review` host).
fn matches(given_repo: &str, given_cluster: &str, repo: &str, cluster: &str) -> bool {
    if !given_cluster.is_empty() && given_cluster != "*" && given_cluster != cluster {
        return false;
    }
    if given_repo.is_empty() || given_repo == "*" || given_repo == repo {
        return true;
    }
    let repo = repo.replacen("-review.", ".", 1);
    let repo = repo.strip_prefix("https://").unwrap_or(&repo);
    let repo = repo.strip_prefix("http://").unwrap_or(repo);
    given_repo == repo || given_repo == repo.split('/').next().unwrap_or("")
}

/// Refs of a pull request or a push, with placeholders; `org` and `repo` from the key (a Gerrit
/// URL splits at its last `/`).
pub fn placeholder_refs(repo_key: &str, pull: bool) -> Map<String, Value> {
    let (org, repo) = repo_key.rsplit_once('/').unwrap_or((repo_key, ""));
    let link = format!("https://github.com/{org}/{repo}");
    let mut r = Map::new();
    r.insert("org".into(), org.into());
    r.insert("repo".into(), repo.into());
    r.insert("repo_link".into(), link.clone().into());
    r.insert("base_ref".into(), PLACEHOLDER_BASE_REF.into());
    r.insert("base_sha".into(), PLACEHOLDER_BASE_SHA.into());
    r.insert(
        "base_link".into(),
        format!("{link}/commit/{PLACEHOLDER_BASE_SHA}").into(),
    );
    if pull {
        let n = PLACEHOLDER_PULL_NUMBER;
        r.insert(
            "pulls".into(),
            json!([{
                "number": n,
                "author": PLACEHOLDER_PULL_AUTHOR,
                "sha": PLACEHOLDER_PULL_SHA,
                "title": PLACEHOLDER_PULL_TITLE,
                "head_ref": PLACEHOLDER_PULL_HEAD_REF,
                "link": format!("{link}/pull/{n}"),
                "commit_link": format!("{link}/pull/{n}/commits/{PLACEHOLDER_PULL_SHA}"),
                "author_link": format!("https://github.com/{PLACEHOLDER_PULL_AUTHOR}"),
            }]),
        );
    }
    r
}

/// `pjutil.CompletePrimaryRefs`: the job's clone settings on its refs.
fn complete_primary_refs(refs: &mut Map<String, Value>, body: &Value, dc: Option<&Value>) {
    let s = |k: &str| str_field(body, k);
    if !s("path_alias").is_empty() {
        refs.insert("path_alias".into(), s("path_alias").into());
    }
    if !s("clone_uri").is_empty() {
        refs.insert("clone_uri".into(), s("clone_uri").into());
    }
    if body.get("skip_submodules").and_then(Value::as_bool) == Some(true) {
        refs.insert("skip_submodules".into(), true.into());
    }
    if let Some(d) = body.get("clone_depth").and_then(Value::as_i64)
        && d > 0
    {
        refs.insert("clone_depth".into(), d.into());
    }
    if body.get("skip_fetch_head").and_then(Value::as_bool) == Some(true) {
        refs.insert("skip_fetch_head".into(), true.into());
    }
    if let Some(dc) = dc {
        decorate_refs(refs, dc);
        if let Some(files) = dc.get("sparse_checkout_files") {
            refs.insert("sparse_checkout_files".into(), files.clone());
        }
    }
    reorder_refs(refs);
}

/// `pjutil.DecorateRefs`: the decoration's `blobless_fetch` where the refs set none.
fn decorate_refs(refs: &mut Map<String, Value>, dc: &Value) {
    if !refs.contains_key("blobless_fetch")
        && let Some(b) = dc.get("blobless_fetch")
    {
        refs.insert("blobless_fetch".into(), b.clone());
        reorder_refs(refs);
    }
}

const REFS_FIELDS: &[&str] = &[
    "org",
    "repo",
    "repo_link",
    "base_ref",
    "base_sha",
    "base_link",
    "pulls",
    "path_alias",
    "workdir",
    "auxiliary",
    "clone_uri",
    "skip_submodules",
    "clone_depth",
    "skip_fetch_head",
    "blobless_fetch",
    "sparse_checkout_files",
];

fn reorder_refs(refs: &mut Map<String, Value>) {
    let mut out = Map::new();
    for k in REFS_FIELDS {
        if let Some(v) = refs.remove(*k) {
            out.insert((*k).into(), v);
        }
    }
    *refs = out;
}

/// A `Refs` as Go's struct keeps it: known fields, empty ones dropped (`omitempty`), `org` and
/// `repo` always.
fn refs_fields(v: &Value) -> Map<String, Value> {
    let mut out = Map::new();
    for k in REFS_FIELDS {
        let Some(x) = v.get(*k) else { continue };
        let keep = match (*k, x) {
            ("org" | "repo", _) => true,
            ("blobless_fetch", x) => !x.is_null(),
            _ => !is_zero(x),
        };
        if keep {
            out.insert((*k).into(), x.clone());
        }
    }
    for k in ["org", "repo"] {
        if !out.contains_key(k) || out[k].is_null() {
            out.insert(k.into(), "".into());
        }
    }
    reorder_refs(&mut out);
    out
}

/// Go's zero value (what `omitempty` drops).
pub(crate) fn is_zero(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(_) => false,
    }
}

/// A `DecorationConfig` value as Go's struct holds it; `None` for null.
fn decoration_opt(v: &Value) -> Result<Option<Value>, String> {
    if v.is_null() {
        return Ok(None);
    }
    decoration(v).map(Some)
}

/// The known fields of a `DecorationConfig`, as Go's types keep them: unknown keys dropped,
/// unset-equivalent values of non-pointer fields (`""`, `[]`) dropped, durations written as
/// Go writes them back (`2h` → `2h0m0s`).
pub fn decoration(v: &Value) -> Result<Value, String> {
    let Some(m) = v.as_object() else {
        return Err("decoration_config: not a mapping".into());
    };
    let mut out = Map::new();
    for (k, x) in m {
        if x.is_null() {
            continue;
        }
        let value = match k.as_str() {
            "timeout" | "grace_period" => {
                let nanos = match x {
                    Value::Number(n) => n.as_i64(),
                    Value::String(s) => parse_duration(s).ok(),
                    _ => None,
                }
                .ok_or_else(|| format!("decoration_config.{k}: invalid duration {x}"))?;
                Value::from(format_duration(nanos))
            }
            "pod_pending_timeout" | "pod_running_timeout" | "pod_unscheduled_timeout" => {
                let nanos = x
                    .as_str()
                    .and_then(|s| parse_duration(s).ok())
                    .ok_or_else(|| format!("decoration_config.{k}: invalid duration {x}"))?;
                Value::from(format_duration(nanos))
            }
            "utility_images" => sub(
                x,
                &["clonerefs", "initupload", "entrypoint", "sidecar"],
                &[],
            ),
            "resources" => sub(
                x,
                &[],
                &["clonerefs", "initupload", "place_entrypoint", "sidecar"],
            ),
            "gcs_configuration" => sub(
                x,
                &[
                    "bucket",
                    "path_prefix",
                    "path_strategy",
                    "default_org",
                    "default_repo",
                    "mediaTypes",
                    "job_url_prefix",
                    "local_output_dir",
                    "compress_file_types",
                ],
                &[],
            ),
            "oauth_token_secret" | "github_app_private_key_secret" => sub(x, &["name", "key"], &[]),
            "censoring_options" => sub(
                x,
                &["include_directories", "exclude_directories"],
                &[
                    "censoring_concurrency",
                    "censoring_buffer_size",
                    "minimum_secret_length",
                ],
            ),
            "scheduling_options" => sub(x, &["tolerations"], &["affinity"]),
            "default_memory_request" => match x {
                Value::Number(n) => Value::from(n.to_string()),
                x => x.clone(),
            },
            // Non-pointer fields: empty is unset.
            "ssh_key_secrets"
            | "ssh_host_fingerprints"
            | "sparse_checkout_files"
            | "github_api_endpoints"
            | "github_app_id" => {
                if is_zero(x) {
                    continue;
                }
                x.clone()
            }
            // Pointer fields: any value is set.
            "gcs_credentials_secret"
            | "s3_credentials_secret"
            | "default_service_account_name"
            | "blobless_fetch"
            | "skip_cloning"
            | "cookiefile_secret"
            | "censor_secrets"
            | "upload_ignores_interrupts"
            | "set_limit_equals_memory_request"
            | "run_as_user"
            | "run_as_group"
            | "fs_group" => x.clone(),
            _ => continue,
        };
        out.insert(k.clone(), value);
    }
    Ok(Value::Object(out))
}

/// A nested struct: `plain` fields dropped when empty, `pointers` kept when not null.
fn sub(v: &Value, plain: &[&str], pointers: &[&str]) -> Value {
    let mut out = Map::new();
    if let Some(m) = v.as_object() {
        for (k, x) in m {
            let keep = if plain.contains(&k.as_str()) {
                !(is_zero(x) || x.as_object().is_some_and(Map::is_empty))
            } else if pointers.contains(&k.as_str()) {
                !x.is_null()
            } else {
                false
            };
            if keep {
                out.insert(k.clone(), x.clone());
            }
        }
    }
    Value::Object(out)
}

/// `DecorationConfig.ApplyDefault`: `d` wins, `def` fills what `d` leaves unset; nested
/// structs merge field by field, except `gcs_configuration.mediaTypes`, where the default's
/// entries win (Prow's `maps.Copy` into the job's map).
pub fn apply_default(d: Option<&Value>, def: Option<&Value>) -> Option<Value> {
    let (d, def) = match (d, def) {
        (None, None) => return None,
        (Some(d), None) => return Some(d.clone()),
        (None, Some(def)) => return Some(def.clone()),
        (Some(d), Some(def)) => (d, def),
    };
    let mut merged = d.as_object().cloned().unwrap_or_default();
    let def = def.as_object().cloned().unwrap_or_default();
    for (k, dv) in &def {
        match merged.get_mut(k) {
            None => {
                merged.insert(k.clone(), dv.clone());
            }
            Some(mv) => {
                if matches!(
                    k.as_str(),
                    "utility_images"
                        | "resources"
                        | "gcs_configuration"
                        | "censoring_options"
                        | "scheduling_options"
                ) && let (Some(mm), Some(dm)) = (mv.as_object_mut(), dv.as_object())
                {
                    for (sk, sv) in dm {
                        if k == "gcs_configuration" && sk == "mediaTypes" {
                            let mut media = mm
                                .get("mediaTypes")
                                .and_then(Value::as_object)
                                .cloned()
                                .unwrap_or_default();
                            for (mk, mvv) in sv.as_object().into_iter().flatten() {
                                media.insert(mk.clone(), mvv.clone());
                            }
                            if !media.is_empty() {
                                mm.insert("mediaTypes".into(), Value::Object(media));
                            }
                        } else if !mm.contains_key(sk) {
                            mm.insert(sk.clone(), sv.clone());
                        }
                    }
                }
            }
        }
    }
    Some(Value::Object(merged))
}

/// `config.mergePreset`: when every preset label matches the job's, its env and volume
/// mounts go to every container and its volumes (and tolerations) to the pod; a name the pod
/// already has is an error, as in Prow.
fn merge_preset(
    preset: &Value,
    labels: &BTreeMap<String, String>,
    spec: &mut Value,
) -> Result<(), String> {
    for (l, v) in preset
        .get("labels")
        .and_then(Value::as_object)
        .into_iter()
        .flatten()
    {
        if labels.get(l).map(String::as_str) != v.as_str() {
            return Ok(());
        }
    }
    let list = |k: &str| -> Vec<Value> {
        preset
            .get(k)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default()
    };
    let Some(spec) = spec.as_object_mut() else {
        return Ok(());
    };
    let name_of = |v: &Value| v.get("name").and_then(Value::as_str).map(str::to_string);
    for e1 in list("env") {
        for c in containers_mut(spec) {
            let env = c.entry("env").or_insert_with(|| Value::Array(Vec::new()));
            if env.is_null() {
                *env = Value::Array(Vec::new());
            }
            let env = env.as_array_mut().ok_or("env is not a list")?;
            if env.iter().any(|e2| name_of(e2) == name_of(&e1)) {
                return Err(format!(
                    "env var duplicated in pod spec: {}",
                    name_of(&e1).unwrap_or_default()
                ));
            }
            env.push(e1.clone());
        }
    }
    for v1 in list("volumes") {
        let vols = spec
            .entry("volumes")
            .or_insert_with(|| Value::Array(Vec::new()));
        if vols.is_null() {
            *vols = Value::Array(Vec::new());
        }
        let vols = vols.as_array_mut().ok_or("volumes is not a list")?;
        if vols.iter().any(|v2| name_of(v2) == name_of(&v1)) {
            return Err(format!(
                "volume duplicated in pod spec: {}",
                name_of(&v1).unwrap_or_default()
            ));
        }
        vols.push(v1);
    }
    for m1 in list("volumeMounts") {
        for c in containers_mut(spec) {
            let mounts = c
                .entry("volumeMounts")
                .or_insert_with(|| Value::Array(Vec::new()));
            if mounts.is_null() {
                *mounts = Value::Array(Vec::new());
            }
            let mounts = mounts.as_array_mut().ok_or("volumeMounts is not a list")?;
            if mounts.iter().any(|m2| name_of(m2) == name_of(&m1)) {
                return Err(format!(
                    "volume mount duplicated in pod spec: {}",
                    name_of(&m1).unwrap_or_default()
                ));
            }
            mounts.push(m1.clone());
        }
    }
    for t1 in list("tolerations") {
        let tols = spec
            .entry("tolerations")
            .or_insert_with(|| Value::Array(Vec::new()));
        if tols.is_null() {
            *tols = Value::Array(Vec::new());
        }
        let tols = tols.as_array_mut().ok_or("tolerations is not a list")?;
        if tols.contains(&t1) {
            return Err(format!("toleration duplicated in pod spec: {t1}"));
        }
        tols.push(t1);
    }
    Ok(())
}

fn containers_mut(spec: &mut Map<String, Value>) -> Vec<&mut Map<String, Value>> {
    spec.get_mut("containers")
        .and_then(Value::as_array_mut)
        .map(|l| l.iter_mut().filter_map(Value::as_object_mut).collect())
        .unwrap_or_default()
}

/// `decorate.LabelsAndAnnotationsForSpec`: Prow's labels (the job's name cut to a label's 63
/// characters), the refs' labels, then `extra`; a label value Kubernetes would refuse becomes
/// its path's base name, or is dropped.
pub(crate) fn labels_and_annotations(
    pj: &ProwJob,
    extra_labels: BTreeMap<String, String>,
    extra_annotations: BTreeMap<String, String>,
) -> (BTreeMap<String, String>, BTreeMap<String, String>) {
    let mut labels = BTreeMap::new();
    let mut annotations = BTreeMap::new();
    labels.insert("created-by-prow".to_string(), "true".to_string());
    labels.insert("prow.k8s.io/type".to_string(), pj.kind.as_str().to_string());
    for (key, value) in [
        ("prow.k8s.io/job", &pj.job),
        ("prow.k8s.io/context", &pj.context),
    ] {
        let cut = if value.len() > 63 {
            let mut end = 63;
            while !value.is_char_boundary(end) {
                end -= 1;
            }
            value[..end].trim_end_matches(['.', '_', '-']).to_string()
        } else {
            value.clone()
        };
        labels.insert(key.to_string(), cut);
        annotations.insert(key.to_string(), value.clone());
    }
    if let Some(refs) = pj.refs.as_ref().or(pj.extra_refs.first()) {
        let s = |k: &str| {
            refs.get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        labels.insert("prow.k8s.io/refs.org".into(), s("org"));
        labels.insert("prow.k8s.io/refs.repo".into(), s("repo"));
        labels.insert("prow.k8s.io/refs.base_ref".into(), s("base_ref"));
        if let Some(n) = refs
            .get("pulls")
            .and_then(Value::as_array)
            .and_then(|p| p.first())
            .and_then(|p| p.get("number"))
            .and_then(Value::as_i64)
        {
            labels.insert("prow.k8s.io/refs.pull".into(), n.to_string());
        }
    }
    labels.extend(extra_labels);
    labels.retain(|_, v| {
        if valid_label_value(v) {
            return true;
        }
        let base = go_base(v);
        if valid_label_value(&base) {
            *v = base;
            return true;
        }
        false
    });
    annotations.extend(extra_annotations);
    (labels, annotations)
}

/// Kubernetes' `IsValidLabelValue`.
pub fn valid_label_value(v: &str) -> bool {
    if v.len() > 63 {
        return false;
    }
    if v.is_empty() {
        return true;
    }
    let b = v.as_bytes();
    let alnum = |c: u8| c.is_ascii_alphanumeric();
    alnum(b[0])
        && alnum(b[b.len() - 1])
        && b.iter()
            .all(|&c| alnum(c) || c == b'-' || c == b'_' || c == b'.')
}

/// Go's `filepath.Base`.
fn go_base(p: &str) -> String {
    if p.is_empty() {
        return ".".into();
    }
    let trimmed = p.trim_end_matches('/');
    if trimmed.is_empty() {
        return "/".into();
    }
    trimmed.rsplit('/').next().unwrap_or(trimmed).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_job_wins_and_defaults_fill_in() {
        let def = decoration(&json!({
            "timeout": "2h", "grace_period": "15m",
            "utility_images": {"clonerefs": "c", "sidecar": "s"},
            "gcs_configuration": {"bucket": "b", "mediaTypes": {"log": "text/plain"}},
            "ssh_key_secrets": ["k"]
        }))
        .unwrap();
        let job = decoration(&json!({
            "timeout": "30m", "utility_images": {"clonerefs": "mine", "sidecar": ""},
            "gcs_configuration": {"mediaTypes": {"log": "x", "txt": "y"}},
            "ssh_key_secrets": [], "unknown": 1
        }))
        .unwrap();
        let m = apply_default(Some(&job), Some(&def)).unwrap();
        assert_eq!(m["timeout"], "30m0s");
        assert_eq!(m["grace_period"], "15m0s");
        assert_eq!(
            m["utility_images"],
            json!({"clonerefs": "mine", "sidecar": "s"})
        );
        assert_eq!(
            m["gcs_configuration"]["mediaTypes"],
            json!({"log": "text/plain", "txt": "y"})
        );
        assert_eq!(m["ssh_key_secrets"], json!(["k"]));
        assert!(m.get("unknown").is_none());
    }

    #[test]
    fn default_entries_match_repo_org_and_cluster() {
        assert!(matches("", "", "org/repo", "default"));
        assert!(matches("org", "", "org/repo", "default"));
        assert!(matches("org/repo", "default", "org/repo", "default"));
        assert!(!matches("org/repo", "build01", "org/repo", "default"));
        assert!(!matches("other", "", "org/repo", "default"));
        assert!(matches(
            "host.example/repo",
            "",
            "https://host-review.example/repo",
            "x"
        ));
    }
}
