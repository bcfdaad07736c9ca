//! The merged configuration as one kubeconfig document, as `kubectl config view` prints it:
//! secrets redacted unless asked for, optionally cut to the current context (`--minify`) and
//! with certificate files inlined (`--flatten`).

use base64::Engine;
use serde_json::{Map, Value, json};

use super::{ContextSet, Entry, Kind};
use crate::{Error, Result};

/// What kubectl prints in place of byte fields and secrets.
pub const DATA_OMITTED: &str = "DATA+OMITTED";
pub const REDACTED: &str = "REDACTED";

#[derive(Clone, Copy, Debug, Default)]
pub struct ViewOptions {
    pub minify: bool,
    pub flatten: bool,
    pub raw: bool,
}

/// Builds the kubeconfig document. Prow's synthesized `""` and `default` aliases are not real
/// entries and are left out.
pub fn view(set: &ContextSet, opts: ViewOptions) -> Result<Value> {
    let mut contexts: Vec<&super::Context> = set
        .contexts
        .iter()
        .filter(|c| c.alias_of.is_none())
        .collect();
    let current = set.current_context.as_ref().map(|c| c.value.as_str());
    if opts.minify {
        let Some(current) = current else {
            return Err(Error::UnknownName(
                "--minify needs a current context, and none is set: set current-context in a \
                 kubeconfig file or pass --context"
                    .into(),
            ));
        };
        contexts.retain(|c| c.name == *current);
        if contexts.is_empty() {
            return Err(Error::UnknownName(format!(
                "--minify: current context {current:?} is not loaded"
            )));
        }
    }
    let wanted = |kind: Kind, name: &str| {
        !opts.minify
            || contexts.iter().any(|c| match kind {
                Kind::Cluster => c.cluster.as_deref() == Some(name),
                _ => c.user.as_deref() == Some(name),
            })
    };
    let clusters = named_list(Kind::Cluster, &set.clusters, &wanted, opts)?;
    let users = named_list(Kind::User, &set.users, &wanted, opts)?;
    let contexts: Vec<Value> = contexts
        .iter()
        .map(|c| {
            // kubectl's order and shape: `cluster` and `user` always present, `namespace` only
            // when set.
            let mut body = Map::new();
            body.insert(
                "cluster".into(),
                json!(c.cluster.clone().unwrap_or_default()),
            );
            body.insert("user".into(), json!(c.user.clone().unwrap_or_default()));
            if let Some(ns) = &c.namespace {
                body.insert("namespace".into(), json!(ns));
            }
            json!({"name": c.name.as_str(), "context": body})
        })
        .collect();
    // kubectl's field order.
    Ok(json!({
        "apiVersion": "v1",
        "clusters": clusters,
        "contexts": contexts,
        "current-context": current.unwrap_or(""),
        "kind": "Config",
        "preferences": {},
        "users": users,
    }))
}

fn named_list(
    kind: Kind,
    entries: &[Entry],
    wanted: &dyn Fn(Kind, &str) -> bool,
    opts: ViewOptions,
) -> Result<Vec<Value>> {
    let mut out: Vec<(&Entry, Value)> = Vec::new();
    let mut errors = Vec::new();
    for entry in entries.iter().filter(|e| wanted(kind, &e.name)) {
        // Prow's per-file loading lets two files each define a cluster or user of one name;
        // a single kubeconfig cannot hold both.
        if let Some((first, _)) = out.iter().find(|(e, _)| e.name == entry.name) {
            if first.body != entry.body {
                errors.push(crate::finding::Finding::error(
                    "conflicting-entries",
                    None,
                    format!(
                        "cannot write one kubeconfig: {} {:?} is defined differently at {} and \
                         {}; rename one of them",
                        kind.singular(),
                        entry.name,
                        first.origin.display_line(),
                        entry.origin.display_line()
                    ),
                    "",
                ));
            }
            continue;
        }
        let mut body = Value::clone(&entry.body);
        if opts.flatten {
            flatten(kind, &mut body).map_err(|e| {
                Error::in_file(
                    "unreadable-file",
                    entry.origin.clone(),
                    format!("{} ({}): {e}", entry.name, entry.origin.display_line()),
                    "fix the path (a relative path resolves against the kubeconfig file's directory)",
                )
            })?;
        }
        if !opts.raw {
            redact(kind, &mut body);
        }
        let key = kind.singular();
        out.push((entry, json!({"name": entry.name, key: body})));
    }
    if !errors.is_empty() {
        return Err(Error::InvalidConfig(errors));
    }
    Ok(out.into_iter().map(|(_, v)| v).collect())
}

