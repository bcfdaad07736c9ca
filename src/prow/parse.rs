//! Reading one Prow config or job-config file: bytes (maybe gzip) → the jobs in it.
//!
//! Only the fields kubectl-prow uses are deserialized; everything else (a job's `spec`,
//! `presets`, the rest of `config.yaml`) is skipped without building values.

use std::fmt;
use std::io::Read;
use std::marker::PhantomData;
use std::path::Path;
use std::sync::Arc;

use serde::Deserialize;
use serde::de::{Deserializer, MapAccess, Visitor};
use serde_saphyr::{DuplicateKeyPolicy, Spanned};

use crate::finding::Finding;
use crate::source::{Origin, Sourced};

use super::config::{AllowedClusters, ProwConfig};
use super::job::JobKind;
pub(crate) use super::jobfile::{
    JobFields, ParsedFile, Role, Text, null_job, origin_at, push_job_fields,
};

/// Reads a file's bytes, decompressing them when they start with the gzip magic bytes
/// (Prow's `ReadFileMaybeGZIP`).
pub(crate) fn read_maybe_gzip(path: &Path) -> std::io::Result<Vec<u8>> {
    let bytes = crate::source::read_bounded(path)?;
    if bytes.starts_with(&[0x1f, 0x8b]) {
        let mut out = Vec::with_capacity(bytes.len() * 4);
        // Bounded too: a few KiB of gzip can expand to gigabytes.
        flate2::read::MultiGzDecoder::new(bytes.as_slice())
            .take(crate::source::MAX_INPUT_BYTES + 1)
            .read_to_end(&mut out)?;
        if out.len() as u64 > crate::source::MAX_INPUT_BYTES {
            return Err(crate::source::too_big());
        }
        return Ok(out);
    }
    Ok(bytes)
}

/// Parses one file's contents. Never fails: a file that cannot be read as a Prow
/// configuration gives one error finding and no jobs.
pub(crate) fn parse_file(file: &Arc<Path>, bytes: &[u8], role: Role) -> ParsedFile {
    let mut out = ParsedFile::default();
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let (line, column) = line_col_at(bytes, e.valid_up_to());
            out.findings.push(Finding::error(
                "invalid-file",
                Some(Origin::new(file.clone(), line, column)),
                "not valid UTF-8; the file is left out",
                "save the file as UTF-8",
            ));
            return out;
        }
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if role != Role::InRepo
        && let Some(parsed) = super::fast::parse(file, text, role)
    {
        return parsed;
    }
    parse_general(file, text, role)
}

/// The general path: serde-saphyr, with anchors, merge keys, repeated keys, several
/// documents and its error messages.
pub(crate) fn parse_general(file: &Arc<Path>, text: &str, role: Role) -> ParsedFile {
    let out = parse_general_fields(file, text, role);
    if out.findings.iter().any(|f| f.code == "invalid-file") {
        return out;
    }
    // The file reads; whether Prow can decode every value in it is the checker's business.
    match super::json::check_general(text, role) {
        Some(problems) if !problems.is_empty() => {
            let mut refused = super::fast::refused(file, problems);
            // What reading found about the file as a whole (repeated keys, more documents)
            // still holds.
            refused.findings.extend(
                out.findings
                    .into_iter()
                    .filter(|f| f.severity != crate::finding::Severity::Error),
            );
            refused
                .findings
                .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
            refused
        }
        _ => out,
    }
}

