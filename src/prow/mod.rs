//! Prow's configuration as kubectl-prow needs it: the settings of `config.yaml` that decide
//! where things run, and every static job with the context it runs in.
//!
//! [`load`] reads `--config-path` and `--job-config-path` as Prow's `ReadJobConfig` does:
//!
//! - a job-config file is read whatever its extension; a directory is walked recursively in
//!   lexical order, without following links to directories;
//! - names starting with `..` are skipped (directories whole); only `.yaml` and `.yml` names
//!   are read (case-sensitive);
//! - `.prowignore` files (gitignore syntax, nested ones too) exclude paths;
//! - base names must be unique across the tree (Prow's `duplicated basename is not allowed`);
//! - gzip files are decompressed; only a file's first YAML document is read; merge keys are
//!   applied; a repeated key keeps its last value;
//! - jobs written inline in `config.yaml` count too.
//!
//! Problems inside files are [`Finding`]s and do not stop loading (a file that does not load
//! is one finding, and its jobs are left out); only a path that cannot be used at all is an
//! [`Error`]. This module knows nothing of kubeconfigs: placing jobs against contexts is the
//! caller's business, through [`Job::effective_context`] and [`count_by_context`].

mod config;
mod decode;
mod discover;
mod duplicates;
mod error;
mod fast;
pub(crate) mod godecode;
mod goyaml;
pub mod inrepo;
mod job;
mod jobfile;
mod json;
pub mod layout;
mod parse;
mod scalar;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

pub use self::config::{AllowedClusters, DEFAULT_NAMESPACE, ProwConfig};
pub use self::discover::PROWIGNORE;
pub use self::error::Error;
pub use self::job::{Agent, DEFAULT_CONTEXT, Job, JobKind};
pub(crate) use self::scalar::{go_format_float32_g, prow_string_form};

use self::parse::{ParsedFile, Role};
use crate::finding::Finding;
use crate::source::Origin;

/// Everything read from Prow's configuration.
#[derive(Clone, Debug, Default)]
pub struct JobConfig {
    /// The settings of `--config-path`; `None` when no config path was given, or when the
    /// file could not be read as YAML (a finding then says why).
    pub prow_config: Option<ProwConfig>,
    /// Every job, in reading order: the config file's inline jobs first, then the job-config
    /// files in Prow's walk order; inside a file presubmits, postsubmits, then periodics,
    /// each in written order.
    pub jobs: Vec<Job>,
    /// How many files were read (the config file included), whether or not they parsed.
    pub files_read: usize,
    /// Problems found on the way, sorted by file and position.
    pub findings: Vec<Finding>,
}

/// Reads Prow's config file and job configuration.
///
/// `config_path` must be a file. `job_config_path` may be a file (read whatever its
/// extension) or a directory (walked with Prow's rules). Either may be absent.
///
/// Fails only when a given path does not exist or cannot be read; every problem inside the
/// files becomes a finding, and the rest of the configuration is still read.
pub fn load(
    config_path: Option<&Path>,
    job_config_path: Option<&Path>,
) -> Result<JobConfig, Error> {
    let mut out = JobConfig::default();

    let mut work: Vec<(PathBuf, Role)> = Vec::new();
    if let Some(path) = config_path {
        let meta = std::fs::metadata(path).map_err(|source| Error::ReadConfig {
            path: path.to_path_buf(),
            source,
        })?;
        if meta.is_dir() {
            return Err(Error::ConfigIsDirectory {
                path: path.to_path_buf(),
            });
        }
        // Read it here so that an unreadable config file is an error, not a finding.
        work.push((path.to_path_buf(), Role::Config));
    }
    if let Some(path) = job_config_path {
        let meta = std::fs::metadata(path).map_err(|source| Error::ReadJobConfig {
            path: path.to_path_buf(),
            source,
        })?;
        if meta.is_dir() && std::fs::symlink_metadata(path).is_ok_and(|m| m.is_symlink()) {
            out.findings.push(Finding::warning(
                "job-config-path-is-link",
                Some(Origin::file(path)),
                format!(
                    "{} is a symbolic link to a directory: Prow's walk (filepath.Walk) does not \
                     follow it and reads no jobs at all; read here through the link",
                    path.display()
                ),
                "give Prow the directory itself, or a path ending in `/`",
            ));
        }
        let found = discover::discover(path, meta.is_dir());
        out.findings.extend(found.findings);
        work.extend(found.files.into_iter().map(|f| (f, Role::Jobs)));
    }

    let results = read_all(&work);
    for ((path, role), result) in work.iter().zip(results) {
        let parsed = match result {
            Ok(parsed) => parsed,
            Err(source) if *role == Role::Config => {
                return Err(Error::ReadConfig {
                    path: path.clone(),
                    source,
                });
            }
            Err(err) => {
                out.findings.push(Finding::error(
                    "unreadable-file",
                    Some(Origin::file(path.clone())),
                    format!(
                        "cannot read {}: {err}; the file is left out",
                        path.display()
                    ),
                    "check the file and its permissions",
                ));
                continue;
            }
        };
        out.files_read += 1;
        if *role == Role::Config {
            out.prow_config = parsed.prow_config;
        }
        out.jobs.extend(parsed.jobs);
        out.findings.extend(parsed.findings);
    }
    out.findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    Ok(out)
}

