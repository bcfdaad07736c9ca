//! The part of Prow's `config.yaml` that decides where jobs and ProwJobs go.

use std::path::Path;
use std::sync::Arc;

use crate::source::Sourced;

use super::job::DEFAULT_CONTEXT;

/// The namespace Prow uses when `pod_namespace` or `prowjob_namespace` is unset or empty.
pub const DEFAULT_NAMESPACE: &str = "default";

/// The settings kubectl-prow reads from Prow's `config.yaml`, as written, with Prow's
/// defaults available through methods.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct ProwConfig {
    /// The config file as the user named it.
    pub file: Option<Arc<Path>>,
    /// `pod_namespace` as written (`None` when unset or null).
    pub pod_namespace: Option<Sourced<String>>,
    /// `prowjob_namespace` as written (`None` when unset or null).
    pub prowjob_namespace: Option<Sourced<String>>,
    /// `disabled_clusters`: contexts Prow drops after loading its kubeconfigs.
    pub disabled_clusters: Vec<Sourced<String>>,
    /// `in_repo_config.allowed_clusters` in written order; `None` when unset or null.
    pub allowed_clusters: Option<Vec<AllowedClusters>>,
}

/// One `in_repo_config.allowed_clusters` entry: a key (`*`, an org, `org/repo`, or a Gerrit
/// host or repository URL) and the contexts in-repo jobs of matching repositories may use.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct AllowedClusters {
    pub key: Sourced<String>,
    /// `None` when the list is null (Prow then treats the key as absent).
    pub clusters: Option<Vec<Sourced<String>>>,
}

impl ProwConfig {
    /// Where Prow creates test pods: `pod_namespace`, or `default` when unset or empty.
    pub fn pod_namespace(&self) -> &str {
        non_empty(&self.pod_namespace).unwrap_or(DEFAULT_NAMESPACE)
    }

    /// Where Prow keeps ProwJobs: `prowjob_namespace`, or `default` when unset or empty.
    pub fn prowjob_namespace(&self) -> &str {
        non_empty(&self.prowjob_namespace).unwrap_or(DEFAULT_NAMESPACE)
    }

    /// Whether `context` is listed in `disabled_clusters`.
    pub fn is_disabled(&self, context: &str) -> bool {
        self.disabled_clusters.iter().any(|c| c.value == context)
    }

    /// `in_repo_config.allowed_clusters` after Prow's defaulting: when the `*` key is absent
    /// (or its list is null) it becomes `["default"]`; `"*": []` is kept, and turns the
    /// global default off. Entries are in written order, `*` last when it was added.
    pub fn in_repo_allowed_clusters(&self) -> Vec<(String, Vec<String>)> {
        let mut out: Vec<(String, Vec<String>)> = Vec::new();
        for entry in self.allowed_clusters.iter().flatten() {
            let Some(clusters) = &entry.clusters else {
                continue;
            };
            let clusters = clusters.iter().map(|c| c.value.clone()).collect();
            // A repeated key keeps its last list, as a Go map does.
            if let Some(slot) = out.iter_mut().find(|(k, _)| *k == entry.key.value) {
                slot.1 = clusters;
            } else {
                out.push((entry.key.value.clone(), clusters));
            }
        }
        if !out.iter().any(|(k, _)| k == "*") {
            out.push(("*".to_owned(), vec![DEFAULT_CONTEXT.to_owned()]));
        }
        out
    }

    /// Whether in-repo jobs of `repo` (`org/repo` or a Gerrit URL) may use `context`, as
    /// Prow's `InRepoConfigAllowsCluster` decides: the repository's key, its org's key, or
    /// `*` must list it (URLs are also tried without their `https://` prefix).
    pub fn in_repo_allows_cluster(&self, repo: &str, context: &str) -> bool {
        let allowed = self.in_repo_allowed_clusters();
        keys_for_identifier(repo).iter().any(|key| {
            allowed
                .iter()
                .any(|(k, clusters)| k == key && clusters.iter().any(|c| c == context))
        })
    }
}

