//! `migrate jobs`: give every job that sets no `cluster` an explicit `cluster: <context>`,
//! by inserting one line after the job's `name:` line. Nothing else in the file changes:
//! comments, key order, quoting, anchors, flow style and blank lines stay as written.
//!
//! Jobs where one inserted line is not a safe edit are left alone and reported: an alias
//! (`- *job`) or an anchored entry (others share or merge it), a merge key (`<<:` may be
//! where the job's settings come from), a flow mapping, a job in a gzip file, a `cluster:`
//! key whose value is null or empty. Every edited file is read again with the job reader
//! before it is offered: the jobs must be the same, the edited ones with the new `cluster`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::Result;
use crate::prow::layout::{JobLayout, Shape, job_layouts};
use crate::prow::{self, Job, JobConfig};
use crate::source::Origin;
use crate::write::{Pending, Snapshot};

/// Why a job without `cluster` was not edited.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    Alias,
    Anchored,
    MergeKey,
    FlowStyle,
    Gzip,
    EmptyCluster,
    NoName,
    NotLocated,
    EditNotConfirmed,
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Reason::Alias => "the entry is an alias (*anchor) of another job",
            Reason::Anchored => "the entry is anchored (&anchor): other jobs may share or merge it",
            Reason::MergeKey => "it takes settings through a merge key (<<:)",
            Reason::FlowStyle => "it is written in flow style ({...})",
            Reason::Gzip => "the file is gzip-compressed",
            Reason::EmptyCluster => "its cluster: key is null or empty",
            Reason::NoName => "it has no name: key to insert after",
            Reason::NotLocated => "its entry could not be located in the text",
            Reason::EditNotConfirmed => {
                "the edited file did not read back as expected, so the file is left as it is"
            }
        })
    }
}

/// A job left without `cluster`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LeftAlone {
    pub origin: Origin,
    pub job: String,
    pub reason: Reason,
}

/// The new content of one file.
#[derive(Clone, Debug)]
pub struct FileEdit {
    pub snapshot: Snapshot,
    pub new: String,
    /// The jobs given `cluster`, with the line the new line has in the new text.
    pub added: Vec<(String, u32)>,
}

impl FileEdit {
    pub fn path(&self) -> &Path {
        &self.snapshot.path
    }

    /// A unified diff (`a/FILE`, `b/FILE`, three lines of context).
    pub fn diff(&self) -> String {
        unified_diff(&self.snapshot, &self.new)
    }

    pub fn pending(&self) -> Pending {
        Pending {
            snapshot: self.snapshot.clone(),
            new: self.new.clone().into_bytes(),
        }
    }
}

pub(crate) fn unified_diff(snapshot: &Snapshot, new: &str) -> String {
    let old = String::from_utf8_lossy(&snapshot.bytes);
    let name = snapshot.path.display().to_string();
    similar::TextDiff::from_lines(old.as_ref(), new)
        .unified_diff()
        .context_radius(3)
        .header(&format!("a/{name}"), &format!("b/{name}"))
        .to_string()
}

/// What `migrate jobs` would do.
#[derive(Clone, Debug, Default)]
pub struct JobsPlan {
    /// The `cluster` value added.
    pub cluster: String,
    pub files: Vec<FileEdit>,
    pub left_alone: Vec<LeftAlone>,
    /// Jobs without `cluster` whose agent runs in no context (Jenkins, unknown agents): they
    /// need none, and Jenkins jobs may not have one.
    pub no_context_agents: usize,
}

impl JobsPlan {
    pub fn jobs_added(&self) -> usize {
        self.files.iter().map(|f| f.added.len()).sum()
    }
}

/// Plans the edits for every job of `config` that runs in a context and sets no `cluster`.
/// `config_path` is Prow's `config.yaml` (its inline jobs are read with its rules). Each file
/// is read again here, and the plan is made on that text; [`crate::write::commit`] refuses
/// to write a file that changed since.
pub fn plan(config: &JobConfig, config_path: Option<&Path>, cluster: &str) -> Result<JobsPlan> {
    let mut out = JobsPlan {
        cluster: cluster.to_string(),
        ..JobsPlan::default()
    };
    let mut files: Vec<PathBuf> = Vec::new();
    for job in config.jobs.iter().filter(|j| j.cluster().is_none()) {
        if !job.agent.runs_in_context() {
            out.no_context_agents += 1;
            continue;
        }
        let file = job.origin.file.to_path_buf();
        if !files.contains(&file) {
            files.push(file);
        }
    }
    for file in files {
        let snapshot = Snapshot::read(&file)?;
        let is_config = config_path.is_some_and(|c| c == file);
        plan_file(snapshot, is_config, cluster, &mut out);
    }
    Ok(out)
}

fn needs_cluster(j: &Job) -> bool {
    j.cluster().is_none() && j.agent.runs_in_context()
}

