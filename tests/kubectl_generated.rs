//! Differential test against the real kubectl over generated kubeconfig sets: for each set,
//! without `--kubeconfig` (so kubectl's loading rules apply), kubectl-prow must load what
//! kubectl loads, refuse what kubectl refuses, and pick the same server, token and namespace
//! for `--context`, `--cluster`, `--user` and `-n`.
//!
//! What kubectl really uses is what it sends: each case runs `kubectl get configmaps` against a
//! loopback HTTPS server that records the path, token and namespace of the request
//! (tests/common/recorder.rs). kubectl-prow's answer is `view --minify --raw` under the same
//! flags. The cases are generated from a seed (`KUBECTL_PROW_DIFF_SEED`, printed on failure;
//! `KUBECTL_PROW_DIFF_CASES` cases, 300 by default).

mod common;

use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use common::recorder::Recorder;
use common::rng::Rng;
use serde_json::Value;

const CONTEXTS: &[&str] = &["a", "b", "c"];
const CLUSTERS: &[&str] = &["k1", "k2"];
const USERS: &[&str] = &["u1", "u2"];

/// One generated case: files under `dir`, the `$KUBECONFIG` value and the flags.
struct Case {
    id: usize,
    dir: PathBuf,
    kubeconfig: String,
    flags: Vec<String>,
    /// The files as written, for the failure message.
    description: String,
}

fn generate(id: usize, rng: &mut Rng, root: &Path, recorder: &Recorder) -> Case {
    let dir = root.join(format!("case{id}"));
    fs::create_dir_all(&dir).unwrap();
    let mut entries: Vec<String> = Vec::new();
    let mut description = String::new();
    let files = 1 + rng.below(4);
    for f in 0..files {
        let sub = format!("f{f}");
        let path = dir.join(&sub).join("config.yaml");
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        // How the file is named in $KUBECONFIG: relative to the working directory (the case
        // directory) or absolute.
        let spelled = if rng.chance(50) {
            format!("{sub}/config.yaml")
        } else {
            path.display().to_string()
        };
        let roll = rng.below(100);
        let text = if roll < 6 {
            let _ = writeln!(description, "{spelled}: (missing)");
            entries.push(spelled);
            continue;
        } else if roll < 10 {
            String::new()
        } else if roll < 16 && !entries.is_empty() {
            // The same file again, under the same or another spelling.
            let earlier = entries[rng.below(entries.len())].clone();
            let again = match rng.below(3) {
                0 => earlier.clone(),
                1 if !earlier.starts_with('/') => format!("./{earlier}"),
                _ => dir.join(&earlier).display().to_string(),
            };
            let _ = writeln!(description, "{again}: (repeats {earlier})");
            entries.push(again);
            continue;
        } else {
            file_text(id, f, rng, recorder, path.parent().unwrap())
        };
        fs::write(&path, &text).unwrap();
        let shown = text.replace(&recorder.ca_data, "(the recorder's CA)");
        let _ = writeln!(description, "--- {spelled}\n{shown}");
        entries.push(spelled);
    }
    let mut flags = Vec::new();
    if rng.chance(30) {
        flags.push(format!(
            "--context={}",
            *rng.pick(&["a", "b", "c", "a", "b", "c", "zz"])
        ));
    }
    if rng.chance(25) {
        flags.push(format!(
            "--cluster={}",
            *rng.pick(&["k1", "k2", "k1", "k2", "kz"])
        ));
    }
    if rng.chance(25) {
        flags.push(format!(
            "--user={}",
            *rng.pick(&["u1", "u2", "u1", "u2", "uz"])
        ));
    }
    if rng.chance(30) {
        flags.push(format!("--namespace={}", *rng.pick(&["ns1", "ns2"])));
    }
    Case {
        id,
        kubeconfig: entries.join(":"),
        dir,
        flags,
        description,
    }
}

