//! What an operator reads from `migrate prowjobs`: the plan and the result at 80 and 120
//! columns, built through the library's types so every case shows without a cluster.

use kubectl_prow::migrate::prowjobs::{Conflict, Failed, Summary};
use kubectl_prow::output::migrate::prowjobs_text;

fn plan() -> Summary {
    Summary {
        from: "k8s-infra-prow-service-old".into(),
        to: "k8s-infra-prow-service".into(),
        from_namespace: "prow".into(),
        to_namespace: "prow".into(),
        version: "v1".into(),
        status_subresource: false,
        write: false,
        copy: 48_211,
        identical: 1_034,
        conflict: 2,
        running: 57,
        copied: 0,
        verified: 0,
        deleted: 0,
        failed: Vec::new(),
        conflicts: vec![
            Conflict {
                name: "0b6f5a3e-8d1c-11ef-9b7e-2a1c3f4d5e6f".into(),
                differs: vec!["status"],
                backup: None,
            },
            Conflict {
                name: "ci-kubernetes-e2e-gce-scale-performance-1857".into(),
                differs: vec!["spec", "status", "labels", "annotations"],
                backup: None,
            },
        ],
        running_jobs: (0..57).map(|i| format!("running-{i}")).collect(),
        kept: Vec::new(),
    }
}

/// The same run with --write --force --delete-source through a status subresource: one copy
/// failed, one source job changed after it was read.
fn written() -> Summary {
    let mut s = plan();
    s.write = true;
    s.status_subresource = true;
    s.copied = 48_212;
    s.verified = 48_212;
    s.deleted = 49_244;
    for c in &mut s.conflicts {
        c.backup = Some(format!("/var/backups/prowjob-prow-{}.json", c.name));
    }
    s.failed = vec![Failed {
        name: "post-test-infra-push-prow-5521".into(),
        error: "https://10.0.0.1: cannot update prowjobs (422): ProwJob.prow.k8s.io \
                \"post-test-infra-push-prow-5521\" is invalid: spec.type: Unsupported value"
            .into(),
    }];
    s.kept = vec![Failed {
        name: "periodic-ci-release-4221".into(),
        error: "changed on the source since it was read: kept; run again to copy the new version"
            .into(),
    }];
    s
}

#[test]
fn plan_and_result_at_80_and_120_columns() {
    for (name, summary) in [("plan", plan()), ("written", written())] {
        for width in [80, 120] {
            let text = prowjobs_text(&summary, Some(width));
            for l in text.lines() {
                assert!(l.chars().count() <= width, "{name} at {width}: {l}");
            }
            insta::assert_snapshot!(format!("migrate_prowjobs_{name}_{width}"), text);
        }
    }
}

#[test]
fn json_carries_the_issue_s_fields() {
    let v = serde_json::to_value(written()).unwrap();
    for key in [
        "from",
        "to",
        "copy",
        "identical",
        "conflict",
        "running",
        "copied",
        "verified",
        "deleted",
        "failed",
    ] {
        assert!(v.get(key).is_some(), "{key}");
    }
    assert_eq!(v["failed"][0]["name"], "post-test-infra-push-prow-5521");
    assert!(v["failed"][0]["error"].as_str().unwrap().contains("422"));
}

mod common;

/// What is wrong on the command line is said before any cluster is asked.
#[test]
fn unknown_or_identical_ends_are_refused_offline() {
    use common::{kp, run};
    let out = run(kp().args([
        "--kubeconfig",
        "service.yaml",
        "migrate",
        "prowjobs",
        "--from",
        "service",
        "--to",
        "servce",
    ]));
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr.contains("--to \"servce\": no such context"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("service"), "{}", out.stderr);
    // The same context and namespace: nothing to move.
    let out = run(kp().args([
        "--kubeconfig",
        "service.yaml",
        "migrate",
        "prowjobs",
        "--from",
        "service",
        "--to",
        "service",
    ]));
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("same context and namespace (service, prow)"),
        "{}",
        out.stderr
    );
    // --delete-source and --force only go with --write.
    for flag in ["--delete-source", "--force"] {
        let out = run(kp().args([
            "--kubeconfig",
            "service.yaml",
            "migrate",
            "prowjobs",
            "--from",
            "service",
            "--to",
            "service",
            "--to-namespace",
            "new",
            flag,
        ]));
        assert_eq!(out.code, 2, "{flag}: {}", out.stderr);
        assert!(out.stderr.contains("--write"), "{flag}: {}", out.stderr);
    }
}
