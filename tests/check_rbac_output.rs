//! What an operator reads from `check-rbac`: the table at 80 and 120 columns, by resource and by
//! component, and the notes and summary below it. Built through the library's report types, so
//! every status appears without needing a broken cluster.

use kubectl_prow::output::rbac::{By, notes, table};
use kubectl_prow::rbac::components::permissions_for;
use kubectl_prow::rbac::{
    CheckResult, ContextReport, Crd, Failure, FailureKind, Identity, Scope, Status,
};

fn checks(scope: Scope, namespace: &str, denied: &[&str]) -> Vec<CheckResult> {
    permissions_for(scope, &[])
        .into_iter()
        .map(|(p, components)| CheckResult {
            component: components,
            group: p.group.into(),
            resource: p.resource.into(),
            subresource: p.subresource.into(),
            verb: p.verb.into(),
            namespace: namespace.into(),
            allowed: Some(!denied.contains(&p.to_string().as_str())),
            reason: None,
            permission: p,
            scope,
        })
        .collect()
}

fn report(context: &str, user: &str, status: Status, checks: Vec<CheckResult>) -> ContextReport {
    ContextReport {
        context: context.into(),
        alias_of: None,
        namespace: checks
            .first()
            .map(|c| c.namespace.clone())
            .unwrap_or_default(),
        server: Some("https://127.0.0.1:6443".into()),
        identity: Some(Identity {
            username: Some(user.into()),
            groups: vec!["system:authenticated".into()],
        }),
        status,
        error: None,
        prow_job_context: false,
        crd: None,
        via: None,
        server_certificate: None,
        credentials: Vec::new(),
        checks,
    }
}

fn fleet() -> Vec<ContextReport> {
    let all_job = checks(Scope::JobContext, "test-pods", &[]);
    let mut service = report(
        "k8s-infra-prow-service",
        "system:serviceaccount:prow:prow-controller-manager",
        Status::Denied,
        checks(
            Scope::ProwJobContext,
            "prow",
            &["delete prowjobs.prow.k8s.io", "create prowjobs.prow.k8s.io"],
        ),
    );
    service.prow_job_context = true;
    service.crd = Some(Crd::Installed);
    let mut failed = report("k8s-infra-prow-build-trusted", "", Status::Error, {
        let mut c = checks(Scope::JobContext, "test-pods", &[]);
        for x in &mut c {
            x.allowed = None;
        }
        c
    });
    failed.identity = None;
    failed.error = Some(Failure::new(
        FailureKind::Unauthorized,
        "https://34.1.2.3 rejected the credentials (401 Unauthorized: expired or wrong?)",
    ));
    let missing = ContextReport {
        context: "build99".into(),
        alias_of: None,
        namespace: String::new(),
        server: None,
        identity: None,
        status: Status::Missing,
        error: None,
        prow_job_context: false,
        crd: None,
        via: None,
        server_certificate: None,
        credentials: Vec::new(),
        checks: Vec::new(),
    };
    vec![
        report(
            "k8s-infra-prow-build",
            "system:serviceaccount:test-pods:prowjob-default-sa",
            Status::Ok,
            all_job,
        ),
        failed,
        service,
        report(
            "eks-prow-build-cluster",
            "arn:aws:iam::468814281478:role/prow-build",
            Status::Denied,
            checks(
                Scope::JobContext,
                "test-pods",
                &["create pods", "get pods/log"],
            ),
        ),
        missing,
    ]
}

#[test]
fn at_80_columns() {
    let r = fleet();
    let text = table(&r, By::Summary, false, false, Some(80), false) + &notes(&r);
    assert!(
        text.lines().take(6).all(|l| l.chars().count() <= 80),
        "{text}"
    );
    insta::assert_snapshot!(text);
}

#[test]
fn at_120_columns() {
    let r = fleet();
    let text = table(&r, By::Summary, false, false, Some(120), false);
    assert!(text.lines().all(|l| l.chars().count() <= 120), "{text}");
    insta::assert_snapshot!(text);
}

#[test]
fn by_resource_at_120_columns() {
    let r = fleet();
    let text = table(&r, By::Resource, false, false, Some(120), false);
    insta::assert_snapshot!(text);
}

#[test]
fn by_component_at_120_columns() {
    let r = fleet();
    let text = table(&r, By::Component, false, false, Some(120), false);
    insta::assert_snapshot!(text);
}

#[test]
fn colour_marks_only_the_status_word() {
    let r = fleet();
    let text = table(&r, By::Summary, false, false, None, true);
    let first = text.lines().nth(1).unwrap();
    assert!(first.ends_with("   \x1b[32mok\x1b[0m"), "{first:?}");
    assert!(!first.starts_with('\x1b'));
}

/// `--by component` fits 80 columns: short headers and a legend once the full names do not
/// fit, the context's name kept whole.
#[test]
fn by_component_at_80_columns() {
    let r = fleet();
    let text = table(&r, By::Component, false, false, Some(80), false);
    assert!(text.lines().all(|l| l.chars().count() <= 80), "{text}");
    // Too long to keep whole: the context names keep both ends, and stay apart.
    let names: Vec<&str> = text
        .lines()
        .skip(1)
        .take(r.len())
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert!(names.contains(&"k8s-infr…trusted"), "{text}");
    let mut unique = names.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), names.len(), "{text}");
    insta::assert_snapshot!(text);
}

/// `-o wide --by component`: the component columns, with IDENTITY, NAMESPACE and REASON, not
/// the per-check columns of plain `-o wide`.
#[test]
fn wide_keeps_the_by_grouping() {
    let r = fleet();
    let text = table(&r, By::Component, true, false, None, false);
    let header = text.lines().next().unwrap();
    assert!(header.contains("STATUS-RECONCILER"), "{header}");
    assert!(
        header.contains("IDENTITY") && header.contains("REASON"),
        "{header}"
    );
    assert!(!header.contains("PODS:CREATE"), "{header}");
    let plain = table(&r, By::Summary, true, false, None, false);
    assert!(
        plain.lines().next().unwrap().contains("PODS:CREATE"),
        "{plain}"
    );
}

/// The ProwJob context whose RBAC is fine but which lacks the ProwJob CRD is not `ok` in its
/// row (Prow cannot run there): the row, the colour and the summary say so.
#[test]
fn a_prowjob_context_without_the_crd_is_not_ok_in_its_row() {
    let mut r = fleet();
    let service = r
        .iter_mut()
        .find(|x| x.context == "k8s-infra-prow-service")
        .unwrap();
    service.status = Status::Ok;
    for c in &mut service.checks {
        c.allowed = Some(true);
    }
    service.crd = Some(Crd::Missing);
    let text = table(&r, By::Summary, false, false, Some(120), false) + &notes(&r);
    let row = text
        .lines()
        .find(|l| l.starts_with("k8s-infra-prow-service"))
        .unwrap();
    assert!(row.ends_with("no-crd"), "{row}");
    assert!(
        text.contains("1 ok, 1 without the ProwJob CRD, 1 denied"),
        "{text}"
    );
    let coloured = table(&r, By::Summary, false, false, None, true);
    assert!(coloured.contains("\x1b[31mno-crd\x1b[0m"), "{coloured}");
}
