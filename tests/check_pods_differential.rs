//! check-pods' pods against Prow's own (tests/podoracle: `config.Load`, `pjutil.NewPresubmit`/
//! `NewProwJob` and `decorate.ProwJobToPod` of the module proxy's Prow): for every job of the
//! corpus's Prow configurations (../shared/corpus/prow-jobs), decorated and undecorated, the pod
//! kubectl-prow builds equals Prow's, after the placeholders.
//!
//! Equal means: the same JSON, where
//! - a field one side leaves out and the other writes with its empty value (`""`, `false`, `0`,
//!   `[]`, `{}`, null) is the same field (Go's `omitempty`, and Go writing `resources: {}` and
//!   `creationTimestamp: null` for every pod), except where the empty value means something
//!   (`emptyDir: {}`, a pointer field such as `runAsUser: 0`);
//! - quantities compare by value (`cpu: 4` and `"4"`, `1000m` and `1`: Go writes them
//!   canonically, the API server reads them alike);
//! - the JSON inside `JOB_SPEC` and the `*_OPTIONS` variables compares as JSON (Go's field
//!   order against ours);
//! - `SRC_HOST` and `SRC_BASE` are left out of ours: newest Prow (which check-pods follows) sets
//!   them, the module proxy's Prow (2024-06) does not (README, "Deliberate differences").
//!
//! The oracle is `$KUBECTL_PROW_PODORACLE` or target/podoracle/podoracle (built by
//! tests/podoracle/build.sh, which scripts/test.sh runs). Without it the comparison skips,
//! except under CI, where it fails.

mod common;

use std::collections::HashMap;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use kubectl_prow::admission::{self, Documents};
use kubectl_prow::prow::{self, Agent, Job};
use serde_json::Value;

fn oracle() -> Option<PathBuf> {
    let path = std::env::var_os("KUBECTL_PROW_PODORACLE")
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR")).join("target/podoracle/podoracle")
        });
    if path.is_file() {
        return Some(path);
    }
    assert!(
        !common::ci(),
        "{} not found but CI is set: build it with tests/podoracle/build.sh (scripts/test.sh does)",
        path.display()
    );
    common::skip("Prow's pod oracle not built (tests/podoracle/build.sh; needs go)");
    None
}

/// The corpus's Prow configurations: (config file, job-config path).
fn configurations(corpus: &Path) -> Vec<(PathBuf, Option<PathBuf>)> {
    let jobs = corpus.join("prow-jobs");
    vec![
        (
            jobs.join("test-infra/config/prow/config.yaml"),
            Some(jobs.join("test-infra/config/jobs")),
        ),
        (
            jobs.join("prow-testdata/test/integration/config/prow/config.yaml"),
            Some(jobs.join("prow-testdata/test/integration/config/prow/jobs")),
        ),
        (
            jobs.join("prow-testdata/cmd/checkconfig/testdata/combined.yaml"),
            None,
        ),
    ]
}

/// (type, repo, name).
type Name = (String, Option<String>, String);
/// A [`Name`] and its occurrence among jobs of that name, in reading order.
type Key = (String, Option<String>, String, usize);

fn keyed<T>(items: Vec<(Name, T)>) -> HashMap<Key, T> {
    let mut seen: HashMap<Name, usize> = HashMap::new();
    items
        .into_iter()
        .map(|(k, v)| {
            let n = seen.entry(k.clone()).or_default();
            *n += 1;
            ((k.0, k.1, k.2, *n), v)
        })
        .collect()
}

