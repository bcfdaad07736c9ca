//! Smoke test of the real-Kubernetes fixture (tests/realk8s/): the two clusters started by
//! `tests/realk8s/up.sh` answer every RBAC check in `tests/realk8s/fixtures/matrix.tsv` as the
//! matrix says, every context authenticates as the identity `fixtures/identities.tsv` names, and
//! the service and build clusters really are two separate clusters.
//!
//! It needs `KUBECTL_PROW_REALK8S` (the state directory written by up.sh; `scripts/test.sh` sets
//! it). Without it the test skips, unless `CI` is set, in which case it fails: in CI a missing
//! cluster is a broken pipeline, not a reason to pass.

mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Mutex;
use std::thread;

/// The `KEY=VALUE` lines of `$KUBECTL_PROW_REALK8S/env`.
struct Env {
    vars: BTreeMap<String, String>,
    path: PathBuf,
}

impl Env {
    fn get(&self, key: &str) -> &str {
        self.vars
            .get(key)
            .unwrap_or_else(|| panic!("{} has no {key}=", self.path.display()))
    }

    fn path(&self, key: &str) -> PathBuf {
        PathBuf::from(self.get(key))
    }

    fn kubectl(&self) -> PathBuf {
        Path::new(self.get("REALK8S_BIN")).join("kubectl")
    }
}

/// Returns the fixture's env (read by the one reader in tests/common), or None when the test
/// should be skipped.
fn realk8s_env() -> Option<Env> {
    let vars = common::realk8s()?;
    let path = common::realk8s_dir()?.join("env");
    Some(Env { vars, path })
}

