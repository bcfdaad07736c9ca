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

use crate::yaml::scan::{Ev, Pos};

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
    // Plain block YAML first (nearly every file); a file Prow refuses for its values is read
    // again by granit-parser, whose places the findings use.
    if let Some(events) = crate::yaml::scan::events(text) {
        let mut r = Reader {
            file,
            source: Scanned(events.into_iter()),
            check: Checker::new(role),
        };
        let parsed = r.document(role);
        let clean = r.check.problems.is_empty();
        crate::yaml::scan::recycle(r.source.0);
        if let Ok(parsed) = parsed
            && clean
        {
            return Some(parsed);
        }
    }
    parse_granit(file, text, role)
}

/// The fast path over granit-parser's events only.
pub(crate) fn parse_granit(file: &Arc<Path>, text: &str, role: Role) -> Option<ParsedFile> {
    // Where go-yaml takes a tab is a question for the general path (`goyaml`).
    if text.contains('\t') {
        return None;
    }
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut r = Reader {
        file,
        source: Granit(Parser::new_from_str_with_options(text, options)),
        check: Checker::new(role),
    };
    let parsed = r.document(role).ok()?;
    if r.check.problems.is_empty() {
        return Some(parsed);
    }
    Some(refused(file, r.check.problems))
}

/// The node events of a file's one document, from either reader.
trait Source<'a> {
    /// Whether the document has a root node (an empty stream has none).
    fn begin(&mut self) -> R<bool>;
    fn node(&mut self) -> R<(Ev<'a>, Pos)>;
    /// After the root node: the document and the stream end there.
    fn finish(&mut self) -> R<()>;
}

/// [`super::scan`]'s events.
struct Scanned<'a>(std::vec::IntoIter<(Ev<'a>, Pos)>);

impl<'a> Source<'a> for Scanned<'a> {
    fn begin(&mut self) -> R<bool> {
        Ok(self.0.len() > 0)
    }

    fn node(&mut self) -> R<(Ev<'a>, Pos)> {
        self.0.next().ok_or(GiveUp)
    }

    fn finish(&mut self) -> R<()> {
        if self.0.len() == 0 {
            Ok(())
        } else {
            Err(GiveUp)
        }
    }
}

/// granit-parser's events, for the files [`super::scan`] leaves.
struct Granit<'a>(Parser<'a, StrInput<'a>>);

impl<'a> Granit<'a> {
    fn raw(&mut self) -> R<(Event<'a>, Span)> {
        match self.0.next_event() {
            Some(Ok(e)) => Ok(e),
            _ => Err(GiveUp),
        }
    }
}

impl<'a> Source<'a> for Granit<'a> {
    fn begin(&mut self) -> R<bool> {
        if !matches!(self.raw()?.0, Event::StreamStart) {
            return Err(GiveUp);
        }
        match self.raw()?.0 {
            Event::StreamEnd => Ok(false),
            Event::DocumentStart(..) => Ok(true),
            _ => Err(GiveUp),
        }
    }

    fn node(&mut self) -> R<(Ev<'a>, Pos)> {
        let (event, span) = self.raw()?;
        let ev = match event {
            Event::Scalar(text, style, 0, None) => Ev::Scalar(text, style == ScalarStyle::Plain),
            Event::MappingStart(_, 0, None) => Ev::Map,
            Event::SequenceStart(_, 0, None) => Ev::Seq,
            Event::MappingEnd | Event::SequenceEnd => Ev::End,
            // Anchors, aliases and tags are the general path's business.
            _ => return Err(GiveUp),
        };
        let pos = Pos {
            line: u32::try_from(span.start.line()).unwrap_or(u32::MAX),
            column: u32::try_from(span.start.col() + 1).unwrap_or(u32::MAX),
        };
        Ok((ev, pos))
    }

    fn finish(&mut self) -> R<()> {
        if !matches!(self.raw()?.0, Event::DocumentEnd) {
            return Err(GiveUp);
        }
        // A second document is the general path's business.
        if !matches!(self.raw()?.0, Event::StreamEnd) {
            return Err(GiveUp);
        }
        Ok(())
    }
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

struct Reader<'f, S> {
    file: &'f Arc<Path>,
    source: S,
    /// Sees every event, for the values Prow refuses (see [`super::json`]).
    check: Checker,
}