fn parse_general_fields(file: &Arc<Path>, text: &str, role: Role) -> ParsedFile {
    let mut out = ParsedFile::default();
    match role {
        Role::InRepo => {
            if let Some(raw) =
                deserialize_first_document::<RawInRepoFile>(file, text, &mut out.findings)
            {
                for (kind, jobs) in [
                    (JobKind::Presubmit, raw.presubmits),
                    (JobKind::Postsubmit, raw.postsubmits),
                ] {
                    for job in jobs.into_iter().flatten() {
                        push_job(file, kind, None, job, &mut out);
                    }
                }
                for job in &mut out.jobs {
                    job.in_repo = true;
                }
            }
        }
        Role::Jobs => {
            if let Some(raw) =
                deserialize_first_document::<RawJobFile>(file, text, &mut out.findings)
            {
                collect_jobs(file, raw.take_jobs(), &mut out);
            }
        }
        Role::Config => {
            match deserialize_first_document::<RawConfigFile>(file, text, &mut out.findings) {
                Some(mut raw) => {
                    out.prow_config = Some(raw.prow_config(file));
                    collect_jobs(file, raw.take_jobs(), &mut out);
                }
                None if out
                    .findings
                    .iter()
                    .all(|f| f.severity != crate::finding::Severity::Error) =>
                {
                    // An empty config file: Prow's defaults.
                    out.prow_config = Some(ProwConfig {
                        file: Some(file.clone()),
                        ..ProwConfig::default()
                    });
                }
                None => {}
            }
        }
    }
    out
}

/// Deserializes the first YAML document of `text` as Prow's reader does: an empty or null
/// document is `None`; repeated keys keep the last value (each reported as a warning);
/// further documents are ignored (reported once). Any other problem is one error finding.
fn deserialize_first_document<T>(
    file: &Arc<Path>,
    text: &str,
    findings: &mut Vec<Finding>,
) -> Option<T>
where
    T: for<'de> Deserialize<'de>,
{
    let mut text = text;
    // Prow's reader stops after the first document without scanning on, so that whatever
    // follows a `---` (even YAML that does not parse) is ignored: cut it off first.
    if let Some(cut) = first_document_end(text) {
        if let Some((at, message)) = read_ahead_refusal(text, cut) {
            let (line, column) = line_col_at(text.as_bytes(), at);
            findings.push(Finding::error(
                "invalid-file",
                Some(Origin::new(file.clone(), line, column)),
                format!("cannot be read as Prow configuration: {message}; the file is left out"),
                "remove the text after the first document, or make it valid YAML",
            ));
            return None;
        }
        let (line, column) = line_col_at(text.as_bytes(), next_token(text, cut));
        findings.push(Finding::warning(
            "multiple-documents",
            Some(Origin::new(file.clone(), line, column)),
            "the file holds more than one YAML document; Prow reads only the first",
            "move the other documents into files of their own",
        ));
        text = &text[..cut];
    }
    if let Some(at) = empty_implicit_key(text) {
        let (line, column) = line_col_at(text.as_bytes(), at);
        findings.push(Finding::error(
            "invalid-file",
            Some(Origin::new(file.clone(), line, column)),
            "cannot be read as Prow configuration: yaml: did not find expected key (a `:` with no key before it); the file is left out",
            "write the key before the `:`, or remove the line",
        ));
        return None;
    }
    let mut policy = DuplicateKeyPolicy::Error;
    // At most three passes: cut further documents, then keep the last of repeated keys.
    for _ in 0..3 {
        match from_str_with::<Option<T>>(text, policy) {
            Ok(value) => return value,
            Err(e) => {
                let e = e.without_snippet();
                match e {
                    serde_saphyr::Error::MultipleDocuments { location, .. } => {
                        let Some(cut) = location.span().byte_offset() else {
                            break;
                        };
                        let cut = document_start(text, cut as usize);
                        let (line, column) = line_col_at(text.as_bytes(), cut);
                        findings.push(Finding::warning(
                            "multiple-documents",
                            Some(Origin::new(file.clone(), line, column)),
                            "the file holds more than one YAML document; Prow reads only the first",
                            "move the other documents into files of their own",
                        ));
                        text = &text[..cut];
                    }
                    serde_saphyr::Error::DuplicateMappingKey { key, location }
                        if matches!(policy, DuplicateKeyPolicy::Error) =>
                    {
                        let found = super::duplicates::scan(file, text);
                        if found.is_empty() {
                            let key = key.as_deref().unwrap_or("?");
                            findings.push(super::duplicates::finding(
                                origin_at(file, *location),
                                key,
                                None,
                            ));
                        }
                        findings.extend(found);
                        policy = DuplicateKeyPolicy::LastWins;
                    }
                    other => {
                        // go-yaml takes a `#` right after a quoted scalar or a flow indicator
                        // as a comment; serde-saphyr wants a blank first. Give it one there.
                        if let Some(at) = comment_without_blank(text, other) {
                            let spaced = format!("{} {}", &text[..at], &text[at..]);
                            return deserialize_first_document(file, &spaced, findings);
                        }
                        findings.push(invalid_file(file, other));
                        return None;
                    }
                }
            }
        }
    }
    findings.push(Finding::error(
        "invalid-file",
        Some(Origin::file(file.to_path_buf())),
        "the YAML could not be read; the file is left out",
        "check the file with a YAML linter",
    ));
    None
}

