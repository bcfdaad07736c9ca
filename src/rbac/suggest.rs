//! `--suggest`: the smallest Role and RoleBinding that grant a context's identity exactly what
//! it was denied, ready for `kubectl apply -f -`.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::ContextReport;
use super::components::verb_rank;

/// One Role and one RoleBinding per namespace of each report with denials, as a YAML stream.
/// Reports whose identity is unknown get a comment instead (nothing to bind to).
pub fn suggest(reports: &[ContextReport]) -> String {
    let mut out = String::new();
    // One Role per server, namespace and subject: aliases, and contexts that share an identity
    // (a token and a token file of one ServiceAccount), get one suggestion.
    let mut seen: Vec<(Option<String>, String, Value)> = Vec::new();
    for r in reports {
        if r.denied().next().is_none() {
            continue;
        }
        let Some(subject) = r.identity.as_ref().and_then(subject) else {
            out.push_str(&format!(
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
            let server = r.server.as_deref().unwrap_or("its server");
            out.push_str(&format!(
                "# context {:?} ({server}): what {who} is denied in namespace {ns}; apply with \
                 kubectl --context {:?} apply -f -\n",
                r.context, r.context
            ));
            for doc in [role, binding] {
                out.push_str("---\n");
                out.push_str(&serde_saphyr::to_string(&doc).expect("serializable"));
            }
        }
    }
    out
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
