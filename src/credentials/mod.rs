//! Credential health, offline: every certificate and token each context uses, read without
//! the network: a client certificate's and each CA certificate's subject (CN and O), issuer
//! and validity (X.509, parsed by `x509-parser`), and a token's claims when it is a JWT
//! (`exp`, `iat`/`nbf`, `sub`, the ServiceAccount claims; decoded, never verified: we cannot).
//! Each problem is a [`Finding`] at the kubeconfig entry, so `lint` and the `credentials`
//! command report them alike. It reads `kubeconfig::Context`s and sits beside `rbac`, below
//! `output`.
//!
//! Nothing here keeps a token, a key or a certificate body: a [`Credential`] holds names and
//! times only. "Now" is a parameter everywhere; [`now`] is the system clock, for commands.
//!
//! The online half (the API server's certificate, an exec plugin's `expirationTimestamp`,
//! naming an expired credential in a 401) is `rbac`'s: it asks, and judges with what is here.

use std::collections::BTreeMap;

use base64::Engine;
use serde::Serialize;
use serde_json::Value;
use x509_parser::prelude::{FromDer, X509Certificate, X509Name};

use crate::finding::Finding;
use crate::kubeconfig::client::{data_or_file, pem_certificates};
use crate::kubeconfig::{Context, ContextSet, Entry, Target};
use crate::source::Origin;

const DAY: i64 = 24 * 3600;
/// `credential-expiring` needs less than this left (and less than a fifth of the lifetime).
pub const WARNING_WINDOW: i64 = 30 * DAY;

/// What a credential is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    ClientCertificate,
    CertificateAuthority,
    Token,
    /// An exec credential plugin: offline its expiry is unknown; `check-rbac` runs it and
    /// reads `status.expirationTimestamp`.
    Exec,
}

impl Kind {
    /// The name in `-o json|yaml` and in messages.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::ClientCertificate => "client-certificate",
            Kind::CertificateAuthority => "certificate-authority",
            Kind::Token => "token",
            Kind::Exec => "exec",
        }
    }
}

/// When a credential counts as expiring.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Window {
    /// Under a fifth of its lifetime and under 30 days left.
    #[default]
    Lifetime,
    /// Under this many seconds left (`lint --expiry-warning`).
    Fixed(i64),
}

/// Where something valid from `not_before` to `not_after` stands at `now`: the one rule for
/// kubeconfig credentials and for the certificates API servers present.
pub fn judge(not_before: Option<i64>, not_after: i64, now: i64, window: Window) -> Status {
    if let Some(nb) = not_before
        && nb > now
    {
        return Status::NotYetValid;
    }
    if not_after <= now {
        return Status::Expired;
    }
    let left = not_after - now;
    let expiring = match window {
        // Without a start the lifetime is unknown: the fixed 30 days alone decide.
        Window::Lifetime => {
            left < WARNING_WINDOW && left < not_before.map_or(i64::MAX, |nb| (not_after - nb) / 5)
        }
        Window::Fixed(w) => left < w,
    };
    if expiring {
        Status::Expiring
    } else {
        Status::Valid
    }
}

/// When a credential stops working, as far as can be told offline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expiry {
    /// At this time (seconds since the epoch, UTC).
    At(i64),
    /// A ServiceAccount token without `exp`: a legacy Secret-based token.
    Never,
    /// An opaque token, or a JWT that is no ServiceAccount's and says nothing.
    Unknown,
    /// The credential could not be read (bad base64, a missing file, no certificate that
    /// parses): `lint` reports it as `prow-startup-error` when Prow would refuse it.
    Unreadable,
}

