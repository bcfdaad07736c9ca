//! Reading one kubeconfig file: entries with the line they were defined on, relative paths
//! resolved against the file's own directory (as client-go does), nothing merged yet.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;
use serde_saphyr::Spanned;

use super::doc::{At, Doc, DocEntry};
use super::{Entry, Kind};
use crate::source::{Origin, Sourced};

/// One kubeconfig file as written, with provenance on every named entry.
#[derive(Clone, Debug)]
pub struct KubeconfigFile {
    /// The path as the user gave it (or as found in a directory).
    pub path: Arc<Path>,
    pub clusters: Vec<Entry>,
    pub contexts: Vec<Entry>,
    pub users: Vec<Entry>,
    /// `current-context`, `None` when absent or empty.
    pub current_context: Option<Sourced<String>>,
    /// Where a second YAML document starts: client-go reads only the first one.
    pub extra_document: Option<Origin>,
    /// A mapping key written twice (the first found) and where: client-go keeps the last value.
    pub duplicate_key: Option<Sourced<String>>,
}

impl KubeconfigFile {
    pub fn entries(&self, kind: Kind) -> &[Entry] {
        match kind {
            Kind::Cluster => &self.clusters,
            Kind::Context => &self.contexts,
            Kind::User => &self.users,
        }
    }

    /// An empty configuration, as client-go treats an empty file.
    fn empty(path: Arc<Path>) -> Self {
        KubeconfigFile {
            path,
            clusters: vec![],
            contexts: vec![],
            users: vec![],
            current_context: None,
            extra_document: None,
            duplicate_key: None,
        }
    }
}

#[derive(Deserialize)]
struct RawFile {
    #[serde(rename = "apiVersion")]
    api_version: Option<Spanned<Option<String>>>,
    kind: Option<Spanned<Option<String>>>,
    extensions: Option<Vec<RawExtension>>,
    preferences: Option<RawPreferences>,
    clusters: Option<Vec<RawEntry>>,
    contexts: Option<Vec<RawEntry>>,
    users: Option<Vec<RawEntry>>,
    #[serde(rename = "current-context")]
    current_context: Option<Spanned<Option<String>>>,
}

/// `{name: ..., cluster|context|user: {...}}`; the body key depends on the list, so all three
/// are optional here and the right one is picked afterwards.
#[derive(Deserialize)]
struct RawEntry {
    name: Spanned<Option<String>>,
    cluster: Option<Value>,
    context: Option<Value>,
    user: Option<Value>,
}

/// `extensions: [{name: ..., extension: ...}]`: only the names matter here (client-go refuses a
/// name given twice).
#[derive(Deserialize)]
struct RawExtension {
    name: Option<String>,
}

#[derive(Deserialize)]
struct RawPreferences {
    extensions: Option<Vec<RawExtension>>,
}

impl<T> From<Spanned<T>> for At<T> {
    fn from(s: Spanned<T>) -> Self {
        let clamp = |n: u64| u32::try_from(n).unwrap_or(u32::MAX);
        At {
            value: s.value,
            line: clamp(s.referenced.line()),
            column: clamp(s.referenced.column()),
        }
    }
}

impl From<RawFile> for Doc {
    fn from(raw: RawFile) -> Self {
        let names = |list: Option<Vec<RawExtension>>| {
            list.unwrap_or_default()
                .into_iter()
                .map(|e| e.name)
                .collect()
        };
        let entries = |list: Option<Vec<RawEntry>>| {
            list.unwrap_or_default()
                .into_iter()
                .map(|e| DocEntry {
                    name: e.name.into(),
                    cluster: e.cluster,
                    context: e.context,
                    user: e.user,
                })
                .collect()
        };
        Doc {
            api_version: raw.api_version.map(At::from),
            kind: raw.kind.map(At::from),
            extensions: [
                names(raw.extensions),
                names(raw.preferences.and_then(|p| p.extensions)),
            ],
            clusters: entries(raw.clusters),
            contexts: entries(raw.contexts),
            users: entries(raw.users),
            current_context: raw.current_context.map(At::from),
        }
    }
}