fn from_str_with<T>(
    text: &str,
    duplicate_keys: DuplicateKeyPolicy,
) -> Result<T, serde_saphyr::Error>
where
    T: for<'de> Deserialize<'de>,
{
    let options = serde_saphyr::options! {
        budget: None,
        emit_comments: false,
        duplicate_keys: duplicate_keys,
        with_snippet: false,
        // `.nan`, `.inf` and `-.inf` read (serde-saphyr refuses them by default, even in
        // skipped values and as keys): whether Prow can convert them is the checker's
        // business (super::json), which refuses a value in Prow's words and lets a key
        // through as Prow does (found by the prow_fast_vs_general fuzz target).
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::PassThrough,
    };
    serde_saphyr::from_str_with_options(text, options)
}

/// The start of the line holding the `---` that begins the second document (the error's
/// position can be after the marker).
/// Where the text after the first document starts (the line of its `---`, `...` or
/// directive, or the point where scanning it fails), when anything but comments and blank
/// lines follows the first document's root node; `None` for a single document and for a
/// first document that does not parse (the reader reports that).
fn first_document_end(text: &str) -> Option<usize> {
    use serde_saphyr::granit_parser::{Event, Options, Parser};
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut parser = Parser::new_from_str_with_options(text, options);
    let mut depth = 0usize;
    let mut root_end = None;
    let mut root_start = None;
    // The root node: from the first DocumentStart to its closing event.
    while root_end.is_none() {
        let (event, span) = match parser.next_event()? {
            Ok(e) => e,
            // The scanner looks ahead past the root's end to close it, and may fail on what
            // go-yaml would never reach: an indented block root ends at the first line that
            // starts left of it.
            Err(e) => {
                let (line, col) = root_start?;
                let failed = offset_of(text, *e.marker())?;
                let mut offset = 0;
                for (n, l) in text.split_inclusive('\n').enumerate() {
                    let indent = l.len() - l.trim_start_matches(' ').len();
                    let content = !blank_or_comment(l);
                    if n + 1 > line && content && indent < col && offset <= failed {
                        return Some(offset.saturating_sub(1));
                    }
                    offset += l.len();
                }
                return None;
            }
        };
        match event {
            Event::StreamEnd => return None,
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                if depth == 0 && span.start.col() > 0 {
                    root_start = Some((span.start.line(), span.start.col()));
                }
                depth += 1;
            }
            Event::MappingEnd | Event::SequenceEnd => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    root_end = Some(span.end);
                }
            }
            Event::Scalar(..) | Event::Alias(..) if depth == 0 => root_end = Some(span.end),
            _ => {}
        }
    }
    let root_end = offset_of(text, root_end?)?;
    // go-yaml ends the first document at the first token after its root node, whatever that
    // token is (`---`, `...`, a directive, a scalar at a lesser indent): cut right there,
    // unless nothing follows but comments (after an optional `...`).
    let mut at = next_token(text, root_end);
    if text[at..].starts_with("...")
        && text[at + 3..]
            .chars()
            .next()
            .is_none_or(|c| c.is_ascii_whitespace())
    {
        at = next_token(text, at + 3);
    }
    (at < text.len()).then_some(root_end)
}