fn plan_file(snapshot: Snapshot, is_config: bool, cluster: &str, out: &mut JobsPlan) {
    let path = snapshot.path.clone();
    let whole_file = |reason: Reason, jobs: &[&Job], out: &mut JobsPlan| {
        out.left_alone.extend(jobs.iter().map(|j| LeftAlone {
            origin: j.origin.clone(),
            job: j.name.clone(),
            reason,
        }));
    };
    if prow::is_gzip(&snapshot.bytes) {
        let text = prow_text_of_gzip(&snapshot.path);
        let (jobs, _) = prow::parse_jobs(&path, &text, is_config);
        let jobs: Vec<&Job> = jobs.iter().filter(|j| needs_cluster(j)).collect();
        whole_file(Reason::Gzip, &jobs, out);
        return;
    }
    // The reader reports files that are not UTF-8; they have no jobs to edit.
    let Ok(text) = std::str::from_utf8(&snapshot.bytes) else {
        return;
    };
    let (jobs, _) = prow::parse_jobs(&path, text, is_config);
    // The reader and the layout both read past a byte-order mark.
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let layouts = job_layouts(&text[bom..]);
    let mut inserts: Vec<(usize, String, &Job)> = Vec::new();
    for job in jobs.iter().filter(|j| needs_cluster(j)) {
        let at = layouts
            .iter()
            .find(|l| l.start.line == job.origin.line && l.start.column == job.origin.column);
        match at.map(|l| insertion(&text[bom..], l, cluster)) {
            Some(Ok((offset, line))) => inserts.push((offset + bom, line, job)),
            Some(Err(reason)) => whole_file(reason, &[job], out),
            None => whole_file(Reason::NotLocated, &[job], out),
        }
    }
    if inserts.is_empty() {
        return;
    }
    inserts.sort_by_key(|(offset, ..)| *offset);
    let mut new = String::with_capacity(text.len() + inserts.len() * 24);
    let mut last = 0;
    for (offset, line, _) in &inserts {
        new.push_str(&text[last..*offset]);
        new.push_str(line);
        last = *offset;
    }
    new.push_str(&text[last..]);
    let edited: Vec<&Job> = inserts.iter().map(|(_, _, j)| *j).collect();
    if !confirmed(&path, &jobs, &edited, &new, is_config, cluster) {
        whole_file(Reason::EditNotConfirmed, &edited, out);
        return;
    }
    let added = inserts
        .iter()
        .enumerate()
        .map(|(i, (offset, _, job))| {
            // Line numbers in the new text: the old line plus the lines inserted before it.
            let line = text[..*offset].matches('\n').count() + 1 + i;
            (job.name.clone(), u32::try_from(line).unwrap_or(u32::MAX))
        })
        .collect();
    out.files.push(FileEdit {
        snapshot,
        new,
        added,
    });
}

fn prow_text_of_gzip(path: &Path) -> String {
    let mut text = String::new();
    if let Ok(bytes) = std::fs::read(path) {
        use std::io::Read;
        let _ = flate2::read::MultiGzDecoder::new(bytes.as_slice()).read_to_string(&mut text);
    }
    text
}

/// Where the `cluster:` line goes (after the line the name's value ends on) and the line
/// itself, indented like the `name` key; or why the job is left alone.
fn insertion(text: &str, l: &JobLayout, cluster: &str) -> Result<(usize, String), Reason> {
    match l.shape {
        Shape::Alias => return Err(Reason::Alias),
        Shape::Flow => return Err(Reason::FlowStyle),
        Shape::Block => {}
    }
    if l.anchored {
        return Err(Reason::Anchored);
    }
    if l.merge_key {
        return Err(Reason::MergeKey);
    }
    if l.cluster_key {
        return Err(Reason::EmptyCluster);
    }
    let (Some(key), Some(end)) = (l.name_key, l.name_value_end) else {
        return Err(Reason::NoName);
    };
    // A block scalar's span runs to the next token; the value ends at its last non-blank.
    let end = text[..end].trim_end_matches([' ', '\t', '\r', '\n']).len();
    let (offset, eol_before) = match text[end..].find('\n') {
        Some(i) => (end + i + 1, false),
        None => (text.len(), true),
    };
    // The file's own line ending.
    let crlf = text
        .find('\n')
        .is_some_and(|i| i > 0 && text.as_bytes()[i - 1] == b'\r');
    let eol = if crlf { "\r\n" } else { "\n" };
    // The key's column counts characters; everything before a block key on its line is
    // spaces or `- ` indicators, one byte each.
    let indent = " ".repeat(key.column as usize - 1);
    let line = format!("{indent}cluster: {}{eol}", yaml_scalar(cluster));
    Ok(if eol_before {
        (
            offset,
            format!("{eol}{line}").trim_end_matches(eol).to_string(),
        )
    } else {
        (offset, line)
    })
}

/// A string as a YAML scalar that every YAML reader, Prow's included, reads back as the
/// same string: plain when it is safely plain, double-quoted (JSON escapes) otherwise.
pub fn yaml_scalar(s: &str) -> String {
    let first = s.chars().next();
    let plain = first.is_some_and(|c| c.is_ascii_alphanumeric() || c == '/' || c == '.')
        && s.chars()
            .all(|c| !c.is_control() && c != '#' && c != '"' && c != '\'')
        && !s.ends_with([' ', ':'])
        && !s.contains(": ")
        && !s.contains(['{', '}', '[', ']', ','])
        && crate::prow::prow_string_form(s).is_none()
        && !matches!(s, "null" | "Null" | "NULL" | "~");
    if plain {
        s.to_string()
    } else {
        serde_json::to_string(s).expect("a string serializes")
    }
}

/// The edited text reads back as the same jobs, in the same order, the edited ones with
/// `cluster` set to `cluster`, and no others changed.
fn confirmed(
    path: &Path,
    before: &[Job],
    edited: &[&Job],
    new: &str,
    is_config: bool,
    cluster: &str,
) -> bool {
    let (after, _) = prow::parse_jobs(path, new, is_config);
    if after.len() != before.len() {
        return false;
    }
    before.iter().zip(&after).all(|(b, a)| {
        let was_edited = edited.iter().any(|e| std::ptr::eq(*e, b));
        let want = if was_edited {
            Some(cluster)
        } else {
            b.cluster()
        };
        a.name == b.name
            && a.kind == b.kind
            && a.repo == b.repo
            && a.agent == b.agent
            && a.branches == b.branches
            && a.skip_branches == b.skip_branches
            && a.cluster() == want
    })
}