/// Rows of a fixture TSV: `#` lines are comments, the first other line is the header.
fn read_tsv(path: &Path, columns: &[&str]) -> Vec<Vec<String>> {
    let text = std::fs::read_to_string(path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'));
    let (_, header) = lines
        .next()
        .unwrap_or_else(|| panic!("{}: no header", path.display()));
    assert_eq!(
        header.split('\t').collect::<Vec<_>>(),
        columns,
        "{}: header",
        path.display()
    );
    lines
        .map(|(n, l)| {
            let row: Vec<String> = l.split('\t').map(str::to_owned).collect();
            assert_eq!(
                row.len(),
                columns.len(),
                "{}:{}: {l:?}",
                path.display(),
                n + 1
            );
            row
        })
        .collect()
}

fn run(cmd: &mut Command) -> Output {
    cmd.output()
        .unwrap_or_else(|e| panic!("cannot run {cmd:?}: {e}"))
}

/// A kubectl isolated from the user's environment: explicit kubeconfig, own discovery cache.
fn kubectl(env: &Env, cache: &Path, kubeconfig: &Path, context: &str) -> Command {
    let mut cmd = Command::new(env.kubectl());
    cmd.env_remove("KUBECONFIG")
        .arg("--kubeconfig")
        .arg(kubeconfig)
        .arg("--context")
        .arg(context)
        .arg("--cache-dir")
        .arg(cache);
    cmd
}

/// Runs `f` over `items` on a few threads; each `kubectl` is its own process, so threads
/// only wait on children.
fn par_map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let workers = thread::available_parallelism()
        .map_or(2, |n| n.get())
        .clamp(2, 4);
    let next = Mutex::new(0usize);
    let results: Mutex<Vec<Option<R>>> = Mutex::new(items.iter().map(|_| None).collect());
    thread::scope(|s| {
        for _ in 0..workers {
            s.spawn(|| {
                loop {
                    let i = {
                        let mut n = next.lock().unwrap();
                        let i = *n;
                        *n += 1;
                        i
                    };
                    let Some(item) = items.get(i) else { break };
                    let r = f(item);
                    results.lock().unwrap()[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap()
        .into_iter()
        .map(Option::unwrap)
        .collect()
}

#[test]
fn rbac_matrix_matches_kubectl_auth_can_i() {
    let Some(env) = realk8s_env() else { return };
    let cache = tempfile::tempdir().unwrap();
    let kubeconfig = env.path("REALK8S_KUBECONFIG_ALL");
    let columns = [
        "context",
        "namespace",
        "group",
        "resource",
        "verb",
        "expected",
    ];
    let rows = read_tsv(&env.path("REALK8S_MATRIX"), &columns);
    assert!(
        rows.len() > 100,
        "the matrix looks truncated: {} rows",
        rows.len()
    );

    let mismatches: Vec<String> = par_map(&rows, |row| {
        let [context, namespace, group, resource, verb, expected] = &row[..] else {
            unreachable!()
        };
        assert!(expected == "yes" || expected == "no", "bad expected value {expected:?}");
        // kubectl's resource.group syntax; `core` in the matrix is the core group ("").
        let target = if group == "core" { resource.clone() } else { format!("{resource}.{group}") };
        let out = run(kubectl(&env, cache.path(), &kubeconfig, context)
            .args(["auth", "can-i", verb, &target, "-n", namespace]));
        // can-i prints yes/no on stdout and exits 0 for yes, 1 for no. Anything else (no
        // answer, or an answer that disagrees with the exit code) is an error, not a "no".
        let stdout = String::from_utf8_lossy(&out.stdout).trim().to_owned();
        let answer = match (stdout.as_str(), out.status.code()) {
            ("yes", Some(0)) => "yes",
            ("no", Some(1)) => "no",
            _ => {
                return Some(format!(
                    "{context} {verb} {target} -n {namespace}: kubectl failed ({}): stdout {stdout:?}, stderr {:?}",
                    out.status,
                    String::from_utf8_lossy(&out.stderr).trim()
                ));
            }
        };
        (answer != expected).then(|| {
            format!("{context} {verb} {target} -n {namespace}: expected {expected}, kubectl said {answer}")
        })
    })
    .into_iter()
    .flatten()
    .collect();

    assert!(
        mismatches.is_empty(),
        "{} of {} matrix rows disagree with the clusters:\n  {}",
        mismatches.len(),
        rows.len(),
        mismatches.join("\n  ")
    );
}

#[test]
fn contexts_authenticate_as_the_documented_identities() {
    let Some(env) = realk8s_env() else { return };
    let cache = tempfile::tempdir().unwrap();
    let kubeconfig = env.path("REALK8S_KUBECONFIG_ALL");
    let rows = read_tsv(
        &env.path("REALK8S_IDENTITIES"),
        &["context", "username", "group", "credential"],
    );

    let problems: Vec<String> = par_map(&rows, |row| {
        let [context, username, group, _credential] = &row[..] else {
            unreachable!()
        };
        let out = run(kubectl(&env, cache.path(), &kubeconfig, context).args([
            "auth",
            "whoami",
            "-o",
            "jsonpath={.status.userInfo.username}{\"\\n\"}{.status.userInfo.groups}",
        ]));
        if !out.status.success() {
            return Some(format!(
                "{context}: kubectl auth whoami failed: {}",
                String::from_utf8_lossy(&out.stderr).trim()
            ));
        }
        let stdout = String::from_utf8_lossy(&out.stdout);
        let (got_user, got_groups) = stdout.split_once('\n').unwrap_or((&stdout, ""));
        if got_user != username {
            return Some(format!(
                "{context}: authenticated as {got_user:?}, expected {username:?}"
            ));
        }
        if group != "-" && !got_groups.contains(&format!("\"{group}\"")) {
            return Some(format!("{context}: groups {got_groups} lack {group:?}"));
        }
        None
    })
    .into_iter()
    .flatten()
    .collect();
    assert!(
        problems.is_empty(),
        "identity mismatches:\n  {}",
        problems.join("\n  ")
    );
}

#[test]
fn service_and_build_are_separate_clusters_of_the_built_version() {
    let Some(env) = realk8s_env() else { return };
    let cache = tempfile::tempdir().unwrap();
    let admin = env.path("REALK8S_ADMIN_KUBECONFIG");
    assert_ne!(env.get("SERVICE_SERVER"), env.get("BUILD_SERVER"));

    let exists = |context: &str, args: &[&str]| -> bool {
        let out = run(kubectl(&env, cache.path(), &admin, context)
            .args(["get", "-o", "name"])
            .args(args));
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(
            out.status.success() || stderr.contains("NotFound"),
            "{context}: kubectl get {args:?} failed for another reason than NotFound: {stderr}"
        );
        out.status.success()
    };
    // (object, exists on service, exists on build)
    let expectations: [(&[&str], bool, bool); 3] = [
        (&["namespace", "prow"], true, false),
        (&["namespace", "test-pods"], false, true),
        (
            &["customresourcedefinition", "prowjobs.prow.k8s.io"],
            true,
            false,
        ),
    ];
    for (object, on_service, on_build) in expectations {
        assert_eq!(
            exists("service-admin", object),
            on_service,
            "{object:?} on the service cluster"
        );
        assert_eq!(
            exists("build-admin", object),
            on_build,
            "{object:?} on the build cluster"
        );
    }

    // Both servers and kubectl report the release that was built (the version ldflags worked).
    let want = env.get("REALK8S_K8S_VERSION");
    assert!(want.starts_with("v1."), "REALK8S_K8S_VERSION={want}");
    for context in ["service-admin", "build-admin"] {
        let out = run(kubectl(&env, cache.path(), &admin, context).args(["version", "-o", "json"]));
        assert!(
            out.status.success(),
            "{context}: kubectl version: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        let json = String::from_utf8_lossy(&out.stdout);
        let versions: Vec<&str> = json
            .lines()
            .filter_map(|l| l.trim().strip_prefix("\"gitVersion\": \""))
            .map(|v| v.trim_end_matches([',', '"']))
            .collect();
        assert_eq!(
            versions,
            [want, want],
            "{context}: client and server gitVersion in {json}"
        );
    }
}
