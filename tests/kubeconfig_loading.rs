//! The loading rules: kubectl's when no --kubeconfig is given, the seed's strict union for
//! explicit files, and what each says when the input is wrong.

mod common;

use common::{contexts_json, fixtures, kp, names, row, run};

// --- Rule 2: explicit files, strict union -------------------------------------------------

#[test]
fn explicit_files_are_merged_as_a_union() {
    let rows = contexts_json(kp().args([
        "--kubeconfig=service.yaml",
        "--kubeconfig",
        "build01.yaml",
        "--kubeconfig",
        "build02.yaml",
    ]));
    assert_eq!(names(&rows), ["build01", "build02", "service"]);
    let b1 = row(&rows, "build01");
    assert_eq!(b1["server"], "https://build01.example.com:6443");
    assert_eq!(b1["namespace"], "test-pods");
    assert_eq!(b1["auth"], "client-cert");
    assert_eq!(b1["source"], "build01.yaml");
    assert_eq!(b1["line"], 9);
    assert_eq!(row(&rows, "build02")["auth"], "exec:gke-gcloud-auth-plugin");
}

#[test]
fn current_context_is_the_first_non_empty_one_and_disagreement_is_a_warning() {
    let out = run(kp().args([
        "--kubeconfig",
        "build02.yaml", // no current-context
        "--kubeconfig",
        "service.yaml",
        "--kubeconfig",
        "build01.yaml",
        "contexts",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(row(&rows, "service")["current"], true);
    assert_eq!(row(&rows, "build01")["current"], false);
    assert!(
        out.stderr.contains("warning: current-context \"service\" from service.yaml:13 wins (kubectl keeps the first); build01.yaml (\"build01\") sets another; set current-context in one file only\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_name_defined_in_two_files_is_an_error_naming_both_places() {
    let out = run(kp().args([
        "--kubeconfig",
        "collide-a.yaml",
        "--kubeconfig",
        "collide-b.yaml",
        "contexts",
    ]));
    assert_eq!(out.code, 3);
    assert!(out.stdout.is_empty());
    assert!(out.stderr.contains(
        "error: cluster \"shared\" is defined twice: collide-a.yaml:2 and collide-b.yaml:2 (the two definitions are identical)"
    ), "{}", out.stderr);
    assert!(out.stderr.contains(
        "error: user \"robot\" is defined twice: collide-a.yaml:11 and collide-b.yaml:11 (the two definitions differ)"
    ), "{}", out.stderr);
    // Neither secret leaks into the message.
    assert!(!out.stderr.contains("secret-token"), "{}", out.stderr);
}

#[test]
fn a_context_in_two_files_collides_too() {
    let out = run(kp().args([
        "--kubeconfig",
        "collide-a.yaml",
        "--kubeconfig",
        "build01.yaml",
        "contexts",
    ]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr
            .contains("context \"build01\" is defined twice: collide-a.yaml:6 and build01.yaml:9"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_name_defined_twice_in_one_file_is_an_error() {
    let out = run(kp().args(["--kubeconfig", "duplicate-in-file.yaml", "contexts"]));
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("cluster \"c\" is defined twice: duplicate-in-file.yaml:2 and duplicate-in-file.yaml:5 (the two definitions differ)"), "{}", out.stderr);
}

#[test]
fn explicit_files_ignore_the_kubeconfig_variable() {
    let rows = contexts_json(
        kp().env("KUBECONFIG", fixtures().join("service.yaml"))
            .args(["--kubeconfig", "build01.yaml"]),
    );
    assert_eq!(names(&rows), ["build01"]);
}

#[test]
fn a_context_naming_a_missing_cluster_or_user_is_reported_with_its_line() {
    let out = run(kp().args(["--kubeconfig", "dangling.yaml", "contexts"]));
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("context \"lost\" at dangling.yaml:2 names cluster \"nowhere\", which no loaded file defines"), "{}", out.stderr);
    assert!(
        out.stderr
            .contains("context \"lost\" at dangling.yaml:2 names user \"nobody\""),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("context \"no-cluster\" at dangling.yaml:6 names no cluster"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_context_may_use_a_cluster_and_user_from_another_file() {
    // The union is one namespace of names: references cross files (unlike Prow's loader).
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("a.yaml");
    let b = dir.path().join("b.yaml");
    std::fs::write(&a, "clusters:\n- name: c\n  cluster: {server: https://c.example.com}\nusers:\n- name: u\n  user: {token: x}\n").unwrap();
    std::fs::write(
        &b,
        "contexts:\n- name: ctx\n  context: {cluster: c, user: u}\n",
    )
    .unwrap();
    let rows = contexts_json(kp().arg("--kubeconfig").arg(&a).arg("--kubeconfig").arg(&b));
    assert_eq!(row(&rows, "ctx")["server"], "https://c.example.com");
    assert_eq!(row(&rows, "ctx")["auth"], "token");
}

// --- Bad input ----------------------------------------------------------------------------

#[test]
fn a_missing_file_is_named() {
    let out = run(kp().args(["--kubeconfig", "nope.yaml", "contexts"]));
    assert_eq!(out.code, 3);
    assert_eq!(
        out.stderr,
        "error: nope.yaml: no such file; check the path given to --kubeconfig\n"
    );
}

#[test]
fn every_unreadable_file_is_reported_in_one_run() {
    let out = run(kp().args([
        "--kubeconfig",
        "nope.yaml",
        "--kubeconfig",
        "invalid.yaml",
        "--kubeconfig",
        "relative",
        "contexts",
    ]));
    assert_eq!(out.code, 3);
    assert_eq!(out.stderr.lines().count(), 3, "{}", out.stderr);
}

#[test]
fn a_directory_is_not_a_file() {
    let out = run(kp().args(["--kubeconfig", "relative", "contexts"]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr
            .contains("relative: is a directory, not a kubeconfig file; use --kubeconfig-dir"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_fifo_is_refused_without_hanging() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("fifo");
    let status = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(status.success());
    let out = run(kp()
        .arg("--kubeconfig")
        .arg(&fifo)
        .arg("contexts")
        .timeout(std::time::Duration::from_secs(20)));
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("not a regular file"), "{}", out.stderr);
}

#[test]
fn invalid_yaml_names_file_line_and_column() {
    let out = run(kp().args(["--kubeconfig", "invalid.yaml", "contexts"]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr
            .starts_with("error: invalid.yaml: invalid kubeconfig YAML: line 5 column 11:"),
        "{}",
        out.stderr
    );
    assert_eq!(out.stderr.lines().count(), 1);
}

#[test]
fn wrong_types_are_invalid_configuration() {
    let out = run(kp().args(["--kubeconfig", "wrong-type.yaml", "contexts"]));
    assert_eq!(out.code, 3);
    assert_eq!(
        out.stderr,
        "error: wrong-type.yaml: invalid kubeconfig YAML: line 2 column 3: expected a list (`- ...` items); correct the file at that line\n"
    );
    assert!(
        out.stderr
            .contains("wrong-type.yaml: invalid kubeconfig YAML: line 2"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_empty_file_is_an_empty_configuration() {
    let out = run(kp().args(["--kubeconfig", "empty.yaml", "contexts", "-o", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "[]");
}

#[test]
fn a_second_yaml_document_is_refused_by_the_strict_union() {
    let out = run(kp().args(["--kubeconfig", "multi-document.yaml", "contexts"]));
    assert_eq!(out.code, 3);
    assert_eq!(
        out.stderr,
        "error: multi-document.yaml:7: a second YAML document starts here; kubectl and Prow \
         would silently read only the first; split it into separate files\n"
    );
}

#[test]
fn kubectls_rules_read_only_the_first_document_with_a_warning() {
    let out = run(kp()
        .env("KUBECONFIG", fixtures().join("multi-document.yaml"))
        .args(["contexts", "-o", "name"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "a\n");
    assert!(
        out.stderr
            .contains("multi-document.yaml:7: a second YAML document starts here; it is ignored"),
        "{}",
        out.stderr
    );
}

#[test]
fn the_same_file_given_twice_is_said_once() {
    let out = run(kp().args([
        "--kubeconfig",
        "build01.yaml",
        "--kubeconfig",
        "build01.yaml",
        "contexts",
    ]));
    assert_eq!(out.code, 3);
    assert_eq!(
        out.stderr,
        "error: build01.yaml is given twice (--kubeconfig); give each kubeconfig file once\n"
    );
    let out = run(kp().args([
        "--kubeconfig",
        "relative/kubeconfig.yaml",
        "--kubeconfig-dir",
        "relative",
        "contexts",
    ]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains(
            "relative/kubeconfig.yaml is given twice (as --kubeconfig and as --kubeconfig-dir"
        ),
        "{}",
        out.stderr
    );
}

#[test]
fn a_repeated_key_is_refused_strictly_and_the_last_wins_under_kubectls_rules() {
    let out = run(kp().args(["--kubeconfig", "duplicate-key.yaml", "contexts"]));
    assert_eq!(out.code, 3);
    assert_eq!(
        out.stderr,
        "error: duplicate-key.yaml:5: key `token` is written twice in one mapping; remove one (kubectl would silently keep the last)\n"
    );
    let out = run(kp()
        .env("KUBECONFIG", fixtures().join("duplicate-key.yaml"))
        .args(["view", "--raw"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("last-dup-token") && !out.stdout.contains("first-dup-token"));
    assert!(
        out.stderr
            .contains("key `token` is written twice in one mapping; the last value is used"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_secret_written_as_a_number_is_refused_not_printed() {
    for args in [
        vec!["--kubeconfig", "numeric-secret.yaml", "view"],
        vec!["--kubeconfig", "numeric-secret.yaml", "contexts"],
    ] {
        let out = run(kp().args(&args));
        assert_eq!(out.code, 3);
        assert_eq!(
            out.stderr,
            "error: numeric-secret.yaml: invalid kubeconfig YAML: line 2: user \"u\": `password` must be a string (quote the value); kubectl refuses it too; correct the file at that line\n"
        );
        assert!(!out.stdout.contains("123456"));
    }
}

#[test]
fn a_link_to_nothing_in_kubeconfig_variable_is_skipped_like_a_missing_file() {
    let dir = tempfile::tempdir().unwrap();
    let link = dir.path().join("dangling.yaml");
    std::os::unix::fs::symlink("/nonexistent/kubeconfig", &link).unwrap();
    let var = std::env::join_paths([link, fixtures().join("service.yaml")]).unwrap();
    let out = run(kp().env("KUBECONFIG", var).args(["contexts", "-o", "name"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "service\n");
}

#[test]
fn a_kubeconfig_variable_of_only_separators_loads_nothing_not_the_home_file() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join(".kube")).unwrap();
    std::fs::copy(
        fixtures().join("service.yaml"),
        home.path().join(".kube/config"),
    )
    .unwrap();
    let out = run(kp()
        .env("HOME", home.path())
        .env("KUBECONFIG", ":")
        .args(["contexts", "-o", "name"]));
    assert_eq!(out.code, 0);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr
            .contains("no kubeconfig found: $KUBECONFIG names no existing file"),
        "{}",
        out.stderr
    );
}

#[test]
fn minify_without_a_current_context_is_invalid_configuration() {
    let out = run(kp().args(["--kubeconfig", "build02.yaml", "view", "--minify"]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("--minify needs a current context"),
        "{}",
        out.stderr
    );
}

// --- Relative paths -------------------------------------------------------------------------

#[test]
fn relative_paths_resolve_against_the_files_directory() {
    let out = run(kp()
        .current_dir("/")
        .args(["--kubeconfig"])
        .arg(fixtures().join("relative/kubeconfig.yaml"))
        .args(["view"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let base = fixtures().join("relative");
    for rel in [
        "certs/ca.crt",
        "certs/client.crt",
        "certs/client.key",
        "token.txt",
        "bin/helper",
    ] {
        let abs = base.join(rel).display().to_string();
        assert!(out.stdout.contains(&abs), "{abs} not in\n{}", out.stdout);
    }
}

#[test]
fn flatten_inlines_certificate_files_and_raw_shows_them() {
    let out = run(kp().args([
        "--kubeconfig",
        "relative/kubeconfig.yaml",
        "view",
        "--flatten",
        "--raw",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: serde_json::Value = serde_json::from_str(&out.stdout).unwrap();
    use base64::Engine;
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    assert_eq!(
        doc["clusters"][0]["cluster"]["certificate-authority-data"],
        b64("RELATIVE-CA-PEM\n")
    );
    assert_eq!(
        doc["users"][0]["user"]["client-key-data"],
        b64("RELATIVE-CLIENT-KEY-PEM\n")
    );
    assert!(doc["users"][0]["user"].get("client-key").is_none());
}

// --- Rule 1: kubectl's rules without --kubeconfig ---------------------------------------------

#[test]
fn kubeconfig_variable_first_file_wins_with_a_warning() {
    let f = fixtures();
    let var = format!(
        "{}:{}:{}:{}",
        f.join("collide-a.yaml").display(),
        f.join("missing.yaml").display(),
        f.join("collide-b.yaml").display(),
        f.join("collide-a.yaml").display(), // a duplicate path is read once
    );
    let out = run(kp()
        .env("KUBECONFIG", &var)
        .args(["contexts", "-o", "json"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<serde_json::Value> = serde_json::from_str(&out.stdout).unwrap();
    assert_eq!(names(&rows), ["build01", "other"]);
    let a = f.join("collide-a.yaml").display().to_string();
    let b = f.join("collide-b.yaml").display().to_string();
    assert!(out.stderr.contains(&format!("warning: user \"robot\" at {b}:11 is ignored: {a}:11 defines it first and kubectl keeps the first (the two definitions differ)")), "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "warning: cluster \"shared\" at {b}:2 is ignored: {a}:2 defines it first"
        )),
        "{}",
        out.stderr
    );
    assert_eq!(
        out.stderr.lines().count(),
        2,
        "a duplicate path must not warn: {}",
        out.stderr
    );
}

#[test]
fn home_kube_config_is_the_fallback() {
    let home = tempfile::tempdir().unwrap();
    std::fs::create_dir(home.path().join(".kube")).unwrap();
    std::fs::copy(
        fixtures().join("service.yaml"),
        home.path().join(".kube/config"),
    )
    .unwrap();
    let rows = contexts_json(kp().env("HOME", home.path()));
    assert_eq!(names(&rows), ["service"]);
    assert_eq!(row(&rows, "service")["current"], true);
}

#[test]
fn nothing_to_load_is_an_empty_list_with_a_warning() {
    let out = run(kp().args(["contexts"]));
    assert_eq!(out.code, 0);
    assert!(
        out.stderr.contains("warning: no kubeconfig found"),
        "{}",
        out.stderr
    );
}

#[test]
fn merge_strict_applies_to_the_kubeconfig_variable_too() {
    let f = fixtures();
    let var = format!(
        "{}:{}",
        f.join("collide-a.yaml").display(),
        f.join("collide-b.yaml").display()
    );
    let out = run(kp()
        .env("KUBECONFIG", var)
        .args(["--merge", "strict", "contexts"]));
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("is defined twice"), "{}", out.stderr);
}

#[test]
fn merge_kubectl_on_explicit_files_lets_the_first_win() {
    let out = run(kp().args([
        "--merge",
        "kubectl",
        "--kubeconfig",
        "collide-a.yaml",
        "--kubeconfig",
        "collide-b.yaml",
        "view",
        "--raw",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("collide-a-secret-token"));
    assert!(!out.stdout.contains("collide-b-secret-token"));
}

// --- Rule 4: in-cluster contexts --------------------------------------------------------------

#[test]
fn outside_a_pod_an_in_cluster_context_is_listed_not_guessed() {
    let rows = contexts_json(kp().args(["--kubeconfig", "seed-custom-namespace.yaml"]));
    assert_eq!(names(&rows), ["custom-namespace", "default"]);
    for r in &rows {
        assert_eq!(r["inCluster"], true);
        assert_eq!(r["server"], serde_json::Value::Null);
        assert_eq!(r["auth"], "serviceaccount");
        // Both reach the service cluster through the pod's ServiceAccount.
        assert_eq!(r["prowJobContext"], true);
    }
    assert_eq!(
        row(&rows, "custom-namespace")["namespace"],
        "something-custom"
    );
}

fn fake_pod(dir: &std::path::Path, namespace: &str) {
    std::fs::write(dir.join("token"), "pod-sa-token-secret").unwrap();
    std::fs::write(dir.join("ca.crt"), "CA").unwrap();
    std::fs::write(dir.join("namespace"), namespace).unwrap();
}

#[test]
fn inside_a_pod_an_in_cluster_context_resolves_to_the_service_account() {
    let sa = tempfile::tempdir().unwrap();
    fake_pod(sa.path(), "prow");
    let mut cmd = kp();
    cmd.env("KUBERNETES_SERVICE_HOST", "10.0.0.1")
        .env("KUBERNETES_SERVICE_PORT", "443")
        .env("KUBECTL_PROW_SERVICEACCOUNT_DIR", sa.path());
    let tmp = tempfile::tempdir().unwrap();
    let cfg = tmp.path().join("k.yaml");
    std::fs::write(&cfg, "contexts:\n- name: here\n  context: {cluster: in-cluster}\n- name: there\n  context: {cluster: in-cluster, namespace: test-pods}\n").unwrap();
    let rows = contexts_json(cmd.arg("--kubeconfig").arg(&cfg));
    assert_eq!(row(&rows, "here")["server"], "https://10.0.0.1:443");
    assert_eq!(
        row(&rows, "here")["namespace"],
        "prow",
        "the ServiceAccount's namespace"
    );
    assert_eq!(
        row(&rows, "there")["namespace"],
        "test-pods",
        "the context's own namespace wins"
    );
}

#[test]
fn an_ipv6_service_host_gets_brackets() {
    let sa = tempfile::tempdir().unwrap();
    fake_pod(sa.path(), "prow");
    let rows = contexts_json(
        kp().env("KUBERNETES_SERVICE_HOST", "fd00::1")
            .env("KUBERNETES_SERVICE_PORT", "6443")
            .env("KUBECTL_PROW_SERVICEACCOUNT_DIR", sa.path())
            .args(["--kubeconfig", "seed-custom-namespace.yaml"]),
    );
    assert_eq!(row(&rows, "default")["server"], "https://[fd00::1]:6443");
}

#[test]
fn in_cluster_with_a_user_is_an_error_that_explains_the_rule() {
    let out = run(kp().args(["--kubeconfig", "incluster-with-user.yaml", "contexts"]));
    assert_eq!(out.code, 3);
    assert!(out.stderr.contains("context \"confused\" at incluster-with-user.yaml:2: cluster \"in-cluster\" means the pod's ServiceAccount and takes no user, but it names user \"someone\""), "{}", out.stderr);
}

#[test]
fn a_real_cluster_named_in_cluster_is_an_error() {
    let out = run(kp().args(["--kubeconfig", "reserved-cluster.yaml", "contexts"]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr
            .contains("cluster \"in-cluster\" at reserved-cluster.yaml:2: the name is reserved"),
        "{}",
        out.stderr
    );
}

// --- kubectl's selection flags ---------------------------------------------------------------

#[test]
fn context_flag_changes_the_current_context() {
    let rows = contexts_json(kp().args([
        "--kubeconfig",
        "service.yaml",
        "--kubeconfig",
        "build02.yaml",
        "--context",
        "build02",
    ]));
    assert_eq!(row(&rows, "build02")["current"], true);
    assert_eq!(row(&rows, "service")["current"], false);
}

#[test]
fn an_unknown_context_is_invalid_configuration() {
    let out = run(kp().args([
        "--kubeconfig",
        "service.yaml",
        "--context",
        "nope",
        "contexts",
    ]));
    assert_eq!(out.code, 3);
    assert_eq!(
        out.stderr,
        "error: --context \"nope\": no such context in service.yaml; loaded contexts: \"service\"\n"
    );
}

/// A mistyped name is answered with the nearest loaded one; a name near none gets no guess.
#[test]
fn an_unknown_name_suggests_the_nearest_loaded_one() {
    let fleet = [
        "--kubeconfig",
        "service.yaml",
        "--kubeconfig",
        "build01.yaml",
        "--kubeconfig",
        "build02.yaml",
    ];
    let error = |args: &[&str]| {
        let out = run(kp().args(fleet).args(args).arg("contexts"));
        assert_eq!(out.code, 3, "{}", out.stderr);
        out.stderr
    };
    let e = error(&["--context", "buil01"]);
    assert!(
        e.starts_with(
            "error: --context \"buil01\": no such context (did you mean \"build01\"?) in "
        ),
        "{e}"
    );
    assert!(
        error(&["--prow-job-context", "servce"]).contains("(did you mean \"service\"?)"),
        "--prow-job-context"
    );
    let e = error(&["--context", "build01", "--user", "hok"]);
    assert!(
        e.contains("--user \"hok\": no such user (did you mean \"hook\"?)"),
        "{e}"
    );
    let e = error(&["--context", "xyz"]);
    assert!(!e.contains("did you mean"), "{e}");
    // check-rbac's --context selects contexts to check (the issue's own example) and
    // --in-cluster-via names the context to ask through: both suggest too.
    for args in [
        &["--context", "buil01", "check-rbac"][..],
        &[
            "check-rbac",
            "--in-cluster-via",
            "servce",
            "--service-account",
            "ns/sa",
        ][..],
    ] {
        let out = run(kp().args(fleet).args(args));
        assert_eq!(out.code, 3, "{}", out.stderr);
        assert!(
            out.stderr.contains("(did you mean \""),
            "{args:?}: {}",
            out.stderr
        );
    }
}

#[test]
fn namespace_flag_overrides_the_current_contexts_namespace() {
    let rows = contexts_json(kp().args([
        "--kubeconfig",
        "service.yaml",
        "--kubeconfig",
        "build02.yaml",
        "-n",
        "elsewhere",
    ]));
    assert_eq!(row(&rows, "service")["namespace"], "elsewhere");
    assert_eq!(row(&rows, "build02")["namespace"], "test-pods");
}

#[test]
fn an_unknown_prow_job_context_is_invalid_configuration() {
    let out = run(kp().args([
        "--kubeconfig",
        "service.yaml",
        "--prow-job-context",
        "svc",
        "contexts",
    ]));
    assert_eq!(out.code, 3);
    assert!(
        out.stderr
            .contains("--prow-job-context \"svc\": no such context"),
        "{}",
        out.stderr
    );
}

#[test]
fn prow_job_context_flag_marks_that_context() {
    let rows = contexts_json(kp().args([
        "--kubeconfig",
        "service.yaml",
        "--kubeconfig",
        "build01.yaml",
        "--prow-job-context",
        "service",
    ]));
    assert_eq!(row(&rows, "service")["prowJobContext"], true);
    assert_eq!(row(&rows, "build01")["prowJobContext"], false);
}

// --- Usage errors ---------------------------------------------------------------------------

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["contexts", "--bogus"],
        vec!["--kubeconfig-suffix", "yaml", "contexts"],
        vec!["--request-timeout", "soon", "contexts"],
        vec!["contexts", "-o", "xml"],
        vec!["--merge", "union", "contexts"],
        vec!["--request-timeout", "99999999999999999999h", "contexts"],
    ] {
        let out = run(kp().args(&args));
        assert_eq!(out.code, 2, "{args:?}: {}", out.stderr);
        assert!(!out.stderr.is_empty());
    }
}

#[test]
fn suffix_without_dir_uses_prows_words() {
    let out = run(kp().args(["--kubeconfig-suffix", "yaml", "contexts"]));
    assert_eq!(
        out.stderr,
        "error: --kubeconfig-dir must be set if --kubeconfig-suffix is set\n"
    );
}

#[test]
fn request_timeout_accepts_kubectls_forms() {
    for t in ["0", "30", "10s", "1m30s", "500ms", "2h"] {
        let out = run(kp().args([
            "--kubeconfig",
            "service.yaml",
            "--request-timeout",
            t,
            "contexts",
        ]));
        assert_eq!(out.code, 0, "{t}: {}", out.stderr);
    }
}

#[test]
fn help_documents_exit_codes_and_examples() {
    let out = run(kp().arg("--help"));
    assert_eq!(out.code, 0);
    for needle in [
        "Exit codes:",
        "3  invalid configuration",
        "Examples:",
        "--kubeconfig <FILE>",
        "--as-group",
        "--request-timeout",
    ] {
        assert!(
            out.stdout.contains(needle),
            "{needle} missing from\n{}",
            out.stdout
        );
    }
    for cmd in ["contexts", "view"] {
        let out = run(kp().args([cmd, "--help"]));
        assert_eq!(out.code, 0);
        assert!(out.stdout.contains("Examples:"), "{cmd}");
    }
}

/// What client-go refuses in a file, beyond YAML and types, refused here too, whichever merge
/// applies: each is one line naming the file and the line, exit 3, and the secret never shown.
#[test]
fn files_client_go_refuses_are_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let cases = [
        (
            "apiVersion: v2\nkind: Config\n",
            "line 1: a kubeconfig is `apiVersion: v1` and `kind: Config`, this file says \
             apiVersion \"v2\" and kind \"Config\"",
        ),
        (
            "apiVersion: v1\nkind: Pod\n",
            "line 2: a kubeconfig is `apiVersion: v1` and `kind: Config`, this file says \
             apiVersion \"v1\" and kind \"Pod\"",
        ),
        (
            "users:\n- name: u\n  user:\n    client-key-data: \"s3cr#t-key\"\n",
            "line 2: user \"u\": `client-key-data` is not valid base64 (illegal base64 data at \
             input byte 4)",
        ),
        (
            "clusters:\n- name: k\n  cluster:\n    server: https://k\n    extensions:\n    \
             - {name: x, extension: {}}\n    - {name: x, extension: {}}\n",
            "line 2: cluster \"k\": extension \"x\" is listed twice",
        ),
        (
            "preferences:\n  extensions:\n  - {name: p, extension: {}}\n  - {name: p, extension: {}}\n",
            "extension \"p\" is listed twice",
        ),
    ];
    for (i, (text, message)) in cases.iter().enumerate() {
        let file = dir.path().join(format!("{i}.yaml"));
        std::fs::write(&file, text).unwrap();
        for how in [&["--kubeconfig"][..], &["--merge", "prow", "--kubeconfig"]] {
            let out = run(kp().args(how).arg(&file).arg("contexts"));
            assert_eq!(out.code, 3, "{text}: {}", out.stderr);
            assert!(out.stderr.contains(message), "{text}: {}", out.stderr);
            assert!(out.stderr.contains(&format!("{i}.yaml")), "{}", out.stderr);
            assert!(!out.stderr.contains("s3cr"), "{}", out.stderr);
            assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
        }
        let out = run(kp().env("KUBECONFIG", &file).arg("contexts"));
        assert_eq!(out.code, 3, "{text} via $KUBECONFIG: {}", out.stderr);
        if let Some(kubectl) = common::kubectl() {
            let theirs = std::process::Command::new(kubectl)
                .args(["config", "get-contexts"])
                .env("KUBECONFIG", &file)
                .env("HOME", common::empty_home())
                .output()
                .unwrap();
            assert!(!theirs.status.success(), "kubectl loaded {text}");
        }
    }
}

/// `KUBECONFIG=a.yaml:./a.yaml` names one file twice; kubectl reads it (and the second reading
/// changes nothing), so it loads, with a note. Given twice with --kubeconfig it is refused.
#[test]
fn one_file_under_two_spellings_in_kubeconfig_loads_once_with_a_warning() {
    let out = run(kp()
        .env("KUBECONFIG", "build01.yaml:./build01.yaml:build01.yaml")
        .args(["contexts", "-o", "name"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "build01\n");
    assert_eq!(
        out.stderr,
        "warning: KUBECONFIG ./build01.yaml names the same file as build01.yaml; it is read once; name each file once\n"
    );
}

/// kubectl: "context was not found for specified context" when -n, --cluster or --user would
/// change a current context that no file defines.
#[test]
fn overrides_of_a_current_context_that_does_not_exist_are_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("gone.yaml");
    std::fs::write(
        &file,
        "clusters:\n- name: k\n  cluster: {server: https://k}\ncontexts:\n- name: a\n  \
         context: {cluster: k}\ncurrent-context: gone\n",
    )
    .unwrap();
    let out = run(kp()
        .env("KUBECONFIG", &file)
        .args(["-n", "x", "view", "--minify"]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("current-context \"gone\" (from ")
            && out.stderr.contains("gone.yaml:7) names no loaded context"),
        "{}",
        out.stderr
    );
    // Naming a context that exists is the way out.
    let out = run(kp().env("KUBECONFIG", &file).args([
        "--context",
        "a",
        "-n",
        "x",
        "view",
        "--minify",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains("\"namespace\": \"x\""),
        "{}",
        out.stdout
    );
}

/// `-n` (and `--cluster`, `--user`) change the current context; a command that lists every
/// context needs none, as `kubectl config get-contexts -n x` does not. A command that acts
/// through the current context still refuses, naming the fix.
#[test]
fn listing_commands_take_namespace_without_a_current_context() {
    let dir = tempfile::tempdir().unwrap();
    let kc = dir.path().join("no-current.yaml");
    std::fs::write(
        &kc,
        "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: \"https://h:6443\"}\n\
         users:\n- name: u\n  user: {token: t}\n\
         contexts:\n- name: x\n  context: {cluster: c, user: u, namespace: ns}\n",
    )
    .unwrap();
    let kc = kc.to_str().unwrap();
    for cmd in [
        &["contexts"][..],
        &["lint"],
        &["graph"],
        &["view"],
        &["contexts", "-o", "json"],
    ] {
        let out = run(kp().args(["--kubeconfig", kc, "-n", "other"]).args(cmd));
        assert!(out.code == 0 || out.code == 1, "{cmd:?}: {}", out.stderr);
        assert!(
            !out.stderr.contains("none is set"),
            "{cmd:?}: {}",
            out.stderr
        );
    }
    for cmd in [
        &["view", "--minify"][..],
        &["grant", "--service-account", "p"],
    ] {
        let out = run(kp().args(["--kubeconfig", kc, "-n", "other"]).args(cmd));
        assert_eq!(out.code, 2, "{cmd:?}: {}", out.stderr);
        assert!(
            out.stderr.contains("name one with --context"),
            "{}",
            out.stderr
        );
    }
}
