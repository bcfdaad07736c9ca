//! The pod plank creates for a ProwJob: Prow's `decorate.ProwJobToPod` (and `decorate` for
//! decorated jobs: clonerefs, initupload, place-entrypoint, the sidecar, the entrypoint
//! wrapping every test container, the volumes), then what plank adds (namespace, the
//! `plank-version` label). Field names, defaults and the JSON each utility reads from its
//! `*_OPTIONS` variable are Prow's; Go's struct order is kept where it is cheap to keep.

use std::collections::BTreeMap;

use serde_json::{Map, Value, json};

use super::prowjob::{PLACEHOLDER_PLANK_VERSION, ProwJob, is_zero, labels_and_annotations};
use crate::prow::JobKind;
use crate::prow::godecode::parse_duration;

const LOG_MOUNT: (&str, &str) = ("logs", "/logs");
const CODE_MOUNT: (&str, &str) = ("code", "/home/prow/go");
const TOOLS_MOUNT: (&str, &str) = ("tools", "/tools");
const ARTIFACTS: &str = "/logs/artifacts";
const GCS_CREDENTIALS: (&str, &str) = ("gcs-credentials", "/secrets/gcs");
const S3_CREDENTIALS: (&str, &str) = ("s3-credentials", "/secrets/s3-storage");

/// The pod plank sends for `pj`, in `namespace`.
pub fn plank_pod(pj: &ProwJob, namespace: &str) -> Result<Value, String> {
    let mut pod = prowjob_to_pod(pj)?;
    let meta = pod["metadata"]
        .as_object_mut()
        .expect("built with metadata");
    meta.insert("namespace".into(), namespace.into());
    if let Some(labels) = meta.get_mut("labels").and_then(Value::as_object_mut) {
        labels.insert(
            "prow.k8s.io/plank-version".into(),
            PLACEHOLDER_PLANK_VERSION.into(),
        );
        sort_object(labels);
    }
    Ok(pod)
}

/// `decorate.ProwJobToPod`.
pub fn prowjob_to_pod(pj: &ProwJob) -> Result<Value, String> {
    let Some(spec) = &pj.pod_spec else {
        return Err(format!("prowjob {:?} lacks a pod spec", pj.name));
    };
    let mut spec = spec
        .as_object()
        .cloned()
        .ok_or("the job's spec is not a mapping")?;
    let mut raw_env = env_for_spec(pj);
    spec.insert("restartPolicy".into(), "Never".into());
    if let Some(cs) = spec.get_mut("containers").and_then(Value::as_array_mut)
        && cs.len() == 1
        && let Some(c) = cs[0].as_object_mut()
    {
        c.insert("name".into(), "test".into());
    }
    let sa_unset = spec
        .get("serviceAccountName")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty);
    if spec
        .get("automountServiceAccountToken")
        .is_none_or(Value::is_null)
        && sa_unset
    {
        spec.insert("automountServiceAccountToken".into(), false.into());
    }
    match &pj.decoration {
        None => {
            for c in containers(&mut spec, "containers") {
                append(c, "env", kube_env(&raw_env));
            }
        }
        Some(dc) => decorate(&mut spec, pj, dc, &mut raw_env)?,
    }
    for key in ["initContainers", "containers"] {
        for c in containers(&mut spec, key) {
            if c.get("terminationMessagePolicy")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
            {
                c.insert(
                    "terminationMessagePolicy".into(),
                    "FallbackToLogsOnError".into(),
                );
            }
        }
    }
    let mut extra = pj.labels.clone();
    extra.insert("prow.k8s.io/id".into(), pj.name.clone());
    extra.insert("prow.k8s.io/build-id".into(), pj.build_id.clone());
    let (labels, annotations) = labels_and_annotations(pj, extra, pj.annotations.clone());
    Ok(json!({
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": {
            "name": pj.name,
            "labels": labels,
            "annotations": annotations,
        },
        "spec": Value::Object(spec),
    }))
}

