//! The files kubectl-prow writes (migrate --write, --output kubeconfigs, --junit reports):
//! atomic, private when they hold credentials, backed up when they replace an operator's file,
//! and never written through a symbolic link the operator did not point at.

mod common;

use std::fs;
use std::os::unix::fs::{PermissionsExt, symlink};
use std::path::{Path, PathBuf};

use common::{copy_tree, kp, run};

fn migrate_fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/migrate")
}

fn migrate_jobs_write(dir: &Path) -> common::Output {
    run(kp().current_dir(dir).args([
        "--config-path",
        "config.yaml",
        "--job-config-path",
        "jobs",
        "migrate",
        "jobs",
        "--write",
    ]))
}

/// Names of files starting with `.` that our temporary files would have.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() && !p.is_symlink() {
                stack.push(p);
            } else if p.to_string_lossy().ends_with(".tmp") {
                out.push(p.display().to_string());
            }
        }
    }
    out
}

#[test]
fn an_edited_job_file_keeps_its_mode_and_a_byte_identical_backup() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&migrate_fixture(), tmp.path());
    let file = tmp.path().join("jobs/sub/crlf.yaml");
    fs::set_permissions(&file, fs::Permissions::from_mode(0o640)).unwrap();
    let before = fs::read(&file).unwrap();
    let out = migrate_jobs_write(tmp.path());
    // 1: the fixture has jobs left for the operator to edit by hand.
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert_ne!(fs::read(&file).unwrap(), before, "the file was edited");
    assert_eq!(
        fs::metadata(&file).unwrap().permissions().mode() & 0o777,
        0o640
    );
    let backup = tmp.path().join("jobs/sub/crlf.yaml.bak");
    assert_eq!(fs::read(&backup).unwrap(), before);
    assert_eq!(leftovers(tmp.path()), Vec::<String>::new());
}

#[test]
fn a_job_file_that_is_a_symbolic_link_is_not_written_through_or_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    copy_tree(&migrate_fixture(), tmp.path());
    // The real file lives outside the job tree; the tree has a link to it.
    let outside = tmp.path().join("elsewhere.yaml");
    let link = tmp.path().join("jobs/sub/crlf.yaml");
    fs::rename(&link, &outside).unwrap();
    symlink(&outside, &link).unwrap();
    let before = fs::read(&outside).unwrap();
    let out = migrate_jobs_write(tmp.path());
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("jobs/sub/crlf.yaml is a symbolic link (to ")
            && out.stderr.contains("nothing was written"),
        "{}",
        out.stderr
    );
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert_eq!(fs::read(&outside).unwrap(), before);
    assert_eq!(leftovers(tmp.path()), Vec::<String>::new());
}

#[test]
fn a_kubeconfig_written_with_force_over_a_link_replaces_the_link_not_its_target() {
    let Some(corpus) = common::corpus() else {
        return;
    };
    let input = corpus.join("kubeconfig-cases/prow-cm2kc-single-cluster/single_cluster_in.yaml");
    let tmp = tempfile::tempdir().unwrap();
    let target = tmp.path().join("someone-elses-file");
    fs::write(&target, "precious\n").unwrap();
    let out_file = tmp.path().join("prow.kubeconfig");
    symlink(&target, &out_file).unwrap();
    let args = |force: bool| {
        let mut a = vec![
            "migrate".to_string(),
            "build-clusters".into(),
            input.display().to_string(),
            "--output".into(),
            out_file.display().to_string(),
        ];
        if force {
            a.push("--force".into());
        }
        a
    };
    // Without --force, even a link to nothing is "exists".
    let out = run(kp().args(args(false)));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("exists; nothing was written"),
        "{}",
        out.stderr
    );
    let out = run(kp().args(args(true)));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(fs::read_to_string(&target).unwrap(), "precious\n");
    let meta = fs::symlink_metadata(&out_file).unwrap();
    assert!(meta.file_type().is_file());
    assert_eq!(meta.permissions().mode() & 0o777, 0o600);
    assert_eq!(leftovers(tmp.path()), Vec::<String>::new());
}

#[test]
fn a_junit_report_that_cannot_be_written_is_exit_5_in_one_line() {
    let tmp = tempfile::tempdir().unwrap();
    let report = tmp.path().join("no-such-dir/report.xml");
    let out = run(kp()
        .args(["--kubeconfig", "service.yaml", "lint", "--junit"])
        .arg(&report));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert_eq!(out.stderr.lines().count(), 1, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: --junit: cannot write a temporary file in ")
            && out.stderr.contains("no-such-dir"),
        "{}",
        out.stderr
    );
    // And where it can be written: complete, readable by the CI system (0644).
    let report = tmp.path().join("report.xml");
    let out = run(kp()
        .args(["--kubeconfig", "service.yaml", "lint", "--junit"])
        .arg(&report));
    assert!(out.code == 0 || out.code == 1, "{}", out.stderr);
    let xml = fs::read_to_string(&report).unwrap();
    assert!(xml.trim_end().ends_with("</testsuites>"), "{xml}");
    assert_eq!(
        fs::metadata(&report).unwrap().permissions().mode() & 0o777,
        0o644
    );
    assert_eq!(leftovers(tmp.path()), Vec::<String>::new());
}
