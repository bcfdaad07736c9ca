//! JUnit XML, for Prow's Spyglass (which shows `$ARTIFACTS/junit_*.xml`) and any CI. `lint`: a
//! suite per check code, a case per finding. `check-rbac`: a suite per context, a case per check.

use std::path::{Path, PathBuf};

use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::finding::{Finding, Severity};
use crate::rbac::{ContextReport, Status};

/// The file name Prow's Spyglass picks up from `$ARTIFACTS`.
pub const ARTIFACTS_FILE: &str = "junit_kubectl-prow.xml";

/// Where to write: `--junit FILE`, else `$ARTIFACTS/junit_kubectl-prow.xml` in a Prow job.
pub fn destination(flag: Option<&Path>) -> Option<PathBuf> {
    flag.map(Path::to_path_buf).or_else(|| {
        std::env::var_os("ARTIFACTS")
            .filter(|a| !a.is_empty())
            .map(|a| PathBuf::from(a).join(ARTIFACTS_FILE))
    })
}

/// `lint`'s findings: errors fail, warnings fail with `strict`, the rest pass.
pub fn lint(findings: &[Finding], strict: bool) -> Report {
    let mut report = Report::new("kubectl-prow lint");
    let mut codes: Vec<&'static str> = findings.iter().map(|f| f.code).collect();
    codes.sort_unstable();
    codes.dedup();
    for code in codes {
        let mut suite = TestSuite::new(code);
        for f in findings.iter().filter(|f| f.code == code) {
            let place = f.origin.as_ref().map(|o| o.to_string());
            let name = match &place {
                Some(p) => format!("{p}: {}", f.message),
                None => f.message.clone(),
            };
            let fails =
                f.severity == Severity::Error || (strict && f.severity == Severity::Warning);
            let status = if fails {
                let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                s.set_type(f.severity.as_str())
                    .set_message(format!("{}[{}]: {name}", f.severity, f.code))
                    .set_description(if f.fix.is_empty() {
                        String::new()
                    } else {
                        format!("fix: {}", f.fix)
                    });
                s
            } else {
                TestCaseStatus::success()
            };
            let mut case = TestCase::new(name, status);
            case.set_classname(format!("lint.{code}"));
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    report
}

/// `check-rbac`'s answers: allowed passes, denied fails, unanswered is an error; a context no
/// file defines is one failing case.
pub fn check_rbac(reports: &[ContextReport]) -> Report {
    let mut report = Report::new("kubectl-prow check-rbac");
    for r in reports {
        let name = if r.context.is_empty() {
            "\"\"".to_string()
        } else {
            r.context.clone()
        };
        let mut suite = TestSuite::new(format!("context {name}"));
        if r.status == Status::Missing {
            let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
            s.set_message(format!(
                "jobs run in context {name}, and no kubeconfig defines it"
            ));
            suite.add_test_case(TestCase::new("context is defined", s));
        }
        for c in &r.checks {
            let case_name = format!(
                "{} {} in {}",
                c.verb,
                c.permission.resource_name(),
                c.namespace
            );
            let status = match c.allowed {
                Some(true) => TestCaseStatus::success(),
                Some(false) => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    let who = r
                        .identity
                        .as_ref()
                        .and_then(|i| i.username.as_deref())
                        .map_or_else(|| "the context's identity".into(), super::sanitize);
                    s.set_type("denied").set_message(format!(
                        "{who} may not {case_name} (needed by {})",
                        c.component
                            .iter()
                            .map(|c| c.as_str())
                            .collect::<Vec<_>>()
                            .join(", ")
                    ));
                    if let Some(reason) = &c.reason {
                        s.set_description(super::sanitize(reason));
                    }
                    s
                }
                None => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                    match &r.error {
                        Some(e) => s
                            .set_type(e.kind.as_str())
                            .set_message(super::sanitize(&e.message)),
                        None => s.set_message("not answered"),
                    };
                    s
                }
            };
            let mut case = TestCase::new(case_name, status);
            case.set_classname(format!("check-rbac.{name}"));
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    report
}

/// `check-pods`' answers: a suite per context, a case per job; refused, missing and absent
/// references fail, a context that could not be asked is an error, skipped jobs are skipped.
pub fn check_pods(results: &[crate::admission::JobResult]) -> Report {
    use crate::admission::Status as S;
    let mut report = Report::new("kubectl-prow check-pods");
    let mut contexts: Vec<String> = results
        .iter()
        .map(|r| r.context.clone().unwrap_or_else(|| "-".into()))
        .collect();
    contexts.sort();
    contexts.dedup();
    for ctx in contexts {
        let mut suite = TestSuite::new(format!("context {ctx}"));
        for r in results
            .iter()
            .filter(|r| r.context.clone().unwrap_or_else(|| "-".into()) == ctx)
        {
            let message = super::sanitize(r.message.as_deref().unwrap_or(""));
            let absent: Vec<String> = r
                .references
                .iter()
                .filter(|x| x.exists == Some(false))
                .map(|x| format!("{}/{}", x.kind, super::sanitize(&x.name)))
                .collect();
            let status = match r.status {
                S::Admitted if absent.is_empty() => TestCaseStatus::success(),
                S::Admitted => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_type("absent-reference").set_message(format!(
                        "references what does not exist: {}",
                        absent.join(", ")
                    ));
                    s
                }
                S::Refused | S::Missing => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Failure);
                    s.set_type(r.status.as_str()).set_message(message);
                    if let Some(reason) = &r.reason {
                        s.set_description(super::sanitize(reason));
                    }
                    s
                }
                S::Error => {
                    let mut s = TestCaseStatus::non_success(NonSuccessKind::Error);
                    s.set_type(r.reason.as_deref().unwrap_or("error"))
                        .set_message(message);
                    s
                }
                S::Skipped => {
                    let mut s = TestCaseStatus::skipped();
                    s.set_message(message);
                    s
                }
            };
            let mut case = TestCase::new(
                super::sanitize(&format!("{} ({}:{})", r.job, r.file, r.line)),
                status,
            );
            case.set_classname(format!("check-pods.{}", super::sanitize(&ctx)));
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    report
}

/// Writes the report atomically (a temporary file beside it, then a rename), so a CI job never
/// reads half a file. A failure is exit 5, naming `--junit`.
pub fn write(report: &Report, path: &Path) -> crate::Result<()> {
    let xml = report
        .to_string()
        .map_err(|e| crate::Error::Write(format!("--junit {}: {e}", path.display())))?;
    crate::write::replace(path, xml.as_bytes()).map_err(|e| match e {
        crate::Error::Write(m) => crate::Error::Write(format!("--junit: {m}")),
        other => other,
    })
}
