//! What an operator reads from `status`: the table at 80 and 120 columns, built through the
//! library's types so every case shows without a cluster.

use std::collections::BTreeMap;

use kubectl_prow::output::status::table;
use kubectl_prow::rbac::{Failure, FailureKind};
use kubectl_prow::status::live::{ContextStatus, Pods, STATES, Status, UnknownContext};

fn row(context: &str, counts: [usize; 6], stuck: usize, pods: Option<Pods>) -> ContextStatus {
    ContextStatus {
        context: context.into(),
        namespace: Some("test-pods".into()),
        states: STATES
            .iter()
            .zip(counts)
            .map(|(s, n)| (s.to_string(), n))
            .collect(),
        stuck,
        oldest_pending: (counts[1] > 0).then_some(5400),
        pending_without_pod: 0,
        pods,
        error: None,
    }
}

fn fleet() -> Status {
    let pods = |pending: usize, running: usize, pull: usize| Pods {
        phases: BTreeMap::from([("Pending".into(), pending), ("Running".into(), running)]),
        waiting: if pull > 0 {
            BTreeMap::from([("ImagePullBackOff".into(), pull)])
        } else {
            BTreeMap::new()
        },
        without_prow_job: 0,
    };
    let mut dead = row("k8s-infra-prow-build-trusted", [0, 3, 0, 0, 0, 0], 3, None);
    dead.error = Some(Failure::new(
        FailureKind::Unreachable,
        "cannot connect to https://34.1.2.3: Connection refused",
    ));
    Status {
        prow_job_context: "k8s-infra-prow-service".into(),
        namespace: "prow".into(),
        since: 86_400,
        contexts: vec![
            row(
                "eks-prow-build-cluster",
                [2, 14, 1930, 41, 3, 2],
                1,
                Some(pods(3, 11, 2)),
            ),
            row(
                "k8s-infra-prow-build",
                [0, 8, 1341, 12, 0, 1],
                0,
                Some(pods(0, 8, 0)),
            ),
            dead,
        ],
        unknown_contexts: vec![UnknownContext {
            cluster: "build99".into(),
            prowjobs: 4,
            newest: "ci-kubernetes-e2e-gce".into(),
        }],
        error: None,
    }
}

#[test]
fn at_80_and_120_columns() {
    let s = fleet();
    for width in [80, 120] {
        let text = table(&s, Some(width));
        let table_lines = text.lines().take_while(|l| !l.starts_with("TRIG "));
        for l in table_lines {
            assert!(l.chars().count() <= width, "{width}: {l}");
        }
        insta::assert_snapshot!(format!("status_{width}"), text);
    }
}
