//! Real job configurations (`../shared/corpus/prow-jobs`), read by `prow::load` and, for a
//! cross-check, by an independent PyYAML script (`tests/prow_jobs_count.py`) applying the
//! same rules: the two must list the same jobs, in the same order, in the same contexts.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use kubectl_prow::finding::Severity;
use kubectl_prow::prow::{self, JobConfig};
use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    common::corpus().map(|c| c.join("prow-jobs"))
}

/// Runs the PyYAML reader; `None` (a skip) when python3 or PyYAML is missing.
fn python_reading(config: Option<&Path>, jobs: Option<&Path>) -> Option<Value> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/prow_jobs_count.py");
    let mut cmd = Command::new("python3");
    cmd.arg(script);
    if let Some(c) = config {
        cmd.arg("--config-path").arg(c);
    }
    if let Some(j) = jobs {
        cmd.arg("--job-config-path").arg(j);
    }
    let out = match cmd.output() {
        Ok(out) => out,
        Err(e) => {
            common::skip(&format!("cannot run python3 ({})", e.kind()));
            return None;
        }
    };
    if !out.status.success() {
        let stderr = String::from_utf8_lossy(&out.stderr);
        if stderr.contains("No module named 'yaml'") {
            common::skip("python3 has no PyYAML");
            return None;
        }
        panic!("prow_jobs_count.py failed: {stderr}");
    }
    Some(serde_json::from_slice(&out.stdout).expect("the script prints JSON"))
}

/// `[file, kind, repo, name, context]` per job, as the script prints them.
fn rows(jc: &JobConfig) -> Vec<Value> {
    jc.jobs
        .iter()
        .map(|j| {
            serde_json::json!([
                j.origin.file.to_string_lossy(),
                j.kind.as_str(),
                j.repo,
                j.name,
                j.effective_context(false),
            ])
        })
        .collect()
}

/// Loads with both readers and asserts they agree; returns ours.
fn cross_check(config: Option<&Path>, jobs: Option<&Path>) -> Option<JobConfig> {
    let ours = prow::load(config, jobs).expect("the corpus loads");
    let theirs = python_reading(config, jobs)?;
    assert_eq!(
        ours.files_read as u64,
        theirs["files_read"].as_u64().unwrap()
    );
    let ours_rows = rows(&ours);
    let theirs_rows = theirs["jobs"].as_array().unwrap();
    assert_eq!(ours_rows.len(), theirs_rows.len(), "job count");
    for (i, (a, b)) in ours_rows.iter().zip(theirs_rows).enumerate() {
        assert_eq!(a, b, "job #{i} differs");
    }
    // And the per-context counts the `jobs` and `contexts` commands show.
    let counts = prow::count_by_context(&ours.jobs, false);
    for (ctx, c) in &counts.by_context {
        let expected = theirs_rows
            .iter()
            .filter(|r| r[4].as_str() == Some(ctx.as_str()))
            .count();
        assert_eq!(c.total(), expected, "jobs in context {ctx}");
    }
    Some(ours)
}

#[test]
fn test_infra_jobs_match_an_independent_reading() {
    let Some(corpus) = corpus() else { return };
    let base = corpus.join("test-infra");
    let Some(jc) = cross_check(
        Some(&base.join("config/prow/config.yaml")),
        Some(&base.join("config/jobs")),
    ) else {
        return;
    };
    assert!(
        jc.findings.iter().all(|f| f.severity != Severity::Error),
        "{:#?}",
        jc.findings
    );
    assert!(jc.jobs.len() > 3000, "thousands of jobs: {}", jc.jobs.len());
    let counts = prow::count_by_context(&jc.jobs, false);
    assert!(
        counts.by_context.len() >= 5,
        "{:?}",
        counts.by_context.keys()
    );
    let c = jc.prow_config.as_ref().unwrap();
    assert_eq!(c.pod_namespace(), "test-pods");
    assert_eq!(c.prowjob_namespace(), "default");
}

#[test]
fn prow_integration_config_matches_an_independent_reading() {
    let Some(corpus) = corpus() else { return };
    let base = corpus.join("prow-testdata/test/integration/config/prow");
    let Some(jc) = cross_check(Some(&base.join("config.yaml")), Some(&base.join("jobs"))) else {
        return;
    };
    assert!(!jc.jobs.is_empty());
    assert!(jc.findings.iter().all(|f| f.severity != Severity::Error));
}

#[test]
fn checkconfig_combined_config_with_inline_jobs() {
    let Some(corpus) = corpus() else { return };
    let combined = corpus.join("prow-testdata/cmd/checkconfig/testdata/combined.yaml");
    let Some(jc) = cross_check(Some(&combined), None) else {
        return;
    };
    assert!(!jc.jobs.is_empty(), "combined.yaml carries its jobs inline");
    assert!(jc.prow_config.is_some());
}

#[test]
fn own_fixtures_match_an_independent_reading() {
    // The discovery fixture (nested .prowignore, `..` names, gzip, duplicate base name) and
    // the seed document's examples, through the same independent reader.
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/prow");
    cross_check(None, Some(&fixtures.join("walk")));
    cross_check(
        Some(&fixtures.join("seed/config.yaml")),
        Some(&fixtures.join("seed/jobs")),
    );
    cross_check(None, Some(&fixtures.join("yaml/merge-key.yaml")));
    cross_check(None, Some(&fixtures.join("yaml/gerrit.yaml")));
    cross_check(None, Some(&fixtures.join("yaml/agents.yaml")));
}