/// One certificate or token, by name and times only.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Credential {
    pub kind: Kind,
    /// The kubeconfig entry that holds it (the user, or the cluster for a CA).
    pub origin: Origin,
    /// The entry's name (`users[].name`, `clusters[].name`).
    pub entry: String,
    /// A certificate's subject as `CN=..,O=..`, or a token's `sub`.
    pub subject: Option<String>,
    /// A certificate's issuer as `CN=..,O=..`; a token's `iss`.
    pub issuer: Option<String>,
    /// NotBefore, or a token's `nbf` (else `iat`).
    pub not_before: Option<i64>,
    pub expiry: Expiry,
    /// A ServiceAccount token's `namespace/name`.
    pub service_account: Option<String>,
    /// Which certificate of a CA bundle (0 for everything else).
    pub index: usize,
}

impl Credential {
    pub fn not_after(&self) -> Option<i64> {
        match self.expiry {
            Expiry::At(t) => Some(t),
            _ => None,
        }
    }

    /// Where it stands at `now` (the fifth-of-lifetime, 30-day warning window).
    pub fn status(&self, now: i64) -> Status {
        self.status_within(now, Window::Lifetime)
    }

    /// Where it stands at `now`, expiring within `window`.
    pub fn status_within(&self, now: i64, window: Window) -> Status {
        if let Some(nb) = self.not_before
            && nb > now
        {
            return Status::NotYetValid;
        }
        match self.expiry {
            Expiry::Never => Status::LongLived,
            Expiry::Unknown => Status::Unknown,
            Expiry::Unreadable => Status::Unreadable,
            // An exec plugin issues a fresh credential whenever it is run: a short life left
            // is the normal case, not a warning.
            Expiry::At(t) if self.kind == Kind::Exec && t > now => Status::Valid,
            Expiry::At(t) => judge(self.not_before, t, now, window),
        }
    }

    /// The row `-o json|yaml` prints for it (`credentials`, `contexts`, `check-rbac`).
    pub fn row(&self, now: i64, window: Window) -> CredentialRow {
        CredentialRow {
            kind: self.kind.as_str(),
            source: Source {
                file: self.origin.file.display().to_string(),
                line: self.origin.line,
            },
            subject: self.subject.clone(),
            issuer: self.issuer.clone(),
            not_before: self.not_before.map(rfc3339),
            not_after: self.not_after().map(rfc3339),
            status: self.status_within(now, window).as_str(),
            service_account: self.service_account.clone(),
        }
    }
}

/// One credential as scripts see it. The keys are an interface: add, never rename. Names
/// and times only: there is no secret here to print.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialRow {
    /// client-certificate, certificate-authority, token or exec.
    pub kind: &'static str,
    pub source: Source,
    /// A certificate's `CN=..,O=..`, or a token's `sub`; never the token.
    pub subject: Option<String>,
    pub issuer: Option<String>,
    /// RFC 3339; null when unknown.
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    /// expired, not-yet-valid, expiring, long-lived (never expires), unreadable, unknown
    /// (an opaque token, an exec plugin before it runs) or valid.
    pub status: &'static str,
    /// A ServiceAccount token's `namespace/name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account: Option<String>,
}

/// The kubeconfig entry a credential is in.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Source {
    pub file: String,
    pub line: u32,
}

/// A credential's state at a given time.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Expired,
    NotYetValid,
    Expiring,
    LongLived,
    Unreadable,
    Unknown,
    Valid,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Expired => "expired",
            Status::NotYetValid => "not-yet-valid",
            Status::Expiring => "expiring",
            Status::LongLived => "long-lived",
            Status::Unreadable => "unreadable",
            Status::Unknown => "unknown",
            Status::Valid => "valid",
        }
    }

    /// Expired or not yet valid: the credential does not work now.
    pub fn is_invalid(self) -> bool {
        matches!(self, Status::Expired | Status::NotYetValid)
    }
}

/// Every credential one context uses.
#[derive(Clone, Debug)]
pub struct ContextCredentials {
    pub context: String,
    pub credentials: Vec<Credential>,
}

impl ContextCredentials {
    /// Whether a credential of the context does not work at `now`: expired or not yet valid.
    /// A CA certificate counts only when no other certificate of its bundle is valid (after a
    /// CA rotation the bundle rightly holds the old one until it expires).
    pub fn broken(&self, now: i64) -> bool {
        self.credentials
            .iter()
            .any(|c| c.status(now).is_invalid() && !covered(c, &self.credentials, now))
    }

