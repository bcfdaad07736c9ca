//! From a resolved [`Context`] to a kube [`Client`]. Contexts that reach the same server with
//! the same TLS settings share one HTTP connection pool (HTTP/2 where the server offers it), so
//! twenty token-based contexts of one cluster cost one TLS handshake, not twenty; each context
//! adds only its own credentials and impersonation headers on top.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use base64::Engine;
use hyper_util::client::legacy::Client as HttpClient;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use kube::client::{Body, ConfigExt};
use kube::config::{
    AuthInfo, Cluster, KubeConfigOptions, Kubeconfig, NamedAuthInfo, NamedCluster, NamedContext,
};
use kube::{Client, Config};
use secrecy::{ExposeSecret, SecretString};
use tokio::sync::OnceCell;
use tower::{BoxError, ServiceBuilder, ServiceExt};

use super::exec::{self, ExecOutput};
use super::tls::{Recording, Seen};
use super::{Failure, FailureKind};
use crate::kubeconfig::view::redact_url;
use crate::kubeconfig::{Context, Target};
use crate::secret::Secret;

type Https = hyper_rustls::HttpsConnector<HttpConnector>;

/// Impersonation for every request (`--as`, `--as-group`), as kubectl applies it.
#[derive(Clone, Debug, Default)]
pub struct Impersonation {
    pub user: Option<String>,
    pub groups: Vec<String>,
}

/// One HTTP client per distinct server and TLS identity, shared by the contexts that use it.
#[derive(Default)]
pub struct Transports {
    pools: Mutex<HashMap<TransportKey, Shared>>,
}

/// A shared connection pool, and a gate that lets the first request open the connection before
/// the others pile on (hyper opens one connection per waiting request until it knows the server
/// speaks HTTP/2).
#[derive(Clone)]
pub struct Shared {
    http: HttpClient<Https, Body>,
    pub warm: Arc<OnceCell<Option<Failure>>>,
    /// The certificate the server presented in this pool's handshakes.
    pub seen: Arc<Seen>,
}

#[derive(Clone, PartialEq, Eq, Hash)]
struct TransportKey {
    server: String,
    root_cert: Option<Vec<Vec<u8>>>,
    root_cert_file: Option<std::path::PathBuf>,
    insecure: bool,
    tls_server_name: Option<String>,
    /// Client certificate material (paths or data, the key among them); a TLS identity
    /// cannot be shared.
    identity: Option<Secret>,
}

/// A context ready to ask: its client, and the connection pool gate it shares.
pub struct Connection {
    pub client: Client,
    pub warm: Option<Arc<OnceCell<Option<Failure>>>>,
    /// The server, credentials in the URL redacted, for messages.
    pub server: String,
    /// The server's certificate, once a handshake has been made (not through a proxy).
    pub seen: Option<Arc<Seen>>,
    /// The `expirationTimestamp` the context's exec plugin gave, if it ran and gave one.
    pub exec_expiration: Option<i64>,
}