/// Reads and parses the files on a few threads; results come back in `work`'s order.
fn read_all(work: &[(PathBuf, Role)]) -> Vec<std::io::Result<ParsedFile>> {
    let read_one = |(path, role): &(PathBuf, Role)| -> std::io::Result<ParsedFile> {
        let bytes = parse::read_maybe_gzip(path)?;
        let file: Arc<Path> = Arc::from(path.as_path());
        Ok(parse::parse_file(&file, &bytes, *role))
    };
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(4)
        .min(work.len() / 8 + 1);
    if threads <= 1 {
        return work.iter().map(read_one).collect();
    }
    // Files are taken one at a time from a shared counter, so a few big files do not leave
    // a thread idle.
    let next = AtomicUsize::new(0);
    let mut results: Vec<(usize, std::io::Result<ParsedFile>)> = std::thread::scope(|s| {
        let handles: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut mine = Vec::new();
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(item) = work.get(i) else { break };
                        mine.push((i, read_one(item)));
                    }
                    mine
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("a job-config reader thread panicked"))
            .collect()
    });
    results.sort_by_key(|(i, _)| *i);
    results.into_iter().map(|(_, r)| r).collect()
}

/// The jobs of one file's text, read as [`load`] reads them (`config`: as Prow's
/// `config.yaml`, which may hold jobs inline). `migrate` uses it on the exact text it edits,
/// and again on the edited text to check the edit.
pub fn parse_jobs(file: &Path, text: &str, config: bool) -> (Vec<Job>, Vec<Finding>) {
    let role = if config { Role::Config } else { Role::Jobs };
    let parsed = parse::parse_file(&Arc::from(file), text.as_bytes(), role);
    (parsed.jobs, parsed.findings)
}

/// What one file's text gave: jobs, findings and (for a config file) settings.
#[cfg(fuzzing)]
pub type Parsed = (Vec<Job>, Vec<Finding>, Option<ProwConfig>);

/// For the differential fuzz target only: the fast reader's result (`None` when it gives up)
/// and the general reader's, which must agree whenever the fast one answers.
#[cfg(fuzzing)]
pub fn parse_both_paths(text: &str, config: bool) -> (Option<Parsed>, Parsed) {
    let role = if config { Role::Config } else { Role::Jobs };
    let file: Arc<Path> = Arc::from(Path::new("fuzz.yaml"));
    let parts = |p: ParsedFile| (p.jobs, p.findings, p.prow_config);
    (
        fast::parse(&file, text, role).map(parts),
        parts(parse::parse_general(&file, text, role)),
    )
}

/// For the differential fuzz target only: where the plain-YAML scanner answers, how
/// granit-parser's events differ from its own (`None` when they agree or it gives up).
#[cfg(fuzzing)]
pub fn scanner_disagrees(text: &str) -> Option<String> {
    let scanned = crate::yaml::scan::events(text)?;
    fast::scanner_disagrees(text, &scanned)
}