fn non_empty(value: &Option<Sourced<String>>) -> Option<&str> {
    value
        .as_ref()
        .map(|v| v.value.as_str())
        .filter(|v| !v.is_empty())
}

/// Prow's `keysForIdentifier`: the repository, the same without `http(s)://`, its org (the
/// same two forms), then `*`, without repeats.
fn keys_for_identifier(identifier: &str) -> Vec<String> {
    let gerrit = is_gerrit(identifier);
    let normalized = if gerrit {
        ensure_scheme(identifier)
    } else {
        identifier.to_owned()
    };
    let mut candidates = vec![normalized.clone(), trim_scheme(identifier).to_owned()];
    let org = if gerrit {
        // gerritsource.OrgRepoFromCloneURI
        let scheme = if normalized.starts_with("http://") {
            "http://"
        } else {
            "https://"
        };
        trim_scheme(&normalized)
            .split_once('/')
            .map(|(host, _)| ensure_scheme(&format!("{scheme}{host}")))
    } else {
        identifier.split_once('/').map(|(org, _)| org.to_owned())
    };
    if let Some(org) = org.filter(|o| !o.is_empty()) {
        let trimmed = trim_scheme(&org).to_owned();
        candidates.push(org);
        candidates.push(trimmed);
    }
    candidates.push("*".to_owned());
    let mut out: Vec<String> = Vec::new();
    for c in candidates {
        if !out.contains(&c) {
            out.push(c);
        }
    }
    out
}

/// Gerrit keys are clone URLs (`gerritsource.IsGerritOrg`).
fn is_gerrit(identifier: &str) -> bool {
    identifier.starts_with("https://") || identifier.starts_with("http://")
}

/// `gerritsource.TrimHTTPSPrefix`: drop `https://` or `http://` and trailing slashes.
fn trim_scheme(s: &str) -> &str {
    let s = s.strip_prefix("https://").unwrap_or(s);
    let s = s.strip_prefix("http://").unwrap_or(s);
    s.trim_end_matches('/')
}

/// `gerritsource.NormalizeCloneURI`: `http://` kept, otherwise `https://`, no slashes at
/// either end of the rest.
fn ensure_scheme(s: &str) -> String {
    let scheme = if s.starts_with("http://") {
        "http://"
    } else {
        "https://"
    };
    format!("{scheme}{}", trim_scheme(s).trim_matches('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::Origin;

    fn s(v: &str) -> Sourced<String> {
        Sourced::new(v.to_owned(), Origin::file("config.yaml"))
    }

    #[test]
    fn namespaces_default_when_unset_or_empty() {
        let mut c = ProwConfig::default();
        assert_eq!(c.pod_namespace(), "default");
        c.pod_namespace = Some(s(""));
        assert_eq!(c.pod_namespace(), "default");
        c.pod_namespace = Some(s("test-pods"));
        assert_eq!(c.pod_namespace(), "test-pods");
    }

    #[test]
    fn allowed_clusters_default_and_explicit_empty_star() {
        let mut c = ProwConfig::default();
        assert_eq!(
            c.in_repo_allowed_clusters(),
            vec![("*".to_owned(), vec!["default".to_owned()])]
        );
        assert!(c.in_repo_allows_cluster("org/repo", "default"));
        c.allowed_clusters = Some(vec![
            AllowedClusters {
                key: s("*"),
                clusters: Some(vec![]),
            },
            AllowedClusters {
                key: s("org"),
                clusters: Some(vec![s("build01")]),
            },
        ]);
        assert!(!c.in_repo_allows_cluster("org/repo", "default"));
        assert!(c.in_repo_allows_cluster("org/repo", "build01"));
        assert!(!c.in_repo_allows_cluster("other/repo", "build01"));
    }

    #[test]
    fn gerrit_keys() {
        assert_eq!(
            keys_for_identifier("https://host/repo"),
            [
                "https://host/repo",
                "host/repo",
                "https://host",
                "host",
                "*"
            ]
        );
    }
}