#[test]
fn every_corpus_pod_is_the_pod_prow_builds() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let Some(oracle) = oracle() else { return };
    let sets = configurations(&corpus);
    let mut input = String::new();
    for (config, jobs) in &sets {
        input.push_str(&format!(
            "{}\t{}\n",
            config.display(),
            jobs.as_ref()
                .map(|j| j.display().to_string())
                .unwrap_or_default()
        ));
    }
    let mut child = Command::new(&oracle)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(out.status.success());
    let lines: Vec<Value> = String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();

    let mut compared = (0, 0);
    let mut failures: Vec<String> = Vec::new();
    for (set, (config, jobs)) in sets.iter().enumerate() {
        let done = lines
            .iter()
            .find(|l| l["set"] == set && l["done"] == true)
            .unwrap();
        assert_eq!(
            done["loadError"],
            Value::Null,
            "Prow refuses {}",
            config.display()
        );
        let theirs = keyed(
            lines
                .iter()
                .filter(|l| l["set"] == set && l.get("done").is_none())
                .filter(|l| l["agent"] == "kubernetes" || l["agent"] == "")
                .map(|l| {
                    (
                        (
                            l["type"].as_str().unwrap().to_string(),
                            l["repo"].as_str().map(str::to_string),
                            l["name"].as_str().unwrap().to_string(),
                        ),
                        l.clone(),
                    )
                })
                .collect(),
        );
        let loaded = prow::load(Some(config), jobs.as_deref()).unwrap();
        let docs = Documents::read(Some(config), jobs.as_deref()).unwrap();
        let ours: Vec<&Job> = loaded
            .jobs
            .iter()
            .filter(|j| j.agent == Agent::Kubernetes && !j.in_repo)
            .collect();
        let decorated = admission::pods(&docs, &ours, false);
        let undecorated = admission::pods(&docs, &ours, true);
        let ours = keyed(
            ours.iter()
                .zip(decorated.into_iter().zip(undecorated))
                .map(|(j, pods)| {
                    (
                        (j.kind.as_str().to_string(), j.repo.clone(), j.name.clone()),
                        (*j, pods),
                    )
                })
                .collect(),
        );
        assert_eq!(
            ours.len(),
            theirs.len(),
            "{}: kubectl-prow and Prow see different jobs",
            config.display()
        );
        for (key, (job, (pod, plain))) in &ours {
            let theirs = theirs
                .get(key)
                .unwrap_or_else(|| panic!("Prow has no job {key:?}"));
            let place = format!(
                "{} ({}:{})",
                job.name,
                job.origin.file.display(),
                job.origin.line
            );
            match (pod, &theirs["pod"]) {
                (Some(Ok(ours)), t) if t.is_object() => {
                    compared.0 += 1;
                    let mut diffs = Vec::new();
                    compare(&without_newer_env(ours), t, "", &mut diffs);
                    if !diffs.is_empty() {
                        failures.push(format!("{place}: {}", diffs.join("; ")));
                    }
                }
                (ours, t) => failures.push(format!(
                    "{place}: ours {:?}, Prow's error {}",
                    ours.as_ref().map(|p| p.as_ref().map(|_| "a pod")),
                    if t.is_null() { &theirs["error"] } else { t }
                )),
            }
            if let Some(t) = theirs.get("undecorated").filter(|t| t.is_object()) {
                compared.1 += 1;
                match plain {
                    Some(Ok(ours)) => {
                        let mut diffs = Vec::new();
                        compare(&without_newer_env(ours), t, "", &mut diffs);
                        if !diffs.is_empty() {
                            failures.push(format!("{place} undecorated: {}", diffs.join("; ")));
                        }
                    }
                    other => failures.push(format!("{place} undecorated: ours {other:?}")),
                }
            }
        }
    }
    eprintln!(
        "compared {} pods and {} undecorated variants with Prow's",
        compared.0, compared.1
    );
    assert!(compared.0 > 3000, "the corpus has thousands of jobs");
    assert!(
        failures.is_empty(),
        "{} pods differ from Prow's; the first:\n{}",
        failures.len(),
        failures
            .iter()
            .take(15)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

/// Our pod without what newest Prow adds and the oracle's Prow does not know: the `SRC_HOST`
/// and `SRC_BASE` variables, and `auxiliary` in the refs inside `JOB_SPEC` and the options.
fn without_newer_env(pod: &Value) -> Value {
    fn drop_auxiliary(v: &mut Value) {
        match v {
            Value::Object(m) => {
                m.remove("auxiliary");
                m.values_mut().for_each(drop_auxiliary);
            }
            Value::Array(a) => a.iter_mut().for_each(drop_auxiliary),
            _ => {}
        }
    }
    let mut pod = pod.clone();
    for key in ["containers", "initContainers"] {
        for c in pod["spec"][key].as_array_mut().into_iter().flatten() {
            if let Some(env) = c.get_mut("env").and_then(Value::as_array_mut) {
                env.retain(|e| !matches!(e["name"].as_str(), Some("SRC_HOST" | "SRC_BASE")));
                for e in env {
                    let Some(text) = e.get("value").and_then(Value::as_str) else {
                        continue;
                    };
                    if let Ok(mut doc @ Value::Object(_)) = serde_json::from_str::<Value>(text) {
                        drop_auxiliary(&mut doc);
                        e["value"] = Value::String(doc.to_string());
                    }
                }
            }
        }
    }
    pod
}

/// Fields whose empty value is not the same as their absence.
const MEANINGFUL_EMPTY: &[&str] = &[
    "emptyDir",
    "runAsUser",
    "runAsGroup",
    "fsGroup",
    "terminationGracePeriodSeconds",
    "automountServiceAccountToken",
    "privileged",
    "allowPrivilegeEscalation",
    "runAsNonRoot",
    "readOnlyRootFilesystem",
    "defaultMode",
    "activeDeadlineSeconds",
];

fn empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Bool(b) => !b,
        Value::Number(n) => n.as_f64() == Some(0.0),
        Value::String(s) => s.is_empty(),
        Value::Array(a) => a.is_empty(),
        Value::Object(o) => o.is_empty(),
    }
}

