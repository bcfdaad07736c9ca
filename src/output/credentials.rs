//! `credentials`: every certificate and token of every context, as a table (one row per
//! credential) or as JSON/YAML (one object per context). Names and times only: a credential
//! holds no secret to print.

use serde::Serialize;

use crate::credentials::{ContextCredentials, Kind, Window, expires_label, rfc3339};
pub use crate::credentials::{CredentialRow, Source};

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

/// The rows of `-o json|yaml`, judged at `now`.
pub fn rows(all: &[ContextCredentials], now: i64) -> Vec<ContextRow> {
    all.iter()
        .map(|cc| ContextRow {
            context: cc.context.clone(),
            credentials: cc
                .credentials
                .iter()
                .map(|c| c.row(now, Window::Lifetime))
                .collect(),
            expires: cc.expires().map(rfc3339),
        })
        .collect()
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
                Kind::Exec => "exec",
            };
            let expires_in = expires_label(c.expiry, now);
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