/// The offset of a `#` that serde-saphyr refuses because no blank precedes it, where go-yaml
/// reads a comment: after a closing quote or a flow indicator.
fn comment_without_blank(text: &str, e: &serde_saphyr::Error) -> Option<usize> {
    if !e
        .to_string()
        .contains("comments must be separated from other tokens")
    {
        return None;
    }
    let loc = e.location()?;
    let line = text
        .split_inclusive('\n')
        .nth(usize::try_from(loc.line()).ok()?.checked_sub(1)?)?;
    let line_start = line.as_ptr() as usize - text.as_ptr() as usize;
    // The `#` nearest the reported column that follows such a character.
    let column = usize::try_from(loc.column()).ok()?;
    line.char_indices()
        .filter(|&(i, c)| {
            c == '#'
                && line[..i]
                    .chars()
                    .next_back()
                    .is_some_and(|b| matches!(b, '"' | '\'' | ']' | '}' | ','))
        })
        .min_by_key(|&(i, _)| line[..i].chars().count().abs_diff(column))
        .map(|(i, _)| line_start + i)
}

/// Where a block mapping entry of the first document has no key at all (`: value`): YAML 1.2
/// and serde-saphyr read a null key there, go-yaml refuses the file.
fn empty_implicit_key(text: &str) -> Option<usize> {
    use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle};
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut parser = Parser::new_from_str_with_options(text, options);
    // Per open collection: a mapping, and whether its next node is a key.
    let mut open: Vec<(bool, bool)> = Vec::new();
    let mut started = false;
    loop {
        let (event, span) = parser.next_event()?.ok()?;
        let key = matches!(open.last(), Some((true, true)));
        if let Some((true, next_is_key)) = open.last_mut()
            && !matches!(event, Event::MappingEnd)
        {
            *next_is_key = !*next_is_key;
        }
        match event {
            Event::StreamEnd | Event::DocumentEnd if started => return None,
            Event::MappingStart(..) => open.push((true, true)),
            Event::SequenceStart(..) => open.push((false, false)),
            Event::MappingEnd | Event::SequenceEnd => {
                open.pop();
                if open.is_empty() {
                    return None;
                }
            }
            Event::Scalar(ref value, ScalarStyle::Plain, _, None)
                if key && matches!(&**value, "" | "~") =>
            {
                let at = offset_of(text, span.start)?;
                if text[at..].starts_with(':') {
                    return Some(at);
                }
            }
            _ => {}
        }
        started |= matches!(event, Event::DocumentStart(..));
    }
}

/// Where the first token after `cut` starts (past blanks, line breaks and comments).
fn next_token(text: &str, cut: usize) -> usize {
    let mut at = cut;
    let bytes = text.as_bytes();
    while at < bytes.len() {
        match bytes[at] {
            b' ' | b'\t' | b'\r' | b'\n' => at += 1,
            b'#' => at = text[at..].find('\n').map_or(bytes.len(), |i| at + i),
            _ => break,
        }
    }
    at
}

