//! The parts of client-go's `validateAuthInfo` (validation.go) about exec plugins and
//! impersonation: what kubectl checks about the user of the context it is about to use, and
//! what every Prow component checks about every context when it builds its clients at start-up.
//! The rest of the validation (certificates, keys, CA, auth methods) is in [`super::client`],
//! which calls this; the messages are client-go's own, as operators search for them.

use serde_json::Value;

/// client-go's complaints about `user`'s exec plugin.
pub(crate) fn exec_problems(name: &str, body: &Value) -> Vec<String> {
    let mut out = Vec::new();
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
        // client-go's decoding defaults interactiveMode to IfAvailable for the beta and alpha
        // APIs only: an exec plugin of client.authentication.k8s.io/v1 must say it.
        let defaulted = matches!(
            api_version,
            "client.authentication.k8s.io/v1beta1" | "client.authentication.k8s.io/v1alpha1"
        );
        match field("interactiveMode") {
            "" if !defaulted => out.push(format!(
                "interactiveMode must be specified for {name} to use exec authentication plugin"
            )),
            "" | "Never" | "IfAvailable" | "Always" => {}
            other => out.push(format!("invalid interactiveMode for {name}: {:?}", other)),
        }
    }
    out
}

/// client-go's complaint about impersonation extras without a user to impersonate (checked
/// after the authentication methods, so it comes last in client-go's message).
pub(crate) fn impersonation_problem(name: &str, body: &Value) -> Option<String> {
    let has = |k: &str| {
        body.get(k)
            .and_then(Value::as_str)
            .is_some_and(|s| !s.is_empty())
    };
    let extras = body
        .get("as-groups")
        .and_then(Value::as_array)
        .is_some_and(|a| !a.is_empty())
        || body
            .get("as-user-extra")
            .and_then(Value::as_object)
            .is_some_and(|m| !m.is_empty())
        || has("as-uid");
    (extras && !has("as")).then(|| {
        format!("requesting uid, groups or user-extra for {name} without impersonating a user")
    })
}
