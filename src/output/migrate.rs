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
        "from  {}, namespace {}\nto    {}, namespace {}\nprow.k8s.io/{}: status is written {}\n\n",
        sanitize(&s.from),
        sanitize(&s.from_namespace),
        sanitize(&s.to),
        sanitize(&s.to_namespace),
        sanitize(&s.version),
        if s.status_subresource {
            "through prowjobs/status after each create"
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
            .map(|c| vec![c.name.clone(), c.differs.join(",")])
            .collect();
        out.push_str(
            &super::table(&["CONFLICT", "DIFFERS"], rows, false, width, &["DIFFERS"])
                .replace("(-o wide)", "(-o json)"),
        );
        // Backups in full: the operator restores from them. They share one directory.
        let backups: Vec<&str> = s
            .conflicts
            .iter()
            .filter_map(|c| c.backup.as_deref())
            .collect();
        if let Some(first) = backups.first() {
            let dir = std::path::Path::new(first)
                .parent()
                .map(|d| d.display().to_string())
                .unwrap_or_default();
            out.push_str(&format!(
                "--force saved each target object first, in {}:\n",
                sanitize(&dir)
            ));
            for b in &backups {
                let name = std::path::Path::new(b)
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                out.push_str(&format!("  {}\n", sanitize(&name)));
            }
        }
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
    // Each failure in full (the operator acts on the message), wrapped to the terminal.
    let failures = s
        .failed
        .iter()
        .map(|f| ("failed", f))
        .chain(s.kept.iter().map(|f| ("kept", f)));
    for (i, (what, f)) in failures.enumerate() {
        if i == 0 {
            out.push('\n');
        }
        out.push_str(&format!("{what} {}:\n", sanitize(&f.name)));
        out.push_str(&wrap(&sanitize(&f.error), width.unwrap_or(80), "  "));
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
    } else if s.copy == 0 {
        out.push_str("plan only, nothing written: nothing to copy\n");
    } else {
        out.push_str(&format!(
            "plan only, nothing written: run with --write to copy {} ProwJob(s)\n",
            s.copy
        ));
    }
    out
}

/// `text` in lines of at most `width` columns, each starting with `indent`; a word longer
/// than a line gets a line of its own.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    use unicode_width::UnicodeWidthStr;
    let room = width.saturating_sub(indent.width()).max(20);
    let mut out = String::new();
    let mut line = String::new();
    for word in text.split_whitespace() {
        if !line.is_empty() && line.width() + 1 + word.width() > room {
            out.push_str(&format!("{indent}{line}\n"));
            line.clear();
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() {
        out.push_str(&format!("{indent}{line}\n"));
    }
    out
}