/// What Prow's YAML reader (go-yaml v2) still refuses after the first document, which it
/// otherwise never parses: its reader decodes the input 512 bytes at a time and refuses a
/// control character anywhere in what it decoded (at least the 4 characters it looks at where
/// the next document starts), and its scanner reads a `%` directive there whole.
fn read_ahead_refusal(text: &str, root_end: usize) -> Option<(usize, String)> {
    const CHUNK: usize = 512;
    let cut = next_token(text, root_end);
    let decoded = (cut + 4).div_ceil(CHUNK) * CHUNK;
    let mut end = decoded.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let allowed = |c: char| matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{7e}' | '\u{85}' | '\u{a0}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..);
    if let Some((i, _)) = text[root_end..end]
        .char_indices()
        .find(|&(_, c)| !allowed(c))
    {
        return Some((
            root_end + i,
            "yaml: control characters are not allowed".to_owned(),
        ));
    }
    // The scanner reads that one token whole: one that cannot be scanned is refused.
    let token = &text[cut..];
    let unclosed = |quote: char| {
        let mut chars = token[1..].chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\\' if quote == '"' => {
                    chars.next();
                }
                '\'' if quote == '\'' && chars.peek() == Some(&'\'') => {
                    chars.next();
                }
                c if c == quote => return false,
                _ => {}
            }
        }
        true
    };
    match token.chars().next() {
        Some('@' | '`') => {
            return Some((
                cut,
                "yaml: found character that cannot start any token".to_owned(),
            ));
        }
        Some(q @ ('\'' | '"')) if unclosed(q) => {
            return Some((
                cut,
                "yaml: while scanning a quoted scalar: found unexpected end of stream".to_owned(),
            ));
        }
        _ => {}
    }
    let line = text[cut..].lines().next().unwrap_or("");
    let directive = line.strip_prefix('%')?;
    let (name, rest) = directive.split_once([' ', '\t']).unwrap_or((directive, ""));
    let rest = rest.split_once(" #").map_or(rest, |(v, _)| v).trim();
    let mut words = rest.split([' ', '\t']).filter(|w| !w.is_empty());
    let fine = match name {
        "YAML" => {
            let version = words.next().unwrap_or("");
            let digits =
                |s: &str| (1..=9).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit());
            version
                .split_once('.')
                .is_some_and(|(a, b)| digits(a) && digits(b))
                && words.next().is_none()
        }
        "TAG" => {
            let handle = words.next().unwrap_or("");
            handle.starts_with('!')
                && handle.ends_with('!')
                && words.next().is_some()
                && words.next().is_none()
        }
        _ => {
            return Some((
                cut,
                "yaml: while scanning a directive: found unknown directive name".to_owned(),
            ));
        }
    };
    (!fine).then(|| {
        (
            cut,
            "yaml: while scanning a directive: malformed directive".to_owned(),
        )
    })
}

fn blank_or_comment(line: &str) -> bool {
    let line = line.trim_start();
    line.is_empty() || line.starts_with('#')
}

/// The byte offset of a parser position (1-based line, 0-based column in characters).
fn offset_of(text: &str, at: serde_saphyr::granit_parser::Marker) -> Option<usize> {
    if let Some(b) = at.byte_offset() {
        return (b <= text.len()).then_some(b);
    }
    let mut line_start = 0;
    for _ in 1..at.line() {
        line_start += text[line_start..].find('\n')? + 1;
    }
    let line = &text[line_start..];
    Some(
        line_start
            + line
                .char_indices()
                .nth(at.col())
                .map_or(line.len(), |(i, _)| i),
    )
}

fn document_start(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    let mut line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    // Walk back over the lines until the one starting with `---` or `...`.
    loop {
        let line = &text[line_start..];
        if line.starts_with("---") || line.starts_with("...") || line_start == 0 {
            return line_start;
        }
        line_start = text[..line_start - 1].rfind('\n').map_or(0, |i| i + 1);
    }
}

fn invalid_file(file: &Arc<Path>, e: &serde_saphyr::Error) -> Finding {
    let origin = match e.location() {
        Some(loc) if loc.line() > 0 => origin_at(file, loc),
        _ => Origin::file(file.to_path_buf()),
    };
    let message = e.to_string();
    Finding::error(
        "invalid-file",
        Some(origin),
        format!(
            "cannot be read as Prow configuration: {}; the file is left out",
            crate::source::yaml_limit_reason(&message).unwrap_or_else(|| strip_position(&message))
        ),
        "fix the file: Prow refuses the whole configuration while it does not load",
    )
}