/// The kube-client view of a context: one cluster, one user, one context.
fn kubeconfig_for(ctx: &Context) -> Result<(Cluster, AuthInfo), Failure> {
    let name = ctx.name.as_str();
    // What a Prow component (and kubectl) would refuse to build a client for is not asked
    // with credentials they would not use.
    if let Target::Cluster(_) = &ctx.target
        && let Some(problem) = crate::kubeconfig::client::problem(ctx)
    {
        return Err(Failure::new(FailureKind::Config, problem.message));
    }
    match &ctx.target {
        Target::Cluster(entry) => {
            // kube-client panics on a request to a server it cannot rebuild a URI on.
            let server = entry.field("server").unwrap_or("");
            if let Some(p) = crate::kubeconfig::server::problem(server) {
                return Err(Failure::new(
                    FailureKind::Config,
                    format!("cluster {:?}: {}; {}", entry.name, p.message, p.fix),
                ));
            }
            let cluster: Cluster = serde_json::from_value(serde_json::Value::clone(&entry.body))
                .map_err(|e| {
                    Failure::new(
                        FailureKind::Config,
                        format!("cluster {:?}: {}", entry.name, without_values(&e)),
                    )
                })?;
            let auth: AuthInfo = match &ctx.credentials {
                Some(user) => serde_json::from_value(serde_json::Value::clone(&user.body))
                    .map_err(|e| {
                        Failure::new(
                            FailureKind::Config,
                            format!("user {:?}: {}", user.name, without_values(&e)),
                        )
                    })?,
                None => AuthInfo::default(),
            };
            Ok((cluster, auth))
        }
        Target::InCluster(Some(sa)) => {
            let cluster = Cluster {
                server: Some(sa.server.clone()),
                certificate_authority: Some(sa.ca_file.display().to_string()),
                ..Cluster::default()
            };
            let auth = AuthInfo {
                token_file: Some(sa.token_file.display().to_string()),
                ..AuthInfo::default()
            };
            Ok((cluster, auth))
        }
        Target::InCluster(None) => Err(Failure::new(
            FailureKind::NotInPod,
            format!(
                "context {name:?} means the pod's ServiceAccount, and this is not a pod; \
                 check it from here with --in-cluster-via CONTEXT --service-account NS/NAME"
            ),
        )),
        Target::Missing => Err(Failure::new(
            FailureKind::Config,
            format!(
                "context {name:?} names cluster {:?}, which no file defines",
                ctx.cluster.as_deref().unwrap_or("")
            ),
        )),
    }
}

impl Transports {
    /// Builds the client for `ctx`: runs its exec plugin if it has one, applies `imp`, and
    /// reuses the connection pool of an earlier context with the same server and TLS identity.
    pub async fn connect(
        &self,
        ctx: &Context,
        imp: &Impersonation,
        deadline: Option<tokio::time::Instant>,
    ) -> Result<Connection, Failure> {
        let (cluster, mut auth) = kubeconfig_for(ctx)?;
        let server_raw = cluster.server.clone().unwrap_or_default();
        let server = redact_url(&server_raw);
        let mut exec_expiration = None;
        if let Some(exec_config) = auth.exec.take() {
            let (output, expires) = exec::run(
                &exec_config,
                &server_raw,
                cluster.certificate_authority_data.as_deref(),
                deadline,
            )
            .await?;
            exec_expiration = expires;
            match output {
                ExecOutput::Token(token) => {
                    auth.token = Some(SecretString::from(token.expose()));
                }
                ExecOutput::ClientCert { certificate, key } => {
                    let b64 = base64::engine::general_purpose::STANDARD;
                    auth.client_certificate_data = Some(b64.encode(certificate));
                    auth.client_key_data = Some(b64.encode(key.expose()).into());
                }
            }
        }
        if imp.user.is_some() {
            auth.impersonate = imp.user.clone();
        }
        if !imp.groups.is_empty() {
            auth.impersonate_groups = Some(imp.groups.clone());
        }
        let identity = identity_key(&auth);
        let kubeconfig = Kubeconfig {
            clusters: vec![NamedCluster {
                name: "c".into(),
                cluster: Some(cluster),
                ..Default::default()
            }],
            auth_infos: vec![NamedAuthInfo {
                name: "u".into(),
                auth_info: Some(auth),
                ..Default::default()
            }],
            contexts: vec![NamedContext {
                name: "x".into(),
                context: Some(kube::config::Context {
                    cluster: "c".into(),
                    user: Some("u".into()),
                    namespace: ctx.namespace.clone(),
                    ..Default::default()
                }),
                ..Default::default()
            }],
            current_context: Some("x".into()),
            ..Kubeconfig::default()
        };
        let config = Config::from_custom_kubeconfig(kubeconfig, &KubeConfigOptions::default())
            .await
            .map_err(|e| Failure::new(FailureKind::Config, config_error(&e)))?;
        let config_err = |e: kube::Error| Failure::new(FailureKind::Config, config_error(&e));
        // A proxy needs kube's own connector stack; such contexts get a client of their own.
        if config.proxy_url.is_some() {
            let client = Client::try_from(config).map_err(config_err)?;
            return Ok(Connection {
                client,
                warm: None,
                server,
                seen: None,
                exec_expiration,
            });
        }
        let key = TransportKey {
            server: config.cluster_url.to_string(),
            root_cert: config.root_cert.clone(),
            root_cert_file: config.root_cert_file.clone(),
            insecure: config.accept_invalid_certs,
            tls_server_name: config.tls_server_name.clone(),
            identity,
        };
        let shared = self.shared(key, &config)?;
        let service = ServiceBuilder::new()
            .layer(config.base_uri_layer())
            .option_layer(config.auth_layer().map_err(config_err)?)
            .layer(config.extra_headers_layer().map_err(config_err)?)
            .service(shared.http.clone().map_err(BoxError::from));
        let namespace = config.default_namespace.clone();
        Ok(Connection {
            client: Client::new(service, namespace),
            warm: Some(shared.warm),
            server,
            seen: Some(shared.seen),
            exec_expiration,
        })
    }