/// Why a file could not be read. The message names the file; `Display` is one line.
#[derive(Debug, Clone, thiserror::Error)]
pub enum ReadError {
    #[error("{path}: no such file")]
    Missing { path: String, flag: &'static str },
    #[error("{path}: is a directory, not a kubeconfig file")]
    Directory { path: String },
    #[error("{path}: not a regular file (a FIFO, socket or device)")]
    NotRegular { path: String },
    #[error("{path}: cannot read: {reason}")]
    Unreadable { path: String, reason: String },
    /// `line` is where the problem is (0 when it is the whole file); `reason` says it again,
    /// as client-go's and the YAML parser's messages do.
    #[error("{path}: invalid kubeconfig YAML: {reason}")]
    Invalid {
        path: String,
        line: u32,
        reason: String,
    },
}

/// Reads and parses one file. `flag` names where the path came from, for the message.
impl ReadError {
    /// The finding code of this failure.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::Missing { .. } => "missing-kubeconfig",
            ReadError::Invalid { .. } => "invalid-kubeconfig",
            _ => "unreadable-kubeconfig",
        }
    }

    /// Where the failure is: the file, at the line when one is known.
    pub fn origin(&self, path: &Path) -> Origin {
        match self {
            ReadError::Invalid { line, .. } => Origin::new(Arc::from(path), *line, 0),
            _ => Origin::file(path),
        }
    }

    /// What to do about it.
    pub fn fix(&self) -> String {
        match self {
            ReadError::Missing { flag, .. } => format!("check the path given to {flag}"),
            ReadError::Directory { .. } => "use --kubeconfig-dir for a directory".into(),
            ReadError::NotRegular { .. } => "give a regular kubeconfig file".into(),
            // The reason says it (a size limit, a permission, an I/O error).
            ReadError::Unreadable { .. } => String::new(),
            ReadError::Invalid { .. } => "correct the file at that line".into(),
        }
    }
}

pub fn read(path: &Path, flag: &'static str) -> Result<KubeconfigFile, ReadError> {
    let shown = path.display().to_string();
    // Look before opening: opening a FIFO for reading would block until a writer appears.
    let meta = match fs::metadata(path) {
        Ok(meta) => meta,
        Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
            return Err(ReadError::Missing { path: shown, flag });
        }
        Err(err) => {
            return Err(ReadError::Unreadable {
                path: shown,
                reason: err.to_string(),
            });
        }
    };
    if meta.is_dir() {
        return Err(ReadError::Directory { path: shown });
    }
    // `KUBECONFIG=/dev/null` is the common way to say "no kubeconfig"; kubectl reads it as an
    // empty file. Other devices (/dev/zero) and FIFOs stay refused: reading them never ends.
    let dev_null =
        !meta.is_file() && fs::canonicalize(path).is_ok_and(|p| p == Path::new("/dev/null"));
    if !meta.is_file() && !dev_null {
        return Err(ReadError::NotRegular { path: shown });
    }
    let bytes = if dev_null {
        Ok(Vec::new())
    } else {
        crate::source::read_regular(path, &meta)
    }
    .map_err(|err| ReadError::Unreadable {
        path: shown.clone(),
        reason: err.to_string(),
    })?;
    let text = String::from_utf8(bytes).map_err(|_| ReadError::Invalid {
        path: shown.clone(),
        line: 0,
        reason: "not UTF-8 text".into(),
    })?;
    parse(Arc::from(path), &text)
}

/// Parses kubeconfig text that came from `path` (used for positions and relative paths).
pub fn parse(path: Arc<Path>, text: &str) -> Result<KubeconfigFile, ReadError> {
    // Plain block YAML, as nearly every kubeconfig is, straight from the text; serde-saphyr
    // for the rest, and for what it says of a file it refuses.
    match super::scanned::read(text) {
        Some(doc) => check(path, doc, None, None),
        None => parse_general(path, text),
    }
}