/// A kubeconfig file whose every cluster points at the recorder under a path naming the case,
/// the file and the cluster, and whose every token names the case, the file and the user.
fn file_text(case: usize, f: usize, rng: &mut Rng, recorder: &Recorder, dir: &Path) -> String {
    let mut t = String::new();
    match rng.below(50) {
        0 => t.push_str("apiVersion: v2\nkind: Config\n"),
        1 => t.push_str("apiVersion: v1\nkind: Pod\n"),
        2..=5 => {}
        6..=8 => t.push_str("kind: Config\n"),
        9 => t.push_str("apiVersion: \"\"\nkind: \"\"\n"),
        _ => t.push_str("apiVersion: v1\nkind: Config\n"),
    }
    t.push_str("clusters:\n");
    for k in CLUSTERS {
        if rng.chance(75) {
            let ca = if rng.chance(1) {
                "not base64!".to_string()
            } else {
                recorder.ca_data.clone()
            };
            let _ = write!(
                t,
                "- name: {k}\n  cluster:\n    server: {}/c{case}/f{f}/{k}\n    \
                 certificate-authority-data: {ca}\n",
                recorder.url
            );
        }
    }
    t.push_str("users:\n");
    for u in USERS {
        if rng.chance(75) {
            let token = format!("t-c{case}-f{f}-{u}");
            match rng.below(6) {
                // A token file named relative to this kubeconfig's directory.
                0 => {
                    fs::write(dir.join(format!("{u}.token")), &token).unwrap();
                    let _ = write!(t, "- name: {u}\n  user:\n    tokenFile: {u}.token\n");
                }
                1 => {
                    let _ = write!(t, "- name: {u}\n  user: {{}}\n");
                }
                _ => {
                    let _ = write!(t, "- name: {u}\n  user:\n    token: {token}\n");
                }
            }
        }
    }
    t.push_str("contexts:\n");
    for c in CONTEXTS {
        if rng.chance(85) {
            let cluster = *rng.pick(&["k1", "k2", "k1", "k2", "k1", "k2", "kx"]);
            let _ = write!(t, "- name: {c}\n  context:\n    cluster: {cluster}\n");
            if rng.chance(90) {
                let user = *rng.pick(&["u1", "u2", "u1", "u2", "u1", "u2", "ux"]);
                let _ = writeln!(t, "    user: {user}");
            }
            if rng.chance(50) {
                let _ = writeln!(t, "    namespace: ns-{c}-f{f}");
            }
        }
    }
    match rng.below(10) {
        0 | 1 => {}
        2 => t.push_str("current-context: \"\"\n"),
        3 => t.push_str("current-context: gone\n"),
        _ => {
            let _ = writeln!(t, "current-context: {}", *rng.pick(CONTEXTS));
        }
    }
    t
}

/// What a program would talk to: the recorder path, the token and the namespace, or a failure.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    Talks {
        prefix: String,
        token: Option<String>,
        namespace: String,
    },
    Fails(String),
    /// kubectl found no credentials and asked for a password, which it reads only from a
    /// terminal: it would go on without credentials (the server and namespace are not seen).
    AsksForPassword,
}

fn kubectl_outcome(kubectl: &Path, case: &Case, home: &Path, recorder: &Recorder) -> Outcome {
    let mut child = Command::new(kubectl)
        .current_dir(&case.dir)
        .env("KUBECONFIG", &case.kubeconfig)
        // A discovery cache of its own: kubectl processes sharing one read each other's half-written files.
        .env("HOME", home.join(format!("case{}", case.id)))
        .env_remove("KUBERNETES_SERVICE_HOST")
        .args(["get", "configmaps", "--request-timeout=10s"])
        .args(&case.flags)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // For a context without credentials kubectl asks for a username on stdin (then a password,
    // only from a terminal).
    let _ = child.stdin.take().unwrap().write_all(b"\n");
    let out = child.wait_with_output().unwrap();
    let requests = recorder.requests_under(&format!("/c{}", case.id));
    if !out.status.success() {
        let asked = |s: &[u8]| String::from_utf8_lossy(s).contains("Please enter Username");
        if asked(&out.stdout) || asked(&out.stderr) {
            return Outcome::AsksForPassword;
        }
        return Outcome::Fails(String::from_utf8_lossy(&out.stderr).trim().to_string());
    }
    assert_eq!(requests.len(), 1, "case {}: one list request", case.id);
    let r = requests.into_iter().next().unwrap();
    Outcome::Talks {
        prefix: r.prefix,
        token: r.token,
        namespace: r.namespace,
    }
}

