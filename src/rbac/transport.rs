//! Sending one request to an API server through a context's client: retried when a shared
//! connection drops under it (another context's 401 closes it) and on 429 while the server's
//! Retry-After fits the deadline; every failure becomes a [`Failure`] of the right kind, with a
//! message that names the server and never repeats a credential.

use std::time::Duration;

use bytes::Bytes;
use http::{Method, Request, StatusCode};
use http_body_util::BodyExt;
use kube::client::Body;
use serde::Deserialize;
use tokio::time::Instant;

use kube::Client;

use super::{Failure, FailureKind};

/// Asks one server, through one context's client, until `deadline`: the requests are sent
/// here, the questions are [`super::review`]'s.
pub struct Asker<'a> {
    pub client: &'a Client,
    pub server: &'a str,
    pub deadline: Option<Instant>,
}

impl Asker<'_> {
    /// A cheap request that opens the shared connection (see `client::Shared::warm`). A
    /// connection that cannot be made (refused, TLS) is the answer for every context that
    /// shares it; an HTTP answer of any status means the connection works.
    pub async fn warm_up(&self) -> Option<Failure> {
        for attempt in 1u64.. {
            let req = Request::builder()
                .method(Method::GET)
                .uri("/version")
                .body(Body::empty())
                .expect("a valid request");
            match self.client.send(req).await {
                Ok(res) => {
                    let _ = res.into_body().collect().await;
                    return None;
                }
                Err(kube::Error::Auth(_)) => return None,
                Err(e) if attempt < 5 && connection_dropped(&e) => {
                    tokio::time::sleep(Duration::from_millis(5 * attempt)).await;
                    continue;
                }
                Err(e) => return Some(transport_failure(&e, self.server)),
            }
        }
        None
    }

    /// Creates nothing: a POST of `body` to a collection with `dryRun=All` (the only POST this
    /// module sends outside the reviews), and the server's answer whatever its status (an
    /// admission refusal is an answer); transport failures, exhausted 429s and HTML pages are
    /// [`Failure`]s.
    pub async fn dry_run_create(
        &self,
        path: &DryRun,
        body: Vec<u8>,
    ) -> Result<(StatusCode, Bytes), Failure> {
        self.exchange(
            Method::POST,
            &path.0,
            Some(body),
            "application/json",
            "create",
        )
        .await
    }

    /// Reads one object's metadata only (`PartialObjectMetadata`: a Secret's data never comes
    /// back), with the server's answer whatever its status.
    pub async fn get_metadata(&self, path: &str) -> Result<(StatusCode, Bytes), Failure> {
        self.exchange(
            Method::GET,
            path,
            None,
            "application/json;as=PartialObjectMetadata;g=meta.k8s.io;v=v1,application/json",
            "get",
        )
        .await
    }

    /// [`Asker::call`]'s retries, then any HTTP answer but a 429 as it came.
    async fn exchange(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        accept: &str,
        what: &str,
    ) -> Result<(StatusCode, Bytes), Failure> {
        match self.send(method, path, body, what, accept, true).await {
            Ok(answer) => Ok(answer),
            Err(NotServed) => Err(Failure::new(
                FailureKind::BadResponse,
                format!("{} answered 404 to a request to {what}", self.server),
            )),
            // With `any_status` a 409 comes back as an answer; a conflict here is only a
            // refusal by another name.
            Err(Refused(f) | Conflict(f)) => Err(f),
        }
    }

    /// One request, retried on 429 while the server's Retry-After fits before the deadline.
    pub(crate) async fn call(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        what: &str,
    ) -> Result<(StatusCode, Bytes), CallError> {
        self.send(method, path, body, what, "application/json", false)
            .await
    }

    /// `any_status`: hand every HTTP answer but a 429 back rather than classifying it.
    async fn send(
        &self,
        method: Method,
        path: &str,
        body: Option<Vec<u8>>,
        what: &str,
        accept: &str,
        any_status: bool,
    ) -> Result<(StatusCode, Bytes), CallError> {
        let mut attempt = 0;
        let mut drops = 0u32;
        loop {
            attempt += 1;
            let mut req = Request::builder()
                .method(method.clone())
                .uri(path)
                .header(http::header::ACCEPT, accept);
            if body.is_some() {
                req = req.header(http::header::CONTENT_TYPE, "application/json");
            }
            let req = req
                .body(Body::from(body.clone().unwrap_or_default()))
                .expect("a valid request");
            let res = match self.client.send(req).await {
                Ok(res) => res,
                // A shared HTTP/2 connection can be closed under a request by another context's
                // rejected credentials (the API server answers a 401 with GOAWAY): the server
                // never handled it, and a review changes nothing, so ask again on a new
                // connection, as client-go does.
                Err(e) if drops < 5 && connection_dropped(&e) => {
                    drops += 1;
                    attempt -= 1;
                    // Give the pool a moment to let go of the closing connection.
                    tokio::time::sleep(Duration::from_millis(5 * u64::from(drops))).await;
                    continue;
                }
                Err(e) => return Err(Refused(transport_failure(&e, self.server))),
            };
            let status = res.status();
            let retry_after = res
                .headers()
                .get(http::header::RETRY_AFTER)
                .and_then(|v| v.to_str().ok())
                .and_then(|v| v.trim().parse::<u64>().ok());
            let html = res
                .headers()
                .get(http::header::CONTENT_TYPE)
                .and_then(|v| v.to_str().ok())
                .is_some_and(|v| v.contains("html"));
            let bytes = res
                .into_body()
                .collect()
                .await
                .map_err(|e| Refused(transport_failure(&e, self.server)))?
                .to_bytes();
            if status.is_success()
                || (any_status && status != StatusCode::TOO_MANY_REQUESTS && !html)
            {
                if html {
                    return Err(Refused(Failure::new(
                        FailureKind::BadResponse,
                        format!(
                            "{} answered with an HTML page, not the Kubernetes API \
                             (a proxy or login page in the way?)",
                            self.server
                        ),
                    )));
                }
                return Ok((status, bytes));
            }
            let detail = status_message(&bytes)
                .map(|m| format!(": {m}"))
                .unwrap_or_default();
            let code = status.as_u16();
            let failure = |kind, text: String| Err(Refused(Failure::new(kind, text)));
            match status {
                StatusCode::NOT_FOUND => return Err(NotServed),
                // An object that exists already, or a precondition (uid, resourceVersion)
                // that no longer holds: the caller decides what that means.
                StatusCode::CONFLICT => {
                    return Err(Conflict(Failure::new(
                        FailureKind::BadResponse,
                        format!(
                            "{} answered 409 to a request to {what}{detail}",
                            self.server
                        ),
                    )));
                }
                StatusCode::UNAUTHORIZED => {
                    return failure(
                        FailureKind::Unauthorized,
                        format!(
                            "{} rejected the credentials (401 Unauthorized: expired or wrong?){detail}",
                            self.server
                        ),
                    );
                }
                StatusCode::FORBIDDEN => {
                    return failure(
                        FailureKind::Forbidden,
                        format!("may not {what} on {} (403){detail}", self.server),
                    );
                }
                StatusCode::TOO_MANY_REQUESTS => {
                    let wait = Duration::from_secs(retry_after.unwrap_or(1).max(1));
                    let fits = self.deadline.is_none_or(|d| Instant::now() + wait < d);
                    if fits && attempt < 5 {
                        tokio::time::sleep(wait).await;
                        continue;
                    }
                    return failure(
                        FailureKind::Throttled,
                        format!(
                            "{} is throttling requests (429, retry after {} s){detail}",
                            self.server,
                            wait.as_secs()
                        ),
                    );
                }
                s if s.is_server_error() => {
                    let detail = if html { String::new() } else { detail };
                    return failure(
                        FailureKind::ServerError,
                        format!("{} failed to {what} ({code}){detail}", self.server),
                    );
                }
                _ => {
                    return failure(
                        FailureKind::BadResponse,
                        format!(
                            "{} answered {code} to a request to {what}{detail}",
                            self.server
                        ),
                    );
                }
            }
        }
    }
}