/// For the differential fuzz target only: where the quick reader answers, what [`parse`] and
/// serde-saphyr alone give (`None` when it gives up), which must be the same.
#[cfg(fuzzing)]
pub fn both_readers(text: &str) -> Option<(String, String)> {
    super::scanned::read(text)?;
    let path: Arc<Path> = Arc::from(Path::new("/fuzz/kubeconfig/config"));
    Some((
        format!("{:?}", parse(path.clone(), text)),
        format!("{:?}", parse_general(path, text)),
    ))
}

/// [`parse`] through serde-saphyr only.
pub(super) fn parse_general(path: Arc<Path>, text: &str) -> Result<KubeconfigFile, ReadError> {
    let invalid = |(line, reason): (u32, String)| ReadError::Invalid {
        path: path.display().to_string(),
        line,
        reason,
    };
    let yaml = |e: &serde_saphyr::Error| {
        let line = e
            .location()
            .map_or(0, |l| u32::try_from(l.line()).unwrap_or(u32::MAX));
        (line, yaml_reason(e))
    };
    // client-go's YAML reader keeps the last value of a repeated key; so do we, after noting
    // where the repeat is (the merge decides whether that is an error or a warning).
    let mut duplicate_key = None;
    let mut options = serde_saphyr::Options::default();
    let mut parsed = serde_saphyr::from_str_with_options::<Option<RawFile>>(text, options.clone());
    if let Err(e) = &parsed
        && let Some(key) = duplicate_key_of(e)
    {
        let line = e
            .location()
            .map_or(0, |l| u32::try_from(l.line()).unwrap_or(u32::MAX));
        duplicate_key = Some(Sourced::new(key, Origin::new(path.clone(), line, 0)));
        options.duplicate_keys = serde_saphyr::options::DuplicateKeyPolicy::LastWins;
        parsed = serde_saphyr::from_str_with_options(text, options.clone());
    }
    let (raw, extra_document) = match parsed {
        Ok(raw) => (raw, None),
        Err(first_error) => {
            // Several documents: client-go (kubectl, Prow) reads the first, ignores the rest.
            let docs: Vec<Option<RawFile>> =
                serde_saphyr::from_str_multiple_with_options(text, options)
                    .map_err(|_| invalid(yaml(&first_error)))?;
            if docs.len() < 2 {
                return Err(invalid(yaml(&first_error)));
            }
            let second = second_document_line(text).map(|line| Origin::new(path.clone(), line, 1));
            (docs.into_iter().next().flatten(), second)
        }
    };
    check(path, raw.map(Doc::from), extra_document, duplicate_key)
}