fn our_outcome(case: &Case, recorder: &Recorder) -> Outcome {
    let out = common::run(
        common::kp()
            .current_dir(&case.dir)
            .env("KUBECONFIG", &case.kubeconfig)
            .args(["view", "--minify", "--raw", "-o", "json"])
            .args(&case.flags),
    );
    if out.code != 0 {
        return Outcome::Fails(out.stderr.trim().to_string());
    }
    let doc: Value = serde_json::from_str(&out.stdout).unwrap();
    let Some(context) = doc["contexts"].get(0) else {
        return Outcome::Fails("no current context".into());
    };
    let Some(server) = doc["clusters"][0]["cluster"]["server"].as_str() else {
        return Outcome::Fails("the current context has no server".into());
    };
    let user = &doc["users"][0]["user"];
    let token = user["token"].as_str().map(str::to_string).or_else(|| {
        user["tokenFile"]
            .as_str()
            .map(|f| fs::read_to_string(f).unwrap())
    });
    Outcome::Talks {
        prefix: server.strip_prefix(&recorder.url).unwrap().to_string(),
        token,
        namespace: context["context"]["namespace"]
            .as_str()
            .unwrap_or("default")
            .to_string(),
    }
}

/// kubectl goes on with an unnamed context when no current context is set and `--cluster`,
/// `--user` or `-n` is given; kubectl-prow refuses (README: deliberate differences).
fn deliberate(case: &Case, ours: &Outcome, theirs: &Outcome) -> bool {
    let overrides = case.flags.iter().any(|f| !f.starts_with("--context"));
    matches!((ours, theirs), (Outcome::Fails(why), Outcome::Talks { .. } | Outcome::AsksForPassword)
        if overrides && why.contains("none is set"))
}

fn same(ours: &Outcome, theirs: &Outcome) -> bool {
    match (ours, theirs) {
        (Outcome::Fails(_), Outcome::Fails(_)) => true,
        (Outcome::Talks { token: None, .. }, Outcome::AsksForPassword) => true,
        _ => ours == theirs,
    }
}

#[test]
fn generated_kubeconfig_sets_load_as_kubectl_loads_them() {
    let Some(kubectl) = common::kubectl() else {
        return;
    };
    let seed: u64 = std::env::var("KUBECTL_PROW_DIFF_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(0x5eed_2026_1129);
    let cases: usize = std::env::var("KUBECTL_PROW_DIFF_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(300);
    let recorder = Recorder::start();
    // KUBECTL_PROW_DIFF_KEEP=1 keeps the generated files to rerun a case by hand.
    let root = tempfile::Builder::new()
        .disable_cleanup(std::env::var_os("KUBECTL_PROW_DIFF_KEEP").is_some())
        .tempdir()
        .unwrap();
    let home = root.path().join("home");
    fs::create_dir_all(&home).unwrap();
    let mut rng = Rng::new(seed);
    let generated: Vec<Case> = (0..cases)
        .map(|id| generate(id, &mut rng, root.path(), &recorder))
        .collect();

    let next = AtomicUsize::new(0);
    let differences = Mutex::new(Vec::new());
    let counts = Mutex::new((0usize, 0usize, 0usize));
    std::thread::scope(|s| {
        for _ in 0..4 {
            s.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = generated.get(i) else { break };
                    let theirs = kubectl_outcome(&kubectl, case, &home, &recorder);
                    let ours = our_outcome(case, &recorder);
                    let mut c = counts.lock().unwrap();
                    match &theirs {
                        Outcome::Talks { .. } => c.0 += 1,
                        Outcome::Fails(_) | Outcome::AsksForPassword => c.1 += 1,
                    }
                    if same(&ours, &theirs) {
                        continue;
                    }
                    if deliberate(case, &ours, &theirs) {
                        c.2 += 1;
                        continue;
                    }
                    differences.lock().unwrap().push(format!(
                        "case {} (KUBECONFIG={} {}):\n  kubectl:      {theirs:?}\n  \
                         kubectl-prow: {ours:?}\n{}",
                        case.id,
                        case.kubeconfig,
                        case.flags.join(" "),
                        case.description
                    ));
                }
            });
        }
    });
    let (talks, fails, deliberate) = *counts.lock().unwrap();
    eprintln!(
        "{cases} cases (seed {seed}): kubectl sent a request in {talks}, refused {fails}; \
         {deliberate} deliberate differences"
    );
    let differences = differences.into_inner().unwrap();
    assert!(
        differences.is_empty(),
        "{} of {cases} cases differ from kubectl (KUBECTL_PROW_DIFF_SEED={seed}); the first:\n{}",
        differences.len(),
        differences
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
    // The generator must exercise both sides, or the comparison proves little.
    assert!(
        talks > cases / 4 && fails > cases / 10,
        "too few cases of one kind: {talks} talk, {fails} refused"
    );
}

