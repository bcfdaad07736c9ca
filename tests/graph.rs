//! `graph`: the design document's third example ("a separate cluster") as Mermaid (golden, the
//! README shows it) and as DOT rendered by the real Graphviz.

mod common;

use std::io::Write;
use std::process::{Command, Stdio};

use common::{kp, run};

const SEPARATE_CLUSTER: [&str; 6] = [
    "--kubeconfig",
    "../../../examples/separate-cluster.yaml",
    "--config-path",
    "../prow/seed/config.yaml",
    "--job-config-path",
    "../prow/seed/jobs/separate-cluster.yaml",
];

#[test]
fn the_seeds_separate_cluster_example_as_mermaid() {
    let out = run(kp().args(SEPARATE_CLUSTER).args(["graph", "-o", "mermaid"]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    insta::assert_snapshot!(out.stdout);
}

#[test]
fn dot_output_is_rendered_by_graphviz_with_the_missing_context_in_red() {
    let out = run(kp().args([
        "--kubeconfig",
        "../../../examples/separate-cluster.yaml",
        "--job-config-path",
        "../lint/jobs",
        "graph",
        "-o",
        "dot",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("color=red"), "{}", out.stdout);
    let Ok(mut dot) = Command::new("dot")
        .arg("-Tsvg")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
    else {
        common::skip("Graphviz `dot` not installed (.ci/run installs it)");
        return;
    };
    dot.stdin
        .take()
        .unwrap()
        .write_all(out.stdout.as_bytes())
        .unwrap();
    let svg = dot.wait_with_output().unwrap();
    assert!(
        svg.status.success(),
        "dot: {}",
        String::from_utf8_lossy(&svg.stderr)
    );
    let svg = String::from_utf8(svg.stdout).unwrap();
    assert!(
        svg.contains("<svg") && svg.contains("custom&#45;cluster"),
        "{svg}"
    );
}