/// What client-go refuses in a file it could parse, then its entries with their places.
fn check(
    path: Arc<Path>,
    doc: Option<Doc>,
    extra_document: Option<Origin>,
    duplicate_key: Option<Sourced<String>>,
) -> Result<KubeconfigFile, ReadError> {
    let invalid = |(line, reason): (u32, String)| ReadError::Invalid {
        path: path.display().to_string(),
        line,
        reason,
    };
    let Some(doc) = doc else {
        let mut file = KubeconfigFile::empty(path);
        file.extra_document = extra_document;
        file.duplicate_key = duplicate_key;
        return Ok(file);
    };
    check_type(&doc).map_err(&invalid)?;
    for list in &doc.extensions {
        if let Some(name) = repeated(list.iter().map(Option::as_deref)) {
            return Err(invalid((0, extension_twice(name))));
        }
    }
    let base = base_dir(&path);
    let mut file = KubeconfigFile::empty(path.clone());
    file.extra_document = extra_document;
    file.duplicate_key = duplicate_key;
    for (kind, list) in [
        (Kind::Cluster, doc.clusters),
        (Kind::Context, doc.contexts),
        (Kind::User, doc.users),
    ] {
        for entry in list {
            let origin = at(&path, &entry.name);
            let line = origin.line;
            let Some(name) = entry.name.value else {
                return Err(invalid((
                    line,
                    format!(
                        "line {line}: a {} entry has no name; every entry needs `name:`",
                        kind.singular()
                    ),
                )));
            };
            let body = match kind {
                Kind::Cluster => entry.cluster,
                Kind::Context => entry.context,
                Kind::User => entry.user,
            }
            .unwrap_or(Value::Null);
            if !(body.is_object() || body.is_null()) {
                return Err(invalid((
                    line,
                    format!(
                        "line {line}: {} {name:?}: `{}:` must be a mapping",
                        kind.singular(),
                        kind.singular()
                    ),
                )));
            }
            if let Some(field) = non_string_field(kind, &body) {
                return Err(invalid((
                    line,
                    format!(
                        "line {line}: {} {name:?}: `{field}` must be a string (quote the value); \
                         kubectl refuses it too",
                        kind.singular()
                    ),
                )));
            }
            if let Some(problem) = invalid_body(kind, &body) {
                return Err(invalid((
                    line,
                    format!("line {line}: {} {name:?}: {problem}", kind.singular()),
                )));
            }
            let mut body = body;
            resolve_paths(kind, &mut body, &base);
            let entry = Entry {
                name,
                origin,
                body: Arc::new(body),
            };
            match kind {
                Kind::Cluster => file.clusters.push(entry),
                Kind::Context => file.contexts.push(entry),
                Kind::User => file.users.push(entry),
            }
        }
    }
    file.current_context = doc.current_context.and_then(|cc| {
        let origin = at(&path, &cc);
        cc.value
            .filter(|name| !name.is_empty())
            .map(|name| Sourced::new(name, origin))
    });
    Ok(file)
}

/// The line of the `---` that starts the second document (one that follows content).
fn second_document_line(text: &str) -> Option<u32> {
    let mut seen_content = false;
    for (i, line) in text.lines().enumerate() {
        let is_marker = line == "---" || line.starts_with("--- ");
        if is_marker && seen_content {
            return u32::try_from(i + 1).ok();
        }
        let trimmed = line.trim();
        if !is_marker && !trimmed.is_empty() && !trimmed.starts_with('#') {
            seen_content = true;
        }
    }
    None
}

fn at<T>(path: &Arc<Path>, at: &At<T>) -> Origin {
    Origin::new(path.clone(), at.line, at.column)
}

/// serde-saphyr's message is several lines with a source snippet; keep the first line, which
/// already says `line L column C: what`, without advice meant for programmers.
pub(crate) fn yaml_reason(err: &serde_saphyr::Error) -> String {
    let text = err.to_string();
    if let Some(reason) = crate::source::yaml_limit_reason(&text) {
        let line = err.location().map_or(0, |l| l.line());
        return format!("line {line}: {reason}");
    }
    let first = text.lines().next().unwrap_or_default();
    let first = first.strip_prefix("error: ").unwrap_or(first);
    let first = first
        .split_once(", set DuplicateKeyPolicy")
        .or_else(|| first.split_once("; use from_str_multiple"))
        .map_or(first, |(head, _)| head);
    // The parser's words for the shapes a kubeconfig needs, in an operator's words.
    [
        ("expected sequence start", "expected a list (`- ...` items)"),
        (
            "expected mapping start",
            "expected a mapping (`key: value` lines)",
        ),
        ("expected string scalar", "expected a string"),
    ]
    .iter()
    .fold(first.to_string(), |text, (from, to)| text.replace(from, to))
}

/// The key of a "duplicate mapping key" error.
fn duplicate_key_of(err: &serde_saphyr::Error) -> Option<String> {
    let text = err.to_string();
    let first = text.lines().next()?;
    let rest = first.split_once("duplicate mapping key: ")?.1;
    Some(rest.split(',').next().unwrap_or(rest).trim().to_string())
}

