//! What the operator reads: the main tables at 80 and 120 columns, on test-infra's job
//! configuration (3,849 jobs, 8 build contexts) and on the design document's examples. Every
//! line fits the width; context names are never cut; a column that says the same on every row
//! is said once below the table.

mod common;

use common::{corpus, kp, run};

fn at(width: usize, args: &[&str]) -> String {
    let out = run(kp()
        .env("KUBECTL_PROW_COLUMNS", width.to_string())
        .args(args));
    assert!(out.code == 0 || out.code == 1, "{args:?}: {}", out.stderr);
    for line in out.stdout.lines() {
        assert!(
            line.chars().count() <= width,
            "{} > {width}: {line}",
            line.chars().count()
        );
    }
    out.stdout
}

fn test_infra() -> Option<Vec<String>> {
    let c = corpus()?.join("prow-jobs/test-infra");
    Some(vec![
        "--kubeconfig".into(),
        concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/bench/test-infra-kubeconfig.yaml"
        )
        .into(),
        "--config-path".into(),
        c.join("config/prow/config.yaml").display().to_string(),
        "--job-config-path".into(),
        c.join("config/jobs").display().to_string(),
    ])
}

/// The first lines of a long table, with the corpus path made stable.
fn head(text: &str, n: usize) -> String {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/");
    text.lines()
        .take(n)
        .collect::<Vec<_>>()
        .join("\n")
        .replace(&corpus.display().to_string(), "CORPUS/")
}

#[test]
fn test_infra_jobs_at_80_and_120_columns() {
    let Some(base) = test_infra() else { return };
    let base: Vec<&str> = base.iter().map(String::as_str).collect();
    for width in [80, 120] {
        let text = at(
            width,
            &[
                &base[..],
                &["jobs", "--context", "k8s-infra-prow-build-trusted"],
            ]
            .concat(),
        );
        // Context names are what the user copies: never cut.
        assert!(text.contains("k8s-infra-prow-build-trusted"), "{text}");
        assert!(
            text.ends_with("AGENT is kubernetes for every job\n"),
            "{}",
            &text[text.len() - 200..]
        );
        insta::assert_snapshot!(format!("jobs_{width}"), head(&text, 12));
    }
}

#[test]
fn test_infra_contexts_with_job_counts_at_80_and_120_columns() {
    let Some(base) = test_infra() else { return };
    let base: Vec<&str> = base.iter().map(String::as_str).collect();
    for width in [80, 120] {
        let text = at(width, &[&base[..], &["contexts"]].concat());
        assert!(text.lines().next().unwrap().ends_with("JOBS"), "{text}");
        insta::assert_snapshot!(format!("contexts_{width}"), text);
    }
}

#[test]
fn seed_examples_at_80_and_120_columns() {
    for width in [80, 120] {
        let text = at(
            width,
            &[
                "--kubeconfig",
                "../../../examples/separate-cluster.yaml",
                "contexts",
            ],
        );
        insta::assert_snapshot!(format!("seed_separate_cluster_{width}"), text);
        let text = at(
            width,
            &[
                "--kubeconfig",
                "seed-custom-namespace.yaml",
                "--config-path",
                "../prow/seed/config.yaml",
                "--job-config-path",
                "../prow/seed/jobs/custom-namespace.yaml",
                "--use-explicit-credentials",
                "jobs",
            ],
        );
        insta::assert_snapshot!(format!("seed_custom_namespace_jobs_{width}"), text);
    }
}

/// Cuts keep what tells rows apart: a server loses its scheme and path before its port, a
/// place loses its directories before its file name and line.
#[test]
fn cuts_keep_the_port_and_the_file_name() {
    use kubectl_prow::output::table;
    let rows = vec![
        vec![
            "build01".to_string(),
            "https://build-cluster.example.com:6443/k8s/clusters/c-xyz".to_string(),
            "deploy/prow/kubeconfigs/build01.kubeconfig.yaml:12".to_string(),
        ],
        vec![
            "build02".to_string(),
            "https://build-cluster.example.com:7443".to_string(),
            "deploy/prow/kubeconfigs/build02.kubeconfig.yaml:3".to_string(),
        ],
    ];
    let text = table(
        &["NAME", "SERVER", "SOURCE"],
        rows,
        false,
        Some(80),
        &["SERVER", "SOURCE"],
    );
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    assert!(text.contains(":6443") && text.contains(":7443"), "{text}");
    assert!(!text.contains("https://"), "{text}");
    assert!(text.contains("build01.kubeconfig.yaml:12"), "{text}");
    assert!(text.contains("build02.kubeconfig.yaml:3"), "{text}");
}

/// Widths are display columns: a name in CJK characters takes two columns each, and the
/// columns after it still line up.
#[test]
fn wide_characters_take_two_columns() {
    use kubectl_prow::output::table;
    let rows = vec![
        vec!["构建集群".to_string(), "a".to_string()],
        vec!["build".to_string(), "b".to_string()],
    ];
    let text = table(&["NAME", "NS"], rows, false, Some(80), &[]);
    let at: Vec<usize> = text
        .lines()
        .map(|l| {
            let i = l.rfind(' ').unwrap() + 1;
            unicode_width::UnicodeWidthStr::width(&l[..i])
        })
        .collect();
    assert!(at.windows(2).all(|w| w[0] == w[1]), "{text}");
}