    /// The earliest known `notAfter` of the context's credentials.
    pub fn expires(&self) -> Option<i64> {
        self.credentials.iter().filter_map(|c| c.not_after()).min()
    }

    /// When the context stops working, as far as is known at `now`: the earliest `notAfter`,
    /// leaving out an expired CA certificate that another of its bundle stands in for.
    pub fn stops(&self, now: i64) -> Expiry {
        let counted = || {
            self.credentials
                .iter()
                .filter(|c| !(c.status(now).is_invalid() && covered(c, &self.credentials, now)))
        };
        if let Some(t) = counted().filter_map(Credential::not_after).min() {
            return Expiry::At(t);
        }
        // Never only when every credential says so: an opaque token or an exec plugin
        // beside a legacy token leaves it unknown.
        if self.credentials.iter().any(|c| c.expiry == Expiry::Never)
            && counted().all(|c| c.expiry == Expiry::Never)
        {
            return Expiry::Never;
        }
        Expiry::Unknown
    }

    /// Whether a credential of the context has expired or expires within `window` (an
    /// expired CA certificate that another of its bundle stands in for does not count).
    pub fn needs_attention(&self, now: i64, window: Window) -> bool {
        self.credentials.iter().any(|c| {
            matches!(
                c.status_within(now, window),
                Status::Expired | Status::Expiring
            ) && !covered(c, &self.credentials, now)
        })
    }
}

/// `in 36h`, `expired 2d ago`, `never` or `-` (unknown): the EXPIRES column.
pub fn expires_label(expiry: Expiry, now: i64) -> String {
    match expiry {
        Expiry::At(t) => relative(t, now),
        Expiry::Never => "never".to_string(),
        Expiry::Unknown | Expiry::Unreadable => "-".to_string(),
    }
}

/// Whether `c` is a CA certificate whose bundle (in `all`) holds another that is valid.
fn covered(c: &Credential, all: &[Credential], now: i64) -> bool {
    c.kind == Kind::CertificateAuthority
        && all.iter().any(|o| {
            o.kind == Kind::CertificateAuthority
                && o.origin == c.origin
                && o.index != c.index
                && matches!(o.status(now), Status::Valid | Status::Expiring)
        })
}

/// The system clock, in seconds since the epoch.
pub fn now() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}

/// Every context's credentials, in the set's order (Prow's synthesized aliases left out:
/// they are the contexts they stand for).
pub fn read(set: &ContextSet) -> Vec<ContextCredentials> {
    set.contexts
        .iter()
        .filter(|c| c.alias_of.is_none())
        .map(|c| ContextCredentials {
            context: c.name.as_str().to_string(),
            credentials: of_context(c),
        })
        .collect()
}

/// Every context's credentials, aliases included (each has its target's): one per row of
/// `contexts`.
pub fn read_with_aliases(set: &ContextSet) -> Vec<ContextCredentials> {
    set.contexts
        .iter()
        .map(|c| ContextCredentials {
            context: c.name.as_str().to_string(),
            credentials: of_context(c),
        })
        .collect()
}

/// The credentials of one context: the client certificate and the token of its user, then
/// every certificate of its cluster's CA bundle.
pub fn of_context(context: &Context) -> Vec<Credential> {
    let mut out = Vec::new();
    if let Some(user) = &context.credentials {
        if let Some(bytes) = data_or_file(user, "client-certificate-data", "client-certificate") {
            // Go's tls.X509KeyPair: the first CERTIFICATE block is the client's.
            let first = pem_certificates(&bytes).into_iter().next();
            out.push(certificate(
                Kind::ClientCertificate,
                user,
                0,
                first.as_deref(),
            ));
        }
        if let Some(t) = token(user) {
            out.push(t);
        }
        if user.body.get("exec").is_some_and(|e| !e.is_null()) {
            out.push(exec(user, None));
        }
    }
    if let Target::Cluster(cluster) = &context.target
        && let Some(bytes) = data_or_file(
            cluster,
            "certificate-authority-data",
            "certificate-authority",
        )
    {
        let blocks = pem_certificates(&bytes);
        if blocks.is_empty() {
            out.push(certificate(Kind::CertificateAuthority, cluster, 0, None));
        }
        for (i, der) in blocks.iter().enumerate() {
            out.push(certificate(
                Kind::CertificateAuthority,
                cluster,
                i,
                Some(der),
            ));
        }
    }
    out
}