/// `downwardapi.EnvForSpec(NewJobSpec(...))`: the variables every test container gets.
fn env_for_spec(pj: &ProwJob) -> BTreeMap<String, String> {
    let mut env = BTreeMap::new();
    let kind = pj.kind.as_str();
    env.insert("CI".into(), "true".into());
    env.insert("JOB_NAME".into(), pj.job.clone());
    env.insert("BUILD_ID".into(), pj.build_id.clone());
    env.insert("PROW_JOB_ID".into(), pj.name.clone());
    env.insert("JOB_TYPE".into(), kind.into());
    if pj.agent == "kubernetes" {
        env.insert("BUILD_NUMBER".into(), pj.build_id.clone());
    }
    env.insert("JOB_SPEC".into(), job_spec(pj).to_string());
    if pj.kind == JobKind::Periodic {
        return env;
    }
    let empty = json!({});
    let refs = pj.refs.as_ref().unwrap_or(&empty);
    let s = |k: &str| {
        refs.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    env.insert("REPO_OWNER".into(), s("org"));
    env.insert("REPO_NAME".into(), s("repo"));
    let (mut host, mut base) = (
        "github.com".to_string(),
        format!("{}/{}", s("org"), s("repo")),
    );
    if !s("path_alias").is_empty() {
        let alias = s("path_alias");
        match alias.split_once('/') {
            Some((h, b)) => (host, base) = (h.into(), b.into()),
            None => host = alias,
        }
    } else if !s("repo_link").is_empty() {
        let link = s("repo_link");
        let host_path = link.rsplit("://").next().unwrap_or(&link).to_string();
        match host_path.split_once('/') {
            Some((h, b)) => (host, base) = (h.into(), b.into()),
            None => host = host_path,
        }
    }
    env.insert("SRC_HOST".into(), host);
    env.insert("SRC_BASE".into(), base);
    env.insert("PULL_BASE_REF".into(), s("base_ref"));
    env.insert("PULL_BASE_SHA".into(), s("base_sha"));
    env.insert("PULL_REFS".into(), refs_string(refs));
    if pj.kind == JobKind::Postsubmit {
        return env;
    }
    let pull = refs
        .get("pulls")
        .and_then(Value::as_array)
        .and_then(|p| p.first())
        .cloned()
        .unwrap_or_default();
    let p = |k: &str| {
        pull.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    env.insert(
        "PULL_NUMBER".into(),
        pull.get("number")
            .and_then(Value::as_i64)
            .unwrap_or(0)
            .to_string(),
    );
    env.insert("PULL_PULL_SHA".into(), p("sha"));
    env.insert("PULL_HEAD_REF".into(), p("head_ref"));
    env.insert("PULL_TITLE".into(), p("title"));
    env
}

/// `Refs.String()`: `base_ref:base_sha,number:sha[:ref],...`.
fn refs_string(refs: &Value) -> String {
    let s = |k: &str| {
        refs.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let mut parts = vec![if s("base_sha").is_empty() {
        s("base_ref")
    } else {
        format!("{}:{}", s("base_ref"), s("base_sha"))
    }];
    for pull in refs
        .get("pulls")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let p = |k: &str| {
            pull.get(k)
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_string()
        };
        let n = pull.get("number").and_then(Value::as_i64).unwrap_or(0);
        let mut r = format!("{n}:{}", p("sha"));
        if !p("ref").is_empty() {
            r = format!("{r}:{}", p("ref"));
        }
        parts.push(r);
    }
    parts.join(",")
}

/// `downwardapi.JobSpec` as JSON (`JOB_SPEC`).
fn job_spec(pj: &ProwJob) -> Value {
    let mut m = Map::new();
    m.insert("type".into(), pj.kind.as_str().into());
    if !pj.job.is_empty() {
        m.insert("job".into(), pj.job.clone().into());
    }
    m.insert("buildid".into(), pj.build_id.clone().into());
    m.insert("prowjobid".into(), pj.name.clone().into());
    if let Some(r) = &pj.refs {
        m.insert("refs".into(), r.clone());
    }
    if !pj.extra_refs.is_empty() {
        m.insert("extra_refs".into(), Value::Array(pj.extra_refs.clone()));
    }
    if let Some(dc) = &pj.decoration {
        m.insert("decoration_config".into(), dc.clone());
    }
    Value::Object(m)
}

/// `decorate.KubeEnv`: sorted by name.
fn kube_env(env: &BTreeMap<String, String>) -> Vec<Value> {
    env.iter()
        .map(|(k, v)| {
            let mut e = Map::new();
            e.insert("name".into(), k.clone().into());
            if !v.is_empty() {
                e.insert("value".into(), v.clone().into());
            }
            Value::Object(e)
        })
        .collect()
}

fn mount(name: &str, path: &str) -> Value {
    json!({"name": name, "mountPath": path})
}

fn empty_dir(name: &str) -> Value {
    json!({"name": name, "emptyDir": {}})
}

fn containers<'a>(spec: &'a mut Map<String, Value>, key: &str) -> Vec<&'a mut Map<String, Value>> {
    spec.get_mut(key)
        .and_then(Value::as_array_mut)
        .map(|l| l.iter_mut().filter_map(Value::as_object_mut).collect())
        .unwrap_or_default()
}

