//! Credentials (tokens, private keys, passwords) held in a type that never prints them: its
//! `Debug` and `Display` both show `REDACTED`, so a secret cannot reach a log, an error
//! message or `{:?}` output by accident. Reading the value takes an explicit [`Secret::expose`].

use std::fmt;
use std::hash::{Hash, Hasher};

use secrecy::{ExposeSecret, SecretString};
use serde::{Deserialize, Deserializer};

/// What a secret prints as, in `Debug` and `Display` alike.
pub const REDACTED: &str = "REDACTED";

/// A secret string. The memory is zeroed on drop (by `secrecy`).
#[derive(Clone)]
pub struct Secret(SecretString);

impl Secret {
    pub fn new(value: impl Into<String>) -> Self {
        Secret(SecretString::from(value.into()))
    }

    /// The value itself: only for handing it to what needs it (a header, a file the user asked
    /// for), never for a message.
    pub fn expose(&self) -> &str {
        self.0.expose_secret()
    }
}

impl From<String> for Secret {
    fn from(value: String) -> Self {
        Secret::new(value)
    }
}

impl From<&str> for Secret {
    fn from(value: &str) -> Self {
        Secret::new(value)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({REDACTED})")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

// Equality and hashing by value: two contexts share a connection pool only when they present
// the very same client identity.
impl PartialEq for Secret {
    fn eq(&self, other: &Self) -> bool {
        self.expose() == other.expose()
    }
}

impl Eq for Secret {}

impl Hash for Secret {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.expose().hash(state);
    }
}

// Deserialize only: a secret is read from a plugin's output, and never serialized back by
// accident (code that must write one, `grant`'s kubeconfig, exposes it on purpose).
impl<'de> Deserialize<'de> for Secret {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Secret::new)
    }
}
