//! `contexts` as a table: what each context points at, where it was defined, when its
//! credentials expire, and with job configuration how many jobs land there.

use serde::Serialize;

use crate::credentials::{ContextCredentials, CredentialRow, Expiry, Window, expires_label};
use crate::placement::ContextRow;

/// One context as scripts see it (`-o json|yaml`): the row, every credential it uses and the
/// earliest `notAfter` among them (`expires`, RFC 3339, null when none is known).
#[derive(Debug, Serialize)]
pub struct ContextJson<'a> {
    #[serde(flatten)]
    pub row: &'a ContextRow,
    pub credentials: Vec<CredentialRow>,
    pub expires: Option<String>,
}

/// The credentials of the context named `name` (none for a context no file defines).
fn of<'a>(credentials: &'a [ContextCredentials], name: &str) -> Option<&'a ContextCredentials> {
    credentials.iter().find(|c| c.context == name)
}

/// The rows of `-o json|yaml`, credentials judged at `now`.
pub fn json_rows<'a>(
    rows: &'a [ContextRow],
    credentials: &[ContextCredentials],
    now: i64,
) -> Vec<ContextJson<'a>> {
    rows.iter()
        .map(|row| {
            let cc = of(credentials, &row.name).filter(|_| !row.missing);
            ContextJson {
                row,
                credentials: cc
                    .map(|cc| {
                        cc.credentials
                            .iter()
                            .map(|c| c.row(now, Window::Lifetime))
                            .collect()
                    })
                    .unwrap_or_default(),
                expires: cc.and_then(|cc| match cc.stops(now) {
                    Expiry::At(t) => Some(crate::credentials::rfc3339(t)),
                    _ => None,
                }),
            }
        })
        .collect()
}

/// The table, also used by the golden tests with a fixed width. EXPIRES (the earliest expiry
/// of each context's credentials at `now`) is in `-o wide`, and in the default table when
/// some context has expired or is within its warning window.
pub fn table(
    rows: &[ContextRow],
    credentials: &[ContextCredentials],
    now: i64,
    wide: bool,
    no_headers: bool,
    width: Option<usize>,
) -> String {
    let with_expires = wide
        || credentials
            .iter()
            .any(|c| c.needs_attention(now, Window::Lifetime));
    let with_jobs = rows.iter().any(|r| r.jobs.is_some());
    let mut headers = vec![
        "CURRENT",
        "NAME",
        "CLUSTER",
        "SERVER",
        "NAMESPACE",
        "USER",
        "AUTH",
    ];
    if with_expires {
        headers.push("EXPIRES");
    }
    headers.push("SOURCE");
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
            ];
            if with_expires {
                let cc = of(credentials, &r.name).filter(|_| !r.missing);
                row.push(
                    cc.map_or_else(|| "-".to_string(), |cc| expires_label(cc.stops(now), now)),
                );
            }
            row.push(source);
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
