//! The certificate an API server presents, recorded during the TLS handshake that opens the
//! shared connection: a [`ServerCertVerifier`] that notes the chain, then hands the decision
//! to the verifier kube-client would have used. No second connection, and the record is made
//! before verifying, so a handshake refused for an expired certificate still says which.

use std::sync::{Arc, Mutex};

use rustls::DigitallySignedStruct;
use rustls::client::WebPkiServerVerifier;
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::crypto::CryptoProvider;
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use serde::{Serialize, Serializer};

use crate::credentials::{Status, Window, judge, parse_certificate, rfc3339};

/// The leaf certificate the server presented, and the earliest expiry of its chain.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ServerCertificate {
    /// The leaf's `CN=..,O=..`.
    pub subject: String,
    #[serde(serialize_with = "time")]
    pub not_before: i64,
    #[serde(serialize_with = "time")]
    pub not_after: i64,
    /// The earliest NotAfter of the certificates the server sent (the leaf among them).
    #[serde(serialize_with = "time")]
    pub chain_not_after: i64,
    /// At the handshake: valid, expiring (the credentials' warning window), expired or
    /// not-yet-valid, for the earliest of the chain.
    #[serde(serialize_with = "status")]
    pub status: Status,
}

fn time<S: Serializer>(t: &i64, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&rfc3339(*t))
}

fn status<S: Serializer>(st: &Status, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(st.as_str())
}

impl ServerCertificate {
    /// What the chain says at `now`; `None` when the leaf does not parse.
    pub fn of_chain(
        leaf: &[u8],
        intermediates: &[CertificateDer<'_>],
        now: i64,
    ) -> Option<ServerCertificate> {
        let cert = parse_certificate(leaf)?;
        let chain_not_after = intermediates
            .iter()
            .filter_map(|c| parse_certificate(c))
            .map(|c| c.not_after)
            .fold(cert.not_after, i64::min);
        Some(ServerCertificate {
            status: judge(
                Some(cert.not_before),
                chain_not_after,
                now,
                Window::Lifetime,
            ),
            subject: cert.subject,
            not_before: cert.not_before,
            not_after: cert.not_after,
            chain_not_after,
        })
    }

    /// Expired, not yet valid, or within its warning window: worth a line in the text output.
    pub fn needs_attention(&self) -> bool {
        matches!(
            self.status,
            Status::Expired | Status::Expiring | Status::NotYetValid
        )
    }
}

/// Where a connection pool's handshakes leave the server's certificate (the last one seen).
#[derive(Debug, Default)]
pub struct Seen(Mutex<Option<ServerCertificate>>);

impl Seen {
    pub fn get(&self) -> Option<ServerCertificate> {
        self.0.lock().map(|g| g.clone()).unwrap_or(None)
    }
}

/// Records the chain, then asks `inner`.
#[derive(Debug)]
pub struct Recording {
    inner: Arc<dyn ServerCertVerifier>,
    seen: Arc<Seen>,
}

impl Recording {
    pub fn new(inner: Arc<dyn ServerCertVerifier>, seen: Arc<Seen>) -> Self {
        Recording { inner, seen }
    }
}

impl ServerCertVerifier for Recording {
    fn verify_server_cert(
        &self,
        end_entity: &CertificateDer<'_>,
        intermediates: &[CertificateDer<'_>],
        server_name: &ServerName<'_>,
        ocsp_response: &[u8],
        now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        let now_secs = i64::try_from(now.as_secs()).unwrap_or(i64::MAX);
        if let Some(cert) = ServerCertificate::of_chain(end_entity, intermediates, now_secs)
            && let Ok(mut slot) = self.seen.0.lock()
        {
            *slot = Some(cert);
        }
        self.inner
            .verify_server_cert(end_entity, intermediates, server_name, ocsp_response, now)
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls12_signature(message, cert, dss)
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        self.inner.verify_tls13_signature(message, cert, dss)
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.inner.supported_verify_schemes()
    }

    fn requires_raw_public_keys(&self) -> bool {
        self.inner.requires_raw_public_keys()
    }

    fn root_hint_subjects(&self) -> Option<&[rustls::DistinguishedName]> {
        self.inner.root_hint_subjects()
    }
}

/// The verifier kube-client installs for `config` (its `rustls_client_config`): rustls keeps
/// a configuration's verifier private, so it is built again from the same inputs: the CA
/// bundle (in-cluster: the CA file's certificates, which kube also loads) through webpki, the
/// platform's trust store when there is no CA, and no verification under
/// `insecure-skip-tls-verify` (the certificate is still recorded).
pub fn verifier_for(
    config: &kube::Config,
    provider: Arc<CryptoProvider>,
) -> Result<Arc<dyn ServerCertVerifier>, String> {
    if config.accept_invalid_certs {
        return Ok(Arc::new(Unverified(provider)));
    }
    if let Some(roots) = &config.root_cert {
        let mut store = rustls::RootCertStore::empty();
        for der in roots {
            store
                .add(CertificateDer::from(der.clone()))
                .map_err(|e| format!("the cluster's CA: {e}"))?;
        }
        return WebPkiServerVerifier::builder_with_provider(Arc::new(store), provider)
            .build()
            .map(|v| v as Arc<dyn ServerCertVerifier>)
            .map_err(|e| format!("the cluster's CA: {e}"));
    }
    rustls_platform_verifier::Verifier::new(provider)
        .map(|v| Arc::new(v) as Arc<dyn ServerCertVerifier>)
        .map_err(|e| format!("the system's trust store: {e}"))
}

/// `insecure-skip-tls-verify: true`: any certificate, as kube-client accepts it; the
/// handshake's signatures are still checked against it.
#[derive(Debug)]
struct Unverified(Arc<CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _: &CertificateDer<'_>,
        _: &[CertificateDer<'_>],
        _: &ServerName<'_>,
        _: &[u8],
        _: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<rustls::SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}
