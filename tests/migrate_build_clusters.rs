//! `migrate build-clusters`: Prow's cm2kc test cases (../shared/corpus/kubeconfig-cases) give
//! the same kubeconfig byte for byte, plus a namespace in every context; bad input is one
//! line, exit 3, and nothing written.

mod common;

use std::fs;
use std::path::{Path, PathBuf};

use common::{kp, run};
use serde_json::Value;

/// (input, expected output) of each cm2kc case.
fn cm2kc_cases() -> Option<Vec<(PathBuf, PathBuf)>> {
    let corpus = common::corpus()?;
    let mut cases = Vec::new();
    for e in fs::read_dir(corpus.join("kubeconfig-cases")).unwrap() {
        let dir = e.unwrap().path();
        if !dir
            .file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("prow-cm2kc-")
        {
            continue;
        }
        let find = |suffix: &str| {
            fs::read_dir(&dir)
                .unwrap()
                .map(|e| e.unwrap().path())
                .find(|p| p.to_string_lossy().ends_with(suffix))
                .unwrap()
        };
        cases.push((find("_in.yaml"), find("_out.yaml")));
    }
    cases.sort();
    assert_eq!(cases.len(), 2, "both cm2kc cases are in the corpus");
    Some(cases)
}

fn convert(input: &Path, extra: &[&str]) -> common::Output {
    let mut cmd = kp();
    cmd.args(["migrate", "build-clusters"])
        .arg(input)
        .args(extra);
    run(&mut cmd)
}

#[test]
fn the_output_is_cm2kc_s_plus_a_namespace_in_every_context() {
    let Some(cases) = cm2kc_cases() else { return };
    for (input, expected) in cases {
        let expected = fs::read_to_string(&expected).unwrap();
        for (flags, ns) in [(vec![], "default"), (vec!["-n", "test-pods"], "test-pods")] {
            let out = convert(&input, &flags);
            assert_eq!(out.code, 0, "{}", out.stderr);
            let line = format!("    namespace: {ns}\n");
            let contexts = expected.matches("- context:").count();
            assert_eq!(
                out.stdout.matches(&line).count(),
                contexts,
                "{}",
                out.stdout
            );
            assert_eq!(
                out.stdout.replace(&line, ""),
                expected,
                "{}",
                input.display()
            );
        }
    }
}

#[test]
fn per_alias_namespaces_and_a_file_that_loads() {
    let Some(cases) = cm2kc_cases() else { return };
    let multiple = &cases[0].0;
    let out = convert(multiple, &["-n", "test-pods", "-n", "build=build-pods"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!("build_clusters_per_alias", out.stdout);

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("prow.kubeconfig");
    let out = convert(
        multiple,
        &[
            "-n",
            "test-pods",
            "-n",
            "build=build-pods",
            "--output",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "secrets go to the file only");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(
            fs::metadata(&file).unwrap().permissions().mode() & 0o777,
            0o600
        );
    }
    let rows = common::contexts_json(kp().args(["--kubeconfig", file.to_str().unwrap()]));
    let ns: Vec<(&str, &str)> = rows
        .iter()
        .map(|r| {
            (
                r["name"].as_str().unwrap(),
                r["namespace"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(ns, [("build", "build-pods"), ("default", "test-pods")]);
    // Not replaced without --force.
    let again = convert(multiple, &["--output", file.to_str().unwrap()]);
    assert_eq!(again.code, 3);
    assert!(again.stderr.contains("--force"), "{}", again.stderr);
    let forced = convert(multiple, &["--output", file.to_str().unwrap(), "--force"]);
    assert_eq!(forced.code, 0, "{}", forced.stderr);
}

#[test]
fn pod_namespace_from_the_prow_config_is_the_default() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bc.yaml");
    fs::write(
        &input,
        "endpoint: https://1.2.3.4\nclientCertificate: YQo=\n",
    )
    .unwrap();
    let config = dir.path().join("config.yaml");
    fs::write(&config, "pod_namespace: test-pods\n").unwrap();
    let out = run(kp()
        .args(["--config-path", config.to_str().unwrap()])
        .args(["migrate", "build-clusters"])
        .arg(&input));
    assert_eq!(out.code, 0, "{}", out.stderr);
    let doc: Value = serde_saphyr::from_str(&out.stdout).unwrap();
    assert_eq!(
        doc["contexts"][0]["name"], "default",
        "a single cluster is `default`"
    );
    assert_eq!(doc["contexts"][0]["context"]["namespace"], "test-pods");
}

#[test]
fn bad_input_is_one_line_exit_3_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("bc.yaml");
    let secret = "c2VjcmV0LWtleQ";
    fs::write(
        &input,
        format!(
            "build:\n  endpoint: https://5.6.7.8\n  clientCertificate: ZA==\n  \
             clientKey: \"{secret}!!\"\n  clusterCaCertificate: Zg==\n"
        ),
    )
    .unwrap();
    let output = dir.path().join("out.kubeconfig");
    let out = convert(&input, &["--output", output.to_str().unwrap()]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("bc.yaml: alias \"build\": clientKey is not valid base64")
    );
    assert!(!out.stderr.contains(secret), "the value is never shown");
    assert!(!output.exists());
    assert_eq!(
        fs::read_dir(dir.path()).unwrap().count(),
        1,
        "no temporary file left"
    );

    fs::write(
        &input,
        "build:\n  endpoint: https://5.6.7.8\n  clientKey: ZQ==\n",
    )
    .unwrap();
    let out = convert(
        &input,
        &["-n", "biuld=x", "--output", output.to_str().unwrap()],
    );
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("no alias \"biuld\" (did you mean \"build\"?); its aliases: build"),
        "{}",
        out.stderr
    );
    assert!(!output.exists());
}
