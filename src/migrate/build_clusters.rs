//! `migrate build-clusters`: Prow's old build-cluster YAML (`--build-cluster`: alias →
//! endpoint, clientCertificate, clientKey, clusterCaCertificate, the last three base64) as a
//! kubeconfig, as Prow's `cm2kc` writes it (aliases sorted; cluster, user and context named
//! after the alias; `current-context: default`), except that every context names its
//! namespace, as the federated design's migration asks.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use base64::Engine;
use serde_json::Value;

use super::jobs::yaml_scalar;
use crate::source::Origin;
use crate::{Error, Result};

/// One alias of the old file, its data fields decoded and checked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BuildCluster {
    pub alias: String,
    pub endpoint: String,
    pub client_certificate: Vec<u8>,
    pub client_key: Vec<u8>,
    pub cluster_ca_certificate: Vec<u8>,
}

const FIELDS: [&str; 4] = [
    "endpoint",
    "clientCertificate",
    "clientKey",
    "clusterCaCertificate",
];

/// Reads the old file as Prow's `UnmarshalClusterMap` did: a map of alias → cluster, or, when
/// the values are not mappings, one cluster named `default`. Errors name the file, the alias
/// and the field, never a value.
/// What to do with a file that is not Prow's build-cluster YAML.
const FIX_FILE: &str = "give the old build-cluster file (alias: {endpoint, clientCertificate, clientKey, clusterCaCertificate})";

pub fn parse(path: &Path, text: &str) -> Result<Vec<BuildCluster>> {
    let file = path.display();
    let doc: Value = serde_saphyr::from_str(text).map_err(|e| {
        let line = e
            .location()
            .map_or(0, |l| u32::try_from(l.line()).unwrap_or(u32::MAX));
        let e = e.without_snippet();
        Error::in_file(
            "invalid-build-clusters",
            Origin::new(Arc::from(path), line, 0),
            format!("{file}: not a build-cluster file: {e}"),
            FIX_FILE,
        )
    })?;
    let Value::Object(map) = doc else {
        return Err(Error::in_file(
            "invalid-build-clusters",
            Origin::file(path),
            format!("{file}: not a build-cluster file: expected a mapping of alias to cluster"),
            FIX_FILE,
        ));
    };
    let entries: Vec<(String, Value)> = if !map.is_empty() && map.values().all(Value::is_object) {
        map.into_iter().collect()
    } else {
        vec![("default".to_string(), Value::Object(map))]
    };
    let b64 = base64::engine::general_purpose::STANDARD;
    let mut out = Vec::new();
    for (alias, body) in entries {
        let field = |key: &str| -> Result<Option<String>> {
            match body.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(s)) => Ok(Some(s.clone())),
                Some(_) => Err(Error::in_file(
                    "invalid-build-clusters",
                    Origin::file(path),
                    format!("{file}: alias {alias:?}: {key} must be a string"),
                    "quote the value",
                )),
            }
        };
        if let Some(unknown) = body
            .as_object()
            .and_then(|o| o.keys().find(|k| !FIELDS.contains(&k.as_str())))
            .filter(|_| body.get("endpoint").is_none())
        {
            return Err(Error::in_file(
                "invalid-build-clusters",
                Origin::file(path),
                format!(
                    "{file}: alias {alias:?}: unknown field {unknown:?} and no endpoint; \
                     expected {}",
                    FIELDS.join(", ")
                ),
                FIX_FILE,
            ));
        }
        let data = |key: &str| -> Result<Vec<u8>> {
            let Some(s) = field(key)? else {
                return Ok(Vec::new());
            };
            // Go's encoding/json decodes []byte with the standard alphabet; line breaks in
            // a folded YAML value are not part of the data.
            let s: String = s.chars().filter(|c| !c.is_ascii_whitespace()).collect();
            b64.decode(s.as_bytes()).map_err(|_| {
                Error::in_file(
                    "invalid-build-clusters",
                    Origin::file(path),
                    format!(
                        "{file}: alias {alias:?}: {key} is not valid base64; nothing was written"
                    ),
                    "write it as base64 of the PEM data, as Prow's build-cluster file has it",
                )
            })
        };
        out.push(BuildCluster {
            endpoint: field("endpoint")?.unwrap_or_default(),
            client_certificate: data("clientCertificate")?,
            client_key: data("clientKey")?,
            cluster_ca_certificate: data("clusterCaCertificate")?,
            alias,
        });
    }
    out.sort_by(|a, b| a.alias.cmp(&b.alias));
    Ok(out)
}