/// The job-config files under `job_config_path`, in Prow's walk order (what [`load`] reads).
pub fn job_files(job_config_path: &Path) -> Vec<PathBuf> {
    let is_dir = std::fs::metadata(job_config_path).is_ok_and(|m| m.is_dir());
    discover::discover(job_config_path, is_dir).files
}

/// One file's first YAML document as the JSON Prow decodes it (gzip and a byte-order mark
/// handled as [`load`] does): for what the readers skip, a job's `spec` and decoration, and the
/// config's `plank` and `presets`. `Ok(None)` when the text is not YAML Prow reads.
pub fn read_document(path: &Path) -> std::io::Result<Option<serde_json::Value>> {
    let bytes = parse::read_maybe_gzip(path)?;
    let Ok(text) = std::str::from_utf8(&bytes) else {
        return Ok(None);
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    Ok(json::document_json(text))
}

/// Renames a job's (or a preset's) keys to the Go fields they set when they match only
/// ignoring case, as Prow's JSON decoding does (`NAME:` sets an env var's `name`).
pub fn go_field_names(v: &mut serde_json::Value, kind: Option<JobKind>) {
    json::go_field_names(
        v,
        match kind {
            Some(k) => json::Root::Job(k),
            None => json::Root::Preset,
        },
    );
}

/// The settings of a Prow `config.yaml` text; `None` when it does not read.
pub fn parse_config(file: &Path, text: &str) -> Option<ProwConfig> {
    parse::parse_file(&Arc::from(file), text.as_bytes(), Role::Config).prow_config
}

/// Whether bytes are gzip-compressed (Prow reads such job files; kubectl-prow does not edit
/// them).
pub fn is_gzip(bytes: &[u8]) -> bool {
    bytes.starts_with(&[0x1f, 0x8b])
}

/// How many jobs of each kind.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct KindCounts {
    pub presubmit: usize,
    pub postsubmit: usize,
    pub periodic: usize,
}

impl KindCounts {
    pub fn total(&self) -> usize {
        self.presubmit + self.postsubmit + self.periodic
    }

    pub fn get(&self, kind: JobKind) -> usize {
        match kind {
            JobKind::Presubmit => self.presubmit,
            JobKind::Postsubmit => self.postsubmit,
            JobKind::Periodic => self.periodic,
        }
    }

    pub fn add(&mut self, kind: JobKind) {
        match kind {
            JobKind::Presubmit => self.presubmit += 1,
            JobKind::Postsubmit => self.postsubmit += 1,
            JobKind::Periodic => self.periodic += 1,
        }
    }
}

/// Jobs per effective context and kind.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ContextCounts {
    /// Context name → counts, sorted by name.
    pub by_context: BTreeMap<String, KindCounts>,
    /// Jobs with no context: agents that do not run in one (`jenkins`, unknown agents), and,
    /// with explicit credentials, jobs that do not set `cluster`.
    pub without_context: KindCounts,
}

impl ContextCounts {
    /// All jobs counted.
    pub fn total(&self) -> KindCounts {
        let mut t = self.without_context;
        for c in self.by_context.values() {
            t.presubmit += c.presubmit;
            t.postsubmit += c.postsubmit;
            t.periodic += c.periodic;
        }
        t
    }
}

/// Counts jobs per [`Job::effective_context`] and kind.
pub fn count_by_context<'a>(
    jobs: impl IntoIterator<Item = &'a Job>,
    explicit_credentials: bool,
) -> ContextCounts {
    let mut out = ContextCounts::default();
    for job in jobs {
        match job.effective_context(explicit_credentials) {
            Some(ctx) => match out.by_context.get_mut(ctx) {
                Some(c) => c.add(job.kind),
                None => {
                    let mut c = KindCounts::default();
                    c.add(job.kind);
                    out.by_context.insert(ctx.to_owned(), c);
                }
            },
            None => out.without_context.add(job.kind),
        }
    }
    out
}
