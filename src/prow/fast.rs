//! The fast path: reading a plain job-config file straight from parser events.
//!
//! serde-saphyr's deserializer costs about as much again as the YAML parser under it, most
//! of it while skipping what we do not read (a job's `spec`). Nearly all real files are
//! plain trees: no anchors, aliases or merge keys, no tags, no repeated keys, one
//! document, and the shapes Prow expects. For those, this module walks granit-parser's
//! events once, keeping only the fields kubectl-prow needs.
//!
//! Anything else makes it give up (`None`), and the file is read again by serde-saphyr
//! ([`super::parse`]), which handles the general case and words the errors. A test checks
//! that both paths give the same result on every file where the fast path answers.

use std::borrow::Cow;
use std::path::Path;
use std::sync::Arc;

use serde_saphyr::granit_parser::{Event, Options, Parser, ScalarStyle, Span, StrInput};

use crate::finding::Finding;
use crate::source::{Origin, Sourced};

use super::config::{AllowedClusters, ProwConfig};
use super::decode;
use super::job::JobKind;
use super::jobfile::{Item, JobFields, ParsedFile, Role, Text, push};
use super::json::{Checker, Problem};

/// The fast path gave up: read the file the general way.
pub(crate) struct GiveUp;

type R<T> = Result<T, GiveUp>;

/// Reads `text` when it is a plain tree of the expected shape; `None` otherwise.
pub(crate) fn parse(file: &Arc<Path>, text: &str, role: Role) -> Option<ParsedFile> {
    // Where go-yaml takes a tab is a question for the general path (`goyaml`).
    if text.contains('\t') {
        return None;
    }
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut r = Reader {
        file,
        parser: Parser::new_from_str_with_options(text, options),
        check: Checker::new(role),
    };
    let parsed = r.document(role).ok()?;
    if r.check.problems.is_empty() {
        return Some(parsed);
    }
    Some(refused(file, r.check.problems))
}

/// A file Prow refuses for its values: one finding per value, no jobs.
pub(crate) fn refused(file: &Arc<Path>, problems: Vec<Problem>) -> ParsedFile {
    let findings = problems
        .into_iter()
        .map(|p| {
            let fix = match &p.quote {
                Some(v) => format!("quote it: \"{v}\"; Prow refuses the whole file until then"),
                None => {
                    "fix the value: Prow refuses the whole file while it does not load".to_owned()
                }
            };
            Finding::error(
                "invalid-file",
                Some(Origin::new(file.clone(), p.line, p.column)),
                format!(
                    "Prow cannot read this file: {}; the file is left out",
                    p.message
                ),
                fix,
            )
        })
        .collect::<Vec<_>>();
    let mut findings = findings;
    findings.sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    ParsedFile {
        findings,
        ..ParsedFile::default()
    }
}

struct Reader<'a, 'f> {
    file: &'f Arc<Path>,
    parser: Parser<'a, StrInput<'a>>,
    /// Sees every event, for the values Prow refuses (see [`super::json`]).
    check: Checker,
}

/// A scalar as the fast path sees it: `None` text means YAML null.
struct Scalar<'a> {
    text: Option<Cow<'a, str>>,
    span: Span,
}

/// What the file gave, before jobs are put in Prow's order.
#[derive(Default)]
struct Lists {
    presubmits: Vec<(String, Vec<Item>)>,
    postsubmits: Vec<(String, Vec<Item>)>,
    periodics: Vec<Item>,
}

