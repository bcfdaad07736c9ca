//! `migrate jobs`: the golden diff on a fixture of every shape, `--write` with its backup and
//! its refusals, the library's check for a file changed between read and write, and a round
//! trip over a copy of test-infra's real job configuration.

mod common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use common::{copy_tree, kp, run};
use kubectl_prow::migrate;
use serde_json::Value;

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/migrate")
}

/// Every file under `dir`, path relative to it → bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_path_buf(),
                    fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

fn migrate_in(dir: &Path, extra: &[&str]) -> common::Output {
    let mut cmd = kp();
    cmd.current_dir(dir).args([
        "--config-path",
        "config.yaml",
        "--job-config-path",
        "jobs",
        "migrate",
        "jobs",
    ]);
    cmd.args(extra);
    run(&mut cmd)
}

#[test]
fn the_diff_adds_one_line_per_job_and_lists_what_it_left_alone() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture(), tmp.path());
    let before = snapshot(tmp.path());
    let out = migrate_in(tmp.path(), &[]);
    assert_eq!(out.code, 1, "jobs were left alone: {}", out.stderr);
    insta::assert_snapshot!("migrate_jobs_diff", out.stdout);
    insta::assert_snapshot!("migrate_jobs_stderr", out.stderr);
    assert_eq!(snapshot(tmp.path()), before, "a diff writes nothing");
}

#[test]
fn write_applies_the_diff_keeps_a_backup_and_a_second_run_changes_nothing() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture(), tmp.path());
    let before = snapshot(tmp.path());
    let diff = migrate_in(tmp.path(), &[]).stdout;
    let out = migrate_in(tmp.path(), &["--write"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stdout.is_empty(),
        "--write prints no diff: {}",
        out.stdout
    );
    assert!(
        out.stderr
            .contains("added `cluster: default` to 8 job(s) in 3 file(s)")
    );
    let after = snapshot(tmp.path());
    for (rel, old) in &before {
        let backup = PathBuf::from(format!("{}.bak", rel.display()));
        let new = &after[rel];
        if new == old {
            assert!(!after.contains_key(&backup), "{rel:?} unchanged, no backup");
            continue;
        }
        assert_eq!(
            &after[&backup], old,
            "the backup of {rel:?} is the old file"
        );
        // The file is the old one plus the diff's added lines, nothing else.
        let new = String::from_utf8(new.clone()).unwrap();
        assert_eq!(
            remove_inserted(&new, "cluster: default").as_bytes(),
            old.as_slice(),
            "{rel:?}"
        );
        for line in new.lines().filter(|l| l.trim() == "cluster: default") {
            assert!(diff.contains(&format!("+{line}")), "{line:?}");
        }
    }
    // Nothing else appeared: only the backups, no temporary files.
    let extra: Vec<_> = after
        .keys()
        .filter(|k| !before.contains_key(*k))
        .filter(|k| !k.to_string_lossy().ends_with(".bak"))
        .collect();
    assert!(extra.is_empty(), "{extra:?}");

    // Every job that runs in a context now names one, as written, in both readers' eyes.
    let rows = jobs_json(tmp.path());
    let missing: Vec<_> = rows
        .iter()
        .filter(|r| r["cluster"].is_null() && r["agent"] != "jenkins")
        .map(|r| r["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        [
            "pull-flow",
            "post-anchored",
            "post-merged",
            "post-anchored",
            "periodic-empty-cluster"
        ]
    );

    let again = migrate_in(tmp.path(), &["--write"]);
    assert_eq!(again.code, 1);
    assert!(again.stdout.is_empty());
    assert!(!again.stderr.contains("added"), "{}", again.stderr);
    assert_eq!(
        snapshot(tmp.path()),
        after,
        "the second run changes nothing"
    );
}

/// `new` without the lines `line` (whatever their indentation). A line added after a last
/// line that had no newline took the newline with it: that one is dropped too.
fn remove_inserted(new: &str, line: &str) -> String {
    let mut out = String::new();
    for l in new.split_inclusive('\n') {
        if l.trim() == line {
            if !l.ends_with('\n') {
                let eol = if out.ends_with("\r\n") { 2 } else { 1 };
                out.truncate(out.len() - eol);
            }
            continue;
        }
        out.push_str(l);
    }
    out
}

fn jobs_json(dir: &Path) -> Vec<Value> {
    let out = run(kp().current_dir(dir).args([
        "--config-path",
        "config.yaml",
        "--job-config-path",
        "jobs",
        "jobs",
        "-o",
        "json",
    ]));
    assert_eq!(out.code, 0, "{}", out.stderr);
    serde_json::from_str(&out.stdout).unwrap()
}