fn compare(ours: &Value, theirs: &Value, path: &str, out: &mut Vec<String>) {
    if out.len() > 5 {
        return;
    }
    let key = path.rsplit('.').next().unwrap_or("");
    match (ours, theirs) {
        (Value::Object(a), Value::Object(b)) => {
            let mut keys: Vec<&String> = a.keys().chain(b.keys()).collect();
            keys.sort();
            keys.dedup();
            for k in keys {
                let p = format!("{path}.{k}");
                match (a.get(k), b.get(k)) {
                    (Some(x), Some(y)) => compare(x, y, &p, out),
                    (Some(x), None) | (None, Some(x)) => {
                        // Go writes a Quantity that is not a pointer even when zero.
                        let zero_quantity = k == "divisor" && x == "0";
                        if !(empty(x) && !MEANINGFUL_EMPTY.contains(&k.as_str()) || zero_quantity) {
                            out.push(format!(
                                "{p}: {} only: {}",
                                if a.contains_key(k) { "ours" } else { "Prow's" },
                                short(x)
                            ));
                        }
                    }
                    (None, None) => {}
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            if a.len() != b.len() {
                out.push(format!(
                    "{path}: {} items, Prow's {}: ours {} / Prow's {}",
                    a.len(),
                    b.len(),
                    short(ours),
                    short(theirs)
                ));
                return;
            }
            for (i, (x, y)) in a.iter().zip(b).enumerate() {
                compare(x, y, &format!("{path}[{i}]"), out);
            }
        }
        _ if quantity_field(path) && quantity(ours).is_some() => {
            let (x, y) = (quantity(ours), quantity(theirs));
            if !matches!((x, y), (Some(x), Some(y)) if (x - y).abs() <= 1e-9 * x.abs().max(1.0)) {
                out.push(format!("{path}: quantity {ours} against Prow's {theirs}"));
            }
        }
        (Value::String(a), Value::String(b)) if a != b => {
            match (
                serde_json::from_str::<Value>(a),
                serde_json::from_str::<Value>(b),
            ) {
                (Ok(x @ Value::Object(_)), Ok(y @ Value::Object(_))) => {
                    compare(&x, &y, &format!("{path}(json)"), out)
                }
                _ => out.push(format!(
                    "{path}: {} against Prow's {}",
                    short(ours),
                    short(theirs)
                )),
            }
        }
        (Value::Number(a), Value::Number(b)) if a.as_f64() != b.as_f64() => {
            out.push(format!("{path}: {a} against Prow's {b}"));
        }
        (a, b)
            if std::mem::discriminant(a) != std::mem::discriminant(b)
                && (!(empty(a) && empty(b)) || MEANINGFUL_EMPTY.contains(&key)) =>
        {
            out.push(format!("{path}: {} against Prow's {}", short(a), short(b)));
        }
        _ => {}
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.len() > 200 {
        format!(
            "{}…",
            &s[..s.char_indices().nth(200).map_or(s.len(), |(i, _)| i)]
        )
    } else {
        s
    }
}

/// Inside `requests`, `limits` or `default_memory_request`.
fn quantity_field(path: &str) -> bool {
    path.contains(".requests.")
        || path.contains(".limits.")
        || path.ends_with("default_memory_request")
}

/// A Kubernetes quantity's value.
fn quantity(v: &Value) -> Option<f64> {
    let s = match v {
        Value::Number(n) => return n.as_f64(),
        Value::String(s) => s.as_str(),
        _ => return None,
    };
    let split = s
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '+' || c == '-'))
        .unwrap_or(s.len());
    let (num, suffix) = s.split_at(split);
    let n: f64 = num.parse().ok()?;
    let mult = match suffix {
        "" => 1.0,
        "n" => 1e-9,
        "u" => 1e-6,
        "m" => 1e-3,
        "k" => 1e3,
        "M" => 1e6,
        "G" => 1e9,
        "T" => 1e12,
        "P" => 1e15,
        "E" => 1e18,
        "Ki" => 1024.0,
        "Mi" => 1024.0_f64.powi(2),
        "Gi" => 1024.0_f64.powi(3),
        "Ti" => 1024.0_f64.powi(4),
        "Pi" => 1024.0_f64.powi(5),
        "Ei" => 1024.0_f64.powi(6),
        e if e.starts_with(['e', 'E']) => 10f64.powi(e[1..].parse().ok()?),
        _ => return None,
    };
    Some(n * mult)
}