impl<'a> Reader<'a, '_> {
    fn next(&mut self) -> R<(Event<'a>, Span)> {
        match self.parser.next_event() {
            Some(Ok((event, span))) => {
                let plain = match &event {
                    Event::Scalar(_, _, anchor, tag)
                    | Event::SequenceStart(_, anchor, tag)
                    | Event::MappingStart(_, anchor, tag) => *anchor == 0 && tag.is_none(),
                    Event::Alias(_) => false,
                    _ => true,
                };
                if !plain {
                    return Err(GiveUp);
                }
                let (line, column) = (
                    u32::try_from(span.start.line()).unwrap_or(u32::MAX),
                    u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
                );
                match &event {
                    Event::Scalar(text, style, ..) => {
                        self.check
                            .scalar(text, *style == ScalarStyle::Plain, None, line, column);
                    }
                    Event::MappingStart(..) => self.check.start(true, line, column),
                    Event::SequenceStart(..) => self.check.start(false, line, column),
                    Event::MappingEnd | Event::SequenceEnd => self.check.end(),
                    _ => {}
                }
                Ok((event, span))
            }
            _ => Err(GiveUp),
        }
    }

    fn origin(&self, span: &Span) -> Origin {
        Origin::new(
            self.file.clone(),
            u32::try_from(span.start.line()).unwrap_or(u32::MAX),
            u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
        )
    }

    fn document(&mut self, role: Role) -> R<ParsedFile> {
        let mut out = ParsedFile::default();
        let mut lists = Lists::default();
        let mut config = ProwConfig {
            file: Some(self.file.clone()),
            ..ProwConfig::default()
        };
        if !matches!(self.next()?.0, Event::StreamStart) {
            return Err(GiveUp);
        }
        match self.next()?.0 {
            Event::StreamEnd => {}
            Event::DocumentStart(..) => {
                let (event, span) = self.next()?;
                match event {
                    Event::MappingStart(..) => self.top(role, &mut lists, &mut config)?,
                    Event::Scalar(..) if self.scalar(event, span)?.text.is_none() => {}
                    _ => return Err(GiveUp),
                }
                if !matches!(self.next()?.0, Event::DocumentEnd) {
                    return Err(GiveUp);
                }
                // A second document is the general path's business.
                if !matches!(self.next()?.0, Event::StreamEnd) {
                    return Err(GiveUp);
                }
            }
            _ => return Err(GiveUp),
        }
        if role == Role::Config {
            out.prow_config = Some(config);
        }
        for (kind, repos) in [
            (JobKind::Presubmit, lists.presubmits),
            (JobKind::Postsubmit, lists.postsubmits),
        ] {
            for (repo, items) in repos {
                for item in items {
                    push(kind, Some(&repo), item, &mut out);
                }
            }
        }
        for item in lists.periodics {
            push(JobKind::Periodic, None, item, &mut out);
        }
        Ok(out)
    }

    /// The top-level mapping.
    fn top(&mut self, role: Role, lists: &mut Lists, config: &mut ProwConfig) -> R<()> {
        self.mapping(|r, key, _| {
            match (key, role) {
                ("presubmits", _) => lists.presubmits = r.repo_jobs()?,
                ("postsubmits", _) => lists.postsubmits = r.repo_jobs()?,
                ("periodics", _) => lists.periodics = r.job_list_or_null()?,
                ("pod_namespace", Role::Config) => config.pod_namespace = r.sourced_or_null()?,
                ("prowjob_namespace", Role::Config) => {
                    config.prowjob_namespace = r.sourced_or_null()?;
                }
                ("disabled_clusters", Role::Config) => {
                    config.disabled_clusters = r.sourced_list_or_null()?.unwrap_or_default();
                }
                ("in_repo_config", Role::Config) => {
                    config.allowed_clusters = r.in_repo_config()?;
                }
                _ => {
                    folded_field(key, decode::CONFIG)?;
                    r.skip_value()?;
                }
            }
            Ok(())
        })
    }

    /// Iterates a mapping whose start was consumed, calling `f` with each key; `f` must
    /// consume the value. Gives up on repeated, merge, non-scalar or numeric-looking keys
    /// (serde-saphyr compares those by value), and on null keys (`~: x`), which the general
    /// path refuses as Prow's YAML-to-JSON conversion does.
    fn mapping(&mut self, mut f: impl FnMut(&mut Self, &str, Span) -> R<()>) -> R<()> {
        let mut keys: Vec<Cow<'a, str>> = Vec::new();
        loop {
            let (event, span) = self.next()?;
            let key = match event {
                Event::MappingEnd => return Ok(()),
                Event::Scalar(key, style, ..) => {
                    if style == ScalarStyle::Plain
                        && (matches!(&*key, "<<" | "~" | "null" | "Null" | "NULL")
                            || key
                                .bytes()
                                .next()
                                .is_none_or(|b| b.is_ascii_digit() || b == b'-' || b == b'+'))
                    {
                        return Err(GiveUp);
                    }
                    key
                }
                _ => return Err(GiveUp),
            };
            if keys.contains(&key) {
                return Err(GiveUp);
            }
            f(self, &key, span)?;
            keys.push(key);
        }
    }

    /// Consumes one node, checking the mappings inside for repeated keys.
    fn skip_value(&mut self) -> R<()> {
        let (event, _) = self.next()?;
        self.skip_rest(event)
    }

    fn skip_rest(&mut self, event: Event<'a>) -> R<()> {
        match event {
            Event::Scalar(..) => Ok(()),
            Event::MappingStart(..) => self.mapping(|r, _, _| r.skip_value()),
            Event::SequenceStart(..) => loop {
                let (event, _) = self.next()?;
                if matches!(event, Event::SequenceEnd) {
                    return Ok(());
                }
                self.skip_rest(event)?;
            },
            _ => Err(GiveUp),
        }
    }

    fn scalar(&self, event: Event<'a>, span: Span) -> R<Scalar<'a>> {
        let Event::Scalar(text, style, ..) = event else {
            return Err(GiveUp);
        };
        let plain = style == ScalarStyle::Plain;
        let null = plain && matches!(&*text, "" | "~" | "null" | "Null" | "NULL");
        Ok(Scalar {
            text: (!null).then_some(text),
            span,
        })
    }

    /// A string value or null.
    fn text_or_null(&mut self) -> R<Option<Text>> {
        let (event, span) = self.next()?;
        let s = self.scalar(event, span)?;
        Ok(s.text.map(|t| Text {
            value: t.into_owned(),
            origin: self.origin(&s.span),
        }))
    }

    fn sourced_or_null(&mut self) -> R<Option<Sourced<String>>> {
        Ok(self
            .text_or_null()?
            .map(|t| Sourced::new(t.value, t.origin)))
    }

    /// A list of strings (nulls in it are the general path's business), or null.
    fn text_list_or_null(&mut self) -> R<Option<Vec<Text>>> {
        let (event, span) = self.next()?;
        match event {
            Event::SequenceStart(..) => {}
            Event::Scalar(..) if self.scalar(event, span)?.text.is_none() => return Ok(None),
            _ => return Err(GiveUp),
        }
        let mut out = Vec::new();
        loop {
            let (event, span) = self.next()?;
            if matches!(event, Event::SequenceEnd) {
                return Ok(Some(out));
            }
            let s = self.scalar(event, span)?;
            let text = s.text.ok_or(GiveUp)?;
            out.push(Text {
                value: text.into_owned(),
                origin: self.origin(&s.span),
            });
        }
    }

    fn sourced_list_or_null(&mut self) -> R<Option<Vec<Sourced<String>>>> {
        Ok(self.text_list_or_null()?.map(|v| {
            v.into_iter()
                .map(|t| Sourced::new(t.value, t.origin))
                .collect()
        }))
    }

    /// `in_repo_config`: only `allowed_clusters` is read.
    fn in_repo_config(&mut self) -> R<Option<Vec<AllowedClusters>>> {
        let (event, span) = self.next()?;
        match event {
            Event::MappingStart(..) => {}
            Event::Scalar(..) if self.scalar(event, span)?.text.is_none() => return Ok(None),
            _ => return Err(GiveUp),
        }
        let mut allowed = None;
        self.mapping(|r, key, _| {
            if key == "allowed_clusters" {
                allowed = r.allowed_clusters()?;
                Ok(())
            } else {
                folded_field(key, decode::IN_REPO_CONFIG)?;
                r.skip_value()
            }
        })?;
        Ok(allowed)
    }

    fn allowed_clusters(&mut self) -> R<Option<Vec<AllowedClusters>>> {
        let (event, span) = self.next()?;
        match event {
            Event::MappingStart(..) => {}
            Event::Scalar(..) if self.scalar(event, span)?.text.is_none() => return Ok(None),
            _ => return Err(GiveUp),
        }
        let mut out = Vec::new();
        self.mapping(|r, key, span| {
            let key = Sourced::new(key.to_owned(), r.origin(&span));
            let clusters = r.sourced_list_or_null()?;
            out.push(AllowedClusters { key, clusters });
            Ok(())
        })?;
        Ok(Some(out))
    }

    /// `presubmits`/`postsubmits`: repository key → job list, or null.
    fn repo_jobs(&mut self) -> R<Vec<(String, Vec<Item>)>> {
        let (event, span) = self.next()?;
        match event {
            Event::MappingStart(..) => {}
            Event::Scalar(..) if self.scalar(event, span)?.text.is_none() => return Ok(Vec::new()),
            _ => return Err(GiveUp),
        }
        let mut out = Vec::new();
        self.mapping(|r, key, _| {
            let jobs = r.job_list_or_null()?;
            out.push((key.to_owned(), jobs));
            Ok(())
        })?;
        Ok(out)
    }

    fn job_list_or_null(&mut self) -> R<Vec<Item>> {
        let (event, span) = self.next()?;
        match event {
            Event::SequenceStart(..) => {}
            Event::Scalar(..) if self.scalar(event, span)?.text.is_none() => return Ok(Vec::new()),
            _ => return Err(GiveUp),
        }
        let mut out = Vec::new();
        loop {
            let (event, span) = self.next()?;
            match event {
                Event::SequenceEnd => return Ok(out),
                Event::MappingStart(..) => {
                    let origin = self.origin(&span);
                    out.push(Item::Job(origin, self.job()?));
                }
                Event::Scalar(..) if self.scalar(event, span)?.text.is_none() => {
                    out.push(Item::Null(self.origin(&span)));
                }
                _ => return Err(GiveUp),
            }
        }
    }

    /// One job mapping, its start consumed.
    fn job(&mut self) -> R<JobFields> {
        let mut f = JobFields {
            name: None,
            cluster: None,
            agent: None,
            branches: Vec::new(),
            skip_branches: Vec::new(),
        };
        self.mapping(|r, key, _| {
            match key {
                "name" => f.name = r.text_or_null()?,
                "cluster" => f.cluster = r.text_or_null()?,
                "agent" => f.agent = r.text_or_null()?.map(|t| t.value),
                "branches" => f.branches = r.text_list_or_null()?.unwrap_or_default(),
                "skip_branches" => f.skip_branches = r.text_list_or_null()?.unwrap_or_default(),
                _ => {
                    folded_field(key, decode::JOB)?;
                    r.skip_value()?;
                }
            }
            Ok(())
        })?;
        Ok(f)
    }
}