#[cfg(unix)]
#[test]
fn a_read_only_job_file_is_refused_and_nothing_is_written() {
    use std::os::unix::fs::PermissionsExt;
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture(), tmp.path());
    let ro = tmp.path().join("jobs/sub/crlf.yaml");
    fs::set_permissions(&ro, fs::Permissions::from_mode(0o444)).unwrap();
    let before = snapshot(tmp.path());
    let out = migrate_in(tmp.path(), &["--write"]);
    assert_eq!(out.code, 3, "{}", out.stderr);
    let errors: Vec<&str> = out
        .stderr
        .lines()
        .filter(|l| l.starts_with("error:"))
        .collect();
    assert_eq!(errors.len(), 1, "{}", out.stderr);
    assert!(
        errors[0].contains("jobs/sub/crlf.yaml is read-only"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("nothing was written"));
    // The other files were writable, and were not written either.
    assert_eq!(snapshot(tmp.path()), before);
}

#[test]
fn a_file_changed_between_read_and_write_is_not_written() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture(), tmp.path());
    let config_path = tmp.path().join("config.yaml");
    let config =
        kubectl_prow::prow::load(Some(&config_path), Some(&tmp.path().join("jobs"))).unwrap();
    let plan = migrate::jobs::plan(&config, Some(&config_path), "build01").unwrap();
    assert_eq!(plan.files.len(), 3);
    assert!(
        plan.files
            .iter()
            .all(|f| f.new.contains("cluster: build01"))
    );
    // Someone edits one file meanwhile (same length, so only the content tells).
    let victim = tmp.path().join("jobs/mixed.yaml");
    let text = fs::read_to_string(&victim).unwrap();
    fs::write(&victim, text.replace("pull-plain", "pull-PLAIN")).unwrap();
    let before = snapshot(tmp.path());
    let pending: Vec<_> = plan.files.iter().map(|f| f.pending()).collect();
    let err = kubectl_prow::write::commit(&pending).unwrap_err();
    assert_eq!(err.exit_code(), kubectl_prow::exit::Exit::InvalidConfig);
    let msg = err.to_string();
    assert!(
        msg.contains("mixed.yaml changed on disk since it was read"),
        "{msg}"
    );
    assert_eq!(msg.lines().count(), 1);
    assert_eq!(
        snapshot(tmp.path()),
        before,
        "no file written, no backup, no temp"
    );
}

#[test]
fn an_unsafe_context_name_is_quoted() {
    assert_eq!(migrate::jobs::yaml_scalar("build01"), "build01");
    assert_eq!(
        migrate::jobs::yaml_scalar("k8s-infra.prow_build"),
        "k8s-infra.prow_build"
    );
    for (name, quoted) in [
        ("yes", "\"yes\""),
        ("1.10", "\"1.10\""),
        ("null", "\"null\""),
        ("a: b", "\"a: b\""),
        ("-x", "\"-x\""),
        ("", "\"\""),
    ] {
        assert_eq!(migrate::jobs::yaml_scalar(name), quoted);
    }
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&fixture(), tmp.path());
    let out = migrate_in(tmp.path(), &["--cluster", "yes", "--write"]);
    assert_eq!(out.code, 1, "{}", out.stderr);
    let rows = jobs_json(tmp.path());
    assert!(
        rows.iter()
            .any(|r| r["name"] == "pull-plain" && r["cluster"] == "yes")
    );
}

/// The cluster lines of the jobs that name `context` in test-infra's configuration, removed:
/// the state before the seed's migration. Returns how many were removed.
fn strip_cluster_lines(root: &Path, context: &str) -> usize {
    let config = kubectl_prow::prow::load(
        Some(&root.join("prow/config.yaml")),
        Some(&root.join("jobs")),
    )
    .unwrap();
    let mut by_file: BTreeMap<PathBuf, Vec<u32>> = BTreeMap::new();
    for job in &config.jobs {
        if let Some(c) = &job.cluster
            && c.value == context
        {
            by_file
                .entry(c.origin.file.to_path_buf())
                .or_default()
                .push(c.origin.line);
        }
    }
    let mut removed = 0;
    for (file, lines) in by_file {
        let text = fs::read_to_string(&file).unwrap();
        let kept: String = text
            .split_inclusive('\n')
            .enumerate()
            .filter(|(i, line)| {
                let drop = lines.contains(&(u32::try_from(*i).unwrap() + 1))
                    && line.trim() == format!("cluster: {context}");
                removed += usize::from(drop);
                !drop
            })
            .map(|(_, l)| l)
            .collect();
        fs::write(&file, kept).unwrap();
    }
    removed
}

