//! `migrate plan` as a table: one row per step, and the command of each step to do below it.

use crate::migrate::plan::Step;

pub fn plan_table(steps: &[Step]) -> String {
    let width = steps.iter().map(|s| s.step.len()).max().unwrap_or(4).max(4);
    let mut out = format!("{:width$}   {:7}   DETAIL\n", "STEP", "STATUS");
    for s in steps {
        out.push_str(&format!(
            "{:width$}   {:7}   {}\n",
            s.step,
            s.status.as_str(),
            super::sanitize(&s.detail)
        ));
        if let Some(c) = &s.command {
            out.push_str(&format!(
                "{:width$}   {:7}   run: {}\n",
                "",
                "",
                super::sanitize(c)
            ));
        }
    }
    out
}

/// `migrate prowjobs` as text: where from and to, the plan's counts, the conflicts, what was
/// skipped and why, what failed, and one summary line. `width` is the terminal's, if any.
pub fn prowjobs_text(s: &crate::migrate::prowjobs::Summary, width: Option<usize>) -> String {
    let sanitize = super::sanitize;
    let mut out = format!(
        "from {} (namespace {})\nto   {} (namespace {}), prow.k8s.io/{}, status {}\n\n",
        sanitize(&s.from),
        sanitize(&s.from_namespace),
        sanitize(&s.to),
        sanitize(&s.to_namespace),
        sanitize(&s.version),
        if s.status_subresource {
            "through prowjobs/status"
        } else {
            "with each object"
        }
    );
    let rows = vec![vec![
        s.copy.to_string(),
        s.identical.to_string(),
        s.conflict.to_string(),
        s.running.to_string(),
    ]];
    out.push_str(&super::table(
        &["COPY", "IDENTICAL", "CONFLICT", "RUNNING"],
        rows,
        false,
        width,
        &[],
    ));
    if !s.conflicts.is_empty() {
        out.push('\n');
        let rows = s
            .conflicts
            .iter()
            .map(|c| {
                vec![
                    c.name.clone(),
                    c.differs.join(","),
                    c.backup.clone().unwrap_or_else(|| "-".into()),
                ]
            })
            .collect();
        out.push_str(&super::table(
            &["CONFLICT", "DIFFERS", "BACKUP"],
            rows,
            false,
            width,
            &["BACKUP", "DIFFERS"],
        ));
        if s.conflicts.iter().any(|c| c.backup.is_none()) {
            out.push_str(
                "Conflicts are never overwritten: compare both sides, or rerun with --force\n\
                 (each target object is saved to --backup-dir first).\n",
            );
        }
    }
    if s.running > 0 {
        out.push_str(&format!(
            "\n{} triggered or pending ProwJob(s) skipped: the controllers on both sides\n\
             would act on them. Scale the old service cluster's Prow controllers down\n\
             first, then run again (or copy them with --include-running).\n",
            s.running
        ));
    }
    if !s.failed.is_empty() || !s.kept.is_empty() {
        out.push('\n');
        let rows = s
            .failed
            .iter()
            .map(|f| vec![f.name.clone(), "failed".into(), f.error.clone()])
            .chain(
                s.kept
                    .iter()
                    .map(|f| vec![f.name.clone(), "kept".into(), f.error.clone()]),
            )
            .collect();
        out.push_str(&super::table(
            &["PROWJOB", "RESULT", "ERROR"],
            rows,
            false,
            width,
            &["ERROR"],
        ));
    }
    out.push('\n');
    if s.write {
        out.push_str(&format!(
            "copied {}, verified {}, deleted {}, failed {}\n",
            s.copied,
            s.verified,
            s.deleted,
            s.failed.len()
        ));
    } else {
        out.push_str(&format!(
            "plan only, nothing written: run with --write to copy {} ProwJob(s)\n",
            s.copy
        ));
    }
    out
}