    fn shared(&self, key: TransportKey, config: &Config) -> Result<Shared, Failure> {
        let mut pools = self.pools.lock().expect("no panics while locked");
        if let Some(shared) = pools.get(&key) {
            return Ok(shared.clone());
        }
        let config_err =
            |e: &dyn std::error::Error| Failure::new(FailureKind::Config, config_error(e));
        let mut tls = config.rustls_client_config().map_err(|e| config_err(&e))?;
        // The server's certificate is noted during the handshake, by the same verifier.
        let seen = Arc::new(Seen::default());
        let inner = super::tls::verifier_for(config, Arc::clone(tls.crypto_provider()))
            .map_err(|e| Failure::new(FailureKind::Config, e))?;
        tls.dangerous()
            .set_certificate_verifier(Arc::new(Recording::new(inner, Arc::clone(&seen))));
        let mut http = HttpConnector::new();
        http.enforce_http(false);
        http.set_nodelay(true);
        let mut builder = hyper_rustls::HttpsConnectorBuilder::new()
            .with_tls_config(tls)
            .https_or_http();
        if let Some(name) = &config.tls_server_name {
            let name = name.clone().try_into().map_err(|e| {
                config_err(&kube::Error::RustlsTls(
                    kube::client::RustlsTlsError::InvalidServerName(e),
                ))
            })?;
            builder =
                builder.with_server_name_resolver(hyper_rustls::FixedServerNameResolver::new(name));
        }
        let connector = builder.enable_http1().enable_http2().wrap_connector(http);
        let shared = Shared {
            http: HttpClient::builder(TokioExecutor::new()).build(connector),
            warm: Arc::new(OnceCell::new()),
            seen,
        };
        pools.insert(key, shared.clone());
        Ok(shared)
    }
}

/// The client certificate a user presents, as a key (never shown).
fn identity_key(auth: &AuthInfo) -> Option<Secret> {
    let parts = [
        auth.client_certificate.clone(),
        auth.client_certificate_data.clone(),
        auth.client_key.clone(),
        auth.client_key_data
            .as_ref()
            .map(|k| k.expose_secret().to_string()),
    ];
    if parts.iter().all(Option::is_none) {
        return None;
    }
    Some(Secret::new(
        parts
            .iter()
            .map(|p| p.as_deref().unwrap_or(""))
            .collect::<Vec<_>>()
            .join("\0"),
    ))
}

/// serde's message without the values it quotes: `invalid type: integer `123`, expected a
/// string` shows the value, and in a user entry that value may be a secret (an exec
/// environment value or an auth-provider setting written as a number).
fn without_values(e: &serde_json::Error) -> String {
    let text = e.to_string();
    let mut out = String::with_capacity(text.len());
    let mut quote: Option<char> = None;
    for c in text.chars() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '`' || c == '"' => {
                quote = Some(c);
                // `integer `5`` reads as `integer`: drop the space before the value too.
                if out.ends_with(' ') {
                    out.pop();
                }
            }
            None => out.push(c),
        }
    }
    out
}

/// kube-client's configuration errors name files and fields, never secret values; keep the
/// chain on one line.
fn config_error(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        let text = s.to_string();
        if !msg.contains(&text) {
            msg.push_str(": ");
            msg.push_str(&text);
        }
        source = s.source();
    }
    msg
}