/// A scalar as the fast path sees it: `None` text means YAML null.
struct Scalar<'a> {
    text: Option<Cow<'a, str>>,
    pos: Pos,
}

/// What the file gave, before jobs are put in Prow's order.
#[derive(Default)]
struct Lists {
    presubmits: Vec<(String, Vec<Item>)>,
    postsubmits: Vec<(String, Vec<Item>)>,
    periodics: Vec<Item>,
}

impl<'a, S: Source<'a>> Reader<'_, S> {
    fn next(&mut self) -> R<(Ev<'a>, Pos)> {
        let (event, pos) = self.source.node()?;
        let (line, column) = (pos.line, pos.column);
        match &event {
            Ev::Scalar(text, plain) => self.check.scalar(text, *plain, None, line, column),
            Ev::Map => self.check.start(true, line, column),
            Ev::Seq => self.check.start(false, line, column),
            Ev::End => self.check.end(),
        }
        Ok((event, pos))
    }

    fn origin(&self, pos: &Pos) -> Origin {
        Origin::new(self.file.clone(), pos.line, pos.column)
    }

    fn document(&mut self, role: Role) -> R<ParsedFile> {
        let mut out = ParsedFile::default();
        let mut lists = Lists::default();
        let mut config = ProwConfig {
            file: Some(self.file.clone()),
            ..ProwConfig::default()
        };
        if self.source.begin()? {
            let (event, pos) = self.next()?;
            match event {
                Ev::Map => self.top(role, &mut lists, &mut config)?,
                Ev::Scalar(..) if self.scalar(event, pos)?.text.is_none() => {}
                _ => return Err(GiveUp),
            }
            self.source.finish()?;
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
    fn mapping(&mut self, mut f: impl FnMut(&mut Self, &str, Pos) -> R<()>) -> R<()> {
        let mut keys: Vec<Cow<'a, str>> = Vec::new();
        loop {
            let (event, pos) = self.next()?;
            let key = match event {
                Ev::End => return Ok(()),
                Ev::Scalar(key, plain) => {
                    if plain
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
            f(self, &key, pos)?;
            keys.push(key);
        }
    }

    /// Consumes one node, checking the mappings inside for repeated keys.
    fn skip_value(&mut self) -> R<()> {
        let (event, _) = self.next()?;
        self.skip_rest(event)
    }

    fn skip_rest(&mut self, event: Ev<'a>) -> R<()> {
        match event {
            Ev::Scalar(..) => Ok(()),
            Ev::Map => self.mapping(|r, _, _| r.skip_value()),
            Ev::Seq => loop {
                let (event, _) = self.next()?;
                if matches!(event, Ev::End) {
                    return Ok(());
                }
                self.skip_rest(event)?;
            },
            _ => Err(GiveUp),
        }
    }

    fn scalar(&self, event: Ev<'a>, pos: Pos) -> R<Scalar<'a>> {
        let Ev::Scalar(text, plain) = event else {
            return Err(GiveUp);
        };
        let null = plain && matches!(&*text, "" | "~" | "null" | "Null" | "NULL");
        Ok(Scalar {
            text: (!null).then_some(text),
            pos,
        })
    }

    /// A string value or null.
    fn text_or_null(&mut self) -> R<Option<Text>> {
        let (event, pos) = self.next()?;
        let s = self.scalar(event, pos)?;
        Ok(s.text.map(|t| Text {
            value: t.into_owned(),
            origin: self.origin(&s.pos),
        }))
    }

    fn sourced_or_null(&mut self) -> R<Option<Sourced<String>>> {
        Ok(self
            .text_or_null()?
            .map(|t| Sourced::new(t.value, t.origin)))
    }

    /// A list of strings (nulls in it are the general path's business), or null.
    fn text_list_or_null(&mut self) -> R<Option<Vec<Text>>> {
        let (event, pos) = self.next()?;
        match event {
            Ev::Seq => {}
            Ev::Scalar(..) if self.scalar(event, pos)?.text.is_none() => return Ok(None),
            _ => return Err(GiveUp),
        }
        let mut out = Vec::new();
        loop {
            let (event, pos) = self.next()?;
            if matches!(event, Ev::End) {
                return Ok(Some(out));
            }
            let s = self.scalar(event, pos)?;
            let text = s.text.ok_or(GiveUp)?;
            out.push(Text {
                value: text.into_owned(),
                origin: self.origin(&s.pos),
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
        let (event, pos) = self.next()?;
        match event {
            Ev::Map => {}
            Ev::Scalar(..) if self.scalar(event, pos)?.text.is_none() => return Ok(None),
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
        let (event, pos) = self.next()?;
        match event {
            Ev::Map => {}
            Ev::Scalar(..) if self.scalar(event, pos)?.text.is_none() => return Ok(None),
            _ => return Err(GiveUp),
        }
        let mut out = Vec::new();
        self.mapping(|r, key, pos| {
            let key = Sourced::new(key.to_owned(), r.origin(&pos));
            let clusters = r.sourced_list_or_null()?;
            out.push(AllowedClusters { key, clusters });
            Ok(())
        })?;
        Ok(Some(out))
    }

    /// `presubmits`/`postsubmits`: repository key → job list, or null.
    fn repo_jobs(&mut self) -> R<Vec<(String, Vec<Item>)>> {
        let (event, pos) = self.next()?;
        match event {
            Ev::Map => {}
            Ev::Scalar(..) if self.scalar(event, pos)?.text.is_none() => return Ok(Vec::new()),
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
        let (event, pos) = self.next()?;
        match event {
            Ev::Seq => {}
            Ev::Scalar(..) if self.scalar(event, pos)?.text.is_none() => return Ok(Vec::new()),
            _ => return Err(GiveUp),
        }
        let mut out = Vec::new();
        loop {
            let (event, pos) = self.next()?;
            match event {
                Ev::End => return Ok(out),
                Ev::Map => {
                    let origin = self.origin(&pos);
                    out.push(Item::Job(origin, self.job()?));
                }
                Ev::Scalar(..) if self.scalar(event, pos)?.text.is_none() => {
                    out.push(Item::Null(self.origin(&pos)));
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

/// granit-parser's node events for `text`, as [`Granit`] gives them.
#[cfg(any(test, fuzzing))]
fn granit_events(text: &str) -> Option<Vec<(Ev<'_>, Pos)>> {
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut g = Granit(Parser::new_from_str_with_options(text, options));
    let mut out = Vec::new();
    if !g.begin().ok()? {
        return Some(out);
    }
    let mut depth = 0usize;
    loop {
        let (ev, pos) = g.node().ok()?;
        match ev {
            Ev::Map | Ev::Seq => depth += 1,
            Ev::End => depth -= 1,
            Ev::Scalar(..) => {}
        }
        out.push((ev, pos));
        if depth == 0 {
            break;
        }
    }
    g.finish().ok()?;
    Some(out)
}

/// Where the scanner answers (`scanned`), how granit-parser's events for the same text differ
/// (but for the places of ends, which nothing reads); `None` when they agree.
#[cfg(any(test, fuzzing))]
pub(crate) fn scanner_disagrees(text: &str, scanned: &[(Ev<'_>, Pos)]) -> Option<String> {
    fn key<'e>((ev, pos): &(Ev<'e>, Pos)) -> (Ev<'e>, Option<Pos>) {
        match ev {
            Ev::End => (ev.clone(), None),
            _ => (ev.clone(), Some(*pos)),
        }
    }
    let Some(granit) = granit_events(text) else {
        return Some("granit-parser gives up where the scanner answers".to_owned());
    };
    let a: Vec<_> = scanned.iter().map(key).collect();
    let b: Vec<_> = granit.iter().map(key).collect();
    let at = a.iter().zip(&b).position(|(x, y)| x != y);
    if at.is_none() && a.len() == b.len() {
        return None;
    }
    let at = at.unwrap_or(a.len().min(b.len()));
    Some(format!(
        "event {at} differs: scanner {:?}, granit-parser {:?}",
        a.get(at),
        b.get(at)
    ))
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

    /// Where the scanner answers, granit-parser gives the same events at the same places
    /// (but for ends and nulls, whose places nothing reads); returns how many it answered.
    fn scanner_agrees(files: &[PathBuf]) -> usize {
        let mut answered = 0;
        for path in files {
            let Ok(bytes) = read_maybe_gzip(path) else {
                continue;
            };
            let Ok(text) = std::str::from_utf8(&bytes) else {
                continue;
            };
            let text = text.strip_prefix('\u{feff}').unwrap_or(text);
            if let Some(scanned) = crate::yaml::scan::events(text) {
                answered += 1;
                if let Some(d) = scanner_disagrees(text, &scanned) {
                    panic!("{}: {d}", path.display());
                }
            }
        }
        answered
    }

    #[test]
    fn the_scanner_reads_as_granit_parser_does() {
        let mut files = Vec::new();
        files_under(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/prow"),
            &mut files,
        );
        let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus/prow-jobs");
        let mut real = Vec::new();
        files_under(&corpus, &mut real);
        let answered = scanner_agrees(&files);
        assert!(answered > 0);
        if real.is_empty() {
            assert!(
                std::env::var_os("CI").is_none_or(|v| v.is_empty()),
                "../shared/corpus not found but CI is set"
            );
            return;
        }
        let answered = scanner_agrees(&real);
        println!("the scanner read {answered} of {} corpus files", real.len());
        // The scanner is what makes loading quick: it must take nearly every real file.
        assert!(
            answered * 100 >= real.len() * 95,
            "{answered} of {}",
            real.len()
        );
    }

    #[test]
    fn one_thread_scans_file_after_file_into_the_same_buffer() {
        let first = crate::yaml::scan::events("a: [1, 2, 3]\nb: {c: d}\n").expect("plain YAML");
        let (buffer, room) = (first.as_ptr() as usize, first.capacity());
        crate::yaml::scan::recycle(first.into_iter());
        let second = crate::yaml::scan::events("e: f\n").expect("plain YAML");
        assert_eq!(second.as_ptr() as usize, buffer);
        assert!(second.capacity() >= room);
        assert_eq!(second.len(), 4, "{second:?}");
    }

    #[test]
    fn the_scanner_reads_the_yaml_job_files_use_as_granit_parser_does() {
        let read = [
            "a: 1\nb: two words # a comment\nc: 'it''s'\nd: \"tab\\there \\u00e9\\x41\"\n",
            "---\n# c\nperiodics:\n- name: x\n  cluster: b\n  spec:\n    containers:\n    - args: [--a=1, \"b\", {c: d}]\n      command:\n      - runner.sh\n",
            "a:\n- b: 1\n  c:\n  - d\n- - e\n  - f\ng: {}\nh: []\n",
            "a: |\n  one\n\n   two\n\nb: |-\n  x\n\nc: |+\n  y\n\n\nd: >\n  p\n  q\n\n  r\ne: >-\n\n  s\nf: |\n\n\n  t\n",
            "- a:\n    b: c\n  d: url://x:y/z\n- \"q\": 'r'\n",
            "a: é ü no\n",
            "a: café\nünï: x\n",
            "key :   v\n'k': \"\"\n",
            "a:\n\n  # between\n  b: 1\n",
            "a:   \n-   x\n",
            "---\n",
            "# only\n",
            "a: -1\nb: --flag=x\nc: a#b\nd: x, y [z] {w}\n",
        ];
        for text in read {
            let scanned =
                crate::yaml::scan::events(text).unwrap_or_else(|| panic!("gave up on {text:?}"));
            assert_eq!(scanner_disagrees(text, &scanned), None, "{text:?}");
        }
        let left = [
            "a: &x 1\n",
            "a: *x\n",
            "a: !t 1\n",
            "%YAML 1.2\n---\na: 1\n",
            "a: 1\n---\nb: 2\n",
            "a: 1\n...\n",
            "a: b\n  c\n",
            "a: 'b\n  c'\n",
            "? a\n: b\n",
            "a:\n- \n- b\n",
            "a: [b,\n  c]\n",
            "a: |2\n   x\n",
            "a: >\n  x\n    y\n",
            "a: b: c\n",
            "a:\tb\n",
            "a: b\r\n",
            "a: |\n  x",
            "[a]: b\n",
            "a: @x\n",
            "a: {b}\n",
            "a: [b: c]\n",
            "a: - b\n",
            "  a: 1\nb: 2\n",
            "a: \"\\q\"\n",
            "a: |\n\nb: 1\n",
            // Found by fuzzing: granit-parser takes NUL for the end of the text.
            "- name: igno\u{4}\0\0red\n",
            "a:\n  \0\0  b: c\n",
            "a: b\u{7f}\n",
            "a: b\u{9f}c\n",
            "a: \u{fffe}\n",
        ];
        for text in left {
            if let Some(scanned) = crate::yaml::scan::events(text) {
                panic!("read {text:?} as {scanned:?}");
            }
        }
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
