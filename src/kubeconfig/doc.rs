//! A kubeconfig file's top level as a reader gives it (the quick [`super::scanned`] reader or
//! serde-saphyr in [`super::file`]), before the checks client-go makes: what the two readers
//! share, so that neither depends on the other.

use serde_json::Value;

/// A file's top level, before the checks client-go makes.
#[derive(Debug, Default, PartialEq)]
pub(crate) struct Doc {
    pub api_version: Option<At<Option<String>>>,
    pub kind: Option<At<Option<String>>>,
    /// The names in `extensions:` and in `preferences: {extensions:}`.
    pub extensions: [Vec<Option<String>>; 2],
    pub clusters: Vec<DocEntry>,
    pub contexts: Vec<DocEntry>,
    pub users: Vec<DocEntry>,
    pub current_context: Option<At<Option<String>>>,
}

/// One entry of `clusters:`, `contexts:` or `users:`; its body is the one its list names.
#[derive(Debug, PartialEq)]
pub(crate) struct DocEntry {
    pub name: At<Option<String>>,
    pub cluster: Option<Value>,
    pub context: Option<Value>,
    pub user: Option<Value>,
}

/// A value and where it was written (line and column from 1).
#[derive(Debug, PartialEq)]
pub(crate) struct At<T> {
    pub value: T,
    pub line: u32,
    pub column: u32,
}