/// The exec plugin of `user`: what it said about its credential's expiry (`check-rbac`
/// runs it), or nothing known (offline).
pub fn exec(user: &Entry, expiration: Option<i64>) -> Credential {
    Credential {
        kind: Kind::Exec,
        origin: user.origin.clone(),
        entry: user.name.clone(),
        subject: None,
        issuer: None,
        not_before: None,
        expiry: expiration.map_or(Expiry::Unknown, Expiry::At),
        service_account: None,
        index: 0,
    }
}

/// What a certificate says about itself: subject, issuer and validity.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Certificate {
    /// `CN=..,O=..`.
    pub subject: String,
    pub issuer: String,
    pub not_before: i64,
    pub not_after: i64,
}

/// Parses one DER certificate; `None` when it does not parse.
pub fn parse_certificate(der: &[u8]) -> Option<Certificate> {
    let (_, cert) = X509Certificate::from_der(der).ok()?;
    Some(Certificate {
        subject: name(cert.subject()),
        issuer: name(cert.issuer()),
        not_before: cert.validity().not_before.timestamp(),
        not_after: cert.validity().not_after.timestamp(),
    })
}

fn certificate(kind: Kind, entry: &Entry, index: usize, der: Option<&[u8]>) -> Credential {
    let mut c = Credential {
        kind,
        origin: entry.origin.clone(),
        entry: entry.name.clone(),
        subject: None,
        issuer: None,
        not_before: None,
        expiry: Expiry::Unreadable,
        service_account: None,
        index,
    };
    if let Some(cert) = der.and_then(parse_certificate) {
        c.subject = Some(cert.subject);
        c.issuer = Some(cert.issuer);
        c.not_before = Some(cert.not_before);
        c.expiry = Expiry::At(cert.not_after);
    }
    c
}

/// `CN=..,O=..,O=..`: what Kubernetes reads from a client certificate (the user name and its
/// groups); other attributes are left out.
fn name(n: &X509Name<'_>) -> String {
    let mut parts = Vec::new();
    for cn in n.iter_common_name() {
        parts.push(format!("CN={}", cn.as_str().unwrap_or("?")));
    }
    for o in n.iter_organization() {
        parts.push(format!("O={}", o.as_str().unwrap_or("?")));
    }
    parts.join(",")
}