/// serde-saphyr ends some messages with the position, which the finding already carries.
fn strip_position(message: &str) -> &str {
    match message.rfind(" at line ") {
        Some(i) if message[i..].contains("column") => &message[..i],
        _ => message,
    }
}

/// 1-based line and column of a byte offset.
pub(crate) fn line_col_at(bytes: &[u8], offset: usize) -> (u32, u32) {
    let before = &bytes[..offset.min(bytes.len())];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

fn collect_jobs(file: &Arc<Path>, raw: RawJobs, out: &mut ParsedFile) {
    for (kind, repos) in [
        (JobKind::Presubmit, raw.presubmits),
        (JobKind::Postsubmit, raw.postsubmits),
    ] {
        for (repo, jobs) in repos.map(|r| r.0).unwrap_or_default() {
            for job in jobs.into_iter().flatten() {
                push_job(file, kind, Some(&repo), job, out);
            }
        }
    }
    for job in raw.periodics.into_iter().flatten() {
        push_job(file, JobKind::Periodic, None, job, out);
    }
}

fn push_job(
    file: &Arc<Path>,
    kind: JobKind,
    repo: Option<&str>,
    raw: Spanned<Option<RawJob>>,
    out: &mut ParsedFile,
) {
    let origin = origin_at(file, raw.referenced);
    let Some(job) = raw.value else {
        null_job(kind, repo, origin, out);
        return;
    };
    let t = |s: Spanned<String>| Text::from_spanned(file, s);
    let fields = JobFields {
        name: job.name.map(t),
        cluster: job.cluster.map(t),
        agent: job.agent,
        branches: job
            .branches
            .unwrap_or_default()
            .into_iter()
            .map(t)
            .collect(),
        skip_branches: job
            .skip_branches
            .unwrap_or_default()
            .into_iter()
            .map(t)
            .collect(),
    };
    push_job_fields(kind, repo, origin, fields, out);
}

// ----------------------------------------------------------------------------------------
// The YAML shapes. Unknown keys are skipped by serde without building values.

/// A job list as written: an entry may be null.
type JobList = Vec<Spanned<Option<RawJob>>>;

/// A list of strings with their positions.
type StringList = Vec<Spanned<String>>;

/// The job lists of a file.
struct RawJobs {
    presubmits: Option<RepoJobs>,
    postsubmits: Option<RepoJobs>,
    periodics: Option<JobList>,
}

/// A repository's `.prow.yaml` (Prow's `ProwYAML`; presets and the rest are skipped).
#[derive(Deserialize)]
struct RawInRepoFile {
    #[serde(default)]
    presubmits: Option<JobList>,
    #[serde(default)]
    postsubmits: Option<JobList>,
}

/// A job-config file (Prow's `JobConfig`).
#[derive(Deserialize)]
struct RawJobFile {
    #[serde(default)]
    presubmits: Option<RepoJobs>,
    #[serde(default)]
    postsubmits: Option<RepoJobs>,
    #[serde(default)]
    periodics: Option<JobList>,
}

/// Both file shapes hand over their job lists.
trait HasJobs {
    fn take_jobs(self) -> RawJobs;
}

impl HasJobs for RawJobFile {
    fn take_jobs(self) -> RawJobs {
        RawJobs {
            presubmits: self.presubmits,
            postsubmits: self.postsubmits,
            periodics: self.periodics,
        }
    }
}

/// Prow's `config.yaml`: the settings kubectl-prow needs, and jobs written inline.
#[derive(Deserialize)]
struct RawConfigFile {
    #[serde(default)]
    presubmits: Option<RepoJobs>,
    #[serde(default)]
    postsubmits: Option<RepoJobs>,
    #[serde(default)]
    periodics: Option<JobList>,
    #[serde(default)]
    pod_namespace: Option<Spanned<String>>,
    #[serde(default)]
    prowjob_namespace: Option<Spanned<String>>,
    #[serde(default)]
    disabled_clusters: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    in_repo_config: Option<RawInRepoConfig>,
}

#[derive(Deserialize)]
struct RawInRepoConfig {
    #[serde(default)]
    allowed_clusters: Option<Ordered<Spanned<String>, Option<StringList>>>,
}

/// One job; every other field of Prow's `JobBase` and friends is skipped.
#[derive(Deserialize)]
struct RawJob {
    #[serde(default)]
    name: Option<Spanned<String>>,
    #[serde(default)]
    cluster: Option<Spanned<String>>,
    #[serde(default)]
    agent: Option<String>,
    #[serde(default)]
    branches: Option<Vec<Spanned<String>>>,
    #[serde(default)]
    skip_branches: Option<Vec<Spanned<String>>>,
}

/// `presubmits`/`postsubmits`: repository key → job list, in written order. Keys are kept
/// whole (`org/repo`, or a Gerrit URL such as `https://host/repo`); a null list is no jobs.
struct RepoJobs(Vec<(String, Option<JobList>)>);

impl<'de> Deserialize<'de> for RepoJobs {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        Ordered::<String, Option<JobList>>::deserialize(d).map(|o| RepoJobs(o.0))
    }
}

