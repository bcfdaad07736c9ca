//! Every problem in a kubeconfig is a finding with its place and its fix, under every merge
//! rule: `lint -o json` (and so JUnit and a presubmit's annotations) can point at the line.
//! Run over every kubeconfig case of ../shared/corpus, all files of a case together.

mod common;

use std::path::Path;

use common::{corpus, kp, run};
use serde_json::Value;

/// Findings about a whole file (or about no file at all), which have no line.
const WHOLE_FILE: &[&str] = &[
    "no-kubeconfig",
    "no-service-context",
    "repeated-file",
    "empty-kubeconfig-dir",
    "missing-kubeconfig",
    "unreadable-kubeconfig",
    "unreadable-kubeconfig-dir",
];

fn files(case: &Path) -> Vec<String> {
    let mut out: Vec<String> = walk(case)
        .into_iter()
        .filter(|p| !p.ends_with(".md") && !p.ends_with(".txt"))
        .collect();
    out.sort();
    out
}

fn walk(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else {
            out.push(p.display().to_string());
        }
    }
    out
}

#[test]
fn every_kubeconfig_finding_has_its_file_line_and_fix() {
    let Some(corpus) = corpus() else { return };
    let mut cases = 0;
    let mut findings = 0;
    for entry in std::fs::read_dir(corpus.join("kubeconfig-cases")).unwrap() {
        let case = entry.unwrap().path();
        if !case.is_dir() {
            continue;
        }
        cases += 1;
        for merge in ["strict", "kubectl", "prow"] {
            let mut cmd = kp();
            for f in files(&case) {
                cmd.args(["--kubeconfig", &f]);
            }
            let out = run(cmd.args(["--merge", merge, "lint", "-o", "json"]));
            let all: Vec<Value> = serde_json::from_str(&out.stdout)
                .unwrap_or_else(|e| panic!("{}: {e}: {}", case.display(), out.stderr));
            for f in &all {
                findings += 1;
                let code = f["code"].as_str().unwrap();
                let at = format!("{} --merge {merge}: {f}", case.display());
                assert!(
                    f["fix"].as_str().is_some_and(|x| !x.is_empty()),
                    "no fix: {at}"
                );
                // Without any file there is no file to name.
                if code != "no-kubeconfig"
                    && !(code == "no-service-context" && files(&case).is_empty())
                {
                    assert!(f["file"].is_string(), "no file: {at}");
                }
                if !WHOLE_FILE.contains(&code) {
                    assert!(f["line"].as_u64().is_some_and(|l| l > 0), "no line: {at}");
                }
            }
        }
    }
    assert!(cases >= 16, "{cases} cases");
    assert!(
        findings >= 40,
        "{findings} findings: the corpus's problems were not reached"
    );
}

/// An error that stops loading is reported the same way: `lint -o json` lists it with the
/// place of the second definition and the fix apart from the message.
#[test]
fn a_duplicate_name_is_a_finding_at_the_second_definition() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str| {
        let p = dir.path().join(name);
        std::fs::write(
            &p,
            "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster: {server: https://h:6443}\n",
        )
        .unwrap();
        p.display().to_string()
    };
    let (a, b) = (write("a.yaml"), write("b.yaml"));
    let out = run(kp().args(["--kubeconfig", &a, "--kubeconfig", &b, "lint", "-o", "json"]));
    // Loading stops (exit 3), and the finding is still listed.
    assert_eq!(out.code, 3, "{}", out.stderr);
    let all: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    let dup = all.iter().find(|f| f["code"] == "duplicate-name").unwrap();
    assert_eq!(dup["file"], b.as_str(), "{dup}");
    assert_eq!(dup["line"], 4, "{dup}");
    assert!(
        dup["fix"]
            .as_str()
            .unwrap()
            .starts_with("rename or remove one"),
        "{dup}"
    );
    assert!(
        !dup["message"].as_str().unwrap().contains("rename"),
        "{dup}"
    );
}
