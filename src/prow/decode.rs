//! The general reader's second half: what Prow's JSON decoding makes of a document's tree
//! ([`super::json::tree`]: go-yaml v2's nodes, merge keys applied, a repeated key's last
//! value kept), for the fields kubectl-prow keeps.
//!
//! `sigs.k8s.io/yaml` writes the document as JSON with each object's keys sorted, and Go's
//! `encoding/json` decodes that into Prow's structs: a key sets the field of its name, or
//! else the field whose name it matches ignoring case (`Cluster`, `PERIODICS`); keys are
//! applied in sorted order, so of `Cluster` and `cluster` the lowercase one wins; a map
//! field (`presubmits`) set twice keeps the entries of both; null leaves a string alone and
//! empties a list or map. Values of the wrong type never get here: the checker
//! ([`super::json::check_tree`]) has already refused the file for them, as Prow does.

use std::path::Path;
use std::sync::Arc;

use crate::source::{Origin, Sourced};

use super::config::{AllowedClusters, ProwConfig};
use super::job::JobKind;
use super::jobfile::{Item, JobFields, ParsedFile, Role, Text, push};
use super::json::{Node, fold_eq};

/// The fields of Prow's `JobConfig` (and of `Config`, which embeds it) kubectl-prow reads.
const JOB_CONFIG: &[&str] = &["presubmits", "postsubmits", "periodics"];
/// `Config`'s fields: `JobConfig`'s, then `ProwConfig`'s.
pub(crate) const CONFIG: &[&str] = &[
    "presubmits",
    "postsubmits",
    "periodics",
    "pod_namespace",
    "prowjob_namespace",
    "disabled_clusters",
    "in_repo_config",
];
/// `ProwYAML` (a repository's `.prow.yaml`).
const IN_REPO: &[&str] = &["presubmits", "postsubmits"];
/// A job's fields (from `JobBase` and `Brancher`, which every job type embeds).
pub(crate) const JOB: &[&str] = &["name", "cluster", "agent", "branches", "skip_branches"];
/// `InRepoConfig`.
pub(crate) const IN_REPO_CONFIG: &[&str] = &["allowed_clusters"];

/// The jobs (and for a config file its settings) of a document; `root` is `None` for an
/// empty one.
pub(crate) fn document(file: &Arc<Path>, root: Option<&Node>, role: Role, out: &mut ParsedFile) {
    let d = Decoder { file };
    let mut presubmits: Vec<(String, Vec<Item>)> = Vec::new();
    let mut postsubmits: Vec<(String, Vec<Item>)> = Vec::new();
    let mut in_repo: [Vec<Item>; 2] = Default::default();
    let mut periodics: Vec<Item> = Vec::new();
    let mut config = ProwConfig {
        file: Some(file.clone()),
        ..ProwConfig::default()
    };
    let fields = match role {
        Role::Jobs => JOB_CONFIG,
        Role::Config => CONFIG,
        Role::InRepo => IN_REPO,
    };
    for (field, v) in root.map(|r| struct_entries(r, fields)).unwrap_or_default() {
        match (role, fields[field]) {
            (Role::InRepo, "presubmits") => d.job_list(v, &mut in_repo[0]),
            (Role::InRepo, "postsubmits") => d.job_list(v, &mut in_repo[1]),
            (_, "presubmits") => d.repo_jobs(v, &mut presubmits),
            (_, "postsubmits") => d.repo_jobs(v, &mut postsubmits),
            (_, "periodics") => d.job_list(v, &mut periodics),
            (_, "pod_namespace") => d.sourced(v, &mut config.pod_namespace),
            (_, "prowjob_namespace") => d.sourced(v, &mut config.prowjob_namespace),
            (_, "disabled_clusters") => {
                let mut list = Vec::new();
                d.strings(v, &mut list);
                config.disabled_clusters = list.into_iter().map(Text::into_sourced).collect();
            }
            (_, "in_repo_config") => {
                for (_, v) in struct_entries(v, IN_REPO_CONFIG) {
                    d.allowed_clusters(v, &mut config.allowed_clusters);
                }
            }
            _ => {}
        }
    }
    if role == Role::Config {
        out.prow_config = Some(config);
    }
    let first = out.jobs.len();
    if role == Role::InRepo {
        let [pre, post] = in_repo;
        for (kind, items) in [(JobKind::Presubmit, pre), (JobKind::Postsubmit, post)] {
            for item in items {
                push(kind, None, item, out);
            }
        }
        for job in &mut out.jobs[first..] {
            job.in_repo = true;
        }
        return;
    }
    for (kind, repos) in [
        (JobKind::Presubmit, presubmits),
        (JobKind::Postsubmit, postsubmits),
    ] {
        for (repo, items) in repos {
            for item in items {
                push(kind, Some(&repo), item, out);
            }
        }
    }
    for item in periodics {
        push(JobKind::Periodic, None, item, out);
    }
}