/// A mapping read in written order; a repeated key keeps its last value (in the first key's
/// place), like a Go map.
struct Ordered<K, V>(Vec<(K, V)>);

trait KeyText {
    fn key_text(&self) -> &str;
}

impl KeyText for String {
    fn key_text(&self) -> &str {
        self
    }
}

impl KeyText for Spanned<String> {
    fn key_text(&self) -> &str {
        &self.value
    }
}

impl<'de, K, V> Deserialize<'de> for Ordered<K, V>
where
    K: Deserialize<'de> + KeyText,
    V: Deserialize<'de>,
{
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct OrderedVisitor<K, V>(PhantomData<(K, V)>);

        impl<'de, K, V> Visitor<'de> for OrderedVisitor<K, V>
        where
            K: Deserialize<'de> + KeyText,
            V: Deserialize<'de>,
        {
            type Value = Ordered<K, V>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a mapping")
            }

            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
                let mut out: Vec<(K, V)> = Vec::new();
                while let Some(key) = map.next_key::<K>()? {
                    let value = map.next_value::<V>()?;
                    match out.iter_mut().find(|(k, _)| k.key_text() == key.key_text()) {
                        Some(slot) => slot.1 = value,
                        None => out.push((key, value)),
                    }
                }
                Ok(Ordered(out))
            }
        }

        d.deserialize_map(OrderedVisitor(PhantomData))
    }
}

impl RawConfigFile {
    fn prow_config(&mut self, file: &Arc<Path>) -> ProwConfig {
        let sourced = |s: Spanned<String>| Sourced::new(s.value, origin_at(file, s.referenced));
        ProwConfig {
            file: Some(file.clone()),
            pod_namespace: self.pod_namespace.take().map(sourced),
            prowjob_namespace: self.prowjob_namespace.take().map(sourced),
            disabled_clusters: self
                .disabled_clusters
                .take()
                .unwrap_or_default()
                .into_iter()
                .map(sourced)
                .collect(),
            allowed_clusters: self
                .in_repo_config
                .take()
                .and_then(|c| c.allowed_clusters)
                .map(|entries| {
                    entries
                        .0
                        .into_iter()
                        .map(|(key, clusters)| AllowedClusters {
                            key: sourced(key),
                            clusters: clusters.map(|c| c.into_iter().map(sourced).collect()),
                        })
                        .collect()
                }),
        }
    }
}

impl HasJobs for RawConfigFile {
    fn take_jobs(self) -> RawJobs {
        RawJobs {
            presubmits: self.presubmits,
            postsubmits: self.postsubmits,
            periodics: self.periodics,
        }
    }
}