/// The user's bearer token (inline wins over `tokenFile`, as in client-go), decoded when it
/// is a JWT. The token itself is dropped here.
fn token(user: &Entry) -> Option<Credential> {
    let text = match (user.field("token"), user.field("tokenFile")) {
        (Some(t), _) => Some(t.trim().to_string()),
        (None, Some(path)) => crate::source::read_bounded(std::path::Path::new(path))
            .ok()
            .map(|b| String::from_utf8_lossy(&b).trim().to_string()),
        (None, None) => return None,
    };
    let mut c = Credential {
        kind: Kind::Token,
        origin: user.origin.clone(),
        entry: user.name.clone(),
        subject: None,
        issuer: None,
        not_before: None,
        expiry: Expiry::Unreadable,
        service_account: None,
        index: 0,
    };
    let Some(text) = text else {
        return Some(c);
    };
    c.expiry = Expiry::Unknown;
    let Some(claims) = jwt_claims(&text) else {
        return Some(c);
    };
    let str_claim = |k: &str| claims.get(k).and_then(Value::as_str).map(str::to_string);
    let int_claim = |k: &str| claims.get(k).and_then(Value::as_f64).map(|f| f as i64);
    c.subject = str_claim("sub");
    c.issuer = str_claim("iss");
    c.not_before = int_claim("nbf").or_else(|| int_claim("iat"));
    // TokenRequest tokens: `kubernetes.io: {namespace, serviceaccount: {name}}`; legacy
    // Secret-based ones: flat `kubernetes.io/serviceaccount/...` claims.
    let k8s = claims.get("kubernetes.io");
    let ns = k8s
        .and_then(|k| k.get("namespace"))
        .and_then(Value::as_str)
        .or_else(|| {
            claims
                .get("kubernetes.io/serviceaccount/namespace")
                .and_then(Value::as_str)
        });
    let sa = k8s
        .and_then(|k| k.get("serviceaccount"))
        .and_then(|s| s.get("name"))
        .and_then(Value::as_str)
        .or_else(|| {
            claims
                .get("kubernetes.io/serviceaccount/service-account.name")
                .and_then(Value::as_str)
        });
    c.service_account = match (ns, sa) {
        (Some(ns), Some(sa)) => Some(format!("{ns}/{sa}")),
        _ => c
            .subject
            .as_deref()
            .and_then(|s| s.strip_prefix("system:serviceaccount:"))
            .and_then(|rest| rest.split_once(':'))
            .map(|(ns, sa)| format!("{ns}/{sa}")),
    };
    c.expiry = match int_claim("exp") {
        Some(exp) => Expiry::At(exp),
        None if c.service_account.is_some() => Expiry::Never,
        None => Expiry::Unknown,
    };
    Some(c)
}