/// Appends to a list field, creating it (or replacing a null).
fn append(obj: &mut Map<String, Value>, key: &str, items: Vec<Value>) {
    if items.is_empty() {
        return;
    }
    let slot = obj.entry(key).or_insert_with(|| Value::Array(Vec::new()));
    if !slot.is_array() {
        *slot = Value::Array(Vec::new());
    }
    slot.as_array_mut().expect("an array").extend(items);
}

fn dc_str<'a>(dc: &'a Value, path: &[&str]) -> &'a str {
    let mut v = dc;
    for p in path {
        match v.get(*p) {
            Some(x) => v = x,
            None => return "",
        }
    }
    v.as_str().unwrap_or("")
}

fn dc_bool(dc: &Value, key: &str) -> bool {
    dc.get(key).and_then(Value::as_bool).unwrap_or(false)
}

fn resources_of(dc: &Value, which: &str) -> Option<Value> {
    dc.get("resources").and_then(|r| r.get(which)).cloned()
}

/// `gcsupload.Options` as JSON: its own fields, the embedded GCS configuration, the storage
/// client's credential files, `dry_run`.
fn gcs_options(dc: &Value, items: &[&str]) -> Map<String, Value> {
    let mut m = Map::new();
    if !items.is_empty() {
        m.insert("items".into(), json!(items));
    }
    if let Some(g) = dc.get("gcs_configuration").and_then(Value::as_object) {
        for k in [
            "bucket",
            "path_prefix",
            "path_strategy",
            "default_org",
            "default_repo",
            "mediaTypes",
            "job_url_prefix",
            "local_output_dir",
            "compress_file_types",
        ] {
            if let Some(v) = g.get(k) {
                m.insert(k.into(), v.clone());
            }
        }
    }
    if !dc_str(dc, &["gcs_credentials_secret"]).is_empty() {
        m.insert(
            "gcs_credentials_file".into(),
            format!("{}/service-account.json", GCS_CREDENTIALS.1).into(),
        );
    }
    if !dc_str(dc, &["s3_credentials_secret"]).is_empty() {
        m.insert(
            "s3_credentials_file".into(),
            format!("{}/service-account.json", S3_CREDENTIALS.1).into(),
        );
    }
    m.insert("dry_run".into(), false.into());
    m
}