/// client-go decodes a kubeconfig as `v1`/`Config` (either may be left out or empty) and
/// refuses anything else: `no kind "Pod" is registered for version "v1"`.
fn check_type(doc: &Doc) -> Result<(), (u32, String)> {
    let value = |field: &Option<At<Option<String>>>| {
        field
            .as_ref()
            .map(|f| (f.value.clone().unwrap_or_default(), f.line))
    };
    let (version, version_line) = value(&doc.api_version).unwrap_or_default();
    let (kind, kind_line) = value(&doc.kind).unwrap_or_default();
    let version_ok = version.is_empty() || version == "v1";
    let kind_ok = kind.is_empty() || kind == "Config";
    if version_ok && kind_ok {
        return Ok(());
    }
    let line = if version_ok { kind_line } else { version_line };
    let shown = |s: &str, default: &str| {
        if s.is_empty() {
            default.to_string()
        } else {
            s.to_string()
        }
    };
    Err((
        line,
        format!(
            "line {line}: a kubeconfig is `apiVersion: v1` and `kind: Config`, this file says \
         apiVersion {:?} and kind {:?}; kubectl refuses it (no kind {:?} is registered for \
         version {:?}): fix the header or give the right file",
            shown(&version, "v1"),
            shown(&kind, "Config"),
            shown(&kind, "Config"),
            shown(&version, "v1"),
        ),
    ))
}

/// The first name that occurs twice.
fn repeated<'a>(names: impl Iterator<Item = Option<&'a str>>) -> Option<&'a str> {
    let mut seen = std::collections::HashSet::new();
    names.flatten().find(|n| !seen.insert(*n))
}

/// What client-go refuses inside one entry beyond types: `*-data` fields that are not base64
/// (Go's `[]byte` decoding: `illegal base64 data at input byte N`) and an extension name given
/// twice.
fn invalid_body(kind: Kind, body: &Value) -> Option<String> {
    let map = body.as_object()?;
    let data_fields: &[&str] = match kind {
        Kind::Cluster => &["certificate-authority-data"],
        Kind::User => &["client-certificate-data", "client-key-data"],
        Kind::Context => &[],
    };
    for field in data_fields {
        if let Some(Value::String(data)) = map.get(*field)
            && let Err(at) = go_base64(data)
        {
            // Never the data itself: it may be a private key.
            return Some(format!(
                "`{field}` is not valid base64 (illegal base64 data at input byte {at}); \
                 kubectl refuses the file: encode the PEM with `base64 -w0`"
            ));
        }
    }
    let extensions = map.get("extensions").and_then(Value::as_array)?;
    let names = extensions
        .iter()
        .map(|e| e.get("name").and_then(Value::as_str));
    repeated(names).map(extension_twice)
}

fn extension_twice(name: &str) -> String {
    format!(
        "extension {name:?} is listed twice; kubectl refuses such a file (client-go: duplicate \
         name {name:?} in list): remove one"
    )
}

/// Go's `base64.StdEncoding` as `encoding/json` applies it to `[]byte`: padding required,
/// line breaks ignored, trailing bits not checked. The error is the offset Go reports.
fn go_base64(data: &str) -> Result<(), usize> {
    use base64::Engine;
    use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
    const GO_STD: GeneralPurpose = GeneralPurpose::new(
        &base64::alphabet::STANDARD,
        GeneralPurposeConfig::new()
            .with_decode_allow_trailing_bits(true)
            .with_decode_padding_mode(DecodePaddingMode::RequireCanonical),
    );
    // Nearly always canonical: only the alphabet, whole quads, padding at the end. Decoding
    // (for Go's error offset) is for the rest.
    let bytes = data.as_bytes();
    let body = bytes
        .strip_suffix(b"==")
        .or_else(|| bytes.strip_suffix(b"="))
        .unwrap_or(bytes);
    if bytes.len().is_multiple_of(4)
        && body
            .iter()
            .all(|b| b.is_ascii_alphanumeric() || *b == b'+' || *b == b'/')
    {
        return Ok(());
    }
    // Nearly always one line: copy only when there are breaks to drop.
    let stripped: std::borrow::Cow<str> = if data.contains(['\r', '\n']) {
        data.chars()
            .filter(|c| *c != '\r' && *c != '\n')
            .collect::<String>()
            .into()
    } else {
        data.into()
    };
    match GO_STD.decode(stripped.as_bytes()) {
        Ok(_) => Ok(()),
        Err(base64::DecodeError::InvalidByte(at, _)) => Err(at),
        Err(base64::DecodeError::InvalidLastSymbol(at, _)) => Err(at),
        Err(_) => Err(stripped.len()),
    }
}