/// A JWT's payload: three base64url parts, the middle one a JSON object. `None` for anything
/// else (an opaque token).
fn jwt_claims(token: &str) -> Option<serde_json::Map<String, Value>> {
    let mut parts = token.split('.');
    let (Some(_), Some(payload), Some(_), None) =
        (parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return None;
    };
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    match serde_json::from_slice(&bytes).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

/// `lint`'s credential findings at `now`: `credential-expired`, `credential-not-yet-valid`,
/// `credential-expiring` and `long-lived-token`, one per credential (a user or cluster
/// several contexts share is reported once, naming them all), at the entry.
pub fn check(set: &ContextSet, now: i64) -> Vec<Finding> {
    check_within(set, now, Window::Lifetime)
}

/// [`check`], `credential-expiring` within `window`.
pub fn check_within(set: &ContextSet, now: i64, window: Window) -> Vec<Finding> {
    // (origin, kind, index) → the credential, the contexts using it, and whether another
    // certificate of its CA bundle stands in for it.
    type Seen = (Credential, Vec<String>, bool);
    let mut seen: BTreeMap<(Origin, Kind, usize), Seen> = BTreeMap::new();
    for cc in read(set) {
        for c in &cc.credentials {
            let is_covered = covered(c, &cc.credentials, now);
            seen.entry((c.origin.clone(), c.kind, c.index))
                .or_insert_with(|| (c.clone(), Vec::new(), is_covered))
                .1
                .push(cc.context.clone());
        }
    }
    let mut out = Vec::new();
    for (c, contexts, is_covered) in seen.into_values() {
        if is_covered && c.status(now).is_invalid() {
            continue;
        }
        if let Some(f) = finding(&c, &contexts, now, window) {
            out.push(f);
        }
    }
    out
}

fn finding(c: &Credential, contexts: &[String], now: i64, window: Window) -> Option<Finding> {
    let status = c.status_within(now, window);
    let what = describe(c);
    let used_by = match contexts {
        [one] => format!("context {one:?}"),
        many => format!(
            "contexts {}",
            many.iter()
                .map(|c| format!("{c:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    };
    let renew = renew_fix(c);
    let f = match status {
        Status::Expired => Finding::error(
            "credential-expired",
            Some(c.origin.clone()),
            format!(
                "{what} expired on {} ({}; {used_by} cannot authenticate)",
                rfc3339(c.not_after()?),
                relative(c.not_after()?, now)
            ),
            renew,
        ),
        Status::NotYetValid => Finding::error(
            "credential-not-yet-valid",
            Some(c.origin.clone()),
            format!(
                "{what} is not valid before {} ({used_by}); a clock off on this machine or the \
                 issuer's?",
                rfc3339(c.not_before?)
            ),
            format!("check the clocks, or {renew}"),
        ),
        Status::Expiring => Finding::warning(
            "credential-expiring",
            Some(c.origin.clone()),
            format!(
                "{what} expires on {} ({}; {used_by})",
                rfc3339(c.not_after()?),
                relative(c.not_after()?, now)
            ),
            renew,
        ),
        Status::LongLived => Finding::warning(
            "long-lived-token",
            Some(c.origin.clone()),
            format!(
                "{what} never expires: a legacy Secret-based ServiceAccount token ({used_by}); \
                 anyone who copies it keeps access until the Secret is deleted"
            ),
            format!(
                "use a TokenRequest token rotated by a periodic job: `kubectl prow grant ... \
                 --kubeconfig-out FILE` writes one for {}",
                c.service_account.as_deref().unwrap_or("the ServiceAccount")
            ),
        ),
        _ => return None,
    };
    Some(f.about(format!("{} {:?}", entry_kind(c), c.entry)))
}

fn entry_kind(c: &Credential) -> &'static str {
    match c.kind {
        Kind::CertificateAuthority => "cluster",
        _ => "user",
    }
}

/// "the client certificate of user "u" (CN=..)" and the like; never the credential itself.
pub fn describe(c: &Credential) -> String {
    let subject = c
        .subject
        .as_deref()
        .map(|s| format!(" ({s})"))
        .unwrap_or_default();
    match c.kind {
        Kind::ClientCertificate => format!("the client certificate of user {:?}{subject}", c.entry),
        Kind::CertificateAuthority => format!(
            "CA certificate {} of cluster {:?}{subject}",
            c.index + 1,
            c.entry
        ),
        Kind::Token => {
            let sa = c
                .service_account
                .as_deref()
                .map(|s| format!(" (ServiceAccount {s})"))
                .unwrap_or(subject);
            format!("the token of user {:?}{sa}", c.entry)
        }
        Kind::Exec => format!("the exec plugin's credential of user {:?}", c.entry),
    }
}

fn renew_fix(c: &Credential) -> String {
    match c.kind {
        Kind::ClientCertificate => format!(
            "issue a new client certificate for user {:?} (`kubeadm kubeconfig user \
             --client-name NAME`), or switch to a token: `kubectl prow grant ... \
             --kubeconfig-out FILE`",
            c.entry
        ),
        Kind::CertificateAuthority => format!(
            "put the cluster's current CA in cluster {:?}: `kubectl config set-cluster {} \
             --certificate-authority=ca.crt --embed-certs`",
            c.entry, c.entry
        ),
        Kind::Token => "write a fresh TokenRequest token: `kubectl prow grant ... \
                        --kubeconfig-out FILE`"
            .to_string(),
        Kind::Exec => format!(
            "log in again with the exec plugin of user {:?} (it issues the credential)",
            c.entry
        ),
    }
}

/// `2026-12-04T16:45:00Z`.
pub fn rfc3339(secs: i64) -> String {
    let days = secs.div_euclid(DAY);
    let rem = secs.rem_euclid(DAY);
    // Howard Hinnant's civil_from_days.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    format!(
        "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// `2026-12-04T16:45:00Z` (or with a fraction, or an offset) back to seconds since the epoch:
/// what an exec plugin's `expirationTimestamp` holds. `None` for anything else.
pub fn parse_rfc3339(s: &str) -> Option<i64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 20 || b[4] != b'-' || b[7] != b'-' || !matches!(b[10], b'T' | b't' | b' ') {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> {
        let part = s.get(r)?;
        part.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| part.parse().ok())?
    };
    let (y, mo, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    if b[13] != b':' || b[16] != b':' {
        return None;
    }
    let (h, mi, sec) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&mo) || !(1..=31).contains(&d) || h > 23 || mi > 59 || sec > 60 {
        return None;
    }
    let mut rest = &s[19..];
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        rest = &frac[digits..];
    }
    let offset = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6 && rest.as_bytes()[3] == b':' => {
            let sign = match rest.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            let oh: i64 = rest[1..3].parse().ok()?;
            let om: i64 = rest[4..6].parse().ok()?;
            sign * (oh * 3600 + om * 60)
        }
        _ => return None,
    };
    // Howard Hinnant's days_from_civil.
    let y = if mo <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (mo + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    let days = era * 146_097 + doe - 719_468;
    Some(days * DAY + h * 3600 + mi * 60 + sec - offset)
}

/// `in 36h`, `in 287d`, `expired 2d ago`: hours under two days, minutes under one hour.
pub fn relative(at: i64, now: i64) -> String {
    let span = |s: i64| {
        if s < 3600 {
            format!("{}m", s / 60)
        } else if s < 2 * DAY {
            format!("{}h", s / 3600)
        } else {
            format!("{}d", s / DAY)
        }
    };
    if at > now {
        format!("in {}", span(at - now))
    } else {
        format!("expired {} ago", span(now - at))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_and_spans() {
        assert_eq!(rfc3339(0), "1970-01-01T00:00:00Z");
        assert_eq!(rfc3339(951_782_400), "2000-02-29T00:00:00Z");
        assert_eq!(rfc3339(1_798_761_599), "2026-12-31T23:59:59Z");
        assert_eq!(relative(36 * 3600, 0), "in 36h");
        assert_eq!(relative(287 * DAY + 5, 0), "in 287d");
        assert_eq!(relative(0, 2 * DAY + 1), "expired 2d ago");
        assert_eq!(relative(600, 0), "in 10m");
        for t in [0, 951_782_400, 1_798_761_599, 4_102_444_800] {
            assert_eq!(parse_rfc3339(&rfc3339(t)), Some(t));
        }
        assert_eq!(
            parse_rfc3339("2026-12-04T18:00:00.5+01:00"),
            Some(1_796_403_600)
        );
        assert_eq!(parse_rfc3339("2026-12-04"), None);
        assert_eq!(parse_rfc3339("2026-13-04T18:00:00Z"), None);
    }

    #[test]
    fn a_fixed_window_replaces_the_fifth_of_the_lifetime() {
        // 10 days left of a year: expiring by the lifetime rule.
        let (nb, na, now) = (0, 365 * DAY, 355 * DAY);
        assert_eq!(judge(Some(nb), na, now, Window::Lifetime), Status::Expiring);
        assert_eq!(
            judge(Some(nb), na, now, Window::Fixed(7 * DAY)),
            Status::Valid
        );
        // 36 h left of a 48 h token: a fixed 7-day window says expiring, the lifetime rule not.
        let (nb, na, now) = (0, 48 * 3600, 12 * 3600);
        assert_eq!(judge(Some(nb), na, now, Window::Lifetime), Status::Valid);
        assert_eq!(
            judge(Some(nb), na, now, Window::Fixed(7 * DAY)),
            Status::Expiring
        );
        assert_eq!(judge(None, 0, 1, Window::Fixed(0)), Status::Expired);
    }

    #[test]
    fn only_a_three_part_jwt_with_a_json_object_is_decoded() {
        let b = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let jwt = format!("{}.{}.sig", b("{}"), b(r#"{"exp":5,"sub":"s"}"#));
        assert_eq!(jwt_claims(&jwt).unwrap()["exp"], 5);
        assert!(jwt_claims("opaque-token").is_none());
        assert!(jwt_claims(&format!("a.{}.c.d", b("{}"))).is_none());
        assert!(jwt_claims(&format!("a.{}.c", b("[1]"))).is_none());
    }
}