/// `decorate.decorate`.
fn decorate(
    spec: &mut Map<String, Value>,
    pj: &ProwJob,
    dc: &Value,
    raw_env: &mut BTreeMap<String, String>,
) -> Result<(), String> {
    raw_env.insert("ARTIFACTS".into(), ARTIFACTS.into());
    raw_env.insert("GOPATH".into(), CODE_MOUNT.1.into());
    let log_mount = mount(LOG_MOUNT.0, LOG_MOUNT.1);
    let code_mount = mount(CODE_MOUNT.0, CODE_MOUNT.1);
    let tools_mount = mount(TOOLS_MOUNT.0, TOOLS_MOUNT.1);

    // BlobStorageOptions
    let mut blob_volumes = Vec::new();
    let mut blob_mounts = Vec::new();
    let gcs_secret = dc_str(dc, &["gcs_credentials_secret"]);
    if !gcs_secret.is_empty() {
        blob_volumes.push(json!({"name": GCS_CREDENTIALS.0, "secret": {"secretName": gcs_secret}}));
        blob_mounts.push(mount(GCS_CREDENTIALS.0, GCS_CREDENTIALS.1));
    }
    let s3_secret = dc_str(dc, &["s3_credentials_secret"]);
    if !s3_secret.is_empty() {
        blob_volumes.push(json!({"name": S3_CREDENTIALS.0, "secret": {"secretName": s3_secret}}));
        blob_mounts.push(mount(S3_CREDENTIALS.0, S3_CREDENTIALS.1));
    }

    // CloneRefs
    let mut refs: Vec<Value> = Vec::new();
    if let Some(r) = &pj.refs {
        refs.push(r.clone());
    }
    refs.extend(pj.extra_refs.iter().cloned());
    let skip_cloning = dc_bool(dc, "skip_cloning");
    let cloning = !skip_cloning && !refs.is_empty();
    let mut clone_volumes = Vec::new();
    let encoded_job_spec = raw_env.get("JOB_SPEC").cloned().unwrap_or_default();
    if cloning {
        let mut clone_mounts = Vec::new();
        let mut key_paths = Vec::new();
        for secret in dc
            .get("ssh_key_secrets")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
        {
            let name = format!("ssh-keys-{secret}");
            let path = go_clean(&format!("/secrets/ssh/{secret}"));
            clone_volumes.push(
                json!({"name": name, "secret": {"secretName": secret, "defaultMode": 0o400}}),
            );
            clone_mounts.push(json!({"name": name, "readOnly": true, "mountPath": path}));
            key_paths.push(path);
        }
        let mut oauth_file = String::new();
        if let Some(o) = dc.get("oauth_token_secret") {
            let (name, key) = (dc_str(o, &["name"]), dc_str(o, &["key"]));
            clone_volumes.push(json!({"name": name, "secret": {"secretName": name, "items": [{"key": key, "path": format!("./{key}")}]}}));
            clone_mounts
                .push(json!({"name": name, "readOnly": true, "mountPath": "/secrets/oauth"}));
            oauth_file = go_clean(&format!("/secrets/oauth/{key}"));
        }
        let endpoints = dc
            .get("github_api_endpoints")
            .cloned()
            .unwrap_or_else(|| json!(["https://api.github.com"]));
        let mut app_key_file = String::new();
        if let Some(o) = dc.get("github_app_private_key_secret") {
            let (name, key) = (dc_str(o, &["name"]), dc_str(o, &["key"]));
            clone_volumes.push(json!({"name": name, "secret": {"secretName": name, "items": [{"key": key, "path": format!("./{key}")}]}}));
            clone_mounts
                .push(json!({"name": name, "readOnly": true, "mountPath": "/secrets/github-app"}));
            app_key_file = go_clean(&format!("/secrets/github-app/{key}"));
        }
        clone_volumes.push(empty_dir("clonerefs-tmp"));
        clone_mounts.push(json!({"name": "clonerefs-tmp", "mountPath": "/tmp"}));
        let mut args = Vec::new();
        let mut cookie_path = String::new();
        let cookie = dc_str(dc, &["cookiefile_secret"]);
        if !cookie.is_empty() {
            let (secret, base) = cookie.split_once('/').unwrap_or((cookie, cookie));
            clone_volumes.push(json!({"name": "cookiefile", "secret": {"secretName": secret, "defaultMode": 0o400}}));
            clone_mounts.push(
                json!({"name": "cookiefile", "readOnly": true, "mountPath": "/secrets/cookiefile"}),
            );
            cookie_path = go_clean(&format!("/secrets/cookiefile/{base}"));
            args.push(Value::from(format!("--cookiefile={cookie_path}")));
        }
        let mut opts = Map::new();
        opts.insert("src_root".into(), CODE_MOUNT.1.into());
        opts.insert("log".into(), format!("{}/clone.json", LOG_MOUNT.1).into());
        opts.insert("git_user_name".into(), "ci-robot".into());
        opts.insert("git_user_email".into(), "ci-robot@k8s.io".into());
        opts.insert("refs".into(), Value::Array(refs.clone()));
        if !key_paths.is_empty() {
            opts.insert("key_files".into(), json!(key_paths));
        }
        if !oauth_file.is_empty() {
            opts.insert("oauth_token_file".into(), oauth_file.into());
        }
        if let Some(f) = dc.get("ssh_host_fingerprints") {
            opts.insert("host_fingerprints".into(), f.clone());
        }
        if !cookie_path.is_empty() {
            opts.insert("cookie_path".into(), cookie_path.into());
        }
        opts.insert("github_api_endpoints".into(), endpoints);
        let app_id = dc_str(dc, &["github_app_id"]);
        if !app_id.is_empty() {
            opts.insert("github_app_id".into(), app_id.into());
        }
        if !app_key_file.is_empty() {
            opts.insert("github_app_private_key_file".into(), app_key_file.into());
        }
        let mut mounts = vec![log_mount.clone(), code_mount.clone()];
        mounts.extend(clone_mounts);
        let mut c = Map::new();
        c.insert("name".into(), "clonerefs".into());
        c.insert(
            "image".into(),
            dc_str(dc, &["utility_images", "clonerefs"]).into(),
        );
        if !args.is_empty() {
            c.insert("args".into(), Value::Array(args));
        }
        c.insert(
            "env".into(),
            json!([{"name": "CLONEREFS_OPTIONS", "value": Value::Object(opts).to_string()}]),
        );
        if let Some(r) = resources_of(dc, "clonerefs") {
            c.insert("resources".into(), r);
        }
        c.insert("volumeMounts".into(), Value::Array(mounts));
        let init = spec
            .entry("initContainers")
            .or_insert_with(|| Value::Array(Vec::new()));
        if !init.is_array() {
            *init = Value::Array(Vec::new());
        }
        init.as_array_mut()
            .expect("an array")
            .insert(0, Value::Object(c));
    }

    // InitUpload
    let mut iu_opts = gcs_options(dc, &[]);
    let mut iu_mounts = Vec::new();
    if cloning {
        iu_opts.insert("log".into(), format!("{}/clone.json", LOG_MOUNT.1).into());
        iu_mounts.push(log_mount.clone());
    }
    iu_mounts.extend(blob_mounts.iter().cloned());
    let mut iu = Map::new();
    iu.insert("name".into(), "initupload".into());
    iu.insert(
        "image".into(),
        dc_str(dc, &["utility_images", "initupload"]).into(),
    );
    iu.insert(
        "env".into(),
        Value::Array(kube_env(&BTreeMap::from([
            (
                "INITUPLOAD_OPTIONS".to_string(),
                Value::Object(iu_opts).to_string(),
            ),
            ("JOB_SPEC".to_string(), encoded_job_spec.clone()),
        ]))),
    );
    if let Some(r) = resources_of(dc, "initupload") {
        iu.insert("resources".into(), r);
    }
    if !iu_mounts.is_empty() {
        iu.insert("volumeMounts".into(), Value::Array(iu_mounts));
    }
    let mut pe = Map::new();
    pe.insert("name".into(), "place-entrypoint".into());
    pe.insert(
        "image".into(),
        dc_str(dc, &["utility_images", "entrypoint"]).into(),
    );
    pe.insert("args".into(), json!(["--copy-mode-only"]));
    if let Some(r) = resources_of(dc, "place_entrypoint") {
        pe.insert("resources".into(), r);
    }
    pe.insert("volumeMounts".into(), json!([tools_mount.clone()]));
    append(
        spec,
        "initContainers",
        vec![Value::Object(iu), Value::Object(pe)],
    );

    let env = kube_env(raw_env);
    for c in containers(spec, "containers") {
        append(c, "env", env.clone());
    }

    let secret_volumes: Vec<String> = spec
        .get("volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter(|v| v.get("secret").is_some_and(|s| !s.is_null()))
        .filter_map(|v| v.get("name").and_then(Value::as_str).map(str::to_string))
        .collect();
    let censor = dc_bool(dc, "censor_secrets");

    let timeout = dc_str(dc, &["timeout"]);
    let grace = dc_str(dc, &["grace_period"]);
    let nanos = |s: &str| {
        if s.is_empty() {
            Some(0)
        } else {
            parse_duration(s).ok()
        }
    };
    let timeout = nanos(timeout).ok_or("invalid timeout")?;
    let grace_nanos = nanos(grace).ok_or("invalid grace_period")?;
    let single = spec
        .get("containers")
        .and_then(Value::as_array)
        .is_some_and(|c| c.len() == 1);
    let mut secret_mounts = Vec::new();
    let mut wrappers = Vec::new();
    for c in containers(spec, "containers") {
        let name = c
            .get("name")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string();
        let prefix = if single { String::new() } else { name.clone() };
        let mut args: Vec<Value> = Vec::new();
        for k in ["command", "args"] {
            args.extend(
                c.get(k)
                    .and_then(Value::as_array)
                    .cloned()
                    .unwrap_or_default(),
            );
        }
        let (process_log, marker, metadata) = if prefix.is_empty() {
            (
                "/logs/process-log.txt".to_string(),
                "/logs/marker-file.txt".to_string(),
                "/logs/artifacts/metadata.json".to_string(),
            )
        } else {
            (
                go_clean(&format!("/logs/{prefix}-log.txt")),
                go_clean(&format!("/logs/{prefix}-marker.txt")),
                go_clean(&format!("/logs/artifacts/{prefix}-metadata.json")),
            )
        };
        let mut wrapper = Map::new();
        if !args.is_empty() {
            wrapper.insert("args".into(), Value::Array(args));
        }
        if !name.is_empty() {
            wrapper.insert("container_name".into(), name.into());
        }
        wrapper.insert("process_log".into(), process_log.into());
        wrapper.insert("marker_file".into(), marker.into());
        wrapper.insert("metadata_file".into(), metadata.into());
        let mut ep = Map::new();
        ep.insert("timeout".into(), timeout.into());
        ep.insert("grace_period".into(), grace_nanos.into());
        ep.insert("artifact_dir".into(), ARTIFACTS.into());
        ep.extend(wrapper.clone());
        c.insert("command".into(), json!(["/tools/entrypoint"]));
        c.remove("args");
        append(
            c,
            "env",
            vec![json!({"name": "ENTRYPOINT_OPTIONS", "value": Value::Object(ep).to_string()})],
        );
        append(
            c,
            "volumeMounts",
            vec![log_mount.clone(), tools_mount.clone()],
        );
        if censor {
            for m in c
                .get("volumeMounts")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                let n = m.get("name").and_then(Value::as_str).unwrap_or("");
                if secret_volumes.iter().any(|s| s == n) {
                    secret_mounts.push(m.clone());
                }
            }
        }
        wrappers.push(Value::Object(wrapper));
    }

    // Sidecar
    let mut sc_opts = Map::new();
    sc_opts.insert(
        "gcs_options".into(),
        Value::Object(gcs_options(dc, &[ARTIFACTS])),
    );
    if !wrappers.is_empty() {
        sc_opts.insert("entries".into(), Value::Array(wrappers));
    }
    if dc_bool(dc, "upload_ignores_interrupts") {
        sc_opts.insert("ignore_interrupts".into(), true.into());
    }
    let mut censoring = Map::new();
    let dirs: Vec<Value> = secret_mounts
        .iter()
        .filter_map(|m| m.get("mountPath").cloned())
        .collect();
    if !dirs.is_empty() {
        censoring.insert("secret_directories".into(), Value::Array(dirs));
    }
    if let Some(co) = dc.get("censoring_options").and_then(Value::as_object) {
        for k in [
            "censoring_concurrency",
            "censoring_buffer_size",
            "include_directories",
            "exclude_directories",
            "minimum_secret_length",
        ] {
            if let Some(v) = co.get(k).filter(|v| !is_zero(v) || v.is_number()) {
                censoring.insert(k.into(), v.clone());
            }
        }
    }
    sc_opts.insert("censoring_options".into(), Value::Object(censoring));
    let mut sc_mounts = vec![log_mount.clone()];
    sc_mounts.extend(blob_mounts.iter().cloned());
    sc_mounts.extend(secret_mounts);
    let mut sidecar = Map::new();
    sidecar.insert("name".into(), "sidecar".into());
    sidecar.insert(
        "image".into(),
        dc_str(dc, &["utility_images", "sidecar"]).into(),
    );
    sidecar.insert(
        "env".into(),
        Value::Array(kube_env(&BTreeMap::from([
            ("JOB_SPEC".to_string(), encoded_job_spec),
            (
                "SIDECAR_OPTIONS".to_string(),
                Value::Object(sc_opts).to_string(),
            ),
        ]))),
    );
    if let Some(r) = resources_of(dc, "sidecar") {
        sidecar.insert("resources".into(), r);
    }
    sidecar.insert("volumeMounts".into(), Value::Array(sc_mounts));
    sidecar.insert(
        "terminationMessagePolicy".into(),
        "FallbackToLogsOnError".into(),
    );

    let mut vols = vec![empty_dir(LOG_MOUNT.0), empty_dir(TOOLS_MOUNT.0)];
    vols.extend(blob_volumes);
    append(spec, "volumes", vols);

    if cloning {
        let workdir = refs
            .iter()
            .find(|r| r.get("workdir").and_then(Value::as_bool) == Some(true))
            .unwrap_or(&refs[0]);
        let dir = path_for_refs(CODE_MOUNT.1, workdir);
        for c in containers(spec, "containers") {
            c.insert("workingDir".into(), dir.clone().into());
            append(c, "volumeMounts", vec![code_mount.clone()]);
        }
        clone_volumes.push(empty_dir(CODE_MOUNT.0));
        append(spec, "volumes", clone_volumes);
    }

    if let Some(mem) = dc.get("default_memory_request") {
        for c in containers(spec, "containers") {
            let res = obj_entry(c, "resources");
            let req = obj_entry(res, "requests");
            if !req.contains_key("memory") {
                req.insert("memory".into(), mem.clone());
            }
        }
    }

    let sc = obj_entry(spec, "securityContext");
    for (from, to) in [
        ("run_as_user", "runAsUser"),
        ("run_as_group", "runAsGroup"),
        ("fs_group", "fsGroup"),
    ] {
        if let Some(v) = dc.get(from)
            && sc.get(to).is_none_or(Value::is_null)
        {
            sc.insert(to.into(), v.clone());
        }
    }

    if let Some(so) = dc.get("scheduling_options") {
        for (from, to) in [("affinity", "affinity"), ("tolerations", "tolerations")] {
            if let Some(v) = so.get(from)
                && spec.get(to).is_none_or(Value::is_null)
            {
                spec.insert(to.into(), v.clone());
            }
        }
    }

    if dc_bool(dc, "set_limit_equals_memory_request") {
        for c in containers(spec, "containers") {
            let mem = c
                .get("resources")
                .and_then(|r| r.get("requests"))
                .and_then(|r| r.get("memory"))
                .cloned();
            if let Some(mem) = mem {
                let res = obj_entry(c, "resources");
                obj_entry(res, "limits").insert("memory".into(), mem);
            }
        }
    }

    append(spec, "containers", vec![Value::Object(sidecar)]);

    if spec
        .get("terminationGracePeriodSeconds")
        .is_none_or(Value::is_null)
        && dc.get("grace_period").is_some()
    {
        // Go: int64(GracePeriod.Seconds()) * 5 / 4.
        let secs = grace_nanos / 1_000_000_000;
        spec.insert(
            "terminationGracePeriodSeconds".into(),
            (secs * 5 / 4).into(),
        );
    }
    let default_sa = dc
        .get("default_service_account_name")
        .and_then(Value::as_str);
    if spec
        .get("serviceAccountName")
        .and_then(Value::as_str)
        .is_none_or(str::is_empty)
        && let Some(sa) = default_sa
    {
        spec.insert("serviceAccountName".into(), sa.into());
    }
    Ok(())
}