/// Fields client-go types as strings: a number or a list there makes kubectl refuse the file
/// ("cannot unmarshal number into Go struct field"), so it is refused here as well rather than
/// coerced (and, for secrets, never printed by accident).
fn non_string_field(kind: Kind, body: &Value) -> Option<&'static str> {
    let fields: &[&'static str] = match kind {
        Kind::Cluster => &[
            "server",
            "certificate-authority",
            "certificate-authority-data",
            "tls-server-name",
            "proxy-url",
        ],
        Kind::User => &[
            "token",
            "tokenFile",
            "client-certificate",
            "client-certificate-data",
            "client-key",
            "client-key-data",
            "username",
            "password",
            "as",
        ],
        Kind::Context => &["cluster", "user", "namespace"],
    };
    let map = body.as_object()?;
    fields
        .iter()
        .find(|f| map.get(**f).is_some_and(|v| !v.is_string() && !v.is_null()))
        .copied()
}

/// The directory relative paths in a file are resolved against: the file's own directory,
/// made absolute as client-go does (`filepath.Abs`).
fn base_dir(path: &Path) -> PathBuf {
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    absolute.parent().map(Path::to_path_buf).unwrap_or_default()
}

/// Client-go's `ResolveLocalPaths`: file references are relative to the kubeconfig that holds
/// them. An exec command is a path only when it contains a separator (`gke-gcloud-auth-plugin`
/// is looked up on PATH; `./bin/helper` is a file next to the kubeconfig).
fn resolve_paths(kind: Kind, body: &mut Value, base: &Path) {
    let Some(map) = body.as_object_mut() else {
        return;
    };
    let fields: &[&str] = match kind {
        Kind::Cluster => &["certificate-authority"],
        Kind::User => &["client-certificate", "client-key", "tokenFile"],
        Kind::Context => &[],
    };
    for field in fields {
        if let Some(Value::String(p)) = map.get_mut(*field) {
            absolutize(p, base);
        }
    }
    if kind == Kind::User
        && let Some(Value::String(cmd)) = map.get_mut("exec").and_then(|e| e.get_mut("command"))
        && cmd.contains(std::path::MAIN_SEPARATOR)
    {
        absolutize(cmd, base);
    }
}

fn absolutize(p: &mut String, base: &Path) {
    if !p.is_empty() && Path::new(p.as_str()).is_relative() {
        *p = clean(&base.join(p.as_str())).display().to_string();
    }
}

