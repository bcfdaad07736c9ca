//! What an operator reads from `check-pods`: one line per context, the refusals grouped by the
//! API server's message (three jobs each, `--verbose` for all), absent references, failures,
//! missing contexts and the summary, at 80 and 120 columns. Built through the library's result
//! type, so every status appears without needing a cluster that refuses in every way.

use kubectl_prow::admission::{JobResult, Reference, Status};
use kubectl_prow::output::admission::text;

fn job(name: &str, context: &str, line: u32, status: Status) -> JobResult {
    JobResult {
        job: name.into(),
        kind: "presubmit".into(),
        repo: Some("kubernetes/test-infra".into()),
        context: Some(context.into()),
        namespace: Some("test-pods".into()),
        file: "config/jobs/kubernetes/test-infra/test-infra-presubmits.yaml".into(),
        line,
        status,
        reason: None,
        message: None,
        references: Vec::new(),
        pod: None,
    }
}

const PSA: &str = "pods \"00000000-0000-4000-8000-000000000000\" is forbidden: violates \
    PodSecurity \"restricted:latest\": privileged (container \"test\" must not set \
    securityContext.privileged=true), allowPrivilegeEscalation != false (container \"test\" \
    must set securityContext.allowPrivilegeEscalation=false)";

fn fleet() -> Vec<JobResult> {
    let mut out = Vec::new();
    for (i, name) in [
        "pull-test-infra-bazel",
        "pull-test-infra-unit-test",
        "pull-test-infra-verify-lint",
        "pull-test-infra-integration",
        "pull-test-infra-gubernator",
    ]
    .iter()
    .enumerate()
    {
        let mut r = job(
            name,
            "k8s-infra-prow-build",
            10 + 20 * i as u32,
            Status::Refused,
        );
        r.reason = Some("Forbidden".into());
        r.message = Some(PSA.into());
        out.push(r);
    }
    let mut r = job(
        "pull-kubernetes-e2e-kind",
        "k8s-infra-prow-build",
        400,
        Status::Refused,
    );
    r.reason = Some("Forbidden".into());
    r.message = Some(
        "pods \"00000000-0000-4000-8000-000000000000\" is forbidden: maximum cpu usage per \
         Container is 4, but limit is 7"
            .into(),
    );
    out.push(r);
    for i in 0..3 {
        out.push(job(
            &format!("pull-ok-{i}"),
            "k8s-infra-prow-build",
            600 + i,
            Status::Admitted,
        ));
    }
    let mut r = job(
        "ci-secret-user",
        "k8s-infra-prow-build",
        700,
        Status::Admitted,
    );
    r.references = vec![
        Reference {
            kind: "Secret",
            name: "service-account".into(),
            exists: Some(true),
            reason: None,
        },
        Reference {
            kind: "Secret",
            name: "boskos-token".into(),
            exists: Some(false),
            reason: None,
        },
    ];
    out.push(r);
    let mut r = job(
        "ci-trusted-job",
        "k8s-infra-prow-build-trusted",
        20,
        Status::Error,
    );
    r.reason = Some("unreachable".into());
    r.message =
        Some("cannot connect to https://34.1.2.3: Connection refused (os error 111)".into());
    out.push(r);
    let mut r = job("ci-tekton", "k8s-infra-prow-build", 800, Status::Skipped);
    r.message = Some("agent tekton-pipeline: Prow creates a PipelineRun, not a pod".into());
    out.push(r);
    let mut r = job("ci-old-cluster", "scalability", 50, Status::Missing);
    r.message = Some("no loaded file defines context \"scalability\"".into());
    out.push(r);
    out
}

#[test]
fn at_80_columns() {
    insta::assert_snapshot!(text(&fleet(), false, Some(80)));
}

#[test]
fn at_120_columns() {
    insta::assert_snapshot!(text(&fleet(), false, Some(120)));
}

#[test]
fn verbose_lists_every_job_of_a_group() {
    let out = text(&fleet(), true, Some(120));
    for name in ["pull-test-infra-integration", "pull-test-infra-gubernator"] {
        assert!(out.contains(name), "{out}");
    }
    assert!(!out.contains("more (--verbose"), "{out}");
    let short = text(&fleet(), false, Some(120));
    assert!(!short.contains("pull-test-infra-gubernator"), "{short}");
    assert!(
        short.contains("… and 2 more (--verbose lists them)"),
        "{short}"
    );
}

#[test]
fn no_line_is_wider_than_the_terminal() {
    for width in [80, 100, 120] {
        for line in text(&fleet(), true, Some(width)).lines() {
            assert!(
                unicode_width::UnicodeWidthStr::width(line) <= width,
                "{width}: {line:?}"
            );
        }
    }
}

#[test]
fn what_a_server_says_reaches_the_terminal_escaped() {
    let mut r = job("evil", "c", 1, Status::Refused);
    r.message = Some("denied \u{1b}[31mred\u{1b}[0m".into());
    let out = text(&[r], false, Some(80));
    assert!(!out.contains('\u{1b}'), "{out}");
    assert!(out.contains("\\u{1b}[31mred"), "{out}");
}