/// A mapping decoded into a Go struct with `fields`: each entry that sets one of them, as
/// (field index, value), in the order `encoding/json` applies them (by JSON key).
fn struct_entries<'n>(node: &'n Node, fields: &[&str]) -> Vec<(usize, &'n Node)> {
    let Some(entries) = node.as_map() else {
        return Vec::new();
    };
    let mut keyed: Vec<(String, usize, &Node)> = entries
        .iter()
        .filter_map(|(k, v)| {
            let key = k.json_key()?;
            let field = fields
                .iter()
                .position(|f| *f == key)
                .or_else(|| fields.iter().position(|f| fold_eq(f, &key)))?;
            Some((key, field, &**v))
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed.into_iter().map(|(_, f, v)| (f, v)).collect()
}

struct Decoder<'f> {
    file: &'f Arc<Path>,
}

impl Decoder<'_> {
    fn origin(&self, n: &Node) -> Origin {
        let (line, column) = n.at();
        Origin::new(self.file.clone(), line, column)
    }

    /// A string field: a string sets it, null leaves it as it is.
    fn text(&self, v: &Node, slot: &mut Option<Text>) {
        if let Some(s) = v.as_str() {
            *slot = Some(Text {
                value: s.to_owned(),
                origin: self.origin(v),
            });
        }
    }

    fn sourced(&self, v: &Node, slot: &mut Option<Sourced<String>>) {
        let mut text = None;
        self.text(v, &mut text);
        if let Some(t) = text {
            *slot = Some(t.into_sourced());
        }
    }

    /// A `[]string` field: a list replaces it (a null item is `""`), null empties it.
    fn strings(&self, v: &Node, slot: &mut Vec<Text>) {
        if v.is_null() {
            slot.clear();
        } else if let Some(items) = v.as_seq() {
            *slot = items
                .iter()
                .map(|i| Text {
                    value: i.as_str().unwrap_or_default().to_owned(),
                    origin: self.origin(i),
                })
                .collect();
        }
    }

    /// A job list: a list replaces it, null empties it.
    fn job_list(&self, v: &Node, slot: &mut Vec<Item>) {
        if v.is_null() {
            slot.clear();
            return;
        }
        let Some(items) = v.as_seq() else { return };
        *slot = items
            .iter()
            .filter_map(|item| {
                if item.is_null() {
                    Some(Item::Null(self.origin(item)))
                } else {
                    item.as_map()
                        .map(|_| Item::Job(self.origin(item), self.job(item)))
                }
            })
            .collect();
    }

    fn job(&self, v: &Node) -> JobFields {
        let mut f = JobFields::default();
        for (field, v) in struct_entries(v, JOB) {
            match JOB[field] {
                "name" => self.text(v, &mut f.name),
                "cluster" => self.text(v, &mut f.cluster),
                "agent" => {
                    if let Some(s) = v.as_str() {
                        f.agent = Some(s.to_owned());
                    }
                }
                "branches" => self.strings(v, &mut f.branches),
                _ => self.strings(v, &mut f.skip_branches),
            }
        }
        f
    }

    /// `presubmits`/`postsubmits` of a job config: repository → job list. A mapping adds
    /// its repositories (replacing the list of one already there), null empties the map.
    fn repo_jobs(&self, v: &Node, slot: &mut Vec<(String, Vec<Item>)>) {
        if v.is_null() {
            slot.clear();
            return;
        }
        for (k, v) in v.as_map().unwrap_or_default() {
            let Some(repo) = k.json_key() else { continue };
            let mut jobs = Vec::new();
            self.job_list(v, &mut jobs);
            match slot.iter_mut().find(|(r, _)| *r == repo) {
                Some(entry) => entry.1 = jobs,
                None => slot.push((repo, jobs)),
            }
        }
    }

    /// `in_repo_config.allowed_clusters`: key → clusters, merged like [`Self::repo_jobs`].
    fn allowed_clusters(&self, v: &Node, slot: &mut Option<Vec<AllowedClusters>>) {
        if v.is_null() {
            *slot = None;
            return;
        }
        let Some(entries) = v.as_map() else { return };
        let all = slot.get_or_insert_with(Vec::new);
        for (k, v) in entries {
            let Some(key) = k.json_key() else { continue };
            let clusters = (!v.is_null()).then(|| {
                let mut list = Vec::new();
                self.strings(v, &mut list);
                list.into_iter().map(Text::into_sourced).collect()
            });
            let entry = AllowedClusters {
                key: Sourced::new(key, self.origin(k)),
                clusters,
            };
            match all.iter_mut().find(|a| a.key.value == entry.key.value) {
                Some(a) => *a = entry,
                None => all.push(entry),
            }
        }
    }
}
