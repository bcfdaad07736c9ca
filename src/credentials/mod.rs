//! Credential health (not built yet; this is its home). Every certificate and token each
//! context uses, read without the network (X.509 subject, issuer and validity; a JWT's `exp`,
//! `sub` and ServiceAccount claims), and online what the API server says of them; each problem
//! a [`crate::finding::Finding`] at the kubeconfig entry, so `lint` and a `credentials` command
//! report them alike. It reads `kubeconfig::Context`s and sits beside `rbac`, below `output`.
