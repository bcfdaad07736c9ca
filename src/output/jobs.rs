//! `jobs` as rows (`-o json` has the same keys) and as a table.

use serde::Serialize;

use crate::placement::Placed;

#[derive(Debug, Serialize)]
pub struct JobRow {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: &'static str,
    pub repo: Option<String>,
    /// `cluster` as written.
    pub cluster: Option<String>,
    /// The effective context.
    pub context: Option<String>,
    pub agent: String,
    pub file: String,
    pub line: u32,
    pub known: bool,
    pub branches: Vec<String>,
}

impl JobRow {
    pub fn new(p: &Placed) -> Self {
        JobRow {
            name: p.job.name.clone(),
            kind: p.job.kind.as_str(),
            repo: p.job.repo.clone(),
            cluster: p.job.cluster().map(str::to_string),
            context: p.context.map(str::to_string),
            agent: p.job.agent.to_string(),
            file: p.job.origin.file.display().to_string(),
            line: p.job.origin.line,
            known: p.known,
            branches: p.job.branches.clone(),
        }
    }
}

/// The table; also used by the golden tests with a fixed width. A column whose value is the
/// same on every row (AGENT, usually) is left out and said once below the table.
pub fn table(
    rows: &[JobRow],
    disabled: &[crate::kubeconfig::ContextName],
    wide: bool,
    no_headers: bool,
    width: Option<usize>,
) -> String {
    let mut headers = vec!["NAME", "TYPE", "REPO", "CONTEXT", "AGENT", "SOURCE"];
    if wide {
        headers.extend(["CLUSTER", "BRANCHES"]);
    }
    let mut cells: Vec<Vec<String>> = rows
        .iter()
        .map(|r| {
            let context = match (&r.context, r.known) {
                (Some(c), true) => c.clone(),
                (Some(c), false) if disabled.iter().any(|d| d.as_str() == c) => {
                    format!("{c} (disabled)")
                }
                (Some(c), false) => format!("{c} (not loaded)"),
                (None, _) => super::NONE.to_string(),
            };
            let mut row = vec![
                super::sanitize(&r.name),
                r.kind.to_string(),
                r.repo.clone().unwrap_or_else(|| super::NONE.into()),
                context,
                r.agent.clone(),
                format!("{}:{}", r.file, r.line),
            ];
            if wide {
                row.push(r.cluster.clone().unwrap_or_else(|| super::NONE.into()));
                row.push(if r.branches.is_empty() {
                    super::NONE.into()
                } else {
                    r.branches.join(",")
                });
            }
            row
        })
        .collect();
    let mut note = String::new();
    if !wide && rows.len() > 1 {
        for name in ["AGENT", "TYPE"] {
            let Some(col) = headers.iter().position(|h| *h == name) else {
                continue;
            };
            let first = cells[0][col].clone();
            if cells.iter().all(|r| r[col] == first) {
                headers.remove(col);
                for r in &mut cells {
                    r.remove(col);
                }
                note.push_str(&format!("{name} is {first} for every job\n"));
            }
        }
    }
    let mut text = super::table(
        &headers,
        cells,
        no_headers,
        if wide { None } else { width },
        &["NAME", "SOURCE", "REPO", "TYPE", "AGENT"],
    );
    if !no_headers {
        text.push_str(&note);
    }
    text
}