/// A collection path with `dryRun=All`: the only way to build the path of
/// [`Asker::dry_run_create`], so that nothing it sends can create an object.
pub struct DryRun(String);

impl DryRun {
    /// `collection` is a path without a query (`/api/v1/namespaces/NS/pods`).
    pub fn create(collection: &str) -> DryRun {
        let collection = collection.split(['?', '#']).next().unwrap_or("");
        DryRun(format!("{collection}?dryRun=All"))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Why a request gave no answer.
pub enum CallError {
    /// 404: the API (or the object) is not here.
    NotServed,
    /// 409: the object exists already, or a precondition failed.
    Conflict(Failure),
    Refused(Failure),
}
use CallError::{Conflict, NotServed, Refused};

impl From<CallError> for Failure {
    fn from(e: CallError) -> Self {
        match e {
            NotServed => Failure::new(
                FailureKind::BadResponse,
                "the API server does not serve authorization.k8s.io/v1",
            ),
            Conflict(f) | Refused(f) => f,
        }
    }
}

/// The `message` of a Kubernetes Status body, one line and bounded (escaped when rendered).
fn status_message(bytes: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct Status {
        message: Option<String>,
    }
    let msg = serde_json::from_slice::<Status>(bytes).ok()?.message?;
    let msg = msg.lines().next().unwrap_or("").trim();
    let msg: String = if msg.chars().count() > 200 {
        format!("{}…", msg.chars().take(199).collect::<String>())
    } else {
        msg.to_string()
    };
    (!msg.is_empty()).then_some(msg)
}

/// The errors of `e`, outermost first, looking inside `io::Error`s.
fn chain<'a>(
    e: &'a (dyn std::error::Error + 'static),
) -> Vec<&'a (dyn std::error::Error + 'static)> {
    let mut chain: Vec<&(dyn std::error::Error + 'static)> = Vec::new();
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        chain.push(err);
        // io::Error's source() skips the error it wraps; step into it instead.
        cur = match err
            .downcast_ref::<std::io::Error>()
            .and_then(|io| io.get_ref())
        {
            Some(inner) => Some(inner as &(dyn std::error::Error + 'static)),
            None => err.source(),
        };
    }
    chain
}

/// An established connection went away under the request (GOAWAY, reset, closed), as opposed
/// to a connection that could not be made or a server that answered.
fn connection_dropped(e: &(dyn std::error::Error + 'static)) -> bool {
    let chain = chain(e);
    let connect = chain.iter().any(|e| {
        e.downcast_ref::<hyper_util::client::legacy::Error>()
            .is_some_and(|h| h.is_connect())
    });
    if connect {
        return false;
    }
    chain.iter().any(|e| {
        if let Some(h) = e.downcast_ref::<hyper::Error>() {
            return h.is_closed() || h.is_canceled() || h.is_incomplete_message();
        }
        if let Some(io) = e.downcast_ref::<std::io::Error>() {
            use std::io::ErrorKind::*;
            return matches!(io.kind(), ConnectionReset | ConnectionAborted | BrokenPipe);
        }
        let text = e.to_string();
        text.contains("connection error") || text.contains("GOAWAY") || text.contains("go away")
    })
}

/// A transport error as the operator needs it: which kind, and the innermost cause.
pub fn transport_failure(e: &(dyn std::error::Error + 'static), server: &str) -> Failure {
    let chain = chain(e);
    if let Some(tls) = chain.iter().find_map(|e| e.downcast_ref::<rustls::Error>()) {
        return Failure::new(
            FailureKind::Tls,
            format!("TLS with {server} failed: {}", tls_reason(tls)),
        );
    }
    if let Some(auth) = chain
        .iter()
        .find_map(|e| e.downcast_ref::<kube::client::AuthError>())
    {
        return Failure::new(
            FailureKind::Config,
            format!("credentials: {}", &auth.to_string()),
        );
    }
    let last = chain.last().map(|e| e.to_string()).unwrap_or_default();
    if last.contains("dns error") || last.contains("failed to lookup") {
        return Failure::new(
            FailureKind::Unreachable,
            format!("cannot resolve {server}: {}", &last),
        );
    }
    let io = chain
        .iter()
        .find_map(|e| e.downcast_ref::<std::io::Error>());
    if let Some(io) = io {
        use std::io::ErrorKind::*;
        let kind = match io.kind() {
            ConnectionRefused | HostUnreachable | NetworkUnreachable | AddrNotAvailable
            | NotFound => FailureKind::Unreachable,
            TimedOut => FailureKind::Timeout,
            _ => FailureKind::BadResponse,
        };
        let text = match kind {
            FailureKind::Unreachable => format!("cannot connect to {server}: {io}"),
            FailureKind::Timeout => format!("{server} did not answer in time: {io}"),
            _ => format!("the connection to {server} failed: {io}"),
        };
        return Failure::new(kind, &text);
    }
    let hyper = chain.iter().find_map(|e| e.downcast_ref::<hyper::Error>());
    if let Some(h) = hyper
        && (h.is_incomplete_message() || h.is_closed() || h.is_parse() || h.is_canceled())
    {
        return Failure::new(
            FailureKind::BadResponse,
            format!(
                "{server} closed the connection or sent something that is not HTTP: {}",
                &h.to_string()
            ),
        );
    }
    let connect = chain.iter().any(|e| {
        e.downcast_ref::<hyper_util::client::legacy::Error>()
            .is_some_and(|h| h.is_connect())
    });
    Failure::new(
        if connect {
            FailureKind::Unreachable
        } else {
            FailureKind::BadResponse
        },
        format!("request to {server} failed: {}", &last),
    )
}

/// rustls' reason, in the operator's words where a date is the point: a certificate of the
/// server's chain that expired (or is not valid yet) says when.
fn tls_reason(e: &rustls::Error) -> String {
    use rustls::CertificateError as C;
    let at = |t: &rustls::pki_types::UnixTime| {
        crate::credentials::rfc3339(i64::try_from(t.as_secs()).unwrap_or(i64::MAX))
    };
    match e {
        rustls::Error::InvalidCertificate(C::ExpiredContext { not_after, .. }) => format!(
            "the server's certificate expired on {} (renew the API server's serving \
             certificate)",
            at(not_after)
        ),
        rustls::Error::InvalidCertificate(C::Expired) => {
            "the server's certificate has expired (renew the API server's serving certificate)"
                .to_string()
        }
        rustls::Error::InvalidCertificate(C::NotValidYetContext { not_before, .. }) => format!(
            "the server's certificate is not valid before {} (a clock off here or there?)",
            at(not_before)
        ),
        other => other.to_string(),
    }
}

/// A kube error as a [`Failure`]: the server's own message for API errors (never a
/// credential: the requests carry none in their bodies), the transport's kind otherwise.
pub fn kube_failure(e: &kube::Error, server: &str, what: &str) -> Failure {
    match e {
        kube::Error::Api(status) => {
            let kind = match status.code {
                401 => FailureKind::Unauthorized,
                403 => FailureKind::Forbidden,
                429 => FailureKind::Throttled,
                c if c >= 500 => FailureKind::ServerError,
                _ => FailureKind::BadResponse,
            };
            let hint = if status.code == 409 {
                " (another field manager owns these fields: --force-conflicts takes them over)"
            } else {
                ""
            };
            Failure::new(
                kind,
                format!(
                    "{server}: cannot {what} ({}): {}{hint}",
                    status.code,
                    status.message.lines().next().unwrap_or("")
                ),
            )
        }
        other => transport_failure(other, server),
    }
}
