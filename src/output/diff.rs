//! `diff` as a table: each added, removed or moved job, then the contexts whose job count
//! changes.

use crate::status::diff::{Diff, Moved};

pub fn table(d: &Diff, width: Option<usize>) -> String {
    if d.added.is_empty() && d.removed.is_empty() && d.moved.is_empty() {
        return format!(
            "no job is added, removed or moved since {}\n",
            super::sanitize(&d.base)
        );
    }
    let none = || super::NONE.to_string();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for (what, list) in [
        ("added", &d.added),
        ("moved", &d.moved),
        ("removed", &d.removed),
    ] {
        for c in list {
            let (from, to) = match (&c.context, what) {
                (Moved::Context(ctx), "added") => (None, ctx.clone()),
                (Moved::Context(ctx), _) => (ctx.clone(), None),
                (Moved::Moved, _) => (c.from.clone(), c.to.clone()),
            };
            rows.push(vec![
                what.to_string(),
                c.job.clone(),
                c.kind.to_string(),
                c.repo.clone().unwrap_or_else(none),
                from.unwrap_or_else(|| "-".into()),
                to.unwrap_or_else(|| "-".into()),
            ]);
        }
    }
    let mut out = super::table(
        &["CHANGE", "JOB", "TYPE", "REPO", "FROM", "TO"],
        rows,
        false,
        width,
        &["JOB", "REPO", "TYPE"],
    );
    if !d.contexts.is_empty() {
        out.push('\n');
        let rows = d
            .contexts
            .iter()
            .map(|c| vec![c.context.clone(), c.before.to_string(), c.after.to_string()])
            .collect();
        out.push_str(&super::table(
            &["CONTEXT", "BEFORE", "AFTER"],
            rows,
            false,
            width,
            &[],
        ));
    }
    out.push_str(&format!(
        "{} added, {} moved, {} removed since {}\n",
        d.added.len(),
        d.moved.len(),
        d.removed.len(),
        super::sanitize(&d.base)
    ));
    out
}
