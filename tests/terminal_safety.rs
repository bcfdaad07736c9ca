//! Names and values from users' files never reach a terminal raw: control characters and
//! escape sequences are escaped in tables, findings, warnings and errors. And kubectl's idiom
//! `KUBECONFIG=/dev/null` means "no kubeconfig", as in kubectl.

mod common;

use common::fault::{Fault, FaultServer};
use common::{kp, run};

const EVIL: &str = "evil\x1b[31m\x1b]0;pwned\x07";

fn evil_kubeconfig(dir: &std::path::Path, server: &str) -> std::path::PathBuf {
    let file = dir.join("evil.yaml");
    // YAML double-quoted escapes put the raw control bytes into the names.
    std::fs::write(
        &file,
        format!(
            "apiVersion: v1\nkind: Config\nclusters:\n- name: \"c\\e[1m\"\n  cluster: {{server: \"{server}\"}}\n\
             users:\n- name: \"u\\e[2J\"\n  user: {{token: t}}\ncontexts:\n- name: \"evil\\e[31m\\e]0;pwned\\a\"\n  \
             context: {{cluster: \"c\\e[1m\", user: \"u\\e[2J\", namespace: \"ns\\e[5m\"}}\n\
             - name: \"dangling\\e[0m\"\n  context: {{cluster: nowhere, user: \"u\\e[2J\"}}\n"
        ),
    )
    .unwrap();
    file
}

#[test]
fn escape_sequences_from_files_are_escaped_everywhere() {
    let dir = tempfile::tempdir().unwrap();
    let healthy = FaultServer::start(Fault::Healthy);
    let file = evil_kubeconfig(dir.path(), &healthy.url);
    let f = file.to_str().unwrap();
    for args in [
        vec!["--kubeconfig", f, "--merge", "kubectl", "contexts"],
        vec![
            "--kubeconfig",
            f,
            "--merge",
            "kubectl",
            "contexts",
            "-o",
            "wide",
        ],
        vec!["--kubeconfig", f, "--merge", "kubectl", "lint"],
        vec!["--kubeconfig", f, "--merge", "kubectl", "graph"],
        vec!["--kubeconfig", f, "--merge", "kubectl", "check-rbac"],
        // Strict: the dangling context is an error naming it.
        vec!["--kubeconfig", f, "contexts"],
    ] {
        let out = run(kp().args(&args));
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            !all.contains('\x1b') && !all.contains('\x07'),
            "{args:?}: {all:?}"
        );
        assert!(
            all.contains("\\u{1b}") || all.contains("evil"),
            "{args:?}: {all}"
        );
    }
    // JSON carries the real value (JSON escapes it by its own rules).
    let out = run(kp().args([
        "--kubeconfig",
        f,
        "--merge",
        "kubectl",
        "contexts",
        "-o",
        "json",
    ]));
    assert!(out.stdout.contains("\\u001b"), "{}", out.stdout);
    let _ = EVIL;
}

#[test]
fn dev_null_is_an_empty_kubeconfig_as_in_kubectl() {
    let out = run(kp()
        .env("KUBECONFIG", "/dev/null")
        .args(["contexts", "-o", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "[]");
    let out = run(kp().args(["--kubeconfig", "/dev/null", "contexts"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stderr.contains("No resources found"));
    // Other devices still never hang the tool.
    let out = run(kp().args(["--kubeconfig", "/dev/zero", "contexts"]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("/dev/zero: not a regular file"),
        "{}",
        out.stderr
    );
}

#[test]
fn output_that_cannot_be_written_has_its_own_exit_code() {
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = std::process::Command::new(assert_cmd::cargo::cargo_bin("kubectl-prow"))
        .current_dir(common::fixtures())
        .env_remove("KUBECONFIG")
        .args(["--kubeconfig", "build01.yaml", "contexts"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert!(String::from_utf8_lossy(&out.stderr).contains("writing output"));
}

/// The same for what reaches a terminal through file names, job names, a kubeconfig's header
/// and client-go's refusals: every text path escapes.
#[test]
fn escape_sequences_in_paths_job_names_and_headers_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let evil_dir = dir.path().join("jobs\x1b[31m");
    std::fs::create_dir(&evil_dir).unwrap();
    std::fs::write(
        evil_dir.join("a.yaml"),
        "periodics:\n- name: \"job\\e[2J\\a\"\n  interval: 1h\n  cluster: \"nowhere\\e[1m\"\n  \
         spec:\n    containers:\n    - image: x\n",
    )
    .unwrap();
    std::fs::write(evil_dir.join("broken.yaml"), "periodics: [\n").unwrap();
    let header = dir.path().join("header\x1b]0;t\x07.yaml");
    std::fs::write(&header, "apiVersion: \"v9\\e[31m\"\nkind: Config\n").unwrap();
    let unusable = dir.path().join("unusable.yaml");
    std::fs::write(
        &unusable,
        "clusters:\n- name: k\n  cluster: {server: https://k}\nusers:\n- name: \"u\\e[5m\"\n  \
         user: {token: t, password: p}\ncontexts:\n- name: c\n  context: {cluster: k, user: \"u\\e[5m\"}\n",
    )
    .unwrap();
    let u = unusable.to_str().unwrap();
    let runs: Vec<Vec<std::ffi::OsString>> = vec![
        vec![
            "--kubeconfig".into(),
            "/dev/null".into(),
            "--job-config-path".into(),
            evil_dir.clone().into(),
            "jobs".into(),
        ],
        vec![
            "--kubeconfig".into(),
            "/dev/null".into(),
            "--job-config-path".into(),
            evil_dir.clone().into(),
            "lint".into(),
        ],
        vec![
            "--kubeconfig".into(),
            header.clone().into(),
            "contexts".into(),
        ],
        vec!["--kubeconfig".into(), u.into(), "lint".into()],
        vec!["--kubeconfig".into(), u.into(), "check-rbac".into()],
    ];
    for args in runs {
        let out = run(kp()
            .env("KUBECONFIG", format!("{}:{}", u, header.display()))
            .args(&args));
        let all = format!("{}{}", out.stdout, out.stderr);
        assert!(
            !all.contains('\x1b') && !all.contains('\x07'),
            "{args:?}: {all:?}"
        );
        assert!(!all.is_empty(), "{args:?}");
    }
}

/// Bidirectional overrides and zero-width characters make text read differently from what it
/// is (a context name that looks like another): escaped like control characters, in tables
/// and messages; JSON keeps the value (its readers are programs).
#[test]
fn bidi_overrides_and_zero_width_characters_are_escaped_for_the_terminal() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bidi.yaml");
    std::fs::write(
        &file,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"https://h:6443\"}\n\
         contexts:\n- name: \"prod\u{202E}dliub\"\n  context: {cluster: c, namespace: \"a\u{200B}b\"}\n",
    )
    .unwrap();
    let out = run(kp().args(["--kubeconfig", file.to_str().unwrap(), "contexts"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("prod\\u{202e}dliub"), "{}", out.stdout);
    assert!(out.stdout.contains("a\\u{200b}b"), "{}", out.stdout);
    assert!(!out.stdout.contains('\u{202E}') && !out.stdout.contains('\u{200B}'));
    let json = run(kp().args([
        "--kubeconfig",
        file.to_str().unwrap(),
        "contexts",
        "-o",
        "json",
    ]));
    assert!(json.stdout.contains("a\u{200B}b"), "{}", json.stdout);
}
