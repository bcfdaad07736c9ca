//! client-go's `ConfirmUsable`: what kubectl checks about the context it is about to use, and
//! what every Prow component checks about every context when it builds its clients at start-up
//! (`DirectClientConfig.ConfirmUsable` in validation.go: `validateAuthInfo` and
//! `validateClusterInfo`). A context
//! that fails here makes kubectl refuse the command and a Prow component refuse to start.
//!
//! Only the rules that a merged, loaded context can still break are here; unreadable files and
//! a missing server are `lint`'s `missing-file` and `invalid-server`.

use serde_json::Value;

use super::{Context, Target};

/// One reason client-go would refuse the context, in client-go's words (which operators search
/// for) followed by what to do.
pub fn problems(ctx: &Context) -> Vec<String> {
    let mut out = Vec::new();
    if let Target::Cluster(cluster) = &ctx.target {
        let has = |k: &str| cluster.field(k).is_some();
        if has("certificate-authority") && has("certificate-authority-data") {
            out.push(format!(
                "certificate-authority-data and certificate-authority are both specified for \
                 {}: keep one",
                cluster.name
            ));
        }
    }
    if let Some(user) = &ctx.credentials {
        user_problems(&user.name, &user.body, &mut out);
    }
    out
}

fn user_problems(name: &str, body: &Value, out: &mut Vec<String>) {
    let has = |k: &str| {
        body.get(k)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty())
    };
    let mut methods = Vec::new();
    if has("token") {
        methods.push("token");
    }
    if has("username") || has("password") {
        methods.push("basicAuth");
    }
    if methods.len() > 1 {
        out.push(format!(
            "more than one authentication method found for {name}; found [{}], only one is \
             allowed",
            methods.join(" ")
        ));
    }
    if has("client-certificate") || has("client-certificate-data") {
        if has("client-certificate") && has("client-certificate-data") {
            out.push(format!(
                "client-cert-data and client-cert are both specified for {name}: keep one"
            ));
        }
        if has("client-key") && has("client-key-data") {
            out.push(format!(
                "client-key-data and client-key are both specified for {name}: keep one"
            ));
        }
        if !has("client-key") && !has("client-key-data") {
            out.push(format!(
                "client-key-data or client-key must be specified for {name} to use the \
                 clientCert authentication method"
            ));
        }
    }
    if let Some(exec) = body.get("exec").filter(|e| !e.is_null()) {
        let field = |k: &str| exec.get(k).and_then(Value::as_str).unwrap_or("");
        if body.get("auth-provider").is_some_and(|a| !a.is_null()) {
            out.push(format!(
                "authProvider cannot be provided in combination with an exec plugin for {name}"
            ));
        }
        if field("command").is_empty() {
            out.push(format!(
                "command must be specified for {name} to use exec authentication plugin"
            ));
        }
        let api_version = field("apiVersion");
        if api_version.is_empty() {
            out.push(format!(
                "apiVersion must be specified for {name} to use exec authentication plugin"
            ));
        }
        let env = exec.get("env").and_then(Value::as_array);
        if env.into_iter().flatten().any(|v| {
            v.get("name")
                .and_then(Value::as_str)
                .is_none_or(str::is_empty)
        }) {
            out.push(format!(
                "env variable name must be specified for {name} to use exec authentication plugin"
            ));
        }
        // client-go defaults interactiveMode to IfAvailable for the beta and alpha APIs only.
        let beta = matches!(
            api_version,
            "client.authentication.k8s.io/v1beta1" | "client.authentication.k8s.io/v1alpha1"
        );
        match field("interactiveMode") {
            "" if !beta && !api_version.is_empty() => out.push(format!(
                "interactiveMode must be specified for {name} to use exec authentication \
                 plugin: add `interactiveMode: Never` (or IfAvailable)"
            )),
            "" | "Never" | "IfAvailable" | "Always" => {}
            other => out.push(format!(
                "invalid interactiveMode for {name}: {:?}: use Never, IfAvailable or Always",
                crate::output::sanitize(other)
            )),
        }
    }
    let impersonates = has("as") || has("as-uid");
    let extras = body
        .get("as-groups")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty())
        || body
            .get("as-user-extra")
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty());
    if extras && !impersonates {
        out.push(format!(
            "requesting uid, groups or user-extra for {name} without impersonating a user: add \
             `as:`"
        ));
    }
}
