//! `--suggest`: the smallest Role and RoleBinding that grant a context's identity exactly what
//! it was denied, as one YAML stream per API server and applying context, each headed by the
//! `kubectl --context X apply` line that applies it (X found by [`super::appliers`]).

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::ContextReport;
use super::appliers::Applier;
use super::components::verb_rank;

/// One stream of Roles and RoleBindings, to be applied on one API server by one context.
#[derive(Clone, Debug, PartialEq)]
pub struct Suggestion {
    pub server: String,
    /// The loaded context that may create Roles and RoleBindings in every namespace of this
    /// stream; `None` when no loaded context on the server may.
    pub applier: Option<String>,
    /// The contexts on the server that were asked, when none may.
    pub asked: Vec<String>,
    pub namespaces: Vec<String>,
    /// The denied contexts this stream is for.
    pub contexts: Vec<String>,
    /// Comment lines, then `---`-separated documents.
    pub yaml: String,
}

impl Suggestion {
    /// The command that applies this stream from standard input.
    pub fn command(&self) -> String {
        format!(
            "kubectl --context {} apply -f -",
            self.applier
                .as_deref()
                .map_or_else(|| "ADMIN".to_string(), quote)
        )
    }
}

/// A context name as a shell word: bare when it is safe, single-quoted otherwise.
pub fn quote(name: &str) -> String {
    if !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_.:@/".contains(c))
    {
        name.to_string()
    } else {
        format!("'{}'", name.replace('\'', "'\\''"))
    }
}

/// The Roles and RoleBindings that grant what `reports` were denied, grouped by API server and
/// by the context in `appliers` that may apply them. Reports whose identity is unknown get a
/// comment in `notes` instead (nothing to bind to).
pub fn suggest(reports: &[ContextReport], appliers: &[Applier]) -> (Vec<Suggestion>, String) {
    let mut notes = String::new();
    let mut streams: Vec<Suggestion> = Vec::new();
    // One Role per server, namespace and subject: aliases, and contexts that share an identity
    // (a token and a token file of one ServiceAccount), get one suggestion.
    let mut seen: Vec<(Option<String>, String, Value)> = Vec::new();
    for r in reports {
        if r.denied().next().is_none() {
            continue;
        }
        let Some(subject) = r.identity.as_ref().and_then(subject) else {
            notes.push_str(&format!(
                "# context {:?}: denied, but the server did not say who the identity is; \
                 nothing to bind to\n",
                r.context
            ));
            continue;
        };
        // Per namespace: (group, resource[/subresource]) -> verbs.
        let mut by_ns: BTreeMap<&str, BTreeMap<(String, String), Vec<String>>> = BTreeMap::new();
        for c in r.denied() {
            let resource = if c.subresource.is_empty() {
                c.resource.clone()
            } else {
                format!("{}/{}", c.resource, c.subresource)
            };
            let verbs = by_ns
                .entry(c.namespace.as_str())
                .or_default()
                .entry((c.group.clone(), resource))
                .or_default();
            if !verbs.contains(&c.verb) {
                verbs.push(c.verb.clone());
            }
        }
        let who = subject["name"].as_str().unwrap_or_default().to_string();
        let server = r.server.clone().unwrap_or_default();
        for (ns, rules) in by_ns {
            let name = role_name(&who);
            let key = (r.server.clone(), ns.to_string(), subject.clone());
            if seen.contains(&key) {
                continue;
            }
            seen.push(key);
            let rules: Vec<Value> = rules
                .into_iter()
                .map(|((group, resource), mut verbs)| {
                    verbs.sort_by_key(|v| verb_rank(v));
                    json!({ "apiGroups": [group], "resources": [resource], "verbs": verbs })
                })
                .collect();
            let role = json!({
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "Role",
                "metadata": { "name": name, "namespace": ns },
                "rules": rules,
            });
            let binding = json!({
                "apiVersion": "rbac.authorization.k8s.io/v1",
                "kind": "RoleBinding",
                "metadata": { "name": name, "namespace": ns },
                "roleRef": { "apiGroup": "rbac.authorization.k8s.io", "kind": "Role", "name": name },
                "subjects": [subject.clone()],
            });
            let applier = appliers
                .iter()
                .find(|a| a.server == server && a.namespace == ns);
            let applier_context = applier.and_then(|a| a.context.clone());
            let stream = match streams
                .iter_mut()
                .find(|s| s.server == server && s.applier == applier_context)
            {
                Some(s) => s,
                None => {
                    streams.push(Suggestion {
                        server: server.clone(),
                        applier: applier_context,
                        asked: Vec::new(),
                        namespaces: Vec::new(),
                        contexts: Vec::new(),
                        yaml: String::new(),
                    });
                    streams.last_mut().expect("just pushed")
                }
            };
            for asked in applier.map(|a| a.asked.as_slice()).unwrap_or_default() {
                if !stream.asked.contains(asked) {
                    stream.asked.push(asked.clone());
                }
            }
            if !stream.namespaces.iter().any(|n| n == ns) {
                stream.namespaces.push(ns.to_string());
            }
            if !stream.contexts.contains(&r.context) {
                stream.contexts.push(r.context.clone());
            }
            stream.yaml.push_str(&format!(
                "# context {:?} ({server}): what {who} is denied in namespace {ns}\n",
                r.context
            ));
            for doc in [role, binding] {
                stream.yaml.push_str("---\n");
                stream
                    .yaml
                    .push_str(&serde_saphyr::to_string(&doc).expect("serializable"));
            }
        }
    }
    (streams, notes)
}

/// A file name for a stream in `--suggest-dir`: the applying context and the server's host and
/// port, reduced to characters that are safe in a file name.
pub fn file_name(s: &Suggestion) -> String {
    let host = s
        .server
        .split_once("://")
        .map_or(s.server.as_str(), |(_, r)| r)
        .split(['/', '?', '#'])
        .next()
        .unwrap_or("")
        .rsplit('@')
        .next()
        .unwrap_or("");
    let raw = format!("{}@{host}", s.applier.as_deref().unwrap_or("ADMIN"));
    let safe: String = raw
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || "-_.@".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    format!("{}.yaml", safe.trim_start_matches('.'))
}

/// The RBAC subject for an identity: a ServiceAccount for `system:serviceaccount:NS:NAME`, a
/// User otherwise.
fn subject(identity: &super::Identity) -> Option<Value> {
    if let Some((ns, name)) = identity.service_account() {
        return Some(json!({ "kind": "ServiceAccount", "name": name, "namespace": ns }));
    }
    let user = identity.username.as_deref().filter(|u| !u.is_empty())?;
    Some(json!({ "apiGroup": "rbac.authorization.k8s.io", "kind": "User", "name": user }))
}

/// `kubectl-prow-<subject>`, made a valid object name (DNS subdomain): named after who it is
/// for, so that every context of one identity converges on one Role.
fn role_name(who: &str) -> String {
    let mut s: String = who
        .to_ascii_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '.' {
                c
            } else {
                '-'
            }
        })
        .collect();
    s = s.trim_matches(|c| c == '-' || c == '.').to_string();
    if s.is_empty() {
        s = "identity".into();
    }
    let mut name = format!("kubectl-prow-{s}");
    name.truncate(253);
    name
}
