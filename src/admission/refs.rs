//! What a pod needs that admission does not check: the Secrets, ConfigMaps and
//! PersistentVolumeClaims its volumes, `envFrom` and `env[].valueFrom` name. A missing one
//! leaves the pod stuck in `ContainerCreating` (or `CreateContainerConfigError`), not refused.
//! References marked `optional: true` do not stop a pod and are left out.

use serde::Serialize;
use serde_json::Value;

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Kind {
    Secret,
    ConfigMap,
    PersistentVolumeClaim,
}

impl Kind {
    /// The resource in the API path.
    pub fn resource(self) -> &'static str {
        match self {
            Kind::Secret => "secrets",
            Kind::ConfigMap => "configmaps",
            Kind::PersistentVolumeClaim => "persistentvolumeclaims",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Secret => "Secret",
            Kind::ConfigMap => "ConfigMap",
            Kind::PersistentVolumeClaim => "PersistentVolumeClaim",
        }
    }
}

/// Every reference of a pod spec, sorted, without repeats.
pub fn references(spec: &Value) -> Vec<(Kind, String)> {
    let mut out = Vec::new();
    let name = |v: &Value, k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
    let optional = |v: &Value| v.get("optional").and_then(Value::as_bool) == Some(true);
    for vol in spec
        .get("volumes")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        if let Some(s) = vol.get("secret").filter(|s| !optional(s))
            && let Some(n) = name(s, "secretName")
        {
            out.push((Kind::Secret, n));
        }
        if let Some(c) = vol.get("configMap").filter(|c| !optional(c))
            && let Some(n) = name(c, "name")
        {
            out.push((Kind::ConfigMap, n));
        }
        if let Some(p) = vol.get("persistentVolumeClaim")
            && let Some(n) = name(p, "claimName")
        {
            out.push((Kind::PersistentVolumeClaim, n));
        }
        for src in vol
            .get("projected")
            .and_then(|p| p.get("sources"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            if let Some(s) = src.get("secret").filter(|s| !optional(s))
                && let Some(n) = name(s, "name")
            {
                out.push((Kind::Secret, n));
            }
            if let Some(c) = src.get("configMap").filter(|c| !optional(c))
                && let Some(n) = name(c, "name")
            {
                out.push((Kind::ConfigMap, n));
            }
        }
    }
    for key in ["initContainers", "containers"] {
        for c in spec
            .get(key)
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            for from in c
                .get("envFrom")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
            {
                if let Some(s) = from.get("secretRef").filter(|s| !optional(s))
                    && let Some(n) = name(s, "name")
                {
                    out.push((Kind::Secret, n));
                }
                if let Some(m) = from.get("configMapRef").filter(|m| !optional(m))
                    && let Some(n) = name(m, "name")
                {
                    out.push((Kind::ConfigMap, n));
                }
            }
            for e in c.get("env").and_then(Value::as_array).into_iter().flatten() {
                let Some(vf) = e.get("valueFrom") else {
                    continue;
                };
                if let Some(s) = vf.get("secretKeyRef").filter(|s| !optional(s))
                    && let Some(n) = name(s, "name")
                {
                    out.push((Kind::Secret, n));
                }
                if let Some(m) = vf.get("configMapKeyRef").filter(|m| !optional(m))
                    && let Some(n) = name(m, "name")
                {
                    out.push((Kind::ConfigMap, n));
                }
            }
        }
    }
    out.retain(|(_, n)| !n.is_empty());
    out.sort();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn volumes_env_from_and_value_from_not_optional_ones() {
        let spec = json!({
            "volumes": [
                {"name": "a", "secret": {"secretName": "s1"}},
                {"name": "b", "configMap": {"name": "c1", "optional": true}},
                {"name": "c", "persistentVolumeClaim": {"claimName": "p1"}},
                {"name": "d", "projected": {"sources": [{"configMap": {"name": "c2"}}]}}
            ],
            "containers": [{
                "envFrom": [{"secretRef": {"name": "s2"}}],
                "env": [{"name": "X", "valueFrom": {"configMapKeyRef": {"name": "c3", "key": "k"}}},
                        {"name": "Y", "valueFrom": {"secretKeyRef": {"name": "s1", "key": "k"}}}]
            }]
        });
        let names: Vec<String> = references(&spec)
            .into_iter()
            .map(|(k, n)| format!("{}/{n}", k.as_str()))
            .collect();
        assert_eq!(
            names,
            [
                "Secret/s1",
                "Secret/s2",
                "ConfigMap/c2",
                "ConfigMap/c3",
                "PersistentVolumeClaim/p1"
            ]
        );
    }
}