fn contexts_by_job(root: &Path, explicit: bool) -> Vec<(String, Value)> {
    let mut cmd = kp();
    cmd.current_dir(root).args([
        "--config-path",
        "prow/config.yaml",
        "--job-config-path",
        "jobs",
        "jobs",
        "-o",
        "json",
    ]);
    if explicit {
        cmd.arg("--use-explicit-credentials");
    }
    let out = run(&mut cmd);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let rows: Vec<Value> = serde_json::from_str(&out.stdout).unwrap();
    rows.iter()
        .map(|r| {
            (
                format!("{} {} {}", r["file"], r["repo"], r["name"]),
                r["context"].clone(),
            )
        })
        .collect()
}

#[test]
fn test_infra_round_trip() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let src = corpus.join("prow-jobs/test-infra/config");
    let tmp = tempfile::tempdir().unwrap();
    // Once with the default context, once naming the context the jobs used to name.
    for (context, flag) in [
        ("k8s-infra-prow-build", None),
        ("eks-prow-build-cluster", Some("eks-prow-build-cluster")),
    ] {
        let root = tmp.path().join(context).join("config");
        copy_tree(&src, &root);
        let original = contexts_by_job(&root, false);
        let removed = strip_cluster_lines(&root, context);
        assert!(
            removed > 1000,
            "{context}: only {removed} cluster lines found"
        );
        let stripped = snapshot(&root);
        let before = contexts_by_job(&root, false);
        let mut cmd = kp();
        cmd.current_dir(&root).args([
            "--config-path",
            "prow/config.yaml",
            "--job-config-path",
            "jobs",
        ]);
        if let Some(c) = flag {
            cmd.args(["--cluster", c]);
        }
        let out = run(cmd.args(["migrate", "jobs", "--write"]));
        assert_eq!(out.code, 0, "{}", out.stderr);
        assert!(
            out.stderr.contains(&format!("to {removed} job(s)")),
            "{removed}: {}",
            out.stderr
        );
        let after = snapshot(&root);
        // Outside the inserted lines every byte is as it was; the backups are the old files.
        let want_line = format!("cluster: {}", flag.unwrap_or("default"));
        let mut inserted = 0;
        for (rel, old) in &stripped {
            let new = &after[rel];
            if new == old {
                continue;
            }
            let backup = PathBuf::from(format!("{}.bak", rel.display()));
            assert_eq!(&after[&backup], old);
            let new = std::str::from_utf8(new).unwrap();
            assert_eq!(
                remove_inserted(new, &want_line).as_bytes(),
                old.as_slice(),
                "{rel:?}"
            );
            inserted += new.lines().filter(|l| l.trim() == want_line).count()
                - std::str::from_utf8(old)
                    .unwrap()
                    .lines()
                    .filter(|l| l.trim() == want_line)
                    .count();
        }
        assert_eq!(inserted, removed);
        // The backups must not be read as job files (Prow reads only .yaml/.yml).
        for f in after
            .keys()
            .filter(|k| k.to_string_lossy().ends_with(".bak"))
        {
            fs::remove_file(root.join(f)).unwrap();
        }
        // Every job names a context, and runs where it ran before the migration.
        let now = contexts_by_job(&root, false);
        assert_eq!(now.len(), before.len());
        if flag.is_none() {
            assert_eq!(
                now, before,
                "{context}: defaulted jobs keep running in default"
            );
        } else {
            assert_eq!(
                now, original,
                "{context}: jobs run where test-infra runs them"
            );
        }
        assert_eq!(
            contexts_by_job(&root, true),
            now,
            "explicit credentials strand no job"
        );
        let lint = run(kp().current_dir(&root).args([
            "--config-path",
            "prow/config.yaml",
            "--job-config-path",
            "jobs",
            "--use-explicit-credentials",
            "lint",
            "-o",
            "json",
        ]));
        let findings: Vec<Value> =
            serde_json::from_str(&lint.stdout).unwrap_or_else(|e| panic!("{e}: {}", lint.stderr));
        assert!(
            !findings.iter().any(|f| f["code"] == "missing-cluster"),
            "{:?}",
            findings.iter().find(|f| f["code"] == "missing-cluster")
        );
        // A second run finds nothing to do.
        let again = run(kp().current_dir(&root).args([
            "--config-path",
            "prow/config.yaml",
            "--job-config-path",
            "jobs",
            "migrate",
            "jobs",
        ]));
        assert_eq!(again.code, 0);
        assert!(again.stdout.is_empty());
        assert!(
            again.stderr.contains("nothing to change"),
            "{}",
            again.stderr
        );
    }
}
