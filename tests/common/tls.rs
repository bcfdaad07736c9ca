//! A self-signed certificate for 127.0.0.1 and a rustls server configuration serving it, for
//! the tests' loopback HTTPS servers.

use std::sync::Arc;

/// The server configuration and the certificate's PEM (a client trusts it as its CA).
pub fn self_signed() -> (Arc<rustls::ServerConfig>, String) {
    let key = rcgen::KeyPair::generate().unwrap();
    let cert = rcgen::CertificateParams::new(vec!["127.0.0.1".into(), "localhost".into()])
        .unwrap()
        .self_signed(&key)
        .unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![cert.der().clone()],
        rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
    )
    .unwrap();
    (Arc::new(config), cert.pem())
}

/// A CA, and a serving certificate for 127.0.0.1 it signed, valid from `not_before` to
/// `not_after` (seconds since the epoch): the server configuration, the CA's PEM (what a
/// kubeconfig trusts) and the leaf's DER.
pub fn ca_signed(
    leaf_cn: &str,
    not_before: i64,
    not_after: i64,
) -> (Arc<rustls::ServerConfig>, String, Vec<u8>) {
    let at = |t: i64| time::OffsetDateTime::from_unix_timestamp(t).unwrap();
    let ca_key = rcgen::KeyPair::generate().unwrap();
    let mut ca = rcgen::CertificateParams::new(Vec::<String>::new()).unwrap();
    ca.is_ca = rcgen::IsCa::Ca(rcgen::BasicConstraints::Unconstrained);
    ca.distinguished_name
        .push(rcgen::DnType::CommonName, "fault-server-ca");
    let ca = rcgen::CertifiedIssuer::self_signed(ca, ca_key).unwrap();
    let key = rcgen::KeyPair::generate().unwrap();
    let mut leaf =
        rcgen::CertificateParams::new(vec!["127.0.0.1".into(), "localhost".into()]).unwrap();
    leaf.distinguished_name = rcgen::DistinguishedName::new();
    leaf.distinguished_name
        .push(rcgen::DnType::CommonName, leaf_cn);
    leaf.not_before = at(not_before);
    leaf.not_after = at(not_after);
    let leaf = leaf.signed_by(&key, &ca).unwrap();
    let config = rustls::ServerConfig::builder_with_provider(Arc::new(
        rustls::crypto::ring::default_provider(),
    ))
    .with_safe_default_protocol_versions()
    .unwrap()
    .with_no_client_auth()
    .with_single_cert(
        vec![leaf.der().clone()],
        rustls::pki_types::PrivateKeyDer::Pkcs8(key.serialize_der().into()),
    )
    .unwrap();
    (Arc::new(config), ca.pem(), leaf.der().to_vec())
}
