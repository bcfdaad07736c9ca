//! `credentials`: every certificate and token of every context, as a table (one row per
//! credential) or as JSON/YAML (one object per context). Names and times only: a credential
//! holds no secret to print.

use serde::Serialize;

use crate::credentials::{ContextCredentials, Credential, Expiry, Kind, relative, rfc3339};

/// One context as scripts see it (`-o json|yaml`). The keys are an interface: add, never
/// rename.
#[derive(Debug, Serialize)]
pub struct ContextRow {
    pub context: String,
    pub credentials: Vec<CredentialRow>,
    /// The earliest `notAfter` of the context's credentials (RFC 3339), null when none is
    /// known.
    pub expires: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CredentialRow {
    pub kind: &'static str,
    pub source: Source,
    /// A certificate's `CN=..,O=..`, or a token's `sub`; never the token.
    pub subject: Option<String>,
    pub issuer: Option<String>,
    pub not_before: Option<String>,
    pub not_after: Option<String>,
    /// expired, not-yet-valid, expiring, long-lived (never expires), unreadable, unknown
    /// (an opaque token) or valid.
    pub status: &'static str,
    /// A ServiceAccount token's `namespace/name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub service_account: Option<String>,
}

#[derive(Debug, Serialize)]
pub struct Source {
    pub file: String,
    pub line: u32,
}

/// The rows of `-o json|yaml`, judged at `now`.
pub fn rows(all: &[ContextCredentials], now: i64) -> Vec<ContextRow> {
    all.iter()
        .map(|cc| ContextRow {
            context: cc.context.clone(),
            credentials: cc.credentials.iter().map(|c| row(c, now)).collect(),
            expires: cc.expires().map(rfc3339),
        })
        .collect()
}

fn row(c: &Credential, now: i64) -> CredentialRow {
    CredentialRow {
        kind: c.kind.as_str(),
        source: Source {
            file: c.origin.file.display().to_string(),
            line: c.origin.line,
        },
        subject: c.subject.clone(),
        issuer: c.issuer.clone(),
        not_before: c.not_before.map(rfc3339),
        not_after: c.not_after().map(rfc3339),
        status: c.status(now).as_str(),
        service_account: c.service_account.clone(),
    }
}

/// The table: `CONTEXT KIND SUBJECT NOT-AFTER EXPIRES-IN STATUS`, fitted to `width`.
pub fn table(
    all: &[ContextCredentials],
    now: i64,
    no_headers: bool,
    width: Option<usize>,
) -> String {
    let headers = [
        "CONTEXT",
        "KIND",
        "SUBJECT",
        "NOT-AFTER",
        "EXPIRES-IN",
        "STATUS",
    ];
    let none = || super::NONE.to_string();
    let mut cells = Vec::new();
    for cc in all {
        for c in &cc.credentials {
            let kind = match c.kind {
                Kind::ClientCertificate => "client-cert",
                Kind::CertificateAuthority => "ca",
                Kind::Token => "token",
            };
            let expires_in = match c.expiry {
                Expiry::At(t) => relative(t, now),
                Expiry::Never => "never".to_string(),
                Expiry::Unknown | Expiry::Unreadable => "-".to_string(),
            };
            cells.push(vec![
                cc.context.clone(),
                kind.to_string(),
                c.subject.clone().unwrap_or_else(none),
                // The date: the time of day is in -o json.
                c.not_after()
                    .map(|t| rfc3339(t)[..10].to_string())
                    .unwrap_or_else(|| "-".to_string()),
                expires_in,
                c.status(now).as_str().to_string(),
            ]);
        }
    }
    super::table(
        &headers,
        cells,
        no_headers,
        width,
        &["SUBJECT", "NOT-AFTER"],
    )
}