/// client-go's `ConfirmUsable` rules: for each user or cluster entry kubectl refuses to use
/// (the request never leaves), `lint` reports `prow-startup-error` for the context, with
/// client-go's words; and for each near miss kubectl accepts, it reports nothing.
#[test]
fn contexts_kubectl_refuses_to_use_are_lint_errors() {
    let Some(kubectl) = common::kubectl() else {
        return;
    };
    let recorder = Recorder::start();
    let dir = tempfile::tempdir().unwrap();
    let ca = dir.path().join("ca.crt");
    fs::write(
        &ca,
        base64::Engine::decode(
            &base64::engine::general_purpose::STANDARD,
            &recorder.ca_data,
        )
        .unwrap(),
    )
    .unwrap();
    let cert = dir.path().join("client.crt");
    fs::write(&cert, "not used: kubectl stops first").unwrap();
    // A plugin that answers, so that a near miss gets as far as a request.
    let plugin = dir.path().join("plugin.sh");
    fs::write(
        &plugin,
        "#!/bin/sh\necho '{\"apiVersion\":\"client.authentication.k8s.io/v1beta1\",\
         \"kind\":\"ExecCredential\",\"status\":{\"token\":\"from-plugin\"}}'\n",
    )
    .unwrap();
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&plugin, fs::Permissions::from_mode(0o755)).unwrap();
    }
    let exec = |extra: &str| format!("exec: {{command: {}, {extra}}}", plugin.display());
    // (user body, cluster extra, the words client-go uses, whether kubectl refuses)
    let cases: Vec<(String, String, &str, bool)> = vec![
        (
            "{token: t, username: u, password: p}".into(),
            String::new(),
            "more than one authentication method",
            true,
        ),
        (
            format!("{{client-certificate: {}}}", cert.display()),
            String::new(),
            "client-key-data or client-key must be specified",
            true,
        ),
        (
            format!(
                "{{client-certificate: {0}, client-certificate-data: eA==, client-key-data: eA==}}",
                cert.display()
            ),
            String::new(),
            "client-cert-data and client-cert are both specified",
            true,
        ),
        (
            format!(
                "{{client-certificate-data: eA==, client-key: {0}, client-key-data: eA==}}",
                cert.display()
            ),
            String::new(),
            "client-key-data and client-key are both specified",
            true,
        ),
        (
            format!(
                "{{{}}}",
                exec("apiVersion: client.authentication.k8s.io/v1")
            ),
            String::new(),
            "interactiveMode must be specified",
            true,
        ),
        (
            format!(
                "{{{}}}",
                exec("apiVersion: client.authentication.k8s.io/v1, interactiveMode: Sometimes")
            ),
            String::new(),
            "invalid interactiveMode",
            true,
        ),
        (
            "{exec: {apiVersion: client.authentication.k8s.io/v1beta1}}".into(),
            String::new(),
            "command must be specified",
            true,
        ),
        (
            format!("{{{}}}", exec("interactiveMode: Never")),
            String::new(),
            "apiVersion must be specified",
            true,
        ),
        (
            format!(
                "{{{}, auth-provider: {{name: oidc}}}}",
                exec("apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never")
            ),
            String::new(),
            "authProvider cannot be provided in combination",
            true,
        ),
        (
            format!(
                "{{{}}}",
                exec(
                    "apiVersion: client.authentication.k8s.io/v1, interactiveMode: Never, env: [{value: x}]"
                )
            ),
            String::new(),
            "env variable name must be specified",
            true,
        ),
        (
            "{token: t, as-groups: [g]}".into(),
            String::new(),
            "without impersonating a user",
            true,
        ),
        (
            "{token: t}".into(),
            format!("certificate-authority: {}", ca.display()),
            "certificate-authority-data and certificate-authority are both specified",
            true,
        ),
        // Near misses kubectl accepts.
        (
            "{token: t, as: someone, as-groups: [g]}".into(),
            String::new(),
            "",
            false,
        ),
        (
            format!(
                "{{{}}}",
                exec("apiVersion: client.authentication.k8s.io/v1beta1")
            ),
            String::new(),
            "",
            false,
        ),
    ];
    for (i, (user, cluster_extra, words, refused)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("case{i}.yaml"));
        let cluster_extra = if cluster_extra.is_empty() {
            String::new()
        } else {
            format!(", {cluster_extra}")
        };
        fs::write(
            &file,
            format!(
                "clusters:\n- name: k\n  cluster: {{server: {}/u{i}, certificate-authority-data: {}{cluster_extra}}}\n\
                 users:\n- name: u\n  user: {user}\ncontexts:\n- name: c\n  context: {{cluster: k, user: u}}\n\
                 current-context: c\n",
                recorder.url, recorder.ca_data
            ),
        )
        .unwrap();
        let theirs = Command::new(&kubectl)
            .args(["get", "configmaps", "--request-timeout=10s"])
            .env("KUBECONFIG", &file)
            .env("HOME", dir.path().join(format!("home{i}")))
            .stdin(Stdio::null())
            .output()
            .unwrap();
        let asked = recorder.hits_under(&format!("/u{i}")) > 0;
        let stderr = String::from_utf8_lossy(&theirs.stderr);
        if *refused {
            assert!(
                !theirs.status.success() && !asked && stderr.contains(words),
                "case {i}: kubectl was expected to refuse {user} with {words:?}: {stderr}"
            );
        } else {
            assert!(
                asked,
                "case {i}: kubectl was expected to send a request: {stderr}"
            );
        }
        let ours = common::run(
            common::kp()
                .args(["--kubeconfig"])
                .arg(&file)
                .args(["lint", "-o", "json"]),
        );
        let findings: Value = serde_json::from_str(&ours.stdout).unwrap();
        let unusable: Vec<&str> = findings
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["code"] == "prow-startup-error")
            .map(|f| f["message"].as_str().unwrap())
            .collect();
        if *refused {
            assert!(
                unusable.len() == 1 && unusable[0].contains(words),
                "case {i} ({user}): {unusable:?}"
            );
            // check-rbac does not ask with credentials kubectl and Prow would not use.
            let out = common::run(common::kp().args(["--kubeconfig"]).arg(&file).args([
                "check-rbac",
                "-o",
                "json",
            ]));
            assert_eq!(out.code, 4, "case {i}: {}", out.stderr);
            let reports: Value = serde_json::from_str(&out.stdout).unwrap();
            let report = &reports[0];
            assert_eq!(report["status"], "error", "case {i}: {report}");
            assert_eq!(report["error"]["kind"], "config", "case {i}: {report}");
            assert!(
                report["error"]["message"].as_str().unwrap().contains(words),
                "case {i}: {report}"
            );
            assert_eq!(
                recorder.hits_under(&format!("/u{i}")),
                0,
                "case {i}: a request was sent"
            );
        } else {
            assert!(unusable.is_empty(), "case {i} ({user}): {unusable:?}");
        }
    }
}