/// Gives up on a key that sets one of `fields` only ignoring case (`Cluster`): Go's decoding
/// takes it, and which spelling wins is the general path's business ([`super::decode`]).
fn folded_field(key: &str, fields: &[&str]) -> R<()> {
    let plain = key
        .bytes()
        .all(|b| b.is_ascii_lowercase() || b == b'_' || (!b.is_ascii_alphabetic() && b < 0x80));
    if !plain && fields.iter().any(|f| super::json::fold_eq(f, key)) {
        return Err(GiveUp);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::super::parse::{parse_general, read_maybe_gzip};
    use super::*;

    fn files_under(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(rd) = std::fs::read_dir(dir) else {
            return;
        };
        let mut entries: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        entries.sort();
        for p in entries {
            if p.is_dir() {
                files_under(&p, out);
            } else if p
                .extension()
                .is_some_and(|e| e == "yaml" || e == "yml" || e == "YAML" || e == "tpl")
            {
                out.push(p);
            }
        }
    }

    /// Both paths agree wherever the fast one answers; returns (answered, files).
    fn compare_under(dir: &Path) -> (usize, usize) {
        let mut files = Vec::new();
        files_under(dir, &mut files);
        let mut answered = 0;
        for path in &files {
            let Ok(bytes) = read_maybe_gzip(path) else {
                continue;
            };
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let file: Arc<Path> = Arc::from(path.as_path());
            for role in [Role::Jobs, Role::Config] {
                let Some(fast) = parse(&file, text, role) else {
                    continue;
                };
                answered += usize::from(role == Role::Jobs);
                let general = parse_general(&file, text, role);
                assert_eq!(fast.jobs, general.jobs, "{}", path.display());
                assert_eq!(fast.findings, general.findings, "{}", path.display());
                assert_eq!(fast.prow_config, general.prow_config, "{}", path.display());
            }
        }
        (answered, files.len())
    }

    #[test]
    fn fast_and_general_paths_agree_on_the_fixtures() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/prow");
        let (answered, files) = compare_under(&dir);
        assert!(answered > files / 2, "{answered} of {files}");
    }

    #[test]
    fn fast_and_general_paths_agree_on_the_corpus() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/prow-jobs");
        if !dir.is_dir() {
            assert!(
                std::env::var_os("CI").is_none_or(|v| v.is_empty()),
                "../shared/corpus not found but CI is set"
            );
            println!("skipping: ../shared/corpus not found");
            return;
        }
        let (answered, files) = compare_under(&dir);
        // The fast path is what makes loading quick: it must take nearly every real file.
        assert!(answered * 100 >= files * 95, "{answered} of {files}");
    }

    #[test]
    fn unusual_files_take_the_general_path() {
        let file: Arc<Path> = Arc::from(Path::new("t.yaml"));
        for text in [
            "a: &x 1\nb: *x\n",
            "periodics:\n- <<: {cluster: a}\n  name: b\n",
            "a: 1\na: 2\n",
            "a: !!str 1\n",
            "a: 1\n---\nb: 2\n",
            "periodics: {}\n",
            "periodics:\n- name: [x]\n",
            "[1, 2]\n",
            "periodics:\n- name: x\n  branches: [~]\n",
            "a: [unclosed\n",
            // Null keys (found by the prow_fast_vs_general fuzz target).
            "~: x\n",
            "null: x\n",
            "periodics:\n- name: a\n  ~: b\n",
            "presetscontainers::\n  - labels:\n      prese:\n  - labels:\n: /etc/foo\n",
        ] {
            assert!(parse(&file, text, Role::Jobs).is_none(), "{text:?}");
        }
        assert!(parse(&file, "", Role::Jobs).is_some());
        assert!(parse(&file, "# just a comment\n", Role::Jobs).is_some());
    }
}