/// kubectl's `--flatten`: certificate and key files become inline base64 data.
fn flatten(kind: Kind, body: &mut Value) -> std::result::Result<(), String> {
    let Some(map) = body.as_object_mut() else {
        return Ok(());
    };
    let pairs: &[(&str, &str)] = match kind {
        Kind::Cluster => &[("certificate-authority", "certificate-authority-data")],
        Kind::User => &[
            ("client-certificate", "client-certificate-data"),
            ("client-key", "client-key-data"),
        ],
        Kind::Context => &[],
    };
    for (file_key, data_key) in pairs {
        if let Some(Value::String(path)) = map.remove(*file_key) {
            let bytes = std::fs::read(&path).map_err(|e| format!("cannot read {path}: {e}"))?;
            let data = base64::engine::general_purpose::STANDARD.encode(bytes);
            map.insert((*data_key).into(), Value::String(data));
        }
    }
    Ok(())
}

/// kubectl's redaction (`ShortenConfig` + `RedactSecrets`), plus secrets that kubectl prints but
/// an operator's CI log should not: auth-provider tokens and exec environment values.
pub fn redact(kind: Kind, body: &mut Value) {
    let Some(map) = body.as_object_mut() else {
        return;
    };
    // Whatever the value's type: a secret written as a number is still a secret.
    let omit = |map: &mut Map<String, Value>, key: &str, with: &str| {
        if let Some(v) = map.get_mut(key)
            && !(v.is_null() || v.as_str() == Some(""))
        {
            *v = Value::String(with.into());
        }
    };
    for key in ["server", "proxy-url"] {
        if let Some(Value::String(url)) = map.get_mut(key) {
            *url = redact_url(url);
        }
    }
    match kind {
        Kind::Cluster => omit(map, "certificate-authority-data", DATA_OMITTED),
        Kind::User => {
            omit(map, "client-certificate-data", DATA_OMITTED);
            omit(map, "client-key-data", DATA_OMITTED);
            omit(map, "token", REDACTED);
            omit(map, "password", REDACTED);
            if let Some(Value::Object(config)) = map
                .get_mut("auth-provider")
                .and_then(|p| p.get_mut("config"))
            {
                let secret_keys: Vec<String> = config
                    .keys()
                    .filter(|k| is_secret_key(k))
                    .cloned()
                    .collect();
                for key in secret_keys {
                    omit(config, &key, REDACTED);
                }
            }
            if let Some(Value::Array(env)) = map.get_mut("exec").and_then(|e| e.get_mut("env")) {
                for var in env.iter_mut().filter_map(Value::as_object_mut) {
                    omit(var, "value", REDACTED);
                }
            }
        }
        Kind::Context => {}
    }
}

/// `https://user:password@host` → `https://REDACTED@host`: credentials in a URL are secrets too.
pub fn redact_url(url: &str) -> String {
    let Some((scheme, rest)) = url.split_once("://") else {
        return url.to_string();
    };
    let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let mut out = match rest[..authority_end].rfind('@') {
        Some(at) => format!("{scheme}://{REDACTED}{}", &rest[at..]),
        None => url.to_string(),
    };
    // A query string can carry a token (`?token=...`): keep the keys, hide the values.
    if let Some(q) = out.find('?') {
        let (base, query) = out.split_at(q + 1);
        let (query, fragment) = match query.find('#') {
            Some(h) => (&query[..h], &query[h..]),
            None => (query, ""),
        };
        let hidden: Vec<String> = query
            .split('&')
            .map(|kv| match kv.split_once('=') {
                Some((k, _)) => format!("{k}={REDACTED}"),
                None => kv.to_string(),
            })
            .collect();
        out = format!("{base}{}{fragment}", hidden.join("&"));
    }
    out
}

/// Every URL inside a free-form message (an error from a library), redacted as
/// [`redact_url`] does: a message must not carry a proxy's password or a token in a query.
pub fn redact_urls_in(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(i) = rest.find("://") {
        // The URL starts at the scheme: letters, digits, '+', '-', '.' before "://".
        let start = rest[..i]
            .rfind(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
            .map_or(0, |p| p + 1);
        let end = rest[i..]
            .find(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '`' | ')' | ',' | ';'))
            .map_or(rest.len(), |p| i + p);
        out.push_str(&rest[..start]);
        out.push_str(&redact_url(&rest[start..end]));
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn is_secret_key(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["token", "secret", "password", "key"]
        .iter()
        .any(|s| key.contains(s))
}
