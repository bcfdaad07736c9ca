//! `migrate config`: remove `pod_namespace` and `prowjob_namespace` from Prow's `config.yaml`
//! (the federated design's last step), deleting just their lines; nothing else in the file changes.

use std::path::Path;

use serde_saphyr::granit_parser::{Event, Options, Parser, StructureStyle};

use crate::write::Snapshot;
use crate::{Error, Result};

pub const FIELDS: [&str; 2] = ["pod_namespace", "prowjob_namespace"];

/// The new text of the config file, and the fields removed (with their 1-based lines).
#[derive(Clone, Debug)]
pub struct ConfigEdit {
    pub snapshot: Snapshot,
    pub new: String,
    pub removed: Vec<(&'static str, u32)>,
}

impl ConfigEdit {
    pub fn diff(&self) -> String {
        super::jobs::unified_diff(&self.snapshot, &self.new)
    }
}

/// Plans the removal. A field written anywhere but on lines of its own at the top level of
/// a block mapping (flow style, a value sharing a line with another key) is an error naming
/// the line: the edit would not be minimal.
pub fn plan(path: &Path) -> Result<ConfigEdit> {
    let snapshot = Snapshot::read(path)?;
    let text = std::str::from_utf8(&snapshot.bytes)
        .map_err(|_| {
            Error::in_file(
                "invalid-config",
                crate::source::Origin::file(path),
                format!("{}: not UTF-8", path.display()),
                "give Prow's config.yaml",
            )
        })?
        .to_string();
    let mut options = Options::default();
    options.set_emit_comments(false);
    let mut parser = Parser::new_from_str_with_options(&text, options);
    let bad = |what: &str| {
        Error::in_file(
            "invalid-config",
            crate::source::Origin::file(path),
            format!("{}: {what}", path.display()),
            "give Prow's config.yaml",
        )
    };
    let mut next = || match parser.next_event() {
        Some(Ok(e)) => Ok(e),
        _ => Err(bad("cannot be read as YAML")),
    };
    let mut ranges: Vec<(usize, usize, &'static str, u32)> = Vec::new();
    // Up to the top-level mapping.
    loop {
        match next()?.0 {
            Event::StreamStart | Event::DocumentStart(..) => {}
            Event::MappingStart(style, ..) => {
                if style == StructureStyle::Flow {
                    return Err(bad(
                        "the top-level mapping is in flow style; edit it by hand",
                    ));
                }
                break;
            }
            _ => {
                return Ok(ConfigEdit {
                    snapshot,
                    new: text,
                    removed: Vec::new(),
                });
            }
        }
    }
    let mut depth = 0usize;
    let mut key: Option<(&'static str, usize, u32)> = None;
    let mut expect_key = true;
    loop {
        let (event, span) = next()?;
        match event {
            Event::MappingStart(..) | Event::SequenceStart(..) => depth += 1,
            Event::MappingEnd | Event::SequenceEnd if depth == 0 => break,
            Event::MappingEnd | Event::SequenceEnd => depth -= 1,
            _ => {}
        }
        if depth > 0 {
            continue;
        }
        // Back at the top level: this event is a key, or ends a value.
        let is_end = matches!(event, Event::MappingEnd | Event::SequenceEnd);
        if expect_key && !is_end {
            if let Event::Scalar(k, ..) = &event
                && let Some(f) = FIELDS.iter().find(|f| **f == k.as_ref())
            {
                let start = span.start.byte_offset().unwrap_or(0);
                key = Some((f, start, u32::try_from(span.start.line()).unwrap_or(0)));
            }
            expect_key = false;
            continue;
        }
        expect_key = true;
        if let Some((f, start, line)) = key.take() {
            let end = span.end.byte_offset().unwrap_or(start);
            ranges.push((start, end, f, line));
        }
    }
    let mut new = String::with_capacity(text.len());
    let mut last = 0;
    let mut removed = Vec::new();
    for (start, end, field, line) in ranges {
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let end = text[..end].trim_end_matches([' ', '\t', '\r', '\n']).len();
        let line_end = text[end..].find('\n').map_or(text.len(), |i| end + i + 1);
        let next_line = &text[end..line_end];
        let after_value = next_line.trim_start();
        if start != line_start || !(after_value.is_empty() || after_value.starts_with('#')) {
            return Err(bad(&format!(
                "line {line}: {field} shares its line with something else; edit it by hand"
            )));
        }
        new.push_str(&text[last..line_start]);
        last = line_end;
        removed.push((field, line));
    }
    new.push_str(&text[last..]);
    // The edited file must read back without the fields, and with the same jobs.
    let (before_jobs, _) = crate::prow::parse_jobs(path, &text, true);
    let (after_jobs, _) = crate::prow::parse_jobs(path, &new, true);
    let config = crate::prow::parse_config(path, &new);
    let still_set =
        config.is_none_or(|c| c.pod_namespace.is_some() || c.prowjob_namespace.is_some());
    // Lines move, so jobs are compared without their positions.
    let key = |j: &crate::prow::Job| {
        (
            j.name.clone(),
            j.kind,
            j.repo.clone(),
            j.cluster().map(str::to_string),
        )
    };
    let same_jobs = before_jobs.iter().map(key).eq(after_jobs.iter().map(key));
    if !same_jobs || still_set {
        return Err(bad("the edit would change the jobs; edit it by hand"));
    }
    Ok(ConfigEdit {
        snapshot,
        new,
        removed,
    })
}
