//! `contexts` as a table: what each context points at, where it was defined, and with job
//! configuration how many jobs land there.

use crate::placement::ContextRow;

/// The table, also used by the golden tests with a fixed width.
pub fn table(rows: &[ContextRow], wide: bool, no_headers: bool, width: Option<usize>) -> String {
    let with_jobs = rows.iter().any(|r| r.jobs.is_some());
    let mut headers = vec![
        "CURRENT",
        "NAME",
        "CLUSTER",
        "SERVER",
        "NAMESPACE",
        "USER",
        "AUTH",
        "SOURCE",
    ];
    if with_jobs {
        if wide {
            headers.extend(["PRESUBMITS", "POSTSUBMITS", "PERIODICS"]);
        }
        headers.push("JOBS");
    }
    let cells = rows
        .iter()
        .map(|r| {
            let mut mark = String::new();
            if r.current {
                mark.push('*');
            }
            if r.prow_job_context {
                mark.push('P');
            }
            let server = if r.disabled {
                "(disabled)".to_string()
            } else if r.missing {
                "(missing: no such context)".to_string()
            } else if r.in_cluster && r.server.is_none() {
                "(in-cluster)".to_string()
            } else if r.server.is_none() && r.alias_of.is_none() {
                "(missing)".to_string()
            } else {
                r.server.clone().unwrap_or_default()
            };
            let name = if r.name.is_empty() {
                "\"\"".to_string()
            } else {
                r.name.clone()
            };
            let source = match &r.alias_of {
                Some(target) if target.is_empty() => "alias of \"\"".to_string(),
                Some(target) => format!("alias of {target}"),
                None if r.missing => format!("first used at {}:{}", r.source, r.line),
                None if r.line == 0 => r.source.clone(),
                None => format!("{}:{}", r.source, r.line),
            };
            let none = || super::NONE.to_string();
            let mut row = vec![
                mark,
                name,
                r.cluster.clone().unwrap_or_else(none),
                server,
                r.namespace.clone().unwrap_or_else(none),
                r.user.clone().unwrap_or_else(none),
                r.auth.clone(),
                source,
            ];
            if let Some(j) = r.jobs.filter(|_| with_jobs) {
                if wide {
                    row.extend([j.presubmits, j.postsubmits, j.periodics].map(|n| n.to_string()));
                }
                row.push(j.total.to_string());
            } else if with_jobs {
                row.extend(std::iter::repeat_n(none(), if wide { 4 } else { 1 }));
            }
            row
        })
        .collect();
    super::table(
        &headers,
        cells,
        no_headers,
        if wide { None } else { width },
        // Cut first, left out last: what identifies a context beyond its name.
        &["SERVER", "NAMESPACE", "USER", "SOURCE", "CLUSTER", "AUTH"],
    )
}