/// Go's `filepath.Clean`, lexically: drops `.` and folds `dir/..`, as client-go's `filepath.Join`.
fn clean(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push("..");
                }
            }
            other => out.push(other.as_os_str()),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};
    use std::sync::Arc;

    use super::{go_base64, parse, parse_general};

    /// Both readers give the same file, or the same error, wherever the quick one answers.
    fn same(name: &str, text: &str) -> bool {
        let path: Arc<Path> = Arc::from(Path::new(name));
        let quick = super::super::scanned::read(text).is_some();
        let fast = format!("{:?}", parse(path.clone(), text));
        let general = format!("{:?}", parse_general(path, text));
        assert_eq!(fast, general, "{name}: the readers differ on\n{text}");
        quick
    }

    fn files(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
            let path = entry.path();
            if path.is_dir() {
                files(&path, out);
            } else if !path.extension().is_some_and(|e| e == "md" || e == "txt") {
                out.push(path);
            }
        }
    }

    #[test]
    fn the_quick_reader_reads_every_kubeconfig_as_serde_saphyr_does() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut paths = Vec::new();
        files(&root.join("../shared/corpus/kubeconfig-cases"), &mut paths);
        files(&root.join("tests/fixtures/kubeconfig"), &mut paths);
        if std::env::var_os("CI").is_some() {
            assert!(
                paths.len() > 40,
                "the corpus is missing: {} files",
                paths.len()
            );
        }
        let (mut read, mut total) = (0, 0);
        for path in &paths {
            let Ok(text) = std::fs::read_to_string(path) else {
                continue;
            };
            total += 1;
            let quick = same(&path.display().to_string(), &text);
            if !quick {
                eprintln!("left to serde-saphyr: {}", path.display());
            }
            read += usize::from(quick);
        }
        // Real kubeconfigs are plain YAML: nearly all of them take the quick way.
        // (The rest here are broken on purpose: invalid, repeated keys, certificates.)
        assert!(
            read * 4 >= total * 3,
            "the quick reader read {read} of {total}"
        );
    }

    #[test]
    fn the_quick_reader_answers_only_where_it_reads_as_serde_saphyr_does() {
        let header = "apiVersion: v1\nkind: Config\n";
        let read = [
            "",
            "clusters:\n- name: a\n  cluster:\n    server: https://a:6443\n    insecure-skip-tls-verify: true\n",
            "users:\n- name: u\n  user:\n    exec:\n      command: aws\n      args:\n      - --region\n      - eu-west-1\n      env: null\n",
            "contexts:\n- name: c\n  context: {cluster: a, user: u, namespace: test-pods}\ncurrent-context: c\n",
            "contexts:\n- name: \"123\"\n  context:\n    cluster: 'a'\n",
            "preferences: {}\nextensions:\n- name: x\n  extension: {a: b}\n",
            "clusters: ~\ncontexts: []\nusers:\n",
            "clusters:\n- name: a\n  cluster:\n    certificate-authority: ./ca.crt\n",
            "contexts:\n- name: c\n  context:\n    cluster: a\n    extensions:\n    - name: e\n    - name: e\n",
            "contexts:\n- context:\n    cluster: a\n  name: ~\n",
            "clusters:\n- name: a\n  cluster: [x]\n",
            "users:\n- name: u\n  user:\n    token: |\n      abc\n",
        ];
        for (i, body) in read.iter().enumerate() {
            let text = format!("{header}{body}");
            assert!(same(&format!("read-{i}"), &text), "gave up on\n{text}");
        }
        assert!(same("pod", "apiVersion: v1\nkind: Pod\n"));
        let left = [
            "clusters:\n- name: 1\n",
            "clusters:\n- name: a\n  cluster:\n    server: yes\n",
            "clusters:\n- name: a\n  cluster:\n    server: x\n    server: y\n",
            "clusters:\n- name: a\nclusters:\n- name: b\n",
            "clusters:\n- name: a\n  cluster:\n    port: 6443\n",
            "clusters:\n- name: a\n  cluster:\n    server: .5\n",
            "clusters:\n- cluster: {}\n",
            "clusters:\n- name: a\n---\nkind: Config\n",
            "- a\n",
            "clusters:\n- name: &a a\n",
            "clusters:\n- name: a\n  cluster: [1]\n",
        ];
        for (i, body) in left.iter().enumerate() {
            let text = format!("{header}{body}");
            assert!(!same(&format!("left-{i}"), &text), "read\n{text}");
        }
    }

    #[test]
    fn base64_is_checked_as_go_decodes_it() {
        for ok in ["", "QUJD", "QUI=", "QQ==", "QUJDRA==", "QUJD\nRA==", "QR=="] {
            assert_eq!(go_base64(ok), Ok(()), "{ok:?}");
        }
        for (bad, at) in [
            ("QUJ", 3),
            ("QUJD!", 4),
            ("Q===", 1),
            ("QU=D", 2),
            ("QUJDR", 5),
            ("QUJD=", 4),
        ] {
            assert_eq!(go_base64(bad), Err(at), "{bad:?}");
        }
    }
}