/// Which namespace each context names: `-n NS` for every alias, `-n ALIAS=NS` for one (wins
/// over the former), `fallback` (Prow's pod_namespace) for the rest.
pub fn namespaces(
    path: &Path,
    clusters: &[BuildCluster],
    flags: &[String],
    fallback: &str,
) -> Result<BTreeMap<String, String>> {
    let mut all: Option<&str> = None;
    let mut one: BTreeMap<&str, &str> = BTreeMap::new();
    for f in flags {
        match f.split_once('=') {
            Some((alias, ns)) => {
                if !clusters.iter().any(|c| c.alias == alias) {
                    let aliases: Vec<&str> = clusters.iter().map(|c| c.alias.as_str()).collect();
                    return Err(Error::UnknownName(format!(
                        "-n {f}: {} has no alias {alias:?}{}; its aliases: {}",
                        path.display(),
                        crate::kubeconfig::did_you_mean(alias, aliases.iter().copied()),
                        aliases.join(", ")
                    )));
                }
                one.insert(alias, ns);
            }
            None => all = Some(f),
        }
    }
    let mut out = BTreeMap::new();
    for c in clusters {
        let ns = one
            .get(c.alias.as_str())
            .copied()
            .or(all)
            .unwrap_or(fallback);
        if ns.is_empty() {
            return Err(Error::Usage(format!(
                "alias {:?}: the namespace must not be empty",
                c.alias
            )));
        }
        out.insert(c.alias.clone(), ns.to_string());
    }
    Ok(out)
}

/// The kubeconfig, laid out as cm2kc's (sigs.k8s.io/yaml: keys sorted, two-space indent),
/// plus `namespace:` in each context.
pub fn kubeconfig(clusters: &[BuildCluster], namespaces: &BTreeMap<String, String>) -> String {
    let b64 = base64::engine::general_purpose::STANDARD;
    let q = |s: &str| yaml_scalar(s);
    let mut s = String::from("apiVersion: v1\nclusters:\n");
    for c in clusters {
        s.push_str("- cluster:\n");
        if !c.cluster_ca_certificate.is_empty() {
            let data = b64.encode(&c.cluster_ca_certificate);
            s.push_str(&format!("    certificate-authority-data: {data}\n"));
        }
        s.push_str(&format!("    server: {}\n", q(&c.endpoint)));
        s.push_str(&format!("  name: {}\n", q(&c.alias)));
    }
    s.push_str("contexts:\n");
    for c in clusters {
        s.push_str("- context:\n");
        s.push_str(&format!("    cluster: {}\n", q(&c.alias)));
        if let Some(ns) = namespaces.get(&c.alias) {
            s.push_str(&format!("    namespace: {}\n", q(ns)));
        }
        s.push_str(&format!("    user: {}\n", q(&c.alias)));
        s.push_str(&format!("  name: {}\n", q(&c.alias)));
    }
    s.push_str("current-context: default\nkind: Config\nusers:\n");
    for c in clusters {
        s.push_str(&format!("- name: {}\n  user:\n", q(&c.alias)));
        if !c.client_certificate.is_empty() {
            let data = b64.encode(&c.client_certificate);
            s.push_str(&format!("    client-certificate-data: {data}\n"));
        }
        if !c.client_key.is_empty() {
            let data = b64.encode(&c.client_key);
            s.push_str(&format!("    client-key-data: {data}\n"));
        }
    }
    s
}