/// An object field, created (or a null replaced) when missing.
fn obj_entry<'a>(m: &'a mut Map<String, Value>, key: &str) -> &'a mut Map<String, Value> {
    let slot = m.entry(key).or_insert_with(|| Value::Object(Map::new()));
    if !slot.is_object() {
        *slot = Value::Object(Map::new());
    }
    slot.as_object_mut().expect("an object")
}

/// `clone.PathForRefs`.
fn path_for_refs(base: &str, refs: &Value) -> String {
    let s = |k: &str| {
        refs.get(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_string()
    };
    let clone_path = if !s("path_alias").is_empty() {
        s("path_alias")
    } else if !s("repo_link").is_empty() {
        let link = s("repo_link");
        link.rsplit("://").next().unwrap_or(&link).to_string()
    } else {
        format!("github.com/{}/{}", s("org"), s("repo"))
    };
    go_clean(&format!("{base}/src/{clone_path}"))
}

/// Go's `path.Clean` for absolute paths.
fn go_clean(p: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    for part in p.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            x => out.push(x),
        }
    }
    format!("/{}", out.join("/"))
}

fn sort_object(m: &mut Map<String, Value>) {
    let mut entries: Vec<(String, Value)> = std::mem::take(m).into_iter().collect();
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    m.extend(entries);
}
